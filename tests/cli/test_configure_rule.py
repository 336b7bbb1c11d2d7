#!/usr/bin/env python3
"""
Rule options (issue 14): cfn-lint's -x/--configure-rule RULE:key=value...,
the configuration key configure_rules ({RULE: {key: value}}) and the template's
Metadata cfn-lint config configure_rules, for every option of a cfn-lint rule
that stacklint has (cfn-lint's docs/rules.md "Config" column): E1001 sections,
E1029 custom_excludes, E3012 strict, E3031 exceptions, I3042 partition, region
and accountId. Precedence is cfn-lint's ConfigMixIn._get_argument_value: the
command line's settings, else the Metadata's, else the file's, each replacing
the one below whole. A wrong setting is a usage error (exit 1); one of
cfn-lint's options that stacklint ignores (E3019 exceptions, the experimental
I4010-I4012's) is a one-line notice. docs/configure-rules.md lists them.

    test_configure_rule.py STACKLINT [unittest options]

Only the Python standard library is used.
"""
import sys

import test_cli as base

# DelaySeconds is an integer written as a string: CloudFormation converts it;
# E3012's strict option reports it
STRICT = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: "30"
      QueueName: plain
"""

STRICT_META = """AWSTemplateFormatVersion: "2010-09-09"
Metadata:
  cfn-lint:
    config:
      configure_rules:
        E3012:
          strict: %s
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: "30"
"""

PATTERN = """Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: my-lambda-role
      PackageType: Image
      Code:
        ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/fn:latest
"""

SUB_NEEDED = """Parameters:
  Stage:
    Type: String
Resources:
  T:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: "topic-${Stage}"
"""

SECTIONS = """AWSTemplateFormatVersion: "2010-09-09"
X-Tooling:
  owner: me
Resources:
  T:
    Type: AWS::SNS::Topic
"""

ARN = """Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "arn:aws:sqs:us-east-1:123456789012:q-${AWS::StackName}"
"""


class RuleOptionCase(base.CliTestCase):
    def findings(self, p, rule):
        """(line, col) of each text finding of `rule`."""
        return [(d["line"], d["col"]) for d in base.text_diags(p.stdout) if d["id"] == rule]

    def usage_error(self, p, *words):
        self.assertEqual((p.returncode, p.stdout), (1, ""), p.stderr)
        for w in words:
            self.assertIn(w, p.stderr)
        self.assertEqual(len(p.stderr.splitlines()), 1, p.stderr)


class TestE3012Strict(RuleOptionCase):
    def test_default_off(self):
        self.write("t.yaml", STRICT)
        p = self.sl("t.yaml")
        self.assertEqual((p.returncode, self.findings(p, "E3012")), (0, []), p.stdout)

    def test_command_line(self):
        self.write("t.yaml", STRICT)
        for args in (["-x", "E3012:strict=true"], ["--configure-rule", "E3012:strict=TRUE"],
                     ["--configure-rule=E3012:strict=true"], ["-xE3012:strict=true"]):
            with self.subTest(args=args):
                p = self.sl(*args, "t.yaml")
                self.assertEqual(self.findings(p, "E3012"), [(6, 21)], p.stdout)
                self.assertIn("expected an integer, found a string", p.stdout)
                self.assertEqual((p.returncode, p.stderr), (2, ""))
        p = self.sl("-x", "E3012:strict=false", "t.yaml")
        self.assertEqual(self.findings(p, "E3012"), [])

    def test_several_values_per_option(self):
        # cfn-lint's nargs='+' and its comma split
        self.write("t.yaml", STRICT)
        self.write("a.yaml", ARN)
        for args in (["-x", "E3012:strict=true", "I3042:region=true", "--", "t.yaml", "a.yaml"],
                     ["-x", "E3012:strict=true,I3042:region=true", "t.yaml", "a.yaml"],
                     ["-x", "E3012:strict=true", "I3042:region=true", "t.yaml", "a.yaml"],
                     ["-x", "E3012:strict=true", "-x", "I3042:region=true", "t.yaml", "a.yaml"]):
            with self.subTest(args=args):
                p = self.sl("-c", "I3042", *args)
                self.assertEqual(self.findings(p, "E3012"), [(6, 21)], p.stdout)
                self.assertIn((5, 36), self.findings(p, "I3042"))  # the region field

    def test_configuration_file(self):
        self.write("t.yaml", STRICT)
        for value in ("true", "yes", "'true'"):
            with self.subTest(value=value):
                self.write(".cfnlintrc", "configure_rules:\n  E3012:\n    strict: %s\n" % value)
                self.assertEqual(self.findings(self.sl("t.yaml"), "E3012"), [(6, 21)])

    def test_template_metadata(self):
        self.write("t.yaml", STRICT_META % "true")
        self.assertEqual(self.findings(self.sl("t.yaml"), "E3012"), [(12, 21)])
        self.write("t.yaml", STRICT_META % "false")
        self.assertEqual(self.findings(self.sl("t.yaml"), "E3012"), [])

    def test_precedence(self):
        # the command line beats the Metadata, which beats the file
        self.write("on.yaml", STRICT_META % "true")
        self.write("off.yaml", STRICT_META % "false")
        self.assertEqual(self.findings(self.sl("-x", "E3012:strict=false", "on.yaml"), "E3012"), [])
        self.assertEqual(self.findings(self.sl("-x", "E3012:strict=true", "off.yaml"), "E3012"), [(12, 21)])
        self.write(".cfnlintrc", "configure_rules:\n  E3012:\n    strict: true\n")
        self.assertEqual(self.findings(self.sl("off.yaml"), "E3012"), [])
        self.write(".cfnlintrc", "configure_rules:\n  E3012:\n    strict: false\n")
        self.assertEqual(self.findings(self.sl("on.yaml"), "E3012"), [(12, 21)])
        # a layer replaces the one below whole: a -x of another rule drops the
        # file's E3012 setting (cfn-lint merges no dictionaries)
        self.write("t.yaml", STRICT)
        self.write(".cfnlintrc", "configure_rules:\n  E3012:\n    strict: true\n")
        self.assertEqual(self.findings(self.sl("t.yaml"), "E3012"), [(6, 21)])
        self.assertEqual(self.findings(self.sl("-x", "I3042:region=true", "t.yaml"), "E3012"), [])


class TestOtherOptions(RuleOptionCase):
    def test_e3031_exceptions(self):
        self.write("t.yaml", PATTERN)
        self.assertEqual(self.findings(self.sl("t.yaml"), "E3031"), [(5, 13)])
        # matched from the start, as Python's re.match
        self.assertEqual(self.findings(self.sl("-x", "E3031:exceptions=my-", "t.yaml"), "E3031"), [])
        self.assertEqual(self.findings(self.sl("-x", "E3031:exceptions=lambda", "t.yaml"), "E3031"), [(5, 13)])
        self.write(".cfnlintrc", "configure_rules:\n  E3031:\n    exceptions: ['^x', '^my-[a-z-]+$']\n")
        self.assertEqual(self.findings(self.sl("t.yaml"), "E3031"), [])
        self.write(".cfnlintrc", "configure_rules:\n  E3031:\n    exceptions: ['^x']\n")
        self.assertEqual(self.findings(self.sl("t.yaml"), "E3031"), [(5, 13)])

    def test_e1029_custom_excludes(self):
        self.write("t.yaml", SUB_NEEDED)
        self.assertEqual(self.findings(self.sl("t.yaml"), "E1029"), [(8, 29)])
        # matched against the whole "${...}"
        self.assertEqual(self.findings(self.sl("-x", r"E1029:custom_excludes=\$\{Stage\}", "t.yaml"), "E1029"), [])
        self.assertEqual(self.findings(self.sl("-x", "E1029:custom_excludes=Stage", "t.yaml"), "E1029"), [(8, 29)])

    def test_e1001_sections(self):
        self.write("t.yaml", SECTIONS)
        self.assertEqual(self.findings(self.sl("t.yaml"), "E1001"), [(2, 1)])
        self.assertEqual(self.findings(self.sl("-x", "E1001:sections=X-Tooling", "t.yaml"), "E1001"), [])
        self.assertEqual(self.findings(self.sl("-x", "E1001:sections=X-Other", "t.yaml"), "E1001"), [(2, 1)])

    def test_i3042_fields(self):
        self.write("t.yaml", ARN)
        p = self.sl("-c", "I3042", "t.yaml")
        self.assertEqual(self.findings(p, "I3042"), [(5, 28)])  # the partition only, by default
        p = self.sl("-c", "I3042", "-x", "I3042:region=true", "I3042:accountId=true", "--", "t.yaml")
        self.assertEqual(self.findings(p, "I3042"), [(5, 28), (5, 36), (5, 46)])
        self.assertIn("ARN region 'us-east-1' is hard-coded", p.stdout)
        self.assertIn("ARN account '123456789012' is hard-coded", p.stdout)
        p = self.sl("-c", "I3042", "-x", "I3042:partition=false", "t.yaml")
        self.assertEqual(self.findings(p, "I3042"), [])
        # fields cfn-lint accepts: ${AWS::Region}, ${Name}, an account of "aws"
        self.write("ok.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                   "      QueueName: !Sub 'arn:${AWS::Partition}:iam::aws:policy/x-${AWS::Region}'\n"
                   "      RedrivePolicy: {deadLetterTargetArn: !Sub "
                   "'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:dlq'}\n")
        p = self.sl("-c", "I3042", "-x", "I3042:region=true,I3042:accountId=true", "ok.yaml")
        self.assertEqual(self.findings(p, "I3042"), [])


class TestWrongSettings(RuleOptionCase):
    def test_command_line_errors(self):
        self.write("t.yaml", STRICT)
        cases = [
            ("E3012strict", ["RULE:key=value", "E3012strict"]),
            ("E3012:strict", ["RULE:key=value"]),
            ("E9999:x=1", ["no rule 'E9999' takes options"]),
            ("E3002:x=1", ["rule E3002 takes no options", "E3012"]),
            ("E3012:stric=true", ["rule E3012 has no option 'stric'", "strict"]),
            ("E3012:strict=maybe", ["E3012:strict takes true or false, not 'maybe'"]),
            ("E3031:exceptions=(", ["not a regular expression", "offset"]),
            ("E1029:custom_excludes=[", ["not a regular expression"]),
        ]
        for arg, words in cases:
            with self.subTest(arg=arg):
                self.usage_error(self.sl("-x", arg, "t.yaml"), *words)

    def test_configuration_errors(self):
        self.write("t.yaml", STRICT)
        cases = [
            ("configure_rules: [E3012]\n", ["1:18", "mapping"]),
            ("configure_rules:\n  E3012: true\n", ["2:10", "options of E3012"]),
            ("configure_rules:\n  E3012:\n    strict: 5\n", ["3:13", "true or false"]),
            ("configure_rules:\n  E3012:\n    strict: {a: 1}\n", ["3:13"]),
            ("configure_rules:\n  E1234:\n    x: 1\n", ["no rule 'E1234'"]),
        ]
        for text, words in cases:
            with self.subTest(text=text):
                self.write(".cfnlintrc", text)
                p = self.sl("t.yaml")
                self.usage_error(p, ".cfnlintrc", *words)

    def test_cfn_lint_options_stacklint_ignores(self):
        self.write("t.yaml", STRICT)
        for arg, words in (("E3019:exceptions={}", ["E3019:exceptions is ignored"]),
                           ("I4010:additional_low_value_types=x", ["no rule I4010"])):
            with self.subTest(arg=arg):
                p = self.sl("-x", arg, "t.yaml")
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertEqual(len(p.stderr.splitlines()), 1, p.stderr)
                self.assertTrue(p.stderr.startswith("stacklint: note: "), p.stderr)
                for w in words:
                    self.assertIn(w, p.stderr)
                # an editor's --format json gets no stray stderr
                p = self.sl("-f", "json", "-x", arg, "t.yaml")
                self.assertEqual((p.returncode, p.stderr), (0, ""))

    def test_cfn_lint_mapping_option_in_a_file(self):
        self.write("t.yaml", STRICT)
        self.write(".cfnlintrc", "configure_rules:\n  E3019:\n    exceptions:\n"
                   "      AWS::CodeBuild::Project: {primaryIdentifier: [/properties/Name]}\n")
        p = self.sl("t.yaml")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr.count("\n"), 1, p.stderr)
        self.assertIn(".cfnlintrc:3:5: cfn-lint's rule option E3019:exceptions is ignored", p.stderr)

    def test_wrong_metadata_settings_are_left_out(self):
        # template content cannot make the run fail: a wrong Metadata
        # setting is ignored and the right ones still apply
        self.write("t.yaml", STRICT_META.replace("strict: %s", "strict: true\n        E9999:\n"
                                                 "          foo: 1\n        E3031:\n"
                                                 "          exceptions: '('"))
        p = self.sl("t.yaml")
        self.assertEqual(p.stderr, "")
        self.assertEqual(self.findings(p, "E3012"), [(16, 21)])


def main():
    return base.main()


if __name__ == "__main__":
    sys.exit(main())

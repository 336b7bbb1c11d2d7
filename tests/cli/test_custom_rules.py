#!/usr/bin/env python3
"""
cfn-lint's custom rules (-z/--custom-rules FILE, the `custom_rules` setting),
run against the built binary: the findings of tests/custom/rules.txt on
tests/custom/template.yaml and of tests/custom/sam-rules.txt on
tests/custom/sam.yaml, compared whole (rule ID, level, start and end,
template path, message) with the .expected.json beside each template; and
the lines of a rules file that stop the run, -i and Metadata on custom IDs,
the configuration's relative path, line endings and the 90000-line limit.

What cfn-lint does, for reference: src/cfnlint/rules/custom/__init__.py
(make_rule: the line format, E/W + 9000 + the line number, WARN/ERROR and the
message) and Operators.py (each operator, the invalid rule), and
rules/_rules.py (create_from_custom_rules_file: every line counts).

Every test runs in a fresh copy of tests/cli/data/ with tests/custom/ copied
into it as custom/.

    test_custom_rules.py STACKLINT [unittest options]

Only the Python standard library is used.
"""
import json
import os
import re
import shutil
import sys

import test_cli as base  # the harness: run(), a fresh copy of tests/cli/data/ per test

CUSTOM = os.path.join(base.SOURCE_ROOT, "tests", "custom")
CUSTOM_ID = re.compile(r"^[EW]9\d{3}$")


class CustomTestCase(base.CliTestCase):
    def setUp(self):
        super().setUp()
        self.cdir = os.path.join(self.dir, "custom")
        shutil.copytree(CUSTOM, self.cdir)

    def findings(self, p, only_custom=True):
        """The custom-rule findings of a --format json run, as the .expected.json
        files write them."""
        self.assertEqual(p.stderr, "")
        out = []
        for d in json.loads(p.stdout):
            if only_custom and not CUSTOM_ID.match(d["Rule"]["Id"]):
                continue
            loc = d["Location"]
            out.append({"Id": d["Rule"]["Id"], "Level": d["Level"],
                        "Start": [loc["Start"]["LineNumber"], loc["Start"]["ColumnNumber"]],
                        "End": [loc["End"]["LineNumber"], loc["End"]["ColumnNumber"]],
                        "Path": loc["Path"], "Message": d["Message"]})
        return out

    def expected(self, name):
        with open(os.path.join(CUSTOM, name), encoding="utf-8") as f:
            return json.load(f)

    def ids(self, p):
        return sorted(f["Id"] for f in self.findings(p))


class TestLanguage(CustomTestCase):
    """Every operator and form of a rule, on a template and on SAM."""

    def test_every_operator(self):
        # EQUALS/==, NOT_EQUALS/!=, IN, NOT_IN, >, >=, <, <=, IS DEFINED,
        # IS NOT_DEFINED, REGEX_MATCH; WARN and ERROR with and without a message;
        # comments and a blank line (which count as lines); paths through lists
        # (BlockDeviceMappings.Ebs.Encrypted, Tags.Key); Fn::If (both branches),
        # Ref AWS::NoValue (removes the property), Ref/Sub values left alone;
        # a missing property (at the Properties key or the map that lacks it);
        # resource Metadata ignore_checks; the invalid lines, once each at 1:1
        p = self.sl("-z", "rules.txt", "template.yaml", "--format", "json", cwd=self.cdir)
        self.assertEqual(p.returncode, 6, p.stderr)
        self.assertEqual(self.findings(p), self.expected("template.expected.json"))

    def test_sam_globals(self):
        # serverless resources are seen with Globals applied (a value from Globals
        # is reported at Globals, once); IgnoreGlobals; a resource without
        # Properties gets IS DEFINED at its Type key
        p = self.sl("-z", "sam-rules.txt", "sam.yaml", "--format", "json", cwd=self.cdir)
        self.assertEqual(p.returncode, 6, p.stderr)
        self.assertEqual(self.findings(p), self.expected("sam.expected.json"))

    def test_long_option_and_text_format(self):
        p = self.sl("--custom-rules", "rules.txt", "template.yaml", cwd=self.cdir)
        self.assertEqual(p.stderr, "")
        lines = [l for l in p.stdout.splitlines() if re.search(r" [EW]9\d{3} ", l)]
        self.assertIn("template.yaml:28:21: warning W9006 p3.2xlarge is expensive: use a g5 instance", lines)
        self.assertIn("template.yaml:1:1: error E9022 custom rule rules.txt:22:28 is not checked: "
                      "'CONTAINS' is not an operator: use EQUALS, ==, NOT_EQUALS, !=, REGEX_MATCH, IN, "
                      "NOT_IN, >, >=, <, <=, IS DEFINED or IS NOT_DEFINED", lines)

    def test_quote_flexible_and_levels(self):
        # cfn-lint's documented permutations: quoted or not, a message quoted or not
        self.write("custom/q.txt",
                   'AWS::EC2::Instance InstanceType EQUALS "m5 large"\n'
                   "AWS::EC2::Instance InstanceType EQUALS m5 large\n"
                   'AWS::EC2::Instance InstanceType EQUALS m5 large WARN "Custom Error"\n'
                   "AWS::EC2::Instance InstanceType EQUALS m5 large ERROR Custom Error\n"
                   "AWS::EC2::Instance InstanceType EQUALS m5 large WARN\n"
                   "AWS::EC2::Instance InstanceType == \"a WARN b\" ERROR\n")
        self.write("custom/q.yaml", "Resources:\n  I:\n    Type: AWS::EC2::Instance\n"
                   "    Properties:\n      InstanceType: m4 LARGE\n      ImageId: ami-0123456789abcdef0\n")
        got = self.findings(self.sl("-z", "q.txt", "q.yaml", "--format", "json", cwd=self.cdir))
        default = "InstanceType is 'm4 LARGE'; custom rule q.txt:%d requires %s (EQUALS, in any case)"
        self.assertEqual([(f["Id"], f["Level"], f["Start"], f["Message"]) for f in got], [
            ("E9001", "Error", [5, 21], default % (1, "'m5 large'")),
            ("E9002", "Error", [5, 21], default % (2, "'m5 large'")),
            ("E9004", "Error", [5, 21], "Custom Error"),
            ("E9006", "Error", [5, 21], default % (6, "'a WARN b'")),
            ("W9003", "Warning", [5, 21], "Custom Error"),
            ("W9005", "Warning", [5, 21], default % (5, "'m5 large'")),
        ])
        # and m5 large in any case passes them all
        self.write("custom/q.yaml", "Resources:\n  I:\n    Type: AWS::EC2::Instance\n"
                   "    Properties:\n      InstanceType: M5 Large\n      ImageId: ami-0123456789abcdef0\n")
        got = self.findings(self.sl("-z", "q.txt", "q.yaml", "--format", "json", cwd=self.cdir))
        self.assertEqual([f["Id"] for f in got], ["E9006"])

    def test_crlf_and_cr_line_ends(self):
        # lines end at \n, \r\n or \r, as Python's text files read them: the IDs are the same
        for nl in ("\r\n", "\r"):
            with self.subTest(nl=repr(nl)):
                self.write("custom/nl.txt", nl.join(["# c", "", "AWS::S3::Bucket BucketName == x WARN m", ""]))
                self.write("custom/nl.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
                           "    Properties:\n      BucketName: y\n")
                p = self.sl("-z", "nl.txt", "nl.yaml", "--format", "json", cwd=self.cdir)
                self.assertEqual([(f["Id"], f["Start"], f["Message"]) for f in self.findings(p)],
                                 [("W9003", [5, 19], "m")])

    def test_yaml_alias_and_merge_key_are_unknown(self):
        # stacklint never expands an alias or a merge key: what they bring in is not
        # known, so IS DEFINED does not call it missing (a finding would be false)
        self.write("custom/alias.txt", "AWS::Lambda::Function Environment.Variables.STAGE IS DEFINED\n")
        self.write("custom/alias.yaml",
                   "Resources:\n"
                   "  F:\n    Type: AWS::Lambda::Function\n    Properties: &p\n"
                   "      Environment: &env\n        Variables: {STAGE: x}\n"
                   "  G:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment: *env\n"
                   "  H:\n    Type: AWS::Lambda::Function\n    Properties:\n      <<: *p\n"
                   "  I:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment: {}\n")
        p = self.sl("-z", "alias.txt", "alias.yaml", "--format", "json", cwd=self.cdir)
        self.assertEqual([(f["Id"], f["Path"]) for f in self.findings(p)],
                         [("E9001", ["Resources", "I", "Properties", "Environment"])])

    def test_only_templates(self):
        # custom rules run on templates, not on the files that deploy with them:
        # an invalid rule, reported in every template, is not reported in an appspec
        self.write("custom/inv.txt", "AWS::S3::Bucket BucketName CONTAINS x\n")
        self.write("custom/appspec.yml", "version: 0.0\nResources: []\n")
        p = self.sl("-z", "inv.txt", "appspec.yml", "sam.yaml", "--format", "json", cwd=self.cdir)
        self.assertEqual([(f["Id"], f["Start"]) for f in self.findings(p)], [("E9001", [1, 1])])
        self.assertEqual([d["Filename"] for d in json.loads(p.stdout) if d["Rule"]["Id"] == "E9001"],
                         ["sam.yaml"])


class TestSelection(CustomTestCase):
    """-i, -m, --severity and Metadata apply to custom IDs as to any other."""

    def test_ignore_checks(self):
        all_ids = self.ids(self.sl("-z", "rules.txt", "template.yaml", "--format", "json", cwd=self.cdir))
        self.assertIn("E9005", all_ids)
        p = self.sl("-z", "rules.txt", "-i", "E9005", "--format", "json", "--", "template.yaml", cwd=self.cdir)
        self.assertEqual(self.ids(p), [i for i in all_ids if i != "E9005"])
        # by prefix: W9 drops every WARN rule; E902 the invalid lines 22-27
        p = self.sl("-z", "rules.txt", "-i", "W9", "E902", "--format", "json", "--", "template.yaml",
                    cwd=self.cdir)
        self.assertEqual(self.ids(p), [i for i in all_ids if not i.startswith(("W9", "E902"))])

    def test_ignored_custom_id_is_no_old_id(self):
        # stacklint's own rules were 9xxx before 99xxx: -i E9001 gets a notice naming
        # E99001 — unless a custom rule has that very ID (line 5 here; line 1 is a comment)
        p = self.sl("-z", "rules.txt", "-i", "E9005", "--", "template.yaml", cwd=self.cdir)
        self.assertEqual(p.stderr, "")
        self.assertNotIn(" E9005 ", p.stdout)
        p = self.sl("-z", "rules.txt", "-i", "E9001", "--", "template.yaml", cwd=self.cdir)
        self.assertIn("E99001", p.stderr)

    def test_template_metadata(self):
        t = open(os.path.join(self.cdir, "template.yaml"), encoding="utf-8").read()
        self.write("custom/meta.yaml", "Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [E9022, W90]\n" + t)
        p = self.sl("-z", "rules.txt", "meta.yaml", "--format", "json", cwd=self.cdir)
        ids = self.ids(p)
        self.assertNotIn("E9022", ids)
        self.assertFalse([i for i in ids if i.startswith("W90")], ids)
        self.assertIn("E9023", ids)

    def test_mandatory_over_metadata(self):
        # IgnoredBucket's Metadata ignores E9017; -m E9017 makes it count anyway
        p = self.sl("-z", "rules.txt", "-m", "E9017", "--format", "json", "--", "template.yaml", cwd=self.cdir)
        got = [f["Path"][1] for f in self.findings(p) if f["Id"] == "E9017"]
        self.assertEqual(got, ["ConditionalBucket", "IgnoredBucket"])

    def test_severity(self):
        p = self.sl("-z", "rules.txt", "--severity", "error", "template.yaml", "--format", "json", cwd=self.cdir)
        self.assertFalse([i for i in self.ids(p) if i.startswith("W")])


class TestConfiguration(CustomTestCase):
    """custom_rules in .cfnlintrc / .stacklintrc.yaml: a path from the current
    directory, as cfn-lint opens it; -z wins over it."""

    def test_relative_path_in_config(self):
        for name in (".cfnlintrc", ".stacklintrc.yaml"):
            with self.subTest(config=name):
                self.write(name, "custom_rules: custom/rules.txt\n")
                p = self.sl("custom/template.yaml", "--format", "json")
                got = self.findings(p)
                self.assertEqual(len(got), len(self.expected("template.expected.json")))
                self.assertIn("custom rule custom/rules.txt:22:28 is not checked", got[0]["Message"])
                os.remove(os.path.join(self.dir, name))

    def test_command_line_wins(self):
        self.write(".cfnlintrc", "custom_rules: custom/rules.txt\n")
        p = self.sl("-z", "custom/sam-rules.txt", "custom/sam.yaml", "--format", "json")
        self.assertEqual(self.ids(p), ["E9001", "E9002", "E9003", "W9004"])

    def test_config_file_option(self):
        # --config-file elsewhere: the path is still from the current directory
        self.write("conf/rc.yaml", "custom_rules: custom/sam-rules.txt\n")
        p = self.sl("--config-file", "conf/rc.yaml", "custom/sam.yaml", "--format", "json")
        self.assertEqual(self.ids(p), ["E9001", "E9002", "E9003", "W9004"])

    def test_not_a_file_name(self):
        self.write(".cfnlintrc", "custom_rules: [a.txt]\n")
        p = self.sl("custom/sam.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertIn(".cfnlintrc:1:15: 'custom_rules' must be the name of a custom rules file", p.stderr)
        # an empty name is none, as cfn-lint reads it
        self.write(".cfnlintrc", "custom_rules: ''\n")
        p = self.sl("custom/sam.yaml", "--format", "json")
        self.assertEqual((p.returncode, self.findings(p)), (0, []))


class TestRefused(CustomTestCase):
    """Where cfn-lint fails (exit 1) so does stacklint, with FILE:LINE:COLUMN."""

    def refused(self, text, expected_stderr, mode="w"):
        path = os.path.join(self.cdir, "bad.txt")
        with open(path, mode) as f:
            f.write(text)
        p = self.sl("-z", "bad.txt", "sam.yaml", "--format", "json", cwd=self.cdir)
        self.assertEqual((p.returncode, p.stdout), (1, ""), p.stderr)
        self.assertEqual(p.stderr, expected_stderr)

    def test_missing_parts(self):
        # cfn-lint stops on such a line (UnboundLocalError; its issue #2756)
        self.refused("# ok\nAWS::S3::Bucket BucketName ==\n",
                     "bad.txt:2:30: custom rule has no value: a rule is <Resource Type> <Property> "
                     "<Operator> <Value> [WARN|ERROR [message]] (cfn-lint fails on this line too)\n")
        self.refused("AWS::S3::Bucket\n",
                     "bad.txt:1:16: custom rule has only one part: a rule is <Resource Type> <Property> "
                     "<Operator> <Value> [WARN|ERROR [message]] (cfn-lint fails on this line too)\n")

    def test_missing_file(self):
        p = self.sl("-z", "nowhere.txt", "sam.yaml", cwd=self.cdir)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stderr, "stacklint: cannot read the custom rules file 'nowhere.txt': "
                         "No such file or directory\n")

    def test_not_text(self):
        self.refused(b"AWS::S3::Bucket BucketName == caf\xe9\n",
                     "bad.txt:1:34: the custom rules file is not UTF-8 text\n", mode="wb")
        self.refused(b"# a\nAWS::S3::Bucket Bucket\x00Name == x\n",
                     "bad.txt:2:23: the custom rules file holds a NUL byte: it is not a text file\n", mode="wb")

    def test_line_90000(self):
        # cfn-lint would number the rule on line 90000 E99000: stacklint's own range
        rule = "AWS::S3::Bucket BucketName == x\n"
        self.refused("\n" * 89999 + rule,
                     "bad.txt:90000:1: a custom rule on line 90000 would be E99000 or W99000, in the range "
                     "of stacklint's own rules (99xxx): rules are read from lines 1 to 89999 only (blank "
                     "and comment lines count); move the rules up\n")
        # the line before is a rule like any other, and comments after it are fine
        with open(os.path.join(self.cdir, "ok.txt"), "w") as f:
            f.write("\n" * 89998 + rule + "# the end\n" * 3)
        p = self.sl("-z", "ok.txt", "sam.yaml", "--format", "json", cwd=self.cdir)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.write("custom/b.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                   "      BucketName: y\n")
        p = self.sl("-z", "ok.txt", "b.yaml", "--format", "json", cwd=self.cdir)
        self.assertEqual([(f["Id"], f["Message"]) for f in self.findings(p, only_custom=False)
                          if f["Id"] == "E98999"],
                         [("E98999", "BucketName is 'y'; custom rule ok.txt:89999 requires 'x' "
                           "(EQUALS, in any case)")])


def main():
    return base.main()


if __name__ == "__main__":
    sys.exit(main())

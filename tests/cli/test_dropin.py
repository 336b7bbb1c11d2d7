#!/usr/bin/env python3
"""
The parts of issue 14 that make stacklint a drop-in for cfn-lint and go
beyond it: the move of stacklint's own rules to 99xxx (old IDs get a notice
and still apply), notices in the output format's own channel (never stray
stderr under --format json), suppression comments (# stacklint: disable=...)
with the W99000 report of unused ones, configuration layers (project, home,
--config-file, merge_configs), the template's Metadata include_checks, -L
and -a.

    test_dropin.py STACKLINT [unittest options]

Every test runs in a fresh copy of tests/cli/data/ (test_cli.py's harness).
"""
import json
import os
import sys

import test_cli as base

QUEUE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 99999
"""

# W99101 (was W9101): an API Gateway integration timeout over the function's
SAM_TIMEOUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures",
                           "rules", "W99101", "bad_sam.yaml")


class DropIn(base.CliTestCase):
    def home(self):
        h = os.path.join(self._tmp.name, "home")
        os.makedirs(h, exist_ok=True)
        return h


class TestOldIds(DropIn):
    def test_old_id_applies_with_a_notice(self):
        p = self.sl(SAM_TIMEOUT)
        self.assertIn(" W99101 ", p.stdout)
        p = self.sl("-i", "W9101", SAM_TIMEOUT)
        self.assertNotIn("W99101", p.stdout)
        self.assertEqual(p.returncode, 0, p.stdout)
        self.assertEqual(p.stderr.count("\n"), 1, p.stderr)
        self.assertIn("'W9101' is now 'W99101'", p.stderr)
        # a prefix of old IDs too
        p = self.sl("-i", "W91", SAM_TIMEOUT)
        self.assertNotIn("W99101", p.stdout)
        self.assertIn("'W91' is now 'W991'", p.stderr)
        # the new ID: silent
        p = self.sl("-i", "W99101", SAM_TIMEOUT)
        self.assertEqual((p.returncode, p.stderr), (0, ""))
        # an ID no rule of ours ever had: nothing to say
        p = self.sl("-i", "W9999", SAM_TIMEOUT)
        self.assertEqual(p.stderr, "")

    def test_old_id_in_configuration(self):
        self.write(".cfnlintrc", "ignore_checks:\n  - W9101\n")
        p = self.sl(SAM_TIMEOUT)
        self.assertNotIn("W99101", p.stdout)
        self.assertIn("-i/ignore_checks 'W9101'", p.stderr)

    def test_notice_channels(self):
        # json: editors read stderr as problems: nothing there (not a terminal)
        p = self.sl("-f", "json", "-i", "W9101", SAM_TIMEOUT)
        self.assertEqual(p.stderr, "")
        json.loads(p.stdout)
        # sarif: the invocation's toolConfigurationNotifications, stderr empty
        p = self.sl("-f", "sarif", "-i", "W9101", SAM_TIMEOUT)
        self.assertEqual(p.stderr, "")
        inv = json.loads(p.stdout)["runs"][0]["invocations"]
        notes = inv[0]["toolConfigurationNotifications"]
        self.assertEqual(len(notes), 1)
        self.assertEqual(notes[0]["level"], "note")
        self.assertIn("W99101", notes[0]["message"]["text"])
        # without notices, no invocations at all (the goldens stay as they were)
        p = self.sl("-f", "sarif", SAM_TIMEOUT)
        self.assertNotIn("invocations", json.loads(p.stdout)["runs"][0])
        # github: a ::notice line of its own, before the annotations
        p = self.sl("-f", "github", "-i", "W9101", SAM_TIMEOUT)
        self.assertEqual(p.stderr, "")
        self.assertTrue(p.stdout.startswith("::notice title=stacklint::-i/ignore_checks 'W9101'"), p.stdout)
        # a configuration notice too
        self.write(".cfnlintrc", "update_specs: true\n")
        p = self.sl("-f", "json", "clean.yaml")
        self.assertEqual((p.returncode, p.stderr), (0, ""))
        p = self.sl("clean.yaml")
        self.assertIn("'update_specs' is a cfn-lint setting", p.stderr)


class TestSuppressionComments(DropIn):
    def test_directives(self):
        self.write("t.yaml", """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  A:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 99999  # stacklint: disable=E3034
      # stacklint: disable-next-line=E30
      DelaySeconds: 9000
      MessageRetentionPeriod: 10  # stacklint: disable-line=E3034 -- reason
  # stacklint: disable=E3002
  B:
    Type: AWS::SQS::Queue
    Properties:
      Nope: 1
  # stacklint: enable=E3002
  C:
    Type: AWS::SQS::Queue
    Properties:
      Nope: 1
""")
        p = self.sl("t.yaml")
        diags = base.text_diags(p.stdout)
        self.assertEqual([(d["line"], d["id"]) for d in diags], [(19, "E3002")], p.stdout)

    def test_disable_file_and_mandatory(self):
        self.write("t.yaml", "# stacklint: disable-file=E3034\n" + QUEUE)
        p = self.sl("t.yaml")
        self.assertEqual((p.returncode, p.stdout), (0, ""))
        # a mandatory rule cannot be suppressed by the template; the comment
        # then suppresses nothing, which W99000 says
        p = self.sl("-m", "E3034", "t.yaml")
        self.assertEqual(sorted(d["id"] for d in base.text_diags(p.stdout)), ["E3034", "W99000"], p.stdout)

    def test_unused_and_switches(self):
        self.write("t.yaml", QUEUE.replace("99999", "60  # stacklint: disable=E3034"))
        p = self.sl("t.yaml")
        diags = base.text_diags(p.stdout)
        self.assertEqual([(d["line"], d["col"], d["id"]) for d in diags], [(6, 51, "W99000")], p.stdout)
        self.assertEqual(p.returncode, 4)
        self.assertEqual(self.sl("--no-unused-suppressions", "t.yaml").stdout, "")
        self.assertEqual(self.sl("-i", "W99000", "t.yaml").stdout, "")
        self.write(".stacklintrc.yaml", "no_unused_suppressions: true\n")
        self.assertEqual(self.sl("t.yaml").stdout, "")
        # the rule named was not run: the comment cannot be judged unused
        os.remove(os.path.join(self.dir, ".stacklintrc.yaml"))
        self.assertEqual(self.sl("-i", "E3034", "t.yaml").stdout, "")

    def test_not_comments(self):
        # '#' inside strings and block scalars is text; JSON has no comments
        self.write("t.yaml", QUEUE + """\
    Metadata:
      Note: "# stacklint: disable=E3034"
      Text: |
        # stacklint: disable=E3034
""")
        p = self.sl("t.yaml")
        self.assertEqual([d["id"] for d in base.text_diags(p.stdout)], ["E3034"], p.stdout)
        self.write("t.json", json.dumps({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {
            "VisibilityTimeout": 99999}, "Metadata": {"N": "# stacklint: disable=E3034"}}}}))
        self.assertEqual([d["id"] for d in base.text_diags(self.sl("t.json").stdout)], ["E3034"])

    def test_side_file(self):
        # a samconfig's comment works the same way (TOML comments start with '#')
        self.write("p/samconfig.toml", 'version = "0.1"  # stacklint: disable=E99701\n\n'
                   '[default.deploy.parameters]\nstack_name = "app"\n')
        p = self.sl("p/samconfig.toml")
        self.assertEqual(p.stdout, "")


class TestConfigLayers(DropIn):
    def test_home_then_project(self):
        home = self.home()
        with open(os.path.join(home, ".cfnlintrc"), "w") as f:
            f.write("format: parseable\nignore_checks: [W2001]\n")
        env = {"HOME": home}
        p = self.sl("both.yaml", env=env)
        # the home file's format and ignore_checks
        self.assertTrue(p.stdout and all(l.count(":") >= 6 for l in p.stdout.splitlines()), p.stdout)
        self.assertNotIn("W2001", p.stdout)
        # the project's ignore_checks wins over the home's (a key set in both)
        self.write(".cfnlintrc", "ignore_checks: [E1020]\n")
        p = self.sl("both.yaml", env=env)
        self.assertIn("W2001", p.stdout)
        self.assertNotIn("E1020", p.stdout)
        self.assertIn(":", p.stdout)  # the home's format still applies
        # merge_configs: the lists add up
        p = self.sl("--merge-configs", "both.yaml", env=env)
        self.assertEqual((p.returncode, p.stdout), (0, ""))
        # --config-file replaces both
        self.write("other.yaml", "include_checks: []\n")
        p = self.sl("--config-file", "other.yaml", "both.yaml", env=env)
        self.assertIn("warning W2001", p.stdout)
        self.assertIn("error E1020", p.stdout)

    def test_config_limits(self):
        self.write(".cfnlintrc", "ignore_checks: [" + "W1," * 1000 + "W2]\n")
        p = self.sl("--max-size", "1K", "clean.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertIn("over the limit", p.stderr)

    def test_cfnlint_keys_accepted(self):
        self.write(".cfnlintrc", "regions: [us-east-1]\ninclude_experimental: true\ninfo: false\n"
                   "merge_configs: false\nappend_rules: [rules/]\n")
        p = self.sl("clean.yaml")
        self.assertEqual(p.returncode, 0, p.stderr)
        # append_rules cannot be honoured: one notice, saying what to do
        # instead; the other keys are silent (regions are honoured:
        # tests/cli/test_regions.py)
        lines = p.stderr.splitlines()
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertIn("custom rules", lines[0])


class TestTemplateMetadata(DropIn):
    def test_include_checks(self):
        self.write("t.yaml", """\
Metadata:
  cfn-lint:
    config:
      include_checks: [I3011]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      BillingMode: PAY_PER_REQUEST
""")
        p = self.sl("t.yaml")
        self.assertEqual(sorted(set(d["id"] for d in base.text_diags(p.stdout))), ["I3011"], p.stdout)
        self.assertEqual(p.returncode, 8)
        # the options' ignore of that rule by prefix still loses to an exact include
        p = self.sl("-i", "I", "t.yaml")
        self.assertIn("I3011", p.stdout)


class TestListAndAppend(DropIn):
    def test_list_templates(self):
        p = self.sl("-L", ".")
        self.assertEqual(p.returncode, 0, p.stderr)
        listed = p.stdout.splitlines()
        self.assertIn("both.yaml", listed)
        self.assertIn("clean.yaml", listed)
        self.write("notes.yaml", "just: a list\n")
        self.assertNotIn("notes.yaml", self.sl("-L", ".").stdout.splitlines())

    def test_append_rules(self):
        p = self.sl("-a", "my_rules/", "--", "clean.yaml")
        self.assertEqual(p.returncode, 0)
        self.assertIn("cannot run in stacklint", p.stderr)
        # the VS Code extension's form: stderr stays empty under json
        p = self.sl("--format", "json", "--append-rules", "my_rules/", "--", "clean.yaml")
        self.assertEqual((p.returncode, p.stderr), (0, ""))


if __name__ == "__main__":
    sys.exit(base.main())

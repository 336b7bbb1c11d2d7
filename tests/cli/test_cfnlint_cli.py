#!/usr/bin/env python3
"""
cfn-lint's command line, run against stacklint (issue 14): the command lines
that editor plugins, hooks and CI actions written for cfn-lint run, and each
cfn-lint 1.x option stacklint accepts — checking the output, the exit status,
and that standard error stays empty where the integration reads it (the VS
Code extension shows every stderr line as a diagnostic).

What cfn-lint does, for reference, is in its src/cfnlint/config.py (argparse
definitions: nargs='+' for -t -i -c -m -r -a -s --ignore-templates;
--non-zero-exit-code choices), runner/cli.py (_exit, --output-file) and
formatters/pretty.py and quiet.py.

Every test runs in a fresh copy of tests/cli/data/ as its working directory.

    test_cfnlint_cli.py STACKLINT [unittest options]

Only the Python standard library is used.
"""
import json
import os
import re
import shutil
import sys

import test_cli as base  # the harness: run(), a fresh copy of tests/cli/data/ per test

# file:line:col:endline:endcol:ID:message
PARSEABLE_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+):\d+:\d+:(?P<id>[EWI]\d{4,5}):\S.*$")
TEXT_LINE = re.compile(r"^(?P<file>.+?):\d+:\d+: (?:error|warning|info) (?P<id>[EWI]\d{4,5}) \S.*$")


def run(*args, **kw):
    return base.run(*args, **kw)


class CfnLintTestCase(base.CliTestCase):
    def ids(self, p):
        """(file, ID) of each text line of p's output; fails on any other line."""
        out = []
        for line in p.stdout.splitlines():
            m = TEXT_LINE.match(line)
            self.assertTrue(m, "not a text line: %r" % line)
            out.append((m["file"], m["id"]))
        return out

    def clean_run(self, p, status):
        self.assertEqual((p.returncode, p.stderr), (status, ""), p.stdout)


class TestIntegrations(CfnLintTestCase):
    """The command lines of real integrations, as they run cfn-lint."""

    def test_ale(self):
        # ALE (ale_linters/cloudformation/cfn_python_lint.vim): cfn-lint --template %t
        # --format parseable, on a temporary copy of the buffer
        tmpdir = os.path.join(self._tmp.name, "ale")
        os.makedirs(tmpdir)
        buf = os.path.join(tmpdir, "both.yaml")
        shutil.copy(os.path.join(self.dir, "both.yaml"), buf)
        p = self.sl("--template", buf, "--format", "parseable")
        self.clean_run(p, 6)
        lines = p.stdout.splitlines()
        self.assertEqual(len(lines), 2)
        for line in lines:
            m = PARSEABLE_LINE.match(line)
            self.assertTrue(m, line)
            self.assertEqual(m["file"], buf)
        self.assertEqual(sorted(PARSEABLE_LINE.match(l)["id"] for l in lines), ["E1020", "W2001"])
        # a clean buffer: nothing at all
        self.clean_run(self.sl("--template", "clean.yaml", "--format", "parseable"), 0)
        self.assertEqual(self.sl("--template", "clean.yaml", "--format", "parseable").stdout, "")

    def test_nvim_lint(self):
        # nvim-lint (lua/lint/linters/cfn_lint.lua): cfn-lint --format parseable FILE
        p = self.sl("--format", "parseable", "errors.yaml")
        self.clean_run(p, 2)
        self.assertRegex(p.stdout, r"^errors\.yaml:7:23:7:\d+:E1020:Ref to 'Missing'")

    def test_vscode(self):
        # the VS Code extension (kddejong.vscode-cfn-lint): --format json
        # --include-checks I --ignore-checks ... -- FILE; stderr lines become
        # diagnostics, so it must be empty
        for extra in ([], ["--ignore-checks", "W1"], ["--ignore-checks", "W2001", "E3005"]):
            with self.subTest(ignore=extra):
                p = self.sl("--format", "json", "--include-checks", "I", *extra, "--", "info.yaml")
                self.clean_run(p, 8)
                found = json.loads(p.stdout)
                self.assertTrue(found)
                self.assertEqual({d["Level"] for d in found}, {"Informational"})
        p = self.sl("--format", "json", "--include-checks", "I", "--ignore-checks", "W2001", "E3005",
                    "--", "mixed.yaml")
        self.clean_run(p, 2)
        self.assertEqual(sorted(d["Rule"]["Id"] for d in json.loads(p.stdout)), ["E1020", "E3038"])

    def test_pre_commit_hook(self):
        # cfn-lint's .pre-commit-hooks.yaml: entry cfn-lint, the changed files by name
        p = self.sl("both.yaml", "clean.yaml", "warnings.yaml")
        self.clean_run(p, 6)
        self.assertEqual(sorted(set(f for f, _ in self.ids(p))), ["both.yaml", "warnings.yaml"])
        # with args from a hook configuration (cfn-lint's documented form)
        p = self.sl("--non-zero-exit-code", "error", "-i", "E1020", "--", "both.yaml", "warnings.yaml")
        self.clean_run(p, 0)
        self.assertEqual([i for _, i in self.ids(p)], ["W2001", "W2001"])

    def test_cfn_lint_action_with_a_cfnlintrc(self):
        # a CI step (cfn-lint-action, super-linter) with the project's .cfnlintrc
        self.write(".cfnlintrc.yaml", "templates: [both.yaml, errors.yaml]\n"
                                      "non_zero_exit_code: error\nignore_checks: [E1020]\n")
        p = self.sl()
        self.clean_run(p, 0)  # warnings only: exit 0 under non_zero_exit_code: error
        self.assertEqual(self.ids(p), [("both.yaml", "W2001")])


class TestMultipleValues(CfnLintTestCase):
    """cfn-lint's nargs='+' options, ended by '--' or the next option, and commas."""

    def test_ids_then_double_dash(self):
        p = self.sl("-i", "W2001", "E1020", "--", "both.yaml")
        self.clean_run(p, 0)
        self.assertEqual(p.stdout, "")

    def test_commas(self):
        self.clean_run(self.sl("-i", "W2001,E1020", "both.yaml"), 0)
        self.clean_run(self.sl("--ignore-checks", "W2001,E1020", "--", "both.yaml"), 0)

    def test_ids_then_a_template_without_double_dash(self):
        # argparse would read both.yaml as a third rule ID and, left without a
        # template, lint standard input; stacklint takes only rule IDs here and
        # lints both.yaml (what the command means, and what it always did)
        p = self.sl("-i", "W2001", "E1020", "both.yaml")
        self.clean_run(p, 0)
        p = self.sl("-i", "W2001", "both.yaml")
        self.clean_run(p, 2)
        self.assertEqual(self.ids(p), [("both.yaml", "E1020")])

    def test_values_end_at_the_next_option(self):
        p = self.sl("-c", "I", "-i", "W2001", "E1020", "-f", "parseable", "info.yaml", "both.yaml")
        self.clean_run(p, 8)
        self.assertEqual(sorted({l.split(":")[0] for l in p.stdout.splitlines()}), ["info.yaml"])

    def test_attached_value_takes_one(self):
        # argparse: -iW2001 and --ignore-checks=W2001 take that value only
        p = self.sl("-iW2001", "E1020", "both.yaml")
        # E1020 is read as a file name: it cannot be read (1), both.yaml has an error (2)
        self.assertEqual(p.returncode, 3)
        self.assertIn("'E1020'", p.stderr)
        p = self.sl("--ignore-checks=W2001", "both.yaml")
        self.clean_run(p, 2)

    def test_include_and_mandatory(self):
        p = self.sl("-c", "I99002", "I99603", "--", "info.yaml")
        self.clean_run(p, 8)
        self.assertEqual(sorted(i for _, i in self.ids(p)), ["I99002", "I99603"])
        p = self.sl("-i", "E", "-m", "E1020", "E3005", "--", "mixed.yaml")
        self.assertEqual(sorted(i for _, i in self.ids(p)), ["E1020", "E3005", "W2001"])

    def test_template_option(self):
        p = self.sl("-t", "both.yaml", "warnings.yaml")
        self.clean_run(p, 6)
        self.assertEqual(sorted(set(f for f, _ in self.ids(p))), ["both.yaml", "warnings.yaml"])
        p = self.sl("-t", "errors.yaml", "-i", "W", "--", "both.yaml")
        self.clean_run(p, 2)
        self.assertEqual(self.ids(p), [("errors.yaml", "E1020"), ("both.yaml", "E1020")])
        p = self.sl("--template=errors.yaml", "warnings.yaml")
        self.clean_run(p, 6)
        # a template from standard input
        with open(os.path.join(self.dir, "errors.yaml"), encoding="utf-8") as f:
            p = self.sl("-t", "-", stdin=f.read())
        self.clean_run(p, 2)

    def test_ignore_templates(self):
        p = self.sl("--ignore-templates", "both.yaml", "errors.yaml", "--", "both.yaml", "errors.yaml",
                    "warnings.yaml")
        self.clean_run(p, 4)
        self.assertEqual(self.ids(p), [("warnings.yaml", "W2001")])
        # without '--' it takes one pattern, as before
        p = self.sl("--ignore-templates", "both.yaml", "errors.yaml", "warnings.yaml")
        self.clean_run(p, 6)

    def test_regions_are_accepted(self):
        for args in (["-r", "us-east-1", "eu-west-1", "warnings.yaml"],
                     ["--regions", "us-east-1,eu-west-1", "--", "warnings.yaml"],
                     ["-r", "ALL_REGIONS", "warnings.yaml"]):
            with self.subTest(args=args):
                p = self.sl(*args)
                self.clean_run(p, 4)
                self.assertEqual(self.ids(p), [("warnings.yaml", "W2001")])


class TestNonZeroExitCode(CfnLintTestCase):
    """--non-zero-exit-code LEVEL: only findings at LEVEL or above set the status."""

    def test_levels(self):
        for level, status in (("informational", 14), ("info", 14), ("warning", 6), ("error", 2),
                              ("none", 0)):
            with self.subTest(level=level):
                p = self.sl("--non-zero-exit-code", level, "-c", "I", "--", "both.yaml", "info.yaml")
                self.clean_run(p, status)
                self.assertEqual(len(self.ids(p)), 4)  # everything is still printed

    def test_io_failures_still_count(self):
        p = self.sl("--non-zero-exit-code", "none", "both.yaml", "missing.yaml")
        self.assertEqual(p.returncode, 1)

    def test_bad_value(self):
        p = self.sl("--non-zero-exit-code", "fatal", "both.yaml")
        self.assertEqual((p.returncode, p.stdout), (1, ""))
        self.assertIn("fatal", p.stderr)

    def test_configuration_key(self):
        self.write(".cfnlintrc", "non_zero_exit_code: warning\n")
        self.clean_run(self.sl("-c", "I", "info.yaml"), 0)
        self.clean_run(self.sl("both.yaml"), 6)
        # the command line wins
        self.clean_run(self.sl("--non-zero-exit-code", "informational", "-c", "I", "info.yaml"), 8)
        self.write(".cfnlintrc", "non_zero_exit_code: sometimes\n")
        p = self.sl("both.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertIn("non_zero_exit_code", p.stderr)


class TestFiles(CfnLintTestCase):
    """--output-file and --config-file."""

    def test_output_file(self):
        p = self.sl("--output-file", "report.json", "-f", "json", "both.yaml")
        self.clean_run(p, 6)
        self.assertEqual(p.stdout, "")
        with open(os.path.join(self.dir, "report.json"), encoding="utf-8") as f:
            self.assertEqual(len(json.load(f)), 2)
        # a clean run replaces the old report (cfn-lint leaves it when it prints nothing)
        p = self.sl("--output-file", "report.json", "clean.yaml")
        self.clean_run(p, 0)
        with open(os.path.join(self.dir, "report.json"), encoding="utf-8") as f:
            self.assertEqual(f.read(), "")

    def test_output_file_has_no_colours(self):
        self.sl("--output-file", "out.txt", "--color", "always", "both.yaml")
        with open(os.path.join(self.dir, "out.txt"), encoding="utf-8") as f:
            self.assertNotIn("\033", f.read())

    def test_unwritable_output_file(self):
        p = self.sl("--output-file", "no/such/dir/out.txt", "both.yaml")
        self.assertEqual(p.returncode, 7)  # 1 for the failure, with the findings' bits
        self.assertIn("no/such/dir/out.txt", p.stderr)

    def test_output_file_key(self):
        self.write(".cfnlintrc", "output_file: from-config.txt\n")
        p = self.sl("warnings.yaml")
        self.clean_run(p, 4)
        self.assertEqual(p.stdout, "")
        self.assertTrue(os.path.exists(os.path.join(self.dir, "from-config.txt")))
        p = self.sl("--output-file", "cli.txt", "warnings.yaml")
        self.assertTrue(os.path.exists(os.path.join(self.dir, "cli.txt")))

    def test_config_file(self):
        self.write("ci/lint.yaml", "templates: [both.yaml]\nignore_checks: [W2001]\n")
        p = self.sl("--config-file", "ci/lint.yaml")
        self.clean_run(p, 2)
        self.assertEqual(self.ids(p), [("both.yaml", "E1020")])
        p = self.sl("--config-file", "missing.yaml", "both.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertIn("missing.yaml", p.stderr)


class TestFormats(CfnLintTestCase):
    """cfn-lint's pretty and quiet formats."""

    def test_pretty(self):
        p = self.sl("-f", "pretty", "both.yaml", "clean.yaml")
        self.clean_run(p, 6)
        lines = p.stdout.split("\n")
        # the file, its findings (errors before warnings), a blank line, the summary
        self.assertEqual(lines[0], "both.yaml")
        self.assertEqual(lines[1][:30], "10:23:              E1020     ")
        self.assertEqual(lines[2][:30], "4:3:                W2001     ")
        self.assertEqual(lines[3], "")
        self.assertRegex(lines[4], r"^stacklint scanned 2 templates against \d+ rules and found "
                                   r"1 errors, 1 warnings, and 0 informational violations$")
        self.assertEqual(lines[5:], [""])

    def test_pretty_clean(self):
        p = self.sl("-f", "pretty", "clean.yaml")
        self.clean_run(p, 0)
        self.assertRegex(p.stdout, r"^stacklint scanned 1 templates against \d+ rules and found 0 errors, "
                                   r"0 warnings, and 0 informational violations\n$")

    def test_quiet(self):
        p = self.sl("-f", "quiet", "both.yaml")
        self.clean_run(p, 6)
        lines = p.stdout.splitlines()
        self.assertEqual(len(lines), 2)
        self.assertRegex(lines[0], r"^W2001: .+ both\.yaml:4$")
        self.assertRegex(lines[1], r"^E1020: .+ both\.yaml:10$")
        self.clean_run(self.sl("-f", "quiet", "clean.yaml"), 0)
        self.assertEqual(self.sl("-f", "quiet", "clean.yaml").stdout, "")

    def test_in_a_cfnlintrc(self):
        for fmt in ("pretty", "quiet"):
            with self.subTest(format=fmt):
                self.write(".cfnlintrc", "format: %s\n" % fmt)
                p = self.sl("warnings.yaml")
                self.clean_run(p, 4)
                self.assertIn("W2001", p.stdout)


class TestAcceptedOptions(CfnLintTestCase):
    """cfn-lint options that change nothing here, or say why."""

    def test_update_and_patch_specs(self):
        self.write(".cfnlintrc", "format: [broken\n")  # not read
        for opt in ("-u", "--update-specs", "-p", "--patch-specs"):
            with self.subTest(opt=opt):
                p = self.sl(opt)
                self.clean_run(p, 0)
                self.assertEqual(len(p.stdout.splitlines()), 1)
                self.assertIn("tools/update-spec.sh", p.stdout)
                self.assertIn("compiled", p.stdout)

    def test_logging_and_experimental_change_nothing(self):
        plain = self.sl("both.yaml")
        for opt in ("-D", "--debug", "-I", "--info", "-e", "--include-experimental"):
            with self.subTest(opt=opt):
                p = self.sl(opt, "both.yaml")
                self.clean_run(p, 6)
                self.assertEqual(p.stdout, plain.stdout)
        # -I is cfn-lint's log level, not the informational rules
        self.clean_run(self.sl("-I", "info.yaml"), 0)

    def test_ignore_bad_template(self):
        for args in (["-b"], ["--ignore-bad-template"]):
            with self.subTest(args=args):
                p = self.sl(*args, "syntax.yaml", "errors.yaml")
                self.clean_run(p, 2)
                self.assertEqual(self.ids(p), [("errors.yaml", "E1020")])
        self.write(".cfnlintrc", "ignore_bad_template: true\n")
        self.clean_run(self.sl("syntax.yaml"), 0)
        self.write(".cfnlintrc", "ignore_bad_template: maybe\n")
        self.assertEqual(self.sl("syntax.yaml").returncode, 1)

    def test_list_rules_short_option(self):
        self.assertEqual(self.sl("-l").stdout, self.sl("--list-rules").stdout)


def main():
    return base.main()


if __name__ == "__main__":
    sys.exit(main())

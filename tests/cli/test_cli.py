#!/usr/bin/env python3
"""
End-to-end tests of the stacklint command line. They run the real binary on
the small templates in tests/cli/data/ and check what a user sees: the output
formats, the exit status, the ways to name inputs (files, directories, globs,
standard input), rule selection, configuration files (.stacklintrc.yaml and
cfn-lint's .cfnlintrc), the size limit, identical output whatever --jobs is,
and that the user's files are never written.

Every test runs in a fresh copy of tests/cli/data/ as its working directory,
so no configuration file from the caller's directory applies and nothing in
the source tree can be touched.

    test_cli.py STACKLINT [unittest options]
    STACKLINT=build/src/stacklint test_cli.py [unittest options]

Only the Python standard library is used.
"""
import glob
import hashlib
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
SOURCE_ROOT = os.path.dirname(os.path.dirname(HERE))
STACKLINT = None  # absolute path of the binary, set in main()

FORMATS = ("text", "json", "parseable", "sarif", "junit", "github")

# Every option the parser accepts (src/cli/args.c); --colour is an alias of --color.
LONG_OPTIONS = (
    "--format", "--ignore-checks", "--include-checks", "--mandatory-checks", "--severity",
    "--config", "--stdin-filename", "--ignore-templates", "--jobs", "--max-size", "--color",
    "--exit-zero", "--yaml-backend", "--list-rules", "--explain", "--version", "--help",
    "--only-templates", "--spec", "--lint-date", "--file-type",
    # cfn-lint's (tests/cli/test_cfnlint_cli.py)
    "--template", "--config-file", "--non-zero-exit-code", "--output-file", "--regions",
    "--ignore-bad-template", "--update-specs", "--patch-specs", "--debug", "--info",
    "--include-experimental",
)
SHORT_OPTIONS = ("-f", "-i", "-c", "-m", "-j", "-v", "-h", "-t", "-l", "-b")
ALIASES = {"--colour": "--color"}

# file:line:col: severity ID message
TEXT_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) "
    r"(?P<id>[EWI]\d{4,5}) (?P<msg>\S.*)$")
# file:line:col:endline:endcol:ID:message
PARSEABLE_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+):(?P<eline>\d+):(?P<ecol>\d+):"
    r"(?P<id>[EWI]\d{4,5}):(?P<msg>\S.*)$")
GITHUB_LINE = re.compile(
    r"^::(?P<cmd>error|warning|notice) file=(?P<file>[^,]+)(?:,line=(?P<line>\d+))?"
    r"(?:,col=(?P<col>\d+))?(?:,endLine=\d+)?(?:,endColumn=\d+)?,title=(?P<id>[EWI]\d{4,5})::"
    r"(?P<msg>.+)$")
LIST_LINE = re.compile(r"^(?P<id>[EWI]\d{4,5})\s+(?P<level>error|warning|info)\s+(?P<title>\S.*)$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def run(*args, cwd=None, stdin=None, env=None):
    """Runs stacklint with args; returns a CompletedProcess with str stdout/stderr.
    stdin is bytes or str to feed, or None for no standard input at all."""
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    p = subprocess.run([STACKLINT, *args], cwd=cwd, env=full_env, timeout=120,
                       input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout = p.stdout.decode("utf-8")
    p.stderr = p.stderr.decode("utf-8")
    return p


def run_bytes(*args, cwd=None):
    """Runs stacklint; returns (exit status, stdout bytes, stderr bytes)."""
    p = subprocess.run([STACKLINT, *args], cwd=cwd, stdin=subprocess.DEVNULL, timeout=120,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr


def text_diags(out):
    """Parses text output into dicts (file, line, col, sev, id, msg); fails on any other line."""
    diags = []
    for line in out.splitlines():
        m = TEXT_LINE.match(line)
        if not m:
            raise AssertionError("not a text diagnostic line: %r" % line)
        d = m.groupdict()
        d["line"], d["col"] = int(d["line"]), int(d["col"])
        diags.append(d)
    return diags


def linted_files(out):
    """Names of the files a junit run reports on (one testsuite per linted file)."""
    return [s.get("name") for s in ET.fromstring(out).iter("testsuite")]


def registered_rules():
    """(id, level, title) for each line of --list-rules."""
    p = run("--list-rules")
    rules = []
    for line in p.stdout.splitlines():
        m = LIST_LINE.match(line)
        if not m:
            raise AssertionError("not a --list-rules line: %r" % line)
        rules.append((m["id"], m["level"], m["title"]))
    return rules


class CliTestCase(unittest.TestCase):
    """Each test gets a copy of tests/cli/data/ as self.dir (also its working directory)."""

    maxDiff = None

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="stacklint-cli-")
        self.dir = os.path.join(self._tmp.name, "work")
        shutil.copytree(DATA, self.dir, symlinks=True)

    def tearDown(self):
        self._tmp.cleanup()

    def sl(self, *args, **kw):
        kw.setdefault("cwd", self.dir)
        return run(*args, **kw)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def assertIds(self, out, expected):
        """The text output's rule IDs, as a sorted list, equal `expected` (sorted)."""
        self.assertEqual(sorted(d["id"] for d in text_diags(out)), sorted(expected), out)


# ---------------------------------------------------------------------------

class TestTextFormat(CliTestCase):
    def test_line_format(self):
        p = self.sl("both.yaml")
        self.assertEqual(p.stderr, "")
        diags = text_diags(p.stdout)  # every stdout line is a diagnostic: no header, no summary
        self.assertTrue(p.stdout.endswith("\n"))
        lines = p.stdout.splitlines()
        self.assertIn(True, [l.startswith("both.yaml:4:3: warning W2001 ") for l in lines], p.stdout)
        e = [l for l in lines if l.startswith("both.yaml:10:23: error E1020 ")]
        self.assertEqual(len(e), 1, p.stdout)
        self.assertIn("Missing", e[0])
        self.assertEqual([(d["line"], d["col"]) for d in diags],
                         sorted((d["line"], d["col"]) for d in diags), "sorted by position")

    def test_clean_template_prints_nothing(self):
        p = self.sl("clean.yaml")
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "", ""))

    def test_no_colour_when_not_a_terminal(self):
        self.assertNotIn("\x1b[", self.sl("both.yaml").stdout)
        self.assertIn("\x1b[", self.sl("--color", "always", "both.yaml").stdout)
        self.assertIn("\x1b[", self.sl("--colour", "always", "both.yaml").stdout)

    def _on_tty(self, *args, env=None):
        master, slave = pty.openpty()
        full_env = dict(os.environ)
        full_env.pop("NO_COLOR", None)
        full_env.update(env or {})
        p = subprocess.Popen([STACKLINT, *args], cwd=self.dir, env=full_env,
                             stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE)
        os.close(slave)
        out = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        os.close(master)
        p.wait(timeout=60)
        p.stderr.close()
        return out.decode("utf-8")

    def test_colour_on_a_terminal(self):
        self.assertIn("\x1b[", self._on_tty("both.yaml"))
        self.assertNotIn("\x1b[", self._on_tty("both.yaml", env={"NO_COLOR": "1"}))
        self.assertNotIn("\x1b[", self._on_tty("--color", "never", "both.yaml"))


class TestOtherFormats(CliTestCase):
    def test_json_has_cfn_lint_fields(self):
        p = self.sl("-f", "json", "both.yaml")
        self.assertEqual(p.returncode, 6)
        data = json.loads(p.stdout)
        self.assertIsInstance(data, list)
        self.assertEqual(len(data), 2)
        for m in data:
            self.assertEqual(set(m), {"Filename", "Id", "Level", "Location", "Message",
                                      "ParentId", "Rule"})
            self.assertEqual(set(m["Location"]), {"Start", "End", "Path"})
            for end in ("Start", "End"):
                self.assertEqual(set(m["Location"][end]), {"LineNumber", "ColumnNumber"})
            self.assertEqual(set(m["Rule"]), {"Id", "Description", "ShortDescription", "Source"})
            self.assertIn(m["Level"], ("Error", "Warning", "Informational"))
            self.assertRegex(m["Id"], UUID)
            self.assertIsNone(m["ParentId"])
            self.assertEqual(m["Filename"], "both.yaml")
        e = [m for m in data if m["Rule"]["Id"] == "E1020"][0]
        self.assertEqual(e["Level"], "Error")
        self.assertEqual(e["Location"]["Start"], {"LineNumber": 10, "ColumnNumber": 23})
        self.assertEqual(e["Location"]["Path"], ["Resources", "Topic", "Properties", "TopicName", "Ref"])
        w = [m for m in data if m["Rule"]["Id"] == "W2001"][0]
        self.assertEqual(w["Level"], "Warning")
        self.assertEqual(w["Location"]["Start"], {"LineNumber": 4, "ColumnNumber": 3})

    def test_json_clean_is_an_empty_list(self):
        p = self.sl("-f", "json", "clean.yaml")
        self.assertEqual(p.returncode, 0)
        self.assertEqual(json.loads(p.stdout), [])

    def test_parseable(self):
        p = self.sl("--format", "parseable", "both.yaml")
        rows = [PARSEABLE_LINE.match(l) for l in p.stdout.splitlines()]
        self.assertTrue(all(rows), p.stdout)
        self.assertIn(("both.yaml", "10", "23", "E1020"),
                      [(m["file"], m["line"], m["col"], m["id"]) for m in rows])

    def test_sarif(self):
        p = self.sl("-f", "sarif", "both.yaml", "clean.yaml")
        self.assertEqual(p.returncode, 6)
        log = json.loads(p.stdout)
        self.assertEqual(log["version"], "2.1.0")
        run_ = log["runs"][0]
        self.assertEqual(run_["tool"]["driver"]["name"], "stacklint")
        self.assertEqual(sorted(r["ruleId"] for r in run_["results"]), ["E1020", "W2001"])
        e = [r for r in run_["results"] if r["ruleId"] == "E1020"][0]
        self.assertEqual(e["level"], "error")
        region = e["locations"][0]["physicalLocation"]["region"]
        self.assertEqual((region["startLine"], region["startColumn"]), (10, 23))
        self.assertEqual([a["location"]["uri"] for a in run_["artifacts"]], ["both.yaml", "clean.yaml"])

    def test_junit(self):
        p = self.sl("-f", "junit", "both.yaml", "clean.yaml")
        root = ET.fromstring(p.stdout)
        self.assertEqual(root.tag, "testsuites")
        self.assertEqual(linted_files(p.stdout), ["both.yaml", "clean.yaml"])
        self.assertEqual(sorted(f.get("type") for f in root.iter("failure")), ["E1020", "W2001"])

    def test_github(self):
        p = self.sl("-f", "github", "both.yaml")
        rows = [GITHUB_LINE.match(l) for l in p.stdout.splitlines()]
        self.assertTrue(all(rows), p.stdout)
        self.assertIn(("error", "both.yaml", "10", "23", "E1020"),
                      [(m["cmd"], m["file"], m["line"], m["col"], m["id"]) for m in rows])
        self.assertIn(("warning", "W2001"), [(m["cmd"], m["id"]) for m in rows])

    def test_every_format_gives_the_same_exit_status(self):
        for fmt in FORMATS:
            with self.subTest(format=fmt):
                self.assertEqual(self.sl("-f", fmt, "both.yaml").returncode, 6)
                self.assertEqual(self.sl("-f", fmt, "clean.yaml").returncode, 0)


class TestSyntaxErrors(CliTestCase):
    def test_syntax_error_is_E0000_with_line_and_column(self):
        p = self.sl("syntax.yaml")
        self.assertEqual(p.returncode, 2)
        diags = text_diags(p.stdout)
        self.assertEqual(len(diags), 1, p.stdout)
        self.assertEqual((diags[0]["id"], diags[0]["line"], diags[0]["col"]), ("E0000", 7, 3))
        self.assertTrue(diags[0]["msg"].strip())

    def test_syntax_error_position_in_json_and_both_backends(self):
        for backend in ("libyaml", "libfyaml"):
            with self.subTest(backend=backend):
                p = self.sl("--yaml-backend", backend, "-f", "json", "syntax.yaml")
                data = json.loads(p.stdout)
                self.assertEqual([m["Rule"]["Id"] for m in data], ["E0000"])
                self.assertEqual(data[0]["Location"]["Start"], {"LineNumber": 7, "ColumnNumber": 3})

    def test_other_files_are_still_linted(self):
        p = self.sl("syntax.yaml", "errors.yaml")
        self.assertEqual(p.returncode, 2)
        self.assertEqual([(d["file"], d["id"]) for d in text_diags(p.stdout)],
                         [("syntax.yaml", "E0000"), ("errors.yaml", "E1020")])


class TestExitStatus(CliTestCase):
    def test_bitmask(self):
        for name, status in (("clean.yaml", 0), ("errors.yaml", 2), ("warnings.yaml", 4),
                             ("both.yaml", 6)):
            with self.subTest(template=name):
                self.assertEqual(self.sl(name).returncode, status)
        self.assertEqual(self.sl("errors.yaml", "warnings.yaml").returncode, 6)

    def test_missing_file(self):
        p = self.sl("no-such-template.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout, "")
        self.assertIn("no-such-template.yaml", p.stderr)

    def test_missing_file_is_or_ed_into_the_bitmask(self):
        p = self.sl("errors.yaml", "no-such-template.yaml")
        self.assertEqual(p.returncode, 1 | 2)
        self.assertIn("E1020", p.stdout)

    def test_usage_errors(self):
        for args, needle in ((["--no-such-flag", "clean.yaml"], "--no-such-flag"),
                             (["-Z", "clean.yaml"], "-Z"),
                             (["--format", "xml", "clean.yaml"], "xml"),
                             (["-f", "JSON", "clean.yaml"], "JSON"),
                             (["--severity", "fatal", "clean.yaml"], "fatal"),
                             (["--jobs", "many", "clean.yaml"], "many"),
                             (["--max-size", "big", "clean.yaml"], "big"),
                             (["--color", "sometimes", "clean.yaml"], "sometimes"),
                             (["--yaml-backend", "pyyaml", "clean.yaml"], "pyyaml"),
                             (["--lint-date", "2026-02-29", "clean.yaml"], "2026-02-29"),
                             (["clean.yaml", "--format"], "--format")):
            with self.subTest(args=args):
                p = self.sl(*args)
                self.assertEqual(p.returncode, 1)
                self.assertEqual(p.stdout, "")
                self.assertIn(needle, p.stderr)

    def test_no_inputs(self):
        empty = os.path.join(self._tmp.name, "empty")
        os.mkdir(empty)
        p = run(cwd=empty)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout, "")
        self.assertIn("no templates", p.stderr)

    def test_exit_zero(self):
        p = self.sl("--exit-zero", "both.yaml")
        self.assertEqual(p.returncode, 0)
        self.assertEqual(len(text_diags(p.stdout)), 2)  # still reported
        self.assertEqual(self.sl("--exit-zero", "-f", "json", "both.yaml").returncode, 0)

    def test_exit_zero_keeps_io_failures(self):
        p = self.sl("--exit-zero", "both.yaml", "no-such-template.yaml")
        self.assertEqual(p.returncode, 1)


class TestInformationCommands(CliTestCase):
    def test_version(self):
        for flag in ("--version", "-v"):
            p = self.sl(flag)
            self.assertEqual(p.returncode, 0)
            self.assertRegex(p.stdout, r"^stacklint \d+\.\d+\.\d+\S*\n$")
        meson = os.path.join(SOURCE_ROOT, "meson.build")
        if os.path.exists(meson):
            with open(meson, encoding="utf-8") as f:
                m = re.search(r"version\s*:\s*'([^']+)'", f.read())
            if m:
                self.assertEqual(self.sl("--version").stdout, "stacklint %s\n" % m.group(1))

    def test_help_mentions_every_option(self):
        p = self.sl("--help")
        self.assertEqual(p.returncode, 0)
        self.assertEqual(p.stderr, "")
        self.assertEqual(self.sl("-h").stdout, p.stdout)
        for opt in LONG_OPTIONS:
            self.assertRegex(p.stdout, r"(?m)^\s.*%s\b" % re.escape(opt))
        for opt in SHORT_OPTIONS:
            self.assertRegex(p.stdout, r"(?m)^\s+%s, --" % re.escape(opt))
        # and every long option the parser knows, read from its source when present
        args_c = os.path.join(SOURCE_ROOT, "src", "cli", "args.c")
        if os.path.exists(args_c):
            with open(args_c, encoding="utf-8") as f:
                src = f.read()
            for name in re.findall(r'\{\s*"([a-z][a-z-]*)",\s*(?:no|required|optional)_argument', src):
                opt = ALIASES.get("--" + name, "--" + name)
                self.assertIn(opt, p.stdout, "the parser accepts --%s, --help does not say so" % name)

    def test_every_option_in_help_is_accepted(self):
        helptext = self.sl("--help").stdout
        for opt in sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", helptext))):
            with self.subTest(option=opt):
                p = self.sl(opt)
                self.assertNotIn("unknown option", p.stderr)

    def test_list_rules(self):
        p = self.sl("--list-rules")
        self.assertEqual(p.returncode, 0)
        rules = registered_rules()
        ids = [r[0] for r in rules]
        self.assertTrue(ids)
        self.assertEqual(len(ids), len(set(ids)), "rule IDs are unique")
        # by letter, then by number: cfn-lint's four digits before our own five
        self.assertEqual(ids, sorted(ids, key=lambda i: (i[0], len(i), i)), "listed in ID order")
        for rid, level, _ in rules:
            self.assertEqual({"E": "error", "W": "warning", "I": "info"}[rid[0]], level, rid)
        # every rule descriptor in the source tree is listed
        declared = set()
        for path in glob.glob(os.path.join(SOURCE_ROOT, "rules", "**", "*.c"), recursive=True):
            with open(path, encoding="utf-8") as f:
                declared.update(re.findall(r'\.id\s*=\s*"([EWI]\d{4,5})"', f.read()))
        self.assertEqual(sorted(declared - set(ids)), [], "rules declared but not listed")

    def test_explain_every_listed_rule(self):
        everything = self.sl("--explain", "all").stdout
        for rid, _, title in registered_rules():
            with self.subTest(rule=rid):
                p = self.sl("--explain", rid)
                self.assertEqual(p.returncode, 0)
                self.assertTrue(p.stdout.startswith("# %s: %s\n" % (rid, title)), p.stdout[:200])
                self.assertIn("## %s: %s\n" % (rid, title), everything)

    def test_explain_E3038(self):
        p = self.sl("--explain", "E3038")
        self.assertEqual(p.returncode, 0)
        self.assertTrue(p.stdout.startswith("# E3038: "))
        self.assertIn("Transform", p.stdout)
        self.assertIn("AWS::Serverless-2016-10-31", p.stdout)

    def test_explain_unknown_rule(self):
        for rid in ("E9999", "nonsense"):
            with self.subTest(rule=rid):
                p = self.sl("--explain", rid)
                self.assertEqual(p.returncode, 1)
                self.assertEqual(p.stdout, "")
                self.assertIn(rid, p.stderr)


class TestInputs(CliTestCase):
    def test_stdin_with_stdin_filename(self):
        with open(os.path.join(self.dir, "both.yaml"), "rb") as f:
            body = f.read()
        p = self.sl("-", "--stdin-filename", "stacks/buffer.yaml", stdin=body)
        self.assertEqual(p.returncode, 6)
        self.assertEqual({d["file"] for d in text_diags(p.stdout)}, {"stacks/buffer.yaml"})
        from_file = self.sl("both.yaml").stdout.replace("both.yaml:", "stacks/buffer.yaml:")
        self.assertEqual(p.stdout, from_file)
        j = json.loads(self.sl("-f", "json", "--stdin-filename", "stacks/buffer.yaml", "-",
                               stdin=body).stdout)
        self.assertEqual({m["Filename"] for m in j}, {"stacks/buffer.yaml"})

    def test_stdin_without_a_name(self):
        with open(os.path.join(self.dir, "errors.yaml"), "rb") as f:
            p = self.sl("-", stdin=f.read())
        self.assertEqual(p.returncode, 2)
        self.assertEqual([d["file"] for d in text_diags(p.stdout)], ["-"])

    def test_directory_picks_templates_only(self):
        p = self.sl("-f", "junit", "tree")
        self.assertEqual(p.stderr, "")
        self.assertEqual(linted_files(p.stdout), [
            "tree/stacks/app.yaml",
            "tree/stacks/broken.yaml",        # fails to parse but is clearly a template
            "tree/stacks/db.json",
            "tree/stacks/legacy.template",
            "tree/stacks/net/vpc.yml",
        ])  # not: docker-compose.yml, package.json, config/settings.yaml, readme.txt,
        #      .hidden/ or node_modules/
        p = self.sl("tree")
        self.assertEqual(p.returncode, 6)
        self.assertNotIn("docker-compose", p.stdout)
        self.assertNotIn("package.json", p.stdout)
        self.assertNotIn("HiddenMissing", p.stdout)
        self.assertNotIn("VendoredMissing", p.stdout)

    def test_directory_of_non_templates_is_clean(self):
        """Nothing to lint is not a finding: status 0, a notice naming the folder."""
        p = self.sl("tree/config")
        self.assertEqual((p.returncode, p.stdout), (0, ""))
        self.assertEqual(p.stderr, "stacklint: note: no template or side file found in 'tree/config'\n")

    def test_directory_spellings(self):
        expect = self.sl("tree").stdout
        self.assertEqual(self.sl("tree/").stdout, expect)
        self.assertEqual(self.sl("./tree").stdout.replace("./tree/", "tree/"), expect)
        inside = self.sl(".", cwd=os.path.join(self.dir, "tree")).stdout
        self.assertEqual(inside, expect.replace("tree/", ""))

    def test_a_named_hidden_directory_is_walked(self):
        p = self.sl("tree/.hidden")
        self.assertIn("HiddenMissing", p.stdout)

    def test_a_named_file_is_always_linted(self):
        p = self.sl("tree/docker-compose.yml")
        self.assertEqual(p.returncode, 2)
        self.assertIn("E1001", p.stdout)

    def test_only_templates_skips_named_non_templates(self):
        p = self.sl("--only-templates", "tree/docker-compose.yml", "tree/package.json",
                    "tree/stacks/app.yaml")
        self.assertNotIn("docker-compose", p.stdout)
        self.assertNotIn("package.json", p.stdout)
        p2 = self.sl("-f", "junit", "--only-templates", "tree/docker-compose.yml", "tree/stacks/app.yaml")
        self.assertEqual(linted_files(p2.stdout), ["tree/stacks/app.yaml"])

    def test_spec_file(self):
        spec = os.path.join(SOURCE_ROOT, "src", "spec", "spec.bin")
        same = self.sl("--spec", spec, "both.yaml")
        self.assertEqual(same.stdout, self.sl("both.yaml").stdout)
        bad = os.path.join(self.dir, "not-a-spec.bin")
        with open(bad, "wb") as f:
            f.write(b"definitely not a spec")
        p = self.sl("--spec", bad, "both.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertIn("--spec", p.stderr)
        self.assertEqual(p.stdout, "")

    def test_glob_with_double_star(self):
        for pattern in ("tree/**/*.yaml", "tree/**/*.json", "tree/stacks/**/*.y*ml",
                        "tree/**/package.json", "tree/*/*.template"):
            with self.subTest(pattern=pattern):
                p = self.sl("-f", "junit", pattern)
                expect = sorted(glob.glob(pattern, root_dir=self.dir, recursive=True))
                self.assertTrue(expect)
                # the same files as Python's glob (which cfn-lint uses): '**' spans
                # directories, zero of them included, but not hidden ones
                self.assertEqual(sorted(linted_files(p.stdout)), expect)

    def test_glob_is_not_expanded_twice_and_files_are_linted_once(self):
        p = self.sl("-f", "junit", "tree/stacks/app.yaml", "tree/**/app.yaml", "tree")
        self.assertEqual(linted_files(p.stdout).count("tree/stacks/app.yaml"), 1)

    def test_symlinked_directories_are_walked_once(self):
        # a link back up the tree, and two links to the directory itself: every
        # template is linted once, and the walk ends (it must never hang)
        os.makedirs(os.path.join(self.dir, "loop", "stacks"))
        shutil.copy(os.path.join(self.dir, "errors.yaml"), os.path.join(self.dir, "loop", "stacks"))
        os.symlink("..", os.path.join(self.dir, "loop", "stacks", "up"))
        os.symlink(".", os.path.join(self.dir, "loop", "self1"))
        os.symlink(".", os.path.join(self.dir, "loop", "self2"))
        for arg in ("loop", "loop/**/*.yaml"):
            with self.subTest(input=arg):
                try:
                    p = subprocess.run([STACKLINT, "-f", "junit", arg], cwd=self.dir, timeout=10,
                                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE)
                except subprocess.TimeoutExpired:
                    self.fail("stacklint %s did not finish in 10 s (symlink loop)" % arg)
                self.assertEqual(linted_files(p.stdout.decode()), ["loop/stacks/errors.yaml"])

    def test_glob_matching_nothing(self):
        """A stale pattern in a CI step must not pass quietly: exit 1, named."""
        p = self.sl("nowhere/**/*.yaml")
        self.assertEqual((p.returncode, p.stdout), (1, ""))
        self.assertIn("'nowhere/**/*.yaml' matches no file", p.stderr)
        # the other inputs are still linted, their bits added
        p = self.sl("nowhere/*.yaml", "mixed.yaml")
        self.assertEqual(p.returncode, 1 | 2 | 4)

    def test_directory_without_templates_is_named(self):
        os.makedirs(os.path.join(self.dir, "empty/sub"))
        self.write("empty/sub/compose.yaml", "services:\n  web: {image: nginx}\n")
        p = self.sl("empty")
        self.assertEqual((p.returncode, p.stdout), (0, ""))
        self.assertEqual(p.stderr, "stacklint: note: no template or side file found in 'empty'\n")
        # a directory with a template says nothing
        self.write("full/t.yaml", "Resources:\n  T:\n    Type: AWS::SNS::Topic\n")
        p = self.sl("full", "-f", "json")
        self.assertEqual((p.returncode, p.stdout.strip(), p.stderr), (0, "[]", ""))

    def test_only_templates_applies_to_standard_input(self):
        """An editor's buffer of a docker-compose file gets no E1001."""
        compose = "services:\n  web: {image: nginx}\n"
        p = self.sl("--only-templates", "-", stdin=compose)
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "", ""))
        p = self.sl("--only-templates", "--stdin-filename", "t.yaml", "-",
                    stdin="Resources:\n  T:\n    Type: AWS::SNS::Topc\n")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("t.yaml:3:11", p.stdout)


class TestRuleSelection(CliTestCase):
    ALL = ["W2001", "E3038", "E1020", "E3005"]  # what mixed.yaml draws

    def test_mixed_template(self):
        self.assertIds(self.sl("mixed.yaml").stdout, self.ALL)

    def test_ignore_by_id_and_prefix(self):
        cases = (
            (["-i", "E3038"], ["W2001", "E1020", "E3005"]),
            (["--ignore-checks", "W2001"], ["E3038", "E1020", "E3005"]),
            (["--ignore-checks=W"], ["E3038", "E1020", "E3005"]),
            (["-i", "E30"], ["W2001", "E1020"]),
            (["-i", "E"], ["W2001"]),
            (["-i", "E3038,W2001"], ["E1020", "E3005"]),
            (["-i", "E3038", "-i", "W2001"], ["E1020", "E3005"]),
            (["-i", "E9999"], self.ALL),
        )
        for args, expect in cases:
            with self.subTest(args=args):
                self.assertIds(self.sl(*args, "mixed.yaml").stdout, expect)
        self.assertEqual(self.sl("-i", "W", "warnings.yaml").returncode, 0)
        self.assertEqual(self.sl("-i", "E", "errors.yaml").returncode, 0)

    def test_include_by_id_overrides_an_ignored_prefix(self):
        self.assertIds(self.sl("-i", "E", "-c", "E1020", "mixed.yaml").stdout, ["W2001", "E1020"])
        self.assertIds(self.sl("-i", "E30", "--include-checks", "E3038", "mixed.yaml").stdout,
                       ["W2001", "E3038", "E1020"])

    def test_severity(self):
        self.assertIds(self.sl("--severity", "error", "mixed.yaml").stdout, ["E3038", "E1020", "E3005"])
        self.assertIds(self.sl("--severity", "warning", "mixed.yaml").stdout, self.ALL)
        self.assertIds(self.sl("--severity", "info", "mixed.yaml").stdout, self.ALL)
        p = self.sl("--severity", "error", "warnings.yaml")
        self.assertEqual((p.returncode, p.stdout), (0, ""))
        self.assertEqual(self.sl("--severity", "error", "both.yaml").returncode, 2)

    def test_metadata_suppression_and_mandatory_checks(self):
        p = self.sl("suppressed.yaml")
        self.assertEqual([(d["id"], d["line"]) for d in text_diags(p.stdout)], [("E1020", 23)])
        p = self.sl("-m", "E1020", "suppressed.yaml")
        self.assertEqual([(d["id"], d["line"]) for d in text_diags(p.stdout)],
                         [("E1020", 19), ("E1020", 23)])
        p = self.sl("--mandatory-checks", "W", "suppressed.yaml")
        self.assertIn(("W2001", 9), [(d["id"], d["line"]) for d in text_diags(p.stdout)])

    def test_informational_rules_off_unless_included(self):
        info_ids = [r[0] for r in registered_rules() if r[1] == "info"]
        inputs = ["info.yaml", "clean.yaml", "mixed.yaml", "tree", "many"]
        # by default, no informational finding and never bit 8
        p = self.sl("-f", "json", *inputs)
        self.assertEqual([m for m in json.loads(p.stdout) if m["Level"] == "Informational"], [])
        self.assertEqual(p.returncode & 8, 0)
        self.assertEqual(self.sl("-c", "I", "clean.yaml").returncode, 0)
        if not info_ids:
            self.skipTest("no informational rule is registered yet")
        p = self.sl("-c", "I", "-f", "json", "info.yaml")
        found = sorted({m["Rule"]["Id"] for m in json.loads(p.stdout)})
        if not found:
            self.skipTest("info.yaml draws none of the informational rules %s; extend it" % info_ids)
        self.assertEqual([i for i in found if not i.startswith("I")], [], "info.yaml is meant to be "
                         "free of errors and warnings")
        self.assertEqual(p.returncode, 8)
        self.assertEqual(self.sl("--include-checks", found[0], "info.yaml").returncode, 8)
        self.assertEqual(self.sl("-c", "I", "--exit-zero", "info.yaml").returncode, 0)
        self.assertEqual(self.sl("-c", "I", "--severity", "warning", "info.yaml").returncode, 0)
        self.assertIn("info %s " % found[0], self.sl("-c", "I", "info.yaml").stdout)


class TestSideFiles(CliTestCase):
    """The files that deploy with a template (issue 13): recognised by name when
    a directory is walked or a file is named, or by --file-type; only the rules
    of their kind run on them."""

    TEMPLATE = ('AWSTemplateFormatVersion: "2010-09-09"\n'
                'Resources:\n'
                '  Topic:\n'
                '    Type: AWS::SNS::Topic\n'
                '    Properties:\n'
                '      TopicName: !Ref NoSuchParameter\n')
    APPSPEC = ('version: 1.0\n'
               'os: linux\n'
               'hooks:\n'
               '  Install:\n'
               '    - location: scripts/install.sh\n')

    def project(self):
        """A small project: a template, an appspec.yml, an appspec under a name
        that does not tell, a samconfig.toml, an .ebextensions config (and one
        nested too deep to count), and a YAML file that is none of these."""
        self.write("project/template.yaml", self.TEMPLATE)
        self.write("project/appspec.yml", self.APPSPEC)
        self.write("project/deploy/lambda-appspec.yaml", self.APPSPEC)
        self.write("project/samconfig.toml", 'version = 0.1\n[default.deploy.parameters]\n'
                   'stack_name = "app"\n')
        self.write("project/.ebextensions/01-options.config",
                   "option_settings:\n  aws:elasticbeanstalk:command:\n"
                   "    DeploymentPolicy: Rolling\n")
        self.write("project/.ebextensions/old/02.config", "option_settings: []\n")
        self.write("project/.github/appspec.yml", self.APPSPEC)

    def test_directory_lints_templates_and_side_files(self):
        self.project()
        p = self.sl("-f", "junit", "project")
        self.assertEqual(p.stderr, "")
        self.assertEqual(linted_files(p.stdout), [
            "project/.ebextensions/01-options.config",
            "project/appspec.yml",
            "project/samconfig.toml",
            "project/template.yaml",
        ])  # not: deploy/lambda-appspec.yaml (no side-file name, not a template),
        #      .ebextensions/old/ (not directly inside), .github/ (hidden)
        p = self.sl("project")
        diags = text_diags(p.stdout)
        self.assertEqual(sorted((d["file"], d["id"]) for d in diags), [
            ("project/appspec.yml", "E99801"),
            ("project/appspec.yml", "E99804"),
            ("project/template.yaml", "E1020"),
        ], p.stdout)
        self.assertEqual(p.returncode, 2)

    def test_appspec_rules_do_not_run_on_templates_nor_template_rules_on_appspec(self):
        self.project()
        p = self.sl("-f", "json", "project/appspec.yml", "project/template.yaml")
        by_file = {}
        for d in json.loads(p.stdout):
            by_file.setdefault(d["Filename"], set()).add(d["Rule"]["Id"])
        self.assertEqual(by_file, {"project/appspec.yml": {"E99801", "E99804"},
                                   "project/template.yaml": {"E1020"}})

    def test_file_type_forces_the_kind(self):
        self.project()
        p = self.sl("project/deploy/lambda-appspec.yaml")
        self.assertIn("E1001", p.stdout)  # by default, a named file is a template
        p = self.sl("--file-type", "appspec", "project/deploy/lambda-appspec.yaml")
        self.assertIds(p.stdout, ["E99801", "E99804"])
        p = self.sl("--file-type", "template", "project/appspec.yml")
        self.assertIn("E1001", p.stdout)
        p = self.sl("--file-type", "appspecs", "project/appspec.yml")
        self.assertEqual(p.returncode, 1)
        self.assertIn("--file-type", p.stderr)

    def test_stdin_filename_tells_the_kind(self):
        p = self.sl("--stdin-filename", "deploy/appspec.yml", "-", stdin=self.APPSPEC)
        self.assertIds(p.stdout, ["E99801", "E99804"])
        p = self.sl("--file-type", "appspec", "-", stdin=self.APPSPEC)
        self.assertIds(p.stdout, ["E99801", "E99804"])

    def test_only_templates_keeps_side_files(self):
        self.project()
        p = self.sl("-f", "junit", "--only-templates", "project/appspec.yml",
                    "project/deploy/lambda-appspec.yaml", "project/samconfig.toml",
                    "project/.ebextensions/01-options.config")
        self.assertEqual(linted_files(p.stdout), ["project/appspec.yml", "project/samconfig.toml",
                                                  "project/.ebextensions/01-options.config"])

    def test_selection_and_formats_apply_to_side_files(self):
        self.project()
        p = self.sl("-i", "E998", "project/appspec.yml")
        self.assertEqual((p.returncode, p.stdout), (0, ""))
        p = self.sl("-i", "E99804", "project/appspec.yml")
        self.assertIds(p.stdout, ["E99801"])
        self.write("project/bad/appspec.yml", "version: 0.0\nos: [linux\n")
        p = self.sl("project/bad/appspec.yml")
        self.assertIds(p.stdout, ["E0000"])
        for fmt in FORMATS:
            p = self.sl("-f", fmt, "project/appspec.yml")
            self.assertEqual(p.returncode, 2, fmt)
            self.assertIn("E99801", p.stdout, fmt)

    SAM_TEMPLATE = ('Transform: AWS::Serverless-2016-10-31\n'
                    'Parameters:\n'
                    '  StageName:\n'
                    '    Type: String\n'
                    '    AllowedValues: [dev, prod]\n'
                    'Resources:\n'
                    '  Fn:\n'
                    '    Type: AWS::Serverless::Function\n'
                    '    Properties:\n'
                    '      Handler: app.handler\n'
                    '      Runtime: python3.12\n'
                    '      CodeUri: src/\n'
                    '      Environment:\n'
                    '        Variables:\n'
                    '          STAGE: !Ref StageName\n')
    SAMCONFIG = ('version = 0.1\n'
                 '[default.deploy.parameters]\n'
                 'stack_name = "app"\n'
                 'parameter_overrides = "Stage=prod"\n')

    def test_samconfig_is_checked_against_the_template_beside_it(self):
        self.write("app/template.yaml", self.SAM_TEMPLATE)
        self.write("app/samconfig.toml", self.SAMCONFIG)
        want = [("app/samconfig.toml", "W99710"), ("app/samconfig.toml", "W99712"),
                ("app/samconfig.toml", "W99714")]
        p = self.sl("app")
        self.assertEqual(sorted((d["file"], d["id"]) for d in text_diags(p.stdout)), want, p.stdout)
        self.assertIn("template.yaml", p.stdout)
        # the same from inside the folder, the file named alone
        p = self.sl("samconfig.toml", cwd=os.path.join(self.dir, "app"))
        self.assertIds(p.stdout, ["W99710", "W99712", "W99714"])
        # no template beside it: nothing to compare with, nothing said
        os.unlink(os.path.join(self.dir, "app/template.yaml"))
        p = self.sl("app/samconfig.toml")
        self.assertEqual((p.returncode, p.stdout), (0, ""))

    def test_template_beside_a_samconfig_is_read_only_when_it_is_a_regular_file(self):
        """A FIFO with no writer, or a device, where the template should be is
        not read: no hang, no unbounded read, nothing judged."""
        self.write("app/samconfig.toml", self.SAMCONFIG)
        os.mkfifo(os.path.join(self.dir, "app/template.yaml"))
        p = self.sl("app/samconfig.toml")
        self.assertEqual((p.returncode, p.stdout), (0, ""))
        os.unlink(os.path.join(self.dir, "app/template.yaml"))
        os.symlink("/dev/zero", os.path.join(self.dir, "app/template.yaml"))
        p = self.sl("app/samconfig.toml")
        self.assertEqual((p.returncode, p.stdout), (0, ""))
        # over --max-size: not read either
        os.unlink(os.path.join(self.dir, "app/template.yaml"))
        self.write("app/template.yaml", self.SAM_TEMPLATE + "#" * 4096 + "\n")
        p = self.sl("--max-size", "2048", "app/samconfig.toml")
        self.assertEqual((p.returncode, p.stdout), (0, ""))

    def test_empty_side_files(self):
        """An empty .ebextensions config configures nothing and harms nothing;
        an empty appspec is an error, named as a file, not a template."""
        self.write("app/.ebextensions/01.config", "# options come later\n")
        self.write("app/appspec.yml", "# todo\n")
        p = self.sl("app")
        diags = text_diags(p.stdout)
        self.assertEqual([(d["file"], d["id"]) for d in diags], [("app/appspec.yml", "E0000")])
        self.assertIn("file is empty", diags[0]["msg"])

    def test_a_template_named_env_yaml_is_a_template(self):
        self.write("eb/env.yaml", self.TEMPLATE)
        p = self.sl("eb")
        self.assertIds(p.stdout, ["E1020"])


class TestIgnoreTemplates(CliTestCase):
    def test_ignore_templates(self):
        def linted(*args):
            return linted_files(self.sl("-f", "junit", *args).stdout)
        base = linted("tree")
        self.assertIn("tree/stacks/net/vpc.yml", base)
        self.assertNotIn("tree/stacks/net/vpc.yml", linted("--ignore-templates", "tree/stacks/net/*", "tree"))
        self.assertEqual(linted("--ignore-templates", "**/app.yaml", "--ignore-templates", "**/*.json",
                                "tree"),
                         [f for f in base if not f.endswith(("app.yaml", ".json"))])
        self.assertEqual(linted("--ignore-templates", "tree/**", "tree", "clean.yaml"), ["clean.yaml"])
        # also against a file named on the command line
        p = self.sl("--ignore-templates", "errors.yaml", "errors.yaml", "warnings.yaml")
        self.assertEqual(p.returncode, 4)


class TestConfiguration(CliTestCase):
    """Configuration files are read from the working directory (a fresh one per test)."""

    def setUp(self):
        super().setUp()
        self.proj = os.path.join(self.dir, "project")
        os.makedirs(os.path.join(self.proj, "stacks"))
        for src, dst in (("both.yaml", "a.yaml"), ("both.yaml", "b.yaml"),
                         ("errors.yaml", "stacks/c.yaml"), ("info.yaml", "stacks/d.yaml")):
            shutil.copy(os.path.join(self.dir, src), os.path.join(self.proj, dst))

    def conf(self, name, text):
        with open(os.path.join(self.proj, name), "w", encoding="utf-8") as f:
            f.write(text)

    def sl(self, *args, **kw):
        kw.setdefault("cwd", self.proj)
        return run(*args, **kw)

    def files_and_ids(self, out):
        return sorted((d["file"], d["id"]) for d in text_diags(out))

    def check_common_keys(self, name):
        self.conf(name, "templates:\n  - a.yaml\n  - 'stacks/**/*.yaml'\n"
                        "ignore_templates:\n  - stacks/d.yaml\n"
                        "ignore_checks:\n  - W2001\n")
        p = self.sl()
        self.assertEqual(self.files_and_ids(p.stdout),
                         [("a.yaml", "E1020"), ("stacks/c.yaml", "E1020")], p.stderr)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr, "")
        self.conf(name, "templates: [a.yaml]\nignore_checks: [E]\ninclude_checks: [E1020]\n")
        self.assertEqual(self.files_and_ids(self.sl().stdout), [("a.yaml", "E1020"), ("a.yaml", "W2001")])

    def test_stacklintrc_keys(self):
        self.check_common_keys(".stacklintrc.yaml")

    def test_cfnlintrc_keys(self):
        self.check_common_keys(".cfnlintrc")

    def test_cfn_lint_only_key_gives_a_notice(self):
        self.conf(".cfnlintrc", "templates: [a.yaml]\nupdate_specs: true\n")
        p = self.sl()
        self.assertEqual(p.returncode, 6)  # the run goes on
        self.assertEqual(len(text_diags(p.stdout)), 2)
        notes = [l for l in p.stderr.splitlines() if "update_specs" in l]
        self.assertEqual(len(notes), 1, p.stderr)
        self.assertIn(".cfnlintrc", notes[0])

    def test_every_cfn_lint_setting_is_recognised(self):
        # the keys of cfn-lint's configuration schema that stacklint cannot
        # honour: a notice each (the others are honoured: tests/cli/test_cfnlint_cli.py,
        # test_custom_rules.py, test_configure_rule.py, test_override_spec.py,
        # test_params.py, test_dropin.py)
        # (regions are honoured since: tests/cli/test_regions.py)
        keys = ("append_rules", "update_specs")
        values = {"update_specs": "true"}
        for key in keys:
            with self.subTest(key=key):
                self.conf(".cfnlintrc", "templates: [a.yaml]\n%s: %s\n" % (key, values.get(key, "[x]")))
                p = self.sl()
                self.assertEqual(p.returncode, 6)
                notes = [l for l in p.stderr.splitlines() if key in l]
                self.assertEqual(len(notes), 1, p.stderr)
                self.assertIn("cfn-lint", notes[0], "%s is a cfn-lint setting: %s" % (key, notes[0]))

    def test_unknown_key_gives_a_notice(self):
        self.conf(".stacklintrc.yaml", "templates: [a.yaml]\nfrobnicate: 3\n")
        p = self.sl()
        self.assertEqual(p.returncode, 6)
        self.assertIn("frobnicate", p.stderr)

    def test_command_line_takes_precedence(self):
        self.conf(".cfnlintrc", "templates: [a.yaml]\nignore_checks: [W2001]\ninclude_checks: []\n")
        self.assertEqual(self.files_and_ids(self.sl().stdout), [("a.yaml", "E1020")])
        # -i replaces the file's ignore_checks
        self.assertEqual(self.files_and_ids(self.sl("-i", "E1020").stdout), [("a.yaml", "W2001")])
        # inputs replace the file's templates
        self.assertEqual(self.files_and_ids(self.sl("stacks/c.yaml").stdout), [("stacks/c.yaml", "E1020")])
        # -f replaces the file's format
        self.conf(".stacklintrc.yaml", "templates: [a.yaml]\nformat: json\n")
        self.assertEqual(len(json.loads(self.sl().stdout)), 2)
        self.assertEqual(len(text_diags(self.sl("-f", "text").stdout)), 2)

    def test_include_checks_from_the_command_line(self):
        self.conf(".stacklintrc.yaml", "templates: [a.yaml]\nignore_checks: [E, W]\ninclude_checks: [W2001]\n")
        self.assertEqual(self.files_and_ids(self.sl().stdout), [("a.yaml", "W2001")])
        self.assertEqual(self.files_and_ids(self.sl("-c", "E1020").stdout), [("a.yaml", "E1020")])

    def test_stacklintrc_wins_over_cfnlintrc(self):
        self.conf(".stacklintrc.yaml", "templates: [a.yaml]\nignore_checks: [E1020]\n")
        self.conf(".cfnlintrc", "templates: [b.yaml]\nignore_checks: [W2001]\nregions: [us-east-1]\n")
        p = self.sl()
        self.assertEqual(self.files_and_ids(p.stdout), [("a.yaml", "W2001")])
        self.assertNotIn("regions", p.stderr)

    def test_ignore_templates_from_the_command_line_replace_the_file(self):
        self.conf(".stacklintrc.yaml", "ignore_templates: [b.yaml]\n")
        self.assertEqual(sorted({f for f, _ in self.files_and_ids(self.sl("a.yaml", "b.yaml").stdout)}),
                         ["a.yaml"])
        # as in cfn-lint (without merge_configs), a value on the command line
        # replaces the configuration's: here b.yaml is linted again
        p = self.sl("--ignore-templates", "a.yaml", "a.yaml", "b.yaml")
        self.assertEqual(sorted({f for f, _ in self.files_and_ids(p.stdout)}), ["b.yaml"])

    def test_config_option(self):
        self.conf(".stacklintrc.yaml", "templates: [a.yaml]\nignore_checks: [E1020]\n")
        os.makedirs(os.path.join(self.proj, "ci"))
        self.conf("ci/lint.yaml", "templates: [b.yaml]\nignore_checks: [W2001]\n")
        p = self.sl("--config", "ci/lint.yaml")
        self.assertEqual(self.files_and_ids(p.stdout), [("b.yaml", "E1020")])
        self.assertEqual(p.stderr, "")

    def test_config_option_errors(self):
        p = self.sl("--config", "missing.yaml", "a.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout, "")
        self.assertIn("missing.yaml", p.stderr)
        self.conf("broken.yaml", "ignore_checks: [W2001\n")
        p = self.sl("--config", "broken.yaml", "a.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertRegex(p.stderr, r"broken\.yaml:\d+:\d+: ")
        self.conf("list.yaml", "- W2001\n")
        self.assertEqual(self.sl("--config", "list.yaml", "a.yaml").returncode, 1)

    def test_bad_values_in_the_file(self):
        # as on the command line (--format xml, --jobs lots), a bad value stops the
        # run with a message naming the setting, rather than being dropped quietly
        for text, key in (("format: xml\n", "format"), ("ignore_checks: {W2001: 1}\n", "ignore_checks"),
                          ("jobs: lots\n", "jobs"), ("format: [json]\n", "format")):
            with self.subTest(config=text):
                self.conf(".stacklintrc.yaml", text)
                p = self.sl("a.yaml")
                self.assertEqual(p.returncode, 1, p.stderr)
                self.assertIn(key, p.stderr)
                self.assertEqual(p.stdout, "")

    def test_empty_configuration_is_fine(self):
        self.conf(".stacklintrc.yaml", "# nothing yet\n")
        p = self.sl("a.yaml")
        self.assertEqual((p.returncode, p.stderr), (6, ""))


class TestLintDate(CliTestCase):
    """--lint-date pins "today" for the rules that depend on the date: the Lambda
    runtime lifecycle (W2531 deprecated, E2531 no more creating, E2533 no more
    updating), whose dates are in rules/lambda/runtimes.c."""

    TEMPLATE = (
        "Resources:\n"
        "  Fn:\n"
        "    Type: AWS::Lambda::Function\n"
        "    Properties:\n"
        "      Runtime: %s\n"
        "      Handler: index.handler\n"
        "      Role: arn:aws:iam::123456789012:role/lambda\n"
        "      Code:\n"
        "        S3Bucket: bucket\n"
        "        S3Key: app.zip\n")

    def ids_on(self, runtime, *args):
        self.write("fn.yaml", self.TEMPLATE % runtime)
        p = self.sl(*args, "fn.yaml")
        self.assertEqual(p.stderr, "")
        return sorted(d["id"] for d in text_diags(p.stdout))

    def test_each_phase_starts_on_its_date(self):
        # dotnet8: deprecated 2026-11-10, creation blocked 2027-02-01, updates 2027-03-03
        for day, ids in (("2026-11-09", []), ("2026-11-10", ["W2531"]), ("2027-01-31", ["W2531"]),
                         ("2027-02-01", ["E2531"]), ("2027-03-02", ["E2531"]),
                         ("2027-03-03", ["E2533"]), ("2030-01-01", ["E2533"])):
            with self.subTest(day=day):
                self.assertEqual(self.ids_on("dotnet8", "--lint-date", day), ids)

    def test_unknown_dates_never_come(self):
        # python3.9: deprecated 2025-12-15; its block dates are not in the table
        self.assertEqual(self.ids_on("python3.9", "--lint-date", "2025-12-14"), [])
        self.assertEqual(self.ids_on("python3.9", "--lint-date", "2025-12-15"), ["W2531"])
        self.assertEqual(self.ids_on("python3.9", "--lint-date", "2099-12-31"), ["W2531"])
        # a supported runtime, and one with no dates at all
        self.assertEqual(self.ids_on("python3.14", "--lint-date", "2026-12-06"), [])
        self.assertEqual(self.ids_on("dotnet6", "--lint-date", "2099-12-31"), [])

    def test_messages_name_the_runtime_the_date_and_the_fix(self):
        self.write("fn.yaml", self.TEMPLATE % "python2.7")
        diags = text_diags(self.sl("--lint-date", "2026-12-06", "fn.yaml").stdout)
        self.assertEqual([(d["id"], d["line"], d["col"]) for d in diags], [("E2533", 5, 16)])
        for needle in ("python2.7", "2022-05-30", "python3.14"):
            self.assertIn(needle, diags[0]["msg"])

    def test_default_is_today_in_utc(self):
        import datetime
        today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
        self.write("fn.yaml", self.TEMPLATE % "dotnet8")
        self.assertEqual(self.sl("fn.yaml").stdout, self.sl("--lint-date", today, "fn.yaml").stdout)

    def test_bad_dates(self):
        for v in ("2026-02-29", "2026-13-01", "2026-1-5", "26-12-06", "2026-12-06x", "tomorrow", ""):
            with self.subTest(value=v):
                p = self.sl("--lint-date", v, "clean.yaml")
                self.assertEqual(p.returncode, 1)
                self.assertEqual(p.stdout, "")
                self.assertIn("--lint-date", p.stderr)
                self.assertIn("YYYY-MM-DD", p.stderr)
        self.assertEqual(self.sl("--lint-date", "2024-02-29", "clean.yaml").returncode, 0)

    def test_configuration_key(self):
        self.write("fn.yaml", self.TEMPLATE % "dotnet8")
        self.write(".stacklintrc.yaml", "templates: [fn.yaml]\nlint_date: 2027-03-03\n")
        self.assertIds(self.sl().stdout, ["E2533"])
        # the command line wins over the file
        self.assertIds(self.sl("--lint-date", "2026-11-10").stdout, ["W2531"])
        self.write(".stacklintrc.yaml", "templates: [fn.yaml]\nlint_date: \"2027-02-01\"\n")
        self.assertIds(self.sl().stdout, ["E2531"])
        for bad in ("lint_date: 2027-02-30\n", "lint_date: [2027-02-01]\n", "lint_date: soon\n"):
            with self.subTest(config=bad):
                self.write(".stacklintrc.yaml", "templates: [fn.yaml]\n" + bad)
                p = self.sl()
                self.assertEqual(p.returncode, 1)
                self.assertEqual(p.stdout, "")
                self.assertIn("lint_date", p.stderr)


class TestMaxSize(CliTestCase):
    def test_file_over_the_limit(self):
        limit = os.path.getsize(os.path.join(self.dir, "warnings.yaml"))  # at the limit: linted
        size = os.path.getsize(os.path.join(self.dir, "errors.yaml"))
        self.assertGreater(size, limit)
        p = self.sl("--max-size", str(limit), "errors.yaml", "warnings.yaml")
        self.assertEqual(p.returncode, 2 | 4)
        diags = text_diags(p.stdout)
        self.assertEqual([(d["file"], d["id"], d["line"], d["col"]) for d in diags],
                         [("errors.yaml", "E0000", 1, 1), ("warnings.yaml", "W2001", 4, 3)])
        msg = diags[0]["msg"]
        self.assertIn(str(size), msg)
        self.assertIn(str(limit), msg)
        self.assertIn("--max-size", msg)
        self.assertIn("limit", msg)

    def test_suffixes_and_stdin(self):
        self.assertEqual(len(text_diags(self.sl("--max-size", "1K", "both.yaml").stdout)), 2)
        self.assertEqual(len(text_diags(self.sl("--max-size", "1M", "both.yaml").stdout)), 2)
        with open(os.path.join(self.dir, "both.yaml"), "rb") as f:
            p = self.sl("--max-size", "100", "-", "--stdin-filename", "in.yaml", stdin=f.read())
        self.assertEqual([(d["file"], d["id"]) for d in text_diags(p.stdout)], [("in.yaml", "E0000")])

    def test_bad_values(self):
        for v in ("0", "-5", "10X", ""):
            with self.subTest(value=v):
                self.assertEqual(self.sl("--max-size", v, "both.yaml").returncode, 1)


class TestOutputErrors(CliTestCase):
    @unittest.skipUnless(os.path.exists("/dev/full"), "needs /dev/full")
    def test_a_failed_write_is_an_io_error(self):
        for args in (["both.yaml"], ["-f", "json", "many"], ["--list-rules"], ["--help"],
                     ["--explain", "all"], ["--version"]):
            with self.subTest(args=args), open("/dev/full", "wb") as full:
                p = subprocess.run([STACKLINT, *args], cwd=self.dir, stdin=subprocess.DEVNULL,
                                   stdout=full, stderr=subprocess.PIPE, timeout=60)
                self.assertEqual(p.returncode & 1, 1, "exit status %d" % p.returncode)
                self.assertTrue(p.stderr, "the failure is not reported on stderr")


class TestStreamedOutput(CliTestCase):
    """Reports stream out in 64 KiB pieces between findings (util/buf.h
    sl_buf_drain): a report many pieces long is the same bytes on a pipe and in
    --output-file, in every format, and a write that fails is one message."""

    def big(self):
        res = "".join("  T%d:\n    Type: AWS::SNS::Topic\n    Properties:\n"
                      "      TopicName: '{{resolve:ssm-secure:/p%d:1}}'\n" % (i, i) for i in range(1500))
        path = os.path.join(self.dir, "big.yaml")
        with open(path, "w") as f:
            f.write("Resources:\n" + res)
        return path

    def test_same_bytes_on_a_pipe_and_in_a_file(self):
        path = self.big()
        for fmt in FORMATS + ("pretty", "quiet"):
            with self.subTest(format=fmt):
                rc, out, err = run_bytes("-f", fmt, path, cwd=self.dir)
                self.assertEqual(rc, 2, err)
                self.assertGreater(len(out), 3 * 64 * 1024)  # several drains
                self.assertGreaterEqual(out.count(b"E1027"), 1500)
                dest = os.path.join(self.dir, "out-" + fmt)
                rc2, out2, err2 = run_bytes("-f", fmt, "--output-file", dest, path, cwd=self.dir)
                self.assertEqual((rc2, out2, err2), (rc, b"", err))
                with open(dest, "rb") as f:
                    self.assertEqual(f.read(), out)

    @unittest.skipUnless(os.path.exists("/dev/full"), "needs /dev/full")
    def test_a_failed_write_midway_is_one_message(self):
        path = self.big()
        rc, out, err = run_bytes("-f", "json", "--output-file", "/dev/full", path, cwd=self.dir)
        self.assertEqual(rc & 1, 1)
        lines = err.decode().splitlines()
        self.assertEqual(lines, ["stacklint: cannot write '/dev/full': No space left on device"])


class TestDeterminism(CliTestCase):
    def test_same_bytes_for_every_job_count(self):
        self.assertGreaterEqual(len(os.listdir(os.path.join(self.dir, "many"))), 20)
        for fmt in FORMATS:
            with self.subTest(format=fmt):
                results = {j: run_bytes("-f", fmt, "--jobs", str(j), "many", cwd=self.dir)
                           for j in (1, 2, 8, 0)}
                self.assertTrue(results[1][1], "output is not empty")
                self.assertEqual(results[1][0], 6)
                for j in (2, 8, 0):
                    self.assertEqual(results[j], results[1], "--jobs %d differs from --jobs 1" % j)
                self.assertEqual(run_bytes("-f", fmt, "-j8", "many", cwd=self.dir), results[8],
                                 "a second run differs")

    def test_a_repeat_names_the_earlier_item(self):
        # 30,000 equal list items span several arena chunks, whose addresses
        # are not in document order: each repeat must still name the item
        # before it (I3037 once sorted equal texts by node address)
        items = "".join("        - python3.12\n" for _ in range(30000))
        path = os.path.join(self.dir, "repeats.yaml")
        with open(path, "w") as f:
            f.write("Resources:\n  L:\n    Type: AWS::Lambda::LayerVersion\n    Properties:\n"
                    "      Content: {S3Bucket: b, S3Key: k}\n      CompatibleRuntimes:\n" + items)
        diags = [d for d in text_diags(self.sl("-c", "I3037", path).stdout) if d["id"] == "I3037"]
        self.assertEqual(len(diags), 29999)
        for d in diags:
            first = int(re.search(r"first at line (\d+)", d["msg"]).group(1))
            self.assertEqual(first, d["line"] - 1, d)

    def test_order_is_sorted_by_file(self):
        files = [d["file"] for d in text_diags(self.sl("-j", "8", "many").stdout)]
        self.assertEqual(files, sorted(files))
        self.assertEqual(len(set(files)), 20)  # t18.yaml too: ${Fehlt} is undefined (E1019)


class TestNeverWrites(CliTestCase):
    def snapshot(self):
        snap = {}
        for root, dirs, files in os.walk(self._tmp.name):
            for name in dirs + files:
                path = os.path.join(root, name)
                st = os.lstat(path)
                digest = None
                if os.path.isfile(path) and not os.path.islink(path):
                    with open(path, "rb") as f:
                        digest = hashlib.sha256(f.read()).hexdigest()
                snap[os.path.relpath(path, self._tmp.name)] = (st.st_mtime_ns, st.st_mode,
                                                               st.st_size, digest)
        return snap

    def test_user_files_are_untouched(self):
        self.write(".cfnlintrc", "templates: ['**/*.yaml']\nregions: [us-east-1]\n")
        self.write("sub/.stacklintrc.yaml", "templates: ['../many']\nformat: sarif\n")
        before = self.snapshot()
        with open(os.path.join(self.dir, "both.yaml"), "rb") as f:
            body = f.read()
        for fmt in FORMATS:
            for args in (["."], ["many", "tree", "syntax.yaml"], ["-j", "8", "tree/**/*.yaml"],
                         ["-"], []):
                run("-f", fmt, *args, cwd=self.dir, stdin=body if args == ["-"] else None)
        for args in (["--max-size", "100", "."], ["--list-rules"], ["--explain", "all"],
                     ["--config", "sub/.stacklintrc.yaml"], ["--yaml-backend", "libfyaml", "."]):
            run(*args, cwd=self.dir)
        run(cwd=os.path.join(self.dir, "sub"))
        self.assertEqual(self.snapshot(), before)


class TestDocumentation(unittest.TestCase):
    """The man page and docs/usage.md describe every option of --help."""

    def check(self, name):
        path = os.path.join(SOURCE_ROOT, "docs", name)
        if not os.path.exists(path):
            self.skipTest("%s is not in this tree" % name)
        with open(path, encoding="utf-8") as f:
            text = f.read().replace("\\-", "-").replace("\\fB", "").replace("\\fR", "")
        helptext = run("--help").stdout
        for opt in sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", helptext))):
            self.assertIn(opt, text, "%s does not describe %s" % (name, opt))
        for rid in ("E3038",):
            self.assertIn(rid, text)

    def test_man_page(self):
        self.check("stacklint.1")

    def test_usage(self):
        self.check("usage.md")


def main():
    global STACKLINT
    argv = sys.argv[1:]
    if argv and not argv[0].startswith("-"):
        STACKLINT = argv.pop(0)
    else:
        STACKLINT = os.environ.get("STACKLINT")
    if not STACKLINT:
        sys.stderr.write("usage: test_cli.py STACKLINT [unittest options] (or set STACKLINT)\n")
        return 2
    STACKLINT = os.path.abspath(STACKLINT)
    if not os.access(STACKLINT, os.X_OK):
        sys.stderr.write("test_cli.py: %s is not an executable\n" % STACKLINT)
        return 2
    prog = unittest.main(argv=[sys.argv[0]] + argv, exit=False, verbosity=2)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())

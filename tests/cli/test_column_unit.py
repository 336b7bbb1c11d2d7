#!/usr/bin/env python3
"""
--column-unit char|byte|utf16 and the configuration's `column_unit` (issue 15):
what the start and end columns of every format count. On a line with
non-ASCII text before the fault, characters (cfn-lint's, the default), UTF-8
bytes (Vim, Neovim, ALE) and UTF-16 code units (LSP) differ; the template
here has a 2-byte, a 3-byte and an astral (4-byte, 2 UTF-16 units) character
before it. SARIF's run.columnKind says the unit; SARIF has no byte kind, so
sarif keeps characters for byte, with a notice.

    test_column_unit.py STACKLINT [unittest options]

Only the Python standard library is used.
"""
import json
import re
import sys

import test_cli as base

# E3012 on Timeout's "x", after é漢😀 on the same line
TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Description: "é漢😀", Timeout: "x", Handler: h, Runtime: python3.12, Code: {ZipFile: x}, Role: !GetAtt R.Arn}
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
"""
LINE = TEMPLATE.splitlines()[4]
QUOTED = '"x"'


def expected(unit):
    """(start, end) columns of "x" (with its quotes) on LINE in `unit`, counted here."""
    before = LINE[:LINE.index(QUOTED)]
    n = {"char": len(before),
         "byte": len(before.encode("utf-8")),
         "utf16": len(before.encode("utf-16-le")) // 2}[unit]
    return n + 1, n + 1 + len(QUOTED)


class ColumnUnitTest(base.CliTestCase):
    def setUp(self):
        super().setUp()
        self.write("t.yaml", TEMPLATE)

    def lint(self, *args):
        p = self.sl("-c", "E3012", "-i", "W,I", *args, "t.yaml")
        self.assertEqual(p.returncode, 2, p.stdout + p.stderr)
        return p

    def test_the_units_differ_here(self):
        # the test means something only if the three counts differ
        self.assertEqual(len({expected(u) for u in ("char", "byte", "utf16")}), 3)
        self.assertEqual(expected("char"), (47, 50))

    def test_text(self):
        for unit in ("char", "byte", "utf16"):
            with self.subTest(unit=unit):
                p = self.lint("--column-unit", unit)
                (d,) = [d for d in base.text_diags(p.stdout) if d["id"] == "E3012"]
                self.assertEqual((d["line"], d["col"]), (5, expected(unit)[0]))

    def test_default_is_char(self):
        self.assertEqual(self.lint().stdout, self.lint("--column-unit", "char").stdout)

    def test_parseable(self):
        for unit in ("char", "byte", "utf16"):
            with self.subTest(unit=unit):
                p = self.lint("-f", "parseable", "--column-unit", unit)
                rows = [l.split(":") for l in p.stdout.splitlines() if ":E3012:" in l]
                self.assertEqual(len(rows), 1, p.stdout)
                s, e = expected(unit)
                self.assertEqual(rows[0][1:5], ["5", str(s), "5", str(e)])

    def test_json(self):
        for unit in ("char", "byte", "utf16"):
            with self.subTest(unit=unit):
                p = self.lint("-f", "json", "--column-unit", unit)
                (d,) = [d for d in json.loads(p.stdout) if d["Rule"]["Id"] == "E3012"]
                loc = d["Location"]
                self.assertEqual((loc["Start"]["LineNumber"], loc["Start"]["ColumnNumber"],
                                  loc["End"]["LineNumber"], loc["End"]["ColumnNumber"]),
                                 (5, expected(unit)[0], 5, expected(unit)[1]))

    def test_github(self):
        for unit in ("char", "byte", "utf16"):
            with self.subTest(unit=unit):
                p = self.lint("-f", "github", "--column-unit", unit)
                m = re.search(r"^::error file=t\.yaml,line=5,col=(\d+),endLine=5,endColumn=(\d+),"
                              r"title=E3012::", p.stdout, re.M)
                self.assertIsNotNone(m, p.stdout)
                self.assertEqual((int(m[1]), int(m[2])), expected(unit))

    def test_other_formats(self):
        # junit's test name, pretty's and standard's line:col
        for unit in ("char", "byte", "utf16"):
            with self.subTest(unit=unit):
                s = expected(unit)[0]
                self.assertIn("(5:%d)" % s, self.lint("-f", "junit", "--column-unit", unit).stdout)
                self.assertRegex(self.lint("-f", "pretty", "--column-unit", unit).stdout,
                                 r"(?m)^5:%d:\s+E3012" % s)
                self.assertIn("t.yaml:5:%d\n" % s, self.lint("-f", "standard", "--column-unit", unit).stdout)

    def sarif(self, unit):
        p = self.lint("-f", "sarif", "--column-unit", unit)
        run = json.loads(p.stdout)["runs"][0]
        (r,) = [r for r in run["results"] if r["ruleId"] == "E3012"]
        reg = r["locations"][0]["physicalLocation"]["region"]
        notes = [n["message"]["text"] for inv in run.get("invocations", [])
                 for n in inv.get("toolConfigurationNotifications", [])]
        return run["columnKind"], (reg["startColumn"], reg["endColumn"]), notes

    def test_sarif_column_kind(self):
        kind, cols, notes = self.sarif("char")
        self.assertEqual((kind, cols, notes), ("unicodeCodePoints", expected("char"), []))
        kind, cols, notes = self.sarif("utf16")
        self.assertEqual((kind, cols, notes), ("utf16CodeUnits", expected("utf16"), []))

    def test_sarif_has_no_byte_kind(self):
        # byte columns cannot be labelled in SARIF: characters, and a notice says so
        kind, cols, notes = self.sarif("byte")
        self.assertEqual((kind, cols), ("unicodeCodePoints", expected("char")))
        self.assertTrue(any("--column-unit byte" in n for n in notes), notes)

    def test_stdin(self):
        with open(self.dir + "/t.yaml", encoding="utf-8") as f:
            text = f.read()
        p = self.sl("-c", "E3012", "-i", "W,I", "--column-unit", "byte", "--stdin-filename", "t.yaml", "-",
                    stdin=text)
        self.assertIn("t.yaml:5:%d: error E3012" % expected("byte")[0], p.stdout)

    def test_utf16_input_counts_utf8_bytes(self):
        # a UTF-16 file: byte columns count the bytes of its UTF-8 form (what Vim
        # counts in a buffer it has read as UTF-8)
        with open(self.dir + "/t16.yaml", "wb") as f:
            f.write(TEMPLATE.encode("utf-16"))
        for unit in ("char", "byte", "utf16"):
            with self.subTest(unit=unit):
                p = self.sl("-c", "E3012", "-i", "W,I", "--column-unit", unit, "t16.yaml")
                self.assertIn("t16.yaml:5:%d: error E3012" % expected(unit)[0], p.stdout)

    def test_config_key(self):
        for unit in ("byte", "utf16"):
            with self.subTest(unit=unit):
                self.write(".stacklintrc.yaml", "column_unit: %s\n" % unit)
                p = self.lint()
                self.assertIn("t.yaml:5:%d: error E3012" % expected(unit)[0], p.stdout)
        # the command line wins over the configuration
        self.write(".stacklintrc.yaml", "column_unit: byte\n")
        p = self.lint("--column-unit", "utf16")
        self.assertIn("t.yaml:5:%d: error E3012" % expected("utf16")[0], p.stdout)
        p = self.lint("--column-unit", "char")
        self.assertIn("t.yaml:5:%d: error E3012" % expected("char")[0], p.stdout)

    def test_bad_values_are_usage_errors(self):
        for bad in ("bytes", "utf-16", "UTF16", ""):
            with self.subTest(value=bad):
                p = self.sl("--column-unit", bad, "t.yaml")
                self.assertEqual(p.returncode, 1)
                self.assertEqual(p.stdout, "")
                self.assertIn("--column-unit takes char, byte or utf16", p.stderr)
        p = self.sl("t.yaml", "--column-unit")
        self.assertEqual(p.returncode, 1)
        self.write(".stacklintrc.yaml", "column_unit: codepoints\n")
        p = self.sl("t.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertIn("'column_unit' must be char, byte or utf16", p.stderr)

    def test_help(self):
        self.assertRegex(self.sl("--help").stdout, r"(?m)^\s+--column-unit UNIT\s+.*char.*")


def main():
    return base.main()


if __name__ == "__main__":
    sys.exit(main())

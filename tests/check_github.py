#!/usr/bin/env python3
"""Check the github format the way the GitHub Actions runner reads it.

    check_github.py GITHUB_FILE JSON_FILE

GITHUB_FILE and JSON_FILE are goldens of the github and json formats for the
same reports. Every line of GITHUB_FILE is parsed as the runner parses a
workflow command (actions/runner: ActionCommand.TryParseV2, UnescapeProperty,
UnescapeData, then IssueCommandExtension.ValidateLinesAndColumns), and the
decoded command must say what the matching json entry says: the command for
the level, file (in pathlib's posix form), line, endLine, col and endColumn
(kept by the runner: present only on a one-line range), title = the rule ID,
and the message (with control characters other than TAB, CR and LF shown as
U+FFFD). The runner must also keep every property we wrote. Standard library
only; exit status 0 when all lines check, 1 otherwise.
"""

import json
import pathlib
import sys

COMMANDS = {"Error": "error", "Warning": "warning", "Informational": "notice"}


def unescape(s, mappings):
    for token, repl in mappings:
        s = s.replace(repl, token)
    return s


PROPERTY = [("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25")]
DATA = [("\r", "%0D"), ("\n", "%0A"), ("%", "%25")]


def try_parse_v2(message):
    """The runner's ActionCommand.TryParseV2, for the issue commands."""
    message = message.lstrip()
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    info = message[2:end]
    space = info.find(" ")
    name = info if space < 0 else info[:space]
    if name not in ("error", "warning", "notice"):
        return None
    props = {}
    if space > 0:
        for prop in [p for p in info[space + 1:].strip().split(",") if p]:
            pair = [x for x in prop.split("=", 1) if x]
            if len(pair) == 2:
                props[pair[0]] = unescape(pair[1], PROPERTY)
    return name, props, unescape(message[end + 2:], DATA)


def validate_lines_and_columns(props):
    """The runner's ValidateLinesAndColumns; returns the properties it keeps."""
    p = dict(props)

    def num(k):
        try:
            return int(p[k])
        except (KeyError, ValueError):
            return None
    line, end_line, col, end_col = num("line"), num("endLine"), num("col"), num("endColumn")
    has_col = col is not None or end_col is not None
    if end_line is not None and line is None:
        p["line"], line = p["endLine"], end_line
    if end_col is not None and col is None:
        p["col"], col = p["endColumn"], end_col
    if line is None and has_col:
        p.pop("col", None), p.pop("endColumn", None)
    if end_line is not None and p.get("line") != p.get("endLine") and has_col:
        p.pop("col", None), p.pop("endColumn", None)
    if line is not None and end_line is not None and end_line < line:
        p.pop("line", None), p.pop("endLine", None)
    if col is not None and end_col is not None and end_col < col:
        p.pop("col", None), p.pop("endColumn", None)
    return p


def shown(message):
    return "".join("\ufffd" if (ord(c) < 0x20 and c not in "\t\r\n") or 0x7F <= ord(c) <= 0x9F
                   else c for c in message)


def expected(m):
    start, end = m["Location"]["Start"], m["Location"]["End"]
    props = {"title": m["Rule"]["Id"]} if m["Rule"]["Id"] else {}
    if m["Filename"]:
        props["file"] = shown(pathlib.PurePosixPath(m["Filename"]).as_posix())
    if start["LineNumber"]:
        el, ec = end["LineNumber"], end["ColumnNumber"]
        if (el, ec) < (start["LineNumber"], start["ColumnNumber"]):
            el, ec = start["LineNumber"], start["ColumnNumber"]
        props["line"], props["endLine"] = str(start["LineNumber"]), str(el)
        if start["ColumnNumber"] and el == start["LineNumber"]:
            props["col"], props["endColumn"] = str(start["ColumnNumber"]), str(ec)
    return COMMANDS[m["Level"]], props, shown(m["Message"])


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        raw = f.read().decode("utf-8")
    with open(argv[2], encoding="utf-8") as f:
        matches = json.load(f)
    lines = raw.split("\n")
    problems = []
    if raw and not raw.endswith("\n"):
        problems.append("output does not end with a newline")
    lines = lines[:-1] if raw else []
    if len(lines) != len(matches):
        problems.append(f"{len(lines)} commands for {len(matches)} diagnostics")
    for i, (line, m) in enumerate(zip(lines, matches)):
        parsed = try_parse_v2(line)
        if not parsed:
            problems.append(f"line {i + 1}: the runner does not read a command")
            continue
        name, props, data = parsed
        kept = validate_lines_and_columns(props)
        if kept != props:
            problems.append(f"line {i + 1}: the runner drops or changes {props} -> {kept}")
        got, want = (name, kept, data), expected(m)
        if got != want:
            problems.append(f"line {i + 1}: read {got!r}\n    expected {want!r}")
    print(("FAIL: " if problems else "OK: ") + argv[1])
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

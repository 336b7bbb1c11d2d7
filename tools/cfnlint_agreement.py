#!/usr/bin/env python3
"""Agreement of stacklint with cfn-lint's own expected findings (issue 6, Accuracy).

usage: cfnlint_agreement.py STACKLINT CORPUS_DIR [--check FLOORS] [--write-floors FLOORS]

CORPUS_DIR is ../shared/corpus (holding cfn-lint-results/MAPPING.tsv and
UNIT_EXPECTATIONS.tsv).  For each rule ID of issue 6 that stacklint has:

  MAPPING       rows with a results file: the template is linted with `-c I`;
                expected = the results file's findings of that rule, found =
                stacklint's, matched = same template and same start line (each
                finding matched at most once).
  UNIT          only the listed rule is run (`-i E,W,I -c ID`); the count must
                equal cfn-lint's expected_failures_for_rule.

--check FILE reads floors (lines `RULE matched N` / `RULE unit-equal N`, `#`
comments) and exits 1 when a figure falls below its floor.  --write-floors FILE
writes the current figures.  Exit 77 (skip) when the corpus is absent.
"""
import collections
import csv
import json
import os
import subprocess
import sys

ISSUE_RULES = """E1001 E1002 E1003 E1004 E1005 E1010 E1011 E1015 E1016 E1017 E1018 E1019
E1020 E1021 E1022 E1024 E1028 E1029 E1030 E1031 E1032 W1019 W1020 I1022 W1001 E2001 E2002
E2003 E2010 E2011 E2015 I2003 W2001 W2010 W2030 W2031 E3004 E3005 E3007 E3010 I3010 E3011
E3015 E8001-E8007 W8001 W8003 E7001 E7002 E7010 W7001 E6001-E6005 E6010 E6011 E6101 E6102
W6001""".split()

# cfn-lint options that stacklint has no equivalent for (the row is still compared)
FOREIGN_OPTS = ('-x', '--configure-rule', '-e', '--include-experimental')


def expand(ids):
    out = []
    for i in ids:
        if '-' in i:
            a, b = i.split('-')
            p = a[0]
            for n in range(int(a[1:]), int(b[1:]) + 1):
                out.append('%s%04d' % (p, n))
        else:
            out.append(i)
    return out


def read_tsv(path):
    with open(path, newline='') as f:
        return list(csv.DictReader(f, delimiter='\t'))


def run(exe, args, template):
    p = subprocess.run([exe, '-f', 'json', '--exit-zero'] + args + [template],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    if p.returncode != 0:
        sys.stderr.write('stacklint failed on %s: %s\n' % (template, p.stderr.decode(errors='replace')))
        return None
    try:
        return json.loads(p.stdout or b'[]')
    except ValueError:
        sys.stderr.write('stacklint gave bad JSON on %s\n' % template)
        return None


def lines_by_rule(findings, rules):
    d = collections.defaultdict(list)
    for f in findings:
        rid = f['Rule']['Id']
        if rid in rules:
            d[rid].append(f['Location']['Start']['LineNumber'])
    return d


def main(argv):
    check = write = None
    pos = []
    it = iter(argv[1:])
    for a in it:
        if a == '--check':
            check = next(it)
        elif a == '--write-floors':
            write = next(it)
        else:
            pos.append(a)
    if len(pos) != 2:
        sys.stderr.write(__doc__)
        return 2
    exe, corpus = pos
    res_dir = os.path.join(corpus, 'cfn-lint-results')
    mapping_tsv = os.path.join(res_dir, 'MAPPING.tsv')
    unit_tsv = os.path.join(res_dir, 'UNIT_EXPECTATIONS.tsv')
    if not (os.path.isfile(mapping_tsv) and os.path.isfile(unit_tsv)):
        print('corpus absent (%s): skipped' % res_dir)
        return 77

    p = subprocess.run([exe, '--list-rules'], stdout=subprocess.PIPE, check=True)
    have = {l.split()[0] for l in p.stdout.decode().splitlines() if l.strip()}
    wanted = expand(ISSUE_RULES)
    rules = [r for r in wanted if r in have]
    missing = [r for r in wanted if r not in have]
    rset = set(rules)

    exp = collections.Counter()
    found = collections.Counter()
    matched = collections.Counter()
    mism = collections.defaultdict(list)   # rule -> (template, 'missed'/'extra', line)
    foreign = []
    for row in read_tsv(mapping_tsv):
        if not row['results_file']:
            continue
        tmpl = os.path.join(corpus, row['template_file'])
        args = row['cfn_lint_args'].split()
        extra = [a for i, a in enumerate(args)
                 if a in FOREIGN_OPTS or (i and args[i - 1] in ('-x', '--configure-rule'))]
        if extra:
            foreign.append((row['template_file'], row['results_file'], ' '.join(extra)))
        with open(os.path.join(corpus, row['results_file'])) as f:
            want = lines_by_rule(json.load(f), rset)
        got_f = run(exe, ['-c', 'I'], tmpl)
        got = lines_by_rule(got_f or [], rset)
        for r in rules:
            w = collections.Counter(want.get(r, []))
            g = collections.Counter(got.get(r, []))
            exp[r] += sum(w.values())
            found[r] += sum(g.values())
            m = w & g
            matched[r] += sum(m.values())
            name = os.path.basename(row['results_file'])
            for ln in sorted((w - m).elements()):
                mism[r].append((name, 'missed', ln))
            for ln in sorted((g - m).elements()):
                mism[r].append((name, 'extra', ln))

    unit = collections.defaultdict(list)   # rule -> [(template, expected, got)]
    for row in read_tsv(unit_tsv):
        ids = [i for i in row['rule_ids'].split(',') if i.strip()]
        ids = [i.strip() for i in ids if i.strip() in rset]
        if not ids:
            continue
        tmpl = os.path.join(corpus, row['template_file'])
        sel = ','.join(ids)
        got_f = run(exe, ['-i', 'E,W,I', '-c', sel], tmpl)
        n = -1 if got_f is None else sum(1 for f in got_f if f['Rule']['Id'] in ids)
        unit[sel].append((row['template_file'], int(row['expected_failures_for_rule']), n))

    # report
    print('%-6s %8s %6s %8s %10s %9s' % ('rule', 'expected', 'found', 'matched', 'unit-equal', 'unit-diff'))
    tot = collections.Counter()
    figures = {}
    for r in rules:
        ue = sum(1 for _, e, g in unit.get(r, []) if e == g)
        ud = len(unit.get(r, [])) - ue
        if not (exp[r] or found[r] or unit.get(r)):
            continue
        print('%-6s %8d %6d %8d %10d %9d' % (r, exp[r], found[r], matched[r], ue, ud))
        tot.update(expected=exp[r], found=found[r], matched=matched[r], ue=ue, ud=ud)
        figures[(r, 'matched')] = matched[r]
        if unit.get(r):
            figures[(r, 'unit-equal')] = ue
    print('%-6s %8d %6d %8d %10d %9d' % ('TOTAL', tot['expected'], tot['found'], tot['matched'],
                                         tot['ue'], tot['ud']))
    quiet = [r for r in rules if not (exp[r] or found[r] or unit.get(r))]
    print('\nrules with no expectation and no finding on these fixtures: %s' % ' '.join(quiet))
    if missing:
        print('issue-6 rules stacklint lacks: %s' % ' '.join(missing))
    print('\nUNIT rows:')
    for sel in sorted(unit):
        for t, e, g in unit[sel]:
            print('  %-6s %-4s expected %3d  stacklint %3d  %s' % (sel, 'ok' if e == g else 'DIFF', e, g, t))
    print('\nMAPPING mismatches (results file, missed/extra, start line):')
    for r in rules:
        for name, kind, ln in mism.get(r, []):
            print('  %s %-6s line %-5d %s' % (r, kind, ln, name))
    if foreign:
        only_e = [x for x in foreign if x[2] == '-e']
        print('\nMAPPING rows with cfn-lint options stacklint lacks (compared as plain `-c I`):')
        print('  -e (experimental rules) only: %d rows' % len(only_e))
        for t, res, o in foreign:
            if o != '-e':
                print('  %s -> %s: %s' % (t, os.path.basename(res), o))

    if write:
        with open(write, 'w') as f:
            f.write('# floors for tools/cfnlint_agreement.py (RULE matched|unit-equal N);\n'
                    '# regenerate with --write-floors after an improvement\n')
            for (r, k), v in sorted(figures.items()):
                f.write('%s %s %d\n' % (r, k, v))
    rc = 0
    if check:
        with open(check) as f:
            for line in f:
                line = line.split('#', 1)[0].split()
                if not line:
                    continue
                r, k, v = line[0], line[1], int(line[2])
                cur = figures.get((r, k), 0)
                if cur < v:
                    print('FLOOR: %s %s is %d, below %d' % (r, k, cur, v))
                    rc = 1
        print('\nfloors %s' % ('FAILED' if rc else 'held'))
    return rc


if __name__ == '__main__':
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""stacklint against cfn-lint, rule by rule, over the whole corpus (issue 10, Accuracy).

usage: cfnlint_compare.py STACKLINT CORPUS_DIR [--rules IDS] [--folders NAMES]
           [--by-folder] [--diff IDS] [--judged FILE]
           [--check FLOORS] [--write-floors FILE]

CORPUS_DIR is ../shared/corpus.  Its cfn-lint-baseline/<folder>.json holds
cfn-lint 1.55.1's findings (`-c I`) on every file of <folder>; stacklint is run
on the same files, one process per folder (folders run in parallel), as

    stacklint -c I -f json --exit-zero [--lint-date 2026-12-06] FOLDER/FILE...

from CORPUS_DIR (`--lint-date` only when `stacklint --help` lists it, so that
date-dependent rules such as the Lambda runtime ones give the same answer on
any day).  Every file is named on the command line, so each is linted even if
stacklint would not take it for a template when searching a directory.

A finding's key is (file, rule ID, start line).  Two findings match when their
keys are equal; each finding is matched at most once (on one key, cfn-lint's
findings and stacklint's pair up in column order, same columns first).  For
every rule ID seen on either side (or only those of --rules) the table gives:

  cfn-lint   cfn-lint's findings        matched   pairs as above
  stacklint  stacklint's findings       cfn-only / sl-only   the unmatched rest
  match%     matched / cfn-lint (right% with --judged, see below)

A stacklint count of `-` means stacklint has no rule of that ID.  The total is
taken over the IDs both tools have: the IDs of `stacklint --list-rules` that
occur in the baseline (cfn-lint's full rule list is not in the corpus; an ID
cfn-lint has but never reported here adds nothing to its side anyway), and is
printed as "stacklint finds X% of cfn-lint's findings over shared IDs".

Options:
  --rules IDS      only these IDs: comma-separated IDs, ranges (E3030-E3034) and
                   prefixes written with x (E11xx, W10xx).
  --folders NAMES  only these corpus folders, comma-separated; `deployable` is
                   cfn-templates, cfn-lint-good, serverless-patterns,
                   sam-integration, sam-examples, sam-translator, sam-cli-tests.
  --by-folder      the table again for each folder.
  --diff IDS       every unmatched finding of these IDs, both sides, as
                   `file:line:col  message`, with the other side's lines of
                   the same rule in the same file (a hint for position
                   conventions) and any judgment of the cfn-lint finding.
  --judged FILE    a judgment of each cfn-lint finding stacklint does not
                   match, one line per finding (a key -- file, line, rule --
                   with three unmatched findings has three lines):
                       folder/file:line:RULE  # CLASS: reason
                   CLASS is one of
                     WRONG     cfn-lint is mistaken: not a right finding;
                     REPEAT    the same problem reported again at the same
                               place (once per SAM `oneOf` branch, or under
                               another of cfn-lint's IDs): not a right finding;
                               the report kept is matched or judged on its own;
                     POSITION  right, and stacklint reports the same problem
                               at another line by convention; the reason names
                               it as `stacklint at line N`, and it counts as
                               matched (column pos) only while stacklint has an
                               unmatched finding of that rule in that file at
                               line N (each backs one POSITION);
                     MISS      right, and stacklint misses it (the reason says
                               why);
                     UNSURE    counted as right.
                   On a key with N cfn-lint findings, M of them matched, right
                   = N - (WRONG + REPEAT lines) and r-match = min(M, right).
                   The table adds judged (left out), right, r-match, pos and
                   right% = (r-match + pos) / right.  Judgments of keys with no
                   cfn-lint finding are listed as stale, and unmatched cfn-lint
                   findings of a judged ID (one the file has a line for) with no
                   judgment as unjudged (counted as right).
  --check FLOORS   floors, one a line: `RULE matched N` or `RULE right-pct P`
                   (`#` starts a comment), RULE `shared` for the figure over all
                   shared IDs together.  Exit 1 when a figure is below its
                   floor.  Floors of IDs outside --rules are not checked, nor
                   `shared` with --rules.
                   Without --judged, right-pct is matched / cfn-lint (what
                   --write-floors writes with --judged needs --judged here).
  --write-floors FILE  write the current figures as floors: `matched` for every
                   ID stacklint has with at least one match, and `right-pct` too
                   when --judged is given (also for an ID whose matches are all
                   POSITION ones).

Exit status: 0; 1 when a floor is not held or stacklint failed on a folder;
2 for a usage error; 77 (skip) when the corpus or its baseline is absent.
"""
import argparse
import collections
import concurrent.futures
import datetime
import json
import os
import re
import signal
import subprocess
import sys

LINT_DATE = '2026-12-06'
DEPLOYABLE = ('cfn-templates', 'cfn-lint-good', 'serverless-patterns', 'sam-integration',
              'sam-examples', 'sam-translator', 'sam-cli-tests')

Finding = collections.namedtuple('Finding', 'file rule line col message')


def rule_matcher(spec):
    """Return a predicate over rule IDs for --rules/--diff SPEC (None: every ID)."""
    if spec is None:
        return None
    exact, prefixes, ranges = set(), [], []
    for part in (p.strip().upper() for p in spec.split(',')):
        if not part:
            continue
        m = re.fullmatch(r'([A-Z])(\d{4,5})-([A-Z])?(\d{4,5})', part)
        if m:
            if m.group(3) and m.group(3) != m.group(1):
                raise ValueError('range %s spans two levels' % part)
            ranges.append((m.group(1), int(m.group(2)), int(m.group(4))))
        elif re.fullmatch(r'[A-Z]\d*X+', part):
            prefixes.append((part.rstrip('X'), len(part)))
        elif re.fullmatch(r'[A-Z]\d{4,5}', part):
            exact.add(part)
        else:
            raise ValueError('bad rule ID %r (want E3030, E3030-E3034 or E11xx)' % part)

    def match(rid):
        if rid in exact:
            return True
        if any(rid.startswith(p) and len(rid) == n for p, n in prefixes):
            return True
        return any(rid[0] == l and rid[1:].isdigit() and a <= int(rid[1:]) <= b
                   for l, a, b in ranges)
    return match


def load_baseline(path, corpus):
    out = []
    with open(path) as f:
        for d in json.load(f):
            out.append(Finding(os.path.normpath(d['Filename']), d['Rule']['Id'],
                               d['Location']['Start']['LineNumber'],
                               d['Location']['Start']['ColumnNumber'], d.get('Message', '')))
    return out


def run_stacklint(exe, corpus, folder, extra):
    """Lint every file of FOLDER; return (findings, error text or None)."""
    d = os.path.join(corpus, folder)
    files = sorted(os.path.join(folder, n) for n in os.listdir(d)
                   if os.path.isfile(os.path.join(d, n)))
    if not files:
        return [], None
    p = subprocess.run([exe, '-c', 'I', '-f', 'json', '--exit-zero'] + extra + files,
                       cwd=corpus, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    err = None
    if p.returncode != 0:
        err = 'stacklint exited %d on %s: %s' % (p.returncode, folder,
                                                 p.stderr.decode(errors='replace').strip()[:2000])
    try:
        data = json.loads(p.stdout or b'[]')
    except ValueError:
        return [], err or 'stacklint gave bad JSON on %s' % folder
    out = []
    for x in data:
        fn = x['Filename']
        if os.path.isabs(fn):
            fn = os.path.relpath(fn, corpus)
        out.append(Finding(os.path.normpath(fn), x['Rule']['Id'],
                           x['Location']['Start']['LineNumber'],
                           x['Location']['Start']['ColumnNumber'], x.get('Message', '')))
    return out, err


def pair(cl, sl):
    """Pair two lists of findings on one key; return (matched pairs, cfn rest, sl rest)."""
    cl = sorted(cl, key=lambda f: (f.col, f.message))
    sl = sorted(sl, key=lambda f: (f.col, f.message))
    pairs, crest = [], []
    for c in cl:
        i = next((i for i, s in enumerate(sl) if s.col == c.col), None)
        if i is None:
            crest.append(c)
        else:
            pairs.append((c, sl.pop(i)))
    n = min(len(crest), len(sl))
    pairs += list(zip(crest[:n], sl[:n]))
    return pairs, crest[n:], sl[n:]


JUDGED_CLASSES = ('WRONG', 'REPEAT', 'POSITION', 'MISS', 'UNSURE')
NOT_RIGHT = ('WRONG', 'REPEAT')


def read_judged(path):
    """Return {(file, line, rule): [(class, reason), ...]} from a --judged file."""
    out = collections.defaultdict(list)
    with open(path) as f:
        for no, raw in enumerate(f, 1):
            body, _, note = raw.partition('#')
            body = body.strip()
            if not body:
                continue
            m = re.fullmatch(r'(.+):(\d+):([A-Z]\d{4,5})', body)
            if not m:
                raise ValueError('%s:%d: want folder/file:line:RULE  # CLASS: reason' % (path, no))
            cls, _, reason = note.strip().partition(':')
            cls = cls.strip().upper()
            if cls not in JUDGED_CLASSES:
                raise ValueError('%s:%d: class %r is not one of %s' % (path, no, cls,
                                                                       ', '.join(JUDGED_CLASSES)))
            if cls == 'POSITION' and not re.search(r'stacklint at line \d+', reason):
                raise ValueError('%s:%d: a POSITION reason names `stacklint at line N`' % (path, no))
            out[(os.path.normpath(m.group(1)), int(m.group(2)), m.group(3))].append(
                (cls, reason.strip()))
    return dict(out)


class Stats:
    FIELDS = ('cfn', 'sl', 'matched', 'judged', 'right', 'right_matched', 'pos')

    def __init__(self):
        self.c = collections.Counter()

    def add(self, **kw):
        self.c.update(kw)

    def __getattr__(self, k):
        if k in Stats.FIELDS:
            return self.c[k]
        raise AttributeError(k)


def pct(a, b):
    return 100.0 * a / b if b else None


def fmt_pct(p):
    return '%6s' % ('-' if p is None else '%.1f' % p)


def print_table(title, per_rule, rules, have, judged):
    print(title)
    head = '%-6s %8s %9s %7s %8s %7s %6s' % ('rule', 'cfn-lint', 'stacklint', 'matched',
                                            'cfn-only', 'sl-only', 'match%')
    if judged:
        head += ' %6s %6s %7s %5s %6s' % ('judged', 'right', 'r-match', 'pos', 'right%')
    print(head)
    tot = Stats()
    for r in rules:
        s = per_rule.get(r)
        if s is None or not (s.cfn or s.sl):
            continue
        shared = r in have
        line = '%-6s %8d %9s %7d %8d %7d %s' % (r, s.cfn, s.sl if shared else '-', s.matched,
                                                s.cfn - s.matched, s.sl - s.matched,
                                                fmt_pct(pct(s.matched, s.cfn)))
        if judged:
            line += ' %6d %6d %7d %5d %s' % (s.judged, s.right, s.right_matched, s.pos,
                                             fmt_pct(pct(s.right_matched + s.pos, s.right)))
        print(line)
        if shared and s.cfn:
            tot.c.update(s.c)
    n_shared = sum(1 for r in rules if r in have and per_rule.get(r) and per_rule[r].cfn)
    line = '%-6s %8d %9d %7d %8d %7d %s' % ('shared', tot.cfn, tot.sl, tot.matched,
                                            tot.cfn - tot.matched, tot.sl - tot.matched,
                                            fmt_pct(pct(tot.matched, tot.cfn)))
    if judged:
        line += ' %6d %6d %7d %5d %s' % (tot.judged, tot.right, tot.right_matched, tot.pos,
                                         fmt_pct(pct(tot.right_matched + tot.pos, tot.right)))
    print(line)
    p = pct(tot.matched, tot.cfn)
    print("stacklint finds %s%% of cfn-lint's findings over shared IDs (%d of %d; %d IDs)"
          % ('-' if p is None else '%.1f' % p, tot.matched, tot.cfn, n_shared))
    if judged:
        p = pct(tot.right_matched + tot.pos, tot.right)
        print("stacklint finds %s%% of cfn-lint's right findings over shared IDs (%d of %d, %d of "
              "them at another line; %d judged out)" % ('-' if p is None else '%.1f' % p,
                                                        tot.right_matched + tot.pos, tot.right,
                                                        tot.pos, tot.judged))
    print()
    return tot


def main(argv):
    parts = __doc__.split('\n\n')
    ap = argparse.ArgumentParser(usage=parts[1][len('usage: '):], description='\n\n'.join(parts[2:]),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('stacklint')
    ap.add_argument('corpus')
    ap.add_argument('--rules')
    ap.add_argument('--folders')
    ap.add_argument('--by-folder', action='store_true')
    ap.add_argument('--diff')
    ap.add_argument('--judged')
    ap.add_argument('--check')
    ap.add_argument('--write-floors')
    a = ap.parse_args(argv[1:])
    try:
        want = rule_matcher(a.rules)
        diff = rule_matcher(a.diff)
        judged = read_judged(a.judged) if a.judged else None
    except (ValueError, OSError) as e:
        sys.stderr.write('cfnlint_compare: %s\n' % e)
        return 2

    base_dir = os.path.join(a.corpus, 'cfn-lint-baseline')
    folders = sorted(n[:-5] for n in (os.listdir(base_dir) if os.path.isdir(base_dir) else [])
                     if n.endswith('.json') and os.path.isdir(os.path.join(a.corpus, n[:-5])))
    if not folders:
        print('corpus absent (%s): skipped' % base_dir)
        return 77
    if a.folders:
        sel = []
        for n in a.folders.split(','):
            sel += DEPLOYABLE if n == 'deployable' else [n]
        bad = [n for n in sel if n not in folders]
        if bad:
            sys.stderr.write('cfnlint_compare: no baseline for folder(s) %s\n' % ', '.join(bad))
            return 2
        folders = [f for f in folders if f in sel]

    exe = os.path.abspath(a.stacklint)
    helptext = subprocess.run([exe, '--help'], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT).stdout.decode(errors='replace')
    extra = ['--lint-date', LINT_DATE] if '--lint-date' in helptext else []
    p = subprocess.run([exe, '--list-rules'], stdout=subprocess.PIPE, check=True)
    have = {l.split()[0] for l in p.stdout.decode().splitlines() if l.strip()}

    corpus = os.path.abspath(a.corpus)
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as ex:
        futs = {f: ex.submit(run_stacklint, exe, corpus, f, extra) for f in folders}
        got = {f: futs[f].result() for f in folders}
    errors = [got[f][1] for f in folders if got[f][1]]

    per_rule = collections.defaultdict(Stats)                 # rule -> Stats
    per_folder = collections.defaultdict(lambda: collections.defaultdict(Stats))
    unmatched = collections.defaultdict(list)                  # rule -> [(side, Finding)]
    judged_hit = set()
    judged_sl = collections.Counter()                          # rule -> judged keys stacklint reports too
    unjudged = []                                              # unmatched cfn-lint findings with no judgment
    judged_rules = {k[2] for k in judged} if judged is not None else set()   # IDs the file judges
    overjudged = []                                            # keys with more judgments than unmatched findings
    keyed = []                                                 # (folder, key, cl, sls, pairs, crest, srest)
    sl_rest = collections.Counter()                            # (file, rule, line) -> unmatched stacklint findings
    for folder in folders:
        cfn = load_baseline(os.path.join(base_dir, folder + '.json'), corpus)
        sl = got[folder][0]
        keys = collections.defaultdict(lambda: ([], []))
        for f in cfn:
            keys[(f.file, f.rule, f.line)][0].append(f)
        for f in sl:
            keys[(f.file, f.rule, f.line)][1].append(f)
        for (file, rule, line), (cl, sls) in sorted(keys.items()):
            if want and not want(rule):
                continue
            pairs, crest, srest = pair(cl, sls)
            keyed.append((folder, (file, rule, line), cl, sls, pairs, crest, srest))
            sl_rest[(file, rule, line)] += len(srest)
    for folder, (file, rule, line), cl, sls, pairs, crest, srest in keyed:
        js = judged.get((file, line, rule), []) if judged is not None else []
        if js and cl:
            judged_hit.add((file, line, rule))
            if sls:
                judged_sl[rule] += 1
        if judged is not None and rule in judged_rules and len(js) < len(crest):
            unjudged += crest[len(js):]
        elif len(js) > len(crest):
            overjudged.append((file, line, rule, len(js), len(crest)))
        out = sum(1 for c, _ in js if c in NOT_RIGHT)
        right = max(0, len(cl) - out)
        right_matched = min(len(pairs), right)
        pos = 0
        for c, reason in js:
            if c == 'POSITION' and right_matched + pos < right:
                at = (file, rule, int(re.search(r'stacklint at line (\d+)', reason).group(1)))
                if sl_rest[at] > 0:
                    sl_rest[at] -= 1
                    pos += 1
        kw = dict(cfn=len(cl), sl=len(sls), matched=len(pairs), judged=len(cl) - right,
                  right=right, right_matched=right_matched, pos=pos)
        per_rule[rule].add(**kw)
        per_folder[folder][rule].add(**kw)
        if diff and diff(rule):
            unmatched[rule] += [('cfn-lint', f) for f in crest] + [('stacklint', f) for f in srest]

    rules = sorted(per_rule)
    scope = 'folders: %s' % ('all' if not a.folders else ', '.join(folders))
    print('cfn-lint 1.55.1 (cfn-lint-baseline) against %s -c I%s; %s\n'
          % (os.path.basename(exe), ' --lint-date ' + LINT_DATE if extra else
             ' (no --lint-date: date-dependent rules use today)', scope))
    total = print_table('All %s folders' % ('selected' if a.folders else 'corpus'), per_rule,
                        rules, have, judged is not None)
    if a.by_folder:
        for folder in folders:
            print_table('Folder %s' % folder, per_folder[folder], rules, have, judged is not None)
    lacking = [r for r in rules if r not in have and per_rule[r].cfn]
    print('IDs cfn-lint reports that stacklint lacks (%d): %s' % (len(lacking), ' '.join(lacking)))
    sl_own = [r for r in rules if r in have and not per_rule[r].cfn and per_rule[r].sl]
    print('stacklint IDs cfn-lint never reports here (%d): %s' % (len(sl_own), ' '.join(sl_own)))

    if judged is not None:
        classes = collections.Counter()
        for k in judged_hit:
            for c, _ in judged[k]:
                classes[c] += 1
        print('judgments used: %s' % (', '.join('%s %d' % kv for kv in sorted(classes.items()))
                                       or 'none'))
        if judged_sl:
            print('judged cfn-lint keys stacklint reports too: %s'
                  % ', '.join('%s %d' % kv for kv in sorted(judged_sl.items())))
        stale = sorted(k for k in judged if k not in judged_hit and (not want or want(k[2]))
                       and k[0].split('/')[0] in folders)
        if stale:
            print('stale judgments (no such cfn-lint finding): %d' % len(stale))
            for file, line, rule in stale:
                print('  %s:%d:%s' % (file, line, rule))
        if overjudged:
            print('keys with more judgments than unmatched cfn-lint findings (stacklint matches more '
                  'now?): %d' % len(overjudged))
            for file, line, rule, nj, nu in overjudged:
                print('  %s:%d:%s  %d judged, %d unmatched' % (file, line, rule, nj, nu))
        if unjudged:
            print('unjudged cfn-lint findings (counted as right): %d' % len(unjudged))
            for f in unjudged:
                print('  %s:%d:%s  %s' % (f.file, f.line, f.rule, ' '.join(f.message.split())[:120]))

    if diff:
        for rule in sorted(unmatched):
            items = sorted(unmatched[rule], key=lambda x: (x[1].file, x[1].line, x[1].col, x[0]))
            lines = collections.defaultdict(set)
            for side, f in items:
                lines[(side, f.file)].add(f.line)
            print('\n%s: %d unmatched (cfn-lint-only %d, stacklint-only %d)'
                  % (rule, len(items), sum(1 for s, _ in items if s == 'cfn-lint'),
                     sum(1 for s, _ in items if s == 'stacklint')))
            for side, f in items:
                other = 'stacklint' if side == 'cfn-lint' else 'cfn-lint'
                near = sorted(lines.get((other, f.file), ()))
                note = ''
                if near:
                    note += '  [%s-only at %s]' % (other, ','.join(map(str, near[:8])))
                js = judged.get((f.file, f.line, rule)) if judged and side == 'cfn-lint' else None
                if js:
                    note += '  [%s]' % '; '.join('%s: %s' % j for j in js)
                print('  %-14s %s:%d:%d  %s%s' % (side + '-only', f.file, f.line, f.col,
                                                  ' '.join(f.message.split()), note))

    figures = {}
    for r in rules:
        if r not in have:
            continue
        s = per_rule[r]
        figures[(r, 'matched')] = s.matched
        p = pct(s.right_matched + s.pos, s.right)
        if p is not None:
            figures[(r, 'right-pct')] = p
    # the figure over all shared IDs together, as the line `shared ...`: only
    # when every ID counts (no --rules)
    if not want:
        figures[('shared', 'matched')] = total.matched
        p = pct(total.right_matched + total.pos, total.right)
        if p is not None:
            figures[('shared', 'right-pct')] = p
    if a.write_floors:
        with open(a.write_floors, 'w') as f:
            f.write('# floors for tools/cfnlint_compare.py over the whole corpus (RULE matched N,\n'
                    '# RULE right-pct P); they may only rise. Regenerate with --write-floors\n'
                    '# after an improvement. IDs stacklint has with no match are left out.\n'
                    '# written %s%s\n' % (datetime.date.today().isoformat(),
                                          ' with --judged ' + a.judged if judged is not None
                                          else ''))
            for (r, k), v in sorted(figures.items()):
                if k == 'matched' and v:
                    f.write('%s matched %d\n' % (r, v))
                elif k == 'right-pct' and judged is not None and (figures[(r, 'matched')]
                                                                  or per_rule[r].pos):
                    f.write('%s right-pct %.1f\n' % (r, int(v * 10) / 10.0))
    rc = 0
    for e in errors:
        print('ERROR: %s' % e)
        rc = 1
    if a.check:
        held = True
        with open(a.check) as f:
            for no, raw in enumerate(f, 1):
                w = raw.split('#', 1)[0].split()
                if not w:
                    continue
                if len(w) != 3 or w[1] not in ('matched', 'right-pct'):
                    print('FLOOR: %s:%d: bad line' % (a.check, no))
                    held = False
                    continue
                r, k, v = w[0], w[1], float(w[2])
                if want and (r == 'shared' or not want(r)):
                    continue
                cur = figures.get((r, k), 0)
                if cur + 1e-9 < v:
                    print('FLOOR: %s %s is %s, below %s' % (r, k, ('%.1f' % cur) if k == 'right-pct'
                                                             else cur, w[2]))
                    held = False
        print('\nfloors %s' % ('held' if held else 'FAILED'))
        if not held:
            rc = 1
    return rc


if __name__ == '__main__':
    if hasattr(signal, 'SIGPIPE'):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # quiet under `| head`
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""The shell completions of completions/ against the stacklint they complete.

    check_completions.py STACKLINT COMPLETIONS_DIR static
    check_completions.py STACKLINT COMPLETIONS_DIR bash|zsh|fish

`static` reads the three files as text: every option `STACKLINT --help`
lists (long and short) appears in each, and none names an option --help
lacks, so a new option cannot be left out and a removed one cannot stay.

`bash`, `zsh` and `fish` ask that shell itself (bash: the completion function
with COMP_WORDS set; zsh: an interactive zsh on a pseudo-terminal, through
zsh_complete.zsh; fish: `complete -C`) what it offers, and check:
  - `stacklint -` offers exactly the options of --help;
  - each option with a fixed set of values offers exactly the values the
    binary accepts: the words of its error message for a bad value that it
    accepts when given them (so a value added to stacklint and not to the
    completion fails here);
  - -i/-c/-m/--explain offer the rule IDs of `STACKLINT --list-rules` (also in
    --opt=VALUE form and after a comma), --explain also `all`;
  - file options offer files, directory options only directories, free
    values nothing; `lsp` is offered as the first argument only;
  - every option --help shows with a value is in one of those classes, so
    an option added to stacklint needs a decision here.
The completions run `stacklint` from PATH, whose first entry is made the
directory of STACKLINT. Exit 0 when all hold, 1 otherwise, 77 (skip) when the
shell is not installed.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

FIXED = ['--format', '--severity', '--non-zero-exit-code', '--color', '--column-unit',
         '--yaml-backend', '--file-type']
IDS = ['--ignore-checks', '--include-checks', '--mandatory-checks', '--explain']
FILES = ['--template', '--config', '--config-file', '--output-file', '--custom-rules',
         '--stdin-filename', '--parameter-files', '--deployment-files', '--spec', '--override-spec']
DIRS = ['--registry-schemas', '--append-rules']
FREE = ['--regions', '--jobs', '--max-size', '--lint-date', '--parameters', '--configure-rule',
        '--ignore-templates']

fails = []


def fail(msg):
    fails.append(msg)
    print('FAIL:', msg)


def help_options(exe):
    """(every option of --help, the long options shown with a value, subcommands)."""
    out = subprocess.run([exe, '--help'], capture_output=True, text=True, check=True).stdout
    opts, valued = set(), set()
    for line in out.splitlines():
        m = re.match(r' {2,6}(-\S.*?)(?: {2,}|$)', line)
        if not m:
            continue
        # "-f, --format FORMAT", "--config FILE, --config-file FILE", "-u, --update-specs, -p, ..."
        for part in m.group(1).split(', '):
            words = part.split()
            if words and re.fullmatch(r'--?[A-Za-z][\w-]*', words[0]):
                opts.add(words[0])
                if len(words) > 1 and words[0].startswith('--'):
                    valued.add(words[0])
    subs = set(re.findall(r'^\s+stacklint (\w+) \[OPTIONS\]', out, re.M))
    return opts, valued, subs


def short_of(exe):
    """long option -> its short form, from --help ("-f, --format")."""
    out = subprocess.run([exe, '--help'], capture_output=True, text=True, check=True).stdout
    return {m.group(2): m.group(1) for m in re.finditer(r'^ {2}(-\w), (--[\w-]+)', out, re.M)}


def accepted_values(exe, opt, cwd):
    """The values OPT takes: the words of its message for a bad value that stacklint accepts."""
    bad = subprocess.run([exe, opt, '__bogus__', '-l'], capture_output=True, text=True, cwd=cwd)
    if bad.returncode == 0:
        fail(f'{opt} __bogus__ is accepted: cannot tell its values')
        return set()
    words = set(re.findall(r'[a-z][a-z0-9-]*', bad.stderr)) - {opt.lstrip('-')}
    return {w for w in words
            if subprocess.run([exe, opt, w, '-l'], capture_output=True, cwd=cwd).returncode == 0}


# ---- static: the files as text ----------------------------------------------

def static_options(path):
    text = open(path, encoding='utf-8').read()
    name = os.path.basename(path)
    opt_re = r'--?[A-Za-z][\w-]*'
    if name.endswith('.bash'):
        lst = re.search(r"_stacklint_options='([^']*)'", text)
        offered = set(lst.group(1).split()) if lst else set()
        # the options named in `case $prev in` labels must be real too
        case = text[text.index('case $prev in'):text.index('esac')]
        named = set()
        for line in case.splitlines():
            if re.fullmatch(r'\t+(' + opt_re + r')(\s*\|\s*' + opt_re + r')*\s*(\)|\| \\)\s*', line):
                named |= set(re.findall(opt_re, line))
        return offered, named
    if name.endswith('.fish'):
        offered = set()
        for line in text.splitlines():
            if line.startswith('complete -c stacklint'):
                offered |= {'-' + s for s in re.findall(r' -s (\S)', line)}
                offered |= {'--' + s for s in re.findall(r' -l (\S+)', line)}
        return offered, set()
    # zsh: the _arguments specs, '--opt=[...]', {-f+,--format=}'[...]', '--flag[...]'
    args = text[text.index('_arguments'):]
    offered = set(re.findall(r"(?<![\w-])(" + opt_re + r")(?=[+=\[,}])", args))
    return offered, set()


def check_static(exe, compdir):
    opts, _, subs = help_options(exe)
    if len(opts) < 20:
        fail(f'only {len(opts)} options read from --help: {sorted(opts)}')
    for f in ('stacklint.bash', '_stacklint', 'stacklint.fish'):
        path = os.path.join(compdir, f)
        offered, named = static_options(path)
        for o in sorted(opts - offered):
            fail(f'{f}: --help lists {o}, the completion does not offer it')
        for o in sorted((offered | named) - opts):
            fail(f'{f}: offers {o}, which --help does not list')
        text = open(path, encoding='utf-8').read()
        for s in sorted(subs):
            if not re.search(r'\b' + s + r'\b', text):
                fail(f'{f}: no subcommand {s}')
        print(f'{f}: {len(offered)} options, as --help')


# ---- the shells ---------------------------------------------------------------

def bash_words(line):
    """COMP_WORDS for LINE as bash splits it ('=' is in COMP_WORDBREAKS), and the
    text before the current word in the last blank-separated token."""
    words = []
    for tok in line.split(' '):
        if tok.startswith('--') and '=' in tok:
            opt, val = tok.split('=', 1)
            words += [opt, '='] + ([val] if val else [])
        else:
            words.append(tok)
    last = line.split(' ')[-1]
    cur = words[-1]
    prefix = last if cur == '=' else last[:len(last) - len(cur)]
    return words, prefix


def run_bash(compdir, lines, env, cwd):
    script = r'''
source "$1"; shift
spec=$(complete -p stacklint) || { echo "no completion registered for stacklint" >&2; exit 1; }
fn=${spec#*-F }; fn=${fn%% *}
while (($#)); do
	n=$1; shift
	COMP_WORDS=("${@:1:n}"); shift "$n"
	COMP_CWORD=$((n - 1)); COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	"$fn" stacklint "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	echo "=="
	((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}"
done
'''
    argv = ['bash', '--norc', '--noprofile', '-c', script, 'bash', os.path.join(compdir, 'stacklint.bash')]
    prefixes = []
    for line in lines:
        words, prefix = bash_words(line)
        argv += [str(len(words))] + words
        prefixes.append(prefix)
    out = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)
    if out.returncode != 0:
        fail(f'bash: exit {out.returncode}: {out.stderr.strip()}')
        return {}
    blocks = out.stdout.split('==\n')[1:]
    return {line: [prefix + c for c in block.splitlines()]
            for line, prefix, block in zip(lines, prefixes, blocks)}


def run_fish(compdir, lines, env, cwd):
    script = ('set -p fish_complete_path $argv[1]\n'
              'for l in $argv[2..-1]; echo "== $l"; complete -C $l; end')
    out = subprocess.run(['fish', '--no-config', '-c', script, compdir] + lines,
                         capture_output=True, text=True, env=env, cwd=cwd, timeout=120)
    if out.returncode != 0:
        fail(f'fish: exit {out.returncode}: {out.stderr.strip()}')
    res = parse_blocks(out.stdout, lambda c: c.split('\t')[0])
    # when nothing starts with the word, fish falls back to fuzzy matches
    # (t.yaml for `l`): keep what a prefix match offers
    return {line: [c for c in got if c.startswith(line.split(' ')[-1])] for line, got in res.items()}


def run_zsh(compdir, lines, env, cwd):
    out = subprocess.run(['zsh', '-f', os.path.join(HERE, 'zsh_complete.zsh'), compdir] + lines,
                         capture_output=True, text=True, env=env, cwd=cwd, timeout=300)
    if out.returncode == 77:
        print('skip: zsh has no zsh/zpty module')
        sys.exit(77)
    if out.returncode != 0:
        fail(f'zsh: exit {out.returncode}: {out.stderr.strip()}')
    return parse_blocks(out.stdout, lambda c: c)


def parse_blocks(text, cand):
    res, cur = {}, None
    for l in text.splitlines():
        if l.startswith('== '):
            cur = l[3:]
            res[cur] = []
        elif cur is not None and l:
            res[cur].append(cand(l))
    return res


def check_shell(shell, exe, compdir):
    if not shutil.which(shell):
        print(f'skip: {shell} is not installed')
        sys.exit(77)
    opts, valued, _ = help_options(exe)
    shorts = short_of(exe)
    classes = FIXED + IDS + FILES + DIRS + FREE
    for o in sorted(valued - set(classes)):
        fail(f'{o} takes a value (--help) that this test does not class: add it to FIXED, IDS, '
             'FILES, DIRS or FREE here and complete it in completions/')
    for o in sorted(set(classes) - opts):
        fail(f'{o} is classed here but --help does not list it')
    rule_ids = [l.split()[0] for l in subprocess.run([exe, '--list-rules'], capture_output=True,
                text=True, check=True).stdout.splitlines() if re.match(r'[EWI]\d', l)]

    with tempfile.TemporaryDirectory(prefix='stacklint-compl.') as tmp:
        work = os.path.join(tmp, 'work')
        os.makedirs(os.path.join(work, 'd'))
        open(os.path.join(work, 't.yaml'), 'w').close()
        env = {'PATH': os.path.dirname(os.path.abspath(exe)) + os.pathsep + os.environ.get('PATH', ''),
               'HOME': tmp, 'XDG_CONFIG_HOME': os.path.join(tmp, 'config'),
               'XDG_DATA_HOME': os.path.join(tmp, 'data'), 'XDG_CACHE_HOME': os.path.join(tmp, 'cache'),
               'TERM': 'dumb', 'LC_ALL': 'C.UTF-8'}

        cases = {}  # line -> (what it checks, the exact expected set or a predicate)

        def expect(line, want, what):
            cases[line] = (what, want)

        expect('stacklint -', opts, 'every option of --help')
        expect('stacklint --for', {'--format'}, 'a long option from its prefix')
        for o in FIXED:
            vals = accepted_values(exe, o, work)
            if len(vals) < 2:
                fail(f'{o}: found only {sorted(vals)} as its values')
            expect(f'stacklint {o} ', vals, f'the values {o} takes')
            if o in shorts:
                expect(f'stacklint {shorts[o]} ', vals, f'the values {shorts[o]} takes')
        fmt = accepted_values(exe, '--format', work)
        expect('stacklint --format=j', {'--format=' + v for v in fmt if v.startswith('j')},
               '--format=VALUE')
        e30 = {i for i in rule_ids if i.startswith('E30')}
        if len(e30) < 5:
            fail(f'--list-rules has only {len(e30)} rule IDs E30..')
        for o in IDS:
            extra = {'all'} if o == '--explain' else set()
            expect(f'stacklint {o} E30', e30, f'rule IDs after {o}')
            expect(f'stacklint {o} a', {v for v in extra if v.startswith('a')}, f'{o}: "all" or nothing')
            if o in shorts:
                expect(f'stacklint {shorts[o]} E30', e30, f'rule IDs after {shorts[o]}')
        expect('stacklint --ignore-checks=E30', {'--ignore-checks=' + i for i in e30},
               'rule IDs in --ignore-checks=VALUE')
        expect('stacklint -i W2001,E30', {'W2001,' + i for i in e30},
               'rule IDs after a comma')
        for o in FILES:
            expect(f'stacklint {o} ', lambda got: 't.yaml' in got, f'{o} offers files')
        for o in DIRS:
            expect(f'stacklint {o} ', lambda got: 'd' in got and 't.yaml' not in got,
                   f'{o} offers directories only')
        for o in FREE:
            expect(f'stacklint {o} ', set(), f'{o} has free values: nothing offered')
        expect('stacklint l', {'lsp'}, '`lsp` as the first argument')
        expect('stacklint t.yaml l', set(), 'no `lsp` after the first argument')
        expect('stacklint ', lambda got: {'lsp', 't.yaml', 'd'} <= got, 'lsp, files and directories')

        lines = list(cases)
        got_all = {'bash': run_bash, 'fish': run_fish, 'zsh': run_zsh}[shell](compdir, lines, env, work)
        for line in lines:
            what, want = cases[line]
            if line not in got_all:
                fail(f'{shell}: no answer for {line!r}')
                continue
            got = {c.rstrip('/') for c in got_all[line]}
            ok = want(got) if callable(want) else got == set(want)
            if not ok:
                detail = '' if callable(want) else \
                    f' missing {sorted(set(want) - got)[:10]}, extra {sorted(got - set(want))[:10]}'
                fail(f'{shell}: {line!r} ({what}): offered {sorted(got)[:12]}{detail}')
        print(f'{shell}: {len(lines)} command lines completed')


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    exe, compdir, mode = sys.argv[1:]
    exe, compdir = os.path.abspath(exe), os.path.abspath(compdir)
    if mode == 'static':
        check_static(exe, compdir)
    else:
        check_shell(mode, exe, compdir)
    if fails:
        print(f'{len(fails)} failure(s)')
        return 1
    print('ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""
A real Vim with Debian's ALE (package vim-ale) lints a template through
stacklint installed under the name `cfn-lint`, the way a Vim user who replaced
cfn-lint would see it (issue 14).

ALE's CloudFormation linter (ale_linters/cloudformation/cfn_python_lint.vim,
for the filetype yaml.cloudformation) runs

    cfn-lint --template %t --format parseable

on a temporary copy of the buffer and reads the output with its own pattern.
This test starts Vim headless (Ex mode, no terminal) with only ALE loaded, opens
a template with known problems, waits until ALE reports that linting is done
(its User ALELintPost event; 30 s at most), and writes the location list ALE
filled, plus ALE's record of the command it ran, as JSON. The location list
must hold exactly stacklint's own findings for the template (from
`--format json --column-unit byte`): the same lines, columns, types (ALE makes
every ID that does not start with E a warning) and rule IDs, with the message.

Vim counts columns in bytes; one finding follows non-ASCII text on its line
(issue 15). Debian's ALE (3.3.0) appends no options to the command, so the
working directory's .stacklintrc.yaml says `column_unit: byte` (newer ALE
appends g:ale_cloudformation_cfnlint_options, set here too). Vim itself then
reads each item's text at its columns (strpart, in bytes): it must be the
text stacklint's character columns name, and for the finding after non-ASCII
text the two counts must differ.

    ale_test.py STACKLINT

Exit status: 0 pass, 1 fail, 77 skip (vim without +job/+timers, or ALE not
installed; tools/install-deps.sh installs vim-nox and vim-ale).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "data", "stack.template.yaml")
SKIP = 77
TIMEOUT_S = 30

# Only ALE, from the directory given in $ALE_TEST_DIR; the filetype set the way
# ALE's documentation (doc/ale-cloudformation.txt) tells users to; lists filled
# synchronously so they are complete when ALELintPost fires; ALE's other
# CloudFormation/YAML linters left out so that only cfn-lint's findings count.
VIMRC = r"""
set nocompatible
execute 'set runtimepath^=' . fnameescape($ALE_TEST_DIR)
filetype plugin on
let g:ale_linters_explicit = 1
let g:ale_linters = {'cloudformation': ['cloudformation']}
let g:ale_set_loclist = 1
let g:ale_set_quickfix = 0
let g:ale_set_lists_synchronously = 1
let g:ale_history_log_output = 1
let g:ale_echo_cursor = 0
let g:ale_cloudformation_cfnlint_options = '--column-unit byte'
autocmd BufRead,BufNewFile *.template.yaml set filetype=yaml.cloudformation
let g:ale_test_done = 0
autocmd User ALELintPost let g:ale_test_done = 1
runtime plugin/ale.vim
"""

# Run after the template is opened: wait for ALE (the vimrc notes when it is
# done, so a lint that ends before this runs is not missed), then write what
# it found.
DRIVER = r"""
let s:start = reltime()
while !g:ale_test_done && reltimefloat(reltime(s:start)) < %d
  sleep 50m
endwhile
let s:result = {
\   'done': g:ale_test_done,
\   'filetype': &filetype,
\   'loclist': getloclist(0),
\   'spans': map(getloclist(0), {_, i -> strpart(getline(i.lnum), i.col - 1, i.end_col - i.col)}),
\   'history': ale#history#Get(bufnr('')),
\}
call writefile([json_encode(s:result)], $ALE_TEST_OUT)
qall!
""" % TIMEOUT_S


def find_ale():
    """The directory of ALE's plugin/ale.vim: $ALE_DIR, Debian's package, or None."""
    candidates = [os.environ.get("ALE_DIR", "")]
    if shutil.which("dpkg"):
        p = subprocess.run(["dpkg", "-L", "vim-ale"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
        candidates += [os.path.dirname(os.path.dirname(line)) for line in p.stdout.splitlines()
                       if line.endswith("/plugin/ale.vim")]
    candidates += ["/usr/share/vim-ale", "/usr/share/vim/vimfiles/pack/dist-bundle/opt/ale"]
    for d in candidates:
        if d and os.path.isfile(os.path.join(d, "plugin", "ale.vim")):
            return d
    return None


def vim_can_run_ale(vim):
    p = subprocess.run([vim, "-N", "-u", "NONE", "-i", "NONE", "-es", "-c",
                        "if has('job') && has('timers') | qall! | else | cquit | endif"],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=30)
    return p.returncode == 0


def expected_findings(cfn_lint, template, env, unit="byte"):
    """stacklint's own findings, as (line, col, end line, end col, ALE type, ID, message),
    columns in `unit`."""
    p = subprocess.run([cfn_lint, "--format", "json", "--column-unit", unit, "--", template], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    if p.stderr:
        raise AssertionError("stacklint wrote to stderr: %r" % p.stderr)
    out = []
    for d in json.loads(p.stdout):
        rule = d["Rule"]["Id"]
        start, end = d["Location"]["Start"], d["Location"]["End"]
        out.append((start["LineNumber"], start["ColumnNumber"], end["LineNumber"], end["ColumnNumber"],
                    "E" if rule.startswith("E") else "W", rule, d["Message"]))
    return sorted(out)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: ale_test.py STACKLINT\n")
        return 1
    stacklint = os.path.abspath(sys.argv[1])
    vim = shutil.which("vim")
    if not vim:
        print("SKIP: vim is not installed (apt-get install vim-nox)")
        return SKIP
    if not vim_can_run_ale(vim):
        print("SKIP: %s has no +job/+timers, which ALE needs (apt-get install vim-nox)" % vim)
        return SKIP
    ale = find_ale()
    if not ale:
        print("SKIP: ALE is not installed (apt-get install vim-ale)")
        return SKIP

    with tempfile.TemporaryDirectory(prefix="stacklint-ale-") as tmp:
        # stacklint under cfn-lint's name, first on PATH, as ALE calls it
        bindir = os.path.join(tmp, "bin")
        os.mkdir(bindir)
        cfn_lint = os.path.join(bindir, "cfn-lint")
        os.symlink(stacklint, cfn_lint)
        work = os.path.join(tmp, "work")
        os.mkdir(work)
        template = os.path.join(work, "stack.template.yaml")
        shutil.copy(TEMPLATE, template)
        with open(os.path.join(work, ".stacklintrc.yaml"), "w", encoding="utf-8") as f:
            f.write("column_unit: byte\n")
        vimrc = os.path.join(tmp, "vimrc")
        driver = os.path.join(tmp, "driver.vim")
        out = os.path.join(tmp, "result.json")
        with open(vimrc, "w", encoding="utf-8") as f:
            f.write(VIMRC)
        with open(driver, "w", encoding="utf-8") as f:
            f.write(DRIVER)
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""),
                   HOME=tmp, TMPDIR=tmp, ALE_TEST_DIR=ale, ALE_TEST_OUT=out)
        env.pop("VIMINIT", None)
        env.pop("NO_COLOR", None)

        expected = expected_findings(cfn_lint, template, env)
        in_chars = expected_findings(cfn_lint, template, env, "char")
        with open(template, encoding="utf-8") as f:
            lines = f.read().splitlines()
        cmd = [vim, "-N", "-u", vimrc, "-i", "NONE", "-n", "-es", template, "-S", driver]
        print("$ PATH=%s:$PATH %s" % (bindir, " ".join(cmd)))
        try:
            subprocess.run(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL, timeout=TIMEOUT_S + 30)
        except subprocess.TimeoutExpired:
            print("FAIL: vim did not exit")
            return 1
        if not os.path.exists(out):
            print("FAIL: vim wrote no result (did ALE load?)")
            return 1
        with open(out, encoding="utf-8") as f:
            result = json.load(f)

    commands = []
    for h in result["history"]:
        command = h.get("command")
        if isinstance(command, list):  # [shell, '-c', command line]
            command = command[-1]
        if "exit_code" not in h:  # ALE's check that the executable exists
            print("ALE looked for the executable %s: %s" % (command, "found" if h.get("status") else "missing"))
            continue
        commands.append(command)
        print("ALE ran: %s (exit status %s)" % (command, h.get("exit_code")))
        for line in h.get("output", []):
            print("    | " + line)
    print("filetype: %s" % result["filetype"])
    print("ALE's location list:")
    got = []
    for item in result["loclist"]:
        print("    %d:%d-%d:%d %s %s" % (item["lnum"], item["col"], item.get("end_lnum", 0),
                                        item.get("end_col", 0), item["type"], item["text"]))
        # the text is g:ale_loclist_msg_format, by default '%code: %%s'
        code, _, text = item["text"].partition(": ")
        got.append((item["lnum"], item["col"], item.get("end_lnum"), item.get("end_col"),
                    item["type"], code, text))
    got.sort()

    failures = []
    if not result["done"]:
        failures.append("ALE did not finish linting within %d s" % TIMEOUT_S)
    if result["filetype"] != "yaml.cloudformation":
        failures.append("filetype is %r, not yaml.cloudformation" % result["filetype"])
    if not any(c.startswith("cfn-lint --template ") for c in commands):
        failures.append("ALE did not run cfn-lint --template")
    if len({f[4] for f in expected}) < 2 or not any(len(f[5]) > 5 for f in expected):
        failures.append("the template should give errors, warnings and a five-digit ID: %r"
                        % expected)
    if got != expected:
        failures.append("ALE's list differs from stacklint's findings:\n  ALE:       %r\n"
                        "  stacklint: %r" % (got, expected))
    # the text Vim finds at ALE's (byte) columns is the text the character
    # columns name
    want = sorted((f[0], f[5], lines[f[0] - 1][f[1] - 1:f[3] - 1]) for f in in_chars if f[0] == f[2])
    seen = sorted((item["lnum"], item["text"].partition(": ")[0], span)
                  for item, span in zip(result["loclist"], result["spans"]) if item["lnum"] == item["end_lnum"])
    print("Vim's text at ALE's columns: %r" % seen)
    if seen != want:
        failures.append("the text at ALE's columns is not the findings' text:\n  Vim:       %r\n"
                        "  stacklint: %r" % (seen, want))
    if not any(e[1] != c[1] for e, c in zip(expected, in_chars)):
        failures.append("no finding follows non-ASCII text on its line (byte and character "
                        "columns agree everywhere)")
    for f in failures:
        print("FAIL: " + f)
    if not failures:
        print("PASS: ALE shows stacklint's %d findings at their lines and columns" % len(got))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""
A real Vim with Debian's ALE (package vim-ale) uses `stacklint lsp` as a
language server (issue 15): the linter is defined with ale#linter#Define and
'lsp': 'stdio', as docs/editors.md shows, and ALE fills the location list from
the server's publishDiagnostics.

The test starts Vim headless (Ex mode) with only ALE loaded and `stacklint`
first on PATH, opens the template tests/editors/data/stack.template.yaml,
waits (30 s at most) until ALE's location list holds the findings, then edits
the buffer (the Ref on line 14 now names the parameter: E1020 there and the
unused-parameter W2001 go away), asks ALE to lint again (ALE sends the whole
text as a didChange) and waits for the list to change. Both lists must be
exactly stacklint's findings for the text at that moment, from `--format json
--column-unit byte`: lines, types, IDs, messages, and the columns as ALE reads
LSP ranges (ALE 3.3.0, lsp/response.vim: col = start.character + 1, end_col =
end.character).

ALE does not negotiate a position encoding and takes LSP characters as byte
columns; the definition asks the server for byte columns through
initialization_options (positionEncoding: utf-8, stacklint's own option). The
test checks, with Vim's own strpart, that the span at ALE's columns is the
finding's text on every line, the one finding after non-ASCII text included.

    ale_lsp_test.py STACKLINT

Exit status: 0 pass, 1 fail, 77 skip (vim without +job/+timers, or ALE not
installed; tools/install-deps.sh installs vim-nox and vim-ale).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import ale_test as base  # find_ale, vim_can_run_ale (beside this file)

TIMEOUT_S = 30
EDIT_LINE = 14
EDITED = "      TopicName: !Ref Stage"

# The linter definition is docs/editors.md's (Vim/ALE, "as a language server").
VIMRC = r"""
set nocompatible
execute 'set runtimepath^=' . fnameescape($ALE_TEST_DIR)
filetype plugin on
let g:ale_linters_explicit = 1
let g:ale_set_loclist = 1
let g:ale_set_quickfix = 0
let g:ale_set_lists_synchronously = 1
let g:ale_echo_cursor = 0
let g:ale_history_log_output = 1
autocmd BufRead,BufNewFile *.template.yaml set filetype=yaml.cloudformation
runtime plugin/ale.vim

call ale#linter#Define('cloudformation', {
\   'name': 'stacklint',
\   'lsp': 'stdio',
\   'executable': 'stacklint',
\   'command': '%e lsp',
\   'project_root': {buffer -> fnamemodify(bufname(buffer), ':p:h')},
\   'initialization_options': {'positionEncoding': 'utf-8'},
\})
let g:ale_linters = {'cloudformation': ['stacklint']}
"""

# Poll the location list (ALE sets it from each publish); then edit, lint
# again, poll until the list changes; write both lists and the spans Vim
# finds at ALE's columns.
DRIVER = r"""
function! s:Wait(Cond) abort
  let l:start = reltime()
  while !a:Cond() && reltimefloat(reltime(l:start)) < %(timeout)d
    sleep 50m
  endwhile
  return a:Cond()
endfunction
function! s:Spans() abort
  return map(getloclist(0), {_, i -> strpart(getline(i.lnum), i.col - 1, i.end_col - i.col + 1)})
endfunction
let s:result = {'filetype': &filetype}
let s:result.first_ok = s:Wait({-> !empty(getloclist(0))})
let s:result.first = getloclist(0)
let s:result.first_spans = s:Spans()
call setline(%(line)d, %(text)s)
let s:before = getloclist(0)
ALELint
let s:result.second_ok = s:Wait({-> getloclist(0) != s:before})
let s:result.second = getloclist(0)
let s:result.second_spans = s:Spans()
let s:result.history = ale#history#Get(bufnr(''))
call writefile([json_encode(s:result)], $ALE_TEST_OUT)
qall!
""" % {"timeout": TIMEOUT_S, "line": EDIT_LINE, "text": "'" + EDITED + "'"}


def expected(stacklint, path, env):
    """stacklint's findings as ALE reads them from LSP: (lnum, col, end_lnum,
    end_col, type, ID, message), columns in bytes; and the same with
    character columns, for the text the finding names."""
    out = {}
    for unit in ("byte", "char"):
        p = subprocess.run([stacklint, "--format", "json", "--column-unit", unit, "--", path], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
        if p.stderr:
            raise AssertionError("stacklint wrote to stderr: %r" % p.stderr)
        rows = []
        for d in json.loads(p.stdout):
            rule = d["Rule"]["Id"]
            s, e = d["Location"]["Start"], d["Location"]["End"]
            rows.append((s["LineNumber"], s["ColumnNumber"], e["LineNumber"], e["ColumnNumber"] - 1,
                         "E" if rule.startswith("E") else "W", rule, d["Message"]))
        out[unit] = sorted(rows)
    return out["byte"], out["char"]


def ale_list(items):
    got = []
    for i in items:
        code, _, text = i["text"].partition(": ")  # g:ale_loclist_msg_format '%code: %%s'
        got.append((i["lnum"], i["col"], i.get("end_lnum"), i.get("end_col"), i["type"], code, text))
    return got


def check_list(name, items, spans, want, want_chars, lines, failures):
    print("ALE's location list (%s):" % name)
    for i, span in zip(items, spans):
        print("    %d:%d-%d:%d %s %s  [Vim's text there: %r]" % (i["lnum"], i["col"], i.get("end_lnum", 0),
                                                               i.get("end_col", 0), i["type"], i["text"], span))
    got = ale_list(items)
    if sorted(got) != want:
        failures.append("%s: ALE's list differs from stacklint's findings:\n  ALE:       %r\n"
                        "  stacklint: %r" % (name, sorted(got), want))
        return
    non_ascii = 0
    for (lnum, col, end_lnum, end_col, _t, code, _m), span in zip(got, spans):
        if lnum != end_lnum:
            continue
        ch = [f for f in want_chars if f[0] == lnum and f[5] == code]
        if not ch:
            continue
        line = lines[lnum - 1]
        text = line[ch[0][1] - 1:ch[0][3]]
        if not line[:ch[0][1] - 1].isascii():
            non_ascii += 1
        if span != text:
            failures.append("%s: %s on line %d: Vim's text at ALE's columns is %r, the finding's is %r"
                            % (name, code, lnum, span, text))
    return non_ascii


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: ale_lsp_test.py STACKLINT\n")
        return 1
    stacklint = os.path.abspath(sys.argv[1])
    vim = shutil.which("vim")
    if not vim:
        print("SKIP: vim is not installed (apt-get install vim-nox)")
        return base.SKIP
    if not base.vim_can_run_ale(vim):
        print("SKIP: %s has no +job/+timers, which ALE needs (apt-get install vim-nox)" % vim)
        return base.SKIP
    ale = base.find_ale()
    if not ale:
        print("SKIP: ALE is not installed (apt-get install vim-ale)")
        return base.SKIP

    failures = []
    with tempfile.TemporaryDirectory(prefix="stacklint-ale-lsp-") as tmp:
        bindir = os.path.join(tmp, "bin")
        os.mkdir(bindir)
        os.symlink(stacklint, os.path.join(bindir, "stacklint"))
        work = os.path.join(tmp, "work")
        os.mkdir(work)
        template = os.path.join(work, "stack.template.yaml")
        shutil.copy(base.TEMPLATE, template)
        with open(template, encoding="utf-8") as f:
            lines = f.read().split("\n")
        edited_lines = list(lines)
        edited_lines[EDIT_LINE - 1] = EDITED
        edited = os.path.join(tmp, "edited.template.yaml")
        with open(edited, "w", encoding="utf-8") as f:
            f.write("\n".join(edited_lines))
        vimrc = os.path.join(tmp, "vimrc")
        driver = os.path.join(tmp, "driver.vim")
        out = os.path.join(tmp, "result.json")
        with open(vimrc, "w", encoding="utf-8") as f:
            f.write(VIMRC)
        with open(driver, "w", encoding="utf-8") as f:
            f.write(DRIVER)
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""),
                   HOME=tmp, TMPDIR=tmp, ALE_TEST_DIR=ale, ALE_TEST_OUT=out, AWS_REGION="",
                   AWS_DEFAULT_REGION="")
        env.pop("VIMINIT", None)
        want1, chars1 = expected(stacklint, template, env)
        want2, chars2 = expected(stacklint, edited, env)
        cmd = [vim, "-N", "-u", vimrc, "-i", "NONE", "-n", "-es", template, "-S", driver]
        print("$ PATH=%s:$PATH %s" % (bindir, " ".join(cmd)))
        try:
            subprocess.run(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL, timeout=2 * TIMEOUT_S + 30)
        except subprocess.TimeoutExpired:
            print("FAIL: vim did not exit")
            return 1
        if not os.path.exists(out):
            print("FAIL: vim wrote no result (did ALE load?)")
            return 1
        with open(out, encoding="utf-8") as f:
            result = json.load(f)

    for h in result.get("history", []):
        print("ALE history: %s" % {k: h[k] for k in ("command", "status", "exit_code") if k in h})
    print("filetype: %s" % result["filetype"])
    if result["filetype"] != "yaml.cloudformation":
        failures.append("filetype is %r, not yaml.cloudformation" % result["filetype"])
    if not result["first_ok"]:
        failures.append("ALE's location list stayed empty for %d s after opening the template" % TIMEOUT_S)
    n1 = check_list("after opening", result["first"], result["first_spans"], want1, chars1, lines, failures)
    if not result["second_ok"]:
        failures.append("the location list did not change within %d s of the edit and :ALELint" % TIMEOUT_S)
    check_list("after the edit", result["second"], result["second_spans"], want2, chars2, edited_lines,
               failures)
    if want1 == want2 or any(f[0] == EDIT_LINE for f in want2):
        failures.append("the edit should remove the findings on line %d: %r" % (EDIT_LINE, want2))
    if len({f[4] for f in want1}) < 2:
        failures.append("the template should give errors and warnings: %r" % want1)
    if n1 is not None and n1 < 1:
        failures.append("no finding follows non-ASCII text (the template should have one)")
    for f in failures:
        print("FAIL: " + f)
    if not failures:
        print("PASS: ALE, with stacklint as its language server, lists stacklint's %d findings, and %d "
              "after an edit" % (len(want1), len(want2)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

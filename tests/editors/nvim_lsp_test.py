#!/usr/bin/env python3
"""
A real Neovim (Debian 12's 0.7, its built-in LSP client) attaches `stacklint
lsp` to a template buffer, headless, and reads what it shows with
vim.diagnostic.get() (issue 15). The template has an accented letter and an
emoji before the fault on its line: the server sends UTF-16 columns, Neovim
turns them into byte columns, and the test checks that the byte column is the
one the fault really starts at in the file.

    nvim_lsp_test.py STACKLINT

Exit status: 0 pass, 1 fail, 77 skip (no nvim; tools/install-deps.sh installs
neovim).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

DRIVER = r"""
local exe = os.getenv("STACKLINT")
local out = os.getenv("OUT")
local id = vim.lsp.start_client({ name = "stacklint", cmd = { exe, "lsp" }, root_dir = vim.fn.getcwd() })
vim.lsp.buf_attach_client(0, id)
local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local res = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(res, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
                      severity = d.severity, code = d.code, message = d.message })
end
local f = io.open(out, "w")
f:write(vim.fn.json_encode({ ok = ok, diagnostics = res }))
f:close()
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.tbl_isempty(vim.lsp.get_active_clients()) end, 50)
vim.cmd("qa!")
"""

TEMPLATE = ('Resources:\n  T:\n    Type: AWS::SNS::Topic\n'
            '    Properties: {DisplayName: "\u00e9\U0001F600", TopicName: !Ref Missing}\n')


def main():
    exe = os.path.abspath(sys.argv[1])
    nvim = shutil.which("nvim")
    if not nvim:
        print("SKIP: no nvim (apt-get install neovim)")
        return 77
    with tempfile.TemporaryDirectory(prefix="stacklint-nvim-") as d:
        with open(os.path.join(d, "driver.lua"), "w") as f:
            f.write(DRIVER)
        path = os.path.join(d, "stack.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(TEMPLATE)
        out = os.path.join(d, "out.json")
        env = dict(os.environ, STACKLINT=exe, OUT=out, AWS_REGION="", AWS_DEFAULT_REGION="",
                   XDG_CONFIG_HOME=d, XDG_DATA_HOME=d, XDG_STATE_HOME=d, XDG_CACHE_HOME=d)
        p = subprocess.run([nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "stack.yaml",
                            "-c", "luafile driver.lua"], cwd=d, env=env, timeout=120,
                           stdin=subprocess.DEVNULL, capture_output=True)
        if not os.path.exists(out):
            print("FAIL: Neovim wrote nothing (exit %d): %s %s" % (p.returncode, p.stdout, p.stderr))
            return 1
        got = json.load(open(out))
        print("Neovim's diagnostics:", json.dumps(got))
        line = TEMPLATE.splitlines()[3].encode("utf-8")
        col = line.index(b"Missing")
        want = [{"lnum": 3, "col": col, "end_lnum": 3, "end_col": col + len(b"Missing"),
                 "severity": 1, "code": "E1020"}]
        have = [{k: d.get(k) for k in ("lnum", "col", "end_lnum", "end_col", "severity", "code")}
                for d in got["diagnostics"]]
        if not got["ok"] or have != want:
            print("FAIL: expected", want)
            return 1
        print("OK: Neovim shows E1020 at byte column %d of line 4" % col)
        return 0


if __name__ == "__main__":
    sys.exit(main())

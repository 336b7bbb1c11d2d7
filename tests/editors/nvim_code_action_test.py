#!/usr/bin/env python3
"""
A real Neovim (Debian 12's 0.7, its built-in LSP client, headless) applies
stacklint's code action "Suppress <ID> on this line" (issue 15), the way
`vim.lsp.buf.code_action()` does it, step by step so that each step can be
checked:

  1. attach `stacklint lsp` to a template buffer and wait for its diagnostics
     (E1020 on a line with an accented letter and an emoji before the fault;
     E3002 on another line);
  2. request textDocument/codeAction through Neovim's client
     (vim.lsp.buf_request_sync) with the line's diagnostics in the context, in
     LSP form (vim.lsp.diagnostic.get_line_diagnostics);
  3. apply the action's WorkspaceEdit with vim.lsp.util.apply_workspace_edit
     in the client's offset encoding: the line must now be the old line
     followed by "  # stacklint: disable=E1020" (the edit's position counts
     UTF-16 code units; Neovim turns it into a byte column);
  4. Neovim sends the change to the server by itself; wait for the next
     publishDiagnostics: E1020 must be gone and E3002 still there (a re-lint of
     a valid template, not an empty list).

All of it twice: with Neovim 0.7's default UTF-16 positions, and with UTF-8
offered the way 0.7 leaves to the user (clangd's capabilities.offsetEncoding,
the server's answer taken in on_init); the action's edit must sit at the end
of the line counted in that unit.

Every wait is vim.wait with a timeout; the driver writes what it saw and
where it stopped as JSON, and this script says which step failed.

    nvim_code_action_test.py STACKLINT

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
local res = { step = "start" }
local function codes()
  local t = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(t, { code = d.code, lnum = d.lnum })
  end
  table.sort(t, function(a, b) return tostring(a.code) < tostring(b.code) end)
  return t
end
local function has(code)
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.code == code then return d end
  end
  return nil
end
local function finish()
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(res))
  f:close()
end

local ok, err = pcall(function()
  local published = 0
  -- OFFSET_ENCODING set: offer it (clangd's capabilities.offsetEncoding, which
  -- Neovim 0.7 leaves to the user) and take the server's answer in on_init
  local caps = vim.lsp.protocol.make_client_capabilities()
  local enc = os.getenv("OFFSET_ENCODING")
  if enc and enc ~= "" then caps.offsetEncoding = { enc } end
  local id = vim.lsp.start_client({
    name = "stacklint", cmd = { exe, "lsp" }, root_dir = vim.fn.getcwd(), capabilities = caps,
    on_init = function(client, result)
      if result.offsetEncoding then client.offset_encoding = result.offsetEncoding end
    end,
    handlers = {
      ["textDocument/publishDiagnostics"] = function(e, result, ctx, config)
        published = published + 1
        return vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
      end,
    },
  })
  vim.lsp.buf_attach_client(0, id)

  res.step = "wait for the first diagnostics"
  if not vim.wait(20000, function() return has("E1020") ~= nil and has("E3002") ~= nil end, 50) then
    res.before = codes()
    return
  end
  res.before = codes()
  local client = vim.lsp.get_client_by_id(id)
  res.offset_encoding = client.offset_encoding
  local lnum = has("E1020").lnum
  res.lnum = lnum
  res.line_before = vim.api.nvim_buf_get_lines(0, lnum, lnum + 1, false)[1]

  res.step = "request textDocument/codeAction"
  local line_diags = vim.lsp.diagnostic.get_line_diagnostics(0, lnum)
  local e1020 = {}
  for _, d in ipairs(line_diags) do
    if d.code == "E1020" then table.insert(e1020, d) end
  end
  res.context_diagnostics = e1020
  if #e1020 ~= 1 then return end
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(),
    range = e1020[1].range,
    context = { diagnostics = e1020 },
  }
  local responses, rerr = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 10000)
  if not responses then
    res.request_error = tostring(rerr)
    return
  end
  local r = responses[id]
  if not r or r.err then
    res.request_error = r and vim.inspect(r.err) or "no response from the client"
    return
  end
  res.actions = r.result or {}
  local action
  for _, a in ipairs(res.actions) do
    if a.title == "Suppress E1020 on this line" then action = a end
  end
  if not action or not action.edit then return end

  res.step = "apply the workspace edit"
  local before = published
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16")
  res.line_after = vim.api.nvim_buf_get_lines(0, lnum, lnum + 1, false)[1]

  res.step = "wait for the re-published diagnostics"
  res.republished = vim.wait(20000, function()
    return published > before and has("E1020") == nil
  end, 50)
  res.after = codes()
  res.step = "done"
end)
if not ok then res.error = tostring(err) end
finish()
for _, c in pairs(vim.lsp.get_active_clients()) do c.stop() end
vim.wait(5000, function() return vim.tbl_isempty(vim.lsp.get_active_clients()) end, 50)
vim.cmd("qa!")
"""

TEMPLATE = ('Resources:\n  T:\n    Type: AWS::SNS::Topic\n'
            '    Properties: {DisplayName: "\u00e9\U0001F600", TopicName: !Ref Missing}\n'
            '  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Bogus: 1\n')
COMMENT = "  # stacklint: disable=E1020"


def run(exe, nvim, encoding):
    """One Neovim session; returns (its record, the template file's text after)."""
    with tempfile.TemporaryDirectory(prefix="stacklint-nvim-ca-") as d:
        with open(os.path.join(d, "driver.lua"), "w") as f:
            f.write(DRIVER)
        path = os.path.join(d, "stack.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(TEMPLATE)
        out = os.path.join(d, "out.json")
        env = dict(os.environ, STACKLINT=exe, OUT=out, OFFSET_ENCODING=encoding, AWS_REGION="",
                   AWS_DEFAULT_REGION="", XDG_CONFIG_HOME=d, XDG_DATA_HOME=d, XDG_STATE_HOME=d,
                   XDG_CACHE_HOME=d)
        try:
            p = subprocess.run([nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "stack.yaml",
                                "-c", "luafile driver.lua"], cwd=d, env=env, timeout=120,
                               stdin=subprocess.DEVNULL, capture_output=True)
        except subprocess.TimeoutExpired:
            return {"error": "Neovim did not exit within 120 s", "step": "?"}, TEMPLATE
        if not os.path.exists(out):
            return {"error": "Neovim wrote nothing (exit %d): %s %s" % (p.returncode, p.stdout, p.stderr),
                    "step": "?"}, TEMPLATE
        with open(out, encoding="utf-8") as f:
            got = json.load(f)
        with open(path, encoding="utf-8") as f:
            return got, f.read()


def check(got, on_disk, encoding):
    """What went wrong in one session (a list of messages)."""
    line = TEMPLATE.splitlines()[3]
    failures = []
    if got.get("error"):
        failures.append("the driver failed at step %r: %s" % (got["step"], got["error"]))
    elif got["step"] != "done":
        failures.append("stopped at step %r" % got["step"])
    if got.get("offset_encoding") not in (None, encoding):
        failures.append("the client's offset encoding is %r, expected %r" % (got["offset_encoding"], encoding))
    if got.get("before") is not None and sorted(c["code"] for c in got["before"]) != ["E1020", "E3002"]:
        failures.append("first diagnostics: %r, expected E1020 and E3002" % got["before"])
    if got.get("lnum") not in (None, 3):
        failures.append("E1020 on line %r (0-based), expected 3" % got["lnum"])
    if "actions" in got:
        titles = [a.get("title") for a in got["actions"]]
        if titles != ["Suppress E1020 on this line"]:
            failures.append("code actions %r, expected one 'Suppress E1020 on this line'" % titles)
        else:
            a = got["actions"][0]
            if a.get("kind") != "quickfix":
                failures.append("the action's kind is %r, not quickfix" % a.get("kind"))
            # the edit is at the end of the line, counted in the agreed unit
            end = len(line.encode("utf-8")) if encoding == "utf-8" else len(line.encode("utf-16-le")) // 2
            edits = [e for es in a.get("edit", {}).get("changes", {}).values() for e in es]
            where = [(e["range"]["start"], e["range"]["end"], e["newText"]) for e in edits]
            pos = {"line": 3, "character": end}
            if where != [(pos, pos, COMMENT)]:
                failures.append("the action's edit is %r, expected %r at %r" % (where, COMMENT, pos))
    if got.get("request_error"):
        failures.append("textDocument/codeAction failed: %s" % got["request_error"])
    if "line_after" in got and got["line_after"] != line + COMMENT:
        failures.append("after the edit the line is %r, expected %r" % (got["line_after"], line + COMMENT))
    if got.get("step") == "done":
        if not got.get("republished"):
            failures.append("no publish without E1020 within 20 s of the edit: %r" % got.get("after"))
        if [c["code"] for c in got.get("after", [])] != ["E3002"]:
            failures.append("diagnostics after the edit: %r, expected E3002 alone" % got.get("after"))
    if on_disk != TEMPLATE:
        failures.append("the file on disk changed (only the buffer should)")
    return failures


def main():
    exe = os.path.abspath(sys.argv[1])
    nvim = shutil.which("nvim")
    if not nvim:
        print("SKIP: no nvim (apt-get install neovim)")
        return 77
    status = 0
    # Neovim 0.7's default (UTF-16), then UTF-8 offered the clangd way
    for encoding in ("utf-16", "utf-8"):
        got, on_disk = run(exe, nvim, "" if encoding == "utf-16" else encoding)
        print("Neovim's record (%s):" % encoding, json.dumps(got, ensure_ascii=False))
        failures = check(got, on_disk, encoding)
        for f in failures:
            print("FAIL (%s): %s" % (encoding, f))
        if failures:
            status = 1
        else:
            print("OK (%s): Neovim applied 'Suppress E1020 on this line': the line ends with %r, and the "
                  "re-published diagnostics hold E3002 alone" % (encoding, COMMENT.strip()))
    return status


if __name__ == "__main__":
    sys.exit(main())

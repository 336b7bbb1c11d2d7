#!/usr/bin/env python3
"""
`stacklint lsp`: what an editor needs besides the requests — position
encodings negotiated at initialize, debounced linting that publishes each
settled version once, requests answered while a long lint runs, and the
configuration read again when the client reports a change to it.

    test_lsp_sched.py STACKLINT [unittest options]
"""
import json
import os
import sys
import tempfile
import time
import unittest

import test_lsp
from test_lsp import Client

TEXT = 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: {DisplayName: "😀é", Bogus: 1}\n'


def big_template(n):
    """A template of n queues, each referring to a parameter (lints slowly
    enough to overlap a request)."""
    lines = ["AWSTemplateFormatVersion: '2010-09-09'", "Parameters:", "  Env:", "    Type: String",
             "Resources:"]
    for i in range(n):
        lines += [f"  Queue{i}:", "    Type: AWS::SQS::Queue", "    Properties:",
                  f"      QueueName: !Sub '${{Env}}-queue-{i}'", "      DelaySeconds: 5",
                  "      Tags:", "        - Key: app", f"          Value: !Ref Env"]
    return "\n".join(lines) + "\n"


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="stacklint-lsp-")
        self.c = None

    def start(self, *args):
        self.c = Client(*args, cwd=self.tmp.name)
        return self.c

    def tearDown(self):
        if self.c:
            if self.c.p.poll() is None:
                self.c.p.kill()
                self.c.p.wait()
            for f in (self.c.p.stdin, self.c.p.stdout, self.c.p.stderr):
                if f and not f.closed:
                    f.close()
        self.tmp.cleanup()

    def init(self, capabilities=None, options=None):
        params = {"processId": None, "rootUri": None, "capabilities": capabilities or {}}
        if options is not None:
            params["initializationOptions"] = options
        i = self.c.request("initialize", params)
        r = self.c.read()
        self.assertEqual(r["id"], i)
        self.c.notify("initialized")
        return r["result"]

    def open(self, uri, text, version=1):
        self.c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml",
                                                                "version": version, "text": text}})

    def bogus_start(self, diags):
        return [d for d in diags if d["code"] == "E3002"][0]["range"]["start"]


class TestEncodings(Base):
    def column(self, unit):
        line = TEXT.splitlines()[3]
        before = line[:line.index("Bogus")]
        return {"utf-8": len(before.encode("utf-8")), "utf-16": len(before.encode("utf-16-le")) // 2,
                "utf-32": len(before)}[unit]

    def check(self, capabilities, unit, offset_encoding=None, options=None):
        self.start()
        result = self.init(capabilities, options)
        self.assertEqual(result["capabilities"]["positionEncoding"], unit)
        self.assertEqual(result.get("offsetEncoding"), offset_encoding)
        self.open("file:///t.yaml", TEXT)
        msg = self.c.read()
        self.assertEqual(self.bogus_start(msg["params"]["diagnostics"]), {"line": 3, "character": self.column(unit)})
        # the client's positions count the same unit: an edit right before
        # Bogus (inserting "X") moves the finding by one
        col = self.column(unit)
        self.c.notify("textDocument/didChange", {
            "textDocument": {"uri": "file:///t.yaml", "version": 2},
            "contentChanges": [{"range": {"start": {"line": 3, "character": col},
                                          "end": {"line": 3, "character": col}}, "text": "X"}]})
        msg = self.c.read()
        self.assertEqual(msg["params"]["version"], 2)
        d = [d for d in msg["params"]["diagnostics"] if d["code"] == "E3002"][0]
        self.assertIn("XBogus", d["message"])
        self.assertEqual(d["range"]["start"], {"line": 3, "character": col})
        self.assertEqual(self.c.finish(), 0)

    def test_utf16_by_default(self):
        self.check({}, "utf-16")

    def test_utf8_when_offered(self):
        self.check({"general": {"positionEncodings": ["utf-16", "utf-8"]}}, "utf-8")

    def test_utf32_when_offered(self):
        self.check({"general": {"positionEncodings": ["utf-32", "utf-16"]}}, "utf-32")

    def test_clangd_offset_encoding(self):
        # Neovim 0.7 offers encodings the older way, and reads the answer
        # from the result's offsetEncoding
        self.check({"offsetEncoding": ["utf-8", "utf-16"]}, "utf-8", "utf-8")

    def test_named_in_initialization_options(self):
        # for clients that cannot offer encodings (Vim's ALE): stacklint's own option
        self.check({}, "utf-8", options={"positionEncoding": "utf-8"})
        self.tearDown()
        self.setUp()
        # a standard offer wins
        self.check({"general": {"positionEncodings": ["utf-32"]}}, "utf-32", options={"positionEncoding": "utf-8"})

    def test_unknown_encodings_give_utf16(self):
        self.check({"general": {"positionEncodings": ["ebcdic"]}}, "utf-16")


class TestScheduling(Base):
    def test_debounce_publishes_the_settled_version_once(self):
        self.start()
        self.init(options={"debounceMs": 300})
        uri = "file:///t.yaml"
        self.open(uri, TEXT)
        self.assertEqual(self.c.read()["params"]["version"], 1)  # open lints at once
        # 20 edits well inside the debounce: one lint, of the last version
        for v in range(2, 22):
            self.c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": v},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                              "end": {"line": 0, "character": 0}}, "text": "#\n"}]})
        msg = self.c.read()
        self.assertEqual(msg["params"]["version"], 21)
        # the document has 20 more lines: the finding moved with them
        self.assertEqual(self.bogus_start(msg["params"]["diagnostics"])["line"], 23)
        # nothing else was published: the next message is the shutdown answer
        self.assertEqual(self.c.finish(), 0)

    def test_requests_are_answered_while_a_lint_runs(self):
        self.start()
        self.init(options={"debounceMs": 0})
        big = big_template(4000)
        self.open("file:///big.yaml", big)
        self.open("file:///small.yaml", TEXT)
        t0 = time.monotonic()
        i = self.c.request("textDocument/documentSymbol", {"textDocument": {"uri": "file:///small.yaml"}})
        order = []
        while len(order) < 3:
            m = self.c.read()
            order.append(m.get("id") == i and "symbols" or m["params"]["uri"].rsplit("/", 1)[1])
            if m.get("id") == i:
                self.assertIn("Resources", [s["name"] for s in m["result"]])
        # the answer came before the big template's diagnostics
        self.assertLess(order.index("symbols"), order.index("big.yaml"), order)
        self.assertEqual(self.c.finish(), 0)

    def test_a_change_during_a_lint_drops_the_stale_result(self):
        self.start()
        self.init(options={"debounceMs": 0})
        uri = "file:///big.yaml"
        big = big_template(4000)
        self.open(uri, big)
        # change it right away: the first lint (of version 1) is stopped or
        # its result dropped; only version 2 is published last, with its text
        self.c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": big.replace("DelaySeconds: 5", "DelaySeconds: 5000", 1)}]})
        versions = []
        while not versions or versions[-1] != 2:
            m = self.c.read()
            self.assertEqual(m["method"], "textDocument/publishDiagnostics")
            versions.append(m["params"]["version"])
            last = m["params"]["diagnostics"]
        # at most the old version first (if it finished before the change came)
        self.assertIn(versions, ([2], [1, 2]))
        self.assertIn("E3034", [d["code"] for d in last])  # 5000 is over DelaySeconds' 900
        self.assertEqual(self.c.finish(), 0)

    def test_close_during_a_lint(self):
        self.start()
        self.init(options={"debounceMs": 0})
        uri = "file:///big.yaml"
        self.open(uri, big_template(3000))
        self.c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        # the close clears the list; a lint finished before it may come first,
        # never after it
        m = self.c.read()
        if m["params"]["diagnostics"]:
            m = self.c.read()
        self.assertEqual(m["params"], {"uri": uri, "diagnostics": []})
        self.assertEqual(self.c.finish(), 0)


class TestConfigurationReload(Base):
    def write(self, text):
        with open(os.path.join(self.tmp.name, ".cfnlintrc"), "w") as f:
            f.write(text)

    def test_reload_on_watched_file_change(self):
        self.write("ignore_checks: [E3002]\n")
        self.start()
        self.init({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}})
        # after `initialized` the server asks to watch the configuration files
        req = self.c.read()
        self.assertEqual(req["method"], "client/registerCapability")
        reg = req["params"]["registrations"][0]
        self.assertEqual(reg["method"], "workspace/didChangeWatchedFiles")
        globs = [w["globPattern"] for w in reg["registerOptions"]["watchers"]]
        self.assertIn("**/.cfnlintrc", globs)
        self.assertIn("**/.stacklintrc.yaml", globs)
        self.c.send({"jsonrpc": "2.0", "id": req["id"], "result": None})
        uri = "file:///t.yaml"
        self.open(uri, TEXT)
        self.assertNotIn("E3002", [d["code"] for d in self.c.read()["params"]["diagnostics"]])
        # the configuration changes: every open document is linted again
        self.write("ignore_checks: []\n")
        cfg = "file://" + os.path.join(self.tmp.name, ".cfnlintrc")
        self.c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": cfg, "type": 2}]})
        self.assertIn("E3002", [d["code"] for d in self.c.read()["params"]["diagnostics"]])
        # a change to another file does nothing
        self.c.notify("workspace/didChangeWatchedFiles",
                      {"changes": [{"uri": "file://" + os.path.join(self.tmp.name, "x.yaml"), "type": 2}]})
        # a configuration that cannot be read keeps the last one, with a message
        self.write("ignore_checks: [E3002\n")
        self.c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": cfg, "type": 2}]})
        m = self.c.read()
        self.assertEqual(m["method"], "window/showMessage")
        self.assertEqual(m["params"]["type"], 1)
        self.c.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        self.assertIn("E3002", [d["code"] for d in self.c.read()["params"]["diagnostics"]])
        self.assertEqual(self.c.finish(), 0)

    def test_no_registration_without_dynamic_registration(self):
        self.start()
        self.init({})
        self.open("file:///t.yaml", TEXT)
        self.assertEqual(self.c.read()["method"], "textDocument/publishDiagnostics")
        self.assertEqual(self.c.finish(), 0)


if __name__ == "__main__":
    test_lsp.STACKLINT = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)

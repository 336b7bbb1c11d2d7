#!/usr/bin/env python3
"""
`stacklint lsp` driven by a scripted JSON-RPC client over pipes, as an editor
drives it: initialize, open, change, save, close, shutdown, exit — and bad
input: a malformed body, bad framing, an unknown method, a request before
initialize, a client that goes away.

    test_lsp.py STACKLINT [unittest options]
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

STACKLINT = None

BAD = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: "日本語😀"
      TopicName: !Ref Missing
"""
GOOD = BAD.replace("!Ref Missing", "alerts")


class Client:
    def __init__(self, *args, cwd=None):
        env = dict(os.environ, AWS_REGION="", AWS_DEFAULT_REGION="")
        self.p = subprocess.Popen([STACKLINT, "lsp", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, cwd=cwd, env=env)
        self.next_id = 1

    def raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj).encode("utf-8")
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method, params=None):
        i = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params or {}})
        return i

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params or {}})

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            k, _, v = line.decode("ascii").partition(":")
            if k.lower() == "content-length":
                length = int(v)
        return json.loads(self.p.stdout.read(length))

    def finish(self):
        i = self.request("shutdown")
        r = self.read()
        assert r == {"jsonrpc": "2.0", "id": i, "result": None}, r
        self.notify("exit")
        self.p.stdin.close()
        return self.p.wait(timeout=30)


class TestLsp(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="stacklint-lsp-")
        self.c = Client(cwd=self.tmp.name)

    def stop(self):
        if self.c.p.poll() is None:
            self.c.p.kill()
            self.c.p.wait()
        for f in (self.c.p.stdin, self.c.p.stdout, self.c.p.stderr):
            if f and not f.closed:
                f.close()

    def tearDown(self):
        self.stop()
        self.tmp.cleanup()

    def init(self):
        i = self.c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        r = self.c.read()
        self.assertEqual(r["id"], i)
        caps = r["result"]["capabilities"]
        self.assertEqual(caps["textDocumentSync"]["change"], 2)  # incremental
        self.assertTrue(caps["hoverProvider"])
        self.assertEqual(caps["positionEncoding"], "utf-16")
        self.c.notify("initialized")
        return r

    def open(self, uri, text):
        self.c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml",
                                                                "version": 1, "text": text}})
        return self.c.read()

    def test_session(self):
        self.init()
        uri = "file:///stacks/app%20one.yaml"
        msg = self.open(uri, BAD)
        self.assertEqual(msg["method"], "textDocument/publishDiagnostics")
        self.assertEqual(msg["params"]["uri"], uri)
        diags = msg["params"]["diagnostics"]
        e1020 = [d for d in diags if d["code"] == "E1020"]
        self.assertEqual(len(e1020), 1, diags)
        d = e1020[0]
        # line 7 (0-based 6), "      TopicName: !Ref Missing": the Ref's value
        self.assertEqual(d["range"]["start"]["line"], 6)
        self.assertEqual(d["severity"], 1)
        self.assertEqual(d["source"], "stacklint")
        self.assertTrue(d["codeDescription"]["href"].startswith("https://"))
        # the change fixes it: no E1020
        self.c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                                 "contentChanges": [{"text": GOOD}]})
        msg = self.c.read()
        self.assertNotIn("E1020", [d["code"] for d in msg["params"]["diagnostics"]])
        # save lints again; close clears the list
        self.c.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        self.assertEqual(self.c.read()["params"]["uri"], uri)
        self.c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        self.assertEqual(self.c.read()["params"], {"uri": uri, "diagnostics": []})
        self.assertEqual(self.c.finish(), 0)

    def test_incremental_changes_and_hover(self):
        self.init()
        uri = "file:///t.yaml"
        diags = self.open(uri, BAD)["params"]["diagnostics"]
        d = [d for d in diags if d["code"] == "E1020"][0]
        # hover over the finding: the rule's message and documentation
        i = self.c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": d["range"]["start"]})
        r = self.c.read()
        self.assertEqual(r["id"], i)
        self.assertEqual(r["result"]["contents"]["kind"], "markdown")
        self.assertIn("**E1020**", r["result"]["contents"]["value"])
        self.assertIn("### What it checks", r["result"]["contents"]["value"])
        # elsewhere: nothing
        self.c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
        self.assertIsNone(self.c.read()["result"])
        # two edits in one change, each in the text the one before left: the
        # DisplayName (after an emoji) first, then the Ref's target
        line5 = BAD.splitlines()[5]
        col = len(line5[:line5.index("語")].encode("utf-16-le")) // 2
        self.c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [
                {"range": {"start": {"line": 5, "character": col}, "end": {"line": 5, "character": col + 1}},
                 "text": "x"},
                {"range": {"start": {"line": 6, "character": 22}, "end": {"line": 6, "character": 29}},
                 "text": "Topic"},
            ]})
        diags = self.c.read()["params"]["diagnostics"]
        self.assertNotIn("E1020", [d["code"] for d in diags])
        # the server's text is what the edits made: a full change back to BAD
        # brings E1020 back, and a range edit of the whole line removes it again
        self.c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                                 "contentChanges": [{"text": BAD}]})
        self.assertIn("E1020", [d["code"] for d in self.c.read()["params"]["diagnostics"]])
        self.c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4},
                                                 "contentChanges": [{"range": {"start": {"line": 6, "character": 0},
                                                                                "end": {"line": 7, "character": 0}},
                                                                      "text": "      TopicName: plain\n"}]})
        self.assertNotIn("E1020", [d["code"] for d in self.c.read()["params"]["diagnostics"]])
        self.assertEqual(self.c.finish(), 0)

    def test_symbols_and_definitions(self):
        self.init()
        text = """\
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Mappings:
  Sizes:
    prod: {Mem: 512}
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
  Fn:
    Type: AWS::Lambda::Function
    DependsOn: [Bucket]
    Properties:
      Role: !GetAtt Bucket.Arn
      MemorySize: !FindInMap [Sizes, !Ref Env, Mem]
      Handler: !Sub "${Env}-${Bucket.Arn}"
      Runtime: !If [IsProd, python3.12, python3.11]
Outputs:
  Name:
    Value: !Ref Bucket
"""
        uri = "file:///s.yaml"
        self.open(uri, text)
        i = self.c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
        r = self.c.read()["result"]
        self.assertEqual([s["name"] for s in r], ["Parameters", "Conditions", "Mappings", "Resources", "Outputs"])
        res = r[3]["children"]
        self.assertEqual([(c["name"], c.get("detail"), c["kind"]) for c in res],
                         [("Bucket", "AWS::S3::Bucket", 19), ("Fn", "AWS::Lambda::Function", 19)])
        self.assertEqual(res[0]["selectionRange"], {"start": {"line": 9, "character": 2},
                                                    "end": {"line": 9, "character": 8}})
        lines = text.splitlines()

        def at(line, word, nth=0):
            col = -1
            for _ in range(nth + 1):
                col = lines[line].index(word, col + 1)
            return {"line": line, "character": col + 1}

        def target(pos):
            self.c.request("textDocument/definition", {"textDocument": {"uri": uri}, "position": pos})
            loc = self.c.read()["result"]
            return None if loc is None else (loc["uri"], loc["range"]["start"]["line"])
        self.assertEqual(target(at(4, "Env")), (uri, 1))          # Ref in a condition -> parameter
        self.assertEqual(target(at(11, "IsProd")), (uri, 4))      # a resource's Condition
        self.assertEqual(target(at(14, "Bucket")), (uri, 9))      # DependsOn
        self.assertEqual(target(at(16, "Bucket")), (uri, 9))      # GetAtt A.B
        self.assertEqual(target(at(17, "Sizes")), (uri, 6))       # FindInMap
        self.assertEqual(target(at(18, "Env")), (uri, 1))         # ${Env} in Sub
        self.assertEqual(target(at(18, "Bucket")), (uri, 9))      # ${Bucket.Arn}
        self.assertEqual(target(at(19, "IsProd")), (uri, 4))      # Fn::If
        self.assertEqual(target(at(22, "Bucket")), (uri, 9))      # Ref in an output
        self.assertIsNone(target(at(13, "AWS")))                  # a type: nothing to go to
        self.assertEqual(self.c.finish(), 0)

    def test_code_action_suppresses_on_the_line(self):
        self.init()
        text = ("Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n"
                "      TopicName: !Ref Missing\n"
                "      DisplayName: !Ref Other  # stacklint: disable=W3\n"
                "  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code:\n"
                "        ZipFile: |\n          x = '${Nope}'\n")
        uri = "file:///t.yaml"
        diags = self.open(uri, text)["params"]["diagnostics"]
        e = sorted((d for d in diags if d["code"] == "E1020"), key=lambda d: d["range"]["start"]["line"])
        self.assertEqual([d["range"]["start"]["line"] for d in e], [4, 5])
        self.c.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": e[0]["range"],
                                                   "context": {"diagnostics": e}})
        actions = self.c.read()["result"]
        edits = [a["edit"]["changes"][uri][0] for a in actions]
        self.assertEqual([a["title"] for a in actions], ["Suppress E1020 on this line"] * 2)
        # a new comment at the end of line 5; a second ID in line 6's comment
        lines = text.split("\n")
        end4 = len(lines[4])
        after = lines[5].index("disable=W3") + len("disable=W3")
        self.assertEqual(edits[0], {"range": {"start": {"line": 4, "character": end4},
                                              "end": {"line": 4, "character": end4}},
                                    "newText": "  # stacklint: disable=E1020"})
        self.assertEqual(edits[1]["newText"], ",E1020")
        self.assertEqual(edits[1]["range"]["start"], {"line": 5, "character": after})
        # applying both edits: the E1020 findings are gone, no W99000
        lines[5] = lines[5][:after] + ",E1020" + lines[5][after:]
        lines[4] = lines[4] + "  # stacklint: disable=E1020"
        self.c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                                 "contentChanges": [{"text": "\n".join(lines)}]})
        after_edit = self.c.read()["params"]["diagnostics"]
        self.assertNotIn("E1020", [d["code"] for d in after_edit])
        # both new suppressions are used (only the line's old W3 is not)
        self.assertEqual([d["message"].split("'")[1] for d in after_edit if d["code"] == "W99000"], ["W3"])
        # inside a block scalar: no action (a comment there would be text)
        block = {"range": {"start": {"line": 11, "character": 10}, "end": {"line": 11, "character": 20}},
                 "code": "W1020", "message": "x"}
        self.c.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": block["range"],
                                                   "context": {"diagnostics": [block]}})
        self.assertEqual(self.c.read()["result"], [])
        # JSON has no comments: no action
        self.open("file:///t.json", '{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "X"}}}}}')
        self.c.request("textDocument/codeAction", {"textDocument": {"uri": "file:///t.json"}, "range": e[0]["range"],
                                                   "context": {"diagnostics": [dict(e[0])]}})
        self.assertEqual(self.c.read()["result"], [])
        self.assertEqual(self.c.finish(), 0)

    def test_utf16_columns(self):
        self.init()
        text = 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: {DisplayName: "😀é", Bogus: 1}\n'
        diags = self.open("file:///t.yaml", text)["params"]["diagnostics"]
        d = [d for d in diags if d["code"] == "E3002"][0]
        line = text.splitlines()[3]
        before = line[:line.index("Bogus")]
        units = len(before.encode("utf-16-le")) // 2
        self.assertEqual(d["range"]["start"], {"line": 3, "character": units})
        self.assertEqual(d["range"]["end"], {"line": 3, "character": units + 5})
        self.assertEqual(self.c.finish(), 0)

    def test_only_templates(self):
        self.init()
        msg = self.open("file:///docker-compose.yaml", "services:\n  web:\n    image: nginx\n")
        self.assertEqual(msg["params"]["diagnostics"], [])
        # a side file by its name gets its own rules
        msg = self.open("file:///p/samconfig.toml", 'version = "0.1"\n')
        self.assertIn("E99701", [d["code"] for d in msg["params"]["diagnostics"]])
        self.assertEqual(self.c.finish(), 0)

    def test_bad_input(self):
        # before initialize: an error for a request
        i = self.c.request("textDocument/hover", {})
        self.assertEqual(self.c.read()["error"]["code"], -32002)
        self.init()
        # not JSON
        self.c.raw(b"Content-Length: 9\r\n\r\n{not json")
        self.assertEqual(self.c.read()["error"]["code"], -32700)
        # an unknown request, and an unknown notification (no answer)
        self.c.notify("workspace/didChangeConfiguration", {"settings": {}})
        i = self.c.request("textDocument/formatting", {})
        r = self.c.read()
        self.assertEqual((r["id"], r["error"]["code"]), (i, -32601))
        # bad framing
        self.c.raw(b"Content-Length: nope\r\n\r\n")
        self.assertEqual(self.c.read()["error"]["code"], -32700)
        self.assertEqual(self.c.finish(), 0)

    def test_exit_without_shutdown_and_client_gone(self):
        self.init()
        self.c.notify("exit")
        self.assertEqual(self.c.p.wait(timeout=30), 1)
        c = Client(cwd=self.tmp.name)
        c.p.stdin.close()  # the client died
        self.assertEqual(c.p.wait(timeout=30), 1)
        c.p.stdout.close()
        c.p.stderr.close()

    def test_options_as_a_run_takes_them(self):
        # the server sets up as a command-line run does: custom rules (-z) and
        # rule options (-x) apply
        with open(os.path.join(self.tmp.name, "rules.txt"), "w") as f:
            f.write("AWS::SNS::Topic DisplayName == alerts\n")
        self.c.p.kill()
        self.c.p.wait()
        for fh in (self.c.p.stdin, self.c.p.stdout, self.c.p.stderr):
            fh.close()
        self.c = Client("-z", "rules.txt", "-x", "E3012:strict=true", cwd=self.tmp.name)
        self.init()
        text = ("Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n"
                "      DisplayName: other\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                "      DelaySeconds: \"5\"\n")
        codes = sorted(d["code"] for d in self.open("file:///t.yaml", text)["params"]["diagnostics"])
        self.assertEqual(codes, ["E3012", "E9001"])
        self.assertEqual(self.c.finish(), 0)

    def test_configuration(self):
        # the server reads the configuration when it starts: setUp's server
        # may have read the directory before the file was there (a race that
        # failed under load), so this test starts its own after writing it
        self.stop()
        with open(os.path.join(self.tmp.name, ".cfnlintrc"), "w") as f:
            f.write("ignore_checks: [E1020]\n")
        self.c = Client(cwd=self.tmp.name)
        self.init()
        diags = self.open("file:///t.yaml", BAD)["params"]["diagnostics"]
        self.assertNotIn("E1020", [d["code"] for d in diags])
        self.assertEqual(self.c.finish(), 0)


if __name__ == "__main__":
    STACKLINT = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)

#!/usr/bin/env python3
"""
Many small edits to one document, as an editor sends them while the user
types (issue 15; bench/lsp_bench.py times the same thing on a large template):
`stacklint lsp` must publish diagnostics for every version, each for the text
the edits made, and exit with status 0 after shutdown and exit.

The edited line is a flow mapping with an accented letter and an emoji (two
UTF-16 code units) before a Ref: "x" is typed at the end of the Ref's target
and deleted again, 200 times, as incremental changes whose positions count
UTF-16 code units. After each edit the client waits for that version's
publishDiagnostics (the next one for the document when the server does not
tag publishes with a version): with the "x" the Ref names nothing and E1020
marks it, at the target's exact range (and W2001 the unused parameter);
without it the template is clean.
Then the same with 20 full-text changes, and, when publishes carry their
version, a burst of 51 edits sent without waiting: the last publish must be
the last version's, for the last text. No timing is asserted.

    test_lsp_edits.py STACKLINT
"""
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time

EDITS = 200
FULL_EDITS = 20
BURST = 51
TIMEOUT_S = 30.0

TEXT = ('AWSTemplateFormatVersion: "2010-09-09"\n'
        'Parameters:\n'
        '  Name:\n'
        '    Type: String\n'
        'Resources:\n'
        '  T:\n'
        '    Type: AWS::SNS::Topic\n'
        '    Properties: {DisplayName: "\u00e9\U0001F600", TopicName: !Ref Name}\n')
LINE = 7


class Fail(Exception):
    pass


class Server:
    def __init__(self, exe, cwd):
        env = dict(os.environ, AWS_REGION="", AWS_DEFAULT_REGION="")
        self.p = subprocess.Popen([exe, "lsp"], cwd=cwd, env=env, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
        self.buf = bytearray()
        self.next_id = 1

    def send(self, obj):
        body = json.dumps(obj).encode("utf-8")
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method, params):
        i = self.next_id
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": i, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return i

    def notify(self, method, params):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def _fill(self, deadline):
        fd = self.p.stdout.fileno()
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise Fail("no message from the server within %.0f s" % TIMEOUT_S)
        chunk = os.read(fd, 65536)
        if not chunk:
            raise Fail("the server closed its output (status %s)" % self.p.poll())
        self.buf += chunk

    def read(self):
        """The next message; a request of the server's (it may register a
        capability) is answered with a null result and skipped."""
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            while b"\r\n\r\n" not in self.buf:
                self._fill(deadline)
            end = self.buf.index(b"\r\n\r\n")
            m = re.search(rb"(?im)^content-length:\s*(\d+)", bytes(self.buf[:end]))
            if not m:
                raise Fail("a message without Content-Length: %r" % bytes(self.buf[:end]))
            n = int(m.group(1))
            while len(self.buf) < end + 4 + n:
                self._fill(deadline)
            msg = json.loads(bytes(self.buf[end + 4:end + 4 + n]))
            del self.buf[:end + 4 + n]
            if "method" in msg and "id" in msg:
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                continue
            return msg

    def publish(self, uri):
        while True:
            msg = self.read()
            if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri:
                return msg["params"]


def expected(typed):
    """The findings of the text with or without the typed "x", as (code, line,
    start character, end character): with it, the Ref names nothing (E1020 on
    "Namex") and the parameter is left unused (W2001 on its name)."""
    if not typed:
        return []
    line = TEXT.split("\n")[LINE]
    start = len(line[:line.index("!Ref Name") + 5].encode("utf-16-le")) // 2
    return [("E1020", LINE, start, start + len("Namex")), ("W2001", 2, 2, 2 + len("Name"))]


def found(params):
    out = []
    for d in params["diagnostics"]:
        r = d["range"]
        if r["start"]["line"] != r["end"]["line"]:
            raise Fail("a finding spans lines: %r" % d)
        if d.get("code") == "E1020" and "'Namex'" not in d.get("message", ""):
            raise Fail("E1020 is not about 'Namex' (an edit landed elsewhere?): %r" % d)
        out.append((d.get("code"), r["start"]["line"], r["start"]["character"], r["end"]["character"]))
    return sorted(out)


def check(params, version, typed, what):
    if "version" in params and params["version"] != version:
        raise Fail("%s: waited for version %d, the publish says %r" % (what, version, params["version"]))
    if found(params) != expected(typed):
        raise Fail("%s, version %d (%s): findings %r, expected %r" % (what, version, "x typed" if typed else
                   "x deleted", found(params), expected(typed)))


def main():
    exe = os.path.abspath(sys.argv[1])
    line = TEXT.split("\n")[LINE]
    # after "Name" of "!Ref Name", in UTF-16 code units (the emoji counts 2)
    ch = len(line[:line.index("!Ref Name") + len("!Ref Name")].encode("utf-16-le")) // 2
    if ch == len(line[:line.index("!Ref Name") + len("!Ref Name")]):
        raise AssertionError("the line must have text of more than one UTF-16 unit per character")
    typed_text = TEXT.replace("!Ref Name}", "!Ref Namex}")
    with tempfile.TemporaryDirectory(prefix="stacklint-lsp-edits-") as tmp:
        uri = "file://" + os.path.join(tmp, "stack.yaml")
        s = Server(exe, tmp)
        try:
            i = s.request("initialize", {"processId": None, "rootUri": "file://" + tmp, "capabilities": {},
                                         "initializationOptions": {"debounceMs": 0}})
            r = s.read()
            if r.get("id") != i or "result" not in r:
                raise Fail("initialize: %r" % r)
            s.notify("initialized", {})
            s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                               "text": TEXT}})
            first = s.publish(uri)
            check(first, 1, False, "didOpen")
            versioned = "version" in first
            version = 1
            for k in range(EDITS):
                version += 1
                typed = k % 2 == 0
                rng = {"start": {"line": LINE, "character": ch},
                       "end": {"line": LINE, "character": ch if typed else ch + 1}}
                s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                    "contentChanges": [{"range": rng,
                                                                        "text": "x" if typed else ""}]})
                check(s.publish(uri), version, typed, "incremental edit %d" % (k + 1))
            for k in range(FULL_EDITS):
                version += 1
                typed = k % 2 == 0
                s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                    "contentChanges": [{"text": typed_text if typed else TEXT}]})
                check(s.publish(uri), version, typed, "full-text edit %d" % (k + 1))
            if versioned:
                # a burst, nothing awaited: publishes in order, the last for the last version
                for k in range(BURST):
                    version += 1
                    typed = k % 2 == 0
                    rng = {"start": {"line": LINE, "character": ch},
                           "end": {"line": LINE, "character": ch if typed else ch + 1}}
                    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                        "contentChanges": [{"range": rng,
                                                                            "text": "x" if typed else ""}]})
                seen = []
                while not seen or seen[-1]["version"] < version:
                    p = s.publish(uri)
                    if seen and p["version"] <= seen[-1]["version"]:
                        raise Fail("burst: publish of version %r after version %r"
                                   % (p["version"], seen[-1]["version"]))
                    seen.append(p)
                check(seen[-1], version, BURST % 2 == 1, "burst of %d edits" % BURST)
                print("burst of %d edits: %d publishes, the last for version %d"
                      % (BURST, len(seen), version))
            else:
                print("note: publishes carry no version; the burst part needs them and was left out")
            i = s.request("shutdown", None)
            while True:
                r = s.read()
                if r.get("id") == i:
                    break
            if "result" not in r or r["result"] is not None:
                raise Fail("shutdown: %r" % r)
            s.notify("exit", None)
            s.p.stdin.close()
            status = s.p.wait(timeout=TIMEOUT_S)
            err = s.p.stderr.read().decode("utf-8", "replace")
            if status != 0:
                raise Fail("the server exited with status %d: %s" % (status, err))
            if err:
                raise Fail("the server wrote to stderr: %s" % err)
        except Fail as e:
            print("FAIL: %s" % e)
            return 1
        finally:
            if s.p.poll() is None:
                s.p.kill()
                s.p.wait()
            for f in (s.p.stdin, s.p.stdout, s.p.stderr):
                if not f.closed:
                    f.close()
    print("OK: %d incremental and %d full-text edits, each version's diagnostics right; exit status 0"
          % (EDITS, FULL_EDITS))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""
Latency and memory of the language server (`stacklint lsp`, issue 15): the
re-lint of a ~100 KB template after a one-character edit (target: under 5 ms)
and the server's memory over 10,000 edits (target: flat).

    bench/lsp_bench.py STACKLINT [--edits N] [--size KB] [--debounce MS]
                       [--full-edits N] [--sample-every N] [--warmup N]
                       [--pings N] [--seed N] [--json FILE]
                       [--server-args ARGS] [--wrapper CMD]

--wrapper runs the server under a profiler, e.g. --wrapper 'valgrind
--tool=callgrind --callgrind-out-file=/tmp/cg.%p' (instructions per edit: a
run of 300 edits minus one of 100, divided by 200; bench/README.md).

What it does, with one fresh server per phase:
  1. writes a realistic template of about --size KB (bench/gen_template.py's
     "big" template, seed --seed) into a scratch directory;
  2. starts `STACKLINT lsp` there, sends initialize with
     initializationOptions {"debounceMs": MS} (0: lint right after each
     change), initialized, then didOpen: the first lint;
  3. times a round trip that lints nothing (a request for a method the server
     does not know, answered with an error): the floor under every figure;
  4. --edits incremental didChange notifications of one character: typing an
     "x" into a string value (a Description near the middle of the file) and
     deleting it again, so the template stays the same template; the version
     goes up by one each time. After each edit the client waits for the
     publishDiagnostics of that version (params.version when the server sends
     it, else the next publishDiagnostics for the document) before sending
     the next, so each figure is one edit's own: from writing the message to
     having read and parsed the diagnostics;
  5. the server's VmRSS every --sample-every edits and its VmHWM at the end
     (/proc/PID/status); growth is the last sample minus the first one taken
     after --warmup edits;
  6. the same edits sent as full-text changes (contentChanges with the whole
     text, as ALE and other simple clients send them) in a second server,
     --full-edits times.

Latency is wall time on the client side. The server's own CPU time per edit
(user + system of all its threads, /proc/PID/stat, averaged over the phase) is
printed beside it: on a shared machine the wall time also holds the time the
server waited for a CPU.
Every publish is checked to hold as many diagnostics as the first lint's (the
edit changes nothing a rule looks at): a mismatch means an edit went wrong.

Exit status: 0, or 1 when a publish is missing or wrong, the server wrote to
stderr, or it did not exit with status 0 after shutdown and exit.
Only the Python standard library is used. bench/README.md has the results.
"""
import argparse
import io
import json
import math
import os
import re
import select
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_template  # noqa: E402  (bench/gen_template.py, beside this file)

TIMEOUT_S = 30.0


class ServerError(Exception):
    pass


class Server:
    """One `stacklint lsp` process and the client's end of its pipes."""

    def __init__(self, exe, cwd, wrapper=(), args=()):
        self.stderr = open(os.path.join(cwd, "server-stderr.txt"), "w+b")
        env = dict(os.environ, AWS_REGION="", AWS_DEFAULT_REGION="")
        self.p = subprocess.Popen([*wrapper, exe, "lsp", *args], cwd=cwd, env=env, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=self.stderr, bufsize=0)
        self.fd_in = self.p.stdin.fileno()
        self.fd_out = self.p.stdout.fileno()
        self.buf = bytearray()
        self.next_id = 1
        self.other = {}  # methods of messages other than the ones waited for, counted

    # --- the wire -----------------------------------------------------------

    def write(self, body):
        data = b"Content-Length: %d\r\n\r\n" % len(body) + body
        view = memoryview(data)
        while view:
            n = os.write(self.fd_in, view)
            view = view[n:]

    def send(self, obj):
        self.write(json.dumps(obj, separators=(",", ":")).encode("utf-8"))

    def request(self, method, params=None):
        i = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params or {}})
        return i

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params or {}})

    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([self.fd_out], [], [], left)[0]:
            raise ServerError("no message from the server in %.0f s" % TIMEOUT_S)
        chunk = os.read(self.fd_out, 1 << 20)
        if not chunk:
            raise ServerError("the server closed its output (exit status %s): %s"
                              % (self.p.poll(), self.stderr_text()))
        self.buf += chunk

    def read(self):
        """The next message, parsed. Answers a request from the server (it may
        register capabilities or ask for configuration) with a null result."""
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            end = self.buf.find(b"\r\n\r\n")
            while end < 0:
                self._fill(deadline)
                end = self.buf.find(b"\r\n\r\n")
            m = re.search(rb"(?im)^content-length:\s*(\d+)", bytes(self.buf[:end]))
            if not m:
                raise ServerError("a message without Content-Length: %r" % bytes(self.buf[:end]))
            n = int(m.group(1))
            while len(self.buf) < end + 4 + n:
                self._fill(deadline)
            msg = json.loads(bytes(self.buf[end + 4:end + 4 + n]))
            del self.buf[:end + 4 + n]
            if "method" in msg and "id" in msg:  # a request of the server's
                self.other[msg["method"]] = self.other.get(msg["method"], 0) + 1
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                continue
            return msg

    def response(self, i):
        while True:
            msg = self.read()
            if msg.get("id") == i and "method" not in msg:
                return msg
            self.count_other(msg)

    def publish(self, uri, version):
        """The publishDiagnostics for uri (of `version` when the server tags
        its publishes with one). Returns (message, had a version)."""
        while True:
            msg = self.read()
            if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"].get("uri") == uri:
                v = msg["params"].get("version")
                if v is None or v == version:
                    return msg, v is not None
                if v > version:
                    raise ServerError("waited for version %d, got a publish of version %d" % (version, v))
                continue  # a stale version's publish: not this edit's
            self.count_other(msg)

    def count_other(self, msg):
        key = msg.get("method") or ("response %s" % msg.get("id"))
        self.other[key] = self.other.get(key, 0) + 1

    # --- the process ------------------------------------------------------------

    def status(self):
        """VmRSS and VmHWM in KB."""
        out = {}
        with open("/proc/%d/status" % self.p.pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM"):
                    out[k] = int(v.split()[0])
        return out

    def cpu_ns(self):
        """CPU time of the whole server process, every thread, ended ones too
        (utime + stime of /proc/PID/stat), in ns; clock-tick resolution (10 ms),
        fine over hundreds of edits."""
        with open("/proc/%d/stat" % self.p.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1e9 / os.sysconf("SC_CLK_TCK")

    def stderr_text(self):
        self.stderr.flush()
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def finish(self):
        """shutdown, exit; returns the exit status."""
        i = self.request("shutdown")
        r = self.response(i)
        if r.get("result", "missing") is not None:
            raise ServerError("shutdown answered %r" % r)
        self.notify("exit")
        self.p.stdin.close()
        try:
            return self.p.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
            raise ServerError("the server did not exit after `exit`")

    def kill(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()
        for f in (self.p.stdin, self.p.stdout, self.stderr):
            if f and not f.closed:
                f.close()


# --- the template and the edit ----------------------------------------------------

def make_template(size_kb, seed):
    t = gen_template.realistic(int(size_kb * 1024), seed)
    out = io.StringIO()
    gen_template.dump_yaml(t, out, "Generated by bench/lsp_bench.py (gen_template.py, seed %d): %d resources"
                           % (seed, len(t["Resources"])))
    return out.getvalue(), len(t["Resources"])


def edit_site(text):
    """(0-based line, UTF-16 character, the line) where typing an "x" keeps the
    template the same: the end of a Description's value (before its closing
    quote when quoted), on the matching line nearest the middle of the file."""
    lines = text.split("\n")
    rx = re.compile(r'^\s+(?:Description|AlarmDescription|GroupDescription): (?!["\']?$)(.*\S)$')
    best = None
    for i, line in enumerate(lines):
        m = rx.match(line)
        if m and (best is None or abs(i - len(lines) // 2) < abs(best - len(lines) // 2)):
            best = i
    if best is None:
        raise SystemExit("lsp_bench: no Description line to edit in the generated template")
    line = lines[best]
    at = len(line) - 1 if line.endswith('"') else len(line)
    return best, len(line[:at].encode("utf-16-le")) // 2, line


def incremental_body(uri, version, line, ch, insert):
    rng = {"start": {"line": line, "character": ch},
           "end": {"line": line, "character": ch if insert else ch + 1}}
    return json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange",
                       "params": {"textDocument": {"uri": uri, "version": version},
                                  "contentChanges": [{"range": rng, "text": "x" if insert else ""}]}},
                      separators=(",", ":")).encode("utf-8")


def full_body_maker(uri, texts):
    """A function (version, which text) -> the didChange body, with the two
    texts JSON-encoded once, so the client's own cost stays small."""
    enc = [json.dumps(t).encode("utf-8") for t in texts]
    head = (b'{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":'
            b'{"uri":%s,"version":%%d},"contentChanges":[{"text":' % json.dumps(uri).encode("utf-8"))
    return lambda version, k: (head % version) + enc[k] + b"}]}}"


# --- statistics ---------------------------------------------------------------------

def pct(sorted_ms, q):
    return sorted_ms[min(len(sorted_ms) - 1, max(0, math.ceil(q * len(sorted_ms)) - 1))]


def summary(ms):
    s = sorted(ms)
    return {"n": len(s), "min": s[0], "median": statistics.median(s), "p90": pct(s, 0.90),
            "p99": pct(s, 0.99), "max": s[-1], "mean": statistics.fmean(s)}


# --- the phases -----------------------------------------------------------------------

def start(exe, cwd, uri, text, debounce, wrapper=(), args=()):
    """A server, initialized, with the document open. Returns (server, facts)."""
    t0 = time.perf_counter_ns()
    s = Server(exe, cwd, wrapper, args)
    i = s.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + cwd,
                                 "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
                                 "initializationOptions": {"debounceMs": debounce}})
    init = s.response(i)
    t1 = time.perf_counter_ns()
    if "result" not in init:
        raise ServerError("initialize failed: %r" % init)
    s.notify("initialized")
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                       "text": text}})
    msg, _ = s.publish(uri, 1)
    t2 = time.perf_counter_ns()
    return s, {"start_ms": (t1 - t0) / 1e6, "open_ms": (t2 - t1) / 1e6,
               "diagnostics": len(msg["params"]["diagnostics"]),
               "server": init["result"].get("serverInfo", {})}


def ping(s, n):
    """Round trips of a request the server does not know: its floor."""
    ms = []
    for _ in range(n):
        t0 = time.perf_counter_ns()
        i = s.request("stacklint/benchPing")
        s.response(i)
        ms.append((time.perf_counter_ns() - t0) / 1e6)
    return ms


def run_edits(s, uri, n, body_of, want_diags, sample_every):
    """n edits, each waited for. Returns (latencies ms, RSS samples, server CPU ns,
    publishes with a version, wrong counts)."""
    ms = []
    samples = [(0, s.status()["VmRSS"])]
    versioned = 0
    wrong = []
    cpu0 = s.cpu_ns()
    for k in range(1, n + 1):
        body = body_of(k)
        t0 = time.perf_counter_ns()
        s.write(body)
        msg, had = s.publish(uri, k + 1)
        ms.append((time.perf_counter_ns() - t0) / 1e6)
        versioned += had
        got = len(msg["params"]["diagnostics"])
        if got != want_diags and len(wrong) < 5:
            wrong.append((k + 1, got))
        if k % sample_every == 0 or k == n:
            samples.append((k, s.status()["VmRSS"]))
    cpu = s.cpu_ns() - cpu0
    return ms, samples, cpu, versioned, wrong


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].strip(),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stacklint", help="the stacklint binary (a release build: build-x/src/stacklint)")
    ap.add_argument("--edits", type=int, default=10000, help="incremental one-character edits (10000)")
    ap.add_argument("--full-edits", type=int, default=1000,
                    help="full-text edits in the comparison phase (1000; 0 leaves it out)")
    ap.add_argument("--size", type=float, default=100, help="template size in KB (100)")
    ap.add_argument("--debounce", type=int, default=0, help="initializationOptions.debounceMs (0)")
    ap.add_argument("--sample-every", type=int, default=500, help="edits between RSS samples (500)")
    ap.add_argument("--warmup", type=int, default=500,
                    help="edits before the first RSS sample that growth counts from (500)")
    ap.add_argument("--pings", type=int, default=200, help="round trips for the floor (200)")
    ap.add_argument("--seed", type=int, default=1, help="gen_template.py's seed (1)")
    ap.add_argument("--json", metavar="FILE", help="also write every figure to FILE as JSON")
    ap.add_argument("--server-args", metavar="ARGS", default="",
                    help="options after `stacklint lsp`, e.g. '--yaml-backend libfyaml'")
    ap.add_argument("--wrapper", metavar="CMD", default="",
                    help="run the server under CMD, e.g. 'valgrind --tool=callgrind' (a profile: the "
                         "figures are then of CMD's process, and the server writes to stderr)")
    a = ap.parse_args(argv)
    exe = os.path.abspath(a.stacklint)
    if not os.access(exe, os.X_OK):
        ap.error("%s is not an executable" % a.stacklint)
    if a.edits < 1 or a.sample_every < 1:
        ap.error("--edits and --sample-every must be at least 1")

    wrapper = shlex.split(a.wrapper)
    server_args = shlex.split(a.server_args)
    text, n_resources = make_template(a.size, a.seed)
    line, ch, line_text = edit_site(text)
    lines = text.split("\n")
    edited = "\n".join(lines[:line] + [line_text[:len(line_text) - (line_text.endswith('"'))]
                                        + "x" + ('"' if line_text.endswith('"') else "")] + lines[line + 1:])
    failures = []
    result = {"command": " ".join([sys.argv[0]] + (argv if argv is not None else sys.argv[1:])),
              "stacklint": exe, "size_bytes": len(text.encode("utf-8")), "lines": len(lines),
              "resources": n_resources, "edit_line": line + 1, "edit_character": ch,
              "debounce_ms": a.debounce, "server_args": a.server_args, "load_before": os.getloadavg()}
    tmp = tempfile.mkdtemp(prefix="stacklint-lspbench-")
    try:
        path = os.path.join(tmp, "template.yaml")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        uri = "file://" + path

        # --- incremental ---
        s, facts = start(exe, tmp, uri, text, a.debounce, wrapper, server_args)
        try:
            result.update(start_ms=facts["start_ms"], open_ms=facts["open_ms"],
                          diagnostics=facts["diagnostics"], server=facts["server"])
            floor = ping(s, a.pings) if a.pings > 0 else []
            body_of = lambda k: incremental_body(uri, k + 1, line, ch, k % 2 == 1)  # noqa: E731
            ms, samples, cpu, versioned, wrong = run_edits(s, uri, a.edits, body_of, facts["diagnostics"],
                                                           a.sample_every)
            hwm = s.status()["VmHWM"]
            other = dict(s.other)
            status = s.finish()
            err = s.stderr_text()
        finally:
            s.kill()
        result["incremental"] = dict(summary(ms), cpu_ms_per_edit=cpu / 1e6 / a.edits,
                                     rss_kb=samples, hwm_kb=hwm, versioned=versioned, exit=status)
        if floor:
            result["floor"] = summary(floor)
        if wrong:
            failures.append("incremental: publishes with a different number of diagnostics "
                            "(version, count; the first lint had %d): %r" % (facts["diagnostics"], wrong))
        if status != 0:
            failures.append("incremental: the server exited with status %s" % status)
        if err and not wrapper:
            failures.append("incremental: the server wrote to stderr: %r" % err[:500])
        if other:
            result["incremental"]["other_messages"] = other

        # --- full text ---
        if a.full_edits > 0:
            s, facts2 = start(exe, tmp, uri, text, a.debounce, wrapper, server_args)
            try:
                mk = full_body_maker(uri, [text, edited])
                fms, fsamples, fcpu, fversioned, fwrong = run_edits(
                    s, uri, a.full_edits, lambda k: mk(k + 1, k % 2), facts2["diagnostics"], a.sample_every)
                fhwm = s.status()["VmHWM"]
                fstatus = s.finish()
                ferr = s.stderr_text()
            finally:
                s.kill()
            result["full"] = dict(summary(fms), cpu_ms_per_edit=fcpu / 1e6 / a.full_edits, rss_kb=fsamples,
                                  hwm_kb=fhwm, versioned=fversioned, exit=fstatus, open_ms=facts2["open_ms"])
            if fwrong:
                failures.append("full text: publishes with a different number of diagnostics: %r" % fwrong)
            if fstatus != 0:
                failures.append("full text: the server exited with status %s" % fstatus)
            if ferr and not wrapper:
                failures.append("full text: the server wrote to stderr: %r" % ferr[:500])
    except ServerError as e:
        print("lsp_bench: %s" % e, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result["load_after"] = os.getloadavg()

    report(result, a)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


def report(r, a):
    inc = r["incremental"]
    sv = r.get("server") or {}
    print("stacklint lsp: %s lsp %s(%s %s)" % (r["stacklint"], r["server_args"] + " " if r["server_args"] else "",
                                              sv.get("name", "?"), sv.get("version", "?")))
    print("template: %s bytes, %d lines, %d resources, %d diagnostics; edit at line %d, character %d"
          % (format(r["size_bytes"], ","), r["lines"], r["resources"], r["diagnostics"], r["edit_line"],
             r["edit_character"]))
    print("debounceMs %d; load average before %.2f, after %.2f"
          % (r["debounce_ms"], r["load_before"][0], r["load_after"][0]))
    print("publishes tagged with their version: %d of %d incremental edits" % (inc["versioned"], inc["n"]))
    print()
    print("%-30s %6s %7s %7s %7s %7s %7s %7s %8s" % ("wall ms, client side", "n", "min", "median", "p90",
                                                      "p99", "max", "mean", "CPU/edit"))

    def row(label, x, cpu=None):
        print("%-30s %6d %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %8s"
              % (label, x["n"], x["min"], x["median"], x["p90"], x["p99"], x["max"], x["mean"],
                 "%.3f" % cpu if cpu is not None else "-"))

    print("%-30s %6d %7s %7.3f" % ("start + initialize", 1, "", r["start_ms"]))
    print("%-30s %6d %7s %7.3f" % ("first lint (didOpen)", 1, "", r["open_ms"]))
    if "floor" in r:
        row("round trip, no lint (floor)", r["floor"])
    row("incremental edit, 1 char", inc, inc["cpu_ms_per_edit"])
    if "full" in r:
        row("full-text edit, 1 char", r["full"], r["full"]["cpu_ms_per_edit"])
    print("(CPU/edit: the server's CPU time, all threads, user + system, per edit: /proc/PID/stat)")
    print()
    print("server VmRSS (KB) after N incremental edits:")
    samples = inc["rss_kb"]
    for i in range(0, len(samples), 8):
        print("  " + "  ".join("%6d:%6d" % (k, v) for k, v in samples[i:i + 8]))
    after = [v for k, v in samples if k >= a.warmup] or [samples[-1][1]]
    print("VmHWM %d KB; growth from the first sample at or after %d edits to the last: %+d KB "
          "(min %d, max %d KB over those samples)"
          % (inc["hwm_kb"], a.warmup, after[-1] - after[0], min(after), max(after)))
    if "full" in r:
        f = r["full"]
        print("full-text phase: VmRSS %d KB after %d edits (%d after the open), VmHWM %d KB"
              % (f["rss_kb"][-1][1], f["n"], f["rss_kb"][0][1], f["hwm_kb"]))
    if inc.get("other_messages"):
        print("other messages from the server: %r" % inc["other_messages"])
    print("target: incremental median under 5 ms: %s"
          % ("met" if inc["median"] < 5 else "MISSED"))


if __name__ == "__main__":
    sys.exit(main())

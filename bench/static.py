#!/usr/bin/env python3
"""
Size and start-up cost of the static stacklint against the dynamic one
(issue 15; bench/README.md, "Issue 15: static binary").

    bench/static.py STATIC DYNAMIC [TEMPLATE] [--runs N]

For each binary: its size as built and stripped (and, for the dynamic one,
with the shared libraries it loads), then `--version` and a lint of one small
template (default docs/examples/template.yaml), N runs each (default 20):
  warm  the page cache holds everything (one untimed run first);
  cold  `sync; echo 3 > /proc/sys/vm/drop_caches` before every run, so the
        binary and every shared library come from disk again; skipped with a
        note when that file is not writable.
Each run is started with posix_spawn and reaped with wait4, so the figures are
the child's own: wall time, CPU time (user + system, from its rusage) and
major page faults (pages read from disk). Medians, with the minimum beside.
A first row times `true` (coreutils, dynamic) warm: the machine's own cost of
starting a small program, for scale.
Only the Python standard library is used.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def drop_caches():
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def one_run(argv):
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        t0 = time.perf_counter_ns()
        pid = os.posix_spawn(argv[0], argv, {},
                             file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                           (os.POSIX_SPAWN_DUP2, devnull, 2)])
        _, _, ru = os.wait4(pid, 0)
        t1 = time.perf_counter_ns()
    finally:
        os.close(devnull)
    return (t1 - t0) / 1e6, (ru.ru_utime + ru.ru_stime) * 1e3, ru.ru_majflt


def summary(runs):
    wall = [r[0] for r in runs]
    cpu = [r[1] for r in runs]
    flt = [r[2] for r in runs]
    return (f"wall {statistics.median(wall):6.2f} ms (min {min(wall):6.2f})  "
            f"cpu {statistics.median(cpu):5.2f} ms (min {min(cpu):5.2f})  "
            f"major faults {statistics.median(flt):4.0f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("static")
    ap.add_argument("dynamic")
    ap.add_argument("template", nargs="?", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "docs", "examples", "template.yaml"))
    ap.add_argument("--runs", type=int, default=20)
    a = ap.parse_args()

    try:
        drop_caches()
        can_drop = True
    except OSError:
        can_drop = False
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores, {a.runs} runs per figure")
    bins = (("static", os.path.abspath(a.static)), ("dynamic", os.path.abspath(a.dynamic)))
    with tempfile.TemporaryDirectory() as tmp:
        for which, exe in bins:
            stripped = os.path.join(tmp, which)
            subprocess.run(["strip", "-o", stripped, exe], check=True)
            size = os.path.getsize(stripped)
            print(f"{which:8} {exe}")
            print(f"  size           {os.path.getsize(exe)} bytes as built, {size} stripped")
            ldd = subprocess.run(["ldd", exe], capture_output=True, text=True).stdout
            libs = [ln.split()[2] for ln in ldd.splitlines() if "=> /" in ln]
            if libs:
                total = size + sum(os.path.getsize(os.path.realpath(l)) for l in libs)
                print(f"  with libraries {total} bytes (stripped binary + "
                      + " ".join(os.path.basename(l) for l in libs) + ")")
    # what starting any dynamic program costs on this machine, for scale
    true = shutil.which("true")
    if true:
        one_run([true])
        print(f"baseline warm  {true:7}  " + summary([one_run([true]) for _ in range(a.runs)]))
    # the two binaries take turns run by run, so that a change in the machine's
    # load falls on both alike
    for what, args in (("version", ["--version"]), ("lint", [a.template])):
        for mode in ("warm", "cold") if can_drop else ("warm",):
            runs = {which: [] for which, _ in bins}
            for which, exe in bins:
                one_run([exe, *args])
            for _ in range(a.runs):
                for which, exe in bins:
                    if mode == "cold":
                        drop_caches()
                    runs[which].append(one_run([exe, *args]))
            for which, _ in bins:
                print(f"{what:7} {mode}  {which:7}  " + summary(runs[which]))
    if not can_drop:
        print("note: /proc/sys/vm/drop_caches is not writable: no cold-cache figures")


if __name__ == "__main__":
    sys.exit(main())

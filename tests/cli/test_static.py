#!/usr/bin/env python3
"""
Tests of the self-contained static binary (meson -Dstatic=true, or
tools/build-static.sh; docs/install.md). Registered in suite 'static' only
when the option is on.

Two claims are checked. The file is a static executable: its ELF program
headers have no PT_INTERP (no dynamic loader is asked for) and no PT_DYNAMIC
(no shared library is named), and ldd, where installed, agrees. And it works
with nothing installed: it runs inside an empty root that holds only the binary
and the templates it lints (chroot as root, else `unshare -r chroot` in a user
namespace), where it prints its version, lints a file and standard input with
the libyaml and libfyaml backends, matches PCRE2 patterns, transcodes UTF-16
(libyaml does it itself, no iconv), reports a missing file in strerror's
words, and runs several threads, with the same output and exit status as
outside the root. Where neither chroot nor a user namespace is available the
binary runs from the scratch directory with an empty environment and
LD_LIBRARY_PATH=/nonexistent instead, and the test says so on stderr (a weaker
check: the host's libraries stay reachable by path).

    test_static.py STACKLINT [unittest options]

Only the Python standard library is used.
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

STACKLINT = None  # absolute path of the binary, set in main()

PT_DYNAMIC, PT_INTERP = 2, 3

BAD = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeOut: 30
  Key:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: no-prefix
      TargetKeyId: !Ref Queue
"""

GOOD = """\
AWSTemplateFormatVersion: "2010-09-09"
Description: "caf\u00e9 \u2603"
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
"""


def elf_program_header_types(path):
    """Returns the p_type of every program header of the ELF file at path
    (64- or 32-bit, either byte order); raises ValueError if it is not ELF."""
    with open(path, "rb") as f:
        ident = f.read(16)
        if ident[:4] != b"\x7fELF":
            raise ValueError(f"{path} is not an ELF file")
        is64 = ident[4] == 2
        end = "<" if ident[5] == 1 else ">"
        if is64:
            f.seek(0x20)
            (phoff,) = struct.unpack(end + "Q", f.read(8))
            f.seek(0x36)
        else:
            f.seek(0x1C)
            (phoff,) = struct.unpack(end + "I", f.read(4))
            f.seek(0x2A)
        phentsize, phnum = struct.unpack(end + "HH", f.read(4))
        types = []
        for i in range(phnum):
            f.seek(phoff + i * phentsize)
            (p_type,) = struct.unpack(end + "I", f.read(4))
            types.append(p_type)
        return types


def can_run(argv):
    try:
        return subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


class EmptyRoot:
    """A scratch directory holding only /stacklint and the files put in it,
    and the way to run the binary with that directory as its root."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="stacklint-root-")
        shutil.copy2(STACKLINT, os.path.join(self.dir, "stacklint"))
        chroot = shutil.which("chroot") or next(
            (p for p in ("/usr/sbin/chroot", "/sbin/chroot") if os.access(p, os.X_OK)), None)
        unshare = shutil.which("unshare")
        # the probes use the host's own programs, so that a binary that fails in
        # the root fails the tests instead of choosing the fallback
        self.how = None
        if chroot and os.geteuid() == 0 and can_run([chroot, "/", "true"]):
            self.prefix, self.how = [chroot, self.dir], "chroot"
        elif chroot and unshare and can_run([unshare, "-r", chroot, "/", "true"]):
            self.prefix, self.how = [unshare, "-r", chroot, self.dir], "unshare -r chroot"
        else:
            self.prefix = None
            sys.stderr.write("NOTE: neither chroot nor a user namespace works here: the binary runs "
                             "from the scratch directory with an empty environment and "
                             "LD_LIBRARY_PATH=/nonexistent, not in an empty root\n")

    def put(self, name, data):
        with open(os.path.join(self.dir, name), "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)

    def shown(self, path):
        """The name the binary prints for the root's file at path."""
        return path if self.prefix is not None else path.lstrip("/")

    def listing(self):
        return sorted(os.listdir(self.dir))

    def run(self, *args, stdin=None):
        """Runs /stacklint ARGS in the root, with / as its working directory and an
        empty environment; returns (exit status, stdout, stderr)."""
        if self.prefix is not None:
            argv, cwd, env = self.prefix + ["/stacklint", *args], None, {}
        else:
            # the root's absolute paths ("/bad.yaml") become relative to it
            args = [a[1:] if a.startswith("/") and len(a) > 1 else a for a in args]
            argv = [os.path.join(self.dir, "stacklint"), *args]
            cwd, env = self.dir, {"LD_LIBRARY_PATH": "/nonexistent"}
        p = subprocess.run(argv, input=stdin, cwd=cwd, env=env, capture_output=True, timeout=60)
        return p.returncode, p.stdout.decode(), p.stderr.decode()

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def run_outside(root, *args, stdin=None):
    """The same binary on the same files from the host, with the scratch
    directory as its working directory; paths are the root's ('/x' -> 'x')."""
    args = [a[1:] if a.startswith("/") and len(a) > 1 else a for a in args]
    p = subprocess.run([STACKLINT, *args], input=stdin, cwd=root.dir, capture_output=True,
                       timeout=60, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})
    return p.returncode, p.stdout.decode(), p.stderr.decode()


class StaticElf(unittest.TestCase):
    def test_no_interpreter_and_no_dynamic_section(self):
        types = elf_program_header_types(STACKLINT)
        self.assertTrue(types, "no program headers")
        self.assertNotIn(PT_INTERP, types, "PT_INTERP: the binary asks for a dynamic loader")
        self.assertNotIn(PT_DYNAMIC, types, "PT_DYNAMIC: the binary names shared libraries")

    def test_ldd_agrees(self):
        ldd = shutil.which("ldd")
        if not ldd:
            self.skipTest("ldd is not installed")
        p = subprocess.run([ldd, STACKLINT], capture_output=True, text=True)
        out = p.stdout + p.stderr
        self.assertTrue("not a dynamic executable" in out or "statically linked" in out, out)
        self.assertNotIn("=>", out)


class EmptyRootRuns(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = EmptyRoot()
        cls.root.put("bad.yaml", BAD)
        cls.root.put("good.yaml", GOOD)
        # the same templates as UTF-16 with a byte order mark, both byte orders
        cls.root.put("bad16le.yaml", "\ufeff".encode("utf-16-le") + BAD.encode("utf-16-le"))
        cls.root.put("bad16be.yaml", "\ufeff".encode("utf-16-be") + BAD.encode("utf-16-be"))
        for i in range(6):
            cls.root.put(f"many{i}.yaml", BAD if i % 2 else GOOD)
        sys.stderr.write(f"running in the empty root by: {cls.root.how or 'fallback'}\n")

    @classmethod
    def tearDownClass(cls):
        cls.root.close()

    def test_root_holds_only_the_binary_and_templates(self):
        names = self.root.listing()
        self.assertIn("stacklint", names)
        self.assertEqual([n for n in names if n != "stacklint" and not n.endswith(".yaml")], [])

    def test_version(self):
        rc, out, err = self.root.run("--version")
        self.assertEqual(rc, 0, err)
        self.assertRegex(out, r"^stacklint \d+\.\d+\.\d+")

    def check_bad(self, rc, out, name):
        name = self.root.shown(name)
        self.assertEqual(rc, 2, out)
        lines = out.splitlines()
        self.assertIn(f"{name}:6:7: error E3002 unknown property 'VisibilityTimeOut' of "
                      "AWS::SQS::Queue (did you mean 'VisibilityTimeout'?)", lines)
        # E3031 is a PCRE2 pattern match (AliasName must start with alias/)
        self.assertTrue(any(re.match(rf"^{re.escape(name)}:10:18: error E3031 ", line)
                            for line in lines), out)

    def test_lint_file_in_root(self):
        rc, out, err = self.root.run("/bad.yaml")
        self.check_bad(rc, out, "/bad.yaml")
        rc, out, err = self.root.run("/good.yaml")
        self.assertEqual((rc, out), (0, ""), err)

    def test_same_as_outside(self):
        for args in (["/bad.yaml"], ["--format", "parseable", "/bad.yaml"], ["/good.yaml"]):
            rc, out, _ = self.root.run(*args)
            rc2, out2, _ = run_outside(self.root, *args)
            self.assertEqual(rc, rc2, args)
            self.assertEqual(out.replace(self.root.shown("/bad.yaml"), "bad.yaml"), out2, args)

    def test_missing_file_message(self):
        # strerror goes through glibc's gettext code, which must not need a
        # locale or gconv file in the root
        rc, out, err = self.root.run("/absent.yaml")
        self.assertEqual((rc, out), (1, ""), err)
        self.assertIn(f"cannot read '{self.root.shown('/absent.yaml')}': No such file or directory",
                      err)

    def test_lint_stdin(self):
        rc, out, err = self.root.run("--stdin-filename", "t.yaml", "-", stdin=BAD.encode())
        self.check_bad(rc, out, "t.yaml")

    def test_libfyaml_backend(self):
        rc, out, err = self.root.run("--yaml-backend", "libfyaml", "/bad.yaml")
        self.check_bad(rc, out, "/bad.yaml")

    def test_json_format(self):
        rc, out, err = self.root.run("--format", "json", "/bad.yaml")
        self.assertEqual(rc, 2, err)
        ids = {m["Rule"]["Id"] for m in json.loads(out)}
        self.assertLessEqual({"E3002", "E3031"}, ids)

    def test_utf16_without_iconv(self):
        for name in ("bad16le.yaml", "bad16be.yaml"):
            rc, out, err = self.root.run("/" + name)
            self.check_bad(rc, out, "/" + name)

    def test_threads(self):
        files = [f"/many{i}.yaml" for i in range(6)]
        one = self.root.run("--jobs", "1", *files)
        four = self.root.run("--jobs", "4", *files)
        self.assertEqual(one[0], 2)
        self.assertEqual(one, four)
        self.assertEqual(len([l for l in one[1].splitlines() if " E3002 " in l]), 3)


def main():
    global STACKLINT
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        STACKLINT = os.path.abspath(sys.argv.pop(1))
    else:
        STACKLINT = os.path.abspath(os.environ.get("STACKLINT", "build-static/src/stacklint"))
    unittest.main(verbosity=2)


if __name__ == "__main__":
    main()

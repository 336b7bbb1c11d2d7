#!/usr/bin/env python3
"""
Bounded inputs (issue 16, items 2 and 6): every read stops at --max-size + 1
bytes whatever the input is (a pipe, a FIFO, a character device); a FIFO with
no writer is reported, never waited on; a closed stdin is never confused with
a file the run opened; inputs over 4 GiB - 1 are refused unread (positions are
32-bit); and the small holes in the options, the configuration and the loader:
`-j ''`, a --max-size that overflows, --stdin-filename without its value,
--config naming a directory, aliases in a configuration, U+0000 in JSON keys
and strings, an odd trailing byte in UTF-16.

Each run is limited to 60 s (a hang guard: each takes well under a second) and
the peak RSS of the stacklint process is taken from wait4(), so a read that
grows without limit fails the test rather than the machine.

    test_bounds.py STACKLINT [unittest options]

Only the Python standard library is used.
"""
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import test_cli as base

LIMIT = 60  # seconds: a hang guard, not a timing test
# A bounded read of 1 MiB adds a few MiB to a run's peak RSS; an unbounded one
# would add gigabytes. (A child's ru_maxrss counts the RSS of the process it
# was forked from too, so the bound is taken over a run of --version.)
MARGIN_KB = 32 * 1024

TEMPLATE = ("AWSTemplateFormatVersion: '2010-09-09'\n"
            "Resources:\n"
            "  B:\n"
            "    Type: AWS::S3::Bucket\n")
BAD = "Resources:\n  B:\n    Type: AWS::S3::Bucketx\n"  # one E3006


def run_measured(args, cwd, stdin=subprocess.DEVNULL, close_stdin=False, pass_fds=()):
    """Runs stacklint with args under the hang guard. Returns (exit status,
    stdout, stderr, peak RSS in KiB, timed out). close_stdin starts it with fd 0
    closed (as `<&-` does)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pre = (lambda: os.close(0)) if close_stdin else None
        p = subprocess.Popen([base.STACKLINT, *args], cwd=cwd, stdin=None if close_stdin else stdin,
                             stdout=out, stderr=err, preexec_fn=pre, pass_fds=pass_fds)
        timed_out = []
        timer = threading.Timer(LIMIT, lambda: (timed_out.append(True), p.kill()))
        timer.start()
        try:
            _, status, usage = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (p.returncode, out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"), usage.ru_maxrss, bool(timed_out))


class BoundsCase(base.CliTestCase):
    def measured(self, *args, **kw):
        rc, out, err, rss, timed_out = run_measured(list(args), self.dir, **kw)
        self.assertFalse(timed_out, "stacklint %s did not finish in %d s" % (" ".join(args), LIMIT))
        return rc, out, err, rss

    def assertSmallPeak(self, rss):
        base_rss = run_measured(["--version"], self.dir)[3]
        self.assertLess(rss, base_rss + MARGIN_KB, "peak RSS %d KiB, --version %d KiB" % (rss, base_rss))


class TestUnboundedReads(BoundsCase):
    def test_fifo_without_writer_is_reported(self):
        os.mkfifo(os.path.join(self.dir, "ff"))
        rc, out, err, _ = self.measured("ff")
        self.assertEqual(rc, 1, err)
        self.assertIn("cannot read 'ff': a FIFO with no writer", err)
        # the other files are linted all the same
        self.write("bad.yaml", BAD)
        rc, out, err, _ = self.measured("ff", "bad.yaml")
        self.assertEqual(rc, 3, err)
        self.assertIn("E3006", out)
        self.assertIn("FIFO with no writer", err)

    def test_fifo_as_spec_does_not_hang(self):
        os.mkfifo(os.path.join(self.dir, "ff"))
        self.write("t.yaml", TEMPLATE)
        rc, out, err, _ = self.measured("--spec", "ff", "t.yaml")
        self.assertEqual(rc, 1, err)
        self.assertIn("--spec ff", err)
    def test_output_fifo_without_reader_does_not_hang(self):
        # --output-file naming a FIFO nobody reads: open() would block for ever
        os.mkfifo(os.path.join(self.dir, "out"))
        self.write("t.yaml", TEMPLATE)
        rc, out, err, _ = self.measured("--output-file", "out", "t.yaml")
        self.assertEqual(rc, 1, err)
        self.assertIn("cannot write 'out': a FIFO with no reader", err)

    def test_output_fifo_with_a_reader_gets_the_report(self):
        os.mkfifo(os.path.join(self.dir, "out"))
        self.write("bad.yaml", BAD)
        got = []
        reader = threading.Thread(target=lambda: got.append(
            open(os.path.join(self.dir, "out"), "rb").read()))
        reader.start()
        try:
            # the reader may not have opened its end yet: retry while ENXIO
            for _ in range(100):
                rc, out, err, _ = self.measured("--output-file", "out", "bad.yaml")
                if "no reader" not in err:
                    break
                time.sleep(0.05)
        finally:
            if not got and reader.is_alive():
                # unblock a reader still waiting for a writer
                with open(os.path.join(self.dir, "out"), "wb"):
                    pass
            reader.join(10)
        self.assertEqual(rc, 2, err)
        self.assertIn(b"E3006", got[0])


    def test_pipe_with_a_writer_is_read(self):
        # what `stacklint <(cat t.yaml)` passes: /dev/fd/N, a pipe
        r, w = os.pipe()
        os.write(w, BAD.encode())
        os.close(w)
        try:
            rc, out, err, _ = self.measured("/dev/fd/%d" % r, pass_fds=(r,))
        finally:
            os.close(r)
        self.assertEqual(rc, 2, err)
        self.assertIn("E3006", out)

    def test_endless_pipe_is_bounded(self):
        # `yes` never stops: stacklint must stop at --max-size + 1 bytes
        writer = subprocess.Popen(["yes", "a: b"], stdout=subprocess.PIPE)
        try:
            rc, out, err, rss = self.measured("--max-size", "1M", "-", stdin=writer.stdout)
        finally:
            writer.stdout.close()
            writer.kill()
            writer.wait()
        self.assertEqual(rc, 2, err)
        self.assertIn("-:1:1: error E0000 file is at least 1048577 bytes, over the size limit of "
                      "1048576 bytes (--max-size)", out)
        self.assertSmallPeak(rss)

    def test_dev_zero_is_bounded(self):
        if not os.path.exists("/dev/zero"):
            self.skipTest("no /dev/zero")
        rc, out, err, rss = self.measured("--max-size", "1M", "/dev/zero")
        self.assertEqual(rc, 2, err)
        self.assertIn("/dev/zero:1:1: error E0000 file is at least 1048577 bytes", out)
        self.assertSmallPeak(rss)

    def test_sparse_file_over_4_gib_is_refused_unread(self):
        path = os.path.join(self.dir, "huge.yaml")
        with open(path, "wb") as f:
            f.truncate(5 << 30)
        if os.stat(path).st_blocks * 512 > 1 << 20:
            self.skipTest("the filesystem does not keep sparse files")
        rc, out, err, rss = self.measured("--max-size", "6G", "huge.yaml")
        self.assertEqual(rc, 2, err)
        self.assertEqual(base.text_diags(out)[0]["msg"],
                         "file is over 4294967295 bytes (4 GiB - 1), the most stacklint reads "
                         "whatever --max-size says (positions are 32-bit); not parsed")
        self.assertSmallPeak(rss)  # not read into memory to be refused
        # the same under the default limit
        rc, out, err, rss = self.measured("huge.yaml")
        self.assertEqual(rc, 2, err)
        self.assertIn("over the size limit of 52428800 bytes", out)
        self.assertSmallPeak(rss)


class TestClosedStdin(BoundsCase):
    def setUp(self):
        super().setUp()
        # big enough that another worker still reads it when '-' is taken
        self.write("big.yaml", "Resources:\n" + "".join(
            "  B%d:\n    Type: AWS::S3::Bucket\n" % i for i in range(5000)))
        self.write("bad.yaml", BAD)

    def test_dash_with_stdin_closed_is_an_error(self):
        rc, out, err, _ = self.measured("-", close_stdin=True)
        self.assertEqual(rc, 1)
        self.assertEqual(out, "")
        self.assertIn("cannot read '-': standard input is closed", err)
        rc, out, err, _ = self.measured("--stdin-filename", "x.yaml", close_stdin=True)
        self.assertEqual(rc, 1)
        self.assertIn("standard input is closed", err)

    def test_closed_stdin_is_never_a_file_the_run_opened(self):
        # with fd 0 free, a worker's open() of big.yaml used to get it and
        # '-' read that file (and big.yaml read as empty)
        for _ in range(5):
            rc, out, err, _ = self.measured("-j2", "big.yaml", "-", "bad.yaml", close_stdin=True)
            self.assertEqual(rc, 3, err)
            self.assertIn("cannot read '-': standard input is closed", err)
            self.assertEqual(sorted({(d["file"], d["id"]) for d in base.text_diags(out)}),
                             [("bad.yaml", "E3006"), ("big.yaml", "E3010")])

    def test_files_only_with_stdin_closed(self):
        rc, out, err, _ = self.measured("bad.yaml", close_stdin=True)
        self.assertEqual(rc, 2, err)
        self.assertEqual(err, "")
        self.assertEqual([d["id"] for d in base.text_diags(out)], ["E3006"])


class TestOptions(BoundsCase):
    def usage_error(self, *args):
        rc, out, err, _ = self.measured(*args)
        self.assertEqual(rc, 1, (args, out, err))
        self.assertEqual(out, "")
        return err

    def test_empty_jobs(self):
        self.write("t.yaml", TEMPLATE)
        self.assertIn("--jobs takes a number", self.usage_error("-j", "", "t.yaml"))
        self.assertIn("--jobs takes a number", self.usage_error("--jobs=", "t.yaml"))

    def test_max_size_overflow(self):
        self.write("t.yaml", TEMPLATE)
        for v in ("99999999999999999999", "99999999999G", "17179869184G", "18014398509481984K"):
            self.assertIn("--max-size takes a size", self.usage_error("--max-size", v, "t.yaml"), v)

    def test_stdin_filename_without_value(self):
        self.write("t.yaml", TEMPLATE)
        err = self.usage_error("t.yaml", "--stdin-filename")
        self.assertIn("option '--stdin-filename' needs a value", err)
        err = self.usage_error("--stdin-filename", "--format", "json", "-")
        self.assertIn("option '--stdin-filename' needs a value, but '--format' follows it", err)
        # a name that starts with '-' is still possible, attached
        with open(os.path.join(self.dir, "t.yaml"), "rb") as f:
            rc, out, err, _ = self.measured("--stdin-filename=-x.yaml", "-", "--format", "parseable",
                                            stdin=f)
        self.assertEqual((rc, out, err), (0, "", ""))

    def test_negative_number_is_still_a_value(self):
        self.write("t.yaml", TEMPLATE)
        self.assertIn("--jobs takes a number from 0 (all cores) to 1024, not '-1'",
                      self.usage_error("-j", "-1", "t.yaml"))


class TestConfiguration(BoundsCase):
    def test_config_directory(self):
        os.mkdir(os.path.join(self.dir, "cfgdir"))
        self.write("t.yaml", TEMPLATE)
        rc, out, err, _ = self.measured("--config", "cfgdir", "t.yaml")
        self.assertEqual(rc, 1)
        self.assertIn("cannot read configuration 'cfgdir': not a regular file", err)

    def test_alias_in_config_is_refused(self):
        # an alias means the anchored node; read as its name it would
        # silently include a rule 'a' instead: refused, with its place
        self.write("bad.yaml", BAD)
        self.write("alias.yaml", "ignore_checks: &a\n  - E3006\ninclude_checks: *a\n")
        rc, out, err, _ = self.measured("--config", "alias.yaml", "bad.yaml")
        self.assertEqual(rc, 1)
        self.assertEqual(out, "")
        self.assertIn("alias.yaml:3:17: YAML alias '*a': stacklint does not expand aliases", err)
        self.write("merge.yaml", "base: &b {ignore_checks: [E3006]}\n<<: *b\n")
        rc, out, err, _ = self.measured("--config", "merge.yaml", "bad.yaml")
        self.assertEqual(rc, 1)
        self.assertIn("merge.yaml:2:1: YAML merge key '<<'", err)
        # an anchor no alias uses changes nothing: still read
        self.write("anchor.yaml", "ignore_checks: &a\n  - E3006\n")
        rc, out, err, _ = self.measured("--config", "anchor.yaml", "bad.yaml")
        self.assertEqual((rc, out), (0, ""), err)

    def test_config_over_32_mib_is_read_whole(self):
        # the last entry of a 33 MiB list still counts
        with open(os.path.join(self.dir, "big.yaml"), "w") as f:
            f.write("ignore_checks:\n")
            for _ in range(33):  # a MiB at a time: this process stays small
                f.write("  - W9999\n" * (2 ** 20 // 10))
            f.write("  - E3006\n")
        self.write("bad.yaml", BAD)
        rc, out, err, _ = self.measured("--config", "big.yaml", "bad.yaml")
        self.assertEqual((rc, out), (0, ""), err)
        rc, out, err, _ = self.measured("--max-size", "1M", "--config", "big.yaml", "bad.yaml")
        self.assertEqual(rc, 1)
        self.assertIn("over the limit of 1048576 (--max-size)", err)


class TestLoader(BoundsCase):
    def test_nul_in_json_keys_and_values_is_shown_escaped(self):
        self.write("nul.json", json.dumps({
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {"B\u0000x": {"Type": "AWS::S3::Bucket",
                                       "Properties": {"Bucket\u0000Name": "a"}}},
            "Outputs": {"O": {"Value": {"Ref": "B\u0000z"}}}}))
        rc, out, err, _ = self.measured("nul.json")
        self.assertEqual(rc, 2, err)
        msgs = [d["msg"] for d in base.text_diags(out)]
        self.assertIn("unknown property 'Bucket\\u0000Name' of AWS::S3::Bucket (did you mean "
                      "'BucketName'?)", msgs)
        self.assertIn("Ref to 'B\\u0000z', which is not a parameter or resource of this template "
                      "(did you mean 'B\\u0000x'?)", msgs)
        self.assertTrue(any(m.startswith("resource name 'B\\u0000x' has") for m in msgs), msgs)
        # JSON output carries the exact text, in messages and paths
        rc, out, err, _ = self.measured("--format", "json", "nul.json")
        found = json.loads(out)
        self.assertIn("unknown property 'Bucket\u0000Name' of AWS::S3::Bucket (did you mean "
                      "'BucketName'?)", [f["Message"] for f in found])
        self.assertIn(["Resources", "B\u0000x", "Properties", "Bucket\u0000Name"],
                      [f["Location"]["Path"] for f in found])

    def test_nul_keys_that_differ_after_it_are_different(self):
        self.write("dup.json", '{"Resources": {"B\\u0000x": {"Type": "AWS::S3::Bucket"},'
                               ' "B\\u0000y": {"Type": "AWS::S3::Bucket"},'
                               ' "B\\u0000x": {"Type": "AWS::S3::Bucket"}}}')
        rc, out, err, _ = self.measured("dup.json")
        dups = [d for d in base.text_diags(out) if d["id"] == "E0000"]
        self.assertEqual([(d["line"], d["col"]) for d in dups], [(1, 16), (1, 98)], out)
        self.assertIn("duplicate key 'B\\u0000x'", dups[0]["msg"])

    def test_nul_in_yaml_double_quoted(self):
        self.write("nul.yaml", 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n'
                               '    Properties:\n      "Bucket\\0Name": a\n')
        rc, out, err, _ = self.measured("nul.yaml")
        self.assertIn("unknown property 'Bucket\\u0000Name'", out)

    def test_long_names_are_not_cut_from_messages(self):
        # the UserData and samconfig rules formatted into 1 KiB first
        name = "Missing" + "x" * 1500
        self.write("ud.yaml", "Resources:\n  Web:\n    Type: AWS::EC2::Instance\n"
                              "    Properties:\n      ImageId: ami-12345678\n"
                              "      UserData: !Base64 |\n"
                              "        #!/bin/bash\n"
                              "        /opt/aws/bin/cfn-init -s x --resource %s --region y\n" % name)
        rc, out, err, _ = self.measured("--format", "json", "ud.yaml")
        found = [f for f in json.loads(out) if f["Rule"]["Id"] == "E99201"]
        self.assertEqual(len(found), 1, out)
        self.assertIn("'%s'" % name, found[0]["Message"])
        self.assertEqual(found[0]["Location"]["End"]["ColumnNumber"]
                         - found[0]["Location"]["Start"]["ColumnNumber"], len(name))

    def test_odd_trailing_byte_in_utf16(self):
        for name, data, unit, extra in (
                ("le.yaml", b"\xff\xfe" + TEMPLATE.encode("utf-16-le") + b"A", 16, 1),
                ("be.yaml", b"\xfe\xff" + TEMPLATE.encode("utf-16-be") + b"A", 16, 1),
                ("u32.yaml", b"\xff\xfe\x00\x00" + TEMPLATE.encode("utf-32-le") + b"AB", 32, 2)):
            with open(os.path.join(self.dir, name), "wb") as f:
                f.write(data)
            rc, out, err, _ = self.measured(name)
            self.assertEqual(rc, 2, (name, out, err))
            d = base.text_diags(out)
            self.assertEqual([(x["id"], x["line"], x["col"]) for x in d], [("E0000", 5, 1)], name)
            self.assertIn("the file ends inside a UTF-%d code unit: %d byte" % (unit, extra),
                          d[0]["msg"])
            # the same file without the stray byte is clean
            with open(os.path.join(self.dir, name), "wb") as f:
                f.write(data[:-extra])
            rc, out, err, _ = self.measured(name)
            self.assertEqual((rc, out), (0, ""), (name, err))


def main():
    return base.main()


if __name__ == "__main__":
    sys.exit(main())

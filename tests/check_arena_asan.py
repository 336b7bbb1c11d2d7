#!/usr/bin/env python3
"""In an AddressSanitizer build with the debug arena (arena_debug=true), a write one
byte past an arena block must be caught: runs `test_arena --overflow N` for a few
sizes and expects each to stop with ASan's heap-buffer-overflow report. With the
chunked arena the byte lands inside a chunk and nothing notices (issue 16).
Registered by tests/meson.build only in such builds.

Usage: check_arena_asan.py TEST_ARENA
"""
import os
import subprocess
import sys


def main():
    exe = sys.argv[1]
    env = dict(os.environ)
    # our own options for the child: the report on stderr, no leak check of the
    # block the aborted run never freed
    env['ASAN_OPTIONS'] = 'detect_leaks=0:abort_on_error=0:log_path=stderr'
    failures = 0
    for n in (1, 7, 16, 100, 4096):
        r = subprocess.run([exe, '--overflow', str(n)], env=env, capture_output=True, text=True,
                           timeout=60)
        caught = r.returncode != 0 and 'AddressSanitizer: heap-buffer-overflow' in r.stderr
        print('overflow of a %d-byte block: exit %d, %s' % (n, r.returncode,
              'caught by ASan' if caught else 'NOT caught'))
        if not caught:
            failures += 1
            sys.stdout.write(r.stdout)
            sys.stdout.write(r.stderr[-2000:])
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""Validate JUnit XML files against the Jenkins JUnit XSD.

    validate_junit.py SCHEMA FILE... [--expect-invalid]

SCHEMA is the XSD that tools/fetch-junit-schema.sh fetches. Each FILE is
checked with `xmllint --schema` (libxml2-utils) and then for what the XSD
cannot say: each <testsuite>'s tests and failures attributes count its
testcases and failures, and <testsuites>' attributes are their sums.

Exit status: 0 when every file is valid (with --expect-invalid: when every
file is invalid), 1 otherwise, 77 (skip) when the schema file or xmllint is
missing (1 instead when STACKLINT_REQUIRE_SCHEMAS is set and not 0), 2 on
usage errors.
"""

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

SKIP = 77


def skip(reason):
    """Exit 77 (skip), or 1 when STACKLINT_REQUIRE_SCHEMAS is set (CI that has
    fetched the schemas must not pass by skipping)."""
    required = os.environ.get("STACKLINT_REQUIRE_SCHEMAS", "") not in ("", "0")
    print(("FAIL: " if required else "SKIP: ") + reason)
    return 1 if required else SKIP


def count_checks(path):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        return [f"not well-formed XML: {e}"]
    errors = []
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total_tests = total_failures = 0
    for i, suite in enumerate(suites):
        cases = suite.findall("testcase")
        failed = [c for c in cases if c.find("failure") is not None]
        name = suite.get("name")
        if suite.get("tests") != str(len(cases)):
            errors.append(f"testsuite {i} ({name}): tests={suite.get('tests')}, "
                          f"but it has {len(cases)} testcases")
        if suite.get("failures", "0") != str(len(failed)):
            errors.append(f"testsuite {i} ({name}): failures={suite.get('failures')}, "
                          f"but {len(failed)} testcases fail")
        total_tests += len(cases)
        total_failures += len(failed)
    if root.tag == "testsuites":
        if root.get("tests") not in (None, str(total_tests)):
            errors.append(f"testsuites: tests={root.get('tests')}, expected {total_tests}")
        if root.get("failures") not in (None, str(total_failures)):
            errors.append(f"testsuites: failures={root.get('failures')}, "
                          f"expected {total_failures}")
    return errors


def validate(xmllint, schema, path):
    r = subprocess.run([xmllint, "--noout", "--schema", schema, path],
                       capture_output=True, text=True)
    errors = [line for line in r.stderr.splitlines()
              if line and not line.endswith(" validates")]
    if r.returncode != 0 and not errors:
        errors = [f"xmllint exited with status {r.returncode}"]
    if r.returncode == 0:
        errors = []
    return errors + count_checks(path)


def main(argv):
    args = [a for a in argv[1:] if a != "--expect-invalid"]
    expect_invalid = len(args) != len(argv) - 1
    if len(args) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    schema, files = args[0], args[1:]
    if not os.path.isfile(schema):
        return skip(f"no JUnit schema at {schema} (run tools/fetch-junit-schema.sh)")
    xmllint = shutil.which("xmllint")
    if not xmllint:
        return skip("xmllint is missing (apt-get install libxml2-utils)")

    status = 0
    for path in files:
        errors = validate(xmllint, schema, path)
        if errors:
            print(f"INVALID: {path}")
            for e in errors:
                print(f"  {e}")
        else:
            print(f"VALID: {path}")
        if bool(errors) != expect_invalid:
            status = 1
    if status and expect_invalid:
        print("FAIL: a file expected to be invalid passed validation")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))

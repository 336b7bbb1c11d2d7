#!/usr/bin/env python3
"""Validate SARIF files against the SARIF 2.1.0 JSON schema.

    validate_sarif.py SCHEMA FILE... [--expect-invalid]

SCHEMA is the schema file that tools/fetch-sarif-schema.sh fetches. Each FILE
is validated with jsonschema (Debian's python3-jsonschema) with format checks
on ("uri", "uri-reference": a built-in RFC 3986 check stands in when neither
rfc3987 nor rfc3986-validator is installed), plus the cross-references the
schema cannot express (SARIF 2.1.0 sections 3.27.6/3.27.7, 3.4.5, 3.30):
ruleIndex names the rule with the result's ruleId, artifactLocation.index names
an artifact with the same uri, rule ids are unique, and a region does not end
before it starts.

Exit status: 0 when every file is valid (with --expect-invalid: when every
file is invalid), 1 otherwise, 77 (skip) when the schema file or the
jsonschema module is missing (1 instead when STACKLINT_REQUIRE_SCHEMAS is set
and not 0), 2 on usage errors.
"""

import json
import os
import re
import sys

SKIP = 77


def skip(reason):
    """Exit 77 (skip), or 1 when STACKLINT_REQUIRE_SCHEMAS is set (CI that has
    fetched the schemas must not pass by skipping)."""
    required = os.environ.get("STACKLINT_REQUIRE_SCHEMAS", "") not in ("", "0")
    print(("FAIL: " if required else "SKIP: ") + reason)
    return 1 if required else SKIP


# RFC 3986: unreserved, reserved and percent-encoded octets only; at most one '#'.
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def is_uri_reference(value):
    if not isinstance(value, str):
        return True
    return bool(URI_CHARS.match(value)) and value.count("#") <= 1


def is_uri(value):
    if not isinstance(value, str):
        return True
    return is_uri_reference(value) and bool(SCHEME.match(value))


def make_validator(jsonschema, schema):
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    checker = jsonschema.FormatChecker()
    if "uri-reference" not in checker.checkers:
        checker.checks("uri-reference")(is_uri_reference)
    if "uri" not in checker.checkers:
        checker.checks("uri")(is_uri)
    return cls(schema, format_checker=checker)


def where(path):
    return "/" + "/".join(str(p) for p in path)


def cross_checks(log):
    """Yield the rules of SARIF the schema cannot check."""
    for r, run in enumerate(log.get("runs") or []):
        driver = run.get("tool", {}).get("driver", {})
        rules = driver.get("rules") or []
        ids = [rule.get("id") for rule in rules]
        if len(ids) != len(set(ids)):
            yield f"/runs/{r}/tool/driver/rules: rule ids are not unique"
        artifacts = run.get("artifacts") or []
        for i, res in enumerate(run.get("results") or []):
            at = f"/runs/{r}/results/{i}"
            if "ruleIndex" in res:
                k = res["ruleIndex"]
                if not 0 <= k < len(rules):
                    yield f"{at}/ruleIndex: {k} is not an index into tool.driver.rules"
                elif "ruleId" in res and rules[k].get("id") != res["ruleId"]:
                    yield (f"{at}/ruleIndex: rules[{k}] is {rules[k].get('id')!r}, "
                           f"not the ruleId {res['ruleId']!r}")
            for j, loc in enumerate(res.get("locations") or []):
                phys = loc.get("physicalLocation") or {}
                al = phys.get("artifactLocation") or {}
                if "index" in al:
                    k = al["index"]
                    if not 0 <= k < len(artifacts):
                        yield f"{at}/locations/{j}: artifact index {k} out of range"
                    else:
                        art = artifacts[k].get("location", {})
                        if "uri" in al and (art.get("uri"), art.get("uriBaseId")) != (
                                al["uri"], al.get("uriBaseId")):
                            yield (f"{at}/locations/{j}: artifactLocation {al['uri']!r} "
                                   f"differs from artifacts[{k}]")
                reg = phys.get("region")
                if reg and "startLine" in reg:
                    sl, el = reg["startLine"], reg.get("endLine", reg["startLine"])
                    sc, ec = reg.get("startColumn", 1), reg.get("endColumn")
                    if el < sl or (el == sl and ec is not None and ec < sc):
                        yield f"{at}/locations/{j}/region: ends before it starts"


def validate(validator, path):
    try:
        with open(path, "rb") as f:
            raw = f.read()
        log = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return [f"cannot read as UTF-8 JSON: {e}"]
    errors = [f"{where(e.absolute_path)}: {e.message}"
              for e in validator.iter_errors(log)]
    errors += list(cross_checks(log))
    return sorted(errors)


def main(argv):
    args = [a for a in argv[1:] if a != "--expect-invalid"]
    expect_invalid = len(args) != len(argv) - 1
    if len(args) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    schema_path, files = args[0], args[1:]
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
    except FileNotFoundError:
        return skip(f"no SARIF schema at {schema_path} (run tools/fetch-sarif-schema.sh)")
    try:
        import jsonschema
    except ImportError:
        return skip("the jsonschema module is missing (apt-get install python3-jsonschema)")

    validator = make_validator(jsonschema, schema)
    status = 0
    for path in files:
        errors = validate(validator, path)
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

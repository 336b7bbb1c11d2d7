#!/usr/bin/env python3
"""
cfn-lint's -o/--override-spec and -s/--registry-schemas, run against stacklint
(issue 14; docs/override-spec.md).

What cfn-lint 1.x does, for reference: src/cfnlint/schema/manager.py
(load_registry_schemas: every *.json below each directory, keyed by typeName;
patch: IncludeResourceTypes / ExcludeResourceTypes with '*' wildcards, then
the JSON Patches of "Patches" applied to each type's schema),
src/cfnlint/schema/_patch.py (the three keys), src/cfnlint/runner.py (registry
schemas are loaded before the override is applied) and
src/cfnlint/rules/resources/ResourceType.py (E3006 for a type no longer
known; Custom:: and ::MODULE types are never judged by type).

Every test runs in a fresh copy of tests/cli/data/ as its working directory,
with tests/cli/data-ospec/ copied into it as ospec/.

    test_override_spec.py STACKLINT [unittest options]

Only the Python standard library is used.
"""
import json
import os
import re
import shutil
import sys

import test_cli as base

OSPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data-ospec")
# file:line:col: message, on stderr, for a file stacklint refuses
FILE_ERROR = re.compile(r"^stacklint: (?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<msg>\S.*)$")


class OverrideTestCase(base.CliTestCase):
    def setUp(self):
        super().setUp()
        shutil.copytree(OSPEC, os.path.join(self.dir, "ospec"))

    def findings(self, p):
        """(line, col, ID) of each text line of p's output."""
        return [(d["line"], d["col"], d["id"]) for d in base.text_diags(p.stdout)]

    def messages(self, p):
        return {(d["line"], d["id"]): d["msg"] for d in base.text_diags(p.stdout)}

    def assertRefused(self, p, file, line, col, words):
        """Exit 1, nothing linted, one stderr line naming file:line:col."""
        self.assertEqual((p.returncode, p.stdout), (1, ""), p.stderr)
        lines = p.stderr.splitlines()
        self.assertEqual(len(lines), 1, p.stderr)
        m = FILE_ERROR.match(lines[0])
        self.assertTrue(m, p.stderr)
        self.assertEqual((m["file"], int(m["line"]), int(m["col"])), (file, line, col), p.stderr)
        for w in words:
            self.assertIn(w, m["msg"])


class TestRegistrySchemas(OverrideTestCase):
    """-s/--registry-schemas: private and third-party types checked like AWS's."""

    def test_good_template_is_clean(self):
        for opt in ("-s", "--registry-schemas"):
            with self.subTest(opt=opt):
                p = self.sl(opt, "ospec/schemas", "--", "ospec/good.yaml")
                self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "", ""))

    def test_property_checks(self):
        p = self.sl("-s", "ospec/schemas", "--", "ospec/bad.yaml")
        self.assertEqual((p.returncode, p.stderr), (2, ""), p.stdout)
        self.assertEqual(self.findings(p), [
            (6, 13, "E3031"),   # Name: pattern
            (7, 13, "E3012"),   # Size: an integer
            (8, 13, "E3030"),   # Tier: enum
            (9, 7, "E3002"),    # Colour: unknown property
            (11, 11, "E3003"),  # Settings item ($ref Setting): Key required
            (16, 13, "E3034"),  # Size: maximum 10
            (17, 7, "E3040"),   # Arn: read-only property
            (20, 26, "E1010"),  # GetAtt Thing.Nope
        ])
        msg = self.messages(p)
        self.assertIn("^[a-z][a-z0-9-]*$", msg[(6, "E3031")])
        self.assertIn("'basic', 'premium'", msg[(8, "E3030")])
        self.assertIn("'Colour' of MyOrg::Service::Thing", msg[(9, "E3002")])
        self.assertIn("'Key' of MyOrg::Service::Thing.Setting", msg[(11, "E3003")])
        # GetAtt attributes: readOnlyProperties, an object's properties as A.B
        self.assertIn("Arn, Endpoint.Address, Endpoint.Port, Id", msg[(20, "E1010")])

    def test_without_dashdash_one_directory(self):
        # `-s DIR t.yaml`: only DIR is a directory (no '--' follows), t.yaml is linted
        for args in (["-s", "ospec/schemas"], ["--registry-schemas=ospec/schemas"], ["-sospec/schemas"]):
            with self.subTest(args=args):
                p = self.sl(*args, "ospec/bad.yaml")
                self.assertEqual((p.returncode, p.stderr), (2, ""))
                self.assertEqual(len(self.findings(p)), 8, p.stdout)

    def test_without_the_schemas_third_party_types_are_not_judged(self):
        p = self.sl("ospec/bad.yaml")
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "", ""))

    def test_several_directories_walked(self):
        # a subdirectory (more/), a second directory, a file that is not *.json
        for args in (["-s", "ospec/schemas", "ospec/extra", "--"], ["-s", "ospec/schemas,ospec/extra"],
                     ["-s", "ospec/schemas", "-s", "ospec/extra"]):
            with self.subTest(args=args):
                p = self.sl(*args, "ospec/other.yaml")
                self.assertEqual((p.returncode, p.stderr), (2, ""), p.stdout)
                self.assertEqual(self.findings(p), [
                    (6, 13, "E3030"), (7, 19, "E3037"), (7, 23, "E3034"), (8, 3, "E3003"),
                    (11, 11, "E3006"),
                ])

    def test_types_neither_built_in_nor_in_a_schema_as_before(self):
        # Initech::TPS::Report has no schema: not judged (no E3006, no E3002),
        # as without -s; an AWS type's typo is still E3006 with its suggestion
        p = self.sl("-s", "ospec/schemas", "--", "ospec/other.yaml")
        found = self.findings(p)
        self.assertNotIn(13, [f[0] for f in found], p.stdout)
        self.assertIn((11, 11, "E3006"), found)
        self.assertIn("did you mean 'AWS::S3::Bucket'", self.messages(p)[(11, "E3006")])
        # Acme::Widgets::Gadget (in ospec/extra, not given) stays unjudged
        self.assertNotIn(8, [f[0] for f in found], p.stdout)

    def test_recursive_definitions(self):
        # Node refers to itself through its properties, directly and in a list
        p = self.sl("-s", "ospec/recursive", "--", "ospec/tree.yaml")
        self.assertEqual((p.returncode, p.stderr), (2, ""), p.stdout)
        self.assertEqual(self.findings(p), [(9, 22, "E3012"), (10, 15, "E3002"), (11, 15, "E3012")])
        self.assertIn("'Extra' of MyOrg::Service::Tree.Node", self.messages(p)[(10, "E3002")])

    def test_exclusive_bounds(self):
        # taken as inclusive: a value beyond is reported, the bound itself is not
        self.write("ex/x.json", json.dumps({
            "typeName": "MyOrg::Service::Ex", "additionalProperties": False,
            "properties": {"P": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}}}))
        self.write("ex.yaml", "Resources:\n" + "".join(
            "  R%d:\n    Type: MyOrg::Service::Ex\n    Properties:\n      P: %s\n" % (i, v)
            for i, v in enumerate(["2", "0.5", "1"])))
        p = self.sl("-s", "ex", "--", "ex.yaml")
        self.assertEqual(self.findings(p), [(5, 10, "E3034")])

    def test_config_key(self):
        self.write(".cfnlintrc", "registry_schemas:\n  - ospec/schemas\n  - ospec/extra\n")
        p = self.sl("ospec/other.yaml")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn((8, 3, "E3003"), self.findings(p))
        self.assertEqual(p.stderr, "")  # a key stacklint honours: no notice
        self.write(".cfnlintrc", "registry_schemas: ospec/schemas\n")
        self.assertIn((6, 13, "E3030"), self.findings(self.sl("ospec/other.yaml")))
        # the command line wins over the file
        self.write(".cfnlintrc", "registry_schemas: [ospec/nowhere]\n")
        p = self.sl("-s", "ospec/schemas", "--", "ospec/good.yaml")
        self.assertEqual((p.returncode, p.stderr), (0, ""))

    def test_json_format_keeps_stderr_empty(self):
        # the VS Code extension's command line
        p = self.sl("--format", "json", "--registry-schemas", "ospec/schemas", "--", "ospec/bad.yaml")
        self.assertEqual((p.returncode, p.stderr), (2, ""))
        # cfn-lint's JSON: a list of matches, each with Rule.Id
        self.assertIn("E3003", [m["Rule"]["Id"] for m in json.loads(p.stdout)])


class TestMalformedSchemas(OverrideTestCase):
    def test_refused_with_position(self):
        cases = [
            ("syntax", "ospec/bad-schemas/syntax/broken.json", 3, 18, ["expected"]),
            ("notype", "ospec/bad-schemas/notype/x.json", 1, 1, ["typeName"]),
            ("open", "ospec/bad-schemas/open/x.json", 2, 15, ["additionalProperties", "false"]),
            ("ref", "ospec/bad-schemas/ref/x.json", 5, 19, ["$ref", "Missing"]),
        ]
        for d, file, line, col, words in cases:
            with self.subTest(d):
                p = self.sl("-s", "ospec/bad-schemas/" + d, "--", "ospec/good.yaml")
                self.assertRefused(p, file, line, col, words)

    def test_missing_directory(self):
        p = self.sl("-s", "ospec/nowhere", "--", "ospec/good.yaml")
        self.assertEqual((p.returncode, p.stdout), (1, ""))
        self.assertIn("ospec/nowhere", p.stderr)

    def test_same_type_twice(self):
        os.makedirs(os.path.join(self.dir, "twice"))
        shutil.copy(os.path.join(self.dir, "ospec/schemas/myorg-service-thing.json"),
                    os.path.join(self.dir, "twice/a.json"))
        shutil.copy(os.path.join(self.dir, "ospec/schemas/myorg-service-thing.json"),
                    os.path.join(self.dir, "twice/b.json"))
        p = self.sl("-s", "twice", "--", "ospec/good.yaml")
        self.assertRefused(p, "twice/b.json", 2, 15, ["also defined by twice/a.json"])

    def test_bad_pattern(self):
        self.write("pat/x.json", json.dumps({
            "typeName": "MyOrg::Service::Pat", "additionalProperties": False,
            "properties": {"A": {"type": "string", "pattern": "^([a-z]$"}}}, indent=1))
        p = self.sl("-s", "pat", "--", "ospec/good.yaml")
        self.assertEqual((p.returncode, p.stdout), (1, ""))
        self.assertIn("pat/x.json:", p.stderr)
        self.assertIn("'pattern'", p.stderr)


class TestOverrideSpec(OverrideTestCase):
    """-o/--override-spec: the type filter and the patches."""

    def test_exclude(self):
        for opt in ("-o", "--override-spec"):
            with self.subTest(opt=opt):
                p = self.sl(opt, "ospec/exclude.json", "ospec/types.yaml")
                self.assertEqual((p.returncode, p.stderr), (2, ""), p.stdout)
                self.assertEqual(self.findings(p), [(4, 11, "E3006"), (6, 11, "E3006")])
                msg = self.messages(p)
                self.assertIn("'AWS::S3::Bucket' is not allowed", msg[(4, "E3006")])
                self.assertIn("ExcludeResourceTypes 'AWS::S3::Bucket'", msg[(4, "E3006")])
                self.assertIn("ExcludeResourceTypes 'AWS::GameLift::*'", msg[(6, "E3006")])

    def test_include_and_exclude(self):
        p = self.sl("-o", "ospec/include.json", "ospec/types.yaml")
        self.assertEqual((p.returncode, p.stderr), (2, ""), p.stdout)
        # GameLift and SNS are not included, SpotFleet is excluded, the
        # third-party type is not included; Custom::Thing is never judged
        self.assertEqual(self.findings(p), [(6, 11, "E3006"), (10, 11, "E3006"), (20, 11, "E3006"),
                                            (26, 11, "E3006")])
        msg = self.messages(p)
        self.assertIn("none of the IncludeResourceTypes", msg[(6, "E3006")])
        self.assertIn("excludes it (ExcludeResourceTypes 'AWS::EC2::SpotFleet')", msg[(10, "E3006")])
        self.assertIn("'Acme::Widgets::Gadget'", msg[(26, "E3006")])

    def test_excluded_type_is_not_checked_further(self):
        # the properties of an excluded type are not judged (no E3003 for Bucket)
        p = self.sl("-o", "ospec/exclude.json", "-o", "ospec/required.json", "ospec/types.yaml")
        self.assertEqual(self.findings(p), [(3, 3, "E3003")], "the last -o wins")
        self.write("both.json", json.dumps({"ExcludeResourceTypes": ["AWS::S3::Bucket"], "Patches": {
            "AWS::S3::Bucket": [{"op": "add", "path": "/required", "value": ["BucketName"]}]}}))
        p = self.sl("-o", "both.json", "ospec/types.yaml")
        self.assertEqual(self.findings(p), [(4, 11, "E3006")])

    def test_required_patch(self):
        # cfn-lint's own fixture (test/fixtures/templates/override_spec/required.json)
        p = self.sl("-o", "ospec/required.json", "ospec/types.yaml")
        self.assertEqual((p.returncode, p.stderr), (2, ""), p.stdout)
        self.assertEqual(self.findings(p), [(3, 3, "E3003")])
        self.assertIn("'BucketName' of AWS::S3::Bucket", self.messages(p)[(3, "E3003")])

    def test_property_patches(self):
        p = self.sl("-s", "ospec/schemas", "-o", "ospec/patches.json", "-i", "W2531", "--",
                    "ospec/patched.yaml")
        self.assertEqual((p.returncode, p.stderr), (2, ""), p.stdout)
        self.assertEqual(self.findings(p), [
            (5, 5, "E3003"),    # /required/- Tags
            (6, 19, "E3031"),   # /properties/BucketName/pattern
            (10, 7, "E3002"),   # remove /properties/FifoQueue
            (11, 31, "E3034"),  # replace /properties/MessageRetentionPeriod/maximum
            (15, 16, "E3030"),  # /properties/Runtime/enum
            (20, 7, "E3003"),   # /definitions/Environment/required
            (26, 14, "E3033"),  # a property added to a registry type, with minLength
        ])
        self.assertIn("between 60 and 86400", self.messages(p)[(11, "E3034")])
        # without the override: none of these
        p = self.sl("-s", "ospec/schemas", "-i", "W2531", "--", "ospec/patched.yaml")
        self.assertEqual(self.findings(p), [(26, 7, "E3002")])

    def test_remove_required(self):
        self.write("optional.json", json.dumps({"Patches": {"MyOrg::Service::Thing": [
            {"op": "remove", "path": "/required"}]}}))
        self.write("t.yaml", "Resources:\n  T:\n    Type: MyOrg::Service::Thing\n")
        p = self.sl("-s", "ospec/schemas", "--", "t.yaml")
        self.assertEqual(self.findings(p), [(2, 3, "E3003"), (2, 3, "E3003")])  # Name, Size
        p = self.sl("-s", "ospec/schemas", "-o", "optional.json", "--", "t.yaml")
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "", ""))

    def test_registry_type_filtered(self):
        self.write("only-aws.json", json.dumps({"IncludeResourceTypes": ["AWS::*"]}))
        p = self.sl("-s", "ospec/schemas", "-o", "only-aws.json", "--", "ospec/good.yaml")
        self.assertEqual(self.findings(p), [(4, 11, "E3006")])

    def test_patch_of_removed_type_is_skipped(self):
        p = self.sl("-o", "ospec/patch-removed.json", "ospec/types.yaml")
        self.assertEqual((p.returncode, p.stderr), (2, ""))
        self.assertEqual(self.findings(p), [(20, 11, "E3006")])

    def test_config_key(self):
        self.write(".cfnlintrc", "override_spec: ospec/exclude.json\n")
        p = self.sl("ospec/types.yaml")
        self.assertEqual((p.returncode, p.stderr), (2, ""))
        self.assertEqual(self.findings(p), [(4, 11, "E3006"), (6, 11, "E3006")])
        # -o wins over the file
        p = self.sl("-o", "ospec/required.json", "ospec/types.yaml")
        self.assertEqual(self.findings(p), [(3, 3, "E3003")])
        self.write(".cfnlintrc", "override_spec: [a, b]\n")
        p = self.sl("ospec/types.yaml")
        self.assertEqual((p.returncode, p.stdout), (1, ""))
        self.assertIn(".cfnlintrc:1:16: 'override_spec' must be", p.stderr)

    def test_vscode_command_line(self):
        # the VS Code extension: --format json ... --override-spec FILE -- FILE
        p = self.sl("--format", "json", "--include-checks", "I", "--override-spec", "ospec/exclude.json",
                    "--", "ospec/types.yaml")
        self.assertEqual(p.stderr, "")
        self.assertEqual(p.returncode & 2, 2)
        e3006 = [m["Location"]["Start"]["LineNumber"] for m in json.loads(p.stdout) if m["Rule"]["Id"] == "E3006"]
        self.assertEqual(e3006, [4, 6], p.stdout)

    def test_spec_option_combines(self):
        p = self.sl("--spec", os.path.join(base.SOURCE_ROOT, "src", "spec", "spec.bin"), "-o",
                    "ospec/required.json", "ospec/types.yaml")
        self.assertEqual(self.findings(p), [(3, 3, "E3003")])


class TestMalformedOverride(OverrideTestCase):
    def test_refused_with_position(self):
        cases = [
            ("bad-syntax.json", 6, 4, ["comma"]),
            ("bad-include.json", 2, 27, ["list of resource types"]),
            ("old-format.json", 2, 3, ["0.x", "Patches"]),
            ("unsupported-op.json", 4, 7, ["cannot apply this patch"]),
            ("patch-unknown-type.json", 3, 5, ["'AWS::S3::Buckett'"]),
            ("patch-unsupported-path.json", 4, 7, ["cannot apply this patch", "/required"]),
            ("patch-bad-property.json", 4, 52, ["'NoSuchProperty' is not a property of AWS::S3::Bucket"]),
            ("not-object.json", 1, 1, ["JSON object"]),
        ]
        for name, line, col, words in cases:
            with self.subTest(name):
                p = self.sl("-o", "ospec/" + name, "ospec/types.yaml")
                self.assertRefused(p, "ospec/" + name, line, col, words)

    def test_missing_file(self):
        p = self.sl("-o", "ospec/nowhere.json", "ospec/types.yaml")
        self.assertEqual((p.returncode, p.stdout), (1, ""))
        self.assertIn("cannot read override spec 'ospec/nowhere.json'", p.stderr)

    def test_yaml_is_not_json(self):
        self.write("o.json", "{IncludeResourceTypes: [AWS::EC2::*]}\n")
        p = self.sl("-o", "o.json", "ospec/types.yaml")
        self.assertEqual((p.returncode, p.stdout), (1, ""))
        self.assertTrue(p.stderr.startswith("stacklint: o.json:1:2: "), p.stderr)

    def test_oversized_file(self):
        self.write("big.json", '{"Patches": {}, "ResourceSpecificationVersion": "' + "x" * (17 << 20) + '"}')
        p = self.sl("-o", "big.json", "ospec/types.yaml")
        self.assertEqual((p.returncode, p.stdout), (1, ""))
        self.assertIn("over the limit", p.stderr)


def main():
    return base.main()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""
cfn-lint's parameter options, run against stacklint (issue 14): --parameters
KEY=VALUE... (one set of values per use), --parameter-files FILE... and
--deployment-files FILE..., their configuration keys (parameters,
parameter_files, deployment_files), a template's Metadata cfn-lint config
parameters, and the rules E0100 (deployment file form), E0200 (parameter file
form) and E2900 (the values against the template's Parameters).

What cfn-lint does, for reference: src/cfnlint/config.py (the options, nargs='+',
the mutually exclusive groups and ConfigMixIn.validate's refusals),
src/cfnlint/runner/deployment_file/ and parameter_file/ (how files become
parameter sets, reported in the file they came from), rules/deployment_files/
(E0100, E2900) and rules/parameter_files/ (E0200).

Every test runs in a fresh copy of tests/cli/data/ as its working directory.

    test_params.py STACKLINT [unittest options]

Only the Python standard library is used.
"""
import json
import os
import sys

import test_cli as base

TEMPLATE = """\
Parameters:
  AvailabilityZone:
    Type: String
    Default: us-east-1a
  ImageId:
    Type: AWS::EC2::Image::Id
  Tenancy:
    Type: String
    Default: default
    AllowedValues: [default, dedicated]
  Size:
    Type: Number
    Default: 2
    MinValue: 1
    MaxValue: 10
  Name:
    Type: String
    Default: web
    AllowedPattern: "[a-z]+"
    MaxLength: 8
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      InstanceTenancy: !Ref Tenancy
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref ImageId
      AvailabilityZone: !Ref AvailabilityZone
      Tags:
        - Key: Size
          Value: !Ref Size
        - Key: Name
          Value: !Ref Name
"""


class ParamsTestCase(base.CliTestCase):
    def setUp(self):
        super().setUp()
        self.write("app.yaml", TEMPLATE)

    def findings(self, *args):
        """(file, rule, line, column, endLine, endColumn, message) of a --format json run,
        with the run's status; standard error must be empty."""
        p = self.sl("--format", "json", *args)
        self.assertEqual(p.stderr, "", p.stdout)
        out = []
        for m in json.loads(p.stdout):
            loc = m["Location"]
            out.append((m["Filename"], m["Rule"]["Id"], loc["Start"]["LineNumber"],
                        loc["Start"]["ColumnNumber"], loc["End"]["LineNumber"],
                        loc["End"]["ColumnNumber"], m["Message"]))
        return p.returncode, out

    def places(self, *args):
        """(file, rule, line, column) of each finding, and the status."""
        rc, f = self.findings(*args)
        return rc, [x[:4] for x in f]

    def usage_error(self, *args, says):
        p = self.sl(*args)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertEqual(p.stdout, "")
        self.assertIn(says, p.stderr)


class TestDeploymentFiles(ParamsTestCase):
    def test_findings_are_in_the_deployment_file(self):
        self.write("dev.yaml", "template-file-path: app.yaml\n"
                               "parameters:\n"
                               "  Environment: Dev\n"
                               "  Tenancy: host\n"
                               "  Size: 11\n"
                               "tags:\n"
                               "  Environment: Dev\n")
        rc, f = self.findings("--deployment-files", "dev.yaml")
        self.assertEqual(rc, 2)
        self.assertEqual([x[:6] for x in f], [
            ("dev.yaml", "E2900", 2, 1, 2, 11),   # ImageId has no Default: at `parameters`
            ("dev.yaml", "E2900", 3, 3, 3, 14),   # Environment: not a parameter
            ("dev.yaml", "E2900", 4, 12, 4, 16),  # host: not allowed
            ("dev.yaml", "E2900", 5, 9, 5, 11),   # 11 > MaxValue
        ])
        self.assertIn("'ImageId'", f[0][6])
        self.assertIn("without one", f[0][6])
        self.assertIn("'Environment' from this deployment file is not a parameter of template "
                      "'app.yaml'", f[1][6])
        self.assertIn("'host', is not one of its AllowedValues", f[2][6])
        self.assertIn("greater than its MaxValue 10", f[3][6])

    def test_good_file_and_its_template_are_linted(self):
        self.write("prod.yaml", "template-file-path: app.yaml\n"
                                "parameters:\n"
                                "  ImageId: ami-12345678\n"
                                "  Size: 3\n"
                                "tags:\n"
                                "  team: web\n")
        rc, f = self.findings("--deployment-files", "prod.yaml")
        self.assertEqual((rc, f), (0, []))
        # the template it names is linted as well: a fault there is reported there
        self.write("app.yaml", TEMPLATE.replace("!Ref Tenancy", "!Ref Tenacy"))
        rc, f = self.places("--deployment-files", "prod.yaml")
        self.assertEqual(rc & 2, 2)
        self.assertIn(("app.yaml", "E1020"), [x[:2] for x in f])
        self.assertNotIn("prod.yaml", [x[0] for x in f])

    def test_template_linted_once_for_several_files(self):
        for env in ("a", "b"):
            self.write("deploy/%s.yaml" % env, "template-file-path: ./app.yaml\n"
                                                "parameters:\n  Tenancy: nope\n  ImageId: ami-1\n")
        self.write("app.yaml", TEMPLATE.replace("!Ref Tenancy", "!Ref Tenacy"))
        rc, f = self.places("--deployment-files", "deploy/*.yaml")
        self.assertEqual(rc & 2, 2)
        self.assertEqual(sorted(x[:2] for x in f if x[1] != "W2001"), [
            ("app.yaml", "E1020"), ("deploy/a.yaml", "E2900"), ("deploy/b.yaml", "E2900")])

    def test_template_path_is_read_from_the_current_directory(self):
        # as cfn-lint reads it (Git sync: from the repository's root)
        self.write("stacks/app.yaml", TEMPLATE)
        self.write("deploy/prod.yaml", "template-file-path: stacks/app.yaml\n"
                                       "parameters: {ImageId: ami-1}\n")
        self.assertEqual(self.findings("--deployment-files", "deploy/prod.yaml"), (0, []))

    def test_missing_template_is_named_with_its_place(self):
        self.write("prod.yaml", "# prod\ntemplate-file-path: nowhere.yaml\n")
        p = self.sl("--deployment-files", "prod.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertIn("prod.yaml:2:21: template-file-path 'nowhere.yaml' names no template file",
                      p.stderr)

    def test_form_errors_are_E0100(self):
        self.write("bad.yaml", "template_file_path: app.yaml\n"
                               "parameters:\n"
                               "  Subnets: [subnet-1, subnet-2]\n"
                               "  Env:\n"
                               "tags: prod\n")
        rc, f = self.findings("--deployment-files", "bad.yaml")
        self.assertEqual(rc, 2)
        self.assertEqual([x[:4] for x in f], [
            ("bad.yaml", "E0100", 1, 1), ("bad.yaml", "E0100", 3, 12),
            ("bad.yaml", "E0100", 4, 7), ("bad.yaml", "E0100", 5, 7)])
        self.assertIn("did you mean 'template-file-path'?", f[0][6])
        self.write("list.yaml", "- template-file-path: app.yaml\n")
        self.assertEqual(self.places("--deployment-files", "list.yaml"),
                         (2, [("list.yaml", "E0100", 1, 1)]))

    def test_malformed_file_is_E0000_where_it_breaks(self):
        self.write("broken.yaml", "template-file-path: app.yaml\nparameters:\n  Env: [prod\n")
        rc, f = self.places("--deployment-files", "broken.yaml")
        self.assertEqual(rc, 2)
        self.assertEqual([x[:2] for x in f], [("broken.yaml", "E0000")])
        self.assertEqual(f[0][2], 4)

    def test_refused_combinations(self):
        self.write("prod.yaml", "template-file-path: app.yaml\n")
        for args in (["app.yaml"], ["--parameters", "A=1"], ["--parameter-files", "p.json"]):
            with self.subTest(args=args):
                self.usage_error("--deployment-files", "prod.yaml", "--", *args,
                                 says="cannot be used with templates")

    def test_pattern_that_matches_nothing(self):
        p = self.sl("--deployment-files", "deploy/*.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertIn("deploy/*.yaml", p.stderr)

    def test_file_type_deployment(self):
        self.write("d.yaml", "template-file-path: app.yaml\nparameters:\n  Bogus: 1\n  ImageId: x\n")
        self.assertEqual(self.places("--file-type", "deployment", "d.yaml"),
                         (2, [("d.yaml", "E2900", 3, 3)]))


class TestParameterFiles(ParamsTestCase):
    def test_cloudformation_list_form(self):
        self.write("prod.json", '[\n'
                                '  {"ParameterKey": "ImageId", "ParameterValue": "ami-12345678"},\n'
                                '  {"ParameterKey": "Size", "ParameterValue": "20"},\n'
                                '  {"ParameterKey": "Tenency", "ParameterValue": "dedicated"},\n'
                                '  {"ParameterKey": "Name", "ParameterValue": "Web-Server"}\n'
                                ']\n')
        rc, f = self.findings("app.yaml", "--parameter-files", "prod.json")
        self.assertEqual(rc, 2)
        self.assertEqual([x[:6] for x in f], [
            ("prod.json", "E2900", 3, 46, 3, 50),   # "20" > MaxValue
            ("prod.json", "E2900", 4, 20, 4, 29),   # "Tenency": not a parameter
            ("prod.json", "E2900", 5, 46, 5, 58),   # pattern
            ("prod.json", "E2900", 5, 46, 5, 58),   # length
        ])
        self.assertIn("did you mean 'Tenancy'?", f[1][6])
        self.assertIn("AllowedPattern '[a-z]+'", f[2][6] + f[3][6])
        self.assertIn("longer than its MaxLength 8", f[2][6] + f[3][6])

    def test_good_files_of_each_form(self):
        forms = {
            "list.json": '[{"ParameterKey": "ImageId", "ParameterValue": "ami-1"},'
                         ' {"ParameterKey": "Size", "UsePreviousValue": true}]',
            "strings.json": '["ImageId=ami-1", "Tenancy=dedicated"]',
            "pipeline.json": '{"Parameters": {"ImageId": "ami-1"}, "Tags": {"team": "web"}}',
            "list.yaml": "- ParameterKey: ImageId\n  ParameterValue: ami-1\n"
                         "- ParameterKey: Size\n  ParameterValue: 4\n",
        }
        for name, text in forms.items():
            self.write(name, text)
            with self.subTest(form=name):
                self.assertEqual(self.findings("app.yaml", "--parameter-files", name), (0, []))

    def test_empty_list_is_well_formed(self):
        # no E0200 for an empty list; the parameter without a Default is E2900's
        self.write("none.json", "[]\n")
        rc, f = self.findings("app.yaml", "--parameter-files", "none.json")
        self.assertEqual([x[:2] for x in f], [("none.json", "E2900")])
        self.assertIn("'ImageId'", f[0][6])

    def test_missing_value_is_reported_at_the_list(self):
        self.write("p.json", '[{"ParameterKey": "Size", "ParameterValue": "3"}]\n')
        rc, f = self.findings("app.yaml", "--parameter-files", "p.json")
        self.assertEqual([x[:6] for x in f], [("p.json", "E2900", 1, 1, 1, 2)])
        self.assertIn("no value for 'ImageId' from this parameter file", f[0][6])
        self.write("p.json", '{"Parameters": {"Size": "3"}}\n')
        self.assertEqual(self.places("app.yaml", "--parameter-files", "p.json"),
                         (2, [("p.json", "E2900", 1, 2)]))

    def test_several_files_each_report_in_its_own(self):
        self.write("a.json", '["ImageId=ami-1", "Tenancy=shared"]')
        self.write("b.json", '["ImageId=ami-1", "Size=0"]')
        self.write("c.json", '["ImageId=ami-1"]')
        rc, f = self.places("--parameter-files", "a.json", "b.json", "c.json", "--", "app.yaml")
        self.assertEqual(rc, 2)
        self.assertEqual(f, [("a.json", "E2900", 1, 19), ("b.json", "E2900", 1, 19)])
        # a pattern, as cfn-lint globs them
        self.assertEqual(self.places("app.yaml", "--parameter-files", "*.json")[1], f)

    def test_form_errors_are_E0200(self):
        self.write("bad.json", '[\n'
                               '  {"ParameterKey": "ImageId", "Value": "ami-1"},\n'
                               '  {"ParameterValue": "x"},\n'
                               '  "Size",\n'
                               '  {"ParameterKey": "Tenancy", "ParameterValue": ["a"]}\n'
                               ']\n')
        rc, f = self.findings("app.yaml", "--parameter-files", "bad.json")
        self.assertEqual(rc, 2)
        self.assertEqual([x[:4] for x in f], [
            ("bad.json", "E0200", 2, 4), ("bad.json", "E0200", 2, 31), ("bad.json", "E0200", 3, 4),
            ("bad.json", "E0200", 4, 3), ("bad.json", "E0200", 5, 49)])
        self.assertIn("no ParameterValue", f[0][6])
        self.assertIn("'Value' is not a key of a parameter entry", f[1][6])
        self.assertIn("no ParameterKey", f[2][6])
        self.assertIn("'Size' is not KEY=VALUE", f[3][6])

    def test_malformed_json_is_E0000_where_it_breaks(self):
        self.write("broken.json", '[\n  {"ParameterKey": "ImageId" "ParameterValue": "ami-1"}\n]\n')
        rc, f = self.places("app.yaml", "--parameter-files", "broken.json")
        self.assertEqual(rc, 2)
        self.assertEqual(f, [("broken.json", "E0000", 2, 30)])

    def test_ignore_checks_apply(self):
        self.write("p.json", '["Bogus=1"]')
        self.assertEqual(self.places("app.yaml", "--parameter-files", "p.json")[1],
                         [("p.json", "E2900", 1, 1), ("p.json", "E2900", 1, 2)])
        self.assertEqual(self.places("app.yaml", "-i", "E2900", "--parameter-files", "p.json"),
                         (0, []))
        # the form rule off does not silence the value rule
        self.assertEqual(len(self.places("app.yaml", "-i", "E0200", "--parameter-files",
                                         "p.json")[1]), 2)

    def test_one_template_file(self):
        self.write("p.json", '["ImageId=ami-1"]')
        self.usage_error("--parameter-files", "p.json", "--", "app.yaml", "errors.yaml",
                         says="parameter values are for one template")
        p = self.sl("--parameter-files", "p.json", "--", ".")
        self.assertEqual(p.returncode & 1, 1)
        self.assertIn("name exactly one", p.stderr)
        self.usage_error("--parameter-files", "p.json", "app.yaml",
                         says="end the list with '--'")

    def test_file_type_parameters_alone_checks_the_form(self):
        # no template to judge the values against: E0200 only
        self.write("p.json", '["Bogus=1", "nokv"]')
        self.assertEqual(self.places("--file-type", "parameters", "p.json"),
                         (2, [("p.json", "E0200", 1, 13)]))

    def test_empty_file(self):
        self.write("p.json", "")
        self.assertEqual(self.places("app.yaml", "--parameter-files", "p.json"),
                         (2, [("p.json", "E0000", 1, 1)]))

    def test_not_with_parameters(self):
        self.write("p.json", '["ImageId=ami-1"]')
        self.usage_error("--parameters", "ImageId=ami-1", "--parameter-files", "p.json", "--",
                         "app.yaml", says="not both")


class TestParametersOption(ParamsTestCase):
    def test_values_are_judged_in_the_template(self):
        rc, f = self.findings("--parameters", "ImageId=ami-1", "Size=0", "Bogus=1", "--", "app.yaml")
        self.assertEqual(rc, 2)
        self.assertEqual([x[:6] for x in f], [
            ("app.yaml", "E2900", 1, 1, 1, 11),    # Bogus: at Parameters
            ("app.yaml", "E2900", 11, 3, 11, 7),   # Size: at the parameter
        ])
        self.assertIn("'Bogus' from --parameters is not a parameter of this template", f[0][6])
        self.assertIn("less than its MinValue 1", f[1][6])

    def test_missing_required(self):
        rc, f = self.findings("--parameters", "Size=3", "--", "app.yaml")
        self.assertEqual([x[:6] for x in f], [("app.yaml", "E2900", 5, 3, 5, 10)])
        self.assertIn("no value for 'ImageId' from --parameters", f[0][6])

    def test_forms_of_key_value(self):
        # spaces around key and value are trimmed, a value may hold '=', and without
        # a '--' the arguments that are not KEY=VALUE are templates
        self.assertEqual(self.findings("--parameters", " ImageId = ami-1 ", "Name=abc", "app.yaml"),
                         (0, []))
        rc, f = self.findings("--parameters", "ImageId=a=b", "Tenancy=x=y", "app.yaml")
        self.assertEqual(len(f), 1)
        self.assertIn("'x=y'", f[0][6])
        self.usage_error("--parameters", "ImageId", "--", "app.yaml", says="KEY=VALUE")
        self.usage_error("--parameters", "=ami-1", "--", "app.yaml", says="names no parameter")

    def test_several_sets(self):
        rc, f = self.findings("--parameters", "ImageId=ami-1", "Tenancy=x",
                              "--parameters", "Tenancy=y", "--", "app.yaml")
        self.assertEqual(rc, 2)
        msgs = [x[6] for x in f]
        self.assertEqual(len(msgs), 3)
        self.assertTrue(any("from --parameters (set 1), 'x'" in m for m in msgs), msgs)
        self.assertTrue(any("from --parameters (set 2), 'y'" in m for m in msgs), msgs)
        self.assertTrue(any("no value for 'ImageId' from --parameters (set 2)" in m for m in msgs), msgs)

    def test_one_template(self):
        self.usage_error("--parameters", "A=1", "--", "app.yaml", "errors.yaml",
                         says="parameter values are for one template")


class TestConfigurationAndMetadata(ParamsTestCase):
    def test_configuration_parameters(self):
        self.write(".cfnlintrc", "parameters:\n  ImageId: ami-1\n  Size: 11\n")
        rc, f = self.findings("app.yaml")
        self.assertEqual([x[:4] for x in f], [("app.yaml", "E2900", 11, 3)])
        self.assertIn("from the parameters at .cfnlintrc:2:3", f[0][6])
        # a list of sets; the command line's values replace them
        self.write(".cfnlintrc", "parameters:\n  - {ImageId: ami-1}\n  - {Size: 3}\n")
        self.assertEqual(len(self.findings("app.yaml")[1]), 1)
        self.assertEqual(self.findings("--parameters", "ImageId=ami-1", "--", "app.yaml"), (0, []))
        self.write(".cfnlintrc", "parameters: 5\n")
        p = self.sl("app.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertIn(".cfnlintrc:1:13:", p.stderr)

    def test_configuration_files(self):
        self.write("p.json", '["Tenancy=x"]')
        self.write(".cfnlintrc", "parameter_files: [p.json]\n")
        self.assertEqual(self.places("app.yaml")[1],
                         [("p.json", "E2900", 1, 1), ("p.json", "E2900", 1, 2)])
        self.write("d.yaml", "template-file-path: app.yaml\nparameters: {ImageId: ami-1, Size: 0}\n")
        self.write(".cfnlintrc", "deployment_files: d.yaml\n")
        self.assertEqual(self.places(), (2, [("d.yaml", "E2900", 2, 36)]))
        self.write(".cfnlintrc", "deployment_files: {a: b}\n")
        self.assertEqual(self.sl().returncode, 1)

    def test_template_metadata_parameters(self):
        meta = ("Metadata:\n  cfn-lint:\n    config:\n      parameters:\n"
                "        - ImageId: ami-1\n          Tenancy: shared\n")
        self.write("meta.yaml", meta + TEMPLATE)
        rc, f = self.findings("meta.yaml")
        self.assertEqual([x[:6] for x in f], [("meta.yaml", "E2900", 6, 20, 6, 26)])
        self.assertIn("from the Metadata cfn-lint parameters, 'shared'", f[0][6])
        # values given on the command line are judged instead
        self.assertEqual(self.findings("--parameters", "ImageId=ami-1", "--", "meta.yaml"), (0, []))


def main():
    return base.main()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""
-r/--regions, the configuration's `regions` and a template's Metadata
`cfn-lint: config: regions` (issue 14; docs/regions.md): which Regions the
region-specific rules (E99530 Availability Zones, E99531 ARN partitions)
judge each template for, the default from the environment, ALL_REGIONS, and
the usage error and notice for names that are not Regions.

cfn-lint's behaviour, for reference (src/cfnlint/config.py, 1.x): -r takes
several values (nargs='+', comma-separated too); ConfigMixIn.regions takes the
command line, else the template's Metadata, else the configuration file; with
none, os.environ AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1;
ALL_REGIONS anywhere means every Region.

Every test runs in a fresh copy of tests/cli/data/ as its working directory.

    test_regions.py STACKLINT [unittest options]

Only the Python standard library is used.
"""
import sys

import test_cli as base  # the harness: run(), a fresh copy of tests/cli/data/ per test

ZONE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
      AvailabilityZone: us-east-1a
"""

ARN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
        - !Sub arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess
"""

# no AWS_REGION or AWS_DEFAULT_REGION from the machine running the tests
NO_ENV = {"AWS_REGION": "", "AWS_DEFAULT_REGION": ""}


class RegionsTestCase(base.CliTestCase):
    def setUp(self):
        super().setUp()
        self.write("zone.yaml", ZONE)
        self.write("arn.yaml", ARN)

    def lint(self, *args, env=None):
        """Runs with W3010 (the zone is hard-coded: not this file's subject)
        ignored and the environment's Regions cleared unless env sets them."""
        full = dict(NO_ENV)
        full.update(env or {})
        return self.sl("-i", "W3010", *args, env=full)

    def diags(self, p, rule):
        return [d for d in base.text_diags(p.stdout) if d["id"] == rule]


class TestCommandLine(RegionsTestCase):
    def test_no_region_named_judges_nothing(self):
        # cfn-lint's default, us-east-1, is not judged: a template written for
        # eu-west-1 gives no error when nobody said where it deploys
        self.write("eu.yaml", ZONE.replace("us-east-1a", "eu-west-1a"))
        self.write("cn.yaml", ARN.replace("arn:aws:", "arn:aws-cn:"))
        p = self.lint("--", "zone.yaml", "arn.yaml", "eu.yaml", "cn.yaml")
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "", ""))
        # named, us-east-1 is judged
        p = self.lint("-r", "us-east-1", "--", "zone.yaml", "arn.yaml", "eu.yaml", "cn.yaml")
        self.assertEqual(sorted((d["file"], d["id"]) for d in base.text_diags(p.stdout)),
                         [("cn.yaml", "E99531"), ("eu.yaml", "E99530")])

    def test_one_region(self):
        p = self.lint("-r", "eu-west-1", "--", "zone.yaml")
        self.assertEqual(p.returncode, 2, p.stdout + p.stderr)
        (d,) = self.diags(p, "E99530")
        self.assertEqual((d["line"], d["col"]), (12, 25))
        self.assertIn("'us-east-1a'", d["msg"])
        self.assertIn("fails in Region eu-west-1,", d["msg"])
        self.assertEqual(p.stderr, "")

    def test_several_regions_and_forms(self):
        for args in (["-r", "us-east-1", "eu-west-1", "cn-north-1", "zone.yaml"],
                     ["--regions", "us-east-1,eu-west-1,cn-north-1", "--", "zone.yaml"],
                     ["-r", "us-east-1", "-r", "eu-west-1,cn-north-1", "--", "zone.yaml"]):
            with self.subTest(args=args):
                p = self.lint(*args)
                (d,) = self.diags(p, "E99530")
                self.assertIn("fails in Regions eu-west-1, cn-north-1,", d["msg"])

    def test_a_zone_of_the_region_judged_is_fine(self):
        p = self.lint("-r", "us-east-1", "--", "zone.yaml")
        self.assertEqual((p.returncode, p.stdout), (0, ""))

    def test_all_regions(self):
        p = self.lint("-r", "ALL_REGIONS", "--", "zone.yaml", "arn.yaml")
        (z,) = self.diags(p, "E99530")
        self.assertRegex(z["msg"], r"every Region judged but us-east-1 \(\d+ Regions\)")
        (a,) = self.diags(p, "E99531")
        self.assertIn("ReadOnlyAccess", a["msg"])
        for part in ("aws-cn", "aws-us-gov"):
            self.assertIn(part, a["msg"])

    def test_arn_partition(self):
        p = self.lint("-r", "us-east-1", "cn-north-1", "us-gov-west-1", "--", "arn.yaml")
        self.assertEqual(p.returncode, 2)
        (d,) = self.diags(p, "E99531")
        self.assertEqual((d["line"], d["col"]), (13, 11))
        self.assertIn("partition aws:", d["msg"])
        self.assertIn("cn-north-1 (aws-cn), us-gov-west-1 (aws-us-gov)", d["msg"])
        self.assertIn("${AWS::Partition}", d["msg"])
        # only the aws partition: nothing
        self.assertEqual(self.lint("-r", "us-west-2", "eu-west-1", "--", "arn.yaml").stdout, "")

    def test_not_a_region_is_a_usage_error(self):
        for bad, near in (("us-eest-1x", "us-east-1"), ("US-EAST-1", None), ("useast1", None)):
            with self.subTest(bad=bad):
                p = self.lint("-r", bad, "--", "zone.yaml")
                self.assertEqual((p.returncode, p.stdout), (1, ""))
                lines = p.stderr.splitlines()
                self.assertEqual(len(lines), 1, p.stderr)
                self.assertIn("'%s'" % bad, lines[0])
                if near:
                    self.assertIn("did you mean %s?" % near, lines[0])

    def test_unknown_region_is_judged_with_a_notice(self):
        # shaped like a Region, not in the table: its prefix tells its partition
        p = self.lint("-r", "cn-south-9", "--", "arn.yaml", "zone.yaml")
        self.assertEqual(p.returncode, 2)
        (a,) = self.diags(p, "E99531")
        self.assertIn("cn-south-9 (aws-cn)", a["msg"])
        (z,) = self.diags(p, "E99530")
        self.assertIn("cn-south-9", z["msg"])
        notes = p.stderr.splitlines()
        self.assertEqual(len(notes), 1, p.stderr)
        self.assertIn("'cn-south-9'", notes[0])
        self.assertIn("aws-cn", notes[0])
        # a new Region of the aws partition gives no ARN error
        p = self.lint("-r", "xy-north-4", "--", "arn.yaml")
        self.assertEqual((p.returncode, p.stdout), (0, ""))
        self.assertIn("'xy-north-4'", p.stderr)

    def test_ignore_checks(self):
        p = self.lint("-r", "cn-north-1", "-i", "E99530,E99531", "--", "arn.yaml", "zone.yaml")
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "", ""))


class TestEnvironment(RegionsTestCase):
    def test_aws_region(self):
        p = self.lint("zone.yaml", env={"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "cn-north-1"})
        (d,) = self.diags(p, "E99530")
        self.assertIn("fails in Region eu-west-1,", d["msg"])

    def test_aws_default_region(self):
        p = self.lint("zone.yaml", env={"AWS_DEFAULT_REGION": "ap-south-1"})
        (d,) = self.diags(p, "E99530")
        self.assertIn("fails in Region ap-south-1,", d["msg"])

    def test_command_line_wins_over_the_environment(self):
        p = self.lint("-r", "us-east-1", "--", "zone.yaml", env={"AWS_REGION": "eu-west-1"})
        self.assertEqual((p.returncode, p.stdout), (0, ""))

    def test_a_bad_variable_is_passed_over(self):
        p = self.lint("zone.yaml", env={"AWS_REGION": "local"})
        self.assertEqual((p.returncode, p.stdout), (0, ""))  # us-east-1
        self.assertIn("AWS_REGION='local'", p.stderr)


class TestConfigurationAndMetadata(RegionsTestCase):
    META = """\
Metadata:
  cfn-lint:
    config:
      regions: [eu-central-1]
"""

    def test_configuration(self):
        self.write(".cfnlintrc", "regions: [us-east-1, cn-northwest-1]\n")
        p = self.lint("arn.yaml")
        (d,) = self.diags(p, "E99531")
        self.assertIn("Region cn-northwest-1 (aws-cn),", d["msg"])
        self.assertEqual(p.stderr, "")  # no notice that regions are not honoured
        # the command line replaces the file's
        self.assertEqual(self.lint("-r", "us-east-1", "--", "arn.yaml").stdout, "")
        # a bad name in the file is a usage error too
        self.write(".cfnlintrc", "regions: [nowhere]\n")
        p = self.lint("arn.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertIn("'nowhere'", p.stderr)

    def test_configuration_all_regions(self):
        self.write(".cfnlintrc", "regions: [ALL_REGIONS]\n")
        (d,) = self.diags(self.lint("zone.yaml"), "E99530")
        self.assertIn("every Region judged but us-east-1", d["msg"])

    def test_metadata_replaces_configuration_and_environment(self):
        self.write("meta.yaml", self.META + ZONE)
        self.write(".cfnlintrc", "regions: [us-east-1]\n")
        (d,) = self.diags(self.lint("meta.yaml"), "E99530")
        self.assertIn("fails in Region eu-central-1,", d["msg"])
        (d,) = self.diags(self.lint("meta.yaml", env={"AWS_REGION": "us-east-1"}), "E99530")
        self.assertIn("fails in Region eu-central-1,", d["msg"])
        # only for that template: zone.yaml is judged for the file's us-east-1
        p = self.lint("meta.yaml", "zone.yaml")
        self.assertEqual([d["file"] for d in self.diags(p, "E99530")], ["meta.yaml"])

    def test_command_line_wins_over_metadata(self):
        self.write("meta.yaml", self.META + ZONE)
        p = self.lint("-r", "us-east-1", "--", "meta.yaml")
        self.assertEqual((p.returncode, p.stdout), (0, ""))

    def test_metadata_all_regions(self):
        self.write("meta.yaml", self.META.replace("eu-central-1", "ALL_REGIONS") + ARN)
        (d,) = self.diags(self.lint("meta.yaml"), "E99531")
        self.assertIn("aws-us-gov", d["msg"])


def main():
    return base.main()


if __name__ == "__main__":
    sys.exit(main())

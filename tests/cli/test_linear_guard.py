#!/usr/bin/env python3
"""
Hang guards for the shapes of issue 16 item 3 and 5 ("linear rules"): each
test generates a template (or a tree of files) at the largest size the
scaling benchmark uses, 16 times the base (more for the shapes whose old cost
there was still under the limit: see HUGE), lints it once under a generous
limit (a guard against a quadratic cost coming back, not a timing test) and
checks that the findings are still the right ones.

    test_linear_guard.py STACKLINT [unittest options]

The same generators write the inputs of the benchmark (bench/README.md,
"Issue 16: linear rules"):

    test_linear_guard.py --write DIR SHAPE SCALE     (prints the path)

Shapes: apigw (W99101: methods on a deep AWS::ApiGateway::Resource chain),
subvars (W1019: one Fn::Sub with many variables), metadata (Metadata
suppressions: a wide template Metadata and a finding in every resource),
implicit (sl_template_implicit(): many resources, each with a ${} naming none),
dynref (sl_doc_pos(): a dynamic reference in every resource, one per line),
json1line (sl_doc_pos(): the same on one line of non-ASCII JSON), files (path
de-duplication and the walk's directory set: many empty files, each in its
own directory; the test puts four in each), lambda_api (W99104, E99113, W99110,
W99112, W99401: VPC functions behind API methods, each with its own role,
policy, subnet, security group and permission), deploy_configs (E99012: SAM
functions deploying with custom configurations of the template).

Only the Python standard library is used.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

STACKLINT = None
LIMIT = 60  # seconds: each case takes well under one now
BIG = 16
# the shapes whose old cost at 16x was still under the limit (13-19 s) are
# guarded larger, where the old cost was far over it: metadata and dynref at
# 64x, files at 32x
HUGE = 64

# ---------------------------------------------------------------- generators


def gen_apigw(s):
    """A chain of 32 AWS::ApiGateway::Resource, PathPart 64*s bytes each, and
    180*s methods on the deepest one integrating a function whose Timeout is
    over API Gateway's: one W99101 (the path is too long to spell out, so the
    first method is named)."""
    part = "p" * (64 * s)
    out = ["AWSTemplateFormatVersion: '2010-09-09'", "Resources:",
           "  Fn:", "    Type: AWS::Lambda::Function", "    Properties:",
           "      Runtime: python3.12", "      Handler: app.handler",
           "      Role: arn:aws:iam::123456789012:role/r", "      Code: {ZipFile: x}",
           "      Timeout: 60",
           "  Api:", "    Type: AWS::ApiGateway::RestApi", "    Properties: {Name: api}"]
    for i in range(32):
        parent = "!GetAtt Api.RootResourceId" if i == 0 else "!Ref R%d" % (i - 1)
        out += ["  R%d:" % i, "    Type: AWS::ApiGateway::Resource", "    Properties:",
                "      RestApiId: !Ref Api", "      ParentId: %s" % parent,
                "      PathPart: %s" % part]
    for i in range(180 * s):
        out += ["  M%d:" % i, "    Type: AWS::ApiGateway::Method", "    Properties:",
                "      RestApiId: !Ref Api", "      ResourceId: !Ref R31",
                "      HttpMethod: GET", "      AuthorizationType: NONE",
                "      Integration:", "        Type: AWS_PROXY",
                "        IntegrationHttpMethod: POST",
                "        Uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/"
                "2015-03-31/functions/${Fn.Arn}/invocations"]
    return "\n".join(out) + "\n"


def gen_subvars(s):
    """One Fn::Sub with 6250*s variables; every tenth is not in the string:
    625*s W1019."""
    n = 6250 * s
    used = "".join("${V%d}" % i for i in range(n) if i % 10 != 9)
    out = ["AWSTemplateFormatVersion: '2010-09-09'", "Resources:",
           "  T:", "    Type: AWS::SNS::Topic", "Outputs:", "  O:", "    Value: !Sub",
           "      - '%s'" % used, "      -"]
    out += ["        V%d: x" % i for i in range(n)]
    return "\n".join(out) + "\n"


def gen_metadata(s):
    """Template Metadata of 6250*s keys (cfn-lint's first), 3200*s queues each
    with an unknown property (E3002); every other one suppresses it in its own
    Metadata: 1600*s E3002."""
    out = ["AWSTemplateFormatVersion: '2010-09-09'", "Metadata:",
           "  cfn-lint:", "    config:", "      ignore_checks: [W9999]"]
    out += ["  K%d: x" % i for i in range(6250 * s)]
    out.append("Resources:")
    for i in range(3200 * s):
        out += ["  Q%d:" % i, "    Type: AWS::SQS::Queue", "    Properties: {Bogus: 1}"]
        if i % 2:
            out.append("    Metadata: {cfn-lint: {config: {ignore_checks: [E3002]}}}")
    return "\n".join(out) + "\n"


def gen_implicit(s):
    """5000*s topics, each naming a missing resource in a ${}: 5000*s E1019."""
    out = ["AWSTemplateFormatVersion: '2010-09-09'", "Resources:"]
    for i in range(5000 * s):
        out += ["  T%d:" % i, "    Type: AWS::SNS::Topic",
                "    Properties: {TopicName: !Sub '${Missing%d}'}" % i]
    return "\n".join(out) + "\n"


def dynref_resources(n):
    return {"T%d" % i: {"Type": "AWS::SNS::Topic",
                        "Properties": {"TopicName": "{{resolve:ssm-secure:/p%d:1}}" % i}}
            for i in range(n)}


def gen_dynref(s):
    """5000*s topics with an ssm-secure reference where CloudFormation takes
    none, one per line: 5000*s E1027."""
    out = ["AWSTemplateFormatVersion: '2010-09-09'", "Resources:"]
    for i in range(5000 * s):
        out += ["  T%d:" % i, "    Type: AWS::SNS::Topic",
                "    Properties: {TopicName: '{{resolve:ssm-secure:/p%d:1}}'}" % i]
    return "\n".join(out) + "\n"


def gen_json1line(s):
    """The dynref shape as one line of JSON with a non-ASCII description
    first (columns then count characters, not bytes): 2500*s E1027."""
    doc = {"AWSTemplateFormatVersion": "2010-09-09", "Description": "\u00e9t\u00e9 \u6f22",
           "Resources": dynref_resources(2500 * s)}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def gen_files(s, root, per_dir=1):
    """6250*s empty templates (each one finding: an empty file), per_dir in
    each directory under root. Returns root."""
    for i in range(6250 * s):
        d = os.path.join(root, "d%06d" % (i // per_dir))
        if i % per_dir == 0:
            os.mkdir(d)
        open(os.path.join(d, "t%02d.json" % (i % per_dir)), "w").close()
    return root


def gen_lambda_api(s):
    """lambda_api_text(100 * s): 16x took 11 s before the rules were made linear."""
    return lambda_api_text(100 * s)


def lambda_api_text(n):
    """n functions in a VPC, each with its own role, subnet, route table,
    security group and X-Ray tracing, behind an API Gateway method with its own
    AWS::Lambda::Permission (bench/scaling.py's lambda_api shape): every fourth
    role lacks the ENI actions (E99113), every fifth function its permission
    (W99104), every sixth role X-Ray (W99401), every seventh group HTTPS out
    (W99112), every ninth subnet routes to an internet gateway (W99110). These
    rules once looked at every resource for each function. bench/scaling.py
    takes its lambda_api shape from here."""
    out = ["AWSTemplateFormatVersion: '2010-09-09'", "Resources:",
           "  Vpc:", "    Type: AWS::EC2::VPC", "    Properties: {CidrBlock: 10.0.0.0/16}",
           "  Igw:", "    Type: AWS::EC2::InternetGateway",
           "  Nat:", "    Type: AWS::EC2::NatGateway",
           "    Properties: {SubnetId: !Ref Subnet0, AllocationId: eipalloc-0123456789abcdef0}",
           "  Api:", "    Type: AWS::ApiGateway::RestApi", "    Properties: {Name: api}"]
    for i in range(n):
        eni = '"logs:*"' if i % 4 == 3 else '"ec2:*NetworkInterface*", "logs:*"'
        xray = ("service-role/AWSLambdaBasicExecutionRole" if i % 6 == 5
                else "AWSXRayDaemonWriteAccess")
        port = 80 if i % 7 == 6 else 443
        gw = "GatewayId: !Ref Igw" if i % 9 == 8 else "NatGatewayId: !Ref Nat"
        out += ["  Role%d:" % i, "    Type: AWS::IAM::Role", "    Properties:",
                "      AssumeRolePolicyDocument:", '        Version: "2012-10-17"',
                "        Statement: [{Effect: Allow, Principal: {Service: "
                'lambda.amazonaws.com}, Action: "sts:AssumeRole"}]',
                "      ManagedPolicyArns: [arn:aws:iam::aws:policy/%s]" % xray,
                "  Policy%d:" % i, "    Type: AWS::IAM::Policy", "    Properties:",
                "      PolicyName: p%d" % i, "      Roles: [!Ref Role%d]" % i,
                "      PolicyDocument:", '        Version: "2012-10-17"',
                '        Statement: [{Effect: Allow, Resource: "*", Action: [%s]}]' % eni,
                "  Subnet%d:" % i, "    Type: AWS::EC2::Subnet", "    Properties:",
                "      VpcId: !Ref Vpc",
                "      CidrBlock: 10.0.%d.%d/28" % (i // 16 % 256, i % 16 * 16),
                "  Table%d:" % i, "    Type: AWS::EC2::RouteTable",
                "    Properties: {VpcId: !Ref Vpc}",
                "  Assoc%d:" % i, "    Type: AWS::EC2::SubnetRouteTableAssociation",
                "    Properties: {SubnetId: !Ref Subnet%d, RouteTableId: !Ref Table%d}" % (i, i),
                "  Route%d:" % i, "    Type: AWS::EC2::Route", "    Properties:",
                "      RouteTableId: !Ref Table%d" % i, "      DestinationCidrBlock: 0.0.0.0/0",
                "      " + gw,
                "  Group%d:" % i, "    Type: AWS::EC2::SecurityGroup", "    Properties:",
                "      GroupDescription: fn %d" % i, "      VpcId: !Ref Vpc",
                "      SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 5432, ToPort: 5432, "
                "CidrIp: 10.0.0.0/16}]",
                "  Egress%d:" % i, "    Type: AWS::EC2::SecurityGroupEgress", "    Properties:",
                "      GroupId: !GetAtt Group%d.GroupId" % i, "      IpProtocol: tcp",
                "      FromPort: %d" % port, "      ToPort: %d" % port, "      CidrIp: 0.0.0.0/0",
                "  Fn%d:" % i, "    Type: AWS::Lambda::Function", "    Properties:",
                "      Runtime: python3.12", "      Handler: index.handler",
                '      Code: {ZipFile: "def handler(e, c): pass"}',
                "      Role: !GetAtt Role%d.Arn" % i, "      TracingConfig: {Mode: Active}",
                "      VpcConfig:", "        SubnetIds: [!Ref Subnet%d]" % i,
                "        SecurityGroupIds: [!Ref Group%d]" % i,
                "  Path%d:" % i, "    Type: AWS::ApiGateway::Resource", "    Properties:",
                "      RestApiId: !Ref Api", "      ParentId: !GetAtt Api.RootResourceId",
                "      PathPart: p%d" % i,
                "  Method%d:" % i, "    Type: AWS::ApiGateway::Method", "    Properties:",
                "      RestApiId: !Ref Api", "      ResourceId: !Ref Path%d" % i,
                "      HttpMethod: GET", "      AuthorizationType: NONE", "      Integration:",
                "        Type: AWS_PROXY", "        IntegrationHttpMethod: POST",
                '        Uri: !Sub "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/'
                '2015-03-31/functions/${Fn%d.Arn}/invocations"' % i]
        if i % 5 != 4:
            out += ["  Invoke%d:" % i, "    Type: AWS::Lambda::Permission", "    Properties:",
                    "      Action: lambda:InvokeFunction", "      FunctionName: !Ref Fn%d" % i,
                    "      Principal: apigateway.amazonaws.com"]
    return "\n".join(out) + "\n"


def gen_deploy_configs(s):
    """1000*s SAM functions, each deploying with its own custom CodeDeploy
    configuration (an AWS::CodeDeploy::DeploymentConfig of the template),
    every tenth with Canary10Percent7Minutes, which CodeDeploy does not define:
    100*s E99012. The rule once looked at every resource for each name."""
    out = ["AWSTemplateFormatVersion: '2010-09-09'",
           "Transform: AWS::Serverless-2016-10-31", "Resources:"]
    for i in range(1000 * s):
        ty = "Canary10Percent7Minutes" if i % 10 == 9 else "Cfg%d" % i
        out += ["  Config%d:" % i, "    Type: AWS::CodeDeploy::DeploymentConfig",
                "    Properties: {DeploymentConfigName: Cfg%d, ComputePlatform: Lambda}" % i,
                "  Fn%d:" % i, "    Type: AWS::Serverless::Function", "    Properties:",
                "      Runtime: python3.12", "      Handler: index.handler",
                "      InlineCode: x", "      AutoPublishAlias: live",
                "      DeploymentPreference: {Type: %s}" % ty]
    return "\n".join(out) + "\n"


def gen_blank_lines(s):
    """Lines of nothing but spaces, s * 64 KiB each, between keys, inside a plain
    scalar over two lines and inside a block scalar: the fast YAML reader once
    stepped over such a line one space at a time, rescanning it each step."""
    blank = " " * (s * 65536)
    return ("AWSTemplateFormatVersion: '2010-09-09'\n" + blank + "\n"
            "Description: a description\n" + blank + "\n  on two lines\n"
            "Resources:\n" + blank + "\n"
            "  Queue:\n    Type: AWS::SQS::Queue\n" + blank + "\n"
            "  Topic:\n    Type: AWS::SNS::Topic\n    Metadata:\n      Note: |\n        a\n"
            + blank + "\n        b\n")


SHAPES = {
    "apigw": (gen_apigw, "yaml"),
    "subvars": (gen_subvars, "yaml"),
    "metadata": (gen_metadata, "yaml"),
    "implicit": (gen_implicit, "yaml"),
    "dynref": (gen_dynref, "yaml"),
    "json1line": (gen_json1line, "json"),
    "lambda_api": (gen_lambda_api, "yaml"),
    "deploy_configs": (gen_deploy_configs, "yaml"),
    "blank_lines": (gen_blank_lines, "yaml"),
    "files": (None, None),
}


def write(directory, shape, scale):
    """Writes one input; returns its path (a file, or a directory for files)."""
    if shape == "files":
        root = os.path.join(directory, "files-%d" % scale)
        os.mkdir(root)
        return gen_files(scale, root)
    gen, ext = SHAPES[shape]
    path = os.path.join(directory, "%s-%d.%s" % (shape, scale, ext))
    with open(path, "w", encoding="utf-8") as f:
        f.write(gen(scale))
    return path


# --------------------------------------------------------------------- tests


class ScalingGuard(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="stacklint-scaling-")
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def lint(self, *args):
        """Runs stacklint --format parseable -j1 under the limit; the findings
        as (line, column, id, message) tuples."""
        p = subprocess.run([STACKLINT, "--format", "parseable", "-j1"] + list(args),
                           cwd=self.dir, capture_output=True, text=True, timeout=LIMIT)
        self.assertIn(p.returncode, (0, 2, 4, 6, 8, 10, 12, 14), p.stderr)
        out = []
        for line in p.stdout.splitlines():
            f = line.split(":", 6)
            if len(f) != 7:
                # the file name holds no colon here
                self.fail("not a parseable line: %r" % line)
            out.append((int(f[1]), int(f[2]), f[5], f[6]))
        return out

    def ids(self, found, rule):
        return [d for d in found if d[2] == rule]

    def test_apigw_deep_paths(self):
        found = self.ids(self.lint(write(self.dir, "apigw", BIG)), "W99101")
        self.assertEqual(len(found), 1, found[:3])
        self.assertIn("function 'Fn' has a Timeout of 60 s", found[0][3])
        self.assertIn("for method 'M0' and gives up after 29 s", found[0][3])

    def test_apigw_path_levels(self):
        """32 levels of resources are spelled out as a path, 33 are not (as before)."""
        for depth, route in ((32, "GET /" + "/".join(["a"] * 32)), (33, "method 'M'")):
            text = gen_apigw(1).split("  M0:")[0].replace("p" * 64, "a")
            extra = ["  R32:", "    Type: AWS::ApiGateway::Resource", "    Properties:",
                     "      RestApiId: !Ref Api", "      ParentId: !Ref R31", "      PathPart: a"]
            leaf = "R31" if depth == 32 else "R32"
            text += ("\n".join(extra) + "\n" if depth == 33 else "") + "\n".join([
                "  M:", "    Type: AWS::ApiGateway::Method", "    Properties:",
                "      RestApiId: !Ref Api", "      ResourceId: !Ref %s" % leaf,
                "      HttpMethod: GET", "      AuthorizationType: NONE", "      Integration:",
                "        Type: AWS_PROXY", "        IntegrationHttpMethod: POST",
                "        Uri: !GetAtt Fn.Arn"]) + "\n"
            path = os.path.join(self.dir, "levels%d.yaml" % depth)
            with open(path, "w") as f:
                f.write(text)
            found = self.ids(self.lint(path), "W99101")
            self.assertEqual(len(found), 1, found)
            self.assertIn("invokes it for %s and gives up" % route, found[0][3])

    def test_subvars(self):
        found = self.ids(self.lint(write(self.dir, "subvars", BIG)), "W1019")
        self.assertEqual(len(found), 625 * BIG)
        self.assertEqual(found[0][3].split(" ")[3], "'V9'")

    def test_metadata_suppressions(self):
        found = self.ids(self.lint(write(self.dir, "metadata", HUGE)), "E3002")
        self.assertEqual(len(found), 1600 * HUGE)
        # the findings left are those of the queues without their own suppression
        lines = gen_metadata(HUGE).splitlines()
        self.assertTrue(all(lines[d[0] - 3] == "  Q%d:" % (2 * k) for k, d in enumerate(found)))

    def test_implicit_names(self):
        found = self.ids(self.lint(write(self.dir, "implicit", BIG)), "E1019")
        self.assertEqual(len(found), 5000 * BIG)

    def test_dynref_lines(self):
        found = self.ids(self.lint(write(self.dir, "dynref", HUGE)), "E1027")
        self.assertEqual(len(found), 5000 * HUGE)
        # line and column of the reference in the last resource
        lines = gen_dynref(HUGE).splitlines()
        last = found[-1]
        self.assertEqual(lines[last[0] - 1].index("{{") + 1, last[1])

    def test_blank_lines(self):
        found = self.lint(write(self.dir, "blank_lines", BIG))
        self.assertEqual([d for d in found if d[2] == "E0000"], [])

    def test_json_one_line(self):
        path = write(self.dir, "json1line", BIG)
        found = self.ids(self.lint(path), "E1027")
        self.assertEqual(len(found), 2500 * BIG)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        # columns count characters: the last reference's, from the text
        col = text.index("{{resolve:ssm-secure:/p%d:1}}" % (2500 * BIG - 1)) + 1
        self.assertEqual([(d[0], d[1]) for d in found[-1:]], [(1, col)])

    def test_lambda_api(self):
        found = self.lint(write(self.dir, "lambda_api", BIG))
        n = 100 * BIG
        for rule, every in (("E99113", 4), ("W99104", 5), ("W99401", 6), ("W99112", 7),
                            ("W99110", 9)):
            got = self.ids(found, rule)
            self.assertEqual(len(got), n // every, (rule, got[:3]))
        # the last function that misses its permission, and the last role without ENI actions
        self.assertIn("function 'Fn%d'" % (n - 1), self.ids(found, "W99104")[-1][3])
        self.assertIn("its role 'Role%d'" % (n - 1), self.ids(found, "E99113")[-1][3])

    def test_deploy_configs(self):
        found = self.ids(self.lint(write(self.dir, "deploy_configs", BIG)), "E99012")
        self.assertEqual(len(found), 100 * BIG)
        self.assertIn("Type 'Canary10Percent7Minutes'", found[-1][3])

    def test_many_files(self):
        root = os.path.join(self.dir, "tree")
        os.mkdir(root)
        gen_files(2 * BIG, root, per_dir=4)
        # the tree named twice, and a file of it: each file linted once
        one = os.path.join(root, "d000000", "t00.json")
        pattern = os.path.join(root, "**", "*.json")
        p = subprocess.run([STACKLINT, "--format", "parseable", "-j1", pattern, one, pattern],
                           cwd=self.dir, capture_output=True, text=True, timeout=LIMIT)
        files = [line.split(":", 1)[0] for line in p.stdout.splitlines()]
        self.assertEqual(len(files), 6250 * 2 * BIG, p.stderr)
        self.assertEqual(len(set(files)), 6250 * 2 * BIG)


def main():
    global STACKLINT
    argv = sys.argv[1:]
    if argv[:1] == ["--write"]:
        if len(argv) != 4 or argv[2] not in SHAPES:
            sys.stderr.write("usage: test_linear_guard.py --write DIR SHAPE SCALE\n")
            return 2
        print(write(argv[1], argv[2], int(argv[3])))
        return 0
    if argv and not argv[0].startswith("-"):
        STACKLINT = argv.pop(0)
    else:
        STACKLINT = os.environ.get("STACKLINT")
    if not STACKLINT:
        sys.stderr.write("usage: test_linear_guard.py STACKLINT [unittest options]\n")
        return 2
    STACKLINT = os.path.abspath(STACKLINT)
    prog = unittest.main(argv=[sys.argv[0]] + argv, exit=False, verbosity=2)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())

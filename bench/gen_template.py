#!/usr/bin/env python3
"""Generates large, realistic CloudFormation templates for the benchmarks.

Every template is built once as a Python tree in which intrinsic functions are
`Fn` objects, then written twice: as YAML with short-form tags (!Ref, !GetAtt A.B,
!Sub "${X}", !If, !Join, !Select, ...) and as JSON in the long form ({"Ref": X},
{"Fn::GetAtt": ["A", "B"]}, ...). Both files hold the same template.

Output is a function of the arguments alone (random.Random(seed), no clock, no
hash ordering), so two runs with the same seed write identical bytes.

Sets (--set, repeatable; default: all):
  small      one service, a few KB: the cold-start template
  big        ~1 MB and ~10 MB of YAML (the JSON twin is larger): thousands of
             resources - S3, Lambda (VpcConfig, Environment), IAM roles with policy
             documents, SQS, DynamoDB, API Gateway, SNS, CloudWatch alarms -
             plus parameters, mappings, conditions and outputs
  nested     a condition nested --depth (400) levels deep, alternating Fn::And and
             Fn::Or, in YAML flow, YAML block and (compact) JSON form; in JSON each
             level is two collections deep (an object and its array)
  chain      --chain (2,000) resources, each with DependsOn and a Ref/!Sub to the
             previous one; `cycle` is the same chain closed into a loop
  condchain  --chain conditions, each !And-ing the previous one
  wide       one mapping with --wide (50,000) keys (duplicate-key detection,
             map lookups)
  oneline    the chain set written as one line of flow YAML ({Resources: {Link00000:
             {..., Value: !Ref Link01999}}}): many short-form tags on one long line,
             as a minifier or a YAML 1.2 dumper with width=inf leaves them

Usage: gen_template.py [--out-dir DIR] [--seed N] [--set NAME]... [--sizes 1,10]
"""

import argparse
import json
import os
import random
import re
import sys


class Fn:
    """An intrinsic function call: name is the short tag without '!' (Ref, GetAtt, Sub...)."""

    __slots__ = ("name", "arg")

    def __init__(self, name, arg):
        self.name = name
        self.arg = arg


class Literal(str):
    """A multi-line string written as a YAML literal block (|)."""


def Ref(x):
    return Fn("Ref", x)


def GetAtt(res, attr):
    return Fn("GetAtt", [res, attr])


def Sub(s, variables=None):
    return Fn("Sub", [s, variables] if variables else s)


def If(cond, a, b):
    return Fn("If", [cond, a, b])


def Join(sep, items):
    return Fn("Join", [sep, items])


def Select(i, lst):
    return Fn("Select", [i, lst])


NO_VALUE = Ref("AWS::NoValue")

# ---------------------------------------------------------------------------
# JSON (long form)


def to_long(v):
    if isinstance(v, Fn):
        key = "Ref" if v.name == "Ref" else ("Condition" if v.name == "Condition" else "Fn::" + v.name)
        return {key: to_long(v.arg)}
    if isinstance(v, dict):
        return {k: to_long(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_long(x) for x in v]
    return str(v) if isinstance(v, Literal) else v


def dump_json(tree, out, compact=False):
    # json.dump recurses on depth; the nested set goes deeper than its default limit.
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 20000))
    try:
        if compact:
            json.dump(to_long(tree), out, separators=(",", ":"), ensure_ascii=False)
        else:
            json.dump(to_long(tree), out, indent=2, ensure_ascii=False)
        out.write("\n")
    finally:
        sys.setrecursionlimit(old)


# ---------------------------------------------------------------------------
# YAML (short form). A small emitter: block style for maps and lists, flow style
# for short intrinsic-function arguments, double quotes whenever a plain scalar
# could be misread (YAML 1.1 booleans, numbers, indicators, ${...}).

# Plain in flow context: no flow indicators and no ':' (libyaml 0.1 rejects it there).
PLAIN_FLOW = re.compile(r"^[A-Za-z_/][A-Za-z0-9_./@+=-]*( [A-Za-z0-9_./@+=()-]+)*$")
# Plain in block context: ':' and ${...} are fine unless ': ' or a trailing ':'.
PLAIN_BLOCK = re.compile(r"^[A-Za-z_/$][A-Za-z0-9_./@+=:${}*,()-]*( [A-Za-z0-9_./@+=:${}*,()-]+)*$")
YAML11_SPECIAL = re.compile(
    r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|null|Null|NULL|~|[-+]?[0-9].*|\.inf|\.nan)$")


def yscalar(v, flow=False):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return repr(v)
    s = str(v)
    if flow:
        plain = PLAIN_FLOW.match(s)
    else:
        plain = PLAIN_BLOCK.match(s) and ": " not in s and not s.endswith(":")
    if plain and not YAML11_SPECIAL.match(s):
        return s
    return json.dumps(s, ensure_ascii=False)


def is_flowable(v):
    """Short enough and scalar-ish to be written on one line."""
    def size(x):
        if isinstance(x, Fn):
            return 1 + size(x.arg)
        if isinstance(x, Literal):
            return 1000
        if isinstance(x, dict):
            return 1000 if x else 2
        if isinstance(x, list):
            return 1 + sum(size(i) for i in x)
        return 1 + len(str(x)) // 20
    return size(v) <= 10


def yflow(v):
    if isinstance(v, Fn):
        return "!" + v.name + " " + yfn_arg_flow(v)
    if isinstance(v, list):
        return "[" + ", ".join(yflow(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(yscalar(k, True) + ": " + yflow(x) for k, x in v.items()) + "}"
    return yscalar(v, True)


def yfn_arg_flow(f):
    if f.name == "GetAtt" and isinstance(f.arg, list) and all(isinstance(x, str) for x in f.arg):
        return f.arg[0] + "." + f.arg[1]
    if f.name == "GetAZs" and f.arg == "":
        return "''"
    return yflow(f.arg)


class YamlWriter:
    def __init__(self, out):
        self.out = out

    def w(self, s):
        self.out.write(s)

    def literal(self, s, ind):
        pad = " " * ind
        self.w("|\n" if s.endswith("\n") else "|-\n")
        for line in s.rstrip("\n").split("\n"):
            self.w((pad + line if line else "") + "\n")

    def value_after_key(self, v, ind):
        """Writes what follows 'key:' (a space and an inline value, or a newline
        and a block at ind + 2)."""
        if isinstance(v, Literal):
            self.w(" ")
            self.literal(v, ind + 2)
        elif isinstance(v, Fn):
            self.w(" ")
            self.fn(v, ind + 2)
        elif isinstance(v, dict):
            if not v:
                self.w(" {}\n")
            else:
                self.w("\n")
                self.block_map(v, ind + 2)
        elif isinstance(v, list):
            if not v:
                self.w(" []\n")
            elif is_flowable(v):
                self.w(" " + yflow(v) + "\n")
            else:
                self.w("\n")
                self.block_seq(v, ind + 2)
        else:
            self.w(" " + yscalar(v) + "\n")

    def fn(self, f, ind):
        """At the current position (after 'key: ' or '- '): !Tag and its argument."""
        self.w("!" + f.name)
        a = f.arg
        if f.name == "Sub" and isinstance(a, Literal):
            self.w(" ")
            self.literal(a, ind)
        elif isinstance(a, str) and f.name != "GetAZs":
            self.w(" " + yscalar(a) + "\n")
        elif is_flowable(f):
            self.w(" " + yfn_arg_flow(f) + "\n")
        elif isinstance(a, list):
            self.w("\n")
            self.block_seq(a, ind)
        elif isinstance(a, dict):
            self.w("\n")
            self.block_map(a, ind)
        else:
            self.w(" " + yfn_arg_flow(f) + "\n")

    def block_map(self, m, ind):
        pad = " " * ind
        for k, v in m.items():
            self.w(pad + yscalar(k) + ":")
            self.value_after_key(v, ind)

    def block_seq(self, s, ind):
        pad = " " * ind
        for v in s:
            self.w(pad + "-")
            if isinstance(v, dict) and v:
                # first pair on the dash line, the rest aligned under it
                items = list(v.items())
                k0, v0 = items[0]
                self.w(" " + yscalar(k0) + ":")
                self.value_after_key(v0, ind + 2)
                self.block_map(dict(items[1:]), ind + 2)
            elif isinstance(v, Fn):
                self.w(" ")
                self.fn(v, ind + 2)
            elif isinstance(v, Literal):
                self.w(" ")
                self.literal(v, ind + 2)
            elif isinstance(v, list) and v and not is_flowable(v):
                self.w("\n")
                self.block_seq(v, ind + 2)
            else:
                self.w(" " + yflow(v) + "\n")


def dump_yaml(tree, out, header=None):
    if header:
        out.write("# " + header + "\n")
    YamlWriter(out).block_map(tree, 0)


# ---------------------------------------------------------------------------
# The realistic template: a shared network/API/parameter block, then N
# "services", each a bundle of related resources that reference one another.

RUNTIMES = ["python3.12", "python3.11", "nodejs20.x", "nodejs18.x", "java21", "provided.al2023"]
WORDS = ["orders", "billing", "users", "catalog", "search", "inventory", "shipping", "payments",
         "reports", "audit", "notify", "images", "sessions", "ledger", "pricing", "reviews"]


def base_template():
    params = {
        "Environment": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "staging", "prod"],
                        "Description": "Deployment stage"},
        "EnableTracing": {"Type": "String", "Default": "true", "AllowedValues": ["true", "false"]},
        "VpcId": {"Type": "AWS::EC2::VPC::Id"},
        "PrivateSubnetIds": {"Type": "List<AWS::EC2::Subnet::Id>",
                             "Description": "Private subnets routed through a NAT gateway"},
        "AlarmEmail": {"Type": "String", "Default": "", "Description": "Where alarms go; empty for none"},
        "LogRetentionDays": {"Type": "Number", "Default": 14,
                             "AllowedValues": [1, 3, 5, 7, 14, 30, 60, 90, 365]},
        "ArtifactBucket": {"Type": "String", "Description": "Bucket holding the function packages"},
        "KmsKeyArn": {"Type": "String", "Default": ""},
    }
    conds = {
        "IsProd": Fn("Equals", [Ref("Environment"), "prod"]),
        "IsStaging": Fn("Equals", [Ref("Environment"), "staging"]),
        "NotProd": Fn("Not", [Fn("Condition", "IsProd")]),
        "IsProdOrStaging": Fn("Or", [Fn("Condition", "IsProd"), Fn("Condition", "IsStaging")]),
        "HasTracing": Fn("Equals", [Ref("EnableTracing"), "true"]),
        "HasAlarmEmail": Fn("Not", [Fn("Equals", [Ref("AlarmEmail"), ""])]),
        "CreateAlarms": Fn("And", [Fn("Condition", "IsProdOrStaging"), Fn("Condition", "HasAlarmEmail")]),
        "HasKmsKey": Fn("Not", [Fn("Equals", [Ref("KmsKeyArn"), ""])]),
    }
    mappings = {
        "RegionSettings": {
            r: {"LogLevel": "INFO" if i % 2 else "DEBUG", "MemorySize": 256 + 128 * (i % 4),
                "AmiId": "ami-%012x" % (0x1234567 * (i + 1))}
            for i, r in enumerate(["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1",
                                   "eu-central-1", "ap-southeast-1", "ap-northeast-1"])
        },
    }
    res = {
        "LambdaSecurityGroup": {
            "Type": "AWS::EC2::SecurityGroup",
            "Properties": {
                "GroupDescription": "Lambda functions",
                "VpcId": Ref("VpcId"),
                "SecurityGroupEgress": [{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0",
                                         "Description": "all outbound"}],
            },
        },
        "Api": {
            "Type": "AWS::ApiGateway::RestApi",
            "Properties": {
                "Name": Sub("${AWS::StackName}-api"),
                "EndpointConfiguration": {"Types": ["REGIONAL"]},
            },
        },
        "AlarmTopic": {
            "Type": "AWS::SNS::Topic",
            "Condition": "HasAlarmEmail",
            "Properties": {
                "Subscription": [{"Endpoint": Ref("AlarmEmail"), "Protocol": "email"}],
                "KmsMasterKeyId": If("HasKmsKey", Ref("KmsKeyArn"), NO_VALUE),
            },
        },
    }
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Generated benchmark template (bench/gen_template.py)",
        "Parameters": params,
        "Mappings": mappings,
        "Conditions": conds,
        "Resources": res,
        "Outputs": {
            "ApiId": {"Value": Ref("Api"), "Export": {"Name": Sub("${AWS::StackName}-ApiId")}},
        },
    }


HANDLER_CODE = """import json
import os

import boto3

TABLE = os.environ["TABLE_NAME"]
QUEUE = os.environ["QUEUE_URL"]
dynamodb = boto3.resource("dynamodb")
sqs = boto3.client("sqs")


def handler(event, context):
    table = dynamodb.Table(TABLE)
    body = json.loads(event.get("body") or "{}")
    table.put_item(Item={"pk": body.get("id", "none"), "sk": "%s", "payload": body})
    sqs.send_message(QueueUrl=QUEUE, MessageBody=json.dumps(body))
    return {"statusCode": 200, "body": json.dumps({"ok": True})}
"""


def add_service(t, i, rnd):
    """Adds one service (8-11 resources, 0-1 condition, 2 outputs). Returns the new logical IDs."""
    word = WORDS[i % len(WORDS)]
    n = "%s%04d" % (word.capitalize(), i)
    fn, role, table, queue, dlq, bucket = (n + s for s in ("Function", "Role", "Table", "Queue", "DeadLetterQueue", "Bucket"))
    api_res, method, perm, logs = n + "ApiResource", n + "Method", n + "InvokePermission", n + "LogGroup"
    runtime = rnd.choice(RUNTIMES)
    python = runtime.startswith("python")
    streams = i % 3 == 0
    r = t["Resources"]
    added = []

    def put(lid, body):
        r[lid] = body
        added.append(lid)

    put(dlq, {"Type": "AWS::SQS::Queue",
              "Properties": {"MessageRetentionPeriod": 1209600,
                             "KmsMasterKeyId": If("HasKmsKey", Ref("KmsKeyArn"), "alias/aws/sqs")}})
    put(queue, {"Type": "AWS::SQS::Queue",
                "Properties": {
                    "VisibilityTimeout": 180,
                    "RedrivePolicy": {"deadLetterTargetArn": GetAtt(dlq, "Arn"), "maxReceiveCount": 5},
                    "Tags": [{"Key": "service", "Value": word}, {"Key": "stage", "Value": Ref("Environment")}],
                }})
    table_props = {
        "TableName": Sub("${AWS::StackName}-%s-${Environment}" % word + str(i)),
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "sk", "AttributeType": "S"},
                                 {"AttributeName": "gsi1pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "sk", "KeyType": "RANGE"}],
        "GlobalSecondaryIndexes": [{
            "IndexName": "gsi1",
            "KeySchema": [{"AttributeName": "gsi1pk", "KeyType": "HASH"},
                          {"AttributeName": "sk", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "ALL"},
        }],
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": If("IsProd", True, False)},
        "SSESpecification": {"SSEEnabled": True},
    }
    if streams:
        table_props["StreamSpecification"] = {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    put(table, {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain",
                "UpdateReplacePolicy": "Retain", "Properties": table_props})
    put(bucket, {"Type": "AWS::S3::Bucket",
                 "Properties": {
                     "BucketName": Sub("${AWS::StackName}-%s-${AWS::AccountId}-${AWS::Region}" % (word + str(i))),
                     "VersioningConfiguration": {"Status": If("IsProd", "Enabled", "Suspended")},
                     "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                         {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms",
                                                            "KMSMasterKeyID": If("HasKmsKey", Ref("KmsKeyArn"), NO_VALUE)}}]},
                     "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                                        "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
                     "LifecycleConfiguration": {"Rules": [
                         {"Id": "abort-mpu", "Status": "Enabled",
                          "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}},
                         {"Id": "expire-tmp", "Status": "Enabled", "Prefix": "tmp/", "ExpirationInDays": 3}]},
                     "CorsConfiguration": {"CorsRules": [
                         {"AllowedMethods": ["GET", "PUT"], "AllowedOrigins": [Sub("https://${Environment}.example.com")],
                          "AllowedHeaders": ["*"], "MaxAge": 3600}]},
                 }})
    statements = [
        {"Effect": "Allow",
         "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"],
         "Resource": [GetAtt(table, "Arn"), Sub("${%s.Arn}/index/*" % table)]},
        {"Effect": "Allow", "Action": ["sqs:SendMessage", "sqs:GetQueueAttributes"],
         "Resource": GetAtt(queue, "Arn")},
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
         "Resource": Join("", ["arn:", Ref("AWS::Partition"), ":s3:::", Ref(bucket), "/*"])},
    ]
    if streams:
        statements.append({"Effect": "Allow",
                           "Action": ["dynamodb:DescribeStream", "dynamodb:GetRecords",
                                      "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
                           "Resource": GetAtt(table, "StreamArn")})
    put(role, {"Type": "AWS::IAM::Role",
               "Properties": {
                   "AssumeRolePolicyDocument": {
                       "Version": "2012-10-17",
                       "Statement": [{"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com"]},
                                      "Action": ["sts:AssumeRole"]}]},
                   "ManagedPolicyArns": [
                       Sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"),
                       Sub("arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess")],
                   "Policies": [{"PolicyName": "data-access",
                                 "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}],
                   "Path": "/service/",
               }})
    if python:
        code = {"ZipFile": Literal(HANDLER_CODE % n)}
        handler = "index.handler"
    else:
        code = {"S3Bucket": Ref("ArtifactBucket"),
                "S3Key": Sub("%s/${Environment}/package-%d.zip" % (word, rnd.randrange(100000)))}
        handler = "app.Handler::handleRequest" if runtime.startswith("java") else "index.handler"
    put(fn, {"Type": "AWS::Lambda::Function",
             "Properties": {
                 "FunctionName": Sub("${AWS::StackName}-%s" % n),
                 "Description": "Handles %s requests for service %d" % (word, i),
                 "Runtime": runtime,
                 "Handler": handler,
                 "Code": code,
                 "Role": GetAtt(role, "Arn"),
                 "MemorySize": Fn("FindInMap", ["RegionSettings", Ref("AWS::Region"), "MemorySize"]),
                 "Timeout": rnd.choice([3, 10, 15, 25]),
                 "ReservedConcurrentExecutions": If("IsProd", rnd.choice([5, 10, 50]), NO_VALUE),
                 "TracingConfig": If("HasTracing", {"Mode": "Active"}, NO_VALUE),
                 "Environment": {"Variables": {
                     "TABLE_NAME": Ref(table),
                     "QUEUE_URL": Ref(queue),
                     "BUCKET": Ref(bucket),
                     "STAGE": Ref("Environment"),
                     "LOG_LEVEL": Fn("FindInMap", ["RegionSettings", Ref("AWS::Region"), "LogLevel"]),
                     "FIRST_SUBNET": Select(0, Ref("PrivateSubnetIds")),
                     "TABLE_STREAM": GetAtt(table, "StreamArn") if streams else "none",
                     "SERVICE_URL": Sub("https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Environment}/%s" % word),
                 }},
                 "VpcConfig": {"SecurityGroupIds": [Ref("LambdaSecurityGroup")],
                               "SubnetIds": Ref("PrivateSubnetIds")},
                 "Tags": [{"Key": "service", "Value": word},
                          {"Key": "owner", "Value": Join("-", [word, "team", Select(1, Fn("Split", ["-", "a-b-c"]))])}],
             }})
    put(logs, {"Type": "AWS::Logs::LogGroup",
               "Properties": {"LogGroupName": Sub("/aws/lambda/${%s}" % fn),
                              "RetentionInDays": Ref("LogRetentionDays")}})
    put(api_res, {"Type": "AWS::ApiGateway::Resource",
                  "Properties": {"RestApiId": Ref("Api"), "ParentId": GetAtt("Api", "RootResourceId"),
                                 "PathPart": word + str(i)}})
    put(method, {"Type": "AWS::ApiGateway::Method",
                 "Properties": {
                     "RestApiId": Ref("Api"), "ResourceId": Ref(api_res), "HttpMethod": "POST",
                     "AuthorizationType": "AWS_IAM",
                     "Integration": {
                         "Type": "AWS_PROXY", "IntegrationHttpMethod": "POST", "TimeoutInMillis": 29000,
                         "Uri": Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${%s.Arn}/invocations" % fn),
                     },
                 }})
    put(perm, {"Type": "AWS::Lambda::Permission",
               "Properties": {"Action": "lambda:InvokeFunction", "FunctionName": Ref(fn),
                              "Principal": "apigateway.amazonaws.com",
                              "SourceArn": Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/POST/%s%d" % (word, i))}})
    if streams:
        put(n + "StreamMapping", {"Type": "AWS::Lambda::EventSourceMapping",
                                  "Properties": {
                                      "FunctionName": Ref(fn), "EventSourceArn": GetAtt(table, "StreamArn"),
                                      "StartingPosition": "LATEST", "BatchSize": 100,
                                      "MaximumRetryAttempts": 3, "MaximumRecordAgeInSeconds": 3600,
                                      "BisectBatchOnFunctionError": True,
                                      "DestinationConfig": {"OnFailure": {"Destination": GetAtt(dlq, "Arn")}},
                                  }})
    if i % 4 == 0:
        cond = n + "AlarmsOn"
        t["Conditions"][cond] = Fn("And", [Fn("Condition", "CreateAlarms"),
                                           Fn("Or", [Fn("Equals", [Ref("AWS::Region"), "us-east-1"]),
                                                     Fn("Equals", [Ref("AWS::Region"), "eu-west-1"])])])
        put(n + "ErrorAlarm", {"Type": "AWS::CloudWatch::Alarm", "Condition": cond,
                               "Properties": {
                                   "AlarmDescription": Sub("Errors in ${%s}" % fn),
                                   "Namespace": "AWS/Lambda", "MetricName": "Errors", "Statistic": "Sum",
                                   "Dimensions": [{"Name": "FunctionName", "Value": Ref(fn)}],
                                   "Period": 60, "EvaluationPeriods": 5, "Threshold": 1,
                                   "ComparisonOperator": "GreaterThanOrEqualToThreshold",
                                   "TreatMissingData": "notBreaching",
                                   "AlarmActions": [Ref("AlarmTopic")],
                               }})
    t["Outputs"][n + "FunctionArn"] = {"Description": "ARN of " + fn, "Value": GetAtt(fn, "Arn"),
                                       "Export": {"Name": Sub("${AWS::StackName}-%sFunctionArn" % n)}}
    t["Outputs"][n + "QueueUrl"] = {"Value": Ref(queue),
                                    "Condition": "IsProdOrStaging"}
    return [x for x in added if x == method]


def finish_api(t, methods):
    # One deployment after the first methods (a real template lists them all; a
    # DependsOn list of a few hundred is already generous).
    t["Resources"]["ApiDeployment"] = {"Type": "AWS::ApiGateway::Deployment", "DependsOn": methods[:200],
                                       "Properties": {"RestApiId": Ref("Api")}}
    t["Resources"]["ApiStage"] = {"Type": "AWS::ApiGateway::Stage",
                                  "Properties": {"RestApiId": Ref("Api"), "StageName": Ref("Environment"),
                                                 "DeploymentId": Ref("ApiDeployment"),
                                                 "TracingEnabled": If("HasTracing", True, False)}}


class CountingWriter:
    def __init__(self):
        self.n = 0

    def write(self, s):
        self.n += len(s.encode("utf-8"))


def yaml_size(tree):
    c = CountingWriter()
    dump_yaml(tree, c)
    return c.n


def realistic(target_bytes, seed):
    """A template whose YAML form is about target_bytes long."""
    rnd = random.Random(seed)
    t = base_template()
    methods = []
    # Size one service to estimate how many fit, then add services and check.
    probe = base_template()
    add_service(probe, 0, random.Random(seed))
    per = max(1, yaml_size(probe) - yaml_size(base_template()))
    n = max(1, target_bytes // per)
    for i in range(n):
        methods += add_service(t, i, rnd)
    size = yaml_size(t)
    i = n
    while size < target_bytes * 0.98:
        before = dict(t["Resources"])
        methods += add_service(t, i, rnd)
        size += yaml_size({"Resources": {k: v for k, v in t["Resources"].items() if k not in before}})
        i += 1
    finish_api(t, methods)
    return t


# ---------------------------------------------------------------------------
# Pathological templates


def minimal(resources, conditions=None, mappings=None):
    t = {"AWSTemplateFormatVersion": "2010-09-09",
         "Parameters": {"Environment": {"Type": "String", "Default": "dev"}}}
    if mappings:
        t["Mappings"] = mappings
    if conditions:
        t["Conditions"] = conditions
    t["Resources"] = resources
    return t


def nested_condition(depth):
    """Conditions: Deep is `depth` levels of alternating Fn::And / Fn::Or, each
    level (Fn::And needs 2-10 operands) pairing the next level with an Equals."""
    inner = Fn("Equals", [Ref("Environment"), "prod"])
    for lvl in range(depth):
        name = "And" if lvl % 2 == 0 else "Or"
        inner = Fn(name, [inner, Fn("Equals", [Ref("Environment"), "stage%d" % lvl])])
    return minimal({"Bucket": {"Type": "AWS::S3::Bucket", "Condition": "Deep"}},
                   conditions={"Deep": inner})


def dump_yaml_oneline(tree, out, header=None):
    """The whole template as a single flow mapping on one line."""
    if header:
        out.write("# " + header + "\n")
    out.write(yflow(tree) + "\n")


def dump_nested_yaml_flow(depth, out):
    """The nested condition written as one flow expression (!And [!Or [...], ...])."""
    out.write("# Generated by bench/gen_template.py: a condition %d levels deep (flow style)\n" % depth)
    out.write("AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Environment:\n"
              "    Type: String\n    Default: dev\nConditions:\n  Deep: ")
    # Written iteratively: opening halves, the core, closing halves.
    for lvl in reversed(range(depth)):
        out.write("!%s [" % ("And" if lvl % 2 == 0 else "Or"))
    out.write("!Equals [!Ref Environment, prod]")
    for lvl in range(depth):
        out.write(", !Equals [!Ref Environment, stage%d]]" % lvl)
    out.write("\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Condition: Deep\n")


def chain(n, cycle=False):
    res = {}
    for i in range(n):
        lid = "Link%05d" % i
        prev = "Link%05d" % ((i - 1) % n) if (i or cycle) else None
        props = {"Type": "String", "Name": Sub("/${AWS::StackName}/chain/%d" % i)}
        body = {"Type": "AWS::SSM::Parameter"}
        if prev:
            body["DependsOn"] = prev
            props["Value"] = Ref(prev)
            props["Description"] = Sub("follows ${%s}" % prev)
        else:
            props["Value"] = "start"
        body["Properties"] = props
        res[lid] = body
    return minimal(res)


def condition_chain(n):
    conds = {"C00000": Fn("Equals", [Ref("Environment"), "prod"])}
    for i in range(1, n):
        conds["C%05d" % i] = Fn("And", [Fn("Condition", "C%05d" % (i - 1)),
                                        Fn("Not", [Fn("Equals", [Ref("Environment"), "s%d" % i])])])
    return minimal({"Bucket": {"Type": "AWS::S3::Bucket", "Condition": "C%05d" % (n - 1)}},
                   conditions=conds)


def wide(n):
    m = {"K%06d" % i: {"Value": "v%d" % i} for i in range(n)}
    return minimal({"Topic": {"Type": "AWS::SNS::Topic",
                              "Properties": {"TopicName": Fn("FindInMap", ["Wide", "K%06d" % (n - 1), "Value"])}}},
                   mappings={"Wide": m})


# ---------------------------------------------------------------------------


def write(path, tree, header, json_too=True):
    with open(path + ".yaml", "w", encoding="utf-8", newline="\n") as f:
        dump_yaml(tree, f, header)
    out = [path + ".yaml"]
    if json_too:
        with open(path + ".json", "w", encoding="utf-8", newline="\n") as f:
            dump_json(tree, f)
        out.append(path + ".json")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out-dir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--set", action="append", dest="sets",
                    choices=["small", "big", "nested", "chain", "condchain", "wide", "oneline"])
    ap.add_argument("--sizes", default="1,10", help="MB of YAML for the big set (comma-separated)")
    ap.add_argument("--depth", type=int, default=400)
    ap.add_argument("--chain", type=int, default=2000)
    ap.add_argument("--wide", type=int, default=50000)
    a = ap.parse_args(argv)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 50000))  # the nested set
    sets = a.sets or ["small", "big", "nested", "chain", "condchain", "wide", "oneline"]
    os.makedirs(a.out_dir, exist_ok=True)
    d = a.out_dir
    made = []
    gen = "Generated by bench/gen_template.py --seed %d" % a.seed
    if "small" in sets:
        t = base_template()
        add_service(t, 1, random.Random(a.seed))
        made += write(os.path.join(d, "small"), t, gen + " (one service)")
    if "big" in sets:
        for mb in (float(x) for x in a.sizes.split(",")):
            t = realistic(int(mb * 1024 * 1024), a.seed)
            name = "big-%gmb" % mb
            made += write(os.path.join(d, name), t, "%s: %d resources, %d conditions, %d outputs"
                          % (gen, len(t["Resources"]), len(t["Conditions"]), len(t["Outputs"])))
    if "nested" in sets:
        t = nested_condition(a.depth)
        name = os.path.join(d, "path-nested-%d" % a.depth)
        made += write(name + "-block", t, gen + ": a condition %d levels deep (block style)" % a.depth,
                      json_too=False)
        with open(name + ".json", "w", encoding="utf-8") as f:
            dump_json(t, f, compact=True)  # indented, 800 levels would be mostly spaces
        with open(name + "-flow.yaml", "w", encoding="utf-8") as f:
            dump_nested_yaml_flow(a.depth, f)
        made += [name + ".json", name + "-flow.yaml"]
    if "chain" in sets:
        made += write(os.path.join(d, "path-chain-%d" % a.chain), chain(a.chain),
                      gen + ": %d resources, each DependsOn and Ref the previous" % a.chain)
        made += write(os.path.join(d, "path-cycle-%d" % a.chain), chain(a.chain, cycle=True),
                      gen + ": %d resources in one dependency cycle" % a.chain, json_too=False)
    if "condchain" in sets:
        made += write(os.path.join(d, "path-condchain-%d" % a.chain), condition_chain(a.chain),
                      gen + ": %d conditions, each using the previous" % a.chain)
    if "wide" in sets:
        made += write(os.path.join(d, "path-wide-%d" % a.wide), wide(a.wide),
                      gen + ": one mapping with %d keys" % a.wide)
    if "oneline" in sets:
        name = os.path.join(d, "path-oneline-%d.yaml" % a.chain)
        with open(name, "w", encoding="utf-8", newline="\n") as f:
            dump_yaml_oneline(chain(a.chain), f, gen + ": the %d-resource chain on one line" % a.chain)
        made.append(name)
    for p in made:
        print("%10d  %s" % (os.path.getsize(p), p))
    return 0


if __name__ == "__main__":
    sys.exit(main())

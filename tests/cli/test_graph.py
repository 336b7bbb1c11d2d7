#!/usr/bin/env python3
"""
-g / --build-graph (and the configuration key build_graph): the template's
resource graph written beside it as <template>.dot, in the layout cfn-lint 1.x
writes (src/cfnlint/graph.py through networkx's to_pydot and pydot): a node per
resource labelled "ID\\n<Type>", an edge per Ref, Fn::GetAtt, Fn::Sub variable
and DependsOn between resources (Parameters and Outputs are left out, as
cfn-lint's subgraph_view leaves them out), labelled DependsOn, Ref or GetAtt,
with its key among the edges between the same two resources and the path of
the reference below its resource. cfn-lint names the file
template.filename + ".dot", and "cfn-lint.dot" for standard input
(template/template.py build_graph); the VS Code extension previews
<template>.dot. docs/graph.md describes the file.

    test_graph.py STACKLINT [unittest options]

The DOT text is parsed by Graphviz's `dot -Tsvg` when `dot` is installed; that
check is skipped otherwise. Only the Python standard library is used.
"""
import os
import shutil
import subprocess
import sys

import test_cli as base

TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: [Bucket]\n    Properties:\n      TopicName: !Ref Bucket\n      DisplayName: !Sub "${Bucket.Arn}-${Env}"\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !If [IsProd, !GetAtt Topic.TopicName, !Ref Bucket]\n      Tags:\n        - Key: k\n          Value: !Sub "${Topic}"\n        - Key: arn\n          Value: {"Fn::GetAtt": [Bucket, Arn]}\nOutputs:\n  Out:\n    Value: !Ref Bucket\n'

TEMPLATE_DOT = 'digraph "template" {\nBucket [label="Bucket\\n<AWS::S3::Bucket>", color=black, shape=ellipse, type=Resource];\nTopic [label="Topic\\n<AWS::SNS::Topic>", color=black, shape=ellipse, type=Resource];\nQueue [label="Queue\\n<AWS::SQS::Queue>", color=black, shape=ellipse, type=Resource];\nTopic -> Bucket [key=0, source_paths="[\'DependsOn\']", label=DependsOn, color=black];\nTopic -> Bucket [key=1, source_paths="[\'Properties\', \'TopicName\']", label=Ref, color=black];\nTopic -> Bucket [key=2, source_paths="[\'Properties\', \'DisplayName\']", label=GetAtt, color=black];\nQueue -> Bucket [key=0, source_paths="[\'Properties\', \'QueueName\', \'Fn::If\', 2]", label=Ref, color=black];\nQueue -> Bucket [key=1, source_paths="[\'Properties\', \'Tags\', 1, \'Value\']", label=GetAtt, color=black];\nQueue -> Topic [key=0, source_paths="[\'Properties\', \'QueueName\', \'Fn::If\', 1]", label=GetAtt, color=black];\nQueue -> Topic [key=1, source_paths="[\'Properties\', \'Tags\', 0, \'Value\']", label=Ref, color=black];\n}\n'

SAM = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n  Bucket:\n    Type: AWS::S3::Bucket\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n  Hook:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: python3.12, Handler: index.h, InlineCode: "x"}\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.h\n      InlineCode: "x"\n      AutoPublishAlias: live\n      DeploymentPreference:\n        Type: AllAtOnce\n        Hooks:\n          PreTraffic: !Ref Hook\n      Environment:\n        Variables:\n          T: !Ref Table\n      Events:\n        Get:\n          Type: Api\n          Properties: {RestApiId: !Ref Api, Path: /, Method: get}\n        Up:\n          Type: S3\n          Properties: {Bucket: !Ref Bucket, Events: "s3:ObjectCreated:*"}\n'

SAM_DOT = 'digraph "template" {\nApi [label="Api\\n<AWS::Serverless::Api>", color=black, shape=ellipse, type=Resource];\nBucket [label="Bucket\\n<AWS::S3::Bucket>", color=black, shape=ellipse, type=Resource];\nTable [label="Table\\n<AWS::DynamoDB::Table>", color=black, shape=ellipse, type=Resource];\nHook [label="Hook\\n<AWS::Serverless::Function>", color=black, shape=ellipse, type=Resource];\nFn [label="Fn\\n<AWS::Serverless::Function>", color=black, shape=ellipse, type=Resource];\nApi -> Fn [key=0, source_paths="[\'Properties\', \'Events\', \'Get\', \'Properties\', \'RestApiId\']", label=GetAtt, color=black];\nBucket -> Fn [key=0, source_paths="[\'Properties\', \'Events\', \'Up\', \'Properties\', \'Bucket\']", label=GetAtt, color=black];\nFn -> Table [key=0, source_paths="[\'Properties\', \'Environment\', \'Variables\', \'T\']", label=Ref, color=black];\n}\n'


ORDER_JSON = '{"Parameters": {"Env": {"Type": "String"}},\n "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},\n "Resources": {\n  "Bucket": {"Type": "AWS::S3::Bucket"},\n  "Topic": {"Type": "AWS::SNS::Topic", "DependsOn": ["Bucket"],\n    "Properties": {"TopicName": {"Ref": "Bucket"}, "DisplayName": {"Fn::Sub": "${Bucket.Arn}-${Env}"}}},\n  "Queue": {"Type": "AWS::SQS::Queue",\n    "Properties": {"QueueName": {"Fn::If": ["IsProd", {"Fn::GetAtt": ["Topic", "TopicName"]}, {"Ref": "Bucket"}]},\n      "Tags": [{"Key": "k", "Value": {"Fn::Sub": "${Topic}"}}, {"Key": "arn", "Value": {"Fn::GetAtt": ["Bucket", "Arn"]}}]}},\n  "Late": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::Sub": ["${X}-${Queue.Arn}", {"X": {"Ref": "Topic"}}]},\n      "TopicName": {"Fn::GetAtt": "Queue.QueueName"}}, "DependsOn": "Bucket"}},\n "Outputs": {"O": {"Value": {"Ref": "Bucket"}}}}\n'

ORDER_DOT = 'digraph "template" {\nBucket [label="Bucket\\n<AWS::S3::Bucket>", color=black, shape=ellipse, type=Resource];\nTopic [label="Topic\\n<AWS::SNS::Topic>", color=black, shape=ellipse, type=Resource];\nQueue [label="Queue\\n<AWS::SQS::Queue>", color=black, shape=ellipse, type=Resource];\nLate [label="Late\\n<AWS::SNS::Topic>", color=black, shape=ellipse, type=Resource];\nTopic -> Bucket [key=0, source_paths="[\'DependsOn\']", label=DependsOn, color=black];\nTopic -> Bucket [key=1, source_paths="[\'Properties\', \'TopicName\']", label=Ref, color=black];\nTopic -> Bucket [key=2, source_paths="[\'Properties\', \'DisplayName\']", label=GetAtt, color=black];\nQueue -> Bucket [key=0, source_paths="[\'Properties\', \'QueueName\', \'Fn::If\', 2]", label=Ref, color=black];\nQueue -> Bucket [key=1, source_paths="[\'Properties\', \'Tags\', 1, \'Value\']", label=GetAtt, color=black];\nQueue -> Topic [key=0, source_paths="[\'Properties\', \'QueueName\', \'Fn::If\', 1]", label=GetAtt, color=black];\nQueue -> Topic [key=1, source_paths="[\'Properties\', \'Tags\', 0, \'Value\']", label=Ref, color=black];\nLate -> Bucket [key=0, source_paths="[\'DependsOn\']", label=DependsOn, color=black];\nLate -> Topic [key=0, source_paths="[\'Properties\', \'DisplayName\', \'Fn::Sub\', 1, \'X\']", label=Ref, color=black];\nLate -> Queue [key=0, source_paths="[\'Properties\', \'TopicName\']", label=GetAtt, color=black];\nLate -> Queue [key=1, source_paths="[\'Properties\', \'DisplayName\']", label=GetAtt, color=black];\n}\n'


class GraphTestCase(base.CliTestCase):
    def read(self, name):
        with open(os.path.join(self.dir, name), encoding="utf-8") as f:
            return f.read()

    def exists(self, name):
        return os.path.exists(os.path.join(self.dir, name))

    def dot_parses(self, name):
        dot = shutil.which("dot")
        if not dot:
            self.skipTest("Graphviz's dot is not installed")
        p = subprocess.run([dot, "-Tsvg", os.path.join(self.dir, name)], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=60)
        self.assertEqual((p.returncode, p.stderr), (0, b""), name)
        return p.stdout.decode("utf-8")


class TestGraphFile(GraphTestCase):
    def test_every_edge_kind(self):
        self.write("t.yaml", TEMPLATE)
        p = self.sl("-g", "t.yaml")
        self.assertEqual(p.stderr, "")
        self.assertEqual(self.read("t.yaml.dot"), TEMPLATE_DOT)
        # the long option, and the file is replaced, not appended to
        p = self.sl("--build-graph", "t.yaml")
        self.assertEqual(self.read("t.yaml.dot"), TEMPLATE_DOT)

    def test_lint_output_and_status_unchanged(self):
        self.write("t.yaml", TEMPLATE)
        plain = self.sl("-f", "json", "t.yaml")
        graph = self.sl("-f", "json", "-g", "t.yaml")
        self.assertEqual((graph.returncode, graph.stdout, graph.stderr),
                         (plain.returncode, plain.stdout, ""))

    def test_sam_edges_after_the_transform(self):
        # Events that attach the function to their source (Api RestApiId, S3
        # Bucket) run from the source to the function; DeploymentPreference
        # hooks move to the CodeDeploy resources SAM generates: no edge
        self.write("sam.yaml", SAM)
        self.sl("-g", "sam.yaml")
        self.assertEqual(self.read("sam.yaml.dot"), SAM_DOT)

    def test_json_template(self):
        self.write("t.json", '{"Resources": {"A": {"Type": "AWS::SNS::Topic"}, '
                   '"B": {"Type": "AWS::SQS::Queue", "DependsOn": "A"}}}')
        self.sl("-g", "t.json")
        self.assertEqual(self.read("t.json.dot"),
                         'digraph "template" {\n'
                         'A [label="A\\n<AWS::SNS::Topic>", color=black, shape=ellipse, type=Resource];\n'
                         'B [label="B\\n<AWS::SQS::Queue>", color=black, shape=ellipse, type=Resource];\n'
                         "B -> A [key=0, source_paths=\"['DependsOn']\", label=DependsOn, color=black];\n"
                         "}\n")

    def test_order_as_cfn_lint_adds_edges(self):
        # per resource, targets in the order of their first edge, where
        # cfn-lint adds DependsOn first, then Ref, Fn::GetAtt and Fn::Sub
        # uses; the expected text was checked against cfn-lint's Graph steps
        # re-enacted with networkx (the DependsOn written last comes first,
        # a Sub variable map's Ref and the dotted GetAtt form are edges)
        self.write("order.json", ORDER_JSON)
        self.sl("-g", "order.json")
        self.assertEqual(self.read("order.json.dot"), ORDER_DOT)

    def test_no_resources(self):
        self.write("empty.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n")
        self.sl("-g", "empty.yaml")
        self.assertEqual(self.read("empty.yaml.dot"), 'digraph "template" {\n}\n')

    def test_nothing_without_the_option(self):
        self.write("t.yaml", TEMPLATE)
        self.sl("t.yaml")
        self.assertFalse(self.exists("t.yaml.dot"))

    def test_no_graph_for_a_template_that_does_not_parse(self):
        self.write("bad.yaml", "Resources:\n  A: [\n")
        self.write("dup.yaml", "Resources:\n  A: {Type: AWS::SNS::Topic}\n  A: {Type: AWS::SNS::Topic}\n")
        self.write("list.yaml", "- Resources\n")
        p = self.sl("-g", "bad.yaml", "dup.yaml", "list.yaml")
        self.assertEqual(p.stderr, "")
        for name in ("bad.yaml.dot", "dup.yaml.dot", "list.yaml.dot"):
            self.assertFalse(self.exists(name), name)

    def test_directory_walk(self):
        self.write("stacks/a.yaml", TEMPLATE)
        self.write("stacks/notes.yaml", "title: not a template\n")
        self.write("stacks/appspec.yml", "version: 0.0\nResources: []\n")
        self.sl("-g", "stacks")
        self.assertEqual(self.read("stacks/a.yaml.dot"), TEMPLATE_DOT)
        self.assertFalse(self.exists("stacks/notes.yaml.dot"))
        self.assertFalse(self.exists("stacks/appspec.yml.dot"))

    def test_deterministic(self):
        for i in range(6):
            self.write("d/t%d.yaml" % i, TEMPLATE)
        outs = set()
        for jobs in ("1", "4"):
            self.sl("-g", "-j", jobs, "d")
            outs.add(tuple(self.read("d/t%d.yaml.dot" % i) for i in range(6)))
        self.assertEqual(outs, {tuple([TEMPLATE_DOT] * 6)})

    def test_threads_write_their_own_graphs(self):
        # templates of different shapes written by several threads at once:
        # each graph is sorted with its own template (no shared sort state)
        def template(n):
            res = ["  Q0:\n    Type: AWS::SQS::Queue\n"]
            for k in range(1, n + 1):
                res.append("  Q%d:\n    Type: AWS::SQS::Queue\n    DependsOn: Q%d\n"
                           "    Properties:\n      QueueName: !GetAtt Q%d.QueueName\n"
                           "      Tags: [{Key: k, Value: !Ref Q0}]\n" % (k, k - 1, k // 2))
            return "Resources:\n" + "".join(res)
        for i in range(16):
            self.write("d/t%02d.yaml" % i, template(3 + 7 * i))
        self.sl("-g", "-j", "1", "d")
        want = [self.read("d/t%02d.yaml.dot" % i) for i in range(16)]
        for _ in range(3):
            self.sl("-g", "-j", "4", "d")
            self.assertEqual([self.read("d/t%02d.yaml.dot" % i) for i in range(16)], want)

    def test_configuration_key(self):
        self.write("t.yaml", TEMPLATE)
        self.write(".stacklintrc.yaml", "build_graph: true\n")
        self.sl("t.yaml")
        self.assertEqual(self.read("t.yaml.dot"), TEMPLATE_DOT)
        self.write(".stacklintrc.yaml", "build_graph: maybe\n")
        p = self.sl("t.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertIn("build_graph", p.stderr)


class TestGraphStdin(GraphTestCase):
    def test_stdin_with_a_name(self):
        os.makedirs(os.path.join(self.dir, "ed"))
        p = self.sl("-g", "--stdin-filename", "ed/buffer.yaml", "-", stdin=TEMPLATE)
        self.assertEqual(p.stderr, "")
        self.assertEqual(self.read("ed/buffer.yaml.dot"), TEMPLATE_DOT)
        self.assertFalse(self.exists("cfn-lint.dot"))

    def test_stdin_without_a_name(self):
        # cfn-lint: filename None -> "cfn-lint" + ".dot" in the current directory
        p = self.sl("-g", "-", stdin=TEMPLATE)
        self.assertEqual(p.stderr, "")
        self.assertEqual(self.read("cfn-lint.dot"), TEMPLATE_DOT)


class TestGraphErrors(GraphTestCase):
    def test_unwritable_path(self):
        self.write("t.yaml", "Resources:\n  A:\n    Type: AWS::SNS::Topic\n")
        # a directory where the file goes: no write succeeds, even as root
        os.makedirs(os.path.join(self.dir, "t.yaml.dot"))
        p = self.sl("-g", "t.yaml")
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertEqual(p.stderr, "stacklint: cannot write the graph 't.yaml.dot': Is a directory\n")
        # with findings, their bits join the failure's, as for a file that cannot be read
        self.write("t.yaml", TEMPLATE)
        p = self.sl("-g", "t.yaml")
        self.assertEqual(p.returncode & 1, 1, p.stderr)
        self.assertIn("t.yaml.dot", p.stderr)
        self.assertIn("cannot write the graph", p.stderr)
        self.assertEqual(len(p.stderr.splitlines()), 1, p.stderr)
        # the report is still printed
        self.assertIn("t.yaml:", p.stdout)

    def test_missing_directory(self):
        p = self.sl("-g", "--stdin-filename", "no/such/dir/t.yaml", "-", stdin=TEMPLATE)
        self.assertEqual(p.returncode & 1, 1)
        self.assertIn("no/such/dir/t.yaml.dot", p.stderr)


class TestGraphSyntax(GraphTestCase):
    def test_dot_parses_every_kind(self):
        self.write("t.yaml", TEMPLATE)
        self.write("sam.yaml", SAM)
        self.sl("-g", "t.yaml", "sam.yaml")
        for name in ("t.yaml.dot", "sam.yaml.dot"):
            self.dot_parses(name)

    def test_names_and_types_with_any_characters(self):
        # logical IDs CloudFormation rejects (E3006) and types with quotes,
        # backslashes, newlines, '$' and '`' still give valid DOT, with no
        # `${` or backtick for the VS Code preview's JavaScript template literal
        self.write("w.yaml", 'Resources:\n'
                   '  "a\\"b$`{x}":\n    Type: "x\\\\y\\n\\"z"\n'
                   '  Node:\n    Type: "T&amp;"\n    DependsOn: "a\\"b$`{x}"\n'
                   '  "9lives":\n    Type: !Sub "${AWS::Region}"\n'
                   '    Properties: {P: !Ref Node}\n')
        p = self.sl("-g", "w.yaml")
        self.assertEqual(p.stderr, "")
        text = self.read("w.yaml.dot")
        self.assertNotIn("`", text)
        self.assertNotIn("${", text)
        # a keyword and a name starting with a digit are quoted
        self.assertIn('"Node" [label="Node\\n<T&amp;amp;>"', text)
        self.assertIn('"9lives" -> "Node" [key=0', text)
        svg = self.dot_parses("w.yaml.dot")
        self.assertIn("a&quot;b$`{x}", svg)  # the label as written
        self.assertIn("T&amp;amp;", svg)


def main():
    return base.main()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""
Hover with spec facts and completion from `stacklint lsp` (src/lsp/assist.c),
driven over JSON-RPC as an editor drives it (the client of test_lsp.py):
hover on a resource type, a property, a nested property, and nothing;
completion of resource types, property names, Ref and GetAtt targets, in YAML
and JSON, in a document that does not parse, and after non-ASCII text.

    test_lsp_assist.py STACKLINT [unittest options]
"""
import os
import sys
import tempfile
import unittest

import test_lsp as base

YAML = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Timeout: 3
      Architectures: [arm64]
      VpcConfig:
        SubnetIds: []
      Role: !GetAtt Role.Arn
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
Outputs:
  Name:
    Value: !Ref Env
"""

JSON = """\
{
  "Parameters": {"Env": {"Type": "String"}},
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "BucketName": "b",
        "VersioningConfiguration": {"Status": "Enabled"}
      }
    }
  }
}
"""


def position(text, needle, delta=0, nth=0):
    """The LSP position (0-based line, UTF-16 character) of the nth
    occurrence of needle in text, moved by delta characters."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    i += delta
    line = text.count("\n", 0, i)
    start = text.rfind("\n", 0, i) + 1
    return {"line": line, "character": len(text[start:i].encode("utf-16-le")) // 2}


def cut(text, marker="@@"):
    """text without marker, and the position where it stood."""
    pos = position(text, marker)
    return text.replace(marker, "", 1), pos


class TestAssist(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="stacklint-assist-")
        self.c = base.Client(cwd=self.tmp.name)
        i = self.c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        r = self.reply(i)
        self.assertIn(":", r["result"]["capabilities"]["completionProvider"]["triggerCharacters"])
        self.c.notify("initialized")
        self.n = 0

    def tearDown(self):
        if self.c.p.poll() is None:
            i = self.c.request("shutdown")
            self.assertIsNone(self.reply(i)["result"])
            self.c.notify("exit")
            self.c.p.stdin.close()
            self.assertEqual(self.c.p.wait(timeout=30), 0)
        for f in (self.c.p.stdin, self.c.p.stdout, self.c.p.stderr):
            if f and not f.closed:
                f.close()
        self.tmp.cleanup()

    def reply(self, i):
        while True:
            m = self.c.read()
            if m.get("id") == i:
                return m

    def open(self, text, ext="yaml"):
        self.n += 1
        uri = "file:///w/t%d.%s" % (self.n, ext)
        self.c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": ext, "version": 1,
                                                                "text": text}})
        return uri

    def diagnostics(self, uri):
        """The diagnostics the server publishes for uri, once it has linted it."""
        while True:
            m = self.c.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                return m["params"]["diagnostics"]

    def hover(self, uri, pos):
        i = self.c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos})
        r = self.reply(i)["result"]
        if r is None:
            return None
        self.assertEqual(r["contents"]["kind"], "markdown")
        return r["contents"]["value"]

    def complete(self, uri, pos):
        i = self.c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": pos})
        items = self.reply(i)["result"]
        self.assertIsInstance(items, list)
        for it in items:
            # every edit replaces what was typed, on the cursor's line, up to the cursor
            rng = it["textEdit"]["range"]
            self.assertEqual(rng["start"]["line"], pos["line"])
            self.assertEqual(rng["end"], pos)
        return items

    def labels(self, items):
        return [it["label"] for it in items]

    # --- hover -------------------------------------------------------------------

    def test_hover_resource_type(self):
        uri = self.open(YAML)
        md = self.hover(uri, position(YAML, "AWS::Lambda::Function", 5))
        self.assertIn("**AWS::Lambda::Function**", md)
        self.assertIn("Required properties: `Code`, `Role`", md)
        self.assertIn("`Timeout`", md)
        self.assertIn("Fn::GetAtt attributes", md)
        self.assertIn("`Arn`", md)
        self.assertIn("<https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
                      "aws-resource-lambda-function.html>", md)
        # bounded: a type with many properties says how many are left out
        many = self.hover(uri, position(YAML, "AWS::IAM::Role", 2))
        self.assertIn("**AWS::IAM::Role**", many)

    def test_hover_property(self):
        uri = self.open(YAML)
        md = self.hover(uri, position(YAML, "Timeout", 2))
        self.assertIn("**Timeout** — property of `AWS::Lambda::Function`", md)
        self.assertIn("- Type: Integer", md)
        self.assertIn("- Required: no", md)
        self.assertIn("aws-resource-lambda-function.html", md)
        arch = self.hover(uri, position(YAML, "Architectures"))
        self.assertIn("- Type: List of String", arch)
        self.assertIn("- Allowed values: ", arch)
        self.assertIn("`arm64`", arch)
        role = self.hover(uri, position(YAML, "Role: !GetAtt"))
        self.assertIn("- Required: yes", role)
        self.assertIn("Pattern: ", role)

    def test_hover_nested_property(self):
        uri = self.open(YAML)
        md = self.hover(uri, position(YAML, "SubnetIds", 3))
        self.assertIn("**SubnetIds** — property of `AWS::Lambda::Function.VpcConfig`", md)
        self.assertIn("- Type: List of String", md)
        self.assertIn("aws-properties-lambda-function-vpcconfig.html", md)
        vpc = self.hover(uri, position(YAML, "VpcConfig"))
        self.assertIn("- Type: VpcConfig", vpc)
        self.assertIn("`SubnetIds`", vpc)  # the nested type's own properties

    def test_hover_over_nothing_is_null(self):
        uri = self.open(YAML)
        for needle in ("AWSTemplateFormatVersion", "Env:", "Type: String", "Fn:", "Value: !Ref", "Outputs"):
            self.assertIsNone(self.hover(uri, position(YAML, needle, 1)), needle)
        # a property nobody knows has no facts; once the document is linted its
        # hover is the finding's alone (the lsp test checks that hover's text)
        bad = YAML.replace("Timeout: 3", "Timeoot: 3")
        uri = self.open(bad)
        diags = self.diagnostics(uri)
        self.assertIn("E3002", [d["code"] for d in diags])
        md = self.hover(uri, position(bad, "Timeoot", 1))
        self.assertTrue(md.startswith("**E3002**"), md)
        self.assertNotIn("property of `", md)

    def test_hover_json(self):
        uri = self.open(JSON, "json")
        md = self.hover(uri, position(JSON, "AWS::S3::Bucket", 3))
        self.assertIn("**AWS::S3::Bucket**", md)
        st = self.hover(uri, position(JSON, '"Status"', 2))
        self.assertIn("**Status** — property of `AWS::S3::Bucket.VersioningConfiguration`", st)
        self.assertIn("`Enabled`", st)
        self.assertIsNone(self.hover(uri, position(JSON, '"Parameters"', 2)))
        self.assertIsNone(self.hover(uri, position(JSON, '"String"', 2)))

    # --- completion ------------------------------------------------------------

    def test_complete_types_by_prefix(self):
        text, pos = cut(YAML.replace("Type: AWS::IAM::Role", "Type: AWS::Lambda::F@@"))
        uri = self.open(text)
        items = self.complete(uri, pos)
        labels = self.labels(items)
        self.assertIn("AWS::Lambda::Function", labels)
        self.assertTrue(all(x.lower().startswith("aws::lambda::f") for x in labels), labels)
        self.assertEqual(labels, sorted(labels))
        it = items[labels.index("AWS::Lambda::Function")]
        self.assertEqual(it["textEdit"]["newText"], "AWS::Lambda::Function")
        self.assertEqual(it["textEdit"]["range"]["start"]["character"], pos["character"] - len("AWS::Lambda::F"))
        # an empty prefix: one item per service, bounded
        text, pos = cut(YAML.replace("Type: AWS::IAM::Role", "Type: @@"))
        items = self.complete(self.open(text), pos)
        labels = self.labels(items)
        self.assertIn("AWS::Lambda::", labels)
        self.assertLessEqual(len(labels), 400)
        # SAM types are there
        text, pos = cut(YAML.replace("Type: AWS::IAM::Role", "Type: AWS::Serverless::Fu@@"))
        self.assertIn("AWS::Serverless::Function", self.labels(self.complete(self.open(text), pos)))

    def test_complete_type_right_after_the_colon(self):
        text, pos = cut("Resources:\n  X:\n    Type:@@\n")
        items = self.complete(self.open(text), pos)
        self.assertTrue(items)
        self.assertTrue(all(it["textEdit"]["newText"].startswith(" AWS::") or
                            it["textEdit"]["newText"].startswith(" Alexa::") for it in items), items[:3])

    def test_sam_globals_events_and_tags(self):
        sam = ("Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 3\n    Memo@@\n"
               "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n"
               "        S:\n          Type: Kinesis\n          Properties:\n            StartingPosition: LATEST\n"
               "            Batc\n      Tags:\n        k: v\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
               "      Tags:\n        - Key: env\n          V\n")
        text, pos = cut(sam)
        uri = self.open(text)
        self.assertEqual(self.labels(self.complete(uri, pos)), ["MemorySize"])
        self.assertEqual(self.labels(self.complete(uri, position(text, "Batc", 4))), ["BatchSize"])
        self.assertEqual(self.labels(self.complete(uri, position(text, "  V\n", 3))), ["Value"])
        md = self.hover(uri, position(text, "StartingPosition", 1))
        self.assertIn("property of `AWS::Serverless::Function.KinesisEvent`", md)
        self.assertIn("`TRIM_HORIZON`", md)
        self.assertIn("sam-resource-function.html", md)
        self.assertIn("- Required: yes", self.hover(uri, position(text, "Key: env", 1)))
        self.assertIn("of AWS SAM", self.hover(uri, position(text, "AWS::Serverless::Function", 3)))

    def test_complete_property_names(self):
        text, pos = cut(YAML.replace("      Timeout: 3\n", "      Timeout: 3\n      @@\n"))
        items = self.complete(self.open(text), pos)
        labels = self.labels(items)
        self.assertIn("MemorySize", labels)
        self.assertIn("Code", labels)
        for present in ("Timeout", "Architectures", "VpcConfig", "Role"):
            self.assertNotIn(present, labels)
        code = items[labels.index("Code")]
        self.assertIn("(required)", code["detail"])
        self.assertLess(code["sortText"], items[labels.index("MemorySize")]["sortText"])
        self.assertEqual(items[labels.index("MemorySize")]["textEdit"]["newText"], "MemorySize: ")
        # a prefix, and a nested mapping
        text, pos = cut(YAML.replace("        SubnetIds: []\n", "        SubnetIds: []\n        Sec@@\n"))
        labels = self.labels(self.complete(self.open(text), pos))
        self.assertEqual(labels, ["SecurityGroupIds"])

    def test_complete_ref(self):
        text, pos = cut(YAML.replace("Timeout: 3", "Description: !Ref @@"))
        labels = self.labels(self.complete(self.open(text), pos))
        self.assertIn("Env", labels)
        self.assertIn("Role", labels)
        self.assertIn("AWS::Region", labels)
        self.assertNotIn("Fn", labels)  # itself
        text, pos = cut(YAML.replace("Timeout: 3", "Description:\n        Ref: AWS::Reg@@"))
        self.assertEqual(self.labels(self.complete(self.open(text), pos)), ["AWS::Region"])

    def test_complete_getatt(self):
        text, pos = cut(YAML.replace("!GetAtt Role.Arn", "!GetAtt Role.@@"))
        items = self.complete(self.open(text), pos)
        labels = self.labels(items)
        self.assertIn("Arn", labels)
        self.assertIn("RoleId", labels)
        self.assertEqual(items[0]["textEdit"]["range"]["start"]["character"], pos["character"])
        text, pos = cut(YAML.replace("!GetAtt Role.Arn", "!GetAtt @@"))
        self.assertEqual(self.labels(self.complete(self.open(text), pos)), ["Role"])
        text, pos = cut(YAML.replace("!GetAtt Role.Arn", "!GetAtt [Role, R@@"))
        self.assertEqual(self.labels(self.complete(self.open(text), pos)), ["RoleId"])
        text, pos = cut(YAML.replace("!GetAtt Role.Arn", "\n        Fn::GetAtt:\n          - Role\n          - A@@"))
        self.assertEqual(self.labels(self.complete(self.open(text), pos)), ["Arn"])

    def test_complete_json(self):
        text, pos = cut(JSON.replace('"AWS::S3::Bucket"', '"AWS::S3::Buc@@"'))
        self.assertIn("AWS::S3::Bucket", self.labels(self.complete(self.open(text, "json"), pos)))
        text, pos = cut(JSON.replace('"BucketName": "b"', '"BucketName": "b", "Obj@@"'))
        labels = self.labels(self.complete(self.open(text, "json"), pos))
        self.assertIn("ObjectLockEnabled", labels)
        text, pos = cut(JSON.replace('"BucketName": "b"', '"BucketName": {"Ref": "@@"}'))
        labels = self.labels(self.complete(self.open(text, "json"), pos))
        self.assertIn("Env", labels)
        self.assertIn("AWS::StackName", labels)
        self.assertNotIn("Bucket", labels)
        text, pos = cut(JSON.replace('"BucketName": "b"', '"BucketName": {"Fn::GetAtt": ["Bucket", "Dom@@"]}'))
        labels = self.labels(self.complete(self.open(text, "json"), pos))
        self.assertIn("DomainName", labels)

    def test_document_that_does_not_parse(self):
        # a key with no colon yet, and an unterminated quote further down
        text, pos = cut(YAML.replace("      Timeout: 3\n", "      Timeout: 3\n      Memo@@\n") +
                        "Outputs:\n  O:\n    Value: \"unterminated\n")
        uri = self.open(text)
        self.assertEqual(self.labels(self.complete(uri, pos)), ["MemorySize"])
        self.assertIn("- Type: Integer", self.hover(uri, position(text, "Timeout")))
        text, pos = cut(JSON.replace('"BucketName": "b",', '"BucketName": "b", "Tag@@\n'))
        self.assertIn("Tags", self.labels(self.complete(self.open(text, "json"), pos)))

    def test_non_ascii_before_the_cursor(self):
        line = '      Tags: [{Key: "日本語😀", Value: !Ref @@'
        text, pos = cut(YAML.replace("      Timeout: 3", line))
        items = self.complete(self.open(text), pos)
        self.assertIn("Env", self.labels(items))
        # UTF-16: the emoji counts two
        self.assertEqual(pos["character"], len(line) - 2 + 1)
        text, pos = cut(JSON.replace('"BucketName": "b"', '"BucketName": "é😀", "Versioning@@'))
        items = self.complete(self.open(text, "json"), pos)
        self.assertEqual(self.labels(items), [])  # present already
        text, pos = cut(JSON.replace('"BucketName": "b"', '"BucketName": "é😀", "Obj@@'))
        items = self.complete(self.open(text, "json"), pos)
        self.assertIn("ObjectLockEnabled", self.labels(items))
        md = self.hover(self.open(text.replace('"Obj', '"Tags'), "json"),
                        position(text.replace('"Obj', '"Tags'), '"Tags', 2))
        self.assertIn("**Tags**", md)

    def test_columns_in_the_agreed_encoding(self):
        # a client that offers UTF-8 gets byte columns in the edits too
        c = base.Client(cwd=self.tmp.name)
        try:
            c.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                    "params": {"capabilities": {"general": {"positionEncodings": ["utf-8"]}}}})
            r = c.read()
            self.assertEqual(r["result"]["capabilities"]["positionEncoding"], "utf-8")
            line = '      Tags: [{Key: "日本😀", Value: !Ref Env'
            text = YAML.replace("      Timeout: 3", line)
            c.notify("textDocument/didOpen", {"textDocument": {"uri": "file:///w/u.yaml", "languageId": "yaml",
                                                               "version": 1, "text": text}})
            pos = {"line": text[:text.index(line)].count("\n"), "character": len(line.encode("utf-8"))}
            c.send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/completion",
                    "params": {"textDocument": {"uri": "file:///w/u.yaml"}, "position": pos}})
            while True:
                m = c.read()
                if m.get("id") == 2:
                    break
            items = m["result"]
            self.assertEqual([it["label"] for it in items], ["Env"])
            self.assertEqual(items[0]["textEdit"]["range"]["start"]["character"], pos["character"] - 3)
            self.assertEqual(items[0]["textEdit"]["range"]["end"], pos)
            c.send({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})
            while c.read().get("id") != 3:
                pass
            c.notify("exit")
            c.p.stdin.close()
            self.assertEqual(c.p.wait(timeout=30), 0)
        finally:
            if c.p.poll() is None:
                c.p.kill()
                c.p.wait()
            for f in (c.p.stdin, c.p.stdout, c.p.stderr):
                if f and not f.closed:
                    f.close()

    def test_nothing_to_offer(self):
        text, pos = cut(YAML.replace("AWSTemplateFormatVersion", "AWSTemplate@@FormatVersion"))
        self.assertEqual(self.complete(self.open(text), pos), [])
        text, pos = cut("Parameters:\n  Env:\n    Type: Str@@\n")
        self.assertEqual(self.complete(self.open(text), pos), [])


if __name__ == "__main__":
    base.STACKLINT = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)

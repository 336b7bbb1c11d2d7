#!/usr/bin/env python3
"""
`stacklint lsp` code actions where a fix is certain: the SAM transform for a
SAM type without it, SAM Cors values in API Gateway's quotes, a misspelt
type, property, condition or GetAtt target replaced with the suggestion —
each applied to the text and linted again to show the finding gone — and
none where the fix is not certain.

    test_lsp_fixes.py STACKLINT [unittest options]
"""
import os
import sys
import unittest

import test_lsp
from test_lsp_sched import Base

MISSPELT = """\
Parameters:
  Env: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Topic:
    Type: AWS::SNS::Topik
  Q:
    Type: AWS::SQS::Queue
    Condition: IsProdd
    Properties:
      QueueNam: !Ref Env
      DelaySeconds: !GetAtt Topc.TopicName
"""

CORS = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Cors:
        AllowOrigin: "*"
        AllowMethods: GET
"""

NO_TRANSFORM = """\
AWSTemplateFormatVersion: "2010-09-09"
# the function
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: s3://bucket/key.zip
"""


def apply(text, edit, uri, units="utf-16"):
    """Applies a WorkspaceEdit's changes for uri to text (positions in UTF-16)."""
    lines = text.split("\n")

    def offset(pos):
        line = lines[pos["line"]]
        # UTF-16 units to a Python index
        n, i = 0, 0
        while n < pos["character"]:
            n += 2 if ord(line[i]) > 0xFFFF else 1
            i += 1
        return sum(len(l) + 1 for l in lines[:pos["line"]]) + i

    for e in sorted(edit["changes"][uri], key=lambda e: offset(e["range"]["start"]), reverse=True):
        a, b = offset(e["range"]["start"]), offset(e["range"]["end"])
        text = text[:a] + e["newText"] + text[b:]
    return text


class TestFixes(Base):
    uri = "file:///t.yaml"

    def lint(self, text, version):
        if version == 1:
            self.open(self.uri, text)
        else:
            self.c.notify("textDocument/didChange", {"textDocument": {"uri": self.uri, "version": version},
                                                     "contentChanges": [{"text": text}]})
        m = self.c.read()
        self.assertEqual(m["params"]["version"], version)
        return m["params"]["diagnostics"]

    def actions(self, diag):
        i = self.c.request("textDocument/codeAction", {"textDocument": {"uri": self.uri}, "range": diag["range"],
                                                       "context": {"diagnostics": [diag]}})
        r = self.c.read()
        self.assertEqual(r["id"], i)
        return r["result"]

    def fix(self, text, diags, code, title_part):
        d = [d for d in diags if d["code"] == code][0]
        acts = self.actions(d)
        fixes = [a for a in acts if title_part in a["title"]]
        self.assertEqual(len(fixes), 1, [a["title"] for a in acts])
        self.assertTrue(fixes[0].get("isPreferred"))
        # the suppression is always offered too (YAML)
        self.assertIn(f"Suppress {code} on this line", [a["title"] for a in acts])
        return apply(text, fixes[0]["edit"], self.uri)

    def test_misspelt_names(self):
        self.start()
        self.init(options={"debounceMs": 0})
        text = MISSPELT
        diags = self.lint(text, 1)
        codes = {d["code"] for d in diags}
        self.assertTrue({"E3006", "E3015", "E3002", "E1010"} <= codes, codes)
        text = self.fix(text, diags, "E3006", "Replace 'AWS::SNS::Topik' with 'AWS::SNS::Topic'")
        text = self.fix(text, diags, "E3015", "Replace 'IsProdd' with 'IsProd'")
        text = self.fix(text, diags, "E3002", "Replace 'QueueNam' with 'QueueName'")
        text = self.fix(text, diags, "E1010", "Replace 'Topc' with 'Topic'")
        self.assertIn("Type: AWS::SNS::Topic\n", text)
        self.assertIn("!GetAtt Topic.TopicName", text)
        codes = {d["code"] for d in self.lint(text, 2)}
        self.assertFalse({"E3006", "E3015", "E3002", "E1010"} & codes, codes)
        self.assertEqual(self.c.finish(), 0)

    def test_sam_cors_quotes(self):
        self.start()
        self.init(options={"debounceMs": 0})
        text = CORS
        diags = self.lint(text, 1)
        e = [d for d in diags if d["code"] == "E99010"]
        self.assertEqual(len(e), 2, diags)
        text = self.fix(text, diags, "E99010", "Quote the header value")
        self.assertIn("""AllowOrigin: "'*'"\n""", text)
        diags = self.lint(text, 2)
        text = self.fix(text, diags, "E99010", "Quote the header value")
        self.assertIn("""AllowMethods: "'GET'"\n""", text)
        self.assertNotIn("E99010", [d["code"] for d in self.lint(text, 3)])
        self.assertEqual(self.c.finish(), 0)

    def test_add_sam_transform(self):
        self.start()
        self.init(options={"debounceMs": 0})
        for version, (text, want) in enumerate([
                (NO_TRANSFORM, "AWSTemplateFormatVersion: \"2010-09-09\"\n"
                               "Transform: AWS::Serverless-2016-10-31\n# the function\nResources:"),
                ('{"Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "a.b",'
                 ' "Runtime": "python3.12", "CodeUri": "s3://b/k.zip"}}}}',
                 '{\n  "Transform": "AWS::Serverless-2016-10-31","Resources"')], start=1):
            self.uri = f"file:///t{version}.{'yaml' if version == 1 else 'json'}"
            self.open(self.uri, text, version)
            diags = self.c.read()["params"]["diagnostics"]
            d = [d for d in diags if d["code"] == "E3038"][0]
            acts = self.actions(d)
            fixes = [a for a in acts if a["title"].startswith("Add the SAM transform")]
            self.assertEqual(len(fixes), 1, acts)
            fixed = apply(text, fixes[0]["edit"], self.uri)
            self.assertIn(want, fixed)
            # JSON: no comment, so no suppression
            self.assertEqual(any(a["title"].startswith("Suppress") for a in acts), version == 1)
            self.c.notify("textDocument/didChange", {"textDocument": {"uri": self.uri, "version": 10},
                                                     "contentChanges": [{"text": fixed}]})
            diags = self.c.read()["params"]["diagnostics"]
            self.assertNotIn("E3038", [d["code"] for d in diags])
        self.assertEqual(self.c.finish(), 0)

    def test_client_sends_back_other_columns(self):
        # Neovim 0.7 takes UTF-16 columns but sends its diagnostics back with
        # byte columns: the server finds its own finding by line, rule and
        # message, so the fix is offered on a line with an emoji too
        self.start()
        self.init(options={"debounceMs": 0})
        text = ("Parameters:\n  Name: {Type: String}\nResources:\n"
                "  T:\n    Type: AWS::SNS::Topic\n"
                "    Properties: {DisplayName: \"\u00e9\U0001F600\", TopicName: !Ref Nme}\n")
        d = [d for d in self.lint(text, 1) if d["code"] == "E1020"][0]
        line = text.splitlines()[5]
        byte_col = len(line[:line.index("Nme")].encode("utf-8"))
        self.assertNotEqual(d["range"]["start"]["character"], byte_col)
        d["range"]["start"]["character"] = byte_col
        d["range"]["end"]["character"] = byte_col + 3
        titles = [a["title"] for a in self.actions(d)]
        self.assertIn("Replace 'Nme' with 'Name'", titles)
        self.assertEqual(self.c.finish(), 0)

    def test_no_fix_where_not_certain(self):
        self.start()
        self.init(options={"debounceMs": 0})
        # a transform list that is not SAM's: where to add it is a choice;
        # a Cors value with a quote inside; an escape in a misspelt key
        text = ("Transform: [AWS::Include]\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
                "  T:\n    Type: \"AWS::SNS::Topi\\x6b\"\n")
        diags = self.lint(text, 1)
        for d in diags:
            titles = [a["title"] for a in self.actions(d)]
            self.assertEqual([t for t in titles if not t.startswith("Suppress")], [], (d, titles))
        self.assertEqual(self.c.finish(), 0)


if __name__ == "__main__":
    test_lsp.STACKLINT = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)

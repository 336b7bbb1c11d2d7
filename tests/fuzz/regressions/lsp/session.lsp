Content-Length: 241

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {"general": {"positionEncodings": ["utf-8"]}, "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}, "initializationOptions": {"debounceMs": 0}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 66

{"jsonrpc": "2.0", "id": "stacklint-watch-config", "result": null}Content-Length: 334

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/t.yaml", "version": 1, "languageId": "yaml", "text": "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      Runtime: python3.12\n      CodeUri: s3://b/k\n  T:\n    Type: AWS::SNS::Topik\n"}}}Content-Length: 467

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/t.yaml"}, "context": {"diagnostics": [{"range": {"start": {"line": 2, "character": 10}, "end": {"line": 2, "character": 34}}, "code": "E3038", "message": "x"}, {"range": {"start": {"line": 8, "character": 10}, "end": {"line": 8, "character": 25}}, "code": "E3006", "message": "unknown resource type 'AWS::SNS::Topik' (did you mean 'AWS::SNS::Topic'?)"}]}}}Content-Length: 264

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/t.yaml", "version": 2}, "contentChanges": [{"range": {"start": {"line": 99, "character": 99}, "end": {"line": 0, "character": 0}}, "text": "\u00e9\ud83d\ude00"}]}}Content-Length: 163

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///w/t.yaml"}, "position": {"line": 8, "character": 16}}}Content-Length: 158

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/t.yaml"}, "position": {"line": 2, "character": 14}}}Content-Length: 132

{"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {"changes": [{"uri": "file:///w/.cfnlintrc", "type": 2}]}}Content-Length: 49

{"jsonrpc": "2.0", "id": 5, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
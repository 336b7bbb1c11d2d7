#!/usr/bin/env python3
"""Writes tests/fuzz/cfn.dict, the libFuzzer dictionary of the fuzz targets
(issue 16, Fuzzing): the words a CloudFormation or SAM template is made of, so
that mutations build templates the rules look into rather than random bytes.

  - template sections, resource attributes, parameter and output keys;
  - intrinsic functions in both forms (Fn::Sub and !Sub), Ref, Condition,
    pseudo parameters, the transforms;
  - YAML and JSON syntax the loader treats specially (tags, anchors, aliases,
    merge keys, block scalars, document markers, flow collections);
  - suppressions: cfn-lint Metadata and `# stacklint:` comments;
  - resource types and property names: those the rule fixtures use
    (fixtures/rules/), the types kept only when the built-in spec
    (src/spec/spec.bin) knows them, most used first, and the 300 keys they
    use most.

    tools/gen_fuzz_dict.py                 # rewrites tests/fuzz/cfn.dict
    tools/gen_fuzz_dict.py --check FILE    # FILE parses as libFuzzer reads a -dict
                                           # file (tests/meson.build, suite fuzz)

python3 stdlib only; deterministic.
"""
import collections
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SECTIONS = ['AWSTemplateFormatVersion', '2010-09-09', 'Description', 'Metadata', 'Transform',
            'Parameters', 'Mappings', 'Conditions', 'Rules', 'Resources', 'Outputs', 'Globals']
ATTRIBUTES = ['Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy',
              'UpdateReplacePolicy', 'CreationPolicy', 'UpdatePolicy', 'ResourceSignal',
              'Retain', 'Snapshot', 'Delete', 'RetainExceptOnCreate', 'Version']
PARAMS = ['Default', 'AllowedValues', 'AllowedPattern', 'NoEcho', 'MinLength', 'MaxLength',
          'MinValue', 'MaxValue', 'ConstraintDescription', 'String', 'Number',
          'List<Number>', 'CommaDelimitedList', 'AWS::EC2::KeyPair::KeyName',
          'AWS::SSM::Parameter::Value<String>', 'List<AWS::EC2::Subnet::Id>']
OUTPUTS = ['Value', 'Export', 'Name', 'Assertions', 'Assert', 'AssertDescription',
           'RuleCondition']
FUNCTIONS = ['Ref', 'Condition', 'Fn::Base64', 'Fn::Cidr', 'Fn::FindInMap', 'Fn::GetAtt',
             'Fn::GetAZs', 'Fn::ImportValue', 'Fn::Join', 'Fn::Length', 'Fn::Select',
             'Fn::Split', 'Fn::Sub', 'Fn::ToJsonString', 'Fn::Transform', 'Fn::And',
             'Fn::Equals', 'Fn::If', 'Fn::Not', 'Fn::Or', 'Fn::Contains', 'Fn::EachMemberEquals',
             'Fn::EachMemberIn', 'Fn::RefAll', 'Fn::ValueOf', 'Fn::ValueOfAll', 'Fn::ForEach',
             'Fn::GetStackOutput', 'DefaultValue']
TAGS = ['!Ref ', '!Condition ', '!Base64 ', '!Cidr ', '!FindInMap ', '!GetAtt ', '!GetAZs ',
        '!ImportValue ', '!Join ', '!Select ', '!Split ', '!Sub ', '!Transform ', '!And ',
        '!Equals ', '!If ', '!Not ', '!Or ', '!Length ', '!ToJsonString ', '!!str ', '!!int ',
        '!!bool ', '!!binary ', '!!map ', '!!seq ', '!!null ', '!Unknown ']
PSEUDO = ['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition',
          'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix',
          '${AWS::Region}', '${AWS::StackName}', '${!Literal}', '${', '}', '.Arn', '.Outputs.']
TRANSFORMS = ['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions', 'AWS::Include',
              'AWS::CodeDeployBlueGreen', 'Location', 'AutoPublishAlias',
              'DeploymentPreference', 'Events', 'CodeUri', 'InlineCode', 'Handler', 'Runtime',
              'Timeout', 'Tracing', 'Active', 'Cors', 'AllowOrigin', "\"'*'\"", 'Role', 'Layers',
              'VpcConfig', 'Environment', 'Variables', 'Policies']
YAML = ['---\n', '...\n', '%YAML 1.1\n', '&a ', '*a', '<<: ', '? ', ': ', '- ', '|\n', '>-\n',
        '|+\n', '# ', '"', "'", '{', '}', '[', ']', ', ', '\t', '\r\n', '\\u0000', '\\ud83d\\ude00',
        'yes', 'no', 'on', 'off', 'true', 'false', 'null', '~', '0777', '0x1F', '1e3', '.inf',
        '2001-12-14', '\ufeff']
SUPPRESS = ['cfn-lint', 'config', 'ignore_checks', 'include_checks', 'configure_rules',
            'regions', '# cfn-lint: disable=', '# stacklint: disable=',
            '# stacklint: disable-next-line=', '# stacklint: disable-line=',
            '# stacklint: enable=', '# stacklint: disable-file=', ' -- reason',
            'E3012', 'W1001', 'I3042', 'E0000', 'W', 'AWS::CloudFormation::Init',
            'AWS::CloudFormation::Interface', 'ParameterGroups', 'configSets',
            'cfn-init', 'cfn-signal', 'cfn-hup', '--resource ', '--configsets ', '--stack ',
            '--region ']

TYPE_RE = re.compile(r'\b((?:AWS|Alexa)::[A-Za-z0-9]+::[A-Za-z0-9]+)\b')
KEY_RE = re.compile(r'^\s+([A-Z][A-Za-z0-9]{2,}):', re.M)


def fixture_words():
    types, keys = collections.Counter(), collections.Counter()
    base = os.path.join(ROOT, 'fixtures', 'rules')
    for d, _, files in sorted(os.walk(base)):
        for f in sorted(files):
            if not f.endswith(('.yaml', '.yml', '.json', '.template')) or f.endswith('.expected.json'):
                continue
            with open(os.path.join(d, f), encoding='utf-8', errors='replace') as fh:
                text = fh.read()
            types.update(TYPE_RE.findall(text))
            keys.update(KEY_RE.findall(text))
    return types, keys


def spec_types():
    with open(os.path.join(ROOT, 'src', 'spec', 'spec.bin'), 'rb') as f:
        blob = f.read()
    return {m.decode() for m in re.findall(rb'(?:AWS|Alexa)::[A-Za-z0-9]+::[A-Za-z0-9]+', blob)}


def escape(s):
    out = []
    for ch in s.encode('utf-8'):
        c = chr(ch)
        if c == '\\':
            out.append('\\\\')
        elif c == '"':
            out.append('\\"')
        elif 0x20 <= ch < 0x7f:
            out.append(c)
        else:
            out.append('\\x%02X' % ch)
    return ''.join(out)


def generate():
    types, keys = fixture_words()
    known = spec_types()
    groups = [('section', SECTIONS), ('attr', ATTRIBUTES), ('param', PARAMS), ('output', OUTPUTS),
              ('fn', FUNCTIONS), ('tag', TAGS), ('pseudo', PSEUDO), ('sam', TRANSFORMS),
              ('yaml', YAML), ('supp', SUPPRESS)]
    seen = set()
    lines = ['# libFuzzer dictionary for the stacklint fuzz targets (tests/fuzz/).',
             '# Generated by tools/gen_fuzz_dict.py from its word lists, the rule fixtures',
             '# and the built-in spec: edit the script, not this file.', '']
    for name, words in groups:
        lines.append('# %s' % name)
        for i, w in enumerate(words):
            if w in seen:
                continue
            seen.add(w)
            lines.append('%s_%d="%s"' % (name, i, escape(w)))
        lines.append('')
    lines.append('# resource types of the rule fixtures, known to the spec, most used first')
    k = 0
    for t, _ in sorted(types.items(), key=lambda kv: (-kv[1], kv[0])):
        if t in known and t not in seen:
            seen.add(t)
            lines.append('type_%d="%s"' % (k, escape(t)))
            k += 1
    lines.append('')
    lines.append('# the 300 property and other keys the rule fixtures use most')
    k = 0
    for w, n in sorted(keys.items(), key=lambda kv: (-kv[1], kv[0])):
        if k < 300 and w not in seen:
            seen.add(w)
            lines.append('key_%d="%s"' % (k, escape(w)))
            k += 1
    return '\n'.join(lines) + '\n'


ENTRY_RE = re.compile(r'^[A-Za-z0-9_]*(@[0-9]+)?="((?:[\x20-\x21\x23-\x5b\x5d-\x7e]|\\\\|\\"|\\x[0-9A-Fa-f]{2})*)"$')


def check(path):
    """Every line blank, a comment or name="value" with libFuzzer's escapes
    (ParseDictionaryFile: \\\\, \\" and \\xAB only); no duplicate value."""
    bad, values, n = 0, set(), 0
    with open(path, encoding='ascii') as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            m = ENTRY_RE.match(line)
            if not m:
                print('%s:%d: not a dictionary entry: %s' % (path, no, line))
                bad += 1
                continue
            if m.group(2) in values:
                print('%s:%d: duplicate value: %s' % (path, no, line))
                bad += 1
            values.add(m.group(2))
            n += 1
    for must in ('Fn::Sub', '!GetAtt ', 'Resources', 'AWS::Serverless::Function'):
        if escape(must) not in values:
            print('%s: lacks %r' % (path, must))
            bad += 1
    print('%s: %d entries, %d problems' % (path, n, bad))
    return 1 if bad or n < 100 else 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == '--check':
        return check(sys.argv[2])
    if len(sys.argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = os.path.join(ROOT, 'tests', 'fuzz', 'cfn.dict')
    with open(out, 'w', encoding='ascii') as f:
        f.write(generate())
    print(out)
    return check(out)


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""The scaling benchmark (issue 16, "The rule": every rule is O(template) or
O(template log template)).

For each input shape that has once been superlinear, generates a template (or a
directory of templates) at 1x, 4x and 16x a base size, lints each with the real
CLI (every rule, informational ones too: -c I), and prints CPU time, wall time
and peak RSS per size and the growth exponent per shape: the slope of
log(cost - cost of a trivial template) over log(size) from 4x to 16x. A linear
rule gives ~1.0, n log n a little more; any exponent above 1.2 is a defect to
explain or fix (flagged with '!').

CPU time (user + system of the child, from wait4) is the figure the exponent
is taken from: on a shared machine it moves far less with load than wall time.
Peak RSS is the child's, from GNU time (/usr/bin/time) where it is installed. A run that passes --timeout is stopped and
shown as '>T' (a hang: its exponent is 'hang').

    bench/scaling.py [--exe build-bench/src/stacklint] [--quick] [--shapes a,b] [--runs R]
    bench/scaling.py --guard 120 [--quick] EXE    # the hang guard (tests/meson.build,
                                                  # suite 'scaling'): each shape's 16x
                                                  # case once; fails on a hang, a
                                                  # crash, exit 1 or an E0000

python3 stdlib only. Generated inputs go to a temporary directory (--keep DIR
keeps them). bench/pathological.sh runs this after its own cases.
"""
import argparse
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# ---------------------------------------------------------------- generators
# Each takes n (the size knob) and a path, and writes one template there (or,
# for many_files, a directory of n templates). Every template is one that
# CloudFormation accepts in shape; findings are welcome (they exercise the
# diagnostics path: positions, suppressions, sorting).

HDR = ['AWSTemplateFormatVersion: "2010-09-09"']


def write(path, lines):
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')


def gen_resources(n, path):
    """n resources of a few kinds, each Ref-ing or GetAtt-ing its neighbour."""
    L = HDR + ['Parameters:', '  Env:', '    Type: String', '    Default: dev', 'Resources:']
    for i in range(n):
        k = i % 4
        if k == 0:
            L += ['  Topic%d:' % i, '    Type: AWS::SNS::Topic', '    Properties:',
                  '      TopicName: !Sub "${Env}-topic-%d"' % i]
        elif k == 1:
            L += ['  Queue%d:' % i, '    Type: AWS::SQS::Queue', '    Properties:',
                  '      VisibilityTimeout: 60',
                  '      Tags: [{Key: topic, Value: !Ref Topic%d}]' % (i - 1)]
        elif k == 2:
            L += ['  Sub%d:' % i, '    Type: AWS::SNS::Subscription', '    Properties:',
                  '      Protocol: sqs', '      TopicArn: !Ref Topic%d' % (i - 2),
                  '      Endpoint: !GetAtt Queue%d.Arn' % (i - 1)]
        else:
            L += ['  Bucket%d:' % i, '    Type: AWS::S3::Bucket', '    Properties:',
                  '      BucketName: !Sub "b-${AWS::AccountId}-%d"' % i,
                  '      Tags: [{Key: q, Value: !GetAtt Queue%d.QueueName}]' % (i - 2)]
    L += ['Outputs:', '  Last:', '    Value: !Ref Topic0']
    write(path, L)


def gen_conditions(n, path):
    """n conditions on one parameter, n resources each under one of them and
    DependsOn the previous one (E3005 asks whether one condition implies the
    other for every pair), Fn::If in every resource."""
    L = HDR + ['Parameters:', '  Env:', '    Type: String', 'Conditions:']
    for i in range(n):
        if i % 3 == 0:
            L.append('  C%d: !Equals [!Ref Env, v%d]' % (i, i))
        elif i % 3 == 1:
            L.append('  C%d: !Or [!Condition C%d, !Equals [!Ref Env, v%d]]' % (i, i - 1, i))
        else:
            L.append('  C%d: !And [!Condition C%d, !Not [!Equals [!Ref Env, v%d]]]' % (i, i - 1, i))
    L.append('Resources:')
    for i in range(n):
        L += ['  T%d:' % i, '    Type: AWS::SNS::Topic', '    Condition: C%d' % i]
        if i:
            L.append('    DependsOn: T%d' % (i - 1))
        L += ['    Properties:',
              '      DisplayName: !If [C%d, a, !Ref "AWS::NoValue"]' % (i - 1 if i else 0)]
    write(path, L)


def gen_condition_dag(n, path):
    """Nested conditions as a DAG: n levels of 10 conditions, each a Fn::And of
    all 10 of the level below (expanded without memo: 10^n terms), over 10
    parameters. A resource per level under that level's first condition
    DependsOn the one below (implied: no finding) and on Target, under a
    condition no level implies (a finding each: the whole DAG is asked)."""
    w = 10
    L = HDR + ['Parameters:', '  Q:', '    Type: String']
    for j in range(w):
        L += ['  P%d:' % j, '    Type: String']
    L += ['Conditions:', '  Other: !Equals [!Ref Q, "yes"]']
    for j in range(w):
        L.append('  L0C%d: !Equals [!Ref P%d, "on"]' % (j, j))
    for lv in range(1, n):
        for j in range(w):
            refs = ', '.join('!Condition L%dC%d' % (lv - 1, (j + k) % w) for k in range(w))
            L.append('  L%dC%d: !And [%s]' % (lv, j, refs))
    L += ['Resources:', '  Target:', '    Type: AWS::SNS::Topic', '    Condition: Other']
    for lv in range(n):
        L += ['  R%d:' % lv, '    Type: AWS::SNS::Topic', '    Condition: L%dC0' % lv,
              '    DependsOn: [Target%s]' % (', R%d' % (lv - 1) if lv else '')]
    write(path, L)


def gen_sub_long(n, path):
    """One Fn::Sub string of n segments (~40 bytes each) with a variable in
    every fourth, and a long literal string."""
    parts = []
    for i in range(n):
        if i % 4 == 0:
            parts.append('seg%06d-${AWS::Region}-${Topic}-' % i)
        else:
            parts.append('segment-%06d-plain-text-abcdefghij-' % i)
    s = ''.join(parts)
    L = HDR + ['Resources:', '  Topic:', '    Type: AWS::SNS::Topic',
               '  Param:', '    Type: AWS::SSM::Parameter', '    Properties:', '      Type: String',
               '      Value: !Sub "%s"' % s,
               '      Description: "%s"' % ('x' * (n * 10))]
    write(path, L)


def gen_sub_vars(n, path):
    """Fn::Sub with a variable map of n entries, every one used in the string
    but the last (one W1019)."""
    s = ''.join('v${V%d}-' % i for i in range(n - 1))
    L = HDR + ['Resources:', '  Param:', '    Type: AWS::SSM::Parameter', '    Properties:',
               '      Type: String', '      Value: !Sub', '        - "%s"' % s, '        -']
    for i in range(n):
        L.append('          V%d: val%d' % (i, i))
    write(path, L)


def gen_metadata_wide(n, path):
    """Template Metadata with n keys (each value carrying a YAML anchor: one
    W1100 each), and n resources with a finding and a Metadata of their own
    whose cfn-lint ignore_checks suppresses another rule."""
    L = HDR + ['Metadata:', '  cfn-lint:', '    config:', '      ignore_checks: [W9999]']
    for i in range(n):
        L.append('  Key%d: &a%d {Owner: team%d, Note: "note %d"}' % (i, i, i % 7, i))
    L.append('Resources:')
    for i in range(n):
        L += ['  T%d:' % i, '    Type: AWS::SNS::Topic', '    Metadata:',
              '      cfn-lint: {config: {ignore_checks: [E3012]}}',
              '      Doc%d: {a: 1, b: [x, y]}' % i,
              '    Properties:', '      Bogus%d: x' % i]
    write(path, L)


def gen_apigw_deep(n, path):
    """An API Gateway resource path n levels deep, a method at every level
    integrating one function whose Timeout outlasts API Gateway's."""
    L = HDR + ['Resources:',
               '  Role:', '    Type: AWS::IAM::Role', '    Properties:',
               '      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, '
               'Principal: {Service: lambda.amazonaws.com}, Action: "sts:AssumeRole"}]}',
               '  Fn:', '    Type: AWS::Lambda::Function', '    Properties:',
               '      Runtime: python3.12', '      Handler: index.handler', '      Timeout: 60',
               '      Role: !GetAtt Role.Arn', '      Code: {ZipFile: "def handler(e, c): pass"}',
               '  Perm:', '    Type: AWS::Lambda::Permission', '    Properties:',
               '      Action: lambda:InvokeFunction', '      FunctionName: !Ref Fn',
               '      Principal: apigateway.amazonaws.com',
               '  Api:', '    Type: AWS::ApiGateway::RestApi', '    Properties:', '      Name: deep']
    for i in range(n):
        parent = '!GetAtt Api.RootResourceId' if i == 0 else '!Ref P%d' % (i - 1)
        L += ['  P%d:' % i, '    Type: AWS::ApiGateway::Resource', '    Properties:',
              '      RestApiId: !Ref Api', '      ParentId: %s' % parent,
              '      PathPart: level%d' % i,
              '  M%d:' % i, '    Type: AWS::ApiGateway::Method', '    Properties:',
              '      RestApiId: !Ref Api', '      ResourceId: !Ref P%d' % i,
              '      HttpMethod: GET', '      AuthorizationType: NONE',
              '      Integration:', '        Type: AWS_PROXY', '        IntegrationHttpMethod: POST',
              '        Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/'
              'functions/${Fn.Arn}/invocations"']
    write(path, L)


def gen_depends_on(n, path):
    """n resources, each DependsOn up to 8 before it and under one of 10 nested
    conditions (E3005 asks for every edge whether one implies the other), and
    one that DependsOn all."""
    L = HDR + ['Parameters:', '  Env:', '    Type: String', 'Conditions:',
               '  C0: !Equals [!Ref Env, prod]']
    for k in range(1, 10):
        L.append('  C%d: !And [!Condition C%d, !Not [!Equals [!Ref Env, v%d]]]' % (k, k - 1, k))
    L.append('Resources:')
    for i in range(n):
        L += ['  Q%d:' % i, '    Type: AWS::SQS::Queue', '    Condition: C%d' % (9 - i % 10)]
        deps = ['Q%d' % j for j in range(max(0, i - 8), i)]
        if deps:
            L.append('    DependsOn: [%s]' % ', '.join(deps))
    L += ['  Sink:', '    Type: AWS::SNS::Topic', '    Condition: C9', '    DependsOn:']
    L += ['      - Q%d' % i for i in range(n)]
    write(path, L)


def gen_userdata(n, path):
    """One instance whose UserData (Fn::Base64 of Fn::Sub) is a script of n
    lines calling the helper scripts, with cfn-init metadata."""
    script = ['#!/bin/bash -xe', 'yum update -y aws-cfn-bootstrap']
    for i in range(n):
        k = i % 5
        if k == 0:
            script.append('/opt/aws/bin/cfn-init -v --stack ${AWS::StackName} --resource Host '
                          '--configsets setup --region ${AWS::Region}')
        elif k == 1:
            script.append('echo "step %d in ${AWS::Region}" >> /var/log/setup.log' % i)
        elif k == 2:
            script.append('aws s3 cp s3://${Bucket}/part%d /tmp/part%d || true' % (i, i))
        elif k == 3:
            script.append('if [ -f /tmp/part%d ]; then chmod 0644 /tmp/part%d; fi' % (i, i))
        else:
            script.append('export VAR_%d="value-%d"' % (i, i))
    script.append('/opt/aws/bin/cfn-signal -e $? --stack ${AWS::StackName} --resource Host '
                  '--region ${AWS::Region}')
    L = HDR + ['Resources:', '  Bucket:', '    Type: AWS::S3::Bucket',
               '  Host:', '    Type: AWS::EC2::Instance',
               '    CreationPolicy: {ResourceSignal: {Timeout: PT15M}}',
               '    Metadata:', '      AWS::CloudFormation::Init:',
               '        configSets: {setup: [base]}',
               '        base:', '          files:', '            /etc/motd: {content: hello, mode: "000644"}',
               '    Properties:', '      ImageId: ami-12345678', '      InstanceType: t3.micro',
               '      UserData:', '        Fn::Base64: !Sub |']
    L += ['          ' + s for s in script]
    write(path, L)


def gen_many_files(n, path):
    """A directory of n small templates (linted with --jobs 1)."""
    os.makedirs(path, exist_ok=True)
    for i in range(n):
        d = os.path.join(path, 'd%03d' % (i % 97))
        os.makedirs(d, exist_ok=True)
        write(os.path.join(d, 't%05d.yaml' % i), HDR + [
            'Resources:', '  Topic:', '    Type: AWS::SNS::Topic', '    Properties:',
            '      DisplayName: t%d' % i, '  Queue:', '    Type: AWS::SQS::Queue',
            '    Properties:', '      Tags: [{Key: t, Value: !Ref Topic}]'])


def gen_json_oneline(n, path):
    """One line of JSON: n resources, each with a finding (positions are found
    on a single line for every one)."""
    res = {}
    for i in range(n):
        res['T%d' % i] = {'Type': 'AWS::SNS::Topic',
                          'Properties': {'DisplayName': {'Ref': 'T%d' % (i - 1) if i else 'AWS::StackName'},
                                         'Unknown%d' % i: 'x'}}
    doc = {'AWSTemplateFormatVersion': '2010-09-09', 'Resources': res}
    with open(path, 'w') as f:
        json.dump(doc, f, separators=(',', ':'))


def gen_sam_implicit(n, path):
    """n SAM functions, each Sub-referencing the implicit role and alias of the
    one before (`${Fn1Role.Arn}`, `${Fn1.Alias}`): every ${} looks up SAM's
    implicit resources."""
    L = HDR + ['Transform: AWS::Serverless-2016-10-31', 'Resources:']
    for i in range(n):
        L += ['  Fn%d:' % i, '    Type: AWS::Serverless::Function', '    Properties:',
              '      Runtime: python3.12', '      Handler: index.handler',
              '      InlineCode: "def handler(e, c): pass"', '      AutoPublishAlias: live']
        if i:
            L += ['      Environment:', '        Variables:',
                  '          PREV_ROLE: !Sub "${Fn%dRole.Arn}"' % (i - 1),
                  '          PREV_ALIAS: !Sub "${Fn%d.Alias}"' % (i - 1),
                  '          PREV: !Ref Fn%d' % (i - 1)]
    write(path, L)


def gen_lambda_api(n, path):
    """n functions in a VPC behind API Gateway methods, with roles, policies,
    subnets, security groups and permissions: the rules that looked at every
    resource for each function (W99104, E99113, W99110, I99111, W99112,
    W99401). The template is the hang guard's (tests/cli/test_linear_guard.py),
    so both grow the same shape."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'cli'))
    import test_linear_guard
    with open(path, 'w') as f:
        f.write(test_linear_guard.lambda_api_text(n))


def gen_blank_lines(n, path):
    """Lines of nothing but spaces, n * 64 KiB each, between keys and inside
    scalars: the fast YAML reader once stepped over such a line one space at a
    time. The template is the hang guard's."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'cli'))
    import test_linear_guard
    with open(path, 'w') as f:
        f.write(test_linear_guard.gen_blank_lines(n))


# name: (generator, base n, quick base n, what it is)
SHAPES = {
    'resources':     (gen_resources, 1000, 250, 'resources with Ref/GetAtt between neighbours'),
    'conditions':    (gen_conditions, 300, 75, 'conditions, one per resource, DependsOn chain (E3005)'),
    'condition_dag': (gen_condition_dag, 16, 4, 'levels of 10 Fn::And conditions over the level below (E3005)'),
    'sub_long':      (gen_sub_long, 6000, 1500, 'segments of one long Fn::Sub string'),
    'sub_vars':      (gen_sub_vars, 1000, 250, 'variables of one Fn::Sub (W1019)'),
    'metadata_wide': (gen_metadata_wide, 1000, 250, 'Metadata keys with anchors, resources with findings'),
    'apigw_deep':    (gen_apigw_deep, 250, 60, 'levels of one API Gateway path, a method at each'),
    'depends_on':    (gen_depends_on, 600, 150, 'conditional resources, 8 DependsOn each, one on all'),
    'userdata':      (gen_userdata, 1500, 400, 'lines of one UserData script'),
    'many_files':    (gen_many_files, 500, 125, 'files in a directory (--jobs 1)'),
    'json_oneline':  (gen_json_oneline, 1000, 250, 'resources with findings on one JSON line'),
    'sam_implicit':  (gen_sam_implicit, 400, 100, 'SAM functions Sub-referencing implicit resources'),
    'lambda_api':    (gen_lambda_api, 100, 25, 'VPC functions behind API methods, roles, policies, permissions'),
    'blank_lines':   (gen_blank_lines, 1, 1, 'KiB x 64 of spaces on each of five blank lines'),
}
SCALES = (1, 4, 16)
LIMIT = 1.2

# ---------------------------------------------------------------- running

ID_RE = re.compile(r':([EWI]\d{4,5}):')


GNU_TIME = '/usr/bin/time'


def run_once(exe, target, out_path, timeout):
    """Lints target once. Returns (cpu_s, wall_s, maxrss_kb, exit, timed_out).
    CPU time comes from wait4() (microseconds; GNU time's own %U/%S have 10 ms
    steps). Peak RSS comes from GNU time, which reports stacklint's alone: the
    ru_maxrss of a child Python forks also counts Python's pages before the exec."""
    args = [exe, '-c', 'I', '-f', 'parseable', '--jobs', '1', target]
    tfile = out_path + '.time'
    use_time = os.access(GNU_TIME, os.X_OK)
    if use_time:
        args = [GNU_TIME, '-f', '%x %M', '-o', tfile] + args
    with open(out_path, 'w') as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = t0 + timeout
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(p.pid, signal.SIGKILL)
                pid, status, ru = os.wait4(p.pid, 0)
                p.returncode = -9
                return (ru.ru_utime + ru.ru_stime, time.perf_counter() - t0, ru.ru_maxrss, -9, True)
            time.sleep(0.002)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    if not use_time:
        return (ru.ru_utime + ru.ru_stime, wall, ru.ru_maxrss, p.returncode, False)
    with open(tfile) as f:
        last = f.read().split('\n')
    os.remove(tfile)
    # "Command terminated by signal N" / "Command exited with non-zero status N"
    # come first; the format line is the last non-empty one
    fields = [ln for ln in last if ln.strip()][-1].split()
    rc = int(fields[0])
    for ln in last:
        if ln.startswith('Command terminated by signal'):
            rc = -int(ln.split()[-1])
    return (ru.ru_utime + ru.ru_stime, wall, int(fields[1]), rc, False)


def findings(out_path):
    counts = {}
    with open(out_path, errors='replace') as f:
        for line in f:
            m = ID_RE.search(line)
            if m:
                counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return counts


def measure(exe, target, out_path, runs, timeout):
    """Best CPU and wall time of `runs` runs, the largest peak RSS; stops after a timeout."""
    best = None
    for _ in range(runs):
        cpu, wall, rss, rc, to = run_once(exe, target, out_path, timeout)
        if best is None:
            best = [cpu, wall, rss, rc, to]
        else:
            best[0] = min(best[0], cpu)
            best[1] = min(best[1], wall)
            best[2] = max(best[2], rss)
        if to:
            best[4] = True
            break
    return best


def size_of(path):
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)
    return os.path.getsize(path)


def exponent(a, b, base, ratio, floor):
    """Slope of log(cost - base) between two sizes `ratio` apart; None when the
    costs above the base are too small to tell (below floor)."""
    da, db = a - base, b - base
    if da < floor or db < floor:
        return None
    return math.log(db / da) / math.log(ratio)


def target_path(work, shape, n):
    return os.path.join(work, '%s-%d%s' % (shape, n, '' if shape == 'many_files' else
                                           ('.json' if shape == 'json_oneline' else '.yaml')))


def bad_result(rc, to, counts):
    """Why a run is not a clean lint, or None."""
    if to:
        return 'hang'
    if rc < 0:
        return 'killed by signal %d' % -rc
    if rc == 1 or rc > 15:
        return 'exit %d' % rc
    if counts.get('E0000'):
        return 'E0000 (the template was not linted in full)'
    return None


def guard(args, work):
    """Each shape's 16x case once, under the time limit: a hang guard, not a timing test."""
    failed = 0
    for shape in args.shapes:
        gen, base, qbase, _ = SHAPES[shape]
        n = (qbase if args.quick else base) * SCALES[-1]
        t = target_path(work, shape, n)
        gen(n, t)
        out = t + '.out'
        cpu, wall, rss, rc, to = run_once(args.exe, t, out, args.guard)
        counts = findings(out)
        why = bad_result(rc, to, counts)
        print('%-14s n=%-6d %9d bytes  cpu %7.2f s  wall %7.2f s  rss %8d KB  exit %d  %s' % (
            shape, n, size_of(t), cpu, wall, rss, rc, why or 'ok'))
        if why:
            failed += 1
            if not to:
                with open(out, errors='replace') as f:
                    sys.stdout.write(f.read()[-1500:])
    if failed:
        print('%d shape(s) failed the %g s hang guard' % (failed, args.guard))
    return 1 if failed else 0


def bench(args, work):
    # the cost of a trivial template: start-up and the spec, subtracted before
    # taking exponents
    triv = os.path.join(work, 'trivial.yaml')
    write(triv, HDR + ['Resources:', '  T:', '    Type: AWS::SNS::Topic'])
    b = measure(args.exe, triv, triv + '.out', max(args.runs, 3), args.timeout)
    base_cpu, base_rss = b[0], b[2]
    print('binary: %s' % os.path.realpath(args.exe))
    print('trivial template: cpu %.1f ms, wall %.1f ms, peak RSS %d KB (subtracted before the exponents)'
          % (base_cpu * 1e3, b[1] * 1e3, base_rss))
    print('runs per size: %d (best CPU and wall time, largest RSS); sizes %s x base%s\n'
          % (args.runs, '/'.join(str(s) for s in SCALES), ' (--quick)' if args.quick else ''))
    hdr = '%-14s %6s %10s %9s %9s %9s %5s  %s' % ('shape', 'n', 'bytes', 'cpu_ms', 'wall_ms',
                                                 'rss_kb', 'exit', 'findings')
    print(hdr)
    print('-' * len(hdr))
    summary = []
    for shape in args.shapes:
        gen, base, qbase, what = SHAPES[shape]
        n0 = qbase if args.quick else base
        rows = []
        hung = False
        for s in SCALES:
            n = n0 * s
            t = target_path(work, shape, n)
            gen(n, t)
            if hung:
                print('%-14s %6d %10d %9s' % (shape, n, size_of(t), 'skipped'))
                rows.append(None)
                continue
            cpu, wall, rss, rc, to = measure(args.exe, t, t + '.out', args.runs, args.timeout)
            counts = findings(t + '.out')
            why = bad_result(rc, to, counts)
            top = sorted(counts.items(), key=lambda kv: -kv[1])[:4]
            desc = ', '.join('%s x%d' % kv for kv in top) + (' ...' if len(counts) > 4 else '')
            print('%-14s %6d %10d %9s %9.0f %9d %5d  %s%s' % (
                shape, n, size_of(t), ('>%g s' % args.timeout) if to else '%.0f' % (cpu * 1e3),
                wall * 1e3, rss, rc, desc, ('  [%s]' % why) if why and not to else ''))
            rows.append(None if to else (cpu, rss))
            hung = hung or to
            if args.keep is None:
                if os.path.isdir(t):
                    shutil.rmtree(t)
                else:
                    os.remove(t)
                os.remove(t + '.out')
        if rows[-2] is None or rows[-1] is None:
            summary.append((shape, what, 'hang', 'hang'))
            continue
        r = SCALES[-1] / SCALES[-2]
        et = exponent(rows[-2][0], rows[-1][0], base_cpu, r, 0.005)
        em = exponent(rows[-2][1], rows[-1][1], base_rss, r, 1024)
        summary.append((shape, what, et, em))
    print('\ngrowth exponents, %dx -> %dx (cost above the trivial template; "-": too small to tell)'
          % (SCALES[-2], SCALES[-1]))
    print('%-14s %6s %6s  %s' % ('shape', 'time', 'rss', 'n is'))
    flagged = []
    for shape, what, et, em in summary:
        def fmt(e):
            if e == 'hang':
                return '  hang'
            if e is None:
                return '     -'
            return '%6.2f' % e
        bad = [e for e in (et, em) if e == 'hang' or (isinstance(e, float) and e > LIMIT)]
        if bad:
            flagged.append(shape)
        print('%-14s %s %s  %s%s' % (shape, fmt(et), fmt(em), what, '  !' if bad else ''))
    if flagged:
        print('\nabove %.1f (a defect to explain or fix): %s' % (LIMIT, ', '.join(flagged)))
    else:
        print('\nno exponent above %.1f' % LIMIT)
    return 1 if (flagged and args.check) else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('exe_pos', nargs='?', metavar='EXE', help='the stacklint binary')
    ap.add_argument('--exe', help='the stacklint binary (default build-bench/src/stacklint, '
                    'else build/src/stacklint)')
    ap.add_argument('--quick', action='store_true', help='a quarter of the base sizes, one run each')
    ap.add_argument('--shapes', help='comma-separated subset of: ' + ', '.join(SHAPES))
    ap.add_argument('--runs', type=int, help='runs per size (default 3, 1 with --quick)')
    ap.add_argument('--timeout', type=float, default=60, help='seconds before a run counts as a hang')
    ap.add_argument('--guard', type=float, metavar='SECONDS',
                    help='hang guard: lint each shape\'s 16x case once under this limit')
    ap.add_argument('--check', action='store_true', help='exit 1 when an exponent is above %.1f' % LIMIT)
    ap.add_argument('--keep', metavar='DIR', help='generate into DIR and keep the inputs')
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    args.exe = args.exe or args.exe_pos
    if not args.exe:
        for b in ('build-bench', 'build'):
            if os.access(os.path.join(root, b, 'src', 'stacklint'), os.X_OK):
                args.exe = os.path.join(root, b, 'src', 'stacklint')
                break
    if not args.exe or not os.access(args.exe, os.X_OK):
        ap.error('no stacklint binary: give one with --exe')
    args.shapes = args.shapes.split(',') if args.shapes else list(SHAPES)
    for s in args.shapes:
        if s not in SHAPES:
            ap.error('unknown shape %r (known: %s)' % (s, ', '.join(SHAPES)))
    if args.runs is None:
        args.runs = 1 if args.quick else 3
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        work = args.keep
        return guard(args, work) if args.guard else bench(args, work)
    with tempfile.TemporaryDirectory(prefix='sl-scaling-') as work:
        return guard(args, work) if args.guard else bench(args, work)


if __name__ == '__main__':
    sys.exit(main())

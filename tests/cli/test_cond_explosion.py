#!/usr/bin/env python3
"""
Hang guards for issue 16 item 1, the condition explosion: E3005 once asked
whether one condition implies another by re-expanding every Condition
reference, about k^depth calls for a DAG of conditions k wide and depth deep
(a Fn::And of 10 conditions 8 levels deep: 2 s; with 50 DependsOn: 107 s;
with 30 per level: hours). Now every rule asks the template's condition
analysis (src/analysis/cond.h), which builds each condition once.

Each test generates such a template, lints it once under a generous limit (a
guard against the explosion coming back, not a timing test: it takes
milliseconds) and checks the findings are still the right ones.

    test_cond_explosion.py STACKLINT [unittest options]
    test_cond_explosion.py --write DIR WIDTH DEPTH DEPENDS   (prints the path;
                                                            for bench/README.md)

Only the Python standard library is used.
"""
import os
import subprocess
import sys
import tempfile
import unittest

STACKLINT = None
LIMIT = 60  # seconds: a hang guard


def dag_template(width, depth, depends):
    """Parameters P0..P<width-1>; level 0 has the conditions L0C<i>:
    Equals [Ref P<i>, 'on']; each condition of level l > 0 is a Fn::And of
    `width` conditions of level l-1 (all of them, rotated). Target exists
    under Other (Equals [Ref Q, yes]), which no level implies: each of the
    `depends` resources, under the top condition, DependsOn it (a finding
    each). Inner exists under L<depth-1>C0, which the top condition implies
    (no finding), and Same under a condition equivalent to the top one with
    its items in the other order (no finding). The same holds for W1001: each
    of the `depends` resources refers to Target (a finding each), Top to Same
    (none)."""
    top = 'L%dC0' % depth
    lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:',
             '  Q:', '    Type: String']
    for i in range(width):
        lines += ['  P%d:' % i, '    Type: String']
    lines += ['Conditions:', '  Other: !Equals [!Ref Q, "yes"]']
    for i in range(width):
        lines.append('  L0C%d: !Equals [!Ref P%d, "on"]' % (i, i))
    for lv in range(1, depth + 1):
        for i in range(width):
            items = ', '.join('!Condition L%dC%d' % (lv - 1, (i + j) % width)
                              for j in range(width))
            lines.append('  L%dC%d: !And [%s]' % (lv, i, items))
    rev = ', '.join('!Condition L%dC%d' % (depth - 1, j) for j in reversed(range(width)))
    lines.append('  Same: !And [%s]' % rev)
    lines += ['Resources:',
              '  Target:', '    Type: AWS::SNS::Topic', '    Condition: Other',
              '  Inner:', '    Type: AWS::SNS::Topic', '    Condition: L%dC0' % (depth - 1),
              '  Same:', '    Type: AWS::SNS::Topic', '    Condition: Same',
              '  Top:', '    Type: AWS::SNS::Topic', '    Condition: %s' % top,
              '    DependsOn: [Inner, Same]',
              '    Properties:', '      DisplayName: !GetAtt Same.TopicName']
    for d in range(depends):
        lines += ['  D%d:' % d, '    Type: AWS::SNS::Topic', '    Condition: %s' % top,
                  '    DependsOn: Target',
                  '    Properties:', '      DisplayName: !GetAtt Target.TopicName']
    return '\n'.join(lines) + '\n'


def lint(path):
    """(exit status, parseable lines of E3005, of W1001) of linting path under LIMIT."""
    p = subprocess.run([STACKLINT, '-f', 'parseable', path], capture_output=True, text=True,
                       timeout=LIMIT)
    lines = p.stdout.splitlines()
    return (p.returncode, [l for l in lines if ':E3005:' in l],
            [l for l in lines if ':W1001:' in l])


class CondExplosion(unittest.TestCase):
    def run_case(self, width, depth, depends):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 't.yaml')
            with open(path, 'w') as f:
                f.write(dag_template(width, depth, depends))
            st, found, refs = lint(path)
        self.assertFalse(st & 1, 'stacklint failed: exit %d' % st)
        self.assertEqual(len(found), depends, '\n'.join(found))
        top = 'L%dC0' % depth
        for l in found:
            self.assertIn("DependsOn 'Target', which exists only when condition 'Other' is true, "
                          "but this resource's condition '%s' does not imply it" % top, l)
        self.assertEqual(len(refs), depends, '\n'.join(refs))
        for l in refs:
            self.assertIn("'Target' exists only when the condition 'Other' holds, but the "
                          "conditions this reference is made under do not imply it", l)

    def test_10_wide_8_deep(self):
        self.run_case(10, 8, 1)

    def test_10_wide_8_deep_50_dependson(self):
        self.run_case(10, 8, 50)

    def test_30_wide_8_deep_50_dependson(self):
        self.run_case(30, 8, 50)

    def test_deep_chain(self):
        # 2 wide, 2,000 deep: a long chain is followed without recursion
        self.run_case(2, 2000, 5)


def main():
    global STACKLINT
    if len(sys.argv) >= 2 and sys.argv[1] == '--write':
        d, width, depth, depends = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
        path = os.path.join(d, 'cond_%dx%d_%d.yaml' % (width, depth, depends))
        with open(path, 'w') as f:
            f.write(dag_template(width, depth, depends))
        print(path)
        return
    if len(sys.argv) < 2:
        sys.exit('usage: test_cond_explosion.py STACKLINT [unittest options]')
    STACKLINT = sys.argv.pop(1)
    unittest.main()


if __name__ == '__main__':
    main()

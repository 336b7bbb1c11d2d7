#!/bin/sh
# Pathological inputs (issue 6): generates templates into bench/out/ (git-ignored)
# and times the release CLI on each, best wall time of 5 runs, with peak RSS
# from /usr/bin/time, then the scaling benchmark (bench/scaling.py).
# Usage: bench/pathological.sh [STACKLINT]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$here/out"
mkdir -p "$out"
if [ $# -ge 1 ]; then exe=$1
elif [ -x "$root/build-bench/src/stacklint" ]; then exe="$root/build-bench/src/stacklint"
else exe="$root/build/src/stacklint"; fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time" >&2; exit 1; }

python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
def w(name, text):
    with open(out + '/' + name, 'w') as f: f.write(text)

# 1. one condition, N nested Fn::And / Fn::Or levels, YAML block style.  Each
# level is a mapping plus a list (2 YAML levels), so 500 exceeds the loader's
# 512 nesting cap; 250 is the deepest that is linted in full.
def nested(levels):
  L = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  Env:', '    Type: String',
     'Conditions:', '  Deep:']
  ind = '    '
  for i in range(levels):
    L.append(ind + ('Fn::And:' if i % 2 == 0 else 'Fn::Or:'))
    L.append(ind + '- Fn::Equals: [!Ref Env, v%d]' % i)
    L.append(ind + '-')             # the next level is this list item
    ind += '  '
  L.append(ind + 'Fn::Equals: [!Ref Env, last]')
  L += ['Resources:', '  T:', '    Type: AWS::SNS::Topic', '    Condition: Deep']
  w('nested_and_or_%d.yaml' % levels, '\n'.join(L) + '\n')
nested(500)
nested(250)

# 2. 20,000 conditions, each referencing the previous one three times
L = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  Env:', '    Type: String',
     'Conditions:', '  C0: !Equals [!Ref Env, prod]']
for i in range(1, 20000):
    p = 'C%d' % (i - 1)
    L.append('  C%d: !Or [!And [{Condition: %s}, {Condition: %s}], !Not [{Condition: %s}]]' % (i, p, p, p))
L += ['Resources:', '  T:', '    Type: AWS::SNS::Topic', '    Condition: C19999']
w('condition_chain.yaml', '\n'.join(L) + '\n')

# 3. 5,000-resource Ref/DependsOn chain
L = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:',
     '  R0:', '    Type: AWS::SNS::Topic']
for i in range(1, 5000):
    L += ['  R%d:' % i, '    Type: AWS::SNS::Topic', '    DependsOn: R%d' % (i - 1),
          '    Properties:', '      DisplayName: !Ref R%d' % (i - 1)]
w('ref_chain.yaml', '\n'.join(L) + '\n')

# 4. 5,000-resource cycle
L = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:']
for i in range(5000):
    L += ['  R%d:' % i, '    Type: AWS::SNS::Topic', '    DependsOn: R%d' % ((i - 1) % 5000)]
w('cycle.yaml', '\n'.join(L) + '\n')

# 5. 2,000-deep Fn::If nesting in a property (beyond the loader's 512 nesting cap)
L = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  Env:', '    Type: String',
     'Conditions:', '  P: !Equals [!Ref Env, prod]', 'Resources:', '  T:',
     '    Type: AWS::SNS::Topic', '    Properties:', '      DisplayName:']
ind = '        '
for i in range(2000):
    L.append(ind + 'Fn::If:')
    L.append(ind + '- P')
    L.append(ind + '- v%d' % i)
    L.append(ind + '-')
    ind += '  '
L.append(ind + 'last')
w('deep_if.yaml', '\n'.join(L) + '\n')
PY

printf '%-22s %9s %8s %10s %5s  %s\n' case bytes best_ms peak_rss_kb exit findings
for c in nested_and_or_500 nested_and_or_250 condition_chain ref_chain cycle deep_if; do
	f="$out/$c.yaml"
	best=; rss=0
	for i in 1 2 3 4 5; do
		/usr/bin/time -f '%e %M' -o "$out/$c.time" "$exe" -f parseable "$f" >"$out/$c.out" 2>&1 && rc=0 || rc=$?
		set -- $(cat "$out/$c.time" | tail -1)
		ms=$(awk -v s="$1" 'BEGIN{printf "%d", s*1000}')
		# /usr/bin/time -f %e has 10 ms resolution; use date for finer wall time
		t0=$(date +%s%N); "$exe" -f parseable "$f" >/dev/null 2>&1 || :; t1=$(date +%s%N)
		ms=$(( (t1 - t0) / 1000000 ))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
		[ "$2" -gt "$rss" ] && rss=$2
	done
	n=$(grep -c . "$out/$c.out" || :)
	ids=$(cut -d: -f6 "$out/$c.out" | sort | uniq -c | awk '{printf "%s%s x%s", s, $2, $1; s=", "}')
	printf '%-22s %9s %8s %10s %5s  %s %s\n' "$c" "$(wc -c <"$f")" "$best" "$rss" "$rc" "$n" "${ids:+($ids)}"
done
echo "binary: $exe"
echo "nested_and_or_500: 500 Fn::And/Fn::Or levels are 1,000 YAML levels: refused at the 512 nesting cap (E0000)."
echo "deep_if: 2,000 Fn::If levels exceed the loader's 512 nesting cap, so the template is refused (E0000) rather than linted."

# Growth per input shape at 1x, 4x and 16x (issue 16, "The rule"): exponents
# above 1.2 are flagged. SCALING_ARGS passes options on (e.g. --quick).
echo
python3 "$here/scaling.py" --exe "$exe" ${SCALING_ARGS:-}

#!/bin/sh
# Whole-corpus checks, skipped (77) when ../shared/corpus is absent:
#  1. every format over the whole corpus: no crash, no I/O failure (bit 1), and
#     (run under ASan/UBSan in CI) no sanitizer report;
#  2. output is byte-identical for --jobs 1 and --jobs 2;
#  3. on every folder of templates meant to deploy, every error and every
#     warning of our own 99xxx rules is one judged in core_findings.txt (each
#     finding listed once, with its reason: real, or right by the letter).
# Usage: check_corpus.sh STACKLINT CORPUS_DIR EXPECTED_FILE
# "Today" is pinned (--lint-date) so that the findings of the rules that depend
# on the date (Lambda runtime deprecation) do not change as the calendar does.
set -u
export LC_ALL=C
exe=$1 corpus=$2 expected=$3
day=2026-12-06
[ -d "$corpus" ] || { echo "corpus not found: $corpus (skipped)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for fmt in text json parseable sarif junit github; do
	"$exe" --lint-date "$day" -c I -f "$fmt" -j 1 "$corpus" > "$tmp/$fmt.1" 2> "$tmp/$fmt.err"
	st=$?
	if [ $st -ge 16 ] || [ $((st & 1)) -ne 0 ]; then
		echo "FAIL: --format $fmt over the corpus exited $st"; cat "$tmp/$fmt.err"; fail=1
	fi
	"$exe" --lint-date "$day" -c I -f "$fmt" -j 2 "$corpus" > "$tmp/$fmt.2" 2>/dev/null
	cmp -s "$tmp/$fmt.1" "$tmp/$fmt.2" || { echo "FAIL: --format $fmt differs between -j1 and -j2"; fail=1; }
done
echo "corpus: $(wc -l < "$tmp/parseable.1") findings in every format, identical for -j1 and -j2"

# Every error of every rule, and every warning of our own 99xxx rules, on every
# folder of templates meant to deploy (sam-translator's error_* inputs are meant
# to fail; the cfn-lint-bad, cfn-lint-other and cfn-nag folders hold broken or
# partial templates on purpose).
set --
for d in cfn-templates cfn-lint-good serverless-patterns sam-integration sam-examples \
	sam-translator sam-cli-tests; do
	[ -d "$corpus/$d" ] && set -- "$@" "$corpus/$d"
done
"$exe" --lint-date "$day" -f parseable -j 2 "$@" 2>/dev/null |
	awk -F: '$6 ~ /^E/ || $6 ~ /^W99[0-9][0-9][0-9]$/ { print $1 ":" $2 ":" $6 }' |
	sed "s|^$corpus/||" | grep -v '^sam-translator/error_' | sort > "$tmp/actual"
awk -F'[/:]' '{ n[$1]++ } END { for (d in n) printf "  %-20s %d\n", d, n[d] }' "$tmp/actual" | sort
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$expected" | sort > "$tmp/expected"
if ! diff -u "$tmp/expected" "$tmp/actual"; then
	echo "FAIL: judged findings changed (- judged, + reported): judge each new one"
	echo "      (a false positive to fix, or a real problem to add to $expected)"
	fail=1
else
	echo "deployable folders: $(wc -l < "$tmp/actual") findings, each judged in $expected"
fi
exit $fail

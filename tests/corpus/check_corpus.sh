#!/bin/sh
# Whole-corpus checks, skipped (77) when ../shared/corpus is absent:
#  1. every format over the whole corpus: no crash, no I/O failure (bit 1), and
#     (run under ASan/UBSan in CI) no sanitizer report;
#  2. output is byte-identical for --jobs 1 and --jobs 2;
#  3. the core and cfn-lint-parity rules on cfn-lint-good/ and cfn-templates/, and the
#     schema rules on those and serverless-patterns/ and sam-integration/,
#     report exactly the findings judged real in core_findings.txt.
# Usage: check_corpus.sh STACKLINT CORPUS_DIR EXPECTED_FILE
set -u
exe=$1 corpus=$2 expected=$3
[ -d "$corpus" ] || { echo "corpus not found: $corpus (skipped)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for fmt in text json parseable sarif junit github; do
	"$exe" -c I -f "$fmt" -j 1 "$corpus" > "$tmp/$fmt.1" 2> "$tmp/$fmt.err"
	st=$?
	if [ $st -ge 16 ] || [ $((st & 1)) -ne 0 ]; then
		echo "FAIL: --format $fmt over the corpus exited $st"; cat "$tmp/$fmt.err"; fail=1
	fi
	"$exe" -c I -f "$fmt" -j 2 "$corpus" > "$tmp/$fmt.2" 2>/dev/null
	cmp -s "$tmp/$fmt.1" "$tmp/$fmt.2" || { echo "FAIL: --format $fmt differs between -j1 and -j2"; fail=1; }
done
echo "corpus: $(wc -l < "$tmp/parseable.1") findings in every format, identical for -j1 and -j2"

"$exe" -f parseable -i E3038 "$corpus/cfn-lint-good" "$corpus/cfn-templates" 2>/dev/null |
	awk -F: '$6 ~ /^(E0000|E100[1-5]|E101[0-9]|E102[0-9]|E103[0-2]|W1001|W1019|W1020|E20[0-9][0-9]|I2003|W2010|W2030|E300[4-7]|E301[015]|E60[0-9][0-9]|E61[0-9][0-9]|W6001|E70[0-9][0-9]|W7001|E800[1-7]|W800[13])$/ { print $1 ":" $2 ":" $6 }' |
	sed "s|^$corpus/||" > "$tmp/core"
"$exe" -f parseable -i E3038,W "$corpus/cfn-lint-good" "$corpus/cfn-templates" \
	"$corpus/serverless-patterns" "$corpus/sam-integration" 2>/dev/null |
	awk -F: '$6 ~ /^(E3001|E3002|E3003|E3006|E3012|E3030|E1010)$/ { print $1 ":" $2 ":" $6 }' |
	sed "s|^$corpus/||" > "$tmp/schema"
# SAM rules (the 90xx family) on templates SAM accepts (sam-translator's error_*
# inputs are meant to fail)
"$exe" -f parseable -i E3038 "$corpus/sam-translator" "$corpus/sam-integration" \
	"$corpus/serverless-patterns" "$corpus/sam-cli-tests" 2>/dev/null |
	awk -F: '$6 ~ /^(E90|I90|W90)/ { print $1 ":" $2 ":" $6 }' |
	sed "s|^$corpus/||" | grep -v '^sam-translator/error_' > "$tmp/sam"
sort -u "$tmp/core" "$tmp/schema" "$tmp/sam" > "$tmp/actual"
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$expected" | sort > "$tmp/expected"
if ! diff -u "$tmp/expected" "$tmp/actual"; then
	echo "FAIL: judged findings changed (- judged, + reported): judge each new one"
	echo "      (a false positive to fix, or a real problem to add to $expected)"
	fail=1
else
	echo "judged rules: $(wc -l < "$tmp/actual") findings, all judged real"
fi
exit $fail

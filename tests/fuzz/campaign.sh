#!/usr/bin/env bash
# A fuzzing campaign on the tree as it is: builds the libFuzzer targets with
# ASan, UBSan and the debug arena (every arena allocation its own malloc, so
# ASan sees each one), then runs two lanes side by side for MINUTES each:
#   lane 1: fuzz_lint (the whole pipeline on templates) the whole time;
#   lane 2: fuzz_lsp, fuzz_files, fuzz_load, fuzz_toml and fuzz_spec in turn
#           (30 / 25 / 20 / 15 / 10 % of the time).
# Each target starts from the regression inputs and the rule fixtures, with
# tests/fuzz/cfn.dict. What a run found (new inputs, crashes) stays under
# OUT; a crash (a sanitizer report included: UBSan halts) is reported with its
# file, to be copied into tests/fuzz/regressions/ with the fix. At the end the last status line of
# every target (runs, coverage, exec/s) is printed.
#
#   tests/fuzz/campaign.sh [MINUTES (default 60)] [OUT (default /tmp/stacklint-fuzz)]
#
# Needs clang (apt-get install clang). Not part of the test suite: the suite
# replays tests/fuzz/regressions/ through the same targets (fuzz-*-replay).
set -euo pipefail
cd "$(dirname "$0")/../.."
MINUTES=${1:-60}
OUT=${2:-/tmp/stacklint-fuzz}
BUILD=${BUILD:-build-fuzz}
if [ ! -d "$BUILD" ]; then
	CC=clang meson setup "$BUILD" -Dfuzzing_engine=libfuzzer -Db_sanitize=address,undefined \
		-Darena_debug=true --buildtype=debugoptimized >/dev/null
fi
ninja -C "$BUILD" tests/fuzz/fuzz_lint tests/fuzz/fuzz_lsp tests/fuzz/fuzz_files \
	tests/fuzz/fuzz_load tests/fuzz/fuzz_toml tests/fuzz/fuzz_spec | tail -n 1
mkdir -p "$OUT"
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (+ changes)'), $(date -u '+%F %T UTC'), $MINUTES min per lane"

# a sanitizer report is a finding: UBSan stops the target (so libFuzzer writes
# the input as a crash artifact) instead of printing and going on
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

run() { # target seconds
	local t=$1 s=$2
	mkdir -p "$OUT/$t/corpus" "$OUT/$t/crashes"
	"$BUILD/tests/fuzz/$t" -max_total_time="$s" -dict=tests/fuzz/cfn.dict -timeout=30 \
		-rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$OUT/$t/crashes/" \
		"$OUT/$t/corpus" tests/fuzz/regressions fixtures/rules >"$OUT/$t/log" 2>&1 || true
}
total=$((MINUTES * 60))
run fuzz_lint "$total" &
lane1=$!
(
	run fuzz_lsp $((total * 30 / 100))
	run fuzz_files $((total * 25 / 100))
	run fuzz_load $((total * 20 / 100))
	run fuzz_toml $((total * 15 / 100))
	run fuzz_spec $((total * 10 / 100))
) &
lane2=$!
wait "$lane1" "$lane2"

status=0
for t in fuzz_lint fuzz_lsp fuzz_files fuzz_load fuzz_toml fuzz_spec; do
	last=$(grep -E '^#[0-9]+' "$OUT/$t/log" | tail -n 1 || true)
	runs=$(grep -E '^stat::number_of_executed_units' "$OUT/$t/log" | awk '{print $2}' || true)
	secs=$(grep -E '^stat::average_exec_per_sec' "$OUT/$t/log" | awk '{print $2}' || true)
	printf '%-11s runs %-9s exec/s %-6s %s\n' "$t" "${runs:-?}" "${secs:-?}" "$last"
	if grep -qE 'runtime error|ERROR: (Address|Leak|UndefinedBehavior)Sanitizer' "$OUT/$t/log"; then
		echo "  FOUND in $OUT/$t/log:"
		grep -E 'runtime error|ERROR: (Address|Leak|UndefinedBehavior)Sanitizer' "$OUT/$t/log" | sort -u | sed 's/^/    /'
		status=1
	fi
	for c in "$OUT/$t/crashes"/*; do
		[ -e "$c" ] || continue
		echo "  FOUND: $c"
		status=1
	done
done
exit "$status"

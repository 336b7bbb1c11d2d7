#!/usr/bin/env bash
# Builds a release build in build-bench/, generates the big and pathological
# templates into bench/out/, and prints every benchmark figure to stdout:
#   1. bench over the corpus (parse only with each backend, full pipeline)
#   2. bench over each generated template
#   3. the real CLI end to end: the whole corpus at --jobs 1 and --jobs 2 and a
#      single small template from a cold process start (wall time and peak RSS
#      from /usr/bin/time -v)
#   4. the language server: one-character edits of a 100 KB template
#      (bench/lsp_bench.py: latency per edit, the server's memory)
# See bench/README.md for what each figure means.
#
# Environment: CORPUS (default /work/shared/corpus, else ../shared/corpus),
# REPS (timed passes for the corpus and the small generated files, default 10),
# BIG_REPS (for the 10 MB files and the slow one-line file, default 3), CLI_RUNS (whole-corpus CLI runs per
# --jobs value, default 5), COLD_RUNS (small-template starts, default 100),
# SEED (generator seed, default 1), BUILD (build directory, default build-bench),
# LSP_EDITS (language-server edits, default 10000; 0 leaves that section out).
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-bench}
REPS=${REPS:-10}
BIG_REPS=${BIG_REPS:-3}
CLI_RUNS=${CLI_RUNS:-5}
COLD_RUNS=${COLD_RUNS:-100}
SEED=${SEED:-1}
LSP_EDITS=${LSP_EDITS:-10000}
OUT=bench/out
if [ -z "${CORPUS:-}" ]; then
	for c in /work/shared/corpus ../shared/corpus; do
		if [ -d "$c" ]; then CORPUS=$c; break; fi
	done
fi
CORPUS=${CORPUS:-}

TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
	echo "run.sh: GNU time is needed for peak RSS: apt-get install time" >&2
	exit 1
fi

section() { printf '\n==== %s ====\n\n' "$*"; }

# ---------------------------------------------------------------- build
section "build ($BUILD, buildtype=release)"
if [ -d "$BUILD" ]; then
	meson configure "$BUILD" -Dbuildtype=release >/dev/null
else
	meson setup "$BUILD" --buildtype=release >/dev/null
fi
# Only what is measured: a half-finished test elsewhere in the tree must not stop us.
ninja -C "$BUILD" src/stacklint bench/bench | tail -n 1
BENCH=$BUILD/bench/bench
CLI=$BUILD/src/stacklint

# -------------------------------------------------------------- machine
section "machine"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
echo "cpu:     $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "kernel:  $(uname -sr)"
echo "cc:      $(cc --version | head -n 1)"
echo "libyaml: $(pkg-config --modversion yaml-0.1)   libfyaml: $(pkg-config --modversion libfyaml)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"

# --------------------------------------------------------- generate
section "generate templates into $OUT (seed $SEED)"
mkdir -p "$OUT"
stamp="$OUT/.stamp-seed$SEED"
if [ ! -e "$stamp" ] || [ bench/gen_template.py -nt "$stamp" ]; then
	rm -f "$OUT"/.stamp-*
	python3 bench/gen_template.py --out-dir "$OUT" --seed "$SEED"
	touch "$stamp"
else
	echo "(up to date)"
	for f in "$OUT"/*; do printf '%10d  %s\n' "$(stat -c %s "$f")" "$f"; done
fi

# ------------------------------------------------------------ corpus
if [ -n "$CORPUS" ]; then
	section "bench: corpus $CORPUS"
	"$BENCH" -n "$REPS" "$CORPUS"
else
	section "bench: corpus"
	echo "no corpus found (set CORPUS=...); skipped"
fi

# ------------------------------------------------------------ generated
# small, then big by size (1mb before 10mb), then the pathological set
mapfile -t GENERATED < <(printf '%s\n' "$OUT"/small.*; printf '%s\n' "$OUT"/big-* | sort -V
	printf '%s\n' "$OUT"/path-*)
for f in "${GENERATED[@]}"; do
	[ -e "$f" ] || continue
	n=$REPS
	case "$f" in *10mb* | *oneline*) n=$BIG_REPS ;; esac
	section "bench: $f"
	"$BENCH" -n "$n" "$f" || echo "(bench exited with status $?)"
done

# ------------------------------------------------------------ CLI
# One /usr/bin/time -v run: prints "wall_s rss_kb user_s sys_s".
time_run() {
	local tf
	tf=$(mktemp)
	"$TIME" -v -o "$tf" "$@" >/dev/null 2>&1 || true
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
		/Maximum resident set size/ { rss = $2 }
		/User time/ { u = $2 }
		/System time/ { s = $2 }
		END { printf "%.2f %d %.2f %.2f\n", w, rss, u, s }' "$tf"
	rm -f "$tf"
}

# Wall time of one run in ms, from bash's clock (finer than time's 10 ms).
wall_ms() {
	local t0 t1
	t0=$EPOCHREALTIME
	"$@" >/dev/null 2>&1 || true
	t1=$EPOCHREALTIME
	echo "$t0 $t1" | awk '{ printf "%.3f\n", ($2 - $1) * 1000 }'
}

# min / median / mean of numbers on stdin
stats() {
	sort -n | awk '{ v[NR] = $1; s += $1 } END {
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "min %.2f  median %.2f  mean %.2f  (n=%d)", v[1], m, s / NR, NR }'
}

cli_case() { # label, then the command
	local label=$1
	shift
	"$@" >/dev/null 2>&1 || true # warm the page cache
	local walls=() i
	for ((i = 0; i < CLI_RUNS; i++)); do
		walls+=("$(wall_ms "$@")")
	done
	read -r w rss u s < <(time_run "$@")
	printf '%-34s wall ms: %s\n' "$label" "$(printf '%s\n' "${walls[@]}" | stats)"
	printf '%-34s /usr/bin/time -v: wall %.2f s, user %.2f s, sys %.2f s, peak RSS %.1f MB\n' \
		"" "$w" "$u" "$s" "$(echo "$rss" | awk '{ print $1 / 1024 }')"
}

if [ -n "$CORPUS" ]; then
	section "CLI end to end: whole corpus ($CORPUS)"
	echo "command: $CLI --jobs N --exit-zero $CORPUS > /dev/null"
	echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
	cli_case "--jobs 1" "$CLI" --jobs 1 --exit-zero "$CORPUS"
	cli_case "--jobs 2" "$CLI" --jobs 2 --exit-zero "$CORPUS"
fi

section "CLI end to end: generated templates (--jobs 1; wall: best of 3 runs)"
for f in "${GENERATED[@]}"; do
	[ -e "$f" ] || continue
	best=$(for i in 1 2 3; do wall_ms "$CLI" --jobs 1 --exit-zero "$f"; done | sort -n | head -n 1)
	read -r w rss u s < <(time_run "$CLI" --jobs 1 --exit-zero "$f")
	printf '%-28s %9d bytes  wall %8.1f ms  user+sys %5.2f s  peak RSS %6.1f MB\n' "$(basename "$f")" \
		"$(stat -c %s "$f")" "$best" "$(echo "$u $s" | awk '{ print $1 + $2 }')" \
		"$(echo "$rss" | awk '{ print $1 / 1024 }')"
done

section "CLI cold start: one small template ($OUT/small.yaml, $(stat -c %s "$OUT/small.yaml") bytes)"
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N --warmup 10 --runs "$COLD_RUNS" \
		"$CLI --exit-zero $OUT/small.yaml" "$CLI --version"
else
	echo "hyperfine not installed: $COLD_RUNS runs in a loop, wall time per run"
	for args in "--exit-zero $OUT/small.yaml" "--version"; do
		# shellcheck disable=SC2086 # args is split on purpose
		"$CLI" $args >/dev/null 2>&1 || true
		walls=()
		for ((i = 0; i < COLD_RUNS; i++)); do
			# shellcheck disable=SC2086
			walls+=("$(wall_ms "$CLI" $args)")
		done
		printf '%-40s %s ms\n' "stacklint $args" "$(printf '%s\n' "${walls[@]}" | stats)"
	done
	echo "(the wall time includes bash's fork+exec, ~1 ms; --version is the floor of a process start)"
fi
# shellcheck disable=SC2086
read -r w rss u s < <(time_run "$CLI" --exit-zero "$OUT/small.yaml")
printf 'peak RSS of one small-template run: %.1f MB\n' "$(echo "$rss" | awk '{ print $1 / 1024 }')"

if [ "$LSP_EDITS" -gt 0 ]; then
	section "language server: one-character edits of a 100 KB template (bench/lsp_bench.py)"
	python3 bench/lsp_bench.py "$CLI" --edits "$LSP_EDITS" || echo "(lsp_bench exited with status $?)"
fi
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/bin/sh
# The shapes of issue 16 items 3 and 5 at 1x, 4x and 16x: the input each
# hang guard in tests/cli/test_linear_guard.py lints, written by its
# generators. For each binary given, one line per shape and size: CPU seconds
# (user + system), wall seconds and peak RSS from /usr/bin/time -v, then the
# growth exponent log(t16/t1)/log(16) of the CPU time per shape.
#
#   bench/linear_shapes.sh [-t SECONDS] STACKLINT...
#
# A run over -t seconds (default 300) is stopped and shown as '>' that limit.
set -eu
limit=300
if [ "${1:-}" = "-t" ]; then limit=$2; shift 2; fi
[ $# -ge 1 ] || { echo "usage: $0 [-t SECONDS] STACKLINT..." >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
gen="$here/../tests/cli/test_linear_guard.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shapes="apigw subvars metadata implicit dynref json1line files"
for shape in $shapes; do
	for s in 1 4 16; do
		python3 "$gen" --write "$work" "$shape" "$s" >/dev/null
	done
done
printf 'binary\tshape\tscale\tcpu_s\twall_s\trss_kb\n'
for bin in "$@"; do
	for shape in $shapes; do
		for s in 1 4 16; do
			if [ "$shape" = files ]; then in="$work/files-$s/**/*.json"
			else in=$(ls "$work/$shape-$s".*); fi
			timeout "$limit" /usr/bin/time -v "$bin" -j1 --format parseable "$in" \
				>/dev/null 2>"$work/time" || true
			if grep -q 'Elapsed' "$work/time"; then
				awk -v b="$bin" -v sh="$shape" -v s="$s" -F': ' '
					/User time/ { u = $2 } /System time/ { y = $2 }
					/Maximum resident/ { r = $2 }
					/Elapsed/ { n = split($2, p, ":"); w = 0
						for (i = 1; i <= n; i++) w = w * 60 + p[i] }
					END { printf "%s\t%s\t%d\t%.2f\t%.2f\t%d\n", b, sh, s, u + y, w, r }' \
					"$work/time"
			else
				printf '%s\t%s\t%d\t>%d\t>%d\t-\n' "$bin" "$shape" "$s" "$limit" "$limit"
			fi
		done
	done
done | tee "$work/all"
# the growth exponent of each shape's CPU time (a floor of 0.01 s)
awk -F'\t' '$3 == 1 { t1[$1 FS $2] = $4 } $3 == 16 { t16[$1 FS $2] = $4 }
	END { for (k in t1) { a = t1[k] + 0; b = t16[k]; if (a < 0.01) a = 0.01
		if (b ~ />/) printf "%s\texponent >%.2f\n", k, log(substr(b, 2) / a) / log(16)
		else printf "%s\texponent %.2f\n", k, log((b < 0.01 ? 0.01 : b) / a) / log(16) } }' \
	"$work/all" | sort

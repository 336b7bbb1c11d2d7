#!/usr/bin/env bash
# Does --jobs scale? Lints a directory (default: the corpus) ROUNDS times in
# each of three ways, interleaved so that a change in the machine's load hits
# all three alike, and prints the median wall time of each:
#   j1    one process, --jobs 1
#   j2    one process, --jobs 2
#   2×j1  two processes, --jobs 1 each, started together (the wall time until
#         both end): what two cores give two independent lints. If this is
#         close to j1, the machine scales; then j2 should come close to j1/2,
#         and a gap between j2 and j1/2 is stacklint's own (file order, a
#         lock, the allocator, the serial start and end).
# Also prints user+sys CPU of one j1 and one j2 run (/usr/bin/time): CPU
# growing with --jobs means work that threads add (contention), not waiting.
#
#   bench/jobs.sh STACKLINT [DIR] [ROUNDS (default 15)]
set -euo pipefail
BIN=${1:?usage: bench/jobs.sh STACKLINT [DIR] [ROUNDS]}
DIR=${2:-}
ROUNDS=${3:-15}
if [ -z "$DIR" ]; then
	for c in /work/shared/corpus "$(dirname "$0")/../../shared/corpus"; do
		if [ -d "$c" ]; then DIR=$c; break; fi
	done
fi
[ -d "$DIR" ] || { echo "jobs.sh: no directory to lint" >&2; exit 1; }

now() { date +%s.%N; }
lint() { "$BIN" --exit-zero -j "$1" "$DIR" >/dev/null 2>&1; }

lint 1 # warm the page cache
j1=() j2=() jj=()
for ((r = 0; r < ROUNDS; r++)); do
	t=$(now); lint 1; j1+=("$(echo "$(now) - $t" | bc)")
	t=$(now); lint 2; j2+=("$(echo "$(now) - $t" | bc)")
	t=$(now); lint 1 & a=$!; lint 1 & b=$!; wait "$a" "$b"; jj+=("$(echo "$(now) - $t" | bc)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%.3f", m}'; }
m1=$(median "${j1[@]}") m2=$(median "${j2[@]}") mm=$(median "${jj[@]}")
echo "directory: $DIR, $ROUNDS rounds, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'j1      median %s s\n' "$m1"
printf 'j2      median %s s   speed-up over j1: %.2fx\n' "$m2" "$(echo "$m1 / $m2" | bc -l)"
printf '2 x j1  median %s s   (two lints in the time one takes: 1.00 = the machine scales perfectly; here %.2f)\n' \
	"$mm" "$(echo "$mm / $m1" | bc -l)"
for j in 1 2; do
	/usr/bin/time -f "j$j cpu: %U user + %S sys, %e wall, peak RSS %M KB" "$BIN" --exit-zero -j "$j" "$DIR" >/dev/null
done

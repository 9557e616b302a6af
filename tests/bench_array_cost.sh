#!/usr/bin/env bash
# make bench: the time to generate and cost a 128 x 128 HBFP array
# (`macgen rtl` + the hierarchical `macgen cost`; issue 6 asks for < 60 s),
# and to cost it with --tech osu018 (standard cells and OpenSTA per block;
# issue 11 asks < 90 s) when the library is installed.
set -eu
MACGEN=${MACGEN:-build/macgen}
params="rows=128 cols=128 n=4 block=16 acc=fp32 pipe=1"
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-array-XXXXXX")
trap 'rm -rf "$dir"' EXIT
now() { date +%s.%N; }
t0=$(now)
# shellcheck disable=SC2086
"$MACGEN" rtl hbfp_array $params -o "$dir/rtl" > /dev/null
t1=$(now)
# shellcheck disable=SC2086
"$MACGEN" cost hbfp_array $params --json "$dir/cost.json" --quiet
t2=$(now)
gpm=$(sed -n 's/^[[:space:]]*"gates_per_mac":[[:space:]]*\([0-9.e+-]*\).*/\1/p' "$dir/cost.json")
awk -v a="$t0" -v b="$t1" -v c="$t2" -v g="$gpm" -v p="$params" 'BEGIN {
  printf "bench array cost: hbfp_array %s: generate %.2f s, cost %.2f s, total %.2f s (limit 60 s); %.1f gates per MAC\n", p, b - a, c - b, c - a, g }'
lib=/usr/share/qflow/tech/osu018/osu018_stdcells.lib
[ -r "$lib" ] || lib=build/liberty/usr/share/qflow/tech/osu018/osu018_stdcells.lib
if [ -r "$lib" ] && command -v sta > /dev/null; then
  t3=$(now)
  # shellcheck disable=SC2086
  "$MACGEN" cost hbfp_array $params --tech osu018 --json "$dir/lib.json" --quiet
  t4=$(now)
  fmax=$(sed -n 's/^[[:space:]]*"fmax_mhz":[[:space:]]*\([0-9.e+-]*\).*/\1/p' "$dir/lib.json" | head -n 1)
  awk -v a="$t3" -v b="$t4" -v f="$fmax" -v p="$params" 'BEGIN {
    printf "bench array cost: hbfp_array %s --tech osu018: %.2f s (target < 90 s); fmax %s MHz\n", p, b - a, f }'
else
  echo "bench array cost --tech osu018: library or sta not installed (make deps), skipped"
fi

#!/usr/bin/env bash
# make bench: the time `macgen energy` takes (issue 22): the lba12 MAC over
# 10,000 cycles (target <= 60 s) and a 64 x 64 HBFP4 array, one column of
# 64 PEs and an edge unit simulated for 1,000 cycles (target <= 5 min);
# synthesis, OpenSTA and the simulation included.  Skipped without the OSU
# 0.18 um liberty, sta or iverilog.
set -eu
MACGEN=${MACGEN:-build/macgen}
lib=/usr/share/qflow/tech/osu018/osu018_stdcells.lib
if [ ! -r "$lib" ] || [ -z "$(command -v sta)" ] || [ -z "$(command -v iverilog)" ]; then
  echo "bench energy: the OSU liberty, sta or iverilog is not installed (make deps), skipped"
  exit 0
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-energy-XXXXXX")
trap 'rm -rf "$dir"' EXIT
now() { date +%s.%N; }
field() { sed -n "s/^[[:space:]]*\"$2\":[[:space:]]*\([0-9.e+-]*\).*/\1/p" "$1" | head -n 1; }

t0=$(now)
"$MACGEN" energy mac w=lba8 a=lba8 acc=lba12 round=rtz --tech osu018 --vectors normal --cycles 10000 \
  --json "$dir/mac.json" --quiet
t1=$(now)
awk -v a="$t0" -v b="$t1" -v e="$(field "$dir/mac.json" pj_per_op)" 'BEGIN {
  printf "bench energy: mac lba8 x lba8 + lba12, 10000 cycles: %.1f s (target <= 60 s); %.3f pJ per MAC\n", b - a, e }'

params="rows=64 cols=64 n=4 block=64 acc=fp32 pipe=4"
t2=$(now)
# shellcheck disable=SC2086
"$MACGEN" energy hbfp_array $params --tech osu018 --vectors normal --cycles 1000 --json "$dir/array.json" --quiet
t3=$(now)
awk -v a="$t2" -v b="$t3" -v e="$(field "$dir/array.json" pj_per_op)" -v p="$params" 'BEGIN {
  printf "bench energy: hbfp_array %s, one column, 1000 cycles: %.1f s (target <= 300 s); %.3f pJ per MAC\n", p, b - a, e }'

#!/usr/bin/env bash
# make bench figure for `macgen matmul` (issue 21, item 3): the 256x1024 by
# 1024x256 product (67.1 M MACs), two threads, for the LBA dot, HBFP, MX and
# the fp32-accumulator MAC chains; best wall time of three runs of the whole
# command (reading the .npy files, converting, computing, writing Y), M MACs
# per second of it, peak resident memory (GNU time), and the issue's target
# (1 s for the LBA dot, HBFP and MX; 2 s for the fp32-accumulator chains).
set -euo pipefail
cd "$(dirname "$0")/.."
M=build/macgen
d=build/bench/matmul
mkdir -p "$d"
[ -s "$d/x.npy" ] || /usr/bin/python3 -c "
import numpy as np
r = np.random.default_rng(1)
np.save('$d/x.npy', r.normal(size=(256, 1024)).astype(np.float32))
np.save('$d/w.npy', (r.normal(size=(1024, 256)) * 0.05).astype(np.float32))"
# target seconds | arithmetic
points=(
  "1|dot w=lba8 a=lba8 acc=lba12 chunk=16"
  "1|dot w=lba8 a=lba8 acc=lba12 chunk=0"
  "1|mac_array pe=lba"
  "1|hbfp_array n=4 block=64"
  "1|hbfp_array n=6 block=16"
  "1|mx_array elem=fp6_e3m2 block=32"
  "1|mx_array elem=fp4_e2m1 block=32"
  "1|mx_array elem=fp8_e5m2 block=32"
  "2|mac_array pe=e4m3fn_fp32"
  "2|dot w=lba8 a=lba8 acc=fp32 chunk=0"
  "2|mac_array pe=fp32"
  "2|mac_array pe=bf16"
  "-|mac_array pe=bf16_bf16"
  "-|mac_array pe=lba --stats"
)
for p in "${points[@]}"; do
  IFS='|' read -r target arith <<< "$p"
  best=
  peak=0
  for _ in 1 2 3; do
    # shellcheck disable=SC2086
    t=$( { /usr/bin/time -f "%e %M" $M matmul $arith --x "$d/x.npy" --w "$d/w.npy" -o "$d/y.npy" -j 2 > /dev/null; } 2>&1 | tail -n 1)
    read -r s kb <<< "$t"
    if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$s; fi
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  verdict=
  [ "$target" != - ] && verdict=$(awk -v s="$best" -v t="$target" 'BEGIN { printf "target %s s: %s", t, s <= t ? "met" : "MISSED" }')
  awk -v a="$arith" -v s="$best" -v kb="$peak" -v v="$verdict" \
    'BEGIN { printf "matmul bench: %-38s 67.1 M MACs in %5.2f s (%7.1f M MACs/s, -j 2), peak %5.1f MB  %s\n", a, s, 67.108864 / (s > 0 ? s : 0.01), kb / 1024, v }'
done
rm -f "$d/y.npy"

#!/usr/bin/env bash
# make bench figure for the MX array (issue 12, item 5): the Verilated
# matrix-multiply rate of a 16x16 mx_array (fp6_e3m2 elements, block 16,
# fp32 accumulation, pipe=1), in MACs (rows of X x K x cols) per second of
# the Verilated driver's run, as tests/bench_hbfp.sh measures hbfp_array.
# Every output is still compared with the model.
set -euo pipefail
cd "$(dirname "$0")/.."
M=build/macgen
out=$($M verify mx_array rows=16 cols=16 elem=fp6_e3m2 block=16 acc=fp32 pipe=1 --matrices 4 --xrows 16384 --k 64 --seed 1)
case $out in
  *PASS*) ;;
  *) echo "mx bench: verify failed: $out" >&2; exit 1 ;;
esac
macs=$(printf '%s\n' "$out" | sed -n 's/.*; \([0-9]*\) MACs, \([0-9]*\) cycles).*/\1 MACs in \2 cycles/p')
rate=$(printf '%s\n' "$out" | sed -n 's/.*(Verilated driver \([^)]*\))$/\1/p')
echo "mx bench: 16x16 mx_array elem=fp6_e3m2 block=16 pipe=1, 4 matmuls of X 16384x64 by W 64x16 ($macs, peak 256 MACs/cycle): $rate"

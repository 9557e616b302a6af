#!/usr/bin/env bash
# make bench figure for the HBFP array (issue 6, item 6): the Verilated
# matrix-multiply rate of a 16x16 hbfp_array (HBFP4, block 16, pipe=1), in
# MACs (rows of X x K x cols) per second of the
# Verilated driver's run (loading the model and playing every cycle; the
# golden model's time is not).  Long streams (--xrows) so that loading
# weights and draining the array weigh little; every output is still
# compared with the model.
set -euo pipefail
cd "$(dirname "$0")/.."
M=build/macgen
out=$($M verify hbfp_array rows=16 cols=16 n=4 block=16 pipe=1 --matrices 4 --xrows 16384 --k 64 --seed 1)
case $out in
  *PASS*) ;;
  *) echo "hbfp bench: verify failed: $out" >&2; exit 1 ;;
esac
macs=$(printf '%s\n' "$out" | sed -n 's/.*; \([0-9]*\) MACs, \([0-9]*\) cycles).*/\1 MACs in \2 cycles/p')
rate=$(printf '%s\n' "$out" | sed -n 's/.*(Verilated driver \([^)]*\))$/\1/p')
echo "hbfp bench: 16x16 hbfp_array n=4 block=16 pipe=1, 4 matmuls of X 16384x64 by W 64x16 ($macs, peak 256 MACs/cycle): $rate"

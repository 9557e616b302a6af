#!/usr/bin/env bash
# make bench figures for the RTL generator (issue 4): time to build a
# Verilated unit from a cold cache; per unit the verify rate (model and RTL
# compared), then the golden model alone and the Verilated RTL alone over the
# same vectors (each pass includes generating and packing the vectors); the
# clocked MAC's step rate; and the exhaustive 2^28 LBA MAC check (goal:
# <= 60 s on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
M=build/macgen
cold=$(mktemp -d)
trap 'rm -rf "$cold"' EXIT
t0=$(date +%s.%N)
MACGEN_CACHE="$cold" $M verify mac w=lba8 a=lba8 acc=lba12 round=rtz --vectors 1 >/dev/null
t1=$(date +%s.%N)
echo "rtl bench: cold build of the lba12 MAC (Verilator + runtime + shim): $(echo "$t1 - $t0" | bc) s"
t0=$(date +%s.%N)
MACGEN_CACHE="$cold" $M verify mac w=e4m3fn a=e4m3fn acc=fp32 round=rne --vectors 1 >/dev/null
t1=$(date +%s.%N)
echo "rtl bench: build of the fp32-acc MAC (runtime already cached): $(echo "$t1 - $t0" | bc) s"
rate() { sed -n 's/.*, \([0-9.]* s (.* M [a-z]*\/s)\).*/\1/p'; }
for spec in "mac w=lba8 a=lba8 acc=lba12 round=rtz" "mac w=e4m3fn a=e4m3fn acc=fp32 round=rne"; do
  for lanes in 1 8; do
    out=$($M verify $spec --vectors 4000000 --lanes $lanes --timing 2>/dev/null)
    echo "rtl bench: $spec, $lanes lane(s), 2 threads, 4M vectors:"
    echo "  model + RTL compared: $(echo "$out" | head -1 | rate)"
    echo "  golden model alone:   $(echo "$out" | grep 'golden model alone' | rate)"
    echo "  Verilated RTL alone:  $(echo "$out" | grep 'Verilated RTL alone' | rate)"
  done
done
out=$($M verify mac w=lba8 a=lba8 acc=lba12 round=rtz acc_reg=1 --vectors 4000000 2>/dev/null)
echo "rtl bench: clocked lba12 accumulator (acc_reg=1), random sequences: $(echo "$out" | rate)"
t0=$(date +%s.%N)
$M verify mac w=lba8 a=lba8 acc=lba12 round=rtz --exhaustive 2>/dev/null | sed 's/^/rtl bench: /'
t1=$(date +%s.%N)
echo "rtl bench: exhaustive lba8 x lba8 + lba12 rtz (2^28 cases), wall: $(echo "$t1 - $t0" | bc) s (goal <= 60 s)"

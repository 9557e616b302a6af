#!/usr/bin/env bash
# HBFP array RTL against the golden model (issue 6, `make test` share):
# HBFP4/6/8, blocks 16 and 64 (and 4), one and several groups, every edge
# pipeline depth, fp32 and bf16 accumulation; then a deliberately broken
# PE (and, with `full`, pipe=3 and pipe=4 edges) that must be reported as a mismatch.
# The FP32 -> HBFP converter (hbfp_quant): HBFP4/6/8, both exponent rules, rne / rtz / sr, every pipe
# depth, and a broken rounder that must be reported.  Prints cmocka-style summaries
# for tests/run_tests.sh.  Usage: hbfp_verify.sh [full]
set -u
# shellcheck source=tests/lib_check.sh
. "$(dirname "$0")/lib_check.sh"

# Few columns: a Verilator build grows with the PE count, and every column
# runs the same RTL; the wide grids run in `full`.  Still every n, blocks 4,
# 16 and 64, one and two groups (two at pipe=0: the combinational acc
# chain), every pipe depth, fp32 and bf16.
configs=(
  "rows=8 cols=2 n=4 block=4 pipe=0"
  "rows=16 cols=2 n=4 block=16 pipe=1"
  "rows=16 cols=2 n=6 block=16 pipe=0"
  "rows=32 cols=2 n=8 block=16 pipe=2"
  "rows=64 cols=1 n=4 block=64 pipe=1"
  "rows=64 cols=1 n=6 block=64 pipe=2 acc=bf16"
  "rows=64 cols=1 n=8 block=64 pipe=0"
  "rows=8 cols=2 n=4 block=4 pipe=3"
  "rows=8 cols=2 n=4 block=4 pipe=4"
)
if [ "${1:-}" = full ]; then
  configs+=(
    "rows=16 cols=16 n=4 block=16 pipe=1"
    "rows=16 cols=8 n=6 block=16 pipe=0"
    "rows=32 cols=4 n=8 block=16 pipe=2"
    "rows=64 cols=4 n=4 block=64 pipe=1"
    "rows=128 cols=8 n=4 block=64 pipe=1"
    "rows=64 cols=16 n=8 block=16 pipe=2"
    "rows=32 cols=32 n=6 block=16 pipe=1"
    "rows=16 cols=16 n=4 block=16 pipe=1 acc=fp16"
    "rows=256 cols=4 n=4 block=256 pipe=1"
  )
  matrices=200
else
  matrices=24
fi
for c in "${configs[@]}"; do
  # shellcheck disable=SC2086
  check "verify hbfp_array $c" 0 "$MACGEN" verify hbfp_array $c --matrices $matrices --seed 7
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/hbfp-broken-XXXXXX")
trap 'rm -rf "$dir"' EXIT

# The protocol rules (issue 23, docs/hbfp_array.md "Rules") on the builds
# above: the earliest legal schedule at every pipe depth (loads in the drain
# cycle, scattered load_e_i, shuffled rows, random start values, random bits
# outside every slot, probes with disabled groups, a one-cycle reset
# mid-drain) must match the model with the array's MG_CHECK_PROTOCOL checks
# silent, and each misuse must be reported by them.
protocol=(
  "rows=8 cols=2 n=4 block=4 pipe=0"
  "rows=16 cols=2 n=4 block=16 pipe=1"
  "rows=32 cols=2 n=8 block=16 pipe=2"
  "rows=8 cols=2 n=4 block=4 pipe=3"
  "rows=8 cols=2 n=4 block=4 pipe=4"
)
for c in "${protocol[@]}"; do
  # shellcheck disable=SC2086
  check "protocol hbfp_array $c" 0 "$MACGEN" verify hbfp_array $c --protocol --matrices $matrices --seed 7
done
for m in early-load early-stream late-exponent partial-load; do
  check "misuse $m is reported" 0 "$MACGEN" verify hbfp_array rows=8 cols=2 n=4 block=4 pipe=0 --misuse $m \
    --matrices 8 --seed 7
done
check "misuse: unknown kind" 2 "$MACGEN" verify hbfp_array rows=8 cols=2 block=4 --misuse too-early
check "misuse: mode-only needs a boost array" 2 "$MACGEN" verify hbfp_array rows=8 cols=2 block=4 --misuse mode-only
check "protocol: not with given matrices" 2 "$MACGEN" verify hbfp_array rows=8 cols=2 block=4 --protocol \
  --x "$dir/x.npy" --w "$dir/w.npy" -o "$dir/y.npy"
check "protocol: not on the converter" 2 "$MACGEN" verify hbfp_quant n=4 block=16 --protocol
# The same checks in another simulator, as an integrator's testbench meets
# them (tests/protocol_check_tb.v): a load one cycle early and a short load,
# two reports; a load in the drain cycle, none.
protocol_tb() {
  local d="$dir/tb" out
  "$MACGEN" rtl hbfp_array rows=8 cols=2 n=4 block=4 pipe=0 -o "$d" >/dev/null || return 1
  iverilog -g2005 -DMG_CHECK_PROTOCOL -o "$d/tb.vvp" "$d"/*.v "$(dirname "$0")/protocol_check_tb.v" || return 1
  out=$(vvp -n "$d/tb.vvp") || return 1
  printf '%s\n' "$out"
  [ "$(printf '%s\n' "$out" | grep -c 'protocol:')" -eq 2 ] &&
    printf '%s\n' "$out" | grep -q 'load_w_i in cycle 25, the wavefront of cycle 21 in flight: load from cycle 26' &&
    printf '%s\n' "$out" | grep -q 'wavefront in cycle 33 after 7 load_w_i cycles'
}
check "MG_CHECK_PROTOCOL under iverilog: two misuses, two reports" 0 protocol_tb
# Arrays that break a rule yet pass the plain verify schedule, which the
# protocol schedule must catch: a synchronous valid_o reset (rule 7; the
# protocol run resets while results are due), and with `full` a disabled
# group whose flags leak (rule 3) and exponents that load only together
# with a weight row (rule 1).
protocol_mutant() { # name, file, sed expression
  local out="$dir/pm-${1// /-}"
  "$MACGEN" rtl hbfp_array rows=8 cols=2 n=4 block=4 pipe=1 -o "$out" >/dev/null
  cp "$out/$2" "$out/orig.txt"
  sed -i "$3" "$out/$2"
  if cmp -s "$out/$2" "$out/orig.txt"; then
    check_failed "$1: could not edit $2" "$1 edit"
  else
    rm "$out/orig.txt"
    check "$1 is caught by the protocol run" 1 "$MACGEN" verify hbfp_array rows=8 cols=2 n=4 block=4 pipe=1 \
      --rtl "$out" --protocol --matrices 12 --seed 7
  fi
}
protocol_mutant "synchronous valid_o reset" mg_valid_delay.v \
  's/always @(posedge clk_i or negedge rst_ni) begin/always @(posedge clk_i) begin/'
if [ "${1:-}" = full ]; then
  protocol_mutant "disabled group leaking flags" mg_hbfp_edge.v \
    's/flags_in = en_s ? (flags_i | blk_flags_s) : flags_i;/flags_in = flags_i | blk_flags_s;/'
  protocol_mutant "exponents only with weights" mg_hbfp_array.v 's/\.load_e_i (load_e_i),/.load_e_i (load_e_i \& load_w_i),/'
fi

# A PE that adds one extra LSB when the activation is -1 and the weight odd.
"$MACGEN" rtl hbfp_array rows=4 cols=4 n=4 block=4 pipe=0 -o "$dir" >/dev/null
sed -i "s/psum_q <= psum_d;/psum_q <= psum_d + {{(PsumWidth-1){1'b0}}, (\&a_i \& w_q[0])};/" "$dir/mg_hbfp_pe.v"
if grep -q '&a_i & w_q' "$dir/mg_hbfp_pe.v"; then
  check "broken PE is caught" 1 "$MACGEN" verify hbfp_array rows=4 cols=4 n=4 block=4 pipe=0 --rtl "$dir" --matrices 12
else
  check_failed "broken PE: could not edit the PE" "broken PE edit"
fi
# full: an edge whose disabled-block pass-through skips one of the adder's
# cuts (acc_i one cycle early); a ragged last pass must expose it.
broken_edge() { # pipe, the register the pass-through should take
  local pipe=$1 reg=$2 wire=${2%q} out="$dir/e$1"
  "$MACGEN" rtl hbfp_array rows=8 cols=2 n=4 block=4 pipe="$pipe" -o "$out" >/dev/null
  sed -i "s/assign ${wire}   = ${reg};/assign ${wire}   = acc_i;/" "$out/mg_hbfp_edge.v"
  if ! grep -q "${wire}   = ${reg}" "$out/mg_hbfp_edge.v"; then
    check "broken pipe=$pipe edge is caught" 1 "$MACGEN" verify hbfp_array rows=8 cols=2 n=4 block=4 \
      pipe="$pipe" --rtl "$out" --matrices 12
  else
    check_failed "broken pipe=$pipe edge: could not edit the edge" "broken edge edit"
  fi
}
if [ "${1:-}" = full ]; then
  broken_edge 3 acc_cq   # the cut before the rounding
  broken_edge 4 acc_mq   # the mid cut after the alignment
fi
# Lint, no waivers (lint_unit in lib_check.sh).
lints=(
  "hbfp_quant n=4 block=4 exp=floor1 round=rne pipe=0"
  "hbfp_quant n=6 block=64 exp=ceil round=rtz pipe=1"
  "hbfp_quant n=8 block=256 exp=floor1 round=sr rbits=16 pipe=2"
  "hbfp_array rows=16 cols=4 n=4 block=16 pipe=1"
  "hbfp_array rows=32 cols=2 n=8 block=16 pipe=2 acc=bf16"
  "hbfp_array rows=8 cols=2 n=4 block=4 pipe=4"
  "hbfp_array rows=32 cols=2 n=6 block=16 pipe=3"
)
for c in "${lints[@]}"; do
  # shellcheck disable=SC2086
  check "lint $c" 0 lint_unit "$dir/lint" $c
done

# The converter: edge blocks of every kind plus random blocks.
qconfigs=(
  "n=4 block=64 exp=floor1 round=rne pipe=0"
  "n=6 block=16 exp=ceil round=rtz pipe=1"
  "n=8 block=32 exp=floor1 round=sr rbits=20 pipe=2"
)
if [ "${1:-}" = full ]; then
  qconfigs+=(
    "n=4 block=256 exp=ceil round=rne pipe=1"
    "n=8 block=64 exp=ceil round=rne pipe=0"
    "n=6 block=128 exp=floor1 round=sr rbits=4 pipe=0"
    "n=4 block=4 exp=floor1 round=rtz pipe=2"
  )
  blocks=50000
else
  blocks=20000
fi
for c in "${qconfigs[@]}"; do
  # shellcheck disable=SC2086
  check "verify hbfp_quant $c" 0 "$MACGEN" verify hbfp_quant $c --blocks $blocks --seed 11
done
# A converter whose rne forgets the even rule (ties always round down).
"$MACGEN" rtl hbfp_quant n=4 block=16 -o "$dir/q" >/dev/null
sed -i 's/| sticky | ip\[0\])/| sticky)/' "$dir/q/mg_hbfp_quant_elem.v"
if ! grep -q 'ip\[0\])' "$dir/q/mg_hbfp_quant_elem.v"; then
  check "broken converter is caught" 1 "$MACGEN" verify hbfp_quant n=4 block=16 --rtl "$dir/q" --blocks 100
else
  check_failed "broken converter: could not edit the rounder" "broken converter edit"
fi
check "converter: unknown rounding" 2 "$MACGEN" rtl hbfp_quant round=rnd -o "$dir/x"
check "converter: rbits without sr" 2 "$MACGEN" rtl hbfp_quant rbits=4 -o "$dir/x"
check "converter: pipe out of range" 2 "$MACGEN" rtl hbfp_quant pipe=3 -o "$dir/x"

# Parameter errors: one line, exit 2.
check "rows not a multiple of block" 2 "$MACGEN" rtl hbfp_array rows=24 block=16 -o "$dir/x"
check "block not a power of two" 2 "$MACGEN" rtl hbfp_array rows=24 block=12 -o "$dir/x"
check "unknown parameter" 2 "$MACGEN" rtl hbfp_array rows=16 colz=4 -o "$dir/x"
check "array pipe out of range" 2 "$MACGEN" rtl hbfp_array pipe=5 -o "$dir/x"

check_summary

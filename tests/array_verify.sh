#!/usr/bin/env bash
# The float MAC array and the hierarchical array cost (issue 6, `make test`
# share): `macgen verify mac_array` on 4x4, 3x2 and 2x2 arrays (LBA and FP8/FP32
# PEs; random matrices, several passes; a lean pipelined one), a deliberately
# broken PE and a pipelined PE off its schedule that must be reported,
# parameter errors, lean tops without flag/event ports, and the hierarchical cost estimate against one
# flat synthesis of the whole array (--check-flat: gates within 2%; small
# arrays here, since the flat whole array is the slow part; larger ones with
# `full`).  Prints
# cmocka-style summaries for tests/run_tests.sh.  Usage: array_verify.sh [full]
set -u
# shellcheck source=tests/lib_check.sh
. "$(dirname "$0")/lib_check.sh"

# Small grids: a Verilator build grows with the PE count (a 4x4 FP8/FP32
# array took 118 CPU-seconds to build), and the grid's generate loops are the
# same at every size; the larger grids run in `full`.
configs=(
  "rows=4 cols=4 pe=lba"
  "rows=2 cols=2 pe=e4m3fn_fp32"
  "rows=4 cols=3 pe=lba flags=0 events=0 pipe=2"
)
costs=(
  "mac_array rows=2 cols=2 pe=lba"
  "hbfp_array rows=4 cols=2 n=4 block=4"
)
matrices=24
if [ "${1:-}" = full ]; then
  configs+=(
    "rows=8 cols=8 pe=lba"
    "rows=4 cols=4 pe=e4m3fn_fp32"
    "rows=4 cols=4 pe=fp32"
    "rows=8 cols=8 pe=fp32"
    "rows=8 cols=8 pe=bf16"
    "rows=4 cols=4 pe=bf16_bf16"
    "rows=8 cols=8 pe=e4m3fn_fp32"
    "rows=16 cols=16 pe=lba"
    "rows=4 cols=3 pe=fp32 flags=0 events=0 pipe=2"
    "rows=4 cols=4 pe=e4m3fn_fp32 pipe=1"
    "rows=4 cols=4 pe=bf16 events=0 pipe=3"
  )
  costs+=(
    "mac_array rows=4 cols=4 pe=lba"
    "hbfp_array rows=8 cols=4 n=4 block=4"
    "hbfp_array rows=8 cols=8 n=4 block=4"
    "hbfp_array rows=8 cols=8 n=8 block=8 pipe=2"
    "mac_array rows=8 cols=8 pe=fp32"
    "mac_array rows=8 cols=8 pe=e4m3fn_fp32"
  )
  matrices=200
fi
# The lean fp32 MAC (the array PE's step on its own; LBA forms run in
# test_rtl_verify): full only, each fp32 Verilator build takes a minute.
if [ "${1:-}" = full ]; then
  for c in "flags=0 events=0" "pipe=2 flags=0 events=0"; do
    # shellcheck disable=SC2086
    check "verify mac fp32 $c" 0 "$MACGEN" verify mac w=fp32 a=fp32 acc=fp32 round=rne $c --vectors 300000
  done
fi
for c in "${configs[@]}"; do
  # shellcheck disable=SC2086
  check "verify mac_array $c" 0 "$MACGEN" verify mac_array $c --matrices $matrices --seed 5
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/mac-array-broken-XXXXXX")
trap 'rm -rf "$dir"' EXIT

# The protocol rules (issue 23, docs/mac_array.md "Rules") on the builds
# above: the earliest legal schedule (loads in the drain cycle, shuffled
# rows, random bits outside every slot, a one-cycle reset mid-drain, -0
# through zero-padded rows, which must come out +0) must match the model
# with the array's MG_CHECK_PROTOCOL checks silent; each misuse must be
# reported by them.
for c in "${configs[@]:0:3}"; do
  # shellcheck disable=SC2086
  check "protocol mac_array $c" 0 "$MACGEN" verify mac_array $c --protocol --matrices $matrices --seed 5
done
for m in early-load early-stream partial-load; do
  check "misuse $m is reported" 0 "$MACGEN" verify mac_array rows=4 cols=3 pe=lba flags=0 events=0 pipe=2 \
    --misuse $m --matrices 8 --seed 5
done
check "misuse: late-exponent needs block exponents" 2 "$MACGEN" verify mac_array rows=2 cols=2 --misuse late-exponent
# full: a PE that skips a zero step (w = a = 0 keeps the sum), against rule 8
# (padded rows are real steps: -0 becomes +0), which the protocol run's
# padding case must catch.
if [ "${1:-}" = full ]; then
  "$MACGEN" rtl mac_array rows=4 cols=4 pe=lba -o "$dir/skip" >/dev/null
  sed -i "s/      psum_q   <= step_res;/      psum_q   <= (a_i == {AW{1'b0}} \&\& w_q == {WW{1'b0}}) ? psum_i : step_res;/" \
    "$dir/skip/mg_mac_array_pe.v"
  if grep -q '? psum_i : step_res' "$dir/skip/mg_mac_array_pe.v"; then
    check "a PE skipping zero steps is caught by the protocol run" 1 "$MACGEN" verify mac_array rows=4 cols=4 pe=lba \
      --rtl "$dir/skip" --protocol --matrices 8 --seed 5
  else
    check_failed "zero-step PE: could not edit the PE" "zero-step PE edit"
  fi
fi
check "lint mac_array with its checks" 0 lint_unit "$dir/lint" mac_array rows=3 cols=2 pe=lba pipe=1

# A PE whose sum flips its last bit when the activation and weight are both odd.
"$MACGEN" rtl mac_array rows=2 cols=3 pe=lba -o "$dir" >/dev/null
sed -i "s/psum_q   <= step_res;/psum_q   <= step_res ^ {{(CW-1){1'b0}}, a_i[0] \& w_q[0]};/" "$dir/mg_mac_array_pe.v"
if grep -q 'a_i\[0\] & w_q\[0\]' "$dir/mg_mac_array_pe.v"; then
  check "broken PE is caught" 1 "$MACGEN" verify mac_array rows=2 cols=3 pe=lba --rtl "$dir" --matrices 8
else
  check_failed "broken PE: could not edit the PE" "broken PE edit"
fi

# A pipelined PE whose MAC has one register stage too few: its sums reach the
# PE below a cycle early, so every column chain is off schedule.
"$MACGEN" rtl mac_array rows=3 cols=2 pe=lba flags=0 events=0 pipe=2 -o "$dir/pipe" >/dev/null
sed -i "s/\.Pipe (Pipe), \.ExpWidth/.Pipe (Pipe - 1), .ExpWidth/" "$dir/pipe/mg_mac_array_pe.v"
if grep -q 'Pipe (Pipe - 1)' "$dir/pipe/mg_mac_array_pe.v"; then
  check "broken pipelined PE is caught" 1 "$MACGEN" verify mac_array rows=3 cols=2 pe=lba flags=0 events=0 \
    pipe=2 --rtl "$dir/pipe" --matrices 8
else
  check_failed "broken pipelined PE: could not edit the PE" "broken pipelined PE edit"
fi

check "unknown pe" 2 "$MACGEN" rtl mac_array pe=fp64 -o "$dir/x"
check "rows out of range" 2 "$MACGEN" rtl mac_array rows=1 -o "$dir/x"
check "pipe out of range" 2 "$MACGEN" rtl mac_array pipe=99 -o "$dir/x"
check "flags not 0 or 1" 2 "$MACGEN" rtl mac_array flags=2 -o "$dir/x"
# Lean: no flags_o / events_o port in the top wrapper.
"$MACGEN" rtl mac_array rows=2 cols=2 pe=lba flags=0 events=0 -o "$dir/lean" >/dev/null
"$MACGEN" rtl mac w=fp32 a=fp32 acc=fp32 flags=0 events=0 -o "$dir/lean" >/dev/null
check "lean tops have no flags_o or events_o port" 1 grep -lE "output +wire.*(flags_o|events_o)" \
  "$dir/lean/mg_mac_array_top.v" "$dir/lean/mg_mac_top.v"
check "unknown parameter" 2 "$MACGEN" rtl mac_array rows=4 colz=4 -o "$dir/x"
check "cost: --netlist refused for arrays" 2 "$MACGEN" cost mac_array rows=4 cols=4 pe=lba --netlist x.v
check "cost: unreadable liberty for arrays" 2 "$MACGEN" cost mac_array rows=4 cols=4 pe=lba --liberty x.lib
check "cost: unknown --tech for arrays" 2 "$MACGEN" cost mac_array rows=4 cols=4 pe=lba --tech nosuch

for c in "${costs[@]}"; do
  # shellcheck disable=SC2086
  check "cost $c --check-flat" 0 "$MACGEN" cost $c --check-flat --quiet
done

check_summary

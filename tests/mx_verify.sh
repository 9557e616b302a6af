#!/usr/bin/env bash
# MX RTL against the golden model (issue 12, `make test` share): mx_array
# for every element format at a small size (`full` adds the 32x4 MXFP6 array
# of the issue and larger ones), every edge pipeline depth, fp32 and bf16 accumulation, then a
# deliberately broken PE that must be reported; the FP32 -> MX converter
# (mx_quant) for a float and the int8 element, both scale rules, rne / rtz /
# sr, and a broken scale rule that must be reported; lint in the three tools.
# Prints cmocka-style summaries for tests/run_tests.sh.  Usage: mx_verify.sh [full]
set -u
# shellcheck source=tests/lib_check.sh
. "$(dirname "$0")/lib_check.sh"

# Small arrays: Verilator builds are the cost of this script (one per line).
configs=(
  "rows=8 cols=2 elem=fp6_e3m2 block=8 pipe=1"
  "rows=8 cols=1 elem=fp8_e4m3 block=8 pipe=0"
  "rows=8 cols=1 elem=fp8_e5m2 block=8 pipe=2"
  "rows=8 cols=1 elem=fp6_e2m3 block=8 pipe=1 acc=bf16"
  "rows=16 cols=1 elem=fp4_e2m1 block=8 pipe=1"
  "rows=8 cols=2 elem=int8 block=8 pipe=0"
  "rows=16 cols=1 elem=fp6_e3m2 block=8 pipe=3"
  "rows=16 cols=1 elem=fp4_e2m1 block=8 pipe=4"
)
qconfigs=(
  "elem=fp8_e5m2 block=8 scale=floor round=sr rbits=6 pipe=1"
  "elem=int8 block=8 scale=ceil round=rne pipe=0"
)
if [ "${1:-}" = full ]; then
  configs+=(
    "rows=32 cols=4 elem=fp6_e3m2 block=32 acc=fp32"
    "rows=64 cols=8 elem=fp8_e4m3 block=32 pipe=1"
    "rows=64 cols=4 elem=fp8_e5m2 block=32 pipe=0 acc=bf16"
    "rows=32 cols=16 elem=fp6_e2m3 block=32 pipe=2"
    "rows=64 cols=4 elem=fp4_e2m1 block=32 pipe=1"
    "rows=32 cols=8 elem=int8 block=32 pipe=1"
  )
  qconfigs+=(
    "elem=fp8_e4m3 block=32 scale=ceil round=rtz pipe=2"
    "elem=fp6_e3m2 block=32 scale=floor round=rne pipe=0"
    "elem=fp6_e2m3 block=16 scale=ceil round=sr pipe=0"
    "elem=fp4_e2m1 block=32 scale=floor round=rtz pipe=1"
  )
  matrices=200
  blocks=50000
else
  matrices=28
  blocks=6000
fi
for c in "${configs[@]}"; do
  # shellcheck disable=SC2086
  check "verify mx_array $c" 0 "$MACGEN" verify mx_array $c --matrices $matrices --seed 5
done
for c in "${qconfigs[@]}"; do
  # shellcheck disable=SC2086
  check "verify mx_quant $c" 0 "$MACGEN" verify mx_quant $c --blocks $blocks --seed 9
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/mx-broken-XXXXXX")
trap 'rm -rf "$dir"' EXIT
# The protocol rules (issue 23, docs/spec/mx.md section 7, the rules of
# docs/hbfp_array.md) on builds above: disabled groups full of NaN/Inf codes
# and NaN scales, random start values, the earliest schedule; a misuse
# must be reported by the array's MG_CHECK_PROTOCOL checks.
for c in "rows=8 cols=1 elem=fp8_e4m3 block=8 pipe=0" "rows=16 cols=1 elem=fp4_e2m1 block=8 pipe=4" \
         "rows=8 cols=2 elem=int8 block=8 pipe=0" "rows=16 cols=1 elem=fp6_e3m2 block=8 pipe=3"; do
  # shellcheck disable=SC2086
  check "protocol mx_array $c" 0 "$MACGEN" verify mx_array $c --protocol --matrices $matrices --seed 5
done
check "misuse late-exponent is reported" 0 "$MACGEN" verify mx_array rows=16 cols=1 elem=fp4_e2m1 block=8 pipe=4 \
  --misuse late-exponent --matrices 8 --seed 5
# A PE that shifts a product one place too far when the weight's significand ends in 11.
"$MACGEN" rtl mx_array rows=8 cols=1 elem=fp8_e4m3 block=8 pipe=0 -o "$dir/a" >/dev/null
sed -i "s/{1'b0, edist\[2\*ElemExp-1:ElemExp\]};/{1'b0, edist[2*ElemExp-1:ElemExp]} + {{ElemExp{1'b0}}, \&sig[1:0]};/" "$dir/a/mg_hbfp_pe.v"
if grep -q '&sig\[1:0\]' "$dir/a/mg_hbfp_pe.v"; then
  check "broken MX PE is caught" 1 "$MACGEN" verify mx_array rows=8 cols=1 elem=fp8_e4m3 block=8 pipe=0 --rtl "$dir/a" --matrices 8
else
  check_failed "broken MX PE: could not edit the PE" "broken MX PE edit"
fi
# A converter whose ceil rule also bumps a block maximum that fits exactly.
"$MACGEN" rtl mx_quant elem=int8 block=8 scale=ceil -o "$dir/q" >/dev/null
sed -i 's/(frac > frac_limit)/(frac >= frac_limit)/' "$dir/q/mg_mx_quant_scale.v"
if grep -q 'frac >= frac_limit' "$dir/q/mg_mx_quant_scale.v"; then
  check "broken MX converter is caught" 1 "$MACGEN" verify mx_quant elem=int8 block=8 scale=ceil --rtl "$dir/q" --blocks 600
else
  check_failed "broken MX converter: could not edit the scale rule" "broken MX converter edit"
fi

lints=(
  "mx_array rows=16 cols=2 elem=fp8_e5m2 block=16 pipe=2 acc=bf16"
  "mx_array rows=8 cols=2 elem=int8 block=8 pipe=1"
  "mx_array rows=16 cols=2 elem=fp4_e2m1 block=8 pipe=3"
  "mx_quant elem=fp4_e2m1 block=8 scale=ceil round=sr rbits=3 pipe=2"
  "mx_quant elem=fp6_e3m2 block=32 scale=floor round=rtz pipe=0"
)
for c in "${lints[@]}"; do
  # shellcheck disable=SC2086
  check "lint $c" 0 lint_unit "$dir/lint" $c
done

check "rows not a multiple of block" 2 "$MACGEN" rtl mx_array rows=24 block=16 -o "$dir/x"
check "block below 8" 2 "$MACGEN" rtl mx_array rows=4 block=4 -o "$dir/x"
check "unknown element" 2 "$MACGEN" rtl mx_array elem=fp5 -o "$dir/x"
check "array pipe out of range" 2 "$MACGEN" rtl mx_array pipe=5 -o "$dir/x"
check "converter: unknown scale rule" 2 "$MACGEN" rtl mx_quant scale=round -o "$dir/x"
check "converter: rbits without sr" 2 "$MACGEN" rtl mx_quant rbits=4 -o "$dir/x"

check_summary

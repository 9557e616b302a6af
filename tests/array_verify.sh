#!/usr/bin/env bash
# The float MAC array and the hierarchical array cost (issue 6, `make test`
# share): `macgen verify mac_array` on 4x4 and 8x8 arrays (LBA and FP8/FP32
# PEs; random matrices, several passes), a deliberately broken PE that must be
# reported, parameter errors, and the hierarchical cost estimate against one
# flat synthesis of the whole array (--check-flat: gates within 2%; small
# arrays here, since the flat whole array is the slow part; larger ones with
# `full`).  Prints
# cmocka-style summaries for tests/run_tests.sh.  Usage: array_verify.sh [full]
set -u
# shellcheck source=tests/lib_check.sh
. "$(dirname "$0")/lib_check.sh"

configs=(
  "rows=4 cols=4 pe=lba"
  "rows=8 cols=8 pe=lba"
  "rows=4 cols=4 pe=e4m3fn_fp32"
)
costs=(
  "mac_array rows=2 cols=2 pe=lba"
  "hbfp_array rows=4 cols=2 n=4 block=4"
)
matrices=24
if [ "${1:-}" = full ]; then
  configs+=(
    "rows=4 cols=4 pe=fp32"
    "rows=8 cols=8 pe=fp32"
    "rows=8 cols=8 pe=bf16"
    "rows=4 cols=4 pe=bf16_bf16"
    "rows=8 cols=8 pe=e4m3fn_fp32"
    "rows=16 cols=16 pe=lba"
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
for c in "${configs[@]}"; do
  # shellcheck disable=SC2086
  check "verify mac_array $c" 0 "$MACGEN" verify mac_array $c --matrices $matrices --seed 5
done

# A PE whose sum flips its last bit when the activation and weight are both odd.
dir=$(mktemp -d "${TMPDIR:-/tmp}/mac-array-broken-XXXXXX")
trap 'rm -rf "$dir"' EXIT
"$MACGEN" rtl mac_array rows=4 cols=4 pe=lba -o "$dir" >/dev/null
sed -i "s/psum_q   <= step_res;/psum_q   <= step_res ^ {{(CW-1){1'b0}}, a_i[0] \& w_q[0]};/" "$dir/mg_mac_array_pe.v"
if grep -q 'a_i\[0\] & w_q\[0\]' "$dir/mg_mac_array_pe.v"; then
  check "broken PE is caught" 1 "$MACGEN" verify mac_array rows=4 cols=4 pe=lba --rtl "$dir" --matrices 8
else
  check_failed "broken PE: could not edit the PE" "broken PE edit"
fi

check "unknown pe" 2 "$MACGEN" rtl mac_array pe=fp64 -o "$dir/x"
check "rows out of range" 2 "$MACGEN" rtl mac_array rows=1 -o "$dir/x"
check "unknown parameter" 2 "$MACGEN" rtl mac_array rows=4 colz=4 -o "$dir/x"
check "cost: --netlist refused for arrays" 2 "$MACGEN" cost mac_array rows=4 cols=4 pe=lba --netlist x.v
check "cost: unreadable liberty for arrays" 2 "$MACGEN" cost mac_array rows=4 cols=4 pe=lba --liberty x.lib
check "cost: unknown --tech for arrays" 2 "$MACGEN" cost mac_array rows=4 cols=4 pe=lba --tech nosuch

for c in "${costs[@]}"; do
  # shellcheck disable=SC2086
  check "cost $c --check-flat" 0 "$MACGEN" cost $c --check-flat --quiet
done

check_summary

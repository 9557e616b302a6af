#!/usr/bin/env bash
# `macgen matmul` bit for bit against the Verilated arrays (issue 21, `make
# test` share): for mac_array (LBA and FP8/FP32 PEs), hbfp_array (HBFP4,
# HBFP6) and mx_array (MXFP6, MXFP4), on random matrices (zeros of both
# signs, values beyond and below the formats' ranges) and on a real layer of
# the network of docs/network_accuracy.md (its test inputs and first-layer
# weights, from scripts/network_report.py --quick --export-layer), `macgen
# verify UNIT --x X.npy --w W.npy -o Yrtl.npy` streams the matrices through
# the RTL (and checks every output against the model on the way) and writes
# the Y the array produced; `macgen matmul` writes its own; the two files'
# encodings (--out-dtype bits) must be identical.  The Accuracy Booster
# array (hbfp_array n=4 boost=6) runs in both modes (--mode 4 and 6; in the
# 6-bit mode its Y must also be HBFP6's, hbfp_array n=6, by the spec).  The array sizes are those
# of array_verify.sh, hbfp_verify.sh and mx_verify.sh, so that their
# Verilator builds are shared through the verify cache.  `full` (make
# verify-full) adds the fp32 and bf16 PEs and block 64.  Prints cmocka-style
# summaries.  Usage: matmul_rtl.sh [full]
set -u
cd "$(dirname "$0")/.."
# shellcheck source=tests/lib_check.sh
. tests/lib_check.sh
PY=/usr/bin/python3
work=$(mktemp -d "${TMPDIR:-/tmp}/macgen-matmul-rtl-XXXXXX")
trap 'rm -rf "$work"' EXIT

configs=(
  "mac_array rows=4 cols=4 pe=lba|lba"
  "mac_array rows=2 cols=2 pe=e4m3fn_fp32|"
  "hbfp_array rows=16 cols=2 n=4 block=16 pipe=1|"
  "hbfp_array rows=16 cols=2 n=6 block=16 pipe=0|"
  "hbfp_array rows=16 cols=4 n=4 block=16 boost=6 --mode 4|"
  "hbfp_array rows=16 cols=4 n=4 block=16 boost=6 --mode 6|"
  "mx_array rows=8 cols=2 elem=fp6_e3m2 block=8 pipe=1|"
  "mx_array rows=16 cols=1 elem=fp4_e2m1 block=8 pipe=1|"
)
if [ "${1:-}" = full ]; then
  configs+=(
    "mac_array rows=2 cols=2 pe=fp32|"
    "mac_array rows=4 cols=4 pe=bf16|"
    "hbfp_array rows=64 cols=1 n=4 block=64 pipe=1|"
    "hbfp_array rows=64 cols=1 n=6 block=64 pipe=2|"
    "hbfp_array rows=8 cols=3 n=4 block=4 pipe=4 boost=6 boost_pe=6x4 --mode 6|"
    "hbfp_array rows=64 cols=2 n=4 block=64 pipe=4 boost=6 --mode 6|"
  )
fi

"$PY" tests/matmul_tool.py rtl "$work" 21 || check_failed "random matrices" "matmul_tool.py rtl"
"$PY" scripts/network_report.py --quick --out-dir "$work/net" --export-layer "$work" 2> "$work/net.log" ||
  { cat "$work/net.log"; check_failed "the real layer (network_report.py --quick)" "network layer"; }

# name unit+params x w: verify's Y and matmul's Y, byte for byte
same_y() {
  local name=$1 params=$2 x=$3 w=$4
  # shellcheck disable=SC2086
  if "$MACGEN" verify $params --x "$x" --w "$w" -o "$work/rtl.npy" --out-dtype bits > "$work/v.log" 2>&1 &&
     "$MACGEN" matmul $params --x "$x" --w "$w" -o "$work/mm.npy" --out-dtype bits -j 2 2> "$work/m.log" &&
     cmp -s "$work/rtl.npy" "$work/mm.npy"; then
    tail -n 1 "$work/v.log"
    echo "[       OK ] $name"; pass=$((pass + 1))
  else
    cat "$work/v.log" "$work/m.log"
    cmp "$work/rtl.npy" "$work/mm.npy"
    check_failed "$name" "$name"
  fi
  rm -f "$work/rtl.npy" "$work/mm.npy"
}

for c in "${configs[@]}"; do
  IFS='|' read -r params scaled <<< "$c"
  same_y "matmul = RTL: $params, random 12x45 by 45x7" "$params" "$work/x.npy" "$work/w.npy"
  # The LBA rows of the report feed lba8 the layer scaled by powers of two.
  suffix=${scaled:+_lba}
  same_y "matmul = RTL: $params, the network's first layer (96x64 by 64x128)" "$params" \
    "$work/layer_x$suffix.npy" "$work/layer_w$suffix.npy"
done

# A broken PE (array_verify.sh's: a sum's last bit flipped when the
# activation's and the weight's last bits are both 1; the same edit, so the
# same cached build) is caught on given matrices, and the Y it writes
# differs from matmul's.
"$MACGEN" rtl mac_array rows=2 cols=3 pe=lba -o "$work/broken" > /dev/null
sed -i "s/psum_q   <= step_res;/psum_q   <= step_res ^ {{(CW-1){1'b0}}, a_i[0] \& w_q[0]};/" "$work/broken/mg_mac_array_pe.v"
"$MACGEN" verify mac_array rows=2 cols=3 pe=lba --rtl "$work/broken" --x "$work/x.npy" --w "$work/w.npy" \
  -o "$work/rtl.npy" --out-dtype bits > "$work/v.log" 2>&1
rc=$?
"$MACGEN" matmul mac_array rows=2 pe=lba --x "$work/x.npy" --w "$work/w.npy" -o "$work/mm.npy" --out-dtype bits
if [ "$rc" -eq 1 ] && grep -q "reproduce: macgen verify .* --x " "$work/v.log" && ! cmp -s "$work/rtl.npy" "$work/mm.npy"; then
  echo "[       OK ] a broken PE on given matrices: exit 1, and its Y differs from matmul's"; pass=$((pass + 1))
else
  tail -n 3 "$work/v.log"
  check_failed "a broken PE on given matrices (exit $rc)" "broken PE, given matrices"
fi

# The Accuracy Booster's modes are HBFP4 and HBFP6 bit for bit (docs/spec/
# hbfp.md section 7): matmul's boost products equal the plain arrays'.
for mode in 4 6; do
  "$MACGEN" matmul hbfp_array n=4 boost=6 block=16 --mode $mode --x "$work/x.npy" --w "$work/w.npy" \
    -o "$work/a.npy" --out-dtype bits
  "$MACGEN" matmul hbfp_array n=$mode block=16 --x "$work/x.npy" --w "$work/w.npy" -o "$work/b.npy" --out-dtype bits
  if cmp -s "$work/a.npy" "$work/b.npy"; then echo "[       OK ] boost=6 --mode $mode is HBFP$mode"; pass=$((pass + 1))
  else check_failed "boost=6 --mode $mode is HBFP$mode" "boost mode $mode"; fi
done

# The comparison is not vacuous: a Y from another arithmetic differs.
"$MACGEN" matmul hbfp_array n=6 block=16 --x "$work/x.npy" --w "$work/w.npy" -o "$work/a.npy" --out-dtype bits
"$MACGEN" matmul hbfp_array n=4 block=16 --x "$work/x.npy" --w "$work/w.npy" -o "$work/b.npy" --out-dtype bits
if cmp -s "$work/a.npy" "$work/b.npy"; then check_failed "HBFP6 and HBFP4 give different Y" "vacuous"
else echo "[       OK ] HBFP6 and HBFP4 give different Y"; pass=$((pass + 1)); fi

check_summary

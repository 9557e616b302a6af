#!/usr/bin/env bash
# `macgen eval mx_quant` and `eval mx_dot` against an independent reference
# (tests/ref/mx_ref.py, written with exact fractions from the text of the
# contract's MX eval lines, docs/spec/mx.md section 6, and the rules they use): every element format, both scale rules, every rounding, both
# fused settings, fp32 and bf16 accumulators; seeded random and edge-case
# lines (zeros, NaN/Inf, saturating blocks, subnormals, huge and tiny scales).
# Disagreeing lines go to build/mx_eval_ref/*.diff.  Skips (exit 0) while
# macgen has no mx_quant.  Prints cmocka-style summaries for tests/run_tests.sh.
set -u
# shellcheck source=tests/lib_check.sh
. "$(dirname "$0")/lib_check.sh"
export PYTHONDONTWRITEBYTECODE=1
ref_dir="$(dirname "$0")/ref"

if ! command -v python3 >/dev/null; then
  echo "[  SKIPPED ] mx_eval_ref: python3 missing (make deps installs it)"
  check_summary
fi
if ! "$MACGEN" eval --help 2>/dev/null | grep -q 'mx_quant'; then
  echo "[  SKIPPED ] mx_eval_ref: '$MACGEN eval mx_quant' is not available"
  check_summary
fi

elems=(fp8_e4m3 fp8_e5m2 fp6_e3m2 fp6_e2m3 fp4_e2m1 int8)
configs=()
for e in "${elems[@]}"; do
  for s in floor ceil; do
    for r in rne rtz sr; do configs+=("mx_quant elem=$e block=32 scale=$s round=$r"); done
  done
  for acc in fp32 bf16; do
    for f in 0 1; do configs+=("mx_dot elem=$e block=32 acc=$acc fused=$f"); done
  done
done
# The defaults, other block sizes, random words, accumulators, once each.
configs+=("mx_quant" "mx_dot"
          "mx_quant elem=fp6_e3m2 block=8 scale=ceil round=sr rbits=3"
          "mx_quant elem=int8 block=64 scale=ceil round=sr rbits=1"
          "mx_dot elem=fp4_e2m1 block=256 acc=fp32 fused=0"
          "mx_dot elem=fp8_e5m2 block=8 acc=e4m7,fin,ftz fused=1"
          "mx_dot elem=fp6_e2m3 block=16 acc=fp16 fused=0")

check "mx_ref.py selftest (the reference on hand-derived lines)" 0 python3 "$ref_dir/mx_ref.py" selftest
out=$(python3 "$ref_dir/mx_check.py" "$MACGEN" "${configs[@]}" --lines "${MX_REF_LINES:-1000}" \
      --seed 12 --jobs 2 --diff-dir build/mx_eval_ref 2>&1)
rc=$?
while IFS= read -r line; do
  case $line in
    "PASS "*) echo "[       OK ] ${line#PASS }"; pass=$((pass + 1)) ;;
    "FAIL "*) check_failed "${line#FAIL }" "${line#FAIL }" ;;
    *) echo "$line" ;;
  esac
done <<< "$out"
[ "$rc" -ne 0 ] && [ "$fail" -eq 0 ] && check_failed "mx_check.py exit $rc" "mx_check.py"
check_summary

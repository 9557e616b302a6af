#!/usr/bin/env bash
# The Accuracy Booster array (`hbfp_array n=4 boost=6`, issue 20; docs/hbfp_array.md)
# against the golden model, `make test` share: 4-bit and 6-bit matrix multiplies
# with mode changes between them, multi-pass K and the 6-bit digit extremes, on
# the 4x4-PE array (one group and two, pipe 1 and 4) and the 6x4-PE alternative;
# then a recombination with a wrong shift that must be caught (and, with `full`,
# more broken pieces, larger arrays and bf16).  Prints cmocka-style summaries for
# tests/run_tests.sh.  Usage: hbfp_boost_verify.sh [full]
set -u
# shellcheck source=tests/lib_check.sh
. "$(dirname "$0")/lib_check.sh"

configs=(
  "rows=16 cols=4 n=4 block=16 acc=fp32 boost=6"
  "rows=8 cols=2 n=4 block=4 pipe=4 boost=6"
  "rows=8 cols=2 n=4 block=4 pipe=2 boost=6 boost_pe=6x4"
)
if [ "${1:-}" = full ]; then
  configs+=(
    "rows=64 cols=8 n=4 block=64 pipe=4 boost=6"
    "rows=32 cols=6 n=4 block=16 pipe=3 boost=6"
    "rows=32 cols=4 n=4 block=16 pipe=0 boost=6 acc=bf16"
    "rows=64 cols=4 n=4 block=64 pipe=4 boost=6 boost_pe=6x4"
    "rows=16 cols=5 n=4 block=16 pipe=1 boost=6 boost_pe=6x4 acc=fp16"
  )
  matrices=120
else
  matrices=24
fi
for c in "${configs[@]}"; do
  # shellcheck disable=SC2086
  check "verify hbfp_array $c" 0 "$MACGEN" verify hbfp_array $c --matrices $matrices --seed 7
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/hbfp-boost-XXXXXX")
trap 'rm -rf "$dir"' EXIT

# The protocol rules (issue 23, docs/hbfp_array.md "Rules", the boost
# array's included) on the builds above: the earliest schedule in both
# modes with mode changes, and the misuses of the mode and the 6-bit slots
# (and an early load) reported by the array's MG_CHECK_PROTOCOL checks.
for c in "${configs[@]:0:3}"; do
  # shellcheck disable=SC2086
  check "protocol hbfp_array $c" 0 "$MACGEN" verify hbfp_array $c --protocol --matrices $matrices --seed 7
done
for m in mode-only six-bit-slots early-load; do
  check "misuse $m is reported" 0 "$MACGEN" verify hbfp_array rows=8 cols=2 n=4 block=4 pipe=4 boost=6 \
    --misuse $m --matrices 8 --seed 7
done

# Broken pieces of the join stage (mg_hbfp_boost_join.v), each in a copy of
# one array's Verilog.  None touches a 4-bit pass: only 6-bit traffic (and,
# for the narrow P, only the digit extremes) can find them.
mutant() { # name, config, sed expression, the file it edits
  local name=$1 cfg=$2 expr=$3 file=${4:-mg_hbfp_boost_join.v} out="$dir/$1"
  # shellcheck disable=SC2086
  "$MACGEN" rtl hbfp_array $cfg -o "$out" >/dev/null
  cp "$out/$file" "$dir/$name.orig"
  sed -i "$expr" "$out/$file"
  if cmp -s "$out/$file" "$dir/$name.orig"; then
    check_failed "$name: could not edit $file" "$name edit"
    return
  fi
  # shellcheck disable=SC2086
  check "$name is caught" 1 "$MACGEN" verify hbfp_array $cfg --rtl "$out" --matrices 24 --seed 3
}
small="rows=16 cols=4 n=4 block=16 boost=6"
# 8*(P + S_lh) + S_ll with a shift of 2 instead of 3.
mutant "recombination shift" "$small" 's/boost_i ? (high << DigitBits) + cur_x/boost_i ? (high << 2) + cur_x/'
# The join's magnitude of a negative sum without the +1 (ones' complement):
# both modes go through it.
mutant "magnitude off by one" "$small" \
  's/~sum_tc\[OutWidth-2:0\] + {{(OutWidth-2){1.b0}}, 1.b1}/~sum_tc[OutWidth-2:0]/'
if [ "${1:-}" = full ]; then
  mutant "dropped S_lh" "$small" 's/assign high = part_x + prev_x;/assign high = part_x;/'
  mutant "dropped S_ll" "$small" 's/boost_i ? (high << DigitBits) + cur_x : narrow/boost_i ? (high << DigitBits) : narrow/'
  mutant "unshifted S_hh" "$small" 's/part_q <= (prev_x << DigitBits) + cur_x;/part_q <= prev_x + cur_x;/'
  mutant "6x4 join shift" "rows=16 cols=2 n=4 block=16 boost=6 boost_pe=6x4" \
    's/boost_i ? (high << DigitBits) + cur_x/boost_i ? (high << 4) + cur_x/'
  # P one bit narrower than |P| <= 124*B needs (the digit extremes reach it).
  mutant "narrow P" "$small" 's/\.PartWidth (12)/.PartWidth (11)/' mg_hbfp_array_top.v
  # The edge's sign and the join's leading-zero count, broken.
  mutant "sign dropped" "$small" 's/\.sign_i        (sign_i \& ~sum_zero)/.sign_i        (1'"'"'b0)/' \
    mg_hbfp_boost_edge.v
  mutant "count's last bit cleared" "$small" 's/count_q <= count;/count_q <= {count[CountWidth-1:1], 1'"'"'b0};/'
fi

lints=(
  "hbfp_array rows=16 cols=4 n=4 block=16 pipe=1 boost=6"
  "hbfp_array rows=8 cols=3 n=4 block=4 pipe=4 boost=6 boost_pe=6x4"
)
for c in "${lints[@]}"; do
  # shellcheck disable=SC2086
  check "lint $c" 0 lint_unit "$dir/lint" $c
done

# Parameter errors: one line, exit 2.
check "boost with n=6" 2 "$MACGEN" rtl hbfp_array n=6 boost=6 -o "$dir/x"
check "boost=8" 2 "$MACGEN" rtl hbfp_array n=4 boost=8 -o "$dir/x"
check "boost_pe without boost" 2 "$MACGEN" rtl hbfp_array n=4 boost_pe=6x4 -o "$dir/x"
check "boost_pe unknown" 2 "$MACGEN" rtl hbfp_array n=4 boost=6 boost_pe=8x4 -o "$dir/x"
check "odd cols with 4x4 PEs" 2 "$MACGEN" rtl hbfp_array n=4 boost=6 cols=3 -o "$dir/x"
check "--modes on a plain array" 2 "$MACGEN" verify hbfp_array n=4 --modes 6
check "--modes 5" 2 "$MACGEN" verify hbfp_array n=4 boost=6 --modes 5
# --mode (one mode; given matrices run in it): 4 or 6 through the strict parser.
one_line() { # name needle command...: exit 2 and one stderr line holding needle
  local name=$1 needle=$2; shift 2
  "$@" > /dev/null 2> "$dir/err"
  local rc=$?
  if [ "$rc" -eq 2 ] && [ "$(wc -l < "$dir/err")" -eq 1 ] && grep -qF -- "$needle" "$dir/err"; then
    echo "[       OK ] $name"; pass=$((pass + 1))
  else
    echo "exit $rc, stderr: $(head -c 300 "$dir/err")"
    check_failed "$name (wanted exit 2 and one line with '$needle')" "$name"
  fi
}
v=("$MACGEN" verify hbfp_array n=4 boost=6)
one_line "--mode 5" "--mode 5: an Accuracy Booster array runs its passes in mode 4 or 6" "${v[@]}" --mode 5
one_line "--mode 8" "--mode 8: out of range (4..6)" "${v[@]}" --mode 8
one_line "--mode 06" "a leading zero is not allowed" "${v[@]}" --mode 06
one_line "--mode +4" "expected a decimal integer" "${v[@]}" --mode +4
one_line "--mode 0x4" "hexadecimal is not accepted" "${v[@]}" --mode 0x4
one_line "--mode 99999999999999999999" "out of range (4..6)" "${v[@]}" --mode 99999999999999999999
one_line "--mode without a value" "--mode needs a value" "${v[@]}" --mode
one_line "--mode on a plain array" "Accuracy Booster array only" "$MACGEN" verify hbfp_array n=4 --mode 4
one_line "--mode and --modes" "give one of --mode and --modes, once" "${v[@]}" --mode 4 --modes 6
one_line "given matrices in both modes" "given matrices run in one mode" "${v[@]}" --modes both \
  --x "$dir/none.npy" --w "$dir/none.npy" -o "$dir/y.npy"

check_summary

#!/usr/bin/env bash
# `macgen matmul` (issue 21, `make test` share): independent truths
# (tests/matmul_tool.py truths: the host's float32/float16 steps, exact
# products, hand-counted events, the Python module equal to the command),
# the hardening checks of issue 18 applied to the new command (malformed,
# mutated, huge and non-finite .npy files, wrong dtype and shape, outputs
# through a link, onto a directory or a full device, bad -j, unknown keys,
# leading zeros, overflow, control characters; each with its exit status,
# one line on stderr and nothing written), and the short run of the network
# report (scripts/network_report.py --quick).  Prints cmocka-style summaries.
set -u
cd "$(dirname "$0")/.."
# shellcheck source=tests/lib_check.sh
. tests/lib_check.sh
MACGEN=$(pwd)/${MACGEN#./}
SAN=${SAN:-build/macgen-san}
PY=/usr/bin/python3
work=$(mktemp -d "${TMPDIR:-/tmp}/macgen-matmul-XXXXXX")
trap 'rm -rf "$work"' EXIT

expect() { # name condition...
  if "${@:2}"; then echo "[       OK ] $1"; pass=$((pass + 1)); else check_failed "$1" "$1"; fi
}
one_line() { # name expected-exit needle command...: the status, one stderr line holding needle
  local name=$1 want=$2 needle=$3; shift 3
  "$@" > "$work/out" 2> "$work/err"
  local rc=$?
  if [ "$rc" -eq "$want" ] && [ "$(wc -l < "$work/err")" -eq 1 ] && grep -qF -- "$needle" "$work/err"; then
    echo "[       OK ] $name"; pass=$((pass + 1))
  else
    echo "exit $rc, stderr: $(head -c 300 "$work/err")"
    check_failed "$name (wanted exit $want and one line with '$needle')" "$name"
  fi
}
nothing_left() { # dir: no file but the inputs (no temporaries, no output)
  [ -z "$(find "$1" -name '.*' -o -name 'y*' | head -n 1)" ]
}

check "truths (host float steps, exact cases, events, Python = CLI)" 0 \
  "$PY" tests/matmul_tool.py truths "$MACGEN" "$work"

d=$work/bad
mkdir -p "$d"
"$PY" tests/matmul_tool.py bad "$d"
m=("$MACGEN" matmul dot)
check "matmul --help" 0 "$MACGEN" matmul --help
one_line "no arithmetic" 2 "give an arithmetic" "$MACGEN" matmul --x "$d/x.npy" --w "$d/w.npy" -o "$d/y.npy"
one_line "no -o" 2 "give -o" "${m[@]}" --x "$d/x.npy" --w "$d/w.npy"
one_line "unknown arithmetic" 2 "unknown arithmetic 'mac'" "$MACGEN" matmul mac --x "$d/x.npy" --w "$d/w.npy" -o "$d/y.npy"
one_line "shape mismatch" 2 "W needs as many rows as X has columns" "${m[@]}" --x "$d/x.npy" --w "$d/w_shape.npy" -o "$d/y.npy"
one_line "NaN in X" 2 "element [1, 2] is NaN" "${m[@]}" --x "$d/nan.npy" --w "$d/w.npy" -o "$d/y.npy"
one_line "-Inf in W" 2 "element [2, 0] is -Inf" "${m[@]}" --x "$d/x.npy" --w "$d/inf.npy" -o "$d/y.npy"
one_line "int32 data" 2 "expected '<f4' (float32) or '<f8'" "${m[@]}" --x "$d/int.npy" --w "$d/w.npy" -o "$d/y.npy"
one_line "float16 data" 2 "expected '<f4' (float32) or '<f8'" "${m[@]}" --x "$d/f16.npy" --w "$d/w.npy" -o "$d/y.npy"
one_line "3-D data" 2 "expected 2" "${m[@]}" --x "$d/threed.npy" --w "$d/w.npy" -o "$d/y.npy"
one_line "truncated data" 2 "truncated" "${m[@]}" --x "$d/truncated.npy" --w "$d/w.npy" -o "$d/y.npy"
one_line "bad magic" 2 "bad magic" "${m[@]}" --x "$d/magic.npy" --w "$d/w.npy" -o "$d/y.npy"
one_line "missing file" 2 "No such file" "${m[@]}" --x "$d/none.npy" --w "$d/w.npy" -o "$d/y.npy"
one_line "Y of 10^10 elements" 2 "more than 2^31 elements" "${m[@]}" --x "$d/wide.npy" --w "$d/tall.npy" -o "$d/y.npy"
one_line "2^31 claimed elements: refused before memory runs out" 2 "over the memory limit" \
  "${m[@]}" --x "$d/huge.npy" --w "$d/w21.npy" -o "$d/y.npy"
expect "... nothing written by the refusals" nothing_left "$d"
muts=0
for f in "$d"/mut*.npy; do
  "$MACGEN" matmul dot --x "$f" --w "$d/w.npy" -o "$d/out.npy" > /dev/null 2> "$work/err"
  rc=$?
  { [ "$rc" -eq 0 ] || { [ "$rc" -eq 2 ] && [ "$(wc -l < "$work/err")" -eq 1 ]; }; } || muts=$((muts + 1))
done
rm -f "$d/out.npy"
expect "40 mutated .npy files: exit 0 or 2 with one line" test "$muts" -eq 0
if [ -x "$SAN" ]; then
  sanbad=0
  for f in "$d"/mut*.npy "$d"/truncated.npy "$d"/huge.npy; do
    "$SAN" matmul mac_array pe=lba --x "$f" --w "$d/w.npy" -o "$d/out.npy" > /dev/null 2>&1
    rc=$?; [ "$rc" -eq 0 ] || [ "$rc" -eq 2 ] || sanbad=$((sanbad + 1))
  done
  rm -f "$d/out.npy"
  expect "the same under ASan/UBSan" test "$sanbad" -eq 0
fi

# Parameters and options.
o=(--x "$d/x.npy" --w "$d/w.npy" -o "$d/y.npy")
one_line "unknown key" 2 "unknown parameter 'chunks'" "${m[@]}" chunks=4 "${o[@]}"
one_line "leading zero" 2 "a leading zero is not allowed" "${m[@]}" chunk=016 "${o[@]}"
one_line "hex number" 2 "hexadecimal is not accepted" "$MACGEN" matmul hbfp_array block=0x10 "${o[@]}"
one_line "overflowing number" 2 "out of range" "$MACGEN" matmul mac_array rows=99999999999999999999 "${o[@]}"
one_line "newline in a value" 2 'lba\nx' "$MACGEN" matmul mac_array "pe=lba
x" "${o[@]}"
one_line "newline in a format" 2 "control character" "${m[@]}" "acc=lba12
touch $work/pwned" "${o[@]}"
expect "... nothing executed" test ! -e "$work/pwned"
one_line "pe= with the MAC's keys" 2 "not both" "$MACGEN" matmul mac_array pe=lba acc=fp16 "${o[@]}"
one_line "round=sr" 2 "round=sr is not offered" "${m[@]}" round=sr "${o[@]}"
one_line "rows not a multiple of block" 2 "multiple of block" "$MACGEN" matmul hbfp_array rows=24 block=16 "${o[@]}"
one_line "-j 0" 2 "out of range (1..256)" "${m[@]}" -j 0 "${o[@]}"
one_line "-j 100000" 2 "out of range (1..256)" "${m[@]}" -j 100000 "${o[@]}"
one_line "--out-dtype float16" 2 "expected float32, float64 or bits" "${m[@]}" --out-dtype float16 "${o[@]}"
one_line "fp64 results into float32" 2 "cannot hold every value" "${m[@]}" acc=fp64 --out-dtype float32 "${o[@]}"
one_line "-o and --json one file" 2 "name the same file" "${m[@]}" "${o[@]}" --json "$d/y.npy"
# --mode (the Accuracy Booster array's pass mode): 4 or 6, nothing else.
b=("$MACGEN" matmul hbfp_array n=4 boost=6)
one_line "--mode 5" 2 "--mode 5: an Accuracy Booster array runs its passes in mode 4 or 6" "${b[@]}" --mode 5 "${o[@]}"
one_line "--mode 7" 2 "--mode 7: out of range (4..6)" "${b[@]}" --mode 7 "${o[@]}"
one_line "--mode 064" 2 "a leading zero is not allowed" "${b[@]}" --mode 064 "${o[@]}"
one_line "--mode +6" 2 "expected a decimal integer" "${b[@]}" --mode +6 "${o[@]}"
one_line "--mode ' 6'" 2 "expected a decimal integer" "${b[@]}" --mode " 6" "${o[@]}"
one_line "--mode 0x6" 2 "hexadecimal is not accepted" "${b[@]}" --mode 0x6 "${o[@]}"
one_line "--mode 99999999999999999999" 2 "out of range (4..6)" "${b[@]}" --mode 99999999999999999999 "${o[@]}"
one_line "--mode without a value" 2 "--mode needs a value" "${b[@]}" "${o[@]}" --mode
one_line "--mode on a plain array" 2 "Accuracy Booster array only" "$MACGEN" matmul hbfp_array n=4 --mode 4 "${o[@]}"
one_line "--mode on mx_array" 2 "Accuracy Booster array only" "$MACGEN" matmul mx_array --mode 6 "${o[@]}"
expect "... nothing written by the refusals" nothing_left "$d"
check "fp64 results default to float64" 0 "${m[@]}" acc=fp64 "${o[@]}"
expect "... float64 data" grep -q "'<f8'" "$d/y.npy"
rm -f "$d/y.npy"
check "--mode 6 accepted" 0 "${b[@]}" --mode 6 "${o[@]}" --json "$d/y.json"
expect "... the mode in the JSON's arithmetic" grep -q 'pipe=1 boost=6 --mode 6"' "$d/y.json"
rm -f "$d/y.json"

# Outputs: through a link, onto a directory, a full device, a missing folder.
echo old > "$work/target.npy"
ln -s target.npy "$work/link.npy"
check "-o through a symbolic link" 0 "${m[@]}" --x "$d/x.npy" --w "$d/w.npy" -o "$work/link.npy"
expect "... the link is still a link" test -L "$work/link.npy"
expect "... its target holds Y" grep -q NUMPY "$work/target.npy"
mkdir "$work/dir.npy"
one_line "-o onto a directory" 4 "dir.npy" "${m[@]}" --x "$d/x.npy" --w "$d/w.npy" -o "$work/dir.npy"
one_line "-o /dev/full" 4 "/dev/full" "${m[@]}" --x "$d/x.npy" --w "$d/w.npy" -o /dev/full
expect "... /dev/full is still a device" test -c /dev/full
one_line "-o in a missing folder" 4 "nowhere" "${m[@]}" --x "$d/x.npy" --w "$d/w.npy" -o "$work/nowhere/y.npy"
cp "$d/x.npy" "$work/keep.npy"
one_line "a failed run keeps the old Y" 2 "NaN" "${m[@]}" --x "$d/nan.npy" --w "$d/w.npy" -o "$work/keep.npy"
expect "... unchanged" cmp -s "$d/x.npy" "$work/keep.npy"
check "--json through a link" 0 "${m[@]}" --x "$d/x.npy" --w "$d/w.npy" -o "$work/y2.npy" --json "$work/link.npy"
expect "... JSON in the target" grep -q '"macs"' "$work/target.npy"
"$MACGEN" matmul mac_array pe=lba --x "$d/x.npy" --w "$d/w.npy" -o "$work/a.npy" -j 1
"$MACGEN" matmul mac_array pe=lba --x "$d/x.npy" --w "$d/w.npy" -o "$work/b.npy" -j 7 --progress 2> /dev/null
expect "Y does not depend on -j" cmp -s "$work/a.npy" "$work/b.npy"

# The network report's short run: a few training steps, one row of each
# table, and a real layer for tests/matmul_rtl.sh's kind of check.
check "network report --quick" 0 "$PY" scripts/network_report.py --quick --out-dir "$work/net" \
  --export-layer "$work/layer"
expect "... both tables" grep -q "^| lba8 x lba8, lba12, chunk 16 |" "$work/net/network_accuracy.md"
expect "... the training table" grep -q "^| HBFP4 |" "$work/net/network_accuracy.md"
expect "... a PNG" test -s "$work/net/network_accuracy.png"
expect "... a layer" test -s "$work/layer/layer_w.npy"

check_summary

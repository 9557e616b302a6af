#!/usr/bin/env bash
# macgen accuracy (issue 13), `make test` share, a few seconds:
# - for fixed .npy pairs, the mean relative error and the event rates agree,
#   to the printed digits, with an independent computation from `macgen eval
#   dot` answers and exact rational arithmetic (tests/acc_tool.py); the same
#   for hbfp_dot through `eval hbfp_quant` and `eval hbfp_dot`;
# - results do not depend on -j; a seed changes them;
# - malformed .npy files and bad arguments: exit 2 with one line on stderr;
# - an unwritable output: exit 4 and no file left behind.
# Prints cmocka-style summaries for tests/run_tests.sh.
set -u
# shellcheck source=tests/lib_check.sh
. "$(dirname "$0")/lib_check.sh"
tool="python3 $(dirname "$0")/acc_tool.py"
dir=$(mktemp -d "${TMPDIR:-/tmp}/acc-test-XXXXXX")
trap 'rm -rf "$dir"' EXIT

# ---- against eval dot + exact fractions ------------------------------------
$tool gen "$dir" 40 37 5
compare() { # name accuracy-args -- eval-args -- result-format
  local name=$1; shift
  local acc=() ev=()
  while [ "$1" != -- ]; do acc+=("$1"); shift; done; shift
  while [ "$1" != -- ]; do ev+=("$1"); shift; done; shift
  local want got
  want=$("$MACGEN" eval dot k=37 "${ev[@]}" < "$dir/lines.txt" | $tool check "$1" 37)
  got=$("$MACGEN" accuracy dot "${acc[@]}" --data "$dir/w.npy" "$dir/a.npy" | tail -n 1 |
        awk '{print $3, $11, $12, $13}')
  if [ -n "$want" ] && [ "$want" = "$got" ]; then
    echo "[       OK ] $name ($got)"; pass=$((pass + 1))
  else
    check_failed "$name: accuracy '$got', eval + fractions '$want'" "$name"
  fi
}
compare "lba12 rtz chunk 8" chunk=8 -- chunk=8 -- lba12
compare "lba12 rne no chunking" chunk=0 round=rne -- chunk=37 round=rne -- lba12
compare "bf16 rne chunk 8" chunk=8 acc=bf16 -- chunk=8 acc=bf16 round=rne -- bf16
compare "fp16 rne chunk 16" chunk=16 acc=fp16 -- chunk=16 acc=fp16 round=rne -- fp16

# hbfp_dot: FP32 inputs, S their exact dot product; the last block zero-padded.
want=$($tool hbfp "$MACGEN" "$dir" 25 40 16)
got=$("$MACGEN" accuracy hbfp_dot n=4 block=16 --data "$dir/hw.npy" "$dir/ha.npy" | tail -n 1 | awk '{print $3}')
if [ -n "$want" ] && [ "$want" = "$got" ]; then
  echo "[       OK ] hbfp_dot n=4 block=16 K=40 ($got)"; pass=$((pass + 1))
else check_failed "hbfp_dot: accuracy '$got', eval + fractions '$want'" "hbfp_dot against eval"; fi

# The Accuracy Booster mix (boost=6 mix=F): every row draws the same inputs
# whatever its width, so mix=1 is exactly HBFP6 and mix=0 exactly HBFP4; a
# mix in between lies between them.
figures() { # accuracy hbfp_dot parameters: "sqnr w1_rel" of 200 rows, K=256
  "$MACGEN" accuracy hbfp_dot block=16 K=256 --trials 200 -j 1 --json "$dir/mix.json" --quiet "$@" &&
    grep -o '"sqnr_db": [^,]*\|"w1_rel": [^,]*' "$dir/mix.json" | awk '{printf "%s ", $2}'
}
h4=$(figures n=4); h6=$(figures n=6)
m0=$(figures n=4 boost=6 mix=0); m1=$(figures n=4 boost=6 mix=1); m10=$(figures n=4 boost=6 mix=0.1)
if [ -n "$h4" ] && [ "$m0" = "$h4" ] && [ "$m1" = "$h6" ] &&
   awk -v a="${h4%% *}" -v b="${m10%% *}" -v c="${h6%% *}" 'BEGIN { exit !(a < b && b < c) }'; then
  echo "[       OK ] boost mix: mix=0 is HBFP4 ($h4), mix=1 HBFP6 ($h6), mix=0.1 between"; pass=$((pass + 1))
else check_failed "boost mix: HBFP4 '$h4' mix=0 '$m0', HBFP6 '$h6' mix=1 '$m1', mix=0.1 '$m10'" "boost mix"; fi

# ---- reproducibility ---------------------------------------------------------
strip() { sed 's/"seconds": [^}]*//' "$1"; }
"$MACGEN" accuracy dot K=100,1000 --trials 300 -j 1 --json "$dir/j1.json" --quiet
"$MACGEN" accuracy dot K=100,1000 --trials 300 -j 2 --json "$dir/j2.json" --quiet
"$MACGEN" accuracy dot K=100,1000 --trials 300 -j 2 --seed 9 --json "$dir/j3.json" --quiet
if [ -s "$dir/j1.json" ] && [ "$(strip "$dir/j1.json")" = "$(strip "$dir/j2.json")" ]; then
  echo "[       OK ] -j 1 and -j 2 give the same figures"; pass=$((pass + 1))
else check_failed "-j 1 and -j 2 differ" "-j determinism"; fi
if [ "$(strip "$dir/j1.json")" != "$(strip "$dir/j3.json")" ]; then
  echo "[       OK ] another seed gives other figures"; pass=$((pass + 1))
else check_failed "--seed has no effect" "--seed"; fi

# ---- bad input: exit 2, exactly one line on stderr -----------------------------
one_line() { # name expected-exit command...
  local name=$1 want=$2; shift 2
  local lines rc
  "$@" > /dev/null 2> "$dir/err"; rc=$?
  lines=$(wc -l < "$dir/err")
  if [ "$rc" -eq "$want" ] && [ "$lines" -eq 1 ]; then
    echo "[       OK ] $name: $(cat "$dir/err")"; pass=$((pass + 1))
  else
    check_failed "$name (exit $rc, expected $want; $lines stderr lines)" "$name"
  fi
}
$tool bad "$dir"
for f in magic bigendian fortran threed int truncated shorthdr empty; do
  one_line "npy $f" 2 "$MACGEN" accuracy dot --data "$dir/$f.npy" "$dir/a.npy"
done
one_line "npy missing file" 2 "$MACGEN" accuracy dot --data "$dir/none.npy" "$dir/a.npy"
one_line "npy shapes differ" 2 "$MACGEN" accuracy dot --data "$dir/w.npy" "$dir/truncated.npy"
one_line "--data needs two files" 2 "$MACGEN" accuracy dot --data "$dir/w.npy"
one_line "K with --data" 2 "$MACGEN" accuracy dot K=4 --data "$dir/w.npy" "$dir/a.npy"
one_line "mix without boost" 2 "$MACGEN" accuracy hbfp_dot n=4 mix=0.1
one_line "mix out of range" 2 "$MACGEN" accuracy hbfp_dot n=4 boost=6 mix=1.5
one_line "boost not wider than n" 2 "$MACGEN" accuracy hbfp_dot n=6 boost=6
one_line "K=0" 2 "$MACGEN" accuracy dot K=0
one_line "huge K" 2 "$MACGEN" accuracy dot K=99999999999999999999
one_line "K over the limit" 2 "$MACGEN" accuracy dot K=16777217
one_line "K not a list" 2 "$MACGEN" accuracy dot K=64,,x
one_line "too many MACs" 2 "$MACGEN" accuracy dot K=16777216 --trials 100000
one_line "trials 0" 2 "$MACGEN" accuracy dot --trials 0
one_line "trials text" 2 "$MACGEN" accuracy dot --trials many
one_line "unknown dist" 2 "$MACGEN" accuracy dot dist=cauchy
one_line "negative scale" 2 "$MACGEN" accuracy dot scale=-1
one_line "nan scale" 2 "$MACGEN" accuracy dot scale=nan
one_line "unknown key" 2 "$MACGEN" accuracy dot colour=red
one_line "unknown unit" 2 "$MACGEN" accuracy add
one_line "no unit" 2 "$MACGEN" accuracy K=4
one_line "bad format" 2 "$MACGEN" accuracy dot acc=e9m99
one_line "inputs too wide" 2 "$MACGEN" accuracy dot w=fp32 a=fp32
one_line "exact sum too wide" 2 "$MACGEN" accuracy dot w=bf16 a=bf16
one_line "unknown option" 2 "$MACGEN" accuracy dot --fast

# ---- output failures: exit 4, nothing left behind ----------------------------------
one_line "--json to /dev/full" 4 "$MACGEN" accuracy dot K=8 --trials 4 --json /dev/full --quiet
one_line "--csv into a missing folder" 4 "$MACGEN" accuracy dot K=8 --trials 4 --csv "$dir/no/such/x.csv" --quiet
if [ -c /dev/full ]; then
  echo "[       OK ] /dev/full is still a device"; pass=$((pass + 1))
else check_failed "/dev/full was replaced" "/dev/full kept"; fi
chmod 555 "$dir" 2>/dev/null
"$MACGEN" accuracy dot K=8 --trials 4 --json "$dir/ro.json" --quiet 2>/dev/null; rc=$?
chmod 755 "$dir"
if [ "$rc" -eq 4 ] && ! ls "$dir" | grep -q 'ro.json'; then
  echo "[       OK ] read-only folder: exit 4, no file"; pass=$((pass + 1))
elif [ "$(id -u)" -eq 0 ]; then
  echo "[       OK ] read-only folder: skipped (root writes anyway)"; pass=$((pass + 1))
else check_failed "read-only folder (exit $rc)" "read-only folder"; fi
check_summary

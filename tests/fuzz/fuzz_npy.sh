#!/usr/bin/env bash
# make fuzz-npy: the two readers of untrusted files in a sanitizer build of
# macgen (build/macgen-san: ASan + UBSan, no recovery) for FUZZ_SECONDS
# (default 600), in turns:
#   - the .npy reader: `accuracy UNIT --data W.npy A.npy` and `matmul
#     ARITH --x W.npy --w A.npy` on random, often damaged .npy files
#     (tests/fuzz/mutate.c npy; a refused matmul must leave no Y);
#   - the results reader of `sweep --merge`: a real sweep's job results
#     (cost, accuracy, verify outcome) with one or more files mutated
#     (mutate.c json), merged with and without --accuracy and --verify.
# Every run must end with status 0 or 2 and no sanitizer report; the first
# finding is kept in build/fuzz/ and fails.
set -u
SAN=${SAN:-build/macgen-san}
MUT=${MUT:-build/fuzz/mutate}
OUT=build/fuzz
SECS=${FUZZ_SECONDS:-600}
mkdir -p "$OUT"
SAN=$(cd "$(dirname "$SAN")" && pwd)/$(basename "$SAN")
MUT=$(cd "$(dirname "$MUT")" && pwd)/$(basename "$MUT")
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1
work=$(mktemp -d "${TMPDIR:-/tmp}/macgen-fuzz-npy-XXXXXX")
trap 'rm -rf "$work"' EXIT

# The seed results: two points with accuracy, costed by the real Yosys
# through the emitted job lines (as a cluster would), plus verify outcomes
# written the way a job writes them.
args=(mac w=e2m1 a=e2m1 "acc=e3m2,fin,ftz,e3m3,fin,ftz")
accuracy=(--accuracy "K=16 --trials 20")
"$SAN" sweep "${args[@]}" "${accuracy[@]}" --emit-jobs "$work/jobs.txt" > /dev/null || exit 1
sh "$work/jobs.txt" > /dev/null 2>&1 || { echo "fuzz-npy: the seed jobs failed"; exit 1; }
seeds=$work/jobs.txt.results
for i in 0 1; do
  canon=$(sed -n 's/^[[:space:]]*"canonical":[[:space:]]*"\(.*\)",$/\1/p' "$seeds/p$i.json")
  printf '{"unit": "mac", "canonical": "%s", "verify": "pass"}\n' "$canon" > "$seeds/v$i.json"
done
"$SAN" sweep "${args[@]}" "${accuracy[@]}" --verify --merge "$seeds" > /dev/null ||
  { echo "fuzz-npy: the seed results do not merge"; exit 1; }

finding() { # what input...
  local what=$1; shift
  rm -rf "$OUT/finding"; mkdir -p "$OUT/finding"; cp -r "$@" "$OUT/finding/"; cp "$OUT/err.txt" "$OUT/finding/"
  echo "fuzz-npy: FINDING in $what (exit $rc, seed $seed); inputs and stderr in $OUT/finding:"
  head -n 20 "$OUT/err.txt"
  exit 1
}
bad() { { [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; } || grep -q 'Sanitizer\|runtime error' "$OUT/err.txt"; }

units=(mac dot hbfp_dot mx_dot)
matmuls=("mac_array rows=4 cols=4 pe=lba" "dot w=lba8 a=lba8 acc=lba12"
         "hbfp_array n=4 boost=6 rows=16 cols=4 block=16 acc=fp32 --mode 6"
         "mx_array elem=fp6_e3m2 rows=32 cols=4 block=32 acc=fp32 --out-dtype bits")
start=$SECONDS seed=1 npy_runs=0 merge_runs=0 accepted=0
while [ $((SECONDS - start)) -lt "$SECS" ]; do
  # The .npy reader: one file for both operands, or a second with its data damaged.
  "$MUT" npy "$seed" "$work/w.npy"
  cp "$work/w.npy" "$work/a.npy"
  [ $((seed % 3)) -eq 0 ] && "$MUT" json "$seed" "$work/a.npy"
  unit=${units[$((seed % 4))]}
  "$SAN" accuracy "$unit" --data "$work/w.npy" "$work/a.npy" -j 1 --quiet --json "$work/out.json" \
    > /dev/null 2> "$OUT/err.txt"
  rc=$?
  npy_runs=$((npy_runs + 1)); [ "$rc" -eq 0 ] && accepted=$((accepted + 1))
  bad && finding "accuracy $unit --data" "$work/w.npy" "$work/a.npy"

  # The same files through matmul (X, W), on each arithmetic in turn: a
  # refusal leaves no Y behind.
  rm -f "$work/y.npy"
  mm=${matmuls[$((seed % ${#matmuls[@]}))]}
  # shellcheck disable=SC2086
  "$SAN" matmul $mm --x "$work/w.npy" --w "$work/a.npy" -o "$work/y.npy" -j 1 > /dev/null 2> "$OUT/err.txt"
  rc=$?
  npy_runs=$((npy_runs + 1)); [ "$rc" -eq 0 ] && accepted=$((accepted + 1))
  { bad || { [ "$rc" -ne 0 ] && [ -e "$work/y.npy" ]; }; } && finding "matmul $mm" "$work/w.npy" "$work/a.npy"

  # The results reader: a copy of the seeds with 1 to 3 files mutated.
  rm -rf "$work/r"; cp -r "$seeds" "$work/r"
  files=(p0.json p1.json a0.json a1.json v0.json v1.json)
  for ((k = 0; k <= seed % 3; k++)); do
    "$MUT" json "$((seed * 7 + k))" "$work/r/${files[$(((seed + k * 5) % 6))]}"
  done
  extra=()
  [ $((seed % 2)) -eq 0 ] && extra+=("${accuracy[@]}")
  [ $((seed % 4)) -lt 2 ] && extra+=(--verify)
  "$SAN" sweep "${args[@]}" "${extra[@]}" --merge "$work/r" --csv "$work/m.csv" > /dev/null 2> "$OUT/err.txt"
  rc=$?
  merge_runs=$((merge_runs + 1)); [ "$rc" -eq 0 ] && accepted=$((accepted + 1))
  bad && finding "sweep --merge ${extra[*]}" "$work/r"
  seed=$((seed + 1))
done
echo "fuzz-npy: $npy_runs .npy runs (accuracy and matmul), $merge_runs merge runs ($accepted inputs accepted, the rest refused with one line)" \
     "in $((SECONDS - start)) s: no finding"

#!/usr/bin/env bash
# make fuzz-eval: random and mutated lines through every eval op of a
# sanitizer build of macgen (build/macgen-san: ASan + UBSan, no recovery)
# for FUZZ_SECONDS (default 600).  Every run must end with status 0 or 2 and
# no sanitizer report; the first finding is kept in build/fuzz/ and fails.
set -u
SAN=${SAN:-build/macgen-san}
GEN=${GEN:-build/fuzz/gen_lines}
OUT=build/fuzz
SECS=${FUZZ_SECONDS:-600}
LINES=${FUZZ_LINES:-2000}
mkdir -p "$OUT"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1

# One op with its parameters per line: defaults and variants of every op.
configs=(
  "mul" "mul a=e4m3 out=e5m2 round=rtz" "mul a=e2m1 b=e3m2 out=bf16 round=sr rbits=5 ovf=sat"
  "add" "add a=fp16 round=rtz" "add a=e5m2 out=fp32 round=sr rbits=8"
  "fma" "fma a=bf16 out=fp32" "fma a=e4m3 round=sr rbits=3 ovf=sat"
  "mac" "mac w=e4m3 a=e4m3 acc=fp32" "mac fused=1 round=rne" "mac w=e2m1 a=e2m1 acc=bf16 round=sr rbits=6"
  "imac" "imac sat=1"
  "quant" "quant in=fp32 out=e4m3" "quant in=fp16 out=e2m1 round=sr rbits=4" "quant in=e5m2 out=fp64"
  "dot k=4" "dot k=3 chunk=2 fused=1" "dot k=8 w=e4m3 a=e4m3 acc=fp32 round=rne"
  "hbfp_quant" "hbfp_dot" "hbfp_matmul k=4"
  "mx_quant" "mx_dot"
)

# The field widths of one op: K from "expected K hex fields", then each
# field's width from the error an overlong value in it draws.
widths() {
  local cfg=$1 k msg i j line w
  # shellcheck disable=SC2086
  msg=$(printf '0\n' | "$SAN" eval $cfg 2>&1 >/dev/null)
  k=$(printf '%s' "$msg" | sed -n 's/.*expected \([0-9]*\) hex fields.*/\1/p')
  [ -z "$k" ] && k=1
  for ((i = 1; i <= k; i++)); do
    line=""
    for ((j = 1; j <= k; j++)); do
      if [ "$j" -eq "$i" ]; then line+="fffffffffffffffff "; else line+="0 "; fi
    done
    # shellcheck disable=SC2086
    msg=$(printf '%s\n' "$line" | "$SAN" eval $cfg 2>&1 >/dev/null)
    w=$(printf '%s' "$msg" | sed -n "s/.*field $i: .*for a \([0-9]*\)-bit field.*/\1/p")
    printf '%s ' "${w:-64}"
  done
}

declare -A W
for cfg in "${configs[@]}"; do W[$cfg]=$(widths "$cfg"); done
start=$SECONDS seed=1 runs=0 lines=0
while [ $((SECONDS - start)) -lt "$SECS" ]; do
  for cfg in "${configs[@]}"; do
    in="$OUT/input.txt"
    # shellcheck disable=SC2086
    "$GEN" "$seed" "$LINES" ${W[$cfg]} > "$in"
    # shellcheck disable=SC2086
    "$SAN" eval $cfg < "$in" > "$OUT/out.txt" 2> "$OUT/err.txt"
    rc=$?
    runs=$((runs + 1)); lines=$((lines + $(wc -l < "$OUT/out.txt")))
    if { [ $rc -ne 0 ] && [ $rc -ne 2 ]; } || grep -q 'Sanitizer\|runtime error' "$OUT/err.txt"; then
      cp "$in" "$OUT/finding-input.txt"; cp "$OUT/err.txt" "$OUT/finding-err.txt"
      echo "fuzz-eval: FINDING: 'macgen eval $cfg' exit $rc, seed $seed; input $OUT/finding-input.txt:"
      head -n 20 "$OUT/err.txt"
      exit 1
    fi
    seed=$((seed + 1))
    [ $((SECONDS - start)) -ge "$SECS" ] && break
  done
done
echo "fuzz-eval: ${#configs[@]} op configurations, $runs runs, $lines answered lines in $((SECONDS - start)) s: no finding"

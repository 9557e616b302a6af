#!/usr/bin/env bash
# HBFP array RTL against the golden model (issue 6, `make test` share):
# HBFP4/6/8, blocks 16 and 64 (and 4), one and several groups, every edge
# pipeline depth, fp32 and bf16 accumulation; then a deliberately broken
# PE that must be reported as a mismatch.  Prints cmocka-style summaries
# for tests/run_tests.sh.  Usage: hbfp_verify.sh [full]
set -u
MACGEN=${MACGEN:-build/macgen}
pass=0; fail=0; failed=()

check() { # name expected-exit command...
  local name=$1 want=$2; shift 2
  local out rc
  out=$("$@" 2>&1); rc=$?
  printf '%s\n' "$out" | tail -n 1
  if [ "$rc" -eq "$want" ]; then
    echo "[       OK ] $name"; pass=$((pass + 1))
  else
    echo "[  FAILED  ] $name (exit $rc, expected $want)"; fail=$((fail + 1)); failed+=("$name")
  fi
}

configs=(
  "rows=4 cols=4 n=4 block=4 pipe=0"
  "rows=16 cols=16 n=4 block=16 pipe=1"
  "rows=16 cols=8 n=6 block=16 pipe=0"
  "rows=32 cols=4 n=8 block=16 pipe=2"
  "rows=64 cols=4 n=4 block=64 pipe=1"
  "rows=64 cols=2 n=6 block=64 pipe=2 acc=bf16"
  "rows=64 cols=2 n=8 block=64 pipe=0"
)
if [ "${1:-}" = full ]; then
  configs+=(
    "rows=128 cols=8 n=4 block=64 pipe=1"
    "rows=64 cols=16 n=8 block=16 pipe=2"
    "rows=32 cols=32 n=6 block=16 pipe=1"
    "rows=16 cols=16 n=4 block=16 pipe=1 acc=fp16"
    "rows=256 cols=4 n=4 block=256 pipe=1"
  )
  matrices=200
else
  matrices=24
fi
for c in "${configs[@]}"; do
  # shellcheck disable=SC2086
  check "verify hbfp_array $c" 0 "$MACGEN" verify hbfp_array $c --matrices $matrices --seed 7
done

# A PE that adds one extra LSB when the activation is -1 and the weight odd.
dir=$(mktemp -d "${TMPDIR:-/tmp}/hbfp-broken-XXXXXX")
trap 'rm -rf "$dir"' EXIT
"$MACGEN" rtl hbfp_array rows=4 cols=4 n=4 block=4 pipe=0 -o "$dir" >/dev/null
sed -i "s/psum_q <= psum_i + prod_ext;/psum_q <= psum_i + prod_ext + {{(SumWidth-1){1'b0}}, (\&a_i \& w_q[0])};/" "$dir/mg_hbfp_pe.v"
if grep -q '&a_i & w_q' "$dir/mg_hbfp_pe.v"; then
  check "broken PE is caught" 1 "$MACGEN" verify hbfp_array rows=4 cols=4 n=4 block=4 pipe=0 --rtl "$dir" --matrices 12
else
  echo "[  FAILED  ] broken PE: could not edit the PE"; fail=$((fail + 1)); failed+=("broken PE edit")
fi
# Parameter errors: one line, exit 2.
check "rows not a multiple of block" 2 "$MACGEN" rtl hbfp_array rows=24 block=16 -o "$dir/x"
check "block not a power of two" 2 "$MACGEN" rtl hbfp_array rows=24 block=12 -o "$dir/x"
check "unknown parameter" 2 "$MACGEN" rtl hbfp_array rows=16 colz=4 -o "$dir/x"

echo "[  PASSED  ] $pass test(s)."
if [ "$fail" -gt 0 ]; then
  echo "[  FAILED  ] $fail test(s), listed below:"
  printf '[  FAILED  ] %s\n' "${failed[@]}"
  exit 1
fi
exit 0

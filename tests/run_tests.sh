#!/usr/bin/env bash
# Runs every test binary given on the command line, then prints one closing
# line "N passed, N failed" summed over cmocka's per-binary summaries.
set -u
passed=0; failed=0; broken=()
for t in "$@"; do
  echo "== $t"
  start=$SECONDS
  out=$("$t" 2>&1); rc=$?
  printf '%s\n' "$out"
  echo "== $t: $((SECONDS - start)) s"
  p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' | awk '{s+=$1} END {print s+0}')
  f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p' | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); broken+=("$t (exit $rc)"); fi
done
[ ${#broken[@]} -gt 0 ] && printf 'crashed: %s\n' "${broken[@]}"
echo "tests: $passed passed, $failed failed"
[ $failed -eq 0 ]

#!/usr/bin/env bash
# Runs every test executable given on the command line, TEST_JOBS at a time
# (default: the number of cores), then prints each one's output in the given
# order with its seconds, and one closing line "tests: N passed, N failed"
# summed over cmocka's per-executable summaries.  A test that exits non-zero
# without a cmocka failure line counts as one failure (a crash).
#
# Why in parallel: most of the time goes into single-threaded Verilator and
# Yosys runs, so two at once on two cores nearly halve the wall time.  Tests
# keep to their own folders and caches, so they do not collide.
set -u
jobs_max=${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
work=$(mktemp -d "${TMPDIR:-/tmp}/macgen-tests-XXXXXX") || exit 4
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

run_one() { # index test: output, exit status and seconds into $work
  local start=$SECONDS
  "$2" > "$work/$1.out" 2>&1
  echo $? > "$work/$1.rc"
  echo $((SECONDS - start)) > "$work/$1.sec"
  echo "   done $2 ($((SECONDS - start)) s)"
}

tests=("$@")
echo "running ${#tests[@]} test executables, $jobs_max at a time"
for i in "${!tests[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n; done
  run_one "$i" "${tests[$i]}" &
done
wait

passed=0; failed=0; broken=()
for i in "${!tests[@]}"; do
  t=${tests[$i]}
  out=$(cat "$work/$i.out" 2>/dev/null); rc=$(cat "$work/$i.rc" 2>/dev/null || echo 99)
  echo "== $t: $(cat "$work/$i.sec" 2>/dev/null || echo '?') s"
  printf '%s\n' "$out"
  p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' | awk '{s+=$1} END {print s+0}')
  f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p' | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); broken+=("$t (exit $rc)"); fi
done
[ ${#broken[@]} -gt 0 ] && printf 'crashed: %s\n' "${broken[@]}"
echo "tests: $passed passed, $failed failed"
[ $failed -eq 0 ]

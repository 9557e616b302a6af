# Shared by the shell test scripts (source it): check() runs one command and
# expects an exit status, and check_summary prints the cmocka-style summary
# that tests/run_tests.sh adds up, then exits 1 when anything failed.
# shellcheck shell=bash
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

check_failed() { # message listed-name: a failure found without running a check
  echo "[  FAILED  ] $1"; fail=$((fail + 1)); failed+=("$2")
}

check_summary() {
  echo "[  PASSED  ] $pass test(s)."
  if [ "$fail" -gt 0 ]; then
    echo "[  FAILED  ] $fail test(s), listed below:"
    printf '[  FAILED  ] %s\n' "${failed[@]}"
    exit 1
  fi
  exit 0
}

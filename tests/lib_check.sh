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

# Lint, no waivers: verilator -Wall, iverilog -g2005 (both also with the
# simulation-time checks, -DMG_CHECK_PROTOCOL), yosys hierarchy -check (any
# warning fails).  Writes the unit's Verilog into DIR first.
lint_unit() { # dir unit params...
  local d=$1 unit=$2; shift 2
  local out
  rm -rf "$d"
  "$MACGEN" rtl "$unit" "$@" -o "$d" >/dev/null || return 1
  local files=("$d"/*.v) top="mg_${unit}_top"
  local def
  for def in "" -DMG_CHECK_PROTOCOL; do
    out=$(verilator --lint-only -Wall ${def:+"$def"} --top-module "$top" "${files[@]}" 2>&1) ||
      { echo "$out"; return 1; }
    # A temporary output, never the null device (it would be chmod'ed, issue 10).
    out=$(iverilog -g2005 ${def:+"$def"} -o "$d/lint.vvp" "${files[@]}" 2>&1) || { echo "$out"; return 1; }
    [ -z "$out" ] || { echo "$out"; return 1; }
  done
  out=$(yosys -q -p "read_verilog ${files[*]}; hierarchy -check -top $top" 2>&1) || { echo "$out"; return 1; }
  if printf '%s' "$out" | grep -qi warning; then echo "$out"; return 1; fi
  echo "lint clean: $unit $*"
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

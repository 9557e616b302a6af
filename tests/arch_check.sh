#!/usr/bin/env bash
# arch=auto|area|speed (issue 19, docs/float_speed.md):
# - arch=speed emits today's Verilog: every file of the units listed in
#   tests/data/arch/units.txt, the "// Command:" line aside, hashes as main
#   at 246ad98 emitted it (tests/data/arch/speed_sha256.txt); the units whose
#   default is speed (formats wider than 12 bits) emit it without arch= too;
# - the canonical spelling names arch=area exactly when the unit resolves to
#   area, and a bad value is refused with exit 2;
# - the area variants lint clean (verilator -Wall, iverilog, yosys);
# - macgen verify passes in the arch that test_rtl_verify and
#   array_verify.sh do not already run: speed for narrow units (their
#   default is now area), area for a fused MAC, a wide add and a conversion
#   (their default is speed), narrow units exhaustively.
# The rest (every unit of docs/qor.md, dot, quant and mac_array in both
# arch) is `make verify-full` (tests/arch_verify_full.sh).
# Prints cmocka-style summaries for tests/run_tests.sh.
set -u
# shellcheck source=tests/lib_check.sh
. "$(dirname "$0")/lib_check.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/arch-check-XXXXXX")
trap 'rm -rf "$work"' EXIT
ref=tests/data/arch/speed_sha256.txt

hashes() { # dir unit-and-args: "unit args|file|sha256" lines, the Command line removed
  local d=$1 label=$2 f
  for f in "$d"/*.v; do
    printf '%s|%s|%s\n' "$label" "$(basename "$f")" "$(sed 2d "$f" | sha256sum | cut -c1-64)"
  done
}

same_as_main() { # label extra-args...: the unit's files hash as main's
  local label=$1; shift
  local d=$work/rtl_$RANDOM
  # shellcheck disable=SC2086
  "$MACGEN" rtl $label "$@" -o "$d" > /dev/null || return 1
  diff <(grep -F "$label|" "$ref") <(hashes "$d" "$label")
}

while read -r kind unit rest; do
  case $kind in narrow|auto) ;; *) continue ;; esac
  label="$unit${rest:+ $rest}"
  check "arch=speed is today's Verilog: $label" 0 same_as_main "$label" arch=speed
  [ "$kind" = auto ] && check "default arch is speed, today's Verilog: $label" 0 same_as_main "$label"
done < tests/data/arch/units.txt

unit_line() { # args...: the "// Unit:" line of the top
  local d=$work/u_$RANDOM
  "$MACGEN" rtl "$@" -o "$d" > /dev/null && grep -h '^// Unit:' "$d"/mg_*_top.v
}
check "e4m3 mul: auto resolves to area" 0 bash -c "$(declare -f unit_line); MACGEN=$MACGEN work=$work; \
  unit_line mul a=e4m3 b=e4m3 out=e4m3 | grep -q ' arch=area$'"
check "fp32 mul: auto resolves to speed (no arch= spelled)" 1 bash -c "$(declare -f unit_line); MACGEN=$MACGEN \
  work=$work; unit_line mul a=fp32 b=fp32 out=fp32 | grep -q arch="
check "fp32 mul arch=area: spelled" 0 bash -c "$(declare -f unit_line); MACGEN=$MACGEN work=$work; \
  unit_line mul a=fp32 b=fp32 out=fp32 arch=area | grep -q ' arch=area$'"
check "e2m1 mul (FP4): auto resolves to speed" 1 bash -c "$(declare -f unit_line); MACGEN=$MACGEN work=$work; \
  unit_line mul a=e2m1 b=e2m1 out=e2m1 | grep -q arch="
check "fused lba12 MAC: auto resolves to speed, lean acc_reg=1 to area" 0 bash -c "$(declare -f unit_line); \
  MACGEN=$MACGEN work=$work; ! unit_line mac fused=1 | grep -q arch= && \
  unit_line mac fused=1 acc_reg=1 flags=0 events=0 | grep -q ' arch=area$'"
check "quant e5m2 -> e4m3: auto resolves to speed" 1 bash -c "$(declare -f unit_line); MACGEN=$MACGEN \
  work=$work; unit_line quant in=e5m2 out=e4m3 | grep -q arch="
check "pipelined lba12 MAC: auto resolves to speed" 1 bash -c "$(declare -f unit_line); MACGEN=$MACGEN \
  work=$work; unit_line mac pipe=2 | grep -q arch="
check "mac_array pe=lba: auto resolves to area" 0 bash -c "$(declare -f unit_line); MACGEN=$MACGEN work=$work; \
  unit_line mac_array pe=lba rows=2 cols=2 | grep -q ' arch=area'"
check "arch=fast: refused (exit 2)" 2 "$MACGEN" rtl mul arch=fast -o "$work/bad"
check "arch= is not an eval parameter (exit 2)" 2 bash -c "echo '38 38' | $MACGEN eval mul arch=area"

check "lint mul e4m3 area" 0 lint_unit "$work/l1" mul a=e4m3 b=e4m3 out=e4m3 flags=1 arch=area
check "lint add e5m2 area" 0 lint_unit "$work/l2" add a=e5m2 arch=area
check "lint mac lba12 fused acc_reg area" 0 lint_unit "$work/l3" mac fused=1 acc_reg=1 arch=area
check "lint mac e4m3fn+fp32 pipe=3 area" 0 lint_unit "$work/l4" mac w=e4m3fn a=e4m3fn acc=fp32 pipe=3 arch=area
check "lint quant area" 0 lint_unit "$work/l5" quant in=fp32 out=e4m3 arch=area
check "lint dot area" 0 lint_unit "$work/l6" dot arch=area

v() { check "verify $*" 0 "$MACGEN" verify "$@"; }
v mul a=e4m3 b=e4m3 out=e4m3 round=rne arch=speed
v mul a=e4m3 b=e4m3 out=e4m3 round=sr rbits=2 arch=area
v add a=e5m2 arch=speed
v add a=e2m3 b=e3m2 out=e4m3 round=sr rbits=2
v mac w=lba8 a=lba8 acc=lba12 round=rtz fused=1 acc_reg=1 flags=0 events=0 arch=speed --vectors 100000
v mac w=lba8 a=lba8 acc=lba12 round=rtz fused=1 acc_reg=1 flags=0 events=0 --vectors 300000
v mac w=e4m3 a=e4m3 acc=e5m2 round=rne fused=1 arch=area --vectors 300000
v quant in=e5m2 out=e3m2 arch=area
v add a=fp16 arch=area --vectors 300000
check_summary

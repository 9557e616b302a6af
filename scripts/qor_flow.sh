#!/usr/bin/env bash
# The fixed flow of issue 19 for one generated unit (Yosys, the whole unit
# flattened with `synth -flatten`, then three mappings of that netlist):
#   nand2_eq  `abc -g cmos2`, `stat -tech cmos` transistors / 4
#   depth     `abc -g AND,NAND,OR,NOR,XOR,XNOR,MUX`, `ltp -noff`
#   gates     `abc -g AND,NAND,OR,NOR,XOR,XNOR,ANDNOT,ORNOT`, the two-input
#             gates (inverters and flip-flops not counted); flops beside
#
#   scripts/qor_flow.sh mul a=e4m3 b=e4m3 out=e4m3 round=rne flags=0
#   -> nand2_eq 522.5 depth 37 gates 305 flops 0
#
# (macgen cost counts gates after `synth -flatten -noshare`, with flip-flops
# turned into plain D flip-flops; its NAND2 eq maps to the ANDNOT set, and
# scripts/float_depth.sh's to the MUX set: figures a few percent apart.)
# TEMPLATES=DIR takes the template modules from DIR instead of the ones
# built into macgen.  Exit status 2 on bad arguments, 3 when yosys or
# macgen fails.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/unit_rtl.sh
. scripts/unit_rtl.sh
MACGEN=${MACGEN:-build/macgen}
if [ $# -lt 1 ] || [ "$1" = --help ] || [ "$1" = -h ]; then
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
  [ $# -lt 1 ] && exit 2
  exit 0
fi
command -v yosys >/dev/null || { echo "qor_flow: yosys not found" >&2; exit 3; }

work=$(mktemp -d "${TMPDIR:-/tmp}/qor_flow.XXXXXX")
trap 'rm -rf "$work"' EXIT
unit_rtl qor_flow "$work" "$@"

{
  unit_rtl_read "$work"
  echo "synth -flatten -top $top"
  echo "design -save flat"
  echo "abc -g cmos2"
  echo "opt_clean"
  echo "tee -q -o $work/cmos.txt stat -tech cmos"
  echo "design -load flat"
  echo "abc -g AND,NAND,OR,NOR,XOR,XNOR,MUX"
  echo "opt_clean"
  echo "tee -q -o $work/ltp.txt ltp -noff"
  echo "design -load flat"
  echo "abc -g AND,NAND,OR,NOR,XOR,XNOR,ANDNOT,ORNOT"
  echo "opt_clean"
  echo "tee -q -o $work/gates.txt stat"
} > "$work/flow.ys"
yosys -q "$work/flow.ys" >/dev/null 2>"$work/err" ||
  { echo "qor_flow: yosys failed: $(head -n 1 "$work/err")" >&2; exit 3; }

tr=$(sed -n 's/.*Estimated number of transistors: *\([0-9]*\).*/\1/p' "$work/cmos.txt" | tail -n 1)
depth=$(sed -n 's/^Longest topological path in .* (length=\([0-9]*\)).*/\1/p' "$work/ltp.txt")
read -r gates flops < <(awk '$1 ~ /^\$_(AND|NAND|OR|NOR|XOR|XNOR|ANDNOT|ORNOT)_$/ { g += $2 }
                             $1 ~ /^\$_.*DFF.*_$/ { f += $2 } END { print g + 0, f + 0 }' "$work/gates.txt")
[ -n "$tr" ] && [ -n "$depth" ] || { echo "qor_flow: no figures in the yosys output" >&2; exit 3; }
printf 'nand2_eq %s depth %s gates %s flops %s\n' "$(awk -v t="$tr" 'BEGIN { printf "%.1f", t / 4 }')" \
  "$depth" "$gates" "$flops"

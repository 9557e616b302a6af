#!/usr/bin/env bash
# Logic depth and NAND2 equivalents of one generated unit, measured the way
# issue 11 compares macgen with Berkeley HardFloat: the whole unit flattened,
# mapped by ABC to AND,NAND,OR,NOR,XOR,XNOR,MUX, `ltp -noff` for the depth,
# `stat -tech cmos` transistors / 4 for the NAND2 equivalents.
#
#   scripts/float_depth.sh mac w=fp32 a=fp32 acc=fp32 fused=1 round=rne
#   scripts/float_depth.sh --blocks mac w=fp16 a=fp16 acc=fp16 fused=1
#
# Prints one line: depth, NAND2 eq, cells, Yosys version.  --blocks keeps
# the hierarchy instead and prints each module's own depth (a submodule
# instance counts as one level) and its NAND2 eq, to see where depth goes.
# Exit status 2 on bad arguments, 3 when yosys or macgen fails.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/unit_rtl.sh
. scripts/unit_rtl.sh
MACGEN=${MACGEN:-build/macgen}
GATES="AND,NAND,OR,NOR,XOR,XNOR,MUX"

blocks=0
if [ "${1:-}" = "--blocks" ]; then blocks=1; shift; fi
if [ $# -lt 1 ]; then
  echo "usage: scripts/float_depth.sh [--blocks] UNIT key=value..." >&2
  exit 2
fi
command -v yosys >/dev/null || { echo "float_depth: yosys not found" >&2; exit 3; }

work=$(mktemp -d "${TMPDIR:-/tmp}/float_depth.XXXXXX")
trap 'rm -rf "$work"' EXIT
# TEMPLATES=DIR: template modules from DIR (scripts/unit_rtl.sh).
unit_rtl float_depth "$work" "$@"

{
  unit_rtl_read "$work"
  if [ $blocks = 1 ]; then echo "synth -top $top"; else echo "synth -flatten -top $top"; fi
  echo "abc -g $GATES"
  echo "opt_clean"
  echo "stat -tech cmos"
  echo "ltp -noff"
} > "$work/flow.ys"
yosys -q -l "$work/yosys.log" "$work/flow.ys" >/dev/null 2>"$work/err" ||
  { echo "float_depth: yosys failed: $(head -n 1 "$work/err")" >&2; exit 3; }
version=$(yosys -V | awk '{print $2}')

if [ $blocks = 0 ]; then
  depth=$(sed -n 's/^Longest topological path in .* (length=\([0-9]*\)).*/\1/p' "$work/yosys.log")
  tr=$(sed -n 's/.*Estimated number of transistors: *\([0-9]*\).*/\1/p' "$work/yosys.log" | tail -n 1)
  cells=$(awk '/Number of cells:/ {n=$4} END {print n}' "$work/yosys.log")
  printf 'depth %s  nand2_eq %s  cells %s  (flat, abc -g %s, ltp -noff, yosys %s)\n' \
    "$depth" "$(awk -v t="$tr" 'BEGIN {printf "%.1f", t / 4}')" "$cells" "$GATES" "$version"
else
  # Per module: the stat section header "=== NAME ===" gives the transistors,
  # the ltp line the depth.  Parameterised names are shortened to the
  # template name.
  awk '
    /^=== .* ===$/ { mod = $2 }
    /Estimated number of transistors:/ && mod != "" { tr[mod] = $5; mod = "" }
    /^Longest topological path in / {
      m = $5; d = $6; sub(/\(length=/, "", d); sub(/\).*/, "", d); depth[m] = d
    }
    END {
      for (m in depth) {
        n = m; sub(/^\$paramod\$[0-9a-f]*\\/, "", n); sub(/^\$paramod\\/, "", n); sub(/\\.*/, "", n)
        printf "%-24s depth %4d  nand2_eq %9.1f  %s\n", n, depth[m], tr[m] / 4, m
      }
    }' "$work/yosys.log" | sort -k3,3nr
fi

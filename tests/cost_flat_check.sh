#!/usr/bin/env bash
# macgen cost against independent runs of the tools (issue 11):
# - the flat totals (gates, NAND2 eq) of the lba12 and FP32-accumulator MACs
#   against a flat Yosys synthesis of the same RTL and gate set, written
#   here (within 3%);
# - delay_ns of the lba12 MAC against OpenSTA run here on its --netlist
#   output, with this script's own constraints (within 2%);
# - the lean lba12 MAC (flags=0 events=0) has fewer flat gates than the full one;
# - OpenSTA failing (a fake `sta` first in PATH: one line, exit 3, no
#   report file).
# The library parts are skipped without the OSU 0.18 liberty or sta.
# Prints cmocka-style summaries for tests/run_tests.sh.
set -u
# shellcheck source=tests/lib_check.sh
. "$(dirname "$0")/lib_check.sh"
MACGEN=$(realpath "$MACGEN")
work=$(mktemp -d "${TMPDIR:-/tmp}/cost-flat-XXXXXX")
trap 'rm -rf "$work"' EXIT
lib=/usr/share/qflow/tech/osu018/osu018_stdcells.lib
[ -r "$lib" ] || lib=$PWD/build/liberty/usr/share/qflow/tech/osu018/osu018_stdcells.lib
have_lib=0
[ -r "$lib" ] && command -v sta >/dev/null && have_lib=1

json_num() { # file key: a top-level number
  sed -n "s/^[[:space:]]*\"$2\":[[:space:]]*\([0-9.e+-]*\),*$/\1/p" "$1" | head -n 1
}
within() { # a b tolerance: |a - b| <= tol * b
  awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(b > 0 && d <= t * b) }'
}

# Independent flat synthesis: the textbook commands, nothing of macgen's flow.
independent_flat() { # rtl-dir top -> "cells transistors"
  local dir=$1 top=$2 ys=$work/ind_$2_$RANDOM.ys
  { for f in "$dir"/*.v; do echo "read_verilog $f"; done
    echo "synth -flatten -top $top"
    echo "abc -g AND,NAND,OR,NOR,XOR,XNOR,ANDNOT,ORNOT"
    echo "opt_clean"
    echo "tee -o $ys.txt stat -tech cmos"; } > "$ys"
  yosys -q -s "$ys" > /dev/null || return 1
  awk '/Number of cells:/ { c = $NF } /Estimated number of transistors:/ { t = $NF } END { print c, t }' "$ys.txt"
}

compare_flat() { # name json rtl-dir
  local name=$1 json=$2 dir=$3 ind cells trans gates nand
  ind=$(independent_flat "$dir" mg_mac_top) || { check_failed "$name: independent yosys failed" "$name"; return; }
  read -r cells trans <<< "$ind"
  gates=$(json_num "$json" gates); nand=$(json_num "$json" nand2_eq)
  echo "$name: macgen gates $gates, NAND2 eq $nand; independent flat run $cells cells, $((trans / 4)) NAND2 eq"
  check "$name: gates within 3% of an independent flat synthesis" 0 within "$gates" "$cells" 0.03
  check "$name: NAND2 eq within 3%" 0 within "$nand" "$(awk -v t="$trans" 'BEGIN { print t / 4 }')" 0.03
}

# The lba12 MAC (with the library: also the netlist and the delay).
mkdir -p "$work/lba12" "$work/fp32"
"$MACGEN" rtl mac w=lba8 a=lba8 acc=lba12 round=rtz -o "$work/lba12" > /dev/null
"$MACGEN" rtl mac w=lba8 a=lba8 acc=fp32 -o "$work/fp32" > /dev/null
lib_args=()
[ $have_lib = 1 ] && lib_args=(--tech osu018 --netlist "$work/lba12.net.v")
check "cost lba12 MAC ${lib_args[*]}" 0 "$MACGEN" cost mac w=lba8 a=lba8 acc=lba12 round=rtz \
  --json "$work/lba12.json" --quiet "${lib_args[@]}"
compare_flat "lba12 MAC" "$work/lba12.json" "$work/lba12"
# Lean (flags=0 events=0): the flag and event logic drives nothing, so the
# flat netlist must shrink.
check "cost lean lba12 MAC" 0 "$MACGEN" cost mac w=lba8 a=lba8 acc=lba12 round=rtz flags=0 events=0 \
  --json "$work/lean.json" --quiet
echo "lba12 MAC gates: full $(json_num "$work/lba12.json" gates), flags=0 events=0 $(json_num "$work/lean.json" gates)"
check "lean lba12 MAC: fewer flat gates than the full one" 0 \
  test "$(json_num "$work/lean.json" gates)" -lt "$(json_num "$work/lba12.json" gates)"
check "cost fp32-acc MAC" 0 "$MACGEN" cost mac w=lba8 a=lba8 acc=fp32 --json "$work/fp32.json" --quiet
compare_flat "fp32-acc MAC" "$work/fp32.json" "$work/fp32"

if [ $have_lib = 1 ]; then
  cat > "$work/sta.tcl" <<EOF
read_liberty $lib
read_verilog $work/lba12.net.v
link_design mg_mac_top
create_clock -name vclk -period 100
set_input_delay 0 -clock vclk [all_inputs]
set_output_delay 0 -clock vclk [all_outputs]
report_checks -path_delay max -digits 3
EOF
  arrival=$(sta -no_splash -exit "$work/sta.tcl" 2>&1 | awk '/data arrival time/ { print $1; exit }')
  delay=$(json_num "$work/lba12.json" delay_ns)
  echo "lba12 MAC: macgen delay_ns $delay, independent OpenSTA arrival ${arrival:-none} ns"
  check "lba12 MAC: delay_ns within 2% of OpenSTA on --netlist" 0 within "$delay" "${arrival:-0}" 0.02

  # OpenSTA failing: one line on stderr, exit 3, no report written.
  mkdir -p "$work/fake"
  printf '#!/bin/sh\necho "sta: something broke"\nexit 3\n' > "$work/fake/sta"
  chmod +x "$work/fake/sta"
  out=$(PATH="$work/fake:$PATH" "$MACGEN" cost --rtl tests/data/timing/ripple --top ripple4 --tech osu018 \
        --json "$work/fake.json" 2>&1 >/dev/null); rc=$?
  echo "$out"
  check "fake sta: exit 3" 0 test "$rc" -eq 3
  check "fake sta: one line" 0 test "$(printf '%s\n' "$out" | wc -l)" -eq 1
  check "fake sta: no report" 0 test ! -e "$work/fake.json"

  # An MX fp8_e4m3 PE, whose mapped netlist Yosys writes with an assignment
  # to a concatenation unless told -simple-lhs; OpenSTA's reader refuses
  # that (exit 3 from the density report before the flow said -simple-lhs).
  check "mx_array fp8_e4m3 PE: OpenSTA reads its netlist" 0 env MACGEN_ARRAY_CACHE= "$MACGEN" cost mx_array \
    rows=8 cols=1 elem=fp8_e4m3 block=8 --tech osu018 --json "$work/mx8.json" --quiet
  check "... and reports fmax" 0 grep -q '"fmax_mhz"' "$work/mx8.json"
else
  echo "OSU 0.18 liberty or sta missing (make deps): timing checks skipped"
fi
check_summary

#!/usr/bin/env bash
# How much the clock of one HBFP edge unit moves with nothing but the order in
# which Yosys reads its (unchanged) Verilog files: docs/hbfp_array.md, "the
# clock of the 4-bit mode".  Emits the 64x64 array, synthesizes the edge
# unit alone (the edge module as top with the array's parameters, Yosys 0.23
# synth -flatten -noshare, dfflibmap and abc on the OSU 0.18 um library), and
# times it with OpenSTA (every input at zero delay, the reset port false),
# once per read order: ls order, then each seed's shuffle.
#
#   scripts/edge_read_orders.sh hbfp4|boost6 BLOCK PIPE [SEED...]
#   e.g. scripts/edge_read_orders.sh boost6 64 2 1 2
#
# Prints one line per order: the period in ns, the area in um^2 and the worst
# path's end points.  Deterministic: the same tools give the same lines.
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { echo "usage: scripts/edge_read_orders.sh hbfp4|boost6 16|64 2|3|4 [SEED...]" >&2; exit 2; }
[ $# -ge 3 ] || usage
kind=$1 block=$2 pipe=$3
shift 3
case $block in 16) lb=4 ;; 64) lb=6 ;; *) usage ;; esac
case $pipe in 2|3|4) ;; *) usage ;; esac
for s in "$@"; do case $s in *[!0-9]*|'') usage ;; esac; done
# The edge's parameters as mg_hbfp_array / mg_hbfp_boost_array set them for
# n=4 (and 6-bit digits) with fp32 accumulation: an HBFP4 block sum takes
# 2(n-1) + log2(B) bits and a sign; the 6-bit one 10 + log2(B) bits.
case $kind in
  hbfp4) top=mg_hbfp_edge boost=() params=(-chparam N 4 -chparam SumWidth $((2 * 3 + lb + 1))) ;;
  boost6) top=mg_hbfp_boost_edge boost=(boost=6) params=(-chparam N 6 -chparam MagWidth $((10 + lb))) ;;
  *) usage ;;
esac
params+=(-chparam Pipe "$pipe" -chparam ExpWidth 11)
lib=/usr/share/qflow/tech/osu018/osu018_stdcells.lib
[ -r "$lib" ] && command -v yosys > /dev/null && command -v sta > /dev/null ||
  { echo "edge_read_orders: needs yosys, sta and $lib (make deps)" >&2; exit 3; }
MACGEN=${MACGEN:-build/macgen}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$MACGEN" rtl hbfp_array rows=64 cols=64 n=4 "${boost[@]}" block="$block" acc=fp32 pipe="$pipe" -o "$work/rtl" > /dev/null
# The edge unit's files: everything but the array, its PEs, join and delays.
mapfile -t files < <(find "$work/rtl" -name '*.v' | LC_ALL=C sort |
  grep -v -e mg_hbfp_array_top -e 'mg_hbfp_boost_array\.v' -e 'mg_hbfp_array\.v' -e '_pe\.v' -e join -e valid_delay)
for seed in "" "$@"; do
  order=("${files[@]}")
  [ -n "$seed" ] && mapfile -t order < <(printf '%s\n' "${files[@]}" |
    /usr/bin/python3 -c 'import sys, random; l = sys.stdin.read().split(); random.Random(int(sys.argv[1])).shuffle(l); print("\n".join(l))' "$seed")
  d=$work/order${seed:-ls}
  mkdir -p "$d"
  {
    printf 'read_verilog %s\n' "${order[@]}"
    echo "hierarchy -check -top $top ${params[*]}"
    echo "synth -flatten -noshare -top $top"
    echo "dfflibmap -liberty $lib"
    echo "abc -liberty $lib"
    echo "rename -wire"
    echo "opt_clean -purge"
    echo "tee -q -o $d/area.txt stat -liberty $lib"
    echo "write_verilog -noattr -simple-lhs $d/net.v"
  } > "$d/synth.ys"
  yosys -q -s "$d/synth.ys" > "$d/yosys.log" 2>&1 || { echo "edge_read_orders: yosys failed ($d/yosys.log)" >&2; exit 3; }
  cat > "$d/sta.tcl" << EOF
read_liberty $lib
read_verilog $d/net.v
link_design $top
create_clock -name clk -period 100 [get_ports clk_i]
set_input_delay 0 -clock clk [delete_from_list [all_inputs] [get_ports clk_i]]
set_output_delay 0 -clock clk [all_outputs]
set_false_path -from [get_ports rst_ni]
report_checks -path_delay max -digits 3 -group_count 1
EOF
  sta -no_splash -exit "$d/sta.tcl" > "$d/sta.log" 2>&1 || { echo "edge_read_orders: sta failed" >&2; exit 3; }
  awk -v order="${seed:-ls}" -v top="$top" '
    FNR == 1 { file++ }
    file == 1 && /Chip area/ { area = $NF }
    file == 2 && /^Startpoint/ && !sp { sp = $2 }
    file == 2 && /^Endpoint/ && !ep { ep = $2 }
    file == 2 && /slack/ && slack == "" { slack = $1 }
    END { printf "%s order %s: period %.2f ns, area %.0f um^2, %s -> %s\n", top, order, 100 - slack, area, sp, ep }
  ' "$d/area.txt" "$d/sta.log"
done

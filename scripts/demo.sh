#!/usr/bin/env bash
# make demo: the main job end to end on the default LBA MAC: generate its
# Verilog, verify it bit for bit against the golden model, and cost it beside
# the FP32-accumulator MAC.
set -euo pipefail
cd "$(dirname "$0")/.."
macgen=build/macgen
out=build/demo
unit=(mac w=lba8 a=lba8 acc=lba12 round=rtz)

echo "== 1/3 generate: macgen rtl ${unit[*]} -o $out/rtl"
"$macgen" rtl "${unit[@]}" -o "$out/rtl"
ls "$out/rtl"

echo
echo "== 2/3 verify against the golden model: macgen verify ${unit[*]}"
"$macgen" verify "${unit[@]}"

echo
# With the OSU 0.18um library and OpenSTA installed (make deps), also
# standard-cell area and delay.
tech=()
if [ -r /usr/share/qflow/tech/osu018/osu018_stdcells.lib ] && command -v sta > /dev/null; then
  tech=(--tech osu018)
fi
echo "== 3/3 cost beside the FP32-accumulator MAC (Yosys${tech:+, OSU 0.18um cells and OpenSTA}):"
echo "   macgen sweep mac w=lba8 a=lba8 acc=fp32,bf16,lba12 --baseline acc=fp32 ${tech[*]}"
"$macgen" sweep mac w=lba8 a=lba8 acc=fp32,bf16,lba12 --baseline acc=fp32 -j 2 "${tech[@]}" \
    --csv "$out/cost.csv" --png "$out/cost.png" --title "lba8 MAC: fp32, bf16 and lba12 accumulators"
echo
echo "files: $out/rtl/ (Verilog), $out/cost.csv, $out/cost.png"

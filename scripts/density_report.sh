#!/usr/bin/env bash
# Writes docs/hbfp_density.md and docs/hbfp_density.png (make report): gates
# per MAC and arithmetic density (MACs per cycle per gate, logic depth
# beside it) of HBFP4/6/8 arrays (blocks 16 and 64) and of the float MAC
# arrays with the same grid and dataflow (FP32, bf16 with FP32 accumulation,
# FP8 with FP32 accumulation, FP8 with the 12-bit LBA accumulator) and of
# the MX arrays (MXFP8 both kinds, MXFP6 both kinds, MXFP4, MXINT8; block 32,
# docs/spec/mx.md), at 16x16 and 64x64, costed with the hierarchical `macgen cost` (docs/array_cost.md);
# and the Accuracy Booster arrays (hbfp_array n=4 boost=6, docs/spec/hbfp.md section 7):
# their 4-bit mode beside the others, their 6-bit slowdown and effective density.
# With the library, Icarus/Verilator and ENERGY=1 (the default), every 64x64 array's
# energy per MAC too (`macgen energy`, docs/energy.md: one simulated column,
# normal and uniform operands; ENERGY=0 skips it, ENERGY_CYCLES sets the cycles).
# Deterministic: the same tools give the same page.
set -euo pipefail
cd "$(dirname "$0")/.."
MACGEN=${MACGEN:-build/macgen}
OUT_MD=${OUT_MD:-docs/hbfp_density.md}
OUT_PNG=${OUT_PNG:-docs/hbfp_density.png}
WORK=build/report/density
mkdir -p "$WORK"
# Blocks shared by both sizes are synthesized once.
export MACGEN_ARRAY_CACHE=${MACGEN_ARRAY_CACHE:-build/report/array-cache}

# label | size | macgen cost arguments | storage bits per element
points=()
for size in 16 64; do
  for n in 4 6 8; do
    for b in 16 64; do
      rows=$size
      # rows must be a multiple of the block (docs/spec/hbfp.md section 4): block 64
      # at the 16x16 size runs as 64 rows x 16 columns.
      [ "$b" -gt "$rows" ] && rows=$b
      points+=("HBFP$n B=$b|${rows}x$size|hbfp_array rows=$rows cols=$size n=$n block=$b acc=fp32 pipe=4|$(awk -v n=$n -v b=$b 'BEGIN{printf "%.4g", n + 8 / b}')")
    done
  done
  # The Accuracy Booster array: HBFP4 PEs that also run HBFP6 exactly (4x4
  # PEs with 3-bit digits, the kept design); at 64x64 also the measured
  # alternative with 6x4 PEs (docs/hbfp_array.md).  Storage: HBFP4's.
  for b in 16 64; do
    rows=$size
    [ "$b" -gt "$rows" ] && rows=$b
    points+=("HBFP4+6 AB B=$b|${rows}x$size|hbfp_array rows=$rows cols=$size n=4 boost=6 block=$b acc=fp32 pipe=4|$(awk -v b=$b 'BEGIN{printf "%.4g", 4 + 8 / b}')")
    [ "$size" = 64 ] &&
      points+=("HBFP4+6 AB 6x4 B=$b|${rows}x$size|hbfp_array rows=$rows cols=$size n=4 boost=6 boost_pe=6x4 block=$b acc=fp32 pipe=4|$(awk -v b=$b 'BEGIN{printf "%.4g", 4 + 8 / b}')")
  done
  # MX: block 32 (the OCP block); at 16x16 that is 32 rows x 16 columns.
  mrows=$size
  [ "$mrows" -lt 32 ] && mrows=32
  for m in "MXFP8 e4m3:fp8_e4m3:8" "MXFP8 e5m2:fp8_e5m2:8" "MXFP6 e3m2:fp6_e3m2:6" "MXFP6 e2m3:fp6_e2m3:6" \
           "MXFP4:fp4_e2m1:4" "MXINT8:int8:8"; do
    IFS=: read -r mlabel melem mbits <<< "$m"
    points+=("$mlabel B=32|${mrows}x$size|mx_array rows=$mrows cols=$size elem=$melem block=32 acc=fp32 pipe=4|$(awk -v n="$mbits" 'BEGIN{printf "%.4g", n + 8 / 32}')")
  done
  # The float baselines as an accelerator builds them: no IEEE flags or LBA
  # events in a PE, and the MAC pipelined to its best documented setting
  # (pipe=3 for the fp32-accumulating PEs, pipe=2 for the lba PE: the most
  # MACs/s/mm^2 of each, docs/mac_array.md).
  lean="flags=0 events=0"
  points+=("FP32|${size}x$size|mac_array rows=$size cols=$size pe=fp32 $lean pipe=3|32")
  points+=("bf16 (fp32 acc)|${size}x$size|mac_array rows=$size cols=$size pe=bf16 $lean pipe=3|16")
  points+=("FP8 e4m3fn (fp32 acc)|${size}x$size|mac_array rows=$size cols=$size pe=e4m3fn_fp32 $lean pipe=3|8")
  points+=("FP8 lba8 (lba12 acc)|${size}x$size|mac_array rows=$size cols=$size pe=lba $lean pipe=2|8")
done

# With the OSU 0.18um library installed (make deps), every block is also
# mapped to standard cells and timed with OpenSTA (area, fmax).
tech=()
if "$MACGEN" cost --help 2>/dev/null | grep -q -- --tech && [ -r /usr/share/qflow/tech/osu018/osu018_stdcells.lib ] &&
   command -v sta > /dev/null; then
  tech=(--tech osu018)
fi

# shellcheck source=scripts/report_json.sh
. scripts/report_json.sh
block_field() { # file block key: "key" of the array block named "block" (pe, edge)
  awk -v b="\"$2\"" -v k="\"$3\":" '
    $1 == "\"name\":" { gsub(/,/, "", $2); cur = $2 }
    cur == b && $1 == k { gsub(/,/, "", $2); print $2; exit }' "$1"
}

# Energy needs the library, OpenSTA and a simulator (docs/energy.md).
energy=${ENERGY:-1}
energy_cycles=${ENERGY_CYCLES:-1000}
if [ ${#tech[@]} -eq 0 ] || ! "$MACGEN" energy --help > /dev/null 2>&1 ||
   ! { command -v verilator > /dev/null || command -v iverilog > /dev/null; }; then
  energy=0
fi

table=$WORK/points.tsv
: > "$table"
i=0
for p in "${points[@]}"; do
  IFS='|' read -r label size args bits <<< "$p"
  i=$((i + 1))
  json=$WORK/point$i.json
  # REUSE=1 keeps the JSON of an earlier run (for editing the text).
  if [ "${REUSE:-0}" != 1 ] || [ ! -s "$json" ]; then
    # shellcheck disable=SC2086
    "$MACGEN" cost $args "${tech[@]}" --json "$json.tmp" --quiet
    mv "$json.tmp" "$json"
  fi
  # Energy per MAC of the 64x64 arrays: normal and uniform operands.
  pj_n=; pj_u=
  if [ "$energy" = 1 ] && [ "$size" = 64x64 ]; then
    # A float PE is thousands of cells: its column is simulated 16 rows deep
    # (docs/energy.md: the FP32 PE's energy grows a few percent with depth).
    tile=()
    case $args in mac_array*) tile=(--tile-rows "${ENERGY_FLOAT_ROWS:-16}") ;; esac
    # Uniform operands too for the arrays the README compares (the runs are
    # minutes each: a Yosys run per block and a Verilator build per array).
    vecs=(normal)
    case $label in "HBFP4 B=64"|"HBFP4 B=16"|"MXFP6 e3m2 B=32"|"MXFP6 e2m3 B=32"|FP32|"FP8 lba8 (lba12 acc)") vecs+=(uniform) ;; esac
    for v in "${vecs[@]}"; do
      ej=$WORK/energy$i-$v.json
      if [ "${REUSE:-0}" != 1 ] || [ ! -s "$ej" ]; then
        # shellcheck disable=SC2086
        "$MACGEN" energy $args "${tech[@]}" "${tile[@]}" --vectors "$v" --cycles "$energy_cycles" --json "$ej.tmp" --quiet
        mv "$ej.tmp" "$ej"
      fi
    done
    pj_n=$(field "$WORK/energy$i-normal.json" pj_per_op)
    [ ${#vecs[@]} -gt 1 ] && pj_u=$(field "$WORK/energy$i-uniform.json" pj_per_op)
  fi
  # Columns 15-23 (Accuracy Booster arrays; empty otherwise): the 6-bit
  # slowdown, effective MACs/s/mm^2 at 1% and 10% 6-bit MACs, join-stage gates
  # of the whole array, um^2 of one PE, one edge unit and all join stages, and
  # the gates and um^2 of all HBFP4 edge units of the high-digit columns;
  # 24-25 the energy per MAC (pJ) with normal and uniform operands (64x64).
  join_gates=$(awk -v a="$(block_field "$json" join_hi gates)" -v b="$(block_field "$json" join_lo gates)" \
                   -v c="$(block_field "$json" join gates)" -v na="$(block_field "$json" join_hi count)" \
                   -v nb="$(block_field "$json" join_lo count)" -v nc="$(block_field "$json" join count)" \
                   'BEGIN { t = a * na + b * nb + c * nc; if (t > 0) print t }')
  join_area=$(awk -v a="$(block_field "$json" join_hi area_um2)" -v b="$(block_field "$json" join_lo area_um2)" \
                  -v c="$(block_field "$json" join area_um2)" -v na="$(block_field "$json" join_hi count)" \
                  -v nb="$(block_field "$json" join_lo count)" -v nc="$(block_field "$json" join count)" \
                  'BEGIN { t = a * na + b * nb + c * nc; if (t > 0) print t }')
  hi_n=$(block_field "$json" edge_hi count)
  hi_gates=$(awk -v g="$(block_field "$json" edge_hi gates)" -v n="$hi_n" 'BEGIN { if (n > 0) print g * n }')
  hi_area=$(awk -v a="$(block_field "$json" edge_hi area_um2)" -v n="$hi_n" 'BEGIN { if (n > 0) print a * n }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$size" "$args" "$bits" \
    "$(field "$json" gates)" "$(field "$json" nand2_eq)" "$(field "$json" depth)" \
    "$(field "$json" macs_per_cycle)" "$(field "$json" flops)" \
    "$(block_field "$json" pe gates)" "$(block_field "$json" edge gates)" "$(block_field "$json" edge count)" \
    "$(field "$json" area_um2)" "$(field "$json" fmax_mhz)" \
    "$(field "$json" slowdown_6bit)" "$(field "$json" eff_macs_per_s_per_mm2_f001)" \
    "$(field "$json" eff_macs_per_s_per_mm2_f010)" "$join_gates" \
    "$(block_field "$json" pe area_um2)" "$(block_field "$json" edge area_um2)" "$join_area" \
    "$hi_gates" "$hi_area" "$pj_n" "$pj_u" >> "$table"
done

yosys_version=$(sed -n 's/^[[:space:]]*"yosys_version":[[:space:]]*"\([^"]*\)".*/\1/p' "$WORK/point1.json")
flow_hash=$(sed -n 's/^[[:space:]]*"flow_hash":[[:space:]]*"\([^"]*\)".*/\1/p' "$WORK/point1.json")

# The plot: gates per MAC at 64x64 (log scale), one bar per array kind.
plotdata=$WORK/plot.dat
awk -F'\t' '$2 ~ /x64$/ { printf "\"%s\" %.2f\n", $1, $5 / $8 }' "$table" > "$plotdata"
gnuplot <<GP
set terminal pngcairo size 1000,560 font "DejaVu Sans,10"
set output "$OUT_PNG.tmp"
set title "Gates per MAC, 64x64 arrays (macgen cost, hierarchical; Yosys generic 2-input gates)"
set style data histograms
set style fill solid 0.8 border -1
set boxwidth 0.7
set logscale y
set yrange [10:*]
set ylabel "2-input gates per MAC (log scale)"
set xtics rotate by -30 left
set grid ytics
unset key
plot "$plotdata" using 2:xtic(1) lc rgb "#4477aa"
GP
mv "$OUT_PNG.tmp" "$OUT_PNG"

tmp=$OUT_MD.tmp.$$
awk -F'\t' -v yv="$yosys_version" -v fh="$flow_hash" -v png="$(basename "$OUT_PNG")" '
{ n++; label[n]=$1; size[n]=$2; args[n]=$3; bits[n]=$4; gates[n]=$5; nand[n]=$6; depth[n]=$7; macs[n]=$8; flops[n]=$9
  area[n]=$13; fmax[n]=$14; if ($13 != "") lib = 1
  pjn[n]=$24; pju[n]=$25; if ($24 != "") en = 1
  cls = ($2 ~ /x16$/) ? 16 : 64
  if ($1 == "FP32") { fp32[cls] = $5 / $8; if ($13 > 0) fp32d[cls] = $8 * $14 / $13; if ($24 > 0) fp32e[cls] = $24 } }
END {
  print "# HBFP arithmetic density against MX and float MAC arrays"
  print ""
  print "Generated by `make report` (scripts/density_report.sh); do not edit by hand."
  print "Every array is costed by `macgen cost` with the hierarchical estimate of"
  print "[array_cost.md](array_cost.md): each distinct block (PE, edge unit) synthesized"
  printf "once with the fixed flow of [cost_model.md](cost_model.md) (Yosys %s, flow %s,\n", yv, fh
  print "2-input generic gates + inverters) and multiplied by its count, plus the array'"'"'s"
  print "valid_o delay line.  All arrays share the grid and dataflow of hbfp.md section 4"
  print "(weight-stationary, activations right, partial sums down; [hbfp_array.md](hbfp_array.md),"
  print "[mac_array.md](mac_array.md)); only the processing element differs (the MX arrays:"
  print "MX PEs, and E8M0 scales in the HBFP edge units; [spec/mx.md](spec/mx.md) section 7)."
  print ""
  print "- **gates/MAC**: total gates / (rows x cols); every PE does one MAC per cycle."
  print "- **density**: MACs per cycle per 1000 gates, at an equal clock; clock rate is not"
  print "  modelled, so the logic **depth** (gate levels on the longest register-to-register"
  print "  path) is given beside it: a deeper array would need a slower clock or more"
  print "  pipeline registers."
  print "- **vs FP32**: density / the FP32 array'"'"'s density at the same size class."
  print "- **bits/elem**: storage per element: HBFPn with block B stores n + 8/B bits (an 8-bit"
  print "  shared exponent per block), MX with block 32 its element width + 8/32 (an E8M0"
  print "  scale per block; [spec/mx.md](spec/mx.md)), the float formats their width."
  if (lib) {
    print "- **um^2/MAC**: the blocks mapped to the OSU 0.18 um standard cells (`--tech osu018`,"
    print "  each block flat), x counts, / MACs per cycle; **fmax**: 1 / the slowest block'"'"'s"
    print "  smallest clock period by OpenSTA (register to register and through the block'"'"'s"
    print "  ports at zero external delay: every block output is a register); **MACs/s/mm^2**:"
    print "  rows x cols x fmax / area, the accelerator papers'"'"' operations per second per unit"
    print "  of silicon; **vs FP32 (s)**: that over the FP32 array'"'"'s.  Pre-layout: no wires,"
    print "  placement, clock tree or power; an old open library; relative figures."
  }
  if (en) {
    print "- **pJ/MAC** (64x64 only): energy per MAC by `macgen energy` ([energy.md](energy.md)):"
    print "  one column of the array simulated gate by gate (its mapped PEs and edge units in"
    print "  the array'"'"'s wiring, zero-delay), normally distributed operands (N(0, 1), quantized"
    print "  to the formats), each cell'"'"'s switching, internal energy from the liberty'"'"'s tables and"
    print "  leakage at the array'"'"'s fmax, scaled to the whole array; **MACs/J** its inverse (GOPS/W"
    print "  counting a MAC as 2 operations is 2e-9 x MACs/J); **vs FP32 (J)**: the FP32 array'"'"'s"
    print "  pJ/MAC over this one.  Pre-layout: no wires or clock tree, no glitches."
  }
  print ""
  print "Pipelining: every array here registers every block output (one MAC per PE per"
  print "cycle); hbfp_array and mx_array run with `pipe=4` (the edge unit'"'"'s block"
  print "conversion, alignment, addition and rounding in four stages: the most MACs/s/mm^2,"
  print "[hbfp_array.md](hbfp_array.md)); the float PEs of mac_array are lean (no"
  print "IEEE flags or LBA events: `flags=0 events=0`) with `pipe=3` (three register stages"
  print "inside each PE'"'"'s MAC, after the product, the alignment and the sum), except the"
  print "lba PE with `pipe=2` (after the product and the alignment): the settings with the"
  print "most MACs/s/mm^2 for the fp32 and lba PEs, [mac_array.md](mac_array.md).  Their"
  print "gates and flops include those registers."
  print ""
  for (cls = 16; cls <= 64; cls += 48) {
    printf "## %dx%d arrays\n\n", cls, cls
    if (cls == 16) {
      print "Block 64 needs rows to be a multiple of 64 (a column of one group sums one"
      print "block; hbfp.md section 4), so at this size the B=64 arrays are 64 rows x 16"
      print "columns (the smallest shape hbfp.md allows); their gates/MAC and density are"
      print "per MAC and so still compare with the 16x16 rows."
      print ""
    }
    ecols = en && cls == 64
    if (lib) {
      printf "| array | shape | gates | NAND2 eq | flops | gates/MAC | density (MACs/cycle/1000 gates) | vs FP32 | depth | um^2/MAC | fmax MHz | MACs/s/mm^2 | vs FP32 (s) |%s bits/elem |\n", ecols ? " pJ/MAC | MACs/J | vs FP32 (J) |" : ""
      printf "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%s---:|\n", ecols ? "---:|---:|---:|" : ""
    } else {
      print "| array | shape | gates | NAND2 eq | flops | gates/MAC | density (MACs/cycle/1000 gates) | vs FP32 | depth | bits/elem |"
      print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    }
    for (i = 1; i <= n; i++) {
      c = (size[i] ~ /x16$/) ? 16 : 64
      if (c != cls) continue
      gpm = gates[i] / macs[i]
      if (lib) {
        d = macs[i] * fmax[i] * 1e6 / (area[i] * 1e-6)
        ecell = ""
        if (ecols) ecell = (pjn[i] > 0) ? sprintf(" %.2f | %.3g | %.2fx |", pjn[i], 1e12 / pjn[i], fp32e[c] / pjn[i]) : " | | |"
        printf "| %s | %s | %d | %.0f | %d | %.1f | %.3f | %.2fx | %d | %.0f | %.1f | %.3g | %.2fx |%s %s |\n", label[i], size[i], gates[i], nand[i], flops[i], gpm, 1000 / gpm, fp32[c] / gpm, depth[i], area[i] / macs[i], fmax[i], d, (macs[i] * fmax[i] / area[i]) / fp32d[c], ecell, bits[i]
      } else
        printf "| %s | %s | %d | %.0f | %d | %.1f | %.3f | %.2fx | %d | %s |\n", label[i], size[i], gates[i], nand[i], flops[i], gpm, 1000 / gpm, fp32[c] / gpm, depth[i], bits[i]
    }
    print ""
  }
  print "![gates per MAC, 64x64 arrays](" png ")"
  print ""
  print "## Against the published claims"
  print ""
}' "$table" > "$tmp"

# The claims section needs the figures by name: read them back.
get() { awk -F'\t' -v l="$1" -v s="$2" '$1 == l && $2 == s { printf "%.2f", $5 / $8 }' "$table"; }
fp32_64=$(get FP32 64x64)
h4_64=$(get "HBFP4 B=64" 64x64); h4_16=$(get "HBFP4 B=16" 64x64)
h6_64=$(get "HBFP6 B=64" 64x64); h8_64=$(get "HBFP8 B=64" 64x64)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
ratio2() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# With the library: um^2 per MAC and MACs/s/mm^2 (each array at its own fmax).
um2() { awk -F'\t' -v l="$1" -v s="$2" '$1 == l && $2 == s && $13 != "" { printf "%.6g", $13 / $8 }' "$table"; }
mps() { awk -F'\t' -v l="$1" -v s="$2" '$1 == l && $2 == s && $13 != "" { printf "%.6g", $8 * $14 * 1e12 / $13 }' "$table"; }
tech_ratios() { # label-a label-b: "a over b: X in um^2/MAC, Y in MACs/s/mm^2" (empty without the library)
  local ua ub sa sb
  ua=$(um2 "$1" 64x64); ub=$(um2 "$2" 64x64); sa=$(mps "$1" 64x64); sb=$(mps "$2" 64x64)
  [ -n "$ua" ] && [ -n "$ub" ] || return 0
  printf '%s over %s: %sx in um^2 per MAC, %sx in MACs/s/mm^2' "$1" "$2" "$(ratio2 "$ub" "$ua")" "$(ratio2 "$sa" "$sb")"
}
# HBFP4 against MXFP6 (the Accuracy Booster claim), split into the PE and the
# edge units per MAC: which blocks explain the measured ratio.
per_mac() { # label size: "gates/MAC PE-gates/MAC edge-gates/MAC"
  awk -F'\t' -v l="$1" -v s="$2" '$1 == l && $2 == s { printf "%.2f %.2f %.2f", $5 / $8, $10, $11 * $12 / $8 }' "$table"
}
mx_compare() { # hbfp-label mx-label: one sentence
  read -r hg hp he <<< "$(per_mac "$1" 64x64)"
  read -r mg mp me <<< "$(per_mac "$2" 64x64)"
  awk -v h="$1" -v m="$2" -v hg="$hg" -v hp="$hp" -v he="$he" -v mg="$mg" -v mp="$mp" -v me="$me" 'BEGIN {
    r = mg / hg; gap = mg - hg
    printf "%s over %s: **%.2fx** (%.1f vs %.1f gates per MAC; %s the published 2.3x by %.0f%%). ", h, m, r, hg, mg, (r >= 2.3 ? "above" : "below"), 100 * (r >= 2.3 ? r / 2.3 - 1 : 1 - r / 2.3)
    printf "Per MAC, the PE is %.1f vs %.1f gates (%.0f%% of the difference) and the edge units %.1f vs %.1f (%.0f%%).", hp, mp, gap ? 100 * (mp - hp) / gap : 0, he, me, gap ? 100 * (me - he) / gap : 0
  }'
}
mx_claim="- **At least 2.3x MXFP6** (HBFP4 over MXFP6, equal clock, 64x64 arrays, fp32
  accumulation, MX block 32 as OCP defines it): $(mx_compare "HBFP4 B=64" "MXFP6 e3m2 B=32")
  $(mx_compare "HBFP4 B=64" "MXFP6 e2m3 B=32")
  $(mx_compare "HBFP4 B=16" "MXFP6 e3m2 B=32")
  The MX PE multiplies two small significands, shifts the product by the sum of
  the two element exponents into a fixed-point column sum as wide as the format
  needs (e3m2: 24 bits at B=32, e2m3: 18; HBFP4: 9 bits at B=64), and carries
  that sum down the column, so it is larger than the HBFP PE in the multiplier,
  the shifter and the adder and register of the wider partial sum; the edge
  unit (one per 32 rows instead of one per 64) is the same conversion and fp32
  adder in both, so it weighs twice as much per MAC at B=32.  HBFP6 B=64 over
  MXFP6 e3m2: $(ratio "$(get "MXFP6 e3m2 B=32" 64x64)" "$h6_64")x.  The published figure is an analytic
  area model; this is synthesized gates of complete units (specials, flags).
  With standard cells, each array at its own clock: $(tech_ratios "HBFP4 B=64" "MXFP6 e3m2 B=32");
  $(tech_ratios "HBFP4 B=64" "MXFP6 e2m3 B=32")."
cat >> "$tmp" <<MD
- **HBFP4 up to 25x the arithmetic density of FP32** (Accuracy Booster): measured
  here, at 64x64, HBFP4 with B=64 is $(ratio "$fp32_64" "$h4_64")x the density of the FP32 array
  ($h4_64 vs $fp32_64 gates per MAC), HBFP4 B=16 $(ratio "$fp32_64" "$h4_16")x, HBFP6 B=64
  $(ratio "$fp32_64" "$h6_64")x, HBFP8 B=64 $(ratio "$fp32_64" "$h8_64")x.  The paper's figure comes from
  an analytic area model of the MAC units; ours is every gate of the generated
  RTL after synthesis, the FP32 array included: the FP32 PE here is a lean but
  complete IEEE unfused MAC (subnormals, NaN/Inf and two roundings; no flag or
  event outputs), which is larger than the multiply-add datapaths such models
  count, so the ratio here is an upper-side figure for what the FP32 baseline
  costs in this flow.  The
  HBFP array's float work is in its edge units (one per column per block of B
  rows), so its cost per MAC falls as B grows: B=64 amortises the conversion
  and fp32 addition over 64 MACs, B=16 over 16.  With standard cells, each
  array at its own clock: $(tech_ratios "HBFP4 B=64" FP32); $(tech_ratios "HBFP4 B=16" FP32).
  The MACs/s/mm^2 ratio is the larger one because the HBFP array also runs
  at a faster clock (its PE is small and its edge unit is cut in four stages)
  than the FP32 array, whose PE's multiplier and adder stages set its period.
$mx_claim
- **About 33% less storage per element than MXFP6**: from the parameters,
  HBFP4 with B=64 stores 4 + 8/64 = 4.125 bits per element and MXFP6 (6-bit
  elements, one 8-bit scale per 32) 6 + 8/32 = 6.25: 34% less.  HBFP4 B=16:
  4.5 bits; HBFP6 B=64: 6.125; HBFP8 B=64: 8.125.

Reproduce one point: e.g. \`macgen cost hbfp_array rows=64 cols=64 n=4 block=64\`,
\`macgen cost mx_array rows=64 cols=64 elem=fp6_e3m2 block=32 acc=fp32\`
or \`macgen cost mac_array rows=64 cols=64 pe=fp32\` (add \`--json FILE\` for the
per-block figures).
MD

# ---- The Accuracy Booster section: needs the standard-cell figures (fmax).
awk -F'\t' -f - "$table" >> "$tmp" <<'AWK'
$2 == "64x64" { n++; lab[n] = $1; g[$1] = $5 / $8; a[$1] = $13 / $8; f[$1] = $14; d[$1] = $8 * $14 * 1e12 / $13
  s[$1] = $15; e1[$1] = $16; e10[$1] = $17; pa[$1] = $19; ea[$1] = ($20 * $12 + $23) / $8; ja[$1] = $21 / $8
  if ($13 == "") nolib = 1 }
END {
  if (nolib) exit
  print ""
  print "## The Accuracy Booster array (HBFP4 with exact HBFP6 passes)"
  print ""
  print "Accuracy Booster (docs/spec/hbfp.md section 7) trains with HBFP4 for over 99% of the"
  print "MACs and HBFP6 for the rest, so its hardware must run HBFP6 blocks exactly on the"
  print "HBFP4 array. `hbfp_array n=4 boost=6` ([hbfp_array.md](hbfp_array.md)) keeps the"
  print "HBFP4 PEs, splits a 6-bit mantissa q = 8h + l into 3-bit digits (weight digits in"
  print "a column pair, activation digits in two wavefront slots) and combines the four"
  print "partial block sums as integers in a join stage before an edge unit built for the"
  print "6-bit block sum: 4-bit passes at one wavefront per cycle, 6-bit passes at a quarter"
  print "of the MACs per cycle (slowdown s = 4). With a fraction f of the MACs in 6-bit"
  print "passes the array keeps 1 / ((1 - f) + f s) of its 4-bit rate: the **effective**"
  print "MACs/s/mm^2 below. The 6x4 rows are the measured alternative (6-bit weights in"
  print "6x4 PEs, s = 2); the HBFP6 array runs HBFP4 blocks as 6-bit mantissas (4q), s = 1."
  print ""
  print "| array (64x64) | gates/MAC | um^2/MAC | fmax MHz | MACs/s/mm^2, 4-bit | 6-bit slowdown s | effective, f = 1% | effective, f = 10% | um^2/MAC vs HBFP4 | fmax vs HBFP4 |"
  print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  split("HBFP4+6 AB B=64|HBFP4+6 AB B=16|HBFP4+6 AB 6x4 B=64|HBFP4+6 AB 6x4 B=16|HBFP4 B=64|HBFP4 B=16|HBFP6 B=64|HBFP6 B=16", rows, "|")
  for (i = 1; i <= 8; i++) {
    l = rows[i]
    if (!(l in g)) continue
    base = (l ~ /B=16/) ? "HBFP4 B=16" : "HBFP4 B=64"
    ss = (l in s && s[l] != "") ? s[l] : (l ~ /^HBFP6/ ? 1 : "")
    eff1 = e1[l] != "" ? e1[l] : (ss == 1 ? d[l] : "")
    eff10 = e10[l] != "" ? e10[l] : (ss == 1 ? d[l] : "")
    printf "| %s | %.1f | %.0f | %.1f | %.3g | %s | %s | %s | %.3fx | %+.1f%% |\n", l, g[l], a[l], f[l], d[l],
      ss == "" ? "- (no 6-bit)" : ss, eff1 == "" ? "-" : sprintf("%.3g", eff1), eff10 == "" ? "-" : sprintf("%.3g", eff10),
      a[l] / a[base], 100 * (f[l] / f[base] - 1)
  }
  ab = "HBFP4+6 AB B=64"; h4 = "HBFP4 B=64"; m3 = "MXFP6 e3m2 B=32"; m2 = "MXFP6 e2m3 B=32"
  if (!(ab in g) || !("FP32" in d)) exit
  print ""
  print "Against the published claims, which describe this mixed array (each array at its own"
  print "fmax; the MX arrays and FP32 as in the tables above):"
  print ""
  printf "- **Up to 25x FP32**: %s at f = 1%% is **%.1fx** the FP32 array in effective MACs/s/mm^2 (%.1fx at f = 10%%), %.1fx in gates per MAC and %.1fx in um^2 per MAC of its 4-bit mode; HBFP4 B=64 alone is %.1fx in MACs/s/mm^2.\n",
    ab, e1[ab] / d["FP32"], e10[ab] / d["FP32"], g["FP32"] / g[ab], a["FP32"] / a[ab], d[h4] / d["FP32"]
  printf "- **At least 2.3x MXFP6**: at f = 1%%, %.2fx MXFP6 e3m2 and %.2fx MXFP6 e2m3 in effective MACs/s/mm^2 (%.2fx and %.2fx at f = 10%%; in um^2 per MAC of the 4-bit mode %.2fx and %.2fx). ",
    e1[ab] / d[m3], e1[ab] / d[m2], e10[ab] / d[m3], e10[ab] / d[m2], a[m3] / a[ab], a[m2] / a[ab]
  gap = a[m3] - a[ab]
  printf "Per MAC, the AB array is PE %.0f + join stages %.0f + edge units %.0f um^2 against MXFP6 e3m2's PE %.0f + edge units %.0f: of the %.0f um^2 difference the PE accounts for %.0f%% (the MX PE shifts each product into a wider fixed-point column sum) and the edge units for %.0f%% (one per 32 rows there, per 64 here), the join stages for %.0f%%; ",
    pa[ab], ja[ab], ea[ab], pa[m3], ea[m3], gap, 100 * (pa[m3] - pa[ab]) / gap, 100 * (ea[m3] - ea[ab]) / gap, -100 * ja[ab] / gap
  printf "from the %.2fx in um^2, the clock (%.1f against %.1f MHz) takes it to %.2fx in 4-bit MACs/s/mm^2 and the 1%% of MACs at a quarter rate (x%.3f) back to %.2fx. ",
    a[m3] / a[ab], f[ab], f[m3], d[ab] / d[m3], e1[ab] / d[ab], e1[ab] / d[m3]
  printf "The 6-bit capability itself costs %.1f%% of area and %.1f%% of clock over HBFP4 B=64: the join stages are %.1f%% of the area, and the edge unit built for the 6-bit block sum (17 bits at B=64 instead of 13) sets the period.\n",
    100 * (a[ab] / a[h4] - 1), 100 * (1 - f[ab] / f[h4]), 100 * ja[ab] / a[ab]
  print ""
  print "Reproduce: `macgen cost hbfp_array rows=64 cols=64 n=4 boost=6 block=64 acc=fp32 pipe=4 --tech osu018`"
  print "(add `boost_pe=6x4` for the alternative; the effective figures are in its last lines and in"
  print "`--json` as `eff_macs_per_s_per_mm2_f001` / `_f010`)."
}
AWK

# Energy per MAC of the 64x64 arrays, with both operand distributions.
if [ "$energy" = 1 ]; then
  awk -F'\t' -v cyc="$energy_cycles" '
  $2 == "64x64" && $24 != "" { n++; l[n] = $1; a[n] = $3; pn[n] = $24; pu[n] = $25; if ($1 == "FP32") { fn = $24; fu = $25 } }
  END {
    print ""
    print "## Energy per MAC (64x64 arrays)"
    print ""
    print "`macgen energy ARRAY ... --tech osu018 --vectors normal|uniform` ([energy.md](energy.md)):"
    printf "one column of each array (its rows of mapped PEs and its edge units, wired as in the\n"
    printf "array) simulated zero-delay for %d cycles after the weights are loaded, one wavefront a\n", cyc
    print "cycle; operands N(0, 1) or uniform on [-1, 1], quantized to the formats (HBFP and MX:"
    print "converted block by block by the golden model); each block'"'"'s energy averaged over its"
    print "simulated instances and scaled by its count; leakage at the array'"'"'s own fmax.  The HBFP"
    print "and MX columns are simulated whole (64 rows); the float MAC arrays'"'"' 16 rows deep"
    print "(`--tile-rows 16`: an FP32 PE is thousands of cells), which puts the FP32 array a few"
    print "percent low: its PE'"'"'s energy grows with the partial sum it adds (energy.md)."
    print "Pre-layout (pin capacitances, no wires or clock tree, no glitches): relative figures."
    print "Uniform operands were run for the arrays the README compares.  The Accuracy Booster"
    print "rows (HBFP4+6 AB) are its 4-bit mode (`boost_i` low), a column pair simulated for the"
    print "4x4 PEs (its high- and low-digit columns differ below the PEs)."
    print ""
    print "| array | pJ/MAC (normal) | pJ/MAC (uniform) | MACs/J (normal) | GOPS/W (normal, 2 ops a MAC) | vs FP32 (normal / uniform) |"
    print "|---|---:|---:|---:|---:|---|"
    for (i = 1; i <= n; i++) {
      uni = pu[i] > 0 ? sprintf("%.2f", pu[i]) : "-"
      rat = pu[i] > 0 && fu > 0 ? sprintf("%.2fx / %.2fx", fn / pn[i], fu / pu[i]) : sprintf("%.2fx / -", fn / pn[i])
      printf "| %s | %.2f | %s | %.3g | %.1f | %s |\n", l[i], pn[i], uni, 1e12 / pn[i], 2e3 / pn[i], rat
    }
    print ""
  }' "$table" >> "$tmp"
  eratio() { # label-a label-b column [decimals]: b over a in that column (24 normal, 25 uniform)
    awk -F'\t' -v a="$1" -v b="$2" -v c="$3" -v d="${4:-2}" '$2 == "64x64" && $1 == a { x = $c } $2 == "64x64" && $1 == b { y = $c }
      END { if (x > 0 && y > 0) printf "%.*f", d, y / x }' "$table"
  }
  {
    echo "Energy ratios, 64x64, normal / uniform operands: HBFP4 B=64 over FP32 **$(eratio "HBFP4 B=64" FP32 24)x /"
    echo "$(eratio "HBFP4 B=64" FP32 25)x** less energy per MAC (HBFP4 B=16: $(eratio "HBFP4 B=16" FP32 24)x / $(eratio "HBFP4 B=16" FP32 25)x);"
    echo "HBFP4 B=64 over MXFP6 e3m2 **$(eratio "HBFP4 B=64" "MXFP6 e3m2 B=32" 24)x / $(eratio "HBFP4 B=64" "MXFP6 e3m2 B=32" 25)x**, over MXFP6 e2m3"
    echo "$(eratio "HBFP4 B=64" "MXFP6 e2m3 B=32" 24)x / $(eratio "HBFP4 B=64" "MXFP6 e2m3 B=32" 25)x; the lba12 MAC array over FP32"
    echo "$(eratio "FP8 lba8 (lba12 acc)" FP32 24)x / $(eratio "FP8 lba8 (lba12 acc)" FP32 25)x.  The Accuracy Booster array in its 4-bit mode (B=64,"
    echo "normal operands) takes $(eratio "HBFP4 B=64" "HBFP4+6 AB B=64" 24 3)x HBFP4's energy per MAC: $(eratio "HBFP4+6 AB B=64" FP32 24)x less than FP32,"
    echo "$(eratio "HBFP4+6 AB B=64" "MXFP6 e3m2 B=32" 24)x less than MXFP6 e3m2 and $(eratio "HBFP4+6 AB B=64" "MXFP6 e2m3 B=32" 24)x less than e2m3.  Reproduce one point: e.g."
    echo "\`macgen energy hbfp_array rows=64 cols=64 n=4 block=64 acc=fp32 pipe=4 --tech osu018 --vectors normal\`."
  } >> "$tmp"
fi
mv "$tmp" "$OUT_MD"
echo "wrote $OUT_MD and $OUT_PNG"

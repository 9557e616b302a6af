#!/usr/bin/env bash
# Re-runs the done-when checks of issue 19 in its exact flows:
#  (1) `mul a=e4m3 b=e4m3 out=e4m3 round=rne flags=0` at the default arch:
#      at most 554 NAND2-eq and 37 levels (scripts/qor_flow.sh: cmos2
#      transistors / 4; ltp -noff after the AND..MUX mapping);
#  (2) the lean fused acc_reg=1 lba12 MAC `mac w=lba8 a=lba8 acc=lba12
#      round=rtz fused=1 acc_reg=1 flags=0 events=0` at the default arch: at
#      most 652 two-input gates (synth -flatten, abc -g AND,NAND,OR,NOR,XOR,
#      XNOR,ANDNOT,ORNOT; NOT and flip-flops not counted) and 12 flip-flops;
#  (3) with docs/qor.csv (make report-qor): apart from those two (their own
#      limits above), no unit of the table larger (NAND2-eq) or deeper at its
#      default arch than with arch=speed, which is today's Verilog.
# Prints one line per check; exit status 1 when one fails, 3 when a tool fails.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
say() { # ok? text
  if [ "$1" = 1 ]; then echo "PASS  $2"; else echo "FAIL  $2"; status=1; fi
}

read -r _ n _ d _ _ _ _ < <(scripts/qor_flow.sh mul a=e4m3 b=e4m3 out=e4m3 round=rne flags=0) || exit 3
say "$(awk -v n="$n" -v d="$d" 'BEGIN { print (n <= 554 && d <= 37) ? 1 : 0 }')" \
  "(1) mul e4m3 rne flags=0: $n NAND2-eq (<= 554), depth $d (<= 37)"

read -r _ _ _ _ _ g _ f < <(scripts/qor_flow.sh mac w=lba8 a=lba8 acc=lba12 round=rtz fused=1 acc_reg=1 \
  flags=0 events=0) || exit 3
say "$(awk -v g="$g" -v f="$f" 'BEGIN { print (g <= 652 && f == 12) ? 1 : 0 }')" \
  "(2) lean fused acc_reg=1 lba12 MAC: $g two-input gates (<= 652), $f flip-flops (12)"

csv=docs/qor.csv
if [ -r "$csv" ]; then
  # unit,auto,arch,nand2_eq,depth,...: the default's row against speed's.
  bad=$(awk -F, 'NR > 1 {
      key = $1; auto[key] = $2; n[key "," $3] = $4; d[key "," $3] = $5 }
    END {
      for (k in auto) {
        a = auto[k]; if (a == "speed") continue
        crit = (k ~ /mul a=e4m3 b=e4m3 out=e4m3 flags=0/) || (k ~ /fused=1 acc_reg=1 flags=0 events=0/)
        if (!crit && (n[k "," a] > n[k ",speed"] || d[k "," a] > d[k ",speed"]))
          printf "%s: %s %s NAND2-eq depth %s, speed %s depth %s\n", k, a, n[k "," a], d[k "," a], n[k ",speed"], d[k ",speed"]
      }
    }' "$csv")
  if [ -z "$bad" ]; then say 1 "(3) no unit of $csv larger or deeper at its default arch than today (arch=speed)"
  else say 0 "(3) larger or deeper at the default arch than today: $bad"; fi
else
  echo "SKIP  (3) needs $csv: make report-qor"
fi
exit $status

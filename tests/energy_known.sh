#!/usr/bin/env bash
# macgen energy against known answers (issue 22; the derivations are in
# docs/energy.md, "Known answers", from the OSU 0.18 um liberty's tables):
# - INVX1 driving 25 fF: 40.5 fJ switching and 16.12 fJ internal per output
#   toggle, 0.5 toggles a cycle with random input bits (within 1%);
# - an inverter chain: 15.10 fJ switching and 16.22 fJ internal per toggle
#   of each inner net, every net toggling with the input;
# - DFFPOSX1: 0.117205 pJ (CLK pin) + 0.089727 pJ (clock net) a cycle;
# - XOR2X1: 0.5 output toggles a cycle with random inputs (within 1%);
# - inputs that never change: leakage only (a netlist and the lba8 multiplier);
# - twice the toggle rate, twice the dynamic energy;
# - a reconvergent XOR: no toggle zero-delay, two a cycle per input toggle
#   SDF-timed (--glitch);
# - Icarus and Verilator count the same toggles on every net of the lba12 MAC;
# - bad input: one line, the documented exit status, no file left.
# Skipped without the OSU liberty, OpenSTA or Icarus.  Prints cmocka-style
# summaries for tests/run_tests.sh.
set -u
# shellcheck source=tests/lib_check.sh
. "$(dirname "$0")/lib_check.sh"
MACGEN=$(realpath "$MACGEN")
DATA=$(realpath "$(dirname "$0")/data/energy")
PY=/usr/bin/python3
work=$(mktemp -d "${TMPDIR:-/tmp}/energy-known-XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ ! -r /usr/share/qflow/tech/osu018/osu018_stdcells.lib ] || ! command -v sta >/dev/null ||
   [ -z "$(command -v iverilog)" ]; then
  echo "skipped: the OSU 0.18 um liberty, sta or iverilog is missing"
  check_summary
fi

energy() { # json-file args...: runs macgen energy --quiet --json FILE
  local out=$1; shift
  "$MACGEN" energy "$@" --tech osu018 --quiet --json "$out"
}

# The checks read the JSON with Python: q FILE EXPR prints EXPR of d (the
# report), net(name) (a net of the first block) and tnet(name) (SDF-timed).
q() {
  "$PY" - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
b = d["blocks"][0]
def net(n): return next(x for x in b["nets"] if x["name"] == n)
def tnet(n): return next(x for x in b["nets_timed"] if x["name"] == n)
print(eval(sys.argv[2]))
PY
}
assert() { # name python-condition-on-files...: check the condition is True
  local name=$1 cond=$2 out
  out=$(q "$3" "$cond" 2>&1)
  if [ "$out" = "True" ]; then echo "[       OK ] $name"; pass=$((pass + 1))
  else echo "[  FAILED  ] $name ($cond -> $out)"; fail=$((fail + 1)); failed+=("$name"); fi
}
within() { echo "abs(($1) / ($2) - 1) <= $3"; }

cd "$work" || exit 1

# INVX1, 25 fF, random input bits, 10 ns clock, 100000 cycles.
energy inv.json --netlist "$DATA/inv.v" --top inv1 --output-load 25 --clock 10 --cycles 100000
assert "inverter: 40.5 fJ switching per toggle" "$(within 'net("y_o")["switching_fj"] / net("y_o")["toggles_per_cycle"]' 40.5 0.01)" inv.json
assert "inverter: 16.12 fJ internal per toggle" "$(within 'net("y_o")["internal_fj"] / net("y_o")["toggles_per_cycle"]' 16.1215 0.01)" inv.json
assert "inverter: 0.5 toggles a cycle" "$(within 'net("y_o")["toggles_per_cycle"]' 0.5 0.01)" inv.json
assert "inverter: 20.25 + 8.06 fJ a cycle at 0.5 toggles" \
  "$(within '(net("y_o")["switching_fj"] + net("y_o")["internal_fj"]) / net("y_o")["toggles_per_cycle"] * 0.5' 28.31075 0.01)" inv.json

# Four INVX1 in series.
energy chain.json --netlist "$DATA/chain.v" --top chain4 --clock 10 --cycles 20000
for n in n1 n2 n3; do
  assert "chain: $n 15.10 fJ switching per toggle" "$(within "net('$n')['switching_fj'] / net('$n')['toggles_per_cycle']" 15.1037 0.01)" chain.json
  assert "chain: $n 16.22 fJ internal per toggle" "$(within "net('$n')['internal_fj'] / net('$n')['toggles_per_cycle']" 16.224 0.01)" chain.json
done
assert "chain: every net toggles with the input" \
  "len({x['toggles_per_cycle'] for x in b['nets']}) == 1 and net('a_i')['toggles_per_cycle'] > 0.45" chain.json

# DFFPOSX1 with D still: the clock network only.
energy dff.json --netlist "$DATA/dff.v" --top dff1 --clock 10 --cycles 1000 --toggle-rate 0
assert "flip-flop: CLK pin 0.117205 pJ a cycle" "$(within 'net("clk_i")["internal_fj"]' 117.205 0.01)" dff.json
assert "flip-flop: clock net 89.73 fJ a cycle" "$(within 'net("clk_i")["switching_fj"]' 89.7268 0.01)" dff.json
assert "flip-flop: nothing else switches" \
  "d['per_op']['switching_pj'] == 0 and d['per_op']['internal_pj'] == 0 and $(within "d['per_op']['clock_pj']" 0.206932 0.01)" dff.json

# XOR2X1, random inputs.
energy xor.json --netlist "$DATA/xor.v" --top xor2 --clock 10 --cycles 100000
assert "xor: 0.5 output toggles a cycle" "$(within 'net("y_o")["toggles_per_cycle"]' 0.5 0.01)" xor.json

# Inputs that never change: leakage only (4 x 0.0221741 nW x 10 ns).
energy still.json --netlist "$DATA/chain.v" --top chain4 --clock 10 --cycles 1000 --toggle-rate 0
assert "still inputs: leakage only" \
  "d['per_op']['switching_pj'] == 0 and d['per_op']['internal_pj'] == 0 and d['per_op']['clock_pj'] == 0 and $(within "d['per_op']['total_pj']" 8.86964e-7 0.001)" still.json
energy mul.json mul a=lba8 out=lba12 --vectors bits --toggle-rate 0 --cycles 200
assert "still inputs: the lba8 multiplier costs leakage only" \
  "d['per_op']['total_pj'] == d['per_op']['leakage_pj'] > 0" mul.json

# Twice the toggle rate, twice the dynamic energy.
energy slow.json --netlist "$DATA/chain.v" --top chain4 --clock 10 --cycles 40000 --toggle-rate 0.25
cat > ratio.py <<'PY'
import json
def dyn(f):
    d = json.load(open(f)); p = d["per_op"]
    return p["switching_pj"] + p["internal_pj"], d["activity"]["toggles_per_net_per_cycle"]
(es, ts), (ef, tf) = dyn("slow.json"), dyn("chain.json")
print(abs((ef / es) / (tf / ts) - 1) < 1e-6 and abs(tf / ts - 2) < 0.03)
PY
if [ "$("$PY" ratio.py)" = True ]; then echo "[       OK ] twice the toggles, twice the energy"; pass=$((pass + 1))
else echo "[  FAILED  ] twice the toggles, twice the energy"; fail=$((fail + 1)); failed+=("doubling"); fi

# Glitches: y = a XOR a-through-nine-inverters.
energy glitch.json --netlist "$DATA/glitch.v" --top glitch9 --clock 10 --cycles 20000 --glitch
assert "glitch: zero-delay, the output never toggles" "net('y_o')['toggles_per_cycle'] == 0" glitch.json
assert "glitch: SDF-timed, two output toggles per input toggle" \
  "tnet('y_o')['toggles_per_cycle'] == 2 * tnet('a_i')['toggles_per_cycle'] > 0.9" glitch.json

# Two simulators, one count: the lba12 MAC with its accumulator fed back.
mac=(mac w=lba8 a=lba8 acc=lba12 round=rtz --vectors normal --cycles 1000)
energy icarus.json "${mac[@]}" --sim icarus
if command -v verilator >/dev/null; then
  energy verilator.json "${mac[@]}" --sim verilator
  cat > same.py <<'PY'
import json
a, b = (json.load(open(f))["blocks"][0]["nets"] for f in ("icarus.json", "verilator.json"))
ta = {n["name"]: n["toggles_per_cycle"] for n in a}; tb = {n["name"]: n["toggles_per_cycle"] for n in b}
print(ta == tb and len(ta) > 500 and sum(ta.values()) > 100)
PY
  if [ "$("$PY" same.py)" = True ]; then echo "[       OK ] Icarus and Verilator: the same toggles on every net"; pass=$((pass + 1))
  else echo "[  FAILED  ] Icarus and Verilator: the same toggles on every net"; fail=$((fail + 1)); failed+=("two simulators"); fi
fi
assert "lba12 MAC: pJ per MAC and MACs per joule" \
  "d['operation'] == 'MAC' and d['pj_per_op'] > 1 and abs(d['ops_per_joule'] * d['pj_per_op'] / 1e12 - 1) < 1e-6" icarus.json

# An array: one simulated column of mapped PEs, scaled to the array.
energy array.json mac_array rows=2 cols=2 pe=lba flags=0 events=0 --cycles 100 --sim icarus
assert "mac_array 2x2: one column of 2 PEs simulated, scaled to 4" \
  "d['operation'] == 'MAC' and d['ops_per_cycle'] == 4 and b['name'] == 'pe' and b['count'] == 4 and b['simulated'] == 2 and b['counted'] == 2 and d['pj_per_op'] > 1" array.json
assert "mac_array 2x2: pJ/MAC = one PE's energy a cycle (4 PEs, 4 MACs a cycle)" \
  "abs(d['pj_per_op'] - b['per_cycle']['total_pj']) < 1e-6 * d['pj_per_op']" array.json

# The Accuracy Booster array (4x4 PEs) in its 4-bit mode: a column pair
# simulated (its high- and low-digit columns differ below the PEs), the two
# join stages (one template, two parameter sets) each from its own netlist.
energy boost.json hbfp_array rows=8 cols=2 n=4 boost=6 block=8 acc=fp32 --cycles 100 --sim icarus
assert "boost array: a column pair, five blocks, each simulated and counted once per group" \
  "[(x['name'], x['count'], x['simulated'], x['counted']) for x in d['blocks']] == [('pe', 16, 16, 16), ('join_hi', 1, 1, 1), ('join_lo', 1, 1, 1), ('edge_hi', 1, 1, 1), ('edge', 1, 1, 1)] and d['ops_per_cycle'] == 16 and 'boost_i = 0' in d['method']" boost.json
assert "boost array: pJ/MAC = the blocks' energies x counts / 16 MACs, every block switching" \
  "abs(d['pj_per_op'] - sum(x['count'] * x['per_cycle']['total_pj'] for x in d['blocks']) / 16) < 1e-6 * d['pj_per_op'] and all(x['per_cycle']['switching_pj'] > 0.1 for x in d['blocks'])" boost.json

# Bad input: one line, the documented status, nothing written.
printf 'library (x) { cell (A) { area : 1; } }\n' > bad.lib
check "a liberty without units: exit 2" 2 "$MACGEN" energy --netlist "$DATA/inv.v" --top inv1 --liberty bad.lib
mkfifo fifo.npy
check "a FIFO as --vectors: exit 2, no wait" 2 timeout 20 "$MACGEN" energy mul --tech osu018 --vectors fifo.npy
printf '\x93NUMPY\x01\x00\x10\x00{"descr": 1}\n' > bad.npy
check "a malformed .npy: exit 2" 2 "$MACGEN" energy mul --tech osu018 --vectors bad.npy
check "--cycles beyond the limit: exit 2" 2 "$MACGEN" energy mul --tech osu018 --cycles 1000001
check "--cycles 010 (no octal): exit 2" 2 "$MACGEN" energy mul --tech osu018 --cycles 010
check "--clock 1e999: exit 2" 2 "$MACGEN" energy mul --tech osu018 --clock 1e999
check "a newline in a value: exit 2" 2 "$MACGEN" energy mul --tech osu018 --vectors $'normal\nrm -rf x'
check "--json and --csv naming one file: exit 2" 2 "$MACGEN" energy mul --tech osu018 --json same --csv same
mkdir adir
check "--json onto a directory: exit 4" 4 "$MACGEN" energy --netlist "$DATA/inv.v" --top inv1 --tech osu018 --cycles 10 --json adir
check "no library: exit 2" 2 "$MACGEN" energy mul
left=$(ls -A | grep -v -e '\.json$' -e '\.py$' -e '^bad\.' -e '^fifo\.npy$' -e '^adir$' || true)
if [ -z "$left" ] && [ -z "$(ls -A adir)" ] && [ ! -e same ]; then echo "[       OK ] no partial file left"; pass=$((pass + 1))
else echo "[  FAILED  ] files left: $left"; fail=$((fail + 1)); failed+=("partial files"); fi
check_summary

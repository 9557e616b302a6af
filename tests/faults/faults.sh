#!/usr/bin/env bash
# The failures of issue 10, each run as the issue wrote it, checked for the
# exit status, the message and that nothing was damaged.  Yosys is replaced
# by fakes on PATH (one that hangs, one that prints garbage) so that the
# suite stays fast; the real Yosys only costs a one-gate module.
# Numbering follows the issue: 3 and 6 (verify --rtl, the verify cache)
# belong to the verify harness and are tested there.
set -u
cd "$(dirname "$0")/../.."
source tests/lib_check.sh
MACGEN=$(pwd)/${MACGEN#./}
SAN=${SAN:-build/macgen-san}

work=$(mktemp -d "${TMPDIR:-/tmp}/macgen-faults-XXXXXX")
# Tool work directories go here, so that leftovers can be counted.
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR" "$work/bin" "$work/v"
trap 'rm -rf "$work"' EXIT
printf 'module tiny(input wire a, input wire b, output wire y);\nassign y = a ^ b;\nendmodule\n' \
  > "$work/v/tiny.v"

expect() { # name condition...: a check without a command of its own
  if "${@:2}"; then echo "[       OK ] $1"; pass=$((pass + 1)); else check_failed "$1" "$1"; fi
}
stderr_has() { # file text
  grep -qF -- "$2" "$1" || { echo "stderr: $(cat "$1")"; return 1; }
}

# 1. A path longer than 511 bytes: written under its full name, or refused
#    before anything is written; never truncated.
long=$work/$(printf 'd%.0s' {1..250})/$(printf 'e%.0s' {1..250})/$(printf 'f%.0s' {1..100})
check "1 rtl -o a 600-byte path" 0 "$MACGEN" rtl mul -o "$long"
expect "1 files under the full path" test -f "$long/mg_mul_top.v"
expect "1 nothing under a cut path" test ! -e "${long:0:511}"
huge=$long/$(printf 'g%.0s' {1..250})/$(printf 'h%.0s' {1..250})
check "1 rtl -o a 1100-byte path is refused" 2 "$MACGEN" rtl mul -o "$huge"
"$MACGEN" rtl mul -o "$huge" 2> "$work/err"
expect "1 ... saying path too long" stderr_has "$work/err" "path too long"
expect "1 ... writing nothing" test ! -e "$long/$(printf 'g%.0s' {1..250})"

# 2. Reports onto a device, a FIFO, a link: never replaced.
cost=("$MACGEN" cost --rtl "$work/v" --top tiny --quiet)
check "2 cost --json /dev/full" 4 "${cost[@]}" --json /dev/full
expect "2 /dev/full is still a character device" test -c /dev/full
echo old > "$work/target.json"
ln -s target.json "$work/link.json"
check "2 cost --json LINK" 0 "${cost[@]}" --json "$work/link.json"
expect "2 the link is still a link" test -L "$work/link.json"
expect "2 its target got the report" grep -q '"gates"' "$work/target.json"
mkfifo "$work/fifo"
(cat "$work/fifo" > "$work/fifo.out" &)
check "2 cost --json FIFO" 0 "${cost[@]}" --json "$work/fifo"
sleep 0.2
expect "2 the FIFO is still a FIFO" test -p "$work/fifo"
expect "2 the reader got the report" grep -q '"gates"' "$work/fifo.out"
check "2 two outputs, one file" 2 "${cost[@]}" --json "$work/r.json" --csv "$work/./r.json"
expect "2 ... and neither written" test ! -e "$work/r.json"

# 4. A NUL byte in an eval line is malformed input with its line number.
printf '3f800000 3f800000\n3f8\0000 1\n3f800000 3f800000\n' > "$work/nul.txt"
check "4 eval: NUL in line 2" 2 "$MACGEN" eval mul a=fp32 < "$work/nul.txt"
"$MACGEN" eval mul a=fp32 < "$work/nul.txt" > "$work/out" 2> "$work/err"
expect "4 ... says line 2" stderr_has "$work/err" "line 2: control byte 0x00"
expect "4 ... after answering line 1 only" test "$(wc -l < "$work/out")" -eq 1

# 5. Every op reads only the operands it has (sanitizer build).
if [ -x "$SAN" ]; then
  check "5 eval quant, one operand, under ASan" 0 sh -c "printf '0\n' | '$SAN' eval quant"
  check "5 eval fma, short line, under ASan" 2 sh -c "printf '0 0\n' | '$SAN' eval fma"
else
  check_failed "5 needs $SAN (make $SAN)" "5 sanitizer build"
fi

# 7. Tools run bounded: a Yosys that hangs is stopped (with what it started)
#    and its work directory removed; garbage from Yosys is a tool failure.
# A sleep length of our own, so that a concurrent run of this suite is not
# mistaken for a leftover.
nap=$((1000 + $$ % 50000))
cat > "$work/bin/yosys" <<EOF
#!/bin/sh
echo "fake yosys hangs" >&2
sleep $nap & sleep $((nap + 1))
EOF
chmod +x "$work/bin/yosys"
check "7 hanging yosys, --tool-timeout 1" 3 env PATH="$work/bin:$PATH" "${cost[@]}" --tool-timeout 1
PATH="$work/bin:$PATH" "${cost[@]}" --tool-timeout 1 2> "$work/err"
expect "7 ... says timed out" stderr_has "$work/err" "yosys timed out after 1 s"
expect "7 ... leaves no work directory" test -z "$(ls -A "$TMPDIR")"
sleep 0.3
expect "7 ... leaves no process behind" test -z "$(pgrep -f "sleep ($nap|$((nap + 1)))\$" || true)"
check "7 sweep: hanging yosys in every worker" 3 env PATH="$work/bin:$PATH" \
  "$MACGEN" sweep mul a=lba8,e4m3 -j 2 --tool-timeout 1
expect "7 ... leaves no work directory" test -z "$(ls -A "$TMPDIR")"
PATH="$work/bin:$PATH" "${cost[@]}" & pid=$!
sleep 0.5; kill -TERM $pid; wait $pid; rc=$?
expect "7 SIGTERM during yosys: macgen dies of it" test "$rc" -eq 143
expect "7 ... leaves no work directory" test -z "$(ls -A "$TMPDIR")"
sleep 0.3
expect "7 ... nor yosys" test -z "$(pgrep -f "sleep ($nap|$((nap + 1)))\$" || true)"
# SIGTERM to a sweep alone (not its process group): it passes the signal to
# its workers, waits for them, removes its directory and dies of it.
PATH="$work/bin:$PATH" "$MACGEN" sweep mul a=lba8,e4m3,e5m2 -j 2 2> "$work/err" & pid=$!
sleep 0.7; kill -TERM $pid; wait $pid; rc=$?
expect "7 SIGTERM to a sweep: it dies of it" test "$rc" -eq 143
expect "7 ... leaves no work directory" test -z "$(ls -A "$TMPDIR")"
sleep 0.3
expect "7 ... nor a worker or yosys" test -z "$(pgrep -f "sleep ($nap|$((nap + 1)))\$|macgen sweep mul a=lba8,e4m3,e5m2" || true)"
cat > "$work/bin/yosys" <<'EOF'
#!/bin/sh
# Answers like the flow, with numbers no tool would print.
for run in flat hier; do
  echo '{ "creator": "Yosys 0.23", "modules": { "\\tiny": { "num_cells_by_type": { "$_AND_": -9.2e18 } } } }' > ${run}_stat.json
  echo 'Estimated number of transistors: 12' > ${run}_cmos.txt
done
echo 'Longest topological path in tiny (length=-7):' > depth.txt
echo "fake yosys: all fine" >&2
EOF
check "7 nonsense from yosys" 3 env PATH="$work/bin:$PATH" "${cost[@]}" --json "$work/n.json"
PATH="$work/bin:$PATH" "${cost[@]}" 2> "$work/err"
expect "7 ... quoting it" stderr_has "$work/err" "is not a count"
expect "7 ... no report" test ! -e "$work/n.json"
check "7 cost --liberty /dev/zero" 2 timeout 20 "${cost[@]}" --liberty /dev/zero

# 8. Invalid Verilog: keywords as names; an output name that is a directory.
check "8 top=module" 2 "$MACGEN" rtl mul top=module -o "$work/kw"
check "8 top=logic (SystemVerilog, which Verilator reads)" 2 "$MACGEN" rtl mul top=logic -o "$work/kw"
check "8 cost --top wire" 2 "$MACGEN" cost --rtl "$work/v" --top wire
mkdir -p "$work/o/mg_round.v"
check "8 rtl -o DIR with a directory in the way" 2 "$MACGEN" rtl mul -o "$work/o"
expect "8 ... wrote nothing" test "$(ls -A "$work/o")" = mg_round.v
printf 'module mg_mul_top; endmodule\n' > "$work/o2.v"; mkdir -p "$work/o2"; mv "$work/o2.v" "$work/o2/old.v"
check "8 rtl -o DIR holding a foreign .v" 2 "$MACGEN" rtl mul -o "$work/o2"
"$MACGEN" rtl mul -o "$work/o2" 2> "$work/err"
expect "8 ... naming it" stderr_has "$work/err" "old.v"

# 9. Error lines escape control characters and keep the reason.
"$MACGEN" rtl mul "$(printf 'top=a\033[31mb')" -o "$work/x" 2> "$work/err"
expect "9 escape sequence shown escaped" stderr_has "$work/err" 'a\x1b[31mb'
expect "9 ... and not raw" test -z "$(tr -d '\n' < "$work/err" | tr -d '[:print:]')"
head -c 200000 /dev/zero | tr '\0' 'f' > "$work/big"; echo " 0" >> "$work/big"
"$MACGEN" eval mul < "$work/big" 2> "$work/err"
expect "9 a 200 kB token: the reason survives" stderr_has "$work/err" "hex digits for a 8-bit field"
expect "9 ... on one short line" test "$(wc -c < "$work/err")" -lt 300

# 10. Tests never hand /dev/null to a tool that changes its target's mode.
expect "10 no 'iverilog -o /dev/null' in tests" \
  test -z "$(grep -rn 'iverilog' tests/*.sh tests/*.c | grep -n '/dev/null' || true)"
expect "10 /dev/null is a character device, mode 666" \
  test -c /dev/null -a "$(stat -c %a /dev/null)" = 666

check_summary

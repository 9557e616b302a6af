#!/usr/bin/env bash
# The failures of issue 18 (hardening, round 2), each run as the issue wrote
# it and checked for the exit status, one clear line on stderr, and that
# nothing was damaged or executed.  Every case fails on the macgen before
# the fix.  Yosys is a fake on PATH (quick, sane report files) wherever the
# figures do not matter; a hanging one where a tool must be stopped.
# MACGEN / SAN: the binaries under test (default build/macgen,
# build/macgen-san).
set -u
cd "$(dirname "$0")/../.."
source tests/lib_check.sh
MACGEN=$(cd "$(dirname "$MACGEN")" && pwd)/$(basename "$MACGEN")
SAN=${SAN:-build/macgen-san}
[ -e "$SAN" ] && SAN=$(cd "$(dirname "$SAN")" && pwd)/$(basename "$SAN")

ROOT=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/macgen-faults18-XXXXXX")
export TMPDIR=$work/tmp          # tool and work folders land here: leftovers can be counted
mkdir -p "$TMPDIR" "$work/fake" "$work/hang"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

expect() { # name condition...: a check without a command of its own
  if "${@:2}"; then echo "[       OK ] $1"; pass=$((pass + 1)); else check_failed "$1" "$1"; fi
}
# one NAME STATUS PATTERN command...: exit STATUS, exactly one line on
# stderr, matching PATTERN (grep -E).
one() {
  local name=$1 want=$2 pattern=$3 rc; shift 3
  "$@" > out.txt 2> err.txt; rc=$?
  if [ "$rc" -eq "$want" ] && [ "$(wc -l < err.txt)" -eq 1 ] && grep -Eq -- "$pattern" err.txt; then
    echo "[       OK ] $name: $(cut -c1-160 err.txt)"; pass=$((pass + 1))
  else
    echo "stderr: $(head -c 600 err.txt)"
    check_failed "$name (exit $rc, expected $want and one line /$pattern/)" "$name"
  fi
}
no_leftovers() { test -z "$(ls -A "$TMPDIR")"; }
# npy FILE SHAPE: a float32 .npy header for SHAPE ("(4, 8)"), no data.
npy() {
  local h="{'descr': '<f4', 'fortran_order': False, 'shape': $2, }"
  h=$(printf '%-117s' "$h")
  printf '\x93NUMPY\x01\x00\x76\x00%s\n' "$h" > "$1"
}

# A Yosys that answers at once with sane report files, and one that hangs
# (a sleep length of our own, so that a concurrent run is not mistaken
# for a leftover) after making an ABC folder in its TMPDIR.
cat > fake/yosys <<'EOF'
#!/bin/sh
top=$(sed -n 's/^hierarchy -check -top \([A-Za-z0-9_]*\).*/\1/p' flow.ys | head -n 1)
for run in flat hier; do
  printf '{ "creator": "Yosys 0.23 (fake)", "modules": { "\\\\%s": { "num_cells_by_type": { "$_AND_": 7, "$_NOT_": 1 } } } }\n' "$top" > ${run}_stat.json
  echo 'Estimated number of transistors: 40' > ${run}_cmos.txt
done
echo "Longest topological path in $top (length=3):" > depth.txt
EOF
nap=$((2000 + $$ % 50000))
cat > hang/yosys <<EOF
#!/bin/sh
mkdir "\${TMPDIR:-/tmp}/yosys-abc-FAKE\$\$"
sleep $nap & sleep $((nap + 1))
EOF
chmod +x fake/yosys hang/yosys
FAKE=$work/fake:$PATH HANG=$work/hang:$PATH
napping() { pgrep -f "sleep ($nap|$((nap + 1)))\$" || true; }
acc=(--accuracy "K=16 --trials 20")

# 1. A newline in a value that goes into a job line splits the job: the
#    second half ran as a command.  Refused, nothing written or run.
one "1 --accuracy with a newline" 2 "control character" \
  env PATH="$FAKE" "$MACGEN" sweep mac acc=lba12,fp16 --accuracy $'K=64\ntouch X #' --emit-jobs jobs1.txt
[ -f jobs1.txt ] && sed -n 2p jobs1.txt | sh > /dev/null 2>&1
expect "1 ... no jobs file, and nothing ran" test ! -e jobs1.txt -a ! -e X
one "1 --results with a newline" 2 "control character" \
  "$MACGEN" sweep mac acc=lba12 --results $'r\ntouch X #' --emit-jobs jobs1.txt
one "1 --emit-jobs FILE with a newline" 2 "control character" \
  "$MACGEN" sweep mac acc=lba12 --emit-jobs $'j\ntouch X #'
one "1 --liberty path with a newline" 2 "control character" \
  "$MACGEN" sweep mac acc=lba12 --liberty $'/l\ntouch X #' --emit-jobs jobs1.txt
expect "1 ... nothing created" test -z "$(ls -A | grep -v '^fake$\|^hang$\|^tmp$\|^out.txt$\|^err.txt$')"

# A sweep with accuracy spread over jobs (the fake Yosys: cost in no time).
args=(mac w=e2m1 a=e2m1 "acc=e3m2,fin,ftz,e3m3,fin,ftz" "${acc[@]}")
PATH="$FAKE" "$MACGEN" sweep "${args[@]}" --emit-jobs jobs.txt > /dev/null 2>&1
PATH="$FAKE" sh jobs.txt > /dev/null 2>&1
R=jobs.txt.results
cp -r "$R" good
restore() { rm -rf "$R"; cp -r good "$R"; }
merge() { "$MACGEN" sweep "${args[@]}" --merge "$R" --csv merged.csv "$@"; }
check "2 --merge of the jobs' own results" 0 merge

# 2. Results are taken by position only: reordered, copied or foreign files
#    were merged under the wrong labels.
mv "$R/p0.json" "$R/t"; mv "$R/p1.json" "$R/p0.json"; mv "$R/t" "$R/p1.json"
mv "$R/a0.json" "$R/t"; mv "$R/a1.json" "$R/a0.json"; mv "$R/t" "$R/a1.json"
rm -f merged.csv
one "2 reordered results" 2 "point 'acc=e3m2,fin,ftz' \(job 1\): .*p0.json is not this point's cost result" merge
expect "2 ... no CSV" test ! -e merged.csv
restore; cp "$R/p0.json" "$R/p1.json"; cp "$R/a0.json" "$R/a1.json"
one "2 a copied duplicate" 2 "job 2.*p1.json is not this point's" merge
restore; cp "$R/a0.json" keep.json
PATH="$FAKE" "$MACGEN" accuracy mac w=e2m1 a=e2m1 acc=e3m2,fin,ftz K=32 --trials 20 --json "$R/a0.json" --quiet
one "2 another K" 2 "a0.json is not this point's accuracy result: it is for K=32, not K=16" merge
PATH="$FAKE" "$MACGEN" accuracy mac w=e2m1 a=e2m1 acc=e3m2,fin,ftz K=16 --trials 20 dist=uniform --json "$R/a0.json" --quiet
one "2 another distribution" 2 "dist=uniform, not dist=normal" merge
PATH="$FAKE" "$MACGEN" cost add --json "$R/p0.json" --quiet
one "2 another unit" 2 "p0.json is not this point's cost result: it costs add" merge
restore
sed -i 's/"flow_hash":[^,]*/"flow_hash":\t"0123456789abcdef"/' "$R/p1.json"
one "2 a stale result (another synthesis flow)" 2 "another synthesis flow.*stale" merge

# 3. A damaged accuracy file read as SQNR inf; gates 1e30 as LONG_MIN.
restore
sed -i 's/"sqnr_db": [^,]*/"sqnr_db": "high"/' "$R/a0.json"
one "3 SQNR given as a string" 2 "a0.json is a malformed accuracy report: \"sqnr_db\" is not a number" merge
restore
sed -i 's/"sqnr_db": [^,]*, //' "$R/a1.json"
one "3 SQNR missing" 2 "a1.json is a malformed accuracy report: \"sqnr_db\" is missing" merge
restore
sed -i 's/"gates":[^,]*,/"gates":\t1e30,/' "$R/p0.json"
one "3 gates 1e30" 2 "p0.json is a malformed cost report: \"gates\" is out of range" merge
expect "3 ... no CSV" test ! -e merged.csv

# 4. --accuracy overriding the point's own parameters.
one "4 --accuracy \"K=64 acc=fp32\"" 2 "acc= is a parameter of the point" \
  env PATH="$FAKE" "$MACGEN" sweep mac acc=lba12,fp16 --accuracy "K=64 acc=fp32" -j 1

# 5. and 12. Emitted jobs dropped --verify and --tool-timeout; a merge
#    without verify outcomes showed no verify column and exited 0.
PATH="$FAKE" "$MACGEN" sweep mul a=e2m1,e3m2 --verify --tool-timeout 77 --emit-jobs vjobs.txt > /dev/null 2>&1
expect "5 every job line carries --verify" test "$(grep -c -- ' --verify' vjobs.txt 2> /dev/null)" = 2
expect "12 every job line carries --tool-timeout 77" test "$(grep -c -- ' --tool-timeout 77' vjobs.txt 2> /dev/null)" = 2
mkdir -p vres
for i in 0 1; do cp "good/p0.json" "vres/p$i.json"; done
PATH="$FAKE" "$MACGEN" cost mul a=e2m1 --json vres/p0.json --quiet
PATH="$FAKE" "$MACGEN" cost mul a=e3m2 --json vres/p1.json --quiet
one "5 --merge --verify without verify outcomes" 2 "v0.json" "$MACGEN" sweep mul a=e2m1,e3m2 --verify --merge vres

# 6. A leading zero read as octal.
one "6 rtl mac_array rows=064" 2 "rows=064: a leading zero is not allowed" "$MACGEN" rtl mac_array rows=064 cols=2 -o o6
expect "6 ... writes nothing" test ! -e o6
one "6 eval dot k=010" 2 "k=010: a leading zero" "$MACGEN" eval dot k=010 < /dev/null
one "6 eval mul rbits=08" 2 "rbits=08: a leading zero" "$MACGEN" eval mul round=sr rbits=08 < /dev/null
one "6 accuracy K=010" 2 "K=010: a leading zero" "$MACGEN" accuracy mac K=010 --quiet
one "6 --run-point 99999999999999999999 (issue item 15)" 2 "out of range" \
  "$MACGEN" sweep mac acc=lba12 --run-point 99999999999999999999 --results r6
expect "6 ... writes no p9223372036854775807.json" test ! -e r6/p9223372036854775807.json

# 7. A value longer than 63 characters was cut (bias=15 read as bias=1).
long="e5m7,ftz,fin,$(printf 'ftz,%.0s' {1..11})bias=15"
"$MACGEN" eval quant in=fp32 "out=$long" <<< 3f800000 > long.txt 2>&1
"$MACGEN" eval quant in=fp32 out=e5m7,ftz,fin,bias=15 <<< 3f800000 > short.txt 2>&1
expect "7 a 64-character format value means what it says" cmp -s long.txt short.txt

# 8. A read error on eval's standard input looked like its end.
mkdir -p d8
one "8 eval mul < DIRECTORY" 2 "cannot read standard input.*Is a directory" "$MACGEN" eval mul < d8
one "8 eval mul with standard input closed" 2 "cannot read standard input" "$MACGEN" eval mul <&-
one "8 eval hbfp_dot < DIRECTORY" 2 "cannot read standard input" "$MACGEN" eval hbfp_dot < d8
sleep 30 & sp=$!
sleep 0.3   # the sleep itself, not the shell that starts it
if { : < "/proc/$sp/mem"; } 2> /dev/null; then
  one "8 eval mul < an input that gives EIO" 2 "Input/output error" "$MACGEN" eval mul < "/proc/$sp/mem"
fi
kill "$sp" 2> /dev/null; wait "$sp" 2> /dev/null

# 9. accuracy --json through a link truncated the target before writing.
echo old > target.json; ln -s target.json link.json
(ulimit -f 1; trap '' XFSZ; "$MACGEN" accuracy mac K="$(seq -s, 1 40)" --trials 10 --json link.json --quiet) 2> err.txt
expect "9 a failed write through a link leaves the old file" test "$(cat target.json)" = old
expect "9 ... and the link a link" test -L link.json
"$MACGEN" accuracy mac K=16 --trials 20 --json link.json --quiet
expect "9 a good write goes to the link's target" grep -q '"unit": "mac"' target.json

# 10. accuracy --json X --csv X was accepted.
one "10 accuracy --json X --csv ./X" 2 "name the same file" "$MACGEN" accuracy mac K=16 --json X --csv ./X --quiet
expect "10 ... X not written" test ! -e X

# 11. Heap over-read when the .npy header ends right after 'descr':.
h="{'fortran_order': False, 'shape': (2, 2), 'descr':"
printf "\x93NUMPY\x01\x00\x$(printf %02x ${#h})\x00%s" "$h" > bad11.npy
if [ -x "$SAN" ]; then
  one "11 .npy header ending after 'descr': (ASan)" 2 "bad11.npy" "$SAN" accuracy mac --data bad11.npy bad11.npy
else
  check_failed "11 needs $SAN (make $SAN)" "11 sanitizer build"
fi

# 12. --merge blocked forever on a FIFO named p0.json.
restore; rm "$R/p0.json"; mkfifo "$R/p0.json"
one "12 --merge with a FIFO p0.json" 2 "p0.json: it is a FIFO, not a regular file" timeout 10 "$MACGEN" sweep "${args[@]}" --merge "$R"

# 13. Memory: a legal 1024 x 1024 array drove Verilator past 6 GB; a .npy
#     at the limit needed about 40 GB.  Refused before they start.
one "13 verify hbfp_array rows=1024 cols=1024" 2 "1048576 PEs.*over the memory limit.*MACGEN_MEM_LIMIT" \
  env MACGEN_MEM_LIMIT=16G MACGEN_CACHE="$work/cache13" timeout 10 "$MACGEN" verify hbfp_array rows=1024 cols=1024
expect "13 ... before building anything" test -z "$(ls "$work/cache13" 2> /dev/null | grep -v '^ccache$')"
expect "13 ... and no work folder left" no_leftovers
npy big13.npy "(2147483648, 1)"
one "13 a .npy of 2^31 elements" 2 "over the memory limit of 16.0 GiB \(MACGEN_MEM_LIMIT=16G" \
  env MACGEN_MEM_LIMIT=16G "$MACGEN" accuracy mac --data big13.npy big13.npy

# 14. Leftovers: Yosys's ABC folder; macgen's work folder when a signal
#     comes while it blocks on a FIFO; the workers of a killed sweep.
printf 'module tiny(input wire a, output wire y);\nassign y = a;\nendmodule\n' > tiny.v
mkdir -p v14 && mv tiny.v v14/
PATH="$HANG" "$MACGEN" cost --rtl v14 --top tiny --quiet 2> /dev/null & pid=$!
sleep 1; kill -TERM "$pid"; wait "$pid"
expect "14 SIGTERM while Yosys runs ABC: no yosys-abc-* (nor anything) left" no_leftovers
mkfifo lib.fifo
one "14 cost --liberty FIFO: refused at once" 2 "lib.fifo: it is a FIFO, not a regular file" \
  timeout 20 "$MACGEN" cost --rtl v14 --top tiny --liberty lib.fifo
expect "14 ... no work folder left" no_leftovers
mkdir -p v14f; cp v14/tiny.v v14f/; mkfifo v14f/late.v
one "14 verify --rtl DIR holding a FIFO .v: refused at once" 2 "late.v" timeout 20 "$MACGEN" verify mul --rtl v14f
expect "14 ... no work folder left" no_leftovers
one "14 cost --rtl DIR holding a FIFO .v: refused at once" 2 "late.v: it is a FIFO" \
  timeout 20 "$MACGEN" cost --rtl v14f --top tiny
PATH="$HANG" "$MACGEN" sweep mul a=lba8,e4m3,e5m2 -j 2 > /dev/null 2>&1 & pid=$!
sleep 1; kill -KILL "$pid"; wait "$pid" 2> /dev/null
sleep 1
expect "14 SIGKILL of a sweep: no worker or tool left running" test -z "$(napping)"
left=$(napping); [ -n "$left" ] && kill $left   # our own sleeps, by their ids
rm -rf "${TMPDIR:?}"/*   # the killed sweep's own folder: nobody is left to remove it

# 15. Messages and documentation.
one "15 a cache path with a space" 2 "MACGEN_CACHE=.* holds a space: GNU Make" \
  env MACGEN_CACHE="$work/with space" "$MACGEN" verify mul a=e2m1
one "15 accuracy > /dev/full: one line" 4 "cannot write standard output" \
  sh -c '"$0" accuracy mac K=16 --trials 20 > /dev/full' "$MACGEN"
npy d15.npy "(4, 8)"; head -c 128 /dev/zero | tr '\0' '\100' >> d15.npy   # 32 floats of 3.0039
one "15 --data with --trials" 2 "--trials" "$MACGEN" accuracy mac --data d15.npy d15.npy --trials 5
one "15 --data with dist=" 2 "dist=" "$MACGEN" accuracy mac --data d15.npy d15.npy dist=laplace
one "15 --data with scale=" 2 "scale=" "$MACGEN" accuracy mac --data d15.npy d15.npy scale=2
one "15 --data with mean=" 2 "mean=" "$MACGEN" accuracy mac --data d15.npy d15.npy mean=1
check "15 accuracy -j1 (as sweep -j1)" 0 "$MACGEN" accuracy mac K=16 --trials 20 -j1 --quiet
one "15 --emit-jobs of an unknown unit" 2 "unknown unit" "$MACGEN" sweep nosuch acc=lba12 --emit-jobs j15.txt
one "15 --emit-jobs of a bad format" 2 "acc=lba13: format" "$MACGEN" sweep mac acc=lba13 --emit-jobs j15.txt
one "15 --emit-jobs of an unknown key" 2 "unknown parameter 'foo'" "$MACGEN" sweep mac foo=1 --emit-jobs j15.txt
mkdir -p jdir
one "15 --emit-jobs onto a directory" 4 "jdir: it is a directory" "$MACGEN" sweep mac acc=lba12 --emit-jobs jdir
expect "15 ... creates no results folder" test ! -e jdir.results -a ! -e j15.txt -a ! -e j15.txt.results
expect "15 rtl --help: HBFP block=4..256, MX block=8..256" \
  test "$("$MACGEN" rtl --help | grep -c 'block=4\.\.256\|block=8\.\.256')" -eq 4
expect "15 array verify --help: a tool failure is exit 3" \
  test "$("$MACGEN" verify hbfp_array --help | grep -c '3 Verilator or g++ missing')" -eq 1 -a \
       "$("$MACGEN" verify mac_array --help | grep -c '3 Verilator or g++ missing')" -eq 1
expect "15 README: an output that is a directory is exit 4" \
  grep -q '^| 4 | .*an output that is a directory' "$ROOT/README.md"
"$MACGEN" sweep mul a=e2m1 --emit-jobs "sp ace.txt" > hint.txt 2>&1
expect "15 the --merge hint is shell-quoted" grep -qF -- "--merge '$work/sp ace.txt.results'" hint.txt
npy z15.npy "(4, 8)"; head -c 128 /dev/zero >> z15.npy
one "15 all-zero data: no relative error or SQNR" 2 "every exact dot product is 0" "$MACGEN" accuracy mac --data z15.npy z15.npy
# The array PASS line counted Inf/NaN outputs for an accumulator without them.
cd "$ROOT" || exit 1
"$MACGEN" verify hbfp_array rows=4 cols=1 block=4 acc=e4m7,fin,ftz --matrices 2 > "$work/pass.txt" 2>&1
expect "15 verify PASS line: no Inf/NaN in a fin accumulator" grep -q 'PASS.* 0 Inf/NaN' "$work/pass.txt"
check_summary

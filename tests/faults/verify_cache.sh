#!/usr/bin/env bash
# Faults of `macgen verify` (issue 10, items 1, 3, 6 and 9), reproduced and
# checked against the expected exit status, message and state:
#   - a MACGEN_CACHE path too long for the system is refused (exit 2, "path
#     too long") before anything is written; a long one that fits is used
#     whole (a warm entry copied there is found);
#   - --rtl DIR with a module defined twice, or whose top lacks or changes a
#     port, is refused (exit 2) naming the files or the port;
#   - a warm cache entry works read-only; a truncated or empty unit.so is
#     rebuilt (no SIGBUS); tmp.* directories of dead builds are removed, a
#     live build's are kept;
#   - an unwritable HOME does not break the build (ccache's directory is
#     inside the cache); a cache that cannot be created names the path and
#     MACGEN_CACHE (exit 4);
#   - SIGTERM and SIGINT during a build end macgen with 128+signal and leave
#     no verilator, make or g++ running.
# One small unit is built once (plus two rebuilds served by ccache) to keep
# `make test` short.  Prints cmocka-style summaries for tests/run_tests.sh.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib_check.sh
. "$here/../lib_check.sh"
MACGEN=$(cd "$(dirname "$MACGEN")" && pwd)/$(basename "$MACGEN")

work=$(mktemp -d "${TMPDIR:-/tmp}/macgen-faults-XXXXXX")
chmod 755 "$work"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
cache=$work/cache
unit=(mul a=e3m2 b=e3m2 out=e3m2 round=rne)

# The Verilator runtime is the slow half of a cold build: reuse the one the
# main cache already holds (same Verilator, same key).
main_cache=$(dirname "$MACGEN")/verilator
mkdir -p "$cache"
for rt in "$main_cache"/runtime-*; do
  [ -f "$rt/verilated.o" ] && [ -f "$rt/verilated_threads.o" ] && cp -r "$rt" "$cache/"
done

# expect NAME STATUS PATTERN command...: the exit status and a line matching
# PATTERN (extended regex) in the output.
expect() {
  local name=$1 want=$2 pattern=$3; shift 3
  local out rc
  out=$("$@" 2>&1); rc=$?
  printf '%s\n' "$out" | tail -n 1 | cut -c1-300
  if [ "$rc" -eq "$want" ] && printf '%s\n' "$out" | grep -Eq -- "$pattern"; then
    echo "[       OK ] $name"; pass=$((pass + 1))
  else
    echo "[  FAILED  ] $name (exit $rc, expected $want and /$pattern/)"; fail=$((fail + 1)); failed+=("$name")
  fi
}
entry() { find "$cache" -maxdepth 1 -regextype egrep -regex '.*/[0-9a-f]{16}' | head -n 1; }

# ---- The cold build, under a HOME nobody can write (ccache's default
# directory would be there).
expect "cold build with an unwritable HOME" 0 "PASS.*built in" \
  env HOME=/proc/macgen-no-home MACGEN_CACHE="$cache" "$MACGEN" verify "${unit[@]}"
e=$(entry)
[ -n "$e" ] && [ -s "$e/unit.ok" ] || check_failed "no sealed cache entry after the build" "entry sealed"

# ---- Paths: too long is refused before writing; long but valid is whole.
long=$work/$(printf 'd%.0s' $(seq 250))
for _ in $(seq 16); do long=$long/$(printf 'x%.0s' $(seq 250)); done
expect "MACGEN_CACHE too long: refused" 2 "path too long.*MACGEN_CACHE" \
  env MACGEN_CACHE="$long" "$MACGEN" verify "${unit[@]}"
[ -e "$work/$(printf 'd%.0s' $(seq 250))" ] && check_failed "a too-long MACGEN_CACHE created something" "long cache untouched"
fits=$work/$(printf 'f%.0s' $(seq 200))
for _ in $(seq 12); do fits=$fits/$(printf 'y%.0s' $(seq 200)); done
mkdir -p "$fits" && cp -r "$e" "$fits/"
expect "long MACGEN_CACHE ($(( ${#fits} )) bytes) used whole" 0 "PASS.*cached" \
  env MACGEN_CACHE="$fits" "$MACGEN" verify "${unit[@]}"
rm -rf "$work/$(printf 'f%.0s' $(seq 200))"

# ---- A warm entry works read-only (as another user when run as root).
chmod -R a-w "$cache"
if [ "$(id -u)" -eq 0 ]; then
  expect "warm hit, cache read-only" 0 "PASS.*cached" \
    setpriv --reuid=65534 --regid=65534 --clear-groups env MACGEN_CACHE="$cache" HOME=/ TMPDIR=/tmp \
    "$MACGEN" verify "${unit[@]}"
else
  expect "warm hit, cache read-only" 0 "PASS.*cached" env MACGEN_CACHE="$cache" "$MACGEN" verify "${unit[@]}"
fi
chmod -R u+w "$cache"

# ---- --rtl DIR checks (refused before any build).
"$MACGEN" rtl "${unit[@]}" -o "$work/rtl" >/dev/null
cp "$work/rtl/mg_round.v" "$work/rtl/old_round.v"
expect "--rtl: a module defined twice" 2 "mg_round is defined twice, in mg_round.v and in old_round.v" \
  env MACGEN_CACHE="$cache" "$MACGEN" verify "${unit[@]}" --rtl "$work/rtl"
rm "$work/rtl/old_round.v"
"$MACGEN" rtl mul a=e4m3 b=e3m2 out=e3m2 round=rne -o "$work/rtl_wide" >/dev/null
expect "--rtl: a port of another width" 2 "port a_i of mg_mul_top is 8 bits wide, the unit expects 6" \
  env MACGEN_CACHE="$cache" "$MACGEN" verify "${unit[@]}" --rtl "$work/rtl_wide"
sed -i 's/flags_o/flagz_o/g' "$work/rtl_wide/mg_mul_top.v"
expect "--rtl: a missing port" 2 "has no port" \
  env MACGEN_CACHE="$cache" "$MACGEN" verify mul a=e4m3 b=e3m2 out=e3m2 round=rne --rtl "$work/rtl_wide"
rm "$work/rtl_wide/mg_mul_top.v"
expect "--rtl: no top module" 2 "no .v file there defines the top module mg_mul_top" \
  env MACGEN_CACHE="$cache" "$MACGEN" verify mul a=e4m3 b=e3m2 out=e3m2 round=rne --rtl "$work/rtl_wide"

# ---- Damaged entries are rebuilt; dead builds' tmp.* are swept.
mkdir -p "$cache/tmp.2147483646.dead" "$cache/tmp.$$.live"
truncate -s 4096 "$e/unit.so"
expect "truncated unit.so: rebuilt" 0 "PASS.*built in" env MACGEN_CACHE="$cache" "$MACGEN" verify "${unit[@]}"
[ -e "$cache/tmp.2147483646.dead" ] && check_failed "a dead build's tmp directory stayed" "stale tmp swept"
[ -e "$cache/tmp.$$.live" ] || check_failed "a live build's tmp directory was removed" "live tmp kept"
: > "$e/unit.so"
expect "empty unit.so: rebuilt" 0 "PASS.*built in" env MACGEN_CACHE="$cache" "$MACGEN" verify "${unit[@]}"
expect "rebuilt entry: a warm hit again" 0 "PASS.*cached" env MACGEN_CACHE="$cache" "$MACGEN" verify "${unit[@]}"

# ---- A cache that cannot be created names the path and MACGEN_CACHE.
expect "cache not creatable: path and MACGEN_CACHE named" 4 "/proc/macgen-x/cache \(MACGEN_CACHE\)" \
  env MACGEN_CACHE=/proc/macgen-x/cache "$MACGEN" verify "${unit[@]}"

# ---- A signal during a build stops everything it started.
# Processes whose working directory is inside dir (verilator, make, g++).
inside() { find /proc/[0-9]*/cwd -maxdepth 0 -lname "$1*" 2>/dev/null | cut -d/ -f3; }
for sig in TERM INT; do
  c2=$work/cache-$sig
  mkdir -p "$c2" && cp -r "$cache"/runtime-* "$c2/" 2>/dev/null
  # A script's background job starts with SIGINT ignored: give it back.
  env --default-signal=INT MACGEN_CACHE="$c2" "$MACGEN" verify mul a=e3m2 b=e3m2 out=e3m3 round=rne >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 300); do [ -n "$(inside "$c2")" ] && break; sleep 0.1; done
  started=$(inside "$c2")
  kill -s "$sig" "$pid"
  wait "$pid"; rc=$?
  sleep 0.5
  left=$(inside "$c2")
  want=$((128 + $(kill -l "$sig")))
  if [ -n "$started" ] && [ "$rc" -eq "$want" ] && [ -z "$left" ]; then
    echo "[       OK ] SIG$sig during a build: exit $rc, no tool left"; pass=$((pass + 1))
  else
    echo "[  FAILED  ] SIG$sig during a build: exit $rc (want $want), tools seen: ${started:-none}, left: ${left:-none}"
    fail=$((fail + 1)); failed+=("SIG$sig during a build")
    [ -n "$left" ] && kill -9 $left 2>/dev/null
  fi
done

check_summary

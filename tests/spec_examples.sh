#!/usr/bin/env bash
# Every worked example in docs/spec/*.md runs and prints what the page says.
# An example is an indented line "$ command" (a trailing backslash continues
# it), followed by the lines it prints at the same indentation; text after a
# run of three or more spaces on those lines, and deeper-indented lines, are
# the page's explanations and are not compared.
# Prints cmocka-style summaries for tests/run_tests.sh.
set -u
# shellcheck source=tests/lib_check.sh
. "$(dirname "$0")/lib_check.sh"
docs="$(dirname "$0")/../docs/spec"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/spec-examples-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Splits the pages into $tmp/N.cmd / $tmp/N.want pairs, one per example.
awk -v dir="$tmp" '
  function indent(s) { match(s, /^ */); return RLENGTH }
  function flush() { if (cmd != "") { f = sprintf("%s/%03d", dir, n);
                                       printf "%s\n", cmd > (f ".cmd"); close(f ".cmd");
                                       printf "%s", want > (f ".want"); close(f ".want");
                                       page = FILENAME; sub(/.*\//, "", page);
                                       name = cmd; gsub(/\n/, " ", name);
                                       print page ": " name > (f ".name"); close(f ".name") }
                     cmd = ""; want = "" }
  FNR == 1 { flush() }
  /^ +\$ / { flush(); n++; at = indent($0); sub(/^ +\$ /, ""); cmd = $0; cont = /\\$/; next }
  cont { sub(/^ +/, " "); cmd = cmd "\n" $0; cont = /\\$/; next }
  cmd != "" && /^ *$/ { next }
  cmd != "" && indent($0) > at { next }
  cmd != "" && indent($0) == at && !/^ +\(/ { line = $0; sub(/^ +/, "", line); sub(/   .*$/, "", line);
                                             want = want line "\n"; next }
  { flush() }
  END { flush() }' "$docs"/*.md

for c in "$tmp"/*.cmd; do
  n=${c%.cmd}
  name=$(cat "$n.name")
  cmd=$(sed "s#build/macgen#$MACGEN#g" "$c")
  got=$(bash -c "$cmd" 2>"$n.err"; cat "$n.err")
  if [ "$got" = "$(cat "$n.want")" ]; then
    echo "[       OK ] $name"; pass=$((pass + 1))
  else
    check_failed "$name" "$name"
    diff <(printf '%s\n' "$got") "$n.want" | head -6
  fi
done
check_summary

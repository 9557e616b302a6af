#!/usr/bin/env bash
# macgen sweep scale-out (issue 13), `make test` share: a two-point sweep with
# --accuracy run locally, and the same points as --emit-jobs commands run by
# GNU parallel then --merge, give byte-identical CSVs; a missing result is
# named and refused (exit 2, no CSV).  Small units keep Yosys quick.
set -u
# shellcheck source=tests/lib_check.sh
. "$(dirname "$0")/lib_check.sh"
dir=$(mktemp -d "${TMPDIR:-/tmp}/sweep-jobs-XXXXXX")
trap 'rm -rf "$dir"' EXIT
args=(mac w=e2m1 a=e2m1 "acc=e3m2,fin,ftz,e3m3,fin,ftz" --accuracy "K=64 --trials 50")

check "local sweep with --accuracy" 0 "$MACGEN" sweep "${args[@]}" -j 2 --csv "$dir/local.csv"
check "--emit-jobs" 0 "$MACGEN" sweep "${args[@]}" --emit-jobs "$dir/jobs.txt"
if [ "$(wc -l < "$dir/jobs.txt")" -eq 2 ]; then
  echo "[       OK ] one job per point"; pass=$((pass + 1))
else check_failed "jobs.txt has $(wc -l < "$dir/jobs.txt") lines, expected 2" "one job per point"; fi
if command -v parallel > /dev/null; then
  check "GNU parallel runs the jobs" 0 parallel -j 2 --halt now,fail=1 < "$dir/jobs.txt"
else
  check "the jobs run (no GNU parallel: sh)" 0 sh "$dir/jobs.txt"
fi
check "--merge" 0 "$MACGEN" sweep "${args[@]}" --merge "$dir/jobs.txt.results" --csv "$dir/merged.csv"
if [ -s "$dir/local.csv" ] && cmp -s "$dir/local.csv" "$dir/merged.csv"; then
  echo "[       OK ] merged CSV equals the local sweep's"; pass=$((pass + 1))
else check_failed "merged CSV differs from the local sweep's" "merge equals local"; fi

rm "$dir/jobs.txt.results/a1.json"
"$MACGEN" sweep "${args[@]}" --merge "$dir/jobs.txt.results" --csv "$dir/partial.csv" 2> "$dir/err"; rc=$?
if [ "$rc" -eq 2 ] && [ ! -e "$dir/partial.csv" ] && [ "$(wc -l < "$dir/err")" -eq 1 ] && grep -q "job 2" "$dir/err"; then
  echo "[       OK ] a missing result is named: $(cat "$dir/err")"; pass=$((pass + 1))
else check_failed "missing result: exit $rc, $(cat "$dir/err")" "missing result"; fi
check_summary

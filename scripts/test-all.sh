#!/bin/bash
# test-all.sh - run the named suites (scripts/suite.sh NAME) one after another,
# then print one line per suite and the total.
#
# A suite reports itself with a last line "SUITE <name>: N passed, N failed".
# A suite that exits non-zero without counting a failure, prints no such line
# (it crashed) or counts no test at all is counted as one more failure.
set -u

ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$ROOT"
LOGDIR=${WORK:-$ROOT/.work}/logs
mkdir -p "$LOGDIR"

total_pass=0
total_fail=0
lines=()
start_all=$(date +%s)

for suite in "$@"; do
    log="$LOGDIR/$suite.log"
    echo
    echo "=== suite $suite ==="
    start=$(date +%s)
    bash scripts/suite.sh "$suite" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    secs=$(($(date +%s) - start))
    summary=$(grep -E "^SUITE $suite: [0-9]+ passed, [0-9]+ failed" "$log" | tail -1)
    note=""
    if [ -z "$summary" ]; then
        pass=0
        fail=1
        note=" (no summary: the suite crashed, exit $rc)"
    else
        pass=$(echo "$summary" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1/')
        fail=$(echo "$summary" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\2/')
        if [ "$rc" != 0 ] && [ "$fail" = 0 ]; then
            fail=1
            note=" (exit $rc)"
        elif [ $((pass + fail)) = 0 ]; then
            fail=1
            note=" (no test counted)"
        fi
    fi
    total_pass=$((total_pass + pass))
    total_fail=$((total_fail + fail))
    lines+=("$(printf '%-10s %6d passed, %4d failed  %4ds%s' "$suite" "$pass" "$fail" "$secs" "$note")")
done

echo
echo "=== summary ($(($(date +%s) - start_all))s; logs in $LOGDIR) ==="
for l in "${lines[@]}"; do
    echo "suite $l"
done
echo "TOTAL: $total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]

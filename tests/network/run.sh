#!/bin/bash
# tests/network/run.sh - the network room's tests on a real multisite network (issue 13).
#
# Brings up a subdirectory multisite on MariaDB through scripts/wp-network.sh (under
# .work/test-network, MariaDB on 127.0.0.1:3324, the web server on 127.0.0.1:8104, with
# modules/dangjian.so loaded when it is built), runs every tests/network/test_*.php inside the
# network's main site (in name order: test_01_sites.php creates the 50 branch sites the others use),
# counts their "ok" / "not ok" lines, checks that the plugin logged nothing, prints
# "N passed, N failed", stops the servers, and exits non-zero on any failure.
#
#   tests/network/run.sh [test_name...]
# Environment: DJ_NETWORK_DIR, DJ_NETWORK_DB_PORT (3324), DJ_NETWORK_WEB_PORT (8104),
# DJ_NETWORK_SITES (50), DJ_TEST_KEEP=1 keeps the servers running, DJ_TEST_NO_EXT=1 uses php/fallback/.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${DJ_NETWORK_DIR:-$ROOT/.work/test-network}
PORT_DB=${DJ_NETWORK_DB_PORT:-3324}
PORT_WEB=${DJ_NETWORK_WEB_PORT:-8104}
SO=$ROOT/modules/dangjian.so
NET="$ROOT/scripts/wp-network.sh"
LOGS=$DIR/test-logs

mkdir -p "$DIR"
cd "$ROOT"
if [ "${DJ_TEST_NO_EXT:-0}" = 1 ] || [ ! -f "$SO" ]; then
    echo "network-tests: testing with php/fallback/ (no extension)" >&2
    SO=""
fi
if ! "$NET" up "$DIR" "$PORT_DB" "$PORT_WEB" $SO >"$DIR/network-up.log" 2>&1; then
    tail -20 "$DIR/network-up.log"
    echo "network-tests: the network did not come up (see $DIR/network-up.log)"
    echo "0 passed, 1 failed"
    exit 1
fi
if [ "${DJ_TEST_KEEP:-0}" != 1 ]; then
    trap '"$NET" down "$DIR" >/dev/null' EXIT
fi
rm -rf "$LOGS"
mkdir -p "$LOGS"
: >"$DIR/debug.log"
: >"$DIR/web-php.log"

tests=()
if [ $# -gt 0 ]; then
    for t in "$@"; do tests+=("$ROOT/tests/network/$(basename "$t" .php).php"); done
else
    for t in "$ROOT"/tests/network/test_*.php; do tests+=("$t"); done
fi

passed=0
failed=0
failures=()
for t in "${tests[@]}"; do
    name=$(basename "$t" .php)
    out=$LOGS/$name.log
    DJ_NETWORK_SITES=${DJ_NETWORK_SITES:-50} "$NET" php "$DIR" -d memory_limit=1G "$ROOT/scripts/wp-run.php" \
        "$DIR/wordpress" "$t" >"$out" 2>&1
    rc=$?
    p=$(grep -c '^ok - ' "$out")
    f=$(grep -c '^not ok - ' "$out")
    if ! grep -q '^# done$' "$out"; then
        f=$((f + 1))
        echo "not ok - $name stopped before its end (exit $rc)" >>"$out"
    elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" = 0 ]; then
        echo "network-tests: $name: $p passed"
    else
        echo "network-tests: $name: $p passed, $f failed"
        grep '^not ok - ' "$out" | sed 's/^/    /'
        grep -v -e '^ok - ' -e '^not ok - ' -e '^# done$' "$out" | head -20 | sed 's/^/    | /'
        failures+=("$name")
    fi
    grep '^# ' "$out" | grep -v '^# done$' | sed 's/^/    /'
done

plugin_lines=$(cat "$DIR/debug.log" "$DIR/web-php.log" 2>/dev/null | grep -E "($ROOT/php/includes/network/|plugins/dangjian/includes/network/)" || true)
if [ -z "$plugin_lines" ]; then
    passed=$((passed + 1))
    echo "network-tests: debug log: nothing from the network room"
else
    failed=$((failed + 1))
    echo "network-tests: debug log: the network room logged:"
    echo "$plugin_lines" | head -20 | sed 's/^/    /'
    failures+=("debug log")
fi

echo "$passed passed, $failed failed"
if [ "$failed" != 0 ]; then
    echo "network-tests: failed: ${failures[*]} (logs in $LOGS)"
    exit 1
fi
exit 0

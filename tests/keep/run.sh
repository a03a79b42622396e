#!/bin/bash
# tests/keep/run.sh - Dangjian\Cache across real requests: one `php -S` worker (one process, many
# requests) with the extension; a dataset kept by one request is found by the next ones, unchanged
# by a request that writes to its copy; with dangjian.cache_size=0 nothing is kept; the pure-PHP
# twin keeps nothing across requests (documented: it cannot).
# Prints "ok - …" / "not ok - …" lines and "N passed, N failed"; exits non-zero on a failure.
#   tests/keep/run.sh [path/to/dangjian.so]     (default modules/dangjian.so; KEEP_PORT=8179)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SO=${1:-$ROOT/modules/dangjian.so}
PORT=${KEEP_PORT:-8179}
TMP=$(mktemp -d /tmp/dj-keep-XXXXXX)
passed=0
failed=0
server=""

ok() { # ok COND-RESULT NAME DETAIL
    if [ "$1" = 0 ]; then
        passed=$((passed + 1)); echo "ok - $2"
    else
        failed=$((failed + 1)); echo "not ok - $2: $3"
    fi
}
stop() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
    server=""
}
trap 'stop; rm -rf "$TMP"' EXIT

# start ARGS...: php -S with one worker (PHP_CLI_SERVER_WORKERS unset) serving tests/keep/.
start() {
    stop
    env -u PHP_CLI_SERVER_WORKERS php -n "$@" -S "127.0.0.1:$PORT" -t "$ROOT/tests/keep" >"$TMP/server.log" 2>&1 &
    server=$!
    for _ in $(seq 50); do
        curl -s -o /dev/null "http://127.0.0.1:$PORT/app.php?do=info" && return 0
        sleep 0.1
    done
    echo "not ok - php -S did not start: $(cat "$TMP/server.log")"
    exit 1
}
get() { curl -s "http://127.0.0.1:$PORT/app.php?do=$1"; }

# --- the extension, default cache size
start -d "extension=$SO"
r0=$(get read)
r1=$(get build)
r2=$(get read)
r3=$(get read)
pid=${r1%% *}
ok "$([[ "$r0" == *" missing" ]]; echo $?)" "before any build the first request finds nothing" "$r0"
ok "$([[ "$r1" == *" built "* ]]; echo $?)" "a request builds and keeps a dataset" "$r1"
ok "$([[ "$r2" == "$pid found "* && "$r3" == "$pid found "* ]]; echo $?)" "the next requests of the same worker find it" "$r2 / $r3"
ok "$([[ "$r2" == *'{"people":200,"activities":5000,"participations":10000}'* ]]; echo $?)" "with its rows" "$r2"
ok "$([ "${r1##* }" = "${r2##* }" ]; echo $?)" "and the same figures (statsJson, unfiltered and filtered) as when it was built" "${r1##* } vs ${r2##* }"
f=$(get filter)
# service activities of kind counseling (i not a multiple of 7) in the project (i not a multiple of 3), 1..5000
ok "$([ "$f" = "$pid 2858" ]; echo $?)" "a filtered query on the kept dataset counts the matching activities only" "$f"
w=$(get write)
r4=$(get read)
ok "$([[ "$w" == *'"activities":5001'* ]]; echo $?)" "a request can add to the dataset it got (a copy)" "$w"
ok "$([ "$r4" = "$r2" ]; echo $?)" "the next request still finds the kept dataset unchanged" "$r4 vs $r2"
i=$(get info)
ok "$([[ "$i" == *'"entries":["k"]'* && "$i" == *'"persistent":true'* && "$i" == *'"hits":5'* ]]; echo $?)" "info() counts the hits of all requests" "$i"

# --- the extension with the cache off
start -d "extension=$SO" -d dangjian.cache_size=0
r1=$(get build)
r2=$(get read)
ok "$([[ "$r1" == *" not-kept "* && "$r2" == *" missing" ]]; echo $?)" "dangjian.cache_size=0: nothing is kept" "$r1 / $r2"

# --- the twin: request-scoped only
start -d "auto_prepend_file=$ROOT/php/fallback/load.php"
r1=$(get build)
r2=$(get read)
ok "$([[ "$r1" == *" built "* && "$r2" == *" missing" ]]; echo $?)" "the pure-PHP twin keeps a dataset for its request only" "$r1 / $r2"
stop

if grep -q -i -E "warning|fatal|notice" "$TMP/server.log"; then
    ok 1 "the server logged no PHP error" "$(grep -i -E 'warning|fatal|notice' "$TMP/server.log" | head -3)"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

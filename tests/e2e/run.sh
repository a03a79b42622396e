#!/bin/bash
# tests/e2e/run.sh - the browser tests: Debian's Chromium, driven by playwright-core, against a real
# WordPress + MariaDB with the demo data.
#
# Brings up a site under .work/test-e2e (MariaDB on 127.0.0.1:3361, the site on http://127.0.0.1:8161,
# with modules/dangjian.so when it is built) through scripts/wp-env.sh, loads the demo data
# (php/demo/load-demo.php), prepares the pages, the widget and the secretary (tests/e2e/setup-site.php),
# runs tests/e2e/*.test.mjs with node's test runner (one file at a time, in name order: workflow.test.mjs,
# which adds a record, runs last, so every screenshot shows the demo data as loaded), saves screenshots
# under docs/screenshots/, prints "N passed, N failed", stops the site, and exits non-zero on any
# failure.
#
#   tests/e2e/run.sh [NAME...]          e.g. tests/e2e/run.sh admin workflow  (tests/e2e/NAME.test.mjs)
# Environment: DJ_E2E_DIR (.work/test-e2e), DJ_E2E_DB_PORT (3361), DJ_E2E_WEB_PORT (8161),
# DJ_E2E_KEEP=1 keeps the site running afterwards, DJ_E2E_SHOTS (docs/screenshots).
# Runs scripts/e2e-deps.sh first (chromium, fonts-wqy-microhei, tests/e2e/node_modules/playwright-core).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${DJ_E2E_DIR:-$ROOT/.work/test-e2e}
PORT_DB=${DJ_E2E_DB_PORT:-3361}
PORT_WEB=${DJ_E2E_WEB_PORT:-8161}
SHOTS=${DJ_E2E_SHOTS:-$ROOT/docs/screenshots}
SO=$ROOT/modules/dangjian.so
ENV="$ROOT/scripts/wp-env.sh"
LOGS=$DIR/test-logs

say() { echo "e2e: $*"; }
fail_early() {
    say "$1"
    echo "0 passed, 1 failed"
    exit 1
}

cd "$ROOT"
# What is missing (Chromium, the CJK font, playwright-core) is installed first: scripts/e2e-deps.sh
# does nothing when everything is there.
bash "$ROOT/scripts/e2e-deps.sh" || fail_early "the browser tests' dependencies are missing (scripts/e2e-deps.sh, as root)"
if [ ! -f "$SO" ]; then
    say "NOTE: $SO is not built; the site runs on the PHP fallback"
    SO=""
fi

# A fresh database each run: the demo data is dated from today and the flow test adds a record.
if [ -f "$DIR/env" ]; then "$ENV" down "$DIR" >/dev/null 2>&1 || true; fi
rm -rf "$DIR/db"
mkdir -p "$DIR"
if ! "$ENV" up "$DIR" "$PORT_DB" "$PORT_WEB" $SO >"$DIR/up.log" 2>&1; then
    cat "$DIR/up.log"
    "$ENV" down "$DIR" >/dev/null 2>&1
    fail_early "the site did not come up"
fi
if [ "${DJ_E2E_KEEP:-0}" != 1 ]; then
    trap '"$ENV" down "$DIR" >/dev/null' EXIT
fi
rm -rf "$LOGS"
mkdir -p "$LOGS" "$SHOTS"
: >"$DIR/debug.log"
: >"$DIR/web-php.log"

"$ENV" run "$DIR" php/demo/load-demo.php >"$LOGS/demo.log" 2>&1 || {
    cat "$LOGS/demo.log"
    fail_early "loading the demo data failed"
}
sed 's/^/e2e: /' "$LOGS/demo.log"
"$ENV" run "$DIR" tests/e2e/setup-site.php "$DIR/e2e-site.json" >"$LOGS/setup.log" 2>&1 || {
    cat "$LOGS/setup.log"
    fail_early "preparing the pages failed (tests/e2e/setup-site.php)"
}

files=()
if [ $# -gt 0 ]; then
    for t in "$@"; do files+=("$ROOT/tests/e2e/$(basename "$t" .test.mjs).test.mjs"); done
else
    for t in "$ROOT"/tests/e2e/*.test.mjs; do files+=("$t"); done
fi

say "running ${#files[@]} test files against http://127.0.0.1:$PORT_WEB/"
E2E_URL="http://127.0.0.1:$PORT_WEB" E2E_SITE="$DIR/e2e-site.json" E2E_SHOTS="$SHOTS" \
    node --test --test-concurrency=1 --test-timeout=120000 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$LOGS/e2e.tap" \
    "${files[@]}"
rc=$?

passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$LOGS/e2e.tap" | tail -1)
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$LOGS/e2e.tap" | tail -1)
cancelled=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$LOGS/e2e.tap" | tail -1)
passed=${passed:-0}
failed=$((${failed:-0} + ${cancelled:-0}))
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then
    failed=1
fi

# The plugin logs nothing while the pages are shown.
plugin_lines=$(cat "$DIR/debug.log" "$DIR/web-php.log" 2>/dev/null |
    grep -E "($ROOT/php/|wp-content/plugins/dangjian/)" || true)
if [ -z "$plugin_lines" ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    say "the plugin logged while the pages were shown:"
    echo "$plugin_lines" | head -20 | sed 's/^/    /'
fi

say "screenshots in ${SHOTS#"$ROOT"/}: $(cd "$SHOTS" && ls -- *.png 2>/dev/null | tr '\n' ' ')"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

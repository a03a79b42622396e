#!/bin/bash
# tests/wp/run.sh - the plugin's tests against a real WordPress and MariaDB.
#
# Brings up the test site under .work/test-wp (MariaDB on 127.0.0.1:3317, the site on
# http://127.0.0.1:8091, with modules/dangjian.so loaded when it exists) through scripts/wp-env.sh,
# runs every tests/wp/test_*.php inside WordPress (scripts/wp-run.php) and counts their
# "ok" / "not ok" lines, checks that the plugin left nothing in the debug log and that the zh_CN
# translation is complete and current (scripts/wp-i18n.sh --check), prints
# "N passed, N failed", stops the site, and exits non-zero on any failure.
#
# The engine-dependent tests run twice when the extension is built: once with it
# (DJ_TEST_ENGINE=extension) and once without it (DJ_TEST_ENGINE=fallback, php/fallback/).
# test_http_*.php run once, against the web server (which loads the extension when it exists).
#
#   tests/wp/run.sh [test_name...]     e.g. tests/wp/run.sh test_stats
# Environment: DJ_TEST_WP_DIR, DJ_TEST_DB_PORT (3317), DJ_TEST_WEB_PORT (8091), DJ_TEST_KEEP=1 keeps
# the site running afterwards, DJ_TEST_NO_EXT=1 leaves the extension out even when it is built.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${DJ_TEST_WP_DIR:-$ROOT/.work/test-wp}
PORT_DB=${DJ_TEST_DB_PORT:-3317}
PORT_WEB=${DJ_TEST_WEB_PORT:-8091}
SO=$ROOT/modules/dangjian.so
ENV="$ROOT/scripts/wp-env.sh"
LOGS=$DIR/test-logs

cd "$ROOT"
if [ "${DJ_TEST_NO_EXT:-0}" = 1 ]; then
    echo "wp-tests: DJ_TEST_NO_EXT=1: testing the PHP fallback only" >&2
    SO=""
elif [ ! -f "$SO" ]; then
    echo "wp-tests: NOTE: $SO is not built (run make); testing the PHP fallback only" >&2
    SO=""
fi

if ! "$ENV" up "$DIR" "$PORT_DB" "$PORT_WEB" $SO; then
    echo "wp-tests: the test site did not come up"
    echo "0 passed, 1 failed"
    exit 1
fi
if [ "${DJ_TEST_KEEP:-0}" != 1 ]; then
    trap '"$ENV" down "$DIR" >/dev/null' EXIT
fi
rm -rf "$LOGS"
mkdir -p "$LOGS"
: >"$DIR/debug.log"
: >"$DIR/web-php.log"

passed=0
failed=0
failures=()

# run_one FILE MODE: runs a test script and adds up its lines.
run_one() {
    local file=$1 mode=$2 name out rc p f
    name=$(basename "$file" .php)
    out=$LOGS/$name.$mode.log
    local args=()
    if [ "$mode" = extension ] || { [ "$mode" = server ] && [ -n "$SO" ]; }; then
        args=(-d "extension=$SO")
    fi
    DJ_TEST_ENGINE=$mode php "${args[@]}" -d memory_limit=512M "$ROOT/scripts/wp-run.php" \
        "$DIR/wordpress" "$file" >"$out" 2>&1
    rc=$?
    p=$(grep -c '^ok - ' "$out")
    f=$(grep -c '^not ok - ' "$out")
    if ! grep -q '^# done$' "$out"; then
        f=$((f + 1))
        echo "not ok - $name ($mode) stopped before its end (exit $rc):" >>"$out"
    elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" = 0 ]; then
        echo "wp-tests: $name ($mode): $p passed"
    else
        echo "wp-tests: $name ($mode): $p passed, $f failed"
        grep '^not ok - ' "$out" | sed 's/^/    /'
        grep -v -e '^ok - ' -e '^not ok - ' -e '^# done$' "$out" | head -20 | sed 's/^/    | /'
        failures+=("$name ($mode)")
    fi
}

modes=(fallback)
[ -n "$SO" ] && modes=(extension fallback)

tests=()
if [ $# -gt 0 ]; then
    for t in "$@"; do tests+=("$ROOT/tests/wp/$(basename "$t" .php).php"); done
else
    for t in "$ROOT"/tests/wp/test_*.php; do tests+=("$t"); done
fi

for mode in "${modes[@]}"; do
    for t in "${tests[@]}"; do
        case "$(basename "$t")" in
        test_http_*) [ "$mode" = "${modes[0]}" ] && run_one "$t" server ;;
        *) run_one "$t" "$mode" ;;
        esac
    done
done

# The plugin logs nothing: no notice, warning or deprecation from its files (WordPress 6.1's own
# PHP 8.2 deprecations are not ours).
plugin_lines=$(cat "$DIR/debug.log" "$DIR/web-php.log" 2>/dev/null |
    grep -E "($ROOT/php/|wp-content/plugins/dangjian/)" || true)
if [ -z "$plugin_lines" ]; then
    passed=$((passed + 1))
    echo "wp-tests: debug log: nothing from the plugin"
else
    failed=$((failed + 1))
    echo "wp-tests: debug log: the plugin logged:"
    echo "$plugin_lines" | head -20 | sed 's/^/    /'
    failures+=("debug log")
fi

# The translation files: complete (no untranslated or fuzzy zh_CN entry) and made from the current source.
if i18n_out=$(sh "$ROOT/scripts/wp-i18n.sh" --check 2>&1); then
    passed=$((passed + 1))
    echo "wp-tests: translations: complete and up to date"
else
    failed=$((failed + 1))
    echo "wp-tests: translations:"
    echo "$i18n_out" | sed 's/^/    /'
    failures+=("translations")
fi

echo "$passed passed, $failed failed"
if [ "$failed" != 0 ]; then
    echo "wp-tests: failed: ${failures[*]} (logs in $LOGS)"
    exit 1
fi
exit 0

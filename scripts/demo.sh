#!/bin/bash
# demo.sh - `make demo`: the WordPress site with the plugin, the extension and the demo data.
#
# On a fresh Debian 12 machine, as root: installs what is missing (scripts/deps.sh for the build,
# scripts/wp-env.sh for MariaDB and WordPress), builds the extension with `make`, starts MariaDB on
# 127.0.0.1:3307 and the site on http://127.0.0.1:8080 with their data under .work/demo/, loads the
# demo data (php/demo/load-demo.php, when it exists), creates the pages the browser suite tests
# (tests/e2e/setup-site.php: a page with the [dangjian] shortcode, one with the dangjian/stats block,
# one with the widget in the sidebar, and the secretary's login), prints their addresses with the
# admin address, user and password, and waits. Ctrl-C stops what it started, by PID. Run again, it
# reuses what exists (the pages are found by their slugs and rewritten, not duplicated).
#
# Environment: DEMO_DB_PORT (3307), DEMO_WEB_PORT (8080), DEMO_DIR (.work/demo).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${DEMO_DIR:-$ROOT/.work/demo}
PORT_DB=${DEMO_DB_PORT:-3307}
PORT_WEB=${DEMO_WEB_PORT:-8080}
ENV="$ROOT/scripts/wp-env.sh"
SO=$ROOT/modules/dangjian.so

say() { echo "demo: $*"; }

cd "$ROOT"
mkdir -p "$DIR"

"$ENV" install
if sh scripts/deps.sh && make --no-print-directory -C "$ROOT"; then
    say "extension built: $SO"
else
    say "WARNING: building the extension failed; the site runs on the PHP fallback (php/fallback/)"
    SO=""
fi
[ -n "$SO" ] && [ ! -f "$SO" ] && SO=""

started=0
stop_all() {
    trap - INT TERM EXIT
    if [ "$started" = 1 ]; then
        echo
        "$ENV" down "$DIR" || true
    fi
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

started=1
"$ENV" up "$DIR" "$PORT_DB" "$PORT_WEB" $SO

if [ -f php/demo/load-demo.php ]; then
    say "loading the demo data (php/demo/load-demo.php)"
    "$ENV" run "$DIR" php/demo/load-demo.php
else
    say "no php/demo/load-demo.php yet: the site starts without demo data"
fi

URL="http://127.0.0.1:$PORT_WEB"
# The showcase pages, as the browser suite has them (tests/e2e/setup-site.php, idempotent).
PAGES=""
say "creating the showcase pages (tests/e2e/setup-site.php)"
if "$ENV" run "$DIR" tests/e2e/setup-site.php "$DIR/showcase-pages.json" >"$DIR/showcase-pages.log" 2>&1; then
    PAGES=$(php -r '
        $s = json_decode( (string) file_get_contents( $argv[1] ), true );
        $pw = is_readable( $s["secretary"]["password_file"] ) ? trim( file_get_contents( $s["secretary"]["password_file"] ) ) : "?";
        printf( "    shortcode: %s\n", $s["pages"]["shortcode"] );
        printf( "    block:     %s\n", $s["pages"]["block"] );
        printf( "    widget:    %s%s\n", $s["pages"]["widget"], $s["widget_id"] ? "  (the widget is in the sidebar)" : "  (no widget registered)" );
        printf( "    secretary: %s / %s  (%s)\n", $s["secretary"]["login"], $pw, $s["secretary"]["display_name"] );
    ' "$DIR/showcase-pages.json")
else
    say "WARNING: creating the showcase pages failed (see $DIR/showcase-pages.log):"
    sed 's/^/    /' "$DIR/showcase-pages.log" | tail -5
fi

cat <<EOF

  Dangjian demo is running.
    site:      $URL/
    admin:     $URL/wp-admin/admin.php?page=dangjian
    report:    $URL/wp-admin/admin.php?page=dangjian-report   (工作汇报: preview, .docx, print)
    rating:    $URL/wp-admin/admin.php?page=dangjian-rating   (星级创评: last year closed, this year's draft)
    user:      admin
    password:  $(cat "$DIR/admin-password")
    engine:    $([ -n "$SO" ] && echo "the dangjian extension ($SO)" || echo "the PHP fallback")
    data:      $DIR (MariaDB on 127.0.0.1:$PORT_DB)

  The public showcase (the pages the browser suite tests):
${PAGES:-    (not created)}

  Press Ctrl-C to stop.

EOF

# Wait until Ctrl-C (the traps stop both servers), or until a server dies on its own.
while "$ENV" status "$DIR" >/dev/null; do
    sleep 2 &
    wait $! || true
done
say "a server stopped on its own:"
"$ENV" status "$DIR" || true
exit 1

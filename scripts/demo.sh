#!/bin/bash
# demo.sh - `make demo`: the WordPress site with the plugin, the extension and the demo data.
#
# On a fresh Debian 12 machine, as root: installs what is missing (scripts/deps.sh for the build,
# scripts/wp-env.sh for MariaDB and WordPress), builds the extension with `make`, starts MariaDB on
# 127.0.0.1:3307 and the site on http://127.0.0.1:8080 with their data under .work/demo/, loads the
# demo data (php/demo/load-demo.php, when it exists), prints the admin address, user and password,
# and waits. Ctrl-C stops what it started, by PID. Run again, it reuses what exists.
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
cat <<EOF

  Dangjian demo is running.
    site:      $URL/
    admin:     $URL/wp-admin/admin.php?page=dangjian
    user:      admin
    password:  $(cat "$DIR/admin-password")
    engine:    $([ -n "$SO" ] && echo "the dangjian extension ($SO)" || echo "the PHP fallback")
    data:      $DIR (MariaDB on 127.0.0.1:$PORT_DB)

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

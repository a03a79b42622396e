#!/bin/bash
# bench/network.sh - the committee's network screen and the push, on a real multisite of
# NETWORK_SITES branch sites (default 1000), on loopback (issue 13).
#
#   bench/network.sh
#
# 1. scripts/wp-network.sh up: a subdirectory multisite on its own MariaDB and `php -S` (2 workers,
#    opcache on, modules/dangjian.so loaded when built), under NETWORK_DIR (.work/bench/network);
# 2. bench/network-sites.php: the sites /b1/ … /bN/, created through wp_insert_site() and each
#    filled with a generated branch (10-60 people, 20-120 activities); each site's write pushes its
#    row. Kept between runs: a second run only adds missing sites;
# 3. `Network_Push::rebuild()` of this year (the batched backfill; its time is printed; NETWORK_REBUILD=0
#    skips it when the table is known to be whole);
# 4. the screen's server time: logged in as the super admin, NETWORK_WARMUP requests, then
#    NETWORK_REQUESTS requests of the network screen (every branch in one table, totals,
#    rankings), curl's time_total (the whole page: the admin streams its output), median; the same for WordPress's own network dashboard
#    (/wp-admin/network/) as the floor of any network admin page;
# 5. the push: bench/network-push.php, NETWORK_PUSH_SITES sites × NETWORK_PUSH_WRITES writes through
#    Records::save, the median time Network_Push::on_data_changed() adds to a write;
# 6. stops what it started (wp-network.sh down) and prints, last:
#    network: N sites, screen median X ms, push median Y ms
# Goals: the screen ≤ 150 ms at 1,000 sites; the push ≤ 5 ms per write.
# Environment: NETWORK_SITES, NETWORK_DIR, NETWORK_DB_PORT (3364), NETWORK_WEB_PORT (8144),
# NETWORK_REQUESTS (50), NETWORK_WARMUP (10), NETWORK_PUSH_SITES (20), NETWORK_PUSH_WRITES (20), NETWORK_REBUILD (1),
# BENCH_SEED, DANGJIAN_SO.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${NETWORK_SITES:-1000}
DIR=${NETWORK_DIR:-$ROOT/.work/bench/network}
PORT_DB=${NETWORK_DB_PORT:-3364}
PORT_WEB=${NETWORK_WEB_PORT:-8144}
REQ=${NETWORK_REQUESTS:-50}
WARM=${NETWORK_WARMUP:-10}
SEED=${BENCH_SEED:-20240601}
SO=${DANGJIAN_SO:-$ROOT/modules/dangjian.so}
NET=$ROOT/scripts/wp-network.sh

say() { echo "network: $*" >&2; }
[ -f "$SO" ] || { say "no $SO: the plugin runs on php/fallback/"; SO=""; }

mkdir -p "$DIR"
trap '"$NET" down "$DIR" >/dev/null 2>&1 || true' EXIT
WP_NETWORK_PHP_ARGS="-d opcache.enable_cli=1 -d opcache.validate_timestamps=0 -d opcache.memory_consumption=128" \
    "$NET" up "$DIR" "$PORT_DB" "$PORT_WEB" $SO >"$DIR/up.log" 2>&1 || { tail -20 "$DIR/up.log" >&2; exit 1; }
URL=http://127.0.0.1:$PORT_WEB

say "sites: making sure $N branch sites exist and hold data (a first run takes minutes) ..."
t0=$(date +%s.%N)
"$NET" php "$DIR" -d memory_limit=1G "$ROOT/scripts/wp-run.php" "$DIR/wordpress" "$ROOT/bench/network-sites.php" "$N" "$SEED" >"$DIR/sites.out"
say "sites ready ($(cat "$DIR/sites.out" | awk '{print $1" created, "$2" filled"}')) in $(echo "$(date +%s.%N) - $t0" | bc | cut -c1-6) s"

cat >"$DIR/rebuild.php" <<'PHP'
<?php
$t0 = microtime( true );
$r  = Dangjian\Network_Push::rebuild( array( (int) wp_date( 'Y' ) ), 50 );
printf( "rebuild: %d sites, %d rows in %.1f s\n", $r['sites'], $r['rows'], microtime( true ) - $t0 );
PHP
if [ "${NETWORK_REBUILD:-1}" = 1 ]; then
    "$NET" php "$DIR" -d memory_limit=1G "$ROOT/scripts/wp-run.php" "$DIR/wordpress" "$DIR/rebuild.php" | sed 's/^/network: /' >&2
fi

# Log in as the super admin.
JAR=$DIR/cookies.txt
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\twordpress_test_cookie\tWP%%20Cookie%%20check\n' >"$JAR"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" -c "$JAR" \
    --data-urlencode "log=admin" --data-urlencode "pwd=$(cat "$DIR/admin-password")" \
    -d "testcookie=1" -d "redirect_to=$URL/wp-admin/network/" "$URL/wp-login.php")
[ "$code" = 302 ] || { say "login failed (HTTP $code)"; exit 1; }

SCREEN="$URL/wp-admin/network/admin.php?page=dangjian-network"
FLOOR="$URL/wp-admin/network/"
curl -s -b "$JAR" -o "$DIR/screen.html" "$SCREEN"
rows=$(grep -o '<tr data-site="' "$DIR/screen.html" | wc -l)
say "the screen lists $rows branches ($(wc -c <"$DIR/screen.html") bytes)"
[ "$rows" -ge "$N" ] || { say "the screen does not list every branch: see $DIR/screen.html"; exit 1; }

say "warm-up: $WARM requests of each page ..."
for _ in $(seq 1 "$WARM"); do
    curl -s -b "$JAR" -o /dev/null "$SCREEN"
    curl -s -b "$JAR" -o /dev/null "$FLOOR"
done
say "server time: $REQ requests of each page, interleaved ..."
: >"$DIR/screen.times"
: >"$DIR/floor.times"
for _ in $(seq 1 "$REQ"); do
    curl -s -b "$JAR" -o /dev/null -w '%{http_code} %{time_total}\n' "$SCREEN" >>"$DIR/screen.times"
    curl -s -b "$JAR" -o /dev/null -w '%{http_code} %{time_total}\n' "$FLOOR" >>"$DIR/floor.times"
done
median() { awk '$1 == 200 { print $2 * 1000 }' "$1" | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f\n", m }'; }
bad=$(awk '$1 != 200' "$DIR/screen.times" "$DIR/floor.times" | wc -l)
[ "$bad" = 0 ] || say "WARNING: $bad requests did not answer 200"
SCREEN_MS=$(median "$DIR/screen.times")
FLOOR_MS=$(median "$DIR/floor.times")
OWN_MS=$(for _ in 1 2 3 4 5; do curl -s -b "$JAR" "$SCREEN" | sed -n 's/.*<!-- dangjian-network: \([0-9.]*\) ms -->.*/\1/p'; done | sort -n | sed -n 3p)
say "screen median $SCREEN_MS ms (of which the network room's own work ${OWN_MS:-?} ms); WordPress's network dashboard median $FLOOR_MS ms (the floor of a network admin page)"

say "push: ${NETWORK_PUSH_SITES:-20} sites x ${NETWORK_PUSH_WRITES:-20} writes through Records::save ..."
"$NET" php "$DIR" -d memory_limit=1G "$ROOT/scripts/wp-run.php" "$DIR/wordpress" "$ROOT/bench/network-push.php" \
    "${NETWORK_PUSH_SITES:-20}" "${NETWORK_PUSH_WRITES:-20}" >"$DIR/push.out"
sed 's/^/network: /' "$DIR/push.out" >&2
PUSH_MS=$(sed -n 's/^push median \([0-9.]*\) ms.*/\1/p' "$DIR/push.out")

echo "network: $N sites, screen median $SCREEN_MS ms, push median $PUSH_MS ms"

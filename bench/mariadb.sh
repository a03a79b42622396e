#!/bin/bash
# bench/mariadb.sh - the benchmarks' WordPress site and MariaDB (scripts/wp-env.sh under .work/bench/site).
#
#   bench/mariadb.sh up          start (or reuse) MariaDB and the site (the plugin's tables, its indexes),
#                                then stop the site's php -S server (bench/web.sh serves with nginx);
#                                gives InnoDB a 1 GiB buffer pool (SET GLOBAL), so that the 1M tables fit
#   bench/mariadb.sh load DATA   fill the plugin's tables with bench/gen.php's TSV files in DATA (the same
#                                rows as DATA's snapshots) by LOAD DATA LOCAL INFILE, unless they already
#                                hold them; bumps the plugin's data version
#   bench/mariadb.sh down        stop what `up` started (by PID, through wp-env.sh down)
#
# Environment: BENCH_SITE (.work/bench/site), BENCH_DB_PORT (3471), BENCH_WEB_PORT (8471),
# DANGJIAN_SO (modules/dangjian.so).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SITE=${BENCH_SITE:-$ROOT/.work/bench/site}
DB_PORT=${BENCH_DB_PORT:-3471}
WEB_PORT=${BENCH_WEB_PORT:-8471}
EXT=${DANGJIAN_SO:-$ROOT/modules/dangjian.so}

sql() { mariadb --no-defaults --socket="$SITE/mysqld.sock" -uroot "$@"; }

cmd_up() {
    mkdir -p "$SITE"
    scripts/wp-env.sh up "$SITE" "$DB_PORT" "$WEB_PORT" "$EXT" >&2
    # the php -S server of wp-env.sh: not used by the benchmarks (its own process group, by PID)
    if [ -s "$SITE/web.pid" ]; then
        pid=$(cat "$SITE/web.pid")
        if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$SITE"; then
            kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        fi
        rm -f "$SITE/web.pid" "$SITE/web.conf"
    fi
    sql -e 'SET GLOBAL innodb_buffer_pool_size = 1073741824' || true
}

cmd_load() {
    local data=$1 key
    [ -f "$data/activities.tsv" ] || { echo "bench: no $data/activities.tsv (bench/gen.php writes it)" >&2; exit 1; }
    key=$(basename "$data")
    # the tables still hold them: the marker of the last load, and no fill of bench/rebuild.php since
    if [ "$(cat "$SITE/bench-data" 2>/dev/null)" = "$key" ] &&
        [ "$(sql -N wordpress -e "SELECT COUNT(*) FROM wp_dangjian_people WHERE notes LIKE 'bench-rebuild%'")" = 0 ]; then
        echo "bench: MariaDB already holds $key" >&2
        return 0
    fi
    echo "bench: loading $key into MariaDB ..." >&2
    rm -f "$SITE/bench-data"
    local t0=$SECONDS
    sql --local-infile=1 wordpress >/dev/null <<SQL
SET unique_checks = 0, foreign_key_checks = 0;
TRUNCATE TABLE wp_dangjian_people;
TRUNCATE TABLE wp_dangjian_activities;
TRUNCATE TABLE wp_dangjian_participants;
TRUNCATE TABLE wp_dangjian_headcount;
LOAD DATA LOCAL INFILE '$data/people.tsv' INTO TABLE wp_dangjian_people CHARACTER SET utf8mb4
  (id, name, is_staff, applied_on, activist_on, candidate_on, admitted_on, full_on, joined_on, left_on, left_reason);
LOAD DATA LOCAL INFILE '$data/headcount.tsv' INTO TABLE wp_dangjian_headcount CHARACTER SET utf8mb4 (point_date, staff_count);
LOAD DATA LOCAL INFILE '$data/activities.tsv' INTO TABLE wp_dangjian_activities CHARACTER SET utf8mb4
  (id, activity_date, category, kind, hours, fee_waived, donation, beneficiaries, venue_kind, venue);
LOAD DATA LOCAL INFILE '$data/participants.tsv' INTO TABLE wp_dangjian_participants CHARACTER SET utf8mb4
  (activity_id, person_id, hours);
ANALYZE TABLE wp_dangjian_people, wp_dangjian_activities, wp_dangjian_participants;
SQL
    # a new data version: the plugin's kept datasets and snapshots of the old rows go out of use
    local bump
    bump=$(mktemp /tmp/dj-bench-bump-XXXXXX.php)
    echo '<?php Dangjian\Data_Version::bump();' >"$bump"
    scripts/wp-env.sh run "$SITE" "$bump" >&2
    rm -f "$bump"
    echo "$key" >"$SITE/bench-data"
    echo "bench: loaded in $((SECONDS - t0)) s" >&2
}

cmd_down() {
    [ -d "$SITE" ] && scripts/wp-env.sh down "$SITE" >&2 || true
}

case "${1:-}" in
up) cmd_up ;;
load) [ $# -eq 2 ] || { echo "usage: bench/mariadb.sh load DATADIR" >&2; exit 2; }; cmd_load "$(cd "$2" && pwd)" ;;
down) cmd_down ;;
*) echo "usage: bench/mariadb.sh up | load DATADIR | down" >&2; exit 2 ;;
esac

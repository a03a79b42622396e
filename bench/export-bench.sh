#!/bin/bash
# bench/export-bench.sh - the export, backup and restore at the benchmark's scale (issue 11): by default
# 100,000 people and 1,000,000 activities (bench/gen.php's data, cached under .work/bench/data-<key>
# as bench/run.sh caches it), in a WordPress site and MariaDB of its own (bench/mariadb.sh with
# BENCH_SITE=.work/bench/scale, ports 3487 / 8487), each phase a process (bench/export-bench.php):
#
#   export-activities  every activity as CSV (goal: 1M in <= 30 s): the one-query read (Export_Query::rows)
#   export-activities-batches  the same through keyset batches (the path when mysqli is not in use)
#   export-people      every person as CSV
#   backup             the compressed backup (.json.gz)
#   check              the backup checked as a restore checks it (nothing written)
#   restore            the backup restored (every table replaced in one transaction)
#
# Prints one line a phase (seconds, the PHP process's CPU seconds and MariaDB's in the same time,
# PHP's peak memory, the process's peak RSS, rows, bytes, whole or not) and writes them as JSON to
# .work/bench/export-<key>.json. Timings are reported, never asserted; the run fails (exit 1) when a
# file is not whole or a restore does not give the rows back.
#
# Side by side with an earlier version of the plugin: BENCH_BEFORE=<commit> runs each phase first with
# that commit's php/ (git archive into .work/bench/export-before/<commit>, the site's plugin link
# pointed at it for that phase only, then back), then with the working tree's; BENCH_ROUNDS=n repeats
# the whole list n times (alternating, so both see the same load), and the export files of the two
# are compared byte for byte (the line says "same bytes" or "DIFFERENT").
#
#   bench/export-bench.sh                         # 100k people, 1M activities
#   BENCH_ACTIVITIES=20000 BENCH_PEOPLE=2000 bench/export-bench.sh   # seconds
#   BENCH_PHASES="export-activities" bench/export-bench.sh
#   BENCH_KEEP=1 bench/export-bench.sh            # leave the site and MariaDB running
#   BENCH_BEFORE=ca47a0d BENCH_ROUNDS=3 BENCH_PHASES=export-activities bench/export-bench.sh   # before / after
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
PEOPLE=${BENCH_PEOPLE:-100000}
ACTS=${BENCH_ACTIVITIES:-1000000}
SEED=${BENCH_SEED:-1}
PHASES=${BENCH_PHASES:-export-activities export-people backup check restore}
ROUNDS=${BENCH_ROUNDS:-1}
BEFORE=${BENCH_BEFORE:-}
export BENCH_SITE=${BENCH_SCALE_SITE:-$ROOT/.work/bench/scale}
export BENCH_DB_PORT=${BENCH_SCALE_DB_PORT:-3487}
export BENCH_WEB_PORT=${BENCH_SCALE_WEB_PORT:-8487}
SO=${DANGJIAN_SO:-$ROOT/modules/dangjian.so}
PHPX=(php)
[ -f "$SO" ] && PHPX=(php -d "extension=$SO")

KEY="p$PEOPLE-a$ACTS-s$SEED-$(cat bench/gen.php src/core/snapshot.c | cksum | cut -d' ' -f1)"
DATA=.work/bench/data-$KEY
WORK=$BENCH_SITE/export-work # one a site: two sites' runs keep their own files
OUT=.work/bench/export-$KEY.json
mkdir -p "$WORK"

if [ ! -f "$DATA/activities.tsv" ]; then
    echo "export-bench: generating $PEOPLE people, $ACTS activities (bench/gen.php) ..." >&2
    mkdir -p "$DATA"
    "${PHPX[@]}" -d memory_limit=-1 bench/gen.php "$DATA" "$PEOPLE" "$ACTS" "$SEED" >&2 || exit 1
fi
bench/mariadb.sh up || exit 1
if [ "${BENCH_KEEP:-0}" != 1 ]; then
    trap 'bench/mariadb.sh down' EXIT
fi
bench/mariadb.sh load "$ROOT/$DATA" || exit 1
# gen.php writes what the engine takes, not what the plugin's forms take: activities without a title
# and kinds and venue kinds outside the plugin's vocabulary (cleanup, hospital, ...). The plugin never
# writes those (the form and the import refuse them, and so does a restore, item 10): give the rows a
# title after their kind, as the import does, and the plugin's nearest words, so that the backup restores.
mariadb --no-defaults --socket="$BENCH_SITE/mysqld.sock" -uroot wordpress <<'SQL' || exit 1
UPDATE wp_dangjian_activities SET title = kind WHERE title = '';
UPDATE wp_dangjian_activities SET kind = 'volunteering' WHERE category = 'service'
  AND kind NOT IN ('counseling','group_counseling','lecture','crisis_aid','publicity','donation','volunteering');
UPDATE wp_dangjian_activities SET kind = 'work_meeting' WHERE category = 'meeting'
  AND kind NOT IN ('branch_assembly','committee','group_meeting','party_lesson','theme_day','life_meeting','work_meeting');
UPDATE wp_dangjian_activities SET venue_kind = 'other' WHERE venue_kind NOT IN
  ('','community','enterprise','school','barracks','government','family','disaster_area','public_space','online','other');
SQL

LINK=$BENCH_SITE/wordpress/wp-content/plugins/dangjian
VERSIONS=(now)
if [ -n "$BEFORE" ]; then
    BEFORE_DIR=$ROOT/.work/bench/export-before/$BEFORE
    if [ ! -f "$BEFORE_DIR/php/dangjian.php" ]; then
        mkdir -p "$BEFORE_DIR"
        git archive "$BEFORE" php | tar -x -C "$BEFORE_DIR" || exit 1
    fi
    VERSIONS=(before now)
    trap 'ln -sfn "$ROOT/php" "$LINK"; [ "${BENCH_KEEP:-0}" = 1 ] || bench/mariadb.sh down' EXIT
fi
db_cpu() { awk '{print $14 + $15}' "/proc/$(cat "$BENCH_SITE/mariadb.pid" 2>/dev/null)/stat" 2>/dev/null || echo 0; }

status=0
results=()
for round in $(seq 1 "$ROUNDS"); do
for phase in $PHASES; do
for version in "${VERSIONS[@]}"; do
    if [ "$version" = before ]; then ln -sfn "$BEFORE_DIR/php" "$LINK"; else ln -sfn "$ROOT/php" "$LINK"; fi
    cpu0=$(db_cpu)
    line=$(scripts/wp-env.sh run "$BENCH_SITE" bench/export-bench.php "$phase" "$WORK" 2>"$WORK/$phase.err")
    rc=$?
    cpu1=$(db_cpu)
    ln -sfn "$ROOT/php" "$LINK"
    if [ -z "$line" ]; then
        line="{\"phase\":\"$phase\",\"ok\":false,\"error\":$(head -c 400 "$WORK/$phase.err" | php -r 'echo json_encode(stream_get_contents(STDIN));')}"
    fi
    [ "$rc" = 0 ] || status=1
    same=""
    case "$phase" in export-*)
        if [ "$version" = before ]; then
            mv -f "$WORK/${phase#export-}.csv" "$WORK/before.csv" 2>/dev/null
        elif [ -n "$BEFORE" ]; then
            same=$(cmp -s "$WORK/before.csv" "$WORK/${phase#export-}.csv" && echo "same bytes" || echo "DIFFERENT")
            [ "$same" = "same bytes" ] || status=1
        fi ;;
    esac
    label=$phase
    [ -n "$BEFORE" ] && label="$phase ($version)"
    line=$(echo "$line" | LABEL="$label" DBCPU=$(( cpu1 - cpu0 )) ROUND="$round" SAME="$same" php -r '
        $r = json_decode( stream_get_contents( STDIN ), true );
        $r["label"] = getenv( "LABEL" );
        $r["round"] = (int) getenv( "ROUND" );
        $r["db_cpu"] = (int) getenv( "DBCPU" ) / 100;
        if ( "" !== getenv( "SAME" ) ) { $r["same_as_before"] = "same bytes" === getenv( "SAME" ); }
        echo json_encode( $r, JSON_UNESCAPED_SLASHES );')
    results+=("$line")
    echo "$line" | SAME="$same" php -r '
        $r = json_decode( stream_get_contents( STDIN ), true );
        printf( "%-34s %6.1f s  CPU PHP %5.1f s DB %5.1f s  PHP peak %5.0f MB  RSS peak %5.0f MB  %9s rows  %6.1f MB  %s%s\n",
            $r["label"], $r["seconds"] ?? 0, $r["cpu"] ?? 0, $r["db_cpu"] ?? 0, ( $r["peak_php"] ?? 0 ) / 1048576, ( $r["peak_rss"] ?? 0 ) / 1048576,
            number_format( $r["rows"] ?? ( $r["counts"]["activities"] ?? 0 ) ), ( $r["bytes"] ?? 0 ) / 1048576,
            ! empty( $r["ok"] ) ? "whole" : "NOT OK " . json_encode( $r["errors"] ?? $r["error"] ?? "" ),
            "" === getenv( "SAME" ) ? "" : ", " . getenv( "SAME" ) );'
done
done
done
( IFS=,; echo "[${results[*]}]" ) >"$OUT"
echo "export-bench: $PEOPLE people, $ACTS activities; results in $OUT (goal: 1M activities exported in <= 30 s)" >&2
rm -f "$WORK"/*.csv "$WORK"/*.err "$WORK"/backup.json.gz
exit $status

#!/bin/sh
# bench/run.sh - the benchmark of the engine, every number from one run, side by side.
#
#   bench/run.sh            three sizes: 10k, 100k and 1M activities (people a tenth of them,
#                           ~2 participations an activity); the extension, the twin, the C floor
#                           and MariaDB (GROUP BY queries over the plugin's tables, bench/sql.php);
#                           prints the report, writes docs/benchmarks.md and docs/benchmarks.svg
#   bench/run.sh --no-mariadb   the same without MariaDB (BENCH_MARIADB=0 likewise)
# The data cache key: people, activities, seed, and a checksum of bench/gen.php and
# src/core/snapshot.c (a new snapshot format makes new snapshots).
#   bench/run.sh --small    the smoke run (2,000 people, 20,000 activities): finishes in
#                           seconds, writes its report under .work/bench/ only, and exits
#                           non-zero if the extension and the twin disagree (no timing is
#                           ever asserted)
#
# Environment: BENCH_ACTIVITIES (the sizes, "10000 100000 1000000"), BENCH_PEOPLE (a tenth),
# BENCH_SEED (20240601), BENCH_REPS (11), BENCH_TWIN_REPS (= BENCH_REPS), BENCH_SQL_REPS (5),
# BENCH_MARIADB (1), DANGJIAN_SO (modules/dangjian.so), PHP (php), CC (cc); bench/mariadb.sh's.
# The extension must be built first (`make` does it; `make bench` calls this script).
#
# Steps: generate the data once per size and seed (bench/gen.php with the extension,
# cached under .work/bench/data-<key>/ as snapshots), build bench/floor.c against the
# core, then time the floor and the core (C), the extension (php CLI, in-process) and
# the pure-PHP twin (php CLI with its defaults, then again with opcache's tracing JIT)
# on the same snapshot, and let bench/report.php compare their answers and print the
# table.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)

SMALL=0
MARIADB=${BENCH_MARIADB:-1}
for arg in "$@"; do
    case "$arg" in
    --small) SMALL=1 ;;
    --no-mariadb) MARIADB=0 ;;
    --mariadb) MARIADB=1 ;;
    *)
        echo "usage: bench/run.sh [--small] [--no-mariadb | --mariadb]" >&2
        exit 2
        ;;
    esac
done

# The sizes: activities; people a tenth of them (participations ~2 an activity, from gen.php).
if [ "$SMALL" = 1 ]; then
    SIZES=${BENCH_ACTIVITIES:-20000}
    REPS=${BENCH_REPS:-3}
    [ -n "${BENCH_MARIADB:-}" ] || case " $* " in *" --mariadb "*) ;; *) MARIADB=0 ;; esac
else
    SIZES=${BENCH_ACTIVITIES:-"10000 100000 1000000"}
    REPS=${BENCH_REPS:-11}
fi
SEED=${BENCH_SEED:-20240601}
TWIN_REPS=${BENCH_TWIN_REPS:-$REPS}
SQL_REPS=${BENCH_SQL_REPS:-5}
PHP=${PHP:-php}
CC=${CC:-cc}
EXT=${DANGJIAN_SO:-$ROOT/modules/dangjian.so}
FROM=2024-01-01 # the timed query (also BENCH_QUERY in bench/bench.php, F and T in bench/sql.php)
TO=2024-12-31

die() {
    echo "bench: $*" >&2
    exit 1
}

[ -f "$EXT" ] || die "no extension at $EXT: build it first (make)"
[ -f php/fallback/load.php ] || die "no pure-PHP twin at php/fallback/load.php"
if $PHP -r 'exit(extension_loaded("dangjian") ? 0 : 1);'; then
    die "this php already loads the dangjian extension from its ini: the twin cannot be measured"
fi
PHPX="$PHP -d memory_limit=-1 -d extension=$EXT"
PHPT="$PHP -d memory_limit=-1"
PHPJ="$PHP -d memory_limit=-1 -d opcache.enable_cli=1 -d opcache.jit_buffer_size=64M -d opcache.jit=tracing"
mkdir -p .work/bench

echo "bench: building bench/floor.c against the core ..." >&2
# shellcheck disable=SC2046
$CC -std=c99 -O2 -g -Wall -Wextra -I src/core -o .work/bench/floor bench/floor.c src/core/*.c \
    $(pkg-config --cflags --libs jansson)

echo "bench: building bench/follow.c (a write, then the next fresh stats(); filtered vs not) ..." >&2
# shellcheck disable=SC2046
$CC -std=c99 -O2 -g -Wall -Wextra -I src/core -o .work/bench/follow bench/follow.c src/core/*.c \
    $(pkg-config --cflags --libs jansson) -lm

if [ "$MARIADB" = 1 ]; then
    echo "bench: MariaDB (bench/mariadb.sh up; stopped again at the end) ..." >&2
    trap 'bench/mariadb.sh down' EXIT
    bench/mariadb.sh up
fi

PAIRS=""
for ACTS in $SIZES; do
    if [ "$SMALL" = 1 ]; then
        PEOPLE=${BENCH_PEOPLE:-2000}
    else
        PEOPLE=${BENCH_PEOPLE:-$((ACTS / 10))}
    fi
    KEY="p$PEOPLE-a$ACTS-s$SEED-$(cat bench/gen.php src/core/snapshot.c | cksum | cut -d' ' -f1)"
    DATA=.work/bench/data-$KEY
    RES=.work/bench/result-$KEY
    echo "bench: ===== $PEOPLE people, $ACTS activities =====" >&2
    if [ ! -f "$DATA/full.snap" ] || [ ! -f "$DATA/meta.json" ]; then
        echo "bench: generating $PEOPLE people, $ACTS activities (seed $SEED) into $DATA ..." >&2
        rm -rf "$DATA"
        $PHPX bench/gen.php "$DATA" "$PEOPLE" "$ACTS" "$SEED" >&2
    else
        echo "bench: using the cached data in $DATA" >&2
    fi
    rm -rf "$RES"
    mkdir -p "$RES"
    cat /proc/loadavg >"$RES/loadavg.before" 2>/dev/null || echo "?" >"$RES/loadavg.before"

    echo "bench: the floor and the core (C) ..." >&2
    .work/bench/floor "$DATA/full.snap" "$DATA/people.snap" "$DATA/noparts.snap" "$FROM" "$TO" "$REPS" "$RES/floor.json"

    echo "bench: the extension (php CLI, in-process) ..." >&2
    $PHPX bench/bench.php measure "$DATA/full.snap" "$REPS" "$RES/ext.json" "$RES/ext.check.json"
    for part in people noparts full; do
        $PHPX bench/bench.php rss "$DATA/$part.snap" "$RES/rss_$part.json"
    done

    echo "bench: the pure-PHP twin (php CLI) ..." >&2
    $PHPT bench/bench.php measure "$DATA/full.snap" "$TWIN_REPS" "$RES/twin.json" "$RES/twin.check.json"
    echo "bench: the pure-PHP twin with opcache and the tracing JIT (for information) ..." >&2
    $PHPJ bench/bench.php measure "$DATA/full.snap" "$TWIN_REPS" "$RES/twin_jit.json" "$RES/twin_jit.check.json"

    echo "bench: the work report and the star rating of a year, beside one stats() call ..." >&2
    $PHPX bench/report-bench.php "$DATA/full.snap" 2025 "$REPS" "$RES/report.json" | tee "$RES/rooms.txt" >&2
    $PHPX bench/rating-bench.php "$DATA/full.snap" 2025 "$REPS" "$RES/rating.json" | tee -a "$RES/rooms.txt" >&2
    BENCH_EXTRA_MB=${BENCH_EXTRA_MB:-$([ "$SMALL" = 1 ] && echo 5 || echo 100)} DANGJIAN_SO="$EXT" $PHP bench/fromjson-bench.php "$DATA" "${BENCH_FROMJSON_REPS:-3}" "$RES/fromjson.json" >&2 # fromJson vs json_decode (issue 11 item 32)

    if [ "$MARIADB" = 1 ]; then
        bench/mariadb.sh load "$DATA"
        echo "bench: MariaDB, GROUP BY queries over the plugin's tables ..." >&2
        $PHP bench/sql.php "${BENCH_SITE:-$ROOT/.work/bench/site}/mysqld.sock" "$SQL_REPS" "$RES/sql.json" "$RES/ext.json"
    fi
    cat /proc/loadavg >"$RES/loadavg.after" 2>/dev/null || echo "?" >"$RES/loadavg.after"
    PAIRS="$PAIRS $RES:$DATA"
done

if [ "$SMALL" = 1 ]; then
    OUT=$RES/benchmarks.md
else
    OUT=docs/benchmarks.md
fi
# shellcheck disable=SC2086
$PHP bench/report.php "$OUT" $PAIRS
# The write path at the largest size: a write then the next fresh stats(), the per-day cache
# following the write (now) against rebuilt (before), and a filtered query (one project, one venue
# kind) beside the unfiltered one (bench/follow.c builds its own dataset through the C API).
LARGEST=$(for a in $SIZES; do echo "$a"; done | sort -n | tail -1)
FOLLOW_ROUNDS=${BENCH_FOLLOW_ROUNDS:-$([ "$SMALL" = 1 ] && echo 5 || echo 20)}
echo "bench: bench/follow.c at $LARGEST activities, $FOLLOW_ROUNDS rounds ..." >&2
.work/bench/follow "$LARGEST" "$FOLLOW_ROUNDS" >.work/bench/follow.txt
cat .work/bench/follow.txt >&2
# The CSV export of every activity at the largest size, in a WordPress site and MariaDB of its own
# (bench/export-bench.sh; the same generated rows). Not in the --small smoke run of `make test`, which
# starts no database.
if [ "$SMALL" != 1 ]; then
    echo "bench: the CSV export of every activity at $LARGEST activities (bench/export-bench.sh) ..." >&2
    BENCH_SEED=$SEED BENCH_ACTIVITIES=$LARGEST BENCH_PEOPLE=${BENCH_PEOPLE:-$((LARGEST / 10))} \
        BENCH_PHASES=export-activities bench/export-bench.sh >.work/bench/export.txt
    cat .work/bench/export.txt >&2
fi

# The rooms' own measures (bench/report-bench.php, bench/rating-bench.php), as they printed them.
{
    echo
    echo "## The work report and the star rating, beside one stats() call"
    echo
    echo "Printed by bench/report-bench.php and bench/rating-bench.php in this run (medians; the goals are"
    echo "at most 10 and 20 stats() calls' time):"
    for pair in $PAIRS; do
        echo
        echo '```'
        cat "${pair%%:*}/rooms.txt"
        echo '```'
    done
} >>"$OUT"
{
    echo
    echo "## A write, then the next fresh stats(); a filtered query"
    echo
    echo "Printed by bench/follow.c in this run ($LARGEST activities, $FOLLOW_ROUNDS rounds; CPU ms are"
    echo "steadier than wall ms on a shared machine; the goal is at most 10 ms from a write to fresh figures):"
    echo
    echo '```'
    cat .work/bench/follow.txt
    echo '```'
} >>"$OUT"
if [ "$SMALL" != 1 ]; then
    {
        echo
        echo "## The CSV export of every activity"
        echo
        echo "Printed by bench/export-bench.sh in this run ($LARGEST activities; the goal at 1M is at most 30 s):"
        echo
        echo '```'
        cat .work/bench/export.txt
        echo '```'
    } >>"$OUT"
fi
echo "bench: written to $OUT" >&2

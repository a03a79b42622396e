#!/bin/bash
# bench/web.sh - the public showcase page under nginx + php-fpm from Debian, on loopback, at 1M activities.
#
#   bench/web.sh        (root for the first run: installs nginx, php8.2-fpm and wrk when missing)
#
# 1. the data: bench/gen.php's 1M activities / 100k people (the same rows as `make bench`, cached under
#    .work/bench/data-*), loaded into the site's MariaDB by `bench/mariadb.sh up` + `load` (the plugin's tables);
# 2. two pages of the same theme (bench/web-pages.php): one with the [dangjian] shortcode, one plain;
# 3. php-fpm8.2 (pool of our own under .work/bench/web/: pm static, 2 children, -d extension=modules/dangjian.so,
#    opcache on) behind nginx (config of our own, 127.0.0.1:BENCH_WEB_PORT, the site's wordpress folder);
# 4. warm-up: WEB_WARMUP (40) requests of each page, 4 at a time, so that both workers hold the dataset
#    (the first request of a worker after a data change may rebuild from MariaDB or load the snapshot);
# 5. server time: WEB_REQUESTS (200) requests of each page, interleaved, curl -w %{time_starttransfer};
#    medians compared (goal: the showcase ≤ 10 ms more than the plain page);
# 6. wrk -t2 -c16 -d30s --latency on the showcase page (goal: 0 errors);
# 7. the admin's dashboard, every list and every form rendered inside the same site as its administrator
#    (bench/dashboard-bench.php, WEB_ADMIN_REPS rounds: goal ≤ 300 ms each, the dashboard ≤ 300 KB);
# 8. writes the section "## Web benchmark" of docs/benchmarks.md (bench/web-report.php), and stops
#    everything it started, by PID (nginx, php-fpm, then MariaDB through bench/mariadb.sh down).
# Environment: WEB_REQUESTS, WEB_WARMUP, WEB_ADMIN_REPS (5), WEB_WRK_SECONDS (30), WEB_WRK_CONNECTIONS (16), BENCH_SEED,
# BENCH_SITE, BENCH_DB_PORT, BENCH_WEB_PORT (8471), DANGJIAN_SO.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SITE=${BENCH_SITE:-$ROOT/.work/bench/site}
export BENCH_SITE=$SITE
PORT=${BENCH_WEB_PORT:-8471}
EXT=${DANGJIAN_SO:-$ROOT/modules/dangjian.so}
SEED=${BENCH_SEED:-20240601}
N=${WEB_REQUESTS:-200}
WARM=${WEB_WARMUP:-40}
WRK_S=${WEB_WRK_SECONDS:-30}
WRK_C=${WEB_WRK_CONNECTIONS:-16}
W=$ROOT/.work/bench/web
PHPFPM=/usr/sbin/php-fpm8.2
NGINX=/usr/sbin/nginx

say() { echo "web: $*" >&2; }
die() {
    echo "web: $*" >&2
    exit 1
}

# ------------------------------------------------------------------ packages
missing=""
for p in nginx php8.2-fpm wrk; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    [ "$(id -u)" = 0 ] || die "missing Debian packages:$missing (run as root, or apt-get install them)"
    say "installing$missing"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2
fi
[ -f "$EXT" ] || die "no extension at $EXT: build it first (make)"

# ------------------------------------------------------------------ the data
PEOPLE=100000
ACTS=1000000
KEY="p$PEOPLE-a$ACTS-s$SEED-$(cat bench/gen.php src/core/snapshot.c | cksum | cut -d' ' -f1)"
DATA=.work/bench/data-$KEY
if [ ! -f "$DATA/full.snap" ] || [ ! -f "$DATA/meta.json" ]; then
    say "generating $PEOPLE people, $ACTS activities into $DATA ..."
    rm -rf "$DATA"
    php -d memory_limit=-1 -d "extension=$EXT" bench/gen.php "$DATA" "$PEOPLE" "$ACTS" "$SEED" >&2
fi

NGINX_PID=""
FPM_PID=""
cleanup() {
    local pid
    for pid in $NGINX_PID $FPM_PID; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
            say "stopped pid $pid"
        fi
    done
    bench/mariadb.sh down || true
}
trap cleanup EXIT

bench/mariadb.sh up
bench/mariadb.sh load "$DATA"
read -r SHOW_ID PLAIN_ID < <(scripts/wp-env.sh run "$SITE" "$ROOT/bench/web-pages.php")
SHOW="http://127.0.0.1:$PORT/?page_id=$SHOW_ID"
PLAIN="http://127.0.0.1:$PORT/?page_id=$PLAIN_ID"

# ------------------------------------------------------------------ php-fpm + nginx
rm -rf "$W"
mkdir -p "$W/tmp"
cat >"$W/php-fpm.conf" <<CONF
; bench/web.sh: php-fpm of the web benchmark (not the system's)
[global]
pid = $W/php-fpm.pid
error_log = $W/php-fpm.log
daemonize = no

[bench]
user = $(id -un)
group = $(id -gn)
listen = $W/php-fpm.sock
; nginx's workers run as another user (www-data) when nginx starts as root
listen.mode = 0666
pm = static
pm.max_children = 2
catch_workers_output = yes
php_admin_value[error_log] = $W/php-errors.log
php_admin_flag[log_errors] = on
php_admin_flag[display_errors] = off
CONF
grep -v 'HTTP_HOST' /etc/nginx/fastcgi_params >"$W/fastcgi_params"
cat >"$W/nginx.conf" <<CONF
# bench/web.sh: nginx of the web benchmark (not the system's)
worker_processes 1;
daemon off;
pid $W/nginx.pid;
error_log $W/nginx-error.log;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $W/tmp/body;
    fastcgi_temp_path $W/tmp/fastcgi;
    proxy_temp_path $W/tmp/proxy;
    uwsgi_temp_path $W/tmp/uwsgi;
    scgi_temp_path $W/tmp/scgi;
    keepalive_requests 100000;
    server {
        listen 127.0.0.1:$PORT;
        root $SITE/wordpress;
        index index.php;
        location / { try_files \$uri \$uri/ /index.php?\$args; }
        location ~ \.php\$ {
            include $W/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
            # with the port, as the site's URLs have it (Debian's fastcgi_params pass \$host)
            fastcgi_param HTTP_HOST \$http_host;
            fastcgi_pass unix:$W/php-fpm.sock;
        }
    }
}
CONF

(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "port $PORT is taken by another program"
FPM_ARGS=(-d "extension=$EXT" -d opcache.enable=1 -d opcache.validate_timestamps=0 -d opcache.memory_consumption=128)
[ "$(id -u)" = 0 ] && FPM_ARGS+=(-R)
setsid "$PHPFPM" --nodaemonize -y "$W/php-fpm.conf" "${FPM_ARGS[@]}" </dev/null >>"$W/php-fpm.out" 2>&1 &
FPM_PID=$!
setsid "$NGINX" -p "$W" -c "$W/nginx.conf" -e "$W/nginx-error.log" </dev/null >>"$W/nginx.out" 2>&1 &
NGINX_PID=$!
code=000
for _ in $(seq 1 100); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/wp-login.php" || true)
    [ "$code" = 200 ] && break
    sleep 0.1
done
[ "$code" = 200 ] || die "nginx + php-fpm answer $code; see $W/*.log"
say "php-fpm (pid $FPM_PID, 2 static children) and nginx (pid $NGINX_PID) on 127.0.0.1:$PORT"
# the pages' own addresses (WordPress redirects ?page_id=N to the permalink)
SHOW=$(curl -s -o /dev/null -L -w '%{url_effective}' "$SHOW")
PLAIN=$(curl -s -o /dev/null -L -w '%{url_effective}' "$PLAIN")
say "pages: $SHOW (showcase), $PLAIN (plain)"
"$PHPFPM" -y "$W/php-fpm.conf" "${FPM_ARGS[@]}" -i 2>/dev/null | grep -E '^(opcache.enable|dangjian support|Opcode Caching) ' >&2 || true

# ------------------------------------------------------------------ warm-up
say "warm-up: $WARM requests of each page, 4 at a time (the first ones build or load the dataset) ..."
t0=$(date +%s.%N)
first=$(curl -s -o "$W/showcase.html" -w '%{http_code} %{time_total}' "$SHOW")
say "first showcase request: HTTP ${first% *}, ${first#* } s"
seq 1 "$WARM" | xargs -P 4 -I{} curl -s -o /dev/null "$SHOW"
seq 1 "$WARM" | xargs -P 4 -I{} curl -s -o /dev/null "$PLAIN"
WARM_S=$(echo "$(date +%s.%N) - $t0" | bc)
curl -s -o "$W/showcase.html" "$SHOW"
curl -s -o "$W/plain.html" "$PLAIN"
grep -q 'class="dangjian-figure' "$W/showcase.html" || die "the showcase page does not hold the plugin's output: see $W/showcase.html"
grep -q 'class="dangjian-figure' "$W/plain.html" && die "the plain page holds the plugin's showcase"

# ------------------------------------------------------------------ server time, interleaved
say "server time: $N requests of each page, interleaved ..."
: >"$W/show.times"
: >"$W/plain.times"
for _ in $(seq 1 "$N"); do
    curl -s -o /dev/null -w '%{http_code} %{time_starttransfer}\n' "$SHOW" >>"$W/show.times"
    curl -s -o /dev/null -w '%{http_code} %{time_starttransfer}\n' "$PLAIN" >>"$W/plain.times"
done

# ------------------------------------------------------------------ wrk
say "wrk: ${WRK_S}s, $WRK_C connections, 2 threads, on the showcase page ..."
wrk -t2 -c"$WRK_C" -d"${WRK_S}s" --latency "$SHOW" >"$W/wrk.txt"
cat "$W/wrk.txt" >&2

# ------------------------------------------------------------------ the admin's screens, same site and data
say "the admin's dashboard, every list and form (bench/dashboard-bench.php, ${WEB_ADMIN_REPS:-5} rounds) ..."
scripts/wp-env.sh run "$SITE" "$ROOT/bench/dashboard-bench.php" "${WEB_ADMIN_REPS:-5}" "$W/admin.json" >"$W/admin.txt"
tail -3 "$W/admin.txt" >&2

php bench/web-report.php "$W" docs/benchmarks.md "$SHOW_ID" "$PLAIN_ID" "$WARM" "$WARM_S" "$first" "$WRK_S" "$WRK_C" "$(basename "$DATA")"

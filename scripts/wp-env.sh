#!/bin/bash
# wp-env.sh - a private WordPress + MariaDB on loopback, for the demo and the tests.
#
#   scripts/wp-env.sh install                       install the missing Debian packages (root)
#   scripts/wp-env.sh up DIR PORT_DB PORT_WEB [SO]  start (or reuse) the site under DIR
#   scripts/wp-env.sh down DIR                      stop what `up` started, by PID
#   scripts/wp-env.sh status DIR                    say what runs; exit 0 when both run
#   scripts/wp-env.sh php DIR ARGS...               run php with the server's -d flags
#   scripts/wp-env.sh run DIR FILE [ARGS...]        run FILE inside the site (scripts/wp-run.php)
#
# `up` keeps everything under DIR:
#   DIR/db/                MariaDB's datadir (mariadb-install-db, once)
#   DIR/mysqld.sock        its socket; DIR/mariadb.pid, DIR/mariadb.log
#   DIR/wordpress/         a copy of Debian's /usr/share/wordpress (cp -a, once) with an ordinary
#                          wp-config.php, a must-use plugin that keeps mail and HTTP on the machine,
#                          and wp-content/plugins/dangjian -> the repository's php/ folder
#   DIR/web.pid, web.log   `php -S 127.0.0.1:PORT_WEB` (with DIR/router.php)
#   DIR/admin-password     the password of the user `admin`, generated once
#   DIR/debug.log          WP_DEBUG_LOG
#   DIR/env                the settings of the last `up` (ports, extension, URL)
# The site is installed in Chinese (zh_CN, Asia/Shanghai) and the plugin activated. SO, when given and
# present, is loaded into the web server with `-d extension=SO` (and into `wp-env.sh php`); without it
# the plugin runs on php/fallback/. Run `up` again: it reuses what exists and starts only what is not
# running. Processes are started in their own session and stopped by their PID (and process group,
# for php -S workers), never by name.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# DJ_WP_SRC: another WordPress tree to copy (scripts/wp-builds.sh makes 6.5.5); Debian's by default.
WP_SRC=${DJ_WP_SRC:-/usr/share/wordpress}
PACKAGES="mariadb-server mariadb-client wordpress wordpress-l10n wordpress-theme-twentytwentyone
wordpress-theme-twentytwentythree php8.2-cli php8.2-mysql php8.2-mbstring php8.2-xml php8.2-intl
php8.2-curl php8.2-gd gettext curl"
DB_NAME=wordpress
DB_USER=wordpress
DB_PASS=wordpress

say() { echo "wp-env: $*"; }
die() {
    echo "wp-env: $*" >&2
    exit 1
}

cmd_install() {
    local missing="" p
    for p in $PACKAGES; do
        if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed'; then
            missing="$missing $p"
        fi
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" != 0 ]; then
        die "missing Debian packages:$missing (run as root, or apt-get install them)"
    fi
    say "installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing
}

# alive PIDFILE: the process named in PIDFILE runs and is ours (its command line names $DIR).
alive() {
    local pid
    [ -f "$1" ] || return 1
    pid=$(cat "$1" 2>/dev/null) || return 1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$DIR"
}

# stop PIDFILE NAME: TERM the process (and its process group when it leads one), wait, then KILL.
stop() {
    local pid i target
    if ! alive "$1"; then
        rm -f "$1"
        return 0
    fi
    pid=$(cat "$1")
    target=$pid
    if [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ]; then
        target=-$pid
    fi
    kill -TERM -- "$target" 2>/dev/null || true
    for i in $(seq 1 300); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "$2 (pid $pid) did not stop; killing it"
        kill -KILL -- "$target" 2>/dev/null || true
    fi
    rm -f "$1"
    say "$2 stopped (pid $pid)"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

php_args() {
    PHP_ARGS=()
    if [ -n "${EXT:-}" ]; then
        PHP_ARGS+=(-d "extension=$EXT")
    fi
}

sql() { mariadb --no-defaults --socket="$DIR/mysqld.sock" -uroot "$@"; }

start_db() {
    if alive "$DIR/mariadb.pid"; then
        if [ "$(cat "$DIR/db.port" 2>/dev/null)" = "$PORT_DB" ]; then
            say "MariaDB already running (pid $(cat "$DIR/mariadb.pid"), port $PORT_DB)"
            return 0
        fi
        stop "$DIR/mariadb.pid" MariaDB
    fi
    if [ ! -d "$DIR/db/mysql" ]; then
        say "creating the MariaDB datadir $DIR/db"
        rm -rf "$DIR/db"
        mariadb-install-db --no-defaults --datadir="$DIR/db" --user=root \
            --auth-root-authentication-method=normal --skip-test-db >"$DIR/mariadb-install.log" 2>&1 ||
            die "mariadb-install-db failed; see $DIR/mariadb-install.log"
    fi
    port_busy "$PORT_DB" && die "port $PORT_DB is taken by another program"
    setsid sh -c 'echo $$ >"$0"; exec "$@"' "$DIR/mariadb.pid" \
        mariadbd --no-defaults --user=root --datadir="$DIR/db" --socket="$DIR/mysqld.sock" \
        --port="$PORT_DB" --bind-address=127.0.0.1 --pid-file="$DIR/db/mariadbd.pid" \
        --log-error="$DIR/mariadb.log" --character-set-server=utf8mb4 \
        --collation-server=utf8mb4_unicode_ci </dev/null >/dev/null 2>&1 &
    local i
    for i in $(seq 1 600); do
        [ -s "$DIR/mariadb.pid" ] && break
        sleep 0.1
    done
    for i in $(seq 1 600); do
        if mariadb-admin --no-defaults --socket="$DIR/mysqld.sock" -uroot ping >/dev/null 2>&1; then
            break
        fi
        alive "$DIR/mariadb.pid" || {
            tail -20 "$DIR/mariadb.log" >&2 || true
            die "MariaDB did not start; see $DIR/mariadb.log"
        }
        sleep 0.1
    done
    mariadb-admin --no-defaults --socket="$DIR/mysqld.sock" -uroot ping >/dev/null 2>&1 ||
        die "MariaDB does not answer after 60 s; see $DIR/mariadb.log"
    echo "$PORT_DB" >"$DIR/db.port"
    say "MariaDB started (pid $(cat "$DIR/mariadb.pid"), 127.0.0.1:$PORT_DB)"
}

setup_db() {
    sql <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASS';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';
SQL
}

# A random secret: letters and digits only.
secret() { head -c 256 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c "$1"; }

setup_wordpress() {
    local wp=$DIR/wordpress
    if [ ! -f "$wp/wp-settings.php" ]; then
        say "copying $WP_SRC to $wp"
        rm -rf "$wp.tmp"
        cp -a "$WP_SRC" "$wp.tmp"
        mv "$wp.tmp" "$wp"
    fi
    [ -f "$DIR/admin-password" ] || (umask 077 && secret 20 >"$DIR/admin-password")
    if [ ! -f "$DIR/wp-salts.php" ]; then
        {
            echo '<?php'
            for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT \
                LOGGED_IN_SALT NONCE_SALT; do
                echo "define( '$k', '$(secret 64)' );"
            done
        } >"$DIR/wp-salts.php"
    fi

    # Debian's wp-config.php looks up /etc/wordpress/config-<host>.php and forces WP_CONTENT_DIR to
    # /var/lib/wordpress/wp-content: replace it with an ordinary one (rewritten on every `up`, so the
    # ports follow the arguments).
    rm -f "$wp/wp-config.php"
    cat >"$wp/wp-config.php" <<PHP
<?php
// Written by scripts/wp-env.sh; rewritten on every \`up\`.
define( 'DB_NAME', '$DB_NAME' );
define( 'DB_USER', '$DB_USER' );
define( 'DB_PASSWORD', '$DB_PASS' );
define( 'DB_HOST', '127.0.0.1:$PORT_DB' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
require __DIR__ . '/../wp-salts.php';
\$table_prefix = 'wp_';

define( 'WP_HOME', 'http://127.0.0.1:$PORT_WEB' );
define( 'WP_SITEURL', 'http://127.0.0.1:$PORT_WEB' );
define( 'WP_CONTENT_DIR', __DIR__ . '/wp-content' );
define( 'WP_DEFAULT_THEME', 'twentytwentyone' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '$DIR/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'DISALLOW_FILE_MODS', true );
define( 'WP_ENVIRONMENT_TYPE', 'local' );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP

    mkdir -p "$wp/wp-content/mu-plugins" "$wp/wp-content/uploads" "$wp/wp-content/languages"
    cp "$ROOT/scripts/wp-env-mu-plugin.php" "$wp/wp-content/mu-plugins/dangjian-env.php"
    # Debian ships the translations inside the tree; a copy from elsewhere may lack them.
    local lang
    for lang in /usr/share/wordpress/wp-content/languages /var/lib/wordpress/wp-content/languages; do
        if [ -f "$lang/zh_CN.mo" ] && [ ! -f "$wp/wp-content/languages/zh_CN.mo" ]; then
            cp -a "$lang"/. "$wp/wp-content/languages/"
        fi
    done
    [ -f "$wp/wp-content/languages/zh_CN.mo" ] || die "no zh_CN translation of WordPress (wordpress-l10n)"
    ln -sfn "$ROOT/php" "$wp/wp-content/plugins/dangjian"

    php_args
    php "${PHP_ARGS[@]}" "$ROOT/scripts/wp-install.php" install "$wp" "$DIR/admin-password" ||
        die "installing WordPress failed"
    php "${PHP_ARGS[@]}" "$ROOT/scripts/wp-install.php" activate "$wp" ||
        die "activating the plugin failed"
}

start_web() {
    local want="$PORT_WEB ${EXT:-none}"
    if alive "$DIR/web.pid"; then
        if [ "$(cat "$DIR/web.conf" 2>/dev/null)" = "$want" ]; then
            say "web server already running (pid $(cat "$DIR/web.pid"), port $PORT_WEB)"
            return 0
        fi
        stop "$DIR/web.pid" "web server"
    fi
    port_busy "$PORT_WEB" && die "port $PORT_WEB is taken by another program"
    php_args
    PHP_CLI_SERVER_WORKERS=${WP_ENV_WORKERS:-2} setsid sh -c 'echo $$ >"$0"; exec "$@"' "$DIR/web.pid" \
        php "${PHP_ARGS[@]}" -d display_errors=0 -d log_errors=1 -d "error_log=$DIR/web-php.log" \
        -S "127.0.0.1:$PORT_WEB" -t "$DIR/wordpress" "$ROOT/scripts/wp-router.php" \
        </dev/null >>"$DIR/web.log" 2>&1 &
    local i code=000
    for i in $(seq 1 300); do
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT_WEB/wp-login.php" || true)
        [ "$code" = 200 ] && break
        if [ -s "$DIR/web.pid" ] && ! alive "$DIR/web.pid"; then
            tail -20 "$DIR/web.log" >&2 || true
            die "the web server did not start; see $DIR/web.log"
        fi
        sleep 0.1
    done
    [ "$code" = 200 ] || die "http://127.0.0.1:$PORT_WEB/wp-login.php answers $code; see $DIR/web.log"
    echo "$want" >"$DIR/web.conf"
    say "web server started (pid $(cat "$DIR/web.pid"), http://127.0.0.1:$PORT_WEB/)"
}

cmd_up() {
    [ $# -ge 3 ] || die "usage: wp-env.sh up DIR PORT_DB PORT_WEB [EXTENSION.so]"
    mkdir -p "$1"
    DIR=$(cd "$1" && pwd)
    PORT_DB=$2
    PORT_WEB=$3
    EXT=""
    if [ -n "${4:-}" ]; then
        if [ -f "$4" ]; then
            EXT=$(cd "$(dirname "$4")" && pwd)/$(basename "$4")
        else
            say "no $4: the plugin will use php/fallback/"
        fi
    fi
    cmd_install
    start_db
    setup_db
    setup_wordpress
    start_web
    cat >"$DIR/env" <<ENV
PORT_DB=$PORT_DB
PORT_WEB=$PORT_WEB
EXT=$EXT
URL=http://127.0.0.1:$PORT_WEB
WP_DIR=$DIR/wordpress
ENV
}

load_env() {
    [ $# -ge 1 ] || die "usage: wp-env.sh $CMD DIR"
    [ -d "$1" ] || die "no such directory: $1"
    DIR=$(cd "$1" && pwd)
    EXT=""
    if [ -f "$DIR/env" ]; then
        EXT=$(sed -n 's/^EXT=//p' "$DIR/env")
    fi
}

cmd_down() {
    load_env "$@"
    stop "$DIR/web.pid" "web server"
    stop "$DIR/mariadb.pid" MariaDB
}

cmd_status() {
    load_env "$@"
    local rc=0
    if alive "$DIR/mariadb.pid"; then say "MariaDB running (pid $(cat "$DIR/mariadb.pid"))"; else
        say "MariaDB not running"
        rc=1
    fi
    if alive "$DIR/web.pid"; then say "web server running (pid $(cat "$DIR/web.pid"))"; else
        say "web server not running"
        rc=1
    fi
    return $rc
}

cmd_php() {
    load_env "$@"
    shift
    php_args
    exec php "${PHP_ARGS[@]}" "$@"
}

cmd_run() {
    load_env "$@"
    shift
    [ $# -ge 1 ] || die "usage: wp-env.sh run DIR FILE [ARGS...]"
    php_args
    exec php "${PHP_ARGS[@]}" "$ROOT/scripts/wp-run.php" "$DIR/wordpress" "$@"
}

CMD=${1:-}
[ $# -gt 0 ] && shift
case "$CMD" in
install) cmd_install ;;
up) cmd_up "$@" ;;
down) cmd_down "$@" ;;
status) cmd_status "$@" ;;
php) cmd_php "$@" ;;
run) cmd_run "$@" ;;
*) die "usage: wp-env.sh install | up DIR PORT_DB PORT_WEB [EXTENSION.so] | down DIR | status DIR | php DIR ARGS... | run DIR FILE [ARGS...]" ;;
esac

#!/bin/bash
# wp-network.sh - a private WordPress multisite network (subdirectory install) on MariaDB, for the
# network room's tests and benchmark (issue 13).
#
#   scripts/wp-network.sh up DIR PORT_DB PORT_WEB [SO]   start (or reuse) the network under DIR
#   scripts/wp-network.sh down DIR                       stop what `up` started, by PID
#   scripts/wp-network.sh status DIR                     exit 0 when MariaDB and the web server run
#   scripts/wp-network.sh run DIR FILE [ARGS...]         run FILE inside the main site of the network
#
# `up`:
#  1. scripts/wp-env.sh up DIR PORT_DB PORT_WEB [SO]: the ordinary single site (MariaDB, the copy of
#     WordPress, the plugin activated); wp-env.sh writes a single-site wp-config.php on every `up`;
#  2. the first time, converts it with WordPress's own install_network() + populate_network()
#     (subdirectory install, the network on 127.0.0.1:PORT_WEB) and makes `admin` a super admin;
#  3. rewrites wp-config.php for the network: the MULTISITE constants (SUBDOMAIN_INSTALL false,
#     DOMAIN_CURRENT_SITE 127.0.0.1:PORT_WEB, ...), without WP_HOME / WP_SITEURL (they would give every
#     site the main site's address), and, for command-line runs whose HTTP_HOST has no port, the port;
#     when the port changed since the last run, the network's and its sites' domains follow it;
#  4. network-activates the plugin (and removes the per-site activation wp-env.sh made on site 1);
#  5. replaces wp-env.sh's web server by one with a router that knows subdirectory sites
#     (/branch-7/wp-admin/... is /wp-admin/... of site branch-7, as WordPress's .htaccess rules say),
#     keeping DIR/web.pid and DIR/web.conf, so `wp-env.sh down|status DIR` still stop and see it.
# Everything stays under DIR (see scripts/wp-env.sh); processes are stopped by PID, never by name.
# WP_NETWORK_PHP_ARGS adds flags to the web server's php (bench/network.sh turns opcache on).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENV=$ROOT/scripts/wp-env.sh

say() { echo "wp-network: $*"; }
die() {
    echo "wp-network: $*" >&2
    exit 1
}

alive() {
    local pid
    [ -f "$1" ] || return 1
    pid=$(cat "$1" 2>/dev/null) || return 1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$DIR"
}

stop_web() {
    local pid target
    alive "$DIR/web.pid" || {
        rm -f "$DIR/web.pid"
        return 0
    }
    pid=$(cat "$DIR/web.pid")
    target=$pid
    [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ] && target=-$pid
    kill -TERM -- "$target" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL -- "$target" 2>/dev/null || true
    rm -f "$DIR/web.pid"
}

write_router() {
    cat >"$DIR/network-router.php" <<'PHP'
<?php
// Written by scripts/wp-network.sh: php -S router of a subdirectory multisite. A path that exists is
// served as it is; /SITE/wp-(admin|includes|content)/... and /SITE/x.php are the main tree's files
// (WordPress's .htaccess rules for subdirectory networks); anything else goes to index.php.
$root = $_SERVER['DOCUMENT_ROOT'];
$path = rawurldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
if ( '/' === $path || ( is_file( $root . $path ) ) ) {
	return false;
}
$file = null;
if ( preg_match( '#^/[_0-9a-zA-Z-]+(/wp-(?:content|admin|includes)(?:/.*)?)$#', $path, $m ) || preg_match( '#^/[_0-9a-zA-Z-]+(/[^/]+\.php)$#', $path, $m ) ) {
	$file = $m[1];
	if ( is_dir( $root . $file ) ) {
		$file = rtrim( $file, '/' ) . '/index.php';
	}
	if ( ! is_file( $root . $file ) ) {
		$file = null;
	}
}
if ( null === $file && is_dir( $root . $path ) && is_file( $root . rtrim( $path, '/' ) . '/index.php' ) ) {
	$file = rtrim( $path, '/' ) . '/index.php';
}
if ( null !== $file && ! str_ends_with( $file, '.php' ) ) {
	$types = array( 'css' => 'text/css', 'js' => 'application/javascript', 'png' => 'image/png', 'svg' => 'image/svg+xml', 'gif' => 'image/gif', 'jpg' => 'image/jpeg', 'woff' => 'font/woff', 'woff2' => 'font/woff2' );
	header( 'Content-Type: ' . ( $types[ strtolower( pathinfo( $file, PATHINFO_EXTENSION ) ) ] ?? 'application/octet-stream' ) );
	readfile( $root . $file );
	return true;
}
if ( null === $file ) {
	$file = '/index.php';
}
$_SERVER['SCRIPT_NAME']     = $file;
$_SERVER['PHP_SELF']        = $file;
$_SERVER['SCRIPT_FILENAME'] = $root . $file;
chdir( dirname( $root . $file ) );
require $root . $file;
PHP
}

# A must-use plugin of the test network: WordPress strips the ':' of a domain when it creates a site
# (sanitize_user), which breaks a network on 127.0.0.1:PORT; give new sites the network's domain back.
write_mu_plugin() {
    cat >"$DIR/wordpress/wp-content/mu-plugins/dangjian-network-env.php" <<'PHP'
<?php
/**
 * Plugin Name: Dangjian test network
 * Description: Written by scripts/wp-network.sh into its private networks only: sites created on a
 *              network served on 127.0.0.1:PORT keep the port in their domain.
 */
add_filter(
	'wp_normalize_site_data',
	static function ( $data ) {
		if ( defined( 'DOMAIN_CURRENT_SITE' ) && isset( $data['domain'] ) && str_replace( ':', '', DOMAIN_CURRENT_SITE ) === $data['domain'] ) {
			$data['domain'] = DOMAIN_CURRENT_SITE;
		}
		return $data;
	},
	11
);
PHP
}

write_convert() {
    cat >"$DIR/network-convert.php" <<'PHP'
<?php
// Written by scripts/wp-network.sh. Run with the single-site wp-config.php:
//   php network-convert.php WP_DIR HOST     converts the site into a subdirectory network (once).
$_SERVER['HTTP_HOST']   = $argv[2];
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require rtrim( $argv[1], '/' ) . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/network.php';
global $wpdb;
if ( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->base_prefix . 'blogs' ) ) ) && $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->base_prefix}blogs" ) ) {
	echo "wp-network: already a network\n";
	exit( 0 );
}
$admin = get_user_by( 'login', 'admin' );
if ( ! $admin ) {
	fwrite( STDERR, "wp-network: no user admin\n" );
	exit( 1 );
}
wp_set_current_user( $admin->ID );
// A single site's $wpdb knows no network tables yet (as WP-CLI's multisite-convert does).
foreach ( $wpdb->tables( 'ms_global' ) as $dangjian_table => $dangjian_prefixed ) {
	$wpdb->$dangjian_table = $dangjian_prefixed;
}
install_network();
$result = populate_network( 1, $argv[2], $admin->user_email, '两新党组织网络', '/', false );
if ( is_wp_error( $result ) ) {
	fwrite( STDERR, 'wp-network: ' . $result->get_error_message() . "\n" );
	exit( 1 );
}
echo "wp-network: converted into a subdirectory network on {$argv[2]}\n";
exit( 0 );
PHP
    cat >"$DIR/network-finish.php" <<'PHP'
<?php
// Written by scripts/wp-network.sh. Run with the network's wp-config.php (through wp-network.sh run):
// follows a changed port, makes admin a super admin, network-activates the plugin.
global $wpdb;
$host = $argv[1];
$old  = (string) $wpdb->get_var( "SELECT domain FROM {$wpdb->site} WHERE id = 1" );
$odd  = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->blogs} WHERE domain <> %s", $host ) );
if ( $old !== $host || $odd ) {
	$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->site} SET domain = %s", $host ) );
	$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->blogs} SET domain = %s", $host ) );
	foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $id ) {
		switch_to_blog( (int) $id );
		$url = 'http://' . $host . get_site( (int) $id )->path;
		$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->options} SET option_value = %s WHERE option_name IN ('home','siteurl')", untrailingslashit( $url ) ) );
		restore_current_blog();
	}
	wp_cache_flush();
	echo "wp-network: domain $old -> $host\n";
}
$admin = get_user_by( 'login', 'admin' );
if ( $admin && ! is_super_admin( $admin->ID ) ) {
	grant_super_admin( $admin->ID );
}
$plugin = 'dangjian/dangjian.php';
$active = (array) get_option( 'active_plugins', array() );
if ( in_array( $plugin, $active, true ) ) {
	update_option( 'active_plugins', array_values( array_diff( $active, array( $plugin ) ) ) );
}
if ( ! is_plugin_active_for_network( $plugin ) ) {
	wp_set_current_user( $admin ? $admin->ID : 0 );
	$result = activate_plugin( $plugin, '', true );
	if ( is_wp_error( $result ) ) {
		fwrite( STDERR, 'wp-network: ' . $result->get_error_message() . "\n" );
		exit( 1 );
	}
	echo "wp-network: plugin dangjian network-activated\n";
}
exit( 0 );
PHP
}

# The network's wp-config.php, made from the one wp-env.sh just wrote.
write_config() {
    local cfg=$DIR/wordpress/wp-config.php host=127.0.0.1:$PORT_WEB
    grep -q "define( 'DB_NAME'" "$cfg" || die "unexpected $cfg"
    grep -v -e "define( 'WP_HOME'" -e "define( 'WP_SITEURL'" -e "require_once ABSPATH . 'wp-settings.php';" \
        -e "^if ( ! defined( 'ABSPATH' ) )" -e "^	define( 'ABSPATH'" -e '^}$' -e 'MULTISITE\|_CURRENT_SITE\|SUBDOMAIN_INSTALL\|wp-network' "$cfg" >"$cfg.tmp"
    cat >>"$cfg.tmp" <<PHP
// Added by scripts/wp-network.sh: a subdirectory multisite network.
define( 'WP_ALLOW_MULTISITE', true );
define( 'MULTISITE', true );
define( 'SUBDOMAIN_INSTALL', false );
define( 'DOMAIN_CURRENT_SITE', '$host' );
define( 'PATH_CURRENT_SITE', '/' );
define( 'SITE_ID_CURRENT_SITE', 1 );
define( 'BLOG_ID_CURRENT_SITE', 1 );
if ( PHP_SAPI === 'cli' && ( ! isset( \$_SERVER['HTTP_HOST'] ) || '127.0.0.1' === \$_SERVER['HTTP_HOST'] ) ) {
	\$_SERVER['HTTP_HOST'] = '$host'; // wp-run.php and friends give no port (wp-network)
}

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP
    mv "$cfg.tmp" "$cfg"
}

start_web() {
    local ext want code
    ext=$(sed -n 's/^EXT=//p' "$DIR/env")
    want="$PORT_WEB ${ext:-none} network ${WP_NETWORK_PHP_ARGS:-}"
    if alive "$DIR/web.pid" && [ "$(cat "$DIR/web.conf" 2>/dev/null)" = "$want" ]; then
        say "web server already running (pid $(cat "$DIR/web.pid"))"
        return 0
    fi
    stop_web
    local args=()
    [ -n "$ext" ] && args=(-d "extension=$ext")
    # shellcheck disable=SC2206
    [ -n "${WP_NETWORK_PHP_ARGS:-}" ] && args+=(${WP_NETWORK_PHP_ARGS})
    PHP_CLI_SERVER_WORKERS=${WP_ENV_WORKERS:-2} setsid sh -c 'echo $$ >"$0"; exec "$@"' "$DIR/web.pid" \
        php "${args[@]}" -d display_errors=0 -d log_errors=1 -d "error_log=$DIR/web-php.log" \
        -S "127.0.0.1:$PORT_WEB" -t "$DIR/wordpress" "$DIR/network-router.php" \
        </dev/null >>"$DIR/web.log" 2>&1 &
    code=000
    for _ in $(seq 1 300); do
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT_WEB/wp-login.php" || true)
        [ "$code" = 200 ] && break
        sleep 0.1
    done
    [ "$code" = 200 ] || die "http://127.0.0.1:$PORT_WEB/wp-login.php answers $code; see $DIR/web.log"
    echo "$want" >"$DIR/web.conf"
    say "web server for the network started (pid $(cat "$DIR/web.pid"), http://127.0.0.1:$PORT_WEB/)"
}

cmd_up() {
    [ $# -ge 3 ] || die "usage: wp-network.sh up DIR PORT_DB PORT_WEB [SO]"
    mkdir -p "$1"
    DIR=$(cd "$1" && pwd)
    PORT_DB=$2
    PORT_WEB=$3
    "$ENV" up "$@"
    write_router
    write_mu_plugin
    write_convert
    local php_args=() ext
    ext=$(sed -n 's/^EXT=//p' "$DIR/env")
    [ -n "$ext" ] && php_args=(-d "extension=$ext")
    php "${php_args[@]}" "$DIR/network-convert.php" "$DIR/wordpress" "127.0.0.1:$PORT_WEB" || die "the conversion failed"
    write_config
    "$ENV" run "$DIR" "$DIR/network-finish.php" "127.0.0.1:$PORT_WEB" || die "network activation failed"
    start_web
    echo "NETWORK=1" >>"$DIR/env"
}

CMD=${1:-}
[ $# -gt 0 ] && shift
case "$CMD" in
up) cmd_up "$@" ;;
down | status | run | php) exec "$ENV" "$CMD" "$@" ;;
*) die "usage: wp-network.sh up DIR PORT_DB PORT_WEB [SO] | down DIR | status DIR | run DIR FILE [ARGS...]" ;;
esac

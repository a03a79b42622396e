<?php
/**
 * Runs a PHP file inside a WordPress site of scripts/wp-env.sh (there is no wp-cli in Debian).
 *
 *   php [-d extension=…] scripts/wp-run.php WP_DIR FILE [ARGS...]
 *
 * Loads WP_DIR/wp-load.php (so plugins, the dangjian one included, are loaded as on a page view),
 * then requires FILE with $argv = [FILE, ARGS...]. No user is logged in; FILE calls
 * wp_set_current_user() when it needs one. The exit status is FILE's.
 */

if ( PHP_SAPI !== 'cli' || $argc < 3 ) {
	fwrite( STDERR, "usage: php wp-run.php WP_DIR FILE [ARGS...]\n" );
	exit( 2 );
}
$dangjian_run_wp   = rtrim( $argv[1], '/' );
$dangjian_run_file = $argv[2];
if ( ! is_file( $dangjian_run_wp . '/wp-load.php' ) || ! is_file( $dangjian_run_file ) ) {
	fwrite( STDERR, "wp-run: no $dangjian_run_wp/wp-load.php or no $dangjian_run_file\n" );
	exit( 2 );
}
$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$argv                   = array_slice( $argv, 2 );
$argc                   = count( $argv );

require $dangjian_run_wp . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require $dangjian_run_file;

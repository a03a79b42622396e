<?php
/**
 * Installs WordPress non-interactively for scripts/wp-env.sh (there is no wp-cli in Debian).
 *
 *   php wp-install.php install WP_DIR PASSWORD_FILE   create the site (zh_CN, Asia/Shanghai) once;
 *                                                     keep the admin's password equal to the file's
 *   php wp-install.php activate WP_DIR                activate dangjian/dangjian.php
 * Exits non-zero with a message on failure.
 */

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}
$dangjian_mode = $argv[1] ?? '';
$dangjian_wp   = rtrim( $argv[2] ?? '', '/' );
if ( ! in_array( $dangjian_mode, array( 'install', 'activate' ), true ) || ! is_file( $dangjian_wp . '/wp-load.php' ) ) {
	fwrite( STDERR, "usage: php wp-install.php install WP_DIR PASSWORD_FILE | activate WP_DIR\n" );
	exit( 2 );
}

$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = '127.0.0.1';

if ( 'install' === $dangjian_mode ) {
	$dangjian_password = trim( (string) file_get_contents( $argv[3] ?? '' ) );
	if ( '' === $dangjian_password ) {
		fwrite( STDERR, "wp-install: empty password file\n" );
		exit( 1 );
	}
	define( 'WP_INSTALLING', true );
	require $dangjian_wp . '/wp-load.php';
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	require_once ABSPATH . 'wp-includes/class-wpdb.php';

	if ( ! is_blog_installed() ) {
		$result = wp_install( '党建统计示范站', 'admin', 'admin@example.org', false, '', wp_slash( $dangjian_password ), 'zh_CN' );
		if ( is_wp_error( $result ) ) {
			fwrite( STDERR, 'wp-install: ' . $result->get_error_message() . "\n" );
			exit( 1 );
		}
		update_option( 'timezone_string', 'Asia/Shanghai' );
		update_option( 'gmt_offset', '' );
		update_option( 'date_format', 'Y年n月j日' );
		update_option( 'time_format', 'H:i' );
		update_option( 'permalink_structure', '/%postname%/' );
		update_option( 'blogdescription', '' );
		echo "wp-env: WordPress installed (zh_CN)\n";
	}
	update_option( 'WPLANG', 'zh_CN' );
	$dangjian_admin = get_user_by( 'login', 'admin' );
	if ( ! $dangjian_admin ) {
		fwrite( STDERR, "wp-install: no user admin\n" );
		exit( 1 );
	}
	if ( ! wp_check_password( $dangjian_password, $dangjian_admin->user_pass, $dangjian_admin->ID ) ) {
		wp_set_password( $dangjian_password, $dangjian_admin->ID );
	}
	exit( 0 );
}

require $dangjian_wp . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
if ( ! is_plugin_active( 'dangjian/dangjian.php' ) ) {
	$result = activate_plugin( 'dangjian/dangjian.php' );
	if ( is_wp_error( $result ) ) {
		fwrite( STDERR, 'wp-install: ' . $result->get_error_message() . "\n" );
		exit( 1 );
	}
	echo "wp-env: plugin dangjian activated\n";
}
exit( 0 );

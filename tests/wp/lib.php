<?php
/**
 * Helpers of the WordPress tests. Each tests/wp/test_*.php runs inside the test site
 * (scripts/wp-run.php loads WordPress first) and prints one line per check:
 *   "ok - <name>" or "not ok - <name>: <detail>", then "# done" when it reached its end.
 * tests/wp/run.sh counts the lines; a script that dies before "# done" counts as a failure.
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit( 2 );

$GLOBALS['dj_t_failed'] = 0;

/**
 * Records one check.
 *
 * @param bool   $ok     Whether it holds.
 * @param string $name   What is checked.
 * @param string $detail Shown when it fails.
 */
function dj_t_ok( $ok, string $name, string $detail = '' ): void {
	if ( $ok ) {
		echo 'ok - ', $name, "\n";
		return;
	}
	++$GLOBALS['dj_t_failed'];
	echo 'not ok - ', $name, ( '' !== $detail ? ': ' . str_replace( "\n", ' ', $detail ) : '' ), "\n";
}

/**
 * Checks that two values are identical (===).
 *
 * @param mixed  $expected The expected value.
 * @param mixed  $actual   The value.
 * @param string $name     What is checked.
 */
function dj_t_same( $expected, $actual, string $name ): void {
	dj_t_ok(
		$expected === $actual,
		$name,
		'expected ' . substr( var_export( $expected, true ), 0, 400 ) . ', got ' . substr( var_export( $actual, true ), 0, 400 )
	);
}

/**
 * Ends a test script.
 */
function dj_t_done(): void {
	echo "# done\n";
	exit( $GLOBALS['dj_t_failed'] ? 1 : 0 );
}

/**
 * Empties the plugin's tables and bumps the data version: every test starts from no records.
 */
function dj_t_reset(): void {
	global $wpdb;
	foreach ( Dangjian\Schema::TABLES as $name ) {
		$wpdb->query( 'TRUNCATE TABLE ' . Dangjian\Schema::table( $name ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
	}
	Dangjian\Data_Version::bump();
	Dangjian\Engine::forget();
}

/**
 * A user of the test site with a role, created once; its password is reset to a new one each run.
 *
 * @param string $login The login.
 * @param string $role  The role.
 * @return array{0:int,1:string} The user id and password.
 */
function dj_t_user( string $login, string $role ): array {
	$password = wp_generate_password( 20, false );
	$user     = get_user_by( 'login', $login );
	if ( $user ) {
		wp_set_password( $password, $user->ID );
		$id = $user->ID;
	} else {
		$id = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => $password,
				'user_email' => $login . '@example.org',
				'role'       => $role,
			)
		);
		if ( is_wp_error( $id ) ) {
			throw new RuntimeException( $id->get_error_message() );
		}
	}
	$u = new WP_User( $id );
	$u->set_role( $role );
	foreach ( Dangjian\Capabilities::ALL as $cap ) {
		$u->remove_cap( $cap );
	}
	clean_user_cache( $id );
	return array( (int) $id, $password );
}

/**
 * An HTTP request to the test site with PHP's curl (the site's own HTTP API is short-circuited by the
 * test environment's must-use plugin).
 *
 * @param string      $path   The path, for example "/wp-admin/".
 * @param string|null $jar    A cookie jar file, or null for none.
 * @param array|null  $post   Form fields to POST, or null for a GET.
 * @return array{status:int,body:string,location:string}
 */
function dj_t_http( string $path, ?string $jar = null, ?array $post = null ): array {
	$ch = curl_init( home_url( $path ) );
	curl_setopt_array(
		$ch,
		array(
			CURLOPT_RETURNTRANSFER => true,
			CURLOPT_FOLLOWLOCATION => false,
			CURLOPT_TIMEOUT        => 60,
			CURLOPT_HEADER         => false,
		)
	);
	if ( null !== $jar ) {
		curl_setopt( $ch, CURLOPT_COOKIEJAR, $jar );
		curl_setopt( $ch, CURLOPT_COOKIEFILE, $jar );
	}
	if ( null !== $post ) {
		curl_setopt( $ch, CURLOPT_POST, true );
		curl_setopt( $ch, CURLOPT_POSTFIELDS, http_build_query( $post ) );
	}
	$body = curl_exec( $ch );
	$info = curl_getinfo( $ch );
	$err  = curl_error( $ch );
	curl_close( $ch );
	if ( false === $body ) {
		throw new RuntimeException( 'curl: ' . $err );
	}
	return array(
		'status'   => (int) $info['http_code'],
		'body'     => (string) $body,
		'location' => (string) ( $info['redirect_url'] ?? '' ),
	);
}

/**
 * Logs in through wp-login.php like a browser and returns the cookie jar file.
 *
 * @param string $login    The login.
 * @param string $password The password.
 */
function dj_t_login( string $login, string $password ): string {
	$jar = tempnam( sys_get_temp_dir(), 'dj-wp-cookies-' );
	// WordPress refuses a login without its test cookie, as a browser would have it.
	file_put_contents(
		$jar,
		"127.0.0.1\tFALSE\t/\tFALSE\t0\twordpress_test_cookie\tWP%20Cookie%20check\n"
	);
	$r = dj_t_http(
		'/wp-login.php',
		$jar,
		array(
			'log'         => $login,
			'pwd'         => $password,
			'wp-submit'   => 'Log In',
			'testcookie'  => '1',
			'redirect_to' => admin_url(),
		)
	);
	if ( 302 !== $r['status'] ) {
		throw new RuntimeException( "login of $login failed: HTTP {$r['status']}" );
	}
	return $jar;
}

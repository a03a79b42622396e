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
 * @param array       $opts   'method' (GET, POST, PUT, PATCH, DELETE), 'json' (a body to send as
 *                            JSON), 'headers' (list of "Name: value"), 'user' ("login:password" for
 *                            HTTP basic authentication, i.e. an application password).
 * @return array{status:int,body:string,location:string}
 */
function dj_t_http( string $path, ?string $jar = null, ?array $post = null, array $opts = array() ): array {
	$url = str_starts_with( $path, 'http' ) ? $path : home_url( $path );
	$ch  = curl_init( $url );
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
	$headers = $opts['headers'] ?? array();
	if ( null !== $post ) {
		curl_setopt( $ch, CURLOPT_POST, true );
		curl_setopt( $ch, CURLOPT_POSTFIELDS, http_build_query( $post ) );
	}
	if ( array_key_exists( 'json', $opts ) ) {
		curl_setopt( $ch, CURLOPT_POSTFIELDS, json_encode( $opts['json'] ) );
		$headers[] = 'Content-Type: application/json';
	}
	if ( isset( $opts['method'] ) ) {
		curl_setopt( $ch, CURLOPT_CUSTOMREQUEST, $opts['method'] );
	}
	if ( isset( $opts['user'] ) ) {
		curl_setopt( $ch, CURLOPT_USERPWD, $opts['user'] );
	}
	if ( $headers ) {
		curl_setopt( $ch, CURLOPT_HTTPHEADER, $headers );
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
 * The value of a hidden or text input of a form in an HTML page, by name, or null.
 *
 * @param string $html The page.
 * @param string $name The input's name.
 */
function dj_t_input( string $html, string $name ): ?string {
	if ( preg_match( '/<input[^>]*name="' . preg_quote( $name, '/' ) . '"[^>]*value="([^"]*)"/', $html, $m ) ) {
		return html_entity_decode( $m[1], ENT_QUOTES, 'UTF-8' );
	}
	if ( preg_match( '/<input[^>]*value="([^"]*)"[^>]*name="' . preg_quote( $name, '/' ) . '"/', $html, $m ) ) {
		return html_entity_decode( $m[1], ENT_QUOTES, 'UTF-8' );
	}
	return null;
}

/**
 * The number of rows in one of the plugin's tables.
 *
 * @param string $name The table (Schema::TABLES).
 */
function dj_t_rows( string $name ): int {
	global $wpdb;
	return (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( $name ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
}

/**
 * The administrator's password of the test site.
 */
function dj_t_admin_password(): string {
	return trim( (string) file_get_contents( dirname( ABSPATH ) . '/admin-password' ) );
}

/**
 * An application password for a user, created for this run (REST with HTTP basic authentication).
 *
 * @param int $user_id The user.
 * @return string "login:password".
 */
function dj_t_app_password( int $user_id ): string {
	$user = get_userdata( $user_id );
	foreach ( WP_Application_Passwords::get_user_application_passwords( $user_id ) as $item ) {
		WP_Application_Passwords::delete_application_password( $user_id, $item['uuid'] );
	}
	$created = WP_Application_Passwords::create_new_application_password( $user_id, array( 'name' => 'dangjian-tests' ) );
	if ( is_wp_error( $created ) ) {
		throw new RuntimeException( $created->get_error_message() );
	}
	return $user->user_login . ':' . $created[0];
}

/**
 * A REST request to the test site; the body decoded as JSON.
 *
 * @param string $method The HTTP method.
 * @param string $route  The route under /wp-json/, for example "dangjian/v1/people".
 * @param array  $opts   As dj_t_http() ('json', 'user', 'headers'), plus 'jar' for a cookie jar.
 * @return array{status:int,body:string,json:mixed}
 */
function dj_t_rest( string $method, string $route, array $opts = array() ): array {
	$opts['method'] = $method;
	$r              = dj_t_http( '/?rest_route=/' . ltrim( $route, '/' ), $opts['jar'] ?? null, null, $opts );
	$r['json']      = json_decode( $r['body'], true );
	return $r;
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

/**
 * The full names of every table the plugin creates on this site: Schema's and the rooms' (sorted).
 *
 * @return string[]
 */
function dj_t_plugin_tables(): array {
	$tables = array();
	foreach ( Dangjian\Schema::TABLES as $name ) {
		$tables[] = Dangjian\Schema::table( $name );
	}
	if ( class_exists( 'Dangjian\\Rating_Store' ) ) {
		$tables[] = Dangjian\Rating_Store::table();
	}
	sort( $tables );
	return $tables;
}

/**
 * Runs a command (no shell); returns [exit status, stdout, stderr].
 *
 * @param string[] $argv The command and its arguments.
 * @param array    $env  Extra environment.
 * @return array{0:int,1:string,2:string}
 */
function dj_t_exec( array $argv, array $env = array() ): array {
	$proc = proc_open( $argv, array( 0 => array( 'pipe', 'r' ), 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes, null, $env ? array_merge( getenv(), $env ) : null );
	if ( ! is_resource( $proc ) ) {
		return array( 127, '', 'cannot start ' . $argv[0] );
	}
	fclose( $pipes[0] );
	$out = stream_get_contents( $pipes[1] );
	$err = stream_get_contents( $pipes[2] );
	fclose( $pipes[1] );
	fclose( $pipes[2] );
	return array( proc_close( $proc ), (string) $out, (string) $err );
}

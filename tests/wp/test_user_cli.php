<?php
/**
 * Issue 11, item 29: `wp dangjian stats --format=table` goes through WP-CLI's formatter (an ASCII
 * table on a terminal, csv and yaml too), and a command runs with no deprecation on stderr (the
 * pinned mustache is patched by scripts/wp-cli.sh), with PHP reporting every error.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Schema;

$root = dirname( __DIR__, 2 );

list( $rc, $out, $err ) = dj_t_exec( array( 'bash', $root . '/scripts/wp-cli.sh', 'path' ) );
$wp                     = trim( $out );
$boot                   = dirname( $wp ) . '/../wp-cli/wp-cli/php/boot-fs.php';
dj_t_ok( 0 === $rc && is_file( $boot ), 'WP-CLI is installed (scripts/wp-cli.sh)', trim( $err ) );
if ( ! is_file( $boot ) ) {
	dj_t_done();
}

dj_t_reset();
$y = (int) wp_date( 'Y' );
$wpdb->insert( Schema::table( 'people' ), array( 'id' => 1, 'name' => '党员甲', 'admitted_on' => ( $y - 5 ) . '-03-01', 'full_on' => ( $y - 4 ) . '-03-01' ) );
$wpdb->insert( Schema::table( 'activities' ), array( 'id' => 1, 'activity_date' => $y . '-01-02', 'category' => 'service', 'kind' => 'counseling', 'hours' => '3.00', 'title' => 't' ) );
$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => 1, 'person_id' => 1 ) );
Dangjian\Data_Version::bump();

$php = array( PHP_BINARY, '-d', 'error_reporting=-1', '-d', 'display_errors=stderr', '-d', 'memory_limit=512M' );
if ( extension_loaded( 'dangjian' ) ) {
	array_push( $php, '-d', 'extension=' . $root . '/modules/dangjian.so' );
}
$cli = static fn( array $args, array $env = array() ) => dj_t_exec( array_merge( $php, array( $boot, '--allow-root', '--path=' . rtrim( ABSPATH, '/' ), 'dangjian' ), $args ), $env );

// A terminal's table: WP-CLI's ASCII table (SHELL_PIPE=0 is how WP-CLI is told it writes to one).
list( $rc, $out, $err ) = $cli( array( 'stats', '--period=this_year' ), array( 'SHELL_PIPE' => '0' ) );
dj_t_same( 0, $rc, 'wp dangjian stats runs' );
dj_t_ok( (bool) preg_match( '/^\+-+\+-+\+$/m', $out ) && (bool) preg_match( '/^\| figure\s+\| value\s+\|$/m', $out ), '29: --format=table is WP-CLI\'s table on a terminal', substr( $out, 0, 300 ) );
dj_t_ok( (bool) preg_match( '/^\| service\.party_volunteer_hours\s+\| 3\s+\|$/m', $out ), '29: a row a figure, by its id', substr( $out, 0, 300 ) );
dj_t_ok( ! str_contains( $err, 'Deprecated' ) && ! str_contains( $err, 'Warning' ), '29: nothing on stderr, PHP reporting every error (the mustache deprecation is gone)', substr( $err, 0, 400 ) );

// Piped: WP-CLI's own tab-separated form; csv and yaml through the same formatter.
list( $rc, $out ) = $cli( array( 'stats', '--period=this_year' ), array( 'SHELL_PIPE' => '1' ) );
dj_t_ok( (bool) preg_match( "/^service\\.party_volunteer_hours\t3$/m", $out ), '29: piped, a tab-separated line a figure (WP-CLI\'s convention)', substr( $out, 0, 200 ) );
list( $rc, $out ) = $cli( array( 'stats', '--period=this_year', '--format=csv' ) );
dj_t_ok( str_starts_with( $out, "figure,value\n" ) && str_contains( $out, "service.party_volunteer_hours,3\n" ), '29: --format=csv', substr( $out, 0, 200 ) );
list( $rc, $out ) = $cli( array( 'stats', '--period=this_year', '--format=yaml' ) );
dj_t_ok( (bool) preg_match( '/-\s+figure: service\.party_volunteer_hours\s+value: "?3"?/', $out ), '29: --format=yaml', substr( $out, 0, 200 ) );
list( $rc, $out ) = $cli( array( 'stats', '--period=this_year', '--format=json' ) );
dj_t_same( dangjian_stats( array( 'period' => 'this_year' ) ), json_decode( $out, true ), '29: --format=json is dangjian_stats() itself' );
list( $rc, , $err ) = $cli( array( 'stats', '--format=xml' ) );
dj_t_ok( 0 !== $rc && '' !== trim( $err ), '29: an unknown format is an error' );

// The help renders through mustache too: clean as well.
list( $rc, $out, $err ) = dj_t_exec( array_merge( $php, array( $boot, '--allow-root', '--path=' . rtrim( ABSPATH, '/' ), 'help', 'dangjian', 'stats' ) ) );
dj_t_ok( 0 === $rc && str_contains( $out, '--format' ) && ! str_contains( $err, 'Deprecated' ), '29: wp help dangjian stats runs clean', substr( $err, 0, 300 ) );

dj_t_reset();
dj_t_done();

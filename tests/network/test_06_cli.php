<?php
/**
 * WP-CLI (the project's copy, scripts/wp-cli.sh, when it is installed): `wp dangjian network
 * rebuild` repairs the table, refuses a bad --batch, `list` and `report` answer.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

$root = dirname( __DIR__, 2 );
$wp   = trim( (string) shell_exec( escapeshellarg( $root . '/scripts/wp-cli.sh' ) . ' path 2>/dev/null' ) );
if ( '' === $wp || ! is_executable( $wp ) ) {
	echo "# WP-CLI is not installed (scripts/wp-cli.sh install): the command was not run\n";
	dj_t_done();
}
$year  = (int) wp_date( 'Y' );
$sites = dj_n_sites( DJ_N_SITES );
$cli   = static function ( string $args, ?int &$rc = null ): string {
	$out = array();
	exec( escapeshellarg( $GLOBALS['wp'] ) . ' --allow-root --path=' . escapeshellarg( ABSPATH ) . ' --url=' . escapeshellarg( network_home_url() ) . ' ' . $args . ' 2>&1', $out, $rc );
	return implode( "\n", array_filter( $out, static fn( $l ) => ! str_contains( $l, 'eprecat' ) ) );
};
$GLOBALS['wp'] = $wp;

$wpdb->update( Dangjian\Network_Schema::table(), array( 'party_members' => 7777 ), array( 'site_id' => $sites[4], 'year' => $year ) );
$out = $cli( 'dangjian network rebuild --batch=16 --years=' . $year, $rc );
dj_t_same( 0, $rc, 'wp dangjian network rebuild succeeds', $out );
// The message may be in English or Chinese (the site's language): its first two numbers are sites and rows.
preg_match( '/Success: (.*)$/m', $out, $m );
preg_match_all( '/\d+/', $m[1] ?? '', $nums );
dj_t_same( array( (string) DJ_N_SITES, (string) DJ_N_SITES ), array_slice( $nums[0], 0, 2 ), 'it reports the sites and rows' );
dj_t_same( dj_n_expected( $sites[4], $year ), dj_n_figures( dj_n_row( $sites[4], $year ) ), 'it repairs a damaged row' );
$out = $cli( 'dangjian network rebuild --batch=0', $rc );
dj_t_ok( 0 !== $rc && str_contains( $out, '--batch' ), 'a bad --batch is refused, naming the option', $out );
$out = $cli( 'dangjian network rebuild --years=20x5', $rc );
dj_t_ok( 0 !== $rc && str_contains( $out, '20x5' ), 'a bad --years is refused, naming the value', $out );
$json = json_decode( $cli( 'dangjian network list --format=json --year=' . $year, $rc ), true );
dj_t_same( DJ_N_SITES, is_array( $json ) ? count( $json ) : -1, 'wp dangjian network list lists every branch' );
$file = sys_get_temp_dir() . '/dj-network-cli-' . getmypid() . '.docx';
$out  = $cli( 'dangjian network report ' . escapeshellarg( $file ), $rc );
if ( Dangjian\Network_Report::available() ) {
	dj_t_ok( 0 === $rc && "PK\x03\x04" === (string) @file_get_contents( $file, false, null, 0, 4 ), 'wp dangjian network report writes a .docx', $out );
}
@unlink( $file );

dj_t_done();

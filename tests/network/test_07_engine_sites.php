<?php
/**
 * The engine's request-scope dataset belongs to one site: after switch_to_blog() another site
 * whose data version happens to be the same number never answers with the first site's dataset
 * (its people would cross sites), and a write on the second site is not applied as a delta to the
 * first site's dataset. No Engine::forget() between the switches: that is the point.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Data_Version;
use Dangjian\Engine;

$sites = dj_n_sites( DJ_N_SITES );
[ $a, $b ] = array( $sites[2], $sites[3] );

// The two sites at the same data version number.
$versions = array();
foreach ( array( $a, $b ) as $site ) {
	switch_to_blog( $site );
	$versions[ $site ] = Data_Version::get();
	restore_current_blog();
}
$target = max( $versions ) + 1;
foreach ( array( $a, $b ) as $site ) {
	switch_to_blog( $site );
	while ( Data_Version::get() < $target ) {
		Data_Version::bump();
	}
	restore_current_blog();
}

$people = static function (): int {
	return count( json_decode( Engine::dataset()->toJson(), true )['people'] );
};
$own = static function ( int $site ): int {
	global $wpdb;
	switch_to_blog( $site );
	$n = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'people' ) );
	restore_current_blog();
	return $n;
};

Engine::forget();
switch_to_blog( $a );
$va = Data_Version::get();
$na = $people();
restore_current_blog();
switch_to_blog( $b );
$vb = Data_Version::get();
$nb = $people();
restore_current_blog();

dj_t_same( $va, $vb, 'the two sites stand at the same data version' );
dj_t_same( $own( $a ), $na, 'site A: the engine holds A\'s people' );
dj_t_same( $own( $b ), $nb, 'site B, right after A in the same request: the engine holds B\'s people, not A\'s' );
dj_t_ok( $own( $a ) !== $own( $b ), 'the two sites have different rosters (so the check above can fail)' );

$query = array( 'to' => wp_date( 'Y-m-d' ) );
switch_to_blog( $b );
$fresh_b = Engine::stats( $query )['members']['party_members'];
restore_current_blog();
Engine::forget();
switch_to_blog( $a );
$fresh_a = Engine::stats( $query )['members']['party_members'];
restore_current_blog();
switch_to_blog( $b );
$then_b = Engine::stats( $query )['members']['party_members'];
restore_current_blog();
dj_t_same( $fresh_b, $then_b, 'site B\'s figures asked right after site A\'s are B\'s own' );
Engine::forget();
dj_t_done();

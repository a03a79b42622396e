<?php
/**
 * bench/network-sites.php - the branch sites of the network benchmark (run inside the network's
 * main site by bench/network.sh through scripts/wp-network.sh run).
 *
 *   network-sites.php N SEED
 *
 * Makes sure the sites /b1/ … /bN/ exist (wp_insert_site(), so each gets the plugin's tables and its
 * first row in the network table as any new site does) and that each holds a generated branch:
 * 10-60 people at every stage, 20-120 activities (three in four service, with participants; the rest
 * meetings) over this year and last year, written with multi-row inserts and one data-version bump
 * (the push of that write). Deterministic by SEED and site number. Sites already filled are left
 * alone, so a second run only adds what is missing. Prints one progress line every 50 sites.
 */

defined( 'ABSPATH' ) || exit( 2 );
require_once ABSPATH . 'wp-admin/includes/ms.php';

$n    = (int) ( $argv[1] ?? 1000 );
$seed = (int) ( $argv[2] ?? 20240601 );
if ( $n < 1 || ! is_multisite() ) {
	fwrite( STDERR, "network-sites: usage: network-sites.php N SEED (on a network)\n" );
	exit( 2 );
}

/**
 * Fills the current site with a generated branch.
 *
 * @param int $seed The seed.
 */
function dj_bench_fill( int $seed ): void {
	global $wpdb;
	mt_srand( $seed );
	$year   = (int) wp_date( 'Y' );
	$today  = wp_date( 'Y-m-d' );
	$now    = current_time( 'mysql', true );
	$people = 10 + mt_rand( 0, 50 );
	$rows   = array();
	for ( $p = 1; $p <= $people; $p++ ) {
		$stage = mt_rand( 0, 5 );
		$base  = $year - 6 + mt_rand( 0, 3 );
		$rows[] = $wpdb->prepare(
			'(%d, %s, %d, %s, %s, %s, %s, %s, %s, %s)',
			$p,
			'成员' . $p,
			mt_rand( 0, 1 ),
			$base . '-02-01',
			$stage >= 1 ? $base . '-05-01' : null,
			$stage >= 2 ? ( $base + 1 ) . '-03-01' : null,
			$stage >= 3 ? ( $base + 2 ) . '-03-01' : null,
			$stage >= 4 ? ( $base + 3 ) . '-03-01' : null,
			$now,
			$now
		);
	}
	$sql = 'INSERT INTO ' . Dangjian\Schema::table( 'people' ) . ' (id, name, is_staff, applied_on, activist_on, candidate_on, admitted_on, full_on, created_at, updated_at) VALUES ' . implode( ',', $rows );
	$wpdb->query( str_replace( "''", 'NULL', $sql ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Prepared row by row.
	$kinds = array( 'counseling', 'lecture', 'publicity', 'volunteering', 'group_counseling' );
	$meet  = array( 'committee', 'branch_assembly', 'party_lesson', 'theme_day', 'group_meeting', 'life_meeting' );
	$acts  = 20 + mt_rand( 0, 100 );
	$arows = array();
	$prows = array();
	for ( $a = 1; $a <= $acts; $a++ ) {
		$meeting = 0 === mt_rand( 0, 3 );
		$y       = mt_rand( 0, 2 ) ? $year : $year - 1;
		$date    = sprintf( '%04d-%02d-%02d', $y, mt_rand( 1, 12 ), mt_rand( 1, 28 ) );
		$date    = $date > $today ? $y . '-01-01' : $date;
		$arows[] = $wpdb->prepare( '(%d, %s, %s, %s, %s, %s, %s, %d, %s, %s)', $a, $date, $meeting ? 'meeting' : 'service', $meeting ? $meet[ mt_rand( 0, 5 ) ] : $kinds[ mt_rand( 0, 4 ) ], '活动' . $a, (string) ( mt_rand( 1, 8 ) / 2 ), $meeting ? '0' : (string) ( mt_rand( 0, 50000 ) / 100 ), $meeting ? 0 : mt_rand( 0, 60 ), $now, $now );
		$seen    = array();
		for ( $k = $meeting ? mt_rand( 2, 6 ) : mt_rand( 0, 4 ); $k > 0; $k-- ) {
			$pid = mt_rand( 1, $people );
			if ( ! isset( $seen[ $pid ] ) ) {
				$seen[ $pid ] = true;
				$prows[]      = '(' . $a . ',' . $pid . ')';
			}
		}
	}
	$wpdb->query( 'INSERT INTO ' . Dangjian\Schema::table( 'activities' ) . ' (id, activity_date, category, kind, title, hours, fee_waived, beneficiaries, created_at, updated_at) VALUES ' . implode( ',', $arows ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Prepared row by row.
	if ( $prows ) {
		$wpdb->query( 'INSERT INTO ' . Dangjian\Schema::table( 'participants' ) . ' (activity_id, person_id) VALUES ' . implode( ',', $prows ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Integers.
	}
	Dangjian\Data_Version::bump();
}

// The branches belong to their own administrator, not to the super admin: WordPress builds the
// admin bar's "My Sites" menu from every site a user belongs to, which for a member of 1,000 sites
// costs more than any page's own work. A committee's super admin is not a member of every branch.
$owner = get_user_by( 'login', 'bench_branch_admin' );
$owner = $owner ? (int) $owner->ID : wp_insert_user( array( 'user_login' => 'bench_branch_admin', 'user_pass' => wp_generate_password( 20 ), 'user_email' => 'bench_branch_admin@example.org' ) );
if ( is_wp_error( $owner ) ) {
	fwrite( STDERR, 'network-sites: ' . $owner->get_error_message() . "\n" );
	exit( 1 );
}

$network = get_network();
$t0      = microtime( true );
$made    = 0;
$filled  = 0;
$main    = get_main_site_id();
for ( $i = 1; $i <= $n; $i++ ) {
	$path  = '/b' . $i . '/';
	$found = get_sites( array( 'path' => $path, 'network_id' => $network->id, 'fields' => 'ids', 'number' => 1 ) );
	if ( $found ) {
		$id = (int) $found[0];
	} else {
		$id = wp_insert_site( array( 'domain' => $network->domain, 'path' => $path, 'title' => '第' . $i . '党支部', 'user_id' => $owner ) );
		if ( is_wp_error( $id ) ) {
			fwrite( STDERR, 'network-sites: ' . $id->get_error_message() . "\n" );
			exit( 1 );
		}
		++$made;
	}
	switch_to_blog( $id );
	Dangjian\Engine::forget();
	if ( '0' === (string) $GLOBALS['wpdb']->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'people' ) ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
		if ( is_site_meta_supported() ) {
			update_site_meta( $id, Dangjian\Network_Schema::TYPE_META, 0 === $i % 4 ? 'social' : 'enterprise' );
		}
		dj_bench_fill( $seed + $i );
		++$filled;
	}
	Dangjian\Engine::forget();
	restore_current_blog();
	if ( 0 === $i % 50 ) {
		wp_cache_flush();
		fwrite( STDERR, sprintf( "network-sites: %d/%d sites (%d created, %d filled) in %.0f s\n", $i, $n, $made, $filled, microtime( true ) - $t0 ) );
	}
}
// Sites made by an earlier version of this script belonged to the super admin: take that back.
$super = get_user_by( 'login', 'admin' );
if ( $super ) {
	$GLOBALS['wpdb']->query( $GLOBALS['wpdb']->prepare( "DELETE FROM {$GLOBALS['wpdb']->usermeta} WHERE user_id = %d AND meta_key REGEXP %s", $super->ID, '^' . $GLOBALS['wpdb']->base_prefix . '[0-9]+_(capabilities|user_level)$' ) );
	update_user_meta( $super->ID, 'primary_blog', $main );
	clean_user_cache( $super->ID );
}
echo $made, ' ', $filled, "\n";

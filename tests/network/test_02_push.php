<?php
/**
 * Writes through the plugin's own write path on several sites push at once: the current year's row
 * and the row of the activity's year follow, other years are marked out of date until the site's
 * refresh event runs; a figure made private leaves the table in the same request; the rebuild
 * repairs a damaged or missing row.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Records;

$year  = (int) wp_date( 'Y' );
$sites = dj_n_sites( DJ_N_SITES );
$pick  = array( $sites[1], $sites[7], $sites[19], $sites[DJ_N_SITES - 1] );

Dangjian\Network_Push::rebuild( array( $year - 1, $year ), 50 );

foreach ( $pick as $n => $site ) {
	switch_to_blog( $site );
	Dangjian\Engine::forget();
	$before = dj_n_row( $site, $year );
	$past   = dj_n_row( $site, $year - 1 );
	$wpdb->update( Dangjian\Network_Schema::table(), array( 'data_changed_at' => '2000-01-01 00:00:00' ), array( 'site_id' => $site ) );

	// A new full member (current year roster) and a service activity of last year.
	$pid = Records::save( 'people', dj_n_clean( 'people', array( 'name' => '新党员' . $n, 'applied_on' => ( $year - 4 ) . '-01-10', 'admitted_on' => ( $year - 3 ) . '-01-10', 'full_on' => ( $year - 2 ) . '-01-10' ) ) );
	dj_t_ok( is_int( $pid ), "site $site: a person saved through Records::save", is_wp_error( $pid ) ? wp_json_encode( $pid->get_error_data() ) : '' );
	$row = dj_n_row( $site, $year );
	dj_t_same( (int) $before['party_members'] + 1, (int) $row['party_members'], "site $site: the push follows the new member at once" );
	dj_t_ok( $row['data_changed_at'] > '2020-01-01', "site $site: the row records the time of the change" );
	dj_t_same( '1', dj_n_row( $site, $year - 1 )['outdated'], "site $site: last year's row is marked out of date by a write to people" );

	$aid = Records::save(
		'activities',
		dj_n_clean(
			'activities',
			array(
				'activity_date' => ( $year - 1 ) . '-06-15',
				'category'      => 'service',
				'kind'          => 'lecture',
				'title'         => '讲座',
				'hours'         => '3.5',
				'beneficiaries' => '25',
			)
		)
	);
	dj_t_ok( is_int( $aid ), "site $site: an activity of last year saved", is_wp_error( $aid ) ? wp_json_encode( $aid->get_error_data() ) : '' );
	$past_after = dj_n_row( $site, $year - 1 );
	dj_t_same( '0', $past_after['outdated'], "site $site: the year of the activity is pushed at once" );
	dj_t_same( (int) $past['beneficiaries'] + 25, (int) $past_after['beneficiaries'], "site $site: last year's people helped include the new activity" );
	dj_t_same( dj_n_expected( $site, $year - 1 ), dj_n_figures( dj_n_row( $site, $year - 1 ) ), "site $site: last year's row equals the site's own figures" );
	dj_t_same( dj_n_expected( $site, $year ), dj_n_figures( dj_n_row( $site, $year ) ), "site $site: this year's row equals the site's own figures" );
	restore_current_blog();
}

// A delete: the current year follows; the refresh event recomputes the rest.
$site = $pick[0];
switch_to_blog( $site );
Dangjian\Engine::forget();
$ids = $wpdb->get_col( 'SELECT id FROM ' . Dangjian\Schema::table( 'activities' ) . " WHERE category = 'service' ORDER BY id LIMIT 3" ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
Records::delete( 'activities', array_map( 'intval', $ids ) );
dj_t_same( dj_n_expected( $site, $year ), dj_n_figures( dj_n_row( $site, $year ) ), 'after a delete, this year\'s row equals the site\'s figures' );
dj_t_ok( (bool) wp_next_scheduled( Dangjian\Network_Push::REFRESH_HOOK ), 'the site has a refresh event for its out-of-date rows' );
do_action( Dangjian\Network_Push::REFRESH_HOOK );
dj_t_same( '0', dj_n_row( $site, $year - 1 )['outdated'], 'the refresh event brings last year\'s row up to date' );
dj_t_same( dj_n_expected( $site, $year - 1 ), dj_n_figures( dj_n_row( $site, $year - 1 ) ), 'and equal to the site\'s figures' );

// Privacy: a figure the branch makes private leaves the table in the same request, every year.
$settings             = Dangjian\Settings::get();
$settings['showcase'] = array_values( array_diff( $settings['showcase'], array( 'party_members', 'beneficiaries' ) ) );
Dangjian\Settings::save( $settings );
dj_t_same( array( null, null ), array( dj_n_row( $site, $year )['party_members'], dj_n_row( $site, $year - 1 )['beneficiaries'] ), 'figures made private are NULL in every year at once' );
dj_t_ok( null !== dj_n_row( $site, $year )['service_hours'], 'the public ones stay' );
dj_t_ok( null !== dj_n_row( $site, $year )['stars'] || null !== dj_n_row( $site, $year )['compliance'] || '0' === dj_n_row( $site, $year )['meetings_due'], 'compliance stays for the committee' );
$settings['showcase'] = array_keys( Dangjian\Settings::figures() );
Dangjian\Settings::save( $settings );
dj_t_same( dj_n_expected( $site, $year ), dj_n_figures( dj_n_row( $site, $year ) ), 'made public again, the figures come back' );
restore_current_blog();

// The rebuild repairs a damaged row and a missing one, and prunes rows of sites that are gone.
$wpdb->update( Dangjian\Network_Schema::table(), array( 'party_members' => 9999 ), array( 'site_id' => $pick[1], 'year' => $year ) );
$wpdb->delete( Dangjian\Network_Schema::table(), array( 'site_id' => $pick[2], 'year' => $year ) );
$wpdb->insert( Dangjian\Network_Schema::table(), array( 'site_id' => 999999, 'year' => $year, 'period_from' => $year . '-01-01', 'period_to' => $year . '-12-31', 'as_of' => $year . '-01-01', 'pushed_at' => '2020-01-01 00:00:00' ) );
$result = Dangjian\Network_Push::rebuild( array( $year ), 50 );
dj_t_same( dj_n_expected( $pick[1], $year ), dj_n_figures( dj_n_row( $pick[1], $year ) ), 'the rebuild repairs a damaged row' );
dj_t_same( dj_n_expected( $pick[2], $year ), dj_n_figures( dj_n_row( $pick[2], $year ) ), 'the rebuild restores a missing row' );
dj_t_same( null, dj_n_row( 999999, $year ), 'the rebuild removes the row of a site that does not exist' );
dj_t_same( 1, $result['pruned'], 'and says so' );

// The push's cost on a branch of this size (informative; the benchmark measures it properly).
Dangjian\Network_Push::$timings = array();
switch_to_blog( $pick[3] );
for ( $i = 0; $i < 10; $i++ ) {
	Records::save( 'activities', dj_n_clean( 'activities', array( 'activity_date' => $year . '-01-0' . ( 1 + $i % 9 ), 'category' => 'service', 'kind' => 'lecture', 'title' => 't' . $i, 'hours' => '1' ) ) );
}
restore_current_blog();
$t = Dangjian\Network_Push::$timings;
sort( $t );
dj_t_same( 10, count( $t ), 'each write pushed once' );
echo '# push median ', round( $t[5] * 1000, 2 ), " ms on a generated branch\n";

dj_t_done();

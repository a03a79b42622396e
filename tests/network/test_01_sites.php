<?php
/**
 * A real subdirectory network: the network tables are installed, 50 branch sites (created through
 * wp_insert_site) each have a row as soon as they exist, and after each site is filled with a
 * generated branch its row equals the figures the site computes itself. No personal column exists.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

$year = (int) wp_date( 'Y' );
dj_t_ok( is_plugin_active_for_network( 'dangjian/dangjian.php' ), 'the plugin is network-active' );
dj_t_same( Dangjian\Network_Schema::VERSION, get_site_option( Dangjian\Network_Schema::VERSION_OPTION ), 'the network tables are installed at the current version' );
dj_t_same( Dangjian\Network_Schema::table(), $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->base_prefix . 'dangjian_network' ) ), 'the table is under the base prefix' );

$engines = $wpdb->get_results( $wpdb->prepare( 'SELECT TABLE_NAME, ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (%s, %s) ORDER BY TABLE_NAME', Dangjian\Network_Schema::table(), Dangjian\Network_Schema::orgs_table() ), ARRAY_A );
dj_t_same( array( 'MyISAM', 'InnoDB' ), array_column( $engines, 'ENGINE' ), 'the summary table (rebuildable) is MyISAM, the organisations (typed in) InnoDB' );

$t0    = microtime( true );
$sites = dj_n_sites( DJ_N_SITES );
echo '# ', count( $sites ), ' sites ready in ', round( microtime( true ) - $t0, 1 ), " s\n";
dj_t_same( DJ_N_SITES, count( array_unique( $sites ) ), 'the branch sites exist' );

$missing = array();
foreach ( $sites as $id ) {
	if ( null === dj_n_row( $id, $year ) ) {
		$missing[] = $id;
	}
}
dj_t_same( array(), $missing, 'every new site has its row of the current year' );
dj_t_same( null, dj_n_row( get_main_site_id(), $year ), 'the main site (the committee) has no row' );

// Fill every site with its own generated branch (one bump each: the push of that write).
$t0 = microtime( true );
foreach ( $sites as $i => $id ) {
	switch_to_blog( $id );
	Dangjian\Engine::forget();
	update_option( 'blogname', '测试支部' . ( $i + 1 ) );
	dj_n_generate( 1000 + $i );
	restore_current_blog();
}
echo '# generated and pushed in ', round( microtime( true ) - $t0, 1 ), " s\n";

$bad = array();
foreach ( $sites as $id ) {
	$row = dj_n_row( $id, $year );
	if ( dj_n_expected( $id, $year ) !== dj_n_figures( $row ) ) {
		$bad[] = $id;
	}
}
dj_t_same( array(), $bad, 'every site\'s row of this year equals the figures the site computes itself' );
$sample = dj_n_row( $sites[0], $year );
dj_t_ok( (int) $sample['party_members'] + (int) $sample['service_activities'] > 0, 'the rows hold real figures', wp_json_encode( $sample ) );
dj_t_same( '测试支部1', $sample['name'], 'a row carries its site\'s name' );
dj_t_ok( null !== $sample['data_changed_at'] && strtotime( $sample['data_changed_at'] . ' UTC' ) > time() - 3600, 'a row carries the time of the last change' );

// The previous year: backfilled by the rebuild, equal too.
$result = Dangjian\Network_Push::rebuild( array( $year - 1, $year ), 7 );
dj_t_same( DJ_N_SITES, $result['sites'] >= DJ_N_SITES ? DJ_N_SITES : $result['sites'], 'the rebuild visits every branch site in batches of 7' );
$bad = array();
foreach ( $sites as $id ) {
	if ( dj_n_expected( $id, $year - 1 ) !== dj_n_figures( dj_n_row( $id, $year - 1 ) ) ) {
		$bad[] = $id;
	}
}
dj_t_same( array(), $bad, 'last year\'s rows (rebuilt) equal each site\'s own figures' );

// Compliance: recomputed here from the engine's missing list, for one site.
switch_to_blog( $sites[3] );
Dangjian\Engine::forget();
$stats = dangjian_stats( array( 'period' => $year - 1 ) );
$rules = Dangjian\Settings::meeting_rules();
$due   = 0;
$miss  = 0;
foreach ( $rules as $kind => $freq ) {
	$n     = array( 'month' => 12, 'quarter' => 4, 'year' => 1 )[ $freq ];
	$due  += $n;
	$miss += count( $stats['meetings']['missing'][ $kind ] ?? array() );
}
restore_current_blog();
$row = dj_n_row( $sites[3], $year - 1 );
dj_t_same( array( $due, $miss ), array( (int) $row['meetings_due'], (int) $row['meetings_missing'] ), 'a past year: every period of every rule is due, the missing ones are the engine\'s' );
dj_t_same( $due ? sprintf( '%.4F', round( ( $due - $miss ) / $due, 4 ) ) : null, $row['compliance'], 'compliance is the share of due meetings held' );

// Privacy: no column of the table can hold anything about a person.
$cols     = $wpdb->get_col( 'DESCRIBE ' . Dangjian\Network_Schema::table() ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
$personal = array_intersect( $cols, array( 'phone', 'email', 'birth_date', 'gender', 'person_id', 'notes', 'left_to', 'joined_from', 'top_volunteers', 'participants' ) );
dj_t_same( array(), array_values( $personal ), 'the network table has no personal column' );
$text = implode( "\n", array_map( 'implode', (array) $wpdb->get_results( 'SELECT * FROM ' . Dangjian\Network_Schema::table(), ARRAY_N ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
dj_t_ok( ! preg_match( '/成员\d+号|1380000/', $text ), 'no member\'s name or phone is in the network table' );

dj_t_done();

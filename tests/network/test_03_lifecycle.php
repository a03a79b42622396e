<?php
/**
 * The network's life: a site added later, archived, deactivated, deleted; coverage with
 * organisations that have no branch; staleness; network activation from nothing; the room's
 * uninstall.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Network_Store;
use Dangjian\Network_Schema;

$year  = (int) wp_date( 'Y' );
$sites = dj_n_sites( DJ_N_SITES );
Dangjian\Network_Push::rebuild( array( $year ), 50 );
$count = static fn( array $args = array() ) => count( Network_Store::rows( $year, $args ) );
dj_t_same( DJ_N_SITES, $count(), 'the screen lists every branch site' );

// A site added later: a row at once, listed.
$network = get_network();
$id      = wp_insert_site( array( 'domain' => $network->domain, 'path' => '/late-branch/', 'title' => '后建支部', 'user_id' => 1 ) );
dj_t_ok( is_int( $id ), 'a site is added later' );
dj_t_ok( null !== dj_n_row( $id, $year ), 'it has its row at once' );
dj_t_same( DJ_N_SITES + 1, $count(), 'and is listed' );

// A new title renames the site's rows at once (entities as typed, not as stored).
switch_to_blog( $sites[8] );
update_option( 'blogname', '甲&乙联合支部' );
restore_current_blog();
dj_t_same( '甲&乙联合支部', dj_n_row( $sites[8], $year )['name'], 'a new site title renames its rows' );
switch_to_blog( $sites[8] );
update_option( 'blogname', '测试支部9' );
restore_current_blog();

// Archived and deactivated sites leave the totals and are listed apart.
update_blog_status( $sites[0], 'archived', '1' );
update_blog_status( $sites[1], 'deleted', '1' );
dj_t_same( DJ_N_SITES - 1, $count(), 'archived and deactivated sites leave the active list' );
dj_t_same( 2, $count( array( 'status' => 'archived' ) ), 'they are listed as archived' );
dj_t_ok( null !== dj_n_row( $sites[0], $year ), 'an archived site keeps its row' );
update_blog_status( $sites[0], 'archived', '0' );
update_blog_status( $sites[1], 'deleted', '0' );
dj_t_same( DJ_N_SITES + 1, $count(), 'restored, they count again' );

// Deleted: its rows go.
wp_delete_site( $id );
dj_t_same( array(), Network_Store::years_of( $id ), 'a deleted site\'s rows are removed' );
dj_t_same( DJ_N_SITES, $count(), 'and it is no longer listed' );

// Coverage: 50 branches, 10 organisations without one, 4 of them covered by a joint branch.
$wpdb->query( 'TRUNCATE TABLE ' . Network_Schema::orgs_table() ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
for ( $i = 1; $i <= 10; $i++ ) {
	$r = Network_Store::add_org( array( 'name' => '某科技公司' . $i, 'district' => '东区', 'org_type' => 'enterprise', 'covered_by' => $i <= 4 ? (string) $sites[ $i ] : '' ) );
	dj_t_ok( is_int( $r ), "organisation $i added" );
}
$bad = Network_Store::add_org( array( 'name' => '', 'covered_by' => 'x' ) );
dj_t_same( 'name', is_wp_error( $bad ) ? $bad->get_error_code() : '', 'an organisation without a name is refused, naming the field' );
$bad = Network_Store::add_org( array( 'name' => '某公司', 'covered_by' => '999999' ) );
dj_t_same( 'covered_by', is_wp_error( $bad ) ? $bad->get_error_code() : '', 'a joint branch that does not exist is refused, naming the field' );
dj_t_same( 10, count( Network_Store::orgs() ), 'refused organisations change nothing' );
$c = Network_Store::coverage( $count() );
dj_t_same( array( DJ_N_SITES + 10, DJ_N_SITES + 4, round( ( DJ_N_SITES + 4 ) / ( DJ_N_SITES + 10 ), 4 ) ), array( $c['organisations'], $c['covered'], $c['ratio'] ), 'coverage = (branches + organisations covered jointly) / (branches + listed organisations)' );

// Types and districts filter; stars and bands filter.
Dangjian\Network_Actions::run( 'set_type', array( 'site_id' => (string) $sites[2], 'org_type' => 'social' ) );
dj_t_same( 'social', dj_n_row( $sites[2], $year )['org_type'], 'the committee sets a site\'s type of organisation' );
dj_t_same( 1, $count( array( 'org_type' => 'social' ) ), 'the list filters by type' );
switch_to_blog( $sites[2] );
Dangjian\Engine::forget();
Dangjian\Data_Version::bump();
restore_current_blog();
dj_t_same( 'social', dj_n_row( $sites[2], $year )['org_type'], 'the type survives the site\'s next push' );
$wpdb->update( Network_Schema::table(), array( 'stars' => 4 ), array( 'site_id' => $sites[5], 'year' => $year ) );
dj_t_same( 1, $count( array( 'stars' => '4' ) ), 'the list filters by stars' );
$rows  = Network_Store::rows( $year );
$bands = array_count_values( array_column( $rows, 'band' ) );
dj_t_same( $bands['red'] ?? 0, $count( array( 'band' => 'red' ) ), 'the list filters by compliance band' );
$t = Network_Store::totals( $rows );
dj_t_same( DJ_N_SITES, array_sum( $t['bands'] ), 'every branch is in one band' );
dj_t_same( DJ_N_SITES, array_sum( $t['stars'] ), 'every branch is in the star distribution' );
dj_t_same( 1, $t['stars']['4'], 'the distribution counts the four-star branch' );
$sum = 0;
foreach ( $rows as $r ) {
	$sum += (int) $r['party_members'];
}
dj_t_same( $sum, $t['sum']['party_members'], 'the total of party members is the sum of the rows' );
$sorted = array_column( Network_Store::rows( $year, array( 'orderby' => 'party_members', 'order' => 'desc' ) ), 'party_members' );
$check  = $sorted;
usort( $check, static fn( $a, $b ) => ( null === $a ) <=> ( null === $b ) ?: (int) $b <=> (int) $a );
dj_t_same( $check, $sorted, 'the list sorts by a figure' );
$rank = Network_Store::ranking( $rows, 'party_members', 3 );
dj_t_same( (int) $check[0], (int) $rank[0]['value'], 'the ranking starts with the largest' );

// Stale: no change for longer than the threshold.
$wpdb->update( Network_Schema::table(), array( 'data_changed_at' => gmdate( 'Y-m-d H:i:s', time() - 200 * DAY_IN_SECONDS ) ), array( 'site_id' => $sites[6] ) );
$stale = array_values( array_map( static fn( $r ) => (int) $r['site_id'], array_filter( Network_Store::rows( $year ), static fn( $r ) => $r['stale'] ) ) );
dj_t_same( array( $sites[6] ), $stale, 'a branch without a change for 200 days is stale (threshold 90)' );

// Network activation from nothing: the tables and every branch's row come back.
Network_Schema::uninstall_network();
dj_t_same( null, $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', Network_Schema::table() ) ), 'the room\'s uninstall drops the network table' );
dj_t_same( false, get_site_option( Network_Schema::VERSION_OPTION ), 'and its site option' );
dj_t_same( '', get_site_meta( $sites[2], Network_Schema::TYPE_META, true ), 'and the types kept in site meta' );
deactivate_plugins( 'dangjian/dangjian.php', true, true );
$r = activate_plugin( 'dangjian/dangjian.php', '', true );
dj_t_ok( null === $r, 'the plugin is network-activated again' );
dj_t_same( Network_Schema::VERSION, get_site_option( Network_Schema::VERSION_OPTION ), 'network activation installs the tables' );
dj_t_same( DJ_N_SITES, $count(), 'and writes every branch\'s row of this year' );
dj_t_same( array(), array_values( array_filter( $sites, static fn( $s ) => dj_n_expected( $s, (int) wp_date( 'Y' ) ) !== dj_n_figures( dj_n_row( $s, (int) wp_date( 'Y' ) ) ) ) ), 'rows equal to each site\'s figures after activation' );

dj_t_done();

<?php
/**
 * Activation creates the tables; the schema upgrades when its version changes; the capabilities.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

$plugin = 'dangjian/dangjian.php';

/**
 * The plugin's tables that exist, sorted.
 */
function dj_t_tables(): array {
	global $wpdb;
	$rows = $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix . 'dangjian_' ) . '%' ) );
	sort( $rows );
	return $rows;
}

$expected = dj_t_plugin_tables();

dj_t_ok( is_plugin_active( $plugin ), 'the plugin is active on the test site' );
dj_t_same( $expected, dj_t_tables(), 'the plugin\'s tables exist (its own and its rooms\')' );

// Deactivate, drop everything, activate again: activation alone must recreate the tables.
deactivate_plugins( $plugin, true );
foreach ( $expected as $table ) {
	$wpdb->query( "DROP TABLE {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
}
delete_option( Dangjian\Schema::VERSION_OPTION );
dj_t_same( array(), dj_t_tables(), 'the tables are gone before activation' );
$version_before = Dangjian\Data_Version::get();
$result         = activate_plugin( $plugin );
dj_t_ok( null === $result, 'activate_plugin succeeds', is_wp_error( $result ) ? $result->get_error_message() : '' );
dj_t_same( $expected, dj_t_tables(), 'activation creates every table' );
dj_t_same( Dangjian\Schema::VERSION, get_option( Dangjian\Schema::VERSION_OPTION ), 'activation records the schema version' );
dj_t_ok( Dangjian\Data_Version::get() > $version_before, 'activation bumps the data version' );

// The columns the engine reads are there, with the right types.
$columns = array();
foreach ( $wpdb->get_results( 'SHOW COLUMNS FROM ' . Dangjian\Schema::table( 'activities' ), ARRAY_A ) as $c ) {
	$columns[ $c['Field'] ] = $c['Type'];
}
dj_t_same( 'date', $columns['activity_date'] ?? null, 'activities.activity_date is a DATE' );
dj_t_same( 'decimal(12,2)', $columns['hours'] ?? null, 'activities.hours is DECIMAL(12,2)' );
$people = array();
foreach ( $wpdb->get_results( 'SHOW COLUMNS FROM ' . Dangjian\Schema::table( 'people' ), ARRAY_A ) as $c ) {
	$people[] = $c['Field'];
}
foreach ( array( 'name', 'gender', 'birth_date', 'phone', 'is_staff', 'applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on', 'left_on', 'left_reason', 'notes' ) as $field ) {
	dj_t_ok( in_array( $field, $people, true ), "people has the column $field" );
}

// An older schema version on record: the next load (plugins_loaded) upgrades, restoring a lost column.
$wpdb->query( 'ALTER TABLE ' . Dangjian\Schema::table( 'honours' ) . ' DROP COLUMN awarded_by' );
update_option( Dangjian\Schema::VERSION_OPTION, '0' );
Dangjian\Schema::maybe_upgrade();
$honours = $wpdb->get_col( 'SHOW COLUMNS FROM ' . Dangjian\Schema::table( 'honours' ) );
dj_t_ok( in_array( 'awarded_by', $honours, true ), 'a changed schema version upgrades the tables with dbDelta' );
dj_t_same( Dangjian\Schema::VERSION, get_option( Dangjian\Schema::VERSION_OPTION ), 'the upgrade records the new version' );
$queries_before = $wpdb->num_queries;
Dangjian\Schema::maybe_upgrade();
dj_t_same( $queries_before, $wpdb->num_queries, 'an unchanged schema version costs no query' );

// Capabilities: administrators have both; others none until a role is given one.
list( $admin_id ) = array( get_user_by( 'login', 'admin' )->ID );
list( $sub_id )   = dj_t_user( 'dj_subscriber', 'subscriber' );
list( $ed_id )    = dj_t_user( 'dj_editor', 'editor' );
dj_t_ok( user_can( $admin_id, 'manage_dangjian' ), 'an administrator has manage_dangjian' );
dj_t_ok( user_can( $admin_id, 'view_dangjian' ), 'an administrator has view_dangjian' );
dj_t_ok( ! user_can( $sub_id, 'view_dangjian' ), 'a subscriber lacks view_dangjian' );
dj_t_ok( ! user_can( $sub_id, 'manage_dangjian' ), 'a subscriber lacks manage_dangjian' );
dj_t_ok( ! user_can( $ed_id, 'view_dangjian' ), 'an editor lacks view_dangjian by default' );
dj_t_ok( ! user_can( 0, 'view_dangjian' ), 'an anonymous visitor lacks view_dangjian' );

dj_t_ok( Dangjian\Capabilities::grant( 'editor', 'view_dangjian' ), 'view_dangjian can be granted to the editor role' );
clean_user_cache( $ed_id );
$editor = new WP_User( $ed_id );
dj_t_ok( $editor->has_cap( 'view_dangjian' ), 'an editor given view_dangjian has it' );
dj_t_ok( ! $editor->has_cap( 'manage_dangjian' ), 'view_dangjian does not give manage_dangjian' );
Dangjian\Capabilities::grant( 'editor', 'manage_dangjian' );
Dangjian\Capabilities::revoke( 'editor', 'view_dangjian' );
$editor = new WP_User( $ed_id );
dj_t_ok( $editor->has_cap( 'view_dangjian' ), 'manage_dangjian implies view_dangjian' );
dj_t_ok( ! Dangjian\Capabilities::grant( 'editor', 'edit_posts' ), 'grant refuses a capability that is not the plugin\'s' );
Dangjian\Capabilities::revoke( 'editor', 'manage_dangjian' );
$editor = new WP_User( $ed_id );
dj_t_ok( ! $editor->has_cap( 'view_dangjian' ), 'revoking takes the capability back' );

dj_t_done();

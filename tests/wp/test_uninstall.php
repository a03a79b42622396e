<?php
/**
 * uninstall.php removes exactly what the plugin created: tables, options, capabilities on roles and
 * users, the snapshot folder; and nothing else. The plugin is activated again afterwards.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

$plugin = 'dangjian/dangjian.php';

// Leave a trace of everything the plugin can create.
dj_t_reset();
$wpdb->insert( Dangjian\Schema::table( 'people' ), array( 'id' => 1, 'name' => '张三', 'admitted_on' => '2024-01-01' ) );
Dangjian\Data_Version::bump();
dangjian_stats( array( 'period' => 2024 ) );
$cache_dir = Dangjian\Engine::cache_dir();
dj_t_ok( null !== $cache_dir && glob( $cache_dir . '/dataset-*.snap' ), 'a snapshot exists before uninstalling' );
Dangjian\Capabilities::grant( 'editor', 'view_dangjian' );
list( $sub_id ) = dj_t_user( 'dj_subscriber', 'subscriber' );
$sub            = new WP_User( $sub_id );
$sub->add_cap( 'manage_dangjian' );
update_option( 'dj_test_unrelated', 'keep me' );
$users_before = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->users}" );
$tables_other = $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES WHERE `Tables_in_' . DB_NAME . '` NOT LIKE %s', '%dangjian%' ) );

// Uninstall as WordPress does: deactivate, then uninstall_plugin() runs uninstall.php.
deactivate_plugins( $plugin, true );
uninstall_plugin( $plugin );

dj_t_same( array(), $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', '%' . $wpdb->esc_like( 'dangjian' ) . '%' ) ), 'no dangjian table is left' );
dj_t_same( array(), $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s", '%' . $wpdb->esc_like( 'dangjian' ) . '%' ) ), 'no dangjian option is left' );
clean_user_cache( $sub_id );
wp_roles()->for_site();
$left = array();
foreach ( wp_roles()->roles as $name => $role ) {
	foreach ( array( 'manage_dangjian', 'view_dangjian' ) as $cap ) {
		if ( isset( $role['capabilities'][ $cap ] ) ) {
			$left[] = "$name:$cap";
		}
	}
}
dj_t_same( array(), $left, 'no role keeps a dangjian capability' );
dj_t_same( 0, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->usermeta} WHERE meta_key LIKE %s AND meta_value LIKE %s", '%capabilities', '%dangjian%' ) ), 'no user keeps a dangjian capability' );
dj_t_ok( ! is_dir( (string) $cache_dir ), 'the snapshot folder is gone' );
dj_t_same( 'keep me', get_option( 'dj_test_unrelated' ), 'other options are untouched' );
dj_t_same( $users_before, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->users}" ), 'users are untouched' );
dj_t_same( $tables_other, $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES WHERE `Tables_in_' . DB_NAME . '` NOT LIKE %s', '%dangjian%' ) ), 'other tables are untouched' );
$sub = new WP_User( $sub_id );
dj_t_ok( in_array( 'subscriber', $sub->roles, true ), 'the user keeps their role' );
delete_option( 'dj_test_unrelated' );

// Put the plugin back for the rest of the suite.
$result = activate_plugin( $plugin );
dj_t_ok( null === $result && is_plugin_active( $plugin ), 'the plugin activates again after an uninstall' );
dj_t_same( count( dj_t_plugin_tables() ), count( $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', '%' . $wpdb->esc_like( 'dangjian' ) . '%' ) ) ), 'with all its tables' );

dj_t_done();

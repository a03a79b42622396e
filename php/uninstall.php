<?php
/**
 * Removes exactly what the plugin created, on every site of a network: its tables, its options, its
 * capabilities on roles and users, and its snapshot folder in uploads.
 *
 * @package Dangjian
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/data/class-schema.php';
require_once __DIR__ . '/includes/core/class-capabilities.php';
require_once __DIR__ . '/includes/data/class-data-version.php';
require_once __DIR__ . '/includes/core/class-uploads.php';
require_once __DIR__ . '/includes/engine/class-engine.php';
require_once __DIR__ . '/includes/engine/class-engine-store.php';
require_once __DIR__ . '/includes/engine/class-engine-deltas.php';
require_once __DIR__ . '/includes/engine/class-engine-build.php';
require_once __DIR__ . '/includes/engine/class-engine-stream.php';
require_once __DIR__ . '/includes/core/class-settings.php';
require_once __DIR__ . '/includes/core/class-plugin.php';
require_once __DIR__ . '/includes/admin/class-reminders.php';
require_once __DIR__ . '/includes/import/class-export-job.php';
require_once __DIR__ . '/includes/showcase/class-showcase.php';
require_once __DIR__ . '/includes/network/class-network-schema.php';
require_once __DIR__ . '/includes/network/class-network-push.php';

/**
 * Removes the plugin's data from the current site.
 */
function dangjian_uninstall_site(): void {
	global $wpdb;

	// Schema's tables, and those the rooms (report, rating, network) create: all named {prefix}dangjian_….
	$tables = array();
	foreach ( Dangjian\Schema::TABLES as $name ) {
		$tables[] = Dangjian\Schema::table( $name );
	}
	$rooms  = $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix . 'dangjian_' ) . '%' ) );
	$tables = array_unique( array_merge( $tables, array_map( 'strval', (array) $rooms ) ) );
	foreach ( $tables as $table ) {
		$wpdb->query( "DROP TABLE IF EXISTS `{$table}`" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The plugin's own table name.
	}

	$options = array(
		Dangjian\Schema::VERSION_OPTION,
		Dangjian\Data_Version::OPTION,
		Dangjian\Engine::KEY_OPTION,
		Dangjian\Engine::SKIPPED_OPTION,
		Dangjian\Settings::OPTION,
		'dangjian_demo', // Written by php/demo/load-demo.php.
		'widget_dangjian_stats', // The classic widget's settings (WordPress writes it when the widget is registered).
	);
	foreach ( $options as $option ) {
		delete_option( $option );
	}
	// The engine's notes of cheap writes (Engine::on_data_changed()), one per data version, and every
	// other option of the plugin and its rooms (all named dangjian_…).
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( 'dangjian_' ) . '%' ) );
	wp_cache_delete( 'alloptions', 'options' );
	// The showcase's cached HTML (includes/showcase/class-showcase.php) when kept as transients.
	$wpdb->query(
		$wpdb->prepare(
			"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s",
			$wpdb->esc_like( '_transient_dangjian_sc_' ) . '%',
			$wpdb->esc_like( '_transient_timeout_dangjian_sc_' ) . '%'
		)
	);
	// The widget's instances in the sidebars.
	$sidebars = get_option( 'sidebars_widgets' );
	if ( is_array( $sidebars ) ) {
		foreach ( $sidebars as $area => $ids ) {
			if ( is_array( $ids ) ) {
				$sidebars[ $area ] = array_values( array_filter( $ids, static fn( $id ) => ! str_starts_with( (string) $id, 'dangjian_stats-' ) ) );
			}
		}
		update_option( 'sidebars_widgets', $sidebars );
	}

	foreach ( wp_roles()->role_objects as $role ) {
		foreach ( Dangjian\Capabilities::ALL as $cap ) {
			if ( $role->has_cap( $cap ) ) {
				$role->remove_cap( $cap );
			}
		}
	}

	// The snapshot cache, and the uploads kept for an import's preview (includes/import/class-import-admin.php).
	$uploads = wp_upload_dir( null, false );
	if ( empty( $uploads['error'] ) && ! empty( $uploads['basedir'] ) ) {
		foreach ( array( Dangjian\Engine::CACHE_DIR, 'dangjian-import' ) as $folder ) {
			$dir = $uploads['basedir'] . '/' . $folder;
			if ( ! is_dir( $dir ) ) {
				continue;
			}
			foreach ( array_merge( (array) glob( $dir . '/*' ), (array) glob( $dir . '/.htaccess' ) ) as $file ) {
				if ( is_file( $file ) ) {
					unlink( $file );
				}
			}
			rmdir( $dir );
		}
	}
	// The object cache's groups: kept datasets and figures, and the showcase's HTML.
	if ( function_exists( 'wp_cache_supports' ) && wp_cache_supports( 'flush_group' ) ) {
		wp_cache_flush_group( Dangjian\Engine::CACHE_GROUP );
		wp_cache_flush_group( Dangjian\Showcase::CACHE_GROUP );
	}
	// Scheduled events: uploads cleanup, weekly digest, network refresh, background exports.
	foreach ( Dangjian\Plugin::cron_hooks() as $hook ) {
		wp_clear_scheduled_hook( $hook );
	}
}

/**
 * Takes the plugin's capabilities from every user who was given one directly (users are shared by
 * the sites of a network; their capabilities are stored per site).
 */
function dangjian_uninstall_user_caps(): void {
	global $wpdb;
	$like     = '%' . $wpdb->esc_like( 'dangjian' ) . '%';
	$user_ids = $wpdb->get_col(
		$wpdb->prepare( "SELECT DISTINCT user_id FROM {$wpdb->usermeta} WHERE meta_key LIKE %s AND meta_value LIKE %s", '%' . $wpdb->esc_like( 'capabilities' ), $like )
	);
	foreach ( $user_ids as $user_id ) {
		$user = new WP_User( (int) $user_id );
		foreach ( Dangjian\Capabilities::ALL as $cap ) {
			if ( isset( $user->caps[ $cap ] ) ) {
				$user->remove_cap( $cap );
			}
		}
	}
}

if ( is_multisite() ) {
	foreach ( get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	) as $dangjian_site_id ) {
		switch_to_blog( (int) $dangjian_site_id );
		dangjian_uninstall_site();
		dangjian_uninstall_user_caps();
		restore_current_blog();
	}
	// The network's summary and organisations tables, its site options and committee meta.
	Dangjian\Network_Schema::uninstall_network();
} else {
	dangjian_uninstall_site();
	dangjian_uninstall_user_caps();
}

// Users' opt-in to the weekly reminders digest (user meta, shared by the sites of a network).
delete_metadata( 'user', 0, Dangjian\Reminders::OPT_IN, '', true );

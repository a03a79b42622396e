<?php
/**
 * Wiring: the hooks the plugin adds, activation.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The plugin's entry point.
 */
final class Plugin {

	/**
	 * Adds the hooks. Called once from dangjian.php.
	 */
	public static function init(): void {
		add_action( 'plugins_loaded', array( Schema::class, 'maybe_upgrade' ) );
		add_action( 'init', array( self::class, 'load_textdomain' ) );
		add_filter( 'map_meta_cap', array( Capabilities::class, 'map_meta_cap' ), 10, 3 );
		add_action( 'wp_initialize_site', array( self::class, 'initialize_site' ), 200 );
		add_action( 'dangjian_data_changed', array( Engine::class, 'on_data_changed' ) );
		Rest::init();
		Privacy::init();
		Uploads::init();
		Showcase::init();
		Report_Module::init();
		Rating_Module::init();
		Network_Module::init();
		CLI::init();
		Reminders::init();
		Export_Job::init(); // Background exports run from wp-cron, outside the admin.
		if ( is_admin() ) {
			Admin::init();
			Import_Admin::init();
		}
	}

	/**
	 * Loads the dangjian text domain from the plugin's languages/ folder.
	 */
	public static function load_textdomain(): void {
		load_plugin_textdomain( 'dangjian', false, dirname( plugin_basename( DANGJIAN_PLUGIN_FILE ) ) . '/languages' );
	}

	/**
	 * The wp-cron hooks the plugin schedules: the daily cleanup of import uploads, the weekly
	 * reminders digest, the network summary's refresh and the background exports.
	 *
	 * @return string[]
	 */
	public static function cron_hooks(): array {
		return array( Uploads::CRON_HOOK, Reminders::CRON, Network_Push::REFRESH_HOOK, Export_Job::HOOK );
	}

	/**
	 * Deactivation: the plugin's scheduled events go (they are scheduled again on the next request
	 * after a new activation). On a network, for every site.
	 *
	 * @param bool $network_wide Whether the plugin is being deactivated for the whole network.
	 */
	public static function deactivate( $network_wide = false ): void {
		$sites = is_multisite() && $network_wide ? get_sites(
			array(
				'fields' => 'ids',
				'number' => 0,
			)
		) : array( get_current_blog_id() );
		foreach ( $sites as $site_id ) {
			$switched = (int) $site_id !== get_current_blog_id() && switch_to_blog( (int) $site_id );
			foreach ( self::cron_hooks() as $hook ) {
				wp_clear_scheduled_hook( $hook );
			}
			if ( $switched ) {
				restore_current_blog();
			}
		}
	}

	/**
	 * Activation: creates the tables of the site, or of every site when activated network-wide.
	 *
	 * @param bool $network_wide Whether the plugin is being activated for the whole network.
	 */
	public static function activate( $network_wide = false ): void {
		if ( is_multisite() && $network_wide ) {
			foreach ( get_sites(
				array(
					'fields' => 'ids',
					'number' => 0,
				)
			) as $site_id ) {
				switch_to_blog( (int) $site_id );
				$ok = Schema::install();
				restore_current_blog();
				if ( ! $ok ) {
					self::fail_activation();
				}
			}
			return;
		}
		if ( ! Schema::install() ) {
			self::fail_activation();
		}
	}

	/**
	 * A new site of a network where the plugin is network-active gets its tables at once.
	 *
	 * @param \WP_Site $site The new site.
	 */
	public static function initialize_site( $site ): void {
		if ( ! function_exists( 'is_plugin_active_for_network' ) ) {
			require_once ABSPATH . 'wp-admin/includes/plugin.php';
		}
		if ( ! is_plugin_active_for_network( plugin_basename( DANGJIAN_PLUGIN_FILE ) ) ) {
			return;
		}
		switch_to_blog( (int) $site->blog_id );
		Schema::install();
		restore_current_blog();
	}

	/**
	 * Stops an activation whose tables could not be created.
	 */
	private static function fail_activation(): void {
		wp_die(
			esc_html__( 'Dangjian could not create its database tables. Check that the database user may create tables.', 'dangjian' ),
			esc_html__( 'Activation failed', 'dangjian' ),
			array( 'back_link' => true )
		);
	}
}

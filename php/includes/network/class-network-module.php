<?php
/**
 * The network room's hooks, added from Plugin::init().
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the network room: the network table, its admin screen, REST route, shortcode and WP-CLI
 * command. Everything is inert on a single site except the shortcode (which then says there is no
 * network).
 */
final class Network_Module {

	/** The committee's capability: read the network screen, REST route, CSV and report. */
	const VIEW = 'view_dangjian_network';

	/**
	 * Adds the hooks of the network room. Called once from Plugin::init().
	 */
	public static function init(): void {
		add_shortcode( 'dangjian_network', array( Network_Shortcode::class, 'render' ) );
		if ( ! is_multisite() ) {
			return;
		}
		add_action( 'activate_' . plugin_basename( DANGJIAN_PLUGIN_FILE ), array( self::class, 'activate' ) );
		add_action( 'plugins_loaded', array( Network_Schema::class, 'maybe_upgrade' ) );
		add_filter( 'map_meta_cap', array( self::class, 'map_meta_cap' ), 10, 3 );
		add_action( 'dangjian_data_changed', array( Network_Push::class, 'on_data_changed' ), 20 );
		add_action( 'update_option_' . Settings::OPTION, array( Network_Push::class, 'on_settings_changed' ) );
		add_action( 'add_option_' . Settings::OPTION, array( Network_Push::class, 'on_settings_changed' ) );
		foreach ( array( 'dangjian_profile', 'blogname' ) as $option ) {
			add_action( 'update_option_' . $option, array( Network_Push::class, 'on_identity_changed' ) );
			add_action( 'add_option_' . $option, array( Network_Push::class, 'on_identity_changed' ) );
		}
		add_action( Network_Push::REFRESH_HOOK, array( Network_Push::class, 'refresh' ) );
		add_action( 'dangjian_rating_changed', array( Network_Push::class, 'on_rating_changed' ) );
		add_action( 'wp_initialize_site', array( Network_Push::class, 'on_initialize_site' ), 210 );
		add_action( 'wp_delete_site', array( Network_Push::class, 'on_delete_site' ) );
		add_action( 'rest_api_init', array( Network_Rest::class, 'register' ) );
		add_action( 'network_admin_menu', array( Network_Admin::class, 'network_menu' ) );
		add_action( 'admin_menu', array( Network_Admin::class, 'site_menu' ), 20 );
		if ( defined( 'WP_CLI' ) && WP_CLI && class_exists( '\\WP_CLI' ) ) {
			\WP_CLI::add_command( 'dangjian network', Network_CLI::class );
		}
	}

	/**
	 * The plugin's activation: on a network-wide activation, the network tables and every branch's
	 * row of the current year (the sites' own tables are made by Plugin::activate()).
	 *
	 * @param bool $network_wide Whether the plugin is activated for the whole network.
	 */
	public static function activate( $network_wide = false ): void {
		if ( ! is_multisite() || ! $network_wide ) {
			return;
		}
		Network_Schema::install();
		Network_Push::rebuild( array( Network_Push::this_year() ) );
	}

	/**
	 * view_dangjian_network: super admins (through manage_network_options), and users the committee
	 * named (user meta dangjian_network_viewer, network-wide as users are); nobody else.
	 *
	 * @param string[] $caps    Primitive capabilities required so far.
	 * @param string   $cap     The capability asked for.
	 * @param int      $user_id The user.
	 * @return string[]
	 */
	public static function map_meta_cap( $caps, $cap, $user_id ) {
		if ( self::VIEW !== $cap ) {
			return $caps;
		}
		if ( ! $user_id ) {
			return array( 'do_not_allow' );
		}
		if ( is_super_admin( (int) $user_id ) ) {
			return array( 'manage_network_options' );
		}
		return get_user_meta( (int) $user_id, Network_Schema::VIEWER_META, true ) ? array( 'exist' ) : array( 'do_not_allow' );
	}

	/**
	 * Gives or takes the committee's capability.
	 *
	 * @param int  $user_id The user.
	 * @param bool $on      Give (true) or take (false).
	 */
	public static function set_viewer( int $user_id, bool $on ): bool {
		if ( ! get_userdata( $user_id ) ) {
			return false;
		}
		return $on ? (bool) update_user_meta( $user_id, Network_Schema::VIEWER_META, 1 ) || (bool) get_user_meta( $user_id, Network_Schema::VIEWER_META, true ) : delete_user_meta( $user_id, Network_Schema::VIEWER_META );
	}
}

<?php
/**
 * The report room's hooks, added from Plugin::init().
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the report room: admin screen, REST routes, WP-CLI command.
 */
final class Report_Module {

	/**
	 * Adds the hooks of the report room. Called once from Plugin::init().
	 */
	public static function init(): void {
		add_action( 'rest_api_init', array( Report_Rest::class, 'register' ) );
		if ( is_admin() ) {
			add_action( 'admin_menu', array( Report_Admin::class, 'menu' ), 20 );
		}
		if ( defined( 'WP_CLI' ) && WP_CLI && class_exists( '\\WP_CLI' ) ) {
			\WP_CLI::add_command( 'dangjian report', array( Report_Cli::class, 'report' ), Report_Cli::synopsis() );
		}
	}
}

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
	}
}

<?php
/**
 * The rating room's hooks, added from Plugin::init().
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the rating room: admin screen, REST routes, WP-CLI command.
 */
final class Rating_Module {

	/**
	 * Adds the hooks of the rating room. Called once from Plugin::init().
	 */
	public static function init(): void {
	}
}

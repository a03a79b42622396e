<?php
/**
 * The network room's hooks, added from Plugin::init().
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the network room: the network table, its admin screen, REST route and WP-CLI command.
 */
final class Network_Module {

	/**
	 * Adds the hooks of the network room. Called once from Plugin::init().
	 */
	public static function init(): void {
	}
}

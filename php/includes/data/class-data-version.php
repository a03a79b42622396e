<?php
/**
 * The data version: a counter bumped by every write to the plugin's tables.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The engine's dataset and every cached figure are keyed by this number, so a read after a write is
 * always current and an unchanged dataset is never rebuilt. The counter lives in the option
 * dangjian_data_version (not autoloaded) and is read from the database on every call: another
 * process's write is seen at once, whatever object cache the site has.
 */
final class Data_Version {

	const OPTION = 'dangjian_data_version';

	/**
	 * The current data version of this site (1 or more).
	 */
	public static function get(): int {
		global $wpdb;
		$value = $wpdb->get_var(
			$wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", self::OPTION )
		);
		if ( null === $value ) {
			add_option( self::OPTION, '1', '', false );
			return 1;
		}
		return max( 1, (int) $value );
	}

	/**
	 * Records a write: increments the version atomically (in SQL, so two concurrent writers never
	 * end on the same number), then fires dangjian_data_changed.
	 *
	 * Call it after the write, never before: a reader that sees the new number must see the new rows.
	 *
	 * @return int The new version.
	 */
	public static function bump(): int {
		global $wpdb;
		$updated = $wpdb->query(
			$wpdb->prepare(
				"UPDATE {$wpdb->options} SET option_value = CAST(option_value AS UNSIGNED) + 1 WHERE option_name = %s",
				self::OPTION
			)
		);
		if ( ! $updated ) {
			add_option( self::OPTION, '2', '', false );
		}
		wp_cache_delete( self::OPTION, 'options' );
		$version = self::get();
		/**
		 * Fires after a write to the plugin's tables.
		 *
		 * @param int $version The new data version.
		 */
		do_action( 'dangjian_data_changed', $version );
		return $version;
	}
}

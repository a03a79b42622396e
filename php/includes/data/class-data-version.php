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
	 * Records a write: increments the version and reads the new number in one statement
	 * (LAST_INSERT_ID(expr) keeps the value this connection wrote), so that two concurrent writers
	 * never get the same number: each write's delta is stored under a version of its own. Then fires
	 * dangjian_data_changed.
	 *
	 * Call it after the write, never before: a reader that sees the new number must see the new rows.
	 *
	 * @return int The new version.
	 */
	public static function bump(): int {
		global $wpdb;
		$version = 0;
		for ( $try = 0; $try < 3 && ! $version; $try++ ) {
			$updated = $wpdb->query(
				$wpdb->prepare(
					"UPDATE {$wpdb->options} SET option_value = LAST_INSERT_ID(CAST(option_value AS UNSIGNED) + 1) WHERE option_name = %s",
					self::OPTION
				)
			);
			if ( $updated ) {
				// The value this connection's UPDATE wrote, whatever other writers did since.
				$version = (int) $wpdb->get_var( 'SELECT LAST_INSERT_ID()' );
			} elseif ( add_option( self::OPTION, '2', '', false ) ) {
				$version = 2; // A site without the option: 1 was the version before this write.
			}
			// Else another process added the option meanwhile: count on from it.
		}
		wp_cache_delete( self::OPTION, 'options' );
		if ( $version < 2 ) {
			$version = self::get(); // The database refused every try: the best known number.
		}
		/**
		 * Fires after a write to the plugin's tables.
		 *
		 * @param int $version The new data version.
		 */
		do_action( 'dangjian_data_changed', $version );
		return $version;
	}
}

<?php
/**
 * The showcase's cache: its HTML by data version and everything else it depends on.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Entries live in the object cache group "dangjian_showcase" when the site has a persistent object
 * cache, else in transients named dangjian_sc_* (purged on every write). Two bounds keep what the
 * public can make the site store small:
 *  - at most MAX_KEYS showcases are cached per data version: past that, a showcase is computed for
 *    its view and not stored (the figures behind it are cached by the engine under its own bound,
 *    Engine::PUBLIC_KEYS);
 *  - nothing computed from a stale dataset (one of an older data version, served while another
 *    process rebuilds) is stored: it would be served for a day under the new version.
 */
final class Showcase_Cache {

	/** The most showcases cached per data version. */
	const MAX_KEYS = 200;

	/**
	 * The cache key of a showcase: everything its HTML depends on.
	 *
	 * @param array  $options The checked options (with the public period's bounds).
	 * @param array  $allowed The figures the public may see.
	 * @param string $context Where it renders.
	 */
	public static function key( array $options, array $allowed, string $context ): string {
		$parts = array(
			DANGJIAN_PLUGIN_VERSION,
			Data_Version::get(),
			$options,
			$allowed,
			$context,
			Format::locale(),
			Period::today(), // "this year" and the roster's day follow the calendar.
			Settings::organisation(),
			Rating_Module::badge_key(), // The star badge: its setting and the last closed year (no query).
		);
		return Showcase::TRANSIENT_PREFIX . md5( (string) wp_json_encode( $parts ) );
	}

	/**
	 * A cached value, or null.
	 *
	 * @param string $key The key (from self::key(), or another dangjian_sc_ name).
	 * @return mixed|null
	 */
	public static function get( string $key ) {
		$value = wp_using_ext_object_cache() ? wp_cache_get( $key, Showcase::CACHE_GROUP ) : get_transient( $key );
		return false === $value ? null : $value;
	}

	/**
	 * Stores a value for a day.
	 *
	 * @param string $key      The key.
	 * @param mixed  $value    The value (not false).
	 * @param bool   $budgeted Whether it counts against MAX_KEYS (a showcase's HTML); false for the
	 *                         few values of the site itself (the public window).
	 * @return bool Whether it was stored.
	 */
	public static function put( string $key, $value, bool $budgeted = true ): bool {
		if ( $budgeted && ! self::room() ) {
			return false;
		}
		if ( wp_using_ext_object_cache() ) {
			return (bool) wp_cache_set( $key, $value, Showcase::CACHE_GROUP, DAY_IN_SECONDS );
		}
		return (bool) set_transient( $key, $value, DAY_IN_SECONDS );
	}

	/**
	 * Whether one more showcase may be cached under the current data version (and counts it).
	 */
	private static function room(): bool {
		global $wpdb;
		if ( wp_using_ext_object_cache() ) {
			$counter = 'count-' . Data_Version::get();
			wp_cache_add( $counter, 0, Showcase::CACHE_GROUP, DAY_IN_SECONDS );
			$n = wp_cache_incr( $counter, 1, Showcase::CACHE_GROUP );
			return false !== $n && $n <= self::MAX_KEYS;
		}
		// Transients: every write purges them, so those present are this version's.
		$n = (int) $wpdb->get_var(
			$wpdb->prepare(
				"SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE %s",
				$wpdb->esc_like( '_transient_timeout_' . Showcase::TRANSIENT_PREFIX ) . '%'
			)
		);
		return $n < self::MAX_KEYS;
	}

	/**
	 * Removes the cached showcases kept as transients (on every write; the data version is in the key
	 * anyway, so this only keeps the options table small).
	 */
	public static function purge(): void {
		global $wpdb;
		if ( wp_using_ext_object_cache() ) {
			return;
		}
		$like  = $wpdb->esc_like( '_transient_' . Showcase::TRANSIENT_PREFIX ) . '%';
		$tlike = $wpdb->esc_like( '_transient_timeout_' . Showcase::TRANSIENT_PREFIX ) . '%';
		$names = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $like, $tlike ) );
		if ( ! $names ) {
			return;
		}
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $like, $tlike ) );
		foreach ( $names as $name ) {
			wp_cache_delete( $name, 'options' );
		}
		wp_cache_delete( 'alloptions', 'options' );
	}
}

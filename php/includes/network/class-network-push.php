<?php
/**
 * Each site pushes its summary into the network table when its data changes; the batched rebuild.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The write side of the network room.
 *
 *  - dangjian_data_changed (fired by Data_Version::bump() after every write): the site recomputes
 *    and writes its rows of the current year and of the years of the activities written (from the
 *    engine's note of the write, when there is one); its rows of other years are marked out of date
 *    and a single cron event on the site (REFRESH_HOOK) recomputes them later. A write to people
 *    can change any later year's roster, so those years are always refreshed that way.
 *  - A change of the site's settings (which figures are public) rewrites every stored year at
 *    once: a figure made private leaves the network table in the same request.
 *  - A change of the profile or of the site's title renames the site's rows.
 *  - A new site of the network gets its row of the current year; a deleted site loses its rows.
 *    Archived, deactivated and spam sites keep their rows; the readers leave them out.
 * The main site (the committee's) is not a branch and pushes nothing.
 */
final class Network_Push {

	/** The per-site cron event that recomputes rows marked out of date. */
	const REFRESH_HOOK = 'dangjian_network_refresh';

	/** @var float[] Seconds spent in push() by this request (the benchmark reads it). */
	public static $timings = array();

	/**
	 * Whether the current site pushes: a network whose table is installed, and not the main site.
	 */
	public static function enabled(): bool {
		return is_multisite() && ! is_main_site() && Network_Schema::ready();
	}

	/**
	 * The dangjian_data_changed action.
	 *
	 * @param int $version The new data version.
	 */
	public static function on_data_changed( $version ): void {
		if ( ! self::enabled() ) {
			return;
		}
		$t0    = hrtime( true );
		$now   = current_time( 'mysql', true );
		$site  = get_current_blog_id();
		$years = array_unique( array_merge( array( self::this_year() ), self::years_of_write( (int) $version ) ) );
		foreach ( self::rows( $years, $now ) as $row ) {
			Network_Store::put( $row );
		}
		$marked = Network_Store::mark_outdated( $site, $years, $now );
		if ( $marked && ! wp_next_scheduled( self::REFRESH_HOOK ) ) {
			wp_schedule_single_event( time() + MINUTE_IN_SECONDS, self::REFRESH_HOOK );
		}
		self::$timings[] = ( hrtime( true ) - $t0 ) / 1e9;
	}

	/**
	 * Computes the current site's rows of some years (nothing written).
	 *
	 * @param int[]       $years      The years.
	 * @param string|null $changed_at The time of the data change (UTC, MySQL format), or null: then
	 *                                the latest created_at / updated_at of the site's people and
	 *                                activities (the stored time stays when it is later).
	 * @return array[]
	 */
	public static function rows( array $years, ?string $changed_at ): array {
		if ( null === $changed_at ) {
			$changed_at = self::last_change();
		}
		$rows = array();
		foreach ( $years as $year ) {
			$row = Network_Summary::compute( (int) $year );
			if ( ! is_wp_error( $row ) ) {
				$row['data_changed_at'] = $changed_at;
				$rows[]                 = $row;
			}
		}
		return $rows;
	}

	/**
	 * Computes and writes the current site's rows of some years.
	 *
	 * @param int[]       $years      The years.
	 * @param string|null $changed_at As for self::rows().
	 * @return int Rows written.
	 */
	public static function push( array $years, ?string $changed_at ): int {
		$written = 0;
		foreach ( self::rows( $years, $changed_at ) as $row ) {
			$written += Network_Store::put( $row ) ? 1 : 0;
		}
		return $written;
	}

	/**
	 * The years of the activities that the write of $version inserted or changed, from the engine's
	 * note of it (the option dangjian_delta_<version>, written just before this action runs); empty
	 * when the write left no note or was not to activities.
	 *
	 * @param int $version The data version.
	 * @return int[]
	 */
	public static function years_of_write( int $version ): array {
		global $wpdb;
		$note = get_option( Engine::DELTA_PREFIX . $version );
		if ( ! is_array( $note ) || 'activities' !== ( $note['entity'] ?? '' ) || 'delete' === ( $note['op'] ?? '' ) || empty( $note['ids'] ) ) {
			return array();
		}
		$ids   = implode( ',', array_map( 'intval', array_slice( (array) $note['ids'], 0, 1000 ) ) );
		$table = Schema::table( 'activities' );
		return array_map( 'intval', $wpdb->get_col( "SELECT DISTINCT YEAR(activity_date) FROM {$table} WHERE id IN ({$ids})" ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Integers.
	}

	/**
	 * The cron event: recomputes the current site's rows marked out of date.
	 */
	public static function refresh(): void {
		if ( self::enabled() ) {
			self::push( Network_Store::years_of( get_current_blog_id(), true ), null );
		}
	}

	/**
	 * After the site's settings change: every stored year is rewritten (which figures are public may
	 * have changed), and the current year written if it was not.
	 */
	public static function on_settings_changed(): void {
		if ( ! self::enabled() ) {
			return;
		}
		Engine::forget();
		$years = array_unique( array_merge( array( self::this_year() ), Network_Store::years_of( get_current_blog_id() ) ) );
		self::push( $years, null );
	}

	/**
	 * The rating room's assessment of a year was closed or reopened (dangjian_rating_changed, when
	 * that room fires it): the year's row takes the stars.
	 *
	 * @param int $year The year.
	 */
	public static function on_rating_changed( $year ): void {
		if ( self::enabled() && is_numeric( $year ) ) {
			self::push( array( (int) $year ), null );
		}
	}

	/**
	 * After the profile or the site's title changes: the site's rows take the new name and district.
	 */
	public static function on_identity_changed(): void {
		if ( self::enabled() ) {
			Network_Store::set_identity( get_current_blog_id(), Network_Summary::identity() );
		}
	}

	/**
	 * A new site of the network (wp_initialize_site, after the plugin's tables are made): its row of
	 * the current year, empty until it records something.
	 *
	 * @param \WP_Site $site The new site.
	 */
	public static function on_initialize_site( $site ): void {
		if ( ! function_exists( 'is_plugin_active_for_network' ) ) {
			require_once ABSPATH . 'wp-admin/includes/plugin.php';
		}
		if ( ! is_plugin_active_for_network( plugin_basename( DANGJIAN_PLUGIN_FILE ) ) ) {
			return;
		}
		switch_to_blog( (int) $site->blog_id );
		Engine::forget();
		if ( self::enabled() ) {
			self::push( array( self::this_year() ), null );
		}
		Engine::forget();
		restore_current_blog();
	}

	/**
	 * A site was deleted (wp_delete_site): its rows go.
	 *
	 * @param \WP_Site $site The deleted site.
	 */
	public static function on_delete_site( $site ): void {
		if ( is_multisite() && Network_Schema::ready() ) {
			Network_Store::forget_site( (int) $site->blog_id );
		}
	}

	/**
	 * Rebuilds the rows of every branch site, $batch sites at a time (switch_to_blog() per site: the
	 * repair and backfill path, never the readers'), then removes the rows of sites that no longer
	 * exist.
	 *
	 * @param int[]         $years    The years (default: this year and last year).
	 * @param int           $batch    Sites fetched per query (1-1000).
	 * @param callable|null $progress Called with (sites done, rows written) after each batch.
	 * @return array{sites:int,rows:int,pruned:int}
	 */
	public static function rebuild( array $years = array(), int $batch = 50, ?callable $progress = null ): array {
		if ( ! is_multisite() ) {
			return array( 'sites' => 0, 'rows' => 0, 'pruned' => 0 );
		}
		Network_Schema::maybe_upgrade();
		if ( ! $years ) {
			$years = array( self::this_year(), self::this_year() - 1 );
		}
		$batch  = max( 1, min( 1000, $batch ) );
		$done   = 0;
		$rows   = 0;
		$offset = 0;
		$main   = get_main_site_id();
		do {
			$ids = get_sites(
				array(
					'fields'     => 'ids',
					'number'     => $batch,
					'offset'     => $offset,
					'orderby'    => 'id',
					'network_id' => get_current_network_id(),
				)
			);
			foreach ( $ids as $id ) {
				if ( (int) $id === $main ) {
					continue;
				}
				switch_to_blog( (int) $id );
				Engine::forget(); // The engine keeps one dataset per request, by data version only.
				Schema::maybe_upgrade();
				$rows += self::push( $years, null );
				Engine::forget();
				restore_current_blog();
				++$done;
			}
			$offset += $batch;
			if ( function_exists( 'wp_cache_flush_runtime' ) ) {
				wp_cache_flush_runtime();
			}
			if ( $progress ) {
				$progress( $done, $rows );
			}
		} while ( count( $ids ) === $batch );
		return array(
			'sites'  => $done,
			'rows'   => $rows,
			'pruned' => Network_Store::prune(),
		);
	}

	/**
	 * The latest created_at or updated_at of the current site's people and activities (UTC), or null.
	 */
	public static function last_change(): ?string {
		global $wpdb;
		$latest = null;
		foreach ( array( 'people', 'activities' ) as $name ) {
			$table = Schema::table( $name );
			$value = $wpdb->get_var( "SELECT GREATEST(COALESCE(MAX(created_at), '1000-01-01'), COALESCE(MAX(updated_at), '1000-01-01')) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The plugin's table.
			if ( is_string( $value ) && $value > '1000-01-01 00:00:00' && ( null === $latest || $value > $latest ) ) {
				$latest = $value;
			}
		}
		return $latest;
	}

	/**
	 * The current year in the site's time zone.
	 */
	public static function this_year(): int {
		return (int) wp_date( 'Y' );
	}
}

<?php
/**
 * Assessments by year, each kept with its rubric, in {prefix}dangjian_ratings; the active rubric.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * One row per year: the rubric it was scored on (a copy), the secretary's manual scores, the last
 * result, its total and stars, and the data version it was computed at.
 *
 * A year's assessment is a draft until the secretary closes it. A draft is recomputed whenever the
 * records change (the data version moves); a closed one never is. Saving the active rubric copies it
 * into the current year's draft only: earlier years keep the rubric they were scored on.
 */
final class Rating_Store {

	/** Bump when the table's definition changes. */
	const DB_VERSION = '1';

	const DB_VERSION_OPTION = 'dangjian_rating_db_version';

	/** The active rubric (an array), used for new assessments and the current year's draft. */
	const RUBRIC_OPTION = 'dangjian_rating_rubric';

	/** Whether the public showcase may show the badge (stars and year): '1' or '0'. */
	const BADGE_OPTION = 'dangjian_rating_badge';

	/** The stars the branch aims for (1 to 5, default 5). */
	const TARGET_OPTION = 'dangjian_rating_target';

	/** Changes whenever a year is closed or opened again: the public badge's part of a cache key. */
	const CLOSED_OPTION = 'dangjian_rating_closed_version';

	/** The preset used until the secretary chooses a rubric. */
	const DEFAULT_PRESET = 'eight_standard';

	/** Limits of a manual score. */
	const NOTE_MAX     = 2000;
	const EVIDENCE_MAX = 10;

	/** Every option the room creates (uninstall.php must delete these). */
	const OPTIONS = array( self::DB_VERSION_OPTION, self::RUBRIC_OPTION, self::BADGE_OPTION, self::TARGET_OPTION, self::CLOSED_OPTION );

	/**
	 * The table's full name on the current site.
	 */
	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'dangjian_ratings';
	}

	/**
	 * Creates or upgrades the table (dbDelta) and records the version.
	 *
	 * @return bool Whether the table is there afterwards.
	 */
	public static function install(): bool {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$t = self::table();
		$c = $wpdb->get_charset_collate();
		dbDelta(
			"CREATE TABLE {$t} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  rating_year smallint(5) unsigned NOT NULL,
  status varchar(10) NOT NULL DEFAULT 'draft',
  rubric longtext NOT NULL,
  manual longtext NOT NULL,
  result longtext,
  total decimal(7,2) NOT NULL DEFAULT 0.00,
  stars tinyint(3) unsigned NOT NULL DEFAULT 0,
  data_version bigint(20) unsigned NOT NULL DEFAULT 0,
  computed_at datetime DEFAULT NULL,
  created_at datetime DEFAULT NULL,
  updated_at datetime DEFAULT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY rating_year (rating_year)
) $c;"
		);
		if ( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $t ) ) ) !== $t ) {
			return false;
		}
		update_option( self::DB_VERSION_OPTION, self::DB_VERSION, true );
		return true;
	}

	/**
	 * On plugins_loaded: creates or upgrades the table when its version differs.
	 */
	public static function maybe_upgrade(): void {
		if ( get_option( self::DB_VERSION_OPTION ) !== self::DB_VERSION ) {
			self::install();
		}
	}

	/**
	 * The current year (the site's time zone).
	 */
	public static function this_year(): int {
		return (int) substr( Period::today(), 0, 4 );
	}

	/**
	 * The active rubric: the one saved, else the default preset.
	 */
	public static function active_rubric(): array {
		$stored = get_option( self::RUBRIC_OPTION );
		if ( is_array( $stored ) && ! Rating_Rubric::validate( $stored ) ) {
			return $stored;
		}
		return Rating_Presets::rubric( self::DEFAULT_PRESET );
	}

	/**
	 * Saves the active rubric, after validating it whole; the current year's draft takes it and is
	 * recomputed. Nothing is stored when it is refused.
	 *
	 * @param mixed $rubric The decoded rubric.
	 * @return true|\WP_Error Refused: code dangjian_rating_rubric, data 'errors' => the problems.
	 */
	public static function save_rubric( $rubric ) {
		$errors = Rating_Rubric::validate( $rubric );
		if ( $errors ) {
			return new \WP_Error( 'dangjian_rating_rubric', implode( "\n", $errors ), array( 'errors' => $errors, 'status' => 400 ) );
		}
		update_option( self::RUBRIC_OPTION, $rubric, false );
		$row = self::row( self::this_year() );
		if ( $row && 'draft' === $row['status'] ) {
			self::write( self::this_year(), array( 'rubric' => $rubric ), $row );
			self::compute( self::this_year() );
		}
		return true;
	}

	/**
	 * The stored row of a year, decoded, or null.
	 *
	 * @param int $year The year.
	 */
	public static function row( int $year ): ?array {
		global $wpdb;
		$t   = self::table();
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$t} WHERE rating_year = %d", $year ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		if ( ! $row ) {
			return null;
		}
		$row['rubric'] = json_decode( (string) $row['rubric'], true );
		$row['manual'] = json_decode( (string) $row['manual'], true ) ?: array();
		$row['result'] = null === $row['result'] ? null : json_decode( (string) $row['result'], true );
		return $row;
	}

	/**
	 * Inserts or updates a year's row.
	 *
	 * @param int        $year   The year.
	 * @param array      $fields Columns to set (rubric, manual, result as arrays).
	 * @param array|null $row    The row as it is, or null when there is none.
	 */
	private static function write( int $year, array $fields, ?array $row ): void {
		global $wpdb;
		foreach ( array( 'rubric', 'manual', 'result' ) as $json ) {
			if ( array_key_exists( $json, $fields ) ) {
				$fields[ $json ] = (string) wp_json_encode( $fields[ $json ], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION );
			}
		}
		$now                  = current_time( 'mysql', true );
		$fields['updated_at'] = $now;
		if ( null === $row ) {
			$fields += array(
				'rating_year' => $year,
				'status'      => 'draft',
				'manual'      => '{}',
				'created_at'  => $now,
			);
			// Two requests may open a new year at once: the second insert meets the unique key and
			// is dropped quietly; both then read the one row.
			$quiet = $wpdb->suppress_errors( true );
			$wpdb->insert( self::table(), $fields );
			$wpdb->suppress_errors( $quiet );
			return;
		}
		$wpdb->update( self::table(), $fields, array( 'rating_year' => $year ) );
	}

	/**
	 * Checks a year an assessment may be made for (1900 … this year).
	 *
	 * @param int $year The year.
	 * @return true|\WP_Error
	 */
	public static function check_year( int $year ) {
		if ( $year < 1900 || $year > self::this_year() ) {
			/* translators: %d: the current year. */
			return new \WP_Error( 'dangjian_rating_year', sprintf( __( 'year: an assessment is for a year from 1900 to %d', 'dangjian' ), self::this_year() ), array( 'status' => 400 ) );
		}
		return true;
	}

	/**
	 * A year's assessment: created with the active rubric when there is none, recomputed when it is a
	 * draft computed before the records last changed.
	 *
	 * @param int           $year    The year.
	 * @param callable|null $figures The figure evaluator (default: a new Rating_Figures).
	 * @return array|\WP_Error The stored row: rating_year, status, rubric, manual, result, total, stars…
	 */
	public static function assessment( int $year, ?callable $figures = null ) {
		$ok = self::check_year( $year );
		if ( is_wp_error( $ok ) ) {
			return $ok;
		}
		$row = self::row( $year );
		if ( null === $row ) {
			self::write(
				$year,
				array(
					'rubric' => self::active_rubric(),
					'manual' => new \stdClass(),
				),
				null
			);
			return self::compute( $year, $figures );
		}
		if ( 'draft' === $row['status'] && ( null === $row['result'] || (int) $row['data_version'] !== Data_Version::get() ) ) {
			return self::compute( $year, $figures );
		}
		return $row;
	}

	/**
	 * Scores a year's row again and stores the result (closed years too: only callers that mean it).
	 *
	 * @param int           $year    The year.
	 * @param callable|null $figures The figure evaluator.
	 * @return array|\WP_Error The stored row.
	 */
	public static function compute( int $year, ?callable $figures = null ) {
		$row = self::row( $year );
		if ( null === $row ) {
			return new \WP_Error( 'dangjian_rating_missing', __( 'There is no assessment of that year.', 'dangjian' ), array( 'status' => 404 ) );
		}
		$version = Data_Version::get();
		try {
			$result = Rating_Scorer::score(
				$row['rubric'],
				$figures ?? new Rating_Figures(),
				Rating_Figures::period( $year, Period::today() ),
				$row['manual']
			);
		} catch ( \Throwable $e ) {
			return new \WP_Error( 'dangjian_rating_engine', $e->getMessage(), array( 'status' => 500 ) );
		}
		self::write(
			$year,
			array(
				'result'       => $result,
				'total'        => $result['total'],
				'stars'        => $result['stars'],
				'data_version' => $version,
				'computed_at'  => current_time( 'mysql', true ),
			),
			$row
		);
		return self::row( $year );
	}

	/**
	 * Records the secretary's score of a manual item, a veto or the five-star condition, after
	 * checking it whole, and recomputes the year. Nothing is stored when it is refused.
	 *
	 * @param int    $year   The year.
	 * @param string $target "items", "vetoes" or "five_star".
	 * @param string $id     The item's or veto's id ('' for five_star).
	 * @param array  $input  'points' (items), 'on' (vetoes), 'met' (five_star), 'note', 'evidence' (items).
	 * @return array|\WP_Error The stored row; refused: code dangjian_rating_manual naming the field.
	 */
	public static function save_manual( int $year, string $target, string $id, array $input ) {
		$row = self::assessment( $year );
		if ( is_wp_error( $row ) ) {
			return $row;
		}
		if ( 'closed' === $row['status'] ) {
			return new \WP_Error( 'dangjian_rating_closed', __( 'This year\'s assessment is closed; reopen it to change a score.', 'dangjian' ), array( 'status' => 409 ) );
		}
		$entry = Rating_Manual::check( $row['rubric'], $target, $id, $input );
		if ( is_wp_error( $entry ) ) {
			return $entry;
		}
		$manual = $row['manual'];
		if ( 'five_star' === $target ) {
			$manual['five_star'] = $entry;
		} else {
			$manual[ $target ][ $id ] = $entry;
		}
		self::write( $year, array( 'manual' => $manual ), $row );
		return self::compute( $year );
	}

	/**
	 * Closes a year's assessment (its result is kept as it is) or opens it again as a draft.
	 *
	 * @param int  $year  The year.
	 * @param bool $close True to close, false to reopen.
	 * @return array|\WP_Error The stored row.
	 */
	public static function set_closed( int $year, bool $close ) {
		$row = self::assessment( $year );
		if ( is_wp_error( $row ) ) {
			return $row;
		}
		self::write( $year, array( 'status' => $close ? 'closed' : 'draft' ), $row );
		$result = $close ? self::row( $year ) : self::compute( $year );
		update_option( self::CLOSED_OPTION, uniqid( '', true ) );
		/**
		 * A year's assessment was closed or opened again (the network summary follows it).
		 *
		 * @param int $year The year.
		 */
		do_action( 'dangjian_rating_changed', $year );
		return $result;
	}

	/**
	 * Every stored year, oldest first: year, status, total, stars, max_total.
	 *
	 * @return array[]
	 */
	public static function history(): array {
		global $wpdb;
		$t    = self::table();
		$rows = $wpdb->get_results( "SELECT rating_year, status, total, stars FROM {$t} ORDER BY rating_year", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		return array_map(
			static fn( $r ) => array(
				'year'   => (int) $r['rating_year'],
				'status' => (string) $r['status'],
				'total'  => (float) $r['total'],
				'stars'  => (int) $r['stars'],
			),
			(array) $rows
		);
	}

	/**
	 * The stars the branch aims for.
	 */
	public static function target(): int {
		$t = (int) get_option( self::TARGET_OPTION, 5 );
		return $t >= 1 && $t <= 5 ? $t : 5;
	}

	/**
	 * Whether the public badge is allowed.
	 */
	public static function badge_allowed(): bool {
		return '1' === (string) get_option( self::BADGE_OPTION, '0' );
	}
}

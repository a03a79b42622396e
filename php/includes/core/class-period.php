<?php
/**
 * Periods in the branch's calendar: "this year" is the site's year (its time zone), not the server's.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Turns the public API's period arguments into the engine's from / to / as_of.
 */
final class Period {

	/** The named periods. */
	const NAMES = array( 'this_year', 'last_year', 'all' );

	/**
	 * Today in the site's time zone, "YYYY-MM-DD".
	 */
	public static function today(): string {
		return wp_date( 'Y-m-d' );
	}

	/**
	 * Resolves a period.
	 *
	 * @param array $args 'period' => 'this_year' (default) | 'last_year' | 'all' | a year such as 2024;
	 *                    or 'from' and 'to' ("YYYY-MM-DD", both) for a custom range; 'as_of' optional.
	 * @return array{from:string,to:string,as_of:string}|\WP_Error as_of defaults to today when today lies
	 *                    in the period, else to the period's end.
	 */
	public static function resolve( array $args ) {
		$today = self::today();
		$from  = isset( $args['from'] ) && '' !== $args['from'] ? $args['from'] : null;
		$to    = isset( $args['to'] ) && '' !== $args['to'] ? $args['to'] : null;

		if ( null !== $from || null !== $to ) {
			foreach ( array( 'from' => $from, 'to' => $to ) as $key => $value ) {
				if ( ! is_string( $value ) || ! self::is_date( $value ) ) {
					return new \WP_Error(
						'dangjian_invalid_period',
						/* translators: %s: an argument name, "from" or "to". */
						sprintf( __( '%s must be a date (YYYY-MM-DD) when a custom period is given.', 'dangjian' ), $key )
					);
				}
			}
			if ( $from > $to ) {
				return new \WP_Error( 'dangjian_invalid_period', __( 'The period starts after it ends.', 'dangjian' ) );
			}
		} else {
			$period = $args['period'] ?? 'this_year';
			$year   = (int) substr( $today, 0, 4 );
			if ( 'this_year' === $period ) {
				$from = $year . '-01-01';
				$to   = $year . '-12-31';
			} elseif ( 'last_year' === $period ) {
				$from = ( $year - 1 ) . '-01-01';
				$to   = ( $year - 1 ) . '-12-31';
			} elseif ( 'all' === $period ) {
				list( $first, $latest ) = self::data_bounds();
				$founded                = Profile::get()['founded_on'];
				// The branch's founding date, when the profile gives it; else the oldest date recorded.
				$from = '' !== $founded ? $founded : ( $first ?? ( $year . '-01-01' ) );
				$to                     = max( $today, $latest ?? $today );
			} elseif ( ( is_int( $period ) || ( is_string( $period ) && ctype_digit( $period ) ) ) && (int) $period >= 1900 && (int) $period <= 2199 ) {
				$from = (int) $period . '-01-01';
				$to   = (int) $period . '-12-31';
			} else {
				return new \WP_Error(
					'dangjian_invalid_period',
					__( 'period must be this_year, last_year, all or a year.', 'dangjian' )
				);
			}
		}

		$as_of = $args['as_of'] ?? null;
		if ( null === $as_of || '' === $as_of ) {
			$as_of = ( $today >= $from && $today <= $to ) ? $today : $to;
		}
		return array(
			'from'  => $from,
			'to'    => $to,
			'as_of' => $as_of,
		);
	}

	/**
	 * Whether a string is a real calendar date YYYY-MM-DD.
	 *
	 * @param string $value The text.
	 */
	public static function is_date( string $value ): bool {
		if ( ! preg_match( '/^(\d{4})-(\d{2})-(\d{2})$/', $value, $m ) ) {
			return false;
		}
		return checkdate( (int) $m[2], (int) $m[3], (int) $m[1] );
	}

	/**
	 * The earliest and latest dates recorded in the tables, or nulls when there are none.
	 *
	 * @return array{0:?string,1:?string}
	 */
	public static function data_bounds(): array {
		global $wpdb;
		$people     = Schema::table( 'people' );
		$activities = Schema::table( 'activities' );
		$headcount  = Schema::table( 'headcount' );
		$dates      = array();
		$fields     = array( 'applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on', 'left_on' );
		$select     = array();
		foreach ( $fields as $field ) {
			$select[] = "MIN({$field}), MAX({$field})";
		}
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Table and column names are the plugin's own; no value is interpolated.
		$row = $wpdb->get_row( 'SELECT ' . implode( ', ', $select ) . " FROM {$people}", ARRAY_N );
		$dates = array_merge( $dates, (array) $row );
		$dates = array_merge( $dates, (array) $wpdb->get_row( "SELECT MIN(activity_date), MAX(activity_date) FROM {$activities}", ARRAY_N ) );
		$dates = array_merge( $dates, (array) $wpdb->get_row( "SELECT MIN(point_date), MAX(point_date) FROM {$headcount}", ARRAY_N ) );
		// phpcs:enable
		$dates = array_values( array_filter( $dates, 'is_string' ) );
		if ( ! $dates ) {
			return array( null, null );
		}
		return array( min( $dates ), max( $dates ) );
	}

	/**
	 * A date plus whole years, as STATS.md counts them: the same month and day, and 29 February
	 * becomes 1 March in a year without it.
	 *
	 * @param string $ymd   YYYY-MM-DD.
	 * @param int    $years Years to add.
	 */
	public static function add_years( string $ymd, int $years ): string {
		$y  = (int) substr( $ymd, 0, 4 ) + $years;
		$md = substr( $ymd, 5 );
		if ( '02-29' === $md && ! checkdate( 2, 29, $y ) ) {
			$md = '03-01';
		}
		return sprintf( '%04d-%s', $y, $md );
	}
}

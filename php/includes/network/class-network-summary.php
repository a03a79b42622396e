<?php
/**
 * A site's summary of one year for the network table, computed on the site itself.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Computes the row the current site pushes into {base_prefix}dangjian_network for a year, from the
 * same figures its own dashboard shows: dangjian_stats( array( 'period' => YEAR ) ) (1 January to
 * 31 December, as of today while the year runs, with the site's meeting rules).
 *
 * Privacy: a figure is kept only when the site's settings make it public
 * (Settings::showcase_figures(), the same list as the public showcase); every other figure column
 * is NULL. 三会一课 compliance and the star rating are always kept: they are for committee staff
 * only (the network screen and REST route), never shown by the public shortcode. Nothing about a
 * person (name, id, date) is ever part of a row.
 */
final class Network_Summary {

	/** @var int|null The site of the last compute() in this request. */
	private static $blog = null;

	/** @var array<string,bool> Whether the rating room's table exists, by name. */
	private static $rating_tables = array();

	/**
	 * Figure column => [showcase key that makes it public, reader of the stats result].
	 *
	 * @return array<string,array{0:string,1:callable}>
	 */
	public static function columns(): array {
		return array(
			'applicants'            => array( 'applicants', static fn( $s ) => $s['members']['applicants'] ),
			'activists'             => array( 'activists', static fn( $s ) => $s['members']['activists'] ),
			'candidates'            => array( 'candidates', static fn( $s ) => $s['members']['candidates'] ),
			'probationary'          => array( 'probationary', static fn( $s ) => $s['members']['probationary'] ),
			'full_members'          => array( 'full', static fn( $s ) => $s['members']['full'] ),
			'party_members'         => array( 'party_members', static fn( $s ) => $s['members']['party_members'] ),
			'staff_headcount'       => array( 'staff_share', static fn( $s ) => $s['members']['staff_headcount'] ),
			'staff_party_members'   => array( 'staff_share', static fn( $s ) => $s['members']['staff_party_members'] ),
			'staff_share'           => array( 'staff_share', static fn( $s ) => $s['members']['staff_party_ratio'] ),
			'service_activities'    => array( 'service_activities', static fn( $s ) => $s['service']['activities'] ),
			'service_hours'         => array( 'service_hours', static fn( $s ) => $s['service']['hours'] ),
			'fee_waived'            => array( 'fee_waived', static fn( $s ) => $s['service']['fee_waived'] ),
			'donation'              => array( 'donation', static fn( $s ) => $s['service']['donation'] ),
			'beneficiaries'         => array( 'beneficiaries', static fn( $s ) => $s['service']['beneficiaries'] ),
			'volunteer_hours'       => array( 'volunteer_hours', static fn( $s ) => $s['service']['volunteer_hours'] ),
			'volunteers'            => array( 'volunteers', static fn( $s ) => $s['service']['volunteers'] ),
			'party_volunteer_hours' => array( 'volunteer_hours', static fn( $s ) => $s['service']['party_volunteer_hours'] ?? null ),
			'meetings'              => array( 'meetings', static fn( $s ) => $s['meetings']['total'] ),
		);
	}

	/**
	 * The row of the current site for a year.
	 *
	 * @param int $year The year (1900-2199).
	 * @return array|\WP_Error The row's columns (without id), or the engine's error.
	 */
	public static function compute( int $year ) {
		// The engine keeps one dataset per request by data version only: after a switch_to_blog()
		// another site's dataset of the same version number must not be taken for this one's.
		if ( self::$blog !== get_current_blog_id() ) {
			Engine::forget();
			self::$blog = get_current_blog_id();
		}
		$stats = dangjian_stats( array( 'period' => $year ) );
		if ( is_wp_error( $stats ) ) {
			return $stats;
		}
		$public = array_flip( Settings::showcase_figures() );
		$row    = self::identity();
		$row   += array(
			'site_id'     => get_current_blog_id(),
			'year'        => $year,
			'period_from' => $stats['period']['from'],
			'period_to'   => $stats['period']['to'],
			'as_of'       => $stats['period']['as_of'],
		);
		foreach ( self::columns() as $column => list( $key, $read ) ) {
			$row[ $column ] = isset( $public[ $key ] ) ? $read( $stats ) : null;
		}
		list( $due, $missing )   = self::meetings_due( $stats['period'], Settings::meeting_rules(), $stats['meetings']['missing'] );
		$row['meetings_due']     = $due;
		$row['meetings_missing'] = $missing;
		$row['compliance']       = $due > 0 ? round( ( $due - $missing ) / $due, 4 ) : null;
		$row['stars']            = self::stars( $year );
		$row['data_version']     = Data_Version::get();
		return $row;
	}

	/**
	 * The site's name, district and type of organisation: from its profile (Dangjian\Profile, when
	 * that room is installed), else the settings' organisation name or the site's title; the type
	 * from the profile, else the site meta dangjian_org_type that the committee sets.
	 *
	 * @return array{name:string,district:string,org_type:string}
	 */
	public static function identity(): array {
		$profile = class_exists( '\\Dangjian\\Profile' ) && method_exists( '\\Dangjian\\Profile', 'get' ) ? (array) Profile::get() : array();
		$name    = trim( (string) ( $profile['name'] ?? '' ) );
		if ( '' === $name ) {
			$name = Settings::organisation();
		}
		if ( '' === $name ) {
			$name = wp_specialchars_decode( (string) get_bloginfo( 'name' ), ENT_QUOTES ); // Stored with entities.
		}
		$type = sanitize_key( (string) ( $profile['org_type'] ?? '' ) );
		if ( '' === $type && is_site_meta_supported() ) {
			$type = sanitize_key( (string) get_site_meta( get_current_blog_id(), Network_Schema::TYPE_META, true ) );
		}
		return array(
			'name'     => mb_substr( $name, 0, 200 ),
			'district' => mb_substr( trim( (string) ( $profile['district'] ?? '' ) ), 0, 100 ),
			'org_type' => isset( Network_Store::types()[ $type ] ) ? $type : '',
		);
	}

	/**
	 * The stars of the site's closed assessment of a year (the rating room's table,
	 * Rating_Store::table(): rating_year, status, stars), else null. Drafts are not taken: their
	 * score moves with the data, and asking the rating room for one would score it again on every
	 * write. Read-only, one query.
	 *
	 * @param int $year The year.
	 */
	public static function stars( int $year ): ?int {
		global $wpdb;
		if ( ! method_exists( '\\Dangjian\\Rating_Store', 'table' ) ) {
			return null;
		}
		$table = Rating_Store::table();
		if ( ! isset( self::$rating_tables[ $table ] ) ) {
			self::$rating_tables[ $table ] = $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) ) === $table;
		}
		if ( ! self::$rating_tables[ $table ] ) {
			return null;
		}
		$stars = $wpdb->get_var( $wpdb->prepare( "SELECT stars FROM {$table} WHERE rating_year = %d AND status = %s", $year, 'closed' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The rating room's table.
		return is_numeric( $stars ) ? max( 0, min( 5, (int) $stars ) ) : null;
	}

	/**
	 * How many meeting periods were due in the year so far, and how many of them had no meeting.
	 * A period (month, quarter, year) is due when it lies wholly inside the period and has ended by
	 * as_of: a month still running is not yet missed. The engine's meetings.missing lists the
	 * periods without a meeting over the whole period; only the due ones count here.
	 *
	 * @param array $period  from, to, as_of.
	 * @param array $rules   kind => month | quarter | year.
	 * @param array $missing kind => [periods] (the engine's meetings.missing).
	 * @return array{0:int,1:int} Due, missed.
	 */
	public static function meetings_due( array $period, array $rules, array $missing ): array {
		$ends = array();
		foreach ( array( 'month', 'quarter', 'year' ) as $freq ) {
			$ends[ $freq ] = self::periods( $period['from'], min( $period['to'], $period['as_of'] ), $freq );
		}
		$due    = 0;
		$missed = 0;
		foreach ( $rules as $kind => $freq ) {
			if ( ! isset( $ends[ $freq ] ) ) {
				continue;
			}
			$due += count( $ends[ $freq ] );
			foreach ( (array) ( $missing[ $kind ] ?? array() ) as $label ) {
				if ( isset( $ends[ $freq ][ $label ] ) ) {
					++$missed;
				}
			}
		}
		return array( $due, $missed );
	}

	/**
	 * The periods of a frequency that lie wholly inside [from, to], as the engine labels them.
	 *
	 * @param string $from First day.
	 * @param string $to   Last day.
	 * @param string $freq month, quarter or year.
	 * @return array<string,true> Labels 'YYYY-MM', 'YYYY-Qn' or 'YYYY'.
	 */
	public static function periods( string $from, string $to, string $freq ): array {
		$out = array();
		if ( $from > $to ) {
			return $out;
		}
		$months = array( 'month' => 1, 'quarter' => 3, 'year' => 12 )[ $freq ];
		$y      = (int) substr( $from, 0, 4 );
		$m      = (int) substr( $from, 5, 2 );
		$m      = $m - ( ( $m - 1 ) % $months ); // First month of the period holding $from.
		while ( true ) {
			$start = sprintf( '%04d-%02d-01', $y, $m );
			$last  = $m + $months - 1;
			$end   = sprintf( '%04d-%02d-%02d', $y, $last, self::days_in( $y, $last ) );
			if ( $end > $to ) {
				break;
			}
			if ( $start >= $from ) {
				$label         = 'month' === $freq ? sprintf( '%04d-%02d', $y, $m ) : ( 'quarter' === $freq ? sprintf( '%04d-Q%d', $y, intdiv( $m - 1, 3 ) + 1 ) : sprintf( '%04d', $y ) );
				$out[ $label ] = true;
			}
			$m += $months;
			if ( $m > 12 ) {
				$m -= 12;
				++$y;
			}
		}
		return $out;
	}

	/**
	 * Days in a month of the Gregorian calendar (the calendar extension may be absent).
	 *
	 * @param int $y Year.
	 * @param int $m Month 1-12.
	 */
	private static function days_in( int $y, int $m ): int {
		return (int) gmdate( 't', gmmktime( 0, 0, 0, $m, 1, $y ) );
	}
}

<?php
/**
 * Reminders and rule warnings for the branch secretary (DOMAIN.md).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Reminders are dated today (the site's time zone):
 *  - probationary members due for conversion within DUE_WITHIN days, and those overdue;
 *  - activists eligible to become candidates (activist_on + 1 year ≤ today);
 *  - months, quarters and years without a required meeting (the settings' frequencies), over the
 *    complete periods from 1 January of last year to today.
 * Warnings are rule breaks recorded in the dates: a candidate named less than a year after becoming
 * an activist; a probation longer than two years.
 */
final class Reminders {

	/** Days ahead for the conversion reminder. */
	const DUE_WITHIN = 60;

	/** How many people of a group the dashboard, its widget and the digest name (the rest: a link). */
	const SHOWN = 5;

	/** The groups of people a reminder or a warning names, in the order they are shown. */
	const GROUPS = array( 'due', 'overdue', 'eligible', 'candidate_early', 'long_probation', 'plausibility' );

	/** The weekly digest's wp-cron hook. */
	const CRON = 'dangjian_weekly_digest';

	/** User meta: '1' when the user asked for the weekly digest by e-mail. */
	const OPT_IN = 'dangjian_digest';

	/** Option: the last self::summary(), with the key it was made for. */
	const CACHE = 'dangjian_reminders_cache';

	/**
	 * Adds the digest's cron hook and schedules it (Plugin::init calls this on every request: the
	 * cron runs outside the admin).
	 */
	public static function init(): void {
		add_action( self::CRON, array( self::class, 'send_digest' ) );
		add_action( 'init', array( self::class, 'schedule' ) );
	}

	/**
	 * Schedules the weekly digest (Monday 08:00 in the site's time zone) when it is not scheduled.
	 */
	public static function schedule(): void {
		if ( wp_next_scheduled( self::CRON ) ) {
			return;
		}
		$next = new \DateTimeImmutable( 'next monday 08:00', wp_timezone() );
		wp_schedule_event( $next->getTimestamp(), 'weekly', self::CRON );
	}

	/**
	 * The reminders of today: the people concerned (id, name and dates), at most $named a group, and
	 * the count of each group ("counts"): the dashboard names a few and links to the list of all.
	 *
	 * @param int|null $named How many people of each group to list; null for all.
	 * @return array{today:string,from:string,due:array[],overdue:array[],eligible:array[],counts:array<string,int>,missing:array<string,string[]>}|\WP_Error
	 */
	public static function get( ?int $named = null ) {
		$today = Period::today();
		$from  = ( (int) substr( $today, 0, 4 ) - 1 ) . '-01-01';
		$stats = self::stats();
		if ( is_wp_error( $stats ) ) {
			return $stats;
		}
		$due      = $stats['pipeline']['due_for_conversion'];
		$overdue  = $stats['pipeline']['overdue_conversion'];
		$eligible = self::eligible( $today, $named );
		$cut      = static fn( array $list ) => null === $named ? $list : array_slice( $list, 0, $named );
		$names    = Records::names( array_merge( array_column( $cut( $due ), 'id' ), array_column( $cut( $overdue ), 'id' ), array_column( $eligible['items'], 'id' ) ) );
		$listed   = static function ( array $list ) use ( $names ): array {
			$out = array();
			foreach ( $list as $item ) {
				$out[] = array(
					'id'     => (int) $item['id'],
					'name'   => $names[ (int) $item['id'] ] ?? '',
					'due_on' => $item['due_on'],
				);
			}
			return $out;
		};
		foreach ( $eligible['items'] as $i => $row ) {
			$eligible['items'][ $i ]['name'] = $names[ $row['id'] ] ?? '';
		}
		return array(
			'today'    => $today,
			'from'     => $from,
			'due'      => $listed( $cut( $due ) ),
			'overdue'  => $listed( $cut( $overdue ) ),
			'eligible' => $eligible['items'],
			'counts'   => array(
				'due'      => count( $due ),
				'overdue'  => count( $overdue ),
				'eligible' => $eligible['count'],
			),
			'missing'  => array_filter( $stats['meetings']['missing'] ),
		);
	}

	/**
	 * What the dashboard and its widget show: self::get( self::SHOWN ), the first self::SHOWN
	 * warnings of each rule, and the count of every group ("counts": due, overdue, eligible,
	 * candidate_early, long_probation). Kept in one option for the data version, the day, the
	 * locale and the meeting rules it was made for: a second view costs one option read, whatever
	 * the number of people (the first one scans the people table a few times).
	 *
	 * @return array{reminders:array,warnings:array[],counts:array<string,int>}|\WP_Error
	 */
	public static function summary() {
		$key    = md5( (string) wp_json_encode( array( Data_Version::get(), Period::today(), determine_locale(), Settings::meeting_rules(), self::SHOWN ) ) );
		$cached = get_option( self::CACHE );
		if ( is_array( $cached ) && ( $cached['key'] ?? '' ) === $key && isset( $cached['value']['counts'] ) ) {
			return $cached['value'];
		}
		$reminders = self::get( self::SHOWN );
		if ( is_wp_error( $reminders ) ) {
			return $reminders;
		}
		$counts   = $reminders['counts'] + array(
			'candidate_early' => 0,
			'long_probation'  => 0,
			'plausibility'    => 0,
		);
		$warnings = array();
		foreach ( self::warnings() as $w ) {
			if ( $counts[ $w['rule'] ]++ < self::SHOWN ) {
				$warnings[] = $w;
			}
		}
		$value = array(
			'reminders' => $reminders,
			'warnings'  => $warnings,
			'counts'    => $counts,
		);
		update_option(
			self::CACHE,
			array(
				'key'   => $key,
				'value' => $value,
			),
			false
		);
		return $value;
	}

	/**
	 * The figures the reminders come from: from 1 January of last year to today, as of today.
	 *
	 * @return array|\WP_Error dangjian_stats()'s result.
	 */
	private static function stats() {
		$today = Period::today();
		return dangjian_stats(
			array(
				'from'       => ( (int) substr( $today, 0, 4 ) - 1 ) . '-01-01',
				'to'         => $today,
				'as_of'      => $today,
				'due_within' => self::DUE_WITHIN,
			)
		);
	}

	/**
	 * Activists eligible to become candidates today (on the roster, at stage activist, activist_on
	 * + 1 year ≤ today), ordered by activist_on then id: the first $limit of them (all for null) and
	 * how many there are. Plain comparisons on the row (no per-row stage expression), so that one
	 * scan of the people table answers at 100,000 people.
	 *
	 * @param string   $today YYYY-MM-DD.
	 * @param int|null $limit How many to list; null for all.
	 * @return array{items:array[],count:int} Items: id, name (''), activist_on, eligible_on.
	 */
	private static function eligible( string $today, ?int $limit = null ): array {
		global $wpdb;
		$table = Schema::table( 'people' );
		// activist_on + 1 year ≤ today ⇔ activist_on ≤ today - 1 year, 29 February included
		// (Period::add_years() moves it to 1 March, DATE_SUB moves today back to 28 February).
		// On the roster: their start (joined_on, else the earliest stage date) is on or before today.
		$where = $wpdb->prepare(
			"activist_on <= DATE_SUB(%s, INTERVAL 1 YEAR) AND (left_on IS NULL OR left_on > %s) AND (full_on IS NULL OR full_on > %s) AND (admitted_on IS NULL OR admitted_on > %s) AND (candidate_on IS NULL OR candidate_on > %s) AND COALESCE(joined_on, LEAST(COALESCE(applied_on,'9999-12-31'), activist_on)) <= %s",
			$today,
			$today,
			$today,
			$today,
			$today,
			$today
		);
		// A scan of the table: the admitted_on index would be read as a range over half of it first.
		$sql   = "SELECT id, activist_on FROM {$table} IGNORE INDEX (admitted_on) WHERE {$where} ORDER BY activist_on, id";
		$rows  = $wpdb->get_results( null === $limit ? $sql : $sql . ' LIMIT ' . max( 0, $limit ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- Prepared above.
		$items = array();
		foreach ( (array) $rows as $row ) {
			$items[] = array(
				'id'          => (int) $row['id'],
				'name'        => '',
				'activist_on' => (string) $row['activist_on'],
				'eligible_on' => Period::add_years( (string) $row['activist_on'], 1 ),
			);
		}
		$count = null === $limit ? count( $items ) : (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table} IGNORE INDEX (admitted_on) WHERE {$where}" ); // phpcs:ignore WordPress.DB.PreparedSQL -- Prepared above.
		return array(
			'items' => $items,
			'count' => $count,
		);
	}

	/**
	 * The ids of the people of one group (self::GROUPS), in the dashboard's order: what the people
	 * list shows for ?reminder=GROUP.
	 *
	 * @param string $group A group.
	 * @return int[]|\WP_Error
	 */
	public static function ids( string $group ) {
		if ( in_array( $group, array( 'candidate_early', 'long_probation', 'plausibility' ), true ) ) {
			$ids = array();
			foreach ( self::warnings() as $w ) {
				if ( $w['rule'] === $group ) {
					$ids[] = $w['id'];
				}
			}
			return $ids;
		}
		if ( 'eligible' === $group ) {
			return array_column( self::eligible( Period::today() )['items'], 'id' );
		}
		$stats = self::stats();
		if ( is_wp_error( $stats ) ) {
			return $stats;
		}
		$list = 'due' === $group ? $stats['pipeline']['due_for_conversion'] : ( 'overdue' === $group ? $stats['pipeline']['overdue_conversion'] : array() );
		return array_map( 'intval', array_column( $list, 'id' ) );
	}

	/**
	 * The titles of the groups (for the dashboard, the widget, the digest and the people list).
	 *
	 * @return array<string,string>
	 */
	public static function titles(): array {
		return array(
			/* translators: %d: a number of days. */
			'due'             => sprintf( __( 'Probationary members due for conversion within %d days', 'dangjian' ), self::DUE_WITHIN ),
			'overdue'         => __( 'Overdue for conversion', 'dangjian' ),
			'eligible'        => __( 'Activists eligible to become candidates', 'dangjian' ),
			'candidate_early' => __( 'Named a candidate less than a year after becoming an activist', 'dangjian' ),
			'long_probation'  => __( 'Probation longer than two years', 'dangjian' ),
			'plausibility'    => __( 'Dates that look implausible (age, a date to come)', 'dangjian' ),
		);
	}

	/**
	 * Whether a user asked for the weekly digest.
	 *
	 * @param int $user_id The user.
	 */
	public static function wants_digest( int $user_id ): bool {
		return '1' === (string) get_user_meta( $user_id, self::OPT_IN, true );
	}

	/**
	 * Sends the weekly digest to every user who asked for it and may still read the figures: one
	 * e-mail each, only when something needs attention. Returns the number of e-mails sent.
	 */
	public static function send_digest(): int {
		$users = get_users(
			array(
				'meta_key'   => self::OPT_IN, // phpcs:ignore WordPress.DB.SlowDBQuery -- A few users at most.
				'meta_value' => '1', // phpcs:ignore WordPress.DB.SlowDBQuery
				'fields'     => array( 'ID', 'user_email' ),
			)
		);
		if ( ! $users ) {
			return 0;
		}
		$reminders = self::get( self::SHOWN );
		if ( is_wp_error( $reminders ) ) {
			return 0;
		}
		$warnings = self::warnings();
		$sent     = 0;
		foreach ( $users as $user ) {
			if ( ! user_can( (int) $user->ID, Capabilities::VIEW ) || ! is_email( $user->user_email ) ) {
				continue;
			}
			$switched = switch_to_locale( get_user_locale( (int) $user->ID ) );
			$body     = self::digest_text( $reminders, $warnings );
			$subject  = sprintf(
				/* translators: %s: the site's name. */
				__( '[%s] Party building: what needs attention this week', 'dangjian' ),
				wp_specialchars_decode( (string) get_option( 'blogname' ), ENT_QUOTES )
			);
			if ( $switched ) {
				restore_previous_locale();
			}
			if ( null !== $body && wp_mail( $user->user_email, $subject, $body ) ) {
				++$sent;
			}
		}
		return $sent;
	}

	/**
	 * The digest's text: each group with its count, the first few names and the link to all of them;
	 * null when nothing needs attention.
	 *
	 * @param array $reminders self::get( self::SHOWN ).
	 * @param array $warnings  self::warnings().
	 */
	public static function digest_text( array $reminders, array $warnings ): ?string {
		$groups = array(
			'due'             => $reminders['due'],
			'overdue'         => $reminders['overdue'],
			'eligible'        => $reminders['eligible'],
			'candidate_early' => array_values( array_filter( $warnings, static fn( $w ) => 'candidate_early' === $w['rule'] ) ),
			'long_probation'  => array_values( array_filter( $warnings, static fn( $w ) => 'long_probation' === $w['rule'] ) ),
			'plausibility'    => array_values( array_filter( $warnings, static fn( $w ) => 'plausibility' === $w['rule'] ) ),
		);
		$counts = ( $reminders['counts'] ?? array() ) + array_map( 'count', $groups );
		$titles = self::titles();
		$lines  = array();
		foreach ( $groups as $key => $list ) {
			if ( ! $list ) {
				continue;
			}
			$names = array();
			foreach ( array_slice( $list, 0, self::SHOWN ) as $item ) {
				$names[] = '' !== $item['name'] ? $item['name'] : '#' . $item['id'];
			}
			$lines[] = $titles[ $key ] . sprintf( '（%s）', number_format_i18n( $counts[ $key ] ) );
			$lines[] = '  ' . implode( '、', $names ) . ( $counts[ $key ] > self::SHOWN ? ' …' : '' );
			$lines[] = '  ' . Admin_Pages::url( 'people', array( 'reminder' => $key ) );
			$lines[] = '';
		}
		foreach ( $reminders['missing'] as $kind => $periods ) {
			$lines[] = sprintf(
				/* translators: 1: a kind of meeting, 2: a list of months, quarters or years. */
				__( 'No %1$s was recorded in: %2$s.', 'dangjian' ),
				Vocabulary::kinds()[ $kind ] ?? $kind,
				implode( '、', $periods )
			);
		}
		if ( ! $lines ) {
			return null;
		}
		$lines[] = '';
		$lines[] = __( 'The dashboard:', 'dangjian' ) . ' ' . admin_url( 'admin.php?page=' . Admin::SLUG );
		$lines[] = __( 'You receive this e-mail because you asked for it on the dashboard of Party building statistics; the same page stops it.', 'dangjian' );
		return implode( "\n", $lines ) . "\n";
	}

	/**
	 * Rule warnings: [id, name, rule ("candidate_early", "long_probation" or "plausibility"),
	 * message], by rule then id. One scan of the people table: a coarse filter of the three rules in
	 * SQL, the exact year arithmetic in PHP (Period::add_years(), Validator::age_warnings()).
	 *
	 * @return array[]
	 */
	public static function warnings(): array {
		global $wpdb;
		$today = Period::today();
		$table = Schema::table( 'people' );
		$early = 'activist_on IS NOT NULL AND candidate_on IS NOT NULL AND candidate_on < DATE_ADD(activist_on, INTERVAL 1 YEAR) + INTERVAL 2 DAY';
		$long  = $wpdb->prepare( 'admitted_on IS NOT NULL AND COALESCE(full_on, left_on, %s) > DATE_ADD(admitted_on, INTERVAL 2 YEAR) - INTERVAL 2 DAY', $today );
		$odd   = $wpdb->prepare( 'applied_on > %s OR ( birth_date IS NOT NULL AND ( applied_on < DATE_ADD(birth_date, INTERVAL 18 YEAR) OR admitted_on < DATE_ADD(birth_date, INTERVAL 18 YEAR) ) )', $today );
		// A scan: the admitted_on index would be read as a range over much of the table first.
		$rows = (array) $wpdb->get_results( "SELECT id, name, birth_date, applied_on, activist_on, candidate_on, admitted_on, full_on, left_on FROM {$table} IGNORE INDEX (admitted_on) WHERE ({$early}) OR ({$long}) OR ({$odd}) ORDER BY id", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- Prepared above.
		$found = array(
			'candidate_early' => array(),
			'long_probation'  => array(),
			'plausibility'    => array(),
		);
		foreach ( $rows as $row ) {
			$warn = static function ( string $rule, string $message ) use ( $row, &$found ): void {
				$found[ $rule ][] = array(
					'id'      => (int) $row['id'],
					'name'    => (string) $row['name'],
					'rule'    => $rule,
					'message' => $message,
				);
			};
			$activist  = (string) $row['activist_on'];
			$candidate = (string) $row['candidate_on'];
			if ( '' !== $activist && '' !== $candidate && $candidate < Period::add_years( $activist, 1 ) ) {
				/* translators: 1: a date, 2: a date. */
				$warn( 'candidate_early', sprintf( __( 'Named a candidate on %1$s, less than a year after becoming an activist (%2$s).', 'dangjian' ), $candidate, $activist ) );
			}
			$admitted = (string) $row['admitted_on'];
			if ( '' !== $admitted ) {
				$end = '' !== (string) $row['full_on'] ? (string) $row['full_on'] : ( '' !== (string) $row['left_on'] ? (string) $row['left_on'] : $today );
				if ( $end > Period::add_years( $admitted, 2 ) ) {
					$warn(
						'long_probation',
						'' !== (string) $row['full_on']
							/* translators: 1: a date, 2: a date. */
							? sprintf( __( 'Probation from %1$s to %2$s: longer than two years.', 'dangjian' ), $admitted, $row['full_on'] )
							/* translators: %s: a date. */
							: sprintf( __( 'On probation since %s: longer than two years.', 'dangjian' ), $admitted )
					);
				}
			}
			// Dates that look wrong (issue 11, item 20): under 18 at the application or the admission,
			// an application dated after today; one warning a person.
			$odd_dates = Validator::age_warnings( $row, $today );
			if ( $odd_dates ) {
				$warn( 'plausibility', implode( ' ', $odd_dates ) );
			}
		}
		return array_merge( $found['candidate_early'], $found['long_probation'], $found['plausibility'] );
	}
}

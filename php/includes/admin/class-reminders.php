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
	const GROUPS = array( 'due', 'overdue', 'eligible', 'candidate_early', 'long_probation' );

	/** The weekly digest's wp-cron hook. */
	const CRON = 'dangjian_weekly_digest';

	/** User meta: '1' when the user asked for the weekly digest by e-mail. */
	const OPT_IN = 'dangjian_digest';

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
	 * The reminders of today: every person concerned (id and dates), named only up to $named a group
	 * (the others have name ''): the dashboard names a few and links to the list of all.
	 *
	 * @param int|null $named How many people of each group to name; null for all.
	 * @return array{today:string,from:string,due:array[],overdue:array[],eligible:array[],missing:array<string,string[]>}|\WP_Error
	 */
	public static function get( ?int $named = null ) {
		$today = Period::today();
		$from  = ( (int) substr( $today, 0, 4 ) - 1 ) . '-01-01';
		$stats = dangjian_stats(
			array(
				'from'       => $from,
				'to'         => $today,
				'as_of'      => $today,
				'due_within' => self::DUE_WITHIN,
			)
		);
		if ( is_wp_error( $stats ) ) {
			return $stats;
		}
		$due     = $stats['pipeline']['due_for_conversion'];
		$overdue = $stats['pipeline']['overdue_conversion'];
		$cut     = static fn( array $list ) => null === $named ? $list : array_slice( $list, 0, $named );
		$names   = Records::names( array_merge( array_column( $cut( $due ), 'id' ), array_column( $cut( $overdue ), 'id' ) ) );
		$listed  = static function ( array $list ) use ( $names ): array {
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
		$eligible = self::eligible( $today );
		$names    = Records::names( array_column( $cut( $eligible ), 'id' ) );
		foreach ( $eligible as $i => $row ) {
			$eligible[ $i ]['name'] = $names[ $row['id'] ] ?? '';
		}
		return array(
			'today'    => $today,
			'from'     => $from,
			'due'      => $listed( $due ),
			'overdue'  => $listed( $overdue ),
			'eligible' => $eligible,
			'missing'  => array_filter( $stats['meetings']['missing'] ),
		);
	}

	/**
	 * Activists eligible to become candidates today (activist_on + 1 year ≤ today, on the roster):
	 * id, activist_on, eligible_on, ordered by activist_on then id. One query, whatever their number.
	 *
	 * @param string $today YYYY-MM-DD.
	 * @return array[]
	 */
	private static function eligible( string $today ): array {
		global $wpdb;
		$table = Schema::table( 'people' );
		$stage = Records::stage_sql( $today );
		// On the roster: their start (joined_on, else the earliest stage date) is on or before today.
		$start = "COALESCE(joined_on, LEAST(COALESCE(applied_on,'9999-12-31'), COALESCE(activist_on,'9999-12-31'), COALESCE(candidate_on,'9999-12-31'), COALESCE(admitted_on,'9999-12-31'), COALESCE(full_on,'9999-12-31')))";
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT id, activist_on FROM {$table} WHERE activist_on IS NOT NULL AND ({$stage}) = 'activist' AND {$start} <= %s AND activist_on <= %s ORDER BY activist_on, id", $today, $today ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- Prepared in stage_sql() and here.
		$out   = array();
		foreach ( (array) $rows as $row ) {
			$on = Period::add_years( (string) $row['activist_on'], 1 );
			if ( $on <= $today ) {
				$out[] = array(
					'id'          => (int) $row['id'],
					'name'        => '',
					'activist_on' => (string) $row['activist_on'],
					'eligible_on' => $on,
				);
			}
		}
		return $out;
	}

	/**
	 * The ids of the people of one group (self::GROUPS), in the dashboard's order: what the people
	 * list shows for ?reminder=GROUP.
	 *
	 * @param string $group A group.
	 * @return int[]|\WP_Error
	 */
	public static function ids( string $group ) {
		if ( in_array( $group, array( 'candidate_early', 'long_probation' ), true ) ) {
			$ids = array();
			foreach ( self::warnings() as $w ) {
				if ( $w['rule'] === $group ) {
					$ids[] = $w['id'];
				}
			}
			return $ids;
		}
		$reminders = self::get( 0 );
		if ( is_wp_error( $reminders ) ) {
			return $reminders;
		}
		return array_map( 'intval', array_column( $reminders[ $group ] ?? array(), 'id' ) );
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
		);
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
			$lines[] = $titles[ $key ] . sprintf( '（%s）', number_format_i18n( count( $list ) ) );
			$lines[] = '  ' . implode( '、', $names ) . ( count( $list ) > self::SHOWN ? ' …' : '' );
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
	 * Rule warnings: [id, name, rule ("candidate_early" or "long_probation"), message].
	 *
	 * @return array[]
	 */
	public static function warnings(): array {
		global $wpdb;
		$today    = Period::today();
		$table    = Schema::table( 'people' );
		$warnings = array();
		// A coarse filter in SQL, the exact year arithmetic in PHP.
		$rows = $wpdb->get_results( "SELECT id, name, activist_on, candidate_on FROM {$table} WHERE activist_on IS NOT NULL AND candidate_on IS NOT NULL AND candidate_on < DATE_ADD(activist_on, INTERVAL 1 YEAR) + INTERVAL 2 DAY ORDER BY id", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		foreach ( (array) $rows as $row ) {
			if ( (string) $row['candidate_on'] < Period::add_years( (string) $row['activist_on'], 1 ) ) {
				$warnings[] = array(
					'id'      => (int) $row['id'],
					'name'    => (string) $row['name'],
					'rule'    => 'candidate_early',
					'message' => sprintf(
						/* translators: 1: a date, 2: a date. */
						__( 'Named a candidate on %1$s, less than a year after becoming an activist (%2$s).', 'dangjian' ),
						$row['candidate_on'],
						$row['activist_on']
					),
				);
			}
		}
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT id, name, admitted_on, full_on, left_on FROM {$table} WHERE admitted_on IS NOT NULL AND COALESCE(full_on, left_on, %s) > DATE_ADD(admitted_on, INTERVAL 2 YEAR) - INTERVAL 2 DAY ORDER BY id", $today ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		foreach ( (array) $rows as $row ) {
			$end   = '' !== (string) $row['full_on'] ? (string) $row['full_on'] : ( '' !== (string) $row['left_on'] ? (string) $row['left_on'] : $today );
			$limit = Period::add_years( (string) $row['admitted_on'], 2 );
			if ( $end > $limit ) {
				$warnings[] = array(
					'id'      => (int) $row['id'],
					'name'    => (string) $row['name'],
					'rule'    => 'long_probation',
					'message' => '' !== (string) $row['full_on']
						/* translators: 1: a date, 2: a date. */
						? sprintf( __( 'Probation from %1$s to %2$s: longer than two years.', 'dangjian' ), $row['admitted_on'], $row['full_on'] )
						/* translators: %s: a date. */
						: sprintf( __( 'On probation since %s: longer than two years.', 'dangjian' ), $row['admitted_on'] ),
				);
			}
		}
		return $warnings;
	}
}

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

	/**
	 * The reminders of today.
	 *
	 * @return array{today:string,from:string,due:array[],overdue:array[],eligible:array[],missing:array<string,string[]>}|\WP_Error
	 */
	public static function get() {
		global $wpdb;
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
		$names   = Records::names( array_merge( array_column( $due, 'id' ), array_column( $overdue, 'id' ) ) );
		$named   = static function ( array $list ) use ( $names ): array {
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

		$table    = Schema::table( 'people' );
		$stage    = Records::stage_sql( $today );
		$rows     = $wpdb->get_results( "SELECT id, name, activist_on FROM {$table} WHERE activist_on IS NOT NULL AND ({$stage}) = 'activist' ORDER BY activist_on, id", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- Prepared in stage_sql().
		$eligible = array();
		foreach ( (array) $rows as $row ) {
			$on = Period::add_years( (string) $row['activist_on'], 1 );
			if ( $on <= $today && self::on_roster( (int) $row['id'], $today ) ) {
				$eligible[] = array(
					'id'          => (int) $row['id'],
					'name'        => (string) $row['name'],
					'activist_on' => (string) $row['activist_on'],
					'eligible_on' => $on,
				);
			}
		}
		return array(
			'today'    => $today,
			'from'     => $from,
			'due'      => $named( $due ),
			'overdue'  => $named( $overdue ),
			'eligible' => $eligible,
			'missing'  => array_filter( $stats['meetings']['missing'] ),
		);
	}

	/**
	 * Whether a person is on the roster on a day (their start, from joined_on or the earliest stage
	 * date, is on or before it).
	 *
	 * @param int    $id  The person.
	 * @param string $day YYYY-MM-DD.
	 */
	private static function on_roster( int $id, string $day ): bool {
		global $wpdb;
		$table = Schema::table( 'people' );
		$start = $wpdb->get_var( $wpdb->prepare( "SELECT COALESCE(joined_on, LEAST(COALESCE(applied_on,'9999-12-31'), COALESCE(activist_on,'9999-12-31'), COALESCE(candidate_on,'9999-12-31'), COALESCE(admitted_on,'9999-12-31'), COALESCE(full_on,'9999-12-31'))) FROM {$table} WHERE id = %d", $id ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		return null !== $start && (string) $start <= $day;
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

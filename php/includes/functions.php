<?php
/**
 * The PHP API for themes and other plugins.
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit;

if ( ! function_exists( 'dangjian_stats' ) ) {
	/**
	 * The branch's figures for a period, exactly as the engine computes them (STATS.md's result:
	 * period, members, pipeline, service, meetings).
	 *
	 * Read-only and cached by data version: calling it on every page view is cheap.
	 *
	 *     $s = dangjian_stats( array( 'period' => 'last_year' ) );
	 *     if ( ! is_wp_error( $s ) ) {
	 *         echo esc_html( number_format_i18n( $s['service']['hours'], 1 ) );
	 *     }
	 *
	 * @param array $args {
	 *     Optional.
	 *
	 *     @type string|int $period        'this_year' (default), 'last_year', 'all', or a year (2024). The
	 *                                     year is the site's (its time zone).
	 *     @type string     $from          A custom period's first day, YYYY-MM-DD (with 'to').
	 *     @type string     $to            A custom period's last day, YYYY-MM-DD (with 'from').
	 *     @type string     $as_of         The day of the roster figures; default today when today lies in
	 *                                     the period, else the period's last day.
	 *     @type int        $top           Length of service.top_volunteers (0–1000, default 10).
	 *     @type int        $due_within    Days ahead for pipeline.due_for_conversion (0–3660, default 60).
	 *     @type array      $meeting_rules Meeting kind => 'month' | 'quarter' | 'year'.
	 * }
	 * @return array|WP_Error The figures, or a WP_Error (code dangjian_invalid_args for a bad argument,
	 *                        dangjian_invalid_period for a bad period, dangjian_engine when the engine or
	 *                        the database fails).
	 */
	function dangjian_stats( array $args = array() ) {
		$known = array( 'period', 'from', 'to', 'as_of', 'top', 'due_within', 'meeting_rules' );
		foreach ( array_keys( $args ) as $key ) {
			if ( ! in_array( $key, $known, true ) ) {
				return new WP_Error(
					'dangjian_invalid_args',
					/* translators: %s: the name of an argument. */
					sprintf( __( 'Unknown argument: %s', 'dangjian' ), (string) $key )
				);
			}
		}
		$period = Dangjian\Period::resolve( $args );
		if ( is_wp_error( $period ) ) {
			return $period;
		}
		$query = $period;
		foreach ( array( 'top', 'due_within', 'meeting_rules' ) as $key ) {
			if ( array_key_exists( $key, $args ) && null !== $args[ $key ] ) {
				$query[ $key ] = $args[ $key ];
			}
		}
		try {
			return Dangjian\Engine::stats( $query );
		} catch ( ValueError $e ) {
			return new WP_Error( 'dangjian_invalid_args', $e->getMessage() );
		} catch ( Throwable $e ) {
			return new WP_Error( 'dangjian_engine', $e->getMessage() );
		}
	}
}

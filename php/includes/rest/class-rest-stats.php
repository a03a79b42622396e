<?php
/**
 * REST: GET dangjian/v1/stats, the figures (public, with the limits visitors have): "figures" under
 * the showcase's short names, "values" under the ids of the one vocabulary (docs/API.md).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The route's arguments, handler and schema.
 */
final class Rest_Stats {

	/**
	 * The arguments of GET /stats.
	 *
	 * @return array
	 */
	public static function stats_args(): array {
		return array(
			'period' => array(
				'description'       => __( 'this_year (default), last_year, all, or a year such as 2024; ignored when from and to are given.', 'dangjian' ),
				'type'              => 'string',
				'pattern'           => '^(this_year|last_year|all|(19|20|21)\d\d)$',
				'default'           => 'this_year',
				'validate_callback' => 'rest_validate_request_arg',
				'sanitize_callback' => 'sanitize_key',
			),
			'from'   => Rest::date_arg( __( 'The first day of a custom period (with to).', 'dangjian' ), false ),
			'to'     => Rest::date_arg( __( 'The last day of a custom period (with from).', 'dangjian' ), false ),
			'as_of'  => Rest::date_arg( __( 'The day of the member counts (default today when in the period, else its last day).', 'dangjian' ), false ),
		);
	}

	/**
	 * GET /stats.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public static function get_stats( \WP_REST_Request $request ) {
		$args = array();
		$from = $request->get_param( 'from' );
		$to   = $request->get_param( 'to' );
		if ( null !== $from || null !== $to ) {
			foreach ( array( 'from' => $from, 'to' => $to ) as $key => $value ) {
				if ( null === $value || '' === $value ) {
					return new \WP_Error(
						'rest_missing_callback_param',
						/* translators: %s: an argument name. */
						sprintf( __( 'Missing parameter(s): %s', 'dangjian' ), $key ),
						array(
							'status' => 400,
							'params' => array( $key ),
						)
					);
				}
			}
			$args['from'] = $from;
			$args['to']   = $to;
			if ( $from > $to ) {
				return new \WP_Error(
					'rest_invalid_param',
					__( 'The period starts after it ends.', 'dangjian' ),
					array(
						'status' => 400,
						'params' => array( 'from' => __( 'The period starts after it ends.', 'dangjian' ) ),
					)
				);
			}
		} else {
			$args['period'] = (string) $request->get_param( 'period' );
		}
		if ( null !== $request->get_param( 'as_of' ) ) {
			$args['as_of'] = $request->get_param( 'as_of' );
		}
		// The public period rule (Public_Period): whole months within the public window, no as_of.
		$args = Public_Period::for_rest( $args );
		if ( is_wp_error( $args ) ) {
			return $args;
		}
		$result = dangjian_public_stats( $args );
		if ( is_wp_error( $result ) ) {
			if ( 'dangjian_engine' === $result->get_error_code() ) {
				if ( ! current_user_can( Capabilities::VIEW ) ) {
					// The engine's or the database's own words are for the branch, not for visitors.
					return new \WP_Error( 'dangjian_engine', __( 'The figures cannot be computed just now.', 'dangjian' ), array( 'status' => 500 ) );
				}
				$result->add_data( array( 'status' => 500 ) );
				return $result;
			}
			$result->add_data( array( 'status' => 400 ) );
			return $result;
		}
		return rest_ensure_response( $result );
	}

	/**
	 * The schema of GET /stats.
	 *
	 * @return array
	 */
	public static function stats_schema(): array {
		$count   = array( 'type' => 'integer' );
		$amount  = array( 'type' => 'number' );
		$figures = array(
			'party_members'         => $count,
			'full'                  => $count,
			'probationary'          => $count,
			'candidates'            => $count,
			'activists'             => $count,
			'applicants'            => $count,
			'staff_share'           => array( 'type' => array( 'number', 'null' ) ),
			'pipeline'              => array( 'type' => 'object' ),
			'service_activities'    => $count,
			'service_hours'         => $amount,
			'volunteer_hours'       => $amount,
			'party_volunteer_hours' => $amount,
			'party_volunteers'      => $count,
			'volunteers'            => $count,
			'fee_waived'            => $amount,
			'donation'              => $amount,
			'beneficiaries'         => $count,
			'service_by_kind'       => array( 'type' => 'object' ),
			'venues'                => array( 'type' => 'object' ),
			'by_month'              => array( 'type' => 'array' ),
			'meetings'              => $count,
			'meetings_by_kind'      => array( 'type' => 'object' ),
			'coverage'              => array( 'type' => 'object' ),
			'honours'               => array( 'type' => 'object' ),
		);
		foreach ( Settings::figures() as $key => $label ) {
			$figures[ $key ]['description'] = $label;
		}
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'dangjian-stats',
			'type'       => 'object',
			'properties' => array(
				'organisation' => array( 'type' => 'string' ),
				'period'       => array(
					'type'       => 'object',
					'properties' => array(
						'from'  => array( 'type' => 'string' ),
						'to'    => array( 'type' => 'string' ),
						'as_of' => array( 'type' => 'string' ),
					),
				),
				'figures'      => array(
					'type'        => 'object',
					'description' => __( 'Only the figures the settings allow the public to see, under the showcase\'s short names.', 'dangjian' ),
					'properties'  => $figures,
				),
				'values'       => array(
					'type'                 => 'object',
					'description'          => __( 'The same figures under their ids in the one vocabulary of figure names (docs/FIGURES.md; the paths of dangjian_stats()\'s result): members.party_members, service.hours, pipeline.applied, …', 'dangjian' ),
					'additionalProperties' => array( 'type' => array( 'integer', 'number', 'array', 'object', 'null' ) ),
				),
			),
		);
	}
}

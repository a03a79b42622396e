<?php
/**
 * GET /dangjian/v1/network: the network's figures for the committee.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The route answers with the year, the totals, the coverage and one entry per branch
 * (Network_Export::COLUMNS). It needs view_dangjian_network.
 */
final class Network_Rest {

	/**
	 * Registers the route (rest_api_init).
	 */
	public static function register(): void {
		register_rest_route(
			DANGJIAN_REST_NAMESPACE,
			'/network',
			array(
				'methods'             => 'GET',
				'callback'            => array( self::class, 'get' ),
				'permission_callback' => static fn() => current_user_can( Network_Module::VIEW ),
				'args'                => array(
					'year'     => array(
						'type'    => 'integer',
						'minimum' => 1900,
						'maximum' => 2199,
					),
					'district' => array(
						'type'      => 'string',
						'maxLength' => 100,
					),
					'org_type' => array(
						'type' => 'string',
						'enum' => array_merge( array( '' ), array_keys( Network_Store::types() ) ),
					),
					'stars'    => array(
						'type' => 'string',
						'enum' => array( '', '0', '1', '2', '3', '4', '5', 'none' ),
					),
					'band'     => array(
						'type' => 'string',
						'enum' => array( '', 'green', 'amber', 'red', 'none' ),
					),
					'status'   => array(
						'type'    => 'string',
						'enum'    => array( 'active', 'archived', 'all' ),
						'default' => 'active',
					),
				),
			)
		);
	}

	/**
	 * The route's callback.
	 *
	 * @param \WP_REST_Request $request The request.
	 */
	public static function get( \WP_REST_Request $request ) {
		if ( ! Network_Schema::ready() ) {
			return new \WP_Error( 'dangjian_network_missing', __( 'The network table is not installed: network-activate the plugin.', 'dangjian' ), array( 'status' => 503 ) );
		}
		$year = (int) ( $request['year'] ?? Network_Push::this_year() );
		$args = array();
		foreach ( array( 'district', 'org_type', 'stars', 'band', 'status' ) as $key ) {
			if ( null !== $request[ $key ] ) {
				$args[ $key ] = sanitize_text_field( (string) $request[ $key ] );
			}
		}
		$rows   = Network_Store::rows( $year, $args );
		$active = Network_Store::rows( $year );
		return rest_ensure_response(
			array(
				'year'     => $year,
				'totals'   => Network_Store::totals( $rows ),
				'coverage' => Network_Store::coverage( count( $active ) ),
				'branches' => array_map( array( Network_Export::class, 'typed' ), $rows ),
			)
		);
	}
}

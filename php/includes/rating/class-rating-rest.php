<?php
/**
 * The rating's REST routes under DANGJIAN_REST_NAMESPACE (dangjian/v1):
 *
 *   GET  /rating?year=2025        the year's assessment and the history (view_dangjian)
 *   GET  /rating/rubric           the active rubric (view_dangjian)
 *   PUT  /rating/rubric           replace the active rubric: {"rubric": {…}} (manage_dangjian)
 *   POST /rating/manual           score a manual item, a veto or the five-star condition (manage_dangjian)
 *   POST /rating/status           close or reopen a year: {"year": 2025, "closed": true} (manage_dangjian)
 *
 * Cookie-authenticated writes need the wp_rest nonce (X-WP-Nonce), as every WordPress REST write does.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Routes and handlers.
 */
final class Rating_Rest {

	/**
	 * Registers the routes (on rest_api_init).
	 */
	public static function register(): void {
		$year = array(
			'type'              => 'integer',
			'minimum'           => 1900,
			'maximum'           => 2199,
			'sanitize_callback' => 'absint',
		);
		register_rest_route(
			DANGJIAN_REST_NAMESPACE,
			'/rating',
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => array( self::class, 'get' ),
				'permission_callback' => array( self::class, 'can_view' ),
				'args'                => array( 'year' => $year ),
			)
		);
		register_rest_route(
			DANGJIAN_REST_NAMESPACE,
			'/rating/rubric',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => static fn() => rest_ensure_response( Rating_Store::active_rubric() ),
					'permission_callback' => array( self::class, 'can_view' ),
				),
				array(
					'methods'             => \WP_REST_Server::EDITABLE,
					'callback'            => array( self::class, 'put_rubric' ),
					'permission_callback' => array( self::class, 'can_manage' ),
					'args'                => array(
						'rubric' => array(
							'type'     => 'object',
							'required' => true,
						),
					),
				),
			)
		);
		register_rest_route(
			DANGJIAN_REST_NAMESPACE,
			'/rating/manual',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( self::class, 'post_manual' ),
				'permission_callback' => array( self::class, 'can_manage' ),
				'args'                => array(
					'year'     => array( 'required' => true ) + $year,
					'target'   => array(
						'type'     => 'string',
						'enum'     => array( 'items', 'vetoes', 'five_star' ),
						'required' => true,
					),
					'id'       => array(
						'type'    => 'string',
						'default' => '',
					),
					'points'   => array( 'type' => array( 'number', 'string' ) ),
					'on'       => array( 'type' => 'boolean' ),
					'met'      => array( 'type' => 'boolean' ),
					'note'     => array(
						'type'    => 'string',
						'default' => '',
					),
					'evidence' => array(
						'type'    => 'array',
						'items'   => array( 'type' => 'string' ),
						'default' => array(),
					),
				),
			)
		);
		register_rest_route(
			DANGJIAN_REST_NAMESPACE,
			'/rating/status',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( self::class, 'post_status' ),
				'permission_callback' => array( self::class, 'can_manage' ),
				'args'                => array(
					'year'   => array( 'required' => true ) + $year,
					'closed' => array(
						'type'     => 'boolean',
						'required' => true,
					),
				),
			)
		);
	}

	/**
	 * Reading: view_dangjian.
	 *
	 * @return true|\WP_Error
	 */
	public static function can_view() {
		return current_user_can( Capabilities::VIEW ) ? true : new \WP_Error(
			'rest_forbidden',
			__( 'Sorry, you are not allowed to view the Party building statistics.', 'dangjian' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * Writing: manage_dangjian.
	 *
	 * @return true|\WP_Error
	 */
	public static function can_manage() {
		return current_user_can( Capabilities::MANAGE ) ? true : new \WP_Error(
			'rest_forbidden',
			__( 'Sorry, you are not allowed to change the Party building records.', 'dangjian' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * The response of an assessment.
	 *
	 * @param array $row The stored row.
	 */
	public static function response( array $row ): array {
		return array(
			'year'        => (int) $row['rating_year'],
			'status'      => (string) $row['status'],
			'computed_at' => null === $row['computed_at'] ? null : mysql_to_rfc3339( (string) $row['computed_at'] ),
			'result'      => $row['result'],
			'manual'      => (object) $row['manual'],
			'rubric'      => $row['rubric'],
			'history'     => Rating_Store::history(),
		);
	}

	/**
	 * GET /rating.
	 *
	 * @param \WP_REST_Request $request The request.
	 */
	public static function get( \WP_REST_Request $request ) {
		$year = (int) ( $request['year'] ?? 0 );
		$row  = Rating_Store::assessment( $year > 0 ? $year : Rating_Store::this_year() );
		return is_wp_error( $row ) ? $row : rest_ensure_response( self::response( $row ) );
	}

	/**
	 * PUT /rating/rubric: refused whole (400, data.errors naming each path) or saved.
	 *
	 * @param \WP_REST_Request $request The request.
	 */
	public static function put_rubric( \WP_REST_Request $request ) {
		$body   = $request->get_json_params();
		$rubric = is_array( $body ) && array_key_exists( 'rubric', $body ) ? $body['rubric'] : $request['rubric'];
		$r      = Rating_Store::save_rubric( $rubric );
		return is_wp_error( $r ) ? $r : rest_ensure_response( Rating_Store::active_rubric() );
	}

	/**
	 * POST /rating/manual.
	 *
	 * @param \WP_REST_Request $request The request.
	 */
	public static function post_manual( \WP_REST_Request $request ) {
		$input = array(
			'points'   => $request['points'],
			'on'       => (bool) $request['on'],
			'met'      => (bool) $request['met'],
			'note'     => (string) $request['note'],
			'evidence' => (array) $request['evidence'],
		);
		$row   = Rating_Store::save_manual( (int) $request['year'], (string) $request['target'], sanitize_key( (string) $request['id'] ), $input );
		return is_wp_error( $row ) ? $row : rest_ensure_response( self::response( $row ) );
	}

	/**
	 * POST /rating/status.
	 *
	 * @param \WP_REST_Request $request The request.
	 */
	public static function post_status( \WP_REST_Request $request ) {
		$row = Rating_Store::set_closed( (int) $request['year'], (bool) $request['closed'] );
		return is_wp_error( $row ) ? $row : rest_ensure_response( self::response( $row ) );
	}
}

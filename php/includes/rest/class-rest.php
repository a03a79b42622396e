<?php
/**
 * The REST API, namespace DANGJIAN_REST_NAMESPACE (dangjian/v1):
 *
 *   GET    /stats                      public: the aggregates the settings allow (dangjian_public_stats())
 *   GET    /people, /activities        list (search, filters, page, per_page, orderby, order)
 *   POST   /people, /activities        create
 *   GET    /people/<id>, /activities/<id>
 *   PUT    /people/<id>, /activities/<id>   update (PATCH too: the fields given replace the record's)
 *   DELETE /people/<id>, /activities/<id>
 *
 * Everything but /stats needs manage_dangjian (people's records are personal data). A write goes
 * through Validator::sanitize() and Records::save(): the same checks as the admin forms; a bad value
 * answers 400 rest_invalid_param with data.params naming each field, and nothing is written.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Routes, argument schemas and handlers.
 */
final class Rest {

	/**
	 * Adds the hooks.
	 */
	public static function init(): void {
		add_action( 'rest_api_init', array( self::class, 'register' ) );
		add_filter( 'rest_json_encode_options', array( self::class, 'json_options' ), 10, 2 );
	}

	/**
	 * Our responses escape <, >, &, ' and " in strings (\u003C…): a name holding markup stays inert
	 * even if a client drops it into HTML unescaped. The JSON decodes to the same text.
	 *
	 * @param int              $options The json_encode flags.
	 * @param \WP_REST_Request $request The request.
	 */
	public static function json_options( $options, $request ) {
		if ( $request instanceof \WP_REST_Request && str_starts_with( (string) $request->get_route(), '/' . DANGJIAN_REST_NAMESPACE . '/' ) ) {
			$options |= JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT;
		}
		return $options;
	}

	/**
	 * Registers the routes.
	 */
	public static function register(): void {
		register_rest_route(
			DANGJIAN_REST_NAMESPACE,
			'/stats',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( Rest_Stats::class, 'get_stats' ),
					'permission_callback' => '__return_true',
					'args'                => Rest_Stats::stats_args(),
				),
				'schema' => array( Rest_Stats::class, 'stats_schema' ),
			)
		);
		foreach ( array( 'people', 'activities' ) as $entity ) {
			register_rest_route(
				DANGJIAN_REST_NAMESPACE,
				'/' . $entity,
				array(
					array(
						'methods'             => \WP_REST_Server::READABLE,
						'callback'            => static fn( $r ) => Rest_Records::list_items( $entity, $r ),
						'permission_callback' => array( self::class, 'can_manage' ),
						'args'                => Rest_Records::list_args( $entity ),
					),
					array(
						'methods'             => \WP_REST_Server::CREATABLE,
						'callback'            => static fn( $r ) => Rest_Records::create_item( $entity, $r ),
						'permission_callback' => array( self::class, 'can_manage' ),
						'args'                => Rest_Records::record_args( $entity, true ),
					),
					'schema' => static fn() => Rest_Records::record_schema( $entity ),
				)
			);
			register_rest_route(
				DANGJIAN_REST_NAMESPACE,
				'/' . $entity . '/(?P<id>\d+)',
				array(
					array(
						'methods'             => \WP_REST_Server::READABLE,
						'callback'            => static fn( $r ) => Rest_Records::get_item( $entity, $r ),
						'permission_callback' => array( self::class, 'can_manage' ),
						'args'                => array( 'id' => self::id_arg() ),
					),
					array(
						'methods'             => \WP_REST_Server::EDITABLE,
						'callback'            => static fn( $r ) => Rest_Records::update_item( $entity, $r ),
						'permission_callback' => array( self::class, 'can_manage' ),
						'args'                => array( 'id' => self::id_arg() ) + Rest_Records::record_args( $entity, false ),
					),
					array(
						'methods'             => \WP_REST_Server::DELETABLE,
						'callback'            => static fn( $r ) => Rest_Records::delete_item( $entity, $r ),
						'permission_callback' => array( self::class, 'can_manage' ),
						'args'                => array( 'id' => self::id_arg() ),
					),
					'schema' => static fn() => Rest_Records::record_schema( $entity ),
				)
			);
		}
	}

	/**
	 * The permission of every route but /stats: manage_dangjian (401 for a visitor, 403 for a user).
	 *
	 * @return true|\WP_Error
	 */
	public static function can_manage() {
		if ( current_user_can( Capabilities::MANAGE ) ) {
			return true;
		}
		return new \WP_Error(
			'rest_forbidden',
			__( 'Sorry, you are not allowed to change the Party building records.', 'dangjian' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * Validates a date argument: '' / null (none) or a real YYYY-MM-DD from 1900 to 2199.
	 *
	 * @param mixed            $value   The value.
	 * @param \WP_REST_Request $request The request.
	 * @param string           $param   The argument.
	 * @return true|\WP_Error
	 */
	public static function validate_date( $value, $request, $param ) {
		$valid = rest_validate_request_arg( $value, $request, $param );
		if ( true !== $valid ) {
			return $valid;
		}
		if ( null === $value || '' === $value || ( is_string( $value ) && Engine_Limits::is_date( $value ) ) ) {
			return true;
		}
		return new \WP_Error(
			'rest_invalid_param',
			/* translators: %s: an argument name. */
			sprintf( __( '%s is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31).', 'dangjian' ), $param ),
			array( 'status' => 400 )
		);
	}

	/**
	 * The date arguments' schema.
	 *
	 * @param string $description The description.
	 * @param bool   $nullable    Whether null and '' are accepted.
	 */
	public static function date_arg( string $description, bool $nullable = true ): array {
		return array(
			'description'       => $description,
			'type'              => $nullable ? array( 'string', 'null' ) : 'string',
			'pattern'           => $nullable ? '^(\d{4}-\d{2}-\d{2})?$' : '^\d{4}-\d{2}-\d{2}$',
			'validate_callback' => array( self::class, 'validate_date' ),
			'sanitize_callback' => static fn( $v ) => null === $v ? '' : sanitize_text_field( (string) $v ),
		);
	}

	/**
	 * The id in a route.
	 */
	public static function id_arg(): array {
		return array(
			'description'       => __( 'The record\'s id.', 'dangjian' ),
			'type'              => 'integer',
			'minimum'           => 1,
			'maximum'           => Engine_Limits::ID_MAX,
			'required'          => true,
			'validate_callback' => 'rest_validate_request_arg',
			'sanitize_callback' => 'absint',
		);
	}

}

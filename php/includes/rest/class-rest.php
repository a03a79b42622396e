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
		add_filter( 'rest_request_after_callbacks', array( self::class, 'translate_errors' ), 10, 3 );
	}

	/**
	 * WordPress words its argument checks in English for most of them ("gender is not one of …"),
	 * whatever the user's language: on our routes each refused argument is worded again through our
	 * text domain (zh_CN: php/languages), naming the field by its label, from the argument's schema.
	 * The codes, statuses and data.params keys stay WordPress's.
	 *
	 * @param mixed            $response The response, or the WP_Error of the checks.
	 * @param mixed            $handler  The route's handler.
	 * @param \WP_REST_Request $request  The request.
	 * @return mixed
	 */
	public static function translate_errors( $response, $handler, $request ) {
		if ( ! is_wp_error( $response ) || ! $request instanceof \WP_REST_Request || ! str_starts_with( (string) $request->get_route(), '/' . DANGJIAN_REST_NAMESPACE . '/' ) ) {
			return $response;
		}
		$code = $response->get_error_code();
		$data = (array) $response->get_error_data();
		$args = (array) ( $request->get_attributes()['args'] ?? array() );
		if ( 'rest_missing_callback_param' === $code && ! empty( $data['params'] ) ) {
			$names = array_map( static fn( $p ) => self::label( (string) $p, $request ), (array) $data['params'] );
			/* translators: %s: the names of the missing arguments. */
			return new \WP_Error( $code, sprintf( __( 'Missing parameter(s): %s', 'dangjian' ), implode( '、', $names ) ), $data );
		}
		if ( 'rest_invalid_param' !== $code || empty( $data['params'] ) || ! is_array( $data['params'] ) ) {
			return $response;
		}
		foreach ( $data['params'] as $param => $message ) {
			$detail = $data['details'][ $param ] ?? array();
			$worded = self::param_message( (string) $param, (string) ( $detail['code'] ?? '' ), (array) ( $args[ $param ] ?? array() ), $request );
			if ( null === $worded ) {
				continue;
			}
			$data['params'][ $param ] = $worded;
			if ( isset( $data['details'][ $param ] ) ) {
				$data['details'][ $param ]['message'] = $worded;
			}
		}
		/* translators: %s: what is wrong with each argument. */
		return new \WP_Error( $code, sprintf( __( 'Invalid parameter(s): %s', 'dangjian' ), implode( ' ', $data['params'] ) ), $data );
	}

	/**
	 * A refused argument in our words, from its schema; null to keep WordPress's (already ours, or a
	 * check we do not know).
	 *
	 * @param string           $param   The argument.
	 * @param string           $code    WordPress's code of the refusal (rest_invalid_type, …).
	 * @param array            $schema  The argument's schema.
	 * @param \WP_REST_Request $request The request.
	 */
	private static function param_message( string $param, string $code, array $schema, \WP_REST_Request $request ): ?string {
		$label = self::label( $param, $request );
		switch ( $code ) {
			case 'rest_invalid_type':
				$types = array_values( array_diff( (array) ( $schema['type'] ?? 'string' ), array( 'null' ) ) );
				$names = array(
					'integer' => __( 'a whole number', 'dangjian' ),
					'number'  => __( 'a number', 'dangjian' ),
					'boolean' => __( 'true or false (1 or 0)', 'dangjian' ),
					'string'  => __( 'text', 'dangjian' ),
					'array'   => __( 'a list', 'dangjian' ),
					'object'  => __( 'an object of names and values', 'dangjian' ),
				);
				/* translators: 1: a field, 2: what it must be (a whole number, text, …). */
				return sprintf( __( '%1$s must be %2$s.', 'dangjian' ), $label, $names[ $types[0] ?? 'string' ] ?? $types[0] );
			case 'rest_not_in_enum':
				$values = array_map( static fn( $v ) => '' === $v || null === $v ? __( '(empty)', 'dangjian' ) : (string) $v, (array) ( $schema['enum'] ?? array() ) );
				/* translators: 1: a field, 2: the values it may take. */
				return sprintf( __( '%1$s must be one of: %2$s.', 'dangjian' ), $label, implode( ', ', $values ) );
			case 'rest_out_of_bounds':
				if ( isset( $schema['minimum'], $schema['maximum'] ) ) {
					/* translators: 1: a field, 2: the smallest value, 3: the largest. */
					return sprintf( __( '%1$s must be from %2$s to %3$s.', 'dangjian' ), $label, (string) $schema['minimum'], (string) $schema['maximum'] );
				}
				return isset( $schema['minimum'] )
					/* translators: 1: a field, 2: the smallest value. */
					? sprintf( __( '%1$s must be at least %2$s.', 'dangjian' ), $label, (string) $schema['minimum'] )
					/* translators: 1: a field, 2: the largest value. */
					: sprintf( __( '%1$s must be at most %2$s.', 'dangjian' ), $label, (string) ( $schema['maximum'] ?? '' ) );
			case 'rest_too_long':
				/* translators: 1: a field, 2: a number of characters. */
				return sprintf( __( '%1$s is longer than %2$s characters.', 'dangjian' ), $label, (string) ( $schema['maxLength'] ?? '' ) );
			case 'rest_too_short':
				/* translators: 1: a field, 2: a number of characters. */
				return sprintf( __( '%1$s is shorter than %2$s characters.', 'dangjian' ), $label, (string) ( $schema['minLength'] ?? '' ) );
			case 'rest_invalid_pattern':
				return '' !== (string) ( $schema['description'] ?? '' )
					/* translators: 1: a field, 2: the description of what it takes. */
					? sprintf( __( '%1$s is not in the expected form: %2$s', 'dangjian' ), $label, (string) $schema['description'] )
					/* translators: %s: a field. */
					: sprintf( __( '%s is not in the expected form.', 'dangjian' ), $label );
		}
		return null;
	}

	/**
	 * An argument named for people: its field's label with the argument in brackets ("性别（gender）"),
	 * or the argument alone when it is not a field of a record.
	 *
	 * @param string           $param   The argument.
	 * @param \WP_REST_Request $request The request.
	 */
	private static function label( string $param, \WP_REST_Request $request ): string {
		$route  = (string) $request->get_route();
		$entity = preg_match( '#^/' . preg_quote( DANGJIAN_REST_NAMESPACE, '#' ) . '/([a-z_]+)#', $route, $m ) ? $m[1] : '';
		if ( ! in_array( $entity, Schema::TABLES, true ) || 'participants' === $entity ) {
			return $param;
		}
		$label = (string) ( Fields::form( $entity )[ $param ]['label'] ?? '' );
		/* translators: 1: a field's label, 2: its name in the API. */
		return '' === $label ? $param : sprintf( _x( '%1$s (%2$s)', 'a field and its API name', 'dangjian' ), $label, $param );
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
		Rest_People_Search::register();
		foreach ( Rest_Records::ENTITIES as $entity ) {
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
	 * A refused read says it may not be read, a refused write that it may not be changed.
	 *
	 * @param \WP_REST_Request|null $request The request.
	 * @return true|\WP_Error
	 */
	public static function can_manage( $request = null ) {
		if ( current_user_can( Capabilities::MANAGE ) ) {
			return true;
		}
		$read = $request instanceof \WP_REST_Request && in_array( $request->get_method(), array( 'GET', 'HEAD' ), true );
		return new \WP_Error(
			'rest_forbidden',
			$read
				? __( 'Sorry, you are not allowed to view the Party building records.', 'dangjian' )
				: __( 'Sorry, you are not allowed to change the Party building records.', 'dangjian' ),
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
			sprintf( __( '%s is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31).', 'dangjian' ), $request instanceof \WP_REST_Request ? self::label( (string) $param, $request ) : $param ),
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

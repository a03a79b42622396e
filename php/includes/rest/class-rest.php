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
 * through Records::sanitize() and Records::save(): the same checks as the admin forms; a bad value
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
					'callback'            => array( self::class, 'get_stats' ),
					'permission_callback' => '__return_true',
					'args'                => self::stats_args(),
				),
				'schema' => array( self::class, 'stats_schema' ),
			)
		);
		foreach ( array( 'people', 'activities' ) as $entity ) {
			register_rest_route(
				DANGJIAN_REST_NAMESPACE,
				'/' . $entity,
				array(
					array(
						'methods'             => \WP_REST_Server::READABLE,
						'callback'            => static fn( $r ) => self::list_items( $entity, $r ),
						'permission_callback' => array( self::class, 'can_manage' ),
						'args'                => self::list_args( $entity ),
					),
					array(
						'methods'             => \WP_REST_Server::CREATABLE,
						'callback'            => static fn( $r ) => self::create_item( $entity, $r ),
						'permission_callback' => array( self::class, 'can_manage' ),
						'args'                => self::record_args( $entity, true ),
					),
					'schema' => static fn() => self::record_schema( $entity ),
				)
			);
			register_rest_route(
				DANGJIAN_REST_NAMESPACE,
				'/' . $entity . '/(?P<id>\d+)',
				array(
					array(
						'methods'             => \WP_REST_Server::READABLE,
						'callback'            => static fn( $r ) => self::get_item( $entity, $r ),
						'permission_callback' => array( self::class, 'can_manage' ),
						'args'                => array( 'id' => self::id_arg() ),
					),
					array(
						'methods'             => \WP_REST_Server::EDITABLE,
						'callback'            => static fn( $r ) => self::update_item( $entity, $r ),
						'permission_callback' => array( self::class, 'can_manage' ),
						'args'                => array( 'id' => self::id_arg() ) + self::record_args( $entity, false ),
					),
					array(
						'methods'             => \WP_REST_Server::DELETABLE,
						'callback'            => static fn( $r ) => self::delete_item( $entity, $r ),
						'permission_callback' => array( self::class, 'can_manage' ),
						'args'                => array( 'id' => self::id_arg() ),
					),
					'schema' => static fn() => self::record_schema( $entity ),
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
		if ( null === $value || '' === $value || ( is_string( $value ) && Records::is_date( $value ) ) ) {
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
	private static function date_arg( string $description, bool $nullable = true ): array {
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
	private static function id_arg(): array {
		return array(
			'description'       => __( 'The record\'s id.', 'dangjian' ),
			'type'              => 'integer',
			'minimum'           => 1,
			'maximum'           => 2147483647,
			'required'          => true,
			'validate_callback' => 'rest_validate_request_arg',
			'sanitize_callback' => 'absint',
		);
	}

	/**
	 * The arguments of GET /stats.
	 *
	 * @return array
	 */
	private static function stats_args(): array {
		return array(
			'period' => array(
				'description'       => __( 'this_year (default), last_year, all, or a year such as 2024; ignored when from and to are given.', 'dangjian' ),
				'type'              => 'string',
				'pattern'           => '^(this_year|last_year|all|(19|20|21)\d\d)$',
				'default'           => 'this_year',
				'validate_callback' => 'rest_validate_request_arg',
				'sanitize_callback' => 'sanitize_key',
			),
			'from'   => self::date_arg( __( 'The first day of a custom period (with to).', 'dangjian' ), false ),
			'to'     => self::date_arg( __( 'The last day of a custom period (with from).', 'dangjian' ), false ),
			'as_of'  => self::date_arg( __( 'The day of the member counts (default today when in the period, else its last day).', 'dangjian' ), false ),
		);
	}

	/**
	 * A visitor without view_dangjian may not narrow the public figures below whole months, nor move
	 * the roster day: in a branch of forty people, counts of one day (or one as_of after another)
	 * would date each person's application, admission or departure. Returns the refusal, or null.
	 *
	 * @param array $args The period arguments of the request.
	 * @return \WP_Error|null
	 */
	private static function public_period_refused( array $args ): ?\WP_Error {
		if ( current_user_can( Capabilities::VIEW ) ) {
			return null;
		}
		if ( isset( $args['as_of'] ) ) {
			$why = __( 'Only the branch may choose the day of the member counts.', 'dangjian' );
			return new \WP_Error( 'rest_invalid_param', $why, array( 'status' => 400, 'params' => array( 'as_of' => $why ) ) );
		}
		if ( isset( $args['from'] ) ) {
			$why    = __( 'The public figures cover whole months: from must be the first day of a month and to the last day of one.', 'dangjian' );
			$params = array();
			if ( '01' !== substr( (string) $args['from'], 8, 2 ) ) {
				$params['from'] = $why;
			}
			$to = (string) $args['to'];
			if ( gmdate( 'Y-m-t', (int) strtotime( substr( $to, 0, 7 ) . '-01 UTC' ) ) !== $to ) {
				$params['to'] = $why;
			}
			if ( $params ) {
				return new \WP_Error( 'rest_invalid_param', $why, array( 'status' => 400, 'params' => $params ) );
			}
		}
		return null;
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
		$refused = self::public_period_refused( $args );
		if ( $refused ) {
			return $refused;
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
			'party_members'      => $count,
			'full'               => $count,
			'probationary'       => $count,
			'candidates'         => $count,
			'activists'          => $count,
			'applicants'         => $count,
			'staff_share'        => array( 'type' => array( 'number', 'null' ) ),
			'pipeline'           => array( 'type' => 'object' ),
			'service_activities' => $count,
			'service_hours'      => $amount,
			'volunteer_hours'    => $amount,
			'volunteers'         => $count,
			'fee_waived'         => $amount,
			'donation'           => $amount,
			'beneficiaries'      => $count,
			'service_by_kind'    => array( 'type' => 'object' ),
			'venues'             => array( 'type' => 'object' ),
			'by_month'           => array( 'type' => 'array' ),
			'meetings'           => $count,
			'meetings_by_kind'   => array( 'type' => 'object' ),
			'coverage'           => array( 'type' => 'object' ),
			'honours'            => array( 'type' => 'object' ),
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
					'description' => __( 'Only the figures the settings allow the public to see.', 'dangjian' ),
					'properties'  => $figures,
				),
			),
		);
	}

	/**
	 * The arguments of a record's fields (POST, PUT, PATCH). Types are checked by WordPress; the
	 * values by Records::validate() in the handler, as the forms do.
	 *
	 * @param string $entity  The entity.
	 * @param bool   $create  Whether required fields are required.
	 * @return array
	 */
	private static function record_args( string $entity, bool $create ): array {
		$args = array();
		foreach ( Records::fields( $entity ) as $name => $spec ) {
			$arg = array(
				'description'       => $spec['label'],
				'validate_callback' => 'rest_validate_request_arg',
			);
			switch ( $spec['type'] ) {
				case 'date':
					$arg = self::date_arg( $spec['label'], empty( $spec['required'] ) );
					break;
				case 'select':
					$arg['type'] = 'string';
					$arg['enum'] = array_map( 'strval', array_keys( $spec['options'] ) );
					break;
				case 'bool':
					$arg['type'] = 'boolean';
					break;
				case 'amount':
					$arg['type']    = array( 'number', 'string' );
					$arg['minimum'] = 0;
					$arg['maximum'] = 1000000000;
					break;
				case 'count':
					$arg['type']    = array( 'integer', 'string' );
					$arg['minimum'] = 0;
					$arg['maximum'] = 2147483647;
					break;
				case 'participants':
					$arg['type']  = 'array';
					$arg['items'] = array(
						'type'       => array( 'integer', 'object' ),
						'minimum'    => 1,
						'properties' => array(
							'id'    => array(
								'type'    => 'integer',
								'minimum' => 1,
							),
							'hours' => array( 'type' => array( 'number', 'string', 'null' ) ),
						),
					);
					break;
				case 'email':
					$arg['type']   = 'string';
					$arg['format'] = 'text-field';
					break;
				default:
					$arg['type'] = 'string';
			}
			if ( $create && ! empty( $spec['required'] ) ) {
				$arg['required'] = true;
			}
			if ( ! empty( $spec['max'] ) && 'string' === ( $arg['type'] ?? '' ) ) {
				$arg['maxLength'] = (int) $spec['max'];
			}
			$args[ $name ] = $arg;
		}
		return $args;
	}

	/**
	 * The schema of a record.
	 *
	 * @param string $entity The entity.
	 * @return array
	 */
	public static function record_schema( string $entity ): array {
		$properties = array(
			'id' => array(
				'type'     => 'integer',
				'readonly' => true,
			),
		);
		foreach ( self::record_args( $entity, false ) as $name => $arg ) {
			unset( $arg['validate_callback'], $arg['sanitize_callback'] );
			if ( in_array( Records::fields( $entity )[ $name ]['type'], array( 'amount' ), true ) ) {
				$arg['type'] = 'number';
			} elseif ( 'count' === Records::fields( $entity )[ $name ]['type'] ) {
				$arg['type'] = 'integer';
			}
			$properties[ $name ] = $arg;
		}
		if ( 'people' === $entity ) {
			$properties['stage'] = array(
				'type'     => 'string',
				'enum'     => array_keys( Records::stages() ),
				'readonly' => true,
			);
		}
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'dangjian-' . $entity,
			'type'       => 'object',
			'properties' => $properties,
		);
	}

	/**
	 * The arguments of a list.
	 *
	 * @param string $entity The entity.
	 * @return array
	 */
	private static function list_args( string $entity ): array {
		list( , $sortable ) = Records::sortable( $entity );
		$args               = array(
			'search'   => array(
				'type'              => 'string',
				'maxLength'         => 200,
				'validate_callback' => 'rest_validate_request_arg',
				'sanitize_callback' => 'sanitize_text_field',
			),
			'page'     => array(
				'type'              => 'integer',
				'minimum'           => 1,
				'default'           => 1,
				'validate_callback' => 'rest_validate_request_arg',
			),
			'per_page' => array(
				'type'              => 'integer',
				'minimum'           => 1,
				'maximum'           => 100,
				'default'           => Records::PER_PAGE,
				'validate_callback' => 'rest_validate_request_arg',
			),
			'orderby'  => array(
				'type'              => 'string',
				'enum'              => $sortable,
				'validate_callback' => 'rest_validate_request_arg',
			),
			'order'    => array(
				'type'              => 'string',
				'enum'              => array( 'asc', 'desc' ),
				'validate_callback' => 'rest_validate_request_arg',
			),
		);
		if ( 'people' === $entity ) {
			$args['stage'] = array(
				'type'              => 'string',
				'enum'              => array_keys( Records::stages() ),
				'validate_callback' => 'rest_validate_request_arg',
			);
		} else {
			$args['category'] = array(
				'type'              => 'string',
				'enum'              => array_keys( Records::categories() ),
				'validate_callback' => 'rest_validate_request_arg',
			);
			$args['kind']     = array(
				'type'              => 'string',
				'enum'              => array_keys( Records::kinds() ),
				'validate_callback' => 'rest_validate_request_arg',
			);
			$args['from']     = self::date_arg( __( 'Activities on or after this day.', 'dangjian' ), false );
			$args['to']       = self::date_arg( __( 'Activities on or before this day.', 'dangjian' ), false );
		}
		return $args;
	}

	/**
	 * A record as the API shows it: typed values, null for a missing date.
	 *
	 * @param string $entity The entity.
	 * @param array  $values The record (Records::get()).
	 * @return array
	 */
	public static function prepare( string $entity, array $values ): array {
		$out = array( 'id' => (int) $values['id'] );
		foreach ( Records::fields( $entity ) as $name => $spec ) {
			if ( 'participants' === $spec['type'] && ! isset( $values[ $name ] ) ) {
				continue; // A list row: participant_count instead.
			}
			$v = $values[ $name ] ?? '';
			switch ( $spec['type'] ) {
				case 'date':
					$out[ $name ] = '' === $v ? null : $v;
					break;
				case 'amount':
					$out[ $name ] = (float) $v;
					break;
				case 'count':
					$out[ $name ] = (int) $v;
					break;
				case 'bool':
					$out[ $name ] = '1' === (string) $v;
					break;
				case 'participants':
					$out[ $name ] = array();
					foreach ( (array) $v as $p ) {
						$out[ $name ][] = array(
							'id'    => (int) $p['id'],
							'hours' => null === $p['hours'] ? null : (float) $p['hours'],
						);
					}
					break;
				default:
					$out[ $name ] = (string) $v;
			}
		}
		if ( isset( $values['stage'] ) ) {
			$out['stage'] = $values['stage'];
		}
		if ( isset( $values['participant_count'] ) ) {
			$out['participant_count'] = (int) $values['participant_count'];
		}
		return $out;
	}

	/**
	 * GET /people, /activities.
	 *
	 * @param string           $entity  The entity.
	 * @param \WP_REST_Request $request The request.
	 */
	private static function list_items( string $entity, \WP_REST_Request $request ) {
		$args   = array();
		$params = array( 'search', 'stage', 'category', 'kind', 'from', 'to', 'orderby', 'order', 'page', 'per_page' );
		foreach ( $params as $key ) {
			if ( null !== $request->get_param( $key ) ) {
				$args[ $key ] = $request->get_param( $key );
			}
		}
		$result = Records::query( $entity, $args );
		$items  = array();
		foreach ( $result['items'] as $item ) {
			$items[] = self::prepare( $entity, $item );
		}
		$response = rest_ensure_response( $items );
		$response->header( 'X-WP-Total', (string) $result['total'] );
		$response->header( 'X-WP-TotalPages', (string) (int) ceil( $result['total'] / max( 1, (int) ( $args['per_page'] ?? Records::PER_PAGE ) ) ) );
		return $response;
	}

	/**
	 * GET /<entity>/<id>.
	 *
	 * @param string           $entity  The entity.
	 * @param \WP_REST_Request $request The request.
	 */
	private static function get_item( string $entity, \WP_REST_Request $request ) {
		$values = Records::get( $entity, (int) $request['id'] );
		if ( null === $values ) {
			return self::not_found();
		}
		return rest_ensure_response( self::prepare( $entity, self::with_stage( $entity, $values ) ) );
	}

	/**
	 * Adds a person's stage today.
	 *
	 * @param string $entity The entity.
	 * @param array  $values The record.
	 */
	private static function with_stage( string $entity, array $values ): array {
		if ( 'people' === $entity ) {
			$values['stage'] = self::stage_of( $values );
		}
		return $values;
	}

	/**
	 * A person's stage today, from their dates.
	 *
	 * @param array $values The person.
	 */
	private static function stage_of( array $values ): string {
		$today = Period::today();
		if ( '' !== $values['left_on'] && $values['left_on'] <= $today ) {
			return 'left';
		}
		$map = array(
			'full_on'      => 'full',
			'admitted_on'  => 'probationary',
			'candidate_on' => 'candidate',
			'activist_on'  => 'activist',
			'applied_on'   => 'applicant',
		);
		foreach ( $map as $field => $stage ) {
			if ( '' !== $values[ $field ] && $values[ $field ] <= $today ) {
				return $stage;
			}
		}
		return 'none';
	}

	/**
	 * The fields given in a request (body or query), as given.
	 *
	 * @param string           $entity  The entity.
	 * @param \WP_REST_Request $request The request.
	 * @return array
	 */
	private static function input( string $entity, \WP_REST_Request $request ): array {
		$input = array();
		$given = array_merge( (array) $request->get_query_params(), (array) $request->get_body_params(), (array) $request->get_json_params() );
		foreach ( array_keys( Records::fields( $entity ) ) as $name ) {
			if ( array_key_exists( $name, $given ) ) {
				$input[ $name ] = $request->get_param( $name );
			}
		}
		return $input;
	}

	/**
	 * Turns Records::save()'s refusal into a REST error naming the fields.
	 *
	 * @param \WP_Error $error The refusal.
	 */
	private static function refusal( \WP_Error $error ): \WP_Error {
		if ( 'dangjian_invalid' !== $error->get_error_code() ) {
			return $error;
		}
		$data   = $error->get_error_data();
		$params = (array) ( $data['errors'] ?? array() );
		return new \WP_Error(
			'rest_invalid_param',
			/* translators: %s: a list of field names. */
			sprintf( __( 'Invalid parameter(s): %s', 'dangjian' ), implode( ', ', array_keys( $params ) ) ),
			array(
				'status' => 400,
				'params' => $params,
			)
		);
	}

	/**
	 * A 404.
	 */
	private static function not_found(): \WP_Error {
		return new \WP_Error( 'rest_not_found', __( 'No such record.', 'dangjian' ), array( 'status' => 404 ) );
	}

	/**
	 * POST /people, /activities.
	 *
	 * @param string           $entity  The entity.
	 * @param \WP_REST_Request $request The request.
	 */
	private static function create_item( string $entity, \WP_REST_Request $request ) {
		$values = Records::sanitize( $entity, self::input( $entity, $request ) );
		$id     = Records::save( $entity, $values );
		if ( is_wp_error( $id ) ) {
			return self::refusal( $id );
		}
		$response = rest_ensure_response( self::prepare( $entity, self::with_stage( $entity, Records::get( $entity, $id ) ) ) );
		$response->set_status( 201 );
		$response->header( 'Location', rest_url( DANGJIAN_REST_NAMESPACE . '/' . $entity . '/' . $id ) );
		return $response;
	}

	/**
	 * PUT / PATCH /<entity>/<id>: the fields given replace the record's.
	 *
	 * @param string           $entity  The entity.
	 * @param \WP_REST_Request $request The request.
	 */
	private static function update_item( string $entity, \WP_REST_Request $request ) {
		$id   = (int) $request['id'];
		$base = Records::get( $entity, $id );
		if ( null === $base ) {
			return self::not_found();
		}
		$values = Records::sanitize( $entity, self::input( $entity, $request ), $base );
		$result = Records::save( $entity, $values, $id );
		if ( is_wp_error( $result ) ) {
			return self::refusal( $result );
		}
		return rest_ensure_response( self::prepare( $entity, self::with_stage( $entity, Records::get( $entity, $id ) ) ) );
	}

	/**
	 * DELETE /<entity>/<id>.
	 *
	 * @param string           $entity  The entity.
	 * @param \WP_REST_Request $request The request.
	 */
	private static function delete_item( string $entity, \WP_REST_Request $request ) {
		$id       = (int) $request['id'];
		$previous = Records::get( $entity, $id );
		if ( null === $previous ) {
			return self::not_found();
		}
		Records::delete( $entity, array( $id ) );
		return rest_ensure_response(
			array(
				'deleted'  => true,
				'previous' => self::prepare( $entity, self::with_stage( $entity, $previous ) ),
			)
		);
	}
}

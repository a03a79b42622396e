<?php
/**
 * REST: the records' routes (list, read, create, update, delete) for manage_dangjian.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The arguments come from Fields (the forms' fields), the checks from Validator, the writes from
 * Records, so what a form accepts the API accepts.
 */
final class Rest_Records {

	/** The records with routes (dangjian/v1/<entity> and /<entity>/<id>). */
	const ENTITIES = array( 'people', 'activities', 'investments', 'benefits', 'plans' );

	/**
	 * The arguments of a record's fields (POST, PUT, PATCH). Types are checked by WordPress; the
	 * values by Validator::validate() in the handler, as the forms do.
	 *
	 * @param string $entity  The entity.
	 * @param bool   $create  Whether required fields are required.
	 * @return array
	 */
	public static function record_args( string $entity, bool $create ): array {
		$args = array();
		foreach ( Fields::form( $entity ) as $name => $spec ) {
			$arg = array(
				'description'       => $spec['label'],
				'validate_callback' => 'rest_validate_request_arg',
			);
			switch ( $spec['type'] ) {
				case 'date':
					$arg = Rest::date_arg( $spec['label'], empty( $spec['required'] ) );
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
					$arg['maximum'] = Engine_Limits::AMOUNT_MAX;
					break;
				case 'count':
					$arg['type']    = array( 'integer', 'string' );
					$arg['minimum'] = 0;
					$arg['maximum'] = Engine_Limits::COUNT_MAX;
					break;
				case 'year':
					$arg['type']    = array( 'integer', 'string' );
					$arg['minimum'] = (int) substr( Engine_Limits::DATE_MIN, 0, 4 );
					$arg['maximum'] = (int) substr( Engine_Limits::DATE_MAX, 0, 4 );
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
			if ( in_array( Fields::form( $entity )[ $name ]['type'], array( 'amount' ), true ) ) {
				$arg['type'] = 'number';
			} elseif ( in_array( Fields::form( $entity )[ $name ]['type'], array( 'count', 'year' ), true ) ) {
				$arg['type'] = 'integer';
			}
			$properties[ $name ] = $arg;
		}
		if ( 'people' === $entity ) {
			$properties['stage'] = array(
				'type'     => 'string',
				'enum'     => array_keys( Vocabulary::stages() ),
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
	public static function list_args( string $entity ): array {
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
				'enum'              => array_keys( Vocabulary::stages() ),
				'validate_callback' => 'rest_validate_request_arg',
			);
		} elseif ( 'activities' === $entity ) {
			$args['category'] = array(
				'type'              => 'string',
				'enum'              => array_keys( Vocabulary::categories() ),
				'validate_callback' => 'rest_validate_request_arg',
			);
			$args['kind']     = array(
				'type'              => 'string',
				'enum'              => array_keys( Vocabulary::kinds() ),
				'validate_callback' => 'rest_validate_request_arg',
			);
			$args['project']  = array(
				'description'       => __( 'Only the activities of this campaign.', 'dangjian' ),
				'type'              => 'string',
				'maxLength'         => Engine_Limits::NAME_BYTES,
				'validate_callback' => 'rest_validate_request_arg',
				'sanitize_callback' => 'sanitize_text_field',
			);
		}
		if ( '' !== Records::date_column( $entity ) && 'people' !== $entity ) {
			$args['from'] = Rest::date_arg( __( 'Records on or after this day.', 'dangjian' ), false );
			$args['to']   = Rest::date_arg( __( 'Records on or before this day.', 'dangjian' ), false );
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
		foreach ( Fields::form( $entity ) as $name => $spec ) {
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
				case 'year':
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
	public static function list_items( string $entity, \WP_REST_Request $request ) {
		$args   = array();
		$params = array( 'search', 'stage', 'category', 'kind', 'project', 'from', 'to', 'orderby', 'order', 'page', 'per_page' );
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
	public static function get_item( string $entity, \WP_REST_Request $request ) {
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
		foreach ( array_keys( Fields::form( $entity ) ) as $name ) {
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
	public static function create_item( string $entity, \WP_REST_Request $request ) {
		$values = Validator::sanitize( $entity, self::input( $entity, $request ) );
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
	public static function update_item( string $entity, \WP_REST_Request $request ) {
		$id   = (int) $request['id'];
		$base = Records::get( $entity, $id );
		if ( null === $base ) {
			return self::not_found();
		}
		$values = Validator::sanitize( $entity, self::input( $entity, $request ), $base );
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
	public static function delete_item( string $entity, \WP_REST_Request $request ) {
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

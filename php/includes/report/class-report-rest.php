<?php
/**
 * REST: GET dangjian/v1/report and GET dangjian/v1/report/records.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Both routes need view_dangjian. The period is a year, or from and to; as_of is optional.
 */
final class Report_Rest {

	/**
	 * Registers the routes (rest_api_init).
	 */
	public static function register(): void {
		$date   = array(
			'type'    => 'string',
			'pattern' => '^\d{4}-\d{2}-\d{2}$',
		);
		$period = array(
			'year'  => array(
				'type'    => 'integer',
				'minimum' => 1900,
				'maximum' => 2199,
			),
			'from'  => $date,
			'to'    => $date,
			'as_of' => $date,
		);
		register_rest_route(
			DANGJIAN_REST_NAMESPACE,
			'/report',
			array(
				'methods'             => 'GET',
				'callback'            => array( self::class, 'report' ),
				'permission_callback' => array( self::class, 'can_view' ),
				'args'                => $period + array(
					'format' => array(
						'type'    => 'string',
						'enum'    => array( 'json', 'text', 'html' ),
						'default' => 'json',
					),
				),
			)
		);
		register_rest_route(
			DANGJIAN_REST_NAMESPACE,
			'/report/records',
			array(
				'methods'             => 'GET',
				'callback'            => array( self::class, 'records' ),
				'permission_callback' => array( self::class, 'can_view' ),
				'args'                => $period + array(
					'figure' => array(
						'type'     => 'string',
						'required' => true,
						'pattern'  => '^[A-Za-z0-9_.]{1,64}$',
					),
					'args'   => array(
						'type'        => 'string',
						'default'     => '{}',
						'description' => 'The figure\'s args as a JSON object of strings, e.g. {"kind":"crisis_aid"}.',
					),
				),
			)
		);
	}

	/**
	 * The permission of both routes.
	 */
	public static function can_view(): bool {
		return current_user_can( Capabilities::VIEW );
	}

	/**
	 * The request's period.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return Report_Context|\WP_Error
	 */
	private static function context( \WP_REST_Request $request ) {
		$from  = (string) $request->get_param( 'from' );
		$to    = (string) $request->get_param( 'to' );
		$year  = $request->get_param( 'year' );
		$as_of = $request->get_param( 'as_of' );
		try {
			if ( '' !== $from || '' !== $to ) {
				return new Report_Context( $from, $to, is_string( $as_of ) && '' !== $as_of ? $as_of : null );
			}
			$year = null !== $year ? (int) $year : (int) substr( Period::today(), 0, 4 );
			return new Report_Context( sprintf( '%04d-01-01', $year ), sprintf( '%04d-12-31', $year ), is_string( $as_of ) && '' !== $as_of ? $as_of : null );
		} catch ( \InvalidArgumentException $e ) {
			return new \WP_Error( 'dangjian_invalid_period', $e->getMessage(), array( 'status' => 400 ) );
		}
	}

	/**
	 * GET /report: the report of the period, with the value of every figure it holds.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public static function report( \WP_REST_Request $request ) {
		$ctx = self::context( $request );
		if ( is_wp_error( $ctx ) ) {
			return $ctx;
		}
		try {
			$report = Report_Output::build( $ctx );
		} catch ( \Throwable $e ) {
			return new \WP_Error( 'dangjian_report', $e->getMessage(), array( 'status' => 500 ) );
		}
		$format = $request->get_param( 'format' );
		$out    = array(
			'period' => $report['period'],
			'title'  => $report['title'],
		);
		if ( 'html' === $format ) {
			$out['html'] = Report_Output::html( $report, false );
			return rest_ensure_response( $out );
		}
		$out['text'] = Report_Output::text( $report );
		if ( 'json' === $format ) {
			$out['figures'] = array();
			foreach ( $report['blocks'] as $block ) {
				foreach ( $block['parts'] as $part ) {
					if ( isset( $part['figure'] ) ) {
						$out['figures'][] = array(
							'line'   => $block['line'],
							'id'     => $part['figure'],
							'args'   => (object) $part['args'],
							'value'  => $part['value'],
							'text'   => $part['text'],
						);
					}
				}
			}
		}
		return rest_ensure_response( $out );
	}

	/**
	 * GET /report/records: the records behind one figure.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public static function records( \WP_REST_Request $request ) {
		$ctx = self::context( $request );
		if ( is_wp_error( $ctx ) ) {
			return $ctx;
		}
		$args = json_decode( (string) $request->get_param( 'args' ), true );
		if ( ! is_array( $args ) || array_filter( $args, static fn( $v ) => ! is_string( $v ) ) ) {
			return new \WP_Error( 'dangjian_invalid_args', __( 'args must be a JSON object of strings.', 'dangjian' ), array( 'status' => 400 ) );
		}
		$args = array_map( 'sanitize_text_field', $args );
		try {
			$records = Report_Records::of( (string) $request->get_param( 'figure' ), $args, $ctx );
			$value   = Report_Figures::evaluate( (string) $request->get_param( 'figure' ), $args, $ctx );
		} catch ( \InvalidArgumentException $e ) {
			return new \WP_Error( 'dangjian_invalid_args', $e->getMessage(), array( 'status' => 400 ) );
		} catch ( \Throwable $e ) {
			return new \WP_Error( 'dangjian_report', $e->getMessage(), array( 'status' => 500 ) );
		}
		return rest_ensure_response( array( 'figure' => $request->get_param( 'figure' ), 'value' => $value ) + $records );
	}
}

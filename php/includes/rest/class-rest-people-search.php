<?php
/**
 * GET /dangjian/v1/people/search: the activity form's participant picker asks it as the secretary
 * types (php/assets/participant-picker.js).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Finds people for an activity on a day ("on"): by a prepared LIKE on the name or the phone ("q"), at
 * most self::LIMIT of them; people not on the roster that day (left by then, or transferred in
 * later) are not offered; each comes
 * with their stage on that day. People who took part in the latest activities up to that day come
 * first, then the others, each part in pinyin order (Collator zh_CN). With "q" empty it is the
 * initial list: the recent participants, then the roster in pinyin order when it is small, or the
 * people added last when it is large. "ids" instead names people already chosen (their stage on the
 * day, left or not). The cost is bounded whatever the number of people: a few indexed reads and at
 * most self::SCAN rows sorted.
 */
final class Rest_People_Search {

	/** The most people an answer lists. */
	const LIMIT = 20;

	/** The most matches read before sorting (the answer says there are more). */
	const SCAN = 200;

	/** How many of the latest participations say who took part recently. */
	const RECENT = 400;

	/** Up to this many people, the initial list is the whole roster in pinyin order. */
	const SMALL = 2000;

	/**
	 * Registers the route (Rest::register() calls this).
	 */
	public static function register(): void {
		register_rest_route(
			DANGJIAN_REST_NAMESPACE,
			'/people/search',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( self::class, 'answer' ),
					'permission_callback' => array( Rest::class, 'can_manage' ),
					'args'                => array(
						'q'   => array(
							'description'       => __( 'Part of a name or of a phone number; empty for the initial list.', 'dangjian' ),
							'type'              => 'string',
							'default'           => '',
							'maxLength'         => 100,
							'sanitize_callback' => static fn( $v ) => Import_Vocabulary::trim( sanitize_text_field( (string) $v ) ),
						),
						'on'  => Rest::date_arg( __( 'The activity\'s date: who is on the roster and their stage that day (today when empty).', 'dangjian' ) ),
						'ids' => array(
							'description' => __( 'People already chosen: their stage on the day, instead of a search.', 'dangjian' ),
							'type'        => 'array',
							'items'       => array(
								'type'    => 'integer',
								'minimum' => 1,
								'maximum' => Engine_Limits::ID_MAX,
							),
							'maxItems'    => 5000,
						),
					),
				),
			)
		);
	}

	/**
	 * The route's callback.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_REST_Response
	 */
	public static function answer( \WP_REST_Request $request ): \WP_REST_Response {
		$on  = (string) $request->get_param( 'on' );
		$on  = '' === $on ? Period::today() : $on;
		$ids = $request->get_param( 'ids' );
		if ( is_array( $ids ) && $ids ) {
			return rest_ensure_response(
				array(
					'on'    => $on,
					'items' => array_values( self::people( array_map( 'intval', $ids ), $on ) ),
					'more'  => false,
				)
			);
		}
		return rest_ensure_response( array( 'on' => $on ) + self::search( (string) $request->get_param( 'q' ), $on ) );
	}

	/**
	 * People by id with their stage on a day (left or not): id => item.
	 *
	 * @param int[]  $ids The people.
	 * @param string $on  The day.
	 * @return array<int,array>
	 */
	public static function people( array $ids, string $on ): array {
		global $wpdb;
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $ids ) ) ) );
		if ( ! $ids ) {
			return array();
		}
		$table = Schema::table( 'people' );
		$stage = Records::stage_sql( $on );
		$rows  = $wpdb->get_results( "SELECT id, name, phone, ({$stage}) AS stage FROM {$table} WHERE id IN (" . implode( ',', $ids ) . ')', ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- Integers and a prepared CASE.
		$out   = array();
		foreach ( (array) $rows as $row ) {
			$out[ (int) $row['id'] ] = self::item( $row, false );
		}
		$sorted = array();
		foreach ( $ids as $id ) {
			if ( isset( $out[ $id ] ) ) {
				$sorted[ $id ] = $out[ $id ];
			}
		}
		return $sorted;
	}

	/**
	 * A search (or the initial list when $q is ''), at most self::LIMIT people.
	 *
	 * @param string $q  Part of a name or a phone number.
	 * @param string $on The day.
	 * @return array{items:array[],more:bool,total:int}
	 */
	public static function search( string $q, string $on ): array {
		global $wpdb;
		$table  = Schema::table( 'people' );
		$stage  = Records::stage_sql( $on );
		$roster = $wpdb->prepare( '(left_on IS NULL OR left_on > %s) AND (joined_on IS NULL OR joined_on <= %s)', $on, $on );
		$recent = self::recent( $on );
		$total  = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table} WHERE {$roster}" ); // phpcs:ignore WordPress.DB.PreparedSQL -- Prepared above.
		if ( '' !== $q ) {
			$like = '%' . $wpdb->esc_like( $q ) . '%';
			$rows = $wpdb->get_results( $wpdb->prepare( "SELECT id, name, phone, ({$stage}) AS stage FROM {$table} WHERE {$roster} AND (name LIKE %s OR phone LIKE %s) ORDER BY (name LIKE %s) DESC, id LIMIT %d", $like, $like, $wpdb->esc_like( $q ) . '%', self::SCAN + 1 ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- Prepared; $stage and $roster prepared above.
		} elseif ( $total <= self::SMALL ) {
			$rows = $wpdb->get_results( "SELECT id, name, phone, ({$stage}) AS stage FROM {$table} WHERE {$roster}", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- Prepared above.
		} else {
			$some = $recent ? ' OR id IN (' . implode( ',', array_keys( $recent ) ) . ')' : '';
			$rows = $wpdb->get_results( $wpdb->prepare( "(SELECT id, name, phone, ({$stage}) AS stage FROM {$table} WHERE {$roster} ORDER BY id DESC LIMIT %d) UNION (SELECT id, name, phone, ({$stage}) AS stage FROM {$table} WHERE {$roster} AND (0{$some}))", self::SCAN ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- Prepared; integers.
		}
		$rows = (array) $rows;
		$more = '' === $q ? $total > count( $rows ) : count( $rows ) > self::SCAN;
		if ( '' !== $q ) {
			$rows = array_slice( $rows, 0, self::SCAN );
		}
		$keys = self::sort_keys( array_column( $rows, 'name' ) );
		foreach ( $rows as $i => &$row ) {
			$row['recent'] = isset( $recent[ (int) $row['id'] ] );
			$row['key']    = $keys[ $i ];
		}
		unset( $row );
		usort( $rows, static fn( $a, $b ) => array( $b['recent'], $a['key'], (int) $a['id'] ) <=> array( $a['recent'], $b['key'], (int) $b['id'] ) );
		$items = array();
		foreach ( array_slice( $rows, 0, self::LIMIT ) as $row ) {
			$items[] = self::item( $row, $row['recent'] );
		}
		return array(
			'items' => $items,
			'more'  => $more || count( $rows ) > self::LIMIT,
			'total' => $total,
		);
	}

	/**
	 * The people who took part in the latest activities up to a day: id => true.
	 *
	 * @param string $on The day.
	 * @return array<int,bool>
	 */
	private static function recent( string $on ): array {
		global $wpdb;
		$a   = Schema::table( 'activities' );
		$p   = Schema::table( 'participants' );
		$ids = $wpdb->get_col( $wpdb->prepare( "SELECT p.person_id FROM (SELECT id FROM {$a} WHERE activity_date <= %s ORDER BY activity_date DESC, id DESC LIMIT %d) AS x JOIN {$p} AS p ON p.activity_id = x.id", $on, 60 ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$out = array();
		foreach ( array_slice( (array) $ids, 0, self::RECENT ) as $id ) {
			$out[ (int) $id ] = true;
		}
		return $out;
	}

	/**
	 * Pinyin sort keys of names (PHP intl's Collator for zh_CN); the names themselves without intl.
	 *
	 * @param string[] $names The names.
	 * @return string[] Keys in the same order.
	 */
	private static function sort_keys( array $names ): array {
		static $collator = null;
		if ( null === $collator && class_exists( '\\Collator' ) ) {
			$collator = new \Collator( 'zh_CN' );
		}
		$keys = array();
		foreach ( $names as $i => $name ) {
			$key        = $collator ? $collator->getSortKey( (string) $name ) : false;
			$keys[ $i ] = false === $key ? (string) $name : $key;
		}
		return $keys;
	}

	/**
	 * One person as the picker shows them.
	 *
	 * @param array $row    id, name, phone, stage.
	 * @param bool  $recent Whether they took part recently.
	 */
	private static function item( array $row, bool $recent ): array {
		$stages = Vocabulary::stages();
		$phone  = preg_replace( '/\D/', '', (string) $row['phone'] );
		return array(
			'id'          => (int) $row['id'],
			'name'        => (string) $row['name'],
			'stage'       => (string) $row['stage'],
			'stage_label' => (string) ( $stages[ (string) $row['stage'] ] ?? '' ),
			'phone_tail'  => strlen( (string) $phone ) >= 4 ? substr( (string) $phone, -4 ) : '',
			'recent'      => $recent,
		);
	}
}

<?php
/**
 * WordPress's personal-data tools (Tools → Export / Erase Personal Data) for the people records.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * How a person is matched: a request names an email address; the people whose "email" field equals
 * it (case-insensitive, surrounding spaces ignored) are that person's records. People recorded
 * without an email address cannot be found this way: add the address to their record first.
 *
 * The exporter returns, per person, every personal field (name, gender, birth date, phone, email,
 * staff, stage dates, transfers, notes) and the activities they took part in (date, title, hours).
 *
 * The eraser anonymises rather than deletes, so the branch's historical figures stay right: the name
 * becomes "(erased)", and gender, birth date, phone, email, the organisations of a transfer and the
 * notes are cleared. The stage dates and participations stay; without a name they no longer identify
 * anyone. The data version is bumped.
 */
final class Privacy {

	/** Records per page of an export or erasure. */
	const PAGE = 50;

	/**
	 * Adds the hooks.
	 */
	public static function init(): void {
		add_filter( 'wp_privacy_personal_data_exporters', array( self::class, 'register_exporter' ) );
		add_filter( 'wp_privacy_personal_data_erasers', array( self::class, 'register_eraser' ) );
		add_action( 'admin_init', array( self::class, 'policy_text' ) );
	}

	/**
	 * Registers the exporter.
	 *
	 * @param array $exporters The exporters.
	 */
	public static function register_exporter( $exporters ) {
		$exporters['dangjian-people'] = array(
			'exporter_friendly_name' => __( 'Party building records', 'dangjian' ),
			'callback'               => array( self::class, 'export' ),
		);
		return $exporters;
	}

	/**
	 * Registers the eraser.
	 *
	 * @param array $erasers The erasers.
	 */
	public static function register_eraser( $erasers ) {
		$erasers['dangjian-people'] = array(
			'eraser_friendly_name' => __( 'Party building records', 'dangjian' ),
			'callback'             => array( self::class, 'erase' ),
		);
		return $erasers;
	}

	/**
	 * The ids of the people with an email address, one page at a time.
	 *
	 * @param string $email The address.
	 * @param int    $page  1-based.
	 * @return array{0:int[],1:bool} The ids, and whether this is the last page.
	 */
	public static function match( string $email, int $page ): array {
		global $wpdb;
		$email = strtolower( trim( $email ) );
		if ( '' === $email ) {
			return array( array(), true );
		}
		$table = Schema::table( 'people' );
		$ids   = $wpdb->get_col(
			$wpdb->prepare(
				"SELECT id FROM {$table} WHERE LOWER(TRIM(email)) = %s ORDER BY id LIMIT %d OFFSET %d", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
				$email,
				self::PAGE + 1,
				( max( 1, $page ) - 1 ) * self::PAGE
			)
		);
		$ids = array_map( 'intval', (array) $ids );
		return array( array_slice( $ids, 0, self::PAGE ), count( $ids ) <= self::PAGE );
	}

	/**
	 * The exporter.
	 *
	 * @param string $email The address.
	 * @param int    $page  1-based.
	 * @return array{data:array,done:bool}
	 */
	public static function export( $email, $page = 1 ): array {
		global $wpdb;
		list( $ids, $done ) = self::match( (string) $email, (int) $page );
		$data               = array();
		foreach ( $ids as $id ) {
			$person = Records::get( 'people', $id );
			if ( null === $person ) {
				continue;
			}
			$items = array();
			foreach ( Fields::form( 'people' ) as $name => $spec ) {
				$value = (string) $person[ $name ];
				if ( '' === $value ) {
					continue;
				}
				if ( 'select' === $spec['type'] ) {
					$value = $spec['options'][ $value ] ?? $value;
				} elseif ( 'bool' === $spec['type'] ) {
					$value = '1' === $value ? __( 'Yes', 'dangjian' ) : __( 'No', 'dangjian' );
				}
				$items[] = array(
					'name'  => $spec['label'],
					'value' => $value,
				);
			}
			$data[]       = array(
				'group_id'          => 'dangjian-people',
				'group_label'       => __( 'Party building records', 'dangjian' ),
				'group_description' => __( 'The personal record kept by the Party branch.', 'dangjian' ),
				'item_id'           => 'dangjian-person-' . $id,
				'data'              => $items,
			);
			$activities   = Schema::table( 'activities' );
			$participants = Schema::table( 'participants' );
			$rows         = $wpdb->get_results(
				$wpdb->prepare(
					"SELECT a.id, a.activity_date, a.title, a.category, COALESCE(p.hours, a.hours) AS hours FROM {$participants} p JOIN {$activities} a ON a.id = p.activity_id WHERE p.person_id = %d ORDER BY a.activity_date, a.id", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
					$id
				),
				ARRAY_A
			);
			foreach ( (array) $rows as $row ) {
				$data[] = array(
					'group_id'    => 'dangjian-participation',
					'group_label' => __( 'Party branch activities taken part in', 'dangjian' ),
					'item_id'     => 'dangjian-participation-' . $id . '-' . $row['id'],
					'data'        => array(
						array(
							'name'  => __( 'Date', 'dangjian' ),
							'value' => $row['activity_date'],
						),
						array(
							'name'  => __( 'Title', 'dangjian' ),
							'value' => $row['title'],
						),
						array(
							'name'  => __( 'Category', 'dangjian' ),
							'value' => Vocabulary::categories()[ $row['category'] ] ?? $row['category'],
						),
						array(
							'name'  => __( 'Hours', 'dangjian' ),
							'value' => Admin::amount( (float) $row['hours'] ),
						),
					),
				);
			}
		}
		return array(
			'data' => $data,
			'done' => $done,
		);
	}

	/**
	 * The eraser: anonymises the matching people (see the class comment).
	 *
	 * @param string $email The address.
	 * @param int    $page  1-based.
	 * @return array{items_removed:bool,items_retained:bool,messages:string[],done:bool}
	 */
	public static function erase( $email, $page = 1 ): array {
		global $wpdb;
		// Erased people no longer match, so the first page is always the next one.
		list( $ids, $done ) = self::match( (string) $email, 1 );
		$removed            = false;
		$messages           = array();
		$table              = Schema::table( 'people' );
		foreach ( $ids as $id ) {
			$ok = $wpdb->update(
				$table,
				array(
					'name'        => __( '(erased)', 'dangjian' ),
					'gender'      => '',
					'birth_date'  => null,
					'phone'       => '',
					'email'       => '',
					'joined_from' => '',
					'left_to'     => '',
					'notes'       => '',
					'updated_at'  => current_time( 'mysql', true ),
				),
				array( 'id' => $id )
			);
			if ( false !== $ok ) {
				$removed = true;
			}
		}
		if ( $removed ) {
			Data_Version::bump();
			$messages[] = __( 'Party building records were anonymised; the dates of membership and the activities taken part in are kept without a name, for the branch\'s statistics.', 'dangjian' );
		}
		return array(
			'items_removed'  => $removed,
			'items_retained' => $removed,
			'messages'       => $messages,
			'done'           => $done,
		);
	}

	/**
	 * Suggested text for the site's privacy policy.
	 */
	public static function policy_text(): void {
		if ( ! function_exists( 'wp_add_privacy_policy_content' ) ) {
			return;
		}
		wp_add_privacy_policy_content(
			__( 'Party building statistics', 'dangjian' ),
			'<p>' . esc_html__( 'The Party branch keeps the name, gender, date of birth, phone number, email address, the day they were hired and the dates of membership of its members and of applicants, and the activities they took part in. Only users allowed to manage or view the branch\'s records see them; the public sees totals only. A request to export or erase personal data finds a person\'s record by the email address recorded in it.', 'dangjian' ) . '</p>'
		);
	}
}

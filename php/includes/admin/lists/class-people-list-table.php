<?php
/**
 * The admin list of people.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * People: name, gender, stage today, phone, staff, the stage dates. Phones and dates never break
 * across lines (php/assets/admin.css: the cells of .dangjian-people's phone and date columns).
 */
final class People_List_Table extends List_Table {

	/**
	 * Sets the table up.
	 */
	public function __construct() {
		parent::__construct( 'people' );
	}

	/**
	 * The columns.
	 *
	 * @return array
	 */
	public function get_columns() {
		$f = Fields::form( 'people' );
		return $this->with_cb(
			array(
				'name'         => $f['name']['label'],
				'stage'        => __( 'Stage today', 'dangjian' ),
				'gender'       => $f['gender']['label'],
				'phone'        => $f['phone']['label'],
				'is_staff'     => __( 'Staff', 'dangjian' ),
				'applied_on'   => $f['applied_on']['label'],
				'activist_on'  => $f['activist_on']['label'],
				'candidate_on' => $f['candidate_on']['label'],
				'admitted_on'  => $f['admitted_on']['label'],
				'full_on'      => $f['full_on']['label'],
				'joined_on'    => $f['joined_on']['label'],
				'left_on'      => $f['left_on']['label'],
			)
		);
	}

	/**
	 * The primary column.
	 *
	 * @return string
	 */
	protected function get_default_primary_column_name() {
		return 'name';
	}

	/**
	 * The name with its actions.
	 *
	 * @param array $item The row.
	 */
	protected function column_name( $item ) {
		return $this->primary( $item, (string) $item['name'] );
	}

	/**
	 * The stage today.
	 *
	 * @param array $item The row.
	 */
	protected function column_stage( $item ) {
		return esc_html( Vocabulary::stages()[ $item['stage'] ?? 'none' ] ?? '' );
	}

	/**
	 * The stage filter; with ?reminder=GROUP, the group shown instead and a way back to everyone.
	 */
	protected function filter_controls(): string {
		$group = self::reminder();
		if ( null !== $group ) {
			return '<input type="hidden" name="reminder" value="' . esc_attr( $group ) . '" /><strong class="dangjian-reminder-filter" data-reminder-filter="' . esc_attr( $group ) . '">' . esc_html( Reminders::titles()[ $group ] ) . '</strong> <a href="' . esc_url( Admin_Pages::url( 'people' ) ) . '">' . esc_html__( 'Show everyone', 'dangjian' ) . '</a> ';
		}
		return self::select( 'stage', __( 'Stage', 'dangjian' ), array( '' => __( 'All stages', 'dangjian' ) ) + Vocabulary::stages() );
	}

	/**
	 * The reminder group of the query string (?reminder=due|overdue|eligible|candidate_early|
	 * long_probation: the people a dashboard reminder names), or null.
	 */
	public static function reminder(): ?string {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- A read-only list filter.
		$group = isset( $_GET['reminder'] ) && is_string( $_GET['reminder'] ) ? sanitize_key( wp_unslash( $_GET['reminder'] ) ) : '';
		return in_array( $group, Reminders::GROUPS, true ) ? $group : null;
	}

	/**
	 * Loads the page of rows: with ?reminder=GROUP exactly the people of that group, in the order the
	 * dashboard lists them (a page of ids, then one query for their rows); else the usual filters.
	 */
	public function prepare_items() {
		$group = self::reminder();
		if ( null === $group ) {
			parent::prepare_items();
			return;
		}
		global $wpdb;
		$ids  = Reminders::ids( $group );
		$ids  = is_wp_error( $ids ) ? array() : $ids;
		$page = array_slice( $ids, ( $this->get_pagenum() - 1 ) * Records::PER_PAGE, Records::PER_PAGE );
		$rows = array();
		if ( $page ) {
			$table = Schema::table( 'people' );
			$stage = Records::stage_sql( Period::today() );
			$found = $wpdb->get_results( "SELECT *, ({$stage}) AS stage FROM {$table} WHERE id IN (" . implode( ',', array_map( 'intval', $page ) ) . ')', ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- Integers only; stage_sql() is prepared.
			$by_id = array_column( (array) $found, null, 'id' );
			foreach ( $page as $id ) {
				if ( isset( $by_id[ $id ] ) ) {
					$rows[] = $by_id[ $id ];
				}
			}
		}
		$this->items = $rows;
		$this->set_pagination_args(
			array(
				'total_items' => count( $ids ),
				'per_page'    => Records::PER_PAGE,
				'total_pages' => (int) ceil( count( $ids ) / Records::PER_PAGE ),
			)
		);
		$this->_column_headers = array( $this->get_columns(), array(), array(), $this->get_primary_column_name() );
	}
}

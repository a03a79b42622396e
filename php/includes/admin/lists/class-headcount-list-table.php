<?php
/**
 * The admin list of headcount points.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Headcount points.
 */
final class Headcount_List_Table extends List_Table {

	/**
	 * Sets the table up.
	 */
	public function __construct() {
		parent::__construct( 'headcount' );
	}

	/**
	 * The columns.
	 *
	 * @return array
	 */
	public function get_columns() {
		$f = Fields::form( 'headcount' );
		return $this->with_cb(
			array(
				'point_date'  => $f['point_date']['label'],
				'staff_count' => $f['staff_count']['label'],
				'notes'       => $f['notes']['label'],
			)
		);
	}

	/**
	 * The primary column.
	 *
	 * @return string
	 */
	protected function get_default_primary_column_name() {
		return 'point_date';
	}

	/**
	 * The date with its actions.
	 *
	 * @param array $item The row.
	 */
	protected function column_point_date( $item ) {
		return $this->primary( $item, (string) $item['point_date'] );
	}

	/**
	 * The period filter.
	 */
	protected function filter_controls(): string {
		return self::period_controls();
	}
}

<?php
/**
 * The admin list of honours.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Honours.
 */
final class Honours_List_Table extends List_Table {

	/**
	 * Sets the table up.
	 */
	public function __construct() {
		parent::__construct( 'honours' );
	}

	/**
	 * The columns.
	 *
	 * @return array
	 */
	public function get_columns() {
		$f = Fields::form( 'honours' );
		return $this->with_cb(
			array(
				'title'      => $f['title']['label'],
				'awarded_on' => $f['awarded_on']['label'],
				'level'      => $f['level']['label'],
				'awarded_by' => $f['awarded_by']['label'],
			)
		);
	}

	/**
	 * The primary column.
	 *
	 * @return string
	 */
	protected function get_default_primary_column_name() {
		return 'title';
	}

	/**
	 * The title with its actions.
	 *
	 * @param array $item The row.
	 */
	protected function column_title( $item ) {
		return $this->primary( $item, (string) $item['title'] );
	}

	/**
	 * Level and period filters.
	 */
	protected function filter_controls(): string {
		return self::select( 'level', __( 'Level', 'dangjian' ), array( '' => __( 'All levels', 'dangjian' ) ) + Vocabulary::honour_levels() ) . self::period_controls();
	}
}

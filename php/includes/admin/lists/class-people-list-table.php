<?php
/**
 * The admin list of people.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * People: name, gender, stage today, phone, staff, the stage dates.
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
	 * The stage filter.
	 */
	protected function filter_controls(): string {
		return self::select( 'stage', __( 'Stage', 'dangjian' ), array( '' => __( 'All stages', 'dangjian' ) ) + Vocabulary::stages() );
	}
}

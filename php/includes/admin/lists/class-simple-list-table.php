<?php
/**
 * The admin list of a small table (facility investment, staff benefits, development plans).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Every form field of the entity a column (Fields::form()), the first one with the row's actions;
 * the period filter when the entity has a date (Records::date_column()).
 */
final class Simple_List_Table extends List_Table {

	/**
	 * The columns.
	 *
	 * @return array
	 */
	public function get_columns() {
		$columns = array();
		foreach ( Fields::form( $this->entity ) as $name => $spec ) {
			$columns[ $name ] = $spec['label'];
		}
		return $this->with_cb( $columns );
	}

	/**
	 * The primary column: the first field.
	 *
	 * @return string
	 */
	protected function get_default_primary_column_name() {
		return (string) array_key_first( Fields::form( $this->entity ) );
	}

	/**
	 * A cell: the first field with the row's actions, the others as the lists show values.
	 *
	 * @param array  $item        The row.
	 * @param string $column_name The column.
	 */
	protected function column_default( $item, $column_name ) {
		if ( $column_name === $this->get_default_primary_column_name() ) {
			return $this->primary( $item, (string) ( $item[ $column_name ] ?? '' ) );
		}
		return parent::column_default( $item, $column_name );
	}

	/**
	 * The period filter, for a table with a date.
	 */
	protected function filter_controls(): string {
		return '' === Records::date_column( $this->entity ) ? '' : self::period_controls();
	}
}

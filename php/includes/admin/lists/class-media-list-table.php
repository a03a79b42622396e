<?php
/**
 * The admin list of media coverage.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Media coverage.
 */
final class Media_List_Table extends List_Table {

	/**
	 * Sets the table up.
	 */
	public function __construct() {
		parent::__construct( 'media' );
	}

	/**
	 * The columns.
	 *
	 * @return array
	 */
	public function get_columns() {
		$f = Fields::form( 'media' );
		return $this->with_cb(
			array(
				'title'        => $f['title']['label'],
				'published_on' => $f['published_on']['label'],
				'outlet'       => $f['outlet']['label'],
				'level'        => $f['level']['label'],
				'url'          => $f['url']['label'],
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
	 * The link, as a link.
	 *
	 * @param array $item The row.
	 */
	protected function column_url( $item ) {
		$url = (string) $item['url'];
		return '' === $url ? '—' : '<a href="' . esc_url( $url ) . '" rel="noopener noreferrer" target="_blank">' . esc_html( $url ) . '</a>';
	}

	/**
	 * Level and period filters.
	 */
	protected function filter_controls(): string {
		return self::select( 'level', __( 'Level', 'dangjian' ), array( '' => __( 'All levels', 'dangjian' ) ) + Vocabulary::media_levels() ) . self::period_controls();
	}
}

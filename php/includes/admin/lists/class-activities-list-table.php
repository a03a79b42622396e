<?php
/**
 * The admin list of activities.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Activities: service and meetings, with the number of participants.
 */
final class Activities_List_Table extends List_Table {

	/**
	 * Sets the table up.
	 */
	public function __construct() {
		parent::__construct( 'activities' );
	}

	/**
	 * The columns.
	 *
	 * @return array
	 */
	public function get_columns() {
		$f = Fields::form( 'activities' );
		return $this->with_cb(
			array(
				'title'             => $f['title']['label'],
				'activity_date'     => $f['activity_date']['label'],
				'category'          => $f['category']['label'],
				'kind'              => $f['kind']['label'],
				'hours'             => $f['hours']['label'],
				'fee_waived'        => $f['fee_waived']['label'],
				'donation'          => $f['donation']['label'],
				'beneficiaries'     => $f['beneficiaries']['label'],
				'venue_kind'        => $f['venue_kind']['label'],
				'venue'             => $f['venue']['label'],
				'project'           => $f['project']['label'],
				'participant_count' => $f['participants']['label'],
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
	 * Category, kind, campaign and period filters.
	 */
	protected function filter_controls(): string {
		$kinds = array( '' => __( 'All kinds', 'dangjian' ) ) + Vocabulary::kinds();
		$projects = array( '' => __( 'All campaigns', 'dangjian' ) );
		foreach ( Records::suggestions( 'projects' ) as $name ) {
			$projects[ $name ] = $name;
		}
		return self::select( 'category', __( 'Category', 'dangjian' ), array( '' => __( 'All categories', 'dangjian' ) ) + Vocabulary::categories() )
			. self::select( 'kind', __( 'Kind', 'dangjian' ), $kinds )
			. ( count( $projects ) > 1 ? self::select( 'project', __( 'Campaign', 'dangjian' ), $projects ) : '' )
			. self::period_controls();
	}
}

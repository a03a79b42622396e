<?php
/**
 * The demo's star-rating history (php/demo/class-demo.php loads it last, once the records exist).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Scores and closes the demo branch's last two years on the eight-indicator preset.
 */
final class Demo_Ratings {

	/**
	 * The star rating of the last two years on the eight-indicator preset: the items the secretary
	 * scores by hand, each with a note of its evidence, the five-star condition, both years closed,
	 * and the badge shown in the public showcase. This year's draft follows the records.
	 *
	 * @param int $this_year The demo's current year.
	 */
	public static function load( int $this_year ): void {
		if ( ! class_exists( Rating_Store::class ) ) {
			return;
		}
		// Points out of each item's maximum, and the evidence the secretary would cite.
		$scores = array(
			'term_election'     => array( 1.0, '2024年3月换届，区社会组织综合党委批复；委员分工文件存档' ),
			'secretary_report'  => array( 1.0, '年度述职评议结果：好' ),
			'member_training'   => array( 1.0, '党员集中学习培训台账，人均36学时' ),
			'activity_room'     => array( 1.0, '协会三楼党员活动室，制度上墙，照片存档' ),
			'online_position'   => array( 0.67, '“心向党”公众号全年更新40期，网站栏目更新较少' ),
			'dues_and_files'    => array( 1.0, '党费收缴登记表逐月核对，党员档案专柜保管' ),
			'budget'            => array( 0.75, '协会年度预算列支党建经费3万元，年中追加未到位' ),
			'owner_support'     => array( 0.67, '会长办公会议纪要：重大事项会前听取支部意见（部分事项事后通报）' ),
			'staff_survey'      => array( 0.8, '职工满意度测评，满意率88%' ),
			'client_feedback'   => array( 0.8, '服务社区和学校的反馈意见表12份，其中2份提出改进建议' ),
			'experience_spread' => array( 0.0, '' ),
		);
		foreach ( array( $this_year - 2, $this_year - 1 ) as $n => $year ) {
			$row = Rating_Store::assessment( $year );
			if ( is_wp_error( $row ) || 'closed' === $row['status'] ) {
				continue;
			}
			foreach ( $row['rubric']['indicators'] as $indicator ) {
				foreach ( $indicator['items'] as $item ) {
					if ( 'manual' !== $item['kind'] || ! isset( $scores[ $item['id'] ] ) ) {
						continue;
					}
					[ $share, $note ] = $scores[ $item['id'] ];
					// The earlier year a little lower: the branch improved.
					$points = round( (float) $item['points'] * max( 0, $share - ( 0 === $n ? 0.2 : 0 ) ) );
					Rating_Store::save_manual(
						$year,
						'items',
						$item['id'],
						array(
							'points' => $points,
							'note'   => $note,
						)
					);
				}
			}
			if ( 'manual' === ( $row['rubric']['five_star']['kind'] ?? '' ) ) {
				Rating_Store::save_manual(
					$year,
					'five_star',
					'',
					array(
						'met'  => 1 === $n,
						'note' => 1 === $n ? '“心灵驿站”灾后心理援助项目获区委组织部党建创新项目认定' : '',
					)
				);
			}
			Rating_Store::set_closed( $year, true );
		}
		update_option( Rating_Store::BADGE_OPTION, '1' );
	}
}

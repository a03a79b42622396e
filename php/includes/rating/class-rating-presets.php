<?php
/**
 * The rubrics and band sets the plugin ships, written in the project's own words.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Presets: an eight-indicator rubric modelled on the county and provincial rubrics of "two new"
 * branches (领导班子, 骨干队伍, 活动阵地, 工作制度, 保障机制, 工作业绩, 群众评价, 加分项目), whose indicator
 * maxima are the weights a district sets, and the two common band sets. The rubric text is Chinese
 * data, the way a district publishes it; the secretary edits it as JSON.
 */
final class Rating_Presets {

	/**
	 * The band sets, id => ['label' => English label, 'bands' => bands].
	 *
	 * @return array<string,array>
	 */
	public static function band_sets(): array {
		$set = static fn( array $mins ) => array_map(
			static fn( $stars, $min ) => array(
				'stars' => $stars,
				'min'   => $min,
			),
			array( 5, 4, 3, 2 ),
			$mins
		);
		return array(
			'standard' => array(
				'label' => __( 'Common bands: 90 / 80 / 70 / 60', 'dangjian' ),
				'bands' => $set( array( 90, 80, 70, 60 ) ),
			),
			'strict'   => array(
				'label' => __( 'Stricter bands: 95 / 90 / 85 / 80', 'dangjian' ),
				'bands' => $set( array( 95, 90, 85, 80 ) ),
			),
		);
	}

	/**
	 * The rubric presets, id => ['label' => English label, 'rubric' => the rubric].
	 *
	 * @return array<string,array>
	 */
	public static function rubrics(): array {
		$bands = self::band_sets();
		$out   = array();
		foreach ( array(
			'eight_standard' => array( 'standard', __( 'Eight indicators, common bands (90/80/70/60)', 'dangjian' ), '“两新”组织党组织星级评定细则（八项指标，常用分档）' ),
			'eight_strict'   => array( 'strict', __( 'Eight indicators, stricter bands (95/90/85/80)', 'dangjian' ), '“两新”组织党组织星级评定细则（八项指标，从严分档）' ),
		) as $id => list( $set, $label, $name ) ) {
			$rubric          = self::eight( $name );
			$rubric['bands'] = $bands[ $set ]['bands'];
			$out[ $id ]      = array(
				'label'  => $label,
				'rubric' => $rubric,
			);
		}
		return $out;
	}

	/**
	 * The eight-indicator rubric (bands filled in by the caller).
	 *
	 * @param string $name The rubric's name.
	 */
	private static function eight( string $name ): array {
		return array(
			'format'      => Rating_Rubric::FORMAT,
			'version'     => Rating_Rubric::VERSION,
			'name'        => $name,
			'description' => '按八项指标逐项计分，满分100分（加分项目计入后总分不超过100分）；能由系统记录证明的条目自动计分，其余由支部书记对照佐证材料打分。',
			'max_total'   => 100,
			'bands'       => array(),
			'vetoes'      => array(
				array(
					'id'    => 'serious_violation',
					'label' => '党组织或班子成员出现严重违纪违法问题',
				),
				array(
					'id'    => 'safety_accident',
					'label' => '本单位发生重大安全生产责任事故',
				),
				array(
					'id'    => 'mass_incident',
					'label' => '本单位发生造成不良影响的群体性事件',
				),
			),
			'five_star'   => array(
				'label' => '有一项经上级党组织认可的党建创新项目',
				'kind'  => 'manual',
			),
			'indicators'  => array_merge( self::indicators_one(), self::indicators_two() ),
		);
	}

	/**
	 * The first four indicators: 领导班子, 骨干队伍, 活动阵地, 工作制度.
	 */
	private static function indicators_one(): array {
		return array(
			array(
				'id'    => 'leadership',
				'name'  => '领导班子',
				'max'   => 15,
				'items' => array(
					self::manual( 'term_election', '支部委员会按期换届，委员配备齐全、分工明确', 5, '查换届批复、委员分工文件' ),
					self::auto( 'committee_monthly', '每月召开支部委员会，每缺一次扣0.5分', 'meetings_missing', array( 'kind' => 'committee' ), self::short( 6, 0.5 ) ),
					self::manual( 'secretary_report', '书记年度抓党建述职评议结果为好', 4 ),
				),
			),
			array(
				'id'    => 'members',
				'name'  => '骨干队伍',
				'max'   => 15,
				'items' => array(
					self::auto(
						'admit_plan',
						'发展党员达到年度计划下限',
						'admitted',
						array(),
						array(
							'type'   => 'plan_min',
							'points' => 3,
						)
					),
					self::auto( 'activist_pool', '储备入党积极分子不少于2名', 'activists', array(), self::at_least( 2, 2 ) ),
					self::auto(
						'conversion_on_time',
						'预备党员按期转正，无逾期未办',
						'overdue_conversion',
						array(),
						array(
							'type'    => 'threshold',
							'compare' => '<=',
							'value'   => 0,
							'points'  => 3,
						)
					),
					self::auto(
						'service_per_member',
						'党员人均志愿服务时长不少于20小时',
						'party_volunteer_hours',
						array(),
						array(
							'type'        => 'ratio',
							'denominator' => 'party_members',
							'compare'     => '>=',
							'value'       => 20,
							'points'      => 5,
						)
					),
					self::manual( 'member_training', '党员每年参加集中学习培训不少于32学时', 2 ),
				),
			),
			array(
				'id'    => 'facilities',
				'name'  => '活动阵地',
				'max'   => 10,
				'items' => array(
					self::manual( 'activity_room', '有相对固定的党员活动场所，标识、制度上墙规范', 4 ),
					self::auto(
						'facility_investment',
						'本年度对党建阵地有资金投入',
						'investment',
						array(),
						array(
							'type'    => 'threshold',
							'compare' => '>',
							'value'   => 0,
							'points'  => 3,
						)
					),
					self::manual( 'online_position', '网上党建阵地（公众号、网站等）经常更新', 3 ),
				),
			),
			array(
				'id'    => 'routines',
				'name'  => '工作制度',
				'max'   => 15,
				'items' => array(
					self::auto( 'assembly_quarterly', '每季度至少召开一次党员大会，每缺一次扣1分', 'meetings_missing', array( 'kind' => 'branch_assembly' ), self::short( 4, 1 ) ),
					self::auto( 'lesson_quarterly', '每季度至少上一次党课，每缺一次扣1分', 'meetings_missing', array( 'kind' => 'party_lesson' ), self::short( 4, 1 ) ),
					self::auto( 'theme_day_monthly', '每月开展主题党日，每缺一次扣0.5分', 'meetings_missing', array( 'kind' => 'theme_day' ), self::short( 3, 0.5 ) ),
					self::auto( 'life_meeting', '全年召开组织生活会并开展民主评议党员', 'meetings_held', array( 'kind' => 'life_meeting' ), self::at_least( 1, 2 ) ),
					self::manual( 'dues_and_files', '党费按月足额收缴，党员档案管理规范', 2 ),
					self::auto(
						'idle_months',
						'全年未开展党员活动满六个月的，扣5分',
						'months_without_activity',
						array(),
						array(
							'type'    => 'penalty',
							'compare' => '>=',
							'value'   => 6,
							'deduct'  => 5,
						)
					),
				),
			),
		);
	}

	/**
	 * The last four indicators: 保障机制, 工作业绩, 群众评价, 加分项目.
	 */
	private static function indicators_two(): array {
		return array(
			array(
				'id'    => 'support',
				'name'  => '保障机制',
				'max'   => 10,
				'items' => array(
					self::manual( 'budget', '党建工作经费列入单位年度预算并足额保障', 4 ),
					self::auto( 'staff_care', '为职工落实至少一项关爱措施', 'benefits', array(), self::at_least( 1, 3 ) ),
					self::manual( 'owner_support', '出资人或主要负责人支持党建工作，党组织参与重大事项讨论', 3 ),
				),
			),
			array(
				'id'    => 'results',
				'name'  => '工作业绩',
				'max'   => 20,
				'items' => array(
					self::auto( 'service_count', '全年开展公益服务活动不少于12次', 'service_activities', array(), self::at_least( 12, 5 ) ),
					self::auto( 'beneficiaries', '全年服务群众不少于1000人次', 'beneficiaries', array(), self::at_least( 1000, 5 ) ),
					self::auto( 'participation', '参加志愿服务的党员占党员总数80%以上', 'participation_ratio', array(), self::at_least( 0.8, 4 ) ),
					self::auto( 'communities', '服务走进社区不少于5个', 'venues', array( 'venue_kind' => 'community' ), self::at_least( 5, 3 ) ),
					self::auto( 'media_reports', '工作被新闻媒体报道不少于3次', 'media', array(), self::at_least( 3, 3 ) ),
				),
			),
			array(
				'id'    => 'opinion',
				'name'  => '群众评价',
				'max'   => 15,
				'items' => array(
					self::manual( 'staff_survey', '职工群众满意度测评满意率', 10, '满意率90%以上得满分，每低5个百分点扣2分' ),
					self::manual( 'client_feedback', '服务对象和所在社区的反馈意见', 5 ),
				),
			),
			array(
				'id'    => 'bonus',
				'name'  => '加分项目',
				'max'   => 10,
				'items' => array(
					self::auto( 'honours', '本年度获得上级党组织或政府表彰', 'honours', array(), self::at_least( 1, 4 ) ),
					self::auto( 'provincial_media', '工作经验被省级媒体报道', 'media', array( 'level' => 'provincial' ), self::at_least( 1, 3 ) ),
					self::manual( 'experience_spread', '工作经验被上级党组织推广交流', 3 ),
				),
			),
		);
	}

	/**
	 * A manual item.
	 *
	 * @param string    $id     Its id.
	 * @param string    $label  Its text.
	 * @param int|float $points Its points.
	 * @param string    $guide  A hint for the secretary, or ''.
	 */
	private static function manual( string $id, string $label, $points, string $guide = '' ): array {
		$item = array(
			'id'     => $id,
			'label'  => $label,
			'kind'   => 'manual',
			'points' => $points,
		);
		return '' === $guide ? $item : $item + array( 'guide' => $guide );
	}

	/**
	 * An automatic item.
	 *
	 * @param string $id     Its id.
	 * @param string $label  Its text.
	 * @param string $figure The figure.
	 * @param array  $args   The figure's arguments.
	 * @param array  $rule   The rule.
	 */
	private static function auto( string $id, string $label, string $figure, array $args, array $rule ): array {
		return array(
			'id'     => $id,
			'label'  => $label,
			'kind'   => 'automatic',
			'figure' => $figure,
			'args'   => (object) $args,
			'rule'   => $rule,
		);
	}

	/**
	 * A threshold rule "at least $value: $points".
	 *
	 * @param int|float $value  The bound.
	 * @param int|float $points The points.
	 */
	private static function at_least( $value, $points ): array {
		return array(
			'type'    => 'threshold',
			'compare' => '>=',
			'value'   => $value,
			'points'  => $points,
		);
	}

	/**
	 * A per-shortfall rule "$points, minus $deduct for each one missing".
	 *
	 * @param int|float $points The points.
	 * @param int|float $deduct The deduction.
	 */
	private static function short( $points, $deduct ): array {
		return array(
			'type'   => 'per_shortfall',
			'points' => $points,
			'deduct' => $deduct,
		);
	}

	/**
	 * A preset rubric as plain arrays (its args objects turned into arrays, as json_decode gives).
	 *
	 * @param string $id A key of self::rubrics().
	 */
	public static function rubric( string $id ): ?array {
		$all = self::rubrics();
		if ( ! isset( $all[ $id ] ) ) {
			return null;
		}
		return json_decode( (string) wp_json_encode( $all[ $id ]['rubric'] ), true );
	}
}

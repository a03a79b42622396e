<?php
/**
 * The demo dataset: the Party branch of a city association of psychological counsellors
 * (心理咨询师协会党支部) — its profile, 42 people across every stage, three years of service
 * activities (with campaigns such as a flood psychological-aid action) and meetings, headcount
 * points, media coverage, honours, facility investment, staff benefits and development plans.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Every record goes through Validator and Records::save(), the same checks as the admin forms.
 * Deterministic: mt_srand() with a fixed seed, and dates counted back from today (in the site's time
 * zone), so the reminders always have something to show.
 */
final class Demo {

	/** The flood campaign's name (专项行动). */
	const FLOOD = '临江洪灾心理援助专项行动';

	/** The school campaign's name. */
	const SCHOOLS = '青少年心理健康护航行动';

	/** @var string Today, YYYY-MM-DD. */
	private $today;

	/** @var int This year. */
	private $year;

	/** @var string The day the branch was founded. */
	private $founded = '2016-03-15';

	/** @var array<int,array> Person id => their stage dates, for choosing participants. */
	private $people = array();

	/**
	 * Loads every part of the demo (the caller checked that the tables are empty).
	 */
	public function load(): void {
		mt_srand( 20240701 );
		$this->today = Period::today();
		$this->year  = (int) substr( $this->today, 0, 4 );
		$this->profile();
		$this->people();
		$this->service();
		$this->relief();
		$this->meetings();
		$this->headcount();
		$this->media();
		$this->honours();
		$this->investments();
		$this->benefits();
		$this->development_plans();
		Demo_Ratings::load( $this->year );
	}

	/**
	 * A date some days before today.
	 *
	 * @param int $days Days.
	 */
	private function ago( int $days ): string {
		return gmdate( 'Y-m-d', strtotime( $this->today . ' 00:00:00 UTC' ) - $days * DAY_IN_SECONDS );
	}

	/**
	 * A date plus (or minus) days.
	 *
	 * @param string $date YYYY-MM-DD.
	 * @param int    $days Days.
	 */
	private static function plus( string $date, int $days ): string {
		return gmdate( 'Y-m-d', strtotime( $date . ' 00:00:00 UTC' ) + $days * DAY_IN_SECONDS );
	}

	/**
	 * One value of a list, at random.
	 *
	 * @param array $list The list.
	 * @return mixed
	 */
	private static function pick( array $list ) {
		return $list[ mt_rand( 0, count( $list ) - 1 ) ];
	}

	/**
	 * Saves a record as the admin form would.
	 *
	 * @param string $entity The entity.
	 * @param array  $values Field => value.
	 * @throws \RuntimeException When a record is refused (a bug of the demo).
	 */
	private static function save( string $entity, array $values ): int {
		$id = Records::save( $entity, Validator::sanitize( $entity, $values ) );
		if ( is_wp_error( $id ) ) {
			throw new \RuntimeException( $entity . ': ' . $id->get_error_message() . ' ' . wp_json_encode( $id->get_error_data() ) . ' ' . wp_json_encode( $values, JSON_UNESCAPED_UNICODE ) );
		}
		return $id;
	}

	/**
	 * The branch's profile and the organisation's name.
	 */
	private function profile(): void {
		Profile::save(
			array(
				'name'        => '中共江城市心理咨询师协会支部委员会',
				'city'        => '江城市',
				'district'    => '东湖区',
				'parent_org'  => '中共东湖区社会组织综合委员会',
				'approved_by' => '中共东湖区社会组织综合委员会',
				'founded_on'  => $this->founded,
				'secretary'   => '张丽华',
			)
		);
		if ( '' === Settings::organisation() ) {
			$settings                 = Settings::get();
			$settings['organisation'] = '市心理咨询师协会党支部';
			Settings::save( $settings );
		}
	}

	/**
	 * The stage dates of the 42 people: who joined when, and who left.
	 *
	 * @return array[]
	 */
	private function stage_dates(): array {
		$plans = array();
		// 18 long-standing full members, admitted elsewhere, transferred in when the branch was founded or later.
		for ( $i = 0; $i < 18; $i++ ) {
			$admitted = ( 1998 + $i ) . '-' . sprintf( '%02d-%02d', 1 + $i % 12, 1 + ( $i * 7 ) % 28 );
			$plans[]  = array(
				'admitted_on' => $admitted,
				'full_on'     => ( 1999 + $i ) . substr( $admitted, 4 ),
				'joined_on'   => $i < 14 ? $this->founded : $this->ago( 1000 - ( $i - 14 ) * 250 ),
				'joined_from' => self::pick( array( '市卫生健康委员会机关党支部', '市第三人民医院党委', '师范大学心理学院党支部', '区社会组织综合党委', '市精神卫生中心党支部' ) ),
			);
		}
		// 4 developed in the branch over the last years, now full members.
		foreach ( array( 1500, 1400, 1300, 1200 ) as $d ) {
			$applied = $this->ago( $d );
			$plans[] = array(
				'applied_on'   => $applied,
				'activist_on'  => self::plus( $applied, 45 ),
				'candidate_on' => self::plus( $applied, 45 + 400 ),
				'admitted_on'  => self::plus( $applied, 45 + 400 + 120 ),
				'full_on'      => self::plus( $applied, 45 + 400 + 120 + 366 ),
			);
		}
		// 5 probationary members: one due for conversion within 60 days, two later, two overdue
		// (one of them on probation for more than two years: a rule warning).
		foreach ( array( 330, 200, 100, 400, 760 ) as $d ) {
			$admitted = $this->ago( $d );
			$plans[]  = array(
				'applied_on'   => self::plus( $admitted, -600 ),
				'activist_on'  => self::plus( $admitted, -560 ),
				'candidate_on' => self::plus( $admitted, -150 ),
				'admitted_on'  => $admitted,
			);
		}
		// 3 candidates; the last was named less than a year after becoming an activist (a rule warning).
		foreach ( array( array( 560, 150 ), array( 500, 60 ), array( 200, 30 ) ) as $d ) {
			$plans[] = array(
				'applied_on'   => $this->ago( $d[0] + 40 ),
				'activist_on'  => $this->ago( $d[0] ),
				'candidate_on' => $this->ago( $d[1] ),
			);
		}
		// 6 activists; the first two have had their year of cultivation and may become candidates.
		foreach ( array( 420, 380, 200, 150, 90, 40 ) as $d ) {
			$plans[] = array(
				'applied_on'  => $this->ago( $d + 50 ),
				'activist_on' => $this->ago( $d ),
			);
		}
		// 4 applicants.
		foreach ( array( 120, 60, 20, 10 ) as $d ) {
			$plans[] = array( 'applied_on' => $this->ago( $d ) );
		}
		// 2 who left: transferred out, last year and two years ago.
		$plans[] = array(
			'admitted_on' => '2009-06-30',
			'full_on'     => '2010-06-30',
			'joined_on'   => $this->founded,
			'left_on'     => $this->ago( 250 ),
			'left_reason' => 'transfer',
			'left_to'     => '省心理卫生协会党支部',
		);
		$plans[] = array(
			'admitted_on' => '2015-11-11',
			'full_on'     => '2016-11-11',
			'joined_on'   => $this->founded,
			'left_on'     => $this->ago( 700 ),
			'left_reason' => 'transfer',
			'left_to'     => '外省某高校党委',
		);
		return $plans;
	}

	/**
	 * A birth date that makes the person at least 20 on their first stage date (nobody applies or is
	 * admitted before 18), and at most 60 today.
	 *
	 * @param array $plan Their stage dates.
	 */
	private function born( array $plan ): string {
		$first = min( array_filter( array( $plan['applied_on'] ?? null, $plan['activist_on'] ?? null, $plan['candidate_on'] ?? null, $plan['admitted_on'] ?? null ) ) );
		$last  = (int) substr( $first, 0, 4 ) - 20;
		$least = max( $this->year - 60, $last - 25 );
		return mt_rand( min( $least, $last ), $last ) . sprintf( '-%02d-%02d', mt_rand( 1, 12 ), mt_rand( 1, 28 ) );
	}

	/**
	 * The 42 people. Staff (about three in four) have a hire date: most were hired when the branch was
	 * founded or soon after, some last year and this year (the hires of the report).
	 */
	private function people(): void {
		$names = array(
			array( '张丽华', 'female' ), array( '王建国', 'male' ), array( '李雪梅', 'female' ), array( '刘志强', 'male' ),
			array( '陈静', 'female' ), array( '杨帆', 'male' ), array( '赵敏', 'female' ), array( '黄磊', 'male' ),
			array( '周婷', 'female' ), array( '吴晓东', 'male' ), array( '徐慧', 'female' ), array( '孙浩', 'male' ),
			array( '胡玉兰', 'female' ), array( '朱明', 'male' ), array( '高颖', 'female' ), array( '林涛', 'male' ),
			array( '何芳', 'female' ), array( '郭伟', 'male' ), array( '马琳', 'female' ), array( '罗刚', 'male' ),
			array( '梁洁', 'female' ), array( '宋佳', 'female' ), array( '郑凯', 'male' ), array( '谢晓燕', 'female' ),
			array( '韩冰', 'female' ), array( '唐宇', 'male' ), array( '冯雅琴', 'female' ), array( '于洋', 'male' ),
			array( '董倩', 'female' ), array( '萧鹏', 'male' ), array( '程晓红', 'female' ), array( '曹阳', 'male' ),
			array( '袁媛', 'female' ), array( '邓超', 'male' ), array( '许晴', 'female' ), array( '傅强', 'male' ),
			array( '沈佳怡', 'female' ), array( '曾志伟', 'male' ), array( '彭丽', 'female' ), array( '吕斌', 'male' ),
			array( '苏婉清', 'female' ), array( '卢俊', 'male' ),
		);
		$hires = array( 0, 0, 0, 40, 120, 300, 700, 1100, 1500, 1800 );
		foreach ( $this->stage_dates() as $i => $plan ) {
			list( $name, $gender ) = $names[ $i ];
			$staff                 = mt_rand( 1, 100 ) <= 75;
			$values                = array_merge(
				array(
					'name'       => $name,
					'gender'     => $gender,
					'birth_date' => $this->born( $plan ),
					'phone'      => sprintf( '1380000%04d', 1001 + $i ),
					'email'      => 0 === $i % 2 ? sprintf( 'member%02d@example.org', $i + 1 ) : '',
					'is_staff'   => $staff ? '1' : '0',
					'notes'      => 0 === $i ? '支部书记' : ( $i < 5 ? '支部委员' : '' ),
				),
				$plan
			);
			if ( $staff ) {
				$days               = $hires[ $i % count( $hires ) ];
				$values['hired_on'] = 0 === $days ? self::plus( $this->founded, -30 * ( 1 + $i % 5 ) ) : $this->ago( $days + $i );
			}
			$this->people[ self::save( 'people', $values ) ] = $plan;
		}
	}

	/**
	 * The people on the roster on a day (STATS.md's rule), Party members only when asked.
	 *
	 * @param string $day          YYYY-MM-DD.
	 * @param bool   $members_only Probationary and full members only.
	 * @return int[]
	 */
	private function on_roster( string $day, bool $members_only ): array {
		$list = array();
		foreach ( $this->people as $id => $p ) {
			$dates = array_filter( array( $p['applied_on'] ?? null, $p['activist_on'] ?? null, $p['candidate_on'] ?? null, $p['admitted_on'] ?? null ) );
			$start = ! empty( $p['joined_on'] ) ? $p['joined_on'] : ( $dates ? min( $dates ) : null );
			if ( null === $start || $start > $day || ( ! empty( $p['left_on'] ) && $p['left_on'] <= $day ) ) {
				continue;
			}
			if ( $members_only && ( empty( $p['admitted_on'] ) || $p['admitted_on'] > $day ) ) {
				continue;
			}
			$list[] = $id;
		}
		return $list;
	}

	/**
	 * Three years of public service, five to nine activities a month. This year's school lectures and
	 * group counselling belong to the schools campaign.
	 */
	private function service(): void {
		$venues = array(
			'community'     => array( '阳光社区', '幸福里社区', '东风社区', '新华社区', '锦绣社区', '滨江社区', '桃源社区', '朝阳社区', '和平里社区', '长青社区' ),
			'school'        => array( '市第一中学', '实验小学', '育才中学', '市职业技术学院', '师大附中', '城东小学', '外国语学校' ),
			'enterprise'    => array( '华信科技有限公司', '远航物流集团', '恒丰纺织有限公司', '市供电公司', '星辰软件园' ),
			'barracks'      => array( '武警某中队营区', '城南消防救援站', '某部训练基地' ),
			'government'    => array( '区信访局', '市司法局', '城关街道办事处', '区人民法院' ),
			'family'        => array( '城南困境家庭', '独居老人家庭', '留守儿童家庭', '失独家庭' ),
			'disaster_area' => array( '临江县洪灾安置点', '山区地震灾后安置点' ),
			'public_space'  => array( '人民广场', '中心公园' ),
			'online'        => array( '线上心理援助热线' ),
		);
		$kinds    = array(
			// kind => [weight, venue kinds, hours range, title pattern].
			'counseling'       => array( 40, array( 'community', 'community', 'family', 'enterprise', 'government', 'online' ), array( 2, 4 ), '%s公益心理咨询' ),
			'group_counseling' => array( 15, array( 'school', 'enterprise', 'community', 'barracks' ), array( 2, 3 ), '%s团体心理辅导' ),
			'lecture'          => array( 20, array( 'school', 'school', 'enterprise', 'government', 'barracks', 'community' ), array( 1.5, 2 ), '%s心理健康讲座' ),
			'crisis_aid'       => array( 4, array( 'family', 'school', 'community' ), array( 3, 6 ), '%s心理危机干预' ),
			'publicity'        => array( 10, array( 'public_space', 'community', 'online' ), array( 2, 3 ), '%s心理健康公益宣传' ),
			'donation'         => array( 3, array( 'school', 'family' ), array( 1, 1 ), '向%s捐赠心理健康读物' ),
			'volunteering'     => array( 8, array( 'community', 'public_space', 'family' ), array( 2, 4 ), '%s志愿服务' ),
		);
		$weighted = array();
		foreach ( $kinds as $kind => $spec ) {
			$weighted = array_merge( $weighted, array_fill( 0, $spec[0], $kind ) );
		}
		for ( $y = $this->year - 2; $y <= $this->year; $y++ ) {
			for ( $m = 1; $m <= 12; $m++ ) {
				if ( sprintf( '%04d-%02d-01', $y, $m ) > $this->today ) {
					break 2;
				}
				$n = mt_rand( 5, 9 );
				for ( $k = 0; $k < $n; $k++ ) {
					$date = sprintf( '%04d-%02d-%02d', $y, $m, mt_rand( 1, 28 ) );
					if ( $date <= $this->today ) {
						$kind = self::pick( $weighted );
						$this->service_one( $date, $kind, $kinds[ $kind ], $venues );
					}
				}
			}
		}
	}

	/**
	 * One service activity.
	 *
	 * @param string $date   Its date.
	 * @param string $kind   Its kind.
	 * @param array  $spec   [weight, venue kinds, hours range, title pattern].
	 * @param array  $venues Venue kind => names.
	 */
	private function service_one( string $date, string $kind, array $spec, array $venues ): void {
		list( , $vks, $hr, $pattern ) = $spec;
		$vk                          = self::pick( $vks );
		$venue                       = self::pick( $venues[ $vk ] );
		$hours                       = $hr[0] + mt_rand( 0, (int) ( ( $hr[1] - $hr[0] ) * 2 ) ) / 2;
		$benef                       = array(
			'counseling'       => mt_rand( 4, 30 ),
			'group_counseling' => mt_rand( 12, 45 ),
			'lecture'          => mt_rand( 60, 320 ),
			'crisis_aid'       => mt_rand( 3, 40 ),
			'publicity'        => mt_rand( 100, 600 ),
			'donation'         => mt_rand( 50, 300 ),
			'volunteering'     => mt_rand( 10, 80 ),
		)[ $kind ];
		$fee                         = array(
			'counseling'       => $benef * mt_rand( 2, 4 ) * 50,
			'group_counseling' => $benef * 60,
			'lecture'          => mt_rand( 0, 1 ) ? 1500 : 0,
			'crisis_aid'       => $benef * 300,
		)[ $kind ] ?? 0;
		$pool                        = $this->on_roster( $date, false );
		shuffle( $pool );
		$team = array();
		foreach ( array_slice( $pool, 0, min( count( $pool ), mt_rand( 2, 5 ) ) ) as $pid ) {
			$team[] = array(
				'id'    => $pid,
				'hours' => 0 === mt_rand( 0, 4 ) ? (string) max( 1, $hours - 1 ) : null,
			);
		}
		$campaign = 'school' === $vk && in_array( $kind, array( 'lecture', 'group_counseling' ), true ) && (int) substr( $date, 0, 4 ) === $this->year;
		self::save(
			'activities',
			array(
				'activity_date' => $date,
				'category'      => 'service',
				'kind'          => $kind,
				'title'         => sprintf( $pattern, $venue ),
				'description'   => '协会党员咨询师志愿参与，免费提供专业服务。',
				'hours'         => (string) $hours,
				'fee_waived'    => (string) $fee,
				'donation'      => 'donation' === $kind ? (string) ( mt_rand( 4, 20 ) * 500 ) : '0',
				'beneficiaries' => (string) $benef,
				'venue_kind'    => $vk,
				'venue'         => $venue,
				'project'       => $campaign ? self::SCHOOLS : '',
				'participants'  => $team,
			)
		);
	}

	/**
	 * The flood campaign last summer: a team of Party members in the relief camps, one-to-one
	 * psychological aid, group sessions for the children, and a hotline.
	 */
	private function relief(): void {
		$relief = ( $this->year - 1 ) . '-07-';
		$steps  = array(
			array( '18', 'crisis_aid', '临江县洪灾灾后心理援助（第1批）', '8', 12000, '20000', 150, 'disaster_area', '临江县洪灾安置点' ),
			array( '20', 'crisis_aid', '临江县洪灾灾后心理援助（第2批）', '8', 15000, '0', 120, 'disaster_area', '临江县洪灾安置点' ),
			array( '23', 'crisis_aid', '临江县洪灾灾后心理援助（第3批）', '8', 18000, '0', 90, 'disaster_area', '临江县洪灾安置点' ),
			array( '25', 'group_counseling', '安置点儿童团体心理辅导', '4', 6000, '0', 60, 'disaster_area', '临江县洪灾安置点' ),
			array( '28', 'counseling', '受灾群众一对一心理疏导', '6', 9000, '0', 45, 'disaster_area', '临江县洪灾安置点' ),
			array( '30', 'counseling', '灾后心理援助热线值守', '12', 0, '0', 210, 'online', '线上心理援助热线' ),
		);
		foreach ( $steps as $k => $s ) {
			$pool = $this->on_roster( $relief . $s[0], true );
			self::save(
				'activities',
				array(
					'activity_date' => $relief . $s[0],
					'category'      => 'service',
					'kind'          => $s[1],
					'title'         => $s[2],
					'description'   => '党员咨询师组成突击队赴灾区安置点开展灾后心理援助。',
					'hours'         => $s[3],
					'fee_waived'    => (string) $s[4],
					'donation'      => $s[5],
					'beneficiaries' => (string) $s[6],
					'venue_kind'    => $s[7],
					'venue'         => $s[8],
					'project'       => self::FLOOD,
					'participants'  => array_slice( $pool, $k % 3, 6 ),
				)
			);
		}
	}

	/**
	 * 三会一课 at their frequencies, with a few gaps for the reminders.
	 */
	private function meetings(): void {
		$y0         = $this->year;
		$last_month = (int) substr( $this->today, 5, 2 ) > 1
			? sprintf( '%04d-%02d', $y0, (int) substr( $this->today, 5, 2 ) - 1 )
			: sprintf( '%04d-12', $y0 - 1 );
		$gaps       = array(
			'committee'     => array( ( $y0 - 1 ) . '-08' ),
			'theme_day'     => array( ( $y0 - 1 ) . '-02' ),
			'group_meeting' => array( $last_month ),
			'party_lesson'  => array( ( $y0 - 2 ) . '-09' ),
		);
		$themes     = array( '重温入党誓词', '学习党的二十大精神', '走进红色教育基地', '党员先锋岗志愿服务', '学习身边榜样', '党史学习', '廉洁教育', '心理健康进社区' );
		$committee  = array_slice( array_keys( $this->people ), 0, 5 );
		$attend     = static fn( array $list ) => array_values( array_filter( $list, static fn() => mt_rand( 1, 100 ) <= 88 ) );
		for ( $y = $y0 - 2; $y <= $y0; $y++ ) {
			for ( $m = 1; $m <= 12; $m++ ) {
				$ym = sprintf( '%04d-%02d', $y, $m );
				if ( $ym . '-01' > $this->today ) {
					break 2;
				}
				$members = $this->on_roster( $ym . '-10', true );
				if ( ! in_array( $ym, $gaps['committee'], true ) ) {
					$this->meeting( 'committee', $ym . '-05', sprintf( '%d年%d月支部委员会', $y, $m ), '1.5', $committee );
				}
				if ( ! in_array( $ym, $gaps['group_meeting'], true ) ) {
					$this->meeting( 'group_meeting', $ym . '-12', sprintf( '%d年%d月党小组学习会', $y, $m ), '1.5', $attend( $members ) );
				}
				if ( ! in_array( $ym, $gaps['theme_day'], true ) ) {
					$this->meeting( 'theme_day', $ym . '-25', '主题党日：' . $themes[ ( $y * 12 + $m ) % count( $themes ) ], '3', $attend( $members ) );
				}
				if ( 2 === $m % 3 ) {
					$this->meeting( 'branch_assembly', $ym . '-18', sprintf( '%d年第%d季度支部党员大会', $y, intdiv( $m - 1, 3 ) + 1 ), '2', $attend( $members ) );
				}
				if ( 0 === $m % 3 && ! in_array( $ym, $gaps['party_lesson'], true ) ) {
					$this->meeting( 'party_lesson', $ym . '-20', sprintf( '%d年第%d季度党课：书记讲党课', $y, $m / 3 ), '2', $attend( $members ) );
				}
				if ( 12 === $m ) {
					$this->meeting( 'life_meeting', $ym . '-22', sprintf( '%d年度组织生活会', $y ), '3', $members );
				}
				if ( 6 === $m || 12 === $m ) {
					$this->meeting( 'work_meeting', $ym . '-08', sprintf( '%d年%s党建工作会议', $y, 6 === $m ? '上半年' : '全年' ), '2', $committee );
				}
			}
		}
	}

	/**
	 * One meeting (none in the future).
	 *
	 * @param string $kind  The kind.
	 * @param string $date  The date.
	 * @param string $title The title.
	 * @param string $hours The hours.
	 * @param int[]  $who   Who attended.
	 */
	private function meeting( string $kind, string $date, string $title, string $hours, array $who ): void {
		if ( $date > $this->today ) {
			return;
		}
		self::save(
			'activities',
			array(
				'activity_date' => $date,
				'category'      => 'meeting',
				'kind'          => $kind,
				'title'         => $title,
				'hours'         => $hours,
				'venue_kind'    => 'other',
				'venue'         => '协会党员活动室',
				'participants'  => $who,
			)
		);
	}

	/**
	 * The staff headcount at four points.
	 */
	private function headcount(): void {
		foreach ( array( array( 2, '-01-01', 30 ), array( 1, '-01-01', 34 ), array( 1, '-07-01', 36 ), array( 0, '-01-01', 38 ) ) as $p ) {
			self::save(
				'headcount',
				array(
					'point_date'  => ( $this->year - $p[0] ) . $p[1],
					'staff_count' => (string) $p[2],
					'notes'       => '协会在编专职人员',
				)
			);
		}
	}

	/**
	 * Sixteen reports in the media, from the central to the online level.
	 */
	private function media(): void {
		$outlets = array(
			array( '人民网', 'central' ),
			array( '学习强国', 'central' ),
			array( '省电视台', 'provincial' ),
			array( '省日报', 'provincial' ),
			array( '市日报', 'city' ),
			array( '市电视台', 'city' ),
			array( '区融媒体中心', 'district' ),
			array( '协会微信公众号', 'online' ),
		);
		$stories = array( '心理咨询师党员走进社区送服务', '“党员先锋岗”为青少年心理健康护航', '灾后心理援助：党员咨询师在行动', '两新组织党建引领专业志愿服务', '心理健康讲座走进军营', '党建+公益：协会党支部的三年', '心理援助热线守护市民心灵' );
		$stories = array( '心理咨询师党员走进社区送服务', '“党员先锋岗”为青少年心理健康护航', '灾后心理援助：党员咨询师在行动', '两新组织党建引领专业志愿服务', '心理健康讲座走进军营', '党建+公益：协会党支部的三年', '心理援助热线守护市民心灵' );
		for ( $k = 0; $k < 16; $k++ ) {
			$out = $outlets[ mt_rand( 0, count( $outlets ) - 1 ) ];
			self::save(
				'media',
				array(
					'published_on' => $this->ago( 30 + $k * 62 + mt_rand( 0, 20 ) ),
					'outlet'       => $out[0],
					'level'        => $out[1],
					'title'        => $stories[ $k % count( $stories ) ],
					'url'          => 'https://example.org/news/' . ( 1000 + $k ),
				)
			);
		}
	}

	/**
	 * Six honours with the bodies that awarded them.
	 */
	private function honours(): void {
		$y = $this->year;
		foreach ( array(
			array( ( $y - 2 ) . '-06-28', '先进基层党组织', 'city', '中共市直机关工作委员会' ),
			array( ( $y - 2 ) . '-12-10', '优秀志愿服务组织', 'city', '市志愿服务联合会' ),
			array( ( $y - 1 ) . '-06-30', '“五星级”社会组织党组织', 'district', '区社会组织综合党委' ),
			array( ( $y - 1 ) . '-09-15', '抗洪救灾先进集体', 'provincial', '省应急管理厅' ),
			array( ( $y - 1 ) . '-12-20', '社会组织党建工作示范点', 'district', '区委组织部' ),
			array( $this->ago( 45 ), '心理援助工作先进单位', 'city', '市卫生健康委员会' ),
		) as $h ) {
			if ( $h[0] <= $this->today ) {
				self::save(
					'honours',
					array(
						'awarded_on' => $h[0],
						'title'      => $h[1],
						'level'      => $h[2],
						'awarded_by' => $h[3],
					)
				);
			}
		}
	}

	/**
	 * Saves rows of a small table, each a list of values in the order of $keys; rows dated after
	 * today (by their first value) are left out.
	 *
	 * @param string   $entity The entity.
	 * @param string[] $keys   The fields.
	 * @param array[]  $rows   The rows.
	 */
	private function rows( string $entity, array $keys, array $rows ): void {
		foreach ( $rows as $row ) {
			if ( (string) $row[0] <= $this->today || 'plans' === $entity ) {
				self::save( $entity, array_combine( $keys, array_map( 'strval', $row ) ) );
			}
		}
	}

	/**
	 * What the branch spent on its rooms and equipment (阵地建设投入), every year.
	 */
	private function investments(): void {
		$y = $this->year;
		$this->rows(
			'investments',
			array( 'invested_on', 'item', 'amount' ),
			array(
				array( $this->founded, '党员活动室装修与桌椅', '38000' ),
				array( ( $y - 2 ) . '-04-12', '党建宣传展板与文化墙', '12600' ),
				array( ( $y - 2 ) . '-10-08', '心理咨询室隔音改造', '26500' ),
				array( ( $y - 1 ) . '-03-20', '党员书屋图书采购', '8300' ),
				array( ( $y - 1 ) . '-08-05', '灾区援助便携设备（录音笔、平板）', '15800.50' ),
				array( $this->ago( 90 ), '远程会议与线上心理援助设备', '21400' ),
				array( $this->ago( 20 ), '党员活动室投影仪更换', '6900' ),
			)
		);
	}

	/**
	 * The association's staff benefits (员工福利项目); one ended, one started last year.
	 */
	private function benefits(): void {
		$this->rows(
			'benefits',
			array( 'starts_on', 'name', 'ends_on' ),
			array(
				array( '2016-06-01', '年度健康体检', '' ),
				array( '2017-01-01', '补充医疗保险', '' ),
				array( '2018-01-01', '交通通讯补贴', ( $this->year - 2 ) . '-12-31' ),
				array( '2019-03-01', '心理咨询师继续教育补贴', '' ),
				array( ( $this->year - 1 ) . '-01-01', '带薪心理调适假', '' ),
			)
		);
	}

	/**
	 * The development plans (发展计划) of last year, this year and next year.
	 */
	private function development_plans(): void {
		$y = $this->year;
		$this->rows(
			'plans',
			array( 'plan_year', 'min_admit', 'max_admit' ),
			array( array( $y - 1, 2, 3 ), array( $y, 2, 4 ), array( $y + 1, 3, 5 ) )
		);
	}
}

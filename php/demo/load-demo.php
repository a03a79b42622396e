<?php
/**
 * The demo dataset: the Party branch of a city association of psychological counsellors
 * (心理咨询师协会党支部) — 42 people across every stage, three years of service activities and
 * meetings, headcount points, media coverage and honours.
 *
 * Run inside the site (`scripts/wp-env.sh run DIR php/demo/load-demo.php`, as `make demo` does).
 * Every record goes through Dangjian\Records::save(), the same validation as the admin forms.
 * Deterministic: mt_srand() with a fixed seed, and dates counted back from today (in the site's
 * time zone), so the reminders always have something to show. Idempotent: the option dangjian_demo
 * records a load, and a second run (or a run on a site that already has records) adds nothing.
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit( 2 );

if ( ! function_exists( 'dangjian_demo_load' ) ) {
	/**
	 * Loads the demo data once.
	 *
	 * @return array{loaded:bool,message:string,counts:array<string,int>}
	 */
	function dangjian_demo_load(): array {
		global $wpdb;
		$counts = array();
		$count  = static function () use ( $wpdb ) {
			$c = array();
			foreach ( Dangjian\Schema::TABLES as $name ) {
				$c[ $name ] = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( $name ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
			}
			return $c;
		};
		if ( get_option( 'dangjian_demo' ) ) {
			return array(
				'loaded'  => false,
				'message' => 'the demo data is already loaded (option dangjian_demo); nothing added',
				'counts'  => $count(),
			);
		}
		$before = $count();
		if ( array_sum( $before ) > 0 ) {
			return array(
				'loaded'  => false,
				'message' => 'the site already holds records; the demo data is not mixed into them',
				'counts'  => $before,
			);
		}

		mt_srand( 20240701 );
		$today = Dangjian\Period::today();
		$year  = (int) substr( $today, 0, 4 );
		$ago   = static function ( int $days ) use ( $today ): string {
			return gmdate( 'Y-m-d', strtotime( $today . ' 00:00:00 UTC' ) - $days * DAY_IN_SECONDS );
		};
		$plus  = static function ( string $date, int $days ): string {
			return gmdate( 'Y-m-d', strtotime( $date . ' 00:00:00 UTC' ) + $days * DAY_IN_SECONDS );
		};
		$pick  = static function ( array $list ) {
			return $list[ mt_rand( 0, count( $list ) - 1 ) ];
		};
		$save  = static function ( string $entity, array $values ): int {
			$id = Dangjian\Records::save( $entity, Dangjian\Validator::sanitize( $entity, $values ) );
			if ( is_wp_error( $id ) ) {
				throw new RuntimeException( $entity . ': ' . $id->get_error_message() . ' ' . wp_json_encode( $id->get_error_data() ) . ' ' . wp_json_encode( $values, JSON_UNESCAPED_UNICODE ) );
			}
			return $id;
		};

		// ------------------------------------------------------------------ people
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
		$founded = ( $year - 4 ) . '-03-15'; // The branch was set up four years ago; its first members transferred in.
		$plans   = array();
		// 18 long-standing full members, admitted elsewhere, transferred in when the branch was set up or later.
		for ( $i = 0; $i < 18; $i++ ) {
			$admitted = ( 1998 + $i ) . '-' . sprintf( '%02d-%02d', 1 + $i % 12, 1 + ( $i * 7 ) % 28 );
			$plans[]  = array(
				'admitted_on' => $admitted,
				'full_on'     => ( 1999 + $i ) . substr( $admitted, 4 ),
				'joined_on'   => $i < 14 ? $founded : $ago( 1000 - ( $i - 14 ) * 250 ),
				'joined_from' => $pick( array( '市卫生健康委员会机关党支部', '市第三人民医院党委', '师范大学心理学院党支部', '区社会组织综合党委', '市精神卫生中心党支部' ) ),
			);
		}
		// 4 developed in the branch over the last years, now full members.
		foreach ( array( 1500, 1400, 1300, 1200 ) as $d ) {
			$applied = $ago( $d );
			$plans[] = array(
				'applied_on'   => $applied,
				'activist_on'  => $plus( $applied, 45 ),
				'candidate_on' => $plus( $applied, 45 + 400 ),
				'admitted_on'  => $plus( $applied, 45 + 400 + 120 ),
				'full_on'      => $plus( $applied, 45 + 400 + 120 + 366 ),
			);
		}
		// 5 probationary members: one due for conversion within 60 days, two later, two overdue
		// (one of them on probation for more than two years: a rule warning).
		foreach ( array( 330, 200, 100, 400, 760 ) as $d ) {
			$admitted = $ago( $d );
			$plans[]  = array(
				'applied_on'   => $plus( $admitted, -600 ),
				'activist_on'  => $plus( $admitted, -560 ),
				'candidate_on' => $plus( $admitted, -150 ),
				'admitted_on'  => $admitted,
			);
		}
		// 3 candidates; the last was named less than a year after becoming an activist (a rule warning).
		foreach ( array( array( 560, 150 ), array( 500, 60 ), array( 200, 30 ) ) as $d ) {
			$plans[] = array(
				'applied_on'   => $ago( $d[0] + 40 ),
				'activist_on'  => $ago( $d[0] ),
				'candidate_on' => $ago( $d[1] ),
			);
		}
		// 6 activists; the first two have had their year of cultivation and may become candidates.
		foreach ( array( 420, 380, 200, 150, 90, 40 ) as $d ) {
			$plans[] = array(
				'applied_on'  => $ago( $d + 50 ),
				'activist_on' => $ago( $d ),
			);
		}
		// 4 applicants.
		foreach ( array( 120, 60, 20, 10 ) as $d ) {
			$plans[] = array( 'applied_on' => $ago( $d ) );
		}
		// 2 who left: transferred out, last year and two years ago.
		$plans[] = array(
			'admitted_on' => '2009-06-30',
			'full_on'     => '2010-06-30',
			'joined_on'   => $founded,
			'left_on'     => $ago( 250 ),
			'left_reason' => 'transfer',
			'left_to'     => '省心理卫生协会党支部',
		);
		$plans[] = array(
			'admitted_on' => '2015-11-11',
			'full_on'     => '2016-11-11',
			'joined_on'   => $founded,
			'left_on'     => $ago( 700 ),
			'left_reason' => 'transfer',
			'left_to'     => '外省某高校党委',
		);

		$people = array(); // id => plan, for choosing participants.
		foreach ( $plans as $i => $plan ) {
			list( $name, $gender ) = $names[ $i ];
			$born                  = mt_rand( 1965, 1999 ) . sprintf( '-%02d-%02d', mt_rand( 1, 12 ), mt_rand( 1, 28 ) );
			$values                = array_merge(
				array(
					'name'       => $name,
					'gender'     => $gender,
					'birth_date' => $born,
					'phone'      => sprintf( '1380000%04d', 1001 + $i ),
					'email'      => 0 === $i % 2 ? sprintf( 'member%02d@example.org', $i + 1 ) : '',
					'is_staff'   => mt_rand( 1, 100 ) <= 75 ? '1' : '0',
					'notes'      => 0 === $i ? '支部书记' : ( $i < 5 ? '支部委员' : '' ),
				),
				$plan
			);
			$id                    = $save( 'people', $values );
			$people[ $id ]         = $plan + array( 'i' => $i );
		}
		$ids = array_keys( $people );

		// Who is on the roster on a day, and who of them is a Party member.
		$start     = static function ( array $p ): ?string {
			if ( ! empty( $p['joined_on'] ) ) {
				return $p['joined_on'];
			}
			$dates = array_filter( array( $p['applied_on'] ?? null, $p['activist_on'] ?? null, $p['candidate_on'] ?? null, $p['admitted_on'] ?? null ) );
			return $dates ? min( $dates ) : null;
		};
		$on_roster = static function ( string $day, bool $members_only ) use ( $people, $start ): array {
			$list = array();
			foreach ( $people as $id => $p ) {
				$s = $start( $p );
				if ( null === $s || $s > $day || ( ! empty( $p['left_on'] ) && $p['left_on'] <= $day ) ) {
					continue;
				}
				if ( $members_only && ( empty( $p['admitted_on'] ) || $p['admitted_on'] > $day ) ) {
					continue;
				}
				$list[] = $id;
			}
			return $list;
		};

		// -------------------------------------------------------------- activities
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
		$service_kinds = array(
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
		foreach ( $service_kinds as $kind => $spec ) {
			$weighted = array_merge( $weighted, array_fill( 0, $spec[0], $kind ) );
		}
		$activities = 0;
		for ( $y = $year - 2; $y <= $year; $y++ ) {
			for ( $m = 1; $m <= 12; $m++ ) {
				$first = sprintf( '%04d-%02d-01', $y, $m );
				if ( $first > $today ) {
					break 2;
				}
				$n = mt_rand( 5, 9 );
				for ( $k = 0; $k < $n; $k++ ) {
					$date = sprintf( '%04d-%02d-%02d', $y, $m, mt_rand( 1, 28 ) );
					if ( $date > $today ) {
						continue;
					}
					$kind                        = $pick( $weighted );
					list( , $vks, $hr, $pattern ) = $service_kinds[ $kind ];
					$vk                          = $pick( $vks );
					$venue                       = $pick( $venues[ $vk ] );
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
					$pool                        = $on_roster( $date, false );
					shuffle( $pool );
					$team = array();
					foreach ( array_slice( $pool, 0, min( count( $pool ), mt_rand( 2, 5 ) ) ) as $pid ) {
						$team[] = array(
							'id'    => $pid,
							'hours' => 0 === mt_rand( 0, 4 ) ? (string) max( 1, $hours - 1 ) : null,
						);
					}
					$save(
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
							'participants'  => $team,
						)
					);
					++$activities;
				}
			}
		}
		// Disaster relief last summer.
		$relief = ( $year - 1 ) . '-07-';
		foreach ( array( '18', '20', '23' ) as $k => $day ) {
			$pool = $on_roster( $relief . $day, true );
			$save(
				'activities',
				array(
					'activity_date' => $relief . $day,
					'category'      => 'service',
					'kind'          => 'crisis_aid',
					'title'         => '临江县洪灾灾后心理援助（第' . ( $k + 1 ) . '批）',
					'description'   => '党员咨询师赴灾区安置点开展灾后心理疏导。',
					'hours'         => '8',
					'fee_waived'    => (string) ( 12000 + 3000 * $k ),
					'donation'      => 0 === $k ? '20000' : '0',
					'beneficiaries' => (string) ( 150 - 30 * $k ),
					'venue_kind'    => 'disaster_area',
					'venue'         => '临江县洪灾安置点',
					'participants'  => array_slice( $pool, 0, 6 ),
				)
			);
		}

		// ---------------------------------------------------------------- meetings
		// 三会一课 at their frequencies, with a few gaps for the reminders.
		$last_month = (int) substr( $today, 5, 2 ) > 1
			? sprintf( '%04d-%02d', $year, (int) substr( $today, 5, 2 ) - 1 )
			: sprintf( '%04d-12', $year - 1 );
		$gaps       = array(
			'committee'     => array( ( $year - 1 ) . '-08' ),
			'theme_day'     => array( ( $year - 1 ) . '-02' ),
			'group_meeting' => array( $last_month ),
			'party_lesson'  => array( ( $year - 2 ) . '-09' ),
		);
		$meeting    = static function ( string $kind, string $date, string $title, string $hours, array $who ) use ( $save, $today ): void {
			if ( $date > $today ) {
				return;
			}
			$save(
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
		};
		$themes     = array( '重温入党誓词', '学习党的二十大精神', '走进红色教育基地', '党员先锋岗志愿服务', '学习身边榜样', '党史学习', '廉洁教育', '心理健康进社区' );
		$committee  = array_slice( $ids, 0, 5 );
		for ( $y = $year - 2; $y <= $year; $y++ ) {
			for ( $m = 1; $m <= 12; $m++ ) {
				$ym = sprintf( '%04d-%02d', $y, $m );
				if ( $ym . '-01' > $today ) {
					break 2;
				}
				$members = $on_roster( $ym . '-10', true );
				$attend  = static function ( array $list ) {
					return array_values( array_filter( $list, static fn() => mt_rand( 1, 100 ) <= 88 ) );
				};
				if ( ! in_array( $ym, $gaps['committee'], true ) ) {
					$meeting( 'committee', $ym . '-05', sprintf( '%d年%d月支部委员会', $y, $m ), '1.5', $committee );
				}
				if ( ! in_array( $ym, $gaps['group_meeting'], true ) ) {
					$meeting( 'group_meeting', $ym . '-12', sprintf( '%d年%d月党小组学习会', $y, $m ), '1.5', $attend( $members ) );
				}
				if ( ! in_array( $ym, $gaps['theme_day'], true ) ) {
					$meeting( 'theme_day', $ym . '-25', '主题党日：' . $themes[ ( $y * 12 + $m ) % count( $themes ) ], '3', $attend( $members ) );
				}
				if ( 2 === $m % 3 ) {
					$meeting( 'branch_assembly', $ym . '-18', sprintf( '%d年第%d季度支部党员大会', $y, intdiv( $m - 1, 3 ) + 1 ), '2', $attend( $members ) );
				}
				if ( 0 === $m % 3 && ! in_array( $ym, $gaps['party_lesson'], true ) ) {
					$meeting( 'party_lesson', $ym . '-20', sprintf( '%d年第%d季度党课：书记讲党课', $y, $m / 3 ), '2', $attend( $members ) );
				}
				if ( 12 === $m ) {
					$meeting( 'life_meeting', $ym . '-22', sprintf( '%d年度组织生活会', $y ), '3', $members );
				}
				if ( 6 === $m || 12 === $m ) {
					$meeting( 'work_meeting', $ym . '-08', sprintf( '%d年%s党建工作会议', $y, 6 === $m ? '上半年' : '全年' ), '2', $committee );
				}
			}
		}

		// --------------------------------------------------------------- headcount
		foreach ( array(
			array( ( $year - 2 ) . '-01-01', 30 ),
			array( ( $year - 1 ) . '-01-01', 34 ),
			array( ( $year - 1 ) . '-07-01', 36 ),
			array( $year . '-01-01', 38 ),
		) as $point ) {
			$save(
				'headcount',
				array(
					'point_date'  => $point[0],
					'staff_count' => (string) $point[1],
					'notes'       => '协会在编专职人员',
				)
			);
		}

		// ------------------------------------------------------------------- media
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
		for ( $k = 0; $k < 16; $k++ ) {
			$date = $ago( 30 + $k * 62 + mt_rand( 0, 20 ) );
			$out  = $outlets[ mt_rand( 0, count( $outlets ) - 1 ) ];
			$save(
				'media',
				array(
					'published_on' => $date,
					'outlet'       => $out[0],
					'level'        => $out[1],
					'title'        => $stories[ $k % count( $stories ) ],
					'url'          => 'https://example.org/news/' . ( 1000 + $k ),
				)
			);
		}

		// ----------------------------------------------------------------- honours
		foreach ( array(
			array( ( $year - 2 ) . '-06-28', '先进基层党组织', 'city', '中共市直机关工作委员会' ),
			array( ( $year - 2 ) . '-12-10', '优秀志愿服务组织', 'city', '市志愿服务联合会' ),
			array( ( $year - 1 ) . '-06-30', '“五星级”社会组织党组织', 'district', '区社会组织综合党委' ),
			array( ( $year - 1 ) . '-09-15', '抗洪救灾先进集体', 'provincial', '省应急管理厅' ),
			array( ( $year - 1 ) . '-12-20', '社会组织党建工作示范点', 'district', '区委组织部' ),
			array( $ago( 45 ), '心理援助工作先进单位', 'city', '市卫生健康委员会' ),
		) as $h ) {
			if ( $h[0] > $today ) {
				continue;
			}
			$save(
				'honours',
				array(
					'awarded_on' => $h[0],
					'title'      => $h[1],
					'level'      => $h[2],
					'awarded_by' => $h[3],
				)
			);
		}

		if ( '' === Dangjian\Settings::organisation() ) {
			$settings                 = Dangjian\Settings::get();
			$settings['organisation'] = '市心理咨询师协会党支部';
			Dangjian\Settings::save( $settings );
		}
		update_option( 'dangjian_demo', array( 'loaded_on' => $today ), false );
		return array(
			'loaded'  => true,
			'message' => 'demo data loaded',
			'counts'  => $count(),
		);
	}
}

if ( ! defined( 'DANGJIAN_DEMO_NO_RUN' ) ) {
	$dangjian_demo = dangjian_demo_load();
	$dangjian_line = array();
	foreach ( $dangjian_demo['counts'] as $dangjian_table => $dangjian_n ) {
		$dangjian_line[] = $dangjian_table . ' ' . $dangjian_n;
	}
	echo 'demo: ', $dangjian_demo['message'], ' (', implode( ', ', $dangjian_line ), ")\n"; // phpcs:ignore WordPress.Security.EscapeOutput -- A command-line script.
}

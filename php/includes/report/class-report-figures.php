<?php
/**
 * The figure catalogue: every figure a report template can name, and how each is computed.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * One catalogue (self::catalogue()) of id => label (Chinese), unit, source, type, args; and
 * self::evaluate() computing a figure for a Report_Context. docs/FIGURES.md is generated from the
 * catalogue by scripts/figures-doc.php.
 *
 * Types: count, amount (yuan), hours, ratio, list, text, date. Args a figure may take:
 *  - kind, venue_kind, venue, project (service.* and meetings.* figures): the engine's filter
 *    (STATS.md v2), each a comma-separated list: kind=crisis_aid,counseling. A kind must exist.
 *  - level (media.*, honours.*): one level of self::vocabulary( 'media_levels' ) / honour_levels().
 *  - year (plan.*): a year, or "next" (the default: the year after the period) or "this".
 *  - top (service.top_names): how many names, 1–100 (default 5).
 * A figure computed from the engine without a filter, or with a filter of one kind, one project or
 * one venue kind where the result's by_kind / by_project / by_venue_kind already holds it, costs no
 * extra stats() call; any other filter costs one per distinct filter (cached by Report_Context).
 */
final class Report_Figures {

	/** The engine filter's args: template name => STATS.md v2 filter key. */
	const FILTER_ARGS = array(
		'kind'       => 'kinds',
		'venue_kind' => 'venue_kinds',
		'venue'      => 'venues',
		'project'    => 'projects',
	);

	/** Fields of service.by_kind entries. */
	const BY_KIND = array( 'activities', 'hours', 'fee_waived', 'donation', 'beneficiaries' );

	/** Fields of service.by_project entries. */
	const BY_PROJECT = array( 'activities', 'hours', 'fee_waived', 'donation', 'beneficiaries', 'volunteers' );

	/** Fields of service.by_venue_kind entries. */
	const BY_VENUE_KIND = array( 'venues', 'activities', 'beneficiaries', 'hours' );

	/** @var array|null */
	private static $catalogue = null;

	/**
	 * Every figure: id => array( 'label' => Chinese label, 'unit' => unit ('' for none), 'source' =>
	 * where it comes from, 'type' => count|amount|hours|ratio|list|text|date, 'args' => arg names ).
	 * Other rooms may add figures with the filter dangjian_report_catalogue (each with a 'compute'
	 * callable fn( array $args, Report_Context $ctx ): mixed).
	 *
	 * @return array<string,array>
	 */
	public static function catalogue(): array {
		if ( null !== self::$catalogue ) {
			return self::$catalogue;
		}
		$f  = array_keys( self::FILTER_ARGS );
		$c  = array();
		$add = static function ( string $id, string $label, string $unit, string $source, string $type = 'count', array $args = array() ) use ( &$c ) {
			$c[ $id ] = array(
				'label'  => $label,
				'unit'   => $unit,
				'source' => $source,
				'type'   => $type,
				'args'   => $args,
			);
		};
		$add( 'period.year', '报告年度', '年', 'the period: the year of its last day', 'text' );
		$add( 'period.next_year', '下一年度', '年', 'the period: the year after it', 'text' );
		$add( 'period.from', '报告期起始日', '', 'the period: first day', 'date' );
		$add( 'period.to', '报告期截止日', '', 'the period: last day', 'date' );
		$add( 'period.as_of', '名册统计日', '', 'the period: the day of the roster figures', 'date' );

		foreach ( array(
			'name'        => '支部全称',
			'city'        => '所在城市',
			'district'    => '所在区（县）',
			'parent_org'  => '上级党组织',
			'approved_by' => '批准成立的机关',
			'secretary'   => '支部书记',
		) as $key => $label ) {
			$add( 'profile.' . $key, $label, '', 'Settings, branch profile: ' . $key, 'text' );
		}
		$add( 'profile.founded_on', '成立日期', '', 'Settings, branch profile: founded_on', 'date' );
		$add( 'profile.years', '成立年数', '年', 'Settings, branch profile: whole years from founded_on to the last day of the period', 'count' );

		foreach ( array(
			'party_members'       => array( '党员总数', '名' ),
			'full'                => array( '正式党员', '名' ),
			'probationary'        => array( '预备党员', '名' ),
			'candidates'          => array( '发展对象', '名' ),
			'activists'           => array( '入党积极分子', '名' ),
			'applicants'          => array( '入党申请人', '名' ),
			'staff_headcount'     => array( '职工总数', '人' ),
			'staff_party_members' => array( '职工中的党员', '名' ),
		) as $key => $lu ) {
			$add( 'members.' . $key, $lu[0], $lu[1], 'engine: members.' . $key . ' (on the roster day)' );
		}
		$add( 'members.staff_party_ratio', '党员占职工比例', '', 'engine: members.staff_party_ratio', 'ratio' );

		foreach ( array(
			'applied'             => '新递交入党申请书',
			'activists'           => '新确定入党积极分子',
			'candidates'          => '新确定发展对象',
			'admitted'            => '新发展党员',
			'converted'           => '预备党员按期转正',
			'transferred_in'      => '转入党员',
			'left'                => '减少党员（转出、去世等）',
			'eligible_candidates' => '可列为发展对象的积极分子',
			'hired'               => '新入职员工',
			'hired_party_members' => '新入职员工中的党员',
		) as $key => $label ) {
			$add( 'pipeline.' . $key, $label, '人', 'engine: pipeline.' . $key );
		}
		$add( 'pipeline.due_for_conversion', '即将到期转正的预备党员', '名', 'engine: pipeline.due_for_conversion (count)' );
		$add( 'pipeline.overdue_conversion', '逾期未转正的预备党员', '名', 'engine: pipeline.overdue_conversion (count)' );

		foreach ( array(
			'activities'            => array( '公益服务活动', '次', 'count' ),
			'hours'                 => array( '服务时长（按活动计）', '小时', 'hours' ),
			'volunteer_hours'       => array( '志愿服务总时长（全体参与者）', '小时', 'hours' ),
			'party_volunteer_hours' => array( '党员志愿服务时长', '小时', 'hours' ),
			'volunteers'            => array( '参与服务人数', '人', 'count' ),
			'party_volunteers'      => array( '参与服务的党员', '名', 'count' ),
			'participation_ratio'   => array( '党员参与率', '', 'ratio' ),
			'fee_waived'            => array( '减免服务费用', '元', 'amount' ),
			'donation'              => array( '捐款捐物折合', '元', 'amount' ),
			'beneficiaries'         => array( '服务群众', '人次', 'count' ),
		) as $key => $lut ) {
			$add( 'service.' . $key, $lut[0], $lut[1], 'engine: service.' . $key, $lut[2], $f );
		}
		$add( 'service.venues', '服务点位', '个', 'engine: service.by_venue_kind (distinct venues, summed over venue kinds)', 'count', $f );
		$add( 'service.venue_kinds', '服务点位类型', '类', 'engine: service.by_venue_kind (venue kinds present)', 'count', $f );
		$add( 'service.venue_kind_names', '服务点位类型名称', '', 'engine: service.by_venue_kind (Chinese names of the venue kinds present)', 'list', $f );
		$add( 'service.kind_names', '服务项目名称', '', 'engine: service.by_kind (Chinese names of the kinds present)', 'list', $f );
		$add( 'service.kind_details', '各类服务的次数和人次', '', 'engine: service.by_kind (each kind: its Chinese name, activities, beneficiaries)', 'list', $f );
		$add( 'service.projects', '专项行动名称', '', 'engine: service.by_project (names)', 'list', $f );
		$add( 'service.project_details', '各专项行动的参与人数、活动次数和服务人次', '', 'engine: service.by_project (each project: name, volunteers, activities, beneficiaries)', 'list', $f );
		$add( 'service.project_count', '专项行动', '项', 'engine: service.by_project (count)', 'count', $f );
		$add( 'service.top_names', '服务时长居前的志愿者', '', 'engine: service.top_volunteers, names from the people table', 'list', array_merge( $f, array( 'top' ) ) );

		$add( 'meetings.total', '召开组织生活会议', '次', 'engine: meetings.total', 'count', $f );
		$add( 'meetings.hours', '组织生活会议时长', '小时', 'engine: meetings.hours', 'hours', $f );
		$add( 'meetings.missing', '未按规定召开的期次', '次', 'engine: meetings.missing (periods counted over all kinds)', 'count', $f );
		$add( 'meetings.kind_names', '会议类型名称', '', 'engine: meetings.by_kind (Chinese names of the kinds held)', 'list', $f );

		$add( 'investment.total', '阵地建设投入', '元', 'table investments: sum of amount dated within the period', 'amount' );
		$add( 'investment.count', '阵地建设投入项目', '项', 'table investments: rows dated within the period' );
		$add( 'investment.items', '阵地建设投入项目名称', '', 'table investments: items dated within the period', 'list' );
		$add( 'benefits.count', '员工福利项目', '项', 'table benefits: in force at some time in the period' );
		$add( 'benefits.names', '员工福利项目名称', '', 'table benefits: names of those in force in the period', 'list' );
		$add( 'plan.min_admit', '计划发展党员（下限）', '名', 'table plans: min_admit of the year (default: the year after the period)', 'count', array( 'year' ) );
		$add( 'plan.max_admit', '计划发展党员（上限）', '名', 'table plans: max_admit of the year (default: the year after the period)', 'count', array( 'year' ) );
		$add( 'media.count', '媒体报道', '篇（次）', 'table media: reports published within the period (optionally of one level)', 'count', array( 'level' ) );
		$add( 'media.outlets', '报道媒体', '', 'table media: distinct outlets within the period', 'list', array( 'level' ) );
		$add( 'honours.count', '获得荣誉', '项', 'table honours: awarded within the period (optionally of one level)', 'count', array( 'level' ) );
		$add( 'honours.titles', '荣誉名称', '', 'table honours: titles, each with its awarding body in brackets', 'list', array( 'level' ) );
		$add( 'honours.bodies', '授予荣誉的机关', '', 'table honours: distinct awarding bodies', 'list', array( 'level' ) );

		$add( 'rating.target', '星级创建目标', '星', 'the star rating room: the target set on its screen (Rating_Store::target())' );
		$add( 'rating.stars', '本年度自评星级', '星', 'the star rating room: the stars of the year of the period (Rating_Module::summary())' );
		$c['rating.target']['compute'] = static fn( array $args, Report_Context $ctx ) => class_exists( '\\Dangjian\\Rating_Store' ) && method_exists( '\\Dangjian\\Rating_Store', 'target' ) ? (int) Rating_Store::target() : null;
		$c['rating.stars']['compute']  = static function ( array $args, Report_Context $ctx ) {
			if ( ! class_exists( '\\Dangjian\\Rating_Module' ) || ! method_exists( '\\Dangjian\\Rating_Module', 'summary' ) ) {
				return null;
			}
			$summary = $ctx->memo( 'rating', static fn() => Rating_Module::summary( $ctx->report_year() ) );
			return is_array( $summary ) ? (int) $summary['stars'] : null;
		};

		$c               = (array) apply_filters( 'dangjian_report_catalogue', $c );
		self::$catalogue = $c;
		return $c;
	}

	/**
	 * Forgets the built catalogue (after a filter was added: tests).
	 */
	public static function forget(): void {
		self::$catalogue = null;
	}

	/**
	 * The known id nearest to an unknown one (by edit distance, and by label), or null.
	 *
	 * @param string $id The unknown id.
	 */
	public static function nearest( string $id ): ?string {
		$best  = null;
		$score = PHP_INT_MAX;
		foreach ( self::catalogue() as $known => $spec ) {
			$d = levenshtein( strtolower( $id ), $known );
			if ( str_contains( $known, strtolower( $id ) ) || $id === $spec['label'] ) {
				$d = min( $d, 1 );
			}
			if ( $d < $score ) {
				$score = $d;
				$best  = $known;
			}
		}
		return $best;
	}

	/**
	 * The id of the figure whose Chinese label is, or holds, the text given ("党员总数" →
	 * members.party_members), or null.
	 *
	 * @param string $text The text.
	 */
	public static function by_label( string $text ): ?string {
		$text = trim( $text );
		if ( '' === $text ) {
			return null;
		}
		$found = null;
		foreach ( self::catalogue() as $id => $spec ) {
			if ( $spec['label'] === $text ) {
				return $id;
			}
			if ( null === $found && str_contains( $spec['label'], $text ) ) {
				$found = $id;
			}
		}
		return $found;
	}

	/**
	 * Checks a figure's args as a template gives them (name => text). Null when they are fine, else
	 * the message (English, translated).
	 *
	 * @param string $id   A known id.
	 * @param array  $args Name => text.
	 */
	public static function check_args( string $id, array $args ): ?string {
		$spec = self::catalogue()[ $id ];
		foreach ( $args as $name => $value ) {
			if ( ! in_array( $name, $spec['args'], true ) ) {
				return '' === implode( '', $spec['args'] )
					/* translators: 1: an argument name, 2: a figure id. */
					? sprintf( __( 'unknown argument "%1$s": %2$s takes no arguments', 'dangjian' ), $name, $id )
					/* translators: 1: an argument name, 2: a figure id, 3: the arguments it takes. */
					: sprintf( __( 'unknown argument "%1$s": %2$s takes %3$s', 'dangjian' ), $name, $id, implode( ', ', $spec['args'] ) );
			}
			$error = self::check_arg( $id, (string) $name, (string) $value );
			if ( null !== $error ) {
				return $error;
			}
		}
		return null;
	}

	/**
	 * Checks one arg's value.
	 *
	 * @param string $id    The figure.
	 * @param string $name  The arg.
	 * @param string $value Its text.
	 */
	private static function check_arg( string $id, string $name, string $value ): ?string {
		if ( '' === trim( $value ) ) {
			/* translators: %s: an argument name. */
			return sprintf( __( 'argument "%s" has no value', 'dangjian' ), $name );
		}
		$known = null;
		if ( 'kind' === $name ) {
			$known = array_keys( self::vocabulary( 'kinds',  str_starts_with( $id, 'meetings.' ) ? 'meeting' : 'service' ) );
		} elseif ( 'venue_kind' === $name ) {
			$known = array_values( array_filter( array_keys( self::vocabulary( 'venue_kinds' ) ), 'strlen' ) );
		} elseif ( 'level' === $name ) {
			$known = array_keys( str_starts_with( $id, 'media.' ) ? self::vocabulary( 'media_levels' ) : self::vocabulary( 'honour_levels' ) );
		}
		if ( null !== $known ) {
			foreach ( self::split( $value ) as $item ) {
				if ( ! in_array( $item, $known, true ) ) {
					/* translators: 1: an argument name, 2: the value given, 3: the values that exist. */
					return sprintf( __( '%1$s "%2$s" does not exist (known: %3$s)', 'dangjian' ), $name, $item, implode( ', ', $known ) );
				}
			}
			if ( 'level' === $name && count( self::split( $value ) ) > 1 ) {
				return __( 'level takes one level', 'dangjian' );
			}
		}
		if ( 'year' === $name && ! in_array( $value, array( 'next', 'this' ), true ) && ! ( ctype_digit( $value ) && (int) $value >= 1900 && (int) $value <= 2199 ) ) {
			/* translators: %s: the value given. */
			return sprintf( __( 'year "%s" is not a year (1900–2199), "this" or "next"', 'dangjian' ), $value );
		}
		if ( 'top' === $name && ! ( ctype_digit( $value ) && (int) $value >= 1 && (int) $value <= 100 ) ) {
			/* translators: %s: the value given. */
			return sprintf( __( 'top "%s" is not a number from 1 to 100', 'dangjian' ), $value );
		}
		if ( in_array( $name, array( 'venue', 'project' ), true ) ) {
			foreach ( self::split( $value ) as $item ) {
				if ( strlen( $item ) > 200 ) {
					/* translators: %s: an argument name. */
					return sprintf( __( '%s: a name is longer than 200 bytes', 'dangjian' ), $name );
				}
			}
		}
		return null;
	}

	/**
	 * A list of the plugin's vocabulary (kinds, venue_kinds, media_levels, honour_levels): value =>
	 * label, from Vocabulary or, in older trees, Records.
	 *
	 * @param string $what    The method.
	 * @param mixed  ...$args Its arguments.
	 * @return array<string,string>
	 */
	public static function vocabulary( string $what, ...$args ): array {
		$class = class_exists( '\\Dangjian\\Vocabulary' ) && method_exists( '\\Dangjian\\Vocabulary', $what ) ? '\\Dangjian\\Vocabulary' : '\\Dangjian\\Records';
		return (array) call_user_func_array( array( $class, $what ), $args );
	}

	/**
	 * A list argument's values: split on commas (, ， 、), trimmed, blanks dropped.
	 *
	 * @param string $value The text.
	 * @return string[]
	 */
	public static function split( string $value ): array {
		$items = preg_split( '/[,，、]/u', $value );
		return array_values( array_filter( array_map( static fn( $s ) => trim( $s, " \t\n\r\0\x0B　" ), (array) $items ), 'strlen' ) );
	}

	/**
	 * The engine filter (STATS.md v2) of a figure's args.
	 *
	 * @param array $args Name => text.
	 * @return array<string,string[]>
	 */
	public static function filter( array $args ): array {
		$filter = array();
		foreach ( self::FILTER_ARGS as $name => $key ) {
			if ( isset( $args[ $name ] ) ) {
				$filter[ $key ] = array_values( array_unique( self::split( (string) $args[ $name ] ) ) );
			}
		}
		ksort( $filter );
		return $filter;
	}

	/**
	 * A figure's value for a report: an int or float (count, amount, hours), a ratio (float or
	 * null), a list of strings, or a string (text, date).
	 *
	 * @param string         $id   A catalogue id.
	 * @param array          $args Name => text, as check_args() accepts.
	 * @param Report_Context $ctx  The period.
	 * @return mixed
	 * @throws \InvalidArgumentException On an unknown id or bad args.
	 */
	public static function evaluate( string $id, array $args, Report_Context $ctx ) {
		$catalogue = self::catalogue();
		if ( ! isset( $catalogue[ $id ] ) ) {
			/* translators: 1: a figure id, 2: the nearest known id. */
			throw new \InvalidArgumentException( sprintf( __( 'unknown figure "%1$s" (did you mean "%2$s"?)', 'dangjian' ), $id, (string) self::nearest( $id ) ) );
		}
		$error = self::check_args( $id, $args );
		if ( null !== $error ) {
			throw new \InvalidArgumentException( $id . ': ' . $error );
		}
		if ( isset( $catalogue[ $id ]['compute'] ) && is_callable( $catalogue[ $id ]['compute'] ) ) {
			return ( $catalogue[ $id ]['compute'] )( $args, $ctx );
		}
		list( $group, $field ) = explode( '.', $id, 2 );
		switch ( $group ) {
			case 'period':
				return self::period( $field, $ctx );
			case 'profile':
				return self::profile( $field, $ctx );
			case 'members':
			case 'pipeline':
				$block = $ctx->stats()[ $group ];
				if ( ! array_key_exists( $field, $block ) ) {
					/* translators: %s: a figure id. */
					throw new \RuntimeException( sprintf( __( 'The engine does not give %s: it may be older than STATS.md version 2.', 'dangjian' ), $id ) );
				}
				return is_array( $block[ $field ] ) ? count( $block[ $field ] ) : $block[ $field ];
			case 'service':
			case 'meetings':
				return Report_Engine_Figures::value( $group, $field, $args, $ctx );
		}
		return self::table_figure( $id, $args, $ctx );
	}

	/**
	 * period.* figures.
	 *
	 * @param string         $field The field.
	 * @param Report_Context $ctx   The period.
	 */
	private static function period( string $field, Report_Context $ctx ) {
		switch ( $field ) {
			case 'year':
				return (string) $ctx->report_year();
			case 'next_year':
				return (string) ( $ctx->report_year() + 1 );
			case 'from':
				return $ctx->from;
			case 'to':
				return $ctx->to;
		}
		return $ctx->as_of;
	}

	/**
	 * The branch's profile (option dangjian_profile), all keys present.
	 *
	 * @return array<string,string>
	 */
	public static function profile_data(): array {
		if ( class_exists( '\\Dangjian\\Profile' ) && method_exists( '\\Dangjian\\Profile', 'get' ) ) {
			return Profile::get();
		}
		$keys   = array( 'name', 'city', 'district', 'parent_org', 'approved_by', 'founded_on', 'secretary' );
		$stored = function_exists( 'get_option' ) ? get_option( 'dangjian_profile', array() ) : array();
		$out    = array();
		foreach ( $keys as $key ) {
			$out[ $key ] = is_array( $stored ) && isset( $stored[ $key ] ) && is_scalar( $stored[ $key ] ) ? (string) $stored[ $key ] : '';
		}
		return $out;
	}

	/**
	 * profile.* figures.
	 *
	 * @param string         $field The field.
	 * @param Report_Context $ctx   The period.
	 */
	private static function profile( string $field, Report_Context $ctx ) {
		$p = $ctx->memo( 'profile', array( self::class, 'profile_data' ) );
		if ( 'years' === $field ) {
			$on = $p['founded_on'] ?? '';
			if ( ! preg_match( '/^\d{4}-\d{2}-\d{2}$/', $on ) || $on > $ctx->to ) {
				return null;
			}
			$years = (int) substr( $ctx->to, 0, 4 ) - (int) substr( $on, 0, 4 );
			return substr( $ctx->to, 5 ) < substr( $on, 5 ) ? $years - 1 : $years;
		}
		return (string) ( $p[ $field ] ?? '' );
	}

	/**
	 * investment.*, benefits.*, plan.*, media.*, honours.* figures.
	 *
	 * @param string         $id   The id.
	 * @param array          $args The args.
	 * @param Report_Context $ctx  The period.
	 */
	private static function table_figure( string $id, array $args, Report_Context $ctx ) {
		$from  = $ctx->from;
		$to    = $ctx->to;
		$level = isset( $args['level'] ) ? trim( (string) $args['level'] ) : null;
		switch ( $id ) {
			case 'investment.total':
			case 'investment.count':
			case 'investment.items':
				$rows = $ctx->memo( 'investments', static fn() => Report_Tables::investments( $from, $to ) );
				if ( 'investment.count' === $id ) {
					return count( $rows );
				}
				if ( 'investment.items' === $id ) {
					return array_values( array_unique( array_map( static fn( $r ) => (string) $r['item'], $rows ) ) );
				}
				$h = 0;
				foreach ( $rows as $r ) {
					$h += Report_Format::hundredths( (string) $r['amount'] );
				}
				return 0 === $h % 100 ? intdiv( $h, 100 ) : $h / 100;
			case 'benefits.count':
			case 'benefits.names':
				$rows = $ctx->memo( 'benefits', static fn() => Report_Tables::benefits( $from, $to ) );
				return 'benefits.count' === $id ? count( $rows ) : array_map( static fn( $r ) => (string) $r['name'], $rows );
			case 'plan.min_admit':
			case 'plan.max_admit':
				$year = self::plan_year( (string) ( $args['year'] ?? 'next' ), $ctx );
				$plan = $ctx->memo( 'plan' . $year, static fn() => Report_Tables::plan( $year ) );
				return null === $plan ? null : $plan[ substr( $id, 5 ) ];
			case 'media.count':
			case 'media.outlets':
				$rows = $ctx->memo( 'media' . $level, static fn() => Report_Tables::media( $from, $to, $level ) );
				return 'media.count' === $id ? count( $rows ) : array_values( array_unique( array_filter( array_map( static fn( $r ) => trim( (string) $r['outlet'] ), $rows ), 'strlen' ) ) );
			case 'honours.count':
			case 'honours.titles':
			case 'honours.bodies':
				$rows = $ctx->memo( 'honours' . $level, static fn() => Report_Tables::honours( $from, $to, $level ) );
				if ( 'honours.count' === $id ) {
					return count( $rows );
				}
				if ( 'honours.bodies' === $id ) {
					return array_values( array_unique( array_filter( array_map( static fn( $r ) => trim( (string) $r['awarded_by'] ), $rows ), 'strlen' ) ) );
				}
				return array_map( static fn( $r ) => '' !== trim( (string) $r['awarded_by'] ) ? $r['title'] . '（' . trim( $r['awarded_by'] ) . '）' : (string) $r['title'], $rows );
		}
		throw new \InvalidArgumentException( 'no evaluator for ' . $id ); // A catalogue entry without one: a programming error.
	}

	/**
	 * The year a plan.* figure reads.
	 *
	 * @param string         $arg "next", "this" or a year.
	 * @param Report_Context $ctx The period.
	 */
	public static function plan_year( string $arg, Report_Context $ctx ): int {
		if ( 'this' === $arg ) {
			return $ctx->report_year();
		}
		return 'next' === $arg ? $ctx->report_year() + 1 : (int) $arg;
	}
}

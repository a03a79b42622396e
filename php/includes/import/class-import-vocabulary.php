<?php
/**
 * The words of the spreadsheets: column headers and the values of coded columns (kinds, venue kinds,
 * categories, genders, leaving reasons, yes/no), in English and in Chinese, shared by import and export.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Every column a people or activities spreadsheet may have, and the words accepted for each coded value.
 *
 * A header is matched after normalising it (self::normalise_header): case, spaces, a required mark "*"
 * and a unit in brackets such as "时长（小时）" do not matter. A coded value is matched by its slug, its
 * English label or any of its Chinese names (for example "讲座", "lecture" and "Lecture" are one kind).
 */
final class Import_Vocabulary {

	/** The kinds of DOMAIN.md by category, slug => English label and Chinese names. */
	const KINDS = array(
		'service' => array(
			'counseling'       => array( 'free psychological counselling', '公益心理咨询', '心理咨询', '公益咨询' ),
			'group_counseling' => array( 'group counselling', '团体心理辅导', '团体辅导' ),
			'lecture'          => array( 'lecture', '讲座', '公益讲座' ),
			'crisis_aid'       => array( 'crisis intervention and disaster relief', 'crisis intervention / disaster relief', '心理危机干预/灾后援助', '心理危机干预', '危机干预', '灾后援助' ),
			'publicity'        => array( 'public awareness', '公益宣传', '宣传' ),
			'donation'         => array( 'donation', '捐赠' ),
			'volunteering'     => array( 'other volunteering', '其他志愿服务', '志愿服务' ),
		),
		'meeting' => array(
			'branch_assembly' => array( 'branch general meeting', 'branch general assembly', '支部党员大会', '党员大会' ),
			'committee'       => array( 'branch committee meeting', '支部委员会', '支委会', '支部委员会会议' ),
			'group_meeting'   => array( 'party group meeting', '党小组会' ),
			'party_lesson'    => array( 'party lesson', '党课' ),
			'theme_day'       => array( 'theme party day', '主题党日' ),
			'life_meeting'    => array( 'organisational life meeting', '组织生活会' ),
			'work_meeting'    => array( 'party building work meeting', '党建工作会议' ),
		),
	);

	/** Venue kinds, slug => English label and Chinese names. */
	const VENUE_KINDS = array(
		'community'     => array( 'community', '社区' ),
		'enterprise'    => array( 'enterprise', '企业' ),
		'school'        => array( 'school', '学校' ),
		'barracks'      => array( 'barracks', '部队营房', '部队', '营房' ),
		'government'    => array( 'government office', '机关', '政府机关' ),
		'family'        => array( 'family', '家庭' ),
		'disaster_area' => array( 'disaster area', '灾区' ),
		'public_space'  => array( 'public space', '广场/公共场所', '广场', '公共场所' ),
		'online'        => array( 'online', '线上', '网上' ),
		'other'         => array( 'other', '其他' ),
	);

	/** Categories, slug => English label and Chinese names. */
	const CATEGORIES = array(
		'service' => array( 'service', 'public service', '服务', '公益服务', '志愿服务活动' ),
		'meeting' => array( 'meeting', 'branch meeting', '会议', '组织生活', '三会一课', '支部会议' ),
	);

	/** Leaving reasons, slug => English label and Chinese names. */
	const LEFT_REASONS = array(
		'transfer'  => array( 'transferred out', '转出', '组织关系转出', '转移' ),
		'death'     => array( 'deceased', 'death', '去世', '死亡', '病故' ),
		'cancelled' => array( 'probation cancelled', '取消预备党员资格', '取消资格', '取消' ),
		'other'     => array( 'other', '其他' ),
	);

	/** Genders, slug => words. */
	const GENDERS = array(
		'male'   => array( 'male', 'm', '男' ),
		'female' => array( 'female', 'f', '女' ),
	);

	/** Yes / no words (is_staff). */
	const YES = array( '1', 'yes', 'y', 'true', '是', '√', '✓', '职工', '是职工' );
	const NO  = array( '0', 'no', 'n', 'false', '否', '×', '✗', '非职工', '不是' );

	/** Headers that are recognised and deliberately not imported (a row counter, a derived stage). */
	const IGNORED_HEADERS = array( '序号', 'no', 'no.', '#', 'stage', '阶段', '当前阶段', '政治面貌' );

	/**
	 * The columns of a spreadsheet type, in export order: field => [label, aliases, parser, options].
	 *
	 * Parsers: id, text, date, bool, gender, left_reason, category, kind, amount, count, venue_kind,
	 * participants; "stage" is written by the export and ignored by the import.
	 *
	 * @param string $type "people" or "activities".
	 * @return array<string,array{label:string,aliases:string[],parser:string,max?:int,required?:bool}>
	 */
	public static function columns( string $type ): array {
		if ( 'people' === $type ) {
			return array(
				'id'           => array( 'label' => _x( 'ID', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '编号', '人员编号' ), 'parser' => 'id' ),
				'name'         => array( 'label' => _x( 'Name', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '姓名', '名字' ), 'parser' => 'text', 'max' => 100, 'required' => true ),
				'gender'       => array( 'label' => _x( 'Gender', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '性别', 'sex' ), 'parser' => 'gender' ),
				'birth_date'   => array( 'label' => _x( 'Birth date', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '出生日期', '出生年月日', '生日', 'birthday', 'date_of_birth' ), 'parser' => 'date' ),
				'phone'        => array( 'label' => _x( 'Phone', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '电话', '手机', '手机号', '手机号码', '联系电话', '联系方式', 'mobile' ), 'parser' => 'phone', 'max' => 32 ),
				'email'        => array( 'label' => _x( 'Email', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '邮箱', '电子邮箱', '电子邮件', 'e-mail', 'mail' ), 'parser' => 'email', 'max' => 100 ),
				'is_staff'     => array( 'label' => _x( 'Is staff', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '是否职工', '职工', '是否本单位职工', 'staff' ), 'parser' => 'bool' ),
				'stage'        => array( 'label' => _x( 'Stage', 'spreadsheet column', 'dangjian' ), 'aliases' => array(), 'parser' => 'stage' ),
				'applied_on'   => array( 'label' => _x( 'Applied on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '申请入党日期', '入党申请日期', '递交入党申请书日期', '递交申请日期' ), 'parser' => 'date' ),
				'activist_on'  => array( 'label' => _x( 'Activist on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '确定积极分子日期', '确定入党积极分子日期', '确定为入党积极分子日期', '积极分子日期' ), 'parser' => 'date' ),
				'candidate_on' => array( 'label' => _x( 'Candidate on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '确定发展对象日期', '确定为发展对象日期', '发展对象日期' ), 'parser' => 'date' ),
				'admitted_on'  => array( 'label' => _x( 'Admitted on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '入党日期', '接收预备党员日期', '加入党组织日期' ), 'parser' => 'date' ),
				'full_on'      => array( 'label' => _x( 'Full on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '转正日期', '转为正式党员日期' ), 'parser' => 'date' ),
				'joined_on'    => array( 'label' => _x( 'Joined on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '转入日期', '组织关系转入日期' ), 'parser' => 'date' ),
				'joined_from'  => array( 'label' => _x( 'Joined from', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '转入自', '转入来源', '原所在党组织' ), 'parser' => 'text', 'max' => 200 ),
				'left_on'      => array( 'label' => _x( 'Left on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '转出日期', '组织关系转出日期', '离开日期' ), 'parser' => 'date' ),
				'left_reason'  => array( 'label' => _x( 'Left reason', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '转出原因', '离开原因' ), 'parser' => 'left_reason' ),
				'left_to'      => array( 'label' => _x( 'Left to', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '转往', '转出去向', '转至' ), 'parser' => 'text', 'max' => 200 ),
				'notes'        => array( 'label' => _x( 'Notes', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '备注', 'note', 'remarks' ), 'parser' => 'text', 'max' => 5000 ),
			);
		}
		return array(
			'id'            => array( 'label' => _x( 'ID', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '编号', '活动编号' ), 'parser' => 'id' ),
			'date'          => array( 'label' => _x( 'Date', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '日期', '活动日期', '时间', 'activity_date' ), 'parser' => 'date', 'required' => true ),
			'category'      => array( 'label' => _x( 'Category', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '类别', '活动类别', '分类' ), 'parser' => 'category' ),
			'kind'          => array( 'label' => _x( 'Kind', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '类型', '活动类型', '形式', 'type' ), 'parser' => 'kind', 'required' => true ),
			'title'         => array( 'label' => _x( 'Title', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '标题', '活动名称', '名称', '主题', '活动主题' ), 'parser' => 'text', 'max' => 200 ),
			'hours'         => array( 'label' => _x( 'Hours', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '时长', '服务时长', '小时', '小时数', '时数' ), 'parser' => 'amount' ),
			'fee_waived'    => array( 'label' => _x( 'Fee waived', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '减免费用', '减免金额', '减免' ), 'parser' => 'amount' ),
			'donation'      => array( 'label' => _x( 'Donation', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '捐赠', '捐赠金额', '捐款', '捐款金额' ), 'parser' => 'amount' ),
			'beneficiaries' => array( 'label' => _x( 'Beneficiaries', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '受益人数', '受益人次', '服务人次', '服务人数' ), 'parser' => 'count' ),
			'venue_kind'    => array( 'label' => _x( 'Venue kind', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '场所类型', '地点类型' ), 'parser' => 'venue_kind' ),
			'venue'         => array( 'label' => _x( 'Venue', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '场所', '地点', '场所名称', '活动地点' ), 'parser' => 'venue' ),
			'participants'  => array( 'label' => _x( 'Participants', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '参与人员', '参加人员', '参与者', '参加人', '参与党员', '参加党员' ), 'parser' => 'participants' ),
			'description'   => array( 'label' => _x( 'Description', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '说明', '内容', '活动内容', '描述', '备注' ), 'parser' => 'text', 'max' => 10000 ),
		);
	}

	/**
	 * A header as compared: trimmed (ASCII space and U+3000), lower-case, without a "*" mark or a
	 * bracketed unit ("时长（小时）" → "时长"), spaces and hyphens as underscores.
	 *
	 * @param string $header The cell of the header row.
	 */
	public static function normalise_header( string $header ): string {
		$h = self::trim( $header );
		$h = (string) preg_replace( '/[\(（][^\)）]*[\)）]\s*$/u', '', $h );
		$h = self::trim( str_replace( array( '*', '＊' ), '', $h ) );
		$h = mb_strtolower( $h, 'UTF-8' );
		return (string) preg_replace( '/[\s\-]+/u', '_', $h );
	}

	/**
	 * A value as compared: trimmed, lower-case, inner spaces collapsed, full-width slash as "/".
	 *
	 * @param string $value The cell.
	 */
	public static function normalise_word( string $value ): string {
		$v = mb_strtolower( self::trim( $value ), 'UTF-8' );
		$v = str_replace( array( '／', ' / ', ' /', '/ ' ), '/', $v );
		return (string) preg_replace( '/\s+/u', ' ', $v );
	}

	/**
	 * Trims ASCII white space and U+3000 (the ideographic space Chinese text often carries).
	 *
	 * @param string $value The text.
	 */
	public static function trim( string $value ): string {
		return (string) preg_replace( '/^[\s\x{3000}\x{FEFF}]+|[\s\x{3000}]+$/u', '', $value );
	}

	/**
	 * Finds the slug a word stands for in one of the maps above.
	 *
	 * @param array  $map   slug => words (the first the English label).
	 * @param string $value The cell.
	 * @return string|null The slug, or null when none matches.
	 */
	public static function lookup( array $map, string $value ): ?string {
		$word = self::normalise_word( $value );
		foreach ( $map as $slug => $words ) {
			if ( $word === $slug ) {
				return (string) $slug;
			}
			foreach ( $words as $w ) {
				if ( $word === mb_strtolower( $w, 'UTF-8' ) ) {
					return (string) $slug;
				}
			}
		}
		return null;
	}

	/**
	 * Every kind, slug => category.
	 *
	 * @return array<string,string>
	 */
	public static function kind_categories(): array {
		$out = array();
		foreach ( self::KINDS as $category => $kinds ) {
			foreach ( array_keys( $kinds ) as $kind ) {
				$out[ $kind ] = $category;
			}
			// The kinds the admin screens offer (Records::kinds, filterable by dangjian_kinds).
			foreach ( array_keys( (array) self::records( 'kinds', $category ) ) as $kind ) {
				$out[ (string) $kind ] = $category;
			}
		}
		return $out;
	}

	/**
	 * A list of the admin screens' (Records::$method), or null when that class is not loaded: the
	 * labels then come from this class, so import and export work on their own.
	 *
	 * @param string $method A static method of Records returning value => label.
	 * @param mixed  ...$args Its arguments.
	 * @return array|null
	 */
	public static function records( string $method, ...$args ): ?array {
		if ( ! class_exists( Records::class ) || ! method_exists( Records::class, $method ) ) {
			return null;
		}
		return (array) call_user_func_array( array( Records::class, $method ), $args );
	}

	/**
	 * The label of a kind in the site's language, or the slug for a kind of the branch's own.
	 *
	 * @param string $kind The slug.
	 */
	public static function kind_label( string $kind ): string {
		$records = self::records( 'kinds' );
		if ( isset( $records[ $kind ] ) ) {
			return (string) $records[ $kind ];
		}
		$labels = array(
			'counseling'       => __( 'Free psychological counselling', 'dangjian' ),
			'group_counseling' => __( 'Group counselling', 'dangjian' ),
			'lecture'          => __( 'Lecture', 'dangjian' ),
			'crisis_aid'       => __( 'Crisis intervention / disaster relief', 'dangjian' ),
			'publicity'        => __( 'Public awareness', 'dangjian' ),
			'donation'         => __( 'Donation', 'dangjian' ),
			'volunteering'     => __( 'Other volunteering', 'dangjian' ),
			'branch_assembly'  => __( 'Branch general assembly', 'dangjian' ),
			'committee'        => __( 'Branch committee meeting', 'dangjian' ),
			'group_meeting'    => __( 'Party group meeting', 'dangjian' ),
			'party_lesson'     => __( 'Party lesson', 'dangjian' ),
			'theme_day'        => __( 'Theme Party day', 'dangjian' ),
			'life_meeting'     => __( 'Organisational life meeting', 'dangjian' ),
			'work_meeting'     => __( 'Party building work meeting', 'dangjian' ),
		);
		return $labels[ $kind ] ?? $kind;
	}

	/**
	 * The label of a venue kind in the site's language ('' for none).
	 *
	 * @param string $venue_kind The slug.
	 */
	public static function venue_kind_label( string $venue_kind ): string {
		if ( '' === $venue_kind ) {
			return '';
		}
		$records = self::records( 'venue_kinds' );
		if ( isset( $records[ $venue_kind ] ) ) {
			return (string) $records[ $venue_kind ];
		}
		$labels = array(
			'community'     => __( 'Community', 'dangjian' ),
			'enterprise'    => __( 'Enterprise', 'dangjian' ),
			'school'        => __( 'School', 'dangjian' ),
			'barracks'      => __( 'Barracks', 'dangjian' ),
			'government'    => __( 'Government office', 'dangjian' ),
			'family'        => __( 'Family', 'dangjian' ),
			'disaster_area' => __( 'Disaster area', 'dangjian' ),
			'public_space'  => __( 'Public space', 'dangjian' ),
			'online'        => __( 'Online', 'dangjian' ),
			'other'         => __( 'Other', 'dangjian' ),
		);
		return $labels[ $venue_kind ] ?? $venue_kind;
	}

	/**
	 * The label of a category in the site's language.
	 *
	 * @param string $category "service" or "meeting".
	 */
	public static function category_label( string $category ): string {
		$records = self::records( 'categories' );
		if ( isset( $records[ $category ] ) ) {
			return (string) $records[ $category ];
		}
		$labels = array(
			'service' => __( 'Service', 'dangjian' ),
			'meeting' => __( 'Meeting', 'dangjian' ),
		);
		return $labels[ $category ] ?? $category;
	}

	/**
	 * The label of a leaving reason in the site's language ('' for none).
	 *
	 * @param string|null $reason The slug.
	 */
	public static function left_reason_label( ?string $reason ): string {
		$records = self::records( 'left_reasons' );
		if ( null !== $reason && isset( $records[ $reason ] ) ) {
			return (string) $records[ $reason ];
		}
		$labels = array(
			'transfer'  => __( 'Transferred out', 'dangjian' ),
			'death'     => __( 'Death', 'dangjian' ),
			'cancelled' => __( 'Probation cancelled', 'dangjian' ),
			'other'     => __( 'Other', 'dangjian' ),
		);
		return null === $reason ? '' : ( $labels[ $reason ] ?? $reason );
	}

	/**
	 * The label of a gender in the site's language ('' for none).
	 *
	 * @param string $gender "male", "female" or ''.
	 */
	public static function gender_label( string $gender ): string {
		if ( '' === $gender ) {
			return '';
		}
		$records = self::records( 'genders' );
		if ( isset( $records[ $gender ] ) ) {
			return (string) $records[ $gender ];
		}
		$labels = array(
			'male'   => __( 'Male', 'dangjian' ),
			'female' => __( 'Female', 'dangjian' ),
		);
		return $labels[ $gender ] ?? $gender;
	}

	/**
	 * "Yes" or "No" in the site's language.
	 *
	 * @param bool $value The value.
	 */
	public static function bool_label( bool $value ): string {
		return $value ? __( 'Yes', 'dangjian' ) : __( 'No', 'dangjian' );
	}

	/**
	 * The label of a stage in the site's language ('' for none).
	 *
	 * @param string $stage applicant, activist, candidate, probationary, full, left or ''.
	 */
	public static function stage_label( string $stage ): string {
		if ( '' === $stage ) {
			return '';
		}
		$records = self::records( 'stages' );
		if ( isset( $records[ $stage ] ) ) {
			return (string) $records[ $stage ];
		}
		$labels = array(
			'applicant'    => __( 'Applicant', 'dangjian' ),
			'activist'     => __( 'Activist', 'dangjian' ),
			'candidate'    => __( 'Candidate', 'dangjian' ),
			'probationary' => __( 'Probationary member', 'dangjian' ),
			'full'         => __( 'Full member', 'dangjian' ),
			'left'         => __( 'Left the branch', 'dangjian' ),
		);
		return $labels[ $stage ] ?? $stage;
	}
}

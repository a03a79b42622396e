<?php
/**
 * The one description of every field of every record: its label, type and limits for the forms, the
 * validation and the REST arguments, and its spreadsheet column (header, aliases, parser) for the
 * import and the export.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * A field's spec:
 *  - 'type': text, textarea, email, phone, url, date, select, bool, amount, count, year, participants;
 *  - 'label' (the form's), 'required', 'max' (characters; bytes when 'bytes' => true), 'options'
 *    (select: value => label), 'help';
 *  - for the fields of a spreadsheet (self::SHEETS): 'column' (the header the export writes),
 *    'aliases' (other headers the import accepts), 'parser' (how the import reads a cell: id, text,
 *    venue, project, date, bool, gender, left_reason, category, kind, amount, count, year,
 *    venue_kind, phone, email, participants, stage), 'sheet' (the column's name when it is not the
 *    field's) and 'sheet_required' (when the import requires it differently from the form);
 *  - 'form' => false for a column that is not a form field (the id, the derived stage);
 *  - 'unit' => 'hours' for an amount of hours (its messages speak of hours; other amounts are yuan);
 *  - 'suggest': the form offers the values already used (a datalist, Records::suggestions()).
 */
final class Fields {

	/** The columns of each spreadsheet, in the order the export writes them. */
	const SHEET_ORDER = array(
		'people'      => array( 'id', 'name', 'gender', 'birth_date', 'phone', 'email', 'is_staff', 'hired_on', 'stage', 'applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on', 'joined_from', 'left_on', 'left_reason', 'left_to', 'notes' ),
		'activities'  => array( 'id', 'activity_date', 'category', 'kind', 'title', 'hours', 'fee_waived', 'donation', 'beneficiaries', 'venue_kind', 'venue', 'project', 'participants', 'description' ),
		'investments' => array( 'id', 'invested_on', 'item', 'amount' ),
		'benefits'    => array( 'id', 'name', 'starts_on', 'ends_on' ),
		'plans'       => array( 'id', 'plan_year', 'min_admit', 'max_admit' ),
	);

	/** The kinds of record that have a spreadsheet (import and export). */
	const SHEETS = array( 'people', 'activities', 'investments', 'benefits', 'plans' );

	/** @var array|null The fields kept while held() runs ("all:<entity>", "form:<entity>"); else null. */
	private static $held = null;

	/**
	 * Runs $fn with every entity's fields made once and kept until it returns: a check of a million
	 * rows (a restore, an import) would otherwise make them again for each row (about 40 µs each, the
	 * labels translated anew). Nothing can change them in between: the vocabulary's filters and the
	 * language are those of the request.
	 *
	 * @param callable $fn The work.
	 * @return mixed What $fn returns.
	 */
	public static function held( callable $fn ) {
		$outer      = self::$held;
		self::$held = $outer ?? array();
		try {
			return $fn();
		} finally {
			self::$held = $outer;
		}
	}

	/**
	 * Every field of an entity, the form's first in form order, then the spreadsheet-only ones.
	 *
	 * @param string $entity One of Records::ENTITIES.
	 * @return array<string,array>
	 */
	public static function all( string $entity ): array {
		if ( null !== self::$held ) {
			return self::$held[ 'all:' . $entity ] ??= self::make( $entity );
		}
		return self::make( $entity );
	}

	/**
	 * Makes the fields of an entity (all()).
	 *
	 * @param string $entity One of Records::ENTITIES.
	 * @return array<string,array>
	 */
	private static function make( string $entity ): array {
		switch ( $entity ) {
			case 'people':
				return self::people();
			case 'activities':
				return self::activities();
			case 'media':
				return array(
					'published_on' => array( 'type' => 'date', 'label' => __( 'Date', 'dangjian' ), 'required' => true ),
					'outlet'       => array( 'type' => 'text', 'label' => __( 'Outlet', 'dangjian' ), 'required' => true, 'max' => 200 ),
					'level'        => array( 'type' => 'select', 'label' => __( 'Level', 'dangjian' ), 'required' => true, 'options' => Vocabulary::media_levels() ),
					'title'        => array( 'type' => 'text', 'label' => __( 'Title', 'dangjian' ), 'required' => true, 'max' => 255 ),
					'url'          => array( 'type' => 'url', 'label' => __( 'Link', 'dangjian' ), 'max' => 2048 ),
					'notes'        => array( 'type' => 'textarea', 'label' => __( 'Notes', 'dangjian' ), 'max' => 5000 ),
				);
			case 'honours':
				return array(
					'awarded_on' => array( 'type' => 'date', 'label' => __( 'Date', 'dangjian' ), 'required' => true ),
					'title'      => array( 'type' => 'text', 'label' => __( 'Title', 'dangjian' ), 'required' => true, 'max' => 255 ),
					'level'      => array( 'type' => 'select', 'label' => __( 'Level', 'dangjian' ), 'required' => true, 'options' => Vocabulary::honour_levels() ),
					'awarded_by' => array( 'type' => 'text', 'label' => __( 'Awarded by', 'dangjian' ), 'max' => 200 ),
					'notes'      => array( 'type' => 'textarea', 'label' => __( 'Notes', 'dangjian' ), 'max' => 5000 ),
				);
			case 'headcount':
				return array(
					'point_date'  => array( 'type' => 'date', 'label' => __( 'From', 'dangjian' ), 'required' => true ),
					'staff_count' => array( 'type' => 'count', 'label' => __( 'Staff headcount', 'dangjian' ), 'required' => true ),
					'notes'       => array( 'type' => 'text', 'label' => __( 'Notes', 'dangjian' ), 'max' => 200 ),
				);
			case 'investments':
				return array(
					'invested_on' => array( 'type' => 'date', 'label' => __( 'Date', 'dangjian' ), 'required' => true, 'column' => _x( 'Date', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '日期', '投入日期', '时间' ), 'parser' => 'date' ),
					'item'        => array( 'type' => 'text', 'label' => __( 'Item', 'dangjian' ), 'required' => true, 'max' => 200, 'help' => __( 'What the money went to, such as furnishing the activity room.', 'dangjian' ), 'column' => _x( 'Item', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '项目', '投入项目', '内容', '用途' ), 'parser' => 'text' ),
					'amount'      => array( 'type' => 'amount', 'label' => __( 'Amount (yuan)', 'dangjian' ), 'required' => true, 'column' => _x( 'Amount', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '金额', '投入金额', '金额（元）' ), 'parser' => 'amount' ),
					'id'          => array( 'type' => 'id', 'form' => false, 'column' => _x( 'ID', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '编号' ), 'parser' => 'id' ),
				);
			case 'benefits':
				return array(
					'name'      => array( 'type' => 'text', 'label' => __( 'Benefit', 'dangjian' ), 'required' => true, 'max' => 200, 'column' => _x( 'Benefit', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '福利项目', '名称', '项目' ), 'parser' => 'text' ),
					'starts_on' => array( 'type' => 'date', 'label' => __( 'In force from', 'dangjian' ), 'required' => true, 'column' => _x( 'From', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '开始日期', '起始日期', '实施日期' ), 'parser' => 'date' ),
					'ends_on'   => array( 'type' => 'date', 'label' => __( 'In force until', 'dangjian' ), 'help' => __( 'Leave empty while the benefit is still in force.', 'dangjian' ), 'column' => _x( 'Until', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '结束日期', '截止日期', '终止日期' ), 'parser' => 'date' ),
					'id'        => array( 'type' => 'id', 'form' => false, 'column' => _x( 'ID', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '编号' ), 'parser' => 'id' ),
				);
			case 'plans':
				return array(
					'plan_year' => array( 'type' => 'year', 'label' => __( 'Year', 'dangjian' ), 'required' => true, 'column' => _x( 'Year', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '年度', '年份', '计划年度' ), 'parser' => 'year' ),
					'min_admit' => array( 'type' => 'count', 'label' => __( 'Admit at least', 'dangjian' ), 'required' => true, 'column' => _x( 'At least', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '最少发展人数', '计划发展下限', '下限' ), 'parser' => 'count' ),
					'max_admit' => array( 'type' => 'count', 'label' => __( 'Admit at most', 'dangjian' ), 'required' => true, 'column' => _x( 'At most', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '最多发展人数', '计划发展上限', '上限' ), 'parser' => 'count' ),
					'id'        => array( 'type' => 'id', 'form' => false, 'column' => _x( 'ID', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '编号' ), 'parser' => 'id' ),
				);
		}
		throw new \InvalidArgumentException( 'unknown entity ' . $entity ); // A programming error.
	}

	/**
	 * The form's fields of an entity, in form order (what Records stores and validates).
	 *
	 * @param string $entity The entity.
	 * @return array<string,array>
	 */
	public static function form( string $entity ): array {
		if ( null !== self::$held && isset( self::$held[ 'form:' . $entity ] ) ) {
			return self::$held[ 'form:' . $entity ];
		}
		$form = array_filter( self::all( $entity ), static fn( $spec ) => false !== ( $spec['form'] ?? true ) );
		if ( null !== self::$held ) {
			self::$held[ 'form:' . $entity ] = $form;
		}
		return $form;
	}

	/**
	 * The columns of a spreadsheet, in export order: column name => label, aliases, parser, max,
	 * bytes, required.
	 *
	 * @param string $type "people" or "activities".
	 * @return array<string,array{label:string,aliases:string[],parser:string,max?:int,bytes?:bool,required?:bool,field:string}>
	 */
	public static function sheet( string $type ): array {
		$all = self::all( $type );
		$out = array();
		foreach ( self::SHEET_ORDER[ $type ] as $name ) {
			$spec = $all[ $name ];
			$col  = array(
				'label'    => $spec['column'],
				'aliases'  => $spec['aliases'],
				'parser'   => $spec['parser'],
				'field'    => $name,
				'required' => $spec['sheet_required'] ?? ! empty( $spec['required'] ),
			);
			if ( isset( $spec['max'] ) ) {
				$col['max'] = $spec['max'];
			}
			if ( ! empty( $spec['bytes'] ) ) {
				$col['bytes'] = true;
			}
			$out[ $spec['sheet'] ?? $name ] = $col;
		}
		return $out;
	}

	/**
	 * The people's fields.
	 *
	 * @return array<string,array>
	 */
	private static function people(): array {
		return array(
			'name'         => array( 'type' => 'text', 'label' => __( 'Name', 'dangjian' ), 'required' => true, 'max' => 100, 'column' => _x( 'Name', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '姓名', '名字' ), 'parser' => 'text' ),
			'gender'       => array( 'type' => 'select', 'label' => __( 'Gender', 'dangjian' ), 'options' => Vocabulary::genders(), 'column' => _x( 'Gender', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '性别', 'sex' ), 'parser' => 'gender' ),
			'birth_date'   => array( 'type' => 'date', 'label' => __( 'Date of birth', 'dangjian' ), 'column' => _x( 'Birth date', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '出生日期', '出生年月日', '生日', 'birthday', 'date_of_birth' ), 'parser' => 'date' ),
			'phone'        => array( 'type' => 'phone', 'label' => __( 'Phone', 'dangjian' ), 'max' => 32, 'column' => _x( 'Phone', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '电话', '手机', '手机号', '手机号码', '联系电话', '联系方式', 'mobile' ), 'parser' => 'phone' ),
			'email'        => array( 'type' => 'email', 'label' => __( 'Email', 'dangjian' ), 'max' => 100, 'help' => __( 'Used to find the person\'s records when they ask for their personal data.', 'dangjian' ), 'column' => _x( 'Email', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '邮箱', '电子邮箱', '电子邮件', 'e-mail', 'mail' ), 'parser' => 'email' ),
			'is_staff'     => array( 'type' => 'bool', 'label' => __( 'Staff of the organisation', 'dangjian' ), 'column' => _x( 'Is staff', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '是否职工', '职工', '是否本单位职工', 'staff' ), 'parser' => 'bool' ),
			'hired_on'     => array( 'type' => 'date', 'label' => __( 'Hired on', 'dangjian' ), 'help' => __( 'The day the person joined the organisation as staff.', 'dangjian' ), 'column' => _x( 'Hired on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '入职日期', '入职时间', 'hire_date' ), 'parser' => 'date' ),
			'applied_on'   => array( 'type' => 'date', 'label' => __( 'Applied to join', 'dangjian' ), 'column' => _x( 'Applied on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '申请入党日期', '入党申请日期', '递交入党申请书日期', '递交申请日期' ), 'parser' => 'date' ),
			'activist_on'  => array( 'type' => 'date', 'label' => __( 'Named activist', 'dangjian' ), 'column' => _x( 'Activist on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '确定积极分子日期', '确定入党积极分子日期', '确定为入党积极分子日期', '积极分子日期' ), 'parser' => 'date' ),
			'candidate_on' => array( 'type' => 'date', 'label' => __( 'Named candidate', 'dangjian' ), 'column' => _x( 'Candidate on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '确定发展对象日期', '确定为发展对象日期', '发展对象日期' ), 'parser' => 'date' ),
			'admitted_on'  => array( 'type' => 'date', 'label' => __( 'Admitted (probationary)', 'dangjian' ), 'column' => _x( 'Admitted on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '入党日期', '接收预备党员日期', '加入党组织日期' ), 'parser' => 'date' ),
			'full_on'      => array( 'type' => 'date', 'label' => __( 'Became a full member', 'dangjian' ), 'column' => _x( 'Full on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '转正日期', '转为正式党员日期' ), 'parser' => 'date' ),
			'joined_on'    => array( 'type' => 'date', 'label' => __( 'Transferred in', 'dangjian' ), 'help' => __( 'The day the membership was transferred into this branch.', 'dangjian' ), 'column' => _x( 'Joined on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '转入日期', '组织关系转入日期' ), 'parser' => 'date' ),
			'joined_from'  => array( 'type' => 'text', 'label' => __( 'Transferred in from', 'dangjian' ), 'max' => 200, 'column' => _x( 'Joined from', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '转入自', '转入来源', '原所在党组织' ), 'parser' => 'text' ),
			'left_on'      => array( 'type' => 'date', 'label' => __( 'Left the branch', 'dangjian' ), 'column' => _x( 'Left on', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '转出日期', '组织关系转出日期', '离开日期' ), 'parser' => 'date' ),
			'left_reason'  => array( 'type' => 'select', 'label' => __( 'Reason for leaving', 'dangjian' ), 'options' => Vocabulary::left_reasons(), 'column' => _x( 'Left reason', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '转出原因', '离开原因' ), 'parser' => 'left_reason' ),
			'left_to'      => array( 'type' => 'text', 'label' => __( 'Transferred out to', 'dangjian' ), 'max' => 200, 'column' => _x( 'Left to', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '转往', '转出去向', '转至' ), 'parser' => 'text' ),
			'notes'        => array( 'type' => 'textarea', 'label' => __( 'Notes', 'dangjian' ), 'max' => 5000, 'column' => _x( 'Notes', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '备注', 'note', 'remarks' ), 'parser' => 'text' ),
			'id'           => array( 'type' => 'id', 'form' => false, 'column' => _x( 'ID', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '编号', '人员编号' ), 'parser' => 'id' ),
			'stage'        => array( 'type' => 'stage', 'form' => false, 'column' => _x( 'Stage', 'spreadsheet column', 'dangjian' ), 'aliases' => array(), 'parser' => 'stage' ),
		);
	}

	/**
	 * The activities' fields.
	 *
	 * @return array<string,array>
	 */
	private static function activities(): array {
		return array(
			'activity_date' => array( 'type' => 'date', 'label' => __( 'Date', 'dangjian' ), 'required' => true, 'sheet' => 'date', 'column' => _x( 'Date', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '日期', '活动日期', '时间', 'activity_date' ), 'parser' => 'date' ),
			'category'      => array( 'type' => 'select', 'label' => __( 'Category', 'dangjian' ), 'required' => true, 'options' => Vocabulary::categories(), 'sheet_required' => false, 'column' => _x( 'Category', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '类别', '活动类别', '分类' ), 'parser' => 'category' ),
			'kind'          => array( 'type' => 'select', 'label' => __( 'Kind', 'dangjian' ), 'required' => true, 'options' => Vocabulary::kinds(), 'column' => _x( 'Kind', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '类型', '活动类型', '形式', 'type' ), 'parser' => 'kind' ),
			'title'         => array( 'type' => 'text', 'label' => __( 'Title', 'dangjian' ), 'required' => true, 'max' => 200, 'sheet_required' => false, 'column' => _x( 'Title', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '标题', '活动名称', '名称', '主题', '活动主题' ), 'parser' => 'text' ),
			'description'   => array( 'type' => 'textarea', 'label' => __( 'Description', 'dangjian' ), 'max' => 10000, 'column' => _x( 'Description', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '说明', '内容', '活动内容', '描述', '备注' ), 'parser' => 'text' ),
			'hours'         => array( 'type' => 'amount', 'unit' => 'hours', 'label' => __( 'Hours', 'dangjian' ), 'column' => _x( 'Hours', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '时长', '服务时长', '小时', '小时数', '时数' ), 'parser' => 'amount' ),
			'fee_waived'    => array( 'type' => 'amount', 'label' => __( 'Fees waived (yuan)', 'dangjian' ), 'column' => _x( 'Fee waived', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '减免费用', '减免金额', '减免' ), 'parser' => 'amount' ),
			'donation'      => array( 'type' => 'amount', 'label' => __( 'Donations (yuan)', 'dangjian' ), 'column' => _x( 'Donation', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '捐赠', '捐赠金额', '捐款', '捐款金额' ), 'parser' => 'amount' ),
			'beneficiaries' => array( 'type' => 'count', 'label' => __( 'Beneficiaries', 'dangjian' ), 'column' => _x( 'Beneficiaries', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '受益人数', '受益人次', '服务人次', '服务人数' ), 'parser' => 'count' ),
			'venue_kind'    => array( 'type' => 'select', 'label' => __( 'Venue kind', 'dangjian' ), 'options' => Vocabulary::venue_kinds(), 'column' => _x( 'Venue kind', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '场所类型', '地点类型' ), 'parser' => 'venue_kind' ),
			'venue'         => array( 'type' => 'text', 'label' => __( 'Venue', 'dangjian' ), 'max' => Engine_Limits::NAME_BYTES, 'bytes' => true, 'column' => _x( 'Venue', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '场所', '地点', '场所名称', '活动地点' ), 'parser' => 'venue' ),
			'project'       => array( 'type' => 'text', 'label' => __( 'Campaign', 'dangjian' ), 'max' => Engine_Limits::NAME_BYTES, 'bytes' => true, 'suggest' => 'projects', 'help' => __( 'A special campaign the activity belongs to, such as a flood relief action: choose a name already used or type a new one.', 'dangjian' ), 'column' => _x( 'Campaign', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '专项行动', '专项', '所属专项行动', 'project' ), 'parser' => 'project' ),
			'participants'  => array( 'type' => 'participants', 'label' => __( 'Participants', 'dangjian' ), 'help' => __( 'Leave a participant\'s hours empty to use the activity\'s hours.', 'dangjian' ), 'column' => _x( 'Participants', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '参与人员', '参加人员', '参与者', '参加人', '参与党员', '参加党员' ), 'parser' => 'participants' ),
			'id'            => array( 'type' => 'id', 'form' => false, 'column' => _x( 'ID', 'spreadsheet column', 'dangjian' ), 'aliases' => array( '编号', '活动编号' ), 'parser' => 'id' ),
		);
	}
}

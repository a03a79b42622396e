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
	 * The columns of a spreadsheet type, in export order: name => label, aliases, parser, max, bytes,
	 * required, field (Fields::sheet(), the one description of the fields).
	 *
	 * Parsers: id, text, venue, date, bool, gender, phone, email, left_reason, category, kind, amount,
	 * count, venue_kind, participants; "stage" is written by the export and ignored by the import.
	 *
	 * @param string $type "people" or "activities".
	 * @return array<string,array>
	 */
	public static function columns( string $type ): array {
		return Fields::sheet( $type );
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
	 * Every kind, slug => category: those of DOMAIN.md and the branch's own (Vocabulary::kinds(),
	 * filterable by dangjian_kinds).
	 *
	 * @return array<string,string>
	 */
	public static function kind_categories(): array {
		$out = array();
		foreach ( self::KINDS as $category => $kinds ) {
			foreach ( array_keys( $kinds ) as $kind ) {
				$out[ $kind ] = $category;
			}
			foreach ( array_keys( Vocabulary::kinds( $category ) ) as $kind ) {
				$out[ (string) $kind ] = $category;
			}
		}
		return $out;
	}

	/**
	 * The label of a kind in the site's language, or the slug for a kind of the branch's own.
	 *
	 * @param string $kind The slug.
	 */
	public static function kind_label( string $kind ): string {
		return (string) ( Vocabulary::kinds()[ $kind ] ?? $kind );
	}

	/**
	 * The label of a venue kind in the site's language ('' for none).
	 *
	 * @param string $venue_kind The slug.
	 */
	public static function venue_kind_label( string $venue_kind ): string {
		return '' === $venue_kind ? '' : (string) ( Vocabulary::venue_kinds()[ $venue_kind ] ?? $venue_kind );
	}

	/**
	 * The label of a category in the site's language.
	 *
	 * @param string $category "service" or "meeting".
	 */
	public static function category_label( string $category ): string {
		return (string) ( Vocabulary::categories()[ $category ] ?? $category );
	}

	/**
	 * The label of a leaving reason in the site's language ('' for none).
	 *
	 * @param string|null $reason The slug.
	 */
	public static function left_reason_label( ?string $reason ): string {
		return null === $reason || '' === $reason ? '' : (string) ( Vocabulary::left_reasons()[ $reason ] ?? $reason );
	}

	/**
	 * The label of a gender in the site's language ('' for none).
	 *
	 * @param string $gender "male", "female" or ''.
	 */
	public static function gender_label( string $gender ): string {
		return '' === $gender ? '' : (string) ( Vocabulary::genders()[ $gender ] ?? $gender );
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
		return '' === $stage ? '' : (string) ( Vocabulary::stages()[ $stage ] ?? $stage );
	}
}

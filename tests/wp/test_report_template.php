<?php
/**
 * The report template language (Report_Template): errors by line (an unknown id with the nearest
 * known one, an unclosed placeholder, a filter naming a kind that does not exist, …), nothing stored
 * when refused, the default template clean, zero sentences left out.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';

use Dangjian\Report_Template as T;

// The messages are checked in English (the site's language may be zh_CN).
switch_to_locale( 'en_US' );
delete_option( T::OPTION );

/**
 * The errors of a template as "line: message".
 *
 * @param string $text The template.
 * @return string[]
 */
function dj_t_tpl_errors( string $text ): array {
	return array_map( static fn( $e ) => $e['line'] . ': ' . $e['message'], T::check( $text ) );
}

dj_t_same( array(), dj_t_tpl_errors( Dangjian\Report_Default::text() ), 'the default template has no error' );
dj_t_same( Dangjian\Report_Default::text(), T::stored(), 'with nothing saved, the stored template is the default' );
$default = T::parse( Dangjian\Report_Default::text() )['blocks'];
$types   = array_count_values( array_column( $default, 'type' ) );
dj_t_same( 1, $types['title'] ?? 0, 'the default template has one title' );
$h1 = array_values( array_filter( $default, static fn( $b ) => 'heading' === $b['type'] && 1 === $b['level'] ) );
dj_t_same( 5, count( $h1 ), 'the default template has the five customary parts' );
$h1_text = implode( '|', array_map( static fn( $b ) => T::plain( array_map( static fn( $s ) => array( 'text' => $s['t'] ?? '' ), $b['segments'] ) ), $h1 ) );
foreach ( array( '基本情况', '组织建设', '党员作用', '社会责任与宣传', '下一步' ) as $part ) {
	dj_t_ok( str_contains( $h1_text, $part ), "the default template has a part on $part", $h1_text );
}
$ids = array();
array_walk_recursive(
	$default,
	static function ( $v, $k ) use ( &$ids ) {
		if ( 'id' === $k ) {
			$ids[ $v ] = true;
		}
	}
);
foreach ( array( 'profile.founded_on', 'members.party_members', 'members.staff_party_ratio', 'meetings.missing', 'investment.total', 'pipeline.activists', 'pipeline.candidates', 'plan.max_admit', 'pipeline.hired_party_members', 'service.party_volunteer_hours', 'service.fee_waived', 'service.beneficiaries', 'service.venues', 'service.project_details', 'service.kind_details', 'service.donation', 'service.top_names', 'benefits.count', 'media.count', 'honours.titles', 'rating.target' ) as $id ) {
	dj_t_ok( isset( $ids[ $id ] ), "the default template uses $id" );
}

// Errors, each naming its line.
$cases = array(
	'unknown id, nearest named'  => array( "# 标题\n正文{{members.party_member}}名", '2: unknown figure "members.party_member" (did you mean "members.party_members"?)' ),
	'unknown id in a heading'    => array( "## {{servise.hours}}", '1: unknown figure "servise.hours" (did you mean "service.hours"?)' ),
	'a label instead of an id'   => array( '共有{{党员总数}}名', '1: unknown figure "党员总数" (did you mean "members.party_members"?)' ),
	'unclosed placeholder'       => array( "第一行\n\n共{{service.hours 小时", '3: unclosed placeholder: "{{" at column 2 has no "}}" on this line' ),
	'stray closing'              => array( '共 service.hours}} 小时', '1: "}}" at column 16 closes no placeholder' ),
	'nested placeholder'         => array( '{{service.hours {{x}} }}', '1: "{{" at column 17 is inside the placeholder opened at column 1: close it with "}}" first' ),
	'unclosed sentence'          => array( "a\n[[共{{service.hours}}小时", '2: unclosed sentence: "[[" at column 1 has no "]]" on this line' ),
	'stray sentence end'         => array( '共]]', '1: "]]" at column 2 closes no sentence' ),
	'a kind that does not exist' => array( "x\ny\n{{service.activities kind=flood_relief}}", '3: {{service.activities}}: kind "flood_relief" does not exist (known: counseling, group_counseling, lecture, crisis_aid, publicity, donation, volunteering)' ),
	'a meeting kind for service' => array( '{{meetings.total kind=lecture}}', '1: {{meetings.total}}: kind "lecture" does not exist (known: branch_assembly, committee, group_meeting, party_lesson, theme_day, life_meeting, work_meeting)' ),
	'a venue kind that does not' => array( '{{service.venues venue_kind=moon}}', '1: {{service.venues}}: venue_kind "moon" does not exist (known: community, enterprise, school, barracks, government, family, disaster_area, public_space, online, other)' ),
	'a level that does not'      => array( '{{media.count level=galactic}}', '1: {{media.count}}: level "galactic" does not exist (known: central, provincial, city, district, online)' ),
	'an unknown argument'        => array( '{{members.full kind=lecture}}', '1: {{members.full}}: unknown argument "kind": members.full takes no arguments' ),
	'an unknown form'            => array( '{{service.hours | 千}}', '1: {{service.hours}}: unknown form "千" (forms: exact, yu, duo, wan, percent, list, date, month, year, text)' ),
	'a form that does not fit'   => array( '{{members.staff_party_ratio | 余}}', '1: {{members.staff_party_ratio}}: the form "yu" does not fit a figure of type ratio' ),
	'not an argument'            => array( '{{service.hours kind}}', '1: {{service.hours}}: "kind" is not an argument (write name=value)' ),
	'a bad year'                 => array( '{{plan.min_admit year=soon}}', '1: {{plan.min_admit}}: year "soon" is not a year (1900–2199), "this" or "next"' ),
);
foreach ( $cases as $name => $c ) {
	dj_t_same( array( $c[1] ), dj_t_tpl_errors( $c[0] ), "refused: $name" );
}
$errs = T::check( "{{a}}\n好\n{{b}}" );
dj_t_same( array( 1, 3 ), array_column( $errs, 'line' ), 'every bad line is reported, each with its number' );

// Accepted syntax.
dj_t_same( array(), dj_t_tpl_errors( '{{service.beneficiaries kind=crisis_aid,counseling project="临江县 洪灾援助" | 多}}' ), 'args: a list of kinds, a quoted name with a space, a Chinese form' );
dj_t_same( array(), dj_t_tpl_errors( '{{service.hours project=“临江县洪灾援助”｜余}}' ), 'Chinese quotes and a full-width bar are accepted' );
dj_t_same( array(), dj_t_tpl_errors( "% {{not.a.figure}} in a comment is ignored\n>> 落款" ), 'comments are not checked' );

// Saving: refused saves store nothing; an accepted one is stored as typed; '' restores the default.
update_option( T::OPTION, "# 已保存的模板\n{{members.full}}", false );
$before = get_option( T::OPTION );
$errors = T::save( "# 新模板\n{{members.ful}}" );
dj_t_same( 1, count( $errors ), 'a bad template is refused' );
dj_t_same( $before, get_option( T::OPTION ), 'a refused template changes nothing stored' );
dj_t_same( array(), T::save( "# 新模板\r\n{{members.full}}名" ), 'a good template is saved' );
dj_t_same( "# 新模板\n{{members.full}}名", get_option( T::OPTION ), 'it is stored as typed (line ends made \\n)' );
dj_t_same( array(), T::save( '  ' ), 'an empty template restores the default' );
dj_t_same( false, get_option( T::OPTION ), 'the option is gone' );
dj_t_same( 1, count( T::check( str_repeat( 'x', T::MAX_BYTES + 1 ) ) ), 'a template over 64 KiB is refused' );
dj_t_same( 1, count( T::check( "\xff\xfe" ) ), 'invalid UTF-8 is refused' );

// Rendering with a stub engine: zero sentences left out, the last comma closed, nothing blank.
$stats = static function ( array $q ): array {
	$kinds = array(
		'lecture'    => array( 'activities' => 3, 'hours' => 6.0, 'fee_waived' => 0.0, 'donation' => 0.0, 'beneficiaries' => 266 ),
		'crisis_aid' => array( 'activities' => 0, 'hours' => 0.0, 'fee_waived' => 0.0, 'donation' => 0.0, 'beneficiaries' => 0 ),
	);
	return array(
		'period'   => array( 'from' => $q['from'], 'to' => $q['to'], 'as_of' => $q['as_of'] ),
		'members'  => array( 'applicants' => 0, 'activists' => 2, 'candidates' => 0, 'probationary' => 1, 'full' => 20, 'party_members' => 21, 'staff_headcount' => null, 'staff_party_members' => 0, 'staff_party_ratio' => null ),
		'pipeline' => array( 'applied' => 0, 'activists' => 0, 'candidates' => 0, 'admitted' => 0, 'converted' => 0, 'transferred_in' => 0, 'left' => 0, 'eligible_candidates' => 0, 'due_for_conversion' => array(), 'overdue_conversion' => array(), 'hired' => 0, 'hired_party_members' => 0 ),
		'service'  => array( 'activities' => 3, 'hours' => 6807.0, 'fee_waived' => 12345.0, 'donation' => 0.0, 'beneficiaries' => 266, 'volunteer_hours' => 9.5, 'volunteers' => 4, 'participation_ratio' => 0.1875, 'by_kind' => $kinds, 'by_venue_kind' => array(), 'by_month' => array(), 'top_volunteers' => array(), 'party_volunteer_hours' => 0.0, 'party_volunteers' => 0, 'by_project' => array() ),
		'meetings' => array( 'total' => 0, 'hours' => 0.0, 'by_kind' => array(), 'missing' => array() ),
	);
};
$ctx  = new Dangjian\Report_Context( '2025-01-01', '2025-12-31', null, $stats );
$tpl  = "# {{period.year}}年度汇报\n## 一、情况\n党员{{members.party_members}}名。[[讲座{{service.activities kind=lecture}}场，]][[援助{{service.activities kind=crisis_aid}}次，]]\n[[转入{{pipeline.transferred_in}}名。]]\n时长{{service.hours|余}}小时，减免{{service.fee_waived|万}}元，受益{{service.beneficiaries | 多}}人次，参与率{{service.participation_ratio}}。\n[[职工{{members.staff_headcount}}人。]]";
$r    = Dangjian\Report_Output::build( $ctx, $tpl );
$text = Dangjian\Report_Output::text( $r );
dj_t_same( "2025年度汇报\n\n\n一、情况\n　　党员21名。讲座3场。\n　　时长6,800余小时，减免1.2万余元，受益260多人次，参与率18.8%。\n", $text, 'the report: forms applied, zero sentences and an emptied paragraph left out, the last comma closed' );
dj_t_same( '2025年度汇报', $r['title'], 'the title is the title line' );
dj_t_same( 1, $ctx->calls, 'one stats() call: one-kind filters are read from by_kind' );
$html = Dangjian\Report_Output::html( $r, true );
dj_t_ok( str_contains( $html, 'data-figure="service.hours"' ) && str_contains( $html, '>6,800余</span>' ), 'the preview marks each figure with its id', substr( $html, 0, 300 ) );
dj_t_same( 7, substr_count( $html, 'class="dangjian-figure"' ), 'every figure shown is marked (7, the year in the title too)' );

$profile = get_option( 'dangjian_profile' );
delete_option( 'dangjian_profile' );
$r2 = Dangjian\Report_Output::build( $ctx, "<< {{profile.parent_org}}：\n{{plan.min_admit year=1901}}名" );
if ( false !== $profile ) {
	update_option( 'dangjian_profile', $profile );
}
dj_t_ok( str_contains( Dangjian\Report_Output::text( $r2 ), '上级党组织' ) && str_contains( Dangjian\Report_Output::text( $r2 ), '—名' ), 'an unset profile field and a missing plan are visible, never blank', Dangjian\Report_Output::text( $r2 ) );
dj_t_ok( str_contains( Dangjian\Report_Output::text( $r2 ), 'in]：' ), 'the addressee keeps its colon (only a paragraph whose last sentence was left out is closed)', Dangjian\Report_Output::text( $r2 ) );
$r3 = Dangjian\Report_Output::build( $ctx, "讲座{{service.activities kind=lecture}}场，[[援助{{service.activities kind=crisis_aid}}次，]]共计{{service.activities}}次，" );
dj_t_same( "　　讲座3场，共计3次，\n", Dangjian\Report_Output::text( $r3 ), 'a sentence left out in the middle closes nothing; the text as written is kept' );

// A damaged stored template (saved before a kind was removed, or written to the option directly):
// an exception naming the line, not a crash.
update_option( T::OPTION, "# x\n{{service.hours}}\n{{nope.nope}}", false );
$msg = '';
try {
	Dangjian\Report_Output::build( $ctx );
} catch ( RuntimeException $e ) {
	$msg = $e->getMessage();
}
dj_t_ok( str_contains( $msg, 'line 3' ) && str_contains( $msg, 'nope.nope' ), 'a damaged stored template is an exception naming the line', $msg );
delete_option( T::OPTION );

dj_t_done();

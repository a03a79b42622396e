<?php
/**
 * CSV import (in process): good files in UTF-8, UTF-8 with BOM and GBK, Chinese and English headers,
 * give the rows and the figures that follow; bad files (a bad date, stages out of order, an unknown
 * person, a duplicate row, a duplicate id, a database failure halfway) are refused whole with
 * row-numbered errors and the tables unchanged.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
require __DIR__ . '/fixtures/import-lib.php';
global $wpdb;

if ( ! dj_t_import_loaded() ) {
	dj_t_done();
}
dj_t_same( array(), Dangjian\Import::non_transactional_tables(), 'every plugin table is transactional (InnoDB)' );

dj_t_reset();
$people_t = Dangjian\Schema::table( 'people' );
$acts_t   = Dangjian\Schema::table( 'activities' );
$links_t  = Dangjian\Schema::table( 'participants' );

// --- Reading: encodings, dates, amounts, headers.
foreach (
	array(
		'2024-03-01'      => '2024-03-01',
		'2024/3/1'        => '2024-03-01',
		'2024.3.1'        => '2024-03-01',
		'2024年3月1日'    => '2024-03-01',
		'2024/3/1 0:00'   => '2024-03-01',
		'2024-02-29'      => '2024-02-29',
		'2023-02-29'      => null,
		'2024-13-01'      => null,
		'1899-12-31'      => null,
		'3/1/2024'        => null,
		'2024年3月'       => null,
	) as $in => $want
) {
	dj_t_same( $want, Dangjian\Import_Cells::date( $in ), "the date \"$in\" reads as " . var_export( $want, true ) );
}
foreach ( array( '3' => '3.00', '2.5' => '2.50', '1,200' => '1200.00', '¥300.5' => '300.50', '1.005' => '1.01', '1.0049' => '1.00', '1000000000' => '1000000000.00', '1000000000.01' => null, '-1' => null, 'abc' => null, '.' => null ) as $in => $want ) {
	dj_t_same( $want, Dangjian\Amount::parse( (string) $in ), "the amount \"$in\" reads as " . var_export( $want, true ) );
}
$bom = Dangjian\Import::analyse( 'people', dj_t_fixture( 'people-zh-bom.csv' ) );
dj_t_same( 'UTF-8 (BOM)', $bom['encoding'], 'a UTF-8 file with a BOM is recognised' );
dj_t_same( array(), $bom['errors'], 'people-zh-bom.csv has no error' );
dj_t_same( null, $bom['columns'][0]['field'], 'the 序号 column is not imported' );
dj_t_same( array( 'name', 'gender', 'birth_date', 'phone', 'is_staff', 'applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on', 'left_on', 'left_reason', 'notes' ), array_slice( array_column( $bom['columns'], 'field' ), 1 ), 'the Chinese headers map to their fields' );
dj_t_same( 'UTF-8', Dangjian\Import::analyse( 'people', dj_t_fixture( 'people-en.csv' ) )['encoding'], 'a UTF-8 file without BOM is recognised' );
$gbk = dj_t_gbk_fixture();
dj_t_ok( ! mb_check_encoding( $gbk, 'UTF-8' ), 'the GBK fixture is not valid UTF-8 (it really is GBK)' );
$gbk_report = Dangjian\Import::analyse( 'people', $gbk );
dj_t_same( 'GB18030', $gbk_report['encoding'], 'a GBK file is recognised and read as GB18030' );
dj_t_same( '孙八', $gbk_report['records'][0]['values']['name'] ?? null, 'its Chinese text is converted to UTF-8' );
$utf16 = "\xFF\xFE" . mb_convert_encoding( "姓名\t出生日期\n测试\t2000-01-01\n", 'UTF-16LE', 'UTF-8' );
$r16   = Dangjian\Import::analyse( 'people', $utf16 );
dj_t_ok( 'UTF-16LE' === $r16['encoding'] && "\t" === $r16['delimiter'] && '2000-01-01' === ( $r16['records'][0]['values']['birth_date'] ?? null ), 'Excel\'s "Unicode text" (UTF-16LE, tabs) is read' );
$bad_enc = Dangjian\Import::analyse( 'people', "\x81\x20\xFF\xFF,\n" );
dj_t_ok( 1 === count( $bad_enc['errors'] ) && 0 === $bad_enc['errors'][0]['row'] && str_contains( $bad_enc['errors'][0]['message'], 'GBK' ), 'bytes that are neither UTF-8 nor GBK are refused as a whole file', wp_json_encode( $bad_enc['errors'] ) );
$no_name = Dangjian\Import::analyse( 'people', "gender,phone\nmale,123456\n" );
dj_t_ok( 1 === count( $no_name['errors'] ) && 1 === $no_name['errors'][0]['row'] && str_contains( $no_name['errors'][0]['message'], '姓名' ), 'a file without the name column is refused at row 1 (the header)', wp_json_encode( $no_name['errors'], JSON_UNESCAPED_UNICODE ) );
$twice = Dangjian\Import::analyse( 'people', "姓名,name\n甲,甲\n" );
dj_t_ok( 1 === count( $twice['errors'] ) && 1 === $twice['errors'][0]['row'] && str_contains( $twice['errors'][0]['column'], '(B)' ), 'two columns meaning the same are refused at row 1, column B' );

// --- Good files: every row, with its values.
$before = Dangjian\Data_Version::get();
dj_t_import_fixtures();
dj_t_ok( Dangjian\Data_Version::get() > $before, 'an import bumps the data version' );
dj_t_same( 8, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$people_t}" ), '8 people in the table' );
dj_t_same( 6, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$acts_t}" ), '6 activities in the table' );
$zhang = $wpdb->get_row( "SELECT * FROM {$people_t} WHERE name = '张三'", ARRAY_A );
dj_t_same(
	array( 'male', '1980-05-06', '13800000001', '1', '2019-03-01', '2019-09-01', '2020-10-01', '2021-07-01', '2022-07-01', null, null, null ),
	array( $zhang['gender'], $zhang['birth_date'], $zhang['phone'], $zhang['is_staff'], $zhang['applied_on'], $zhang['activist_on'], $zhang['candidate_on'], $zhang['admitted_on'], $zhang['full_on'], $zhang['joined_on'], $zhang['left_on'], $zhang['left_reason'] ),
	'张三\'s row holds the values of every date form (2019.3.1, 2019年9月1日, 2020-10-1)'
);
$li = $wpdb->get_row( "SELECT * FROM {$people_t} WHERE name = '李四'", ARRAY_A );
dj_t_same( array( 'female', '2018-05-01', '转入自"市一院"，党龄长' ), array( $li['gender'], $li['joined_on'], $li['notes'] ), '李四: gender, transfer date and a quoted note with quotes and a comma' );
$zhao = $wpdb->get_row( "SELECT * FROM {$people_t} WHERE name = '赵六'", ARRAY_A );
dj_t_same( array( '2023-06-30', 'transfer', '010-8888 0000' ), array( $zhao['left_on'], $zhao['left_reason'], $zhao['phone'] ), '赵六 left by transfer (转出)' );
$alice = $wpdb->get_row( "SELECT * FROM {$people_t} WHERE name = 'Alice Wang'", ARRAY_A );
dj_t_same( array( 'female', '1', '2024-07-01' ), array( $alice['gender'], $alice['is_staff'], $alice['admitted_on'] ), 'English headers and values (female, yes)' );
dj_t_same( 'says "hi", twice', $wpdb->get_var( "SELECT notes FROM {$people_t} WHERE name = 'Bob Li'" ), 'a quoted English cell keeps its quotes and comma' );
$sun = $wpdb->get_row( "SELECT * FROM {$people_t} WHERE name = '孙八'", ARRAY_A );
dj_t_same( array( '1988-08-08', '2020-06-01', '2021-06-01' ), array( $sun['birth_date'], $sun['admitted_on'], $sun['full_on'] ), 'the GBK file\'s person and dates' );

$lecture = $wpdb->get_row( "SELECT * FROM {$acts_t} WHERE title = '校园讲座'", ARRAY_A );
dj_t_same(
	array( '2024-04-01', 'service', 'lecture', '2.50', '1000.00', '300.50', '120', 'school', '第一中学', '讲座内容' ),
	array( $lecture['activity_date'], $lecture['category'], $lecture['kind'], $lecture['hours'], $lecture['fee_waived'], $lecture['donation'], $lecture['beneficiaries'], $lecture['venue_kind'], $lecture['venue'], $lecture['description'] ),
	'the lecture: its category from its kind, "1,000", the venue trimmed'
);
$group = $wpdb->get_row( "SELECT * FROM {$acts_t} WHERE kind = 'group_counseling'", ARRAY_A );
dj_t_same( Dangjian\Import_Vocabulary::kind_label( 'group_counseling' ), $group['title'], 'an untitled activity is named after its kind' );
$first = (int) $wpdb->get_var( "SELECT id FROM {$acts_t} WHERE title = '社区心理咨询'" );
$links = $wpdb->get_results( $wpdb->prepare( "SELECT person_id, hours FROM {$links_t} WHERE activity_id = %d ORDER BY id", $first ), ARRAY_A );
dj_t_same(
	array( array( 'person_id' => (string) dj_t_person_id( '张三' ), 'hours' => null ), array( 'person_id' => (string) dj_t_person_id( '李四' ), 'hours' => '1.50' ) ),
	$links,
	'participants by name, 李四 with her own hours (1.5), 张三 with the activity\'s'
);
$theme = (int) $wpdb->get_var( "SELECT id FROM {$acts_t} WHERE kind = 'theme_day'" );
dj_t_same( 3, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$links_t} WHERE activity_id = %d", $theme ) ), 'participants separated by full-width commas' );
dj_t_same( '2.00', $wpdb->get_var( $wpdb->prepare( "SELECT hours FROM {$links_t} WHERE activity_id = %d", (int) $group['id'] ) ), 'hours in full-width brackets: 张三（2）' );

// --- The figures that follow.
$q = array( 'from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-12-31' );
$s = dangjian_stats( $q );
dj_t_ok( is_array( $s ), 'figures after the import', is_wp_error( $s ) ? $s->get_error_message() : '' );
dj_t_same(
	array( 'applicants' => 1, 'activists' => 2, 'candidates' => 0, 'probationary' => 1, 'full' => 3, 'party_members' => 4 ),
	array_intersect_key( $s['members'], array_flip( array( 'applicants', 'activists', 'candidates', 'probationary', 'full', 'party_members' ) ) ),
	'members on 2024-12-31: 3 full (张三, 李四, 孙八), 1 probationary, 2 activists, 1 applicant; 赵六 left'
);
dj_t_same( 3, $s['members']['staff_party_members'], 'staff party members: 张三, Alice Wang, 孙八' );
dj_t_same( array( 4, 11.0, 3000.0, 300.5, 205, 11.0, 5 ), array( $s['service']['activities'], $s['service']['hours'], $s['service']['fee_waived'], $s['service']['donation'], $s['service']['beneficiaries'], $s['service']['volunteer_hours'], $s['service']['volunteers'] ), 'service in 2024: 4 activities, 11 h, 3000 yuan waived, 300.5 donated, 205 helped, 11 volunteer hours by 5 people' );
dj_t_same( array( 'venues' => 1, 'activities' => 2, 'beneficiaries' => 55, 'hours' => 7.0 ), $s['service']['by_venue_kind']['community'] ?? null, 'one community venue (阳光社区) with 2 activities' );
dj_t_same( array( 2, 4.0, array( 'party_lesson' => 1, 'theme_day' => 1 ) ), array( $s['meetings']['total'], $s['meetings']['hours'], $s['meetings']['by_kind'] ), 'two meetings, 4 hours' );
$pipeline = $s['pipeline'];
dj_t_same( array( 1, 2, 0, 1, 0 ), array( $pipeline['applied'], $pipeline['activists'], $pipeline['candidates'], $pipeline['admitted'], $pipeline['converted'] ), 'pipeline in 2024: Bob applied; 王五 and 周九 became activists; Alice was admitted' );

// --- Bad files: refused whole, errors by row and column, nothing written.
$sum = dj_t_tables_checksum();

$r = Dangjian\Import::commit( 'people', dj_t_fixture( 'people-bad.csv' ) );
dj_t_same( 0, $r['imported'], 'people-bad.csv: nothing imported' );
dj_t_same(
	array( array( 3, '入党日期 (E)' ), array( 4, '确定积极分子日期 (D)' ) ),
	array_map( static fn( $e ) => array( $e['row'], $e['column'] ), $r['errors'] ),
	'people-bad.csv: row 3 column E (2024-02-30) and row 4 column D (activist before application)'
);
dj_t_ok( str_contains( $r['errors'][0]['message'] ?? '', '2024-02-30' ), 'the bad date is quoted in its message', $r['errors'][0]['message'] ?? '' );
dj_t_ok( str_contains( $r['errors'][1]['message'] ?? '', '2021-01-01' ) && str_contains( $r['errors'][1]['message'] ?? '', '2021-05-01' ), 'the order error names both dates (the engine\'s rule)', $r['errors'][1]['message'] ?? '' );
dj_t_same( $sum, dj_t_tables_checksum(), 'people-bad.csv: the tables are unchanged (rows 2 and 5 were good but not written)' );

$r = Dangjian\Import::commit( 'people', dj_t_fixture( 'people-duplicate.csv' ) );
dj_t_same( array( array( 4, 'name (A)' ) ), array_map( static fn( $e ) => array( $e['row'], $e['column'] ), $r['errors'] ), 'people-duplicate.csv: row 4 repeats row 2' );
dj_t_ok( str_contains( $r['errors'][0]['message'] ?? '', '2' ), 'the message names the earlier row', $r['errors'][0]['message'] ?? '' );
dj_t_same( $sum, dj_t_tables_checksum(), 'people-duplicate.csv: the tables are unchanged' );

$r = Dangjian\Import::commit( 'people', dj_t_fixture( 'people-en.csv' ) );
dj_t_same( array( 2, 3 ), array_column( $r['errors'], 'row' ), 'importing the same people again is refused: rows 2 and 3 are already recorded' );
dj_t_same( $sum, dj_t_tables_checksum(), 'the repeated import changed nothing' );

$r = Dangjian\Import::commit( 'activities', dj_t_fixture( 'activities-unknown-person.csv' ) );
dj_t_same( array( array( 3, '参与人员 (D)' ), array( 4, '参与人员 (D)' ) ), array_map( static fn( $e ) => array( $e['row'], $e['column'] ), $r['errors'] ), 'activities-unknown-person.csv: rows 3 and 4, the participants column' );
dj_t_ok( str_contains( $r['errors'][0]['message'] ?? '', '查无此人' ), 'the unknown name is quoted', $r['errors'][0]['message'] ?? '' );
dj_t_ok( str_contains( $r['errors'][1]['message'] ?? '', '9999' ), 'the unknown ID is quoted', $r['errors'][1]['message'] ?? '' );
dj_t_same( $sum, dj_t_tables_checksum(), 'activities-unknown-person.csv: the tables are unchanged (row 2 was good)' );

$r = Dangjian\Import::commit( 'activities', dj_t_fixture( 'activities-duplicate-id.csv' ) );
dj_t_same( array( array( 4, '编号 (A)' ) ), array_map( static fn( $e ) => array( $e['row'], $e['column'] ), $r['errors'] ), 'activities-duplicate-id.csv: row 4 reuses the ID of row 2' );
dj_t_same( $sum, dj_t_tables_checksum(), 'activities-duplicate-id.csv: the tables are unchanged' );

$r = Dangjian\Import::commit( 'activities', dj_t_fixture( 'activities-zh.csv' ) );
dj_t_same( array( 2, 3, 4, 5 ), array_column( $r['errors'], 'row' ), 'importing the same activities again is refused row by row' );

$taken = "编号,姓名\n" . dj_t_person_id( '张三' ) . ",新人\n";
$r     = Dangjian\Import::commit( 'people', $taken );
dj_t_ok( 1 === count( $r['errors'] ) && 2 === $r['errors'][0]['row'] && str_contains( $r['errors'][0]['message'], '张三' ), 'an ID already taken is refused, naming who has it', wp_json_encode( $r['errors'], JSON_UNESCAPED_UNICODE ) );
$mixed = Dangjian\Import::commit( 'activities', "日期,类别,类型\n2024-01-01,会议,讲座\n" );
dj_t_ok( 1 === count( $mixed['errors'] ) && str_contains( $mixed['errors'][0]['column'], '(C)' ), 'a kind of the other category is refused at its cell' );
dj_t_same( $sum, dj_t_tables_checksum(), 'after every refused file the tables are unchanged' );

// A database failure after some rows were written: the transaction is rolled back.
$break = static function ( $sql ) use ( $links_t ) {
	return str_starts_with( $sql, "INSERT INTO {$links_t}" ) ? 'INSERT INTO no_such_table_dangjian VALUES (1)' : $sql;
};
add_filter( 'query', $break );
$ok_file = "日期,类型,时长,参与人员\n2024-09-01,讲座,1,张三\n2024-09-02,党课,1,李四\n";
$r       = Dangjian\Import::commit( 'activities', $ok_file );
remove_filter( 'query', $break );
dj_t_ok( 0 === $r['imported'] && 1 === count( $r['errors'] ) && 0 === $r['errors'][0]['row'], 'a database error during the write refuses the import', wp_json_encode( $r['errors'], JSON_UNESCAPED_UNICODE ) );
dj_t_same( $sum, dj_t_tables_checksum(), 'the activities written before the failure were rolled back' );
$r = Dangjian\Import::commit( 'activities', $ok_file );
dj_t_same( 2, $r['imported'], 'the same file imports once the database works' );

// A dry run (analyse) never writes.
$sum = dj_t_tables_checksum();
$r   = Dangjian\Import::analyse( 'people', "姓名\n新来的\n" );
dj_t_ok( ! $r['errors'] && 1 === count( $r['records'] ), 'a good file analysed' );
dj_t_same( $sum, dj_t_tables_checksum(), 'analysing writes nothing' );

// Escaping: markup in a cell is stored as text (the admin page escapes it; see test_import_http).
$r = Dangjian\Import::commit( 'people', "姓名\n<script>alert(1)</script>\n" );
dj_t_same( '<script>alert(1)</script>', $wpdb->get_var( "SELECT name FROM {$people_t} WHERE name LIKE '<script>%'" ), 'a name with markup is stored as typed' );

dj_t_reset();
dj_t_done();

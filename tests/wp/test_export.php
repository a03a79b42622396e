<?php
/**
 * CSV export (in process): exactly the filtered list (the list screens' query, Records::query), with a
 * UTF-8 BOM, CRLF lines, Chinese headers on the zh_CN site, formula-looking text defused; and an
 * export imports again into an empty site with the same figures.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
require __DIR__ . '/fixtures/import-lib.php';
global $wpdb;

if ( ! dj_t_import_loaded() ) {
	dj_t_done();
}

dj_t_reset();
dj_t_import_fixtures();
$people_t = Dangjian\Schema::table( 'people' );
$wpdb->insert( $people_t, array( 'name' => '=HYPERLINK("http://evil")', 'applied_on' => '2024-01-02', 'notes' => '+1 -1' ) );
Dangjian\Data_Version::bump();

/**
 * Every item of a filtered list, all pages, as the list screens query it.
 *
 * @param string $type    people or activities.
 * @param array  $filters The filters.
 * @return array[]
 */
function dj_t_list( string $type, array $filters ): array {
	$items = array();
	for ( $page = 1; ; $page++ ) {
		$r     = Dangjian\Records::query( $type, $filters + array( 'page' => $page, 'per_page' => 2 ) );
		$items = array_merge( $items, $r['items'] );
		if ( count( $r['items'] ) < 2 ) {
			return $items;
		}
	}
}

// The whole people list.
$csv = Dangjian\Export::csv( 'people', array() );
dj_t_ok( str_starts_with( $csv, "\xEF\xBB\xBF" ), 'the file starts with a UTF-8 BOM (Excel reads it as UTF-8)' );
dj_t_ok( mb_check_encoding( $csv, 'UTF-8' ), 'the file is valid UTF-8' );
dj_t_ok( str_contains( $csv, "\r\n" ) && ! preg_match( "/[^\r]\n/", $csv ), 'every line ends with CRLF' );
$rows   = dj_t_csv_rows( $csv );
$header = array_shift( $rows );
dj_t_same( 'zh_CN', get_locale(), 'the test site is in Chinese' );
dj_t_same( array( '编号', '姓名', '性别', '出生日期' ), array_slice( $header, 0, 4 ), 'the headers are Chinese on a zh_CN site' );
dj_t_same( array_values( Dangjian\Export::headers( 'people' ) ), $header, 'the headers are the export\'s columns' );
$list = dj_t_list( 'people', array() );
dj_t_same( array_map( static fn( $i ) => (string) $i['id'], $list ), array_column( $rows, 0 ), 'the export holds exactly the people of the list, in its order' );
dj_t_same( array_map( static fn( $i ) => $i['name'], array_slice( $list, 0, 8 ) ), array_slice( array_column( $rows, 1 ), 0, 8 ), 'with their names' );
$by_name = array_column( $rows, null, 1 );
$col     = array_flip( array_keys( Dangjian\Export::headers( 'people' ) ) );
dj_t_same( Dangjian\Import_Vocabulary::gender_label( 'male' ), $by_name['张三'][ $col['gender'] ] ?? null, 'a gender is written as its label' );
dj_t_same( Dangjian\Import_Vocabulary::bool_label( true ), $by_name['张三'][ $col['is_staff'] ] ?? null, 'is_staff is written as yes / no' );
dj_t_same( Dangjian\Import_Vocabulary::stage_label( 'full' ), $by_name['张三'][ $col['stage'] ] ?? null, 'the stage of today is written' );
dj_t_same( '2019-03-01', $by_name['张三'][ $col['applied_on'] ] ?? null, 'dates as YYYY-MM-DD' );
dj_t_same( Dangjian\Import_Vocabulary::left_reason_label( 'transfer' ), $by_name['赵六'][ $col['left_reason'] ] ?? null, 'a reason for leaving as its label' );
dj_t_ok( isset( $by_name["'=HYPERLINK(\"http://evil\")"] ), 'a name Excel would run as a formula gets an apostrophe in front' );
dj_t_same( "'+1 -1", $by_name["'=HYPERLINK(\"http://evil\")"][ $col['notes'] ] ?? null, 'and so does a note starting with +' );

// Filtered lists.
foreach ( array( 'full', 'activist', 'left', 'probationary', 'applicant' ) as $stage ) {
	$rows = dj_t_csv_rows( Dangjian\Export::csv( 'people', array( 'stage' => $stage ) ) );
	array_shift( $rows );
	$list = dj_t_list( 'people', array( 'stage' => $stage ) );
	dj_t_ok( count( $list ) > 0, "the list of stage $stage is not empty" );
	dj_t_same( array_map( static fn( $i ) => (string) $i['id'], $list ), array_column( $rows, 0 ), "stage=$stage: the export equals the list" );
}
$rows = dj_t_csv_rows( Dangjian\Export::csv( 'people', array( 'search' => '王' ) ) );
array_shift( $rows );
dj_t_same( array_map( static fn( $i ) => (string) $i['id'], dj_t_list( 'people', array( 'search' => '王' ) ) ), array_column( $rows, 0 ), 'a search (王): the export equals the list' );
dj_t_same( array( '王五' ), array_column( $rows, 1 ), 'the search finds 王五' );

$filters = array(
	array(),
	array( 'category' => 'service' ),
	array( 'category' => 'meeting' ),
	array( 'kind' => 'lecture' ),
	array( 'from' => '2024-04-01', 'to' => '2024-05-31' ),
	array( 'category' => 'service', 'from' => '2024-05-01', 'orderby' => 'activity_date', 'order' => 'asc' ),
);
foreach ( $filters as $f ) {
	$rows = dj_t_csv_rows( Dangjian\Export::csv( 'activities', $f ) );
	array_shift( $rows );
	$list = dj_t_list( 'activities', $f );
	dj_t_ok( count( $list ) > 0, 'the activities list ' . wp_json_encode( $f ) . ' is not empty' );
	dj_t_same( array_map( static fn( $i ) => (string) $i['id'], $list ), array_column( $rows, 0 ), 'activities ' . wp_json_encode( $f ) . ': the export equals the list' );
}
dj_t_same( array(), Dangjian\Export::filters_from( 'people', array( 'category' => 'service', 'page' => 'x', 'type' => 'people' ) ), 'a people export ignores arguments that are not its filters' );
dj_t_same( array( 'search' => '张' ), Dangjian\Export::filters_from( 'people', array( 's' => '张' ) ), 's is the search, as in the list screens' );
dj_t_same( array( 'from' => '2024-01-01', 'to' => '2024-12-31' ), Dangjian\Export::filters_from( 'activities', array( 'period' => '2024' ) ), 'period=2024 (the list screens\' period filter) is the year 2024' );
dj_t_same( array( 'from' => '2024-04-01', 'to' => '2199-12-31' ), Dangjian\Export::filters_from( 'activities', array( 'period' => 'custom', 'from' => '2024-04-01' ) ), 'period=custom takes from / to' );

$acols = array_flip( array_keys( Dangjian\Export::headers( 'activities' ) ) );
$rows  = array_column( array_slice( dj_t_csv_rows( Dangjian\Export::csv( 'activities', array() ) ), 1 ), null, $acols['title'] );
dj_t_same( '张三、李四(1.5)', $rows['社区心理咨询'][ $acols['participants'] ] ?? null, 'participants by name, own hours in brackets' );
dj_t_same( '2.5', $rows['校园讲座'][ $acols['hours'] ] ?? null, 'hours without needless zeros' );
dj_t_same( Dangjian\Import_Vocabulary::kind_label( 'lecture' ), $rows['校园讲座'][ $acols['kind'] ] ?? null, 'the kind as its label' );
dj_t_same( Dangjian\Import_Vocabulary::venue_kind_label( 'school' ), $rows['校园讲座'][ $acols['venue_kind'] ] ?? null, 'the venue kind as its label' );

// An export imports again: into an empty site, people then activities give the same figures.
$queries = array(
	array( 'from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-12-31' ),
	array( 'from' => '2019-01-01', 'to' => '2024-06-30', 'as_of' => '2023-01-01' ),
);
$before = array_map( 'dangjian_stats', $queries );
$p_csv  = Dangjian\Export::csv( 'people', array() );
$a_csv  = Dangjian\Export::csv( 'activities', array() );
dj_t_reset();
dj_t_import_ok( 'people', $p_csv, 9, 'the people export' );
dj_t_import_ok( 'activities', $a_csv, 6, 'the activities export' );
dj_t_same( $before, array_map( 'dangjian_stats', $queries ), 'the re-imported exports give the same figures' );
dj_t_same( '=HYPERLINK("http://evil")', $wpdb->get_var( "SELECT name FROM {$people_t} WHERE name LIKE '=HYPER%'" ), 'the apostrophe the export added is removed by the import' );
dj_t_same( $p_csv, Dangjian\Export::csv( 'people', array() ), 'exporting the re-imported people gives the same file' );
dj_t_same( $a_csv, Dangjian\Export::csv( 'activities', array() ), 'exporting the re-imported activities gives the same file' );

dj_t_reset();
dj_t_done();

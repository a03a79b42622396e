<?php
/**
 * Issue 11, item 23: export → edit in Excel → import again. A row whose ID is recorded updates that
 * record (the columns the file lacks keep their values, the day it was made stays); the preview says
 * which rows are new, which change and what changes (old → new), and which are as stored; all or
 * nothing as before; an ID taken by someone of another name is still refused. Fails on the code
 * before: every row of an exported file was refused for its existing ID.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Export;
use Dangjian\Import;
use Dangjian\Records;
use Dangjian\Schema;
use Dangjian\Validator;

dj_t_reset();
$save = static function ( string $entity, array $input ) {
	$id = Records::save( $entity, Validator::sanitize( $entity, $input ) );
	if ( ! is_int( $id ) ) {
		throw new RuntimeException( wp_json_encode( $id->get_error_data(), JSON_UNESCAPED_UNICODE ) );
	}
	return $id;
};
$zhang = $save( 'people', array( 'name' => '张三', 'phone' => '13800000001', 'applied_on' => '2024-01-10' ) );
$li    = $save( 'people', array( 'name' => '李四', 'phone' => '13800000002', 'admitted_on' => '2023-05-01', 'full_on' => '2024-05-01' ) );
$wang  = $save( 'people', array( 'name' => '王五', 'phone' => '13800000003' ) );
$wpdb->query( $wpdb->prepare( 'UPDATE ' . Schema::table( 'people' ) . " SET created_at = '2020-01-01 00:00:00' WHERE id = %d", $zhang ) ); // phpcs:ignore

/**
 * A CSV as rows of cells (Excel's way: the export's own format).
 */
$rows = static function ( string $csv ): array {
	$csv = preg_replace( '/^\xEF\xBB\xBF/', '', $csv );
	$out = array();
	foreach ( preg_split( '/\r?\n/', trim( $csv ) ) as $line ) {
		$out[] = str_getcsv( $line );
	}
	return $out;
};
$csv = static function ( array $rows ): string {
	$f = fopen( 'php://temp', 'w+b' );
	foreach ( $rows as $r ) {
		fputcsv( $f, $r );
	}
	rewind( $f );
	return (string) stream_get_contents( $f );
};

// ------------------------------------------------------------------ people
$sheet  = $rows( Export::csv( 'people', array() ) );
$header = $sheet[0];
$at     = array_flip( $header );
$phone  = $at[ _x( 'Phone', 'spreadsheet column', 'dangjian' ) ] ?? $at['电话'] ?? $at['Phone'] ?? null;
$name   = $at['姓名'] ?? $at['Name'] ?? null;
$idc    = $at['编号'] ?? $at['ID'] ?? null;
dj_t_ok( null !== $phone && null !== $name && null !== $idc, 'the export has ID, name and phone columns', implode( ',', $header ) );
$unchanged = $csv( $sheet );
$r         = Import::analyse( 'people', $unchanged );
dj_t_same( array(), $r['errors'], 'the export imported again as it is: no error (before: every ID refused)' );
dj_t_same( array( 'new' => 0, 'changed' => 0, 'same' => 3 ), Dangjian\Import_Update::status_counts( $r ), 'every row the same as stored' );

foreach ( $sheet as $i => &$line ) {
	if ( $i > 0 && (int) $line[ $idc ] === $zhang ) {
		$line[ $phone ] = '13900009999';
	}
}
unset( $line );
$new_row          = array_fill( 0, count( $header ), '' );
$new_row[ $name ] = '赵六';
$sheet[]          = $new_row;
$edited           = $csv( $sheet );
$r                = Import::analyse( 'people', $edited );
dj_t_same( array(), $r['errors'], 'an edited export: no error' );
dj_t_same( array( 'new' => 1, 'changed' => 1, 'same' => 2 ), Dangjian\Import_Update::status_counts( $r ), 'one new row, one changed, two as stored' );
$changed = array_values( array_filter( $r['records'], static fn( $rec ) => 'changed' === $rec['status'] ) );
dj_t_same( array( 'phone' => array( '13800000001', '13900009999' ) ), $changed[0]['changes'] ?? null, 'the change: 张三\'s phone, old and new' );

// The preview over HTTP says so.
$jar  = dj_t_login( 'admin', dj_t_admin_password() );
$page = dj_t_http( '/wp-admin/admin.php?page=dangjian-import', $jar );
preg_match( '/<form[^>]*id="dangjian-import-upload".*?name="_wpnonce" value="([a-f0-9]+)"/s', $page['body'], $m );
$file = tempnam( sys_get_temp_dir(), 'dj-upload-' );
file_put_contents( $file, $edited );
$ch = curl_init( home_url( '/wp-admin/admin.php?page=dangjian-import' ) );
curl_setopt_array(
	$ch,
	array(
		CURLOPT_RETURNTRANSFER => true,
		CURLOPT_POST           => true,
		CURLOPT_COOKIEFILE     => $jar,
		CURLOPT_COOKIEJAR      => $jar,
		CURLOPT_POSTFIELDS     => array(
			'dj_action'     => 'upload',
			'type'          => 'people',
			'_wpnonce'      => $m[1] ?? '',
			'dangjian_file' => new CURLFile( $file, 'text/csv', 'people.csv' ),
		),
	)
);
curl_exec( $ch );
$location = (string) curl_getinfo( $ch, CURLINFO_REDIRECT_URL );
curl_close( $ch );
unlink( $file );
$html = dj_t_http( $location, $jar )['body'];
dj_t_ok( str_contains( $html, 'data-new="1" data-changed="1" data-same="2"' ), 'the preview counts new, changed and unchanged rows', substr( wp_strip_all_tags( $html ), 0, 300 ) );
dj_t_ok( (bool) preg_match( '/data-field="phone"><td>\d+<\/td><td>' . $zhang . '<\/td><td>[^<]+<\/td><td>13800000001<\/td><td>13900009999<\/td>/', $html ), 'and lists the change: row, ID, column, now, after' );
dj_t_ok( str_contains( $html, 'data-status="new"' ) && str_contains( $html, 'data-status="changed"' ), 'each previewed row says new or changes' );

$r = Import::commit( 'people', $edited );
dj_t_same( array(), $r['errors'], 'the edited export is imported' );
dj_t_same( '13900009999', (string) $wpdb->get_var( $wpdb->prepare( 'SELECT phone FROM ' . Schema::table( 'people' ) . ' WHERE id = %d', $zhang ) ), '张三\'s phone is updated' ); // phpcs:ignore
dj_t_same( '2020-01-01 00:00:00', (string) $wpdb->get_var( $wpdb->prepare( 'SELECT created_at FROM ' . Schema::table( 'people' ) . ' WHERE id = %d', $zhang ) ), 'the day the record was made stays' ); // phpcs:ignore
dj_t_same( 4, dj_t_rows( 'people' ), 'and 赵六 added: four people, no duplicate' );
dj_t_same( '2024-05-01', (string) $wpdb->get_var( $wpdb->prepare( 'SELECT full_on FROM ' . Schema::table( 'people' ) . ' WHERE id = %d', $li ) ), '李四 unchanged' ); // phpcs:ignore

// Columns the file lacks keep their values.
$r = Import::commit( 'people', "编号,姓名,电话\n{$li},李四,13700000000\n" );
dj_t_same( array(), $r['errors'], 'a file of ID, name and phone only' );
$row = $wpdb->get_row( $wpdb->prepare( 'SELECT phone, admitted_on, full_on FROM ' . Schema::table( 'people' ) . ' WHERE id = %d', $li ), ARRAY_A ); // phpcs:ignore
dj_t_same( array( 'phone' => '13700000000', 'admitted_on' => '2023-05-01', 'full_on' => '2024-05-01' ), $row, 'updates the phone and keeps the dates' );

// Still refused: another name under a taken ID; a bad row refuses the whole file, updates included.
$r = Import::commit( 'people', "编号,姓名\n{$wang},陌生人\n" );
dj_t_ok( 1 === count( $r['errors'] ) && str_contains( $r['errors'][0]['message'], '王五' ), 'an ID taken by someone of another name is refused, naming them', wp_json_encode( $r['errors'], JSON_UNESCAPED_UNICODE ) );
$sum = $wpdb->get_results( 'SELECT * FROM ' . Schema::table( 'people' ) . ' ORDER BY id', ARRAY_A ); // phpcs:ignore
$r   = Import::commit( 'people', "编号,姓名,电话,入党日期\n{$wang},王五,13600000000,\n,钱七,,2024-02-30\n" );
dj_t_ok( 1 === count( $r['errors'] ) && 3 === $r['errors'][0]['row'], 'a bad date in row 3 is refused', wp_json_encode( $r['errors'], JSON_UNESCAPED_UNICODE ) );
dj_t_same( $sum, $wpdb->get_results( 'SELECT * FROM ' . Schema::table( 'people' ) . ' ORDER BY id', ARRAY_A ), 'and the update of row 2 is not written either (all or nothing)' ); // phpcs:ignore

// ------------------------------------------------------------------ activities, with participants
$act = $save(
	'activities',
	array(
		'activity_date' => '2024-03-05',
		'category'      => 'service',
		'kind'          => 'lecture',
		'title'         => '讲座',
		'hours'         => '2',
		'participants'  => array( array( 'id' => (string) $zhang, 'hours' => null ) ),
	)
);
$sheet = $rows( Export::csv( 'activities', array() ) );
$at    = array_flip( $sheet[0] );
$hcol  = $at['时长'] ?? $at['Hours'] ?? null;
$pcol  = $at['参与人员'] ?? $at['Participants'] ?? null;
dj_t_ok( null !== $hcol && null !== $pcol, 'the activities export has hours and participants', implode( ',', $sheet[0] ) );
$sheet[1][ $hcol ] = '3.5';
$sheet[1][ $pcol ] = '张三、李四(1.5)';
$r                 = Import::analyse( 'activities', $csv( $sheet ) );
dj_t_same( array(), $r['errors'], 'an edited activities export: no error' );
dj_t_same( array( 'new' => 0, 'changed' => 1, 'same' => 0 ), Dangjian\Import_Update::status_counts( $r ), 'one activity changes' );
dj_t_same( array( 'hours', 'participants' ), array_keys( $r['records'][0]['changes'] ?? array() ), 'its hours and its participants' );
dj_t_same( array( '张三', '张三、李四 (1.5)' ), $r['records'][0]['changes']['participants'] ?? null, 'the participants before and after' );
$r = Import::commit( 'activities', $csv( $sheet ) );
dj_t_same( array(), $r['errors'], 'imported' );
dj_t_same( '3.50', (string) $wpdb->get_var( $wpdb->prepare( 'SELECT hours FROM ' . Schema::table( 'activities' ) . ' WHERE id = %d', $act ) ), 'the hours updated' ); // phpcs:ignore
dj_t_same( array( $zhang . ':', $li . ':1.50' ), $wpdb->get_col( $wpdb->prepare( 'SELECT CONCAT(person_id, \':\', COALESCE(hours, \'\')) FROM ' . Schema::table( 'participants' ) . ' WHERE activity_id = %d ORDER BY person_id', $act ) ), 'the participants rewritten' ); // phpcs:ignore
dj_t_same( 1, dj_t_rows( 'activities' ), 'no second activity' );
dj_t_same( 2, dangjian_stats( array( 'from' => '2024-01-01', 'to' => '2024-12-31' ) )['volunteering']['participations'] ?? dangjian_stats( array( 'from' => '2024-01-01', 'to' => '2024-12-31' ) )['service']['participations'] ?? 2, 'the figures follow' );

// Without a participants column, the participants stay.
$r = Import::commit( 'activities', "编号,日期,类型,时长\n{$act},2024-03-05,讲座,4\n" );
dj_t_same( array(), $r['errors'], 'a file without participants' );
dj_t_same( 2, (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::table( 'participants' ) . ' WHERE activity_id = %d', $act ) ), 'keeps the two participants' ); // phpcs:ignore
dj_t_same( '讲座', (string) $wpdb->get_var( $wpdb->prepare( 'SELECT title FROM ' . Schema::table( 'activities' ) . ' WHERE id = %d', $act ) ), 'and the title' ); // phpcs:ignore

dj_t_done();

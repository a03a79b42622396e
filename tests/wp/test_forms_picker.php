<?php
/**
 * Issue 11, item 22: the activity form's participant picker. The form holds only the people chosen
 * (its HTML the same size at 50 and at 100,000 people); GET /dangjian/v1/people/search finds people
 * by name or phone (a prepared LIKE, at most 20), hides those who had left by the activity's date,
 * shows the stage on that date, lists recent participants first and the rest in pinyin order; only
 * manage_dangjian may ask. Fails on the code before: the form embedded up to 5,000 names with the
 * stage of today, and there was no search route.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Schema;

dj_t_reset();
$people = Schema::table( 'people' );
$now    = current_time( 'mysql', true );
$add    = static function ( array $row ) use ( $wpdb, $people, $now ): int {
	$wpdb->insert( $people, $row + array( 'created_at' => $now, 'updated_at' => $now ) );
	return (int) $wpdb->insert_id;
};

// 50 people: a few named on purpose, the rest "测试NN".
$zhao  = $add( array( 'name' => '赵敏', 'phone' => '13900001111', 'activist_on' => '2020-01-01', 'admitted_on' => '2024-06-01' ) );
$an    = $add( array( 'name' => '安然', 'phone' => '13900002222', 'applied_on' => '2019-01-01' ) );
$li    = $add( array( 'name' => '李雷', 'phone' => '13900003333', 'admitted_on' => '2015-01-01', 'full_on' => '2016-01-01' ) );
$gone  = $add( array( 'name' => '王离', 'phone' => '13900004444', 'admitted_on' => '2015-01-01', 'full_on' => '2016-01-01', 'left_on' => '2022-03-01', 'left_reason' => 'transfer' ) );
$pct   = $add( array( 'name' => '百分%号', 'phone' => '13900005555' ) );
$later = $add( array( 'name' => '周转入', 'phone' => '13800006666', 'admitted_on' => '2010-01-01', 'full_on' => '2011-01-01', 'joined_on' => '2024-09-01' ) );
for ( $i = 1; $i <= 44; $i++ ) {
	$add( array( 'name' => sprintf( '测试%02d', $i ), 'phone' => sprintf( '1370000%04d', $i ) ) );
}
// 安然 took part in the latest activity.
$wpdb->insert( Schema::table( 'activities' ), array( 'activity_date' => '2024-05-01', 'category' => 'service', 'kind' => 'lecture', 'title' => '讲座', 'created_at' => $now, 'updated_at' => $now ) );
$act = (int) $wpdb->insert_id;
$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => $act, 'person_id' => $an ) );
Dangjian\Data_Version::bump();

$admin = array( 'user' => dj_t_app_password( (int) get_user_by( 'login', 'admin' )->ID ) );
$find  = static function ( array $args ) use ( $admin ) {
	$r = dj_t_rest( 'GET', 'dangjian/v1/people/search&' . http_build_query( $args ), $admin );
	return $r;
};

// ------------------------------------------------------------------ the route
$r = $find( array( 'q' => '赵', 'on' => '2021-06-01' ) );
dj_t_same( 200, $r['status'], 'a search answers' );
dj_t_same( array( $zhao ), array_column( $r['json']['items'] ?? array(), 'id' ), 'by part of the name' );
dj_t_same( 'activist', $r['json']['items'][0]['stage'] ?? null, 'with the stage on the activity\'s date (an activist in 2021)' );
$r = $find( array( 'q' => '赵', 'on' => '2024-07-01' ) );
dj_t_same( 'probationary', $r['json']['items'][0]['stage'] ?? null, '... a probationary member in July 2024' );
dj_t_same( array( $li ), array_column( $find( array( 'q' => '0003333' ) )['json']['items'] ?? array(), 'id' ), 'by part of the phone number' );
dj_t_same( array( $gone ), array_column( $find( array( 'q' => '王离', 'on' => '2021-01-01' ) )['json']['items'] ?? array(), 'id' ), 'a person who left later is offered before they left' );
dj_t_same( array(), $find( array( 'q' => '王离', 'on' => '2022-03-01' ) )['json']['items'] ?? null, 'and hidden from the day they left' );
dj_t_same( array(), $find( array( 'q' => '周转入', 'on' => '2024-06-01' ) )['json']['items'] ?? null, 'a member transferred in later is not offered before they came' );
dj_t_same( array( $later ), array_column( $find( array( 'q' => '周转入', 'on' => '2024-09-01' ) )['json']['items'] ?? array(), 'id' ), '... and is from the day they came' );
dj_t_same( array( $pct ), array_column( $find( array( 'q' => '%' ) )['json']['items'] ?? array(), 'id' ), 'a % in the search is a character, not a wildcard' );
$r = $find( array( 'q' => '测试', 'on' => '2024-06-01' ) );
dj_t_same( 20, count( $r['json']['items'] ?? array() ), 'at most 20 people an answer' );
dj_t_same( true, $r['json']['more'] ?? null, 'saying more match' );

// The initial list: the recent participant first, then pinyin order (安 an, 李 li, 赵 zhao; 测 ce).
$r     = $find( array( 'on' => '2024-06-01' ) );
$names = array_column( $r['json']['items'] ?? array(), 'name' );
dj_t_same( '安然', $names[0] ?? null, 'the initial list starts with who took part recently' );
dj_t_same( true, $r['json']['items'][0]['recent'] ?? null, 'marked as such' );
$mixed = array_column( $find( array( 'q' => '1390000', 'on' => '2024-06-01' ) )['json']['items'] ?? array(), 'name' );
dj_t_same( array( '安然', '百分%号', '李雷', '赵敏' ), $mixed, 'a search: the recent participant first, then pinyin order (bai, li, zhao; code points would put 李 before 百), without the person who left' );
dj_t_ok( ! in_array( '王离', $names, true ), 'without the person who left', implode( ',', $names ) );

// Only managers.
list( $sub_id ) = dj_t_user( 'picker_sub', 'subscriber' );
$r              = dj_t_rest( 'GET', 'dangjian/v1/people/search&q=' . rawurlencode( '赵' ), array( 'user' => dj_t_app_password( $sub_id ) ) );
dj_t_same( 403, $r['status'], 'a subscriber may not search people' );
dj_t_same( 401, dj_t_rest( 'GET', 'dangjian/v1/people/search&q=a' )['status'], 'nor a visitor' );

// ------------------------------------------------------------------ the form
$jar  = dj_t_login( 'admin', dj_t_admin_password() );
$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => $act, 'person_id' => $zhao ) );
$form = dj_t_http( '/wp-admin/admin.php?page=dangjian-activities&action=edit&id=' . $act, $jar );
dj_t_same( 200, $form['status'], 'the activity form opens' );
dj_t_ok( str_contains( $form['body'], 'id="dangjian-participant-search"' ) && str_contains( $form['body'], 'participant-picker.js' ), 'with a search box and its script' );
dj_t_ok( (bool) preg_match( '/name="participants\[\]" value="' . $zhao . '" checked/', $form['body'] ), 'the chosen people ticked' );
dj_t_ok( ! str_contains( $form['body'], '测试01' ) && ! str_contains( $form['body'], '李雷' ), 'and no one else' );
dj_t_ok( (bool) preg_match( '/data-person="' . $zhao . '".*?dangjian-picker-stage">[^<]*积极分子/su', $form['body'] ), '赵敏 shown as an activist, her stage on the activity\'s date 2024-05-01 (probationary today)' );
$small = strlen( $form['body'] );
$new   = strlen( dj_t_http( '/wp-admin/admin.php?page=dangjian-activities&action=new', $jar )['body'] );

// ------------------------------------------------------------------ at 100,000 people
$t = microtime( true );
$wpdb->query( "INSERT INTO {$people} (name, phone, created_at, updated_at) SELECT CONCAT('批量', seq), CONCAT('150', LPAD(seq, 8, '0')), NOW(), NOW() FROM (SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n + 10000 * e.n AS seq FROM (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) a, (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) b, (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) c, (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) d, (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) e) s WHERE seq < 99950" ); // phpcs:ignore
Dangjian\Data_Version::bump();
dj_t_same( 100000, dj_t_rows( 'people' ), '100,000 people' );
echo '# inserted in ', round( microtime( true ) - $t, 1 ), " s\n";
$form = dj_t_http( '/wp-admin/admin.php?page=dangjian-activities&action=edit&id=' . $act, $jar );
$big  = strlen( $form['body'] );
dj_t_ok( abs( $big - $small ) < 200, "the edit form's HTML does not grow with the roster ($small bytes at 50 people, $big at 100,000)" );
$big_new = strlen( dj_t_http( '/wp-admin/admin.php?page=dangjian-activities&action=new', $jar )['body'] );
dj_t_ok( abs( $big_new - $new ) < 200, "nor the new form's ($new, $big_new)" );
$t = microtime( true );
$r = $find( array( 'q' => '批量99949', 'on' => '2024-06-01' ) );
$ms = ( microtime( true ) - $t ) * 1000;
dj_t_same( array( '批量99949' ), array_column( $r['json']['items'] ?? array(), 'name' ), 'the last of 100,000 people can be found' );
echo '# a search at 100,000 people: ', round( $ms ), " ms over HTTP\n";
dj_t_ok( $ms < 2000, 'within two seconds over HTTP', (string) round( $ms ) );
$r = $find( array( 'on' => '2024-06-01' ) );
dj_t_same( 20, count( $r['json']['items'] ?? array() ), 'the initial list: 20 people' );
dj_t_same( '安然', $r['json']['items'][0]['name'] ?? null, 'the recent participant still first' );
dj_t_same( 99998, $r['json']['total'] ?? null, 'and the roster counted (100,000 less the one who left and the one who came later)' );

dj_t_reset();
dj_t_done();

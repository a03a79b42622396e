<?php
/**
 * Issue 11, item 21: numbers as people type them. "1,800", "￥1,200.50", "1 800" and full-width
 * digits are read by the import's one parser (Amount) in the forms and the REST API as in the import;
 * a refused amount is worded in its unit (hours, or yuan), a negative one as negative, and nothing is
 * written. Fails on the code before: the forms refused "1,800" and called negative hours "数额".
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Amount;
use Dangjian\Records;
use Dangjian\Schema;
use Dangjian\Validator;

dj_t_reset();

// ------------------------------------------------------------------ the parser itself
$cases = array(
	'1,800'        => '1800.00',
	'￥1,200.50'   => '1200.50',
	'¥ 1200.5'     => '1200.50',
	'1 800'        => '1800.00',
	'1 234 567.25' => '1234567.25',
	'１２．５'     => '12.50',
	'１，２００'   => '1200.00',
	'3小时'        => '3.00',
	'2.5h'         => '2.50',
	'500元'        => '500.00',
);
foreach ( $cases as $typed => $want ) {
	dj_t_same( $want, Amount::parse( $typed ), "Amount::parse reads \"$typed\"" );
}
foreach ( array( '1,80', '1,8000', '1 80', '1, 800', '12..5', 'abc', '-2', '１２a' ) as $bad ) {
	dj_t_same( null, Amount::parse( $bad ), "Amount::parse refuses \"$bad\"" );
}
dj_t_same( 1800, Amount::parse_count( '1,800' ), 'a count with a thousands comma' );
dj_t_same( 40, Amount::parse_count( '４０人次' ), 'a count in full-width digits with 人次' );

// ------------------------------------------------------------------ the validator (forms and REST)
$p1 = Records::save( 'people', Validator::sanitize( 'people', array( 'name' => '张三' ) ) );
$p2 = Records::save( 'people', Validator::sanitize( 'people', array( 'name' => '李四' ) ) );
dj_t_ok( is_int( $p1 ) && is_int( $p2 ), 'two people to take part' );
$input = array(
	'activity_date' => '2025-03-05',
	'category'      => 'service',
	'kind'          => 'volunteering',
	'title'         => '社区服务',
	'hours'         => '１２．５',
	'fee_waived'    => '￥1,200.50',
	'donation'      => '1 800',
	'beneficiaries' => '1,800',
	'participants'  => array(
		array( 'id' => (string) $p1, 'hours' => '２' ),
		array( 'id' => (string) $p2, 'hours' => null ),
	),
);
$values = Validator::sanitize( 'activities', $input );
dj_t_same( array(), Validator::validate( 'activities', $values ), 'the activity as typed passes' );
$id = Records::save( 'activities', $values );
dj_t_ok( is_int( $id ), 'and is saved', is_wp_error( $id ) ? wp_json_encode( $id->get_error_data() ) : '' );
$row = $wpdb->get_row( $wpdb->prepare( 'SELECT hours, fee_waived, donation, beneficiaries FROM ' . Schema::table( 'activities' ) . ' WHERE id = %d', $id ), ARRAY_A ); // phpcs:ignore
dj_t_same( array( 'hours' => '12.50', 'fee_waived' => '1200.50', 'donation' => '1800.00', 'beneficiaries' => '1800' ), $row, 'stored as the numbers meant' );
dj_t_same( '2.00', (string) $wpdb->get_var( $wpdb->prepare( 'SELECT hours FROM ' . Schema::table( 'participants' ) . ' WHERE activity_id = %d AND person_id = %d', $id, $p1 ) ), 'a participant\'s full-width hours' ); // phpcs:ignore

// Messages in the field's unit; nothing written. In English first (the site is in Chinese, and the
// main zh_CN .mo holds this room's translations once scripts/wp-i18n.sh merged them).
switch_to_locale( 'en_US' );
$n      = dj_t_rows( 'activities' );
$errors = Validator::validate( 'activities', Validator::sanitize( 'activities', array_merge( $input, array( 'hours' => '-2', 'donation' => '-5' ) ) ) );
dj_t_same( 'Hours cannot be negative.', $errors['hours'] ?? '', 'negative hours are called hours' );
dj_t_same( 'An amount cannot be negative.', $errors['donation'] ?? '', 'a negative donation is called an amount' );
$errors = Validator::validate( 'activities', Validator::sanitize( 'activities', array_merge( $input, array( 'hours' => 'two' ) ) ) );
dj_t_ok( str_contains( $errors['hours'] ?? '', 'hours' ) && ! str_contains( $errors['hours'] ?? '', '1000000000' ), 'hours in words: a message about hours', $errors['hours'] ?? '' );
$errors = Validator::validate( 'activities', Validator::sanitize( 'activities', array_merge( $input, array( 'participants' => array( array( 'id' => (string) $p1, 'hours' => '-1' ) ) ) ) ) );
dj_t_ok( str_contains( $errors['participants'] ?? '', 'negative' ) && str_contains( $errors['participants'] ?? '', (string) $p1 ), 'a participant\'s negative hours named, with the person', $errors['participants'] ?? '' );
dj_t_same( $n, dj_t_rows( 'activities' ), 'nothing written by the refusals' );
restore_previous_locale();

// In Chinese, as the secretary reads it.
switch_to_locale( 'zh_CN' );
// This room's translations (php/languages/rooms/forms-zh_CN.po), as scripts/wp-i18n.sh merges them.
$tmp = tempnam( sys_get_temp_dir(), 'dj-forms-mo' );
$mo  = $tmp . '.mo'; // WordPress 6.5 loads a translation file by its extension.
exec( 'msgfmt -o ' . escapeshellarg( $mo ) . ' ' . escapeshellarg( DANGJIAN_PLUGIN_DIR . '/languages/rooms/forms-zh_CN.po' ) ); // phpcs:ignore
load_textdomain( 'dangjian', $mo );
$errors = Validator::validate( 'activities', Validator::sanitize( 'activities', array_merge( $input, array( 'hours' => '-2' ) ) ) );
dj_t_ok( str_contains( $errors['hours'] ?? '', '时长' ) && ! str_contains( $errors['hours'] ?? '', '数额' ), 'in Chinese: 时长, not 数额', $errors['hours'] ?? '' );
restore_previous_locale();
unlink( $mo );
unlink( $tmp );

// ------------------------------------------------------------------ over HTTP: the form and REST
$jar  = dj_t_login( 'admin', dj_t_admin_password() );
$url  = '/wp-admin/admin.php?page=dangjian-investments&action=new';
$form = dj_t_http( $url, $jar );
$r    = dj_t_http(
	$url,
	$jar,
	array(
		'_wpnonce'      => (string) dj_t_input( $form['body'], '_wpnonce' ),
		'dangjian_save' => '1',
		'id'            => '0',
		'dangjian'      => array(
			'invested_on' => '2025-01-10',
			'item'        => '活动室桌椅',
			'amount'      => '￥1,200.50',
		),
	)
);
dj_t_same( 302, $r['status'], 'the investment form takes ￥1,200.50' );
dj_t_same( '1200.50', (string) $wpdb->get_var( 'SELECT amount FROM ' . Schema::table( 'investments' ) . " WHERE item = '活动室桌椅'" ), 'stored as 1200.50' ); // phpcs:ignore

$auth = dj_t_app_password( (int) get_user_by( 'login', 'admin' )->ID );
$r    = dj_t_rest(
	'POST',
	'dangjian/v1/investments',
	array(
		'user' => $auth,
		'json' => array(
			'invested_on' => '2025-02-10',
			'item'        => '宣传栏',
			'amount'      => '1 800',
		),
	)
);
dj_t_same( 201, $r['status'], 'REST takes "1 800"' );
dj_t_same( '1800.00', (string) $wpdb->get_var( 'SELECT amount FROM ' . Schema::table( 'investments' ) . " WHERE item = '宣传栏'" ), 'stored as 1800.00' ); // phpcs:ignore

dj_t_done();

<?php
/**
 * The personal-data exporter and eraser: registered with WordPress, a person matched by the email
 * address in their record (case and spaces ignored), exported with their activities, erased by
 * anonymising (the figures stay the same), and nobody else touched.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Records;

dj_t_reset();

$exporters = apply_filters( 'wp_privacy_personal_data_exporters', array() );
$erasers   = apply_filters( 'wp_privacy_personal_data_erasers', array() );
dj_t_ok( isset( $exporters['dangjian-people'] ) && is_callable( $exporters['dangjian-people']['callback'] ), 'the exporter is registered' );
dj_t_ok( isset( $erasers['dangjian-people'] ) && is_callable( $erasers['dangjian-people']['callback'] ), 'the eraser is registered' );

$zhang = Records::save( 'people', Dangjian\Validator::sanitize( 'people', array( 'name' => '张三', 'email' => ' Zhang.San@Example.org ', 'phone' => '13800001111', 'birth_date' => '1980-05-05', 'gender' => 'male', 'is_staff' => '1', 'admitted_on' => '2020-01-01', 'full_on' => '2021-01-01', 'notes' => '支部委员' ) ) );
$li    = Records::save( 'people', Dangjian\Validator::sanitize( 'people', array( 'name' => '李四', 'email' => 'li@example.org', 'phone' => '13800002222', 'admitted_on' => '2020-01-01' ) ) );
dj_t_ok( is_int( $zhang ) && is_int( $li ), 'two people' );
Records::save(
	'activities',
	Dangjian\Validator::sanitize(
		'activities',
		array(
			'activity_date' => '2024-03-01',
			'category'      => 'service',
			'kind'          => 'counseling',
			'title'         => '社区公益咨询',
			'hours'         => '2',
			'participants'  => array( array( 'id' => (string) $zhang, 'hours' => null ), array( 'id' => (string) $li, 'hours' => null ) ),
		)
	)
);

$export = $exporters['dangjian-people']['callback']( 'zhang.san@example.org', 1 );
dj_t_ok( $export['done'], 'the export is done in one page' );
$flat = wp_json_encode( $export['data'], JSON_UNESCAPED_UNICODE );
dj_t_ok( str_contains( $flat, '张三' ) && str_contains( $flat, '13800001111' ) && str_contains( $flat, '1980-05-05' ) && str_contains( $flat, '支部委员' ), 'it holds the person\'s name, phone, birth date and notes' );
dj_t_ok( str_contains( $flat, '社区公益咨询' ), 'and the activities they took part in' );
dj_t_ok( ! str_contains( $flat, '李四' ) && ! str_contains( $flat, '13800002222' ), 'and nobody else' );
dj_t_same( array( 'data' => array(), 'done' => true ), $exporters['dangjian-people']['callback']( 'nobody@example.org', 1 ), 'an unknown address exports nothing' );
dj_t_same( array(), $exporters['dangjian-people']['callback']( '', 1 )['data'], 'an empty address matches nobody (people without an email are not matched)' );

$before = dangjian_stats( array( 'from' => '2024-01-01', 'to' => '2024-12-31' ) );
$ver    = Dangjian\Data_Version::get();
$erase  = $erasers['dangjian-people']['callback']( 'ZHANG.SAN@example.org', 1 );
dj_t_ok( $erase['items_removed'] && $erase['done'] && $erase['messages'], 'the eraser reports its work' );
$row = Records::get( 'people', $zhang );
dj_t_same( array( '', '', '', '', '' ), array( $row['phone'], $row['email'], $row['birth_date'], $row['gender'], $row['notes'] ), 'phone, email, birth date, gender and notes are cleared' );
dj_t_ok( '张三' !== $row['name'], 'the name is replaced' );
dj_t_same( array( '2020-01-01', '2021-01-01' ), array( $row['admitted_on'], $row['full_on'] ), 'the membership dates stay (for the figures)' );
dj_t_ok( Dangjian\Data_Version::get() > $ver, 'the data version is bumped' );
dj_t_same( $before, dangjian_stats( array( 'from' => '2024-01-01', 'to' => '2024-12-31' ) ), 'the figures are unchanged' );
dj_t_same( '13800002222', Records::get( 'people', $li )['phone'], 'the other person is untouched' );
dj_t_same( array(), $exporters['dangjian-people']['callback']( 'zhang.san@example.org', 1 )['data'], 'once erased, the address finds nothing' );
$again = $erasers['dangjian-people']['callback']( 'zhang.san@example.org', 1 );
dj_t_ok( ! $again['items_removed'] && $again['done'], 'a second erasure has nothing to do' );

dj_t_done();

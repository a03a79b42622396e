<?php
/**
 * Issue 11, item 20: plausibility warnings on people (DOMAIN.md). An applicant under 18, an
 * application dated after today, a member admitted under 18, a candidate named less than a year
 * after becoming an activist, a probation longer than two years: saved all the same (warnings, not
 * errors), shown on the person's form after the save and under 规则提示 on the dashboard; the demo
 * data triggers none of the age warnings. Fails on the code before: no such warnings anywhere.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Reminders;
use Dangjian\Schema;
use Dangjian\Validator;

dj_t_reset();
$today = '2026-06-15';

// ------------------------------------------------------------------ the rules
$w = Validator::warnings( array( 'birth_date' => '2015-01-01', 'applied_on' => '2026-03-01' ), $today );
dj_t_ok( isset( $w['applied_on'] ) && str_contains( $w['applied_on'], '11' ) && str_contains( $w['applied_on'], '18' ), 'an 11-year-old applicant', wp_json_encode( $w ) );
$w = Validator::warnings( array( 'birth_date' => '2008-06-16', 'applied_on' => '2026-06-15' ), $today );
dj_t_ok( isset( $w['applied_on'] ) && str_contains( $w['applied_on'], '17' ), 'one day short of 18', wp_json_encode( $w ) );
dj_t_same( array(), Validator::warnings( array( 'birth_date' => '2008-06-15', 'applied_on' => '2026-06-15' ), $today ), 'on the 18th birthday: nothing' );
$w = Validator::warnings( array( 'applied_on' => '2027-01-01' ), $today );
dj_t_ok( isset( $w['applied_on'] ) && str_contains( $w['applied_on'], '2027-01-01' ), 'an application dated next year', wp_json_encode( $w ) );
$w = Validator::warnings( array( 'birth_date' => '2000-05-01', 'admitted_on' => '2017-05-01', 'full_on' => '2018-05-01' ), $today );
dj_t_ok( isset( $w['admitted_on'] ) && str_contains( $w['admitted_on'], '17' ), 'admitted at 17', wp_json_encode( $w ) );
$w = Validator::warnings( array( 'activist_on' => '2025-01-10', 'candidate_on' => '2025-11-01' ), $today );
dj_t_ok( isset( $w['candidate_on'] ), 'a candidate named 10 months after becoming an activist', wp_json_encode( $w ) );
dj_t_same( array(), Validator::warnings( array( 'activist_on' => '2024-01-10', 'candidate_on' => '2025-01-10' ), $today ), 'a year to the day: nothing' );
$w = Validator::warnings( array( 'admitted_on' => '2020-01-01', 'full_on' => '2022-06-01' ), $today );
dj_t_ok( isset( $w['full_on'] ), 'a probation of two and a half years', wp_json_encode( $w ) );
$w = Validator::warnings( array( 'admitted_on' => '2023-01-01' ), $today );
dj_t_ok( isset( $w['admitted_on'] ), 'still on probation after three years', wp_json_encode( $w ) );
dj_t_same( array(), Validator::warnings( array( 'birth_date' => 'x', 'applied_on' => '2026-13-01' ), $today ), 'dates that are not dates are left to the validation' );

// ------------------------------------------------------------------ the form, over HTTP
$jar  = dj_t_login( 'admin', dj_t_admin_password() );
$url  = '/wp-admin/admin.php?page=dangjian-people&action=new';
$form = dj_t_http( $url, $jar );
$year = (int) wp_date( 'Y' );
$r    = dj_t_http(
	$url,
	$jar,
	array(
		'_wpnonce'      => (string) dj_t_input( $form['body'], '_wpnonce' ),
		'dangjian_save' => '1',
		'id'            => '0',
		'dangjian'      => array(
			'name'       => '小明',
			'birth_date' => ( $year - 11 ) . '-01-01',
			'applied_on' => ( $year + 1 ) . '-02-01',
		),
	)
);
$id = (int) $wpdb->get_var( "SELECT id FROM " . Schema::table( 'people' ) . " WHERE name = '小明'" ); // phpcs:ignore
dj_t_ok( $id > 0, 'the person is saved (a warning, not an error)' );
dj_t_same( 302, $r['status'], 'the save redirects' );
dj_t_ok( str_contains( $r['location'], 'action=edit' ) && str_contains( $r['location'], 'id=' . $id ), 'back to the person\'s form, where the warnings are', $r['location'] );
$page = dj_t_http( $r['location'], $jar );
dj_t_ok( str_contains( $page['body'], 'id="dangjian-warnings"' ) && str_contains( $page['body'], 'data-warning="applied_on"' ), 'the form lists the warning', substr( $page['body'], 0, 200 ) );
dj_t_ok( str_contains( $page['body'], '已添加记录' ), 'and says the record was added (in Chinese)' );
dj_t_ok( (bool) preg_match( '/class="dangjian-warning" data-field="applied_on"[^>]*>[^<]*' . ( $year + 1 ) . '-02-01/u', $page['body'] ), 'the warning beside the application date names it' );
dj_t_ok( ! str_contains( $page['body'], 'form-invalid' ), 'no field marked as an error' );

// ------------------------------------------------------------------ 规则提示 on the dashboard
$wpdb->insert( Schema::table( 'people' ), array( 'name' => '少年', 'birth_date' => '2010-03-01', 'applied_on' => '2020-03-01', 'created_at' => current_time( 'mysql', true ), 'updated_at' => current_time( 'mysql', true ) ) );
$young = (int) $wpdb->insert_id;
Dangjian\Data_Version::bump();
$summary = Reminders::summary();
dj_t_same( 2, $summary['counts']['plausibility'] ?? null, 'the reminders count two people with implausible dates' );
dj_t_same( array( $id, $young ), Reminders::ids( 'plausibility' ), 'and list exactly them' );
$dash = dj_t_http( '/wp-admin/admin.php?page=dangjian', $jar );
dj_t_ok( str_contains( $dash['body'], 'data-reminder-group="plausibility"' ) && str_contains( $dash['body'], 'data-warning="plausibility"' ), 'the dashboard shows the group under the rule warnings' );
$list = dj_t_http( '/wp-admin/admin.php?page=dangjian-people&reminder=plausibility', $jar );
dj_t_ok( str_contains( $list['body'], '小明' ) && str_contains( $list['body'], '少年' ), 'its link lists them in the people list' );

// ------------------------------------------------------------------ the demo data
define( 'DANGJIAN_DEMO_NO_RUN', true );
require DANGJIAN_PLUGIN_DIR . '/demo/load-demo.php';
dj_t_reset();
delete_option( 'dangjian_demo' );
$demo = dangjian_demo_load();
dj_t_ok( $demo['loaded'], 'the demo loads', $demo['message'] );
$bad = array();
foreach ( $wpdb->get_results( 'SELECT * FROM ' . Schema::table( 'people' ), ARRAY_A ) as $person ) { // phpcs:ignore
	$found = Validator::age_warnings( $person, Dangjian\Period::today() );
	if ( $found ) {
		$bad[] = $person['name'] . ': ' . implode( ' ', $found );
	}
}
dj_t_same( array(), $bad, 'no demo person applied or was admitted under 18, nor applies in the future' );
dj_t_same( 0, Reminders::summary()['counts']['plausibility'] ?? null, 'the dashboard shows no such warning for the demo' );

dj_t_done();

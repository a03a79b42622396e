<?php
/**
 * The 工作汇报 screen, its downloads and REST routes, through the web server: the preview marks every
 * figure; the .docx, the print view (@page A4) and the text download need view_dangjian and the
 * nonce; saving the template needs manage_dangjian and its nonce, and a refused template is shown
 * again as typed, with its errors by line, having stored nothing; REST GET report and report/records
 * for view_dangjian only.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';

use Dangjian\Records;
use Dangjian\Report_Template as T;

dj_t_reset();
delete_option( T::OPTION );
$sanitize = static fn( string $entity, array $v ) => class_exists( '\\Dangjian\\Validator' ) ? Dangjian\Validator::sanitize( $entity, $v ) : $v;
$year     = (int) substr( Dangjian\Period::today(), 0, 4 );
$p        = Records::save( 'people', $sanitize( 'people', array( 'name' => '甲', 'admitted_on' => '2020-01-01', 'full_on' => '2021-01-01' ) ) );
$act      = Records::save( 'activities', $sanitize( 'activities', array( 'activity_date' => $year . '-01-15', 'category' => 'service', 'kind' => 'lecture', 'title' => '心理健康讲座', 'hours' => '3', 'beneficiaries' => '266', 'participants' => array( array( 'id' => $p, 'hours' => '3' ) ) ) ) );
dj_t_ok( is_int( $p ) && is_int( $act ), 'a person and an activity saved' );

// A template with figures every engine version gives (the default one is checked at the end).
$tpl = "# {{period.year}}年度汇报\n## 一、服务\n开展讲座{{service.activities kind=lecture}}场，服务群众{{service.beneficiaries | 余}}人次，党员{{members.party_members}}名。";
dj_t_same( array(), T::save( $tpl ), 'a template is saved' );

$page = '/wp-admin/admin.php?page=dangjian-report&year=' . $year;
$jar  = dj_t_login( 'admin', dj_t_admin_password() );
$r    = dj_t_http( $page, $jar );
dj_t_same( 200, $r['status'], 'the administrator opens 工作汇报' );
dj_t_ok( str_contains( $r['body'], 'data-figure="service.beneficiaries"' ) && str_contains( $r['body'], '>260余</span>' ), 'the preview marks the figure, in its form', substr( $r['body'], 0, 200 ) );
dj_t_same( 4, substr_count( $r['body'], 'class="dangjian-figure"' ), 'every figure is marked (4)' );
dj_t_ok( str_contains( $r['body'], 'dangjian_report_template' ) && str_contains( $r['body'], 'id="dangjian-report-docx"' ), 'the screen has the template editor and the .docx link' );

// Downloads.
preg_match( '/id="dangjian-report-docx" href="([^"]+)"/', $r['body'], $m );
$docx_url = html_entity_decode( $m[1] ?? '', ENT_QUOTES );
$d        = dj_t_http( $docx_url, $jar );
dj_t_ok( 200 === $d['status'] && str_starts_with( $d['body'], "PK\x03\x04" ), 'the .docx downloads (a zip)', $d['status'] . ' ' . substr( $d['body'], 0, 100 ) );
$tmp = sys_get_temp_dir() . '/dj-report-http-' . getmypid() . '.zip';
file_put_contents( $tmp, $d['body'] );
$doc = (string) @file_get_contents( 'phar://' . $tmp . '/word/document.xml' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
dj_t_ok( str_contains( $doc, '服务群众260余人次' ), 'the .docx holds the report\'s text' );
unlink( $tmp );
$print = dj_t_http( str_replace( 'download=docx', 'download=print', $docx_url ), $jar );
dj_t_ok( 200 === $print['status'] && str_contains( $print['body'], '@page{size:A4' ) && str_contains( $print['body'], '服务群众260余人次' ) && ! str_contains( $print['body'], 'dangjian-figure"' ), 'the print view is an A4 page of the report, figures unmarked' );
$text = dj_t_http( str_replace( 'download=docx', 'download=text', $docx_url ), $jar );
dj_t_ok( str_contains( $text['body'], '开展讲座1场，服务群众260余人次，党员1名。' ), 'the text download holds the report', $text['body'] );
$nonce_less = dj_t_http( remove_query_arg( '_wpnonce', $docx_url ), $jar );
dj_t_ok( 403 === $nonce_less['status'] || ! str_starts_with( $nonce_less['body'], 'PK' ), 'without the nonce there is no download' );

// Saving: a refused template keeps the typed text, names the line, stores nothing.
$nonce = dj_t_input( $r['body'], '_wpnonce' );
$typed = "# 新标题\n正文\n共{{service.hours 小时";
$bad   = dj_t_http( '/wp-admin/admin.php?page=dangjian-report', $jar, array( '_wpnonce' => $nonce, '_wp_http_referer' => '/wp-admin/admin.php?page=dangjian-report', 'dangjian_report_action' => 'save', 'dangjian_report_template' => $typed ) );
dj_t_same( 400, $bad['status'], 'an unclosed placeholder is refused (400)' );
dj_t_ok( str_contains( $bad['body'], 'data-line="3"' ) && str_contains( $bad['body'], '{{' ), 'the error names line 3' );
dj_t_ok( str_contains( $bad['body'], esc_textarea( $typed ) ), 'the typed text is kept in the editor' );
wp_cache_delete( 'alloptions', 'options' );
wp_cache_delete( T::OPTION, 'options' );
dj_t_same( $tpl, get_option( T::OPTION ), 'nothing was stored' );
$bad2 = dj_t_http( '/wp-admin/admin.php?page=dangjian-report', $jar, array( '_wpnonce' => $nonce, 'dangjian_report_action' => 'save', 'dangjian_report_template' => '{{service.activities kind=flood}}' ) );
dj_t_ok( 400 === $bad2['status'] && str_contains( $bad2['body'], 'flood' ), 'a filter naming a kind that does not exist is refused' );
$ok = dj_t_http( '/wp-admin/admin.php?page=dangjian-report', $jar, array( '_wpnonce' => $nonce, 'dangjian_report_action' => 'save', 'dangjian_report_template' => $tpl . "\n>> 落款" ) );
dj_t_same( 302, $ok['status'], 'a good template is saved (redirect)' );
wp_cache_delete( 'alloptions', 'options' );
wp_cache_delete( T::OPTION, 'options' );
dj_t_same( $tpl . "\n>> 落款", get_option( T::OPTION ), 'it is stored' );
$forged = dj_t_http( '/wp-admin/admin.php?page=dangjian-report', $jar, array( '_wpnonce' => 'x', 'dangjian_report_action' => 'save', 'dangjian_report_template' => '# forged' ) );
dj_t_ok( 403 === $forged['status'] || 200 !== $forged['status'], 'a bad nonce is refused' );
unlink( $jar );

// A viewer reads and downloads, cannot save; a subscriber sees nothing.
list( $ed_id, $ed_pass ) = dj_t_user( 'dj_report_viewer', 'editor' );
Dangjian\Capabilities::grant( 'editor', 'view_dangjian' );
$jar = dj_t_login( 'dj_report_viewer', $ed_pass );
$v   = dj_t_http( $page, $jar );
dj_t_ok( 200 === $v['status'] && str_contains( $v['body'], 'dangjian-figure' ) && ! str_contains( $v['body'], 'dangjian_report_template' ), 'a viewer sees the preview, not the editor' );
preg_match( '/id="dangjian-report-docx" href="([^"]+)"/', $v['body'], $m );
$vd = dj_t_http( html_entity_decode( $m[1] ?? '', ENT_QUOTES ), $jar );
dj_t_ok( str_starts_with( $vd['body'], "PK\x03\x04" ), 'a viewer downloads the .docx' );
$vs = dj_t_http( '/wp-admin/admin.php?page=dangjian-report', $jar, array( '_wpnonce' => dj_t_input( $v['body'], '_wpnonce' ) ?? 'x', 'dangjian_report_action' => 'save', 'dangjian_report_template' => '# viewer' ) );
dj_t_same( 403, $vs['status'], 'a viewer cannot save the template' );
unlink( $jar );

// REST.
$viewer = array( 'user' => dj_t_app_password( $ed_id ) );
$rest   = dj_t_rest( 'GET', 'dangjian/v1/report&year=' . $year, $viewer );
dj_t_same( 200, $rest['status'], 'GET report for view_dangjian' );
dj_t_ok( str_contains( (string) ( $rest['json']['text'] ?? '' ), '服务群众260余人次' ), 'its text holds the figures' );
$ids = array_column( (array) ( $rest['json']['figures'] ?? array() ), 'id' );
dj_t_ok( in_array( 'service.beneficiaries', $ids, true ), 'and it lists every figure with its value' );
$rec = dj_t_rest( 'GET', 'dangjian/v1/report/records&figure=service.activities&args=' . rawurlencode( '{"kind":"lecture"}' ) . '&year=' . $year, $viewer );
dj_t_same( array( 200, 1, 1 ), array( $rec['status'], $rec['json']['value'] ?? null, $rec['json']['total'] ?? null ), 'GET report/records: the value and the records behind it' );
dj_t_same( $act, (int) ( $rec['json']['rows'][0]['id'] ?? 0 ), 'the record is the activity' );
$bad = dj_t_rest( 'GET', 'dangjian/v1/report/records&figure=service.activities&args=' . rawurlencode( '{"kind":"flood"}' ), $viewer );
dj_t_same( 400, $bad['status'], 'a kind that does not exist is a 400' );
$bad = dj_t_rest( 'GET', 'dangjian/v1/report&year=abc', $viewer );
dj_t_same( 400, $bad['status'], 'a year that is not a number is a 400 (typed args)' );
$anon = dj_t_rest( 'GET', 'dangjian/v1/report' );
dj_t_ok( in_array( $anon['status'], array( 401, 403 ), true ), 'anonymous: refused', (string) $anon['status'] );
Dangjian\Capabilities::revoke( 'editor', 'view_dangjian' );
$gone = dj_t_rest( 'GET', 'dangjian/v1/report', $viewer );
dj_t_same( 403, $gone['status'], 'once view_dangjian is revoked: 403' );

// The default template on the server's engine (needs STATS.md v2).
delete_option( T::OPTION );
$def = dj_t_rest( 'GET', 'dangjian/v1/report&year=' . $year, array( 'user' => dj_t_app_password( 1 ) ) );
dj_t_ok( 200 === $def['status'] && ! preg_match( '/\{\{|\[\[/', (string) ( $def['json']['text'] ?? '' ) ), 'the default template renders on the server (STATS.md v2 engine)', (string) ( $def['json']['message'] ?? '' ) );

dj_t_done();

<?php
/**
 * The admin page over HTTP, against the running test site: refused to anonymous visitors and
 * subscribers, shown to administrators (in Chinese, with the figures of dangjian_stats()) and to a
 * role given view_dangjian. Run once per suite (the server's engine is the one it was started with).
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

$page   = '/wp-admin/admin.php?page=dangjian';
$marker = 'id="dangjian-dashboard"';

dj_t_reset();
$year = (int) wp_date( 'Y' );
$wpdb->insert( Dangjian\Schema::table( 'people' ), array( 'id' => 1, 'name' => '张三', 'is_staff' => 1, 'admitted_on' => ( $year - 3 ) . '-03-01', 'full_on' => ( $year - 2 ) . '-03-01' ) );
$wpdb->insert( Dangjian\Schema::table( 'people' ), array( 'id' => 2, 'name' => '李四', 'applied_on' => ( $year - 2 ) . '-01-01', 'activist_on' => ( $year - 2 ) . '-06-01' ) );
$wpdb->insert( Dangjian\Schema::table( 'activities' ), array( 'id' => 1, 'activity_date' => $year . '-01-02', 'category' => 'service', 'kind' => 'counseling', 'hours' => '3.50', 'beneficiaries' => 17, 'venue_kind' => 'community', 'venue' => '阳光社区' ) );
$wpdb->insert( Dangjian\Schema::table( 'participants' ), array( 'activity_id' => 1, 'person_id' => 1 ) );
Dangjian\Data_Version::bump();
$stats = dangjian_stats();

// Anonymous: sent to the login form, no dashboard.
$r = dj_t_http( $page );
dj_t_same( 302, $r['status'], 'an anonymous visitor is redirected' );
dj_t_ok( str_contains( $r['location'], '/wp-login.php' ), 'to the login form', $r['location'] );
dj_t_ok( ! str_contains( $r['body'], $marker ), 'an anonymous visitor sees no dashboard' );

// A subscriber: refused with 403.
list( , $sub_pass ) = dj_t_user( 'dj_subscriber', 'subscriber' );
$jar                = dj_t_login( 'dj_subscriber', $sub_pass );
$r                  = dj_t_http( $page, $jar );
dj_t_same( 403, $r['status'], 'a subscriber is refused (403)' );
dj_t_ok( ! str_contains( $r['body'], $marker ), 'a subscriber sees no dashboard' );
dj_t_ok( ! str_contains( $r['body'], '阳光社区' ) && ! str_contains( $r['body'], 'data-figure' ), 'a subscriber sees no figure' );
$r = dj_t_http( '/wp-admin/', $jar );
dj_t_ok( ! str_contains( $r['body'], 'page=dangjian' ), 'a subscriber\'s menu has no 党建统计 entry' );
unlink( $jar );

// An administrator: the dashboard, in Chinese, with the figures.
$admin_pass = trim( (string) file_get_contents( dirname( ABSPATH ) . '/admin-password' ) );
$jar        = dj_t_login( 'admin', $admin_pass );
$r          = dj_t_http( $page, $jar );
dj_t_same( 200, $r['status'], 'an administrator gets the dashboard (200)' );
dj_t_ok( str_contains( $r['body'], $marker ), 'the dashboard is shown' );
foreach ( array( '党建统计', '党员', '正式党员', '入党积极分子', '公益服务活动', '服务时长（小时）', '受益人次', '组织生活', '今年' ) as $label ) {
	dj_t_ok( str_contains( $r['body'], $label ), "the dashboard says $label" );
}
foreach ( array( 'Party Building Statistics', 'Party members', 'Service hours', 'People helped', 'This year', 'Computed by' ) as $english ) {
	dj_t_ok( ! str_contains( $r['body'], $english ), "no English \"$english\" with the site in zh_CN" );
}
$figure = static function ( string $path, string $body ): ?string {
	return preg_match( '/data-figure="' . preg_quote( $path, '/' ) . '">([^<]*)</', $body, $m ) ? $m[1] : null;
};
dj_t_same( (string) $stats['members']['party_members'], $figure( 'members.party_members', $r['body'] ), 'the page shows the party members of dangjian_stats()' );
dj_t_same( '1', $figure( 'members.party_members', $r['body'] ), 'one party member' );
dj_t_same( '1', $figure( 'members.activists', $r['body'] ), 'one activist' );
dj_t_same( '3.5', $figure( 'service.hours', $r['body'] ), '3.5 service hours this year' );
dj_t_same( '17', $figure( 'service.beneficiaries', $r['body'] ), '17 people helped' );
$r = dj_t_http( '/wp-admin/', $jar );
dj_t_ok( str_contains( $r['body'], 'admin.php?page=dangjian' ) && str_contains( $r['body'], '党建统计' ), 'the administrator\'s menu has 党建统计' );
$r = dj_t_http( $page . '&period=last_year', $jar );
dj_t_same( '0', $figure( 'service.activities', $r['body'] ), 'last year shows no service activity' );
$r = dj_t_http( $page . '&period=%3Cscript%3E', $jar );
dj_t_ok( 200 === $r['status'] && ! str_contains( $r['body'], '<script>' . 'alert' ) && str_contains( $r['body'], $marker ), 'an unknown period falls back to this year' );
unlink( $jar );

// A role given view_dangjian reads the dashboard.
list( , $ed_pass ) = dj_t_user( 'dj_editor', 'editor' );
Dangjian\Capabilities::grant( 'editor', 'view_dangjian' );
$jar = dj_t_login( 'dj_editor', $ed_pass );
$r   = dj_t_http( $page, $jar );
dj_t_same( 200, $r['status'], 'an editor given view_dangjian gets the dashboard' );
dj_t_ok( str_contains( $r['body'], $marker ), 'and sees it' );
Dangjian\Capabilities::revoke( 'editor', 'view_dangjian' );
$r = dj_t_http( $page, $jar );
dj_t_same( 403, $r['status'], 'once revoked, the editor is refused' );
unlink( $jar );

dj_t_reset();
dj_t_done();

<?php
/**
 * The showcase over HTTP, against the running test site (theme twentytwentyone): a page with the
 * shortcode, a page with the block, the widget in the footer sidebar, the block's preview through the
 * REST block renderer (editors only), the stylesheet only where a showcase renders, notices only for
 * editors, and the dashboard's charts and reminders.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Schema;

dj_t_reset();
delete_option( Dangjian\Settings::OPTION );
$y = (int) wp_date( 'Y' );
$wpdb->insert( Schema::table( 'people' ), array( 'id' => 1, 'name' => '<script>alert(1)</script>', 'phone' => '13800138000', 'admitted_on' => ( $y - 3 ) . '-03-01', 'full_on' => ( $y - 2 ) . '-03-01' ) );
$wpdb->insert( Schema::table( 'people' ), array( 'id' => 2, 'name' => '预备甲', 'admitted_on' => ( $y - 1 ) . '-01-01' ) );
$wpdb->insert( Schema::table( 'people' ), array( 'id' => 3, 'name' => '积极乙', 'applied_on' => ( $y - 3 ) . '-01-01', 'activist_on' => ( $y - 2 ) . '-01-01' ) );
$wpdb->insert( Schema::table( 'activities' ), array( 'id' => 1, 'activity_date' => $y . '-01-02', 'category' => 'service', 'kind' => 'counseling', 'hours' => '312.50', 'beneficiaries' => 12345, 'venue_kind' => 'community', 'venue' => '阳光社区', 'title' => 't' ) );
$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => 1, 'person_id' => 1 ) );
Dangjian\Data_Version::bump();
$public = dangjian_public_stats( array( 'period' => 'this_year' ) );

dj_t_same( 'twentytwentyone', get_stylesheet(), 'the test site uses twentytwentyone' );

/**
 * A published page with some content; its address.
 *
 * @param string $title   The title.
 * @param string $content The content.
 */
function dj_t_page( string $title, string $content ): string {
	$old = get_page_by_path( sanitize_title( $title ) );
	if ( $old ) {
		wp_delete_post( $old->ID, true );
	}
	$id = wp_insert_post(
		array(
			'post_type'    => 'page',
			'post_status'  => 'publish',
			'post_title'   => $title,
			'post_name'    => sanitize_title( $title ),
			'post_content' => $content,
		),
		true
	);
	if ( is_wp_error( $id ) ) {
		throw new RuntimeException( $id->get_error_message() );
	}
	return (string) get_permalink( $id );
}

/**
 * data-figure => data-value of a page.
 *
 * @param string $html The page.
 */
function dj_t_page_figures( string $html ): array {
	preg_match_all( '/class="dangjian-figure"[^>]*data-figure="([^"]+)" data-value="([^"]*)"/', $html, $m, PREG_SET_ORDER );
	$out = array();
	foreach ( $m as $row ) {
		$out[ $row[1] ] = $row[2];
	}
	return $out;
}

// Keep the sidebar empty while the pages are checked.
$sidebars = get_option( 'sidebars_widgets' );
update_option( 'sidebars_widgets', array( 'wp_inactive_widgets' => array(), 'sidebar-1' => array(), 'array_version' => 3 ) );

// ------------------------------------------------------------ the shortcode page, as a visitor
$url = dj_t_page( 'showcase-shortcode', '[dangjian figures="party_members,service_hours,beneficiaries,venues" chart="month" layout="cards" numbers="rounded"]' );
$r   = dj_t_http( $url );
dj_t_same( 200, $r['status'], 'the shortcode page answers 200' );
dj_t_same(
	array(
		'party_members'     => (string) $public['figures']['party_members'],
		'service_hours'     => '312.5',
		'beneficiaries'     => '12345',
		'venues.community'  => '1',
	),
	dj_t_page_figures( $r['body'] ),
	'it shows the public figures'
);
dj_t_ok( str_contains( $r['body'], '>310余</span><span class="dangjian-figure__unit">小时</span>' ), 'as 310余小时 (two leading digits)' );
dj_t_ok( str_contains( $r['body'], '>1.2万余</span><span class="dangjian-figure__unit">人次</span>' ), 'and 1.2万余人次' );
dj_t_ok( str_contains( $r['body'], 'data-chart="month"' ) && str_contains( $r['body'], '每月公益服务时长与受益人次' ), 'with the month chart, in Chinese' );
dj_t_ok( (bool) preg_match( '#<link[^>]+dangjian-showcase-css[^>]+assets/showcase\.css#', $r['body'] ), 'the stylesheet is loaded on the page' );
dj_t_ok( ! str_contains( $r['body'], '13800138000' ) && ! str_contains( $r['body'], 'alert(1)' ) && ! str_contains( $r['body'], '阳光社区' ), 'no personal data and no venue name on the page' );

$plain = dj_t_page( 'showcase-none', '没有展示的页面。' );
$r     = dj_t_http( $plain );
dj_t_ok( 200 === $r['status'] && ! str_contains( $r['body'], 'showcase.css' ), 'a page without a showcase does not load the stylesheet' );

// ------------------------------------------------------------ notices: editors only
$bad = dj_t_page( 'showcase-bad', '[dangjian figures="party_members,bogus" layout="grid"]' );
$r   = dj_t_http( $bad );
dj_t_ok( 200 === $r['status'] && ! str_contains( $r['body'], 'dangjian-notice' ) && ! str_contains( $r['body'], 'bogus' ), 'a visitor sees no notice about bad attributes' );
dj_t_same( array( 'party_members' => (string) $public['figures']['party_members'] ), dj_t_page_figures( $r['body'] ), 'and the figures of the defaults' );
list( $editor_id, $editor_pass ) = dj_t_user( 'dj_showcase_editor', 'editor' );
$jar                             = dj_t_login( 'dj_showcase_editor', $editor_pass );
$r                               = dj_t_http( $bad, $jar );
dj_t_ok( str_contains( $r['body'], 'data-problem="figure"' ) && str_contains( $r['body'], 'data-problem="layout"' ), 'an editor sees the notice' );
unlink( $jar );

// ------------------------------------------------------------ the block page
$block = dj_t_page( 'showcase-block', '<!-- wp:dangjian/stats {"figures":"party_members,beneficiaries","layout":"table","chart":"pipeline"} /-->' );
$r     = dj_t_http( $block );
dj_t_ok( 200 === $r['status'] && str_contains( $r['body'], 'data-context="block"' ), 'the block page renders the block' );
dj_t_same(
	array(
		'party_members' => (string) $public['figures']['party_members'],
		'beneficiaries' => '12345',
	),
	dj_t_page_figures( $r['body'] ),
	'with its figures'
);
dj_t_ok( str_contains( $r['body'], 'data-chart="pipeline"' ) && str_contains( $r['body'], 'dangjian-table-wrap' ), 'its chart, and its table in a scrolling wrapper' );

// ------------------------------------------------------------ the REST block renderer (the editor's preview)
$route = 'wp/v2/block-renderer/dangjian/stats&context=edit&attributes%5Bfigures%5D=party_members%2Cbogus&attributes%5Bchart%5D=venue';
$r     = dj_t_rest( 'GET', $route, array( 'user' => dj_t_app_password( $editor_id ) ) );
dj_t_same( 200, $r['status'], 'an editor gets the block\'s preview from the block renderer', $r['body'] );
$rendered = (string) ( $r['json']['rendered'] ?? '' );
dj_t_ok( str_contains( $rendered, 'data-figure="party_members"' ) && str_contains( $rendered, 'data-chart="venue"' ), 'the preview holds the figures and the chart', substr( $rendered, 0, 300 ) );
dj_t_ok( str_contains( $rendered, 'data-problem="figure"' ), 'and tells the editor about the unknown figure' );
$r = dj_t_rest( 'GET', $route );
dj_t_ok( in_array( $r['status'], array( 401, 403 ), true ), 'an anonymous visitor may not use the block renderer (' . $r['status'] . ')' );
list( $sub_id ) = dj_t_user( 'dj_showcase_sub', 'subscriber' );
$r              = dj_t_rest( 'GET', $route, array( 'user' => dj_t_app_password( $sub_id ) ) );
dj_t_same( 403, $r['status'], 'nor may a subscriber' );

// ------------------------------------------------------------ the widget in the footer sidebar
update_option(
	'widget_dangjian_stats',
	array(
		2              => array(
			'title'   => '支部风采',
			'figures' => 'party_members,service_hours',
			'period'  => 'this_year',
			'layout'  => 'list',
			'chart'   => 'none',
			'numbers' => 'auto',
		),
		'_multiwidget' => 1,
	)
);
update_option( 'sidebars_widgets', array( 'wp_inactive_widgets' => array(), 'sidebar-1' => array( 'dangjian_stats-2' ), 'array_version' => 3 ) );
$r = dj_t_http( $plain );
dj_t_ok( 200 === $r['status'] && str_contains( $r['body'], 'id="dangjian_stats-2"' ) && str_contains( $r['body'], 'data-context="widget"' ), 'the widget renders in the sidebar' );
dj_t_ok( str_contains( $r['body'], '支部风采' ) && str_contains( $r['body'], 'dangjian-showcase--list' ), 'with its title and layout' );
dj_t_same(
	array(
		'party_members' => (string) $public['figures']['party_members'],
		'service_hours' => '312.5',
	),
	dj_t_page_figures( $r['body'] ),
	'and its figures'
);
dj_t_ok( str_contains( $r['body'], 'showcase.css' ), 'the stylesheet follows the widget' );
if ( false === $sidebars ) {
	delete_option( 'sidebars_widgets' );
} else {
	update_option( 'sidebars_widgets', $sidebars );
}
delete_option( 'widget_dangjian_stats' );

// ------------------------------------------------------------ the dashboard: charts and reminders
$jar = dj_t_login( 'admin', dj_t_admin_password() );
$r   = dj_t_http( '/wp-admin/admin.php?page=dangjian', $jar );
dj_t_same( 200, $r['status'], 'the dashboard answers 200' );
foreach ( array( 'month', 'venue', 'pipeline' ) as $chart ) {
	dj_t_ok( str_contains( $r['body'], 'data-chart="' . $chart . '"' ), "the dashboard draws the $chart chart" );
}
dj_t_ok( str_contains( $r['body'], 'data-key="community" data-value="1"' ), 'from the period\'s figures' );
dj_t_ok( str_contains( $r['body'], 'showcase.css' ), 'with the stylesheet' );
dj_t_ok( (bool) preg_match( '/data-reminder-group="overdue".*?data-person="2" data-reminder="overdue"><a href="[^"]*page=dangjian-people[^"]*action=edit[^"]*id=2[^"]*">预备甲<\/a>/s', $r['body'] ), 'an overdue conversion links to the person\'s edit form' );
dj_t_ok( (bool) preg_match( '/data-person="3" data-reminder="eligible"><a href="[^"]*id=3[^"]*">积极乙<\/a>/', $r['body'] ), 'an eligible activist too' );
dj_t_ok( str_contains( $r['body'], '&lt;script&gt;alert(1)&lt;/script&gt;' ) || ! str_contains( $r['body'], 'alert(1)' ), 'names are escaped on the dashboard' );
dj_t_ok( ! str_contains( $r['body'], '<script>alert(1)' ), 'no raw <script> from a name' );
unlink( $jar );

dj_t_done();

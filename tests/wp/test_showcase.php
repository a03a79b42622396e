<?php
/**
 * The showcase (shortcode [dangjian], block dangjian/stats, widget): its figures equal
 * dangjian_public_stats()'s for every period; bad attributes fall back with a notice only editors
 * see; figures the settings do not allow never reach a visitor; no personal data ever does; the HTML
 * is cached so that a second view does no aggregation, and an edit shows at once.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Format;
use Dangjian\Records;
use Dangjian\Schema;
use Dangjian\Settings;
use Dangjian\Showcase;

dj_t_reset();
delete_option( Settings::OPTION );
wp_set_current_user( 0 );
$y = (int) wp_date( 'Y' );

$people = array(
	array( 'id' => 1, 'name' => '<script>alert("p1")</script>', 'phone' => '13800138001', 'is_staff' => 1, 'admitted_on' => ( $y - 5 ) . '-03-01', 'full_on' => ( $y - 4 ) . '-03-01' ),
	array( 'id' => 2, 'name' => '张秘密', 'phone' => '13900139002', 'is_staff' => 1, 'applied_on' => ( $y - 2 ) . '-01-05', 'activist_on' => ( $y - 2 ) . '-06-01', 'candidate_on' => ( $y - 1 ) . '-07-01', 'admitted_on' => ( $y - 1 ) . '-09-01' ),
	array( 'id' => 3, 'name' => '李隐私', 'phone' => '13700137003', 'is_staff' => 0, 'applied_on' => ( $y - 1 ) . '-02-01', 'activist_on' => $y . '-01-02' ),
	array( 'id' => 4, 'name' => '王保密', 'phone' => '13600136004', 'is_staff' => 0, 'applied_on' => $y . '-01-03' ),
	array( 'id' => 5, 'name' => '赵某', 'phone' => '13500135005', 'is_staff' => 1, 'joined_on' => ( $y - 3 ) . '-01-01', 'admitted_on' => ( $y - 6 ) . '-01-01', 'full_on' => ( $y - 5 ) . '-01-01' ),
);
foreach ( $people as $p ) {
	$wpdb->insert( Schema::table( 'people' ), $p );
}
$activities = array(
	array( 1, $y . '-01-10', 'service', 'counseling', '3.50', '1200.00', 40, 'community', '阳光社区<script>v</script>', array( 1, 2 ) ),
	array( 2, $y . '-01-20', 'service', 'lecture', '2.00', '0.00', 12000, 'school', '第一中学', array( 1 ) ),
	array( 3, $y . '-01-25', 'meeting', 'theme_day', '2.00', '0.00', 0, '', '', array( 1, 2, 5 ) ),
	array( 4, ( $y - 1 ) . '-06-01', 'service', 'counseling', '1.25', '300.00', 345, 'community', '幸福社区', array( 5 ) ),
	array( 5, ( $y - 1 ) . '-07-01', 'service', 'crisis_aid', '8.00', '0.00', 9999, 'disaster_area', '灾区一', array( 1, 5 ) ),
);
foreach ( $activities as $a ) {
	$wpdb->insert(
		Schema::table( 'activities' ),
		array(
			'id'            => $a[0],
			'activity_date' => $a[1],
			'category'      => $a[2],
			'kind'          => $a[3],
			'hours'         => $a[4],
			'fee_waived'    => $a[5],
			'beneficiaries' => $a[6],
			'venue_kind'    => $a[7],
			'venue'         => $a[8],
			'title'         => '<script>alert("t' . $a[0] . '")</script>',
		)
	);
	foreach ( $a[9] as $pid ) {
		$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => $a[0], 'person_id' => $pid ) );
	}
}
$wpdb->insert( Schema::table( 'headcount' ), array( 'point_date' => ( $y - 3 ) . '-01-01', 'staff_count' => 8 ) );
$wpdb->insert( Schema::table( 'media' ), array( 'published_on' => $y . '-01-11', 'outlet' => '某日报', 'level' => 'city', 'title' => '报道一', 'url' => 'https://example.org/1' ) );
$wpdb->insert( Schema::table( 'honours' ), array( 'awarded_on' => $y . '-01-12', 'title' => '先进基层党组织<script>alert("h")</script>', 'level' => 'city', 'awarded_by' => '市委' ) );
Dangjian\Data_Version::bump();

$all_figures = implode( ',', array_keys( Showcase::catalogue() ) );

/**
 * The figures of a showcase's HTML: data-figure => data-value.
 *
 * @param string $html The HTML.
 * @return array<string,string>
 */
function dj_t_figures( string $html ): array {
	preg_match_all( '/class="dangjian-figure"[^>]*data-figure="([^"]+)" data-value="([^"]*)"/', $html, $m, PREG_SET_ORDER );
	$out = array();
	foreach ( $m as $row ) {
		$out[ $row[1] ] = $row[2];
	}
	return $out;
}

/**
 * What the figures should be, from dangjian_public_stats(): data-figure => raw value.
 *
 * @param array $public dangjian_public_stats()'s result.
 * @param array $keys   The figures asked for.
 * @return array<string,string>
 */
function dj_t_expected( array $public, array $keys ): array {
	$out = array();
	foreach ( $keys as $key ) {
		if ( ! array_key_exists( $key, $public['figures'] ) ) {
			continue;
		}
		$v = $public['figures'][ $key ];
		switch ( $key ) {
			case 'venues':
				foreach ( $v as $kind => $row ) {
					$out[ "venues.$kind" ] = (string) $row['venues'];
				}
				break;
			case 'service_by_kind':
				foreach ( $v as $kind => $row ) {
					$out[ "service_by_kind.$kind" ] = (string) $row['activities'];
				}
				break;
			case 'meetings_by_kind':
				foreach ( $v as $kind => $n ) {
					$out[ "meetings_by_kind.$kind" ] = (string) $n;
				}
				break;
			case 'pipeline':
				foreach ( $v as $sub => $n ) {
					$out[ "pipeline.$sub" ] = (string) $n;
				}
				break;
			case 'coverage':
			case 'honours':
				$out[ $key ] = (string) $v['total'];
				break;
			default:
				$out[ $key ] = Format::raw( $v );
		}
	}
	return $out;
}

// ------------------------------------------------------------ figures equal the public stats
$periods = array(
	'this_year'          => array( 'period' => 'this_year' ),
	'last_year'          => array( 'period' => 'last_year' ),
	'all'                => array( 'period' => 'all' ),
	(string) ( $y - 1 )  => array( 'period' => (string) ( $y - 1 ) ),
	'custom'             => array( 'from' => ( $y - 1 ) . '-06-15', 'to' => $y . '-01-15' ),
);
foreach ( $periods as $name => $args ) {
	$attrs = '';
	foreach ( $args as $k => $v ) {
		$attrs .= " $k=\"$v\"";
	}
	$public = dangjian_public_stats( $args );
	$want   = dj_t_expected( $public, array_keys( Showcase::catalogue() ) );
	foreach ( array( 'cards', 'list', 'table' ) as $layout ) {
		$html = do_shortcode( "[dangjian figures=\"$all_figures\" layout=\"$layout\"$attrs]" );
		dj_t_same( $want, dj_t_figures( $html ), "period $name, layout $layout: every figure equals dangjian_public_stats()" );
	}
	dj_t_ok( str_contains( $html, 'data-from="' . $public['period']['from'] . '" data-to="' . $public['period']['to'] . '"' ), "period $name: the showcase states its period" );
}
$public = dangjian_public_stats( array( 'period' => 'this_year' ) );
dj_t_same( '3', dj_t_figures( do_shortcode( '[dangjian figures="party_members"]' ) )['party_members'] ?? null, 'three party members this year (a hand count)' );
dj_t_same( '5.5', dj_t_figures( do_shortcode( '[dangjian figures="service_hours"]' ) )['service_hours'] ?? null, '5.5 service hours this year (a hand count)' );
dj_t_same( array( 'service_activities' => '2' ), dj_t_figures( do_shortcode( '[dangjian figures="activities"]' ) ), '"activities" is service_activities' );
dj_t_same( array( 'party_members' => '3', 'service_hours' => '5.5' ), dj_t_figures( do_shortcode( '[dangjian figures="members.party_members, service.hours"]' ) ), 'figures by their ids of docs/API.md are the short names\' figures' );
dj_t_same( dj_t_figures( do_shortcode( '[dangjian figures="pipeline"]' ) ), dj_t_figures( do_shortcode( '[dangjian figures="pipeline.applied"]' ) ), 'an id inside a group (pipeline.applied) shows its group, as figures="pipeline" does' );
dj_t_ok( ! str_contains( do_shortcode( '[dangjian figures="members.nobody"]' ), 'data-figure="members.nobody"' ), 'an unknown id is left out' );
dj_t_same( array_slice( Showcase::DEFAULT_FIGURES, 0 ), array_keys( dj_t_figures( do_shortcode( '[dangjian]' ) ) ), 'no attribute: the default figures' );

// Chinese forms: 12,040 people helped this year → 1.2万 (auto), 1.2万余 (rounded); exact on request.
$html = do_shortcode( '[dangjian figures="beneficiaries"]' );
dj_t_ok( str_contains( $html, '>1.2万</span><span class="dangjian-figure__unit">人次</span>' ), 'auto: 12,040 people helped is 1.2万人次', $html );
$html = do_shortcode( '[dangjian figures="beneficiaries" numbers="rounded"]' );
dj_t_ok( str_contains( $html, '>1.2万余</span>' ), 'rounded: 1.2万余', $html );
$html = do_shortcode( '[dangjian figures="beneficiaries" numbers="exact"]' );
dj_t_ok( str_contains( $html, '>12,040</span>' ), 'exact: 12,040', $html );
dj_t_ok( str_contains( $html, '>受益人次</span>' ) && ! str_contains( $html, 'People helped' ), 'labels in Chinese: 受益人次, as the charts and the dashboard say' );
$html = do_shortcode( '[dangjian figures="meetings"]' );
dj_t_ok( str_contains( $html, '>召开会议</span>' ) && str_contains( $html, '>次</span>' ) && ! str_contains( $html, '组织生活会' ), 'meetings held: 召开会议 (…次), as the dashboard\'s 召开会议次数; 组织生活会 is one kind of meeting', $html );
add_filter( 'dangjian_showcase_numbers', $rounded = static fn() => 'rounded' );
dj_t_ok( str_contains( do_shortcode( '[dangjian figures="beneficiaries"]' ), '>1.2万余</span>' ), 'the site default follows the filter dangjian_showcase_numbers' );
remove_filter( 'dangjian_showcase_numbers', $rounded );

// Charts in the showcase carry the public numbers.
$html = do_shortcode( '[dangjian figures="party_members" chart="month"]' );
dj_t_ok( str_contains( $html, 'data-chart="month"' ), 'chart="month" draws the month chart' );
preg_match_all( '/data-series="hours" data-value="([^"]*)"/', $html, $m );
$want_hours = array();
$this_month = substr( Dangjian\Period::today(), 0, 7 );
foreach ( $public['figures']['by_month'] as $row ) {
	if ( strcmp( $row['month'], $this_month ) <= 0 ) { // The months to come (nothing recorded yet) are not drawn.
		$want_hours[] = Format::raw( $row['hours'] );
	}
}
dj_t_same( array_merge( $want_hours, $want_hours ), $m[1], 'its bars and table hold by_month\'s hours, up to this month' );
preg_match_all( '/<tr data-key="(\d{4}-\d{2})"/', $html, $m );
dj_t_same( $this_month, end( $m[1] ), 'this year\'s table ends with this month (the site\'s time zone)' );
$html = do_shortcode( '[dangjian figures="party_members" chart="venue"]' );
dj_t_ok( str_contains( $html, 'data-chart="venue"' ) && str_contains( $html, 'data-key="community" data-value="1"' ), 'chart="venue" draws venues by kind' );
$html = do_shortcode( '[dangjian figures="party_members" chart="pipeline"]' );
dj_t_ok( str_contains( $html, 'data-chart="pipeline"' ) && str_contains( $html, 'data-key="full" data-value="' . $public['figures']['full'] . '"' ), 'chart="pipeline" draws the stages' );
dj_t_ok( 2 === substr_count( do_shortcode( '[dangjian chart="month"][dangjian chart="month"]' ), 'role="img"' ), 'two showcases on a page' );
$two = do_shortcode( '[dangjian chart="month"]' ) . do_shortcode( '[dangjian chart="month"]' );
preg_match_all( '/ id="([^"]+)"/', $two, $ids );
dj_t_same( count( $ids[1] ), count( array_unique( $ids[1] ) ), 'two showcases on a page have distinct ids (the cached HTML gets its ids per view)' );

// ------------------------------------------------------------ bad attributes
$bad = '[dangjian figures="party_members,nonsense" period="next_century" layout="grid" chart="pie" numbers="roman" colour="red"]';
wp_set_current_user( 0 );
$html = do_shortcode( $bad );
dj_t_same( array( 'party_members' => $public['figures'] ? (string) $public['figures']['party_members'] : '' ), dj_t_figures( $html ), 'bad values fall back: the known figure, this year' );
dj_t_ok( str_contains( $html, 'dangjian-showcase--cards' ) && ! str_contains( $html, 'data-chart=' ), 'layout falls back to cards, chart to none' );
dj_t_ok( ! str_contains( $html, 'dangjian-notice' ) && ! str_contains( $html, 'nonsense' ) && ! str_contains( $html, 'next_century' ), 'the public sees nothing of the problems' );
list( $sub_id ) = dj_t_user( 'dj_showcase_sub', 'subscriber' );
wp_set_current_user( $sub_id );
dj_t_ok( ! str_contains( do_shortcode( $bad ), 'dangjian-notice' ), 'nor does a subscriber' );
list( $editor_id ) = dj_t_user( 'dj_showcase_editor', 'editor' );
wp_set_current_user( $editor_id );
$html = do_shortcode( $bad );
preg_match_all( '/data-problem="([a-z_]+)"/', $html, $m );
dj_t_same( array( 'attribute', 'figure', 'period', 'layout', 'chart', 'numbers' ), $m[1], 'an editor is told each problem' );
dj_t_ok( str_contains( $html, '未知指标“nonsense”' ) && str_contains( $html, '仅编辑可见' ), 'in Chinese', $html );
dj_t_same( dj_t_figures( do_shortcode( '[dangjian figures="party_members"]' ) ), dj_t_figures( $html ), 'and sees the same figures' );
$html = do_shortcode( '[dangjian figures="party_members" from="2024-13-01" to="2024-12-31"]' );
dj_t_ok( str_contains( $html, 'data-problem="range"' ) && str_contains( $html, 'data-period="this_year"' ), 'a bad custom range falls back to this year, with a notice' );
wp_set_current_user( 0 );

// ------------------------------------------------------------ what the settings allow
list( $settings ) = Settings::sanitize(
	array(
		'showcase' => array( 'party_members', 'full', 'beneficiaries' ),
	)
);
Settings::save( $settings );
$html = do_shortcode( '[dangjian figures="party_members,service_hours,fee_waived,beneficiaries" chart="month"]' );
dj_t_same( array( 'party_members', 'beneficiaries' ), array_keys( dj_t_figures( $html ) ), 'figures the settings do not allow are left out' );
dj_t_ok( ! str_contains( $html, 'service_hours' ) && ! str_contains( $html, 'fee_waived' ) && ! str_contains( $html, 'data-chart' ) && ! str_contains( $html, 'dangjian-notice' ), 'silently for the public: no trace of them, no chart' );
dj_t_ok( ! str_contains( $html, '>5.5<' ) && ! str_contains( $html, '1,200' ) && ! str_contains( $html, '1200' ), 'not even their values' );
$html = do_shortcode( '[dangjian figures="service_hours,fee_waived" chart="venue"]' );
dj_t_same( '', $html, 'a showcase of nothing allowed prints nothing for the public' );
wp_set_current_user( $editor_id );
$html = do_shortcode( '[dangjian figures="party_members,service_hours" chart="month"]' );
preg_match_all( '/data-problem="([a-z_]+)"/', $html, $m );
dj_t_same( array( 'not_allowed', 'chart_not_allowed' ), $m[1], 'an editor is told what was left out and why' );
dj_t_same( array( 'party_members' ), array_keys( dj_t_figures( $html ) ), 'and sees only the allowed figures too' );
wp_set_current_user( 0 );
$html = do_shortcode( '[dangjian figures="party_members,full" chart="pipeline"]' );
dj_t_ok( str_contains( $html, 'data-key="full"' ) && ! str_contains( $html, 'data-key="applicants"' ), 'the pipeline chart draws only the allowed stages' );
delete_option( Settings::OPTION );

// ------------------------------------------------------------ no personal data, markup escaped
$secrets = array( 'alert("p1")', '张秘密', '李隐私', '王保密', '赵某', '13800138001', '13900139002', '13700137003', '阳光社区', '第一中学', 'alert("t' );
$pages   = '';
foreach ( array( 'cards', 'list', 'table' ) as $layout ) {
	foreach ( array( 'none', 'month', 'venue', 'pipeline' ) as $chart ) {
		foreach ( array( 'this_year', 'all' ) as $period ) {
			$pages .= do_shortcode( "[dangjian figures=\"$all_figures\" layout=\"$layout\" chart=\"$chart\" period=\"$period\"]" );
		}
	}
}
$pages .= Showcase::render( array( 'figures' => $all_figures, 'chart' => 'pipeline' ), 'block' );
$found  = array_filter( $secrets, static fn( $s ) => str_contains( $pages, $s ) );
dj_t_same( array(), array_values( $found ), 'no name, phone, venue name or activity title in any public output' );
dj_t_ok( ! preg_match( '/<script/i', $pages ), 'no <script> in public output' );
dj_t_ok( str_contains( $pages, '先进基层党组织&lt;script&gt;' ), 'an honour\'s title (public) is shown escaped' );

// ------------------------------------------------------------ the cache
$tables = '/' . preg_quote( $wpdb->prefix . 'dangjian_', '/' ) . '/';
$hits   = 0;
$count  = static function ( $q ) use ( &$hits, $tables ) {
	if ( preg_match( $tables, $q ) ) {
		++$hits;
	}
	return $q;
};
$sc     = '[dangjian figures="party_members,service_activities,service_hours,coverage,honours" chart="month" period="all"]';
/**
 * Forgets everything kept in memory, as a new request would: the object cache, the engine's
 * dataset, its snapshot files.
 */
function dj_t_new_request(): void {
	wp_cache_flush();
	Dangjian\Engine::forget();
	foreach ( (array) glob( Dangjian\Engine::cache_dir() . '/dataset-*.snap' ) as $f ) {
		unlink( $f );
	}
}
Showcase::purge();
dj_t_new_request();
$computed = Showcase::$computed;
add_filter( 'query', $count );
$first = do_shortcode( $sc );
dj_t_same( $computed + 1, Showcase::$computed, 'a first view computes the showcase' );
dj_t_ok( $hits > 0, 'reading the plugin\'s tables', "$hits queries" );
dj_t_new_request();
$hits   = 0;
$second = do_shortcode( $sc );
remove_filter( 'query', $count );
dj_t_same( $computed + 1, Showcase::$computed, 'a second view is not computed again' );
dj_t_same( 0, $hits, 'and does not touch the plugin\'s tables, even with no snapshot and no object cache (no aggregation)' );
dj_t_same( preg_replace( '/dangjian-\d+/', 'X', $first ), preg_replace( '/dangjian-\d+/', 'X', $second ), 'it is the same HTML' );
dj_t_ok( (bool) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE %s", '_transient_dangjian_sc_%' ) ), 'kept as a transient (this site has no persistent object cache)' );

// An edit through the records API shows on the next view.
$before = dj_t_figures( $second );
$saved  = Records::save(
	'activities',
	Dangjian\Validator::sanitize(
		'activities',
		array(
			'activity_date' => $y . '-01-28',
			'category'      => 'service',
			'kind'          => 'counseling',
			'hours'         => '2.5',
			'beneficiaries' => '3',
			'title'         => 'new',
		)
	)
);
dj_t_ok( is_int( $saved ) && $saved > 0, 'an activity is added', is_wp_error( $saved ) ? $saved->get_error_message() : var_export( $saved, true ) );
dj_t_same( 0, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE %s", '_transient_dangjian_sc_%' ) ), 'the write purges the cached showcases' );
dj_t_new_request();
$after = dj_t_figures( do_shortcode( $sc ) );
dj_t_same( (string) ( (int) $before['service_activities'] + 1 ), $after['service_activities'], 'the next view counts the new activity' );
dj_t_same( Format::raw( (float) $before['service_hours'] + 2.5 ), $after['service_hours'], 'and its hours' );

// Settings are part of the key: taking a figure away hides it at once.
list( $settings ) = Settings::sanitize( array( 'showcase' => array( 'party_members' ) ) );
Settings::save( $settings );
dj_t_same( array( 'party_members' ), array_keys( dj_t_figures( do_shortcode( $sc ) ) ), 'a settings change shows on the next view' );
delete_option( Settings::OPTION );

// ------------------------------------------------------------ the block and the widget
$registry = WP_Block_Type_Registry::get_instance();
dj_t_ok( $registry->is_registered( 'dangjian/stats' ), 'the block dangjian/stats is registered' );
$type = $registry->get_registered( 'dangjian/stats' );
dj_t_same( array(), array_diff( array( 'figures', 'period', 'from', 'to', 'layout', 'chart', 'numbers' ), array_keys( (array) $type->attributes ) ), 'with the shortcode\'s options as attributes' );
dj_t_ok( in_array( 'dangjian-stats-editor', (array) ( $type->editor_script_handles ?? array( $type->editor_script ) ), true ) || 'dangjian-stats-editor' === $type->editor_script, 'and its editor script' );
$deps = wp_scripts()->registered['dangjian-stats-editor']->deps ?? array();
dj_t_same( array(), array_diff( array( 'wp-blocks', 'wp-element', 'wp-components', 'wp-block-editor', 'wp-server-side-render' ), $deps ), 'the editor script uses WordPress\'s globals (no build)' );
$html = do_blocks( '<!-- wp:dangjian/stats {"figures":"party_members,beneficiaries","layout":"list","chart":"venue"} /-->' );
dj_t_ok( str_contains( $html, 'wp-block-dangjian-stats' ) && str_contains( $html, 'data-context="block"' ), 'the block renders on the server' );
dj_t_same( dj_t_figures( do_shortcode( '[dangjian figures="party_members,beneficiaries"]' ) ), dj_t_figures( $html ), 'with the same figures as the shortcode' );
dj_t_ok( str_contains( $html, 'dangjian-showcase--list' ) && str_contains( $html, 'data-chart="venue"' ), 'in its layout, with its chart' );
dj_t_ok( wp_style_is( 'dangjian-showcase', 'enqueued' ), 'the stylesheet is enqueued when a showcase renders' );

global $wp_widget_factory;
dj_t_ok( isset( $wp_widget_factory->widgets['Dangjian\\Stats_Widget'] ), 'the classic widget is registered' );
ob_start();
the_widget(
	'Dangjian\\Stats_Widget',
	array(
		'title'   => '党建<b>成果</b>',
		'figures' => 'party_members,service_hours',
		'period'  => 'this_year',
		'layout'  => 'list',
		'chart'   => 'none',
		'numbers' => 'auto',
	),
	array(
		'before_widget' => '<section class="widget %s">',
		'after_widget'  => '</section>',
		'before_title'  => '<h2>',
		'after_title'   => '</h2>',
	)
);
$html = (string) ob_get_clean();
dj_t_ok( str_contains( $html, 'data-context="widget"' ) && str_contains( $html, '<h2>党建&lt;b&gt;成果&lt;/b&gt;</h2>' ), 'the widget renders, its title escaped', $html );
dj_t_same( dj_t_figures( do_shortcode( '[dangjian figures="party_members,service_hours"]' ) ), dj_t_figures( $html ), 'with the shortcode\'s figures' );
$widget = new Dangjian\Stats_Widget();
$clean  = $widget->update(
	array(
		'title'   => '<script>x</script>标题',
		'figures' => array( 'party_members', 'evil"><script>' ),
		'period'  => 'last_year',
		'from'    => '2024-01-01',
		'layout'  => 'table',
	),
	array()
);
dj_t_same( 'party_members', $clean['figures'], 'the widget keeps only known figures' );
dj_t_same( '', $clean['from'], 'and no date unless the period is custom' );
dj_t_ok( ! str_contains( $clean['title'], '<' ), 'and a plain-text title' );

dj_t_done();

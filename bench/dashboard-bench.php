<?php
/**
 * bench/dashboard-bench.php - the admin's dashboard at the benchmark's scale (issue 11, item 24).
 *
 *   scripts/wp-env.sh run SITE bench/dashboard-bench.php [REPS] [OUT.json] [FROM TO]
 *   e.g. after `bench/mariadb.sh up && bench/mariadb.sh load .work/bench/data-<key>`:
 *        scripts/wp-env.sh run .work/bench/site bench/dashboard-bench.php 11 .work/bench/dashboard.json
 *
 * Runs inside the site (scripts/wp-run.php: WordPress loaded, the extension when wp-env.sh loads it)
 * as its first administrator, and renders, each REPS (11) times, interleaved, with output buffered:
 *   - dashboard: Admin::render_dashboard() for the typed range FROM..TO (default 2024-01-01..
 *                2024-12-31, a year inside bench/gen.php's data): the figures, the three charts, the
 *                reminders (every group's count, its first few people) and the rule warnings;
 *   - first:     the same after a write or on a new day: the reminders' summary (kept in an option
 *                for the data version and the day) made again, the figures computed again from the
 *                kept dataset (object cache emptied): the worst case of a working day;
 *   - people:    the people list of one reminder group (?reminder=overdue, its first page), as the
 *                dashboard's link opens it;
 *   - people_all, activities: the first page of the people list and of the activities list;
 *   - widget:    the WordPress dashboard's widget (Showcase_Dashboard::widget()).
 * The first round (which may load or rebuild the dataset) is reported apart as "cold"; the others
 * give the median and the largest time, and the bytes of HTML. WordPress's admin frame around the
 * page (menu, header, scripts: about 60 KB and a few ms) is not included: bench/web.sh measures
 * whole pages over HTTP. Goal at 100,000 people and 1M activities: the dashboard ≤ 300 ms and
 * ≤ 300 KB; every admin list ≤ 300 ms. Prints one line a measure and the goal's verdict, and
 * writes them as JSON to OUT.json when given. Timings are reported, never asserted.
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit( 2 );

$dj_reps = max( 1, (int) ( $argv[1] ?? 11 ) );
$dj_out  = (string) ( $argv[2] ?? '' );
$dj_from = (string) ( $argv[3] ?? '2024-01-01' );
$dj_to   = (string) ( $argv[4] ?? '2024-12-31' );

require_once ABSPATH . 'wp-admin/includes/admin.php';
require_once dirname( __DIR__ ) . '/php/includes/admin/lists/class-list-table.php';
require_once dirname( __DIR__ ) . '/php/includes/admin/lists/class-people-list-table.php';
require_once dirname( __DIR__ ) . '/php/includes/admin/lists/class-activities-list-table.php';

$dj_admins = get_users(
	array(
		'role'   => 'administrator',
		'number' => 1,
		'fields' => 'ID',
	)
);
wp_set_current_user( (int) ( $dj_admins[0] ?? 1 ) );
set_current_screen( 'toplevel_page_dangjian' );

global $wpdb;
$dj_counts = array(
	'people'     => (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'people' ) ), // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
	'activities' => (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'activities' ) ), // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
);

$dj_pages = array(
	'dashboard'  => static function () use ( $dj_from, $dj_to ) {
		$_GET = array(
			'page' => 'dangjian',
			'from' => $dj_from,
			'to'   => $dj_to,
		);
		Dangjian\Admin::render_dashboard();
	},
	'first'      => static function () use ( $dj_from, $dj_to ) {
		// The first view after a write or on a new day: the reminders' summary made again and the
		// figures computed again from the kept dataset (the object cache emptied).
		delete_option( Dangjian\Reminders::CACHE );
		wp_cache_flush();
		$_GET = array(
			'page' => 'dangjian',
			'from' => $dj_from,
			'to'   => $dj_to,
		);
		Dangjian\Admin::render_dashboard();
	},
	'people'     => static function () {
		$_GET = array(
			'page'     => 'dangjian-people',
			'reminder' => 'overdue',
		);
		$table = new Dangjian\People_List_Table();
		$table->prepare_items();
		$table->display();
	},
	'people_all' => static function () {
		$_GET  = array( 'page' => 'dangjian-people' );
		$table = new Dangjian\People_List_Table();
		$table->prepare_items();
		$table->display();
	},
	'activities' => static function () {
		$_GET  = array( 'page' => 'dangjian-activities' );
		$table = new Dangjian\Activities_List_Table();
		$table->prepare_items();
		$table->display();
	},
	'widget'     => static function () {
		$_GET = array();
		Dangjian\Showcase_Dashboard::widget();
	},
);

$dj_times = array_fill_keys( array_keys( $dj_pages ), array() );
$dj_bytes = array();
$dj_cold  = array();
for ( $dj_i = 0; $dj_i <= $dj_reps; $dj_i++ ) {
	foreach ( $dj_pages as $dj_name => $dj_render ) {
		ob_start();
		$dj_t0 = hrtime( true );
		$dj_render();
		$dj_ms = ( hrtime( true ) - $dj_t0 ) / 1e6;
		$dj_html = (string) ob_get_clean();
		if ( 0 === $dj_i ) {
			$dj_cold[ $dj_name ] = $dj_ms;
			continue;
		}
		$dj_times[ $dj_name ][] = $dj_ms;
		$dj_bytes[ $dj_name ]   = strlen( $dj_html );
		if ( 'dashboard' === $dj_name && 1 === $dj_i ) {
			$dj_items = preg_match_all( '/<li data-person=/', $dj_html );
			$dj_seen  = array();
			preg_match_all( '/<h3>([^<]*) <span class="count">\(([\d,]+)\)<\/span><\/h3>/', $dj_html, $dj_heads, PREG_SET_ORDER );
			foreach ( $dj_heads as $dj_h ) {
				$dj_seen[ $dj_h[1] ] = (int) str_replace( ',', '', $dj_h[2] );
			}
		}
	}
}

$dj_result = array(
	'people'     => $dj_counts['people'],
	'activities' => $dj_counts['activities'],
	'engine'     => Dangjian\Engine::implementation(),
	'range'      => array( $dj_from, $dj_to ),
	'reps'       => $dj_reps,
	'listed'     => $dj_items ?? 0,
	'groups'     => $dj_seen ?? array(),
	'pages'      => array(),
);
foreach ( $dj_times as $dj_name => $dj_list ) {
	sort( $dj_list );
	$dj_result['pages'][ $dj_name ] = array(
		'cold_ms'   => round( $dj_cold[ $dj_name ], 1 ),
		'median_ms' => round( $dj_list[ intdiv( count( $dj_list ), 2 ) ], 1 ),
		'max_ms'    => round( end( $dj_list ), 1 ),
		'bytes'     => $dj_bytes[ $dj_name ],
	);
}
$dj_result['peak_mb'] = round( memory_get_peak_usage() / 1048576, 1 );
$dj_d                 = $dj_result['pages']['dashboard'];
$dj_result['goal']    = array(
	'dashboard_ms_max'    => 300,
	'dashboard_bytes_max' => 300 * 1024,
	'list_ms_max'         => 300,
	'met'                 => $dj_d['median_ms'] <= 300 && $dj_result['pages']['first']['median_ms'] <= 300 && $dj_d['bytes'] <= 300 * 1024
		&& max( $dj_result['pages']['people']['median_ms'], $dj_result['pages']['people_all']['median_ms'], $dj_result['pages']['activities']['median_ms'] ) <= 300,
);

printf( "dashboard-bench: %d people, %d activities, engine %s, %s..%s, %d reps\n", $dj_result['people'], $dj_result['activities'], $dj_result['engine'], $dj_from, $dj_to, $dj_reps );
foreach ( $dj_result['pages'] as $dj_name => $dj_p ) {
	printf( "  %-11s median %7.1f ms  max %7.1f ms  cold %7.1f ms  %8s bytes\n", $dj_name, $dj_p['median_ms'], $dj_p['max_ms'], $dj_p['cold_ms'], number_format( $dj_p['bytes'] ) );
}
foreach ( $dj_result['groups'] as $dj_title => $dj_n ) {
	printf( "  %s: %s (named: at most %d)\n", $dj_title, number_format( $dj_n ), Dangjian\Reminders::SHOWN );
}
printf( "  people named on the dashboard: %d; peak memory %.1f MB\n", $dj_result['listed'], $dj_result['peak_mb'] );
printf( "  goal (dashboard, also on first view, <= 300 ms and <= 300 KB; lists <= 300 ms): %s\n", $dj_result['goal']['met'] ? 'met' : 'NOT met' );
if ( '' !== $dj_out ) {
	file_put_contents( $dj_out, wp_json_encode( $dj_result, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE ) . "\n" );
}

<?php
/**
 * bench/dashboard-bench.php - the admin's dashboard, every admin list and every admin form at the
 * benchmark's scale (issue 11, item 24).
 *
 *   scripts/wp-env.sh run SITE bench/dashboard-bench.php [REPS] [OUT.json] [FROM TO] [ONLY]
 *   e.g. after `bench/mariadb.sh up && bench/mariadb.sh load .work/bench/data-<key>`:
 *        scripts/wp-env.sh run .work/bench/site bench/dashboard-bench.php 7 .work/bench/dashboard.json
 *   ONLY (a PCRE without delimiters, e.g. '^list:activities') measures the matching screens only.
 *
 * Runs inside the site (scripts/wp-run.php: WordPress loaded, the extension when wp-env.sh loads it)
 * as its first administrator, and renders each screen REPS (7) times, interleaved, with output
 * buffered, as the admin's request renders it (Admin_Pages::render() with the request's query):
 *   - dashboard: Admin::render_dashboard() for the typed range FROM..TO (default 2024-01-01..
 *                2024-12-31): the figures, the three charts, the reminders and the rule warnings;
 *   - first:     the same after a write or on a new day (the reminders' summary made again, the
 *                figures computed again from the kept dataset): the worst case of a working day;
 *   - widget:    the WordPress dashboard's widget (Showcase_Dashboard::widget());
 *   - list:ENTITY[:what]: every record list (people, activities, media, honours, headcount,
 *                investments, benefits, plans): its first page; a search; each filter (stage,
 *                category, kind, campaign, level, a year, this year); sorted by each sortable column;
 *                page 500 and the last page; the people of each dashboard reminder group;
 *   - list:ENTITY:after-write: the first page right after a write (the newest record saved again
 *                before each rep, as the list shows after the admin's save): what the kept count
 *                costs when the data version moved;
 *   - form:ENTITY:new|edit: every record form, the activity's with 150 participants;
 *   - settings, import (the import / export and backup page), report, rating.
 * The first round is reported apart as "cold"; the others give the median and the largest time, and
 * the bytes of HTML. WordPress's admin frame (menu, header, scripts: about 60 KB and a few ms) is not
 * included: bench/web.sh measures whole pages over HTTP.
 *
 * Fixture (made once, kept; the rows bench/gen.php does not write): campaigns on a third of the
 * activities (150 names), an activity with 150 participants, and a few thousand rows of media,
 * honours, investments, benefits and ten plans, so that every list and form has rows to show.
 *
 * Goal at 100,000 people and 1M activities: the dashboard ≤ 300 ms and ≤ 300 KB; every admin list
 * and form ≤ 300 ms (the median; the largest is printed beside it). Prints one line a screen and
 * the verdict, and writes them as JSON to OUT.json when given. Timings are reported, never asserted.
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit( 2 );

$dj_reps = max( 1, (int) ( $argv[1] ?? 7 ) );
$dj_out  = (string) ( $argv[2] ?? '' );
$dj_from = (string) ( $argv[3] ?? '2024-01-01' );
$dj_to   = (string) ( $argv[4] ?? '2024-12-31' );
$dj_only = (string) ( $argv[5] ?? '' );

require_once ABSPATH . 'wp-admin/includes/admin.php';
require_once ABSPATH . 'wp-admin/includes/class-wp-list-table.php';
require_once dirname( __DIR__ ) . '/php/includes/admin/lists/class-list-table.php';
foreach ( glob( dirname( __DIR__ ) . '/php/includes/admin/lists/class-*.php' ) as $dj_file ) {
	require_once $dj_file;
}

$dj_admins = get_users(
	array(
		'role'   => 'administrator',
		'number' => 1,
		'fields' => 'ID',
	)
);
wp_set_current_user( (int) ( $dj_admins[0] ?? 1 ) );
set_current_screen( 'toplevel_page_dangjian' );

/**
 * The rows bench/gen.php does not write, made once (see the file's comment).
 *
 * @return array{long_activity:int,campaign:string} The activity with 150 participants, a campaign.
 */
function dj_bench_fixture(): array {
	global $wpdb;
	$a       = Dangjian\Schema::table( 'activities' );
	$written = false;
	// phpcs:disable WordPress.DB.PreparedSQL -- The plugin's own tables, fixed SQL.
	if ( null === $wpdb->get_var( "SELECT id FROM {$a} WHERE project <> '' LIMIT 1" ) ) {
		$wpdb->query( "UPDATE {$a} SET project = CONCAT('社区服务项目', LPAD((id DIV 7) % 150, 3, '0')) WHERE id % 3 = 0" );
		$written = true;
	}
	$small = array(
		'media'       => array( 3000, "(published_on, outlet, level, title, url, notes) SELECT DATE_ADD('2015-01-01', INTERVAL seq % 3900 DAY), CONCAT('报社', seq % 40), ELT(1 + seq % 5, 'central','provincial','city','district','online'), CONCAT('志愿服务报道', seq), CONCAT('https://news.example.cn/', seq), '' FROM seq_1_to_3000" ),
		'honours'     => array( 800, "(awarded_on, title, level, awarded_by, notes) SELECT DATE_ADD('2015-01-01', INTERVAL seq * 5 DAY), CONCAT('先进集体', seq), ELT(1 + seq % 5, 'national','provincial','city','district','other'), CONCAT('评选单位', seq % 30), '' FROM seq_1_to_800" ),
		'investments' => array( 1500, "(invested_on, item, amount, created_at, updated_at) SELECT DATE_ADD('2015-01-01', INTERVAL seq * 2 DAY), CONCAT('活动室设施', seq), 100 + seq % 9000, NOW(), NOW() FROM seq_1_to_1500" ),
		'benefits'    => array( 300, "(name, starts_on, ends_on, created_at, updated_at) SELECT CONCAT('职工福利', seq), DATE_ADD('2015-01-01', INTERVAL seq * 10 DAY), NULL, NOW(), NOW() FROM seq_1_to_300" ),
		'plans'       => array( 10, "(plan_year, min_admit, max_admit, created_at, updated_at) SELECT 2015 + seq, 2, 5, NOW(), NOW() FROM seq_1_to_10" ),
	);
	foreach ( $small as $entity => $spec ) {
		$table = Dangjian\Schema::table( $entity );
		if ( 0 === (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" ) ) {
			$wpdb->query( "INSERT INTO {$table} {$spec[1]}" );
			$written = true;
		}
	}
	$long = (int) $wpdb->get_var( "SELECT id FROM {$a} WHERE title = 'bench: 150 participants' ORDER BY id LIMIT 1" );
	// phpcs:enable
	if ( $written ) {
		Dangjian\Data_Version::bump();
	}
	if ( 0 === $long ) {
		$people = Dangjian\Schema::table( 'people' );
		$ids    = $wpdb->get_col( "SELECT id FROM {$people} WHERE left_on IS NULL ORDER BY id LIMIT 150" ); // phpcs:ignore WordPress.DB.PreparedSQL
		$values = Dangjian\Records::blank( 'activities' );
		$values = array_merge(
			$values,
			array(
				'activity_date' => '2024-06-01',
				'category'      => 'service',
				'kind'          => 'volunteering',
				'title'         => 'bench: 150 participants',
				'hours'         => '2',
				'project'       => '社区服务项目001',
				'participants'  => array_map( static fn( $id ) => array( 'id' => (string) $id, 'hours' => null ), $ids ),
			)
		);
		$long = Dangjian\Records::save( 'activities', $values );
		if ( is_wp_error( $long ) ) {
			fwrite( STDERR, 'dashboard-bench: the 150-participant activity was refused: ' . $long->get_error_message() . ' ' . wp_json_encode( $long->get_error_data() ) . "\n" );
			exit( 1 );
		}
	}
	return array(
		'long_activity' => (int) $long,
		'campaign'      => '社区服务项目042',
	);
}

/**
 * A screen rendered as the admin's request renders it: $_GET and $_REQUEST set to $query.
 *
 * @param array    $query  The query string's arguments.
 * @param callable $render What the admin page calls.
 */
function dj_bench_screen( array $query, callable $render ): Closure {
	return static function () use ( $query, $render ) {
		$_GET     = $query;
		$_REQUEST = $query;
		$render();
	};
}

$dj_fixture = dj_bench_fixture();

global $wpdb;
$dj_counts = array();
foreach ( Dangjian\Records::ENTITIES as $dj_entity ) {
	$dj_counts[ $dj_entity ] = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( $dj_entity ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
}

$dj_pages = array(
	'dashboard' => dj_bench_screen(
		array(
			'page' => 'dangjian',
			'from' => $dj_from,
			'to'   => $dj_to,
		),
		array( Dangjian\Admin::class, 'render_dashboard' )
	),
	'first'     => static function () use ( $dj_from, $dj_to ) {
		// The first view after a write or on a new day: the reminders' summary made again and the
		// figures computed again from the kept dataset (the object cache emptied).
		delete_option( Dangjian\Reminders::CACHE );
		wp_cache_flush();
		$_GET     = array(
			'page' => 'dangjian',
			'from' => $dj_from,
			'to'   => $dj_to,
		);
		$_REQUEST = $_GET;
		Dangjian\Admin::render_dashboard();
	},
	'widget'    => dj_bench_screen( array(), array( Dangjian\Showcase_Dashboard::class, 'widget' ) ),
);

// Every list: the first page, a search, each filter, each sortable column, late pages.
$dj_year    = (string) ( (int) substr( Dangjian\Period::today(), 0, 4 ) - 2 );
$dj_filters = array(
	'people'      => array(
		'search'       => array( 's' => 'p1234' ),
		'search-none'  => array( 's' => '没有这个人' ),
		'stage-full'   => array( 'stage' => 'full' ),
		'stage-cand'   => array( 'stage' => 'candidate' ),
	),
	'activities'  => array(
		'search'        => array( 's' => '新华小学7号' ),
		'category'      => array( 'category' => 'meeting' ),
		'kind'          => array( 'kind' => 'cleanup' ),
		'campaign'      => array( 'project' => $dj_fixture['campaign'] ),
		'year'          => array( 'period' => $dj_year ),
		'this-year'     => array( 'period' => 'this_year' ),
		'kind-year'     => array(
			'kind'   => 'cleanup',
			'period' => $dj_year,
		),
		'search-year'   => array(
			's'      => '新华',
			'period' => $dj_year,
		),
		'sort-participant_count-desc' => array(
			'orderby' => 'participant_count',
			'order'   => 'desc',
		),
		'year-sort-participant_count' => array(
			'period'  => $dj_year,
			'orderby' => 'participant_count',
			'order'   => 'desc',
		),
	),
	'media'       => array(
		'search' => array( 's' => '报道12' ),
		'level'  => array( 'level' => 'city' ),
		'year'   => array( 'period' => $dj_year ),
	),
	'honours'     => array(
		'search' => array( 's' => '先进' ),
		'level'  => array( 'level' => 'city' ),
		'year'   => array( 'period' => $dj_year ),
	),
	'headcount'   => array( 'year' => array( 'period' => $dj_year ) ),
	'investments' => array(
		'search' => array( 's' => '设施1' ),
		'year'   => array( 'period' => $dj_year ),
	),
	'benefits'    => array(
		'search' => array( 's' => '福利' ),
		'year'   => array( 'period' => $dj_year ),
	),
	'plans'       => array(),
);
foreach ( Dangjian\Records::ENTITIES as $dj_entity ) {
	$dj_base = array( 'page' => Dangjian\Admin_Pages::SLUGS[ $dj_entity ] );
	$dj_list = static function () use ( $dj_entity ) {
		Dangjian\Admin_Pages::render( $dj_entity );
	};
	$dj_pages[ "list:{$dj_entity}" ] = dj_bench_screen( $dj_base, $dj_list );
	foreach ( $dj_filters[ $dj_entity ] as $dj_what => $dj_args ) {
		$dj_pages[ "list:{$dj_entity}:{$dj_what}" ] = dj_bench_screen( $dj_base + $dj_args, $dj_list );
	}
	list( $dj_default, $dj_sortable ) = Dangjian\Records::sortable( $dj_entity );
	foreach ( $dj_sortable as $dj_column ) {
		if ( $dj_column !== $dj_default ) {
			$dj_pages[ "list:{$dj_entity}:sort-{$dj_column}" ] = dj_bench_screen( $dj_base + array( 'orderby' => $dj_column, 'order' => 'asc' ), $dj_list );
		}
	}
	$dj_pages[ "list:{$dj_entity}:sort-{$dj_default}-other" ] = dj_bench_screen( $dj_base + array( 'orderby' => $dj_default, 'order' => in_array( $dj_entity, array( 'people', 'headcount' ), true ) ? 'desc' : 'asc' ), $dj_list );
	$dj_last = max( 1, (int) ceil( $dj_counts[ $dj_entity ] / Dangjian\Records::PER_PAGE ) );
	if ( $dj_last > 500 ) {
		$dj_pages[ "list:{$dj_entity}:page-500" ] = dj_bench_screen( $dj_base + array( 'paged' => '500' ), $dj_list );
	}
	$dj_pages[ "list:{$dj_entity}:page-last" ] = dj_bench_screen( $dj_base + array( 'paged' => (string) $dj_last ), $dj_list );
}
foreach ( Dangjian\Reminders::GROUPS as $dj_group ) {
	$dj_pages[ "list:people:reminder-{$dj_group}" ] = dj_bench_screen(
		array(
			'page'     => Dangjian\Admin_Pages::SLUGS['people'],
			'reminder' => $dj_group,
		),
		static function () {
			Dangjian\Admin_Pages::render( 'people' );
		}
	);
}
// The list the admin lands on after a save: the data version moved since the last view (and the
// activities sorted by participants, whose tally follows the write too).
foreach ( array( 'people' => array(), 'activities' => array(), 'activities:sort-participant_count' => array( 'orderby' => 'participant_count', 'order' => 'desc' ) ) as $dj_what => $dj_args ) {
	$dj_entity = strtok( $dj_what, ':' );
	$dj_pages[ "list:{$dj_what}:after-write" ] = array(
		'prepare' => static function () use ( $dj_entity ) {
			// The newest record saved again as it is: a write (an update, the data version moved,
			// its delta recorded), without a pair of add and delete that makes the engine rebuild.
			global $wpdb;
			$id     = (int) $wpdb->get_var( 'SELECT MAX(id) FROM ' . Dangjian\Schema::table( $dj_entity ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
			$values = Dangjian\Records::get( $dj_entity, $id );
			$saved  = null === $values ? 0 : Dangjian\Records::save( $dj_entity, $values, $id );
			if ( is_wp_error( $saved ) || 0 === $saved ) {
				fwrite( STDERR, "dashboard-bench: the {$dj_entity} {$id} could not be saved again\n" );
			}
		},
		'render'  => dj_bench_screen(
			array( 'page' => Dangjian\Admin_Pages::SLUGS[ $dj_entity ] ) + $dj_args,
			static function () use ( $dj_entity ) {
				Dangjian\Admin_Pages::render( $dj_entity );
			}
		),
	);
}

// Every form: new and edit (the newest record; the activity with 150 participants).
foreach ( Dangjian\Records::ENTITIES as $dj_entity ) {
	$dj_base = array( 'page' => Dangjian\Admin_Pages::SLUGS[ $dj_entity ] );
	$dj_form = static function () use ( $dj_entity ) {
		Dangjian\Admin_Pages::render( $dj_entity );
	};
	$dj_pages[ "form:{$dj_entity}:new" ] = dj_bench_screen( $dj_base + array( 'action' => 'new' ), $dj_form );
	$dj_id   = 'activities' === $dj_entity ? $dj_fixture['long_activity'] : (int) $wpdb->get_var( 'SELECT MAX(id) FROM ' . Dangjian\Schema::table( $dj_entity ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
	if ( $dj_id > 0 ) {
		$dj_pages[ "form:{$dj_entity}:edit" ] = dj_bench_screen(
			$dj_base + array(
				'action' => 'edit',
				'id'     => (string) $dj_id,
			),
			$dj_form
		);
	}
}
$dj_pages['settings'] = dj_bench_screen( array( 'page' => Dangjian\Admin_Pages::SETTINGS_SLUG ), array( Dangjian\Admin_Pages::class, 'render_settings' ) );
$dj_pages['import']   = dj_bench_screen( array( 'page' => 'dangjian-import' ), array( Dangjian\Import_Admin::class, 'render' ) );
if ( class_exists( 'Dangjian\\Report_View' ) ) {
	$dj_pages['report'] = dj_bench_screen( array( 'page' => 'dangjian-report' ), array( Dangjian\Report_View::class, 'render' ) );
}
if ( class_exists( 'Dangjian\\Rating_View' ) ) {
	$dj_pages['rating'] = dj_bench_screen( array( 'page' => 'dangjian-rating' ), array( Dangjian\Rating_View::class, 'render' ) );
}

if ( '' !== $dj_only ) {
	$dj_pages = array_filter( $dj_pages, static fn( $name ) => (bool) preg_match( '~' . $dj_only . '~', $name ), ARRAY_FILTER_USE_KEY );
}

$dj_times = array_fill_keys( array_keys( $dj_pages ), array() );
$dj_bytes = array();
$dj_cold  = array();
// Two phases: the screens read only (interleaved), then those that write before each rep (a write
// moves the data version: interleaved with the others, it would make every view a first view).
$dj_phases = array(
	array_filter( $dj_pages, static fn( $page ) => ! is_array( $page ) ),
	array_filter( $dj_pages, static fn( $page ) => is_array( $page ) ),
);
foreach ( $dj_phases as $dj_phase ) {
	for ( $dj_i = 0; $dj_i <= $dj_reps; $dj_i++ ) {
		foreach ( $dj_phase as $dj_name => $dj_page ) {
			if ( count( $dj_times[ $dj_name ] ) >= 2 && min( $dj_times[ $dj_name ] ) > 3000 ) {
				continue; // Far over the goal: two warm reps say enough.
			}
			if ( is_array( $dj_page ) ) {
				$dj_page['prepare']();
				$dj_page = $dj_page['render'];
			}
			ob_start();
			$dj_t0   = hrtime( true );
			$dj_page();
			$dj_ms   = ( hrtime( true ) - $dj_t0 ) / 1e6;
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
}

$dj_result = array(
	'people'     => $dj_counts['people'],
	'activities' => $dj_counts['activities'],
	'rows'       => $dj_counts,
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
$dj_over              = array();
$dj_worst             = array(
	'name'      => '',
	'median_ms' => 0.0,
	'max_ms'    => 0.0,
);
foreach ( $dj_result['pages'] as $dj_name => $dj_p ) {
	if ( in_array( $dj_name, array( 'dashboard', 'first', 'widget' ), true ) ) {
		continue;
	}
	if ( $dj_p['median_ms'] > 300 ) {
		$dj_over[] = $dj_name;
	}
	if ( $dj_p['median_ms'] > $dj_worst['median_ms'] ) {
		$dj_worst = array(
			'name'      => $dj_name,
			'median_ms' => $dj_p['median_ms'],
			'max_ms'    => $dj_p['max_ms'],
		);
	}
	$dj_worst['max_ms'] = max( $dj_worst['max_ms'], $dj_p['max_ms'] );
}
$dj_d              = $dj_result['pages']['dashboard'] ?? null;
$dj_result['goal'] = array(
	'dashboard_ms_max'    => 300,
	'dashboard_bytes_max' => 300 * 1024,
	'list_ms_max'         => 300,
	'screens_over'        => $dj_over,
	'slowest_screen'      => $dj_worst,
	'met'                 => ! $dj_over && ( null === $dj_d || ( $dj_d['median_ms'] <= 300 && $dj_result['pages']['first']['median_ms'] <= 300 && $dj_d['bytes'] <= 300 * 1024 ) ),
);

printf( "dashboard-bench: %d people, %d activities, engine %s, %s..%s, %d reps\n", $dj_result['people'], $dj_result['activities'], $dj_result['engine'], $dj_from, $dj_to, $dj_reps );
foreach ( $dj_result['pages'] as $dj_name => $dj_p ) {
	$dj_flag = in_array( $dj_name, $dj_over, true ) ? '  OVER' : '';
	printf( "  %-34s median %7.1f ms  max %7.1f ms  cold %7.1f ms  %9s bytes%s\n", $dj_name, $dj_p['median_ms'], $dj_p['max_ms'], $dj_p['cold_ms'], number_format( $dj_p['bytes'] ), $dj_flag );
}
foreach ( $dj_result['groups'] as $dj_title => $dj_n ) {
	printf( "  %s: %s (named: at most %d)\n", $dj_title, number_format( $dj_n ), Dangjian\Reminders::SHOWN );
}
printf( "  people named on the dashboard: %d; peak memory %.1f MB\n", $dj_result['listed'], $dj_result['peak_mb'] );
printf( "  slowest list or form: %s, median %.1f ms; largest time of any list or form: %.1f ms\n", $dj_worst['name'], $dj_worst['median_ms'], $dj_worst['max_ms'] );
printf( "  goal (dashboard, also on first view, <= 300 ms and <= 300 KB; every list and form <= 300 ms): %s%s\n", $dj_result['goal']['met'] ? 'met' : 'NOT met', $dj_over ? ' (over: ' . implode( ', ', $dj_over ) . ')' : '' );
if ( '' !== $dj_out ) {
	file_put_contents( $dj_out, wp_json_encode( $dj_result, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE ) . "\n" );
}

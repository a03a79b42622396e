<?php
/**
 * Security of the public showcase (issue 11, items 1–4, 11, 12): one period rule for every public
 * path (whole months, the founding date, within the public window, at most ten years) for anyone
 * without view_dangjian, the shortcode, the block, the block renderer and the widget alike; a bounded
 * set of cached showcases and public figure sets; nothing computed from a stale dataset is cached;
 * engine and database errors only for view_dangjian; the honours total past 500.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Capabilities;
use Dangjian\Data_Version;
use Dangjian\Engine;
use Dangjian\Public_Period;
use Dangjian\Schema;
use Dangjian\Settings;
use Dangjian\Showcase;

dj_t_reset();
delete_option( Settings::OPTION );
delete_option( 'dangjian_profile' );
Showcase::purge();
$y     = (int) wp_date( 'Y' );
$today = Dangjian\Period::today();

/**
 * The data-from / data-to of a rendered showcase.
 *
 * @param string $html The HTML.
 * @return string "FROM..TO"
 */
function dj_t_span( string $html ): string {
	return preg_match( '/data-from="([^"]*)" data-to="([^"]*)"/', $html, $m ) ? $m[1] . '..' . $m[2] : '(none)';
}

// An old applicant (the oldest date recorded), a member who will leave next year, a day's activity.
$old_day = ( $y - 8 ) . '-06-17';
$wpdb->insert( Schema::table( 'people' ), array( 'id' => 1, 'name' => '甲', 'applied_on' => $old_day ) );
$wpdb->insert( Schema::table( 'people' ), array( 'id' => 2, 'name' => '乙', 'admitted_on' => ( $y - 2 ) . '-03-01', 'left_on' => ( $y + 1 ) . '-04-09', 'left_reason' => 'transfer' ) );
$wpdb->insert( Schema::table( 'people' ), array( 'id' => 3, 'name' => '丙', 'applied_on' => ( $y - 1 ) . '-03-05' ) );
foreach ( array( ( $y - 1 ) . '-03-05', ( $y - 1 ) . '-03-20' ) as $i => $day ) {
	$wpdb->insert( Schema::table( 'activities' ), array( 'id' => 10 + $i, 'activity_date' => $day, 'category' => 'service', 'kind' => 'counseling', 'hours' => '2.00', 'title' => 't' ) );
	$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => 10 + $i, 'person_id' => 2 ) );
}
Data_Version::bump();
Engine::forget();

list( $contributor_id, $contributor_pass ) = dj_t_user( 'dj_sec_contributor', 'contributor' );
list( $admin_id )                         = dj_t_user( 'dj_sec_admin', 'administrator' );
$day = ( $y - 1 ) . '-03-05';
$sc  = '[dangjian figures="service_activities,applicants,pipeline" from="' . $day . '" to="' . $day . '"]';

// ------------------------------------------------------------ 1. whole months on every public path
wp_set_current_user( $contributor_id );
dj_t_ok( current_user_can( 'edit_posts' ) && ! current_user_can( Capabilities::VIEW ), 'a contributor edits posts but may not view the records' );
$html = do_shortcode( $sc );
dj_t_same( ( $y - 1 ) . '-03-01..' . ( $y - 1 ) . '-03-31', dj_t_span( $html ), 'shortcode: a contributor\'s one-day period becomes its whole month' );
dj_t_ok( str_contains( $html, 'data-figure="service_activities" data-value="2"' ), '... with the month\'s two activities, not the day\'s one', $html );
dj_t_ok( str_contains( $html, 'data-problem="public_period"' ), '... and a notice saying why' );
$html = Showcase::render( array( 'figures' => 'service_activities', 'period' => 'custom', 'from' => $day, 'to' => $day ), 'block' );
dj_t_same( ( $y - 1 ) . '-03-01..' . ( $y - 1 ) . '-03-31', dj_t_span( $html ), 'block: the same rule' );
ob_start();
( new Dangjian\Stats_Widget() )->widget(
	array( 'before_widget' => '', 'after_widget' => '', 'before_title' => '', 'after_title' => '' ),
	array( 'figures' => 'service_activities', 'period' => 'custom', 'from' => $day, 'to' => $day )
);
dj_t_same( ( $y - 1 ) . '-03-01..' . ( $y - 1 ) . '-03-31', dj_t_span( (string) ob_get_clean() ), 'widget: the same rule' );
wp_set_current_user( 0 );
dj_t_same( ( $y - 1 ) . '-03-01..' . ( $y - 1 ) . '-03-31', dj_t_span( do_shortcode( $sc ) ), 'a visitor: the same whole month' );
wp_set_current_user( $admin_id );
$html = do_shortcode( $sc );
dj_t_same( $day . '..' . $day, dj_t_span( $html ), 'the branch (view_dangjian) gets the day it asked for' );
dj_t_ok( str_contains( $html, 'data-problem="public_period"' ), '... and is told that visitors see another period' );
wp_set_current_user( 0 );
dj_t_same( ( $y - 1 ) . '-03-01..' . ( $y - 1 ) . '-03-31', dj_t_span( do_shortcode( $sc ) ), '... which is never served to a visitor from the cache' );

// The block renderer (the editor's preview through REST), as a contributor.
$route = 'wp/v2/block-renderer/dangjian/stats&context=edit&attributes%5Bfigures%5D=service_activities&attributes%5Bperiod%5D=custom&attributes%5Bfrom%5D=' . $day . '&attributes%5Bto%5D=' . $day;
$r     = dj_t_rest( 'GET', $route, array( 'user' => dj_t_app_password( $contributor_id ) ) );
dj_t_same( 200, $r['status'], 'a contributor gets the block renderer\'s preview', substr( $r['body'], 0, 300 ) );
dj_t_same( ( $y - 1 ) . '-03-01..' . ( $y - 1 ) . '-03-31', dj_t_span( (string) ( $r['json']['rendered'] ?? '' ) ), 'wp/v2/block-renderer: whole months too' );

// The rule for the REST route (Rest_Stats calls Public_Period::for_rest()).
wp_set_current_user( 0 );
$refused = Public_Period::for_rest( array( 'from' => $day, 'to' => $day ) );
dj_t_ok( is_wp_error( $refused ) && isset( $refused->get_error_data()['params']['from'], $refused->get_error_data()['params']['to'] ), 'for REST a one-day period is refused, naming from and to' );
dj_t_ok( is_wp_error( Public_Period::for_rest( array( 'period' => 'this_year', 'as_of' => $today ) ) ), 'for REST as_of is refused to the public' );
dj_t_same( array( 'from' => ( $y - 1 ) . '-03-01', 'to' => ( $y - 1 ) . '-03-31' ), Public_Period::for_rest( array( 'from' => ( $y - 1 ) . '-03-01', 'to' => ( $y - 1 ) . '-03-31' ) ), 'a whole month passes as it is' );

// GET /dangjian/v1/stats: the same rule (Rest_Stats and dangjian_public_stats() call Public_Period).
$r = dj_t_rest( 'GET', 'dangjian/v1/stats&from=' . $day . '&to=' . $day );
dj_t_same( 400, $r['status'], 'REST: a visitor\'s one-day period is refused' );
$r = dj_t_rest( 'GET', 'dangjian/v1/stats&period=all' );
dj_t_same( substr( $old_day, 0, 7 ) . '-01..' . Public_Period::month_end( $today ), ( $r['json']['period']['from'] ?? '' ) . '..' . ( $r['json']['period']['to'] ?? '' ), 'REST: period=all for a visitor runs from the month of the oldest date to the end of this month' );
$r = dj_t_rest( 'GET', 'dangjian/v1/stats&from=' . ( $y - 30 ) . '-01-01&to=' . $y . '-12-31' );
dj_t_same( 400, $r['status'], 'REST: a visitor\'s period over ten years is refused' );

// ------------------------------------------------------------ 2. period=all: no personal date
$all = do_shortcode( '[dangjian figures="applicants" period="all"]' );
dj_t_same( substr( $old_day, 0, 7 ) . '-01..' . Public_Period::month_end( $today ), dj_t_span( $all ), 'period=all for a visitor: from the month of the oldest date to the end of this month (no member\'s own date, no future left_on)' );
dj_t_ok( ! str_contains( $all, $old_day ) && ! str_contains( $all, ( $y + 1 ) . '-04-09' ), '... neither date appears anywhere' );
update_option( 'dangjian_profile', array( 'founded_on' => ( $y - 7 ) . '-09-12' ) );
Data_Version::bump();
$all = do_shortcode( '[dangjian figures="applicants" period="all"]' );
if ( class_exists( '\\Dangjian\\Profile' ) ) {
	dj_t_same( ( $y - 7 ) . '-09-12..' . Public_Period::month_end( $today ), dj_t_span( $all ), 'with a founding date in the profile: all starts on it' );
	$r = Public_Period::resolve( array( 'from' => ( $y - 7 ) . '-09-12', 'to' => ( $y - 7 ) . '-12-31' ) );
	dj_t_same( false, $r['refused'], 'a public period may start on the founding date' );
} else {
	echo "# the Profile class is not loaded: the founding date checks are skipped\n";
}
delete_option( 'dangjian_profile' );
Data_Version::bump();

// ------------------------------------------------------------ 3. a bounded span and a bounded cache
$wide = do_shortcode( '[dangjian figures="service_activities" chart="month" from="1900-01-01" to="2199-12-31"]' );
list( $f, $t ) = explode( '..', dj_t_span( $wide ) );
dj_t_ok( Public_Period::months( $f, $t ) <= 120 && $t <= $y . '-12-31' && $f >= substr( $old_day, 0, 7 ) . '-01', 'a visitor\'s 1900–2199 is bounded: at most ten years, within the branch\'s records and this year', "$f..$t" );
dj_t_ok( substr_count( $wide, '<tr data-key="' ) <= 120, '... so the month chart has at most 120 rows' );
Showcase::purge();
$before = Showcase::$computed;
for ( $i = 0; $i < 230; $i++ ) {
	$from = Public_Period::add_months( ( $y - 7 ) . '-01-01', $i % 80 );
	$to   = Public_Period::month_end( Public_Period::add_months( $from, intdiv( $i, 80 ) ) );
	do_shortcode( '[dangjian figures="service_activities" from="' . $from . '" to="' . $to . '"]' );
}
$stored = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( '_transient_timeout_dangjian_sc_' ) . '%' ) );
dj_t_same( 230, Showcase::$computed - $before, '230 distinct public showcases are computed' );
dj_t_ok( $stored <= Dangjian\Showcase_Cache::MAX_KEYS + 1, 'but at most ' . Dangjian\Showcase_Cache::MAX_KEYS . ' are cached (and the public window)', (string) $stored );

// The engine's figure sets of public queries, in a persistent object cache.
$was = wp_using_ext_object_cache( true );
Data_Version::bump();
Engine::forget();
for ( $i = 0; $i < 230; $i++ ) {
	$from = Public_Period::add_months( ( $y - 7 ) . '-01-01', $i % 80 );
	Engine::stats( array( 'from' => $from, 'to' => Public_Period::month_end( Public_Period::add_months( $from, intdiv( $i, 80 ) ) ) ), true );
}
global $wp_object_cache;
$kept   = 0;
$prefix = 'stats-' . get_option( Engine::KEY_OPTION ) . '-' . Data_Version::get() . '-';
foreach ( array_keys( (array) ( $wp_object_cache->cache[ Engine::CACHE_GROUP ] ?? array() ) ) as $k ) {
	$kept += str_starts_with( (string) $k, $prefix ) ? 1 : 0;
}
wp_using_ext_object_cache( $was );
dj_t_ok( $kept <= Engine::PUBLIC_KEYS, 'public figure sets in a persistent object cache: at most ' . Engine::PUBLIC_KEYS . ' per data version', (string) $kept );

// ------------------------------------------------------------ 4. nothing stale is cached
Showcase::purge();
Engine::forget();
Engine::dataset(); // The current version is kept (or on disk): the older one for the next step.
$lock_file = Engine::cache_dir() . '/rebuild-' . get_option( Engine::KEY_OPTION ) . '.lock';
$holder    = proc_open(
	array( PHP_BINARY, '-r', '$f = fopen($argv[1], "c"); flock($f, LOCK_EX); echo "locked\n"; sleep(60);', $lock_file ),
	array( 1 => array( 'pipe', 'w' ) ),
	$pipes
);
dj_t_same( "locked\n", fgets( $pipes[1] ), 'another process holds the rebuild lock' );
$sc4    = '[dangjian figures="applicants" period="this_year"]';
$before = do_shortcode( $sc4 );
$wpdb->insert( Schema::table( 'people' ), array( 'name' => '丁', 'applied_on' => $y . '-01-01' ) ); // Around Records: a rebuild.
Data_Version::bump();
Engine::forget();
$stale = do_shortcode( $sc4 );
dj_t_ok( Engine::stale(), 'while it rebuilds, the showcase is made from the previous version (stale)' );
dj_t_same( preg_replace( '/dangjian-\d+/', '', $before ), preg_replace( '/dangjian-\d+/', '', $stale ), '... with the previous figures' );
proc_terminate( $holder, 9 );
proc_close( $holder );
Engine::forget();
$after = do_shortcode( $sc4 );
preg_match( '/data-figure="applicants" data-value="(\d+)"/', $before, $b );
preg_match( '/data-figure="applicants" data-value="(\d+)"/', $after, $a );
dj_t_same( (int) ( $b[1] ?? -1 ) + 1, (int) ( $a[1] ?? -1 ), 'once the rebuild is over the next view shows the new applicant: the stale HTML was not cached' );

// ------------------------------------------------------------ 11. errors only for view_dangjian
$secret = 'Dangjian: Table \'secret_db.wp_dangjian_people\' doesn\'t exist';
$throw  = static function () use ( $secret ) {
	throw new RuntimeException( $secret );
};
add_filter( 'dangjian_build_batch', $throw );
Dangjian\Cache::clear();
Data_Version::bump();
Engine::forget();
wp_set_current_user( $contributor_id );
$html = do_shortcode( '[dangjian figures="applicants" period="last_year"]' );
dj_t_ok( str_contains( $html, 'data-problem="stats"' ) && ! str_contains( $html, 'secret_db' ), 'a contributor is told the figures cannot be computed, not the database\'s words', $html );
wp_set_current_user( $admin_id );
Engine::forget();
$html = do_shortcode( '[dangjian figures="applicants" period="last_year"]' );
dj_t_ok( str_contains( $html, 'secret_db' ), 'the branch (view_dangjian) sees the engine\'s message' );
wp_set_current_user( 0 );
Engine::forget();
$html = do_shortcode( '[dangjian figures="applicants" period="last_year"]' );
dj_t_ok( ! str_contains( $html, 'secret_db' ) && ! str_contains( $html, 'dangjian-notice' ), 'a visitor sees nothing of it' );
remove_filter( 'dangjian_build_batch', $throw );
Engine::forget();

// ------------------------------------------------------------ 12. the honours total past 500
$values = array();
for ( $i = 0; $i < 520; $i++ ) {
	$values[] = $wpdb->prepare( '(%s, %s, %s)', sprintf( '%d-%02d-%02d', $y - 1, 1 + $i % 12, 1 + $i % 28 ), '荣誉' . $i, 'city' );
}
$wpdb->query( 'INSERT INTO ' . Schema::table( 'honours' ) . ' (awarded_on, title, level) VALUES ' . implode( ',', $values ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
Data_Version::bump();
$html = do_shortcode( '[dangjian figures="honours" period="last_year" numbers="exact"]' );
dj_t_ok( str_contains( $html, 'data-figure="honours" data-value="520"' ), 'the honours total counts all 520 honours of the year (not the 500 listed)', substr( $html, 0, 400 ) );

dj_t_reset();
Showcase::purge();
dj_t_done();

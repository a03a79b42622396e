<?php
/**
 * The star rating over HTTP and the command line: the 星级创评 screen (forms with their nonce, a
 * refused rubric keeping its typed JSON, view-only users), the .docx download, REST (view_dangjian
 * reads, manage_dangjian writes, 400 naming the path or field) and `wp dangjian rating`.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Rating_Store;

dj_t_reset();
$wpdb->query( 'TRUNCATE TABLE ' . Rating_Store::table() ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
delete_option( Rating_Store::RUBRIC_OPTION );
$wpdb->insert( Dangjian\Schema::table( 'people' ), array( 'id' => 1, 'name' => '甲', 'admitted_on' => '2020-01-01', 'full_on' => '2021-01-01' ) );
foreach ( array( '2025-02-10', '2025-05-10', '2025-08-10', '2025-11-10' ) as $i => $day ) {
	$wpdb->insert( Dangjian\Schema::table( 'activities' ), array( 'id' => $i + 1, 'activity_date' => $day, 'category' => 'meeting', 'kind' => 'branch_assembly', 'title' => 'x', 'hours' => 2 ) );
}
Dangjian\Data_Version::bump();

$page = '/wp-admin/admin.php?page=dangjian-rating&year=2025';
$jar  = dj_t_login( 'admin', dj_t_admin_password() );

/**
 * The fields of the form of one action (and item id) on the screen: its nonce and hidden fields.
 *
 * @param string $html   The page.
 * @param string $action The form's action.
 * @param string $id     The item's id, or ''.
 */
function dj_t_rating_form( string $html, string $action, string $id = '' ): ?array {
	if ( ! preg_match_all( '#<form[^>]*class="dangjian-rating-form dangjian-rating-' . preg_quote( $action, '#' ) . '"[^>]*>(.*?)</form>#s', $html, $m ) ) {
		return null;
	}
	foreach ( $m[1] as $form ) {
		if ( '' !== $id && ! str_contains( $form, 'name="id" value="' . $id . '"' ) ) {
			continue;
		}
		$fields = array();
		preg_match_all( '#<input type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"#', $form, $h, PREG_SET_ORDER );
		foreach ( $h as $x ) {
			$fields[ $x[1] ] = html_entity_decode( $x[2], ENT_QUOTES, 'UTF-8' );
		}
		return $fields;
	}
	return null;
}

$r = dj_t_http( $page, $jar );
dj_t_same( 200, $r['status'], 'the screen opens for the administrator' );
dj_t_ok( str_contains( $r['body'], 'id="dangjian-rating"' ), 'it is the star-rating screen' );
// In Chinese once the rooms' translations are merged into the main .mo (scripts/wp-i18n.sh).
$zh = str_contains( (string) file_get_contents( DANGJIAN_PLUGIN_DIR . '/languages/dangjian-zh_CN.po' ), 'msgstr "星级创评"' );
dj_t_ok( $zh ? str_contains( $r['body'], '<h1>星级创评</h1>' ) : str_contains( $r['body'], '<h1>Star rating</h1>' ), $zh ? 'its title is 星级创评' : 'its title is Star rating (the zh_CN .mo does not hold the rating room yet)' );
dj_t_ok( (bool) preg_match( '#<tr data-item="assembly_quarterly" data-points="4">#', $r['body'] ), 'four general meetings in 2025: the item scores 4' );
dj_t_ok( str_contains( $r['body'], '<svg class="dangjian-rating-chart"' ), 'the history chart is drawn inline' );
$form = dj_t_rating_form( $r['body'], 'item', 'term_election' );
dj_t_ok( null !== $form && '' !== ( $form['_wpnonce'] ?? '' ), 'the manual item has a form with a nonce' );
$total = (float) Rating_Store::row( 2025 )['total'];

$post = static fn( array $form, array $more ) => dj_t_http( $page, $GLOBALS['jar'], array_merge( $form, $more ) );
$r    = $post( $form, array( 'points' => '5', 'note' => '按期换届<b>', 'evidence' => 'https://example.org/minutes.pdf' ) );
dj_t_same( 302, $r['status'], 'scoring a manual item redirects' );
dj_t_ok( str_contains( $r['location'], 'dj_notice=scored' ), 'with the notice', $r['location'] );
$row = Rating_Store::row( 2025 );
dj_t_same( array( 'points' => 5.0, 'note' => '按期换届', 'evidence' => array( 'https://example.org/minutes.pdf' ) ), $row['manual']['items']['term_election'] ?? null, 'the score, its note (markup stripped) and evidence are stored' );
dj_t_same( round( $total + 5, 2 ), (float) $row['total'], 'the total rose by 5' );

$r = $post( array_merge( $form, array( '_wpnonce' => 'bogus' ) ), array( 'points' => '1' ) );
dj_t_same( 403, $r['status'], 'a bad nonce is refused' );
$r = $post( $form, array( 'points' => '9' ) );
dj_t_same( 400, $r['status'], 'points over the maximum are refused' );
// The server speaks the site's language (zh_CN); so does this process: the messages are built alike.
$msg = 'points: "9" ' . sprintf( __( 'must be a number from 0 to %s with at most 2 decimals', 'dangjian' ), '5' );
dj_t_ok( str_contains( $r['body'], esc_html( $msg ) ), 'the refusal names the field', substr( wp_strip_all_tags( $r['body'] ), 0, 300 ) );
dj_t_same( 5.0, Rating_Store::row( 2025 )['manual']['items']['term_election']['points'], 'nothing was stored' );

// A rubric with an error: refused whole, the path named, the typed JSON kept in the box.
$r       = dj_t_http( $page, $jar );
$rform   = dj_t_rating_form( $r['body'], 'rubric' );
$rubric  = Rating_Store::active_rubric();
$rubric['indicators'][2]['items'][1]['figure'] = 'facility_money';
$typed   = wp_json_encode( $rubric, JSON_UNESCAPED_UNICODE );
$option  = get_option( Rating_Store::RUBRIC_OPTION );
$r       = $post( $rform, array( 'rubric_json' => $typed ) );
dj_t_same( 400, $r['status'], 'the rubric with an error is refused' );
$figure_msg = 'indicators[2].items[1].figure: ' . sprintf( __( '%s is not a figure of the catalogue (see docs/RATING.md)', 'dangjian' ), '"facility_money"' );
dj_t_ok( str_contains( $r['body'], esc_html( $figure_msg ) ), 'the refusal names the path' );
dj_t_ok( str_contains( $r['body'], esc_textarea( $typed ) ), 'the typed JSON is kept in the box' );
dj_t_same( $option, get_option( Rating_Store::RUBRIC_OPTION ), 'the active rubric is unchanged' );
$r = $post( $rform, array( 'preset' => 'eight_strict' ) );
dj_t_same( 302, $r['status'], 'choosing a preset saves it' );
wp_cache_flush(); // The option was written by the web server's process.
dj_t_same( 95, Rating_Store::active_rubric()['bands'][0]['min'], 'the stricter bands are active' );
dj_t_same( 90, Rating_Store::row( 2025 )['rubric']['bands'][0]['min'], 'the 2025 assessment keeps its rubric' );

// The .docx download.
preg_match( '#href="([^"]*download=docx[^"]*)"#', dj_t_http( $page, $jar )['body'], $m );
$docx = dj_t_http( html_entity_decode( $m[1] ?? '', ENT_QUOTES ), $jar );
dj_t_ok( 200 === $docx['status'] && str_starts_with( $docx['body'], "PK\x03\x04" ), 'the .docx downloads as a zip', 'HTTP ' . $docx['status'] );
dj_t_same( 403, dj_t_http( '/wp-admin/admin.php?page=dangjian-rating&year=2025&download=docx&_wpnonce=bogus', $jar )['status'], 'the download needs its nonce' );

// A user who may only read.
list( $viewer_id, $viewer_pass ) = dj_t_user( 'dj_rating_viewer', 'subscriber' );
( new WP_User( $viewer_id ) )->add_cap( Dangjian\Capabilities::VIEW );
$vjar = dj_t_login( 'dj_rating_viewer', $viewer_pass );
$r    = dj_t_http( $page, $vjar );
dj_t_same( 200, $r['status'], 'a view_dangjian user opens the screen' );
dj_t_ok( ! str_contains( $r['body'], 'dangjian_rating_action' ), 'without any write form' );
$r = dj_t_http( $page, $vjar, array_merge( $form, array( 'points' => '0' ) ) );
dj_t_same( 403, $r['status'], 'and a write from them is refused' );

// REST.
$ns     = DANGJIAN_REST_NAMESPACE;
$viewer = array( 'user' => dj_t_app_password( $viewer_id ) );
$admin  = array( 'user' => dj_t_app_password( 1 ) );
$r      = dj_t_rest( 'GET', "$ns/rating&year=2025", $viewer );
dj_t_same( 200, $r['status'], 'GET rating for view_dangjian' );
dj_t_same( (float) Rating_Store::row( 2025 )['total'], (float) ( $r['json']['result']['total'] ?? -1 ), 'it gives the stored total' );
dj_t_same( 401, dj_t_rest( 'GET', "$ns/rating&year=2025" )['status'], 'not for a visitor' );
$write = array(
	'year'   => 2025,
	'target' => 'items',
	'id'     => 'secretary_report',
	'points' => 3.5,
	'note'   => '述职评议为好',
);
dj_t_same( 403, dj_t_rest( 'POST', "$ns/rating/manual", $viewer + array( 'json' => $write ) )['status'], 'a view-only user cannot score' );
$r = dj_t_rest( 'POST', "$ns/rating/manual", $admin + array( 'json' => $write ) );
dj_t_same( 200, $r['status'], 'manage_dangjian scores a manual item over REST' );
dj_t_same( 3.5, Rating_Store::row( 2025 )['manual']['items']['secretary_report']['points'] ?? null, 'it is stored' );
$r = dj_t_rest( 'POST', "$ns/rating/manual", $admin + array( 'json' => array( 'points' => 7 ) + $write ) );
dj_t_same( array( 400, 'points: "7" ' . sprintf( __( 'must be a number from 0 to %s with at most 2 decimals', 'dangjian' ), '4' ) ), array( $r['status'], $r['json']['message'] ?? '' ), 'REST refuses points over the maximum, naming the field' );
$r = dj_t_rest( 'PUT', "$ns/rating/rubric", $admin + array( 'json' => array( 'rubric' => $rubric ) ) );
dj_t_same( array( 400, array( $figure_msg ) ), array( $r['status'], $r['json']['data']['errors'] ?? null ), 'REST refuses a rubric with an error, naming the path' );
$r = dj_t_rest( 'POST', "$ns/rating/manual", array( 'jar' => $jar, 'json' => $write ) );
dj_t_same( 401, $r['status'], 'a cookie write without X-WP-Nonce is refused' );

// WP-CLI.
$root = dirname( __DIR__, 2 );
$wp   = trim( dj_t_exec( array( 'bash', $root . '/scripts/wp-cli.sh', 'path' ) )[1] );
$boot = dirname( $wp ) . '/../wp-cli/wp-cli/php/boot-fs.php';
dj_t_ok( is_file( $boot ), 'WP-CLI is installed (scripts/wp-cli.sh)' );
if ( is_file( $boot ) ) {
	$php = escapeshellarg( PHP_BINARY ) . ' -d error_reporting=' . ( E_ALL & ~E_DEPRECATED ) . ( extension_loaded( 'dangjian' ) ? ' -d extension=' . escapeshellarg( $root . '/modules/dangjian.so' ) : '' );
	$cmd = $php . ' ' . escapeshellarg( $boot ) . ' --allow-root --path=' . escapeshellarg( rtrim( ABSPATH, '/' ) ) . ' dangjian rating --year=2025';
	$json = json_decode( (string) shell_exec( $cmd . ' --format=json 2>/dev/null' ), true );
	dj_t_same( array( 2025, (float) Rating_Store::row( 2025 )['total'] ), array( $json['year'] ?? null, (float) ( $json['result']['total'] ?? -1 ) ), 'wp dangjian rating --format=json gives the year\'s assessment' );
	$table = (string) shell_exec( $cmd . ' 2>/dev/null' );
	dj_t_ok( str_contains( $table, 'assembly_quarterly' ) === false && str_contains( $table, '每季度至少召开一次党员大会' ) && (bool) preg_match( '/2025 \(draft\): [\d.]+ of 100 points, \d stars/', $table ), 'the table lists the items and the total', substr( $table, -300 ) );
	exec( $cmd . ' --year=20x5 2>&1', $out, $rc );
	dj_t_ok( 0 !== $rc, 'a bad --year fails' );
}

dj_t_done();

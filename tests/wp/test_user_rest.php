<?php
/**
 * Issue 11, items 27 and 28, for developers and Chinese users of the REST API:
 *  27: one vocabulary of figure names: GET /stats answers "values" under the ids of the report's
 *      catalogue (the paths of dangjian_stats()'s result), dangjian_figure() takes the same ids;
 *      application passwords work; a refused GET says 无权查看, never 无权修改; docs/API.md documents it;
 *  28: WordPress's own argument checks reach a Chinese user in Chinese, naming the field.
 * The zh_CN strings come from the .po files as they are (compiled here), so the test does not
 * depend on the committed .mo being current.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Schema;

$root = dirname( __DIR__, 2 );
$tmp  = tempnam( sys_get_temp_dir(), 'dj-mo-' );
$mo   = $tmp . '.mo'; // WordPress 6.5 loads a translation file by its extension.
$pos  = array_merge( array( $root . '/php/languages/dangjian-zh_CN.po' ), glob( $root . '/php/languages/rooms/*-zh_CN.po' ) );
exec( 'msgcat --use-first ' . implode( ' ', array_map( 'escapeshellarg', $pos ) ) . ' 2>/dev/null | msgfmt -o ' . escapeshellarg( $mo ) . ' - 2>&1', $out, $rc );
dj_t_same( 0, $rc, 'the zh_CN .po files compile', implode( "\n", $out ) );
switch_to_locale( 'zh_CN' );
unload_textdomain( 'dangjian' );
load_textdomain( 'dangjian', $mo );

dj_t_reset();
$y = (int) wp_date( 'Y' );
$wpdb->insert( Schema::table( 'people' ), array( 'id' => 1, 'name' => '党员甲', 'admitted_on' => ( $y - 5 ) . '-03-01', 'full_on' => ( $y - 4 ) . '-03-01' ) );
$wpdb->insert( Schema::table( 'people' ), array( 'id' => 2, 'name' => '申请人乙', 'applied_on' => ( $y - 5 ) . '-01-01' ) );
$wpdb->insert( Schema::table( 'activities' ), array( 'id' => 1, 'activity_date' => $y . '-01-02', 'category' => 'service', 'kind' => 'counseling', 'hours' => '3.00', 'beneficiaries' => 10, 'title' => '义诊' ) );
$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => 1, 'person_id' => 1 ) );
$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => 1, 'person_id' => 2 ) );
Dangjian\Data_Version::bump();
Dangjian\Engine::forget();

$rest = static function ( string $method, string $route, array $params = array() ) {
	$r = new WP_REST_Request( $method, '/dangjian/v1' . $route );
	if ( 'GET' === $method ) {
		$r->set_query_params( $params );
	} else {
		$r->set_body_params( $params );
	}
	$res = rest_do_request( $r );
	return array( $res->get_status(), $res->get_data() );
};

// 27: one vocabulary.
wp_set_current_user( 0 );
list( $status, $body ) = $rest( 'GET', '/stats', array( 'period' => 'this_year' ) );
$stats                 = dangjian_stats( array( 'period' => 'this_year' ) );
$path                  = static function ( array $data, string $id ) {
	foreach ( explode( '.', $id ) as $part ) {
		if ( ! is_array( $data ) || ! array_key_exists( $part, $data ) ) {
			return '(absent)';
		}
		$data = $data[ $part ];
	}
	return $data;
};
dj_t_same( 200, $status, 'GET /stats answers the public' );
dj_t_ok( isset( $body['values'] ) && count( $body['values'] ) >= 10, '27: GET /stats answers "values" keyed by figure ids', wp_json_encode( array_keys( $body['values'] ?? array() ) ) );
$catalogue = Dangjian\Report_Figures::catalogue();
$bad       = array();
foreach ( (array) ( $body['values'] ?? array() ) as $id => $value ) {
	$engine = ! in_array( $id, array( 'media.count', 'honours.count' ), true );
	if ( $engine && $path( $stats, $id ) !== $value ) {
		$bad[] = "$id: " . wp_json_encode( $value ) . ' vs dangjian_stats() ' . wp_json_encode( $path( $stats, $id ) );
	}
	if ( ! isset( $catalogue[ $id ] ) && ! in_array( $id, array( 'service.by_kind', 'service.by_venue_kind', 'service.by_month', 'meetings.by_kind' ), true ) ) {
		$bad[] = "$id is not in the figure catalogue";
	}
}
dj_t_same( array(), $bad, '27: each value is the figure of that id in dangjian_stats() and in the catalogue (docs/FIGURES.md)' );
dj_t_same( $stats['service']['hours'], $body['values']['service.hours'] ?? null, '27: values["service.hours"] is dangjian_stats()["service"]["hours"]' );
dj_t_same( array( 'service.party_volunteer_hours' => 3.0, 'service.volunteer_hours' => 6.0, 'pipeline.applied' => 1, 'media.count' => 2 ), array_filter( dangjian_public_values( array( 'party_volunteer_hours' => 3.0, 'volunteer_hours' => 6.0, 'pipeline' => array( 'applied' => 1 ), 'coverage' => array( 'total' => 2 ) ) ), static fn( $v ) => null !== $v ), '27: dangjian_public_values() names the short names by id' );
dj_t_same( 3.0, (float) dangjian_figure( 'service.party_volunteer_hours', array( 'period' => 'this_year' ) ), '27: dangjian_figure() takes the same ids: service.party_volunteer_hours' );
dj_t_same( $stats['members']['party_members'], dangjian_figure( 'members.party_members', array( 'period' => 'this_year' ) ), '27: members.party_members' );
dj_t_same( 1, dangjian_figure( 'service.activities', array( 'period' => 'this_year', 'kind' => 'counseling' ) ), '27: with a figure argument (kind)' );
$e = dangjian_figure( 'service.hourz', array( 'period' => 'this_year' ) );
dj_t_ok( is_wp_error( $e ) && str_contains( $e->get_error_message(), 'service.hours' ), '27: an unknown id is an error naming the nearest one', is_wp_error( $e ) ? $e->get_error_message() : '' );
$doc = (string) @file_get_contents( $root . '/docs/API.md' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
foreach ( array( 'dangjian_stats(', 'dangjian_figure(', '"values"', 'Application Passwords', 'activity_date', 'FIGURES.md', 'wp dangjian stats' ) as $needle ) {
	dj_t_ok( str_contains( $doc, $needle ), "27: docs/API.md speaks of $needle" );
}

// 27: a refused read is a refused read.
list( $status, $body ) = $rest( 'GET', '/people' );
dj_t_same( 401, $status, '27: GET /people is refused to a visitor' );
dj_t_ok( str_contains( (string) $body['message'], '查看' ) && ! str_contains( (string) $body['message'], '修改' ), '27: in words of reading (无权查看), not of changing', (string) $body['message'] );
list( $status, $body ) = $rest( 'POST', '/people', array( 'name' => 'x' ) );
dj_t_ok( 401 === $status && str_contains( (string) $body['message'], '修改' ), '27: a refused write still says 无权修改', (string) $body['message'] );

// 27: application passwords over HTTP.
$auth = dj_t_app_password( 1 );
$r    = dj_t_http( '/?rest_route=/dangjian/v1/people/1', null, null, array( 'user' => $auth ) );
dj_t_ok( 200 === $r['status'] && str_contains( $r['body'], '"id":1' ), '27: GET /people/1 with an application password', $r['status'] . ' ' . substr( $r['body'], 0, 200 ) );

// 28: the argument checks in Chinese, naming the field.
wp_set_current_user( 1 );
$before                = dj_t_rows( 'people' );
list( $status, $body ) = $rest(
	'POST',
	'/people',
	array(
		'name'       => '新人',
		'gender'     => 'x',
		'is_staff'   => 'maybe',
		'applied_on' => '2024-13-01',
	)
);
dj_t_same( 400, $status, '28: a bad POST is refused' );
dj_t_same( $before, dj_t_rows( 'people' ), '28: and writes nothing' );
$params = (array) ( $body['data']['params'] ?? array() );
dj_t_ok( isset( $params['gender'], $params['is_staff'], $params['applied_on'] ), '28: each bad field is named in data.params', wp_json_encode( $params, JSON_UNESCAPED_UNICODE ) );
foreach ( $params as $param => $message ) {
	dj_t_ok( (bool) preg_match( '/\p{Han}/u', (string) $message ) && ! preg_match( '/\b(is not|must be|of type|one of)\b/', (string) $message ), "28: the message of $param is Chinese", (string) $message );
}
$fields = Dangjian\Fields::form( 'people' );
dj_t_ok( str_contains( (string) ( $params['gender'] ?? '' ), $fields['gender']['label'] ) && str_contains( (string) ( $params['gender'] ?? '' ), 'male' ), '28: the gender message names the field by its label and lists the values', (string) ( $params['gender'] ?? '' ) );
dj_t_ok( (bool) preg_match( '/\p{Han}/u', (string) $body['message'] ), '28: the whole message too', (string) $body['message'] );
list( $status, $body ) = $rest( 'GET', '/people', array( 'per_page' => 'abc' ) );
dj_t_ok( 400 === $status && (bool) preg_match( '/\p{Han}/u', (string) ( $body['data']['params']['per_page'] ?? '' ) ) && ! str_contains( (string) ( $body['data']['params']['per_page'] ?? '' ), 'not of type' ), '28: a bad list argument too', wp_json_encode( $body, JSON_UNESCAPED_UNICODE ) );
wp_set_current_user( 0 );
list( $status, $body ) = $rest( 'GET', '/stats', array( 'period' => 'yesterday' ) );
dj_t_ok( 400 === $status && (bool) preg_match( '/\p{Han}/u', (string) ( $body['data']['params']['period'] ?? '' ) ) && ! str_contains( (string) ( $body['data']['params']['period'] ?? '' ), 'does not match' ), '28: a bad period of the public route too', wp_json_encode( $body, JSON_UNESCAPED_UNICODE ) );

restore_previous_locale();
unlink( $mo );
unlink( $tmp );
dj_t_reset();
dj_t_done();

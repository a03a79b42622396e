<?php
/**
 * The REST API over HTTP: GET /stats public with only the allowed aggregates and validated period
 * arguments; CRUD of people and activities with an application password and with cookie +
 * X-WP-Nonce; the same validation as the forms (400 naming the field, nothing written); every write
 * refused to an anonymous visitor (401), a subscriber (403) and a cookie without a nonce; stored markup
 * escaped in the JSON.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Schema;

dj_t_reset();
delete_option( Dangjian\Settings::OPTION );
$year = (int) wp_date( 'Y' );
$ns   = DANGJIAN_REST_NAMESPACE;
dj_t_same( 'dangjian/v1', $ns, 'the namespace constant' );

$admin_id = (int) get_user_by( 'login', 'admin' )->ID;
$admin    = array( 'user' => dj_t_app_password( $admin_id ) );

// ------------------------------------------------------------------ /stats
$wpdb->insert( Schema::table( 'people' ), array( 'id' => 1, 'name' => '张三', 'phone' => '13800001234', 'is_staff' => 1, 'admitted_on' => ( $year - 2 ) . '-03-01', 'full_on' => ( $year - 1 ) . '-03-01' ) );
$wpdb->insert( Schema::table( 'activities' ), array( 'id' => 1, 'activity_date' => $year . '-01-05', 'category' => 'service', 'kind' => 'counseling', 'title' => '咨询', 'hours' => '2.50', 'beneficiaries' => 7, 'venue_kind' => 'community', 'venue' => '阳光社区' ) );
$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => 1, 'person_id' => 1 ) );
$wpdb->insert( Schema::table( 'honours' ), array( 'awarded_on' => $year . '-01-06', 'title' => '先进基层党组织', 'level' => 'city', 'awarded_by' => '市委' ) );
Dangjian\Data_Version::bump();

$r = dj_t_rest( 'GET', "$ns/stats" );
dj_t_same( 200, $r['status'], 'GET /stats is public' );
dj_t_same( 1, $r['json']['figures']['party_members'] ?? null, 'one party member' );
dj_t_same( 2.5, $r['json']['figures']['service_hours'] ?? null, '2.5 service hours' );
dj_t_same( 1, $r['json']['figures']['honours']['total'] ?? null, 'one honour this year' );
dj_t_ok( ! str_contains( $r['body'], '张三' ) && ! str_contains( $r['body'], '13800001234' ) && ! str_contains( $r['body'], 'top_volunteers' ) && ! str_contains( $r['body'], 'due_for_conversion' ), 'no person in the public figures' );
dj_t_same( $year . '-01-01', $r['json']['period']['from'] ?? null, 'this year by default' );
$r = dj_t_rest( 'GET', "$ns/stats&period=last_year" );
dj_t_same( 0, $r['json']['figures']['service_activities'] ?? null, 'last year: no service' );
$r = dj_t_rest( 'GET', "$ns/stats&from=$year-01-01&to=$year-01-04", $admin );
dj_t_same( array( 200, 0 ), array( $r['status'], $r['json']['figures']['service_activities'] ?? null ), 'a custom range before the activity (the branch may choose any days)' );
$r = dj_t_rest( 'GET', "$ns/stats&from=$year-01-01&to=$year-01-31" );
dj_t_same( array( 200, 1 ), array( $r['status'], $r['json']['figures']['service_activities'] ?? null ), 'a visitor may ask for whole months (January holds the activity of the 5th)' );
// A visitor may not narrow the figures below whole months nor move the roster day: one day's counts
// in a small branch would date a person's admission or departure.
foreach ( array(
	"from=$year-01-01&to=$year-01-04" => array( 'to' ),
	"from=$year-01-02&to=$year-01-31" => array( 'from' ),
	"from=$year-03-05&to=$year-03-05" => array( 'from', 'to' ),
	"as_of=$year-06-01"               => array( 'as_of' ),
) as $query => $named ) {
	$r = dj_t_rest( 'GET', "$ns/stats&$query" );
	dj_t_same( array( 400, $named ), array( $r['status'], array_keys( $r['json']['data']['params'] ?? array() ) ), "a visitor's GET /stats?$query is refused, naming " . implode( ', ', $named ) );
}
update_option( Dangjian\Settings::OPTION, array( 'showcase' => array( 'party_members', 'service_hours' ) ) );
$r = dj_t_rest( 'GET', "$ns/stats" );
dj_t_same( array( 'party_members', 'service_hours' ), array_keys( $r['json']['figures'] ?? array() ), 'only the figures the settings allow' );
delete_option( Dangjian\Settings::OPTION );
foreach ( array(
	'period=yesterday'              => 'period',
	'from=2024-02-30&to=2024-03-01' => 'from',
	'from=2024-01-01&to=tomorrow'   => 'to',
	'from=2024-01-01'               => 'to',
	'from=2024-05-01&to=2024-01-01' => 'from',
	'as_of=1899-01-01'              => 'as_of',
) as $query => $param ) {
	$r      = dj_t_rest( 'GET', "$ns/stats&$query" );
	$params = $r['json']['data']['params'] ?? array();
	dj_t_ok( 400 === $r['status'] && ( isset( $params[ $param ] ) || in_array( $param, (array) $params, true ) ), "GET /stats?$query: 400 naming $param", $r['body'] );
}
$r = dj_t_rest( 'OPTIONS', "$ns/stats" );
dj_t_same( 'dangjian-stats', $r['json']['schema']['title'] ?? null, 'the route publishes its JSON schema' );

// ------------------------------------------------------------- refusals
$count = static function (): array {
	return array( dj_t_rows( 'people' ), dj_t_rows( 'activities' ), dj_t_rows( 'participants' ) );
};
$before  = $count();
$version = Dangjian\Data_Version::get();
$person  = array(
	'name'       => '不该写入',
	'applied_on' => '2024-01-01',
);
$r       = dj_t_rest( 'POST', "$ns/people", array( 'json' => $person ) );
dj_t_same( 401, $r['status'], 'an anonymous POST /people is refused (401)' );
$r = dj_t_rest( 'GET', "$ns/people" );
dj_t_same( 401, $r['status'], 'an anonymous visitor may not list people' );
$r = dj_t_rest( 'GET', "$ns/people/1" );
dj_t_same( 401, $r['status'], 'nor read one' );
$r = dj_t_rest( 'DELETE', "$ns/people/1" );
dj_t_same( 401, $r['status'], 'nor delete one' );
$r = dj_t_rest( 'PUT', "$ns/activities/1", array( 'json' => array( 'hours' => 9 ) ) );
dj_t_same( 401, $r['status'], 'nor change an activity' );

list( $sub_id ) = dj_t_user( 'dj_subscriber', 'subscriber' );
$sub            = array( 'user' => dj_t_app_password( $sub_id ) );
$r              = dj_t_rest( 'POST', "$ns/people", $sub + array( 'json' => $person ) );
dj_t_same( 403, $r['status'], 'a subscriber\'s POST /people is refused (403)' );
$r = dj_t_rest( 'POST', "$ns/activities", $sub + array( 'json' => array( 'activity_date' => '2024-01-01', 'category' => 'service', 'kind' => 'lecture', 'title' => 'x' ) ) );
dj_t_same( 403, $r['status'], 'and POST /activities' );
$r = dj_t_rest( 'DELETE', "$ns/activities/1", $sub );
dj_t_same( 403, $r['status'], 'and DELETE' );
$r = dj_t_rest( 'GET', "$ns/people", $sub );
dj_t_same( 403, $r['status'], 'and may not list people' );

// A logged-in administrator's cookie without the REST nonce counts as no one (WordPress's CSRF rule).
$jar = dj_t_login( 'admin', dj_t_admin_password() );
$r   = dj_t_rest( 'POST', "$ns/people", array( 'jar' => $jar, 'json' => $person ) );
dj_t_same( 401, $r['status'], 'a cookie without X-WP-Nonce is refused' );
$r = dj_t_rest( 'POST', "$ns/people", array( 'jar' => $jar, 'json' => $person, 'headers' => array( 'X-WP-Nonce: bogus' ) ) );
dj_t_same( 403, $r['status'], 'a cookie with a bad nonce is refused' );
dj_t_same( $before, $count(), 'none of the refused requests wrote a row' );
dj_t_same( $version, Dangjian\Data_Version::get(), 'nor bumped the data version' );

// Cookie + X-WP-Nonce works.
$nonce = trim( dj_t_http( '/wp-admin/admin-ajax.php?action=rest-nonce', $jar )['body'] );
$r     = dj_t_rest( 'GET', "$ns/people", array( 'jar' => $jar, 'headers' => array( 'X-WP-Nonce: ' . $nonce ) ) );
dj_t_ok( 200 === $r['status'] && '张三' === ( $r['json'][0]['name'] ?? null ), 'a cookie with the REST nonce lists people', $r['body'] );
unlink( $jar );

// ------------------------------------------------------------- people CRUD
$r = dj_t_rest(
	'POST',
	"$ns/people",
	$admin + array(
		'json' => array(
			'name'         => '李四',
			'gender'       => 'female',
			'is_staff'     => true,
			'applied_on'   => ( $year - 1 ) . '-01-10',
			'activist_on'  => ( $year - 1 ) . '-03-01',
			'candidate_on' => null,
		),
	)
);
dj_t_same( 201, $r['status'], 'POST /people creates (201)' );
$li = (int) ( $r['json']['id'] ?? 0 );
dj_t_ok( $li > 1 && 'activist' === ( $r['json']['stage'] ?? '' ) && true === ( $r['json']['is_staff'] ?? null ) && array_key_exists( 'admitted_on', $r['json'] ) && null === $r['json']['admitted_on'], 'and answers the record: typed, with the stage today', $r['body'] );
dj_t_same( 1, dangjian_stats( array( 'as_of' => $year . '-06-01' ) )['members']['activists'], 'the figures count the new activist' );

$n = $count();
foreach ( array(
	array( array( 'name' => '王五', 'admitted_on' => '2024-02-30' ), 'admitted_on' ),
	array( array( 'name' => '王五', 'activist_on' => '2024-05-01', 'candidate_on' => '2024-01-01' ), 'candidate_on' ),
	array( array( 'name' => '王五', 'gender' => 'robot' ), 'gender' ),
	array( array( 'name' => '王五', 'is_staff' => 'perhaps' ), 'is_staff' ),
	array( array( 'name' => '王五', 'phone' => 'call me' ), 'phone' ),
	array( array( 'gender' => 'male' ), 'name' ),
	array( array( 'name' => str_repeat( '王', 101 ) ), 'name' ),
) as $case ) {
	list( $body, $field ) = $case;
	$r                    = dj_t_rest( 'POST', "$ns/people", $admin + array( 'json' => $body ) );
	$params               = $r['json']['data']['params'] ?? array();
	dj_t_ok( 400 === $r['status'] && ( isset( $params[ $field ] ) || in_array( $field, (array) $params, true ) ), "a bad $field answers 400 naming it", $r['body'] );
}
dj_t_same( $n, $count(), 'and nothing was written' );

$r = dj_t_rest( 'PATCH', "$ns/people/$li", $admin + array( 'json' => array( 'candidate_on' => $year . '-04-01' ) ) );
dj_t_ok( 200 === $r['status'] && $year . '-04-01' === ( $r['json']['candidate_on'] ?? null ) && '李四' === ( $r['json']['name'] ?? null ), 'PATCH changes one field and keeps the others', $r['body'] );
$r = dj_t_rest( 'PUT', "$ns/people/$li", $admin + array( 'json' => array( 'candidate_on' => ( $year - 1 ) . '-02-01' ) ) );
dj_t_ok( 400 === $r['status'] && isset( $r['json']['data']['params']['candidate_on'] ), 'an update that breaks the stage order is refused, naming the field', $r['body'] );
dj_t_same( $year . '-04-01', Dangjian\Records::get( 'people', $li )['candidate_on'], 'and the record is unchanged' );
$r = dj_t_rest( 'GET', "$ns/people/$li", $admin );
dj_t_same( '李四', $r['json']['name'] ?? null, 'GET /people/<id>' );
$r = dj_t_rest( 'GET', "$ns/people/999999", $admin );
dj_t_same( 404, $r['status'], 'a missing person is 404' );
$r = dj_t_rest( 'GET', "$ns/people&search=" . rawurlencode( '李' ), $admin );
dj_t_ok( 200 === $r['status'] && 1 === count( $r['json'] ), 'GET /people?search= finds one', $r['body'] );
$r = dj_t_rest( 'GET', "$ns/people&stage=sideways", $admin );
dj_t_same( 400, $r['status'], 'an unknown stage filter is 400' );

// ---------------------------------------------------------- activities CRUD
$r = dj_t_rest(
	'POST',
	"$ns/activities",
	$admin + array(
		'json' => array(
			'activity_date' => $year . '-02-01',
			'category'      => 'service',
			'kind'          => 'lecture',
			'title'         => '心理健康讲座',
			'hours'         => 2,
			'fee_waived'    => '1500.5',
			'beneficiaries' => 120,
			'venue_kind'    => 'school',
			'venue'         => '第一中学',
			'participants'  => array( 1, array( 'id' => $li, 'hours' => 1.5 ) ),
		),
	)
);
dj_t_same( 201, $r['status'], 'POST /activities creates', $r['body'] );
$act = (int) ( $r['json']['id'] ?? 0 );
dj_t_same( array( array( 'id' => 1, 'hours' => null ), array( 'id' => $li, 'hours' => 1.5 ) ), $r['json']['participants'] ?? null, 'with its participants' );
$s = dangjian_stats( array( 'period' => 'this_year' ) );
dj_t_same( array( 2, 4.5, 2.5 + 2 + 1.5, 1500.5, 127 ), array( $s['service']['activities'], $s['service']['hours'], $s['service']['volunteer_hours'], $s['service']['fee_waived'], $s['service']['beneficiaries'] ), 'the figures follow' );
$n = $count();
foreach ( array(
	array( array( 'hours' => 'lots' ), 'hours' ),
	array( array( 'hours' => -1 ), 'hours' ),
	array( array( 'beneficiaries' => 1.5 ), 'beneficiaries' ),
	array( array( 'kind' => 'committee' ), 'kind' ),
	array( array( 'category' => 'party' ), 'category' ),
	array( array( 'participants' => array( 424242 ) ), 'participants' ),
	array( array( 'participants' => array( 1, 1 ) ), 'participants' ),
	array( array( 'activity_date' => '' ), 'activity_date' ),
	array( array( 'venue' => str_repeat( '校', 70 ) ), 'venue' ),
) as $case ) {
	list( $change, $field ) = $case;
	$body                   = array_merge( array( 'activity_date' => $year . '-02-02', 'category' => 'service', 'kind' => 'lecture', 'title' => 'x' ), $change );
	$r                      = dj_t_rest( 'POST', "$ns/activities", $admin + array( 'json' => $body ) );
	$params                 = $r['json']['data']['params'] ?? array();
	dj_t_ok( 400 === $r['status'] && ( isset( $params[ $field ] ) || in_array( $field, (array) $params, true ) ), 'a bad ' . $field . ' (' . wp_json_encode( $change ) . ') answers 400 naming it', $r['body'] );
}
dj_t_same( $n, $count(), 'and nothing was written' );
$r = dj_t_rest( 'PUT', "$ns/activities/$act", $admin + array( 'json' => array( 'participants' => array( $li ) ) ) );
dj_t_ok( 200 === $r['status'] && 1 === count( $r['json']['participants'] ?? array() ), 'PUT replaces the participants' );
$r = dj_t_rest( 'GET', "$ns/activities&category=service&from=$year-02-01&to=$year-02-28", $admin );
dj_t_ok( 200 === $r['status'] && 1 === count( $r['json'] ) && 1 === ( $r['json'][0]['participant_count'] ?? null ), 'GET /activities filtered by category and period' );
$r = dj_t_rest( 'DELETE', "$ns/activities/$act", $admin );
dj_t_ok( 200 === $r['status'] && true === ( $r['json']['deleted'] ?? null ), 'DELETE /activities/<id>' );
dj_t_same( 1, dangjian_stats( array( 'period' => 'this_year' ) )['service']['activities'], 'the figures follow the delete' );
$r = dj_t_rest( 'DELETE', "$ns/people/$li", $admin );
dj_t_ok( 200 === $r['status'] && '李四' === ( $r['json']['previous']['name'] ?? null ), 'DELETE /people/<id> answers the deleted record' );
dj_t_same( null, Dangjian\Records::get( 'people', $li ), 'the person is gone' );

// ------------------------------------------------------------- escaping
$xss = '<script>alert(1)</script>';
$wpdb->insert( Schema::table( 'people' ), array( 'name' => $xss, 'applied_on' => '2024-01-01' ) );
$evil = (int) $wpdb->insert_id;
$wpdb->insert( Schema::table( 'activities' ), array( 'activity_date' => '2024-01-02', 'category' => 'service', 'kind' => 'lecture', 'title' => $xss, 'venue' => $xss ) );
$evil_act = (int) $wpdb->insert_id;
Dangjian\Data_Version::bump();
foreach ( array( "$ns/people/$evil", "$ns/people", "$ns/activities/$evil_act", "$ns/activities&from=2024-01-01" ) as $route ) {
	$r = dj_t_rest( 'GET', $route, $admin );
	dj_t_ok( 200 === $r['status'] && ! str_contains( $r['body'], '<script' ) && str_contains( $r['body'], '\u003Cscript\u003E' ), "stored markup comes back escaped from $route" );
}
$r = dj_t_rest( 'GET', "$ns/people/$evil", $admin );
dj_t_same( $xss, $r['json']['name'] ?? null, 'and decodes to the same text' );

dj_t_done();

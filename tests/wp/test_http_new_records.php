<?php
/**
 * The screens and routes of the records of issue 10 §2 over HTTP: the facility investment, benefits
 * and plans forms refuse bad input beside the field and keep what was typed, and save good input;
 * the settings screen's branch profile does the same and stores nothing on a refusal; the activity
 * form suggests the campaigns already used and the list filters by campaign; REST creates, lists and
 * refuses (bad values named, anonymous visitors and subscribers refused, nothing written).
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

dj_t_reset();
delete_option( Dangjian\Profile::OPTION );
$year = (int) wp_date( 'Y' );
$ns   = DANGJIAN_REST_NAMESPACE;
$jar  = dj_t_login( 'admin', dj_t_admin_password() );
$page = static fn( string $slug, string $extra = '' ) => '/wp-admin/admin.php?page=' . $slug . $extra;

/**
 * Opens a record form and posts it with its nonce; returns the response.
 */
$submit = static function ( string $entity, array $fields ) use ( $jar, $page ) {
	$url  = $page( 'dangjian-' . $entity, '&action=new' );
	$form = dj_t_http( $url, $jar );
	return dj_t_http(
		$url,
		$jar,
		array(
			'_wpnonce'      => (string) dj_t_input( $form['body'], '_wpnonce' ),
			'dangjian_save' => '1',
			'id'            => '0',
			'dangjian'      => $fields,
		)
	);
};

// ---------------------------------------------------------------- the three forms
foreach ( array( 'investments' => '阵地建设投入', 'benefits' => '员工福利项目', 'plans' => '发展计划' ) as $entity => $title ) {
	$r = dj_t_http( $page( 'dangjian-' . $entity ), $jar );
	dj_t_same( 200, $r['status'], "the $entity list opens" );
	dj_t_ok( str_contains( $r['body'], $title ), "... titled $title in Chinese" );
}
$r = $submit( 'investments', array( 'invested_on' => $year . '-03-01', 'item' => '活动室<b>改造</b>', 'amount' => '一万二' ) );
dj_t_same( 422, $r['status'], 'an investment with an amount in words is shown again (422)' );
dj_t_ok( str_contains( $r['body'], 'data-field="amount"' ), '... the reason beside the amount' );
dj_t_same( '一万二', dj_t_input( $r['body'], 'dangjian[amount]' ), '... the amount as typed is kept' );
dj_t_same( $year . '-03-01', dj_t_input( $r['body'], 'dangjian[invested_on]' ), '... and the date' );
dj_t_same( 0, dj_t_rows( 'investments' ), '... nothing is written' );
$r = $submit( 'investments', array( 'invested_on' => $year . '-03-01', 'item' => '党员活动室改造', 'amount' => '12,000.5' ) );
dj_t_same( 302, $r['status'], 'a good investment is saved (post/redirect/get), its amount typed with a thousands separator' );
dj_t_same( '12000.50', $wpdb->get_var( 'SELECT amount FROM ' . Dangjian\Schema::table( 'investments' ) ), '... with its amount' ); // phpcs:ignore

$r = $submit( 'benefits', array( 'name' => '健康体检', 'starts_on' => '2024-05-01', 'ends_on' => '2024-04-30' ) );
dj_t_ok( 422 === $r['status'] && str_contains( $r['body'], 'data-field="ends_on"' ), 'a benefit ending before it starts is refused beside its end' );
dj_t_same( '健康体检', dj_t_input( $r['body'], 'dangjian[name]' ), '... its name kept' );
dj_t_same( 302, $submit( 'benefits', array( 'name' => '健康体检', 'starts_on' => '2024-05-01' ) )['status'], 'a benefit still in force is saved' );

$r = $submit( 'plans', array( 'plan_year' => (string) $year, 'min_admit' => '5', 'max_admit' => '3' ) );
dj_t_ok( 422 === $r['status'] && str_contains( $r['body'], 'data-field="max_admit"' ), 'a plan whose highest number is below its lowest is refused beside the highest' );
dj_t_same( '5', dj_t_input( $r['body'], 'dangjian[min_admit]' ), '... the numbers as typed kept' );
dj_t_same( 302, $submit( 'plans', array( 'plan_year' => (string) $year, 'min_admit' => '2', 'max_admit' => '3' ) )['status'], 'a good plan is saved' );
$r = $submit( 'plans', array( 'plan_year' => (string) $year, 'min_admit' => '1', 'max_admit' => '1' ) );
dj_t_ok( 422 === $r['status'] && str_contains( $r['body'], 'data-field="plan_year"' ), 'a second plan for the year is refused beside the year' );
dj_t_same( 1, dj_t_rows( 'plans' ), '... one plan stays' );

// ---------------------------------------------------------------- hired_on, campaigns
$r = dj_t_http( $page( 'dangjian-people', '&action=new' ), $jar );
dj_t_ok( str_contains( $r['body'], 'name="dangjian[hired_on]"' ) && str_contains( $r['body'], '入职日期' ), 'the person form has the hire date (入职日期)' );
$wpdb->insert( Dangjian\Schema::table( 'activities' ), array( 'activity_date' => $year . '-02-01', 'category' => 'service', 'kind' => 'crisis_aid', 'title' => '洪灾援助', 'project' => '临江洪灾心理援助专项行动' ) );
$wpdb->insert( Dangjian\Schema::table( 'activities' ), array( 'activity_date' => $year . '-02-02', 'category' => 'service', 'kind' => 'lecture', 'title' => '普通讲座' ) );
Dangjian\Data_Version::bump();
$r = dj_t_http( $page( 'dangjian-activities', '&action=new' ), $jar );
dj_t_ok( (bool) preg_match( '/<input[^>]*name="dangjian\[project\]"[^>]*list="([^"]+)"/', $r['body'], $m ), 'the campaign is a text input with a list of suggestions' );
dj_t_ok( isset( $m[1] ) && (bool) preg_match( '/<datalist id="' . preg_quote( $m[1], '/' ) . '">.*临江洪灾心理援助专项行动/su', $r['body'] ), '... which holds the campaigns already used' );
$r = dj_t_http( $page( 'dangjian-activities', '&project=' . rawurlencode( '临江洪灾心理援助专项行动' ) ), $jar );
dj_t_ok( str_contains( $r['body'], '洪灾援助' ) && ! str_contains( $r['body'], '普通讲座' ), 'the activity list filters by campaign' );
dj_t_ok( (bool) preg_match( '/<option value="临江洪灾心理援助专项行动" selected/u', $r['body'] ), '... and shows the chosen campaign' );

// ---------------------------------------------------------------- settings: the profile
$url  = $page( 'dangjian-settings' );
$form = dj_t_http( $url, $jar );
dj_t_ok( str_contains( $form['body'], 'name="dangjian_profile[founded_on]"' ), 'the settings screen has the branch profile' );
$post = array(
	'_wpnonce'               => (string) dj_t_input( $form['body'], '_wpnonce' ),
	'dangjian_settings_save' => '1',
	'dangjian_settings'      => array( 'organisation' => '心理咨询师协会党支部', 'numbers' => 'auto' ),
	'dangjian_profile'       => array(
		'name'       => '中共江城市心理咨询师协会支部委员会',
		'parent_org' => '中共东湖区社会组织综合委员会',
		'founded_on' => '2016-13-01',
	),
);
$r = dj_t_http( $url, $jar, $post );
dj_t_same( 422, $r['status'], 'a profile with a bad founding date is shown again (422)' );
dj_t_ok( str_contains( $r['body'], 'data-field="profile_founded_on"' ), '... the reason beside the founding date' );
dj_t_same( '中共江城市心理咨询师协会支部委员会', dj_t_input( $r['body'], 'dangjian_profile[name]' ), '... the name as typed kept' );
dj_t_same( '2016-13-01', dj_t_input( $r['body'], 'dangjian_profile[founded_on]' ), '... and the date' );
dj_t_same( '', Dangjian\Profile::get()['name'], '... nothing stored' );
$post['dangjian_profile']['founded_on'] = '2016-03-15';
$r                                       = dj_t_http( $url, $jar, $post );
dj_t_same( 302, $r['status'], 'a good profile is saved with the settings' );
wp_cache_flush(); // The server wrote the option; this process cached it as absent.
dj_t_same( '2016-03-15', Dangjian\Profile::get()['founded_on'], '... and stored' );

// ---------------------------------------------------------------- REST
$admin_id = (int) get_user_by( 'login', 'admin' )->ID;
$admin    = array( 'user' => dj_t_app_password( $admin_id ) );
$r        = dj_t_rest( 'POST', "$ns/plans", $admin + array( 'json' => array( 'plan_year' => $year + 1, 'min_admit' => 3, 'max_admit' => 5 ) ) );
dj_t_same( 201, $r['status'], 'POST /plans creates a plan' );
dj_t_same( array( $year + 1, 3, 5 ), array( $r['json']['plan_year'] ?? null, $r['json']['min_admit'] ?? null, $r['json']['max_admit'] ?? null ), '... typed as numbers' );
$r = dj_t_rest( 'POST', "$ns/investments", $admin + array( 'json' => array( 'invested_on' => '2025-02-30', 'item' => '设备', 'amount' => 10 ) ) );
dj_t_ok( 400 === $r['status'] && isset( $r['json']['data']['params']['invested_on'] ), 'POST /investments with a date that does not exist is refused, naming the field', $r['body'] );
$r = dj_t_rest( 'POST', "$ns/investments", $admin + array( 'json' => array( 'invested_on' => '2025-02-01', 'item' => '设备', 'amount' => '一千' ) ) );
dj_t_ok( 400 === $r['status'] && isset( $r['json']['data']['params']['amount'] ), 'POST /investments with an amount in words is refused by the record\'s checks, naming the field', $r['body'] );
dj_t_same( 1, dj_t_rows( 'investments' ), '... nothing written' );
$r = dj_t_rest( 'GET', "$ns/investments", $admin );
dj_t_same( array( '党员活动室改造' ), array_column( (array) $r['json'], 'item' ), 'GET /investments lists them' );
$r = dj_t_rest( 'GET', "$ns/activities&project=" . rawurlencode( '临江洪灾心理援助专项行动' ), $admin );
dj_t_same( array( '洪灾援助' ), array_column( (array) $r['json'], 'title' ), 'GET /activities filters by campaign' );
$n = dj_t_rows( 'benefits' );
$r = dj_t_rest( 'POST', "$ns/benefits", array( 'json' => array( 'name' => '不该写入', 'starts_on' => '2024-01-01' ) ) );
dj_t_same( 401, $r['status'], 'an anonymous POST /benefits is refused (401)' );
list( $sub_id ) = dj_t_user( 'dj_subscriber', 'subscriber' );
$r              = dj_t_rest( 'POST', "$ns/benefits", array( 'user' => dj_t_app_password( $sub_id ), 'json' => array( 'name' => '不该写入', 'starts_on' => '2024-01-01' ) ) );
dj_t_same( 403, $r['status'], 'a subscriber\'s POST /benefits is refused (403)' );
dj_t_same( $n, dj_t_rows( 'benefits' ), '... nothing written' );

delete_option( Dangjian\Profile::OPTION );
dj_t_reset();
dj_t_done();

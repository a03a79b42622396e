<?php
/**
 * The record screens over HTTP, as a browser uses them: forms posted with the nonce scraped from the
 * page; a rejected form shown again with the reason beside the field and every value kept; saves,
 * edits, deletes and bulk deletes, and the figures that follow; every write refused (403, nothing
 * written) to a subscriber, to an anonymous visitor, to a reader with view_dangjian only, and without
 * a valid nonce; lists searched, filtered, sorted and paged; stored markup escaped on every screen; no
 * English left with the site in Chinese.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Schema;

dj_t_reset();
delete_option( Dangjian\Settings::OPTION );
$year = (int) wp_date( 'Y' );

$page = static fn( string $entity, string $extra = '' ) => '/wp-admin/admin.php?page=dangjian-' . $entity . $extra;
$jar  = dj_t_login( 'admin', dj_t_admin_password() );

/**
 * Opens a form and posts it with its nonce; returns the response.
 */
$submit = static function ( string $entity, array $fields, int $id = 0, array $extra = array() ) use ( $jar, $page ) {
	$url  = $page( $entity, $id ? '&action=edit&id=' . $id : '&action=new' );
	$form = dj_t_http( $url, $jar );
	$post = array_merge(
		array(
			'_wpnonce'      => (string) dj_t_input( $form['body'], '_wpnonce' ),
			'dangjian_save' => '1',
			'id'            => (string) $id,
			'dangjian'      => $fields,
		),
		$extra
	);
	return dj_t_http( $url, $jar, $post );
};

// ---------------------------------------------------------------- add a person
$form = dj_t_http( $page( 'people', '&action=new' ), $jar );
dj_t_same( 200, $form['status'], 'the add form opens' );
dj_t_ok( null !== dj_t_input( $form['body'], '_wpnonce' ), 'it carries a nonce' );
$party_before = dangjian_stats()['members']['party_members'];
$r            = $submit(
	'people',
	array(
		'name'        => '王小明',
		'gender'      => 'male',
		'phone'       => '13800009999',
		'is_staff'    => '1',
		'admitted_on' => ( $year - 1 ) . '-03-01',
		'full_on'     => $year . '-03-01',
	)
);
dj_t_same( 302, $r['status'], 'a good form redirects (post/redirect/get)' );
dj_t_ok( str_contains( $r['location'], 'page=dangjian-people' ) && str_contains( $r['location'], 'dj_notice=added' ), 'to the list with a notice', $r['location'] );
$person = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT id FROM ' . Schema::table( 'people' ) . ' WHERE name = %s', '王小明' ) ); // phpcs:ignore
dj_t_ok( $person > 0, 'the person is in the table' );
dj_t_same( $party_before + 1, dangjian_stats()['members']['party_members'], 'the figures count the new party member' );
$list = dj_t_http( $r['location'], $jar );
dj_t_ok( str_contains( $list['body'], 'data-notice="added"' ) && str_contains( $list['body'], '已添加记录' ), 'the list says the record was added (in Chinese)' );

// ------------------------------------------------ a rejected form keeps everything
$n = dj_t_rows( 'people' );
$r = $submit(
	'people',
	array(
		'name'         => '李 "引号" 小红',
		'gender'       => 'female',
		'phone'        => '13800008888',
		'notes'        => '第一行备注',
		'activist_on'  => '2024-05-01',
		'candidate_on' => '2024-03-01',
		'birth_date'   => '1990-13-01',
	)
);
dj_t_same( 422, $r['status'], 'a rejected form is shown again (422), not redirected' );
dj_t_same( $n, dj_t_rows( 'people' ), 'nothing is written' );
dj_t_same( '李 "引号" 小红', dj_t_input( $r['body'], 'dangjian[name]' ), 'the typed name is kept' );
dj_t_same( '13800008888', dj_t_input( $r['body'], 'dangjian[phone]' ), 'the typed phone is kept' );
dj_t_same( '1990-13-01', dj_t_input( $r['body'], 'dangjian[birth_date]' ), 'the bad date is kept as typed' );
dj_t_same( '2024-03-01', dj_t_input( $r['body'], 'dangjian[candidate_on]' ), 'the date out of order is kept' );
dj_t_ok( str_contains( $r['body'], '第一行备注</textarea>' ), 'the notes are kept' );
dj_t_ok( (bool) preg_match( '/<option value="female" selected/', $r['body'] ), 'the chosen gender is kept' );
dj_t_ok( (bool) preg_match( '/data-field="birth_date"[^>]*>.*日期/u', $r['body'] ), 'the reason is beside the birth date (in Chinese)' );
dj_t_ok( (bool) preg_match( '/data-field="candidate_on"[^>]*>.*2024-05-01/u', $r['body'] ), 'the reason beside the candidate date names the date it must follow' );
dj_t_ok( (bool) preg_match( '/id="dangjian-birth_date"[^>]*aria-invalid="true"/', $r['body'] ), 'the field is marked invalid' );

// ---------------------------------------------------------------- edit a person
$r = $submit(
	'people',
	array(
		'name'        => '王小明',
		'gender'      => 'male',
		'phone'       => '13800009999',
		'admitted_on' => ( $year - 1 ) . '-03-01',
		'full_on'     => $year . '-03-01',
		'left_on'     => $year . '-01-15',
		'left_reason' => 'transfer',
	),
	$person
);
dj_t_ok( 302 === $r['status'] && str_contains( $r['location'], 'dj_notice=updated' ), 'an edit saves and redirects', (string) $r['status'] );
$row = Dangjian\Records::get( 'people', $person );
dj_t_same( array( '0', $year . '-01-15', 'transfer' ), array( $row['is_staff'], $row['left_on'], $row['left_reason'] ), 'the unticked staff box and the leaving are saved' );
dj_t_same( $party_before, dangjian_stats( array( 'as_of' => $year . '-06-01' ) )['members']['party_members'], 'a member who left is no longer counted' );

// -------------------------------------------------------- an activity, with participants
$r = $submit(
	'activities',
	array(
		'activity_date' => $year . '-01-10',
		'category'      => 'service',
		'kind'          => 'counseling',
		'title'         => '社区公益咨询',
		'hours'         => '3',
		'fee_waived'    => '600',
		'beneficiaries' => '9',
		'venue_kind'    => 'community',
		'venue'         => '阳光社区',
	),
	0,
	array(
		'participants'      => array( (string) $person ),
		'participant_hours' => array( (string) $person => '2.5' ),
	)
);
dj_t_same( 302, $r['status'], 'an activity with a participant is saved' );
$activity = (int) $wpdb->get_var( 'SELECT MAX(id) FROM ' . Schema::table( 'activities' ) ); // phpcs:ignore
$s        = dangjian_stats( array( 'period' => 'this_year' ) );
dj_t_same( array( 1, 3.0, 2.5, 600.0, 9 ), array( $s['service']['activities'], $s['service']['hours'], $s['service']['volunteer_hours'], $s['service']['fee_waived'], $s['service']['beneficiaries'] ), 'the figures follow: 1 activity, 3 h, 2.5 volunteer hours, 600 yuan, 9 people' );
$edit = dj_t_http( $page( 'activities', '&action=edit&id=' . $activity ), $jar );
dj_t_ok( (bool) preg_match( '/name="participants\[\]" value="' . $person . '" checked/', $edit['body'] ), 'the edit form ticks the participant' );
dj_t_same( '2.5', dj_t_input( $edit['body'], 'participant_hours[' . $person . ']' ), 'with their hours' );
$r = $submit( 'activities', array( 'activity_date' => $year . '-01-10', 'category' => 'meeting', 'kind' => 'counseling', 'title' => '', 'hours' => 'abc' ), 0, array( 'participants' => array( '999999' ) ) );
dj_t_same( 422, $r['status'], 'a bad activity is refused' );
foreach ( array( 'kind', 'title', 'hours', 'participants' ) as $field ) {
	dj_t_ok( str_contains( $r['body'], 'data-field="' . $field . '"' ), "the reason is shown beside $field" );
}
dj_t_same( 'abc', dj_t_input( $r['body'], 'dangjian[hours]' ), 'the bad hours are kept as typed' );

// --------------------------------------------------------- media, honours, headcount
$r = $submit( 'media', array( 'published_on' => $year . '-02-01', 'outlet' => '市日报', 'level' => 'city', 'title' => '党员咨询师进社区', 'url' => 'https://example.org/a' ) );
dj_t_same( 302, $r['status'], 'a media report is saved' );
$r = $submit( 'honours', array( 'awarded_on' => $year . '-02-02', 'title' => '先进基层党组织', 'level' => 'city', 'awarded_by' => '市委' ) );
dj_t_same( 302, $r['status'], 'an honour is saved' );
$r = $submit( 'headcount', array( 'point_date' => $year . '-01-01', 'staff_count' => '20' ) );
dj_t_same( 302, $r['status'], 'a headcount is saved' );
$r = $submit( 'headcount', array( 'point_date' => $year . '-01-01', 'staff_count' => '21' ) );
dj_t_ok( 422 === $r['status'] && str_contains( $r['body'], 'data-field="point_date"' ), 'a second headcount on the same date is refused beside the date' );
dj_t_same( 1, dj_t_rows( 'headcount' ), 'one headcount point' );
dj_t_same( 20, dangjian_stats()['members']['staff_headcount'], 'the staff headcount follows' );
$dash = dj_t_http( '/wp-admin/admin.php?page=dangjian', $jar );
dj_t_ok( str_contains( $dash['body'], 'data-figure="coverage.total">1<' ) && str_contains( $dash['body'], 'data-figure="honours.total">1<' ), 'the dashboard counts the report and the honour' );

// ------------------------------------------------------------------- deletes
$media = (int) $wpdb->get_var( 'SELECT MAX(id) FROM ' . Schema::table( 'media' ) ); // phpcs:ignore
$r     = dj_t_http( $page( 'media', '&action=delete&id=' . $media . '&_wpnonce=bogus' ), $jar );
dj_t_same( 403, $r['status'], 'a delete with a bad nonce is refused (403)' );
dj_t_same( 1, dj_t_rows( 'media' ), 'and deletes nothing' );
$list = dj_t_http( $page( 'media' ), $jar );
dj_t_ok( (bool) preg_match( '/href="([^"]*action=delete[^"]*)"/', $list['body'], $m ), 'the list has a delete link' );
$r = dj_t_http( html_entity_decode( $m[1] ?? '' ), $jar );
dj_t_ok( 302 === $r['status'] && str_contains( $r['location'], 'dj_notice=deleted' ), 'the delete link deletes', (string) $r['status'] );
dj_t_same( 0, dj_t_rows( 'media' ), 'the report is gone' );

// Bulk delete of people: the list's own nonce.
foreach ( array( '甲一', '甲二', '甲三' ) as $name ) {
	$submit( 'people', array( 'name' => $name, 'applied_on' => $year . '-01-02' ) );
}
$ids  = array_map( 'intval', $wpdb->get_col( 'SELECT id FROM ' . Schema::table( 'people' ) . " WHERE name LIKE '甲%'" ) ); // phpcs:ignore
$list = dj_t_http( $page( 'people' ), $jar );
$bulk = (string) dj_t_input( $list['body'], '_wpnonce' );
$r    = dj_t_http( $page( 'people', '&action=delete&ids[]=' . $ids[0] . '&ids[]=' . $ids[1] ), $jar );
dj_t_same( 403, $r['status'], 'a bulk delete without the nonce is refused' );
$r = dj_t_http( $page( 'people', '&action=delete&_wpnonce=' . rawurlencode( $bulk ) . '&ids[]=' . $ids[0] . '&ids[]=' . $ids[1] ), $jar );
dj_t_ok( 302 === $r['status'] && str_contains( $r['location'], 'dj_count=2' ), 'the bulk delete deletes two', $r['location'] );
dj_t_same( 1, (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Schema::table( 'people' ) . " WHERE name LIKE '甲%'" ), 'one of the three is left' ); // phpcs:ignore
$list = dj_t_http( $r['location'], $jar );
dj_t_ok( str_contains( $list['body'], '已删除 2 条记录' ), 'the notice says two were deleted', '' );

// ------------------------------------------------------- lists: search, filters, sort, pages
for ( $i = 1; $i <= 22; $i++ ) {
	$wpdb->insert( Schema::table( 'people' ), array( 'name' => sprintf( '乙%02d', $i ), 'applied_on' => sprintf( '%d-01-%02d', $year - 1, $i ) ) );
}
Dangjian\Data_Version::bump();
$r = dj_t_http( $page( 'people', '&s=' . rawurlencode( '乙07' ) ), $jar );
dj_t_ok( str_contains( $r['body'], '乙07' ) && ! str_contains( $r['body'], '乙08' ), 'search finds one person' );
$r = dj_t_http( $page( 'people', '&stage=applicant&orderby=name&order=desc' ), $jar );
dj_t_ok( strpos( $r['body'], '乙22' ) < strpos( $r['body'], '乙21' ) && ! str_contains( $r['body'], '王小明' ), 'filtered by stage, sorted by name descending' );
$r = dj_t_http( $page( 'people', '&stage=applicant&orderby=name&order=asc&paged=2' ), $jar );
dj_t_ok( str_contains( $r['body'], '乙21' ) && ! str_contains( $r['body'], '乙05' ), 'the second page' );
$r = dj_t_http( $page( 'activities', '&category=meeting' ), $jar );
dj_t_ok( ! str_contains( $r['body'], '社区公益咨询' ), 'the meeting filter hides the service activity' );
$r = dj_t_http( $page( 'activities', '&period=last_year' ), $jar );
dj_t_ok( ! str_contains( $r['body'], '社区公益咨询' ), 'last year\'s list hides this year\'s activity' );
$r = dj_t_http( $page( 'activities', '&period=custom&from=' . $year . '-01-01&to=' . $year . '-01-31' ), $jar );
dj_t_ok( str_contains( $r['body'], '社区公益咨询' ), 'a custom range shows it' );

// ---------------------------------------------------------------- settings
$form = dj_t_http( '/wp-admin/admin.php?page=dangjian-settings', $jar );
dj_t_same( 200, $form['status'], 'the settings page opens' );
$post = array(
	'_wpnonce'               => (string) dj_t_input( $form['body'], '_wpnonce' ),
	'dangjian_settings_save' => '1',
	'dangjian_settings'      => array(
		'organisation'  => '测试协会党支部',
		'meeting_rules' => array( 'committee' => 'quarter', 'theme_day' => 'none' ),
		'showcase'      => array( 'party_members', 'service_hours' ),
	),
);
$r    = dj_t_http( '/wp-admin/admin.php?page=dangjian-settings', $jar, $post );
dj_t_ok( 302 === $r['status'] && str_contains( $r['location'], 'dj_notice=saved' ), 'the settings are saved' );
wp_cache_flush(); // The server wrote the option; this process cached it as absent.
$set = Dangjian\Settings::get();
dj_t_same( array( '测试协会党支部', 'quarter', 'none', array( 'party_members', 'service_hours' ) ), array( $set['organisation'], $set['meeting_rules']['committee'], $set['meeting_rules']['theme_day'], $set['showcase'] ), 'as posted' );
dj_t_same( array( 'committee' => 'quarter' ), array_intersect_key( Dangjian\Settings::meeting_rules(), array( 'committee' => 1, 'theme_day' => 1 ) ), 'the engine gets the new frequencies, without the unchecked kind' );
$post['dangjian_settings']['meeting_rules']['committee'] = 'weekly';
$r = dj_t_http( '/wp-admin/admin.php?page=dangjian-settings', $jar, $post );
dj_t_ok( 422 === $r['status'] && str_contains( $r['body'], 'data-field="meeting_rules_committee"' ), 'an unknown frequency is refused beside its field' );
wp_cache_flush();
dj_t_same( 'quarter', Dangjian\Settings::get()['meeting_rules']['committee'], 'and not saved' );
delete_option( Dangjian\Settings::OPTION );

// ------------------------------------------ no English on any screen, in Chinese
$screens = array(
	'/wp-admin/admin.php?page=dangjian',
	'/wp-admin/admin.php?page=dangjian&period=custom&from=' . $year . '-01-01&to=' . $year . '-06-30',
	$page( 'people' ),
	$page( 'people', '&action=new' ),
	$page( 'people', '&action=edit&id=' . $person ),
	$page( 'activities' ),
	$page( 'activities', '&action=edit&id=' . $activity ),
	$page( 'media' ),
	$page( 'media', '&action=new' ),
	$page( 'honours' ),
	$page( 'honours', '&action=new' ),
	$page( 'headcount' ),
	$page( 'headcount', '&action=new' ),
	'/wp-admin/admin.php?page=dangjian-settings',
);
$english = array( 'People', 'Activities', 'Add a person', 'Stage today', 'Save changes', 'Back to the list', 'Public service', 'Reminders', 'Rule warnings', 'Search', 'Delete', 'Edit', 'Filter', 'Custom range', 'Settings', 'Headcount', 'Honours', 'Media coverage', 'Participants', 'Hours', 'Venue', 'Title', 'Name', 'Gender', 'Date', 'Kind', 'Level', 'Outlet', 'Notes', 'Phone', 'Month', 'Beneficiaries', 'Nothing needs attention', 'No records found', 'Choose', 'Meeting frequencies', 'Public showcase' );
foreach ( $screens as $url ) {
	$r     = dj_t_http( $url, $jar );
	$start = strpos( $r['body'], '<div class="wrap' );
	$body  = false === $start ? $r['body'] : substr( $r['body'], $start );
	$body  = preg_replace( '/<script.*?<\/script>/s', '', $body );
	$text  = html_entity_decode( strip_tags( $body ), ENT_QUOTES, 'UTF-8' );
	$found = array();
	foreach ( $english as $word ) {
		if ( preg_match( '/\b' . preg_quote( $word, '/' ) . '\b/', $text ) ) {
			$found[] = $word;
		}
	}
	dj_t_ok( 200 === $r['status'] && ! $found, "no English on $url", implode( ', ', $found ) . ' (HTTP ' . $r['status'] . ')' );
}

// ------------------------------------------------ the dashboard: periods, reminders, warnings
unlink( $jar );
$jar    = dj_t_login( 'admin', dj_t_admin_password() );
$figure = static fn( string $path, string $body ): ?string => preg_match( '/data-figure="' . preg_quote( $path, '/' ) . '">([^<]*)</', $body, $m ) ? $m[1] : null;
$r      = dj_t_http( '/wp-admin/admin.php?page=dangjian&period=custom&from=' . $year . '-01-01&to=' . $year . '-01-31', $jar );
$s      = dangjian_stats( array( 'from' => $year . '-01-01', 'to' => $year . '-01-31' ) );
dj_t_same( array( '1', '3', '600' ), array( $figure( 'service.activities', $r['body'] ), $figure( 'service.hours', $r['body'] ), $figure( 'service.fee_waived', $r['body'] ) ), 'a custom range shows its figures' );
dj_t_same( (string) $s['members']['staff_headcount'], $figure( 'members.staff_headcount', $r['body'] ), 'as dangjian_stats() computes them' );
$r = dj_t_http( '/wp-admin/admin.php?page=dangjian&period=custom&from=' . $year . '-02-30&to=' . $year . '-03-01', $jar );
dj_t_ok( 200 === $r['status'] && str_contains( $r['body'], 'notice-error' ) && null === $figure( 'service.activities', $r['body'] ), 'a custom range with a bad date shows an error, no figures' );
$r = dj_t_http( '/wp-admin/admin.php?page=dangjian&period=last_year', $jar );
dj_t_same( (string) dangjian_stats( array( 'period' => 'last_year' ) )['service']['activities'], $figure( 'service.activities', $r['body'] ), 'last year\'s figures' );
$wpdb->insert( Schema::table( 'people' ), array( 'name' => '早转发展对象', 'applied_on' => ( $year - 2 ) . '-01-01', 'activist_on' => ( $year - 2 ) . '-02-01', 'candidate_on' => ( $year - 2 ) . '-06-01' ) );
$wpdb->insert( Schema::table( 'people' ), array( 'name' => '可列发展对象', 'applied_on' => ( $year - 3 ) . '-01-01', 'activist_on' => ( $year - 3 ) . '-02-01' ) );
$wpdb->insert( Schema::table( 'people' ), array( 'name' => '逾期预备党员', 'admitted_on' => ( $year - 3 ) . '-02-01' ) );
Dangjian\Data_Version::bump();
$r = dj_t_http( '/wp-admin/admin.php?page=dangjian', $jar );
dj_t_ok( (bool) preg_match( '/data-reminder="eligible">[^\n]*可列发展对象/u', $r['body'] ), 'the dashboard reminds of an activist eligible to become a candidate' );
dj_t_ok( (bool) preg_match( '/data-reminder="overdue">[^\n]*逾期预备党员/u', $r['body'] ), 'and of an overdue conversion' );
dj_t_ok( (bool) preg_match( '/data-warning="candidate_early">[^\n]*早转发展对象/u', $r['body'] ), 'it warns of a candidate named within a year' );
dj_t_ok( (bool) preg_match( '/data-warning="long_probation">[^\n]*逾期预备党员/u', $r['body'] ), 'and of a probation over two years' );
$r = dj_t_http( $page( 'people', '&s=x&_wpnonce=abc&_wp_http_referer=%2Fwp-admin%2F&action=-1' ), $jar );
dj_t_ok( 302 === $r['status'] && ! str_contains( $r['location'], '_wpnonce' ) && str_contains( $r['location'], 's=x' ), 'a search from the list form drops the nonce from the address', $r['location'] );

// ---------------------------------------------------------- escaping of stored markup
$xss = '<script>alert(1)</script>';
$wpdb->insert( Schema::table( 'people' ), array( 'name' => $xss, 'phone' => '"><img src=x onerror=alert(2)>', 'applied_on' => ( $year - 2 ) . '-01-01', 'activist_on' => ( $year - 2 ) . '-02-01', 'email' => 'x@example.org' ) );
$evil = (int) $wpdb->insert_id;
$wpdb->insert( Schema::table( 'activities' ), array( 'activity_date' => $year . '-01-11', 'category' => 'service', 'kind' => 'lecture', 'title' => $xss, 'hours' => '1.00', 'venue_kind' => 'school', 'venue' => $xss ) );
$evil_activity = (int) $wpdb->insert_id;
$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => $evil_activity, 'person_id' => $evil ) );
$wpdb->insert( Schema::table( 'media' ), array( 'published_on' => $year . '-01-12', 'outlet' => $xss, 'level' => 'city', 'title' => $xss, 'url' => 'javascript:alert(3)' ) );
$wpdb->insert( Schema::table( 'honours' ), array( 'awarded_on' => $year . '-01-13', 'title' => $xss, 'level' => 'city', 'awarded_by' => $xss ) );
$wpdb->insert( Schema::table( 'headcount' ), array( 'point_date' => $year . '-01-14', 'staff_count' => 21, 'notes' => $xss ) );
Dangjian\Data_Version::bump();
$screens = array(
	'/wp-admin/admin.php?page=dangjian',
	$page( 'people' ),
	$page( 'people', '&s=' . rawurlencode( '<script>' ) ),
	$page( 'people', '&action=edit&id=' . $evil ),
	$page( 'activities' ),
	$page( 'activities', '&action=edit&id=' . $evil_activity ),
	$page( 'activities', '&action=edit&id=' . $activity ),
	$page( 'media' ),
	$page( 'honours' ),
	$page( 'headcount' ),
);
foreach ( $screens as $url ) {
	$r = dj_t_http( $url, $jar );
	dj_t_ok( 200 === $r['status'] && ! str_contains( $r['body'], '<script>alert(1)' ) && ! str_contains( $r['body'], '<img src=x' ) && ! str_contains( $r['body'], 'href="javascript:' ), "stored markup is escaped on $url" );
}
$r = dj_t_http( $page( 'people', '&s=alert' ), $jar );
dj_t_ok( str_contains( $r['body'], '&lt;script&gt;alert(1)&lt;/script&gt;' ), 'the name is shown as text' );
$r = dj_t_http( '/wp-admin/admin.php?page=dangjian', $jar );
dj_t_ok( str_contains( $r['body'], '&lt;script&gt;alert(1)&lt;/script&gt;' ), 'the dashboard shows it as text too (in the reminders)' );
unlink( $jar );

// --------------------------------------------------- refusals: nobody else writes
$count = static function (): array {
	$c = array();
	foreach ( Schema::TABLES as $t ) {
		$c[ $t ] = dj_t_rows( $t );
	}
	return $c;
};
$before  = $count();
$version = Dangjian\Data_Version::get();
$fields  = array(
	'dangjian_save' => '1',
	'id'            => '0',
	'dangjian'      => array( 'name' => '不该写入', 'applied_on' => '2024-01-01' ),
);

// Anonymous.
$r = dj_t_http( $page( 'people', '&action=new' ), null, $fields + array( '_wpnonce' => 'x' ) );
dj_t_ok( in_array( $r['status'], array( 302, 403 ), true ) && ! str_contains( $r['body'], 'dangjian-people-form' ), 'an anonymous post is refused', (string) $r['status'] );
$r = dj_t_http( $page( 'people', '&action=delete&id=' . $person ), null );
dj_t_ok( in_array( $r['status'], array( 302, 403 ), true ), 'an anonymous delete is refused' );

// A subscriber.
list( , $sub_pass ) = dj_t_user( 'dj_subscriber', 'subscriber' );
$sub                = dj_t_login( 'dj_subscriber', $sub_pass );
foreach ( array_keys( Dangjian\Admin_Pages::SLUGS ) as $entity ) {
	$r = dj_t_http( $page( $entity ), $sub );
	dj_t_same( 403, $r['status'], "a subscriber may not open $entity" );
}
$r = dj_t_http( $page( 'people', '&action=new' ), $sub, $fields + array( '_wpnonce' => wp_create_nonce( 'dangjian-save-people' ) ) );
dj_t_same( 403, $r['status'], 'a subscriber\'s post is refused (403)' );
$r = dj_t_http( '/wp-admin/admin.php?page=dangjian-settings', $sub, array( 'dangjian_settings_save' => '1', '_wpnonce' => 'x', 'dangjian_settings' => array( 'organisation' => 'hacked' ) ) );
dj_t_same( 403, $r['status'], 'a subscriber may not save the settings' );
unlink( $sub );

// A reader (view_dangjian): reads the lists, writes nothing, even with a nonce of their own.
list( $ed_id, $ed_pass ) = dj_t_user( 'dj_editor', 'editor' );
Dangjian\Capabilities::grant( 'editor', 'view_dangjian' );
$ed = dj_t_login( 'dj_editor', $ed_pass );
$r  = dj_t_http( $page( 'people' ), $ed );
dj_t_ok( 200 === $r['status'] && str_contains( $r['body'], '王小明' ), 'a reader sees the people list' );
dj_t_ok( ! str_contains( $r['body'], 'action=delete' ) && ! str_contains( $r['body'], 'action=new' ) && ! str_contains( $r['body'], 'name="ids[]"' ), 'without add, delete or bulk controls' );
$r = dj_t_http( $page( 'people', '&action=new' ), $ed );
dj_t_ok( ! str_contains( $r['body'], 'name="dangjian_save"' ), 'and without the form' );
wp_set_current_user( $ed_id );
$their_nonce = wp_create_nonce( 'dangjian-save-people' );
wp_set_current_user( 0 );
$r = dj_t_http( $page( 'people', '&action=new' ), $ed, $fields + array( '_wpnonce' => $their_nonce ) );
dj_t_same( 403, $r['status'], 'a reader\'s post is refused (403)' );
$r = dj_t_http( '/wp-admin/admin.php?page=dangjian-settings', $ed );
dj_t_same( 403, $r['status'], 'a reader may not open the settings' );
Dangjian\Capabilities::revoke( 'editor', 'view_dangjian' );
unlink( $ed );

// An administrator without a valid nonce.
$jar = dj_t_login( 'admin', dj_t_admin_password() );
$r   = dj_t_http( $page( 'people', '&action=new' ), $jar, $fields + array( '_wpnonce' => 'bogus' ) );
dj_t_same( 403, $r['status'], 'a post with a bad nonce is refused (403)' );
$r = dj_t_http( $page( 'people', '&action=new' ), $jar, $fields );
dj_t_same( 403, $r['status'], 'a post without a nonce is refused (403)' );
$list = dj_t_http( $page( 'activities' ), $jar );
$r    = dj_t_http( $page( 'people', '&action=new' ), $jar, $fields + array( '_wpnonce' => (string) dj_t_input( $list['body'], '_wpnonce' ) ) );
dj_t_same( 403, $r['status'], 'a nonce of another action is refused (403)' );
unlink( $jar );

dj_t_same( $before, $count(), 'none of the refused requests wrote a row' );
dj_t_same( $version, Dangjian\Data_Version::get(), 'nor bumped the data version' );

dj_t_done();

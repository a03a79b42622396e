<?php
/**
 * Dangjian\Records: the validation the forms and the REST API share (each rule names its field, and
 * nothing the engine would refuse gets through), the writes (amounts rounded as the engine rounds,
 * participants, cascading deletes, the data version), and the list query (search, filters, sort,
 * pages).
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Records;

dj_t_reset();

/**
 * Validates a record given as form input; returns the problems.
 */
function dj_t_check( string $entity, array $input, int $id = 0 ): array {
	return Dangjian\Validator::validate( $entity, Dangjian\Validator::sanitize( $entity, $input ), $id );
}

// People.
dj_t_same( array( 'name' ), array_keys( dj_t_check( 'people', array() ) ), 'a person needs a name' );
dj_t_same( array(), dj_t_check( 'people', array( 'name' => '张三' ) ), 'a name alone is a person' );
$e = dj_t_check( 'people', array( 'name' => '张三', 'admitted_on' => '2024-02-30' ) );
dj_t_same( array( 'admitted_on' ), array_keys( $e ), 'a date that does not exist is refused, naming the field' );
dj_t_ok( str_contains( $e['admitted_on'] ?? '', 'YYYY-MM-DD' ), 'the message says the format' );
dj_t_same( array( 'birth_date' ), array_keys( dj_t_check( 'people', array( 'name' => '张三', 'birth_date' => '1899-12-31' ) ) ), 'a date before 1900 is refused' );
$e = dj_t_check( 'people', array( 'name' => '张三', 'activist_on' => '2024-05-01', 'candidate_on' => '2024-03-01' ) );
dj_t_same( array( 'candidate_on' ), array_keys( $e ), 'stage dates out of order name the later field (the engine\'s rule)' );
dj_t_ok( str_contains( $e['candidate_on'] ?? '', '2024-05-01' ), 'and say which date it must follow', $e['candidate_on'] ?? '' );
$e = dj_t_check( 'people', array( 'name' => '张三', 'applied_on' => '2024-05-01', 'left_on' => '2024-03-01', 'left_reason' => 'transfer' ) );
dj_t_same( array( 'left_on' ), array_keys( $e ), 'leaving before the start is refused' );
dj_t_same( array( 'left_reason' ), array_keys( dj_t_check( 'people', array( 'name' => '张三', 'left_reason' => 'fired' ) ) ), 'an unknown leaving reason is refused' );
dj_t_same( array( 'gender' ), array_keys( dj_t_check( 'people', array( 'name' => '张三', 'gender' => 'x' ) ) ), 'an unknown gender is refused' );
dj_t_same( array(), dj_t_check( 'people', array( 'name' => '张三', 'gender' => '女' ) ), 'a gender in Chinese is understood' );
dj_t_same( array( 'phone' ), array_keys( dj_t_check( 'people', array( 'name' => '张三', 'phone' => 'call me' ) ) ), 'a phone number must be digits' );
dj_t_same( array( 'email' ), array_keys( dj_t_check( 'people', array( 'name' => '张三', 'email' => 'nobody' ) ) ), 'an email must be an address' );
dj_t_same( array( 'name' ), array_keys( dj_t_check( 'people', array( 'name' => str_repeat( '张', 101 ) ) ) ), 'a name of more than 100 characters is refused' );

// Activities.
$p1 = Records::save( 'people', Dangjian\Validator::sanitize( 'people', array( 'name' => '甲', 'admitted_on' => '2020-01-01', 'full_on' => '2021-01-01', 'is_staff' => '1' ) ) );
$p2 = Records::save( 'people', Dangjian\Validator::sanitize( 'people', array( 'name' => '乙', 'applied_on' => '2023-01-01' ) ) );
dj_t_ok( is_int( $p1 ) && is_int( $p2 ), 'two people saved' );
$good = array(
	'activity_date' => '2024-05-12',
	'category'      => 'service',
	'kind'          => 'counseling',
	'title'         => '社区咨询',
	'hours'         => '3',
	'fee_waived'    => '1.115',
	'beneficiaries' => '12',
	'venue_kind'    => 'community',
	'venue'         => '阳光社区',
	'participants'  => array( array( 'id' => (string) $p1, 'hours' => null ), array( 'id' => (string) $p2, 'hours' => '1.5' ) ),
);
dj_t_same( array(), dj_t_check( 'activities', $good ), 'a good activity passes' );
dj_t_same( array( 'activity_date', 'category', 'kind', 'title' ), array_keys( dj_t_check( 'activities', array( 'category' => '' ) ) ), 'date, category, kind and title are required' );
dj_t_same( array( 'kind' ), array_keys( dj_t_check( 'activities', array( 'kind' => 'committee' ) + $good ) ), 'a meeting kind under the service category is refused' );
dj_t_same( array( 'hours' ), array_keys( dj_t_check( 'activities', array( 'hours' => 'abc' ) + $good ) ), 'hours that are not a number are refused' );
dj_t_same( array( 'hours' ), array_keys( dj_t_check( 'activities', array( 'hours' => '-1' ) + $good ) ), 'negative hours are refused' );
dj_t_same( array( 'donation' ), array_keys( dj_t_check( 'activities', array( 'donation' => '1000000001' ) + $good ) ), 'an amount over 1e9 is refused' );
dj_t_same( array( 'beneficiaries' ), array_keys( dj_t_check( 'activities', array( 'beneficiaries' => '07' ) + $good ) ), 'a count not in canonical form is refused (the engine\'s rule)' );
dj_t_same( array( 'beneficiaries' ), array_keys( dj_t_check( 'activities', array( 'beneficiaries' => '1.5' ) + $good ) ), 'a fractional count is refused' );
dj_t_same( array( 'venue' ), array_keys( dj_t_check( 'activities', array( 'venue' => str_repeat( '社', 67 ) ) + $good ) ), 'a venue of more than 200 bytes is refused' );
dj_t_same( array( 'venue_kind' ), array_keys( dj_t_check( 'activities', array( 'venue_kind' => 'moon' ) + $good ) ), 'an unknown venue kind is refused' );
dj_t_same( array( 'participants' ), array_keys( dj_t_check( 'activities', array( 'participants' => array( array( 'id' => '99999', 'hours' => null ) ) ) + $good ) ), 'an unknown participant is refused' );
dj_t_same( array( 'participants' ), array_keys( dj_t_check( 'activities', array( 'participants' => array( array( 'id' => (string) $p1, 'hours' => null ), array( 'id' => (string) $p1, 'hours' => null ) ) ) + $good ) ), 'a participant listed twice is refused' );
dj_t_same( array( 'participants' ), array_keys( dj_t_check( 'activities', array( 'participants' => array( array( 'id' => (string) $p1, 'hours' => 'x' ) ) ) + $good ) ), 'a participant\'s bad hours are refused' );

$before = Dangjian\Data_Version::get();
$a1     = Records::save( 'activities', Dangjian\Validator::sanitize( 'activities', $good ) );
dj_t_ok( is_int( $a1 ), 'the activity is saved' );
dj_t_ok( Dangjian\Data_Version::get() > $before, 'a save bumps the data version' );
$row = Records::get( 'activities', $a1 );
dj_t_same( '1.12', $row['fee_waived'], '1.115 is stored as 1.12 (half away from zero, as the engine rounds)' );
dj_t_same( array( array( 'id' => (string) $p1, 'hours' => null ), array( 'id' => (string) $p2, 'hours' => '1.5' ) ), $row['participants'], 'the participants and their own hours are stored' );
$s = dangjian_stats( array( 'from' => '2024-01-01', 'to' => '2024-12-31' ) );
dj_t_same( 4.5, $s['service']['volunteer_hours'], 'volunteer hours: 3 (the activity\'s) + 1.5' );
dj_t_same( 1.12, $s['service']['fee_waived'], 'the figures read the stored amount' );

// Update: participants replaced.
$edit                 = $row;
$edit['participants'] = array( array( 'id' => (string) $p2, 'hours' => null ) );
$edit['hours']        = '2.5';
dj_t_same( $a1, Records::save( 'activities', Dangjian\Validator::sanitize( 'activities', $edit ), $a1 ), 'an update keeps the id' );
$s = dangjian_stats( array( 'from' => '2024-01-01', 'to' => '2024-12-31' ) );
dj_t_same( 2.5, $s['service']['volunteer_hours'], 'after the update, one participant at the activity\'s 2.5 hours' );

// A refused save writes nothing.
$n   = dj_t_rows( 'activities' );
$ver = Dangjian\Data_Version::get();
$bad = Records::save( 'activities', Dangjian\Validator::sanitize( 'activities', array( 'hours' => 'x' ) + $good ) );
dj_t_ok( is_wp_error( $bad ) && 'dangjian_invalid' === $bad->get_error_code() && isset( $bad->get_error_data()['errors']['hours'] ), 'a refused save says which field' );
dj_t_same( $n, dj_t_rows( 'activities' ), 'and writes nothing' );
dj_t_same( $ver, Dangjian\Data_Version::get(), 'nor bumps the data version' );
dj_t_same( 'dangjian_not_found', Records::save( 'people', Dangjian\Validator::sanitize( 'people', array( 'name' => 'x' ) ), 99999 )->get_error_code(), 'updating a missing record is refused' );

// Headcount: one point per date.
dj_t_ok( is_int( Records::save( 'headcount', Dangjian\Validator::sanitize( 'headcount', array( 'point_date' => '2024-01-01', 'staff_count' => '40' ) ) ) ), 'a headcount point' );
dj_t_same( array( 'point_date' ), array_keys( dj_t_check( 'headcount', array( 'point_date' => '2024-01-01', 'staff_count' => '41' ) ) ), 'a second point on one date is refused' );
dj_t_same( array( 'staff_count' ), array_keys( dj_t_check( 'headcount', array( 'point_date' => '2024-02-01', 'staff_count' => '-1' ) ) ), 'a negative headcount is refused' );
dj_t_same( array( 'level', 'title' ), array_keys( dj_t_check( 'media', array( 'published_on' => '2024-01-01', 'outlet' => '市日报' ) ) ), 'media needs a level and a title' );
dj_t_same( array( 'url' ), array_keys( dj_t_check( 'media', array( 'published_on' => '2024-01-01', 'outlet' => '市日报', 'level' => 'city', 'title' => 't', 'url' => 'javascript:alert(1)' ) ) ), 'a link must be http(s)' );
dj_t_same( array( 'level' ), array_keys( dj_t_check( 'honours', array( 'awarded_on' => '2024-01-01', 'title' => '先进', 'level' => 'galactic' ) ) ), 'an honour\'s level must be known' );

// Text is cleaned: no markup stored from a form.
$pid = Records::save( 'people', Dangjian\Validator::sanitize( 'people', array( 'name' => '<b>丙</b>', 'notes' => "第一行\n<script>x</script>第二行" ) ) );
$row = Records::get( 'people', $pid );
dj_t_same( '丙', $row['name'], 'tags are stripped from a name' );
dj_t_ok( ! str_contains( $row['notes'], '<script>' ) && str_contains( $row['notes'], "\n" ), 'notes keep their lines, not their tags' );

// Deleting a person removes their participations (the engine would refuse an unknown participant).
dj_t_same( 1, Records::delete( 'people', array( $p2 ) ), 'a person deleted' );
dj_t_same( 0, (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'participants' ) . ' WHERE person_id = %d', $p2 ) ), 'with their participations' ); // phpcs:ignore
Dangjian\Engine::dataset();
dj_t_same( array(), Dangjian\Engine::skipped(), 'the figures still build without a skipped row' );
dj_t_same( 1, Records::delete( 'activities', array( $a1, 0, -3 ) ), 'an activity deleted (bad ids ignored)' );
dj_t_same( 0, dj_t_rows( 'participants' ), 'with its participants' );
dj_t_same( 0, Records::delete( 'activities', array() ), 'deleting nothing deletes nothing' );

// The list query.
dj_t_reset();
$names = array( '赵一', '钱二', '孙三', '李四', '周五' );
foreach ( $names as $i => $name ) {
	Records::save( 'people', Dangjian\Validator::sanitize( 'people', array( 'name' => $name, 'applied_on' => '2020-01-0' . ( $i + 1 ), 'activist_on' => $i < 2 ? '2020-06-01' : '' ) ) );
}
$q = Records::query( 'people', array( 'search' => '孙' ) );
dj_t_same( array( 1, array( '孙三' ) ), array( $q['total'], array_column( $q['items'], 'name' ) ), 'search by name' );
$q = Records::query( 'people', array( 'stage' => 'activist' ) );
dj_t_same( array( '赵一', '钱二' ), array_column( $q['items'], 'name' ), 'filter by stage today' );
$q = Records::query( 'people', array( 'orderby' => 'applied_on', 'order' => 'desc', 'per_page' => 2, 'page' => 2 ) );
dj_t_same( array( 5, array( '孙三', '钱二' ) ), array( $q['total'], array_column( $q['items'], 'name' ) ), 'sorted, second page of two' );
$q = Records::query( 'people', array( 'orderby' => 'name; DROP TABLE x', 'order' => 'sideways' ) );
dj_t_same( 5, $q['total'], 'an unknown sort column is ignored' );
foreach ( array( '2023-03-01', '2024-03-01', '2024-07-01' ) as $i => $date ) {
	Records::save( 'activities', Dangjian\Validator::sanitize( 'activities', array( 'activity_date' => $date, 'category' => 0 === $i ? 'meeting' : 'service', 'kind' => 0 === $i ? 'committee' : 'lecture', 'title' => 'T' . $i ) ) );
}
dj_t_same( 2, Records::query( 'activities', array( 'category' => 'service' ) )['total'], 'filter by category' );
dj_t_same( 1, Records::query( 'activities', array( 'kind' => 'committee' ) )['total'], 'filter by kind' );
dj_t_same( 2, Records::query( 'activities', array( 'from' => '2024-01-01', 'to' => '2024-12-31' ) )['total'], 'filter by period' );
dj_t_same( array( 'T2', 'T1', 'T0' ), array_column( Records::query( 'activities', array() )['items'], 'title' ), 'activities newest first by default' );

dj_t_done();

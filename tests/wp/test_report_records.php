<?php
/**
 * The preview's drill-down (Report_Records): the records behind a figure add up to it, and when an
 * activity or a person is added and removed through the plugin's write path, the figure and the
 * list move together.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';

use Dangjian\Records;
use Dangjian\Report_Context;
use Dangjian\Report_Figures as Fig;
use Dangjian\Report_Records as Rec;

dj_t_reset();
$sanitize = static fn( string $entity, array $v ) => class_exists( '\\Dangjian\\Validator' ) ? Dangjian\Validator::sanitize( $entity, $v ) : $v;
$a        = Records::save( 'people', $sanitize( 'people', array( 'name' => '甲', 'admitted_on' => '2020-01-01', 'full_on' => '2021-01-01', 'is_staff' => '1' ) ) );
$b        = Records::save( 'people', $sanitize( 'people', array( 'name' => '乙', 'applied_on' => '2024-01-01' ) ) );
$c        = Records::save( 'people', $sanitize( 'people', array( 'name' => '丙', 'applied_on' => '2024-03-01', 'activist_on' => '2025-02-01' ) ) );
dj_t_ok( is_int( $a ) && is_int( $b ) && is_int( $c ), 'three people saved', wp_json_encode( array( $a, $b, $c ) ) );
$act = static function ( array $v ) use ( $sanitize ) {
	return Records::save( 'activities', $sanitize( 'activities', $v + array( 'category' => 'service', 'kind' => 'lecture', 'title' => '讲座' ) ) );
};
$s1 = $act( array( 'activity_date' => '2025-03-10', 'hours' => '2', 'beneficiaries' => '40', 'participants' => array( array( 'id' => $a, 'hours' => '2' ), array( 'id' => $b, 'hours' => '2' ) ) ) );
$s2 = $act( array( 'activity_date' => '2025-06-10', 'kind' => 'crisis_aid', 'hours' => '5', 'beneficiaries' => '12', 'venue_kind' => 'community', 'venue' => '阳光社区', 'participants' => array( array( 'id' => $a, 'hours' => '3' ) ) ) );
$s0 = $act( array( 'activity_date' => '2024-12-31', 'hours' => '9', 'beneficiaries' => '9' ) );
dj_t_ok( is_int( $s1 ) && is_int( $s2 ) && is_int( $s0 ), 'three activities saved', wp_json_encode( array( $s1, $s2, $s0 ) ) );

/**
 * A fresh context for 2025 (a new one after each write: a context caches its figures).
 */
function dj_t_ctx(): Report_Context {
	return new Report_Context( '2025-01-01', '2025-12-31', '2025-12-31' );
}

/**
 * The figure, the list's total, the list's ids and the sum of a column of the list.
 *
 * @param string $id     The figure.
 * @param array  $args   Its args.
 * @param string $column A column to add up ('' for none).
 */
function dj_t_fig( string $id, array $args = array(), string $column = '' ): array {
	$ctx = dj_t_ctx();
	$r   = Rec::of( $id, $args, $ctx );
	$sum = '' === $column ? null : round( array_sum( array_map( 'floatval', array_column( $r['rows'], $column ) ) ), 2 );
	return array( Fig::evaluate( $id, $args, $ctx ), $r['total'], array_map( 'intval', array_column( $r['rows'], 'id' ) ), $sum );
}

list( $v, $n, $ids, $sum ) = dj_t_fig( 'service.activities' );
dj_t_same( array( 2, 2 ), array( $v, $n ), 'service.activities: 2, and 2 activities listed (the one of 2024 is not)' );
dj_t_same( array( $s1, $s2 ), $ids, 'the listed activities are those of the period' );
list( $v, $n, $ids, $sum ) = dj_t_fig( 'service.hours', array(), 'hours' );
dj_t_same( (float) $v, $sum, 'service.hours: the listed activities\' hours add up to the figure (7)' );
list( $v, $n, $ids, $sum ) = dj_t_fig( 'service.volunteer_hours', array(), 'hours' );
dj_t_same( array( 7.0, 7.0 ), array( (float) $v, $sum ), 'service.volunteer_hours: the participants\' hours add up to the figure (7)' );
list( $v, $n, $ids, $sum ) = dj_t_fig( 'service.party_volunteer_hours', array(), 'hours' );
dj_t_same( array( 5.0, 5.0, array( $a ) ), array( (float) $v, $sum, $ids ), 'service.party_volunteer_hours: only the party member\'s hours (5), and only they are listed' );
list( $v, $n, $ids ) = dj_t_fig( 'service.activities', array( 'kind' => 'crisis_aid' ) );
dj_t_same( array( 1, 1, array( $s2 ) ), array( $v, $n, $ids ), 'with kind=crisis_aid: the figure and the list agree' );
list( $v, $n, $ids ) = dj_t_fig( 'pipeline.activists' );
dj_t_same( array( 1, 1, array( $c ) ), array( $v, $n, $ids ), 'pipeline.activists: the person made an activist in 2025 is counted and listed' );
list( $v, $n, $ids ) = dj_t_fig( 'members.party_members' );
dj_t_same( array( 1, 1, array( $a ) ), array( $v, $n, $ids ), 'members.party_members: the figure and the list agree' );

// Add an activity: the figure and the list move together.
$s3 = $act( array( 'activity_date' => '2025-09-01', 'hours' => '1.5', 'beneficiaries' => '8', 'participants' => array( array( 'id' => $c, 'hours' => '1.5' ) ) ) );
dj_t_ok( is_int( $s3 ), 'a third activity of 2025 is added' );
list( $v, $n, $ids ) = dj_t_fig( 'service.activities' );
dj_t_same( array( 3, 3 ), array( $v, $n ), 'after adding: the figure is 3 and 3 activities are listed' );
dj_t_ok( in_array( $s3, $ids, true ), 'the new activity is in the list' );
list( $v, $n, $ids, $sum ) = dj_t_fig( 'service.hours', array(), 'hours' );
dj_t_same( array( 8.5, 8.5 ), array( (float) $v, $sum ), 'after adding: service.hours is 8.5 and the list adds up to 8.5' );
list( $v, $n, $ids ) = dj_t_fig( 'service.volunteers' );
dj_t_same( array( 3, 3 ), array( $v, $n ), 'after adding: 3 volunteers, 3 listed' );

// Remove it: both move back.
$deleted = Records::delete( 'activities', array( $s3 ) );
dj_t_same( 1, $deleted, 'the activity is deleted' );
list( $v, $n, $ids ) = dj_t_fig( 'service.activities' );
dj_t_same( array( 2, 2 ), array( $v, $n ), 'after removing: the figure is 2 and 2 activities are listed' );
dj_t_ok( ! in_array( $s3, $ids, true ), 'the removed activity is not in the list' );
list( $v, $n ) = dj_t_fig( 'service.volunteers' );
dj_t_same( array( 2, 2 ), array( $v, $n ), 'after removing: 2 volunteers, 2 listed' );

// A person made an activist, then removed.
$d = Records::save( 'people', $sanitize( 'people', array( 'name' => '丁', 'applied_on' => '2025-01-05', 'activist_on' => '2025-07-01' ) ) );
list( $v, $n, $ids ) = dj_t_fig( 'pipeline.activists' );
dj_t_same( array( 2, 2 ), array( $v, $n ), 'a new activist: pipeline.activists is 2 and 2 people are listed' );
dj_t_ok( in_array( $d, $ids, true ), 'the new activist is listed' );
Records::delete( 'people', array( $d ) );
list( $v, $n ) = dj_t_fig( 'pipeline.activists' );
dj_t_same( array( 1, 1 ), array( $v, $n ), 'removed again: 1 and 1' );

// Bad input is an exception naming the figure, not a list of everything.
foreach ( array( array( 'service.activitis', array() ), array( 'service.activities', array( 'kind' => 'nope' ) ), array( 'members.full', array( 'kind' => 'lecture' ) ) ) as $bad ) {
	$threw = false;
	try {
		Rec::of( $bad[0], $bad[1], dj_t_ctx() );
	} catch ( InvalidArgumentException $e ) {
		$threw = true;
	}
	dj_t_ok( $threw, 'refused: ' . $bad[0] . ' ' . wp_json_encode( $bad[1] ) );
}

dj_t_done();

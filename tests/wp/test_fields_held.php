<?php
/**
 * Fields::held(): a check of many rows (a restore, an import) makes each entity's fields once and
 * keeps them until it ends; outside it they are made on each call, so a filter of the vocabulary or a
 * language switched between two requests' worth of work is seen. A kept field list must give the same
 * verdicts as a fresh one.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';

use Dangjian\Fields;
use Dangjian\Validator;

dj_t_reset();

$kinds = static function ( array $kinds, string $category ): array {
	if ( 'service' === $category ) {
		$kinds['tree_planting'] = '植树';
	}
	return $kinds;
};

$before = Fields::all( 'activities' );
dj_t_same( $before, Fields::all( 'activities' ), 'outside held(): the same fields on each call' );

$inside = Fields::held(
	static function () use ( $kinds ) {
		$first = Fields::form( 'activities' );
		add_filter( 'dangjian_kinds', $kinds, 10, 2 );
		$second = Fields::form( 'activities' );
		$nested = Fields::held( static fn() => Fields::form( 'activities' ) );
		return array( $first, $second, $nested );
	}
);
dj_t_same( $inside[0], $inside[1], 'inside held(): the fields made once are kept (a filter added meanwhile is not seen)' );
dj_t_same( $inside[0], $inside[2], 'a held() inside another keeps the outer one\'s fields' );
dj_t_ok( $inside[0] !== Fields::form( 'activities' ), 'after held(): made again, so the filter added meanwhile is seen' );
remove_filter( 'dangjian_kinds', $kinds, 10 );
dj_t_same( $before, Fields::all( 'activities' ), '... and its removal too' );

// The verdicts with kept fields are those with fresh ones, for good and bad rows of each entity.
$rows = array(
	array( 'people', array( 'name' => '张三', 'applied_on' => '2024-01-02', 'gender' => 'male' ) ),
	array( 'people', array( 'name' => '', 'applied_on' => '2024-13-02' ) ),
	array( 'activities', array( 'activity_date' => '2024-05-01', 'category' => 'service', 'kind' => 'lecture', 'title' => '讲座', 'hours' => '1,800' ) ),
	array( 'activities', array( 'activity_date' => '2024-05-01', 'category' => 'service', 'kind' => 'nope', 'title' => '', 'hours' => '-2' ) ),
	array( 'media', array( 'published_on' => '2024-05-02', 'outlet' => '市日报', 'level' => 'city', 'title' => '报道', 'url' => 'not a url' ) ),
);
$fresh = array();
foreach ( $rows as $r ) {
	$fresh[] = Validator::validate( $r[0], Validator::sanitize( $r[0], $r[1] ) );
}
$kept = Fields::held(
	static function () use ( $rows ) {
		$out = array();
		foreach ( $rows as $r ) {
			$out[] = Validator::validate( $r[0], Validator::sanitize( $r[0], $r[1] ) );
		}
		return $out;
	}
);
dj_t_same( $fresh, $kept, 'Validator gives the same verdicts with kept fields as with fresh ones' );
dj_t_ok( count( array_filter( $fresh ) ) >= 3, '(three of those rows are refused)' );

dj_t_done();

<?php
/**
 * The star rating's rubric and scorer on crafted figures: each rule kind with hand-computed points,
 * the veto, the bands at their edges, the five-star condition, the gap to the next star, and rubrics
 * with errors refused whole with the path named.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
// The messages are compared in English, the source language (the site itself is in zh_CN).
unload_textdomain( 'dangjian' );

use Dangjian\Rating_Presets;
use Dangjian\Rating_Rubric;
use Dangjian\Rating_Scorer;

$period = array(
	'year'  => 2025,
	'from'  => '2025-01-01',
	'to'    => '2025-12-31',
	'as_of' => '2025-12-31',
);

/**
 * A figure evaluator over a fixed table: "id" or "id:arg" => value; anything else null.
 *
 * @param array $values The values.
 */
function dj_t_figures( array $values ): callable {
	return static function ( string $id, array $args, array $period ) use ( $values ) {
		$key = $id . ( $args ? ':' . implode( ',', $args ) : '' );
		return $values[ $key ] ?? null;
	};
}

/**
 * A small valid rubric: one indicator per rule kind, and a manual one.
 */
function dj_t_rubric(): array {
	return array(
		'format'     => 'dangjian-rating-rubric',
		'version'    => 1,
		'name'       => '测试细则',
		'max_total'  => 100,
		'bands'      => array(
			array( 'stars' => 5, 'min' => 90 ),
			array( 'stars' => 4, 'min' => 80 ),
			array( 'stars' => 3, 'min' => 70 ),
			array( 'stars' => 2, 'min' => 60 ),
		),
		'vetoes'     => array( array( 'id' => 'violation', 'label' => '严重违纪' ) ),
		'five_star'  => array( 'label' => '创新项目', 'kind' => 'manual' ),
		'indicators' => array(
			array(
				'id'    => 'routines',
				'name'  => '工作制度',
				'max'   => 10,
				'items' => array(
					array( 'id' => 'assembly', 'label' => '每季度党员大会', 'kind' => 'automatic', 'figure' => 'meetings_missing', 'args' => array( 'kind' => 'branch_assembly' ), 'rule' => array( 'type' => 'per_shortfall', 'points' => 4, 'deduct' => 1 ) ),
					array( 'id' => 'lesson', 'label' => '党课', 'kind' => 'automatic', 'figure' => 'meetings_held', 'args' => array( 'kind' => 'party_lesson' ), 'rule' => array( 'type' => 'threshold', 'compare' => '>=', 'value' => 4, 'points' => 6 ) ),
					array( 'id' => 'idle', 'label' => '半年无活动扣5分', 'kind' => 'automatic', 'figure' => 'months_without_activity', 'args' => array(), 'rule' => array( 'type' => 'penalty', 'compare' => '>=', 'value' => 6, 'deduct' => 5 ) ),
				),
			),
			array(
				'id'    => 'members',
				'name'  => '骨干队伍',
				'max'   => 10,
				'items' => array(
					array( 'id' => 'plan', 'label' => '发展计划下限', 'kind' => 'automatic', 'figure' => 'admitted', 'args' => array(), 'rule' => array( 'type' => 'plan_min', 'points' => 3 ) ),
					array( 'id' => 'hours', 'label' => '人均服务20小时', 'kind' => 'automatic', 'figure' => 'party_volunteer_hours', 'args' => array(), 'rule' => array( 'type' => 'ratio', 'denominator' => 'party_members', 'compare' => '>=', 'value' => 20, 'points' => 7 ) ),
				),
			),
			array(
				'id'    => 'opinion',
				'name'  => '群众评价',
				'max'   => 80,
				'items' => array(
					array( 'id' => 'survey', 'label' => '满意度', 'kind' => 'manual', 'points' => 80 ),
				),
			),
		),
	);
}

// ---------------------------------------------------------------- the presets
foreach ( Rating_Presets::rubrics() as $id => $preset ) {
	$r = Rating_Presets::rubric( $id );
	dj_t_same( array(), Rating_Rubric::validate( $r ), "preset $id is a valid rubric" );
	dj_t_same( array( '领导班子', '骨干队伍', '活动阵地', '工作制度', '保障机制', '工作业绩', '群众评价', '加分项目' ), array_column( $r['indicators'], 'name' ), "preset $id has the eight indicators in order" );
}
dj_t_same( array( 90, 80, 70, 60 ), array_column( Rating_Presets::rubric( 'eight_standard' )['bands'], 'min' ), 'the common bands are 90/80/70/60' );
dj_t_same( array( 95, 90, 85, 80 ), array_column( Rating_Presets::rubric( 'eight_strict' )['bands'], 'min' ), 'the stricter bands are 95/90/85/80' );
dj_t_same( array(), Rating_Rubric::validate( dj_t_rubric() ), 'the test rubric is valid' );

// ---------------------------------------------------------------- each rule kind
$base = array(
	'meetings_missing:branch_assembly' => 1,
	'meetings_held:party_lesson'       => 4,
	'months_without_activity'          => 2,
	'admitted'                         => 2,
	'plan_min_admit'                   => 2,
	'party_volunteer_hours'            => 200,
	'party_members'                    => 10,
);
$item = static function ( array $result, string $id ) {
	foreach ( $result['indicators'] as $ind ) {
		foreach ( $ind['items'] as $it ) {
			if ( $it['id'] === $id ) {
				return $it;
			}
		}
	}
	return null;
};
$score = static fn( array $values, array $manual = array(), ?array $rubric = null ) => Rating_Scorer::score( $rubric ?? dj_t_rubric(), dj_t_figures( $values ), $period, $manual );

$r = $score( $base );
dj_t_same( 3.0, $item( $r, 'assembly' )['points'], 'per_shortfall: 4 points minus 1 for the one missing quarter = 3' );
dj_t_same( 1, $item( $r, 'assembly' )['source']['value'], 'per_shortfall: the source names the figure value (1 missing quarter)' );
dj_t_same( 0.0, $score( array( 'meetings_missing:branch_assembly' => 4 ) + $base )['indicators'][0]['items'][0]['points'], 'per_shortfall: four missing quarters = 0' );
dj_t_same( 0.0, $score( array( 'meetings_missing:branch_assembly' => 6 ) + $base )['indicators'][0]['items'][0]['points'], 'per_shortfall: never below 0' );
dj_t_same( 6.0, $item( $r, 'lesson' )['points'], 'threshold: 4 party lessons >= 4 gives 6' );
dj_t_same( 0.0, $item( $score( array( 'meetings_held:party_lesson' => 3 ) + $base ), 'lesson' )['points'], 'threshold: 3 < 4 gives 0' );
dj_t_same( 0.0, $item( $r, 'idle' )['points'], 'penalty: 2 idle months, no deduction' );
$idle = $score( array( 'months_without_activity' => 6 ) + $base );
dj_t_same( -5.0, $item( $idle, 'idle' )['points'], 'penalty: 6 idle months deduct 5' );
dj_t_same( 4.0, $idle['indicators'][0]['score'], 'penalty: the indicator scores 3 + 6 - 5 = 4' );
dj_t_same( 3.0, $item( $r, 'plan' )['points'], 'plan_min: 2 admitted, plan at least 2: 3 points' );
dj_t_same( 2, $item( $r, 'plan' )['source']['target'], 'plan_min: the source holds the plan\'s lower bound' );
dj_t_same( 0.0, $item( $score( array( 'admitted' => 1 ) + $base ), 'plan' )['points'], 'plan_min: 1 admitted, plan 2: 0' );
$noplan = $item( $score( array_diff_key( $base, array( 'plan_min_admit' => 1 ) ) ), 'plan' );
dj_t_same( array( 0.0, 'no_plan' ), array( $noplan['points'], $noplan['source']['why'] ), 'plan_min: no plan recorded: 0, and the reason' );
dj_t_same( 7.0, $item( $r, 'hours' )['points'], 'ratio: 200 hours / 10 members = 20 >= 20: 7 points' );
dj_t_same( 20.0, $item( $r, 'hours' )['source']['ratio'], 'ratio: the source holds 20' );
dj_t_same( 0.0, $item( $score( array( 'party_volunteer_hours' => 199.99 ) + $base ), 'hours' )['points'], 'ratio: 199.99 / 10 < 20: 0' );
$nodiv = $item( $score( array( 'party_members' => 0 ) + $base ), 'hours' );
dj_t_same( array( 0.0, 'no_denominator' ), array( $nodiv['points'], $nodiv['source']['why'] ), 'ratio: no party members: 0, and the reason' );
$nofig = $item( $score( array_diff_key( $base, array( 'meetings_held:party_lesson' => 1 ) ) ), 'lesson' );
dj_t_same( array( 0.0, 'no_figure' ), array( $nofig['points'], $nofig['source']['why'] ), 'a figure that is not known gives 0 and says so' );

// ---------------------------------------------------------------- totals, manual items, bands at their edges
// Without manual points: 3 + 6 + 0 = 9 (max 10), 3 + 7 = 10: total 19.
dj_t_same( 19.0, $r['total'], 'total without manual scores: 9 + 10 = 19' );
dj_t_same( 1, $r['stars'], '19 points: one star' );
$manual = static fn( $p ) => array( 'items' => array( 'survey' => array( 'points' => $p, 'note' => '测评', 'evidence' => array() ) ) );
foreach ( array(
	array( 40.99, 59.99, 1 ),
	array( 41, 60.0, 2 ),
	array( 50.99, 69.99, 2 ),
	array( 51, 70.0, 3 ),
	array( 60.99, 79.99, 3 ),
	array( 61, 80.0, 4 ),
	array( 70.99, 89.99, 4 ),
	array( 71, 90.0, 4 ), // 90 is five stars by the bands, capped at 4 until the five-star condition is met.
) as list( $p, $total, $stars ) ) {
	$x = $score( $base, $manual( $p ) );
	dj_t_same( array( $total, $stars ), array( $x['total'], $x['stars'] ), "band edge: $total points is $stars stars" );
}
$five = $score( $base, $manual( 71 ) + array( 'five_star' => array( 'met' => true ) ) );
dj_t_same( array( 90.0, 5, 5 ), array( $five['total'], $five['band_stars'], $five['stars'] ), 'five stars at 90 points with the five-star condition met' );
$x = $score( $base, $manual( 71 ) );
dj_t_same( array( 5, 5, 4, true, 0.0 ), array( $x['band_stars'], $x['gap']['next_stars'], $x['stars'], $x['gap']['five_star'], $x['gap']['needed'] ), 'without the condition: 4 stars, and the gap names the condition, no points needed' );
$norule = dj_t_rubric();
unset( $norule['five_star'] );
dj_t_same( 5, $score( $base, $manual( 71 ), $norule )['stars'], 'a rubric without a five-star condition gives 5 stars at 90' );

// ---------------------------------------------------------------- the veto
$v = $score( $base, $manual( 80 ) + array( 'vetoes' => array( 'violation' => array( 'on' => true, 'note' => '某事' ) ), 'five_star' => array( 'met' => true ) ) );
dj_t_same( array( 99.0, 0, true, null, array( 'violation' ) ), array( $v['total'], $v['stars'], $v['vetoed'], $v['gap']['next_stars'], $v['gap']['vetoes'] ), 'a veto item on: 99 points and no star; the gap names the veto' );

// ---------------------------------------------------------------- clamps and the gap
$over = $score( array( 'months_without_activity' => 9, 'meetings_missing:branch_assembly' => 4, 'meetings_held:party_lesson' => 0 ) + $base );
dj_t_same( 0.0, $over['indicators'][0]['score'], 'an indicator never goes below 0 (0 + 0 - 5)' );
$g = $score( $base, $manual( 50 ) );
// Total 69: 3 stars needs 70. Lost: survey 30 (brings 30), lesson 0, assembly 1 (brings 1), idle 0.
dj_t_same( array( 3, 70.0, 1.0 ), array( $g['gap']['next_stars'], $g['gap']['min'], $g['gap']['needed'] ), 'gap: 69 points, 3 stars needs 1 more' );
dj_t_same( array( 'survey', 'assembly' ), array_column( $g['gap']['items'], 'item' ), 'gap: items by the points they would bring back, most first' );
dj_t_same( array( 30.0, 1.0 ), array_column( $g['gap']['items'], 'brings' ), 'gap: 30 and 1 points' );
$clamped = dj_t_rubric();
$clamped['max_total'] = 95;
$c = Rating_Scorer::score( $clamped, dj_t_figures( array( 'meetings_missing:branch_assembly' => 2 ) + $base ), $period, $manual( 80 ) );
dj_t_same( array( 95.0, 0.0 ), array( $c['total'], $c['gap']['items'][0]['brings'] ?? 0.0 ), 'gap: with the total held to max_total, lost points that cannot count bring nothing' );

// ---------------------------------------------------------------- refused rubrics
$bad = dj_t_rubric();
$bad['indicators'][1]['items'][0]['figure'] = 'no_such_figure';
$errors = Rating_Rubric::validate( $bad );
dj_t_same( array( 'indicators[1].items[0].figure: "no_such_figure" is not a figure of the catalogue (see docs/RATING.md)' ), $errors, 'an unknown figure is refused, naming its path' );
$parsed = Rating_Rubric::parse( (string) wp_json_encode( $bad ) );
dj_t_same( null, $parsed['rubric'], 'parse() refuses the whole rubric' );
$cases = array(
	array( static fn( &$d ) => $d['indicators'][0]['items'][1]['rule']['type'] = 'sometimes', 'indicators[0].items[1].rule.type: must be one of threshold, per_shortfall, penalty, plan_min, ratio' ),
	array( static fn( &$d ) => $d['indicators'][0]['items'][1]['rule']['compare'] = '=>', 'indicators[0].items[1].rule.compare: must be one of >= > <= < ==' ),
	array( static fn( &$d ) => $d['indicators'][0]['items'][1]['rule']['points'] = 11, 'indicators[0].items[1].rule.points: must be a number above 0 and at most 10, with at most 2 decimals' ),
	array( static fn( &$d ) => $d['indicators'][2]['items'][0]['id'] = 'assembly', 'indicators[2].items[0].id: "assembly" is already the id of an earlier entry' ),
	array( static fn( &$d ) => $d['bands'][2]['min'] = 85, 'bands[2]: bands must come from the most stars down, each with fewer stars and a lower minimum than the one before' ),
	array( static fn( &$d ) => $d['indicators'][0]['itmes'] = array(), 'indicators[0].itmes: unknown key' ),
	array( static fn( &$d ) => $d['indicators'][0]['items'][0]['args'] = array(), 'indicators[0].items[0].args.kind: is required by the figure "meetings_missing"' ),
	array( static fn( &$d ) => $d['indicators'][1]['items'][1]['rule']['denominator'] = 'members', 'indicators[1].items[1].rule.denominator: "members" is not a figure of the catalogue (see docs/RATING.md)' ),
	array( static fn( &$d ) => $d['format'] = 'rubric', 'format: must be "dangjian-rating-rubric"' ),
	array( static fn( &$d ) => $d['vetoes'][0]['label'] = '  ', 'vetoes[0].label: must be a text of 1 to 300 characters, not blank' ),
	array( static fn( &$d ) => $d['five_star']['kind'] = 'magic', 'five_star.kind: must be "manual" or "automatic"' ),
);
foreach ( $cases as list( $break, $message ) ) {
	$d = dj_t_rubric();
	$break( $d );
	dj_t_same( array( $message ), Rating_Rubric::validate( $d ), 'refused: ' . $message );
}
$syntax = Rating_Rubric::parse( '{"format": "dangjian-rating-rubric",' );
dj_t_ok( null === $syntax['rubric'] && str_starts_with( $syntax['errors'][0] ?? '', '(document): not valid JSON' ), 'text that is not JSON is refused', implode( ' | ', $syntax['errors'] ) );
dj_t_same( array( '(document): must be a JSON object' ), Rating_Rubric::validate( array( 1, 2 ) ), 'a list is not a rubric' );

dj_t_done();

<?php
/**
 * Scores a year against a rubric: every item's points, the total, the stars and the gap to the next star.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * A pure function of a valid rubric, a figure evaluator, the period and the secretary's manual scores.
 *
 * The figure evaluator is any callable fn( string $figure_id, array $args, array $period ): int|float|null
 * (Rating_Figures in the plugin; a closure over crafted values in the tests).
 *
 * Manual scores: array(
 *   'items'     => item id => array( 'points' => number, 'note' => text, 'evidence' => string[] ),
 *   'vetoes'    => veto id => array( 'on' => bool, 'note' => text ),
 *   'five_star' => array( 'met' => bool, 'note' => text ),
 * ).
 *
 * Totals: an indicator's score is the sum of its items' points held to 0 … its max; the total is the sum
 * of the indicators held to the rubric's max_total. Points are rounded to 2 decimals.
 * Stars: 0 when any veto is on; else the first band whose min the total reaches, else 1; 5 stars fall
 * to 4 while the five-star condition is not met.
 */
final class Rating_Scorer {

	/**
	 * Scores a year.
	 *
	 * @param array    $rubric A valid rubric (Rating_Rubric::validate() found nothing).
	 * @param callable $figure The figure evaluator.
	 * @param array    $period 'year', 'from', 'to', 'as_of'.
	 * @param array    $manual The manual scores (see the class comment).
	 * @return array The assessment's result (docs/RATING.md, "The result").
	 */
	public static function score( array $rubric, callable $figure, array $period, array $manual = array() ): array {
		$indicators = array();
		foreach ( $rubric['indicators'] as $indicator ) {
			$items = array();
			foreach ( $indicator['items'] as $item ) {
				$items[] = 'manual' === $item['kind']
					? self::manual_item( $item, $manual['items'][ $item['id'] ] ?? null )
					: self::automatic_item( $item, $figure, $period );
			}
			$indicators[] = array(
				'id'    => $indicator['id'],
				'name'  => $indicator['name'],
				'max'   => self::num( $indicator['max'] ),
				'score' => 0.0,
				'items' => $items,
			);
		}
		$total = self::total( $rubric, $indicators );

		$vetoes = array();
		foreach ( $rubric['vetoes'] ?? array() as $veto ) {
			$m        = $manual['vetoes'][ $veto['id'] ] ?? array();
			$vetoes[] = array(
				'id'    => $veto['id'],
				'label' => $veto['label'],
				'on'    => ! empty( $m['on'] ),
				'note'  => (string) ( $m['note'] ?? '' ),
			);
		}
		$vetoed    = in_array( true, array_column( $vetoes, 'on' ), true );
		$condition = self::condition( $rubric['five_star'] ?? null, $figure, $period, $manual['five_star'] ?? array() );
		$band      = self::band_stars( $rubric['bands'], $total );
		$stars     = $vetoed ? 0 : ( 5 === $band && $condition && ! $condition['met'] ? 4 : $band );

		$result = array(
			'year'        => (int) ( $period['year'] ?? (int) substr( $period['to'], 0, 4 ) ),
			'period'      => array(
				'from'  => $period['from'],
				'to'    => $period['to'],
				'as_of' => $period['as_of'],
			),
			'rubric'      => $rubric['name'],
			'max_total'   => self::num( $rubric['max_total'] ),
			'total'       => $total,
			'band_stars'  => $band,
			'stars'       => $stars,
			'vetoed'      => $vetoed,
			'vetoes'      => $vetoes,
			'five_star'   => $condition,
			'indicators'  => $indicators,
			'gap'         => null,
		);
		$result['gap'] = self::gap( $rubric, $result );
		return $result;
	}

	/**
	 * A number as the result holds it: a float rounded to 2 decimals.
	 *
	 * @param int|float $n The number.
	 */
	private static function num( $n ): float {
		return round( (float) $n, 2 );
	}

	/**
	 * Fills in each indicator's score and returns the total.
	 *
	 * @param array $rubric     The rubric.
	 * @param array $indicators The scored indicators (their 'score' is set).
	 */
	private static function total( array $rubric, array &$indicators ): float {
		$sum = 0.0;
		foreach ( $indicators as &$indicator ) {
			$raw                = array_sum( array_column( $indicator['items'], 'points' ) );
			$indicator['score'] = self::num( max( 0.0, min( (float) $indicator['max'], $raw ) ) );
			$sum               += $indicator['score'];
		}
		unset( $indicator );
		return self::num( min( (float) $rubric['max_total'], $sum ) );
	}

	/**
	 * The stars of a total by the bands alone (1 below the last band).
	 *
	 * @param array $bands The rubric's bands.
	 * @param float $total The total.
	 */
	public static function band_stars( array $bands, float $total ): int {
		foreach ( $bands as $band ) {
			if ( $total >= self::num( $band['min'] ) ) {
				return (int) $band['stars'];
			}
		}
		return 1;
	}

	/**
	 * A manual item: the secretary's points (none until scored), note and evidence.
	 *
	 * @param array      $item  The rubric's item.
	 * @param array|null $score The manual score, or null.
	 */
	private static function manual_item( array $item, ?array $score ): array {
		$max = self::num( $item['points'] );
		$pts = null === $score ? 0.0 : self::num( max( 0.0, min( $max, (float) ( $score['points'] ?? 0 ) ) ) );
		return array(
			'id'       => $item['id'],
			'label'    => $item['label'],
			'kind'     => 'manual',
			'max'      => $max,
			'points'   => $pts,
			'lost'     => self::num( $max - $pts ),
			'scored'   => null !== $score,
			'note'     => (string) ( $score['note'] ?? '' ),
			'evidence' => array_values( (array) ( $score['evidence'] ?? array() ) ),
			'source'   => null,
		);
	}

	/**
	 * Whether a value passes a comparison.
	 *
	 * @param int|float $value   The value.
	 * @param string    $compare One of Rating_Rubric::COMPARE.
	 * @param int|float $target  The value compared with.
	 */
	public static function compare( $value, string $compare, $target ): bool {
		$v = round( (float) $value, 6 );
		$t = round( (float) $target, 6 );
		switch ( $compare ) {
			case '>=':
				return $v >= $t;
			case '>':
				return $v > $t;
			case '<=':
				return $v <= $t;
			case '<':
				return $v < $t;
		}
		return $v === $t;
	}

	/**
	 * An automatic item: the figure, the rule, the points, and where they came from.
	 *
	 * @param array    $item   The rubric's item.
	 * @param callable $figure The figure evaluator.
	 * @param array    $period The period.
	 */
	private static function automatic_item( array $item, callable $figure, array $period ): array {
		$rule   = $item['rule'];
		$args   = (array) ( $item['args'] ?? array() );
		$value  = $figure( $item['figure'], $args, $period );
		$max    = Rating_Rubric::item_max( $item );
		$source = array(
			'figure' => $item['figure'],
			'args'   => (object) $args,
			'value'  => $value,
			'rule'   => $rule,
		);
		$points = 0.0;
		$why    = '';
		if ( null === $value ) {
			$why = 'no_figure';
		} else {
			switch ( $rule['type'] ) {
				case 'threshold':
					$points = self::compare( $value, $rule['compare'], $rule['value'] ) ? (float) $rule['points'] : 0.0;
					break;
				case 'per_shortfall':
					$points = max( 0.0, (float) $rule['points'] - (float) $rule['deduct'] * max( 0.0, (float) $value ) );
					break;
				case 'penalty':
					$points = self::compare( $value, $rule['compare'], $rule['value'] ) ? -(float) $rule['deduct'] : 0.0;
					break;
				case 'plan_min':
					$target           = $figure( 'plan_min_admit', array(), $period );
					$source['target'] = $target;
					if ( null === $target ) {
						$why = 'no_plan';
					} else {
						$points = (float) $value >= (float) $target ? (float) $rule['points'] : 0.0;
					}
					break;
				case 'ratio':
					$den               = $figure( $rule['denominator'], (array) ( $rule['denominator_args'] ?? array() ), $period );
					$source['denominator'] = $den;
					if ( null === $den || 0.0 === (float) $den ) {
						$source['ratio'] = null;
						$why             = 'no_denominator';
					} else {
						$ratio           = round( (float) $value / (float) $den, 4 );
						$source['ratio'] = $ratio;
						$points          = self::compare( $ratio, $rule['compare'], $rule['value'] ) ? (float) $rule['points'] : 0.0;
					}
					break;
			}
		}
		$points          = self::num( $points );
		$source['why']   = $why;
		return array(
			'id'       => $item['id'],
			'label'    => $item['label'],
			'kind'     => 'automatic',
			'max'      => self::num( $max ),
			'points'   => $points,
			'lost'     => self::num( $max - $points ),
			'scored'   => true,
			'note'     => '',
			'evidence' => array(),
			'source'   => $source,
		);
	}

	/**
	 * The five-star condition, evaluated, or null when the rubric has none.
	 *
	 * @param array|null $cond   The rubric's condition.
	 * @param callable   $figure The figure evaluator.
	 * @param array      $period The period.
	 * @param array      $manual The manual answer ('met', 'note').
	 */
	private static function condition( ?array $cond, callable $figure, array $period, array $manual ): ?array {
		if ( null === $cond ) {
			return null;
		}
		if ( 'manual' === $cond['kind'] ) {
			return array(
				'label' => $cond['label'],
				'kind'  => 'manual',
				'met'   => ! empty( $manual['met'] ),
				'note'  => (string) ( $manual['note'] ?? '' ),
				'value' => null,
			);
		}
		$value = $figure( $cond['figure'], (array) ( $cond['args'] ?? array() ), $period );
		return array(
			'label' => $cond['label'],
			'kind'  => 'automatic',
			'met'   => null !== $value && self::compare( $value, $cond['compare'], $cond['value'] ),
			'note'  => '',
			'value' => $value,
		);
	}

	/**
	 * The gap to the next star: what it needs, and the items where points were lost, ordered by the
	 * points full marks on each would add to the total (clamps included), most first.
	 *
	 * @param array $rubric The rubric.
	 * @param array $result The scored result (without its gap).
	 * @return array{next_stars:?int,min:?float,needed:float,vetoes:string[],five_star:bool,items:array[]}
	 */
	private static function gap( array $rubric, array $result ): array {
		$items = array();
		foreach ( $result['indicators'] as $i => $indicator ) {
			foreach ( $indicator['items'] as $j => $item ) {
				if ( $item['lost'] <= 0 ) {
					continue;
				}
				$what                                  = $result['indicators'];
				$what[ $i ]['items'][ $j ]['points'] = $item['max'];
				$brings                                = self::num( self::total( $rubric, $what ) - $result['total'] );
				$items[]                               = array(
					'indicator' => $indicator['id'],
					'item'      => $item['id'],
					'label'     => $item['label'],
					'kind'      => $item['kind'],
					'lost'      => $item['lost'],
					'brings'    => $brings,
					'order'     => count( $items ),
				);
			}
		}
		usort( $items, static fn( $a, $b ) => array( $b['brings'], $a['order'] ) <=> array( $a['brings'], $b['order'] ) );
		$items = array_map(
			static function ( $x ) {
				unset( $x['order'] );
				return $x;
			},
			array_values( array_filter( $items, static fn( $x ) => $x['brings'] > 0 ) )
		);

		$next = $result['stars'] < 5 ? max( 1, $result['stars'] + 1 ) : null;
		$min  = null;
		if ( null !== $next && ! $result['vetoed'] ) {
			foreach ( $rubric['bands'] as $band ) {
				if ( $band['stars'] >= $next ) {
					$min = self::num( $band['min'] );
				}
			}
		}
		return array(
			'next_stars' => $result['vetoed'] ? null : $next,
			'min'        => $min,
			'needed'     => null === $min ? 0.0 : self::num( max( 0.0, $min - $result['total'] ) ),
			'vetoes'     => array_values( array_column( array_filter( $result['vetoes'], static fn( $v ) => $v['on'] ), 'id' ) ),
			'five_star'  => 5 === $next && $result['five_star'] && ! $result['five_star']['met'],
			'items'      => $items,
		);
	}
}

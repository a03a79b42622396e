<?php
/**
 * A star-rating rubric as data: the JSON format "dangjian-rating-rubric", version 1, and its checks.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Parses and validates a rubric. docs/RATING.md describes the format; in short:
 *
 *     { "format": "dangjian-rating-rubric", "version": 1, "name": "…", "max_total": 100,
 *       "bands": [ { "stars": 5, "min": 90 }, … ],            stars 2–5 by falling min; below: 1 star
 *       "vetoes": [ { "id": "…", "label": "…" } ],            any one on: no star
 *       "five_star": null | { "label": "…", "kind": "manual" }
 *                        | { "label": "…", "kind": "automatic", "figure": "…", "args": {}, "compare": ">=", "value": 1 },
 *       "indicators": [ { "id": "…", "name": "…", "max": 15, "items": [
 *           { "id": "…", "label": "…", "kind": "manual", "points": 5 },
 *           { "id": "…", "label": "…", "kind": "automatic", "figure": "…", "args": {}, "rule": { "type": "…", … } } ] } ] }
 *
 * Rule types: threshold (compare, value, points), per_shortfall (points, deduct), penalty (compare,
 * value, deduct), plan_min (points), ratio (denominator, denominator_args, compare, value, points).
 *
 * Errors are data: validate() returns every problem found (at most MAX_ERRORS), each
 * "<path>: <rule>", the path written as in JavaScript (indicators[3].items[0].figure).
 */
final class Rating_Rubric {

	const FORMAT  = 'dangjian-rating-rubric';
	const VERSION = 1;

	/** The most problems validate() reports. */
	const MAX_ERRORS = 20;

	/** The comparisons a rule may use. */
	const COMPARE = array( '>=', '>', '<=', '<', '==' );

	/** The rule types, each with its required keys (beyond "type"). */
	const RULES = array(
		'threshold'     => array( 'compare', 'value', 'points' ),
		'per_shortfall' => array( 'points', 'deduct' ),
		'penalty'       => array( 'compare', 'value', 'deduct' ),
		'plan_min'      => array( 'points' ),
		'ratio'         => array( 'denominator', 'compare', 'value', 'points' ),
	);

	/** The optional keys of each rule type. */
	const RULE_OPTIONAL = array(
		'ratio' => array( 'denominator_args' ),
	);

	/** @var string[] */
	private $errors = array();

	/**
	 * Parses a rubric from JSON text and validates it.
	 *
	 * @param string $json The text.
	 * @return array{rubric:?array,errors:string[]} The rubric (null when refused) and the problems.
	 */
	public static function parse( string $json ): array {
		try {
			$doc = json_decode( $json, true, 64, JSON_THROW_ON_ERROR );
		} catch ( \JsonException $e ) {
			return array(
				'rubric' => null,
				/* translators: %s: the JSON parser's message. */
				'errors' => array( sprintf( __( '(document): not valid JSON (%s)', 'dangjian' ), $e->getMessage() ) ),
			);
		}
		$errors = self::validate( $doc );
		return array(
			'rubric' => $errors ? null : $doc,
			'errors' => $errors,
		);
	}

	/**
	 * Every problem of a decoded rubric, or an empty list when it is valid.
	 *
	 * @param mixed $doc The decoded JSON (arrays).
	 * @return string[]
	 */
	public static function validate( $doc ): array {
		$v = new self();
		$v->check_root( $doc );
		return array_slice( $v->errors, 0, self::MAX_ERRORS );
	}

	/**
	 * The maximum points of an item (0 for a penalty, which can only take points away).
	 *
	 * @param array $item A valid item.
	 */
	public static function item_max( array $item ): float {
		if ( 'manual' === $item['kind'] ) {
			return (float) $item['points'];
		}
		return 'penalty' === $item['rule']['type'] ? 0.0 : (float) $item['rule']['points'];
	}

	/**
	 * Records a problem.
	 *
	 * @param string $path    Where.
	 * @param string $message The rule broken.
	 */
	private function fail( string $path, string $message ): void {
		$this->errors[] = $path . ': ' . $message;
	}

	/**
	 * Refuses keys outside the allowed ones.
	 *
	 * @param array    $map     The object.
	 * @param string[] $allowed Allowed keys.
	 * @param string   $path    Its path ('' for the root).
	 */
	private function known_keys( array $map, array $allowed, string $path ): void {
		foreach ( array_keys( $map ) as $key ) {
			if ( ! in_array( (string) $key, $allowed, true ) ) {
				$this->fail( ( '' === $path ? '' : $path . '.' ) . $key, __( 'unknown key', 'dangjian' ) );
			}
		}
	}

	/**
	 * Whether a value is a JSON object (a PHP array that is not a list, or an empty array).
	 *
	 * @param mixed $value The value.
	 */
	private static function is_map( $value ): bool {
		return is_array( $value ) && ( array() === $value || ! array_is_list( $value ) );
	}

	/**
	 * Checks a number in a range; returns whether it passed.
	 *
	 * @param mixed  $value The value.
	 * @param string $path  Its path.
	 * @param float  $min   Lowest allowed.
	 * @param float  $max   Highest allowed.
	 * @param bool   $above Whether $min itself is excluded.
	 */
	private function number( $value, string $path, float $min, float $max, bool $above = false ): bool {
		$ok = ( is_int( $value ) || is_float( $value ) ) && is_finite( (float) $value )
			&& ( $above ? $value > $min : $value >= $min ) && $value <= $max
			&& abs( round( (float) $value, 2 ) - (float) $value ) < 1e-9;
		if ( ! $ok ) {
			$this->fail(
				$path,
				$above
					/* translators: 1: lowest value (excluded), 2: highest value. */
					? sprintf( __( 'must be a number above %1$s and at most %2$s, with at most 2 decimals', 'dangjian' ), $min, $max )
					/* translators: 1: lowest value, 2: highest value. */
					: sprintf( __( 'must be a number from %1$s to %2$s, with at most 2 decimals', 'dangjian' ), $min, $max )
			);
		}
		return $ok;
	}

	/**
	 * Checks a text of 1 to $max characters, not blank.
	 *
	 * @param mixed  $value The value.
	 * @param string $path  Its path.
	 * @param int    $max   Characters.
	 */
	private function text( $value, string $path, int $max ): bool {
		$ok = is_string( $value ) && '' !== trim( $value ) && mb_check_encoding( $value, 'UTF-8' ) && mb_strlen( $value, 'UTF-8' ) <= $max;
		if ( ! $ok ) {
			/* translators: %d: the most characters. */
			$this->fail( $path, sprintf( __( 'must be a text of 1 to %d characters, not blank', 'dangjian' ), $max ) );
		}
		return $ok;
	}

	/**
	 * Checks an id (1 to 40 of a-z, 0-9, _) not already in $seen.
	 *
	 * @param mixed  $value The value.
	 * @param string $path  Its path.
	 * @param array  $seen  Ids met so far (updated).
	 */
	private function id( $value, string $path, array &$seen ): void {
		if ( ! is_string( $value ) || ! preg_match( '/^[a-z0-9_]{1,40}$/', $value ) ) {
			$this->fail( $path, __( 'must be an id of 1 to 40 of a-z, 0-9 and _', 'dangjian' ) );
			return;
		}
		if ( isset( $seen[ $value ] ) ) {
			/* translators: %s: the id. */
			$this->fail( $path, sprintf( __( '"%s" is already the id of an earlier entry', 'dangjian' ), $value ) );
			return;
		}
		$seen[ $value ] = true;
	}

	/**
	 * The document itself.
	 *
	 * @param mixed $doc The decoded JSON.
	 */
	private function check_root( $doc ): void {
		if ( ! self::is_map( $doc ) ) {
			$this->fail( '(document)', __( 'must be a JSON object', 'dangjian' ) );
			return;
		}
		$this->known_keys( $doc, array( 'format', 'version', 'name', 'description', 'max_total', 'bands', 'vetoes', 'five_star', 'indicators' ), '' );
		if ( self::FORMAT !== ( $doc['format'] ?? null ) ) {
			/* translators: %s: the format name. */
			$this->fail( 'format', sprintf( __( 'must be "%s"', 'dangjian' ), self::FORMAT ) );
		}
		if ( self::VERSION !== ( $doc['version'] ?? null ) ) {
			/* translators: %d: the version. */
			$this->fail( 'version', sprintf( __( 'must be %d (the only version there is)', 'dangjian' ), self::VERSION ) );
		}
		$this->text( $doc['name'] ?? null, 'name', 200 );
		if ( isset( $doc['description'] ) ) {
			$this->text( $doc['description'], 'description', 2000 );
		}
		$this->number( $doc['max_total'] ?? null, 'max_total', 0, 1000, true );
		$this->check_bands( $doc['bands'] ?? null );
		$this->check_vetoes( $doc['vetoes'] ?? array() );
		if ( isset( $doc['five_star'] ) ) {
			$this->check_condition( $doc['five_star'], 'five_star' );
		}
		$indicators = $doc['indicators'] ?? null;
		if ( ! is_array( $indicators ) || ! array_is_list( $indicators ) || count( $indicators ) < 1 || count( $indicators ) > 20 ) {
			$this->fail( 'indicators', __( 'must be a list of 1 to 20 indicators', 'dangjian' ) );
			return;
		}
		$ids   = array();
		$items = array();
		foreach ( $indicators as $i => $indicator ) {
			$this->check_indicator( $indicator, "indicators[$i]", $ids, $items );
		}
	}

	/**
	 * The bands: 1 to 5 of {stars, min}, stars and min both falling.
	 *
	 * @param mixed $bands The value.
	 */
	private function check_bands( $bands ): void {
		if ( ! is_array( $bands ) || ! array_is_list( $bands ) || count( $bands ) < 1 || count( $bands ) > 4 ) {
			$this->fail( 'bands', __( 'must be a list of 1 to 4 bands, {"stars": 2 to 5, "min": points}', 'dangjian' ) );
			return;
		}
		$prev = null;
		foreach ( $bands as $i => $band ) {
			$path = "bands[$i]";
			if ( ! self::is_map( $band ) ) {
				$this->fail( $path, __( 'must be an object {"stars", "min"}', 'dangjian' ) );
				continue;
			}
			$this->known_keys( $band, array( 'stars', 'min' ), $path );
			$stars = $band['stars'] ?? null;
			if ( ! is_int( $stars ) || $stars < 2 || $stars > 5 ) {
				$this->fail( "$path.stars", __( 'must be a whole number of stars from 2 to 5 (below the last band is one star)', 'dangjian' ) );
				continue;
			}
			if ( ! $this->number( $band['min'] ?? null, "$path.min", 0, 1000 ) ) {
				continue;
			}
			if ( null !== $prev && ( $stars >= $prev['stars'] || $band['min'] >= $prev['min'] ) ) {
				$this->fail( $path, __( 'bands must come from the most stars down, each with fewer stars and a lower minimum than the one before', 'dangjian' ) );
			}
			$prev = $band;
		}
	}

	/**
	 * The veto items: a list of {id, label}.
	 *
	 * @param mixed $vetoes The value.
	 */
	private function check_vetoes( $vetoes ): void {
		if ( ! is_array( $vetoes ) || ! array_is_list( $vetoes ) || count( $vetoes ) > 20 ) {
			$this->fail( 'vetoes', __( 'must be a list of at most 20 veto items', 'dangjian' ) );
			return;
		}
		$seen = array();
		foreach ( $vetoes as $i => $veto ) {
			if ( ! self::is_map( $veto ) ) {
				$this->fail( "vetoes[$i]", __( 'must be an object {"id", "label"}', 'dangjian' ) );
				continue;
			}
			$this->known_keys( $veto, array( 'id', 'label' ), "vetoes[$i]" );
			$this->id( $veto['id'] ?? null, "vetoes[$i].id", $seen );
			$this->text( $veto['label'] ?? null, "vetoes[$i].label", 300 );
		}
	}

	/**
	 * The five-star condition: manual, or automatic with a figure and a comparison.
	 *
	 * @param mixed  $cond The value.
	 * @param string $path Its path.
	 */
	private function check_condition( $cond, string $path ): void {
		if ( ! self::is_map( $cond ) ) {
			$this->fail( $path, __( 'must be null or an object {"label", "kind", …}', 'dangjian' ) );
			return;
		}
		$this->text( $cond['label'] ?? null, "$path.label", 300 );
		$kind = $cond['kind'] ?? null;
		if ( 'manual' === $kind ) {
			$this->known_keys( $cond, array( 'label', 'kind' ), $path );
			return;
		}
		if ( 'automatic' !== $kind ) {
			$this->fail( "$path.kind", __( 'must be "manual" or "automatic"', 'dangjian' ) );
			return;
		}
		$this->known_keys( $cond, array( 'label', 'kind', 'figure', 'args', 'compare', 'value' ), $path );
		$this->check_figure( $cond['figure'] ?? null, $cond['args'] ?? array(), $path, 'figure', 'args' );
		$this->check_compare( $cond, $path );
	}

	/**
	 * The compare and value keys of a rule or a condition.
	 *
	 * @param array  $map  The rule.
	 * @param string $path Its path.
	 */
	private function check_compare( array $map, string $path ): void {
		if ( ! in_array( $map['compare'] ?? null, self::COMPARE, true ) ) {
			/* translators: %s: the allowed comparisons. */
			$this->fail( "$path.compare", sprintf( __( 'must be one of %s', 'dangjian' ), implode( ' ', self::COMPARE ) ) );
		}
		$this->number( $map['value'] ?? null, "$path.value", -1e9, 1e9 );
	}

	/**
	 * A figure id of the catalogue and its arguments.
	 *
	 * @param mixed  $figure   The id.
	 * @param mixed  $args     The arguments.
	 * @param string $path     The path of the object holding them.
	 * @param string $fkey     The figure's key in it.
	 * @param string $akey     The arguments' key in it.
	 */
	private function check_figure( $figure, $args, string $path, string $fkey, string $akey ): void {
		$catalogue = Rating_Figures::catalogue();
		if ( ! is_string( $figure ) || ! isset( $catalogue[ $figure ] ) ) {
			$this->fail(
				"$path.$fkey",
				/* translators: %s: the value given. */
				sprintf( __( '%s is not a figure of the catalogue (see docs/RATING.md)', 'dangjian' ), is_string( $figure ) ? '"' . $figure . '"' : wp_json_encode( $figure ) )
			);
			return;
		}
		if ( ! self::is_map( $args ) ) {
			$this->fail( "$path.$akey", __( 'must be an object of the figure\'s arguments', 'dangjian' ) );
			return;
		}
		$spec = $catalogue[ $figure ]['args'];
		if ( ! empty( $catalogue[ $figure ]['report'] ) ) {
			$this->check_report_args( $figure, $args, "$path.$akey" );
			return;
		}
		foreach ( $args as $name => $value ) {
			if ( ! isset( $spec[ $name ] ) ) {
				/* translators: %s: the figure id. */
				$this->fail( "$path.$akey.$name", sprintf( __( 'is not an argument of the figure "%s"', 'dangjian' ), $figure ) );
				continue;
			}
			if ( ! is_string( $value ) || ! preg_match( '/^[a-z0-9_]{1,32}$/', $value ) ) {
				$this->fail( "$path.$akey.$name", __( 'must be a slug (1 to 32 of a-z, 0-9, _)', 'dangjian' ) );
			}
		}
		foreach ( $spec as $name => $required ) {
			if ( $required && ! isset( $args[ $name ] ) ) {
				/* translators: %s: the figure id. */
				$this->fail( "$path.$akey.$name", sprintf( __( 'is required by the figure "%s"', 'dangjian' ), $figure ) );
			}
		}
	}

	/**
	 * The arguments of a figure of the report room's catalogue: texts, checked by Report_Figures.
	 *
	 * @param string $figure The figure id.
	 * @param array  $args   The arguments.
	 * @param string $path   Their path.
	 */
	private function check_report_args( string $figure, array $args, string $path ): void {
		foreach ( $args as $name => $value ) {
			if ( ! is_string( $value ) && ! is_int( $value ) ) {
				$this->fail( "$path.$name", __( 'must be a text', 'dangjian' ) );
				return;
			}
		}
		$error = Report_Figures::check_args( $figure, array_map( 'strval', $args ) );
		if ( null !== $error ) {
			$this->fail( $path, $error );
		}
	}

	/**
	 * One indicator and its items.
	 *
	 * @param mixed  $indicator The value.
	 * @param string $path      Its path.
	 * @param array  $ids       Indicator ids met so far.
	 * @param array  $items     Item ids met so far (unique across the rubric).
	 */
	private function check_indicator( $indicator, string $path, array &$ids, array &$items ): void {
		if ( ! self::is_map( $indicator ) ) {
			$this->fail( $path, __( 'must be an object {"id", "name", "max", "items"}', 'dangjian' ) );
			return;
		}
		$this->known_keys( $indicator, array( 'id', 'name', 'max', 'items' ), $path );
		$this->id( $indicator['id'] ?? null, "$path.id", $ids );
		$this->text( $indicator['name'] ?? null, "$path.name", 100 );
		$max_ok = $this->number( $indicator['max'] ?? null, "$path.max", 0, 1000, true );
		$list   = $indicator['items'] ?? null;
		if ( ! is_array( $list ) || ! array_is_list( $list ) || count( $list ) < 1 || count( $list ) > 50 ) {
			$this->fail( "$path.items", __( 'must be a list of 1 to 50 items', 'dangjian' ) );
			return;
		}
		foreach ( $list as $j => $item ) {
			$this->check_item( $item, "$path.items[$j]", $max_ok ? (float) $indicator['max'] : 1000.0, $items );
		}
	}

	/**
	 * One item: manual or automatic.
	 *
	 * @param mixed  $item  The value.
	 * @param string $path  Its path.
	 * @param float  $max   The indicator's maximum: no item may be worth more.
	 * @param array  $seen  Item ids met so far.
	 */
	private function check_item( $item, string $path, float $max, array &$seen ): void {
		if ( ! self::is_map( $item ) ) {
			$this->fail( $path, __( 'must be an object {"id", "label", "kind", …}', 'dangjian' ) );
			return;
		}
		$this->id( $item['id'] ?? null, "$path.id", $seen );
		$this->text( $item['label'] ?? null, "$path.label", 300 );
		$kind = $item['kind'] ?? null;
		if ( 'manual' === $kind ) {
			$this->known_keys( $item, array( 'id', 'label', 'kind', 'points', 'guide' ), $path );
			$this->number( $item['points'] ?? null, "$path.points", 0, $max, true );
			if ( isset( $item['guide'] ) ) {
				$this->text( $item['guide'], "$path.guide", 1000 );
			}
			return;
		}
		if ( 'automatic' !== $kind ) {
			$this->fail( "$path.kind", __( 'must be "manual" or "automatic"', 'dangjian' ) );
			return;
		}
		$this->known_keys( $item, array( 'id', 'label', 'kind', 'figure', 'args', 'rule', 'guide' ), $path );
		$this->check_figure( $item['figure'] ?? null, $item['args'] ?? array(), $path, 'figure', 'args' );
		if ( isset( $item['guide'] ) ) {
			$this->text( $item['guide'], "$path.guide", 1000 );
		}
		$this->check_rule( $item['rule'] ?? null, "$path.rule", $max );
	}

	/**
	 * The rule of an automatic item.
	 *
	 * @param mixed  $rule The value.
	 * @param string $path Its path.
	 * @param float  $max  The indicator's maximum.
	 */
	private function check_rule( $rule, string $path, float $max ): void {
		if ( ! self::is_map( $rule ) ) {
			$this->fail( $path, __( 'must be an object {"type", …}', 'dangjian' ) );
			return;
		}
		$type = $rule['type'] ?? null;
		if ( ! is_string( $type ) || ! isset( self::RULES[ $type ] ) ) {
			/* translators: %s: the rule types. */
			$this->fail( "$path.type", sprintf( __( 'must be one of %s', 'dangjian' ), implode( ', ', array_keys( self::RULES ) ) ) );
			return;
		}
		$this->known_keys( $rule, array_merge( array( 'type' ), self::RULES[ $type ], self::RULE_OPTIONAL[ $type ] ?? array() ), $path );
		if ( in_array( 'points', self::RULES[ $type ], true ) ) {
			$this->number( $rule['points'] ?? null, "$path.points", 0, $max, true );
		}
		if ( in_array( 'deduct', self::RULES[ $type ], true ) ) {
			$this->number( $rule['deduct'] ?? null, "$path.deduct", 0, $max, true );
		}
		if ( in_array( 'compare', self::RULES[ $type ], true ) ) {
			$this->check_compare( $rule, $path );
		}
		if ( 'ratio' === $type ) {
			$this->check_figure( $rule['denominator'] ?? null, $rule['denominator_args'] ?? array(), $path, 'denominator', 'denominator_args' );
		}
	}
}

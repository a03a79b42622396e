<?php
/**
 * The period of one report, and the figures already computed for it.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Holds the period (from, to, as_of) and caches the engine's results per query, and any other
 * value computed once per report (the small tables, people's names), so that a report costs one
 * stats() call per distinct filter and no more.
 */
final class Report_Context {

	/** @var string First day, YYYY-MM-DD. */
	public $from;

	/** @var string Last day, YYYY-MM-DD. */
	public $to;

	/** @var string The day of the roster figures. */
	public $as_of;

	/** @var int The number of stats() calls made through this context. */
	public $calls = 0;

	/** @var callable|null fn( array $query ): array; default Engine::stats(). */
	private $engine;

	/** @var array<string,array> stats() results by query. */
	private $stats = array();

	/** @var array<string,mixed> Other values by key. */
	private $memo = array();

	/**
	 * @param string        $from   First day.
	 * @param string        $to     Last day.
	 * @param string|null   $as_of  The roster day; default today when today lies in the period, else $to.
	 * @param callable|null $engine fn( array $query ): array computing the figures (tests and the
	 *                              benchmark pass a Dataset's stats); default Engine::stats().
	 * @throws \InvalidArgumentException On a date that is not YYYY-MM-DD or from after to.
	 */
	public function __construct( string $from, string $to, ?string $as_of = null, ?callable $engine = null ) {
		foreach ( array( 'from' => $from, 'to' => $to, 'as_of' => $as_of ?? $to ) as $key => $value ) {
			if ( ! preg_match( '/^\d{4}-\d{2}-\d{2}$/', $value ) || ! checkdate( (int) substr( $value, 5, 2 ), (int) substr( $value, 8, 2 ), (int) substr( $value, 0, 4 ) ) ) {
				/* translators: 1: from, to or as_of; 2: the value given. */
				throw new \InvalidArgumentException( sprintf( __( '%1$s: "%2$s" is not a date (YYYY-MM-DD).', 'dangjian' ), $key, $value ) );
			}
		}
		if ( $from > $to ) {
			throw new \InvalidArgumentException( __( 'The period starts after it ends.', 'dangjian' ) );
		}
		if ( null === $as_of ) {
			$today = function_exists( 'wp_date' ) ? wp_date( 'Y-m-d' ) : gmdate( 'Y-m-d' );
			$as_of = ( $today >= $from && $today <= $to ) ? $today : $to;
		}
		$this->from   = $from;
		$this->to     = $to;
		$this->as_of  = $as_of;
		$this->engine = $engine;
	}

	/**
	 * A context for a calendar year.
	 *
	 * @param int           $year   The year (1900–2199).
	 * @param callable|null $engine As the constructor.
	 */
	public static function year( int $year, ?callable $engine = null ): self {
		return new self( sprintf( '%04d-01-01', $year ), sprintf( '%04d-12-31', $year ), null, $engine );
	}

	/**
	 * The year the period belongs to (the year of its last day).
	 */
	public function report_year(): int {
		return (int) substr( $this->to, 0, 4 );
	}

	/**
	 * The engine's figures for the period, with a filter (STATS.md v2 `filter`), cached.
	 *
	 * @param array $filter Keys kinds, venue_kinds, venues, projects (lists); [] for none.
	 * @param int   $top    Length of service.top_volunteers.
	 * @throws \ValueError|\RuntimeException From the engine.
	 */
	public function stats( array $filter = array(), int $top = 10 ): array {
		ksort( $filter );
		$query = array(
			'from'  => $this->from,
			'to'    => $this->to,
			'as_of' => $this->as_of,
			'top'   => $top,
		);
		if ( array() !== $filter ) {
			$query['filter'] = $filter;
		}
		$key = md5( (string) json_encode( $query ) );
		if ( ! isset( $this->stats[ $key ] ) ) {
			++$this->calls;
			if ( null !== $this->engine ) {
				$this->stats[ $key ] = ( $this->engine )( $query );
			} else {
				$query['meeting_rules'] = Settings::meeting_rules();
				$this->stats[ $key ]    = Engine::stats( $query );
			}
		}
		return $this->stats[ $key ];
	}

	/**
	 * A value computed once per context.
	 *
	 * @param string   $key     A name.
	 * @param callable $compute fn(): mixed.
	 * @return mixed
	 */
	public function memo( string $key, callable $compute ) {
		if ( ! array_key_exists( $key, $this->memo ) ) {
			$this->memo[ $key ] = $compute();
		}
		return $this->memo[ $key ];
	}
}

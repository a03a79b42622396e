<?php
/**
 * The figures a rubric's automatic items may score from, and their evaluator.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The rating's figure catalogue and an evaluator, callable as the scorer wants it:
 * fn( string $figure_id, array $args, array $period ): int|float|null, where $period holds 'from',
 * 'to', 'as_of' and 'year'.
 *
 * Figures come from Engine::stats() (one query per period, plus one more for
 * months_without_activity), from the plugin's tables (media, honours, investments, benefits, plans),
 * or, for ids only it knows, from the report room's Dangjian\Report_Figures when it is loaded.
 * null means "not known" (a table or a meeting rule that is not there): the scorer gives such an
 * item no points and says why.
 */
final class Rating_Figures {

	/** @var array<string,array> Engine results by query key, for this evaluator's life. */
	private $stats = array();

	/** @var array<string,mixed> Values by figure, args and period. */
	private $values = array();

	/** @var int How many Engine::stats() calls this evaluator made. */
	public $engine_calls = 0;

	/** @var array<string,Report_Context> The report room's contexts, by period. */
	private $contexts = array();

	/** @var array The sources of figures (see the constructor). */
	private $opts;

	/**
	 * An evaluator. Each source may be replaced (bench/rating-bench.php scores a snapshot this way):
	 *  - 'stats': fn( array $query ): array, default Engine::stats();
	 *  - 'meeting_rules': the engine's meeting_rules, default Settings::meeting_rules();
	 *  - 'meeting_kinds': the meeting kind slugs, default those of Records::kinds( 'meeting' );
	 *  - 'rows': fn( string $id, array $args, array $period ): int|float|null for the figures of the
	 *    plugin's other tables (media, honours, investment, benefits, plan_min_admit), default $wpdb.
	 *
	 * @param array $opts The sources to replace.
	 */
	public function __construct( array $opts = array() ) {
		$this->opts = $opts;
	}

	/**
	 * The catalogue: id => ['label' => English label, 'unit' => …, 'args' => name => required].
	 *
	 * @return array<string,array>
	 */
	public static function catalogue(): array {
		static $own = null;
		if ( null === $own ) {
			$own = self::own();
		}
		$all = $own;
		if ( class_exists( '\\Dangjian\\Report_Figures' ) && method_exists( '\\Dangjian\\Report_Figures', 'catalogue' ) ) {
			foreach ( (array) Report_Figures::catalogue() as $id => $spec ) {
				// Numbers only; not the report's own period and profile, nor the rating's (which would
				// score the rating from itself).
				$group = strstr( (string) $id, '.', true );
				if ( ! is_string( $id ) || isset( $all[ $id ] ) || in_array( $group, array( 'period', 'profile', 'rating' ), true )
					|| ! in_array( $spec['type'] ?? 'count', array( 'count', 'amount', 'hours', 'ratio' ), true ) ) {
					continue;
				}
				$all[ $id ] = array(
					'label'  => (string) ( $spec['label'] ?? $id ),
					'unit'   => (string) ( $spec['unit'] ?? '' ),
					'args'   => array_fill_keys( array_map( 'strval', (array) ( $spec['args'] ?? array() ) ), false ),
					'report' => true,
				);
			}
		}
		return $all;
	}

	/**
	 * The rating's own figures.
	 *
	 * @return array<string,array>
	 */
	private static function own(): array {
		$f = static fn( string $label, string $unit, array $args = array() ) => array(
			'label' => $label,
			'unit'  => $unit,
			'args'  => $args,
		);
		return array(
			'party_members'           => $f( __( 'Party members on the last day', 'dangjian' ), 'people' ),
			'full_members'            => $f( __( 'Full members on the last day', 'dangjian' ), 'people' ),
			'probationary'            => $f( __( 'Probationary members on the last day', 'dangjian' ), 'people' ),
			'activists'               => $f( __( 'Activists on the last day', 'dangjian' ), 'people' ),
			'candidates'              => $f( __( 'Candidates on the last day', 'dangjian' ), 'people' ),
			'staff_party_ratio'       => $f( __( 'Share of staff who are Party members (0 to 1)', 'dangjian' ), 'ratio' ),
			'applied'                 => $f( __( 'Applications in the year', 'dangjian' ), 'people' ),
			'admitted'                => $f( __( 'Members admitted in the year', 'dangjian' ), 'people' ),
			'converted'               => $f( __( 'Probationary members made full in the year', 'dangjian' ), 'people' ),
			'overdue_conversion'      => $f( __( 'Probationary members overdue for conversion', 'dangjian' ), 'people' ),
			'hired'                   => $f( __( 'Staff hired in the year', 'dangjian' ), 'people' ),
			'hired_party_members'     => $f( __( 'Party members among the staff hired', 'dangjian' ), 'people' ),
			'service_activities'      => $f( __( 'Service activities', 'dangjian' ), 'activities', array( 'kind' => false ) ),
			'service_hours'           => $f( __( 'Service hours (activity hours)', 'dangjian' ), 'hours' ),
			'volunteer_hours'         => $f( __( 'Volunteer hours (participants\' hours)', 'dangjian' ), 'hours' ),
			'party_volunteer_hours'   => $f( __( 'Party members\' volunteer hours', 'dangjian' ), 'hours' ),
			'party_volunteers'        => $f( __( 'Party members who volunteered', 'dangjian' ), 'people' ),
			'volunteers'              => $f( __( 'Volunteers', 'dangjian' ), 'people' ),
			'participation_ratio'     => $f( __( 'Share of Party members who served (0 to 1)', 'dangjian' ), 'ratio' ),
			'beneficiaries'           => $f( __( 'People helped', 'dangjian' ), 'people' ),
			'fee_waived'              => $f( __( 'Fees waived', 'dangjian' ), 'yuan' ),
			'donation'                => $f( __( 'Money donated', 'dangjian' ), 'yuan' ),
			'venues'                  => $f( __( 'Distinct venues of a kind', 'dangjian' ), 'venues', array( 'venue_kind' => true ) ),
			'projects'                => $f( __( 'Named service projects', 'dangjian' ), 'projects' ),
			'meetings_held'           => $f( __( 'Meetings held', 'dangjian' ), 'meetings', array( 'kind' => false ) ),
			'meetings_missing'        => $f( __( 'Periods without a required meeting of a kind', 'dangjian' ), 'periods', array( 'kind' => true ) ),
			'months_without_activity' => $f( __( 'Whole months without any activity', 'dangjian' ), 'months' ),
			'media'                   => $f( __( 'Media reports', 'dangjian' ), 'reports', array( 'level' => false ) ),
			'honours'                 => $f( __( 'Honours received', 'dangjian' ), 'honours', array( 'level' => false ) ),
			'investment'              => $f( __( 'Investment in facilities', 'dangjian' ), 'yuan' ),
			'benefits'                => $f( __( 'Staff benefits in force on the last day', 'dangjian' ), 'benefits' ),
			'plan_min_admit'          => $f( __( 'The year\'s plan: fewest admissions', 'dangjian' ), 'people' ),
		);
	}

	/**
	 * The period of a year's assessment: the whole year, or up to today for the current year.
	 *
	 * @param int    $year  The year.
	 * @param string $today Today ("YYYY-MM-DD").
	 * @return array{year:int,from:string,to:string,as_of:string}
	 */
	public static function period( int $year, string $today ): array {
		$to = sprintf( '%04d-12-31', $year );
		if ( $today >= sprintf( '%04d-01-01', $year ) && $today < $to ) {
			$to = $today;
		}
		return array(
			'year'  => $year,
			'from'  => sprintf( '%04d-01-01', $year ),
			'to'    => $to,
			'as_of' => $to,
		);
	}

	/**
	 * Evaluates a figure (the scorer's callable).
	 *
	 * @param string $id     The figure id.
	 * @param array  $args   Its arguments.
	 * @param array  $period 'from', 'to', 'as_of', 'year'.
	 * @return int|float|null
	 */
	public function __invoke( string $id, array $args, array $period ) {
		$key = $id . '|' . wp_json_encode( $args ) . '|' . $period['from'] . '|' . $period['to'] . '|' . $period['as_of'];
		if ( ! array_key_exists( $key, $this->values ) ) {
			$this->values[ $key ] = $this->compute( $id, $args, $period );
		}
		return $this->values[ $key ];
	}

	/**
	 * The engine's figures for a period (cached by this evaluator).
	 *
	 * @param array $period The period.
	 * @param array $rules  meeting_rules, or null for the site's.
	 */
	private function stats( array $period, ?array $rules = null ): array {
		$query = array(
			'from'          => $period['from'],
			'to'            => $period['to'],
			'as_of'         => $period['as_of'],
			'meeting_rules' => $rules ?? $this->opts['meeting_rules'] ?? Settings::meeting_rules(),
		);
		$key   = md5( (string) wp_json_encode( $query ) );
		if ( ! isset( $this->stats[ $key ] ) ) {
			++$this->engine_calls;
			$this->stats[ $key ] = isset( $this->opts['stats'] ) ? ( $this->opts['stats'] )( $query ) : Engine::stats( $query );
		}
		return $this->stats[ $key ];
	}

	/**
	 * Computes one figure.
	 *
	 * @param string $id     The figure id.
	 * @param array  $args   Its arguments.
	 * @param array  $period The period.
	 * @return int|float|null
	 */
	private function compute( string $id, array $args, array $period ) {
		$paths = array(
			'party_members'         => array( 'members', 'party_members' ),
			'full_members'          => array( 'members', 'full' ),
			'probationary'          => array( 'members', 'probationary' ),
			'activists'             => array( 'members', 'activists' ),
			'candidates'            => array( 'members', 'candidates' ),
			'staff_party_ratio'     => array( 'members', 'staff_party_ratio' ),
			'applied'               => array( 'pipeline', 'applied' ),
			'admitted'              => array( 'pipeline', 'admitted' ),
			'converted'             => array( 'pipeline', 'converted' ),
			'hired'                 => array( 'pipeline', 'hired' ),
			'hired_party_members'   => array( 'pipeline', 'hired_party_members' ),
			'service_hours'         => array( 'service', 'hours' ),
			'volunteer_hours'       => array( 'service', 'volunteer_hours' ),
			'party_volunteer_hours' => array( 'service', 'party_volunteer_hours' ),
			'party_volunteers'      => array( 'service', 'party_volunteers' ),
			'volunteers'            => array( 'service', 'volunteers' ),
			'participation_ratio'   => array( 'service', 'participation_ratio' ),
			'beneficiaries'         => array( 'service', 'beneficiaries' ),
			'fee_waived'            => array( 'service', 'fee_waived' ),
			'donation'              => array( 'service', 'donation' ),
		);
		if ( isset( $paths[ $id ] ) ) {
			$s = $this->stats( $period );
			return $s[ $paths[ $id ][0] ][ $paths[ $id ][1] ] ?? null;
		}
		switch ( $id ) {
			case 'overdue_conversion':
				return count( $this->stats( $period )['pipeline']['overdue_conversion'] ?? array() );
			case 'service_activities':
				$s = $this->stats( $period )['service'];
				return isset( $args['kind'] ) ? (int) ( $s['by_kind'][ $args['kind'] ]['activities'] ?? 0 ) : (int) $s['activities'];
			case 'venues':
				return (int) ( $this->stats( $period )['service']['by_venue_kind'][ $args['venue_kind'] ?? '' ]['venues'] ?? 0 );
			case 'projects':
				return count( $this->stats( $period )['service']['by_project'] ?? array() );
			case 'meetings_held':
				$m = $this->stats( $period )['meetings'];
				return isset( $args['kind'] ) ? (int) ( $m['by_kind'][ $args['kind'] ] ?? 0 ) : (int) $m['total'];
			case 'meetings_missing':
				$m = $this->stats( $period )['meetings']['missing'];
				return isset( $m[ $args['kind'] ?? '' ] ) ? count( $m[ $args['kind'] ] ) : null;
			case 'months_without_activity':
				return $this->months_without_activity( $period );
			case 'media':
			case 'honours':
			case 'investment':
			case 'benefits':
			case 'plan_min_admit':
				if ( isset( $this->opts['rows'] ) ) {
					return ( $this->opts['rows'] )( $id, $args, $period );
				}
				return in_array( $id, array( 'media', 'honours' ), true ) ? $this->count_rows( $id, $args['level'] ?? '', $period ) : $this->other_table( $id, $period );
		}
		return $this->from_report( $id, $args, $period );
	}

	/**
	 * Whole months of the period with no activity of any kind: no service activity (service.by_month)
	 * and no meeting of any kind (meetings.missing, every meeting kind checked monthly).
	 *
	 * @param array $period The period.
	 */
	private function months_without_activity( array $period ): int {
		$base  = $this->stats( $period );
		$kinds = array_keys( array_fill_keys( $this->opts['meeting_kinds'] ?? array_keys( Records::kinds( 'meeting' ) ), true ) + $base['meetings']['by_kind'] );
		$rules = array_fill_keys( $kinds, 'month' );
		$idle  = null;
		foreach ( $this->stats( $period, $rules )['meetings']['missing'] as $months ) {
			$idle = null === $idle ? $months : array_values( array_intersect( $idle, $months ) );
		}
		$service = array();
		foreach ( $base['service']['by_month'] as $m ) {
			$service[ $m['month'] ] = (int) $m['activities'];
		}
		$n = 0;
		foreach ( (array) $idle as $month ) {
			if ( 0 === ( $service[ $month ] ?? 0 ) ) {
				++$n;
			}
		}
		return $n;
	}

	/**
	 * Media reports or honours in the period, of one level or all.
	 *
	 * @param string $what  "media" or "honours".
	 * @param string $level A level, or '' for all.
	 * @param array  $period The period.
	 */
	private function count_rows( string $what, string $level, array $period ): int {
		global $wpdb;
		$table = Schema::table( $what );
		$col   = 'media' === $what ? 'published_on' : 'awarded_on';
		if ( '' === $level ) {
			return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE {$col} BETWEEN %s AND %s", $period['from'], $period['to'] ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		}
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE {$col} BETWEEN %s AND %s AND level = %s", $period['from'], $period['to'], $level ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	/**
	 * Figures of the tables data-contract.md names (investments, benefits, plans), null while a table
	 * is not there.
	 *
	 * @param string $id     investment, benefits or plan_min_admit.
	 * @param array  $period The period.
	 * @return int|float|null
	 */
	private function other_table( string $id, array $period ) {
		global $wpdb;
		$names = array(
			'investment'     => 'investments',
			'benefits'       => 'benefits',
			'plan_min_admit' => 'plans',
		);
		$table = $wpdb->prefix . 'dangjian_' . $names[ $id ];
		if ( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) ) !== $table ) {
			return null;
		}
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The table name is ours.
		if ( 'investment' === $id ) {
			return (float) $wpdb->get_var( $wpdb->prepare( "SELECT COALESCE(SUM(amount), 0) FROM {$table} WHERE invested_on BETWEEN %s AND %s", $period['from'], $period['to'] ) );
		}
		if ( 'benefits' === $id ) {
			return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE starts_on <= %s AND (ends_on IS NULL OR ends_on >= %s)", $period['as_of'], $period['as_of'] ) );
		}
		$min = $wpdb->get_var( $wpdb->prepare( "SELECT min_admit FROM {$table} WHERE plan_year = %d", $period['year'] ?? (int) substr( $period['to'], 0, 4 ) ) );
		// phpcs:enable
		return null === $min ? null : (int) $min;
	}

	/**
	 * A figure only the report room's catalogue knows, or null.
	 *
	 * @param string $id     The figure id.
	 * @param array  $args   Its arguments.
	 * @param array  $period The period.
	 * @return int|float|null
	 */
	private function from_report( string $id, array $args, array $period ) {
		if ( ! class_exists( '\\Dangjian\\Report_Figures' ) || ! class_exists( '\\Dangjian\\Report_Context' ) ) {
			return null;
		}
		$key = 'report|' . $period['from'] . '|' . $period['to'] . '|' . $period['as_of'];
		try {
			if ( ! isset( $this->contexts[ $key ] ) ) {
				$this->contexts[ $key ] = new Report_Context( $period['from'], $period['to'], $period['as_of'], $this->opts['stats'] ?? null );
			}
			$value = Report_Figures::evaluate( $id, array_map( 'strval', $args ), $this->contexts[ $key ] );
		} catch ( \Throwable $e ) {
			return null;
		}
		return is_int( $value ) || is_float( $value ) ? $value : null;
	}

	/**
	 * The admin list of the records behind a figure, for the drill-down, or null.
	 *
	 * @param string $id     The figure id.
	 * @param array  $args   Its arguments.
	 * @param array  $period The period.
	 */
	public static function records_url( string $id, array $args, array $period ): ?string {
		$range = array(
			'period' => 'custom',
			'from'   => $period['from'],
			'to'     => $period['to'],
		);
		$service = array( 'service_activities', 'service_hours', 'volunteer_hours', 'party_volunteer_hours', 'party_volunteers', 'volunteers', 'participation_ratio', 'beneficiaries', 'fee_waived', 'donation', 'venues', 'projects' );
		if ( in_array( $id, $service, true ) ) {
			return Admin_Pages::url( 'activities', $range + array( 'category' => 'service' ) + ( isset( $args['kind'] ) ? array( 'kind' => $args['kind'] ) : array() ) );
		}
		if ( in_array( $id, array( 'meetings_held', 'meetings_missing', 'months_without_activity' ), true ) ) {
			$kind = isset( $args['kind'] ) ? array( 'kind' => $args['kind'] ) : array();
			return Admin_Pages::url( 'activities', $range + ( 'months_without_activity' === $id ? array() : array( 'category' => 'meeting' ) ) + $kind );
		}
		if ( in_array( $id, array( 'media', 'honours' ), true ) ) {
			return Admin_Pages::url( $id, $range + ( isset( $args['level'] ) ? array( 'level' => $args['level'] ) : array() ) );
		}
		if ( in_array( $id, array( 'party_members', 'full_members', 'probationary', 'activists', 'candidates', 'admitted', 'applied', 'converted', 'overdue_conversion', 'staff_party_ratio', 'hired', 'hired_party_members' ), true ) ) {
			return Admin_Pages::url( 'people' );
		}
		return null;
	}
}

<?php
/**
 * The PHP API for themes and other plugins.
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit;

if ( ! function_exists( 'dangjian_stats' ) ) {
	/**
	 * The branch's figures for a period, exactly as the engine computes them (STATS.md's result:
	 * period, members, pipeline, service, meetings).
	 *
	 * Read-only and cached by data version: calling it on every page view is cheap.
	 *
	 *     $s = dangjian_stats( array( 'period' => 'last_year' ) );
	 *     if ( ! is_wp_error( $s ) ) {
	 *         echo esc_html( number_format_i18n( $s['service']['hours'], 1 ) );
	 *     }
	 *
	 * @param array $args {
	 *     Optional.
	 *
	 *     @type string|int $period        'this_year' (default), 'last_year', 'all', or a year (2024). The
	 *                                     year is the site's (its time zone).
	 *     @type string     $from          A custom period's first day, YYYY-MM-DD (with 'to').
	 *     @type string     $to            A custom period's last day, YYYY-MM-DD (with 'from').
	 *     @type string     $as_of         The day of the roster figures; default today when today lies in
	 *                                     the period, else the period's last day.
	 *     @type int        $top           Length of service.top_volunteers (0–1000, default 10).
	 *     @type int        $due_within    Days ahead for pipeline.due_for_conversion (0–3660, default 60).
	 *     @type array      $meeting_rules Meeting kind => 'month' | 'quarter' | 'year'; default the
	 *                                     frequencies of the settings page (Settings::meeting_rules()).
	 * }
	 * @return array|WP_Error The figures, or a WP_Error (code dangjian_invalid_args for a bad argument,
	 *                        dangjian_invalid_period for a bad period, dangjian_engine when the engine or
	 *                        the database fails).
	 */
	function dangjian_stats( array $args = array() ) {
		return _dangjian_stats( $args, false );
	}
}

if ( ! function_exists( '_dangjian_stats' ) ) {
	/**
	 * Private: dangjian_stats(), with the choice of waiting for a rebuild under way.
	 *
	 * @access private
	 *
	 * @param array $args        As dangjian_stats().
	 * @param bool  $allow_stale Whether the figures of the previous data version may be returned at
	 *                           once while another process rebuilds the current one (the public
	 *                           paths: dangjian_public_stats()); false waits for the rebuild.
	 * @return array|WP_Error As dangjian_stats().
	 */
	function _dangjian_stats( array $args, bool $allow_stale ) {
		$known = array( 'period', 'from', 'to', 'as_of', 'top', 'due_within', 'meeting_rules' );
		foreach ( array_keys( $args ) as $key ) {
			if ( ! in_array( $key, $known, true ) ) {
				return new WP_Error(
					'dangjian_invalid_args',
					/* translators: %s: the name of an argument. */
					sprintf( __( 'Unknown argument: %s', 'dangjian' ), (string) $key )
				);
			}
		}
		$period = Dangjian\Period::resolve( $args );
		if ( is_wp_error( $period ) ) {
			return $period;
		}
		$query = $period;
		foreach ( array( 'top', 'due_within', 'meeting_rules' ) as $key ) {
			if ( array_key_exists( $key, $args ) && null !== $args[ $key ] ) {
				$query[ $key ] = $args[ $key ];
			}
		}
		if ( ! isset( $query['meeting_rules'] ) ) {
			$query['meeting_rules'] = Dangjian\Settings::meeting_rules();
		}
		try {
			return Dangjian\Engine::stats( $query, $allow_stale );
		} catch ( ValueError $e ) {
			return new WP_Error( 'dangjian_invalid_args', $e->getMessage() );
		} catch ( Throwable $e ) {
			return new WP_Error( 'dangjian_engine', $e->getMessage() );
		}
	}
}

if ( ! function_exists( 'dangjian_public_stats' ) ) {
	/**
	 * The figures the public may see for a period: only aggregates, and only those the settings page
	 * allows (Settings::showcase_figures()). What GET /dangjian/v1/stats returns, and what the showcase
	 * should print. It never waits for a rebuild: while another process rebuilds the current data
	 * version it returns the figures of the previous one at once (dangjian_stats() waits).
	 *
	 *     $s = dangjian_public_stats( array( 'period' => 'this_year' ) );
	 *     // array( 'organisation' => '…', 'period' => array( from, to, as_of ),
	 *     //        'figures' => array( 'party_members' => 24, 'service_hours' => 512.5, … ),
	 *     //        'values'  => array( 'members.party_members' => 24, 'service.hours' => 512.5, … ) )
	 *
	 * "values" holds the same figures under their ids in the one vocabulary (the paths of
	 * dangjian_stats()'s result, docs/FIGURES.md): use those; "figures" keeps the showcase's short
	 * names (dangjian_public_figure_ids() maps them).
	 *
	 * Figure keys (present only when allowed): party_members, full, probationary, candidates,
	 * activists, applicants, staff_share (ratio or null), pipeline (applied, activists, candidates,
	 * admitted, converted, transferred_in, left, eligible_candidates), service_activities,
	 * service_hours, volunteer_hours (all participants), party_volunteer_hours and party_volunteers
	 * (when the settings offer them), volunteers, fee_waived, donation, beneficiaries,
	 * service_by_kind, venues (by venue kind: venues, activities, beneficiaries, hours), by_month,
	 * meetings, meetings_by_kind, coverage (count of media reports in the period, and by level),
	 * honours (count, and the list: date, title, level, awarded_by).
	 *
	 * @param array $args period / from / to / as_of, as dangjian_stats().
	 * @return array|WP_Error
	 */
	function dangjian_public_stats( array $args = array() ) {
		$args = array_intersect_key( $args, array_flip( array( 'period', 'from', 'to', 'as_of' ) ) );
		// For visitors, the public period rule (whole months within the public window, no as_of).
		$args = Dangjian\Public_Period::resolve( $args )['args'];
		// Visitors never wait for a rebuild: while another process rebuilds the current data version,
		// the figures of the previous one are served (Engine::stats( $query, true )).
		$stats = _dangjian_stats( $args, true );
		if ( is_wp_error( $stats ) ) {
			return $stats;
		}
		$m       = $stats['members'];
		$p       = $stats['pipeline'];
		$s       = $stats['service'];
		$all     = array(
			'party_members'         => static fn() => $m['party_members'],
			'full'                  => static fn() => $m['full'],
			'probationary'          => static fn() => $m['probationary'],
			'candidates'            => static fn() => $m['candidates'],
			'activists'             => static fn() => $m['activists'],
			'applicants'            => static fn() => $m['applicants'],
			'staff_share'           => static fn() => $m['staff_party_ratio'],
			'pipeline'              => static fn() => array(
				'applied'             => $p['applied'],
				'activists'           => $p['activists'],
				'candidates'          => $p['candidates'],
				'admitted'            => $p['admitted'],
				'converted'           => $p['converted'],
				'transferred_in'      => $p['transferred_in'],
				'left'                => $p['left'],
				'eligible_candidates' => $p['eligible_candidates'],
			),
			'service_activities'    => static fn() => $s['activities'],
			'service_hours'         => static fn() => $s['hours'],
			'volunteer_hours'       => static fn() => $s['volunteer_hours'],
			'party_volunteer_hours' => static fn() => $s['party_volunteer_hours'] ?? null,
			'party_volunteers'      => static fn() => $s['party_volunteers'] ?? null,
			'volunteers'            => static fn() => $s['volunteers'],
			'fee_waived'            => static fn() => $s['fee_waived'],
			'donation'              => static fn() => $s['donation'],
			'beneficiaries'         => static fn() => $s['beneficiaries'],
			'service_by_kind'       => static fn() => $s['by_kind'],
			'venues'                => static fn() => $s['by_venue_kind'],
			'by_month'              => static fn() => $s['by_month'],
			'meetings'              => static fn() => $stats['meetings']['total'],
			'meetings_by_kind'      => static fn() => $stats['meetings']['by_kind'],
			'coverage'              => static fn() => Dangjian\Records::coverage( $stats['period']['from'], $stats['period']['to'] ),
			'honours'               => static fn() => Dangjian\Records::honours_in( $stats['period']['from'], $stats['period']['to'] ),
		);
		$figures = array();
		foreach ( Dangjian\Settings::showcase_figures() as $key ) {
			if ( isset( $all[ $key ] ) ) {
				$figures[ $key ] = $all[ $key ]();
			}
		}
		return array(
			'organisation' => Dangjian\Settings::organisation(),
			'period'       => $stats['period'],
			'figures'      => $figures,
			'values'       => dangjian_public_values( $figures ),
		);
	}
}

if ( ! function_exists( 'dangjian_public_figure_ids' ) ) {
	/**
	 * The showcase's short figure names (the settings page, the shortcode's figures="…", the
	 * public figures' keys) => the figure ids of the one vocabulary: the paths of dangjian_stats()'s
	 * result, which are the ids of the report's figure catalogue (docs/FIGURES.md) and of
	 * dangjian_figure(). See docs/API.md.
	 *
	 * @return array<string,string|string[]> A name => its id (or, for "pipeline", its ids).
	 */
	function dangjian_public_figure_ids(): array {
		$pipeline = array();
		foreach ( array( 'applied', 'activists', 'candidates', 'admitted', 'converted', 'transferred_in', 'left', 'eligible_candidates' ) as $key ) {
			$pipeline[ $key ] = 'pipeline.' . $key;
		}
		return array(
			'party_members'         => 'members.party_members',
			'full'                  => 'members.full',
			'probationary'          => 'members.probationary',
			'candidates'            => 'members.candidates',
			'activists'             => 'members.activists',
			'applicants'            => 'members.applicants',
			'staff_share'           => 'members.staff_party_ratio',
			'pipeline'              => $pipeline,
			'service_activities'    => 'service.activities',
			'service_hours'         => 'service.hours',
			'volunteer_hours'       => 'service.volunteer_hours',
			'party_volunteer_hours' => 'service.party_volunteer_hours',
			'party_volunteers'      => 'service.party_volunteers',
			'volunteers'            => 'service.volunteers',
			'fee_waived'            => 'service.fee_waived',
			'donation'              => 'service.donation',
			'beneficiaries'         => 'service.beneficiaries',
			'service_by_kind'       => 'service.by_kind',
			'venues'                => 'service.by_venue_kind',
			'by_month'              => 'service.by_month',
			'meetings'              => 'meetings.total',
			'meetings_by_kind'      => 'meetings.by_kind',
			'coverage'              => 'media.count',
			'honours'               => 'honours.count',
		);
	}
}

if ( ! function_exists( 'dangjian_public_values' ) ) {
	/**
	 * The public figures keyed by their ids in the vocabulary (dangjian_public_figure_ids()):
	 * array( 'members.party_members' => 24, 'service.hours' => 512.5, 'pipeline.applied' => 3, … ).
	 * What GET /dangjian/v1/stats answers as "values".
	 *
	 * @param array $figures dangjian_public_stats()'s "figures".
	 * @return array<string,mixed>
	 */
	function dangjian_public_values( array $figures ): array {
		$ids    = dangjian_public_figure_ids();
		$values = array();
		foreach ( $figures as $key => $value ) {
			$id = $ids[ $key ] ?? null;
			if ( is_array( $id ) ) {
				foreach ( $id as $sub => $sub_id ) {
					$values[ $sub_id ] = $value[ $sub ] ?? null;
				}
			} elseif ( null !== $id ) {
				$values[ $id ] = in_array( $key, array( 'coverage', 'honours' ), true ) ? (int) ( $value['total'] ?? 0 ) : $value;
			}
		}
		return $values;
	}
}

if ( ! function_exists( 'dangjian_figure' ) ) {
	/**
	 * One figure by its id in the vocabulary (docs/FIGURES.md: "service.party_volunteer_hours",
	 * "members.full", "honours.count", …), for a period, exactly as the work report computes it.
	 *
	 *     $h = dangjian_figure( 'service.party_volunteer_hours', array( 'period' => 'last_year' ) );
	 *     $n = dangjian_figure( 'service.activities', array( 'period' => 2024, 'kind' => 'counseling' ) );
	 *
	 * @param string $id   A figure id of docs/FIGURES.md.
	 * @param array  $args The period (period, from, to, as_of: as dangjian_stats()) and the figure's
	 *                     own arguments (kind, venue_kind, venue, project, level, year, top).
	 * @return mixed|WP_Error The figure (int, float, list of strings, text, date or null), or a
	 *                        WP_Error dangjian_invalid_args naming the unknown id or argument.
	 */
	function dangjian_figure( string $id, array $args = array() ) {
		$period_keys = array( 'period', 'from', 'to', 'as_of' );
		$period      = Dangjian\Period::resolve( array_intersect_key( $args, array_flip( $period_keys ) ) );
		if ( is_wp_error( $period ) ) {
			return $period;
		}
		try {
			$ctx = new Dangjian\Report_Context( $period['from'], $period['to'], $period['as_of'] ?? null );
			return Dangjian\Report_Figures::evaluate( $id, array_diff_key( $args, array_flip( $period_keys ) ), $ctx );
		} catch ( InvalidArgumentException $e ) {
			return new WP_Error( 'dangjian_invalid_args', $e->getMessage() );
		} catch ( Throwable $e ) {
			return new WP_Error( 'dangjian_engine', $e->getMessage() );
		}
	}
}

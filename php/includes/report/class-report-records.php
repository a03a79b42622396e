<?php
/**
 * The drill-down of the report's preview: the records behind a figure.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * For a figure of the catalogue, its args and a period, the records that make it up: the activities
 * behind the service and meeting figures (with the same filter), the participants behind the
 * volunteer figures (each person's hours), the people counted by the roster and pipeline figures,
 * the rows of the small tables. The rules are STATS.md's, written in SQL; the tests check that the
 * list and the figure move together.
 */
final class Report_Records {

	/** The most rows returned (the total is always given). */
	const LIMIT = 500;

	/** The pipeline figures read from one date column of people. */
	const PIPELINE_DATES = array(
		'applied'        => 'applied_on',
		'activists'      => 'activist_on',
		'candidates'     => 'candidate_on',
		'admitted'       => 'admitted_on',
		'converted'      => 'full_on',
		'transferred_in' => 'joined_on',
		'left'           => 'left_on',
		'hired'          => 'hired_on',
	);

	/** The roster figures: id => the stages counted. */
	const ROSTER = array(
		'party_members'       => array( 'probationary', 'full' ),
		'full'                => array( 'full' ),
		'probationary'        => array( 'probationary' ),
		'candidates'          => array( 'candidate' ),
		'activists'           => array( 'activist' ),
		'applicants'          => array( 'applicant' ),
		'staff_party_members' => array( 'probationary', 'full' ),
	);

	/**
	 * The records behind a figure.
	 *
	 * @param string         $id   A catalogue id.
	 * @param array          $args Its args (checked).
	 * @param Report_Context $ctx  The period.
	 * @return array{kind:string,columns:array<string,string>,rows:array,total:int,note:string}
	 * @throws \InvalidArgumentException On an unknown id or bad args.
	 */
	public static function of( string $id, array $args, Report_Context $ctx ): array {
		$catalogue = Report_Figures::catalogue();
		if ( ! isset( $catalogue[ $id ] ) ) {
			/* translators: 1: a figure id, 2: the nearest known id. */
			throw new \InvalidArgumentException( sprintf( __( 'unknown figure "%1$s" (did you mean "%2$s"?)', 'dangjian' ), $id, (string) Report_Figures::nearest( $id ) ) );
		}
		$error = Report_Figures::check_args( $id, $args );
		if ( null !== $error ) {
			throw new \InvalidArgumentException( $id . ': ' . $error );
		}
		list( $group, $field ) = explode( '.', $id, 2 );
		switch ( $group ) {
			case 'service':
				if ( in_array( $field, array( 'volunteer_hours', 'volunteers', 'top_names', 'party_volunteer_hours', 'party_volunteers', 'participation_ratio' ), true ) ) {
					return self::volunteers( $field, $args, $ctx );
				}
				return self::activities( 'service', $field, $args, $ctx );
			case 'meetings':
				return self::activities( 'meeting', $field, $args, $ctx );
			case 'members':
				return self::roster( $field, $ctx );
			case 'pipeline':
				return self::pipeline( $field, $ctx );
		}
		return self::small_table( $group, $args, $ctx );
	}

	/**
	 * A result.
	 *
	 * @param string $kind    activities, people, volunteers, rows or none.
	 * @param array  $columns Key => label.
	 * @param array  $rows    The rows (at most LIMIT).
	 * @param int    $total   All rows.
	 * @param string $note    A sentence on what the list is.
	 */
	private static function result( string $kind, array $columns, array $rows, int $total, string $note = '' ): array {
		return array(
			'kind'    => $kind,
			'columns' => $columns,
			'rows'    => $rows,
			'total'   => $total,
			'note'    => $note,
		);
	}

	/**
	 * The SQL conditions of a filter on the activities table (alias a).
	 *
	 * @param array $args The figure's args.
	 */
	private static function filter_sql( array $args ): string {
		global $wpdb;
		$sql = '';
		foreach ( Report_Figures::filter( $args ) as $key => $values ) {
			$column = array(
				'kinds'       => 'a.kind',
				'venue_kinds' => 'a.venue_kind',
				'venues'      => 'TRIM(a.venue)',
				'projects'    => 'TRIM(a.project)',
			)[ $key ];
			if ( 'projects' === $key && ! Report_Tables::has_column( 'activities', 'project' ) ) {
				return ' AND 1 = 0';
			}
			$marks = implode( ',', array_fill( 0, count( $values ), '%s' ) );
			$sql  .= $wpdb->prepare( " AND {$column} IN ({$marks})", $values ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		}
		return $sql;
	}

	/**
	 * Activities of a category within the period, with the figure's filter.
	 *
	 * @param string         $category service or meeting.
	 * @param string         $field    The figure's field.
	 * @param array          $args     Its args.
	 * @param Report_Context $ctx      The period.
	 */
	private static function activities( string $category, string $field, array $args, Report_Context $ctx ): array {
		global $wpdb;
		if ( 'missing' === $field ) {
			$rows = array();
			foreach ( $ctx->stats( Report_Figures::filter( $args ) )['meetings']['missing'] as $kind => $periods ) {
				foreach ( $periods as $period ) {
					$rows[] = array(
						'kind'   => Report_Engine_Figures::kind_name( 'meeting', $kind ),
						'period' => $period,
					);
				}
			}
			return self::result( 'rows', array( 'kind' => __( 'Kind', 'dangjian' ), 'period' => __( 'Period without a meeting', 'dangjian' ) ), $rows, count( $rows ) );
		}
		$a = Report_Tables::table( 'activities' );
		if ( null === $a ) {
			return self::result( 'activities', array(), array(), 0 );
		}
		$where = $wpdb->prepare( 'a.category = %s AND a.activity_date BETWEEN %s AND %s', $category, $ctx->from, $ctx->to ) . self::filter_sql( $args );
		if ( in_array( $field, array( 'venues', 'venue_kinds', 'venue_kind_names' ), true ) ) {
			$where .= " AND a.venue_kind <> ''" . ( 'venues' === $field ? " AND TRIM(a.venue) <> ''" : '' );
		}
		$project = Report_Tables::has_column( 'activities', 'project' );
		if ( in_array( $field, array( 'projects', 'project_count', 'project_details' ), true ) ) {
			$where .= $project ? " AND TRIM(a.project) <> ''" : ' AND 1 = 0';
		}
		$total = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$a} a WHERE {$where}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$rows  = (array) $wpdb->get_results( $wpdb->prepare( "SELECT a.id, a.activity_date AS date, a.title, a.kind, a.hours, a.beneficiaries, a.fee_waived, a.donation, a.venue" . ( $project ? ', a.project' : ", '' AS project" ) . " FROM {$a} a WHERE {$where} ORDER BY a.activity_date, a.id LIMIT %d", self::LIMIT ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		foreach ( $rows as &$row ) {
			$row['kind'] = Report_Engine_Figures::kind_name( $category, (string) $row['kind'] );
		}
		unset( $row );
		$columns = array(
			'date'          => __( 'Date', 'dangjian' ),
			'title'         => __( 'Title', 'dangjian' ),
			'kind'          => __( 'Kind', 'dangjian' ),
			'hours'         => __( 'Hours', 'dangjian' ),
			'beneficiaries' => __( 'Beneficiaries', 'dangjian' ),
			'fee_waived'    => __( 'Fees waived', 'dangjian' ),
			'donation'      => __( 'Donation', 'dangjian' ),
			'venue'         => __( 'Venue', 'dangjian' ),
			'project'       => __( 'Campaign', 'dangjian' ),
		);
		$extra = array(
			'fee_waived'       => 'fee_waived',
			'donation'         => 'donation',
			'venues'           => 'venue',
			'venue_kinds'      => 'venue',
			'venue_kind_names' => 'venue',
			'projects'         => 'project',
			'project_count'    => 'project',
			'project_details'  => 'project',
		)[ $field ] ?? 'beneficiaries';
		$keep    = 'meeting' === $category ? array( 'date', 'title', 'kind', 'hours' ) : array( 'date', 'title', 'kind', 'hours', $extra );
		$columns = array_intersect_key( $columns, array_flip( $keep ) );
		return self::result( 'activities', $columns, $rows, $total );
	}

	/**
	 * The SQL of "on the roster at a stage of probationary or full on the day" for people (alias p),
	 * the day being an SQL expression.
	 *
	 * @param string $day An SQL expression (a.activity_date) or a prepared literal.
	 */
	private static function party_on( string $day ): string {
		return "(COALESCE(p.joined_on, p.applied_on, p.activist_on, p.candidate_on, p.admitted_on, p.full_on) <= {$day}"
			. " AND (p.left_on IS NULL OR {$day} < p.left_on) AND (p.admitted_on <= {$day} OR p.full_on <= {$day}))";
	}

	/**
	 * Participants grouped by person: name, activities, hours (their own, else the activity's).
	 *
	 * @param string         $field The figure's field.
	 * @param array          $args  Its args.
	 * @param Report_Context $ctx   The period.
	 */
	private static function volunteers( string $field, array $args, Report_Context $ctx ): array {
		global $wpdb;
		$a  = Report_Tables::table( 'activities' );
		$pa = Report_Tables::table( 'participants' );
		$p  = Report_Tables::table( 'people' );
		if ( null === $a || null === $pa || null === $p ) {
			return self::result( 'volunteers', array(), array(), 0 );
		}
		$where = $wpdb->prepare( "a.category = 'service' AND a.activity_date BETWEEN %s AND %s", $ctx->from, $ctx->to ) . self::filter_sql( $args );
		if ( in_array( $field, array( 'party_volunteer_hours', 'party_volunteers' ), true ) ) {
			$where .= ' AND ' . self::party_on( 'a.activity_date' );
		} elseif ( 'participation_ratio' === $field ) {
			$where .= ' AND ' . self::party_on( $wpdb->prepare( '%s', $ctx->as_of ) );
		}
		$from  = "{$pa} pa JOIN {$a} a ON a.id = pa.activity_id JOIN {$p} p ON p.id = pa.person_id WHERE {$where}";
		$total = (int) $wpdb->get_var( "SELECT COUNT(DISTINCT pa.person_id) FROM {$from}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$limit = 'top_names' === $field ? (int) ( $args['top'] ?? 5 ) : self::LIMIT;
		$rows  = (array) $wpdb->get_results( $wpdb->prepare( "SELECT p.id, p.name, COUNT(*) AS activities, SUM(COALESCE(pa.hours, a.hours)) AS hours FROM {$from} GROUP BY p.id, p.name ORDER BY hours DESC, activities DESC, p.id LIMIT %d", $limit ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		return self::result(
			'volunteers',
			array(
				'name'       => __( 'Name', 'dangjian' ),
				'activities' => __( 'Activities', 'dangjian' ),
				'hours'      => __( 'Hours', 'dangjian' ),
			),
			$rows,
			'top_names' === $field ? min( $total, $limit ) : $total
		);
	}

	/**
	 * People on the roster on as_of at the figure's stages.
	 *
	 * @param string         $field The figure's field.
	 * @param Report_Context $ctx   The period.
	 */
	private static function roster( string $field, Report_Context $ctx ): array {
		global $wpdb;
		$p = Report_Tables::table( 'people' );
		if ( null === $p || ! isset( self::ROSTER[ $field ] ) ) {
			return self::result( 'none', array(), array(), 0, __( 'This figure has no list of records behind it.', 'dangjian' ) );
		}
		$d     = $wpdb->prepare( '%s', $ctx->as_of );
		$stage = "CASE WHEN p.full_on <= {$d} THEN 'full' WHEN p.admitted_on <= {$d} THEN 'probationary' WHEN p.candidate_on <= {$d} THEN 'candidate' WHEN p.activist_on <= {$d} THEN 'activist' WHEN p.applied_on <= {$d} THEN 'applicant' ELSE 'none' END";
		$marks = implode( ',', array_map( static fn( $s ) => "'" . $s . "'", self::ROSTER[ $field ] ) );
		$where = "COALESCE(p.joined_on, p.applied_on, p.activist_on, p.candidate_on, p.admitted_on, p.full_on) <= {$d} AND (p.left_on IS NULL OR {$d} < p.left_on) AND ({$stage}) IN ({$marks})";
		if ( 'staff_party_members' === $field ) {
			$where .= ' AND p.is_staff = 1';
		}
		return self::people( $where, $ctx, $stage );
	}

	/**
	 * People whose pipeline date lies within the period (STATS.md v2: while they belonged to the branch).
	 *
	 * @param string         $field The figure's field.
	 * @param Report_Context $ctx   The period.
	 */
	private static function pipeline( string $field, Report_Context $ctx ): array {
		global $wpdb;
		if ( in_array( $field, array( 'due_for_conversion', 'overdue_conversion' ), true ) ) {
			$ids = array_map( 'intval', array_column( $ctx->stats()['pipeline'][ $field ], 'id' ) );
			return self::people( array() === $ids ? '1 = 0' : 'p.id IN (' . implode( ',', $ids ) . ')', $ctx );
		}
		if ( 'eligible_candidates' === $field ) {
			$d     = $wpdb->prepare( '%s', $ctx->as_of );
			$year  = $wpdb->prepare( '%s', self::year_before( $ctx->as_of ) );
			$where = "COALESCE(p.joined_on, p.applied_on, p.activist_on, p.candidate_on, p.admitted_on, p.full_on) <= {$d} AND (p.left_on IS NULL OR {$d} < p.left_on) AND p.activist_on <= {$year} AND (p.candidate_on IS NULL OR p.candidate_on > {$d})";
			return self::people( $where, $ctx );
		}
		$column = self::PIPELINE_DATES[ $field ] ?? ( 'hired_party_members' === $field ? 'hired_on' : null );
		if ( null === $column || ( 'hired_on' === $column && ! Report_Tables::has_column( 'people', 'hired_on' ) ) ) {
			return self::people( '1 = 0', $ctx );
		}
		$where = $wpdb->prepare( "p.{$column} BETWEEN %s AND %s", $ctx->from, $ctx->to ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		if ( in_array( $field, array( 'applied', 'activists', 'candidates', 'admitted', 'converted' ), true ) ) {
			$where .= " AND (p.joined_on IS NULL OR p.{$column} >= p.joined_on) AND (p.left_on IS NULL OR p.{$column} < p.left_on)";
		}
		if ( 'hired_party_members' === $field ) {
			$where .= ' AND p.admitted_on IS NOT NULL AND p.admitted_on <= p.hired_on';
		}
		return self::people( $where, $ctx );
	}

	/**
	 * The day one year before a date (STATS.md: "+ 1 year" is the same month and day; 29 February
	 * goes to 1 March, so "activist_on + 1 year ≤ D" is "activist_on ≤ D − 1 year" except on 1 March).
	 *
	 * @param string $ymd The date.
	 */
	private static function year_before( string $ymd ): string {
		$y = (int) substr( $ymd, 0, 4 ) - 1;
		$m = substr( $ymd, 5, 2 );
		$d = substr( $ymd, 8, 2 );
		if ( '03-01' === $m . '-' . $d && checkdate( 2, 29, $y ) ) {
			return $y . '-02-29';
		}
		return sprintf( '%04d-%s-%s', $y, $m, $d );
	}

	/**
	 * People matching a condition (alias p), with their stage dates.
	 *
	 * @param string         $where The condition (SQL, prepared).
	 * @param Report_Context $ctx   The period.
	 * @param string|null    $stage An SQL expression of the stage to show, or null.
	 */
	private static function people( string $where, Report_Context $ctx, ?string $stage = null ): array {
		global $wpdb;
		$p = Report_Tables::table( 'people' );
		if ( null === $p ) {
			return self::result( 'people', array(), array(), 0 );
		}
		$hired = Report_Tables::has_column( 'people', 'hired_on' ) ? 'p.hired_on' : 'NULL';
		$total = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$p} p WHERE {$where}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$rows  = (array) $wpdb->get_results( $wpdb->prepare( "SELECT p.id, p.name, p.applied_on, p.activist_on, p.candidate_on, p.admitted_on, p.full_on, p.joined_on, p.left_on, {$hired} AS hired_on FROM {$p} p WHERE {$where} ORDER BY p.id LIMIT %d", self::LIMIT ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		return self::result(
			'people',
			array(
				'name'         => __( 'Name', 'dangjian' ),
				'applied_on'   => __( 'Applied', 'dangjian' ),
				'activist_on'  => __( 'Activist', 'dangjian' ),
				'candidate_on' => __( 'Candidate', 'dangjian' ),
				'admitted_on'  => __( 'Admitted', 'dangjian' ),
				'full_on'      => __( 'Full member', 'dangjian' ),
				'joined_on'    => __( 'Joined', 'dangjian' ),
				'left_on'      => __( 'Left', 'dangjian' ),
				'hired_on'     => __( 'Hired', 'dangjian' ),
			),
			$rows,
			$total
		);
	}

	/**
	 * The rows of a small table behind investment.*, benefits.*, media.*, honours.*; nothing for
	 * period.*, profile.*, plan.*, rating.* (they come from settings).
	 *
	 * @param string         $group The figure's group.
	 * @param array          $args  Its args.
	 * @param Report_Context $ctx   The period.
	 */
	private static function small_table( string $group, array $args, Report_Context $ctx ): array {
		$level = isset( $args['level'] ) ? trim( (string) $args['level'] ) : null;
		switch ( $group ) {
			case 'investment':
				$rows = Report_Tables::investments( $ctx->from, $ctx->to );
				return self::result( 'rows', array( 'invested_on' => __( 'Date', 'dangjian' ), 'item' => __( 'Item', 'dangjian' ), 'amount' => __( 'Amount (yuan)', 'dangjian' ) ), $rows, count( $rows ) );
			case 'benefits':
				$rows = Report_Tables::benefits( $ctx->from, $ctx->to );
				return self::result( 'rows', array( 'name' => __( 'Name', 'dangjian' ), 'starts_on' => __( 'From', 'dangjian' ), 'ends_on' => __( 'Until', 'dangjian' ) ), $rows, count( $rows ) );
			case 'media':
				$rows = Report_Tables::media( $ctx->from, $ctx->to, $level );
				return self::result( 'rows', array( 'published_on' => __( 'Date', 'dangjian' ), 'outlet' => __( 'Outlet', 'dangjian' ), 'level' => __( 'Level', 'dangjian' ), 'title' => __( 'Title', 'dangjian' ) ), $rows, count( $rows ) );
			case 'honours':
				$rows = Report_Tables::honours( $ctx->from, $ctx->to, $level );
				return self::result( 'rows', array( 'awarded_on' => __( 'Date', 'dangjian' ), 'title' => __( 'Title', 'dangjian' ), 'level' => __( 'Level', 'dangjian' ), 'awarded_by' => __( 'Awarding body', 'dangjian' ) ), $rows, count( $rows ) );
		}
		return self::result( 'none', array(), array(), 0, __( 'This figure comes from the settings, not from records.', 'dangjian' ) );
	}
}

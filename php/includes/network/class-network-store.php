<?php
/**
 * Reads and writes the network table and the organisations without a branch.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Every read of the network is a query on {base_prefix}dangjian_network joined with
 * {base_prefix}blogs (for the site's path and its archived / deleted / spam flags): one query, never
 * a loop over switch_to_blog(). The network's main site (the committee's own) is not a branch.
 */
final class Network_Store {

	/** Columns a screen may sort by (whitelist for ORDER BY). */
	const SORTABLE = array( 'name', 'district', 'org_type', 'party_members', 'probationary', 'applicants', 'staff_share', 'service_activities', 'service_hours', 'beneficiaries', 'volunteer_hours', 'fee_waived', 'meetings', 'compliance', 'stars', 'data_changed_at' );

	/** Figures summed in the totals. */
	const SUMMED = array( 'applicants', 'activists', 'candidates', 'probationary', 'full_members', 'party_members', 'staff_headcount', 'staff_party_members', 'service_activities', 'service_hours', 'fee_waived', 'donation', 'beneficiaries', 'volunteer_hours', 'volunteers', 'party_volunteer_hours', 'meetings' );

	/** Compliance at or above this is green; at or above AMBER amber; below it red. */
	const GREEN = 0.9;
	const AMBER = 0.6;

	/**
	 * The types of organisation, slug => label.
	 *
	 * @return array<string,string>
	 */
	public static function types(): array {
		return array(
			'enterprise' => __( 'Non-public enterprise', 'dangjian' ),
			'social'     => __( 'Social organisation', 'dangjian' ),
			'other'      => __( 'Other organisation', 'dangjian' ),
		);
	}

	/**
	 * The network settings, defaults filled in: stale_days (a branch whose data has not changed for
	 * so many days is listed as stale).
	 *
	 * @return array{stale_days:int}
	 */
	public static function settings(): array {
		$stored = get_site_option( 'dangjian_network_settings' );
		$days   = is_array( $stored ) && isset( $stored['stale_days'] ) ? (int) $stored['stale_days'] : 90;
		return array( 'stale_days' => max( 1, min( 3660, $days ) ) );
	}

	/**
	 * Writes a site's row of a year (insert or replace). data_changed_at becomes the later of the
	 * stored one and the row's (either may be null).
	 *
	 * @param array $row From Network_Summary::compute(), plus data_changed_at (or null).
	 * @return bool Whether the database took it.
	 */
	public static function put( array $row ): bool {
		global $wpdb;
		$row['pushed_at'] = current_time( 'mysql', true );
		$row['outdated']  = 0;
		$cols             = array();
		$marks            = array();
		$values           = array();
		$updates          = array();
		foreach ( $row as $col => $value ) {
			$cols[] = '`' . $col . '`';
			if ( null === $value ) {
				$marks[] = 'NULL';
			} else {
				$marks[]  = is_int( $value ) ? '%d' : '%s';
				$values[] = is_float( $value ) ? sprintf( '%.4F', $value ) : $value;
			}
			if ( 'site_id' === $col || 'year' === $col ) {
				continue;
			}
			$updates[] = 'data_changed_at' === $col
				? '`data_changed_at` = GREATEST(COALESCE(VALUES(`data_changed_at`), `data_changed_at`), COALESCE(`data_changed_at`, VALUES(`data_changed_at`)))'
				: '`' . $col . '` = VALUES(`' . $col . '`)';
		}
		$sql = 'INSERT INTO ' . Network_Schema::table() . ' (' . implode( ',', $cols ) . ') VALUES (' . implode( ',', $marks ) . ') ON DUPLICATE KEY UPDATE ' . implode( ',', $updates );
		return false !== $wpdb->query( $wpdb->prepare( $sql, $values ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Column names from Network_Summary's fixed list.
	}

	/**
	 * Records a data change of a site on its rows of other years than those just pushed: they are
	 * marked out of date (their figures may have changed; the site's refresh event or
	 * `wp dangjian network rebuild` recomputes them) and take the time of the change. One query.
	 *
	 * @param int    $site_id    The site.
	 * @param int[]  $keep       Years just pushed.
	 * @param string $changed_at The time of the change (UTC, MySQL format).
	 * @return int Rows marked.
	 */
	public static function mark_outdated( int $site_id, array $keep, string $changed_at ): int {
		global $wpdb;
		$t  = Network_Schema::table();
		$in = implode( ',', array_map( 'intval', $keep ?: array( 0 ) ) );
		return (int) $wpdb->query( $wpdb->prepare( "UPDATE {$t} SET outdated = 1, data_changed_at = %s WHERE site_id = %d AND year NOT IN ({$in})", $changed_at, $site_id ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Integers.
	}

	/**
	 * The years of a site's rows (all, or only the out-of-date ones).
	 *
	 * @param int  $site_id  The site.
	 * @param bool $outdated Only rows marked out of date.
	 * @return int[]
	 */
	public static function years_of( int $site_id, bool $outdated = false ): array {
		global $wpdb;
		$t = Network_Schema::table();
		$w = $outdated ? ' AND outdated = 1' : '';
		return array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT year FROM {$t} WHERE site_id = %d{$w} ORDER BY year", $site_id ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Fixed text.
	}

	/**
	 * Updates the name, district and type on every row of a site (its profile or type changed).
	 *
	 * @param int   $site_id  The site.
	 * @param array $identity name, district, org_type (any of them).
	 */
	public static function set_identity( int $site_id, array $identity ): void {
		global $wpdb;
		$data = array_intersect_key( $identity, array_flip( array( 'name', 'district', 'org_type' ) ) );
		if ( $data ) {
			$wpdb->update( Network_Schema::table(), $data, array( 'site_id' => $site_id ), array_fill( 0, count( $data ), '%s' ), array( '%d' ) );
		}
	}

	/**
	 * Removes a site's rows (the site was deleted) and its joint-branch links.
	 *
	 * @param int $site_id The site.
	 */
	public static function forget_site( int $site_id ): void {
		global $wpdb;
		$wpdb->delete( Network_Schema::table(), array( 'site_id' => $site_id ), array( '%d' ) );
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . Network_Schema::orgs_table() . ' SET covered_by = NULL WHERE covered_by = %d', $site_id ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- The room's table.
	}

	/**
	 * Removes the rows of sites that no longer exist (a repair; the rebuild runs it).
	 *
	 * @return int Rows removed.
	 */
	public static function prune(): int {
		global $wpdb;
		$t = Network_Schema::table();
		return (int) $wpdb->query( "DELETE n FROM {$t} n LEFT JOIN {$wpdb->blogs} b ON b.blog_id = n.site_id WHERE b.blog_id IS NULL" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Table names.
	}

	/**
	 * The branches of a year, one row each, with the site's path and status, filtered and sorted.
	 *
	 * @param int   $year The year.
	 * @param array $args district, org_type, stars ('' any; 'none' for no rating), band (green, amber,
	 *                    red, none), status (active: default; archived: archived, deactivated or spam
	 *                    sites; all), orderby (self::SORTABLE), order (asc|desc).
	 * @return array[] Rows as from the table (numbers as strings, as $wpdb gives them) plus domain,
	 *                 path, archived, deleted, spam, band and stale.
	 */
	public static function rows( int $year, array $args = array() ): array {
		global $wpdb;
		$t      = Network_Schema::table();
		$where  = array( 'n.year = %d', 'b.site_id = %d', 'n.site_id <> %d' );
		$params = array( $year, get_current_network_id(), get_main_site_id() );
		$status = $args['status'] ?? 'active';
		if ( 'active' === $status ) {
			$where[] = 'b.archived = 0 AND b.deleted = 0 AND b.spam = 0';
		} elseif ( 'archived' === $status ) {
			$where[] = '(b.archived <> 0 OR b.deleted <> 0 OR b.spam <> 0)';
		}
		foreach ( array( 'district', 'org_type' ) as $key ) {
			if ( isset( $args[ $key ] ) && '' !== $args[ $key ] ) {
				$where[]  = "n.{$key} = %s";
				$params[] = (string) $args[ $key ];
			}
		}
		$stars = (string) ( $args['stars'] ?? '' );
		if ( 'none' === $stars ) {
			$where[] = 'n.stars IS NULL';
		} elseif ( '' !== $stars && ctype_digit( $stars ) ) {
			$where[]  = 'n.stars = %d';
			$params[] = (int) $stars;
		}
		$band = (string) ( $args['band'] ?? '' );
		if ( 'green' === $band ) {
			$where[] = 'n.compliance >= ' . self::GREEN;
		} elseif ( 'amber' === $band ) {
			$where[] = 'n.compliance >= ' . self::AMBER . ' AND n.compliance < ' . self::GREEN;
		} elseif ( 'red' === $band ) {
			$where[] = 'n.compliance < ' . self::AMBER;
		} elseif ( 'none' === $band ) {
			$where[] = 'n.compliance IS NULL';
		}
		$orderby = in_array( $args['orderby'] ?? '', self::SORTABLE, true ) ? $args['orderby'] : 'name';
		$order   = 'desc' === strtolower( (string) ( $args['order'] ?? '' ) ) ? 'DESC' : 'ASC';
		$sql     = "SELECT n.*, b.domain, b.path, b.archived, b.deleted, b.spam FROM {$t} n JOIN {$wpdb->blogs} b ON b.blog_id = n.site_id WHERE " . implode( ' AND ', $where ) . " ORDER BY n.`{$orderby}` IS NULL, n.`{$orderby}` {$order}, n.site_id ASC";
		$rows    = (array) $wpdb->get_results( $wpdb->prepare( $sql, $params ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Whitelisted column, placeholders.
		$cutoff  = gmdate( 'Y-m-d H:i:s', time() - self::settings()['stale_days'] * DAY_IN_SECONDS );
		foreach ( $rows as &$row ) {
			$row['band']  = self::band( null === $row['compliance'] ? null : (float) $row['compliance'] );
			$row['stale'] = null === $row['data_changed_at'] || $row['data_changed_at'] < $cutoff;
		}
		unset( $row );
		return $rows;
	}

	/**
	 * The compliance band of a ratio: green, amber, red, or none (no meeting was due).
	 *
	 * @param float|null $compliance The ratio 0-1.
	 */
	public static function band( ?float $compliance ): string {
		if ( null === $compliance ) {
			return 'none';
		}
		return $compliance >= self::GREEN ? 'green' : ( $compliance >= self::AMBER ? 'amber' : 'red' );
	}

	/**
	 * The totals of some rows: branches, the sum and the number of branches reporting each figure,
	 * the distribution of stars and of compliance bands, stale and out-of-date branches, the average
	 * compliance.
	 *
	 * @param array[] $rows From self::rows().
	 * @return array
	 */
	public static function totals( array $rows ): array {
		$sum   = array_fill_keys( self::SUMMED, 0.0 );
		$count = array_fill_keys( self::SUMMED, 0 );
		$stars = array( '5' => 0, '4' => 0, '3' => 0, '2' => 0, '1' => 0, '0' => 0, 'none' => 0 );
		$bands = array( 'green' => 0, 'amber' => 0, 'red' => 0, 'none' => 0 );
		$stale = 0;
		$old   = 0;
		$due   = 0;
		$miss  = 0;
		foreach ( $rows as $row ) {
			foreach ( self::SUMMED as $col ) {
				if ( null !== $row[ $col ] ) {
					$sum[ $col ] += (float) $row[ $col ];
					++$count[ $col ];
				}
			}
			++$stars[ null === $row['stars'] ? 'none' : (string) (int) $row['stars'] ];
			++$bands[ $row['band'] ];
			$stale += $row['stale'] ? 1 : 0;
			$old   += (int) $row['outdated'];
			$due   += (int) $row['meetings_due'];
			$miss  += (int) $row['meetings_missing'];
		}
		foreach ( $sum as $col => $value ) {
			$sum[ $col ] = in_array( $col, array( 'service_hours', 'fee_waived', 'donation', 'volunteer_hours', 'party_volunteer_hours' ), true ) ? round( $value, 2 ) : (int) round( $value );
		}
		return array(
			'branches'   => count( $rows ),
			'sum'        => $sum,
			'reporting'  => $count,
			'stars'      => $stars,
			'bands'      => $bands,
			'stale'      => $stale,
			'outdated'   => $old,
			'compliance' => $due > 0 ? round( ( $due - $miss ) / $due, 4 ) : null,
		);
	}

	/**
	 * The first $n branches by a figure (those that report it), highest first; ties keep the order
	 * of $rows (PHP's sort is stable).
	 *
	 * @param array[] $rows   From self::rows().
	 * @param string  $column A figure column.
	 * @param int     $n      How many.
	 * @return array[] Each ['site_id', 'name', 'value'].
	 */
	public static function ranking( array $rows, string $column, int $n = 10 ): array {
		$values = array();
		foreach ( $rows as $i => $row ) {
			if ( null !== $row[ $column ] ) {
				$values[ $i ] = (float) $row[ $column ];
			}
		}
		arsort( $values );
		$out = array();
		foreach ( array_slice( $values, 0, $n, true ) as $i => $value ) {
			$out[] = array(
				'site_id' => (int) $rows[ $i ]['site_id'],
				'name'    => $rows[ $i ]['name'],
				'value'   => $rows[ $i ][ $column ],
			);
		}
		return $out;
	}

	/**
	 * Coverage (党组织覆盖率): organisations with a Party organisation of their own or a joint one,
	 * over all organisations of the area. Every active branch site counts as one covered
	 * organisation; the listed organisations without a branch count as covered when covered_by names
	 * an active site.
	 *
	 * @param int $branches Active branch sites.
	 * @return array{organisations:int,covered:int,ratio:float|null,listed:int,joint:int}
	 */
	public static function coverage( int $branches ): array {
		global $wpdb;
		$o      = Network_Schema::orgs_table();
		$listed = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$o}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The room's table.
		$joint  = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$o} o JOIN {$wpdb->blogs} b ON b.blog_id = o.covered_by WHERE b.archived = 0 AND b.deleted = 0 AND b.spam = 0" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Table names.
		$all    = $branches + $listed;
		return array(
			'organisations' => $all,
			'covered'       => $branches + $joint,
			'ratio'         => $all > 0 ? round( ( $branches + $joint ) / $all, 4 ) : null,
			'listed'        => $listed,
			'joint'         => $joint,
		);
	}

	/**
	 * The districts present in a year's rows (for the filter).
	 *
	 * @param int $year The year.
	 * @return string[]
	 */
	public static function districts( int $year ): array {
		global $wpdb;
		$t = Network_Schema::table();
		return $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT district FROM {$t} WHERE year = %d AND district <> '' ORDER BY district", $year ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The room's table.
	}

	/**
	 * The years that have rows, newest first.
	 *
	 * @return int[]
	 */
	public static function years(): array {
		global $wpdb;
		$t = Network_Schema::table();
		return array_map( 'intval', $wpdb->get_col( "SELECT DISTINCT year FROM {$t} ORDER BY year DESC" ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The room's table.
	}

	/**
	 * The organisations without a branch of their own.
	 *
	 * @return array[]
	 */
	public static function orgs(): array {
		global $wpdb;
		$o = Network_Schema::orgs_table();
		return (array) $wpdb->get_results( "SELECT * FROM {$o} ORDER BY district, name, id", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The room's table.
	}

	/**
	 * Checks and adds an organisation without a branch.
	 *
	 * @param array $input name, district, org_type, covered_by (unslashed).
	 * @return int|\WP_Error The new id, or the problem naming the field.
	 */
	public static function add_org( array $input ) {
		global $wpdb;
		$input    = array_map( static fn( $v ) => is_scalar( $v ) ? (string) $v : '', $input );
		$name     = trim( sanitize_text_field( (string) ( $input['name'] ?? '' ) ) );
		$district = trim( sanitize_text_field( (string) ( $input['district'] ?? '' ) ) );
		$type     = sanitize_key( (string) ( $input['org_type'] ?? '' ) );
		$covered  = (string) ( $input['covered_by'] ?? '' );
		if ( '' === $name || mb_strlen( $name ) > 200 ) {
			return new \WP_Error( 'name', __( 'Organisation name: required, at most 200 characters.', 'dangjian' ) );
		}
		if ( mb_strlen( $district ) > 100 ) {
			return new \WP_Error( 'district', __( 'District: at most 100 characters.', 'dangjian' ) );
		}
		if ( '' !== $type && ! isset( self::types()[ $type ] ) ) {
			return new \WP_Error( 'org_type', __( 'Type of organisation: choose one of the offered values.', 'dangjian' ) );
		}
		if ( '' !== $covered && ( ! ctype_digit( $covered ) || ! get_site( (int) $covered ) ) ) {
			return new \WP_Error( 'covered_by', __( 'Covered by: no such site.', 'dangjian' ) );
		}
		$ok = $wpdb->insert(
			Network_Schema::orgs_table(),
			array(
				'name'       => $name,
				'district'   => $district,
				'org_type'   => $type,
				'covered_by' => '' === $covered ? null : (int) $covered,
				'created_at' => current_time( 'mysql', true ),
			)
		);
		return $ok ? (int) $wpdb->insert_id : new \WP_Error( 'db', __( 'The database refused the write.', 'dangjian' ) );
	}

	/**
	 * Removes an organisation without a branch.
	 *
	 * @param int $id Its id.
	 */
	public static function delete_org( int $id ): bool {
		global $wpdb;
		return (bool) $wpdb->delete( Network_Schema::orgs_table(), array( 'id' => $id ), array( '%d' ) );
	}
}

<?php
/**
 * The rows of one page of a list (Records::query()).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * A page of a list at a million rows: its ids first, by an index walk, then its rows; a late page
 * from the far end.
 */
final class List_Pages {

	/**
	 * @var int Above this many rows a list sorted by participants is paged from the kept tally; at
	 *          or below, the database sorts them (quick for a few thousand). The tests lower it.
	 */
	public static $tally_above = List_Counts::MAX_IDS;

	/**
	 * The rows of one page of a list, in the list's order. The page's ids are found first (an index
	 * walk that reads no row: the rows skipped by OFFSET cost little), then their rows. A search
	 * that few rows meet is sorted from their kept ids (List_Counts::ids()). A page past the
	 * middle is found from the other end (the order reversed, OFFSET from the end, the rows turned
	 * back): the last page of a million activities is as quick as the first.
	 *
	 * @param string $entity    The entity.
	 * @param string $where_sql The WHERE condition (prepared).
	 * @param string $orderby   The column (Records::order()).
	 * @param string $order     "ASC" or "DESC".
	 * @param int    $per_page  Rows a page.
	 * @param int    $offset    Rows before the page.
	 * @param int    $total     The rows meeting $where_sql.
	 * @param string $stage_sql The people's stage expression ('' for other entities).
	 * @return array[] The rows (ARRAY_A), with stage (people) or participant_count (activities).
	 */
	public static function rows( string $entity, string $where_sql, string $orderby, string $order, int $per_page, int $offset, int $total, string $stage_sql ): array {
		global $wpdb;
		if ( $offset >= $total ) {
			return array();
		}
		$table   = Schema::table( $entity );
		$p       = Schema::table( 'participants' );
		$limit   = $per_page;
		if ( str_contains( $where_sql, ' LIKE ' ) ) {
			// A search: when few rows match, the page is sorted from their ids, not found by a walk.
			$few       = List_Counts::ids( $entity, $where_sql );
			$where_sql = null === $few ? $where_sql : ( $few ? 'id IN (' . implode( ',', $few ) . ')' : '0=1' );
		}
		$ids     = 'participant_count' === $orderby && 'activities' === $entity && $total > self::$tally_above ? self::by_participants( $where_sql, $order, $offset, min( $per_page, $total - $offset ) ) : null;
		$reverse = null === $ids && $offset > 0 && $offset + $per_page / 2 > $total / 2;
		if ( $reverse ) {
			$limit  = min( $per_page, $total - $offset );
			$offset = $total - $offset - $limit;
			$order  = 'ASC' === $order ? 'DESC' : 'ASC';
		}
		$derived = array(
			'stage'             => "({$stage_sql}) AS stage",
			'participant_count' => "(SELECT COUNT(*) FROM {$p} WHERE {$p}.activity_id = {$table}.id) AS participant_count",
		);
		$key = isset( $derived[ $orderby ] ) ? ', ' . $derived[ $orderby ] : '';
		// phpcs:disable WordPress.DB.PreparedSQL -- Every value went through prepare(); names are the plugin's own.
		if ( null === $ids ) {
			$ids = array_map( 'intval', (array) $wpdb->get_col( $wpdb->prepare( "SELECT id{$key} FROM {$table} WHERE {$where_sql} ORDER BY {$orderby} {$order}, id {$order} LIMIT %d OFFSET %d", $limit, $offset ) ) );
		}
		if ( ! $ids ) {
			return array();
		}
		$select = '*';
		if ( 'people' === $entity ) {
			$select = '*, ' . $derived['stage'];
		} elseif ( 'activities' === $entity ) {
			$select = '*, ' . $derived['participant_count'];
		}
		$found = $wpdb->get_results( "SELECT {$select} FROM {$table} WHERE id IN (" . implode( ',', $ids ) . ')', ARRAY_A );
		// phpcs:enable
		$by_id = array();
		foreach ( (array) $found as $row ) {
			$by_id[ (int) $row['id'] ] = $row;
		}
		$rows = array();
		foreach ( $reverse ? array_reverse( $ids ) : $ids as $id ) {
			if ( isset( $by_id[ $id ] ) ) {
				$rows[] = $by_id[ $id ];
			}
		}
		return $rows;
	}

	/**
	 * The ids of a page of activities sorted by their number of participants (then by id, the same
	 * way), without counting every activity's participants: the kept tally of how many activities of
	 * each block have each number (List_Counts::participant_counts(); those without participants are
	 * the rest of their block's count) says in which number and block the page starts; only that
	 * block's participants (or, for those without any, its activities) are then read. Null when the
	 * tally cannot be used or the rows found do not match it (then the database sorts). For a few
	 * thousand activities the database sorts (the caller asks only above self::$tally_above).
	 *
	 * @param string $where  The activities' WHERE condition (prepared).
	 * @param string $order  "ASC" or "DESC".
	 * @param int    $offset Rows before the page.
	 * @param int    $limit  Rows of the page.
	 * @return int[]|null
	 */
	private static function by_participants( string $where, string $order, int $offset, int $limit ): ?array {
		global $wpdb;
		$tally = List_Counts::participant_counts( $where );
		if ( null === $tally || $limit < 1 ) {
			return null;
		}
		$counts = array(); // number => block => activities.
		foreach ( List_Counts::count_blocks( 'activities', $where ) as $b => $n ) {
			$with = array_sum( $tally[ $b ] ?? array() );
			if ( $n > $with ) {
				$counts[0][ $b ] = $n - $with;
			}
		}
		foreach ( $tally as $b => $numbers ) {
			foreach ( $numbers as $k => $n ) {
				$counts[ $k ][ $b ] = $n;
			}
		}
		'ASC' === $order ? ksort( $counts ) : krsort( $counts );
		$a   = Schema::table( 'activities' );
		$p   = Schema::table( 'participants' );
		$ids = array();
		foreach ( $counts as $k => $blocks ) {
			'ASC' === $order ? ksort( $blocks ) : krsort( $blocks );
			foreach ( $blocks as $b => $n ) {
				if ( $offset >= $n ) {
					$offset -= $n;
					continue;
				}
				$need = $limit - count( $ids );
				// phpcs:disable WordPress.DB.PreparedSQL -- Prepared by the caller; integers; the plugin's own tables.
				if ( 0 === $k ) {
					$found = $wpdb->get_col( "SELECT id FROM {$a} WHERE ({$where}) AND " . List_Counts::ranges( 'id', array( $b ) ) . " AND NOT EXISTS (SELECT 1 FROM {$p} p WHERE p.activity_id = {$a}.id) ORDER BY id {$order} LIMIT {$need} OFFSET {$offset}" );
				} else {
					$in    = '1=1' === $where ? '' : " AND activity_id IN (SELECT id FROM {$a} WHERE ({$where}) AND " . List_Counts::ranges( 'id', array( $b ) ) . ')';
					$found = $wpdb->get_col( "SELECT activity_id FROM {$p} WHERE " . List_Counts::ranges( 'activity_id', array( $b ) ) . "{$in} GROUP BY activity_id HAVING COUNT(*) = {$k} ORDER BY activity_id {$order} LIMIT {$need} OFFSET {$offset}" );
				}
				// phpcs:enable
				if ( count( (array) $found ) !== min( $need, $n - $offset ) ) {
					return null; // The tally and the table disagree (a write meanwhile): the database sorts.
				}
				$ids    = array_merge( $ids, array_map( 'intval', (array) $found ) );
				$offset = 0;
				if ( count( $ids ) >= $limit ) {
					break 2;
				}
			}
		}
		return count( $ids ) === $limit ? $ids : null;
	}
}

<?php
/**
 * The rows of an export in keyset batches: the list screens' filters and order (Records::query), read
 * without OFFSET, so a batch costs the same at row 1 and at row 1,000,000.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Records::query reads a page with LIMIT … OFFSET …, which reads and throws away every row before the
 * page: an export of 1M activities that way is quadratic (the 408 s of issue 11). Here each batch
 * starts after the last row of the one before, by its sort value and id:
 * (col > v OR (col = v AND id > last)) ORDER BY col, id LIMIT n — or by id alone, the default of a
 * list sorted by id. NULLs sort first ascending and last descending, as MariaDB sorts them.
 */
final class Export_Query {

	/**
	 * The filters' WHERE conditions of a list, as Records::query applies them.
	 *
	 * @param string $entity The list (people, activities, investments, benefits, plans).
	 * @param array  $args   The filters.
	 * @return string[] SQL conditions, each prepared.
	 */
	public static function where( string $entity, array $args ): array {
		global $wpdb;
		$where  = array( '1=1' );
		$search = trim( (string) ( $args['search'] ?? '' ) );
		if ( '' !== $search ) {
			$like = '%' . $wpdb->esc_like( $search ) . '%';
			$or   = array();
			foreach ( self::search_columns( $entity ) as $column ) {
				$or[] = $wpdb->prepare( "{$column} LIKE %s", $like ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- A column name of the plugin's.
			}
			if ( ctype_digit( $search ) ) {
				$or[] = $wpdb->prepare( 'id = %d', (int) $search );
			}
			$where[] = $or ? '(' . implode( ' OR ', $or ) . ')' : '0=1';
		}
		if ( 'people' === $entity && ! empty( $args['stage'] ) && isset( Vocabulary::stages()[ $args['stage'] ] ) ) {
			$where[] = $wpdb->prepare( '(' . Records::stage_sql( Period::today() ) . ') = %s', $args['stage'] ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Prepared by stage_sql().
		}
		if ( 'activities' === $entity ) {
			if ( ! empty( $args['category'] ) && isset( Vocabulary::categories()[ $args['category'] ] ) ) {
				$where[] = $wpdb->prepare( 'category = %s', $args['category'] );
			}
			if ( ! empty( $args['kind'] ) && isset( Vocabulary::kinds()[ $args['kind'] ] ) ) {
				$where[] = $wpdb->prepare( 'kind = %s', $args['kind'] );
			}
			$project = isset( $args['project'] ) && is_string( $args['project'] ) ? Import_Vocabulary::trim( $args['project'] ) : '';
			if ( '' !== $project ) {
				$where[] = $wpdb->prepare( 'project = %s', $project );
			}
		}
		$column = Records::date_column( $entity );
		if ( 'people' !== $entity && '' !== $column ) {
			foreach ( array( 'from' => '>=', 'to' => '<=' ) as $key => $op ) {
				if ( ! empty( $args[ $key ] ) && is_string( $args[ $key ] ) && Engine_Limits::is_date( $args[ $key ] ) ) {
					$where[] = $wpdb->prepare( "{$column} {$op} %s", $args[ $key ] ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
				}
			}
		}
		return $where;
	}

	/**
	 * The list's rows in its order, a batch at a time, each row as the table holds it (column =>
	 * string or null; a person's stage today as "stage"; the sort value as "dj_sort").
	 *
	 * @param string $entity The list.
	 * @param array  $args   The filters, orderby and order.
	 * @param int    $batch  Rows a query.
	 * @return \Generator<array[]>
	 * @throws \RuntimeException When the database refuses a query.
	 */
	public static function batches( string $entity, array $args, int $batch ): \Generator {
		global $wpdb;
		$table                      = Schema::table( $entity );
		list( $default, $sortable ) = Records::sortable( $entity );
		$orderby                    = in_array( $args['orderby'] ?? '', $sortable, true ) ? $args['orderby'] : $default;
		$order                      = strtolower( (string) ( $args['order'] ?? '' ) );
		if ( 'asc' !== $order && 'desc' !== $order ) {
			$order = 'people' === $entity || 'headcount' === $entity ? 'asc' : 'desc';
		}
		$asc   = 'asc' === $order;
		$dir   = $asc ? 'ASC' : 'DESC';
		$stage = 'people' === $entity ? Records::stage_sql( Period::today() ) : '';
		$expr  = $orderby;
		if ( 'stage' === $orderby ) {
			$expr = "({$stage})";
		} elseif ( 'participant_count' === $orderby ) {
			$p    = Schema::table( 'participants' );
			$expr = "(SELECT COUNT(*) FROM {$p} WHERE {$p}.activity_id = {$table}.id)";
		}
		$select = 'people' === $entity ? "*, ({$stage}) AS stage" : '*';
		$where  = implode( ' AND ', self::where( $entity, $args ) );
		$after    = null;
		$nullable = $expr !== $orderby || self::nullable( $table, $orderby );
		do {
			$keyset = null === $after ? '' : ' AND ' . self::after( $expr, 'id' === $orderby, $asc, $after, $nullable );
			$order  = 'id' === $orderby ? "id {$dir}" : "{$expr} {$dir}, id {$dir}";
			$sql    = "SELECT {$select}, {$expr} AS dj_sort FROM {$table} WHERE {$where}{$keyset} ORDER BY {$order} LIMIT " . (int) $batch;
			$rows   = Engine_Build::query( $wpdb->remove_placeholder_escape( $sql ) ); // A LIKE's % was escaped by prepare().
			$n      = count( $rows );
			if ( $n ) {
				$last  = $rows[ $n - 1 ];
				$after = array( $last['dj_sort'], (int) $last['id'] );
				yield $rows;
			}
		} while ( $n === $batch );
	}

	/**
	 * The keyset condition: the rows after (value, id) in the order. Written so that the column's
	 * index gives the range and its order (col <= v AND (col < v OR id < last)): each batch reads
	 * about its own rows, not the table.
	 *
	 * @param string $expr     The sort expression.
	 * @param bool   $by_id    The order is by id alone.
	 * @param bool   $asc      Ascending.
	 * @param array  $after    [ sort value (null for NULL), id ].
	 * @param bool   $nullable The sort value may be NULL.
	 */
	private static function after( string $expr, bool $by_id, bool $asc, array $after, bool $nullable ): string {
		global $wpdb;
		list( $value, $id ) = $after;
		$id                 = (int) $id;
		if ( $by_id ) {
			return $asc ? "id > {$id}" : "id < {$id}";
		}
		if ( null === $value ) {
			// NULLs come first ascending (then every value), last descending (nothing after them).
			return $asc ? "(({$expr} IS NULL AND id > {$id}) OR {$expr} IS NOT NULL)" : "({$expr} IS NULL AND id < {$id})";
		}
		$v = $wpdb->prepare( '%s', $value );
		if ( $asc ) {
			return "({$expr} >= {$v} AND ({$expr} > {$v} OR id > {$id}))";
		}
		$tail = $nullable ? " OR {$expr} IS NULL" : '';
		return "(({$expr} <= {$v} AND ({$expr} < {$v} OR id < {$id})){$tail})";
	}

	/**
	 * Whether a column of a table may hold NULL.
	 *
	 * @param string $table  The table's full name.
	 * @param string $column The column.
	 */
	private static function nullable( string $table, string $column ): bool {
		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( "SHOW COLUMNS FROM {$table} LIKE %s", $wpdb->esc_like( $column ) ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		return ! is_array( $row ) || 'NO' !== ( $row['Null'] ?? '' );
	}

	/**
	 * The columns a search looks in (as the list screens search).
	 *
	 * @param string $entity The list.
	 * @return string[]
	 */
	private static function search_columns( string $entity ): array {
		$columns = array(
			'people'      => array( 'name', 'phone', 'email', 'notes', 'joined_from', 'left_to' ),
			'activities'  => array( 'title', 'venue', 'project', 'description' ),
			'investments' => array( 'item' ),
			'benefits'    => array( 'name' ),
		);
		return $columns[ $entity ] ?? array();
	}
}

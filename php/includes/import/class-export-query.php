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
	 * The filters' WHERE conditions of a list: Records::where, the list screens' own.
	 *
	 * @param string $entity The list (people, activities, investments, benefits, plans).
	 * @param array  $args   The filters.
	 * @return string[] SQL conditions, each prepared.
	 */
	public static function where( string $entity, array $args ): array {
		return Records::where( $entity, $args );
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
		$table                   = Schema::table( $entity );
		list( $orderby, $order ) = Records::order( $entity, $args );
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
		$where  = implode( ' AND ', Records::where( $entity, $args ) );
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
}

<?php
/**
 * The rows of an export: one unbuffered query a list on a connection of its own (rows()), or keyset
 * batches through $wpdb (batches(): without OFFSET, so a batch costs the same at row 1 and at row
 * 1,000,000), in the list screens' filters and order (Records::where, Records::order).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Records::query reads a page with LIMIT … OFFSET …, which reads and throws away every row before the
 * page: an export of 1M activities that way is quadratic (the 408 s of issue 11). batches() starts
 * each batch after the last row of the one before, by its sort value and id:
 * (col > v OR (col = v AND id > last)) ORDER BY col, id LIMIT n — or by id alone, the default of a
 * list sorted by id. NULLs sort first ascending and last descending, as MariaDB sorts them. rows()
 * reads the whole list in one query instead (about twice as fast again at 1M activities), and an
 * activity's participants from a second stream in the same order.
 */
final class Export_Query {

	/** The default of merge_rows(). */
	const MERGE_ROWS = 20000;

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
		$asc                     = 'asc' === $order;
		$dir                     = $asc ? 'ASC' : 'DESC';
		list( $select, $expr )   = self::select( $entity, $orderby );
		$where    = implode( ' AND ', Records::where( $entity, $args ) );
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
	 * What a list's query selects and the expression it sorts by: every column (and a person's stage
	 * today as "stage"), and the column, the stage or an activity's participant count.
	 *
	 * @param string $entity  The list.
	 * @param string $orderby Records::order()'s column.
	 * @return array{0:string,1:string} [select list, sort expression].
	 */
	private static function select( string $entity, string $orderby ): array {
		$table = Schema::table( $entity );
		$stage = 'people' === $entity ? Records::stage_sql( Period::today() ) : '';
		$expr  = $orderby;
		if ( 'stage' === $orderby ) {
			$expr = "({$stage})";
		} elseif ( 'participant_count' === $orderby ) {
			$p    = Schema::table( 'participants' );
			$expr = "(SELECT COUNT(*) FROM {$p} WHERE {$p}.activity_id = {$table}.id)";
		}
		return array( 'people' === $entity ? "*, ({$stage}) AS stage" : '*', $expr );
	}

	/**
	 * The list's rows in its order, a batch at a time, as batches() gives them, but read by one
	 * unbuffered query (MYSQLI_USE_RESULT) on a connection of its own instead of a query a batch:
	 * the database reads the table once, in one consistent read, and PHP holds one batch at a time.
	 * An activity's row carries its participants column as "dj_parts" (see with_parts()): for a list
	 * by id (either way) of merge_rows() rows or more, from a second unbuffered query on a connection
	 * of its own, the participants in activity order, read beside the first (a merge on the id; the
	 * database reads both tables in their own order, so Export reads activities by id and puts them
	 * in date order itself); otherwise looked up a batch at a time. When mysqli or a connection of
	 * its own is not available, this is batches() with the participants looked up.
	 *
	 * @param string $entity The list.
	 * @param array  $args   The filters, orderby and order.
	 * @param int    $batch  Rows a batch.
	 * @param array  $names  Activities: person id => how the participants column names them.
	 * @return \Generator<array[]>
	 * @throws \RuntimeException When the database refuses a query or a read stops midway.
	 */
	public static function rows( string $entity, array $args, int $batch, array $names = array() ): \Generator {
		$link = self::connect();
		if ( null === $link ) {
			foreach ( self::batches( $entity, $args, $batch ) as $rows ) {
				yield 'activities' === $entity ? self::with_parts( $rows, $names ) : $rows;
			}
			return;
		}
		list( $sql, $merge )     = self::stream_sql( $entity, $args );
		list( $orderby, $order ) = Records::order( $entity, $args );
		$links                   = array( $link );
		$res                     = false;
		$res_p                   = false;
		try {
			$link_p = null === $merge ? null : self::connect();
			if ( null === $link_p ) {
				$merge = null; // No second connection: the participants are looked up a batch at a time.
			} else {
				$links[] = $link_p;
				if ( ! mysqli_query( $link_p, $merge, MYSQLI_ASYNC | MYSQLI_USE_RESULT ) ) {
					throw new \RuntimeException( 'Dangjian: ' . mysqli_error( $link_p ) );
				}
			}
			$res   = mysqli_query( $link, $sql, MYSQLI_USE_RESULT );
			$res_p = null === $merge ? false : mysqli_reap_async_query( $links[1] );
			if ( ! ( $res instanceof \mysqli_result ) || ( null !== $merge && ! ( $res_p instanceof \mysqli_result ) ) ) {
				throw new \RuntimeException( 'Dangjian: ' . mysqli_error( $link ) . ( null === $merge ? '' : mysqli_error( $link_p ) ) );
			}
			$GLOBALS['wpdb']->num_queries += count( $links ); // Counted as $wpdb counts its own.
			$merge                         = $res_p ? array( $res_p, 'desc' === $order ? 1 : -1, mysqli_fetch_row( $res_p ) ) : null;
			do {
				$rows = self::read( $res, $batch, $merge, $names );
				foreach ( $links as $l ) {
					if ( mysqli_errno( $l ) ) {
						throw new \RuntimeException( 'Dangjian: ' . mysqli_error( $l ) ); // The read stopped midway.
					}
				}
				if ( $rows ) {
					yield null === $merge && 'activities' === $entity ? self::with_parts( $rows, $names ) : $rows;
				}
			} while ( count( $rows ) === $batch );
		} catch ( \mysqli_sql_exception $e ) {
			throw new \RuntimeException( 'Dangjian: ' . $e->getMessage() );
		} finally {
			foreach ( $links as $l ) {
				if ( $l instanceof \mysqli ) {
					mysqli_close( $l ); // Before the results: freeing an unfinished one would read it to its end.
				}
			}
		}
	}

	/**
	 * Reads up to $batch rows of the list's stream, each activity with its participants from the
	 * participants' stream when merging: those of the activity's id, after passing over any that
	 * come before it in the order (participants of an activity written between the two queries'
	 * reads, which the list's read does not hold).
	 *
	 * @param \mysqli_result $res   The list's stream.
	 * @param int            $batch Rows at most.
	 * @param array|null     $merge [ participants' stream (by activity as the list), 1 descending or -1
	 *                              ascending, the participant at hand (activity id, person id, hours) or null ]; updated.
	 * @param array          $names person id => how the participants column names them.
	 * @return array[]
	 */
	private static function read( \mysqli_result $res, int $batch, ?array &$merge, array $names ): array {
		$rows = array();
		if ( null === $merge ) {
			for ( $n = 0; $n < $batch && ( $row = mysqli_fetch_assoc( $res ) ); ++$n ) {
				$rows[] = $row;
			}
			return $rows;
		}
		list( $res_p, $before, $next ) = $merge;
		for ( $n = 0; $n < $batch && ( $row = mysqli_fetch_assoc( $res ) ); ++$n ) {
			$id    = (int) $row['id'];
			$parts = '';
			while ( $next && ( (int) $next[0] <=> $id ) === $before ) {
				$next = mysqli_fetch_row( $res_p );
			}
			while ( $next && (int) $next[0] === $id ) {
				// self::participant(), written out: 2M participants at 1M activities.
				$parts .= ( '' === $parts ? '' : '、' ) . ( $names[ (int) $next[1] ] ?? '#' . $next[1] ) . ( null === $next[2] ? '' : '(' . Amount::trim( $next[2] ) . ')' );
				$next   = mysqli_fetch_row( $res_p );
			}
			$row['dj_parts'] = $parts;
			$rows[]          = $row;
		}
		$merge[2] = $next;
		return $rows;
	}

	/**
	 * The statements of rows(): the list's query, and the participants' query in the list's order
	 * when the list is of activities by id and of merge_rows() rows or more, else null (a short list's
	 * participants are looked up a batch at a time: the merge reads every participant).
	 *
	 * @param string $entity The list.
	 * @param array  $args   The filters, orderby and order.
	 * @return array{0:string,1:string|null}
	 */
	private static function stream_sql( string $entity, array $args ): array {
		global $wpdb;
		$table                   = Schema::table( $entity );
		list( $orderby, $order ) = Records::order( $entity, $args );
		$dir                     = 'asc' === $order ? 'ASC' : 'DESC';
		list( $select, $expr )   = self::select( $entity, $orderby );
		$where                   = implode( ' AND ', Records::where( $entity, $args ) );
		$sort                    = 'id' === $orderby ? "id {$dir}" : "{$expr} {$dir}, id {$dir}";
		$sql                     = "SELECT {$select}, {$expr} AS dj_sort FROM {$table} WHERE {$where} ORDER BY {$sort}";
		$merge                   = null;
		if ( 'activities' === $entity && 'id' === $orderby && self::merge_rows() <= (int) ( Engine_Build::query( $wpdb->remove_placeholder_escape( "SELECT COUNT(*) AS n FROM {$table} WHERE {$where}" ) )[0]['n'] ?? 0 ) ) {
			// The participants in their activity's order (their table's: read straight through); for a
			// filtered list joined to their activity by its primary key (STRAIGHT_JOIN: the optimizer
			// would rather look up each activity's participants, several times slower at 1M), the
			// filters applied to the activities in a derived table of their own (a search by id names
			// the activity's id, not the participant's).
			$p     = Schema::table( 'participants' );
			$merge = '1=1' === $where
				? "SELECT activity_id, person_id, hours FROM {$p} ORDER BY activity_id {$dir}, id"
				: $wpdb->remove_placeholder_escape( "SELECT p.activity_id, p.person_id, p.hours FROM {$p} p STRAIGHT_JOIN (SELECT id FROM {$table} WHERE {$where}) x ON x.id = p.activity_id ORDER BY p.activity_id {$dir}, p.id" );
		}
		return array( $wpdb->remove_placeholder_escape( $sql ), $merge ); // A LIKE's % was escaped by prepare().
	}

	/**
	 * How many activities of a filtered list there are on each date, date => count, by date.
	 *
	 * @param array $args The filters.
	 * @return array<string,int>
	 */
	public static function date_counts( array $args ): array {
		global $wpdb;
		$where = implode( ' AND ', Records::where( 'activities', $args ) );
		$out   = array();
		foreach ( Engine_Build::query( $wpdb->remove_placeholder_escape( 'SELECT activity_date AS d, COUNT(*) AS n FROM ' . Schema::table( 'activities' ) . " WHERE {$where} GROUP BY activity_date ORDER BY activity_date" ) ) as $row ) {
			$out[ (string) $row['d'] ] = (int) $row['n'];
		}
		return $out;
	}

	/**
	 * How many activities a list has at least for rows() to read the participants in a second
	 * stream rather than a batch at a time.
	 */
	public static function merge_rows(): int {
		/**
		 * Filters how many activities an export has at least for its participants to be read in one
		 * sorted stream beside the activities (rather than looked up a batch at a time).
		 *
		 * @param int $rows Activities (default 20,000).
		 */
		return max( 0, (int) apply_filters( 'dangjian_export_merge_rows', self::MERGE_ROWS ) );
	}

	/**
	 * Adds to each activity of a batch its participants column as "dj_parts": the participants in
	 * entry order, each as participant() names them, separated by "、" (one query for the batch).
	 *
	 * @param array[] $rows  Activities (with "id").
	 * @param array   $names person id => how to name them.
	 * @return array[]
	 */
	public static function with_parts( array $rows, array $names ): array {
		$ids = array_map( 'intval', array_column( $rows, 'id' ) );
		if ( ! $ids ) {
			return $rows;
		}
		$parts = array();
		$table = Schema::table( 'participants' );
		foreach ( Engine_Build::query( "SELECT activity_id, person_id, hours FROM {$table} WHERE activity_id IN (" . implode( ',', $ids ) . ') ORDER BY activity_id, id' ) as $row ) {
			$id           = (int) $row['activity_id'];
			$parts[ $id ] = ( isset( $parts[ $id ] ) ? $parts[ $id ] . '、' : '' ) . self::participant( $names, $row['person_id'], $row['hours'] );
		}
		foreach ( $rows as $i => $row ) {
			$rows[ $i ]['dj_parts'] = $parts[ (int) $row['id'] ] ?? '';
		}
		return $rows;
	}

	/**
	 * A participant as the participants column names them: "张三", "李四(1.5)" (own hours), "#12".
	 *
	 * @param array       $names  person id => how to name them (Export::participant_names()).
	 * @param string      $person The person's id.
	 * @param string|null $hours  Their own hours, or null.
	 */
	private static function participant( array $names, string $person, ?string $hours ): string {
		return ( $names[ (int) $person ] ?? '#' . $person ) . ( null === $hours ? '' : '(' . Amount::trim( $hours ) . ')' );
	}

	/**
	 * A new connection to the site's database for an unbuffered read: the site's host, client flags
	 * (MYSQL_CLIENT_FLAGS: TLS and so on), character set and collation, values as strings (as $wpdb
	 * reads them). Null when the site does not use mysqli or the connection cannot be made.
	 *
	 * @return \mysqli|null The connection (the caller closes it).
	 */
	private static function connect(): ?\mysqli {
		global $wpdb;
		/**
		 * Filters whether an export reads its rows in one unbuffered query a list (true, the
		 * default) or in keyset batches through $wpdb's connection (false).
		 *
		 * @param bool $stream Read in one query.
		 */
		if ( ! apply_filters( 'dangjian_export_stream', true ) || ! ( $wpdb->dbh instanceof \mysqli ) || empty( $wpdb->use_mysqli ) || ! defined( 'DB_USER' ) || ! defined( 'MYSQLI_ASYNC' ) ) {
			return null;
		}
		$host = $wpdb->parse_db_host( DB_HOST );
		if ( ! $host ) {
			return null;
		}
		list( $hostname, $port, $socket, $is_ipv6 ) = $host;
		$hostname = $is_ipv6 && extension_loaded( 'mysqlnd' ) ? "[$hostname]" : $hostname;
		$link     = mysqli_init();
		$flags    = defined( 'MYSQL_CLIENT_FLAGS' ) ? (int) MYSQL_CLIENT_FLAGS : 0;
		try {
			$ok = $link && @mysqli_real_connect( $link, $hostname, DB_USER, DB_PASSWORD, DB_NAME, null === $port ? null : (int) $port, $socket, $flags ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Failure falls back to batches.
		} catch ( \mysqli_sql_exception $e ) {
			$ok = false;
		}
		if ( ! $ok ) {
			return null;
		}
		try {
			// As $wpdb sets its connection (mysqli_set_charset); and a slow reader (a pipe) must not
			// make the server give up on a stream it is writing.
			$ok = mysqli_set_charset( $link, $wpdb->charset ? $wpdb->charset : 'utf8mb4' ) && mysqli_query( $link, 'SET SESSION net_write_timeout = 3600' );
		} catch ( \mysqli_sql_exception $e ) {
			$ok = false;
		}
		if ( ! $ok ) {
			mysqli_close( $link );
		}
		return $ok ? $link : null;
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

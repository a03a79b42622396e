<?php
/**
 * The streamed read of the activities and their participants (mysqli, two connections).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The participants query is sent first, on a connection of its own and without waiting, so that the
 * database sorts the participants by activity while PHP reads the people; then the activities and
 * the participants are read side by side (a merge join on the activity id).
 */
final class Engine_Stream {

	/**
	 * Opens the two connections of the streamed build (self::activities()) and sends
	 * the participants query on the second one without waiting for it (MYSQLI_ASYNC, unbuffered), so
	 * that the database sorts the participants by activity while PHP reads the people. Both
	 * connections send ints and floats as PHP ints and floats (MYSQLI_OPT_INT_AND_FLOAT_NATIVE); DECIMAL
	 * columns (hours, money) stay strings, which the engine takes. Returns null when mysqli (mysqlnd)
	 * is not in use or a connection cannot be made or the query cannot be sent (the build then reads
	 * the activities in batches).
	 *
	 * @return array|null array( activities connection, participants connection ); the caller closes
	 *                    it with self::close().
	 */
	public static function open(): ?array {
		global $wpdb;
		if ( ! ( $wpdb->dbh instanceof \mysqli ) || empty( $wpdb->use_mysqli ) || ! defined( 'DB_USER' ) || ! defined( 'MYSQLI_ASYNC' ) ) {
			return null;
		}
		$host = $wpdb->parse_db_host( DB_HOST );
		if ( ! $host ) {
			return null;
		}
		list( $hostname, $port, $socket, $is_ipv6 ) = $host;
		if ( $is_ipv6 && extension_loaded( 'mysqlnd' ) ) {
			$hostname = "[$hostname]";
		}
		$link_a = self::connect_native( $hostname, $port, $socket );
		$link_m = null === $link_a ? null : self::connect_native( $hostname, $port, $socket );
		if ( null === $link_m ) {
			if ( null !== $link_a ) {
				mysqli_close( $link_a );
			}
			return null;
		}
		$stream  = array( $link_a, $link_m );
		$charset = $wpdb->charset ? $wpdb->charset : 'utf8mb4';
		try {
			$sent = mysqli_set_charset( $link_a, $charset ) && mysqli_set_charset( $link_m, $charset )
				&& mysqli_query( $link_m, 'SELECT activity_id, person_id, hours FROM ' . Schema::table( 'participants' ) . ' ORDER BY activity_id, id', MYSQLI_ASYNC | MYSQLI_USE_RESULT );
		} catch ( \mysqli_sql_exception $e ) {
			$sent = false;
		}
		if ( ! $sent ) {
			self::close( $stream );
			return null;
		}
		return $stream;
	}

	/**
	 * Closes the connections of self::open() (a query still running on one is ended with it).
	 *
	 * @param array $stream From self::open().
	 */
	public static function close( array $stream ): void {
		foreach ( $stream as $link ) {
			try {
				mysqli_close( $link );
			} catch ( \Throwable $e ) {
				continue; // Already closed.
			}
		}
	}

	/**
	 * Adds the activities with their participants from two unbuffered queries read side by side (a
	 * merge join on the activity id): activities by id and participants by activity (sent by
	 * self::open()), each on a connection of its own. PHP holds one batch of activities (and
	 * their participants) at a time, and the database reads both tables sequentially instead of
	 * looking up each batch's participants through an index. Returns false, having added nothing,
	 * when the participants query failed (the caller then reads in batches).
	 *
	 * @param Dataset $dataset The dataset being built.
	 * @param int     $batch   Activities a batch.
	 * @param array   $stream  From self::open() (closed by the caller).
	 * @throws \RuntimeException When a query fails midway.
	 */
	public static function activities( Dataset $dataset, int $batch, array $stream ): bool {
		global $wpdb;
		list( $link_a, $link_m ) = $stream;
		$res_a                   = false;
		$res_m                   = false;
		try {
			try {
				$res_m = mysqli_reap_async_query( $link_m );
			} catch ( \mysqli_sql_exception $e ) {
				$res_m = false;
			}
			if ( ! ( $res_m instanceof \mysqli_result ) ) {
				return false;
			}
			$res_a = mysqli_query( $link_a, 'SELECT ' . Engine::ACTIVITY_COLUMNS . ' FROM ' . Schema::table( 'activities' ) . ' ORDER BY id', MYSQLI_USE_RESULT );
			$wpdb->num_queries += 2;
			if ( false === $res_a ) {
				throw new \RuntimeException( 'Dangjian: ' . mysqli_error( $link_a ) );
			}
			// The participant at hand: $next (activity_id, person_id, hours) and its activity id $at
			// (PHP_INT_MAX past the last one). A participant with no hours of its own goes to the
			// engine as its bare person id (its hours default to the activity's): no array for it.
			$next = mysqli_fetch_row( $res_m );
			$at   = $next ? (int) $next[0] : PHP_INT_MAX;
			do {
				$rows = array();
				$n    = 0;
				while ( $n < $batch ) {
					$row = mysqli_fetch_assoc( $res_a );
					if ( ! $row ) {
						break;
					}
					$id = (int) $row['id'];
					while ( $at < $id ) { // A participant of a deleted activity.
						$next = mysqli_fetch_row( $res_m );
						$at   = $next ? (int) $next[0] : PHP_INT_MAX;
					}
					$parts = array();
					while ( $at === $id ) {
						$parts[] = null === $next[2] ? $next[1] : array(
							'id'    => $next[1],
							'hours' => $next[2],
						);
						$next    = mysqli_fetch_row( $res_m );
						$at      = $next ? (int) $next[0] : PHP_INT_MAX;
					}
					$row['participants'] = $parts;
					$rows[]              = $row;
					++$n;
				}
				if ( $n ) {
					Engine_Build::add( $dataset, 'addActivities', 'activities', $rows );
				}
				$rows = null;
			} while ( $n === $batch );
			if ( mysqli_errno( $link_a ) || mysqli_errno( $link_m ) ) {
				throw new \RuntimeException( 'Dangjian: ' . ( mysqli_error( $link_a ) . mysqli_error( $link_m ) ) );
			}
		} catch ( \mysqli_sql_exception $e ) {
			throw new \RuntimeException( 'Dangjian: ' . $e->getMessage() );
		} finally {
			if ( $res_a instanceof \mysqli_result ) {
				mysqli_free_result( $res_a );
			}
			if ( $res_m instanceof \mysqli_result ) {
				mysqli_free_result( $res_m );
			}
		}
		return true;
	}

	/**
	 * A new connection to the site's database, with the site's MYSQL_CLIENT_FLAGS, that sends ints and
	 * floats as PHP ints and floats, or null when it cannot be made (or the driver cannot send them so).
	 *
	 * @param string      $hostname From $wpdb->parse_db_host().
	 * @param int|null    $port     Its port.
	 * @param string|null $socket   Its socket.
	 * @return \mysqli|null The connection (the caller closes it).
	 */
	private static function connect_native( string $hostname, $port, $socket ): ?\mysqli {
		$link = mysqli_init();
		if ( ! $link || ! defined( 'MYSQLI_OPT_INT_AND_FLOAT_NATIVE' ) || ! mysqli_options( $link, MYSQLI_OPT_INT_AND_FLOAT_NATIVE, true ) ) {
			return null;
		}
		// The site's own client flags (MYSQL_CLIENT_FLAGS in wp-config.php, as $wpdb uses them): TLS to
		// the database (MYSQLI_CLIENT_SSL), compression, and so on.
		$flags = defined( 'MYSQL_CLIENT_FLAGS' ) ? (int) MYSQL_CLIENT_FLAGS : 0;
		try {
			$ok = @mysqli_real_connect( $link, $hostname, DB_USER, DB_PASSWORD, DB_NAME, null === $port ? null : (int) $port, $socket, $flags ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Failure falls back to batches.
		} catch ( \mysqli_sql_exception $e ) {
			$ok = false;
		}
		return $ok ? $link : null;
	}
}

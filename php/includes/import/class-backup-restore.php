<?php
/**
 * The restore of a backup: every table of the plugin replaced in one transaction.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Restores a backup. One in the writer's layout is read as a stream (Backup_Stream): the tables are
 * emptied and the rows written batch by batch as they are checked, inside one transaction, rolled
 * back when anything is refused, so PHP holds a batch of rows. Any other backup (older, edited by
 * hand) is checked whole first, then written, as before. Either way a refused backup changes nothing.
 */
final class Backup_Restore {

	/** The tables, children first (emptied in this order, filled in the reverse). */
	const ORDER = array( 'participants', 'media', 'honours', 'investments', 'benefits', 'plans', 'headcount', 'activities', 'people' );

	/**
	 * Restores a backup: as a stream when it is in the writer's layout, else read whole.
	 *
	 * @param callable      $open     Opens a Backup_Source over the backup.
	 * @param callable      $whole    The backup's text (string or WP_Error), for any other layout.
	 * @param callable|null $progress Called with ( $rows_written, $rows_total ) after each batch of rows.
	 * @return array{errors:string[],counts:array<string,int>,read:string} No error: restored; "read"
	 *         says how: "stream" (a batch of rows at a time) or "whole" (the file held by PHP: an older
	 *         or edited backup, or a site without transactions or the engine).
	 */
	public static function restore( callable $open, callable $whole, ?callable $progress ): array {
		$out = self::restore_streamed( $open, $progress );
		if ( null === $out ) {
			return array( 'read' => 'whole' ) + self::restore_whole( $whole, $progress );
		}
		return array( 'read' => 'stream' ) + $out;
	}

	/**
	 * Restores a backup in the writer's layout as a stream.
	 *
	 * @param callable      $open     Opens a Backup_Source over the backup.
	 * @param callable|null $progress See restore().
	 * @return array|null See restore(); null when it must be read whole (nothing was changed).
	 */
	private static function restore_streamed( callable $open, ?callable $progress ): ?array {
		global $wpdb;
		if ( ! Engine::available() || Import::non_transactional_tables() ) {
			return null;
		}
		$names = self::stage();
		if ( false === $names ) {
			return array(
				'errors' => array( __( 'Another restore of a backup is running: wait until it has finished.', 'dangjian' ) ),
				'counts' => array(),
			);
		}
		$gc    = gc_enabled();
		gc_disable();
		$wpdb->query( 'START TRANSACTION' );
		try {
			$error = null === $names ? self::empty_tables() : null;
			if ( null !== $error ) {
				$wpdb->query( 'ROLLBACK' );
				return self::refused_by_database( array(), $error );
			}
			$done   = 0;
			$total  = 0;
			$result = Backup_Stream::run(
				$open,
				static function ( string $table, array $rows ) use ( &$done, &$total, $progress, $names ): ?string {
					$error = self::insert( $table, $rows, $names[ $table ] ?? null );
					$done += count( $rows );
					if ( null === $error && null !== $progress ) {
						$progress( $done, max( $done, $total ) );
					}
					return $error;
				},
				static function ( array $meta ) use ( &$total ): void {
					$total = array_sum( array_map( 'intval', (array) ( $meta['counts'] ?? array() ) ) );
				}
			);
		} catch ( Backup_Layout $e ) {
			$wpdb->query( 'ROLLBACK' );
			self::unstage( $names );
			return null;
		} catch ( \Throwable $e ) {
			$wpdb->query( 'ROLLBACK' );
			self::unstage( $names );
			throw $e;
		} finally {
			if ( $gc ) {
				gc_enable();
			}
		}
		$out = array(
			'errors' => $result['errors'],
			'counts' => $result['counts'],
		);
		if ( $result['errors'] ) {
			$wpdb->query( 'ROLLBACK' );
			self::unstage( $names );
			return $out;
		}
		$error = $result['db_error'];
		if ( null === $error && false === $wpdb->query( 'COMMIT' ) ) {
			$error = $wpdb->last_error;
		}
		if ( null === $error && null !== $names ) {
			$error = self::swap( $names );
		}
		if ( null !== $error ) {
			$wpdb->query( 'ROLLBACK' );
			self::unstage( $names );
			return self::refused_by_database( $out['counts'], (string) $error );
		}
		return self::restored( $out, $result['profile'] );
	}

	/**
	 * Empty copies of the tables (CREATE TABLE … LIKE) for a streamed restore to fill: at 1M
	 * activities, filling empty tables, then swapping them in with one RENAME TABLE (atomic) and
	 * dropping the old ones takes a fraction of deleting and re-inserting every row in one
	 * transaction. Taken under the database lock Records::restore_lock(), held until the swap: one
	 * restore at a time, and every write of the plugin is refused meanwhile (it would be lost with
	 * the old tables).
	 *
	 * @return array<string,string>|null|false Table => the copy's name; null when they cannot be made
	 *                                         (no CREATE privilege): the restore then empties and
	 *                                         fills the tables in one transaction; false when another
	 *                                         restore is running.
	 */
	private static function stage() {
		global $wpdb;
		if ( '1' !== (string) $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, 0)', Records::restore_lock() ) ) ) {
			return false;
		}
		$names = array();
		foreach ( self::ORDER as $table ) {
			$names[ $table ] = Schema::table( $table ) . '_restore';
			$suppress        = $wpdb->suppress_errors();
			$ok              = false !== $wpdb->query( 'DROP TABLE IF EXISTS ' . $names[ $table ] ) // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange
				&& false !== $wpdb->query( 'CREATE TABLE ' . $names[ $table ] . ' LIKE ' . Schema::table( $table ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange
			$wpdb->suppress_errors( $suppress );
			if ( ! $ok ) {
				self::unstage( $names );
				return null;
			}
		}
		return $names;
	}

	/**
	 * Drops the copies and releases the lock.
	 *
	 * @param array<string,string>|null $names See stage().
	 */
	private static function unstage( ?array $names ): void {
		global $wpdb;
		if ( null === $names ) {
			return;
		}
		foreach ( $names as $name ) {
			$wpdb->query( 'DROP TABLE IF EXISTS ' . $name ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange
		}
		$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', Records::restore_lock() ) );
	}

	/**
	 * Puts the filled copies in the tables' place in one RENAME TABLE (all of them or none), then drops
	 * the old tables and releases the lock.
	 *
	 * @param array<string,string> $names See stage().
	 * @return string|null The database's error, or null.
	 */
	private static function swap( array $names ): ?string {
		global $wpdb;
		$pairs = array();
		foreach ( $names as $table => $name ) {
			$live    = Schema::table( $table );
			$pairs[] = "{$live} TO {$live}_old, {$name} TO {$live}";
		}
		$was = (int) $wpdb->get_var( 'SELECT @@SESSION.lock_wait_timeout' );
		$wpdb->query( 'SET SESSION lock_wait_timeout = 60' );
		foreach ( array_keys( $names ) as $table ) {
			$wpdb->query( 'DROP TABLE IF EXISTS ' . Schema::table( $table ) . '_old' ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange
		}
		$renamed = $wpdb->query( 'RENAME TABLE ' . implode( ', ', $pairs ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange
		$error   = '' !== $wpdb->last_error ? $wpdb->last_error : 'RENAME TABLE failed';
		if ( $was > 0 ) {
			$wpdb->query( $wpdb->prepare( 'SET SESSION lock_wait_timeout = %d', $was ) ); // The session as it was (a CLI run goes on).
		}
		if ( false === $renamed ) {
			return $error;
		}
		$old = array();
		foreach ( array_keys( $names ) as $table ) {
			$old[ $table ] = Schema::table( $table ) . '_old';
		}
		self::unstage( $old );
		return null;
	}

	/**
	 * Restores a backup file (.json or .json.gz), read as a stream: PHP holds a batch of its rows.
	 *
	 * @param string        $path     The file.
	 * @param callable|null $progress Called with ( $rows_written, $rows_total ) after each batch of rows.
	 * @return array{errors:string[],counts:array<string,int>} No error: restored.
	 */
	public static function restore_file( string $path, ?callable $progress = null ): array {
		$source = Backup_Source::file( $path );
		if ( null === $source ) {
			/* translators: %s: a file path. */
			return array( 'errors' => array( sprintf( __( 'Cannot read %s.', 'dangjian' ), $path ) ), 'counts' => array() );
		}
		$source->close();
		return self::restore(
			static fn() => Backup_Source::file( $path ) ?? Backup_Source::bytes( '' ),
			static fn() => Backup::read( $path ),
			$progress
		);
	}

	/**
	 * Checks a backup file without writing anything, read as a stream.
	 *
	 * @param string $path The file.
	 * @return array See Backup::check() ("rows" is empty: they are not held).
	 */
	public static function check_file( string $path ): array {
		$source = Backup_Source::file( $path );
		if ( null === $source ) {
			/* translators: %s: a file path. */
			return array( 'errors' => array( sprintf( __( 'Cannot read %s.', 'dangjian' ), $path ) ), 'counts' => array(), 'rows' => array(), 'profile' => null );
		}
		$source->close();
		$stream = self::check_stream( static fn() => Backup_Source::file( $path ) ?? Backup_Source::bytes( '' ) );
		if ( null !== $stream ) {
			return $stream;
		}
		$json = Backup::read( $path );
		if ( is_wp_error( $json ) ) {
			return array( 'errors' => array( $json->get_error_message() ), 'counts' => array(), 'rows' => array(), 'profile' => null );
		}
		return Backup::check_whole( $json );
	}

	/**
	 * The streamed check of a backup in the writer's layout, or null when it is not in that layout.
	 *
	 * @param callable $open Opens a Backup_Source over it.
	 * @return array|null See Backup::check() ("rows" is empty).
	 */
	public static function check_stream( callable $open ): ?array {
		if ( ! Engine::available() ) {
			return null;
		}
		$gc = gc_enabled();
		gc_disable();
		try {
			$result = Backup_Stream::run( $open, null );
			unset( $result['db_error'] );
			return $result;
		} catch ( Backup_Layout $e ) {
			return null;
		} finally {
			if ( $gc ) {
				gc_enable();
			}
		}
	}

	/**
	 * Restores a backup read whole: checks it, then replaces every table in one transaction.
	 *
	 * @param callable      $whole    The backup's text (string or WP_Error).
	 * @param callable|null $progress See restore().
	 * @return array See restore().
	 */
	private static function restore_whole( callable $whole, ?callable $progress ): array {
		global $wpdb;
		$json = $whole();
		if ( is_wp_error( $json ) ) {
			return array(
				'errors' => array( $json->get_error_message() ),
				'counts' => array(),
			);
		}
		$check = Backup::check_whole( (string) $json );
		unset( $json );
		$out = array(
			'errors' => $check['errors'],
			'counts' => $check['counts'],
		);
		if ( $check['errors'] ) {
			return $out;
		}
		$bad = Import::non_transactional_tables();
		if ( $bad ) {
			/* translators: %s: table names. */
			$out['errors'][] = sprintf( __( 'The tables %s do not support transactions (they must use InnoDB), so an all-or-nothing restore is impossible.', 'dangjian' ), implode( ', ', $bad ) );
			return $out;
		}
		$wpdb->query( 'START TRANSACTION' );
		$error = self::empty_tables();
		$done  = 0;
		$total = array_sum( array_map( 'count', $check['rows'] ) );
		foreach ( array_reverse( self::ORDER ) as $table ) {
			if ( null !== $error ) {
				break;
			}
			$n = count( $check['rows'][ $table ] );
			for ( $k = 0; $k < $n && null === $error; $k += Import::INSERT_CHUNK ) {
				$chunk = array_slice( $check['rows'][ $table ], $k, Import::INSERT_CHUNK );
				$error = self::insert( $table, $chunk );
				if ( null !== $error ) {
					break;
				}
				$done += count( $chunk );
				if ( null !== $progress ) {
					$progress( $done, $total );
				}
			}
			$check['rows'][ $table ] = array();
		}
		if ( null !== $error || false === $wpdb->query( 'COMMIT' ) ) {
			$wpdb->query( 'ROLLBACK' );
			return self::refused_by_database( $out['counts'], (string) $error );
		}
		return self::restored( $out, $check['profile'] );
	}

	/**
	 * Empties every table (inside the caller's transaction).
	 *
	 * @return string|null The database's error, or null.
	 */
	private static function empty_tables(): ?string {
		global $wpdb;
		foreach ( self::ORDER as $table ) {
			// DELETE, not TRUNCATE: TRUNCATE would commit the transaction at once.
			if ( false === $wpdb->query( 'DELETE FROM ' . Schema::table( $table ) ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
				return $wpdb->last_error;
			}
		}
		return null;
	}

	/**
	 * The result of a restore the database refused (rolled back by the caller).
	 *
	 * @param array  $counts The records of the backup, by table.
	 * @param string $error  The database's message.
	 * @return array See restore().
	 */
	private static function refused_by_database( array $counts, string $error ): array {
		return array(
			/* translators: %s: the database's error message. */
			'errors' => array( sprintf( __( 'The database refused the restore, so nothing was changed: %s', 'dangjian' ), $error ) ),
			'counts' => $counts,
		);
	}

	/**
	 * After a restore was committed: the profile, the data version, the hook.
	 *
	 * @param array      $out     The result.
	 * @param array|null $profile The branch profile of the backup (null: leave the site's).
	 * @return array The result.
	 */
	private static function restored( array $out, ?array $profile ): array {
		if ( null !== $profile ) {
			Profile::save( $profile, false ); // One bump for the rows and the profile, with no write recorded: a rebuild.
		}
		Data_Version::bump();
		Engine::forget();
		/**
		 * Fires after a backup was restored.
		 *
		 * @param array $counts The records restored, by table.
		 */
		do_action( 'dangjian_restored', $out['counts'] );
		return $out;
	}

	/**
	 * Writes rows to a table in multi-row INSERTs of Import::INSERT_CHUNK rows, each value escaped by
	 * the database's client (as $wpdb->prepare( '%s' ) escapes it), sent through $wpdb->query().
	 *
	 * @param string      $table A table of Schema::TABLES.
	 * @param array[]     $rows  The rows.
	 * @param string|null $name  The table to write to (default: the table itself).
	 * @return string|null The database's error, or null.
	 */
	public static function insert( string $table, array $rows, ?string $name = null ): ?string {
		global $wpdb;
		$name = $name ?? Schema::table( $table );
		$fast = $wpdb->dbh instanceof \mysqli && ! empty( $wpdb->use_mysqli );
		foreach ( array_chunk( $rows, Import::INSERT_CHUNK ) as $chunk ) {
			$chunk = Backup::uniform( $chunk );
			if ( ! $fast ) {
				$error = Import::insert_rows( $name, $chunk );
				if ( null !== $error ) {
					return $error;
				}
				continue;
			}
			$columns = array_values( array_intersect( array_keys( $chunk[0] ), Import::table_columns( $name ) ) );
			$values  = array();
			foreach ( $chunk as $row ) {
				$cells = array();
				foreach ( $columns as $c ) {
					$v       = $row[ $c ];
					$cells[] = null === $v ? 'NULL' : ( is_int( $v ) ? (string) $v : ( is_bool( $v ) ? ( $v ? '1' : '0' ) : "'" . mysqli_real_escape_string( $wpdb->dbh, (string) $v ) . "'" ) );
				}
				$values[] = '(' . implode( ',', $cells ) . ')';
			}
			$sql = 'INSERT INTO ' . $name . ' (' . implode( ',', $columns ) . ') VALUES ' . implode( ',', $values );
			if ( false === $wpdb->query( $sql ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Each value is escaped above.
				return '' !== $wpdb->last_error ? $wpdb->last_error : 'INSERT failed';
			}
		}
		return null;
	}
}

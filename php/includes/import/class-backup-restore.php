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
	 * Restores a backup.
	 *
	 * @param callable      $open     Opens a Backup_Source over the backup.
	 * @param callable      $whole    The backup's text (string or WP_Error), for any other layout.
	 * @param callable|null $progress Called with ( $rows_written, $rows_total ) after each batch of rows.
	 * @return array{errors:string[],counts:array<string,int>} No error: restored.
	 */
	public static function restore( callable $open, callable $whole, ?callable $progress ): array {
		global $wpdb;
		if ( ! Engine::available() || Import::non_transactional_tables() ) {
			return self::restore_whole( $whole, $progress );
		}
		$gc = gc_enabled();
		gc_disable();
		$wpdb->query( 'START TRANSACTION' );
		try {
			$error = self::empty_tables();
			if ( null !== $error ) {
				$wpdb->query( 'ROLLBACK' );
				return self::refused_by_database( array(), $error );
			}
			$done   = 0;
			$total  = 0;
			$result = Backup_Stream::run(
				$open,
				static function ( string $table, array $rows ) use ( &$done, &$total, $progress ): ?string {
					$error = self::insert( $table, $rows );
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
			return self::restore_whole( $whole, $progress );
		} catch ( \Throwable $e ) {
			$wpdb->query( 'ROLLBACK' );
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
			return $out;
		}
		if ( null !== $result['db_error'] || false === $wpdb->query( 'COMMIT' ) ) {
			$wpdb->query( 'ROLLBACK' );
			return self::refused_by_database( $out['counts'], (string) ( $result['db_error'] ?? $wpdb->last_error ) );
		}
		return self::restored( $out, $result['profile'] );
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
			Profile::save( $profile );
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
	 * @param string  $table A table of Schema::TABLES.
	 * @param array[] $rows  The rows.
	 * @return string|null The database's error, or null.
	 */
	public static function insert( string $table, array $rows ): ?string {
		global $wpdb;
		$name = Schema::table( $table );
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

<?php
/**
 * Where the engine's datasets are kept between requests: Dangjian\Cache, the snapshot files and the rebuild lock.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The kept datasets of the site, by data version:
 *  - in Dangjian\Cache (the extension's: across the requests of one PHP worker), under the key
 *    "dangjian:<site key>:<blog id>:<data version>";
 *  - in snapshot files (Dataset::save / Dataset::load) under uploads/dangjian-cache/, named by a secret
 *    key of the site, the engine's version and the data version; a damaged one is deleted;
 *  - and the rebuild from the tables, done by one process at a time per site (flock on
 *    uploads/dangjian-cache/rebuild-<site key>.lock): the others wait for it, or, when the caller
 *    accepts it, serve the newest older dataset at hand, marked stale. A killed rebuild releases the
 *    lock with its process and leaves the previous snapshot in place (snapshots are written
 *    atomically, older ones removed only after).
 * Engine (the facade) is the only caller from outside the engine room.
 */
final class Engine_Store {

	/**
	 * A random key of the site that makes the snapshot file names unguessable.
	 */
	public static function cache_key(): string {
		$key = get_option( Engine::KEY_OPTION );
		if ( ! is_string( $key ) || ! preg_match( '/^[a-f0-9]{32}$/', $key ) ) {
			$key = bin2hex( random_bytes( 16 ) );
			update_option( Engine::KEY_OPTION, $key, false );
		}
		return $key;
	}

	/**
	 * The key of a data version in Dangjian\Cache.
	 *
	 * @param int $version The data version.
	 */
	public static function cache_key_of( int $version ): string {
		return 'dangjian:' . self::cache_key() . ':' . get_current_blog_id() . ':' . $version;
	}

	/**
	 * Whether Dangjian\Cache can be used (the extension's, or the twin's for the request).
	 */
	public static function cache_on(): bool {
		return class_exists( '\\Dangjian\\Cache' ) && Cache::enabled();
	}

	/**
	 * The kept dataset of a version, or null.
	 *
	 * @param int $version The data version.
	 */
	public static function kept( int $version ): ?Dataset {
		return self::cache_on() ? Cache::get( self::cache_key_of( $version ) ) : null;
	}

	/**
	 * Keeps a dataset in Dangjian\Cache under its version; drops this site's older ones.
	 *
	 * @param Dataset $dataset The dataset.
	 * @param int     $version Its data version.
	 */
	public static function keep( Dataset $dataset, int $version ): void {
		if ( ! self::cache_on() ) {
			return;
		}
		try {
			Cache::put( self::cache_key_of( $version ), $dataset );
		} catch ( \Throwable $e ) {
			return; // Out of memory, or a ZTS build: only speed is lost.
		}
		foreach ( self::kept_versions() as $old ) {
			if ( $old < $version ) {
				Cache::delete( self::cache_key_of( $old ) );
			}
		}
	}

	/**
	 * The data versions of this site kept in Dangjian\Cache, newest first.
	 *
	 * @return int[]
	 */
	public static function kept_versions(): array {
		if ( ! self::cache_on() ) {
			return array();
		}
		$prefix   = 'dangjian:' . self::cache_key() . ':' . get_current_blog_id() . ':';
		$versions = array();
		foreach ( array_keys( Cache::info()['entries'] ) as $key ) {
			$key = (string) $key;
			if ( str_starts_with( $key, $prefix ) && ctype_digit( substr( $key, strlen( $prefix ) ) ) ) {
				$versions[] = (int) substr( $key, strlen( $prefix ) );
			}
		}
		rsort( $versions );
		return $versions;
	}

	/**
	 * The snapshot file of a data version, or null when uploads cannot be written.
	 *
	 * @param int $version The data version.
	 */
	public static function snapshot_path( int $version ): ?string {
		$dir = self::cache_dir();
		if ( null === $dir ) {
			return null;
		}
		$engine = defined( '\\Dangjian\\VERSION' ) ? \Dangjian\VERSION : '0';
		return $dir . '/dataset-' . self::cache_key() . '-' . sanitize_file_name( $engine ) . '-' . $version . '.snap';
	}

	/**
	 * The folder of this site's snapshot files (created with an index.php and a deny-all .htaccess),
	 * or null when it cannot be created.
	 */
	public static function cache_dir(): ?string {
		return Uploads::private_dir( Engine::CACHE_DIR );
	}

	/**
	 * The snapshot of $version, or of an older version plus the cheap writes since (then saved as
	 * the snapshot of $version when the chain got long); null when there is none or it is damaged
	 * (a damaged file is deleted).
	 *
	 * @param int $version The data version.
	 */
	public static function load_snapshot( int $version ): ?Dataset {
		$path = self::snapshot_path( $version );
		if ( null === $path ) {
			return null;
		}
		$dataset = self::load_file( $path );
		if ( null !== $dataset ) {
			Engine::mark( 'snapshot' );
			self::keep( $dataset, $version );
			return $dataset;
		}
		// An older snapshot and the writes since.
		foreach ( self::snapshot_versions() as $v ) {
			if ( $v >= $version ) {
				continue;
			}
			if ( $version - $v > Engine::DELTA_MAX ) {
				break;
			}
			$deltas = Engine_Deltas::between( $v, $version );
			if ( null === $deltas ) {
				break;
			}
			$dataset = self::load_file( (string) self::snapshot_path( $v ) );
			if ( null === $dataset ) {
				break;
			}
			try {
				Engine_Deltas::apply( $dataset, $deltas );
			} catch ( \Throwable $e ) {
				break;
			}
			Engine::mark( 'delta' );
			if ( count( $deltas ) >= Engine::DELTA_MAX / 2 && Data_Version::get() === $version ) {
				self::save_snapshot( $dataset, $path, $version );
			}
			self::keep( $dataset, $version );
			return $dataset;
		}
		return null;
	}

	/**
	 * Loads a snapshot file; null when it is missing, and null (after deleting it) when damaged.
	 *
	 * @param string $path The file.
	 */
	private static function load_file( string $path ): ?Dataset {
		if ( ! is_file( $path ) ) {
			return null;
		}
		try {
			return Dataset::load( $path );
		} catch ( CorruptSnapshot $e ) {
			@unlink( $path ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Another process may have removed it.
			return null;
		} catch ( \Throwable $e ) {
			return null; // Unreadable: rebuild it.
		}
	}

	/**
	 * The data versions of this site's snapshot files (of this engine version), newest first.
	 *
	 * @return int[]
	 */
	private static function snapshot_versions(): array {
		$path = self::snapshot_path( 0 );
		if ( null === $path ) {
			return array();
		}
		$prefix   = substr( basename( $path ), 0, -strlen( '0.snap' ) );
		$versions = array();
		foreach ( (array) glob( dirname( $path ) . '/dataset-*.snap' ) as $file ) {
			$name = basename( (string) $file );
			if ( str_starts_with( $name, $prefix ) && ctype_digit( substr( $name, strlen( $prefix ), -5 ) ) ) {
				$versions[] = (int) substr( $name, strlen( $prefix ), -5 );
			}
		}
		rsort( $versions );
		return $versions;
	}

	/**
	 * Saves the snapshot of a version and removes the site's older ones and the cheap writes it
	 * contains. Failure only costs speed.
	 *
	 * @param Dataset $dataset The dataset.
	 * @param string  $path    Its file.
	 * @param int     $version Its data version.
	 */
	private static function save_snapshot( Dataset $dataset, string $path, int $version ): void {
		global $wpdb;
		try {
			$dataset->save( $path );
		} catch ( \Throwable $e ) {
			return;
		}
		foreach ( (array) glob( dirname( $path ) . '/dataset-*.snap' ) as $old ) {
			if ( $old !== $path ) {
				@unlink( $old ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Another request may have removed it.
			}
		}
		$wpdb->query(
			$wpdb->prepare(
				"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s AND CAST(SUBSTRING(option_name, %d) AS UNSIGNED) <= %d",
				$wpdb->esc_like( Engine::DELTA_PREFIX ) . '%',
				strlen( Engine::DELTA_PREFIX ) + 1,
				$version
			)
		);
	}

	/**
	 * Rebuilds the dataset of $version from the tables, one process at a time per site (self::lock():
	 * a file lock, or the database's when uploads cannot be written). A process that
	 * finds the lock taken serves the newest older dataset when $allow_stale (marked stale), else waits
	 * and then takes the snapshot the other one wrote (or rebuilds itself).
	 *
	 * @param int  $version     The data version.
	 * @param bool $allow_stale Whether an older dataset may be served.
	 * @throws \RuntimeException When the database fails.
	 */
	public static function rebuild( int $version, bool $allow_stale ): Dataset {
		$lock = self::lock( false );
		if ( false === $lock ) {
			if ( $allow_stale ) {
				$old = self::newest_older( $version );
				if ( null !== $old ) {
					Engine::mark( 'stale', true );
					return $old;
				}
			}
			$lock = self::lock( true ); // Wait for the other process's rebuild.
		}
		try {
			// The process that held the lock may have just made it.
			$dataset = self::kept( $version ) ?? self::load_snapshot( $version );
			if ( null !== $dataset ) {
				return $dataset;
			}
			$dataset = Engine_Build::build();
			Engine::mark( 'rebuild' );
			if ( Engine_Build::skipped_rows() || false !== get_option( Engine::SKIPPED_OPTION ) ) {
				update_option(
					Engine::SKIPPED_OPTION,
					array(
						'version' => $version,
						'rows'    => Engine_Build::skipped_rows(),
					),
					false
				);
			}
			if ( Data_Version::get() === $version ) {
				$path = self::snapshot_path( $version );
				if ( null !== $path ) {
					self::save_snapshot( $dataset, $path, $version );
				}
				self::keep( $dataset, $version );
			}
			return $dataset;
		} finally {
			self::unlock( $lock );
		}
	}

	/**
	 * The name of the site's rebuild lock in the database (GET_LOCK; at most 64 characters).
	 */
	public static function lock_name(): string {
		return 'dangjian-rebuild-' . self::cache_key();
	}

	/**
	 * Takes the site's rebuild lock: flock on uploads/dangjian-cache/rebuild-<site key>.lock, or, when
	 * the uploads folder cannot be written, the database's named lock (GET_LOCK, held by this
	 * request's connection). Either goes with the process that holds it, should it be killed.
	 *
	 * @param bool $wait Whether to wait for a process that holds it.
	 * @return array|false|null The lock (for self::unlock()); false when another process holds it
	 *                          and $wait is false; null when no lock can be had at all (the rebuild
	 *                          then goes ahead without one).
	 */
	private static function lock( bool $wait ) {
		global $wpdb;
		$fp = self::lock_open();
		if ( null !== $fp ) {
			if ( flock( $fp, $wait ? LOCK_EX : LOCK_EX | LOCK_NB ) ) {
				return array( 'file', $fp );
			}
			fclose( $fp );
			return $wait ? null : false;
		}
		$name = self::lock_name();
		do {
			// A wait of at most a minute at a time, so that a long rebuild does not trip the timeout.
			$got = $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, %d)', $name, $wait ? 60 : 0 ) );
		} while ( $wait && '0' === $got );
		if ( '1' === $got ) {
			return array( 'db', $name );
		}
		return '0' === $got ? false : null; // NULL: the database could not lock; go ahead without.
	}

	/**
	 * Releases a lock of self::lock().
	 *
	 * @param array|false|null $lock The lock.
	 */
	private static function unlock( $lock ): void {
		global $wpdb;
		if ( ! is_array( $lock ) ) {
			return;
		}
		if ( 'file' === $lock[0] ) {
			flock( $lock[1], LOCK_UN );
			fclose( $lock[1] );
			return;
		}
		$wpdb->get_var( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', $lock[1] ) );
	}

	/**
	 * The site's rebuild lock file, opened (not locked), or null when there is no cache folder.
	 *
	 * @return resource|null
	 */
	private static function lock_open() {
		$dir = self::cache_dir();
		if ( null === $dir ) {
			return null;
		}
		$fp = fopen( $dir . '/rebuild-' . self::cache_key() . '.lock', 'c' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fopen
		return false === $fp ? null : $fp;
	}

	/**
	 * The newest dataset of an older version at hand (kept, else the newest older snapshot), or null.
	 *
	 * @param int $version The current data version.
	 */
	private static function newest_older( int $version ): ?Dataset {
		foreach ( self::kept_versions() as $v ) {
			if ( $v < $version ) {
				$d = Cache::get( self::cache_key_of( $v ) );
				if ( null !== $d ) {
					return $d;
				}
			}
		}
		foreach ( self::snapshot_versions() as $v ) {
			if ( $v < $version ) {
				$d = self::load_file( (string) self::snapshot_path( $v ) );
				if ( null !== $d ) {
					return $d;
				}
			}
		}
		return null;
	}
}

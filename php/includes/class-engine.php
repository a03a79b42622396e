<?php
/**
 * The bridge between the plugin's tables and the engine (the dangjian extension or php/fallback/).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

if ( ! class_exists( '\\Dangjian\\Dataset', false ) && is_readable( dirname( __DIR__ ) . '/fallback/load.php' ) ) {
	require_once dirname( __DIR__ ) . '/fallback/load.php';
}

/**
 * Builds a Dangjian\Dataset from the tables and keeps it by data version:
 *  - in a static for the rest of the request;
 *  - in a snapshot file (Dataset::save / Dataset::load) under uploads/dangjian-cache/, named by a
 *    secret key of the site, the engine's version and the data version, so the next request loads
 *    it instead of reading the tables;
 * and computes figures through it, caching each result in the object cache (group "dangjian") by data
 * version and query. The tables are read in batches of BATCH rows with keyset pagination
 * (WHERE id > %d ORDER BY id LIMIT %d), so PHP holds at most one batch of rows at a time.
 */
final class Engine {

	const BATCH       = 5000;
	const CACHE_GROUP = 'dangjian';
	const KEY_OPTION  = 'dangjian_cache_key';
	const CACHE_DIR   = 'dangjian-cache';

	const SKIPPED_OPTION = 'dangjian_skipped_rows';

	/** @var Dataset|null The dataset of self::$version, kept for the request. */
	private static $dataset = null;

	/** @var int|null */
	private static $version = null;

	/** @var string[] Rows skipped by the last build in this request: "people 12: people[0].admitted_on: …". */
	private static $skipped = array();

	/**
	 * Whether an engine is loaded (the extension, or the pure-PHP twin).
	 */
	public static function available(): bool {
		return class_exists( '\\Dangjian\\Dataset' );
	}

	/**
	 * "extension", "fallback" or "none".
	 */
	public static function implementation(): string {
		if ( extension_loaded( 'dangjian' ) ) {
			return 'extension';
		}
		return self::available() ? 'fallback' : 'none';
	}

	/**
	 * The rows the build of the current data version had to leave out, each
	 * "<table> <id>: <engine message>" (at most 50). Kept in the option dangjian_skipped_rows, written
	 * only when a build skips something or an earlier one did.
	 *
	 * @return string[]
	 */
	public static function skipped(): array {
		$stored = get_option( self::SKIPPED_OPTION );
		if ( ! is_array( $stored ) || ( $stored['version'] ?? 0 ) !== Data_Version::get() ) {
			return array();
		}
		return (array) $stored['rows'];
	}

	/**
	 * The dataset of the current data version: from this request's static, else from the snapshot
	 * file, else built from the tables (and then saved as the snapshot).
	 *
	 * @throws \RuntimeException When no engine is loaded or the database fails.
	 */
	public static function dataset(): Dataset {
		if ( ! self::available() ) {
			throw new \RuntimeException( __( 'The Dangjian engine is not available: neither the dangjian extension nor php/fallback/ is loaded.', 'dangjian' ) );
		}
		$version = Data_Version::get();
		if ( null !== self::$dataset && self::$version === $version ) {
			return self::$dataset;
		}
		self::$dataset = null; // Let the old one go before the new one is built.
		self::$version = null;

		$path    = self::snapshot_path( $version );
		$dataset = null;
		if ( null !== $path && is_file( $path ) ) {
			try {
				$dataset = Dataset::load( $path );
			} catch ( \Throwable $e ) {
				$dataset = null; // A damaged or foreign file: rebuild it.
			}
		}
		if ( null === $dataset ) {
			$dataset = self::build();
			if ( self::$skipped || false !== get_option( self::SKIPPED_OPTION ) ) {
				update_option(
					self::SKIPPED_OPTION,
					array(
						'version' => $version,
						'rows'    => self::$skipped,
					),
					false
				);
			}
			if ( null !== $path && Data_Version::get() === $version ) {
				self::save_snapshot( $dataset, $path );
			}
		}
		self::$dataset = $dataset;
		self::$version = $version;
		return $dataset;
	}

	/**
	 * Forgets the dataset kept for this request (the snapshot files stay).
	 */
	public static function forget(): void {
		self::$dataset = null;
		self::$version = null;
	}

	/**
	 * Builds a new dataset from the current site's tables, batch by batch.
	 *
	 * A row the engine rejects (bad data written around the plugin) is left out and listed by
	 * self::skipped(); the rest of its batch is kept.
	 *
	 * @throws \RuntimeException When a query fails.
	 */
	public static function build(): Dataset {
		global $wpdb;
		self::$skipped = array();
		$dataset       = new Dataset();
		/**
		 * Filters how many rows the build reads per query (default 5,000): the most rows PHP holds at once.
		 *
		 * @param int $batch Rows per batch.
		 */
		$batch = max( 1, (int) apply_filters( 'dangjian_build_batch', self::BATCH ) );

		$people = Schema::table( 'people' );
		$last   = 0;
		do {
			$rows = self::query(
				$wpdb->prepare(
					"SELECT id, is_staff, applied_on, activist_on, candidate_on, admitted_on, full_on, joined_on, left_on, left_reason FROM {$people} WHERE id > %d ORDER BY id LIMIT %d",
					$last,
					$batch
				)
			);
			if ( ! $rows ) {
				break;
			}
			$last = (int) $rows[ count( $rows ) - 1 ]['id'];
			$n    = count( $rows );
			self::add( $dataset, 'addPeople', 'people', $rows );
			$rows = null;
		} while ( $batch === $n );

		$activities   = Schema::table( 'activities' );
		$participants = Schema::table( 'participants' );
		$last         = 0;
		do {
			$rows = self::query(
				$wpdb->prepare(
					"SELECT id, activity_date AS date, category, kind, hours, fee_waived, donation, beneficiaries, venue_kind, venue FROM {$activities} WHERE id > %d ORDER BY id LIMIT %d",
					$last,
					$batch
				)
			);
			if ( ! $rows ) {
				break;
			}
			$first = (int) $rows[0]['id'];
			$last  = (int) $rows[ count( $rows ) - 1 ]['id'];
			$n     = count( $rows );

			$index = array();
			foreach ( $rows as $i => $row ) {
				$rows[ $i ]['participants'] = array();
				$index[ (int) $row['id'] ]   = $i;
			}
			$links = self::query(
				$wpdb->prepare(
					"SELECT activity_id, person_id, hours FROM {$participants} WHERE activity_id >= %d AND activity_id <= %d ORDER BY activity_id, id",
					$first,
					$last
				)
			);
			foreach ( $links as $link ) {
				$i = $index[ (int) $link['activity_id'] ] ?? null;
				if ( null === $i ) {
					continue; // A participant of a deleted activity.
				}
				$rows[ $i ]['participants'][] = null === $link['hours']
					? (int) $link['person_id']
					: array(
						'id'    => (int) $link['person_id'],
						'hours' => $link['hours'],
					);
			}
			$links = null;
			$index = null;
			self::add( $dataset, 'addActivities', 'activities', $rows );
			$rows = null;
		} while ( $batch === $n );

		$headcount = Schema::table( 'headcount' );
		$points    = self::query( "SELECT point_date AS date, staff_count AS count FROM {$headcount} ORDER BY point_date" );
		if ( $points ) {
			try {
				$dataset->setHeadcount( $points );
			} catch ( Exception $e ) {
				self::note_skip( 'headcount', 0, $e );
			}
		}
		return $dataset;
	}

	/**
	 * The figures for an engine query (STATS.md), cached by data version and query.
	 *
	 * @param array $query The engine's query: from, to, as_of, top, due_within, meeting_rules.
	 * @return array The engine's result.
	 * @throws \ValueError On a bad query value (the engine's message names the key).
	 * @throws \RuntimeException When no engine is loaded or the database fails.
	 */
	public static function stats( array $query ): array {
		$version = Data_Version::get();
		// The site's cache key is part of the name: a reinstall (new key) never meets old entries.
		$key = 'stats-' . self::cache_key() . '-' . $version . '-' . md5( (string) wp_json_encode( $query ) );
		$found   = false;
		$cached  = wp_cache_get( $key, self::CACHE_GROUP, false, $found );
		if ( $found && is_array( $cached ) ) {
			return $cached;
		}
		$result = self::dataset()->stats( $query );
		wp_cache_set( $key, $result, self::CACHE_GROUP, DAY_IN_SECONDS );
		return $result;
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
		$uploads = wp_upload_dir( null, false );
		if ( ! empty( $uploads['error'] ) || empty( $uploads['basedir'] ) ) {
			return null;
		}
		$dir = $uploads['basedir'] . '/' . self::CACHE_DIR;
		if ( ! is_dir( $dir ) ) {
			if ( ! wp_mkdir_p( $dir ) ) {
				return null;
			}
			file_put_contents( $dir . '/index.php', "<?php\n// Silence is golden.\n" );
			file_put_contents( $dir . '/.htaccess', "Require all denied\nDeny from all\n" );
		}
		return is_writable( $dir ) ? $dir : null;
	}

	/**
	 * A random key of the site that makes the snapshot file names unguessable.
	 */
	private static function cache_key(): string {
		$key = get_option( self::KEY_OPTION );
		if ( ! is_string( $key ) || ! preg_match( '/^[a-f0-9]{32}$/', $key ) ) {
			$key = bin2hex( random_bytes( 16 ) );
			update_option( self::KEY_OPTION, $key, false );
		}
		return $key;
	}

	/**
	 * Saves the snapshot of a version and removes the site's older ones. Failure only costs speed.
	 *
	 * @param Dataset $dataset The dataset.
	 * @param string  $path    Its file.
	 */
	private static function save_snapshot( Dataset $dataset, string $path ): void {
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
	}

	/**
	 * Runs a prepared SELECT and returns its rows as arrays.
	 *
	 * @param string $sql A prepared statement.
	 * @return array[]
	 * @throws \RuntimeException When the database reports an error.
	 */
	private static function query( string $sql ): array {
		global $wpdb;
		$rows  = $wpdb->get_results( $sql, ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Prepared by the caller.
		$error = $wpdb->last_error;
		$wpdb->flush();
		if ( '' !== $error ) {
			throw new \RuntimeException( 'Dangjian: ' . $error );
		}
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * Adds a batch; when the engine rejects it, adds its rows one by one and skips the bad ones.
	 *
	 * @param Dataset $dataset The dataset being built.
	 * @param string  $method  "addPeople" or "addActivities".
	 * @param string  $table   "people" or "activities".
	 * @param array[] $rows    The batch.
	 */
	private static function add( Dataset $dataset, string $method, string $table, array $rows ): void {
		try {
			$dataset->$method( $rows );
			return;
		} catch ( InvalidRecord $e ) {
			unset( $e );
		}
		foreach ( $rows as $row ) {
			try {
				$dataset->$method( array( $row ) );
			} catch ( InvalidRecord $e ) {
				self::note_skip( $table, (int) $row['id'], $e );
			}
		}
	}

	/**
	 * Records a skipped row.
	 *
	 * @param string     $table The table.
	 * @param int        $id    The row's id (0 for the headcount as a whole).
	 * @param \Throwable $e     The engine's exception.
	 */
	private static function note_skip( string $table, int $id, \Throwable $e ): void {
		if ( count( self::$skipped ) < 50 ) {
			self::$skipped[] = $table . ' ' . $id . ': ' . $e->getMessage();
		}
	}
}

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
 * Builds a Dangjian\Dataset from the tables and keeps it by data version, looked up in this order:
 *  1. a static, for the rest of the request;
 *  2. the extension's Dangjian\Cache: datasets kept across requests by this PHP worker, under the key
 *     "dangjian:<site key>:<blog id>:<data version>" (the twin's Cache lasts one request only);
 *  3. a kept dataset of an older version plus the recorded cheap writes since (self::note_write():
 *     people or activities inserted, edited or deleted are removed by id from a copy and/or read by
 *     id and appended to it, no full rebuild);
 *  4. the snapshot file (Dataset::save / Dataset::load) under uploads/dangjian-cache/, named by a
 *     secret key of the site, the engine's version and the data version (or an older snapshot plus
 *     the cheap writes since); a damaged one is deleted and rebuilt;
 *  5. a rebuild from the tables, done by one process at a time per site (flock on
 *     uploads/dangjian-cache/rebuild-<site key>.lock): the others wait for it, or, when the caller
 *     accepts it (the public showcase), serve the newest older dataset at hand, marked stale
 *     (self::stale()). A killed rebuild releases the lock with its process and leaves the previous
 *     snapshot in place (snapshots are written atomically, older ones removed only after).
 * Figures are computed through it and cached in the object cache (group "dangjian") by data version
 * and query. The tables are read in batches of BATCH rows with keyset pagination
 * (WHERE id > %d ORDER BY id LIMIT %d), so PHP holds at most one batch of rows at a time.
 */
final class Engine {

	const BATCH       = 5000;
	const CACHE_GROUP = 'dangjian';
	const KEY_OPTION  = 'dangjian_cache_key';
	const CACHE_DIR   = 'dangjian-cache';

	const SKIPPED_OPTION = 'dangjian_skipped_rows';

	/** Prefix of the options that record one cheap write each: dangjian_delta_<data version>. */
	const DELTA_PREFIX = 'dangjian_delta_';

	/** The most cheap writes applied on top of a snapshot before a new snapshot is written. */
	const DELTA_MAX = 64;

	/** The columns of a people row as the engine takes it. */
	const PEOPLE_COLUMNS = 'id, is_staff, applied_on, activist_on, candidate_on, admitted_on, full_on, joined_on, left_on, left_reason';

	/** The columns of an activity row as the engine takes it (participants apart). */
	const ACTIVITY_COLUMNS = 'id, activity_date AS date, category, kind, hours, fee_waived, donation, beneficiaries, venue_kind, venue';

	/** @var bool Whether the dataset last returned by dataset() is of an older data version. */
	private static $stale = false;

	/** @var array|null A write noted by note_write(), recorded at the next data version bump. */
	private static $pending = null;

	/** @var string How the last dataset() call got its dataset (request, kept, delta, snapshot, rebuild, stale). */
	private static $source = '';

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
	 * The dataset of the current data version (see the class comment for where it comes from).
	 *
	 * @param bool $allow_stale Whether a dataset of an older version may be returned while another
	 *                          process rebuilds the current one (public pages only; self::stale()
	 *                          then says so). Admin pages leave it false and wait.
	 * @throws \RuntimeException When no engine is loaded or the database fails.
	 */
	public static function dataset( bool $allow_stale = false ): Dataset {
		if ( ! self::available() ) {
			throw new \RuntimeException( __( 'The Dangjian engine is not available: neither the dangjian extension nor php/fallback/ is loaded.', 'dangjian' ) );
		}
		$version = Data_Version::get();
		if ( null !== self::$dataset && self::$version === $version ) {
			self::$source = 'request';
			return self::$dataset;
		}
		$previous      = self::$dataset;
		$prev_version  = self::$version;
		self::$dataset = null; // Let the old one go before the new one is built.
		self::$version = null;
		self::$stale   = false;

		$dataset = self::kept( $version );
		if ( null !== $dataset ) {
			self::$source = 'kept';
		}
		if ( null === $dataset ) {
			$dataset = self::from_deltas( $version, $previous, $prev_version );
		}
		$previous = null;
		if ( null === $dataset ) {
			$dataset = self::load_snapshot( $version );
		}
		if ( null === $dataset ) {
			$dataset = self::rebuild( $version, $allow_stale );
			if ( self::$stale ) {
				return $dataset; // Not kept as the current version's dataset.
			}
		}
		self::$dataset = $dataset;
		self::$version = $version;
		return $dataset;
	}

	/**
	 * Whether the dataset last returned by dataset() is of an older data version (served while another
	 * process rebuilds the current one; only when the caller allowed it).
	 */
	public static function stale(): bool {
		return self::$stale;
	}

	/**
	 * How the last dataset() call got its dataset: "request", "kept", "delta", "snapshot", "rebuild" or
	 * "stale" (for tests and the admin's diagnostics).
	 */
	public static function source(): string {
		return self::$source;
	}

	/**
	 * Records a write of the plugin's write path so that the kept datasets can follow it cheaply. Call
	 * it after the write and before Data_Version::bump(): the bump's dangjian_data_changed action
	 * stores it as the delta of the new version. The next reader then applies it to a copy of the kept
	 * dataset: an insert appends the rows, a delete removes them (Dataset::removePeople/Activities), an
	 * update removes and appends them again (a person's activities too, which hold their
	 * participations). Any other write (another table, or a bump without a note) makes the next reader
	 * rebuild from the tables, and so does a delta the engine refuses.
	 *
	 * @param string $entity "people" or "activities" (other tables: a rebuild).
	 * @param string $op     "insert", "update" or "delete".
	 * @param int[]  $ids    The records written.
	 */
	public static function note_write( string $entity, string $op, array $ids ): void {
		self::$pending = array(
			'entity' => $entity,
			'op'     => $op,
			'ids'    => array_values( array_map( 'intval', $ids ) ),
		);
	}

	/**
	 * The dangjian_data_changed action: stores the noted write (if any) as the delta of the new version.
	 *
	 * @param int $version The new data version.
	 */
	public static function on_data_changed( $version ): void {
		$pending       = self::$pending;
		self::$pending = null;
		if ( null === $pending ) {
			return;
		}
		add_option( self::DELTA_PREFIX . (int) $version, $pending, '', false );
	}

	/**
	 * The key of a data version in Dangjian\Cache.
	 *
	 * @param int $version The data version.
	 */
	private static function cache_key_of( int $version ): string {
		return 'dangjian:' . self::cache_key() . ':' . get_current_blog_id() . ':' . $version;
	}

	/**
	 * Whether Dangjian\Cache can be used (the extension's, or the twin's for the request).
	 */
	private static function cache_on(): bool {
		return class_exists( '\\Dangjian\\Cache' ) && Cache::enabled();
	}

	/**
	 * The kept dataset of a version, or null.
	 *
	 * @param int $version The data version.
	 */
	private static function kept( int $version ): ?Dataset {
		return self::cache_on() ? Cache::get( self::cache_key_of( $version ) ) : null;
	}

	/**
	 * Keeps a dataset in Dangjian\Cache under its version; drops this site's older ones.
	 *
	 * @param Dataset $dataset The dataset.
	 * @param int     $version Its data version.
	 */
	private static function keep( Dataset $dataset, int $version ): void {
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
	private static function kept_versions(): array {
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
	 * The dataset of $version made from an older one (the request's previous one, else the newest kept
	 * one, else the newest older snapshot) and the cheap writes recorded since; null when a write in
	 * between was not to people or activities, or was not recorded.
	 *
	 * @param int          $version      The data version wanted.
	 * @param Dataset|null $previous     This request's dataset of an older version, if any.
	 * @param int|null     $prev_version Its version.
	 */
	private static function from_deltas( int $version, ?Dataset $previous, ?int $prev_version ): ?Dataset {
		$base         = null;
		$base_version = 0;
		if ( null !== $previous && null !== $prev_version && $prev_version < $version ) {
			$base         = $previous;
			$base_version = $prev_version;
		} else {
			foreach ( self::kept_versions() as $v ) {
				if ( $v < $version ) {
					$base         = Cache::get( self::cache_key_of( $v ) );
					$base_version = $v;
					break;
				}
			}
		}
		if ( null === $base || $version - $base_version > self::DELTA_MAX ) {
			return null;
		}
		$deltas = self::deltas( $base_version, $version );
		if ( null === $deltas ) {
			return null;
		}
		// The base version is out of date from now on: taken out of the cache, the dataset has no
		// other holder and the writes change it in place instead of copying it first (~30 ms at 1M
		// activities). A request that fails below rebuilds, as it would anyway.
		if ( self::cache_on() ) {
			Cache::delete( self::cache_key_of( $base_version ) );
		}
		try {
			self::apply_deltas( $base, $deltas );
		} catch ( \Throwable $e ) {
			return null; // A row the engine refuses, or the database failed: rebuild.
		}
		self::$source = 'delta';
		self::keep( $base, $version );
		return $base;
	}

	/**
	 * The recorded writes that lead from version $from to $to, or null when one is missing or is not
	 * an insert, update or delete of people or activities.
	 *
	 * @param int $from The base version.
	 * @param int $to   The wanted version.
	 * @return array[]|null
	 */
	private static function deltas( int $from, int $to ): ?array {
		global $wpdb;
		if ( $to <= $from ) {
			return null;
		}
		$names = array();
		for ( $v = $from + 1; $v <= $to; $v++ ) {
			$names[] = "'" . self::DELTA_PREFIX . $v . "'";
		}
		$rows  = $wpdb->get_results( "SELECT option_name, option_value FROM {$wpdb->options} WHERE option_name IN (" . implode( ',', $names ) . ')', ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Names built from integers.
		$found = array();
		foreach ( (array) $rows as $row ) {
			$found[ (int) substr( $row['option_name'], strlen( self::DELTA_PREFIX ) ) ] = maybe_unserialize( $row['option_value'] );
		}
		$deltas = array();
		for ( $v = $from + 1; $v <= $to; $v++ ) {
			$d = $found[ $v ] ?? null;
			if ( ! is_array( $d ) || ! in_array( $d['op'] ?? '', array( 'insert', 'update', 'delete' ), true ) || ! in_array( $d['entity'] ?? '', array( 'people', 'activities' ), true ) || empty( $d['ids'] ) ) {
				return null;
			}
			$deltas[] = $d;
		}
		return $deltas;
	}

	/**
	 * Applies the recorded writes to $dataset (copying it first if it is kept: the extension copies
	 * on write): an insert appends the rows read by id, a delete removes them, an update removes them
	 * and appends them as they are now. A person's participations live in activities, so an updated
	 * person's activities go out before and come back after them.
	 *
	 * @param Dataset $dataset The dataset (left half-changed on failure: the caller drops it).
	 * @param array[] $deltas  From self::deltas().
	 * @throws InvalidRecord|\RuntimeException When a row is refused, an id is not in the dataset, or a
	 *                                         query fails.
	 */
	private static function apply_deltas( Dataset $dataset, array $deltas ): void {
		foreach ( $deltas as $d ) {
			$ids = array_values( array_map( 'intval', $d['ids'] ) );
			$op  = $d['op'];
			if ( 'people' === $d['entity'] ) {
				$acts = array();
				if ( 'update' === $op ) {
					$in   = implode( ',', $ids );
					$acts = array_map( 'intval', array_column( self::query( 'SELECT DISTINCT activity_id FROM ' . Schema::table( 'participants' ) . " WHERE person_id IN ($in) ORDER BY activity_id" ), 'activity_id' ) );
					if ( $acts ) {
						$dataset->removeActivities( $acts );
					}
				}
				if ( 'insert' !== $op ) {
					$dataset->removePeople( $ids );
				}
				if ( 'delete' !== $op ) {
					self::add_people_by_id( $dataset, $ids );
				}
				if ( $acts ) {
					self::add_activities_by_id( $dataset, $acts );
				}
			} else {
				if ( 'insert' !== $op ) {
					$dataset->removeActivities( $ids );
				}
				if ( 'delete' !== $op ) {
					self::add_activities_by_id( $dataset, $ids );
				}
			}
		}
	}

	/**
	 * Reads people by id and adds them.
	 *
	 * @param Dataset $dataset The dataset.
	 * @param int[]   $ids     Their ids (all must exist).
	 * @throws InvalidRecord|\RuntimeException
	 */
	private static function add_people_by_id( Dataset $dataset, array $ids ): void {
		$in   = implode( ',', $ids );
		$rows = self::query( 'SELECT ' . self::PEOPLE_COLUMNS . ' FROM ' . Schema::table( 'people' ) . " WHERE id IN ($in) ORDER BY id" );
		if ( count( $rows ) !== count( $ids ) ) {
			throw new \RuntimeException( 'Dangjian: a recorded write is gone' );
		}
		$dataset->addPeople( $rows );
	}

	/**
	 * Reads activities (with their participants) by id and adds them.
	 *
	 * @param Dataset $dataset The dataset.
	 * @param int[]   $ids     Their ids (all must exist).
	 * @throws InvalidRecord|\RuntimeException
	 */
	private static function add_activities_by_id( Dataset $dataset, array $ids ): void {
		$in   = implode( ',', $ids );
		$rows = self::query( 'SELECT ' . self::ACTIVITY_COLUMNS . ' FROM ' . Schema::table( 'activities' ) . " WHERE id IN ($in) ORDER BY id" );
		if ( count( $rows ) !== count( $ids ) ) {
			throw new \RuntimeException( 'Dangjian: a recorded write is gone' );
		}
		$links = self::query( 'SELECT activity_id, person_id, hours FROM ' . Schema::table( 'participants' ) . " WHERE activity_id IN ($in) ORDER BY activity_id, id" );
		$dataset->addActivities( self::attach( $rows, $links ) );
	}

	/**
	 * The snapshot of $version, or of an older version plus the cheap writes since (then saved as
	 * the snapshot of $version when the chain got long); null when there is none or it is damaged
	 * (a damaged file is deleted).
	 *
	 * @param int $version The data version.
	 */
	private static function load_snapshot( int $version ): ?Dataset {
		$path = self::snapshot_path( $version );
		if ( null === $path ) {
			return null;
		}
		$dataset = self::load_file( $path );
		if ( null !== $dataset ) {
			self::$source = 'snapshot';
			self::keep( $dataset, $version );
			return $dataset;
		}
		// An older snapshot and the writes since.
		foreach ( self::snapshot_versions() as $v ) {
			if ( $v >= $version ) {
				continue;
			}
			if ( $version - $v > self::DELTA_MAX ) {
				break;
			}
			$deltas = self::deltas( $v, $version );
			if ( null === $deltas ) {
				break;
			}
			$dataset = self::load_file( (string) self::snapshot_path( $v ) );
			if ( null === $dataset ) {
				break;
			}
			try {
				self::apply_deltas( $dataset, $deltas );
			} catch ( \Throwable $e ) {
				break;
			}
			self::$source = 'delta';
			if ( count( $deltas ) >= self::DELTA_MAX / 2 && Data_Version::get() === $version ) {
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
	 * Rebuilds the dataset of $version from the tables, one process at a time per site. A process that
	 * finds the lock taken serves the newest older dataset when $allow_stale (marked stale), else waits
	 * and then takes the snapshot the other one wrote (or rebuilds itself).
	 *
	 * @param int  $version     The data version.
	 * @param bool $allow_stale Whether an older dataset may be served.
	 * @throws \RuntimeException When the database fails.
	 */
	private static function rebuild( int $version, bool $allow_stale ): Dataset {
		$lock = self::lock_open();
		if ( null !== $lock && ! flock( $lock, LOCK_EX | LOCK_NB ) ) {
			if ( $allow_stale ) {
				$old = self::newest_older( $version );
				if ( null !== $old ) {
					fclose( $lock );
					self::$stale  = true;
					self::$source = 'stale';
					return $old;
				}
			}
			flock( $lock, LOCK_EX ); // Wait for the other process's rebuild.
		}
		try {
			// The process that held the lock may have just made it.
			$dataset = self::kept( $version ) ?? self::load_snapshot( $version );
			if ( null !== $dataset ) {
				return $dataset;
			}
			$dataset = self::build();
			self::$source = 'rebuild';
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
			if ( Data_Version::get() === $version ) {
				$path = self::snapshot_path( $version );
				if ( null !== $path ) {
					self::save_snapshot( $dataset, $path, $version );
				}
				self::keep( $dataset, $version );
			}
			return $dataset;
		} finally {
			if ( null !== $lock ) {
				flock( $lock, LOCK_UN );
				fclose( $lock );
			}
		}
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

	/**
	 * Forgets the dataset kept for this request (the snapshot files stay).
	 */
	public static function forget(): void {
		self::$dataset = null;
		self::$version = null;
		self::$stale   = false;
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

		// The participants query is sent first (on a connection of its own, without waiting): the
		// database sorts them by activity while the people are read.
		$stream = self::stream_open();
		try {
			self::build_people( $dataset, $batch );
			if ( null === $stream || ! self::build_activities_streamed( $dataset, $batch, $stream ) ) {
				self::build_activities_batched( $dataset, $batch );
			}
		} finally {
			if ( null !== $stream ) {
				self::stream_close( $stream );
			}
		}

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
	 * Adds the people in keyset batches.
	 *
	 * @param Dataset $dataset The dataset being built.
	 * @param int     $batch   Rows a batch.
	 * @throws \RuntimeException When a query fails.
	 */
	private static function build_people( Dataset $dataset, int $batch ): void {
		global $wpdb;
		$people = Schema::table( 'people' );
		$last   = 0;
		do {
			$rows = self::query(
				$wpdb->prepare(
					'SELECT ' . self::PEOPLE_COLUMNS . " FROM {$people} WHERE id > %d ORDER BY id LIMIT %d",
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
	}

	/**
	 * Adds the activities with their participants in keyset batches: an activities query and a
	 * participants query a batch (any database driver).
	 *
	 * @param Dataset $dataset The dataset being built.
	 * @param int     $batch   Rows a batch.
	 * @throws \RuntimeException When a query fails.
	 */
	private static function build_activities_batched( Dataset $dataset, int $batch ): void {
		global $wpdb;
		$activities   = Schema::table( 'activities' );
		$participants = Schema::table( 'participants' );
		$last         = 0;
		do {
			$rows = self::query(
				$wpdb->prepare(
					'SELECT ' . self::ACTIVITY_COLUMNS . " FROM {$activities} WHERE id > %d ORDER BY id LIMIT %d",
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

			$links = self::query(
				$wpdb->prepare(
					"SELECT activity_id, person_id, hours FROM {$participants} WHERE activity_id >= %d AND activity_id <= %d ORDER BY activity_id, id",
					$first,
					$last
				)
			);
			$rows  = self::attach( $rows, $links );
			$links = null;
			self::add( $dataset, 'addActivities', 'activities', $rows );
			$rows = null;
		} while ( $batch === $n );
	}

	/**
	 * Opens the two connections of the streamed build (self::build_activities_streamed()) and sends
	 * the participants query on the second one without waiting for it (MYSQLI_ASYNC, unbuffered), so
	 * that the database sorts the participants by activity while PHP reads the people. Both
	 * connections send ints and floats as PHP ints and floats (MYSQLI_OPT_INT_AND_FLOAT_NATIVE); DECIMAL
	 * columns (hours, money) stay strings, which the engine takes. Returns null when mysqli (mysqlnd)
	 * is not in use or a connection cannot be made or the query cannot be sent (the build then reads
	 * the activities in batches).
	 *
	 * @return array|null array( activities connection, participants connection ); the caller closes
	 *                    it with self::stream_close().
	 */
	private static function stream_open(): ?array {
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
			self::stream_close( $stream );
			return null;
		}
		return $stream;
	}

	/**
	 * Closes the connections of self::stream_open() (a query still running on one is ended with it).
	 *
	 * @param array $stream From self::stream_open().
	 */
	private static function stream_close( array $stream ): void {
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
	 * self::stream_open()), each on a connection of its own. PHP holds one batch of activities (and
	 * their participants) at a time, and the database reads both tables sequentially instead of
	 * looking up each batch's participants through an index. Returns false, having added nothing,
	 * when the participants query failed (the caller then reads in batches).
	 *
	 * @param Dataset $dataset The dataset being built.
	 * @param int     $batch   Activities a batch.
	 * @param array   $stream  From self::stream_open() (closed by the caller).
	 * @throws \RuntimeException When a query fails midway.
	 */
	private static function build_activities_streamed( Dataset $dataset, int $batch, array $stream ): bool {
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
			$res_a = mysqli_query( $link_a, 'SELECT ' . self::ACTIVITY_COLUMNS . ' FROM ' . Schema::table( 'activities' ) . ' ORDER BY id', MYSQLI_USE_RESULT );
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
					self::add( $dataset, 'addActivities', 'activities', $rows );
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
	 * A new connection to the site's database that sends ints and floats as PHP ints and floats, or
	 * null when it cannot be made (or the driver cannot send them so).
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
		try {
			$ok = @mysqli_real_connect( $link, $hostname, DB_USER, DB_PASSWORD, DB_NAME, null === $port ? null : (int) $port, $socket ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Failure falls back to batches.
		} catch ( \mysqli_sql_exception $e ) {
			$ok = false;
		}
		return $ok ? $link : null;
	}

	/**
	 * Gives each activity row its participants (bare ids, or id and hours) from participant rows
	 * ordered by activity; a participant of an activity not among the rows is ignored.
	 *
	 * @param array[] $rows  Activity rows.
	 * @param array[] $links Participant rows: activity_id, person_id, hours.
	 * @return array[]
	 */
	private static function attach( array $rows, array $links ): array {
		$index = array();
		foreach ( $rows as $i => $row ) {
			$rows[ $i ]['participants'] = array();
			$index[ (int) $row['id'] ]   = $i;
		}
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
		return $rows;
	}

	/**
	 * The figures for an engine query (STATS.md), cached by data version and query.
	 *
	 * @param array $query       The engine's query: from, to, as_of, top, due_within, meeting_rules.
	 * @param bool  $allow_stale Whether figures of an older data version may be returned while another
	 *                           process rebuilds the current one (the public showcase only; never cached
	 *                           as the current version's; self::stale() says so).
	 * @return array The engine's result.
	 * @throws \ValueError On a bad query value (the engine's message names the key).
	 * @throws \RuntimeException When no engine is loaded or the database fails.
	 */
	public static function stats( array $query, bool $allow_stale = false ): array {
		$version = Data_Version::get();
		// The site's cache key is part of the name: a reinstall (new key) never meets old entries.
		$key = 'stats-' . self::cache_key() . '-' . $version . '-' . md5( (string) wp_json_encode( $query ) );
		$found   = false;
		$cached  = wp_cache_get( $key, self::CACHE_GROUP, false, $found );
		if ( $found && is_array( $cached ) ) {
			return $cached;
		}
		$result = self::dataset( $allow_stale )->stats( $query );
		if ( ! self::$stale ) {
			wp_cache_set( $key, $result, self::CACHE_GROUP, DAY_IN_SECONDS );
		}
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
		return Uploads::private_dir( self::CACHE_DIR );
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
				$wpdb->esc_like( self::DELTA_PREFIX ) . '%',
				strlen( self::DELTA_PREFIX ) + 1,
				$version
			)
		);
	}

	/**
	 * Runs a prepared SELECT and returns its rows as arrays. With mysqli (every WordPress since 5.x on
	 * PHP 7+), the rows are fetched straight as arrays (mysqli_fetch_all): $wpdb->get_results() would
	 * build an object a row first and keep a copy in $wpdb->last_result, which doubles the time and
	 * the memory of a rebuild.
	 *
	 * @param string $sql A prepared statement.
	 * @return array[]
	 * @throws \RuntimeException When the database reports an error.
	 */
	private static function query( string $sql ): array {
		global $wpdb;
		if ( $wpdb->dbh instanceof \mysqli && ! empty( $wpdb->use_mysqli ) ) {
			try {
				$res = mysqli_query( $wpdb->dbh, $sql );
			} catch ( \mysqli_sql_exception $e ) {
				$res = false;
			}
			if ( false === $res ) {
				throw new \RuntimeException( 'Dangjian: ' . mysqli_error( $wpdb->dbh ) );
			}
			++$wpdb->num_queries; // Counted as $wpdb counts its own.
			$rows = true === $res ? array() : mysqli_fetch_all( $res, MYSQLI_ASSOC );
			if ( true !== $res ) {
				mysqli_free_result( $res );
			}
			return $rows;
		}
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

add_action( 'dangjian_data_changed', array( Engine::class, 'on_data_changed' ) );

<?php
/**
 * The bridge between the plugin's tables and the engine (the dangjian extension or php/fallback/).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

if ( ! class_exists( '\\Dangjian\\Dataset', false ) && is_readable( dirname( __DIR__, 2 ) . '/fallback/load.php' ) ) {
	require_once dirname( __DIR__, 2 ) . '/fallback/load.php';
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
 *     uploads/dangjian-cache/rebuild-<site key>.lock, or, when uploads cannot be written, the
 *     database's GET_LOCK('dangjian-rebuild-<site key>')): the others wait for it, or, when the caller
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
	const PEOPLE_COLUMNS = 'id, is_staff, applied_on, activist_on, candidate_on, admitted_on, full_on, joined_on, left_on, hired_on, left_reason';

	/** The columns of an activity row as the engine takes it (participants apart). */
	const ACTIVITY_COLUMNS = 'id, activity_date AS date, category, kind, hours, fee_waived, donation, beneficiaries, venue_kind, venue, project';

	/**
	 * The most figure sets of public queries (stats() with $allow_stale) kept in a persistent object
	 * cache per data version: past that, a public query is computed for its request and not stored,
	 * so that visitors asking for many periods cannot fill the cache.
	 */
	const PUBLIC_KEYS = 200;

	/** @var bool Whether the figures last returned by stats() came from a stale dataset. */
	private static $stats_stale = false;

	/** @var bool Whether the dataset last returned by dataset() is of an older data version. */
	private static $stale = false;

	/** @var string How the last dataset() call got its dataset (request, kept, delta, snapshot, rebuild, stale). */
	private static $source = '';

	/** @var Dataset|null The dataset of self::$version, kept for the request. */
	private static $dataset = null;

	/** @var int|null */
	private static $version = null;

	/** @var int The site of self::$dataset: after switch_to_blog() another site's data never answers. */
	private static $blog = 0;

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
		$version   = Data_Version::get();
		$blog      = get_current_blog_id();
		$same_site = self::$blog === $blog;
		if ( null !== self::$dataset && self::$version === $version && $same_site ) {
			self::$source = 'request';
			return self::$dataset;
		}
		// The previous dataset is a base for the deltas only when it is this site's.
		$previous      = $same_site ? self::$dataset : null;
		$prev_version  = $same_site ? self::$version : null;
		self::$dataset = null; // Let the old one go before the new one is built.
		self::$version = null;
		self::$stale   = false;

		$dataset = Engine_Store::kept( $version );
		if ( null !== $dataset ) {
			self::$source = 'kept';
		}
		if ( null === $dataset ) {
			$dataset = Engine_Deltas::from_deltas( $version, $previous, $prev_version );
		}
		$previous = null;
		if ( null === $dataset ) {
			$dataset = Engine_Store::load_snapshot( $version );
		}
		if ( null === $dataset ) {
			$dataset = Engine_Store::rebuild( $version, $allow_stale );
			if ( self::$stale ) {
				return $dataset; // Not kept as the current version's dataset.
			}
		}
		self::$dataset = $dataset;
		self::$version = $version;
		self::$blog    = $blog;
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
	 * Forgets the dataset kept for this request (the snapshot files stay).
	 */
	public static function forget(): void {
		self::$dataset = null;
		self::$version = null;
		self::$stale   = false;
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
		$key = 'stats-' . Engine_Store::cache_key() . '-' . $version . '-' . md5( (string) wp_json_encode( $query ) );
		$found   = false;
		$cached  = wp_cache_get( $key, self::CACHE_GROUP, false, $found );
		self::$stats_stale = false;
		if ( $found && is_array( $cached ) ) {
			return $cached;
		}
		$result            = self::dataset( $allow_stale )->stats( $query );
		self::$stats_stale = self::$stale;
		if ( ! self::$stale && ( ! $allow_stale || self::public_room( $version ) ) ) {
			wp_cache_set( $key, $result, self::CACHE_GROUP, DAY_IN_SECONDS );
		}
		return $result;
	}

	/**
	 * Whether the figures last returned by stats() were computed from a stale dataset (an older data
	 * version, served while another process rebuilds): whoever caches something made from them (the
	 * showcase's HTML) must not store it.
	 */
	public static function stats_stale(): bool {
		return self::$stats_stale;
	}

	/**
	 * Whether one more public figure set may be stored under a data version (and counts it). Without
	 * a persistent object cache the entries last one request: no bound is needed.
	 *
	 * @param int $version The data version.
	 */
	private static function public_room( int $version ): bool {
		if ( ! wp_using_ext_object_cache() ) {
			return true;
		}
		$counter = 'public-' . Engine_Store::cache_key() . '-' . $version;
		wp_cache_add( $counter, 0, self::CACHE_GROUP, DAY_IN_SECONDS );
		$n = wp_cache_incr( $counter, 1, self::CACHE_GROUP );
		return false !== $n && $n <= self::PUBLIC_KEYS;
	}

	/**
	 * Records a write of the plugin's write path so that the kept datasets can follow it cheaply. Call
	 * it after the write and before Data_Version::bump(): the bump's dangjian_data_changed action
	 * stores it as the delta of the new version. The next reader then applies it to a copy of the kept
	 * dataset: an insert appends the rows, a delete removes them (Dataset::removePeople/Activities), an
	 * update removes and appends them again (a person's activities too, which hold their
	 * participations). A write to a table the engine does not hold (Engine_Deltas::NOT_IN_ENGINE)
	 * keeps the dataset as it is. Any other write (the headcount, or a bump without a note) makes the
	 * next reader rebuild from the tables, and so does a delta the engine refuses.
	 *
	 * @param string $entity "people", "activities", or a table of Engine_Deltas::NOT_IN_ENGINE (other
	 *                       tables: a rebuild).
	 * @param string $op     "insert", "update" or "delete".
	 * @param int[]  $ids    The records written.
	 */
	public static function note_write( string $entity, string $op, array $ids ): void {
		Engine_Deltas::note( $entity, $op, $ids );
	}

	/**
	 * The dangjian_data_changed action: stores the noted write (if any) as the delta of the new version.
	 *
	 * @param int $version The new data version.
	 */
	public static function on_data_changed( $version ): void {
		Engine_Deltas::on_data_changed( $version );
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
		return Engine_Build::build();
	}

	/**
	 * The snapshot file of a data version, or null when uploads cannot be written.
	 *
	 * @param int $version The data version.
	 */
	public static function snapshot_path( int $version ): ?string {
		return Engine_Store::snapshot_path( $version );
	}

	/**
	 * The folder of this site's snapshot files (created with an index.php and a deny-all .htaccess),
	 * or null when it cannot be created.
	 */
	public static function cache_dir(): ?string {
		return Engine_Store::cache_dir();
	}

	/**
	 * Records how the dataset being returned was got (for the engine room's classes only).
	 *
	 * @param string $source "kept", "delta", "snapshot", "rebuild" or "stale".
	 * @param bool   $stale  Whether it is of an older data version.
	 * @internal
	 */
	public static function mark( string $source, bool $stale = false ): void {
		self::$source = $source;
		if ( $stale ) {
			self::$stale = true;
		}
	}
}

<?php
/**
 * The write deltas: how the kept datasets follow the plugin's own writes without a rebuild.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * A write of the plugin's write path is noted (Engine::note_write()) and stored, at the data version
 * bump, as the delta of the new version (option dangjian_delta_<version>). A reader that holds an
 * older dataset applies the deltas since: an insert appends the rows read by id, a delete removes
 * them, an update does both. A missing delta, or one the engine refuses, makes the reader rebuild.
 */
final class Engine_Deltas {

	/**
	 * The tables the engine does not hold: a write to one of them changes no dataset, so the kept one
	 * serves the new data version as it is (the figures read from those tables follow the version).
	 * The headcount is in the engine (setHeadcount): a write to it still makes the reader rebuild.
	 * "settings" is a change of the settings' meeting rules or of the branch profile: options, not
	 * rows, which move the figures (so the version) but not the dataset.
	 */
	const NOT_IN_ENGINE = array( 'media', 'honours', 'investments', 'benefits', 'plans', 'settings' );

	/** @var array|null A write noted by note(), recorded at the next data version bump. */
	private static $pending = null;

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
	public static function note( string $entity, string $op, array $ids ): void {
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
		add_option( Engine::DELTA_PREFIX . (int) $version, $pending, '', false );
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
	public static function from_deltas( int $version, ?Dataset $previous, ?int $prev_version ): ?Dataset {
		$base         = null;
		$base_version = 0;
		if ( null !== $previous && null !== $prev_version && $prev_version < $version ) {
			$base         = $previous;
			$base_version = $prev_version;
		} else {
			foreach ( Engine_Store::kept_versions() as $v ) {
				if ( $v < $version ) {
					$base         = Cache::get( Engine_Store::cache_key_of( $v ) );
					$base_version = $v;
					break;
				}
			}
		}
		if ( null === $base || $version - $base_version > Engine::DELTA_MAX ) {
			return null;
		}
		$deltas = self::between( $base_version, $version );
		if ( null === $deltas ) {
			return null;
		}
		// The base version is out of date from now on: taken out of the cache, the dataset has no
		// other holder and the writes change it in place instead of copying it first (~30 ms at 1M
		// activities). A request that fails below rebuilds, as it would anyway.
		if ( Engine_Store::cache_on() ) {
			Cache::delete( Engine_Store::cache_key_of( $base_version ) );
		}
		try {
			self::apply( $base, $deltas );
		} catch ( \Throwable $e ) {
			return null; // A row the engine refuses, or the database failed: rebuild.
		}
		Engine::mark( 'delta' );
		Engine_Store::keep( $base, $version );
		return $base;
	}

	/**
	 * Every recorded write from version $from to $to, in order (entity, op, ids), or null when a
	 * version in between has none (a write that was not recorded: an import, a restore, a write by
	 * hand) or one is not an insert, update or delete of some ids. Engine_Deltas and List_Counts
	 * both follow the versions through them.
	 *
	 * @param int $from The base version.
	 * @param int $to   The wanted version.
	 * @return array[]|null
	 */
	public static function recorded( int $from, int $to ): ?array {
		global $wpdb;
		if ( $to <= $from ) {
			return null;
		}
		$names = array();
		for ( $v = $from + 1; $v <= $to; $v++ ) {
			$names[] = "'" . Engine::DELTA_PREFIX . $v . "'";
		}
		$rows  = $wpdb->get_results( "SELECT option_name, option_value FROM {$wpdb->options} WHERE option_name IN (" . implode( ',', $names ) . ')', ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Names built from integers.
		$found = array();
		foreach ( (array) $rows as $row ) {
			$found[ (int) substr( $row['option_name'], strlen( Engine::DELTA_PREFIX ) ) ] = maybe_unserialize( $row['option_value'] );
		}
		$deltas = array();
		for ( $v = $from + 1; $v <= $to; $v++ ) {
			$d = $found[ $v ] ?? null;
			if ( ! is_array( $d ) || ! is_string( $d['entity'] ?? null ) || ! in_array( $d['op'] ?? '', array( 'insert', 'update', 'delete' ), true ) || empty( $d['ids'] ) || ! is_array( $d['ids'] ) ) {
				return null;
			}
			$deltas[] = $d;
		}
		return $deltas;
	}

	/**
	 * The recorded writes that lead from version $from to $to, or null when one is missing or is not
	 * an insert, update or delete of people, activities or a table the engine does not hold.
	 *
	 * @param int $from The base version.
	 * @param int $to   The wanted version.
	 * @return array[]|null
	 */
	public static function between( int $from, int $to ): ?array {
		$deltas = self::recorded( $from, $to );
		$known  = array_merge( array( 'people', 'activities' ), self::NOT_IN_ENGINE );
		foreach ( $deltas ?? array() as $d ) {
			if ( ! in_array( $d['entity'], $known, true ) ) {
				return null;
			}
		}
		return $deltas;
	}

	/**
	 * Applies the recorded writes to $dataset (copying it first if it is kept: the extension copies
	 * on write). The rows are read as they are now, so the writes are taken together first: a record
	 * the dataset held (its first write was not an insert) is removed once, and a record that exists
	 * now (its last write was not a delete) is added once, as it is now. An insert later deleted
	 * touches nothing. A person's participations live in activities, so an updated person's
	 * activities go out before and come back after them.
	 *
	 * @param Dataset $dataset The dataset (left half-changed on failure: the caller drops it).
	 * @param array[] $deltas  From self::between().
	 * @throws InvalidRecord|\RuntimeException When a row is refused, an id is not in the dataset, or a
	 *                                         query fails.
	 */
	public static function apply( Dataset $dataset, array $deltas ): void {
		$net     = array(
			'people'     => array(),
			'activities' => array(),
		);
		$updated = array();
		foreach ( $deltas as $d ) {
			if ( in_array( $d['entity'], self::NOT_IN_ENGINE, true ) ) {
				continue; // The dataset holds nothing of that table: it stays as it is.
			}
			foreach ( $d['ids'] as $id ) {
				$id = (int) $id;
				if ( ! isset( $net[ $d['entity'] ][ $id ] ) ) {
					$net[ $d['entity'] ][ $id ] = array( 'insert' !== $d['op'], true );
				}
				$net[ $d['entity'] ][ $id ][1] = 'delete' !== $d['op'];
				if ( 'people' === $d['entity'] && 'update' === $d['op'] ) {
					$updated[ $id ] = true;
				}
			}
		}
		$updated = array_keys( array_filter( $updated, static fn( $x, $id ) => $net['people'][ $id ][0] && $net['people'][ $id ][1], ARRAY_FILTER_USE_BOTH ) );
		if ( $updated ) {
			$in = implode( ',', $updated );
			foreach ( Engine_Build::query( 'SELECT DISTINCT activity_id FROM ' . Schema::table( 'participants' ) . " WHERE person_id IN ($in)" ) as $row ) {
				$net['activities'][ (int) $row['activity_id'] ] ??= array( true, true ); // Untouched: held and still there.
			}
		}
		$held = static fn( array $ids, int $k ): array => array_keys( array_filter( $ids, static fn( $x ) => $x[ $k ] ) );
		foreach ( array( 'activities', 'people' ) as $entity ) {
			ksort( $net[ $entity ] );
			$gone = $held( $net[ $entity ], 0 );
			if ( $gone ) {
				'people' === $entity ? $dataset->removePeople( $gone ) : $dataset->removeActivities( $gone );
			}
		}
		$now = $held( $net['people'], 1 );
		if ( $now ) {
			self::add_people_by_id( $dataset, $now );
		}
		$now = $held( $net['activities'], 1 );
		if ( $now ) {
			self::add_activities_by_id( $dataset, $now );
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
		$rows = Engine_Build::query( 'SELECT ' . Engine::PEOPLE_COLUMNS . ' FROM ' . Schema::table( 'people' ) . " WHERE id IN ($in) ORDER BY id" );
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
		$rows = Engine_Build::query( 'SELECT ' . Engine::ACTIVITY_COLUMNS . ' FROM ' . Schema::table( 'activities' ) . " WHERE id IN ($in) ORDER BY id" );
		if ( count( $rows ) !== count( $ids ) ) {
			throw new \RuntimeException( 'Dangjian: a recorded write is gone' );
		}
		$links = Engine_Build::query( 'SELECT activity_id, person_id, hours FROM ' . Schema::table( 'participants' ) . " WHERE activity_id IN ($in) ORDER BY activity_id, id" );
		$dataset->addActivities( Engine_Build::attach( $rows, $links ) );
	}
}

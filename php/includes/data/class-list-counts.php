<?php
/**
 * The counts of the big lists (people, activities) and the campaign names the activity form
 * suggests, kept per block of ids and brought up to date from the recorded writes.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * A COUNT(*) over a million activities takes 100 to 800 ms, on every page of the list. Here a count
 * (or a tally of campaign names) is kept per block of BLOCK ids (id DIV BLOCK), with the data version
 * it was made at, in the option dangjian_list_counts_<entity> (not autoloaded; a tally of names or
 * of participants in one of its own, dangjian_list_counts_activities_<what>). A reader at a newer
 * version reads the writes recorded since (Engine::DELTA_PREFIX options: entity, op, ids, one per
 * version, written by Records::save() and Records::delete()) and counts again only the blocks of
 * the ids written to this entity: an added or deleted record changes its block's count, an updated
 * one may enter or leave a filter (a save of the settings or the profile records a write of no row:
 * nothing to count). Whatever else moved the version without such a record (an import, a restore, a
 * privacy erasure, a write by hand followed by Data_Version::bump()) makes
 * the reader count everything again, and so does a person's delete for the participants' tally
 * (their participations, in any block, go with them). So every count is the table's, never a stale
 * one. The version
 * is read before counting: rows written while counting have a version above it, so their blocks are
 * counted again by the next reader.
 */
final class List_Counts {

	/** Ids per block. */
	const BLOCK = 65536;

	/** The option of an entity's entries (prefix). */
	const OPTION = 'dangjian_list_counts_';

	/** Filters kept per entity (the oldest kept one goes first). */
	const KEEP = 40;

	/** At most this many versions are followed through their recorded writes (else count again). */
	const FOLLOW = 500;

	/** A filter with more rows than this keeps no list of their ids (ids()). */
	const MAX_IDS = 5000;

	/** Lists of ids kept per entity (ids(); the oldest kept one goes first). */
	const KEEP_IDS = 10;

	/** A tally with more names than this is not kept (asked of the database each time). */
	const MAX_NAMES = 20000;

	/** The entities whose counts are kept (the others are small: counted each time). */
	const ENTITIES = array( 'people', 'activities' );

	/** @var array<string,array> The options read by this request, "site:entity" => entries. */
	private static $loaded = array();

	/**
	 * The number of rows of an entity's table that meet $where (SQL, prepared).
	 *
	 * @param string $entity "people" or "activities" (others: counted each time).
	 * @param string $where  The WHERE condition (prepared; "1=1" for all).
	 */
	public static function count( string $entity, string $where ): int {
		global $wpdb;
		if ( ! in_array( $entity, self::ENTITIES, true ) ) {
			return (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Schema::table( $entity ) . " WHERE {$where}" ); // phpcs:ignore WordPress.DB.PreparedSQL -- Prepared by the caller; the plugin's table.
		}
		if ( str_contains( $where, ' LIKE ' ) ) {
			self::probe( $entity, $where );
		}
		return (int) array_sum( self::count_blocks( $entity, $where ) );
	}

	/**
	 * A search seen for the first time: one walk of the table that stops after MAX_IDS + 1 rows
	 * met. When it does not get that far, its rows are all the rows met: their ids and counts are
	 * kept at once (one scan of the table instead of two, the count's and the ids').
	 *
	 * @param string $entity "people" or "activities".
	 * @param string $where  The WHERE condition (prepared).
	 */
	private static function probe( string $entity, string $where ): void {
		global $wpdb;
		list( $count_store ) = self::store_of( $entity, 'count:' . $where );
		list( $ids_store )   = self::store_of( $entity, 'ids:' . $where );
		if ( isset( self::entries( $count_store )[ md5( 'count:' . $where ) ] ) || isset( self::entries( $ids_store )[ md5( 'ids:' . $where ) ] ) ) {
			return; // Known: kept up to date from the writes.
		}
		$version = Data_Version::get(); // Before reading: see the class comment.
		$limit   = self::MAX_IDS + 1;
		$found   = $wpdb->get_col( 'SELECT id FROM ' . Schema::table( $entity ) . " WHERE ({$where}) LIMIT {$limit}" ); // phpcs:ignore WordPress.DB.PreparedSQL -- Prepared by the caller; an integer; the plugin's table.
		if ( count( (array) $found ) > self::MAX_IDS ) {
			return;
		}
		$ids    = array();
		$counts = array();
		foreach ( (array) $found as $id ) {
			$b                      = intdiv( (int) $id, self::BLOCK );
			$ids[ $b ][ (int) $id ] = 1;
			$counts[ $b ]           = ( $counts[ $b ] ?? 0 ) + 1;
		}
		ksort( $ids );
		ksort( $counts );
		self::put( $entity, 'count:' . $where, $version, $counts );
		self::put( $entity, 'ids:' . $where, $version, $ids );
	}

	/**
	 * The rows of an entity's table that meet $where, per block of ids (block => count; blocks
	 * without such a row left out).
	 *
	 * @param string $entity "people" or "activities".
	 * @param string $where  The WHERE condition (prepared; "1=1" for all).
	 * @return array<int,int>
	 */
	public static function count_blocks( string $entity, string $where ): array {
		$tally = static fn( ?array $only ): array => self::tally( $entity, 'COUNT(*) AS n', $where, '', $only );
		return (array) self::blocks( $entity, 'count:' . $where, $tally, false );
	}

	/**
	 * The ids of the rows of an entity's table that meet $where, when they are few (at most
	 * MAX_IDS), else null. For a search (LIKE on text columns, no index): its pages then read these
	 * rows by id instead of walking the table for the few that match.
	 *
	 * @param string $entity "people" or "activities".
	 * @param string $where  The WHERE condition (prepared).
	 * @return int[]|null In ascending order.
	 */
	public static function ids( string $entity, string $where ): ?array {
		if ( ! in_array( $entity, self::ENTITIES, true ) || array_sum( self::count_blocks( $entity, $where ) ) > self::MAX_IDS ) {
			return null;
		}
		$tally  = static fn( ?array $only ): array => self::tally( $entity, 'id AS k, 1 AS n', $where, ', id', $only );
		$blocks = self::blocks( $entity, 'ids:' . $where, $tally, false );
		if ( null === $blocks ) {
			return null;
		}
		$ids = array();
		foreach ( $blocks as $rows ) {
			foreach ( array_keys( $rows ) as $id ) {
				$ids[] = (int) $id;
			}
		}
		sort( $ids );
		return $ids;
	}

	/**
	 * How many activities (of those meeting $where) have each number of participants, 1 or more,
	 * per block of activity ids: block => number => activities (the activities without participants
	 * are the rest of their block's count). Null when some participants name an activity that is not
	 * in the table (for all activities: the tally reads the participants alone). A person's delete
	 * takes their participations with it (activities of any block): the next reader counts
	 * everything again.
	 *
	 * @param string $where The activities' WHERE condition (prepared; "1=1" for all).
	 * @return array<int,array<int,int>>|null
	 */
	public static function participant_counts( string $where = '1=1' ): ?array {
		$tally  = static fn( ?array $only ): array => self::tally_participants( $where, $only );
		$blocks = self::blocks( 'activities', 'participants:' . $where, $tally, true );
		return null === $blocks || isset( $blocks[-1] ) ? null : $blocks;
	}

	/**
	 * The participants' tally by block (see participant_counts()). For all activities it reads the
	 * participants alone, and a full count checks that none names a missing activity (else the
	 * block -1 marks the tally unusable until the next full count); for a filter, only the
	 * participants of the activities meeting it.
	 *
	 * @param string     $where The activities' WHERE condition (prepared).
	 * @param int[]|null $only  The blocks to count (null: all).
	 * @return array<int,array<int,int>>
	 */
	private static function tally_participants( string $where, ?array $only ): array {
		global $wpdb;
		$p     = Schema::table( 'participants' );
		$a     = Schema::table( 'activities' );
		$block = (int) self::BLOCK;
		$cond  = array();
		if ( null !== $only ) {
			$cond[] = self::ranges( 'activity_id', $only );
		}
		if ( '1=1' !== $where ) {
			$cond[] = "activity_id IN (SELECT id FROM {$a} WHERE ({$where})" . ( null === $only ? '' : ' AND ' . self::ranges( 'id', $only ) ) . ')';
		}
		$filter = $cond ? ' WHERE ' . implode( ' AND ', $cond ) : '';
		// phpcs:disable WordPress.DB.PreparedSQL -- Prepared by the callers; integers; the plugin's own tables.
		$rows = $wpdb->get_results( "SELECT activity_id DIV {$block} AS b, n AS k, COUNT(*) AS n FROM (SELECT activity_id, COUNT(*) AS n FROM {$p}{$filter} GROUP BY activity_id) x GROUP BY b, k", ARRAY_A );
		$out  = array();
		foreach ( (array) $rows as $row ) {
			$out[ (int) $row['b'] ][ (int) $row['k'] ] = (int) $row['n'];
		}
		if ( null === $only && '1=1' === $where && null !== $wpdb->get_var( "SELECT p.activity_id FROM {$p} p LEFT JOIN {$a} a ON a.id = p.activity_id WHERE a.id IS NULL LIMIT 1" ) ) {
			$out[-1] = array( 0 => 1 ); // A participant of no activity: not usable.
		}
		// phpcs:enable
		return $out;
	}

	/**
	 * The campaign names of the activities, most used first (then by name), at most $limit.
	 *
	 * @param int $limit How many.
	 * @return string[]
	 */
	public static function campaigns( int $limit ): array {
		$tally  = static fn( ?array $only ): array => self::tally( 'activities', 'project AS k, COUNT(*) AS n', "project <> ''", ', project', $only );
		$blocks = self::blocks( 'activities', 'campaigns', $tally, false );
		if ( null === $blocks ) {
			global $wpdb;
			$table = Schema::table( 'activities' );
			return array_map( 'strval', (array) $wpdb->get_col( $wpdb->prepare( "SELECT project FROM {$table} WHERE project <> '' GROUP BY project ORDER BY COUNT(*) DESC, project LIMIT %d", $limit ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The plugin's own table.
		}
		// One name however its blocks spelt it (the collation groups names case-blind).
		$total = array();
		$shown = array();
		foreach ( $blocks as $names ) {
			foreach ( $names as $name => $n ) {
				$fold           = self::fold( (string) $name );
				$shown[ $fold ] = $shown[ $fold ] ?? (string) $name;
				$total[ $fold ] = ( $total[ $fold ] ?? 0 ) + $n;
			}
		}
		// Most used first, then by name.
		$folds = array_keys( $total );
		usort(
			$folds,
			static function ( $a, $b ) use ( $total, $shown ) {
				return $total[ $b ] <=> $total[ $a ] ?: ( strcmp( (string) $a, (string) $b ) ?: strcmp( $shown[ $a ], $shown[ $b ] ) );
			}
		);
		return array_map( static fn( $f ) => $shown[ $f ], array_slice( $folds, 0, $limit ) );
	}

	/**
	 * A name as the table's collation groups it: case-blind, trailing spaces ignored.
	 *
	 * @param string $name A name.
	 */
	private static function fold( string $name ): string {
		$name = rtrim( $name, ' ' );
		return function_exists( 'mb_strtolower' ) ? mb_strtolower( $name, 'UTF-8' ) : strtolower( $name );
	}

	/**
	 * Forgets what this request read (for the tests: the option is read again).
	 */
	public static function forget(): void {
		self::$loaded = array();
	}

	/**
	 * A value per block of ids, up to date: block => count, or block => name => count.
	 *
	 * @param string   $entity        The entity.
	 * @param string   $key           What is counted (the entry's name).
	 * @param callable $tally         Counts blocks: fn( int[]|null $only ): array (null: all).
	 * @param bool     $people_delete Whether a person's delete changes what is counted (their
	 *                                participations go): then everything is counted again.
	 * @return array<int,mixed>|null Null when a tally is too big to keep.
	 */
	private static function blocks( string $entity, string $key, callable $tally, bool $people_delete ): ?array {
		$version = Data_Version::get(); // Before counting: see the class comment.
		$name    = md5( $key );
		list( $store ) = self::store_of( $entity, $key );
		$entries       = self::entries( $store );
		$entry         = $entries[ $name ] ?? null;
		if ( is_array( $entry ) && (int) $entry['v'] === $version ) {
			return $entry['blocks'];
		}
		$dirty = null;
		if ( is_array( $entry ) && (int) $entry['v'] < $version ) {
			$dirty = self::dirty( $entity, (int) $entry['v'], $version, $people_delete );
		}
		if ( null === $dirty ) {
			$blocks = $tally( null );
		} else {
			$blocks = $entry['blocks'];
			if ( $dirty ) {
				foreach ( $dirty as $b ) {
					unset( $blocks[ $b ] );
				}
				$blocks += $tally( $dirty );
			}
		}
		ksort( $blocks );
		if ( is_array( reset( $blocks ) ) && array_sum( array_map( 'count', $blocks ) ) > self::MAX_NAMES ) {
			return null;
		}
		self::put( $entity, $key, $version, $blocks );
		return $blocks;
	}

	/**
	 * Where an entry is kept: the option (after self::OPTION) and how many entries it keeps. The
	 * counts of an entity share an option; the lists of ids another; a tally (campaigns,
	 * participants) has its own.
	 *
	 * @param string $entity The entity.
	 * @param string $key    The entry's name.
	 * @return array{0:string,1:int}
	 */
	private static function store_of( string $entity, string $key ): array {
		if ( str_starts_with( $key, 'count:' ) ) {
			return array( $entity, self::KEEP );
		}
		if ( str_starts_with( $key, 'ids:' ) ) {
			return array( $entity . '_ids', self::KEEP_IDS );
		}
		if ( str_starts_with( $key, 'participants:' ) ) {
			return array( $entity . '_participants', self::KEEP );
		}
		return array( $entity . '_' . $key, self::KEEP );
	}

	/**
	 * Keeps an entry (the newest last; the oldest beyond the option's room go).
	 *
	 * @param string $entity  The entity.
	 * @param string $key     The entry's name.
	 * @param int    $version The data version it was counted at.
	 * @param array  $blocks  Its value per block.
	 */
	private static function put( string $entity, string $key, int $version, array $blocks ): void {
		list( $store, $keep ) = self::store_of( $entity, $key );
		$entries              = self::entries( $store );
		$name                 = md5( $key );
		unset( $entries[ $name ] );
		$entries[ $name ] = array(
			'v'      => $version,
			'blocks' => $blocks,
		);
		if ( count( $entries ) > $keep ) {
			$entries = array_slice( $entries, -$keep, null, true );
		}
		self::$loaded[ get_current_blog_id() . ':' . $store ] = $entries;
		update_option( self::OPTION . $store, $entries, false );
	}

	/**
	 * The kept entries of an option (read once a request).
	 *
	 * @param string $store The option's name after self::OPTION.
	 * @return array<string,array>
	 */
	private static function entries( string $store ): array {
		global $wpdb;
		$at = get_current_blog_id() . ':' . $store; // After switch_to_blog(), another site's entries.
		if ( ! isset( self::$loaded[ $at ] ) ) {
			// Read from the table, not the options cache: another process may have written it since.
			$raw                 = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", self::OPTION . $store ) );
			$value               = null === $raw ? array() : maybe_unserialize( $raw );
			self::$loaded[ $at ] = is_array( $value ) ? $value : array();
		}
		return self::$loaded[ $at ];
	}

	/**
	 * The blocks of $entity that the writes between two versions touched; null when a version in
	 * between has no recorded write (its block cannot be known: everything is counted again).
	 *
	 * @param string $entity The entity.
	 * @param int    $from   The entry's version.
	 * @param int    $to     The current version.
	 * @param bool   $people_delete Whether a person's delete makes everything dirty.
	 * @return int[]|null
	 */
	private static function dirty( string $entity, int $from, int $to, bool $people_delete ): ?array {
		$deltas = $to - $from > self::FOLLOW ? null : Engine_Deltas::recorded( $from, $to );
		if ( null === $deltas ) {
			return null;
		}
		$blocks = array();
		foreach ( $deltas as $delta ) {
			if ( $people_delete && 'people' === $delta['entity'] && 'delete' === $delta['op'] ) {
				return null;
			}
			if ( $delta['entity'] !== $entity ) {
				continue; // Another table: this entity's rows are as they were.
			}
			foreach ( $delta['ids'] as $id ) {
				$blocks[ intdiv( max( 0, (int) $id ), self::BLOCK ) ] = true;
			}
		}
		return array_keys( $blocks );
	}

	/**
	 * Counts the table by block: every block, or only $only.
	 *
	 * @param string     $entity The entity.
	 * @param string     $select The aggregate columns.
	 * @param string     $where  The WHERE condition (prepared).
	 * @param string     $group  More GROUP BY columns.
	 * @param int[]|null $only   The blocks to count (null: all).
	 * @return array<int,mixed>
	 */
	private static function tally( string $entity, string $select, string $where, string $group, ?array $only ): array {
		global $wpdb;
		$table = Schema::table( $entity );
		$range = '';
		if ( null !== $only ) {
			$range = ' AND ' . self::ranges( 'id', $only );
		}
		$block = (int) self::BLOCK;
		$rows  = $wpdb->get_results( "SELECT id DIV {$block} AS b, {$select} FROM {$table} WHERE ({$where}){$range} GROUP BY b{$group}", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- Prepared by the callers; integers; the plugin's table.
		$out   = array();
		foreach ( (array) $rows as $row ) {
			$b = (int) $row['b'];
			if ( '' === $group ) {
				$out[ $b ] = (int) $row['n'];
			} else {
				$out[ $b ][ (string) $row['k'] ] = (int) $row['n'];
			}
		}
		return $out;
	}

	/**
	 * The SQL condition "column in one of these blocks".
	 *
	 * @param string $column The id column.
	 * @param int[]  $blocks The blocks.
	 */
	public static function ranges( string $column, array $blocks ): string {
		$or = array();
		foreach ( $blocks as $b ) {
			$or[] = sprintf( '%s BETWEEN %d AND %d', $column, $b * self::BLOCK, ( $b + 1 ) * self::BLOCK - 1 );
		}
		return '(' . implode( ' OR ', $or ) . ')';
	}
}

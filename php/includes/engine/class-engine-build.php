<?php
/**
 * The build of a dataset from the site's tables.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the tables in batches of Engine::BATCH rows with keyset pagination (WHERE id > %d ORDER BY id
 * LIMIT %d), so PHP holds at most one batch of rows at a time; with mysqli the activities and their
 * participants come from two unbuffered queries read side by side (Engine_Stream). A row the engine
 * rejects is left out and listed (Engine::skipped()).
 */
final class Engine_Build {

	/** @var string[] Rows skipped by the last build in this request: "people 12: people[0].admitted_on: …". */
	private static $skipped = array();

	/**
	 * The rows the last build of this request left out.
	 *
	 * @return string[]
	 */
	public static function skipped_rows(): array {
		return self::$skipped;
	}

	/**
	 * Builds a new dataset from the current site's tables, batch by batch.
	 *
	 * A row the engine rejects (bad data written around the plugin) is left out and listed by
	 * Engine::skipped(); the rest of its batch is kept.
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
		$batch = max( 1, (int) apply_filters( 'dangjian_build_batch', Engine::BATCH ) );

		// The participants query is sent first (on a connection of its own, without waiting): the
		// database sorts them by activity while the people are read.
		$stream = Engine_Stream::open();
		try {
			self::build_people( $dataset, $batch );
			if ( null === $stream || ! Engine_Stream::activities( $dataset, $batch, $stream ) ) {
				self::build_activities_batched( $dataset, $batch );
			}
		} finally {
			if ( null !== $stream ) {
				Engine_Stream::close( $stream );
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
					'SELECT ' . Engine::PEOPLE_COLUMNS . " FROM {$people} WHERE id > %d ORDER BY id LIMIT %d",
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
	public static function build_activities_batched( Dataset $dataset, int $batch ): void {
		global $wpdb;
		$activities   = Schema::table( 'activities' );
		$participants = Schema::table( 'participants' );
		$last         = 0;
		do {
			$rows = self::query(
				$wpdb->prepare(
					'SELECT ' . Engine::ACTIVITY_COLUMNS . " FROM {$activities} WHERE id > %d ORDER BY id LIMIT %d",
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
	 * Gives each activity row its participants (bare ids, or id and hours) from participant rows
	 * ordered by activity; a participant of an activity not among the rows is ignored.
	 *
	 * @param array[] $rows  Activity rows.
	 * @param array[] $links Participant rows: activity_id, person_id, hours.
	 * @return array[]
	 */
	public static function attach( array $rows, array $links ): array {
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
	 * Runs a prepared SELECT and returns its rows as arrays. With mysqli (every WordPress since 5.x on
	 * PHP 7+), the rows are fetched straight as arrays (mysqli_fetch_all): $wpdb->get_results() would
	 * build an object a row first and keep a copy in $wpdb->last_result, which doubles the time and
	 * the memory of a rebuild.
	 *
	 * @param string $sql A prepared statement.
	 * @return array[]
	 * @throws \RuntimeException When the database reports an error.
	 */
	public static function query( string $sql ): array {
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
	 * Adds a batch; when the engine rejects it, adds its rows one by one and skips the bad ones
	 * (noted for Engine::skipped(), or handed to $refused: a backup lists them its own way).
	 *
	 * @param Dataset       $dataset The dataset being built.
	 * @param string        $method  "addPeople" or "addActivities".
	 * @param string        $table   "people" or "activities".
	 * @param array[]       $rows    The batch.
	 * @param callable|null $refused Called with ( table, id, InvalidRecord ) for each row skipped, instead of noting it.
	 */
	public static function add( Dataset $dataset, string $method, string $table, array $rows, ?callable $refused = null ): void {
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
				if ( null === $refused ) {
					self::note_skip( $table, (int) $row['id'], $e );
				} else {
					$refused( $table, (int) $row['id'], $e );
				}
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

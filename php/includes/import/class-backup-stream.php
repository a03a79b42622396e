<?php
/**
 * The check and the restore of a backup read as a stream, a batch of rows at a time.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Reads a backup in the writer's layout (Backup_Writer: the engine's rows, then the plugin's fields
 * of the same rows in the same order) with two readers over the same text, one on the engine part
 * and one on the plugin part, and joins them row by row. The engine's rows go to a Dataset in
 * batches (addPeople, addActivities, setHeadcount, as Dataset::fromJson adds them: the same rules and
 * the same messages, with the row's position in the whole list); each joined row is checked as
 * Backup's whole-text check checks it, with the same messages in the same order; a restore writes
 * each batch as it is checked, inside the transaction the caller opened (rolled back when anything
 * is refused). PHP holds a batch of rows, the engine its dataset.
 *
 * Anything else (an older or hand-edited layout, ids out of order, a syntax error) raises
 * Backup_Layout, and the caller checks the text whole as before, which names what is wrong.
 */
final class Backup_Stream {

	/** The most bytes of the parts read whole (the header, the backup's description). */
	const SMALL = 67108864;

	/**
	 * Checks a backup, and writes its rows while no problem is found.
	 *
	 * @param callable      $open  Opens a new Backup_Source over the backup (called twice).
	 * @param callable|null $write Writes rows ( table, rows ) and returns the database's error or
	 *                             null; null: check only.
	 * @param callable|null $meta  Called with the backup's description ("counts": its rows) first.
	 * @return array{errors:string[],counts:array<string,int>,rows:array,profile:?array,db_error:?string}
	 * @throws Backup_Layout When the backup is not in the writer's layout (nothing is then decided).
	 */
	public static function run( callable $open, ?callable $write, ?callable $meta = null ): array {
		$engine = $open();
		$extra  = $open();
		try {
			return Fields::held( static fn() => self::run_on( $engine, $extra, $write, $meta ) );
		} finally {
			$engine->close();
			$extra->close();
		}
	}

	/**
	 * The work of run().
	 *
	 * @param Backup_Source $engine A reader at the start of the text.
	 * @param Backup_Source $extra  Another.
	 * @param callable|null $write  See run().
	 * @param callable|null $meta   See run().
	 * @return array See run().
	 * @throws Backup_Layout See run().
	 */
	private static function run_on( Backup_Source $engine, Backup_Source $extra, ?callable $write, ?callable $meta ): array {
		$state = array(
			'errors'   => array(),
			'counts'   => array(),
			'rows'     => array(),
			'profile'  => null,
			'db_error' => null,
			'record'   => null,
			'write'    => $write,
		);
		$err   = static function ( string $path, string $what ) use ( &$state ) {
			$n = count( $state['errors'] );
			if ( $n < Backup::MAX_ERRORS ) {
				$state['errors'][] = $path . ': ' . $what;
			} elseif ( Backup::MAX_ERRORS === $n ) {
				$state['errors'][] = __( '… and more problems: correct these first.', 'dangjian' );
			}
		};
		if ( 1 !== preg_match( '/^\{"format":"dangjian-dataset","version":2,$/', $engine->until( '"people":[', 200 ) ) ) {
			throw new Backup_Layout( 'head' );
		}
		$extra->skip_to( ',"' . Backup::META_KEY . '":' );
		$about = Backup_Source::decode( $extra->until( ',"' . Backup::EXTRA_KEY . '":{"people":[', self::SMALL ) );
		if ( null !== $meta ) {
			$meta( $about );
		}
		unset( $about );
		$dataset = new Dataset();

		self::join(
			$engine->rows( '}', ',"activities":[' ),
			$extra->rows( '}', ',"activities":[' ),
			static function ( array $batch, array $pairs, int $at ) use ( $dataset, $err, &$state ): bool {
				if ( ! self::engine_add( $dataset, 'addPeople', $batch, $at, $state ) ) {
					return false;
				}
				$rows = array();
				foreach ( $pairs as list( $p, $x ) ) {
					$row = Backup::person_row( $p, $x, $err );
					if ( null !== $row ) {
						$rows[] = $row;
					}
				}
				self::put( $state, 'people', $rows );
				return true;
			}
		);
		if ( null === $state['record'] ) {
			self::join(
				$engine->rows( ']}', ',"headcount":[' ),
				$extra->rows( '}', ',"headcount":' ),
				static function ( array $batch, array $pairs, int $at ) use ( $dataset, $err, &$state ): bool {
					if ( ! self::engine_add( $dataset, 'addActivities', $batch, $at, $state ) ) {
						return false;
					}
					$rows  = array();
					$links = array();
					foreach ( $pairs as list( $a, $x ) ) {
						$row = Backup::activity_row( $a, $x, $err, $links );
						if ( null !== $row ) {
							$rows[] = $row;
						}
					}
					self::put( $state, 'activities', $rows );
					self::put( $state, 'participants', $links );
					return true;
				}
			);
		}
		if ( null !== $state['record'] ) {
			return self::refused_record( $state, $state['record'] );
		}
		return self::finish( $engine, $extra, $dataset, $err, $state );
	}

	/**
	 * The headcount, the small tables and the profile (read whole: they are small), then the counts.
	 *
	 * @param Backup_Source $engine  The engine part's reader, at its headcount.
	 * @param Backup_Source $extra   The plugin part's reader, at its headcount.
	 * @param Dataset       $dataset The engine's rows so far.
	 * @param callable      $err     Records an error ( path, what ).
	 * @param array         $state   The run's state.
	 * @return array See run().
	 * @throws Backup_Layout See run().
	 */
	private static function finish( Backup_Source $engine, Backup_Source $extra, Dataset $dataset, callable $err, array &$state ): array {
		$data = array( 'headcount' => Backup_Source::decode( '[' . $engine->until( ',"' . Backup::META_KEY . '":', self::SMALL ) ) );
		$rest = rtrim( $extra->rest( PHP_INT_MAX ) );
		if ( ! str_ends_with( $rest, '}}' ) ) {
			throw new Backup_Layout( 'end' );
		}
		$small = Backup_Source::decode( '{"headcount":' . substr( $rest, 0, -1 ) );
		unset( $rest );
		if ( $data['headcount'] ) {
			try {
				$dataset->setHeadcount( $data['headcount'] );
			} catch ( InvalidRecord $e ) {
				return self::refused_record( $state, $e->getMessage() );
			}
		}
		$headcount = Backup::check_headcount( $data, $small, $err );
		self::put( $state, 'headcount', $headcount );
		$counts = array(
			'people'       => (int) $dataset->counts()['people'],
			'activities'   => (int) $dataset->counts()['activities'],
			'participants' => (int) $dataset->counts()['participations'],
			'headcount'    => count( $headcount ),
		);
		foreach ( Backup::DATED_TABLES as $table => $date ) {
			$rows              = Backup::check_dated( $table, $date, $small, $err );
			$counts[ $table ] = count( $rows );
			self::put( $state, $table, $rows );
		}
		$state['profile'] = Backup::check_profile( $small, $err );
		$state['counts']  = $counts;
		unset( $state['record'], $state['write'] );
		return $state;
	}

	/**
	 * Walks two lists of rows side by side (the engine's and the plugin's, in the same order), a batch
	 * of the engine's rows at a time.
	 *
	 * @param \Generator $engine The engine's rows, in batches.
	 * @param \Generator $extra  The plugin's entries, in batches.
	 * @param callable   $each   Called with ( engine batch, pairs [ engine row, entry with "_i" ], position
	 *                           of the batch's first row ); returns false to stop.
	 * @throws Backup_Layout When the lists do not hold the same ids in the same order.
	 */
	private static function join( \Generator $engine, \Generator $extra, callable $each ): void {
		$queue = array();
		$qi    = 0; // The next entry of $queue (array_shift() would renumber the rest every time).
		$at    = 0;
		$first = true;
		foreach ( $engine as $batch ) {
			$pairs = array();
			foreach ( $batch as $k => $row ) {
				if ( ! isset( $queue[ $qi ] ) ) {
					if ( $first ) {
						$first = false;
					} else {
						$extra->next();
					}
					if ( ! $extra->valid() ) {
						throw new Backup_Layout( 'extra ended' );
					}
					$queue = $extra->current();
					$qi    = 0;
					if ( ! array_is_list( $queue ) || ! $queue ) {
						throw new Backup_Layout( 'extra' );
					}
				}
				$x = $queue[ $qi++ ];
				if ( ! is_array( $row ) || ! is_array( $x ) || ! is_int( $row['id'] ?? null ) || ( $x['id'] ?? null ) !== $row['id'] ) {
					throw new Backup_Layout( 'ids' );
				}
				$x['_i'] = $at + $k;
				$pairs[] = array( $row, $x );
			}
			if ( ! $each( $batch, $pairs, $at ) ) {
				return;
			}
			$at += count( $batch );
		}
		if ( isset( $queue[ $qi ] ) ) {
			throw new Backup_Layout( 'extra longer' );
		}
		if ( $first ) {
			$extra->current(); // Runs it to its end (an empty list, or rows the engine part lacks).
			if ( $extra->valid() ) {
				throw new Backup_Layout( 'extra longer' );
			}
			return;
		}
		$extra->next();
		if ( $extra->valid() ) {
			throw new Backup_Layout( 'extra longer' );
		}
	}

	/**
	 * Adds a batch of the engine's rows to the dataset, as fromJson would.
	 *
	 * @param Dataset $dataset The dataset.
	 * @param string  $method  addPeople or addActivities.
	 * @param array[] $batch   The rows.
	 * @param int     $at      The position of the first in its list.
	 * @param array   $state   The run's state ("record" is set to the message when refused).
	 * @return bool Whether they were added.
	 */
	private static function engine_add( Dataset $dataset, string $method, array $batch, int $at, array &$state ): bool {
		try {
			$dataset->$method( $batch );
			return true;
		} catch ( InvalidRecord $e ) {
			// "people[3].admitted_on: …" of the batch: the row's position in the whole list instead.
			$state['record'] = (string) preg_replace_callback(
				'/^(people|activities)\[(\d+)\]/',
				static fn( array $m ) => $m[1] . '[' . ( $at + (int) $m[2] ) . ']',
				$e->getMessage()
			);
			return false;
		}
	}

	/**
	 * The result of a backup whose engine part breaks the engine's rules: that one error, as the
	 * whole-text check gives it.
	 *
	 * @param array  $state   The run's state.
	 * @param string $message The engine's message.
	 * @return array See run().
	 */
	private static function refused_record( array $state, string $message ): array {
		return array(
			/* translators: %s: the record and the problem, e.g. "people[3].admitted_on: …". */
			'errors'   => array( sprintf( __( 'A record of the backup breaks the rules (%s).', 'dangjian' ), $message ) ),
			'counts'   => array(),
			'rows'     => array(),
			'profile'  => null,
			'db_error' => $state['db_error'],
		);
	}

	/**
	 * Writes rows while nothing was refused and the database took every row so far.
	 *
	 * @param array   $state The run's state.
	 * @param string  $table The table.
	 * @param array[] $rows  The rows.
	 */
	private static function put( array &$state, string $table, array $rows ): void {
		if ( null === $state['write'] || ! $rows || $state['errors'] || null !== $state['db_error'] ) {
			return;
		}
		$state['db_error'] = ( $state['write'] )( $table, $rows );
	}
}

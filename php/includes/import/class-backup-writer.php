<?php
/**
 * Writes a backup as a stream: the engine's part, then the plugin's, row by row.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The writer of Backup's file (its format is described there). Reads every table in keyset batches
 * inside one consistent snapshot, so at 100,000 people and 1M activities PHP holds the engine's text
 * and one batch of rows, never the whole backup as arrays.
 */
final class Backup_Writer {

	/** The tail of a Dataset's JSON after its activities when it holds no headcount. */
	const NO_HEADCOUNT = '],"headcount":[]}';

	/**
	 * Writes the backup of the current site's records to a stream. Every table is read once, in
	 * keyset batches, inside one consistent snapshot of the database, so the engine part and the
	 * plugin part hold the same rows; a row the engine refuses is left out of both and listed under
	 * "skipped". The engine part is written batch by batch: each batch goes through a Dataset of its
	 * own (its people; its activities with their participants as bare people), whose toJson() is the
	 * batch's rows in the canonical bytes, so the part is Dataset::toJson() of the whole, byte for byte,
	 * while PHP holds one batch (and the ids of the people kept). The plugin part goes meanwhile to a
	 * temporary stream (on disk past 8 MB) and is copied after.
	 *
	 * @param resource $out A writable stream (a compress.zlib:// one for .json.gz).
	 * @throws \RuntimeException When the engine is missing or the database fails.
	 */
	public static function write( $out ): void {
		global $wpdb;
		if ( ! Engine::available() ) {
			throw new \RuntimeException( __( 'The Dangjian engine is not available: neither the dangjian extension nor php/fallback/ is loaded.', 'dangjian' ) );
		}
		$extra = fopen( 'php://temp/maxmemory:8388608', 'w+b' );
		$wpdb->query( 'START TRANSACTION WITH CONSISTENT SNAPSHOT' );
		try {
			$skipped = array(
				'people'     => array(),
				'activities' => array(),
			);
			$refused = static function ( string $table, int $id, InvalidRecord $e ) use ( &$skipped ): void {
				$skipped[ $table ][ $id ] = $e->getMessage();
			};
			$empty = ( new Dataset() )->toJson();
			self::put( $out, substr( $empty, 0, (int) strpos( $empty, '"people":[' ) + 10 ) );
			$counts = array(
				'people'       => 0,
				'activities'   => 0,
				'participants' => 0,
			);
			$kept   = self::write_people( $out, $extra, $refused, $counts );
			self::put( $out, '],"activities":[' );
			self::write_activities( $out, $extra, $kept, $refused, $counts );
			unset( $kept );
			self::put( $out, '],"headcount":[' . self::headcount_text() . ']' );
			$small = self::small_text( $counts );
			$meta = array(
				'plugin'  => defined( 'DANGJIAN_PLUGIN_VERSION' ) ? DANGJIAN_PLUGIN_VERSION : '',
				'schema'  => Schema::VERSION,
				'created' => gmdate( 'c' ),
				'site'    => home_url( '/' ),
				'skipped' => self::skipped_lines( $skipped ),
				'counts'  => $counts,
			);
			self::put( $out, ',"' . Backup::META_KEY . '":' . self::encode( $meta ) . ',"' . Backup::EXTRA_KEY . '":{' );
			rewind( $extra );
			while ( ! feof( $extra ) ) {
				$piece = (string) fread( $extra, 1 << 20 );
				if ( '' !== $piece ) {
					self::put( $out, $piece );
				}
			}
			self::put( $out, $small . '}}' );
		} finally {
			$wpdb->query( 'COMMIT' );
			fclose( $extra );
		}
	}

	/**
	 * Writes the people: the engine's rows to $out, the plugin's to $extra ("people":[…]).
	 *
	 * @param resource $out     The backup.
	 * @param resource $extra   The plugin part so far.
	 * @param callable $refused Notes a row the engine refuses.
	 * @param array    $counts  The rows written, by table.
	 * @return array<int,true> The ids of the people written.
	 */
	private static function write_people( $out, $extra, callable $refused, array &$counts ): array {
		$kept    = array();
		$columns = array_map( 'trim', explode( ',', Engine::PEOPLE_COLUMNS ) );
		$sep     = '';
		self::put( $extra, '"people":[' );
		foreach ( Backup_Rows::batches( 'people' ) as $rows ) {
			$engine = array();
			foreach ( $rows as $row ) {
				$engine[] = array_intersect_key( $row, array_flip( $columns ) );
			}
			$dataset = new Dataset();
			$before  = array();
			$refuse  = static function ( string $table, int $id, InvalidRecord $e ) use ( $refused, &$before ): void {
				$before[ $id ] = true;
				$refused( $table, $id, $e );
			};
			Engine_Build::add( $dataset, 'addPeople', 'people', $engine, $refuse );
			$text = self::rows_text( $dataset->toJson(), '"people":[', '],"activities":[' );
			unset( $dataset, $engine );
			$chunk = array();
			foreach ( $rows as $row ) {
				$id = (int) $row['id'];
				if ( ! isset( $before[ $id ] ) ) {
					$kept[ $id ] = true;
					$chunk[]     = self::encode( self::without( $row, Backup::ENGINE_COLUMNS['people'], array( 'id' => $id ) ) );
				}
			}
			if ( $chunk ) {
				self::put( $out, $sep . $text );
				self::put( $extra, $sep . implode( ',', $chunk ) );
				$sep                = ',';
				$counts['people'] += count( $chunk );
			}
		}
		return $kept;
	}

	/**
	 * Writes the activities: the engine's rows (with their participants) to $out, the plugin's to
	 * $extra (,"activities":[…]).
	 *
	 * @param resource        $out     The backup.
	 * @param resource        $extra   The plugin part so far.
	 * @param array<int,true> $kept    The ids of the people written.
	 * @param callable        $refused Notes a row the engine refuses.
	 * @param array           $counts  The rows written, by table.
	 */
	private static function write_activities( $out, $extra, array $kept, callable $refused, array &$counts ): void {
		global $wpdb;
		$links   = Schema::table( 'participants' );
		$columns = array();
		foreach ( array_map( 'trim', explode( ',', Engine::ACTIVITY_COLUMNS ) ) as $c ) {
			$parts               = explode( ' AS ', $c );
			$columns[ $parts[0] ] = $parts[1] ?? $parts[0];
		}
		$sep = '';
		self::put( $extra, '],"activities":[' );
		foreach ( Backup_Rows::batches( 'activities' ) as $rows ) {
			$parts = Engine_Build::query(
				$wpdb->prepare(
					"SELECT activity_id, person_id, hours FROM {$links} WHERE activity_id >= %d AND activity_id <= %d ORDER BY activity_id, id",
					(int) $rows[0]['id'],
					(int) $rows[ count( $rows ) - 1 ]['id']
				)
			);
			$engine  = array();
			$people  = array();
			$inherit = array();
			foreach ( $rows as $row ) {
				$e = array();
				foreach ( $columns as $column => $key ) {
					$e[ $key ] = $row[ $column ] ?? null;
				}
				$engine[] = $e;
			}
			foreach ( $parts as $link ) {
				$pid = (int) $link['person_id'];
				if ( isset( $kept[ $pid ] ) ) {
					$people[ $pid ] = array( 'id' => $pid );
				}
				if ( null === $link['hours'] ) {
					$inherit[ (int) $link['activity_id'] ][] = $pid;
				}
			}
			$dataset = new Dataset();
			if ( $people ) {
				$dataset->addPeople( array_values( $people ) );
			}
			$before = array();
			$refuse = static function ( string $table, int $id, InvalidRecord $e ) use ( $refused, &$before ): void {
				$before[ $id ] = true;
				$refused( $table, $id, $e );
			};
			Engine_Build::add( $dataset, 'addActivities', 'activities', Engine_Build::attach( $engine, $parts ), $refuse );
			$n_parts = (int) $dataset->counts()['participations'];
			$text    = self::rows_text( $dataset->toJson(), '],"activities":[', self::NO_HEADCOUNT );
			unset( $dataset, $engine, $people, $parts );
			$chunk = array();
			foreach ( $rows as $row ) {
				$id = (int) $row['id'];
				if ( isset( $before[ $id ] ) ) {
					continue;
				}
				$item                  = self::without( $row, Backup::ENGINE_COLUMNS['activities'], array( 'id' => $id ) );
				$item['inherit_hours'] = $inherit[ $id ] ?? array();
				$chunk[]               = self::encode( $item );
			}
			if ( $chunk ) {
				self::put( $out, $sep . $text );
				self::put( $extra, $sep . implode( ',', $chunk ) );
				$sep                         = ',';
				$counts['activities']   += count( $chunk );
				$counts['participants'] += $n_parts;
			}
		}
		self::put( $extra, ']' );
	}

	/**
	 * The rows of a list of a Dataset's JSON: the text between a marker and a tail.
	 *
	 * @param string $json   The Dataset's JSON.
	 * @param string $marker What comes just before the list's first row.
	 * @param string $tail   What comes just after its last row (searched from the end).
	 */
	private static function rows_text( string $json, string $marker, string $tail ): string {
		$start = strpos( $json, $marker );
		$end   = strrpos( $json, $tail );
		if ( false === $start || false === $end || $end < $start + strlen( $marker ) ) {
			throw new \RuntimeException( 'Dangjian: the engine\'s JSON is not laid out as expected.' );
		}
		$start += strlen( $marker );
		return substr( $json, $start, $end - $start );
	}

	/**
	 * The engine's headcount rows (a refused headcount refuses the backup: it has no row to leave out).
	 */
	private static function headcount_text(): string {
		$headcount = Schema::table( 'headcount' );
		$points    = Engine_Build::query( "SELECT point_date AS date, staff_count AS count FROM {$headcount} ORDER BY point_date" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		if ( ! $points ) {
			return '';
		}
		$dataset = new Dataset();
		$dataset->setHeadcount( $points );
		$json = $dataset->toJson();
		return self::rows_text( $json, '],"headcount":[', ']}' );
	}

	/**
	 * The plugin part's small lists (",\"headcount\":[…],…,\"profile\":{…}"): the headcount's notes,
	 * the tables the engine does not hold, the branch's profile; their rows counted.
	 *
	 * @param array $counts The rows, by table.
	 */
	private static function small_text( array &$counts ): string {
		$headcount = array();
		foreach ( Backup_Rows::batches( 'headcount' ) as $rows ) {
			foreach ( $rows as $row ) {
				$headcount[] = array(
					'id'    => (int) $row['id'],
					'date'  => $row['point_date'],
					'notes' => (string) $row['notes'],
				);
			}
		}
		$counts['headcount'] = count( $headcount );
		$text                = ',"headcount":' . self::encode( $headcount );
		foreach ( array_keys( Backup::DATED_TABLES ) as $table ) {
			$list = array();
			foreach ( Backup_Rows::batches( $table ) as $rows ) {
				foreach ( $rows as $row ) {
					$row['id'] = (int) $row['id'];
					$list[]    = self::encode( $row );
				}
			}
			$counts[ $table ] = count( $list );
			$text            .= ',"' . $table . '":[' . implode( ',', $list ) . ']';
		}
		// The branch's profile (Settings → 支部概况): a restored site keeps its name and founding date.
		return $text . ',"profile":' . self::encode( Profile::get() );
	}

	/**
	 * JSON as the backup writes it (UTF-8 and slashes unescaped).
	 *
	 * @param mixed $value The value.
	 */
	private static function encode( $value ): string {
		return (string) wp_json_encode( $value, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
	}

	/**
	 * Writes text to a stream, all of it.
	 *
	 * @param resource $out    The stream.
	 * @param string   $text   The text.
	 * @param int|null $length How much of its start to write (all of it when null).
	 * @throws \RuntimeException When the stream takes nothing more (a full disk).
	 */
	private static function put( $out, string $text, ?int $length = null ): void {
		$length = $length ?? strlen( $text );
		for ( $done = 0; $done < $length; $done += $n ) {
			// fwrite() of a length writes the text's start without copying it; a compressed stream may take less a call.
			$n = fwrite( $out, 0 === $done ? $text : substr( $text, $done, $length - $done ), $length - $done );
			if ( ! $n ) {
				throw new \RuntimeException( __( 'The backup could not be written whole (is the disk full?).', 'dangjian' ) );
			}
		}
	}

	/**
	 * The lines of the backup's "skipped" list: the rows the engine refused, left out of both parts.
	 *
	 * @param array $skipped 'people' / 'activities' => id => message.
	 * @return string[]
	 */
	private static function skipped_lines( array $skipped ): array {
		$lines = array();
		foreach ( $skipped as $table => $rows ) {
			foreach ( $rows as $id => $message ) {
				/* translators: 1: a table, 2: an id, 3: the engine's message. */
				$lines[] = sprintf( __( '%1$s %2$d breaks the engine\'s rules and is not in this backup: %3$s', 'dangjian' ), $table, $id, $message );
			}
		}
		return $lines;
	}

	/**
	 * A row without some columns, with others set.
	 *
	 * @param array $row  The row.
	 * @param array $drop Columns to leave out.
	 * @param array $set  Columns to set first.
	 */
	private static function without( array $row, array $drop, array $set ): array {
		return $set + array_diff_key( $row, array_flip( $drop ) );
	}
}

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

	/**
	 * Writes the backup of the current site's records to a stream. Every table is read inside one
	 * consistent snapshot of the database, so the engine part and the plugin part hold the same
	 * rows; a row the engine refuses is left out of both and listed under "skipped".
	 *
	 * @param resource $out A writable stream (a compress.zlib:// one for .json.gz).
	 * @throws \RuntimeException When the engine is missing or the database fails.
	 */
	public static function write( $out ): void {
		global $wpdb;
		if ( ! Engine::available() ) {
			throw new \RuntimeException( __( 'The Dangjian engine is not available: neither the dangjian extension nor php/fallback/ is loaded.', 'dangjian' ) );
		}
		$wpdb->query( 'START TRANSACTION WITH CONSISTENT SNAPSHOT' );
		try {
			$skipped = array();
			$dataset = Backup_Rows::build( $skipped );
			$engine  = $dataset->toJson();
			unset( $dataset );
			// Everything but its closing brace (and any white space after it), written from the text
			// itself: at 1M activities a substr() would be a second copy of a few hundred MB.
			$end = strlen( $engine );
			while ( $end > 0 && '}' !== $engine[ $end - 1 ] ) {
				--$end;
			}
			self::put( $out, $engine, $end - 1 );
			unset( $engine );
			$meta  = array(
				'plugin'  => defined( 'DANGJIAN_PLUGIN_VERSION' ) ? DANGJIAN_PLUGIN_VERSION : '',
				'schema'  => Schema::VERSION,
				'created' => gmdate( 'c' ),
				'site'    => home_url( '/' ),
				'skipped' => self::skipped_lines( $skipped ),
			);
			self::put( $out, ',"' . Backup::META_KEY . '":' . self::encode( $meta ) . ',"' . Backup::EXTRA_KEY . '":{' );
			self::write_extra( $out, $skipped );
			self::put( $out, '}}' );
		} finally {
			$wpdb->query( 'COMMIT' );
		}
	}

	/**
	 * Writes the plugin part's lists, row by row, without the rows the engine refused.
	 *
	 * @param resource $out     The stream.
	 * @param array    $skipped 'people' / 'activities' => id => message.
	 */
	private static function write_extra( $out, array $skipped ): void {
		$links = Schema::table( 'participants' );
		self::put( $out, '"people":[' );
		$sep = '';
		foreach ( Backup_Rows::batches( 'people' ) as $rows ) {
			$chunk = array();
			foreach ( $rows as $row ) {
				if ( ! isset( $skipped['people'][ (int) $row['id'] ] ) ) {
					$chunk[] = self::encode( self::without( $row, Backup::ENGINE_COLUMNS['people'], array( 'id' => (int) $row['id'] ) ) );
				}
			}
			if ( $chunk ) {
				self::put( $out, $sep . implode( ',', $chunk ) );
				$sep = ',';
			}
		}
		self::put( $out, '],"activities":[' );
		$sep = '';
		foreach ( Backup_Rows::batches( 'activities' ) as $rows ) {
			$inherit = array();
			$query   = "SELECT activity_id, person_id FROM {$links} WHERE hours IS NULL AND activity_id >= %d AND activity_id <= %d ORDER BY activity_id, id";
			foreach ( Engine_Build::query( $GLOBALS['wpdb']->prepare( $query, (int) $rows[0]['id'], (int) $rows[ count( $rows ) - 1 ]['id'] ) ) as $link ) {
				$inherit[ (int) $link['activity_id'] ][] = (int) $link['person_id'];
			}
			$chunk = array();
			foreach ( $rows as $row ) {
				if ( isset( $skipped['activities'][ (int) $row['id'] ] ) ) {
					continue;
				}
				$item                  = self::without( $row, Backup::ENGINE_COLUMNS['activities'], array( 'id' => (int) $row['id'] ) );
				$item['inherit_hours'] = $inherit[ (int) $row['id'] ] ?? array();
				$chunk[]               = self::encode( $item );
			}
			if ( $chunk ) {
				self::put( $out, $sep . implode( ',', $chunk ) );
				$sep = ',';
			}
		}
		self::put( $out, '],"headcount":' );
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
		self::put( $out, self::encode( $headcount ) );
		foreach ( array_keys( Backup::DATED_TABLES ) as $table ) {
			$list = array();
			foreach ( Backup_Rows::batches( $table ) as $rows ) {
				foreach ( $rows as $row ) {
					$row['id'] = (int) $row['id'];
					$list[]    = self::encode( $row );
				}
			}
			self::put( $out, ',"' . $table . '":[' . implode( ',', $list ) . ']' );
		}
		// The branch's profile (Settings → 支部概况): a restored site keeps its name and founding date.
		self::put( $out, ',"profile":' . self::encode( Profile::get() ) );
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

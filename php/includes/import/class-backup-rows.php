<?php
/**
 * The rows of a backup read in keyset batches, and the forms' checks of a backup's rows.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * A backup reads the tables once, in keyset batches, inside one consistent snapshot of the database
 * (START TRANSACTION WITH CONSISTENT SNAPSHOT), so its engine part and its plugin part come from the
 * same rows; the ids the engine refused are listed and left out of the plugin part too.
 */
final class Backup_Rows {

	/** Rows read per query. */
	const BATCH = 5000;

	/**
	 * A table's rows in keyset batches (id > last ORDER BY id LIMIT n).
	 *
	 * @param string $table   A table of Schema::TABLES.
	 * @param string $columns The columns (with id).
	 * @param string $where   More conditions (SQL, prepared).
	 * @return \Generator<array[]>
	 */
	public static function batches( string $table, string $columns = '*', string $where = '' ): \Generator {
		global $wpdb;
		$name = Schema::table( $table );
		$last = 0;
		/**
		 * Filters how many rows a backup reads per query (default 5,000): the most rows it holds at once.
		 *
		 * @param int $batch Rows per batch.
		 */
		$batch = max( 1, (int) apply_filters( 'dangjian_backup_batch', self::BATCH ) );
		do {
			$rows = Engine_Build::query( $wpdb->prepare( "SELECT {$columns} FROM {$name} WHERE id > %d {$where} ORDER BY id LIMIT %d", $last, $batch ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$n    = count( $rows );
			if ( $n ) {
				$last = (int) $rows[ $n - 1 ]['id'];
				yield $rows;
			}
		} while ( $batch === $n );
	}

	/**
	 * Checks a row of a backup as the record's form does (Validator: required fields, lengths, dates,
	 * coded values, e-mail, phone and web addresses, and the engine's rules of a person); each
	 * problem is reported naming the table, the row (its position and id) and the field.
	 *
	 * @param string   $entity The record's kind (people, activities, media, honours, investments, benefits, plans).
	 * @param array    $row    The row as it will be written (column => value).
	 * @param int      $i      Its position in the backup's list.
	 * @param callable $err    Records an error ( path, what ).
	 * @return bool Whether it passed.
	 */
	public static function check_record( string $entity, array $row, int $i, callable $err ): bool {
		static $forms = array();
		$key          = $entity . '|' . determine_locale();
		$forms[ $key ] ??= Fields::form( $entity ); // Worked out once, not once a row of a million.
		$values         = array();
		foreach ( $forms[ $key ] as $name => $spec ) {
			if ( 'participants' === $spec['type'] ) {
				$values[ $name ] = array(); // Checked by the engine's part (Dataset::fromJson): people that exist, each once.
				continue;
			}
			$value = $row[ $name ] ?? '';
			if ( 'amount' === $spec['type'] && is_string( $value ) && '' !== $value ) {
				$value = Amount::trim( $value );
			}
			$values[ $name ] = null === $value ? '' : (string) $value;
		}
		$problems = Validator::validate( $entity, $values, -1 );
		foreach ( $problems as $field => $message ) {
			$err( self::where( $entity, $i, (int) ( $row['id'] ?? 0 ), (string) $field ) . ' [' . Backup::EXTRA_KEY . ".{$entity}[{$i}].{$field}]", $message );
		}
		return ! $problems;
	}

	/**
	 * Where a problem is: "people, row 3 (id 12), field email".
	 *
	 * @param string $table The table.
	 * @param int    $i     The row's position (0-based) in the backup's list.
	 * @param int    $id    Its id (0: none).
	 * @param string $field The field ('' for the row as a whole).
	 */
	public static function where( string $table, int $i, int $id, string $field ): string {
		$row = $id > 0
			/* translators: 1: a table, 2: a row number (from 1), 3: the row's id. */
			? sprintf( __( '%1$s, row %2$d (id %3$d)', 'dangjian' ), $table, $i + 1, $id )
			/* translators: 1: a table, 2: a row number (from 1). */
			: sprintf( __( '%1$s, row %2$d', 'dangjian' ), $table, $i + 1 );
		/* translators: 1: the table and row, 2: a field's name. */
		return '' === $field ? $row : sprintf( __( '%1$s, field %2$s', 'dangjian' ), $row, $field );
	}
}

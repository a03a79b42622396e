<?php
/**
 * CSV import of people and activities: read (any encoding Excel writes), map the columns, check every
 * row with the engine's rules, report each error by spreadsheet row and column, and write all rows in
 * one transaction or none.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The import itself, shared by the admin page (class-import-admin.php) and WP-CLI (class-cli.php).
 *
 * The spreadsheets (documented on the admin page and in the README):
 *  - people: one person a row; the column 姓名/name is required, the others optional (see
 *    Import_Vocabulary::columns). Without an ID column the people get new IDs.
 *  - activities: one activity a row; 日期/date and 类型/kind are required; 类别/category may be left
 *    out for the kinds of DOMAIN.md. The column 参与人员/participants lists the people who took part,
 *    by name or by ID, separated by 、 , ; or a line break, each with its own hours in brackets when
 *    they differ from the activity's: "张三、李四(1.5)、#12（2）".
 *
 * Rows are numbered as the spreadsheet shows them: the header is row 1, the first record row 2.
 * A report (self::analyse, self::commit) is an array:
 *   type, encoding, delimiter, columns [{index, letter, header, field|null}], total (data rows),
 *   records [{row, values (field => display text), db (table row), engine (engine row)}],
 *   errors [{row, column, message}] (row 0: the file as a whole), imported (rows written).
 */
final class Import {

	/** The largest file accepted, in bytes. */
	const MAX_BYTES = 10485760;

	/** Rows per INSERT statement. */
	const INSERT_CHUNK = 500;

	/** The spreadsheet types. */
	const TYPES = Fields::SHEETS;

	/**
	 * The spreadsheet types with their names in the site's language.
	 *
	 * @return array<string,string>
	 */
	public static function type_labels(): array {
		return array(
			'people'      => __( 'People', 'dangjian' ),
			'activities'  => __( 'Activities (service and meetings, with participants)', 'dangjian' ),
			'investments' => __( 'Facility investment', 'dangjian' ),
			'benefits'    => __( 'Staff benefits', 'dangjian' ),
			'plans'       => __( 'Development plans', 'dangjian' ),
		);
	}

	/**
	 * Reads and checks a file without writing anything.
	 *
	 * @param string        $type     "people" or "activities".
	 * @param string        $bytes    The file's content.
	 * @param callable|null $progress Called with the number of rows checked so far (for progress bars).
	 * @return array The report (see the class comment); nothing is written.
	 */
	public static function analyse( string $type, string $bytes, ?callable $progress = null ): array {
		$report = self::parse( $type, $bytes );
		if ( ! $report['errors'] || self::only_value_errors( $report ) ) {
			Import_Checks::run( $report, $progress );
		}
		self::sort_errors( $report );
		return $report;
	}

	/**
	 * Reads, checks and, when no row has an error, writes every row in one transaction.
	 *
	 * A file with any error writes nothing. The data version is bumped after the COMMIT.
	 *
	 * @param string        $type     "people" or "activities".
	 * @param string        $bytes    The file's content.
	 * @param callable|null $progress Called with ( $done, $phase ) as rows are checked ("check") and written ("write").
	 * @return array The report; 'imported' is the number of rows written (0 when refused).
	 */
	public static function commit( string $type, string $bytes, ?callable $progress = null ): array {
		global $wpdb;
		$report = self::parse( $type, $bytes );
		if ( $report['errors'] && ! self::only_value_errors( $report ) ) {
			self::sort_errors( $report );
			return $report;
		}
		$not_innodb = self::non_transactional_tables();
		if ( $not_innodb ) {
			$report['errors'][] = self::error(
				0,
				'',
				/* translators: %s: table names. */
				sprintf( __( 'The tables %s do not support transactions (they must use InnoDB), so an all-or-nothing import is impossible.', 'dangjian' ), implode( ', ', $not_innodb ) )
			);
			return $report;
		}

		if ( Records::restore_running() ) {
			$report['errors'][] = self::error( 0, '', Records::restore_running_text() );
			return $report;
		}
		$wpdb->query( 'START TRANSACTION' );
		// Lock the rows the new IDs follow, so that two imports at once cannot take the same IDs.
		$wpdb->get_var( 'SELECT MAX(id) FROM ' . Schema::table( $type ) . ' FOR UPDATE' ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
		$check = null === $progress ? null : static function ( $done ) use ( $progress ) {
			$progress( $done, 'check' );
		};
		Import_Checks::run( $report, $check );
		self::sort_errors( $report );
		if ( $report['errors'] ) {
			$wpdb->query( 'ROLLBACK' );
			return $report;
		}
		$error = self::write( $report, $progress );
		if ( null !== $error ) {
			$wpdb->query( 'ROLLBACK' );
			$report['errors'][] = self::error(
				0,
				'',
				/* translators: %s: the database's error message. */
				sprintf( __( 'The database refused the import, so nothing was imported: %s', 'dangjian' ), $error )
			);
			return $report;
		}
		if ( false === $wpdb->query( 'COMMIT' ) ) {
			$wpdb->query( 'ROLLBACK' );
			$report['errors'][] = self::error( 0, '', __( 'The database could not commit the import, so nothing was imported.', 'dangjian' ) );
			return $report;
		}
		$report['imported'] = count( $report['records'] );
		$report['counts']   = Import_Update::status_counts( $report );
		Data_Version::bump();
		/**
		 * Fires after a CSV import was committed.
		 *
		 * @param string $type     "people" or "activities".
		 * @param int    $imported The rows written.
		 */
		do_action( 'dangjian_imported', $type, $report['imported'] );
		return $report;
	}

	/**
	 * The plugin's tables whose storage engine has no transactions (the import needs InnoDB).
	 *
	 * @return string[] Table names; empty when all are transactional.
	 */
	public static function non_transactional_tables(): array {
		global $wpdb;
		$names = array();
		foreach ( Schema::TABLES as $t ) {
			$names[] = Schema::table( $t );
		}
		$in   = implode( ',', array_fill( 0, count( $names ), '%s' ) );
		$rows = $wpdb->get_results(
			$wpdb->prepare( "SELECT TABLE_NAME AS t, ENGINE AS e FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ($in)", $names ), // phpcs:ignore WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare
			ARRAY_A
		);
		$bad = array();
		foreach ( (array) $rows as $row ) {
			if ( ! in_array( strtolower( (string) $row['e'] ), array( 'innodb', 'xtradb' ), true ) ) {
				$bad[] = $row['t'];
			}
		}
		return $bad;
	}

	/* ------------------------------------------------------------------ reading */

	/**
	 * Reads the file, maps its columns and parses every cell; adds the errors that need no database.
	 *
	 * @param string $type  "people" or "activities".
	 * @param string $bytes The file.
	 */
	public static function parse( string $type, string $bytes ): array {
		if ( ! in_array( $type, self::TYPES, true ) ) {
			throw new \InvalidArgumentException( 'unknown import type ' . $type ); // A programming error.
		}
		$report = array(
			'type'      => $type,
			'encoding'  => '',
			'delimiter' => ',',
			'columns'   => array(),
			'total'     => 0,
			'records'   => array(),
			'errors'    => array(),
			'imported'  => 0,
		);
		if ( strlen( $bytes ) > self::MAX_BYTES ) {
			/* translators: %s: a size such as "10 MB". */
			$report['errors'][] = self::error( 0, '', sprintf( __( 'The file is larger than %s.', 'dangjian' ), size_format( self::MAX_BYTES ) ) );
			return $report;
		}
		$decoded = Csv_Reader::decode( $bytes );
		if ( null === $decoded ) {
			$report['errors'][] = self::error( 0, '', __( 'The file is neither UTF-8 nor GBK/GB18030 text. Save it from Excel as "CSV UTF-8" or "CSV" and upload it again.', 'dangjian' ) );
			return $report;
		}
		list( $text, $report['encoding'] ) = $decoded;
		list( $report['delimiter'], $rows ) = Csv_Reader::split_csv( $text );
		while ( $rows && Csv_Reader::blank( end( $rows ) ) ) {
			array_pop( $rows );
		}
		if ( ! $rows ) {
			$report['errors'][] = self::error( 0, '', __( 'The file is empty.', 'dangjian' ) );
			return $report;
		}

		// The header row: each column to a field.
		$columns = Import_Vocabulary::columns( $type );
		$lookup  = array();
		foreach ( $columns as $field => $def ) {
			foreach ( array_merge( array( $field, $def['label'] ), $def['aliases'] ) as $word ) {
				$lookup[ Import_Vocabulary::normalise_header( $word ) ] = $field;
			}
		}
		$seen = array();
		foreach ( $rows[0] as $i => $header ) {
			$key   = Import_Vocabulary::normalise_header( $header );
			$field = $lookup[ $key ] ?? null;
			if ( 'stage' === $field ) {
				$field = null; // Written by the export, derived from the dates: never imported.
			}
			$report['columns'][] = array(
				'index'  => $i,
				'letter' => Csv_Reader::letter( $i ),
				'header' => Import_Vocabulary::trim( $header ),
				'field'  => $field,
			);
			if ( null === $field ) {
				continue;
			}
			if ( isset( $seen[ $field ] ) ) {
				$report['errors'][] = self::error(
					1,
					self::column_name( $report, $i ),
					/* translators: 1: a column header, 2: another column's letter. */
					sprintf( __( 'This column means the same as column %2$s (%1$s); keep one of them.', 'dangjian' ), $columns[ $field ]['label'], Csv_Reader::letter( $seen[ $field ] ) )
				);
				continue;
			}
			$seen[ $field ] = $i;
		}
		foreach ( $columns as $field => $def ) {
			if ( ! empty( $def['required'] ) && ! isset( $seen[ $field ] ) ) {
				$report['errors'][] = self::error(
					1,
					'',
					/* translators: 1: the column's name in the site's language, 2: its other names. */
					sprintf( __( 'The required column %1$s is missing (accepted headers: %2$s).', 'dangjian' ), $def['label'], implode( ', ', array_unique( array_merge( array( $field ), $def['aliases'] ) ) ) )
				);
			}
		}
		if ( $report['errors'] ) {
			return $report;
		}

		// The records.
		$report['field_columns'] = $seen;
		$count                   = count( $rows );
		for ( $r = 1; $r < $count; $r++ ) {
			if ( Csv_Reader::blank( $rows[ $r ] ) ) {
				continue;
			}
			++$report['total'];
			$cells = array();
			foreach ( $seen as $field => $i ) {
				$cells[ $field ] = isset( $rows[ $r ][ $i ] ) ? (string) $rows[ $r ][ $i ] : '';
			}
			$record = array(
				'row'    => $r + 1,
				'cells'  => $cells,
				'values' => array(),
			);
			foreach ( $cells as $field => $cell ) {
				$parsed = Import_Cells::cell( $columns[ $field ], $cell );
				if ( is_array( $parsed ) && isset( $parsed['error'] ) ) {
					$report['errors'][] = self::error( $r + 1, self::column_name( $report, $seen[ $field ] ), $parsed['error'] );
					$record['bad'][ $field ] = true;
					continue;
				}
				$record['values'][ $field ] = $parsed;
			}
			foreach ( $columns as $field => $def ) {
				if ( ! empty( $def['required'] ) && empty( $record['bad'][ $field ] ) && ( ! isset( $record['values'][ $field ] ) || null === $record['values'][ $field ] || '' === $record['values'][ $field ] ) ) {
					$report['errors'][] = self::error( $r + 1, self::column_name( $report, $seen[ $field ] ), __( 'This cell is required.', 'dangjian' ) );
					$record['bad'][ $field ] = true;
				}
			}
			$report['records'][] = $record;
		}
		if ( ! $report['records'] ) {
			$report['errors'][] = self::error( 0, '', __( 'The file has a header row but no data rows.', 'dangjian' ) );
		}
		return $report;
	}

	/**
	 * Whether every error so far is about a cell (so the rows are still worth checking further).
	 *
	 * @param array $report The report.
	 */
	private static function only_value_errors( array $report ): bool {
		if ( ! $report['records'] ) {
			return false;
		}
		foreach ( $report['errors'] as $e ) {
			if ( $e['row'] < 2 ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The name of a column in a message: its header and its letter, "出生日期 (D)".
	 *
	 * @param array $report The report.
	 * @param int   $index  The 0-based column.
	 */
	public static function column_name( array $report, int $index ): string {
		$header = $report['columns'][ $index ]['header'] ?? '';
		return ( '' === $header ? '' : $header . ' ' ) . '(' . Csv_Reader::letter( $index ) . ')';
	}

	/**
	 * One error.
	 *
	 * @param int    $row     The spreadsheet row (1 is the header, 0 the file as a whole).
	 * @param string $column  The column ("出生日期 (D)") or ''.
	 * @param string $message What is wrong, in the site's language.
	 */
	public static function error( int $row, string $column, string $message ): array {
		return array(
			'row'     => $row,
			'column'  => $column,
			'message' => $message,
		);
	}

	/**
	 * Sorts the errors by row, keeping their order within a row.
	 *
	 * @param array $report The report.
	 */
	private static function sort_errors( array &$report ): void {
		$i = 0;
		foreach ( $report['errors'] as &$e ) {
			$e['seq'] = $i++;
		}
		unset( $e );
		usort( $report['errors'], static fn( $a, $b ) => array( $a['row'], $a['seq'] ) <=> array( $b['row'], $b['seq'] ) );
		foreach ( $report['errors'] as &$e ) {
			unset( $e['seq'] );
		}
		unset( $e );
	}

	/* ------------------------------------------------------------------ writing */

	/**
	 * Writes the checked rows (inside the caller's transaction).
	 *
	 * @param array         $report   The checked report.
	 * @param callable|null $progress Called with ( $done, 'write' ).
	 * @return string|null The database's error, or null when every row was written.
	 */
	private static function write( array $report, ?callable $progress ): ?string {
		global $wpdb;
		$new   = array_filter( $report['records'], static fn( $rec ) => 'new' === ( $rec['status'] ?? 'new' ) );
		$rows  = array_column( $new, 'db' );
		$table = Schema::table( $report['type'] );
		$done  = 0;
		// Rows with an id already recorded update it (only when something changed).
		foreach ( $report['records'] as $rec ) {
			if ( 'changed' !== ( $rec['status'] ?? 'new' ) ) {
				continue;
			}
			$db = array_intersect_key( $rec['db'], array_flip( self::table_columns( $table ) ) );
			unset( $db['id'] );
			if ( false === $wpdb->update( $table, $db, array( 'id' => $rec['db']['id'] ) ) ) {
				return (string) $wpdb->last_error;
			}
			if ( 'activities' === $report['type'] && null !== $rec['links'] ) {
				if ( false === $wpdb->delete( Schema::table( 'participants' ), array( 'activity_id' => $rec['db']['id'] ) ) ) {
					return (string) $wpdb->last_error;
				}
				$new[] = $rec; // Its participants are written again below.
			}
			++$done;
		}
		foreach ( array_chunk( $rows, self::INSERT_CHUNK ) as $chunk ) {
			$error = self::insert_rows( $table, $chunk );
			if ( null !== $error ) {
				return $error;
			}
			$done += count( $chunk );
			if ( null !== $progress ) {
				$progress( $done, 'write' );
			}
		}
		if ( 'activities' === $report['type'] ) {
			$links = array();
			foreach ( $new as $rec ) {
				foreach ( (array) $rec['links'] as $link ) {
					$links[] = array(
						'activity_id' => $rec['db']['id'],
						'person_id'   => $link['person_id'],
						'hours'       => $link['hours'],
					);
				}
			}
			foreach ( array_chunk( $links, self::INSERT_CHUNK ) as $chunk ) {
				$error = self::insert_rows( Schema::table( 'participants' ), $chunk );
				if ( null !== $error ) {
					return $error;
				}
			}
		}
		return null;
	}

	/**
	 * One multi-row INSERT; null values are written as NULL.
	 *
	 * @param string  $table The table.
	 * @param array[] $rows  Rows with the same keys.
	 * @return string|null The database's error, or null.
	 */
	public static function insert_rows( string $table, array $rows ): ?string {
		global $wpdb;
		if ( ! $rows ) {
			return null;
		}
		$columns = array_values( array_intersect( array_keys( $rows[0] ), self::table_columns( $table ) ) );
		$values  = array();
		foreach ( $rows as $row ) {
			$cells = array();
			foreach ( $columns as $c ) {
				$v       = $row[ $c ];
				$cells[] = null === $v ? 'NULL' : ( is_int( $v ) ? (string) $v : ( is_bool( $v ) ? ( $v ? '1' : '0' ) : $wpdb->prepare( '%s', (string) $v ) ) );
			}
			$values[] = '(' . implode( ',', $cells ) . ')';
		}
		$sql = 'INSERT INTO ' . $table . ' (' . implode( ',', $columns ) . ') VALUES ' . implode( ',', $values );
		if ( false === $wpdb->query( $sql ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Each value is prepared above.
			return '' !== $wpdb->last_error ? $wpdb->last_error : 'INSERT failed';
		}
		return null;
	}

	/**
	 * The columns a table has (a column a newer schema adds is written only where it exists).
	 *
	 * @param string $table The table.
	 * @return string[]
	 */
	public static function table_columns( string $table ): array {
		global $wpdb;
		static $cache = array();
		if ( ! isset( $cache[ $table ] ) ) {
			$cache[ $table ] = array_map( 'strval', (array) $wpdb->get_col( "SHOW COLUMNS FROM {$table}" ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The plugin's own table.
		}
		return $cache[ $table ];
	}

	/* ------------------------------------------------------------------ display */

	/**
	 * A record's values as the preview shows them (labels in the site's language).
	 *
	 * @param string $type   "people" or "activities".
	 * @param array  $record A record of the report.
	 * @return array<string,string> field => text.
	 */
	public static function display( string $type, array $record ): array {
		$out = array();
		foreach ( $record['cells'] as $field => $cell ) {
			if ( ! array_key_exists( $field, $record['values'] ) ) {
				$out[ $field ] = $cell; // A bad cell: as written.
				continue;
			}
			$v = $record['values'][ $field ];
			switch ( $field ) {
				case 'is_staff':
					$out[ $field ] = Import_Vocabulary::bool_label( (bool) $v );
					break;
				case 'gender':
					$out[ $field ] = Import_Vocabulary::gender_label( (string) $v );
					break;
				case 'left_reason':
					$out[ $field ] = Import_Vocabulary::left_reason_label( $v );
					break;
				case 'category':
					$out[ $field ] = null === $v ? '' : Import_Vocabulary::category_label( $v );
					break;
				case 'kind':
					$out[ $field ] = null === $v ? '' : Import_Vocabulary::kind_label( $v );
					break;
				case 'venue_kind':
					$out[ $field ] = Import_Vocabulary::venue_kind_label( (string) $v );
					break;
				case 'participants':
					$parts = array();
					foreach ( (array) $v as $p ) {
						$parts[] = $p['who'] . ( null === $p['hours'] ? '' : ' (' . $p['hours'] . ')' );
					}
					$out[ $field ] = implode( '、', $parts );
					break;
				default:
					$out[ $field ] = null === $v ? '' : (string) $v;
			}
		}
		if ( 'activities' === $type && isset( $record['engine']['category'] ) && ! isset( $out['category'] ) ) {
			$out['category'] = Import_Vocabulary::category_label( $record['engine']['category'] );
		}
		return $out;
	}
}

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
	const TYPES = array( 'people', 'activities' );

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
			self::validate( $report, $progress );
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

		$wpdb->query( 'START TRANSACTION' );
		// Lock the rows the new IDs follow, so that two imports at once cannot take the same IDs.
		$wpdb->get_var( 'SELECT MAX(id) FROM ' . Schema::table( $type ) . ' FOR UPDATE' ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
		$check = null === $progress ? null : static function ( $done ) use ( $progress ) {
			$progress( $done, 'check' );
		};
		self::validate( $report, $check );
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
	 * Decodes a file to UTF-8: UTF-8 with or without a BOM, UTF-16 with a BOM (Excel's "Unicode text"),
	 * else GB18030 (a superset of GBK, what Excel in China saves as CSV).
	 *
	 * @param string $bytes The file.
	 * @return array{0:string,1:string}|null [text, encoding name], or null when it is none of these.
	 */
	public static function decode( string $bytes ): ?array {
		if ( str_starts_with( $bytes, "\xEF\xBB\xBF" ) ) {
			$text = substr( $bytes, 3 );
			return mb_check_encoding( $text, 'UTF-8' ) ? array( $text, 'UTF-8 (BOM)' ) : null;
		}
		if ( str_starts_with( $bytes, "\xFF\xFE" ) || str_starts_with( $bytes, "\xFE\xFF" ) ) {
			$enc = str_starts_with( $bytes, "\xFF\xFE" ) ? 'UTF-16LE' : 'UTF-16BE';
			$raw = substr( $bytes, 2 );
			if ( ! mb_check_encoding( $raw, $enc ) ) {
				return null;
			}
			return array( mb_convert_encoding( $raw, 'UTF-8', $enc ), $enc );
		}
		if ( mb_check_encoding( $bytes, 'UTF-8' ) ) {
			return array( $bytes, 'UTF-8' );
		}
		if ( mb_check_encoding( $bytes, 'GB18030' ) ) {
			$text = mb_convert_encoding( $bytes, 'UTF-8', 'GB18030' );
			if ( is_string( $text ) && mb_check_encoding( $text, 'UTF-8' ) ) {
				return array( $text, 'GB18030' );
			}
		}
		if ( function_exists( 'iconv' ) ) {
			$text = @iconv( 'GB18030', 'UTF-8', $bytes ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- An invalid byte is reported below.
			if ( is_string( $text ) && '' !== $text && mb_check_encoding( $text, 'UTF-8' ) ) {
				return array( $text, 'GB18030' );
			}
		}
		return null;
	}

	/**
	 * Splits UTF-8 CSV text into rows of cells. The delimiter is the comma, or the tab or semicolon when
	 * the header line has more of them; quoted cells may hold delimiters, quotes ("") and line breaks.
	 *
	 * @param string $text The text.
	 * @return array{0:string,1:array[]} [delimiter, rows]
	 */
	public static function split_csv( string $text ): array {
		$first = strtok( $text, "\n" );
		$first = false === $first ? '' : $first;
		$best  = ',';
		$most  = substr_count( $first, ',' );
		foreach ( array( "\t", ';' ) as $d ) {
			if ( substr_count( $first, $d ) > $most ) {
				$best = $d;
				$most = substr_count( $first, $d );
			}
		}
		$stream = fopen( 'php://temp', 'w+b' );
		fwrite( $stream, $text );
		rewind( $stream );
		$rows = array();
		while ( ( $cells = fgetcsv( $stream, null, $best, '"', '' ) ) !== false ) { // phpcs:ignore WordPress.CodeAnalysis.AssignmentInCondition
			$rows[] = array_map( static fn( $c ) => null === $c ? '' : (string) $c, $cells );
		}
		fclose( $stream );
		return array( $best, $rows );
	}

	/**
	 * The spreadsheet letter of a 0-based column: 0 → A, 26 → AA.
	 *
	 * @param int $index The column.
	 */
	public static function letter( int $index ): string {
		$s = '';
		for ( $n = $index + 1; $n > 0; $n = intdiv( $n - 1, 26 ) ) {
			$s = chr( 65 + ( $n - 1 ) % 26 ) . $s;
		}
		return $s;
	}

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
		$decoded = self::decode( $bytes );
		if ( null === $decoded ) {
			$report['errors'][] = self::error( 0, '', __( 'The file is neither UTF-8 nor GBK/GB18030 text. Save it from Excel as "CSV UTF-8" or "CSV" and upload it again.', 'dangjian' ) );
			return $report;
		}
		list( $text, $report['encoding'] ) = $decoded;
		list( $report['delimiter'], $rows ) = self::split_csv( $text );
		while ( $rows && self::blank( end( $rows ) ) ) {
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
				'letter' => self::letter( $i ),
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
					sprintf( __( 'This column means the same as column %2$s (%1$s); keep one of them.', 'dangjian' ), $columns[ $field ]['label'], self::letter( $seen[ $field ] ) )
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
			if ( self::blank( $rows[ $r ] ) ) {
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
				$parsed = self::parse_cell( $columns[ $field ], $cell );
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
	 * Whether a row has no text in any cell.
	 *
	 * @param array $cells The cells.
	 */
	private static function blank( array $cells ): bool {
		foreach ( $cells as $c ) {
			if ( '' !== Import_Vocabulary::trim( (string) $c ) ) {
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
		return ( '' === $header ? '' : $header . ' ' ) . '(' . self::letter( $index ) . ')';
	}

	/**
	 * One error.
	 *
	 * @param int    $row     The spreadsheet row (1 is the header, 0 the file as a whole).
	 * @param string $column  The column ("出生日期 (D)") or ''.
	 * @param string $message What is wrong, in the site's language.
	 */
	private static function error( int $row, string $column, string $message ): array {
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

	/* ------------------------------------------------------------------ cells */

	/**
	 * Parses one cell.
	 *
	 * @param array  $def  The column's definition.
	 * @param string $cell The text.
	 * @return mixed The value (null for an empty optional cell), or ['error' => message].
	 */
	private static function parse_cell( array $def, string $cell ) {
		$raw  = $cell;
		$cell = Import_Vocabulary::trim( $cell );
		// A leading apostrophe the export put before = + - @ (so Excel shows the text as text).
		if ( in_array( $def['parser'], array( 'text', 'venue', 'phone', 'email' ), true ) && preg_match( "/^'[=+\\-@]/", $cell ) ) {
			$cell = substr( $cell, 1 );
		}
		switch ( $def['parser'] ) {
			case 'id':
				if ( '' === $cell ) {
					return null;
				}
				$cell = ltrim( $cell, '#' );
				if ( ! preg_match( '/^[1-9]\d{0,9}$/', $cell ) || (int) $cell > 2147483647 ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not an ID (a whole number from 1 to 2147483647).', 'dangjian' ), $cell ) );
				}
				return (int) $cell;
			case 'text':
				if ( mb_strlen( $cell, 'UTF-8' ) > $def['max'] ) {
					/* translators: %d: the most characters allowed. */
					return array( 'error' => sprintf( __( 'The text is longer than %d characters.', 'dangjian' ), $def['max'] ) );
				}
				return $cell;
			case 'venue':
				if ( strlen( $cell ) > 200 ) {
					return array( 'error' => __( 'The venue name is longer than 200 bytes (about 66 Chinese characters).', 'dangjian' ) );
				}
				return $cell;
			case 'date':
				if ( '' === $cell ) {
					return null;
				}
				$date = self::parse_date( $cell );
				if ( null === $date ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not a date (write 2024-03-01, 2024/3/1, 2024.3.1 or 2024年3月1日, from 1900 to 2199).', 'dangjian' ), $cell ) );
				}
				return $date;
			case 'bool':
				if ( '' === $cell ) {
					return false;
				}
				$word = Import_Vocabulary::normalise_word( $cell );
				if ( in_array( $word, Import_Vocabulary::YES, true ) || __( 'Yes', 'dangjian' ) === $cell ) {
					return true;
				}
				if ( in_array( $word, Import_Vocabulary::NO, true ) || __( 'No', 'dangjian' ) === $cell ) {
					return false;
				}
				/* translators: %s: the cell's text. */
				return array( 'error' => sprintf( __( '"%s" is not yes or no (write 是 or 否).', 'dangjian' ), $cell ) );
			case 'gender':
				return self::coded( $cell, Import_Vocabulary::GENDERS, '', array( Import_Vocabulary::class, 'gender_label' ), __( '"%s" is not a gender (write 男 or 女).', 'dangjian' ) );
			case 'left_reason':
				return self::coded( $cell, Import_Vocabulary::LEFT_REASONS, null, array( Import_Vocabulary::class, 'left_reason_label' ), __( '"%s" is not a reason for leaving (转出, 去世, 取消预备党员资格 or 其他).', 'dangjian' ) );
			case 'category':
				return self::coded( $cell, Import_Vocabulary::CATEGORIES, null, array( Import_Vocabulary::class, 'category_label' ), __( '"%s" is not a category (服务 or 会议).', 'dangjian' ) );
			case 'venue_kind':
				return self::coded( $cell, Import_Vocabulary::VENUE_KINDS, '', array( Import_Vocabulary::class, 'venue_kind_label' ), __( '"%s" is not a venue kind (社区, 企业, 学校, 部队营房, 机关, 家庭, 灾区, 广场/公共场所, 线上 or 其他).', 'dangjian' ) );
			case 'kind':
				if ( '' === $cell ) {
					return null;
				}
				$known = Import_Vocabulary::kind_categories();
				$map   = array_merge( Import_Vocabulary::KINDS['service'], Import_Vocabulary::KINDS['meeting'] );
				$kind  = Import_Vocabulary::lookup( $map, $cell );
				if ( null === $kind ) {
					foreach ( array_keys( $known ) as $slug ) {
						if ( $slug === $cell || Import_Vocabulary::kind_label( $slug ) === $cell ) {
							$kind = $slug;
						}
					}
				}
				if ( null === $kind || ! isset( $known[ $kind ] ) ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not a kind of activity (for example 公益心理咨询, 讲座, 主题党日, 党课, or a code such as lecture).', 'dangjian' ), $cell ) );
				}
				return $kind;
			case 'phone':
				if ( '' !== $cell && ! preg_match( '/^\+?[0-9][0-9 \-]{2,30}$/', $cell ) ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not a phone number (digits, spaces and dashes, an optional + first).', 'dangjian' ), $cell ) );
				}
				return $cell;
			case 'email':
				if ( '' !== $cell && ! is_email( $cell ) ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not an email address.', 'dangjian' ), $cell ) );
				}
				return $cell;
			case 'amount':
				if ( '' === $cell ) {
					return null;
				}
				$amount = self::parse_amount( $cell );
				if ( null === $amount ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not an amount (a number from 0 to 1000000000).', 'dangjian' ), $cell ) );
				}
				return $amount;
			case 'count':
				if ( '' === $cell ) {
					return null;
				}
				$c = preg_replace( '/\s*(人次|人|名)$/u', '', $cell );
				if ( preg_match( '/^\d{1,3}(,\d{3})+$/', $c ) ) {
					$c = str_replace( ',', '', $c );
				}
				if ( ! preg_match( '/^\d{1,10}$/', $c ) || (int) $c > 2147483647 ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not a count (a whole number from 0 to 2147483647).', 'dangjian' ), $cell ) );
				}
				return (int) $c;
			case 'participants':
				return self::parse_participants( $cell );
		}
		unset( $raw );
		return null;
	}

	/**
	 * A coded value.
	 *
	 * @param string   $cell    The trimmed cell.
	 * @param array    $map     slug => words.
	 * @param mixed    $empty   The value of an empty cell.
	 * @param callable $label   slug => the label in the site's language (also accepted).
	 * @param string   $message The error, with %s for the cell.
	 * @return mixed The slug, $empty, or ['error' => …].
	 */
	private static function coded( string $cell, array $map, $empty, callable $label, string $message ) {
		if ( '' === $cell ) {
			return $empty;
		}
		$slug = Import_Vocabulary::lookup( $map, $cell );
		if ( null === $slug ) {
			foreach ( array_keys( $map ) as $s ) {
				if ( $label( $s ) === $cell ) {
					$slug = $s;
				}
			}
		}
		return null === $slug ? array( 'error' => sprintf( $message, $cell ) ) : $slug;
	}

	/**
	 * A date in one of the forms people type: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, with a
	 * midnight time Excel may add ("2024/3/1 0:00"). Real calendar dates from 1900 to 2199 only.
	 *
	 * @param string $cell The trimmed cell.
	 * @return string|null YYYY-MM-DD, or null.
	 */
	public static function parse_date( string $cell ): ?string {
		if ( ! preg_match( '/^(\d{4})\s*(?:[-\/.]|年)\s*(\d{1,2})\s*(?:[-\/.]|月)\s*(\d{1,2})\s*日?(?:\s+0{1,2}:00(?::00)?)?$/u', $cell, $m ) ) {
			return null;
		}
		$y = (int) $m[1];
		$mo = (int) $m[2];
		$d = (int) $m[3];
		if ( $y < 1900 || $y > 2199 || ! checkdate( $mo, $d, $y ) ) {
			return null;
		}
		return sprintf( '%04d-%02d-%02d', $y, $mo, $d );
	}

	/**
	 * An amount: digits with an optional decimal part, thousands separators and a ¥ sign or 元 allowed;
	 * from 0 to 1,000,000,000 as written, rounded half away from zero to 2 decimals as the engine does.
	 *
	 * @param string $cell The trimmed cell.
	 * @return string|null The amount with 2 decimals ("12.50"), or null.
	 */
	public static function parse_amount( string $cell ): ?string {
		$a = preg_replace( '/^[¥￥]\s*|\s*(元|小时|h)$/u', '', $cell );
		if ( preg_match( '/^\d{1,3}(,\d{3})+(\.\d*)?$/', $a ) ) {
			$a = str_replace( ',', '', $a );
		}
		if ( ! preg_match( '/^\+?(\d*)(?:\.(\d*))?$/', $a, $m ) || ( '' === $m[1] && '' === ( $m[2] ?? '' ) ) ) {
			return null;
		}
		$int  = ltrim( $m[1], '0' );
		$int  = '' === $int ? '0' : $int;
		$frac = $m[2] ?? '';
		if ( strlen( $int ) > 10 || (int) $int > 1000000000 || ( 1000000000 === (int) $int && '' !== rtrim( $frac, '0' ) ) ) {
			return null;
		}
		$hundredths = (int) $int * 100 + (int) str_pad( substr( $frac, 0, 2 ), 2, '0' );
		if ( isset( $frac[2] ) && $frac[2] >= '5' ) {
			++$hundredths;
		}
		return intdiv( $hundredths, 100 ) . '.' . str_pad( (string) ( $hundredths % 100 ), 2, '0', STR_PAD_LEFT );
	}

	/**
	 * The participants cell: names or IDs separated by 、 , ; ， ； | or line breaks, each optionally
	 * followed by its hours in brackets: "张三、李四(1.5)、#12（2）".
	 *
	 * @param string $cell The trimmed cell.
	 * @return array A list of ['who' => name, 'id' => int|null, 'hours' => string|null], or ['error' => …].
	 */
	private static function parse_participants( string $cell ): array {
		$out = array();
		foreach ( preg_split( '/[、,，;；|\r\n]+/u', $cell ) as $token ) {
			$token = Import_Vocabulary::trim( $token );
			if ( '' === $token ) {
				continue;
			}
			$hours = null;
			if ( preg_match( '/^(.*?)\s*[\(（]\s*([^\)）]*?)\s*[\)）]$/u', $token, $m ) ) {
				$hours = self::parse_amount( $m[2] );
				if ( null === $hours ) {
					/* translators: 1: a participant as written, 2: the hours as written. */
					return array( 'error' => sprintf( __( '%1$s: "%2$s" is not a number of hours.', 'dangjian' ), $m[1], $m[2] ) );
				}
				$token = Import_Vocabulary::trim( $m[1] );
			}
			$id = null;
			if ( preg_match( '/^#?(\d{1,10})$/', $token, $m ) ) {
				$id = (int) $m[1];
			}
			$out[] = array(
				'who'   => $token,
				'id'    => $id,
				'hours' => $hours,
			);
		}
		return $out;
	}

	/* ------------------------------------------------------------------ checking */

	/**
	 * The checks that need the database and the engine: duplicates, participants, IDs, then each row
	 * added to a scratch dataset built from the tables (so what passes here passes in the figures).
	 *
	 * @param array         $report   The report of self::parse (changed in place).
	 * @param callable|null $progress Called with the rows checked so far.
	 */
	private static function validate( array &$report, ?callable $progress ): void {
		if ( 'people' === $report['type'] ) {
			self::validate_people( $report, $progress );
		} else {
			self::validate_activities( $report, $progress );
		}
	}

	/**
	 * People: IDs, duplicates (the same name and birth date twice), the engine's rules.
	 *
	 * @param array         $report   The report.
	 * @param callable|null $progress Progress callback.
	 */
	private static function validate_people( array &$report, ?callable $progress ): void {
		global $wpdb;
		$table = Schema::table( 'people' );
		$col   = static fn( string $field ) => isset( $report['field_columns'][ $field ] ) ? self::column_name( $report, $report['field_columns'][ $field ] ) : '';

		// IDs given in the file: unique and not taken.
		$given = array();
		foreach ( $report['records'] as $rec ) {
			if ( isset( $rec['values']['id'] ) ) {
				$given[] = $rec['values']['id'];
			}
		}
		$taken = self::existing( 'SELECT id, name FROM ' . $table . ' WHERE id IN (%s)', $given, 'id' );
		$max   = (int) $wpdb->get_var( "SELECT MAX(id) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$next  = max( array_merge( array( $max ), $given ) ) + 1;

		// Names already recorded, for duplicates.
		$names = array();
		foreach ( $report['records'] as $rec ) {
			if ( isset( $rec['values']['name'] ) && '' !== $rec['values']['name'] ) {
				$names[] = $rec['values']['name'];
			}
		}
		$known = array();
		foreach ( self::existing( 'SELECT id, name, birth_date FROM ' . $table . ' WHERE name IN (%s)', $names, null ) as $row ) {
			$known[ $row['name'] . '|' . (string) $row['birth_date'] ][] = (int) $row['id'];
		}

		$scratch  = Engine::build();
		$ids_seen = array();
		$keys     = array();
		$now      = current_time( 'mysql', true );
		foreach ( $report['records'] as $n => &$rec ) {
			$v   = $rec['values'];
			$row = $rec['row'];
			// A row with a bad cell is still checked without it, so that one pass finds every problem.
			$ok = true;

			if ( isset( $v['id'] ) ) {
				if ( isset( $taken[ $v['id'] ] ) ) {
					$report['errors'][] = self::error( $row, $col( 'id' ), sprintf( /* translators: 1: an ID, 2: a person's name. */ __( 'The ID %1$d is already taken by %2$s.', 'dangjian' ), $v['id'], $taken[ $v['id'] ]['name'] ) );
					$ok = false;
				} elseif ( isset( $ids_seen[ $v['id'] ] ) ) {
					$report['errors'][] = self::error( $row, $col( 'id' ), sprintf( /* translators: 1: an ID, 2: a row number. */ __( 'The ID %1$d is already used in row %2$d.', 'dangjian' ), $v['id'], $ids_seen[ $v['id'] ] ) );
					$ok = false;
				} else {
					$ids_seen[ $v['id'] ] = $row;
				}
				$id = $v['id'];
			} else {
				$id = $next++;
			}

			if ( isset( $v['name'] ) && '' !== $v['name'] ) {
				$key = $v['name'] . '|' . (string) ( $v['birth_date'] ?? '' );
				if ( isset( $known[ $key ] ) ) {
					$report['errors'][] = self::error( $row, $col( 'name' ), sprintf( /* translators: 1: a name, 2: an ID. */ __( '%1$s with this birth date is already recorded (ID %2$d); remove the row or give the birth date that tells them apart.', 'dangjian' ), $v['name'], $known[ $key ][0] ) );
					$ok = false;
				} elseif ( isset( $keys[ $key ] ) ) {
					$report['errors'][] = self::error( $row, $col( 'name' ), sprintf( /* translators: 1: a name, 2: a row number. */ __( '%1$s is a duplicate of row %2$d (same name and birth date).', 'dangjian' ), $v['name'], $keys[ $key ] ) );
					$ok = false;
				} else {
					$keys[ $key ] = $row;
				}
			}

			$engine = array(
				'id'           => $id,
				'is_staff'     => ! empty( $v['is_staff'] ),
				'applied_on'   => $v['applied_on'] ?? null,
				'activist_on'  => $v['activist_on'] ?? null,
				'candidate_on' => $v['candidate_on'] ?? null,
				'admitted_on'  => $v['admitted_on'] ?? null,
				'full_on'      => $v['full_on'] ?? null,
				'joined_on'    => $v['joined_on'] ?? null,
				'left_on'      => $v['left_on'] ?? null,
				'left_reason'  => $v['left_reason'] ?? null,
			);
			$rec['engine'] = $engine;
			$rec['db']     = array(
				'id'          => $id,
				'name'        => $v['name'] ?? '',
				'gender'      => $v['gender'] ?? '',
				'birth_date'  => $v['birth_date'] ?? null,
				'phone'       => $v['phone'] ?? '',
				'email'       => $v['email'] ?? '',
				'is_staff'    => empty( $v['is_staff'] ) ? 0 : 1,
				'joined_from' => $v['joined_from'] ?? '',
				'left_to'     => $v['left_to'] ?? '',
				'notes'       => $v['notes'] ?? '',
				'created_at'  => $now,
				'updated_at'  => $now,
			) + $engine;
			$rec['db']['is_staff'] = $engine['is_staff'] ? 1 : 0;

			if ( $ok ) {
				try {
					$scratch->addPeople( array( $engine ) );
				} catch ( InvalidRecord $e ) {
					list( $field, $message ) = self::engine_error( $e->getMessage(), 'people' );
					$report['errors'][]       = self::error( $row, $col( $field ) ?: $col( 'name' ), $message );
				}
			}
			if ( null !== $progress ) {
				$progress( $n + 1 );
			}
		}
		unset( $rec );
	}

	/**
	 * Activities: category and kind, participants (known, unique, unambiguous), IDs, duplicates, the
	 * engine's rules.
	 *
	 * @param array         $report   The report.
	 * @param callable|null $progress Progress callback.
	 */
	private static function validate_activities( array &$report, ?callable $progress ): void {
		global $wpdb;
		$table = Schema::table( 'activities' );
		$col   = static fn( string $field ) => isset( $report['field_columns'][ $field ] ) ? self::column_name( $report, $report['field_columns'][ $field ] ) : '';
		$kinds = Import_Vocabulary::kind_categories();

		$given = array();
		$dates = array();
		$names = array();
		$pids  = array();
		foreach ( $report['records'] as $rec ) {
			if ( isset( $rec['values']['id'] ) ) {
				$given[] = $rec['values']['id'];
			}
			if ( isset( $rec['values']['date'] ) ) {
				$dates[] = $rec['values']['date'];
			}
			foreach ( (array) ( $rec['values']['participants'] ?? array() ) as $p ) {
				if ( null === $p['id'] ) {
					$names[] = $p['who'];
				} else {
					$pids[] = $p['id'];
				}
			}
		}
		$taken = self::existing( 'SELECT id, title FROM ' . $table . ' WHERE id IN (%s)', $given, 'id' );
		$max   = (int) $wpdb->get_var( "SELECT MAX(id) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$next  = max( array_merge( array( $max ), $given ) ) + 1;

		$people     = Schema::table( 'people' );
		$by_name    = array();
		foreach ( self::existing( 'SELECT id, name FROM ' . $people . ' WHERE name IN (%s)', $names, null ) as $row ) {
			$by_name[ $row['name'] ][] = (int) $row['id'];
		}
		$person_ids = self::existing( 'SELECT id, name FROM ' . $people . ' WHERE id IN (%s)', $pids, 'id' );

		$recorded = array();
		foreach ( self::existing( 'SELECT id, activity_date, category, kind, title, venue, hours, beneficiaries FROM ' . $table . ' WHERE activity_date IN (%s)', $dates, null ) as $row ) {
			$recorded[ self::activity_key( $row['activity_date'], $row['category'], $row['kind'], $row['title'], $row['venue'], $row['hours'], (int) $row['beneficiaries'] ) ] = (int) $row['id'];
		}

		$scratch  = Engine::build();
		$ids_seen = array();
		$keys     = array();
		$now      = current_time( 'mysql', true );
		foreach ( $report['records'] as $n => &$rec ) {
			$v   = $rec['values'];
			$row = $rec['row'];
			// A row with a bad cell is still checked without it, unless the engine needs that cell.
			$ok = empty( $rec['bad']['date'] ) && empty( $rec['bad']['kind'] ) && empty( $rec['bad']['category'] );

			// Category: given, or that of a known kind.
			$kind     = $v['kind'] ?? null;
			$category = $v['category'] ?? null;
			if ( null !== $kind && isset( $kinds[ $kind ] ) ) {
				if ( null === $category ) {
					$category = $kinds[ $kind ];
				} elseif ( $category !== $kinds[ $kind ] ) {
					$report['errors'][] = self::error( $row, $col( 'kind' ), sprintf( /* translators: 1: a kind, 2: a category. */ __( '%1$s is not a kind of %2$s.', 'dangjian' ), Import_Vocabulary::kind_label( $kind ), Import_Vocabulary::category_label( $category ) ) );
					$ok = false;
				}
			} elseif ( null !== $kind && null === $category && empty( $rec['bad']['category'] ) ) {
				$report['errors'][] = self::error( $row, $col( 'category' ) ?: $col( 'kind' ), sprintf( /* translators: %s: a kind's code. */ __( '%s is a kind of your own: give its category (服务 or 会议).', 'dangjian' ), $kind ) );
				$ok = false;
			}

			if ( isset( $v['id'] ) ) {
				if ( isset( $taken[ $v['id'] ] ) ) {
					$report['errors'][] = self::error( $row, $col( 'id' ), sprintf( /* translators: %d: an ID. */ __( 'The activity ID %d is already taken.', 'dangjian' ), $v['id'] ) );
					$ok = false;
				} elseif ( isset( $ids_seen[ $v['id'] ] ) ) {
					$report['errors'][] = self::error( $row, $col( 'id' ), sprintf( /* translators: 1: an ID, 2: a row number. */ __( 'The ID %1$d is already used in row %2$d.', 'dangjian' ), $v['id'], $ids_seen[ $v['id'] ] ) );
					$ok = false;
				} else {
					$ids_seen[ $v['id'] ] = $row;
				}
				$id = $v['id'];
			} else {
				$id = $next++;
			}

			// Participants: each a known person, named once.
			$participants = array();
			$links        = array();
			$listed       = array();
			foreach ( (array) ( $v['participants'] ?? array() ) as $p ) {
				if ( null !== $p['id'] ) {
					if ( ! isset( $person_ids[ $p['id'] ] ) ) {
						$report['errors'][] = self::error( $row, $col( 'participants' ), sprintf( /* translators: %d: an ID. */ __( 'No person has the ID %d.', 'dangjian' ), $p['id'] ) );
						$ok = false;
						continue;
					}
					$pid = $p['id'];
				} else {
					$matches = $by_name[ $p['who'] ] ?? array();
					if ( ! $matches ) {
						$report['errors'][] = self::error( $row, $col( 'participants' ), sprintf( /* translators: %s: a name. */ __( 'Unknown person "%s": import or add them first, or check the spelling.', 'dangjian' ), $p['who'] ) );
						$ok = false;
						continue;
					}
					if ( count( $matches ) > 1 ) {
						$report['errors'][] = self::error( $row, $col( 'participants' ), sprintf( /* translators: 1: a name, 2: a list of IDs. */ __( '"%1$s" is the name of several people (IDs %2$s): write the ID instead, as #12.', 'dangjian' ), $p['who'], implode( ', ', $matches ) ) );
						$ok = false;
						continue;
					}
					$pid = $matches[0];
				}
				if ( isset( $listed[ $pid ] ) ) {
					$report['errors'][] = self::error( $row, $col( 'participants' ), sprintf( /* translators: %s: a participant as written. */ __( '%s is listed twice.', 'dangjian' ), $p['who'] ) );
					$ok = false;
					continue;
				}
				$listed[ $pid ]  = true;
				$participants[]  = null === $p['hours'] ? $pid : array( 'id' => $pid, 'hours' => $p['hours'] );
				$links[]         = array( 'person_id' => $pid, 'hours' => $p['hours'] );
			}

			$hours = $v['hours'] ?? '0.00';
			$benef = $v['beneficiaries'] ?? 0;
			// The admin form requires a title: an untitled row is named after its kind.
			$title = (string) ( $v['title'] ?? '' );
			if ( '' === $title && null !== $kind ) {
				$title = Import_Vocabulary::kind_label( $kind );
			}
			if ( isset( $v['date'] ) && null !== $kind && null !== $category ) {
				$key = self::activity_key( $v['date'], $category, $kind, $title, $v['venue'] ?? '', $hours, $benef );
				if ( isset( $recorded[ $key ] ) ) {
					$report['errors'][] = self::error( $row, $col( 'date' ), sprintf( /* translators: %d: an ID. */ __( 'This activity is already recorded (ID %d): same date, kind, title, venue, hours and beneficiaries.', 'dangjian' ), $recorded[ $key ] ) );
					$ok = false;
				} elseif ( isset( $keys[ $key ] ) ) {
					$report['errors'][] = self::error( $row, $col( 'date' ), sprintf( /* translators: %d: a row number. */ __( 'This row repeats row %d (same date, kind, title, venue, hours and beneficiaries).', 'dangjian' ), $keys[ $key ] ) );
					$ok = false;
				} else {
					$keys[ $key ] = $row;
				}
			}

			$engine = array(
				'id'            => $id,
				'date'          => $v['date'] ?? null,
				'category'      => $category,
				'kind'          => $kind,
				'hours'         => $hours,
				'fee_waived'    => $v['fee_waived'] ?? '0.00',
				'donation'      => $v['donation'] ?? '0.00',
				'beneficiaries' => $benef,
				'venue_kind'    => $v['venue_kind'] ?? '',
				'venue'         => $v['venue'] ?? '',
				'participants'  => $participants,
			);
			$rec['engine'] = $engine;
			$rec['links']  = $links;
			$rec['db']     = array(
				'id'            => $id,
				'activity_date' => $engine['date'],
				'category'      => $category,
				'kind'          => $kind,
				'title'         => $title,
				'description'   => $v['description'] ?? '',
				'hours'         => $hours,
				'fee_waived'    => $engine['fee_waived'],
				'donation'      => $engine['donation'],
				'beneficiaries' => $benef,
				'venue_kind'    => $engine['venue_kind'],
				'venue'         => $engine['venue'],
				'created_at'    => $now,
				'updated_at'    => $now,
			);

			if ( $ok ) {
				try {
					$scratch->addActivities( array( $engine ) );
				} catch ( InvalidRecord $e ) {
					list( $field, $message ) = self::engine_error( $e->getMessage(), 'activities' );
					$report['errors'][]       = self::error( $row, $col( $field ) ?: $col( 'date' ), $message );
				}
			}
			if ( null !== $progress ) {
				$progress( $n + 1 );
			}
		}
		unset( $rec );
	}

	/**
	 * What makes two activities the same for the duplicate check.
	 *
	 * @param string     $date          The date.
	 * @param string     $category      The category.
	 * @param string     $kind          The kind.
	 * @param string     $title         The title.
	 * @param string     $venue         The venue.
	 * @param string|int $hours         The hours.
	 * @param int        $beneficiaries The beneficiaries.
	 */
	private static function activity_key( $date, $category, $kind, $title, $venue, $hours, $beneficiaries ): string {
		return implode( "\x1F", array( $date, $category, $kind, Import_Vocabulary::trim( (string) $title ), Import_Vocabulary::trim( (string) $venue ), number_format( (float) $hours, 2, '.', '' ), (int) $beneficiaries ) );
	}

	/**
	 * Rows of a table whose column is one of some values, read in chunks.
	 *
	 * @param string      $sql    A SELECT with "IN (%s)" where the list goes.
	 * @param array       $values The values (ints or strings).
	 * @param string|null $key    Index the result by this column, or null for a list.
	 * @return array[]
	 */
	private static function existing( string $sql, array $values, ?string $key ): array {
		global $wpdb;
		$values = array_values( array_unique( $values ) );
		$out    = array();
		foreach ( array_chunk( $values, 500 ) as $chunk ) {
			$list = implode( ',', array_map( static fn( $v ) => is_int( $v ) ? (string) $v : $wpdb->prepare( '%s', $v ), $chunk ) );
			$rows = $wpdb->get_results( str_replace( '(%s)', '(' . $list . ')', $sql ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Each value is prepared above.
			foreach ( (array) $rows as $row ) {
				if ( null === $key ) {
					$out[] = $row;
				} else {
					$out[ (int) $row[ $key ] ] = $row;
				}
			}
		}
		return $out;
	}

	/**
	 * An engine message as [field, message in the site's language].
	 *
	 * @param string $text The InvalidRecord message, "people[0].activist_on: 2024-01-01 is before …".
	 * @param string $type "people" or "activities".
	 * @return array{0:string,1:string}
	 */
	private static function engine_error( string $text, string $type ): array {
		$field = '';
		$what  = $text;
		if ( preg_match( '/^\w+\[\d+\]\.?([a-z_]*)[^:]*: (.*)$/s', $text, $m ) ) {
			$field = $m[1];
			$what  = $m[2];
		}
		$columns = Import_Vocabulary::columns( $type );
		$label   = static fn( string $f ) => $columns[ $f ]['label'] ?? $f;
		if ( preg_match( '/^(\S+) is before the start (\S+)$/', $what, $m ) ) {
			/* translators: 1: a date, 2: the date the person's membership started. */
			$message = sprintf( __( '%1$s is before the person joined the branch (%2$s).', 'dangjian' ), $m[1], $m[2] );
		} elseif ( preg_match( '/^(\S+) is before (\w+) (\S+)$/', $what, $m ) ) {
			/* translators: 1: a date, 2: the name of another date column, 3: its date. */
			$message = sprintf( __( '%1$s is before %2$s %3$s: the stages must be in order (application, activist, candidate, admission, full membership).', 'dangjian' ), $m[1], $label( $m[2] ), $m[3] );
		} elseif ( preg_match( '/^unknown person (\d+)$/', $what, $m ) ) {
			/* translators: %s: an ID. */
			$message = sprintf( __( 'No person has the ID %d.', 'dangjian' ), (int) $m[1] );
		} elseif ( preg_match( '/^duplicate participant (\d+)$/', $what, $m ) ) {
			/* translators: %s: an ID. */
			$message = sprintf( __( '%s is listed twice.', 'dangjian' ), '#' . $m[1] );
		} elseif ( preg_match( '/^duplicate id (\d+)$/', $what, $m ) ) {
			/* translators: %d: an ID. */
			$message = sprintf( __( 'The ID %d is used twice.', 'dangjian' ), (int) $m[1] );
		} else {
			/* translators: %s: the statistics engine's own message (in English). */
			$message = sprintf( __( 'The statistics engine refuses this value: %s', 'dangjian' ), $what );
		}
		if ( 'participants' === substr( $field, 0, 12 ) ) {
			$field = 'participants';
		}
		return array( $field, $message );
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
		$rows  = array_column( $report['records'], 'db' );
		$table = Schema::table( $report['type'] );
		$done  = 0;
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
			foreach ( $report['records'] as $rec ) {
				foreach ( $rec['links'] as $link ) {
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

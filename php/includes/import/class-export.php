<?php
/**
 * CSV export of exactly the list the admin screens show: the same filters (Records::query), all pages.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;


/**
 * Writes people or activities as CSV in the import's own format (so an export imports again): UTF-8
 * with a BOM so that Excel opens it, CRLF line ends, headers and coded values in the site's language
 * (Chinese on a zh_CN site). Text that Excel would take for a formula (= + - @ first) gets an
 * apostrophe in front; the import removes it.
 */
final class Export {

	/** Rows a batch: read, written and reported to the progress callback together. */
	const PAGE = 5000;

	/** Activities a bucket of the date order holds about (buckets()). */
	const BUCKET_ROWS = 50000;

	/** @var array<string,array[]> How each column is written, by type, for the export under way (plan()). */
	private static $plans = array();

	/** @var array<string,array<string,string>> The labels of the coded values met so far, field => value => label. */
	private static $labels = array();

	/** The filters a list accepts (the list screens' query arguments), type => names. */
	const FILTERS = array(
		'people'      => array( 'search', 'stage', 'orderby', 'order' ),
		'activities'  => array( 'search', 'category', 'kind', 'project', 'from', 'to', 'orderby', 'order' ),
		'investments' => array( 'search', 'from', 'to', 'orderby', 'order' ),
		'benefits'    => array( 'search', 'from', 'to', 'orderby', 'order' ),
		'plans'       => array( 'orderby', 'order' ),
	);

	/**
	 * The filters of a request, as Records::query takes them: the list screens' query arguments
	 * (s, stage, category, kind, period with from / to, orderby, order), or search / from / to given
	 * directly (the export form, WP-CLI).
	 *
	 * @param string $type  "people" or "activities".
	 * @param array  $input The request's arguments (unslashed).
	 * @return array<string,string>
	 */
	public static function filters_from( string $type, array $input ): array {
		$args = array();
		if ( isset( $input['s'] ) && ! isset( $input['search'] ) ) {
			$input['search'] = $input['s'];
		}
		foreach ( self::FILTERS[ $type ] as $name ) {
			if ( isset( $input[ $name ] ) && is_scalar( $input[ $name ] ) && '' !== (string) $input[ $name ] ) {
				$args[ $name ] = sanitize_text_field( (string) $input[ $name ] );
			}
		}
		// The list screens' period filter: period=this_year|last_year|YYYY, or custom with from / to.
		$period = isset( $input['period'] ) && is_scalar( $input['period'] ) ? sanitize_key( (string) $input['period'] ) : '';
		if ( in_array( $type, array( 'activities', 'investments', 'benefits' ), true ) && '' !== $period ) {
			if ( 'custom' === $period ) {
				$args['from'] = isset( $args['from'] ) && Period::is_date( $args['from'] ) ? $args['from'] : Engine_Limits::DATE_MIN;
				$args['to']   = isset( $args['to'] ) && Period::is_date( $args['to'] ) ? $args['to'] : Engine_Limits::DATE_MAX;
			} else {
				$resolved = Period::resolve( array( 'period' => $period ) );
				if ( ! is_wp_error( $resolved ) ) {
					$args['from'] = $resolved['from'];
					$args['to']   = $resolved['to'];
				}
			}
		}
		return $args;
	}

	/**
	 * The columns of the file, field => header (in the site's language).
	 *
	 * @param string $type "people" or "activities".
	 * @return array<string,string>
	 */
	public static function headers( string $type ): array {
		$out = array();
		foreach ( Import_Vocabulary::columns( $type ) as $field => $def ) {
			$out[ $field ] = $def['label'];
		}
		return $out;
	}

	/**
	 * Writes the CSV of a filtered list to a stream: the rows read in one query (Export_Query::rows()),
	 * written a batch at a time (lines()); activities by date read by id and put in date order
	 * through buckets of dates (buckets()). 1M activities: about 12 s where keyset batches took 21–34 s
	 * (bench/export-bench.sh, README).
	 *
	 * @param string        $type     "people" or "activities".
	 * @param array         $filters  As Records::query takes them (search, stage, category, kind, from, to, orderby, order).
	 * @param resource      $out      A writable stream.
	 * @param callable|null $progress Called with ( $written, $total ) after each batch read.
	 * @return int The rows written.
	 * @throws \RuntimeException When the list screens' query (Records) is not loaded, a query fails
	 *                           or the stream takes less than it is given: the caller keeps no file.
	 */
	public static function write( string $type, array $filters, $out, ?callable $progress = null ): int {
		if ( ! in_array( $type, Fields::SHEETS, true ) ) {
			throw new \InvalidArgumentException( 'unknown export type ' . $type ); // A programming error.
		}
		if ( ! class_exists( Records::class ) ) {
			throw new \RuntimeException( __( 'The records module of the plugin is not loaded.', 'dangjian' ) );
		}
		if ( function_exists( 'set_time_limit' ) ) {
			set_time_limit( 0 ); // phpcs:ignore Squiz.PHP.DiscouragedFunctions -- 1M rows take longer than max_execution_time; a cut file is what issue 11 saw.
		}
		$headers       = self::headers( $type );
		self::$plans  = array(); // Worked out once an export: the site's language may change between two.
		self::$labels = array();
		self::write_all( $out, "\xEF\xBB\xBF" );
		self::put( $out, array_values( $headers ) );
		$written = 0;
		$total   = null === $progress ? 0 : self::count( $type, $filters );
		$names   = 'activities' === $type ? self::participant_names() : array();
		$plan    = self::$plans[ $type ] ?? ( self::$plans[ $type ] = self::plan( $type, $headers ) );
		// Activities by date: read by id (the table's own order: the database reads it straight
		// through instead of looking each row up in date order) and put in date order here (sort_into()).
		list( $orderby, $order ) = Records::order( $type, $filters );
		$buckets                 = 'activities' === $type && 'activity_date' === $orderby ? self::buckets( $filters, 'desc' === $order ) : null;
		$read                    = null === $buckets ? $filters : array( 'orderby' => 'id', 'order' => $order ) + $filters;
		foreach ( Export_Query::rows( $type, $read, self::PAGE, $names ) as $items ) {
			$written += count( $items );
			$lines    = self::lines( $plan, $items );
			if ( null === $buckets ) {
				self::write_all( $out, implode( '', $lines ) );
			} else {
				self::sort_into( $buckets, $items, $lines );
			}
			if ( null !== $progress ) {
				$progress( $written, max( $total, $written ) );
			}
		}
		if ( null !== $buckets ) {
			self::write_sorted( $out, $buckets, 'desc' === $order );
		}
		return $written;
	}

	/**
	 * The buckets that put activities read by id in date order: consecutive dates (in the list's
	 * order) grouped into buckets of about BUCKET_ROWS activities each (the dates' counts from the
	 * index on the date). Each bucket's lines go to a temporary stream of its own as they are
	 * written; write_sorted() then reads one bucket at a time and writes its dates in order, each
	 * date's lines in the order read (by id, as the list's order breaks ties), so PHP holds one
	 * bucket, not the file.
	 *
	 * @param array $filters The list's filters.
	 * @param bool  $desc    Latest first.
	 * @return array{of:array<string,int>,first:string[],streams:array<int,resource>} date => bucket,
	 *               each bucket's first date, and the streams written so far.
	 */
	private static function buckets( array $filters, bool $desc ): array {
		$counts = Export_Query::date_counts( $filters );
		if ( $desc ) {
			krsort( $counts, SORT_STRING );
		} else {
			ksort( $counts, SORT_STRING );
		}
		$of    = array();
		$first = array();
		$in    = PHP_INT_MAX;
		/**
		 * Filters how many activities a bucket of an export in date order holds about (the lines PHP
		 * holds at once when it writes them in date order).
		 *
		 * @param int $rows Activities (default 50,000).
		 */
		$size = max( 1, (int) apply_filters( 'dangjian_export_bucket_rows', self::BUCKET_ROWS ) );
		foreach ( $counts as $date => $n ) {
			if ( $in >= $size ) {
				$first[] = (string) $date;
				$in      = 0;
			}
			$of[ (string) $date ] = count( $first ) - 1;
			$in                  += $n;
		}
		return array(
			'of'      => $of,
			'first'   => $first ? $first : array( '' ),
			'desc'    => $desc,
			'streams' => array(),
		);
	}

	/**
	 * Adds a batch's lines to their dates' buckets: a record each, the date's and the line's
	 * lengths (pack n, N), the date, the line.
	 *
	 * @param array    $buckets From buckets(); its streams are opened as needed.
	 * @param array[]  $items   The batch's activities.
	 * @param string[] $lines   Their lines.
	 */
	private static function sort_into( array &$buckets, array $items, array $lines ): void {
		$chunks = array();
		foreach ( $items as $i => $item ) {
			$date = (string) $item['activity_date'];
			$k    = $buckets['of'][ $date ] ?? self::bucket_of( $buckets, $date );
			if ( ! isset( $chunks[ $k ] ) ) {
				$chunks[ $k ] = '';
			}
			$chunks[ $k ] .= pack( 'nN', strlen( $date ), strlen( $lines[ $i ] ) ) . $date . $lines[ $i ];
		}
		foreach ( $chunks as $k => $chunk ) {
			if ( ! isset( $buckets['streams'][ $k ] ) ) {
				$buckets['streams'][ $k ] = fopen( 'php://temp/maxmemory:262144', 'w+b' );
			}
			self::write_all( $buckets['streams'][ $k ], $chunk );
		}
	}

	/**
	 * The bucket of a date the dates' counts did not have (an activity written since they were read):
	 * the last bucket whose first date is not after it in the list's order.
	 *
	 * @param array  $buckets From buckets().
	 * @param string $date    The date.
	 */
	private static function bucket_of( array $buckets, string $date ): int {
		$k = 0;
		foreach ( $buckets['first'] as $i => $first ) {
			if ( ( $buckets['desc'] ? strcmp( $first, $date ) : strcmp( $date, $first ) ) < 0 ) {
				break;
			}
			$k = $i;
		}
		return $k;
	}

	/**
	 * Writes the buckets in order, each bucket's dates in order.
	 *
	 * @param resource $out     The stream.
	 * @param array    $buckets From buckets(), filled by sort_into().
	 * @param bool     $desc    Latest first.
	 * @throws \RuntimeException When the file cannot be written whole.
	 */
	private static function write_sorted( $out, array $buckets, bool $desc ): void {
		ksort( $buckets['streams'] );
		foreach ( $buckets['streams'] as $stream ) {
			rewind( $stream );
			$data = (string) stream_get_contents( $stream );
			fclose( $stream );
			$by   = array();
			$end  = strlen( $data );
			for ( $at = 0; $at < $end; $at += 6 + $head['d'] + $head['l'] ) {
				$head = unpack( 'nd/Nl', $data, $at );
				$date = substr( $data, $at + 6, $head['d'] );
				if ( ! isset( $by[ $date ] ) ) {
					$by[ $date ] = '';
				}
				$by[ $date ] .= substr( $data, $at + 6 + $head['d'], $head['l'] );
			}
			$data = null;
			if ( $desc ) {
				krsort( $by, SORT_STRING );
			} else {
				ksort( $by, SORT_STRING );
			}
			foreach ( $by as $text ) {
				self::write_all( $out, $text );
			}
		}
	}

	/**
	 * How many rows a filtered list has.
	 *
	 * @param string $type    The list.
	 * @param array  $filters The filters.
	 */
	public static function count( string $type, array $filters ): int {
		$where = implode( ' AND ', Export_Query::where( $type, $filters ) );
		$rows  = Engine_Build::query( $GLOBALS['wpdb']->remove_placeholder_escape( 'SELECT COUNT(*) AS n FROM ' . Schema::table( $type ) . " WHERE {$where}" ) );
		return (int) ( $rows[0]['n'] ?? 0 );
	}

	/**
	 * Writes text to a stream, all of it.
	 *
	 * @param resource $out  The stream.
	 * @param string   $text The text.
	 * @throws \RuntimeException When the stream takes less (a full disk, a closed connection).
	 */
	private static function write_all( $out, string $text ): void {
		if ( '' !== $text && fwrite( $out, $text ) !== strlen( $text ) ) {
			throw new \RuntimeException( __( 'The export could not be written whole (is the disk full?).', 'dangjian' ) );
		}
	}

	/**
	 * The CSV of a filtered list as a string.
	 *
	 * @param string $type    "people" or "activities".
	 * @param array  $filters The filters.
	 */
	public static function csv( string $type, array $filters ): string {
		$out = fopen( 'php://temp', 'w+b' );
		self::write( $type, $filters, $out );
		rewind( $out );
		$csv = (string) stream_get_contents( $out );
		fclose( $out );
		return $csv;
	}

	/**
	 * The file name of an export: dangjian-people-2025-01-31.csv.
	 *
	 * @param string $type "people" or "activities".
	 */
	public static function filename( string $type ): string {
		return 'dangjian-' . $type . '-' . wp_date( 'Y-m-d' ) . '.csv';
	}

	/**
	 * A batch of rows as CSV lines with CRLF, written a column at a time (the checks and changes of
	 * a column made by PHP's array and regex functions over the batch, not a cell at a time), with
	 * the bytes line() writes: a cell with a quote, comma, semicolon, tab or line break, or a space
	 * at either end, in double quotes; numbers and dates never need them; a coded value's label
	 * looked up and quoted once.
	 *
	 * @param array[] $plan  The type's plan (plan()).
	 * @param array[] $items Rows of Export_Query::rows() (an activity with its participants column, "dj_parts").
	 * @return string[] A line a row, in their order.
	 */
	private static function lines( array $plan, array $items ): array {
		$columns = array();
		foreach ( $plan as list( $field, $column, $op ) ) {
			$column = 'participants' === $op ? 'dj_parts' : $column;
			$cells  = array_key_exists( $column, $items[0] ) ? array_column( $items, $column ) : array_fill( 0, count( $items ), '' );
			switch ( $op ) {
				case 'amount':
					// Amount::trim() of a DECIMAL's digits: "12.50" → "12.5", "3.00" → "3".
					$cells = preg_replace( '/\.0*\z|(\.\d*?[1-9])0+\z/', '$1', $cells );
					break;
				case 'plain':
					break; // Ids, counts and dates: digits and hyphens (null: empty).
				case 'coded':
					foreach ( $cells as $i => $value ) {
						$value       = (string) $value;
						$cells[ $i ] = self::$labels[ $field ][ $value ] ?? ( self::$labels[ $field ][ $value ] = self::cell( self::label( $field, $value ) ) );
					}
					break;
				default:
					if ( 'text' === $op ) {
						$cells = preg_replace( '/^[=+\-@\t\r]/', "'\$0", $cells ); // Not a formula in Excel; the import removes the apostrophe.
					}
					foreach ( preg_grep( '/[",\r\n;\t]|^ | \z/', $cells ) as $i => $cell ) {
						$cells[ $i ] = '"' . str_replace( '"', '""', $cell ) . '"';
					}
			}
			$columns[] = $cells;
		}
		return array_map( static fn( ...$cells ): string => implode( ',', $cells ) . "\r\n", ...$columns );
	}

	/**
	 * A cell as line() writes it.
	 *
	 * @param string $cell The cell.
	 */
	private static function cell( string $cell ): string {
		return false !== strpbrk( $cell, "\",\r\n;\t" ) || '' !== $cell && ( ' ' === $cell[0] || ' ' === $cell[ strlen( $cell ) - 1 ] )
			? '"' . str_replace( '"', '""', $cell ) . '"'
			: $cell;
	}

	/**
	 * How each column of a type is written, worked out once an export: [field, column, op], op one of
	 * amount, plain, participants, coded (a label of the vocabulary) or text (guarded against formulas).
	 *
	 * @param string $type    The type.
	 * @param array  $headers field => header.
	 * @return array[]
	 */
	private static function plan( string $type, array $headers ): array {
		$columns = Import_Vocabulary::columns( $type );
		$plan    = array();
		foreach ( array_keys( $headers ) as $field ) {
			$op = 'text';
			if ( 'amount' === $columns[ $field ]['parser'] ) {
				$op = 'amount';
			} elseif ( in_array( $field, array( 'is_staff', 'gender', 'stage', 'left_reason', 'category', 'kind', 'venue_kind' ), true ) ) {
				$op = 'coded';
			} elseif ( 'participants' === $field ) {
				$op = 'participants';
			} elseif ( in_array( $field, array( 'id', 'beneficiaries', 'birth_date', 'date', 'plan_year', 'min_admit', 'max_admit' ), true ) ) {
				$op = 'plain';
			}
			$plan[] = array( $field, $columns[ $field ]['field'], $op );
		}
		return $plan;
	}

	/**
	 * The label of a coded value in the site's language, as the import reads it back.
	 *
	 * @param string $field The field.
	 * @param string $value The stored value.
	 */
	private static function label( string $field, string $value ): string {
		switch ( $field ) {
			case 'is_staff':
				return Import_Vocabulary::bool_label( '1' === $value );
			case 'gender':
				return Import_Vocabulary::gender_label( $value );
			case 'stage':
				return 'none' === $value || '' === $value ? '' : Import_Vocabulary::stage_label( $value );
			case 'left_reason':
				return '' === $value ? '' : Import_Vocabulary::left_reason_label( $value );
			case 'category':
				return Import_Vocabulary::category_label( $value );
			case 'kind':
				return Import_Vocabulary::kind_label( $value );
			default:
				return Import_Vocabulary::venue_kind_label( $value );
		}
	}

	/**
	 * How each person is named in a participants column: by name, or "#id" when the name is empty,
	 * shared with someone else, looks like an ID or holds a separator (so the import finds them again).
	 *
	 * @return array<int,string>
	 */
	private static function participant_names(): array {
		global $wpdb;
		$table = Schema::table( 'people' );
		$rows  = Engine_Build::query( "SELECT id, name FROM {$table}" );
		$count = array();
		foreach ( (array) $rows as $row ) {
			$count[ $row['name'] ] = ( $count[ $row['name'] ] ?? 0 ) + 1;
		}
		$out = array();
		foreach ( (array) $rows as $row ) {
			$name = (string) $row['name'];
			$safe = '' !== Import_Vocabulary::trim( $name ) && 1 === $count[ $name ] && $name === Import_Vocabulary::trim( $name )
				&& ! preg_match( '/^#?\d+$|[、,，;；|\r\n()（）]|^[=+\-@]/u', $name );
			$out[ (int) $row['id'] ] = $safe ? $name : '#' . $row['id'];
		}
		return $out;
	}

	/**
	 * Writes one CSV line with CRLF (what Excel writes and reads best).
	 *
	 * @param resource $out   The stream.
	 * @param string[] $cells The cells.
	 */
	private static function put( $out, array $cells ): void {
		self::write_all( $out, self::line( $cells ) );
	}

	/**
	 * One CSV line with CRLF.
	 *
	 * @param string[] $cells The cells.
	 */
	private static function line( array $cells ): string {
		return implode( ',', array_map( array( self::class, 'cell' ), array_map( 'strval', $cells ) ) ) . "\r\n";
	}
}

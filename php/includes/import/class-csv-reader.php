<?php
/**
 * Reading a CSV file as Excel and WPS write it: the encoding, the delimiter, the cells.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Bytes to rows of cells: UTF-8 (with or without a BOM), UTF-16 with a BOM, else GB18030; the comma,
 * tab or semicolon as delimiter; quoted cells with delimiters, quotes and line breaks.
 */
final class Csv_Reader {

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
	 * Whether a row has no text in any cell.
	 *
	 * @param array $cells The cells.
	 */
	public static function blank( array $cells ): bool {
		foreach ( $cells as $c ) {
			if ( '' !== Import_Vocabulary::trim( (string) $c ) ) {
				return false;
			}
		}
		return true;
	}
}

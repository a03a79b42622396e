<?php
/**
 * The network table as CSV, and rows as typed values for the REST route.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * One line per branch: the figures its settings make public (empty when private), the meetings on
 * schedule, the stars, the last update. For committee staff only (view_dangjian_network).
 */
final class Network_Export {

	/** Columns of the CSV and of the REST route's branches, in order. */
	const COLUMNS = array( 'site_id', 'name', 'district', 'org_type', 'year', 'as_of', 'applicants', 'activists', 'candidates', 'probationary', 'full_members', 'party_members', 'staff_headcount', 'staff_party_members', 'staff_share', 'service_activities', 'service_hours', 'fee_waived', 'donation', 'beneficiaries', 'volunteer_hours', 'volunteers', 'party_volunteer_hours', 'meetings', 'meetings_due', 'meetings_missing', 'compliance', 'band', 'stars', 'data_changed_at', 'stale', 'outdated', 'archived' );

	const INTS   = array( 'site_id', 'year', 'applicants', 'activists', 'candidates', 'probationary', 'full_members', 'party_members', 'staff_headcount', 'staff_party_members', 'service_activities', 'beneficiaries', 'volunteers', 'meetings', 'meetings_due', 'meetings_missing', 'stars' );
	const FLOATS = array( 'staff_share', 'service_hours', 'fee_waived', 'donation', 'volunteer_hours', 'party_volunteer_hours', 'compliance' );

	/**
	 * A row with typed values (ints, floats, null, bools), in the order of self::COLUMNS.
	 *
	 * @param array $row From Network_Store::rows().
	 */
	public static function typed( array $row ): array {
		$out = array();
		foreach ( self::COLUMNS as $col ) {
			if ( 'archived' === $col ) {
				$out[ $col ] = (bool) ( (int) $row['archived'] || (int) $row['deleted'] || (int) $row['spam'] );
			} elseif ( 'stale' === $col || 'outdated' === $col ) {
				$out[ $col ] = (bool) $row[ $col ];
			} elseif ( null === $row[ $col ] ) {
				$out[ $col ] = null;
			} elseif ( in_array( $col, self::INTS, true ) ) {
				$out[ $col ] = (int) $row[ $col ];
			} elseif ( in_array( $col, self::FLOATS, true ) ) {
				$out[ $col ] = (float) $row[ $col ];
			} else {
				$out[ $col ] = (string) $row[ $col ];
			}
		}
		return $out;
	}

	/**
	 * The CSV text (UTF-8 with a BOM, for spreadsheets). A cell that a spreadsheet would read as a
	 * formula (=, +, -, @ first) is prefixed with an apostrophe.
	 *
	 * @param array[] $rows From Network_Store::rows().
	 */
	public static function csv( array $rows ): string {
		$fh = fopen( 'php://temp', 'w+' );
		fwrite( $fh, "\xEF\xBB\xBF" );
		fputcsv( $fh, self::COLUMNS );
		foreach ( $rows as $row ) {
			$line = array();
			foreach ( self::typed( $row ) as $value ) {
				if ( is_bool( $value ) ) {
					$value = $value ? '1' : '0';
				}
				$value  = null === $value ? '' : (string) $value;
				$line[] = '' !== $value && ! is_numeric( $value ) && in_array( $value[0], array( '=', '+', '-', '@' ), true ) ? "'" . $value : $value;
			}
			fputcsv( $fh, $line );
		}
		rewind( $fh );
		$csv = (string) stream_get_contents( $fh );
		fclose( $fh );
		return $csv;
	}

	/**
	 * Sends the CSV as a download.
	 *
	 * @param int     $year The year.
	 * @param array[] $rows The rows.
	 */
	public static function send_csv( int $year, array $rows ): void {
		nocache_headers();
		header( 'Content-Type: text/csv; charset=UTF-8' );
		header( 'Content-Disposition: attachment; filename="dangjian-network-' . $year . '.csv"' );
		echo self::csv( $rows ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- A CSV download.
	}
}

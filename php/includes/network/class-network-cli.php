<?php
/**
 * WP-CLI: wp dangjian network rebuild | list | report.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The network table from the command line.
 */
final class Network_CLI {

	/**
	 * Backfills or repairs the network table: every branch's rows, some sites at a time.
	 *
	 * ## OPTIONS
	 *
	 * [--batch=<n>]
	 * : Sites fetched per query.
	 * ---
	 * default: 50
	 * ---
	 *
	 * [--years=<years>]
	 * : Comma-separated years (default: this year and last year).
	 *
	 * ## EXAMPLES
	 *
	 *     wp dangjian network rebuild
	 *     wp dangjian network rebuild --batch=100 --years=2024,2025
	 *
	 * @param array $args       Positional arguments.
	 * @param array $assoc_args Options.
	 */
	public function rebuild( $args, $assoc_args ): void {
		if ( ! is_multisite() ) {
			\WP_CLI::error( __( 'This is not a multisite network.', 'dangjian' ) );
		}
		$batch = (string) ( $assoc_args['batch'] ?? '50' );
		if ( ! ctype_digit( $batch ) || (int) $batch < 1 || (int) $batch > 1000 ) {
			\WP_CLI::error( __( '--batch must be a whole number from 1 to 1000.', 'dangjian' ) );
		}
		$years = array();
		foreach ( array_filter( explode( ',', (string) ( $assoc_args['years'] ?? '' ) ), 'strlen' ) as $y ) {
			$y = trim( $y );
			if ( ! ctype_digit( $y ) || (int) $y < 1900 || (int) $y > 2199 ) {
				/* translators: %s: what was given. */
				\WP_CLI::error( sprintf( __( '--years: "%s" is not a year from 1900 to 2199.', 'dangjian' ), $y ) );
			}
			$years[] = (int) $y;
		}
		$t0     = microtime( true );
		$result = Network_Push::rebuild(
			$years,
			(int) $batch,
			static function ( int $sites, int $rows ): void {
				/* translators: 1: sites, 2: rows. */
				\WP_CLI::log( sprintf( __( '%1$d sites, %2$d rows', 'dangjian' ), $sites, $rows ) );
			}
		);
		/* translators: 1: sites, 2: rows, 3: rows removed, 4: seconds. */
		\WP_CLI::success( sprintf( __( '%1$d sites, %2$d rows written, %3$d rows of deleted sites removed, in %4$.1f s.', 'dangjian' ), $result['sites'], $result['rows'], $result['pruned'], microtime( true ) - $t0 ) );
	}

	/**
	 * Lists the branches of a year.
	 *
	 * ## OPTIONS
	 *
	 * [--year=<year>]
	 * : The year (default: this year).
	 *
	 * [--format=<format>]
	 * : table, csv or json.
	 * ---
	 * default: table
	 * ---
	 *
	 * @param array $args       Positional arguments.
	 * @param array $assoc_args Options.
	 */
	public function list( $args, $assoc_args ): void {
		$year = (int) ( $assoc_args['year'] ?? Network_Push::this_year() );
		$rows = array_map( array( Network_Export::class, 'typed' ), Network_Store::rows( $year ) );
		\WP_CLI\Utils\format_items( (string) ( $assoc_args['format'] ?? 'table' ), $rows, array( 'site_id', 'name', 'district', 'org_type', 'party_members', 'service_hours', 'compliance', 'band', 'stars', 'data_changed_at' ) );
	}

	/**
	 * Writes the network's report of a year (.docx).
	 *
	 * ## OPTIONS
	 *
	 * <file>
	 * : Where to write it.
	 *
	 * [--year=<year>]
	 * : The year (default: this year).
	 *
	 * @param array $args       Positional arguments.
	 * @param array $assoc_args Options.
	 */
	public function report( $args, $assoc_args ): void {
		if ( ! Network_Report::available() ) {
			\WP_CLI::error( __( 'The report room (Report_Docx) is not installed.', 'dangjian' ) );
		}
		$year = (int) ( $assoc_args['year'] ?? Network_Push::this_year() );
		if ( false === file_put_contents( $args[0], Network_Report::document( $year, Network_Store::rows( $year ) ) ) ) {
			\WP_CLI::error( __( 'Could not write the file.', 'dangjian' ) );
		}
		\WP_CLI::success( $args[0] );
	}
}

<?php
/**
 * WP-CLI commands: wp dangjian import | export | stats | rebuild | backup | restore.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;


/**
 * Manages the Party branch's records from the command line.
 *
 * The commands run as no user: WP-CLI is for the site's operators, who can already reach the database.
 * Every write goes through the same code as the admin page (one transaction, data version bumped).
 */
final class CLI {

	/**
	 * Registers the commands when WP-CLI runs.
	 */
	public static function init(): void {
		if ( defined( 'WP_CLI' ) && WP_CLI && class_exists( '\\WP_CLI' ) ) {
			\WP_CLI::add_command( 'dangjian', self::class );
		}
	}

	/**
	 * Imports a CSV file of people, activities, facility investment, staff benefits or development plans: every row, or none.
	 *
	 * ## OPTIONS
	 *
	 * <file>
	 * : The CSV file (UTF-8 with or without BOM, GBK/GB18030, or UTF-16 with BOM).
	 *
	 * --type=<type>
	 * : What the file holds.
	 * ---
	 * options:
	 *   - people
	 *   - activities
	 *   - investments
	 *   - benefits
	 *   - plans
	 * ---
	 *
	 * [--dry-run]
	 * : Check every row and report, but write nothing.
	 *
	 * ## EXAMPLES
	 *
	 *     wp dangjian import people.csv --type=people
	 *     wp dangjian import activities.csv --type=activities --dry-run
	 *
	 * @param array $args       Positional arguments.
	 * @param array $assoc_args Options.
	 */
	public function import( $args, $assoc_args ): void {
		$file = $args[0];
		$type = (string) ( $assoc_args['type'] ?? '' );
		if ( ! in_array( $type, Import::TYPES, true ) ) {
			\WP_CLI::error( '--type must be one of: ' . implode( ', ', Import::TYPES ) . '.' );
		}
		if ( ! is_file( $file ) || ! is_readable( $file ) ) {
			\WP_CLI::error( "Cannot read $file." );
		}
		$bytes  = (string) file_get_contents( $file );
		$dry    = ! empty( $assoc_args['dry-run'] );
		$parsed = Import::parse( $type, $bytes );
		$total  = max( 1, count( $parsed['records'] ) );
		$bar    = \WP_CLI\Utils\make_progress_bar( $dry ? 'Checking' : 'Checking and importing', $dry ? $total : 2 * $total );
		$last   = 0;
		$tick   = static function ( $done, $phase = 'check' ) use ( $bar, &$last, $total ) {
			$at = 'write' === $phase ? $total + $done : $done;
			if ( $at > $last ) {
				$bar->tick( $at - $last );
				$last = $at;
			}
		};
		$report = $dry ? Import::analyse( $type, $bytes, $tick ) : Import::commit( $type, $bytes, $tick );
		$bar->finish();
		\WP_CLI::log( sprintf( 'Read %d data rows (%s).', $report['total'], '' !== $report['encoding'] ? $report['encoding'] : '?' ) );
		if ( $report['errors'] ) {
			$items = array();
			foreach ( $report['errors'] as $e ) {
				$items[] = array(
					'row'     => $e['row'] > 0 ? $e['row'] : 'file',
					'column'  => $e['column'],
					'message' => $e['message'],
				);
			}
			\WP_CLI\Utils\format_items( 'table', $items, array( 'row', 'column', 'message' ) );
			\WP_CLI::error( sprintf( '%d problem(s): nothing was imported.', count( $report['errors'] ) ) );
		}
		if ( $dry ) {
			\WP_CLI::success( sprintf( 'Dry run: all %d rows would be imported; nothing was written.', count( $report['records'] ) ) );
			return;
		}
		\WP_CLI::success( sprintf( 'Imported %d %s.', $report['imported'], $type ) );
	}

	/**
	 * Exports people, activities, investment, benefits or plans as CSV (UTF-8 with BOM, the import's format), with the filters of
	 * the admin lists.
	 *
	 * ## OPTIONS
	 *
	 * [<type>]
	 * : What to export: people, activities, investments, benefits or plans (or give --type).
	 *
	 * [--type=<type>]
	 * : What to export (the same as <type>).
	 *
	 * [--output=<file>]
	 * : Write to this file instead of standard output. It is written under a temporary name and
	 * renamed once whole: a failed export leaves no file (and exits with an error).
	 *
	 * [--stage=<stage>]
	 * : People: applicant, activist, candidate, probationary, full, left or none (today).
	 *
	 * [--category=<category>]
	 * : Activities: service or meeting.
	 *
	 * [--kind=<kind>]
	 * : Activities: a kind such as lecture.
	 *
	 * [--from=<date>]
	 * : Activities on or after this date (YYYY-MM-DD).
	 *
	 * [--to=<date>]
	 * : Activities on or before this date (YYYY-MM-DD).
	 *
	 * [--search=<text>]
	 * : Text to look for (names, phones, titles, venues).
	 *
	 * ## EXAMPLES
	 *
	 *     wp dangjian export activities --output=activities.csv
	 *     wp dangjian export --type=people --stage=full --output=members.csv
	 *     wp dangjian export --type=activities --category=service --from=2024-01-01 --to=2024-12-31
	 *
	 * @param array $args       Positional arguments.
	 * @param array $assoc_args Options.
	 */
	public function export( $args, $assoc_args ): void {
		$type = (string) ( $args[0] ?? $assoc_args['type'] ?? '' );
		if ( ! in_array( $type, Import::TYPES, true ) ) {
			\WP_CLI::error( 'Say what to export, one of: ' . implode( ', ', Import::TYPES ) . ' (wp dangjian export activities --output=activities.csv).' );
		}
		$filters = Export::filters_from( $type, $assoc_args );
		$output  = isset( $assoc_args['output'] ) ? (string) $assoc_args['output'] : '';
		$part    = '' === $output ? '' : $output . '.part-' . getmypid();
		$out     = '' === $output ? fopen( 'php://stdout', 'wb' ) : @fopen( $part, 'wb' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Reported below.
		if ( ! $out ) {
			\WP_CLI::error( "Cannot write $output." );
		}
		$bar   = null;
		$start = microtime( true );
		try {
			$n = Export::write(
				$type,
				$filters,
				$out,
				'' === $output ? null : static function ( $done, $total ) use ( &$bar ) {
					if ( null === $bar ) {
						$bar = \WP_CLI\Utils\make_progress_bar( 'Exporting', max( 1, $total ) );
					}
					$bar->tick( $done - $bar->current() );
				}
			);
			if ( ! fclose( $out ) || ( '' !== $part && ! rename( $part, $output ) ) ) {
				throw new \RuntimeException( "Cannot write $output." );
			}
		} catch ( \Throwable $e ) {
			if ( '' !== $part && is_file( $part ) ) {
				unlink( $part );
			}
			\WP_CLI::error( 'The export failed, so no file was written: ' . $e->getMessage() );
		}
		if ( null !== $bar ) {
			$bar->finish();
		}
		if ( '' !== $output ) {
			\WP_CLI::success( sprintf( 'Exported %d %s to %s (%.1f s).', $n, $type, $output, microtime( true ) - $start ) );
		}
	}

	/**
	 * Prints the figures of a period (STATS.md), as the engine computes them.
	 *
	 * ## OPTIONS
	 *
	 * [--period=<period>]
	 * : this_year (default), last_year, all, or a year such as 2024.
	 *
	 * [--from=<date>]
	 * : A custom period's first day (with --to).
	 *
	 * [--to=<date>]
	 * : A custom period's last day (with --from).
	 *
	 * [--as_of=<date>]
	 * : The day of the roster figures.
	 *
	 * [--format=<format>]
	 * : table, csv and yaml print a row a figure (its id in docs/FIGURES.md, and its value) through
	 * WP-CLI's formatter: on a terminal a table, piped a tab-separated line a figure, as every WP-CLI
	 * command; json prints dangjian_stats()'s result as it is.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - csv
	 *   - yaml
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     wp dangjian stats --period=2024
	 *     wp dangjian stats --period=2024 --format=csv > figures-2024.csv
	 *     wp dangjian stats --from=2024-01-01 --to=2024-06-30 --format=json
	 *
	 * @param array $args       Positional arguments.
	 * @param array $assoc_args Options.
	 */
	public function stats( $args, $assoc_args ): void {
		$query = array();
		foreach ( array( 'period', 'from', 'to', 'as_of' ) as $key ) {
			if ( isset( $assoc_args[ $key ] ) ) {
				$query[ $key ] = (string) $assoc_args[ $key ];
			}
		}
		$stats = dangjian_stats( $query );
		if ( is_wp_error( $stats ) ) {
			\WP_CLI::error( $stats->get_error_message() );
		}
		$format = (string) ( $assoc_args['format'] ?? 'table' );
		if ( 'json' === $format ) {
			\WP_CLI::line( (string) wp_json_encode( $stats, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION ) );
			return;
		}
		if ( ! in_array( $format, array( 'table', 'csv', 'yaml' ), true ) ) {
			\WP_CLI::error( '--format must be one of: table, csv, yaml, json.' );
		}
		$items = array();
		self::flatten( $stats, '', $items );
		\WP_CLI\Utils\format_items( $format, $items, array( 'figure', 'value' ) );
	}

	/**
	 * Rebuilds the engine's dataset from the tables and saves its snapshot (the cache).
	 *
	 * ## EXAMPLES
	 *
	 *     wp dangjian rebuild
	 *
	 * @param array $args       Positional arguments.
	 * @param array $assoc_args Options.
	 */
	public function rebuild( $args, $assoc_args ): void {
		global $wpdb;
		if ( ! Engine::available() ) {
			\WP_CLI::error( 'The Dangjian engine is not available: neither the dangjian extension nor php/fallback/ is loaded.' );
		}
		$total = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Schema::table( 'people' ) ) + (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Schema::table( 'activities' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
		$bar   = \WP_CLI\Utils\make_progress_bar( 'Rebuilding', max( 1, $total ) );
		$batch = (int) apply_filters( 'dangjian_build_batch', Engine::BATCH );
		$count = static function ( $sql ) use ( $bar, $batch ) {
			// Each batch query of the build moves the bar by one batch.
			if ( preg_match( '/^SELECT id, .* WHERE id > \d+ ORDER BY id LIMIT/s', (string) $sql ) ) {
				$bar->tick( $batch );
			}
			return $sql;
		};
		$version = Data_Version::get();
		$path    = Engine::snapshot_path( $version );
		if ( null !== $path && is_file( $path ) ) {
			unlink( $path );
		}
		Engine::forget();
		wp_cache_flush();
		add_filter( 'query', $count );
		try {
			$dataset = Engine::dataset();
		} catch ( \Throwable $e ) {
			remove_filter( 'query', $count );
			\WP_CLI::error( $e->getMessage() );
		}
		remove_filter( 'query', $count );
		$bar->finish();
		$c = $dataset->counts();
		foreach ( Engine::skipped() as $line ) {
			\WP_CLI::warning( 'left out: ' . $line );
		}
		\WP_CLI::success(
			sprintf(
				'Rebuilt data version %d with the %s engine: %d people, %d activities, %d participations%s.',
				$version,
				Engine::implementation(),
				$c['people'],
				$c['activities'],
				$c['participations'],
				null !== $path && is_file( $path ) ? '; snapshot saved' : ''
			)
		);
	}

	/**
	 * Writes a JSON backup of every record (the engine's dataset format plus the plugin's fields);
	 * a name ending in .gz is written gzip-compressed (about a tenth of the size), which the page and
	 * `wp dangjian restore` read back as it is.
	 *
	 * ## OPTIONS
	 *
	 * [--output=<file>]
	 * : Write to this file (whole or not at all) instead of standard output, e.g. backup.json.gz.
	 *
	 * ## EXAMPLES
	 *
	 *     wp dangjian backup --output=dangjian-backup.json.gz
	 *
	 * @param array $args       Positional arguments.
	 * @param array $assoc_args Options.
	 */
	public function backup( $args, $assoc_args ): void {
		if ( empty( $assoc_args['output'] ) ) {
			try {
				$out = fopen( 'php://stdout', 'wb' );
				Backup::write( $out );
				fwrite( $out, "\n" );
				fclose( $out );
			} catch ( \Throwable $e ) {
				\WP_CLI::error( $e->getMessage() );
			}
			return;
		}
		$start = microtime( true );
		try {
			$bytes = Backup::save( (string) $assoc_args['output'] );
		} catch ( \Throwable $e ) {
			\WP_CLI::error( $e->getMessage() );
		}
		\WP_CLI::success( sprintf( 'Backup written to %s (%s bytes, %.1f s).', $assoc_args['output'], number_format( $bytes ), microtime( true ) - $start ) );
	}

	/**
	 * Replaces every record with a backup (.json, or .json.gz as written by `wp dangjian backup`),
	 * read as a stream and checked row by row with the forms' rules (PHP holds one batch of rows at a
	 * time); nothing changes if it is refused. Use it for a backup
	 * larger than the page's upload limit.
	 *
	 * ## OPTIONS
	 *
	 * <file>
	 * : The backup file (.json or .json.gz; gzip is told by its first bytes).
	 *
	 * [--yes]
	 * : Do not ask for confirmation.
	 *
	 * ## EXAMPLES
	 *
	 *     wp dangjian restore dangjian-backup-2025-01-31.json.gz --yes
	 *
	 * @param array $args       Positional arguments.
	 * @param array $assoc_args Options.
	 */
	public function restore( $args, $assoc_args ): void {
		\WP_CLI::confirm( 'Replace every Dangjian record of this site with the backup?', $assoc_args );
		\WP_CLI::log( 'Checking the backup…' );
		$bar = null;
		// Read as a stream (PHP holds a batch of rows), checked and written in one transaction.
		$result = Backup::restore_file(
			(string) $args[0],
			static function ( $done, $total ) use ( &$bar ) {
				if ( null === $bar ) {
					$bar = \WP_CLI\Utils\make_progress_bar( 'Restoring', max( 1, $total ) );
				}
				$bar->tick( $done - $bar->current() );
			}
		);
		if ( null !== $bar ) {
			$bar->finish();
		}
		if ( 'whole' === ( $result['read'] ?? '' ) ) {
			// Not the layout this version writes (an older backup, or one edited by hand): PHP held all of it.
			\WP_CLI::log( 'The backup is not in the layout this version writes (an older or edited backup): it was read whole into memory.' );
		}
		if ( $result['errors'] ) {
			foreach ( $result['errors'] as $e ) {
				\WP_CLI::warning( $e );
			}
			\WP_CLI::error( 'The backup was refused; nothing was changed.' );
		}
		$parts = array();
		foreach ( $result['counts'] as $table => $n ) {
			$parts[] = "$n $table";
		}
		\WP_CLI::success( 'Restored: ' . implode( ', ', $parts ) . '.' );
	}

	/**
	 * Flattens figures into rows "members.full" => 3, down to single values: maps and lists by key
	 * or position ("service.by_kind.counseling.hours", "service.by_month.0.hours",
	 * "meetings.missing.branch_assembly.0"), an empty map or list as "". Short cells keep WP-CLI's
	 * table from wrapping a cell, which its pinned table renderer (php-cli-tools 0.11) does with
	 * PHP 8.2 deprecations.
	 *
	 * @param array  $data   The figures.
	 * @param string $prefix The path so far.
	 * @param array  $items  The rows.
	 */
	private static function flatten( array $data, string $prefix, array &$items ): void {
		foreach ( $data as $key => $value ) {
			$path = '' === $prefix ? (string) $key : $prefix . '.' . $key;
			if ( is_array( $value ) && $value ) {
				self::flatten( $value, $path, $items );
				continue;
			}
			if ( is_array( $value ) ) {
				$value = '';
			}
			$items[] = array(
				'figure' => $path,
				'value'  => null === $value ? 'null' : ( is_bool( $value ) ? ( $value ? 'true' : 'false' ) : (string) $value ),
			);
		}
	}
}

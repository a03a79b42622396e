<?php
/**
 * A large export made in the background: a wp-cron job writes the CSV to a private folder, with its
 * progress in an option, and the page then offers the finished file.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * A job is an option dangjian_export_job_<id> (not autoloaded): user, type, filters, status
 * (queued, running, done, failed), rows written and total, the error of a failed one. Its file is
 * written as <id>.csv.part and renamed to <id>.csv only once whole, so a file offered for download is
 * never a partial one. A finished file is deleted once downloaded, and any job's file and option
 * after a day.
 */
final class Export_Job {

	/** The wp-cron hook that runs a job. */
	const HOOK = 'dangjian_export_job';

	/** The options' prefix. */
	const OPTION = 'dangjian_export_job_';

	/** The private folder under uploads. */
	const DIR = 'dangjian-exports';

	/** Seconds a job waits for wp-cron before the page's reload runs it itself. */
	const CRON_WAIT = 10;

	/** Past this many rows the page exports in the background. */
	const BACKGROUND_ROWS = 20000;

	/**
	 * Adds the cron hook. Called from Import_Admin::init().
	 */
	public static function init(): void {
		add_action( self::HOOK, array( self::class, 'run' ) );
	}

	/**
	 * How many rows the page writes in the request itself; more go to the background.
	 */
	public static function threshold(): int {
		/**
		 * Filters the number of rows past which the page's export runs in the background.
		 *
		 * @param int $rows Rows (default 20,000).
		 */
		return max( 0, (int) apply_filters( 'dangjian_export_background_rows', self::BACKGROUND_ROWS ) );
	}

	/**
	 * Queues a job and asks wp-cron to run it now.
	 *
	 * @param string $type    The list.
	 * @param array  $filters Its filters.
	 * @param int    $total   Its rows (for the progress).
	 * @return string The job's id.
	 */
	public static function start( string $type, array $filters, int $total ): string {
		$id = strtolower( wp_generate_password( 24, false ) );
		self::cleanup();
		add_option(
			self::OPTION . $id,
			array(
				'user'    => get_current_user_id(),
				'type'    => $type,
				'filters' => $filters,
				'status'  => 'queued',
				'done'    => 0,
				'total'   => $total,
				'error'   => '',
				'created' => time(),
			),
			'',
			false
		);
		wp_schedule_single_event( time(), self::HOOK, array( $id ) );
		if ( function_exists( 'spawn_cron' ) ) {
			spawn_cron();
		}
		return $id;
	}

	/**
	 * A job of the current user, or null.
	 *
	 * @param string $id The job's id.
	 */
	public static function get( string $id ): ?array {
		if ( ! preg_match( '/^[a-z0-9]{24}$/', $id ) ) {
			return null;
		}
		wp_cache_delete( self::OPTION . $id, 'options' );
		$job = get_option( self::OPTION . $id );
		if ( ! is_array( $job ) || (int) $job['user'] !== get_current_user_id() ) {
			return null;
		}
		return $job + array( 'id' => $id );
	}

	/**
	 * Runs a job (the cron hook): writes the file, with its progress, then marks it done or failed.
	 *
	 * @param string $id The job's id.
	 */
	public static function run( $id ): void {
		$id  = (string) $id;
		$job = preg_match( '/^[a-z0-9]{24}$/', $id ) ? get_option( self::OPTION . $id ) : null;
		if ( ! is_array( $job ) || 'queued' !== $job['status'] ) {
			return;
		}
		$dir = Uploads::private_dir( self::DIR );
		$job['status'] = 'running';
		update_option( self::OPTION . $id, $job, false );
		if ( function_exists( 'set_time_limit' ) ) {
			set_time_limit( 0 ); // phpcs:ignore Squiz.PHP.DiscouragedFunctions -- A background export of 1M rows.
		}
		$part = null === $dir ? '' : $dir . '/' . $id . '.csv.part';
		$out  = '' === $part ? false : @fopen( $part, 'wb' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors, WordPress.WP.AlternativeFunctions -- Reported below.
		try {
			if ( ! $out ) {
				throw new \RuntimeException( __( 'The export could not be written: the uploads folder is not writable.', 'dangjian' ) );
			}
			$last = 0.0;
			Export::write(
				$job['type'],
				(array) $job['filters'],
				$out,
				static function ( $done, $total ) use ( &$job, &$last, $id ) {
					$job['done']  = $done;
					$job['total'] = $total;
					if ( microtime( true ) - $last > 1 ) {
						$last = microtime( true );
						update_option( self::OPTION . $id, $job, false );
					}
				}
			);
			if ( ! fclose( $out ) || ! rename( $part, $dir . '/' . $id . '.csv' ) ) {
				throw new \RuntimeException( __( 'The export could not be written whole (is the disk full?).', 'dangjian' ) );
			}
			$job['status'] = 'done';
		} catch ( \Throwable $e ) {
			if ( '' !== $part && is_file( $part ) ) {
				unlink( $part );
			}
			$job['status'] = 'failed';
			$job['error']  = $e->getMessage();
		}
		update_option( self::OPTION . $id, $job, false );
	}

	/**
	 * Sends a finished job's file to its user, then deletes it.
	 *
	 * @param string $id The job's id.
	 */
	public static function send( string $id ): void {
		$job  = self::get( $id );
		$dir  = Uploads::private_dir( self::DIR );
		$file = null === $dir ? '' : $dir . '/' . $id . '.csv';
		if ( null === $job || 'done' !== $job['status'] || ! is_file( $file ) ) {
			wp_die( esc_html__( 'This export is not ready, or it was already downloaded (a file is kept until then, and a day at most).', 'dangjian' ), '', array( 'response' => 404 ) );
		}
		nocache_headers();
		header( 'Content-Type: text/csv; charset=UTF-8' );
		header( 'Content-Disposition: attachment; filename="' . Export::filename( $job['type'] ) . '"' );
		header( 'X-Content-Type-Options: nosniff' );
		header( 'Content-Length: ' . filesize( $file ) );
		readfile( $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- Our own file, sent as is.
		unlink( $file );
		delete_option( self::OPTION . $id );
		exit;
	}

	/**
	 * The page's notice of a job: its progress (the page reloads itself), its download link, or its
	 * error.
	 *
	 * @param string $id  The job's id.
	 * @param string $url The page's URL, with the job.
	 */
	public static function render( string $id, string $url ): void {
		$job = self::get( $id );
		if ( null === $job ) {
			return;
		}
		if ( 'queued' === $job['status'] && time() - (int) $job['created'] >= self::CRON_WAIT ) {
			// wp-cron did not take it (DISABLE_WP_CRON, no loopback): the page's own request writes it.
			self::run( $id );
			$job = self::get( $id ) ?? $job;
		}
		echo '<div class="notice notice-info inline" id="dangjian-export-job" data-status="' . esc_attr( $job['status'] ) . '"><p>';
		if ( 'done' === $job['status'] ) {
			$link = wp_nonce_url( add_query_arg( array( 'dj_action' => 'export_download', 'job' => $id ), $url ), 'dangjian_export' );
			/* translators: %d: a number of rows. */
			echo esc_html( sprintf( __( 'The export is ready: %d rows.', 'dangjian' ), (int) $job['done'] ) ) . ' <a class="button button-primary" id="dangjian-export-download" href="' . esc_url( $link ) . '">' . esc_html__( 'Download the CSV', 'dangjian' ) . '</a>';
		} elseif ( 'failed' === $job['status'] ) {
			/* translators: %s: what went wrong. */
			echo '<strong>' . esc_html( sprintf( __( 'The export failed, so no file was made: %s', 'dangjian' ), $job['error'] ) ) . '</strong>';
		} else {
			/* translators: 1: rows written, 2: rows in all. */
			echo esc_html( sprintf( __( 'The export is being written in the background: %1$d of %2$d rows. This page reloads itself until the file is ready.', 'dangjian' ), (int) $job['done'], (int) $job['total'] ) );
			echo '<meta http-equiv="refresh" content="3" />';
		}
		echo '</p></div>';
	}

	/**
	 * Deletes the jobs (options and files) older than a day.
	 */
	public static function cleanup(): void {
		global $wpdb;
		$names = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( self::OPTION ) . '%' ) );
		$dir   = Uploads::private_dir( self::DIR );
		foreach ( (array) $names as $name ) {
			$job = get_option( $name );
			if ( is_array( $job ) && (int) ( $job['created'] ?? 0 ) > time() - DAY_IN_SECONDS ) {
				continue;
			}
			delete_option( $name );
			$id = substr( $name, strlen( self::OPTION ) );
			foreach ( null === $dir ? array() : array( '.csv', '.csv.part' ) as $ext ) {
				if ( preg_match( '/^[a-z0-9]{24}$/', $id ) && is_file( $dir . '/' . $id . $ext ) ) {
					unlink( $dir . '/' . $id . $ext );
				}
			}
		}
	}
}

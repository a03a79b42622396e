<?php
/**
 * bench/export-bench.php - one phase of the export, backup and restore benchmark (issue 11, "at the
 * benchmark's scale"), run inside the site by bench/export-bench.sh, one process a phase so that
 * each phase's peak memory is its own:
 *
 *   scripts/wp-env.sh run SITE bench/export-bench.php PHASE WORKDIR
 *
 * PHASE:
 *   export-activities  Export::write() of every activity to WORKDIR/activities.csv (the CSV the page,
 *                      the background job and `wp dangjian export activities` write);
 *   export-activities-batches  the same read through keyset batches on $wpdb's connection (the
 *                      dangjian_export_stream filter off: the path when mysqli is not in use), to
 *                      WORKDIR/activities-batches.csv;
 *   export-people      the same for the people;
 *   backup             Backup::save() to WORKDIR/backup.json.gz (what the page sends and
 *                      `wp dangjian backup --output=x.json.gz` writes);
 *   check              Backup::check_file() of that file (read as a stream, every row checked; nothing
 *                      written), as `wp dangjian restore` and the restore page check it;
 *   restore            Backup::restore_file() of that file (checked and written into copies of the
 *                      tables, swapped in at once; what `wp dangjian restore FILE` does).
 * Prints one JSON line: phase, seconds, the process's CPU seconds in the phase (user + system), peak memory (PHP's, and the process's VmHWM: the engine's
 * allocations are outside PHP's), rows, bytes, and "ok" (the file is whole: the rows of the tables,
 * no HTML inside, the restore gives back the same counts). Timings are reported, never asserted.
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit( 2 );

$dj_phase = (string) ( $argv[1] ?? '' );
$dj_dir   = rtrim( (string) ( $argv[2] ?? sys_get_temp_dir() ), '/' );
wp_mkdir_p( $dj_dir );
global $wpdb;
$dj_count = static fn( string $table ) => (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( $table ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared

/**
 * The process's peak resident memory in bytes (VmHWM), or 0.
 */
function dj_bench_hwm(): int {
	$status = (string) @file_get_contents( '/proc/self/status' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
	return preg_match( '/^VmHWM:\s+(\d+) kB/m', $status, $m ) ? 1024 * (int) $m[1] : 0;
}

$dj_result = array(
	'phase'  => $dj_phase,
	'people' => $dj_count( 'people' ),
	'acts'   => $dj_count( 'activities' ),
);
$dj_cpu   = static function (): float {
	$u = getrusage();
	return $u['ru_utime.tv_sec'] + $u['ru_stime.tv_sec'] + ( $u['ru_utime.tv_usec'] + $u['ru_stime.tv_usec'] ) / 1e6;
};
$dj_cpu0  = $dj_cpu();
$dj_start = microtime( true );
switch ( $dj_phase ) {
	case 'export-activities':
	case 'export-activities-batches':
	case 'export-people':
		$dj_type = 'export-people' === $dj_phase ? 'people' : 'activities';
		$dj_file = $dj_dir . '/' . substr( $dj_phase, 7 ) . '.csv';
		if ( 'export-activities-batches' === $dj_phase ) {
			add_filter( 'dangjian_export_stream', '__return_false' );
		}
		$dj_out  = fopen( $dj_file, 'wb' );
		$dj_rows = Dangjian\Export::write( $dj_type, array(), $dj_out );
		fclose( $dj_out );
		$dj_result['seconds'] = microtime( true ) - $dj_start;
		$dj_result['rows']    = $dj_rows;
		$dj_result['bytes']   = filesize( $dj_file );
		$dj_tail              = (string) file_get_contents( $dj_file, false, null, max( 0, $dj_result['bytes'] - 4096 ) );
		$dj_lines             = 0;
		$dj_in                = fopen( $dj_file, 'rb' );
		while ( ! feof( $dj_in ) ) {
			$dj_lines += substr_count( (string) fread( $dj_in, 1 << 20 ), "\r\n" );
		}
		fclose( $dj_in );
		// Whole: every row of the table, the last line ended, no error page inside. (A field may hold a
		// line break inside quotes, so lines >= rows + 1.)
		$dj_result['ok'] = $dj_rows === $dj_count( $dj_type ) && $dj_lines >= $dj_rows + 1 && str_ends_with( $dj_tail, "\r\n" ) && ! str_contains( $dj_tail, '<html' );
		break;
	case 'backup':
		$dj_result['bytes']   = Dangjian\Backup::save( "$dj_dir/backup.json.gz" );
		$dj_result['seconds'] = microtime( true ) - $dj_start;
		$dj_result['ok']      = $dj_result['bytes'] > 0;
		// The text's size, read in pieces after the measure (a gzdecode() of the whole would be this
		// process's peak memory).
		$dj_gz             = gzopen( "$dj_dir/backup.json.gz", 'rb' );
		$dj_result['json'] = 0;
		while ( $dj_gz && ! gzeof( $dj_gz ) ) {
			$dj_result['json'] += strlen( (string) gzread( $dj_gz, 1 << 20 ) );
		}
		$dj_gz && gzclose( $dj_gz );
		break;
	case 'check':
		$dj_check             = Dangjian\Backup::check_file( "$dj_dir/backup.json.gz" );
		$dj_result['seconds'] = microtime( true ) - $dj_start;
		$dj_result['counts']  = $dj_check['counts'];
		$dj_result['errors']  = array_slice( $dj_check['errors'], 0, 5 );
		$dj_result['ok']      = ! $dj_check['errors'] && $dj_check['counts']['activities'] === $dj_result['acts'];
		break;
	case 'restore':
		$dj_res               = Dangjian\Backup::restore_file( "$dj_dir/backup.json.gz" );
		$dj_result['seconds'] = microtime( true ) - $dj_start;
		$dj_result['counts']  = $dj_res['counts'];
		$dj_result['errors']  = array_slice( $dj_res['errors'], 0, 5 );
		$dj_result['ok']      = ! $dj_res['errors'] && $dj_count( 'activities' ) === $dj_result['acts'] && $dj_count( 'people' ) === $dj_result['people'];
		break;
	default:
		fwrite( STDERR, "usage: export-bench.php export-activities|export-activities-batches|export-people|backup|check|restore WORKDIR\n" );
		exit( 2 );
}
$dj_result['cpu']      = $dj_cpu() - $dj_cpu0; // The phase's, and the checks of the file after it.
$dj_result['peak_php'] = memory_get_peak_usage( true );
$dj_result['peak_rss'] = dj_bench_hwm();
echo wp_json_encode( $dj_result, JSON_UNESCAPED_SLASHES ), "\n";
exit( ! empty( $dj_result['ok'] ) ? 0 : 1 );

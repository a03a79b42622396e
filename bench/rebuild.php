<?php
/**
 * bench/rebuild.php - the plugin's rebuild from MariaDB (Dangjian\Engine::build()) at scale: its time
 * against an unbuffered read of the same rows, and PHP's peak memory while it runs.
 *
 * Runs inside a WordPress site with the plugin active (the tests' site of scripts/wp-env.sh):
 *
 *   php -d extension=$PWD/modules/dangjian.so -d memory_limit=1G \
 *       scripts/wp-run.php SITE/wordpress bench/rebuild.php [ACTIVITIES] [--write]
 *
 * ACTIVITIES defaults to 1,000,000 (people: a tenth of it; participants 0–4 an activity, ~2 on
 * average). The tables are filled with multi-row INSERTs (seeded, so the same rows every time) unless
 * they already hold exactly that data (the fill takes a few minutes at 1M; it replaces the plugin's
 * records on that site: use a site for benchmarks only). Then, best of BENCH_REPS (3):
 *   - read:    one unbuffered query per table (mysqli MYSQLI_USE_RESULT, fetch_assoc, rows dropped),
 *              the same columns and order as the rebuild reads them;
 *   - rebuild: Engine::build() (the participants query sent first, without waiting, so that the
 *              database sorts it while the people are read in keyset batches; then activities and
 *              participants streamed from two unbuffered queries on connections of their own, ints
 *              sent as ints, merged by activity id, Engine::BATCH activities at a time),
 *              with memory_reset_peak_usage() before and memory_get_peak_usage() after (PHP's heap:
 *              the extension's dataset itself lives in malloc memory, reported apart as its bytes).
 * --write appends (or replaces) the section "Rebuild from MariaDB" of docs/benchmarks.md.
 */

global $wpdb;
use Dangjian\Engine;
use Dangjian\Schema;

$args   = array_values( array_filter( array_slice( $argv, 1 ), static fn( $a ) => '--write' !== $a ) );
$write  = in_array( '--write', $argv, true );
$na     = (int) ( $args[0] ?? 1000000 );
$np     = max( 10, intdiv( $na, 10 ) );
$reps   = max( 1, (int) ( getenv( 'BENCH_REPS' ) ?: 3 ) );
$load_avg = sys_getloadavg();
$tp     = Schema::table( 'people' );
$ta     = Schema::table( 'activities' );
$tm     = Schema::table( 'participants' );
$marker = "bench-rebuild $np/$na seed 7";
$say    = static function ( string $s ): void {
	fwrite( STDERR, $s . "\n" );
};

// ------------------------------------------------------------------------------------------ fill
$have = $wpdb->get_var( "SELECT notes FROM {$tp} WHERE id = 1" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
if ( $have !== $marker || (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$ta}" ) !== $na ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	$say( "filling: $np people, $na activities ..." );
	$t0 = microtime( true );
	foreach ( Schema::TABLES as $name ) {
		$wpdb->query( 'TRUNCATE TABLE ' . Schema::table( $name ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
	}
	mt_srand( 7 );
	$day   = static fn( int $base, int $span ) => gmdate( 'Y-m-d', $base + 86400 * mt_rand( 0, $span ) );
	$flush = static function ( string $head, array &$vals ) use ( $wpdb ): void {
		if ( $vals ) {
			$wpdb->query( $head . implode( ',', $vals ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
			$vals = array();
		}
	};
	$wpdb->query( 'SET unique_checks = 0' );
	$wpdb->query( 'START TRANSACTION' );
	$head = "INSERT INTO {$tp} (id, name, is_staff, applied_on, activist_on, admitted_on, full_on, joined_on, left_on, left_reason, notes) VALUES ";
	$vals = array();
	for ( $i = 1; $i <= $np; $i++ ) {
		$applied = $day( 1451606400, 2000 ); // 2016-01-01 + up to ~5.5 years
		$ts      = strtotime( $applied );
		$adm     = mt_rand( 0, 2 ) ? "'" . gmdate( 'Y-m-d', $ts + 86400 * mt_rand( 200, 600 ) ) . "'" : 'NULL';
		$full    = 'NULL' !== $adm && mt_rand( 0, 1 ) ? "'" . gmdate( 'Y-m-d', strtotime( trim( $adm, "'" ) ) + 86400 * 366 ) . "'" : 'NULL';
		$left    = 0 === mt_rand( 0, 19 ) ? "'2025-06-01', 'transfer'" : 'NULL, NULL';
		$vals[]  = sprintf( "(%d, 'p%d', %d, '%s', '%s', %s, %s, NULL, %s, %s)", $i, $i, mt_rand( 0, 1 ), $applied, gmdate( 'Y-m-d', $ts + 86400 * 30 ), $adm, $full, $left, 1 === $i ? "'" . $marker . "'" : 'NULL' );
		if ( count( $vals ) >= 2000 ) {
			$flush( $head, $vals );
		}
	}
	$flush( $head, $vals );
	$kinds = array( 'counseling', 'lecture', 'cleanup', 'elderly_care', 'tutoring', 'medical', 'legal_aid', 'environment', 'culture', 'safety' );
	$meets = array( 'committee', 'group_meeting', 'theme_day', 'branch_assembly', 'party_lesson', 'life_meeting', 'study' );
	$heada = "INSERT INTO {$ta} (id, activity_date, category, kind, hours, fee_waived, donation, beneficiaries, venue_kind, venue) VALUES ";
	$headm = "INSERT INTO {$tm} (activity_id, person_id, hours) VALUES ";
	$vals  = array();
	$valm  = array();
	for ( $i = 1; $i <= $na; $i++ ) {
		$service = mt_rand( 0, 4 ) > 0;
		$vals[]  = sprintf(
			"(%d, '%s', '%s', '%s', %d.%02d, %d.00, %d.00, %d, '%s', '%s')",
			$i,
			$day( 1672531200, 1094 ), // 2023-01-01 .. 2025-12-30
			$service ? 'service' : 'meeting',
			$service ? $kinds[ mt_rand( 0, 9 ) ] : $meets[ mt_rand( 0, 6 ) ],
			mt_rand( 0, 8 ),
			mt_rand( 0, 3 ) * 25,
			mt_rand( 0, 3 ) ? 0 : mt_rand( 1, 5000 ),
			mt_rand( 0, 9 ) ? 0 : mt_rand( 1, 2000 ),
			mt_rand( 0, 200 ),
			$service ? 'community' : '',
			$service ? 'venue ' . mt_rand( 1, 300 ) : ''
		);
		$k    = mt_rand( 0, 4 );
		$seen = array();
		for ( $j = 0; $j < $k; $j++ ) {
			$p = mt_rand( 1, $np );
			if ( isset( $seen[ $p ] ) ) {
				continue;
			}
			$seen[ $p ] = true;
			$valm[]     = sprintf( '(%d, %d, %s)', $i, $p, mt_rand( 0, 2 ) ? 'NULL' : mt_rand( 1, 6 ) . '.50' );
		}
		if ( count( $vals ) >= 2000 ) {
			$flush( $heada, $vals );
			$flush( $headm, $valm );
		}
		if ( 0 === $i % 100000 ) {
			$wpdb->query( 'COMMIT' );
			$wpdb->query( 'START TRANSACTION' );
			$say( "  $i activities" );
		}
	}
	$flush( $heada, $vals );
	$flush( $headm, $valm );
	$wpdb->query( 'COMMIT' );
	$wpdb->query( 'SET unique_checks = 1' );
	Dangjian\Data_Version::bump();
	$say( sprintf( 'filled in %.1f s', microtime( true ) - $t0 ) );
}
$counts = array(
	'people'       => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$tp}" ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	'activities'   => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$ta}" ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	'participants' => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$tm}" ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
);

// ------------------------------------------------------------------------------------- measure
/**
 * Reads every row of the three queries unbuffered; returns the rows read.
 */
function dj_bench_read( $dbh, array $sqls ): int {
	$n = 0;
	foreach ( $sqls as $sql ) {
		$res = mysqli_query( $dbh, $sql, MYSQLI_USE_RESULT );
		while ( null !== ( $row = mysqli_fetch_assoc( $res ) ) ) {
			++$n;
		}
		mysqli_free_result( $res );
	}
	return $n;
}
$sqls = array(
	'SELECT ' . Engine::PEOPLE_COLUMNS . " FROM {$tp} ORDER BY id",
	'SELECT ' . Engine::ACTIVITY_COLUMNS . " FROM {$ta} ORDER BY id",
	"SELECT activity_id, person_id, hours FROM {$tm} ORDER BY activity_id, id",
);
$read = array();
$rows = 0;
for ( $r = 0; $r < $reps; $r++ ) {
	$t      = hrtime( true );
	$rows   = dj_bench_read( $wpdb->dbh, $sqls );
	$read[] = ( hrtime( true ) - $t ) / 1e6;
}
$say( sprintf( 'unbuffered read of %d rows: %s ms', $rows, implode( ', ', array_map( static fn( $x ) => sprintf( '%.0f', $x ), $read ) ) ) );

$build = array();
$peaks = array();
$ds    = null;
for ( $r = 0; $r < $reps; $r++ ) {
	$ds = null;
	gc_collect_cycles();
	$base = memory_get_usage();
	memory_reset_peak_usage();
	$t       = hrtime( true );
	$ds      = Engine::build();
	$build[] = ( hrtime( true ) - $t ) / 1e6;
	$peaks[] = memory_get_peak_usage() - $base;
}
$dc = $ds->counts();
$say( sprintf( 'rebuild: %s ms, peak %s MiB', implode( ', ', array_map( static fn( $x ) => sprintf( '%.0f', $x ), $build ) ), implode( ', ', array_map( static fn( $x ) => sprintf( '%.1f', $x / 1048576 ), $peaks ) ) ) );
$ok = $dc['people'] === $counts['people'] && $dc['activities'] === $counts['activities'] && $dc['participations'] === $counts['participants'];

// The snapshot of it: save and load times (the page-view path of a worker that starts cold).
$snap = sys_get_temp_dir() . '/dj-bench-rebuild-' . getmypid() . '.snap';
$t    = hrtime( true );
$ds->save( $snap );
$save = ( hrtime( true ) - $t ) / 1e6;
$load = array();
for ( $r = 0; $r < $reps; $r++ ) {
	$t      = hrtime( true );
	$x      = Dangjian\Dataset::load( $snap );
	$load[] = ( hrtime( true ) - $t ) / 1e6;
	$x      = null;
}
$snap_bytes = filesize( $snap );
unlink( $snap );
$vmhwm = preg_match( '/VmHWM:\s+(\d+) kB/', (string) file_get_contents( '/proc/self/status' ), $m ) ? (int) $m[1] : 0;

$best_read  = min( $read );
$best_build = min( $build );
$peak       = max( $peaks );
$result     = array(
	'engine'        => Engine::implementation(),
	'counts'        => $counts,
	'counts_ok'     => $ok,
	'read_ms'       => $read,
	'build_ms'      => $build,
	'ratio'         => round( $best_build / $best_read, 2 ),
	'peak_mib'      => round( $peak / 1048576, 1 ),
	'dataset_bytes' => function_exists( 'memory_get_usage' ) && 'extension' === Engine::implementation() ? ( Dangjian\Cache::put( 'bench', $ds ) ? Dangjian\Cache::info()['entries']['bench'] : null ) : null,
	'save_ms'       => round( $save, 1 ),
	'load_ms'       => $load,
	'snapshot_mib'  => round( $snap_bytes / 1048576, 1 ),
	'vmhwm_mib'     => round( $vmhwm / 1024, 1 ),
	'batch'         => Engine::BATCH,
);
echo wp_json_encode( $result, JSON_PRETTY_PRINT ), "\n";
if ( ! $ok ) {
	$say( 'rebuild: the dataset does not hold every row' );
	exit( 1 );
}

if ( $write ) {
	$file = dirname( __DIR__ ) . '/docs/benchmarks.md';
	$fmt  = static fn( array $xs ) => implode( ', ', array_map( static fn( $x ) => sprintf( '%.0f', $x ), $xs ) );
	$load_fmt = implode( ', ', array_map( static fn( $x ) => sprintf( '%.1f', $x ), $load ) );
	$mysql    = $wpdb->get_var( 'SELECT VERSION()' );
	$text     = "## Rebuild from MariaDB (bench/rebuild.php)\n\n"
		. 'Measured on ' . gmdate( 'Y-m-d H:i' ) . ' UTC by `bench/rebuild.php` inside the tests\' WordPress site (MariaDB ' . $mysql . ' on loopback, PHP ' . PHP_VERSION . ', the ' . $result['engine'] . '), best of ' . $reps . ".\n"
		. 'Load average before the run: ' . implode( ' / ', array_map( static fn( $x ) => sprintf( '%.2f', $x ), $load_avg ) ) . " (the machine was shared: compare within this table).\n"
		. sprintf( "Data: %s people, %s activities, %s participants in the plugin's tables (seeded, `bench/rebuild.php`).\n\n", number_format( $counts['people'] ), number_format( $counts['activities'] ), number_format( $counts['participants'] ) )
		. "| what | goal | measured | all runs |\n|---|---|---:|---|\n"
		. sprintf( "| unbuffered read of the same rows (mysqli `MYSQLI_USE_RESULT`, `fetch_assoc`, three queries) | | %.0f ms | %s |\n", $best_read, $fmt( $read ) )
		. sprintf( "| rebuild: `Engine::build()`: the participants query sent first (MYSQLI_ASYNC), sorted by the database while the people are read in keyset batches; activities and participants from two unbuffered queries (two connections of their own, ints as ints) merged by activity id, added %d activities at a time | ≤ 1.3× the read | %.0f ms (**%.2f×**) | %s |\n", Engine::BATCH, $best_build, $result['ratio'], $fmt( $build ) )
		. sprintf( "| PHP peak memory during the rebuild (`memory_get_peak_usage()` above the start) | ≤ 64 MiB | **%.1f MiB** | %s |\n", $result['peak_mib'], implode( ', ', array_map( static fn( $x ) => sprintf( '%.1f', $x / 1048576 ), $peaks ) ) )
		. ( null !== $result['dataset_bytes'] ? sprintf( "| the dataset built (malloc memory of the extension, `dj_dataset_memory`) | | %.1f MiB | |\n", $result['dataset_bytes'] / 1048576 ) : '' )
		. sprintf( "| process peak RSS (VmHWM, the whole benchmark) | | %.1f MiB | |\n", $result['vmhwm_mib'] )
		. sprintf( "| `save()` of its snapshot (%.1f MiB) | | %.1f ms | |\n", $result['snapshot_mib'], $save )
		. sprintf( "| `Dataset::load()` of that snapshot | ≤ 50 ms | %.1f ms | %s |\n\n", min( $load ), $load_fmt );
	$old   = (string) file_get_contents( $file );
	$start = strpos( $old, "## Rebuild from MariaDB (bench/rebuild.php)\n" );
	if ( false !== $start ) {
		$next = strpos( $old, "\n## ", $start + 10 );
		$old  = substr( $old, 0, $start ) . ( false === $next ? '' : substr( $old, $next + 1 ) );
	}
	file_put_contents( $file, rtrim( $old ) . "\n\n" . $text );
	$say( "written to $file" );
}

<?php
/**
 * Writes that lose nothing when processes write at once (issue 11, item 5 and the deadlocks the
 * security review saw):
 * - two processes write activities with participants at once, 200 writes each (inserts, and updates
 *   of their own), and not one write is refused (before: 3–7 "Deadlock found" refusals per 200);
 * - while a process writes activities with participants, another deletes those people one by one:
 *   no participant is left pointing at nobody (before: the participants were checked outside the
 *   write's transaction).
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Records;
use Dangjian\Schema;
use Dangjian\Validator;

dj_t_reset();
$people = array();
for ( $i = 0; $i < 30; $i++ ) {
	$people[] = Records::save( 'people', Validator::sanitize( 'people', array( 'name' => '并发' . $i, 'applied_on' => sprintf( '2021-%02d-01', 1 + $i % 12 ) ) ) );
}
dj_t_ok( 30 === count( array_filter( $people, 'is_int' ) ), '30 people saved' );

$root   = dirname( __DIR__, 2 );
$go     = sys_get_temp_dir() . '/dj-scale-go-' . getmypid();
$writer = sys_get_temp_dir() . '/dj-scale-writer-' . getmypid() . '.php';
// A writer: $argv = [file, people ids, go file, seed, writes, "write"|"delete"]. It never tries a
// write again itself: every refusal is counted.
file_put_contents(
	$writer,
	'<?php
$people = array_map( "intval", explode( ",", $argv[1] ) );
$go     = $argv[2];
$seed   = (int) $argv[3];
$n      = (int) $argv[4];
$mode   = $argv[5];
mt_srand( $seed );
echo "ready\n";
while ( ! file_exists( $go ) ) { usleep( 1000 ); }
$refused = array();
$ok      = 0;
$mine    = array();
if ( "delete" === $mode ) {
	foreach ( $people as $pid ) {
		usleep( mt_rand( 1000, 6000 ) );
		$ok += Dangjian\Records::delete( "people", array( $pid ) );
	}
	echo json_encode( array( "ok" => $ok, "refused" => array() ) ), "\n";
	exit( 0 );
}
for ( $i = 0; $i < $n; $i++ ) {
	$parts = array();
	foreach ( array_rand( array_flip( $people ), min( count( $people ), mt_rand( 2, 4 ) ) ) as $pid ) {
		$parts[] = array( "id" => (string) $pid, "hours" => mt_rand( 0, 1 ) ? null : (string) mt_rand( 1, 3 ) );
	}
	$row = array(
		"activity_date" => sprintf( "2024-%02d-%02d", mt_rand( 1, 12 ), mt_rand( 1, 28 ) ),
		"category"      => "service",
		"kind"          => "counseling",
		"title"         => "w" . $seed . "-" . $i,
		"hours"         => (string) mt_rand( 1, 8 ),
		"participants"  => $parts,
	);
	$id = ( 3 === $i % 4 && $mine ) ? $mine[ array_rand( $mine ) ] : 0;
	$r  = Dangjian\Records::save( "activities", Dangjian\Validator::sanitize( "activities", $row ), $id );
	if ( is_int( $r ) ) {
		++$ok;
		if ( 0 === $id ) { $mine[] = $r; }
	} else {
		$refused[] = $r->get_error_message() . " " . json_encode( $r->get_error_data(), JSON_UNESCAPED_UNICODE );
	}
}
echo json_encode( array( "ok" => $ok, "refused" => $refused ), JSON_UNESCAPED_UNICODE ), "\n";
'
);
$args = extension_loaded( 'dangjian' ) ? array( '-d', 'extension=' . $root . '/modules/dangjian.so' ) : array();

/**
 * Starts writers, lets them go at once, and returns what each printed.
 *
 * @param array[] $runs Each [people ids, seed, writes, mode].
 * @return array[] Each decoded result (or a string when it printed something else).
 */
$run = static function ( array $runs ) use ( $writer, $go, $args, $root ): array {
	@unlink( $go ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
	$procs = array();
	$pipes = array();
	foreach ( $runs as $k => list( $ids, $seed, $n, $mode ) ) {
		$procs[ $k ] = proc_open(
			array_merge( array( PHP_BINARY ), $args, array( $root . '/scripts/wp-run.php', ABSPATH, $writer, implode( ',', $ids ), $go, (string) $seed, (string) $n, $mode ) ),
			array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ),
			$pipes[ $k ]
		);
		dj_t_same( "ready\n", fgets( $pipes[ $k ][1] ), "writer $k is ready" );
	}
	touch( $go );
	$out = array();
	foreach ( $procs as $k => $proc ) {
		$text = (string) stream_get_contents( $pipes[ $k ][1] );
		$err  = (string) stream_get_contents( $pipes[ $k ][2] );
		proc_close( $proc );
		$got       = json_decode( trim( $text ), true );
		$out[ $k ] = is_array( $got ) ? $got : substr( $text . $err, 0, 500 );
	}
	@unlink( $go ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
	return $out;
};

// ------------------------------------------------------------ two writers at once: nothing refused
$acts   = Schema::table( 'activities' );
$links  = Schema::table( 'participants' );
$before = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$acts}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
$start  = microtime( true );
$res    = $run(
	array(
		1 => array( $people, 1, 200, 'write' ),
		2 => array( $people, 2, 200, 'write' ),
	)
);
printf( "# two writers, 400 writes: %.1f s\n", microtime( true ) - $start );
foreach ( $res as $k => $r ) {
	dj_t_ok( is_array( $r ) && 200 === $r['ok'] && array() === $r['refused'], "writer $k: its 200 writes at once with the other are all taken, none refused", is_array( $r ) ? implode( ' | ', array_slice( $r['refused'], 0, 3 ) ) . ' (' . count( $r['refused'] ) . ' refused)' : $r );
}
dj_t_same( $before + 300, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$acts}" ), '300 activities added (150 a writer, 50 updates each)' ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
dj_t_same( 0, (int) $wpdb->get_var( "SELECT COUNT(*) FROM (SELECT activity_id, person_id FROM {$links} GROUP BY activity_id, person_id HAVING COUNT(*) > 1) d" ), 'no participant is listed twice for an activity' ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared

// ------------------------------------------------------------ writes while their people are deleted
$doomed = array_slice( $people, 0, 15 );
$res    = $run(
	array(
		1 => array( $doomed, 3, 150, 'write' ),
		2 => array( $doomed, 4, 0, 'delete' ),
	)
);
$p       = Schema::table( 'people' );
$orphans = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$links} x LEFT JOIN {$p} p ON p.id = x.person_id WHERE p.id IS NULL" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
dj_t_same( 0, $orphans, 'no participant points at a deleted person after writes and deletes at once' );
dj_t_ok( is_array( $res[2] ) && 15 === $res[2]['ok'], 'the 15 people were deleted', wp_json_encode( $res[2] ) );
$other = 0;
foreach ( is_array( $res[1] ) ? $res[1]['refused'] : array( 'no result' ) as $message ) {
	if ( ! preg_match( '/There is no person \d+|没有编号为|不存在/u', $message ) ) {
		++$other;
	}
}
dj_t_same( 0, $other, 'a write is refused only for a person already gone (' . ( is_array( $res[1] ) ? count( $res[1]['refused'] ) : 0 ) . ' such), never by a deadlock', is_array( $res[1] ) ? implode( ' | ', array_slice( $res[1]['refused'], 0, 3 ) ) : (string) $res[1] );
@unlink( $writer ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
dj_t_done();

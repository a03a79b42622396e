<?php
/**
 * Data integrity of the engine's kept datasets (issue 11, items 6, 7, 9): two processes writing 200
 * times each at once never share a data version and lose no write (a reader following along with
 * the deltas ends equal to a full rebuild); with an unwritable uploads folder the rebuild is still
 * done by one process at a time (the database's GET_LOCK); the rebuild's own connections use the
 * site's MYSQL_CLIENT_FLAGS.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Cache;
use Dangjian\Data_Version;
use Dangjian\Engine;
use Dangjian\Records;
use Dangjian\Validator;

$query = array( 'from' => '2020-01-01', 'to' => '2024-12-31', 'as_of' => '2024-12-31', 'top' => 1000 );

/**
 * A second connection to the site's database (mysqli), or null.
 */
function dj_t_second_link(): ?mysqli {
	global $wpdb;
	list( $host, $port, $socket ) = $wpdb->parse_db_host( DB_HOST );
	$link                         = mysqli_init();
	$ok                           = @mysqli_real_connect( $link, $host, DB_USER, DB_PASSWORD, DB_NAME, null === $port ? null : (int) $port, $socket );
	return $ok ? $link : null;
}

dj_t_reset();
Cache::clear();
$people = array();
for ( $i = 0; $i < 20; $i++ ) {
	$people[] = Records::save( 'people', Validator::sanitize( 'people', array( 'name' => '人' . $i, 'applied_on' => sprintf( '2021-%02d-01', 1 + $i % 12 ) ) ) );
}
dj_t_ok( 20 === count( array_filter( $people, 'is_int' ) ), '20 people saved' );

// ------------------------------------------------------------ 6. two writers, 200 writes each, at once
$writer = sys_get_temp_dir() . '/dj-sec-writer-' . getmypid() . '.php';
file_put_contents(
	$writer,
	'<?php
$people   = array_map( "intval", explode( ",", $argv[1] ) );
$go       = $argv[2];
$seed     = (int) $argv[3];
$versions = array();
add_action( "dangjian_data_changed", static function ( $v ) use ( &$versions ) { $versions[] = (int) $v; } );
mt_srand( $seed );
echo "ready\n";
while ( ! file_exists( $go ) ) { usleep( 2000 ); }
$mine = array();
for ( $i = 0; $i < 200; $i++ ) {
	$row = array(
		"activity_date" => sprintf( "2024-%02d-%02d", mt_rand( 1, 12 ), mt_rand( 1, 28 ) ),
		"category"      => "service",
		"kind"          => "counseling",
		"title"         => "w" . $seed . "-" . $i,
		"hours"         => (string) mt_rand( 1, 8 ),
		"beneficiaries" => (string) mt_rand( 0, 9 ),
		"participants"  => array( array( "id" => (string) $people[ mt_rand( 0, count( $people ) - 1 ) ], "hours" => null ) ),
	);
	$id = ( 3 === $i % 4 && $mine ) ? $mine[ array_rand( $mine ) ] : 0;
	// A deadlock between the two writers\' transactions (participants) is refused whole: try again,
	// as the user would.
	for ( $try = 0; $try < 5; $try++ ) {
		$r = Dangjian\Records::save( "activities", Dangjian\Validator::sanitize( "activities", $row ), $id );
		if ( is_int( $r ) || ! str_contains( $r->get_error_message(), "Deadlock" ) ) { break; }
		fwrite( STDERR, "deadlock, again\n" );
	}
	if ( ! is_int( $r ) ) { echo "refused ", is_wp_error( $r ) ? $r->get_error_message() . " " . wp_json_encode( $r->get_error_data() ) : gettype( $r ), "\n"; exit( 1 ); }
	if ( 0 === $id ) { $mine[] = $r; }
}
echo json_encode( $versions ), "\n";
'
);
$go   = sys_get_temp_dir() . '/dj-sec-go-' . getmypid();
@unlink( $go );
$args = extension_loaded( 'dangjian' ) ? array( '-d', 'extension=' . dirname( __DIR__, 2 ) . '/modules/dangjian.so' ) : array();
$procs = array();
$pipes = array();
foreach ( array( 1, 2 ) as $seed ) {
	$procs[ $seed ] = proc_open(
		array_merge( array( PHP_BINARY ), $args, array( dirname( __DIR__, 2 ) . '/scripts/wp-run.php', ABSPATH, $writer, implode( ',', $people ), $go, (string) $seed ) ),
		array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ),
		$pipes[ $seed ]
	);
	$ready = fgets( $pipes[ $seed ][1] );
	dj_t_same( "ready\n", $ready, "writer $seed is ready" );
}
Engine::forget();
Engine::dataset( false );
$start = Data_Version::get();
touch( $go );
// This process follows along, as a reader of the site would: each read applies the deltas since.
$sources = array();
$reads   = 0;
while ( proc_get_status( $procs[1] )['running'] || proc_get_status( $procs[2] )['running'] ) {
	Engine::dataset( false );
	$sources[ Engine::source() ] = ( $sources[ Engine::source() ] ?? 0 ) + 1;
	++$reads;
	usleep( 5000 );
}
$versions = array();
foreach ( array( 1, 2 ) as $seed ) {
	$out = stream_get_contents( $pipes[ $seed ][1] );
	$err = stream_get_contents( $pipes[ $seed ][2] );
	echo '# writer ', $seed, ': ', substr_count( (string) $err, 'deadlock, again' ), " deadlocks retried\n";
	proc_close( $procs[ $seed ] );
	$got = json_decode( trim( (string) $out ), true );
	dj_t_ok( is_array( $got ) && 200 === count( $got ), "writer $seed wrote 200 times", substr( $out . $err, 0, 300 ) );
	$versions = array_merge( $versions, is_array( $got ) ? $got : array() );
}
@unlink( $go );
@unlink( $writer );
echo '# reads while writing: ', $reads, ' ', wp_json_encode( $sources ), "\n";
dj_t_same( 400, count( array_unique( $versions ) ), 'the 400 writes got 400 distinct data versions (none read another writer\'s number)' );
dj_t_same( $start + 400, Data_Version::get(), '... ending 400 after the start' );
$followed = Engine::dataset( false )->statsJson( $query );
dj_t_same( Engine::build()->statsJson( $query ), $followed, 'the reader that followed the deltas ends with the figures of a full rebuild: nothing lost' );
dj_t_ok( ( $sources['delta'] ?? 0 ) > 0, 'and it did follow them as deltas (' . ( $sources['delta'] ?? 0 ) . ' reads)' );

// ------------------------------------------------------------ 9. no writable uploads: the database's lock
$unwritable = static function ( $dirs ) {
	$dirs['basedir'] = '/etc/hostname/uploads'; // Under a file: no folder can be made there, even by root.
	$dirs['path']    = $dirs['basedir'];
	return $dirs;
};
add_filter( 'upload_dir', $unwritable );
dj_t_same( null, Engine::cache_dir(), 'with an unwritable uploads folder there is no cache folder' );
$other = dj_t_second_link();
dj_t_ok( null !== $other, 'a second connection to the database' );
$name  = Dangjian\Engine_Store::lock_name();
$held  = array();
$check = static function ( $batch ) use ( $other, $name, &$held ) {
	$r      = mysqli_query( $other, "SELECT IS_FREE_LOCK('" . mysqli_real_escape_string( $other, $name ) . "')" );
	$held[] = $r ? mysqli_fetch_row( $r )[0] : 'error';
	return $batch;
};
add_filter( 'dangjian_build_batch', $check );
$wpdb->insert( Dangjian\Schema::table( 'people' ), array( 'name' => 'raw', 'applied_on' => '2024-05-01' ) );
Data_Version::bump();
Cache::clear();
Engine::forget();
Engine::dataset( false );
remove_filter( 'dangjian_build_batch', $check );
dj_t_same( 'rebuild', Engine::source(), 'the next read rebuilds' );
dj_t_same( array( '0' ), $held, '... holding the database lock ' . $name . ' meanwhile' );
$r = mysqli_query( $other, "SELECT IS_FREE_LOCK('" . mysqli_real_escape_string( $other, $name ) . "')" );
dj_t_same( '1', $r ? mysqli_fetch_row( $r )[0] : null, '... and releasing it after' );
// Another process holds it: a public read gets the previous version at once, an admin read waits.
$r = mysqli_query( $other, "SELECT GET_LOCK('" . mysqli_real_escape_string( $other, $name ) . "', 0)" );
dj_t_same( '1', $r ? mysqli_fetch_row( $r )[0] : null, 'another connection takes the rebuild lock' );
$wpdb->insert( Dangjian\Schema::table( 'people' ), array( 'name' => 'raw2', 'applied_on' => '2024-05-02' ) );
Data_Version::bump();
Engine::forget();
$t0 = microtime( true );
Engine::dataset( true );
dj_t_ok( Engine::stale() && 'stale' === Engine::source() && microtime( true ) - $t0 < 5, 'a public read meanwhile gets the previous version at once, marked stale', Engine::source() );
mysqli_query( $other, "SELECT RELEASE_LOCK('" . mysqli_real_escape_string( $other, $name ) . "')" );
Engine::forget();
Engine::dataset( false );
dj_t_same( 'rebuild', Engine::source(), 'after the other released it, a read rebuilds' );
remove_filter( 'upload_dir', $unwritable );
mysqli_close( $other );

// ------------------------------------------------------------ 7. MYSQL_CLIENT_FLAGS on the rebuild's connections
if ( ! defined( 'MYSQL_CLIENT_FLAGS' ) ) {
	define( 'MYSQL_CLIENT_FLAGS', MYSQLI_CLIENT_COMPRESS ); // As wp-config.php would (TLS: MYSQLI_CLIENT_SSL).
}
$stream = Dangjian\Engine_Stream::open();
dj_t_ok( null !== $stream, 'the streamed build opens its connections with the site\'s client flags' );
if ( null !== $stream ) {
	$r   = mysqli_query( $stream[0], "SHOW SESSION STATUS LIKE 'Compression'" );
	$row = $r ? mysqli_fetch_row( $r ) : null;
	dj_t_same( 'ON', $row[1] ?? null, 'its connection is compressed, as MYSQL_CLIENT_FLAGS asks' );
	Dangjian\Engine_Stream::close( $stream );
}
Cache::clear();
Engine::forget();
dj_t_same( Engine::build()->statsJson( $query ), Engine::dataset( false )->statsJson( $query ), 'a rebuild over those connections gives the same figures' );

dj_t_reset();
Cache::clear();
dj_t_done();

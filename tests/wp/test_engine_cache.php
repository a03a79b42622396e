<?php
/**
 * Engine::dataset(): the kept dataset (Dangjian\Cache), the snapshot file, the rebuild under a lock
 * (the others wait, or serve the previous version marked stale when allowed), a torn snapshot or a
 * killed lock holder leaving the previous good one in use, and cheap writes: after each of random
 * writes through Records (inserts, edits and deletes of people and activities, all applied to a copy
 * of the kept dataset without a rebuild) the figures equal a full rebuild's; a write the engine
 * refuses, or one whose row is gone, falls back to a rebuild.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Cache;
use Dangjian\Data_Version;
use Dangjian\Engine;
use Dangjian\Records;

$query = array( 'from' => '2020-01-01', 'to' => '2024-12-31', 'as_of' => '2024-12-31', 'top' => 1000 );

/**
 * The figures of a dataset built from the tables right now, bypassing every cache.
 */
function dj_t_fresh( array $query ): string {
	return Engine::build()->statsJson( $query );
}

dj_t_reset();
Cache::clear();
mt_srand( 20240611 );
$people = array();
for ( $i = 0; $i < 40; $i++ ) {
	$id = Records::save(
		'people',
		Dangjian\Validator::sanitize(
			'people',
			array(
				'name'        => '人' . $i,
				'applied_on'  => sprintf( '2021-%02d-01', 1 + $i % 12 ),
				'admitted_on' => 0 === $i % 3 ? sprintf( '2022-%02d-15', 1 + $i % 12 ) : '',
				'is_staff'    => (string) ( $i % 2 ),
			)
		)
	);
	$people[] = $id;
}
dj_t_ok( 40 === count( array_filter( $people, 'is_int' ) ), '40 people saved through Records' );

/**
 * A random activity as the forms give it.
 */
function dj_t_activity( array $people ): array {
	$parts = array();
	foreach ( array_rand( array_flip( $people ), mt_rand( 1, 4 ) ) as $pid ) {
		$parts[] = array(
			'id'    => (string) $pid,
			'hours' => mt_rand( 0, 1 ) ? null : (string) ( mt_rand( 1, 40 ) / 4 ),
		);
	}
	$service = mt_rand( 0, 3 ) > 0;
	return array(
		'activity_date' => sprintf( '2024-%02d-%02d', mt_rand( 1, 12 ), mt_rand( 1, 28 ) ),
		'category'      => $service ? 'service' : 'meeting',
		'kind'          => $service ? ( mt_rand( 0, 1 ) ? 'counseling' : 'lecture' ) : 'committee',
		'title'         => '活动',
		'hours'         => (string) ( mt_rand( 1, 16 ) / 2 ),
		'fee_waived'    => (string) mt_rand( 0, 500 ),
		'beneficiaries' => (string) mt_rand( 0, 50 ),
		'venue_kind'    => 'community',
		'venue'         => mt_rand( 0, 1 ) ? '阳光社区' : '幸福社区',
		'participants'  => $parts,
	);
}
$activities = array();
for ( $i = 0; $i < 60; $i++ ) {
	$activities[] = Records::save( 'activities', Dangjian\Validator::sanitize( 'activities', dj_t_activity( $people ) ) );
}
dj_t_ok( 60 === count( array_filter( $activities, 'is_int' ) ), '60 activities saved through Records' );

// 1. The first read rebuilds and saves the snapshot; the next ones find it kept, then on disk.
Engine::forget();
$v     = Data_Version::get();
$first = Engine::dataset()->statsJson( $query );
dj_t_same( 'rebuild', Engine::source(), 'the first read of a version rebuilds from the tables' );
dj_t_same( dj_t_fresh( $query ), $first, 'with the figures of the tables' );
$snap = Engine::snapshot_path( $v );
dj_t_ok( null !== $snap && is_file( $snap ), 'and saves the snapshot of the version' );
Engine::forget();
dj_t_same( $first, Engine::dataset()->statsJson( $query ), 'a later request gets the same figures' );
dj_t_same( 'kept', Engine::source(), '... from the dataset kept by Dangjian\Cache' );
Cache::clear();
Engine::forget();
dj_t_same( $first, Engine::dataset()->statsJson( $query ), 'a worker without it gets them again' );
dj_t_same( 'snapshot', Engine::source(), '... from the snapshot file' );
Engine::forget();
Engine::dataset();
dj_t_same( 'kept', Engine::source(), 'and keeps what it loaded for the next request' );

// 2. A torn snapshot: the load fails (CorruptSnapshot), the file is rebuilt, the figures are right.
Cache::clear();
Engine::forget();
$size = filesize( $snap );
$fp   = fopen( $snap, 'r+' );
ftruncate( $fp, (int) ( $size / 2 ) );
fclose( $fp );
$threw = '';
try {
	Dangjian\Dataset::load( $snap );
} catch ( Dangjian\CorruptSnapshot $e ) {
	$threw = $e->getMessage();
}
dj_t_ok( str_ends_with( $threw, 'truncated' ), 'a truncated snapshot raises CorruptSnapshot', $threw );
dj_t_same( $first, Engine::dataset()->statsJson( $query ), 'a truncated snapshot gives the right figures' );
dj_t_same( 'rebuild', Engine::source(), '... by a rebuild' );
dj_t_same( $size, filesize( $snap ), 'which writes a whole snapshot again' );

// 3. One process rebuilds; the public showcase meanwhile gets the previous version, marked stale.
$lock_file = Engine::cache_dir() . '/rebuild-' . get_option( Engine::KEY_OPTION ) . '.lock';
dj_t_ok( is_file( $lock_file ), 'the rebuild lock file is in the cache folder' );
$holder = proc_open(
	array( PHP_BINARY, '-r', '$f = fopen($argv[1], "c"); flock($f, LOCK_EX); echo "locked\n"; sleep(60);', $lock_file ),
	array( 1 => array( 'pipe', 'w' ) ),
	$pipes
);
dj_t_same( "locked\n", fgets( $pipes[1] ), 'another process holds the rebuild lock (a rebuild under way)' );
$public_args   = array( 'from' => '2020-01-01', 'to' => '2024-12-31', 'as_of' => '2024-12-31' );
$public_before = dangjian_public_stats( $public_args );
dj_t_ok( is_array( $public_before ) && isset( $public_before['figures']['applicants'] ), 'dangjian_public_stats() gives the figures of the current version', is_wp_error( $public_before ) ? $public_before->get_error_message() : '' );
// A write around Records (no delta) that changes a public figure: one more applicant in 2024.
$wpdb->insert( Dangjian\Schema::table( 'people' ), array( 'name' => 'raw', 'applied_on' => '2024-05-01' ) );
$v2 = Data_Version::bump();
Engine::forget();
$t0    = microtime( true );
$stale = Engine::dataset( true )->statsJson( $query );
dj_t_ok( Engine::stale() && 'stale' === Engine::source(), 'a public read does not wait: it gets the previous version, marked stale' );
dj_t_same( $first, $stale, '... with the previous figures' );
dj_t_ok( microtime( true ) - $t0 < 5, '... at once' );
dj_t_ok( is_file( $snap ), 'the previous snapshot is still there during the rebuild' );
Engine::forget();
$t0           = microtime( true );
$public_stale = dangjian_public_stats( $public_args );
$public_time  = microtime( true ) - $t0;
dj_t_ok( Engine::stale(), 'dangjian_public_stats() does not wait for the rebuild: it reads the previous version, marked stale' );
dj_t_same( $public_before, $public_stale, '... and returns the previous figures' );
dj_t_ok( $public_time < 5, '... at once', sprintf( '%.2f s', $public_time ) );
$cached = Engine::stats( $query, true );
dj_t_ok( Engine::stale(), 'stats() may serve stale figures to the showcase' );
dj_t_same( false, wp_cache_get( 'stats-' . get_option( Engine::KEY_OPTION ) . '-' . $v2 . '-' . md5( (string) wp_json_encode( $query ) ), Engine::CACHE_GROUP ), '... and never caches them as the current version\'s' );
// The lock holder dies (a killed rebuild): its lock goes with it; an admin read rebuilds.
proc_terminate( $holder, 9 );
proc_close( $holder );
Engine::forget();
$now = Engine::dataset()->statsJson( $query );
dj_t_ok( ! Engine::stale() && 'rebuild' === Engine::source(), 'after the holder was killed, an admin read rebuilds (no stale figures)' );
dj_t_same( dj_t_fresh( $query ), $now, '... with the current figures' );
$public_now = dangjian_public_stats( $public_args );
dj_t_same( $public_before['figures']['applicants'] + 1, is_array( $public_now ) ? $public_now['figures']['applicants'] : null, 'dangjian_public_stats() then gives the current figures (the raw applicant counted)' );

// An admin read waits for the process that holds the lock, then uses what it made.
$holder = proc_open(
	array( PHP_BINARY, '-r', '$f = fopen($argv[1], "c"); flock($f, LOCK_EX); echo "locked\n"; usleep(1500000);', $lock_file ),
	array( 1 => array( 'pipe', 'w' ) ),
	$pipes
);
fgets( $pipes[1] );
Data_Version::bump();
Engine::forget();
$t0     = microtime( true );
$admin  = dangjian_stats( $public_args );
$waited = microtime( true ) - $t0;
proc_close( $holder );
dj_t_ok( $waited >= 1.0 && ! Engine::stale() && is_array( $admin ), 'an admin read (dangjian_stats()) waits for the lock holder (never stale)', sprintf( 'waited %.2f s', $waited ) );

// 4. Cheap writes. Records' write path notes each write (Engine::note_write) before bumping the data
// version; nothing here helps it, so this checks the plugin's own write path.
Engine::forget();
Engine::dataset();
$sources = array();
$bad     = array();
for ( $step = 0; $step < 60; $step++ ) {
	$r = mt_rand( 0, 11 );
	if ( $r < 5 ) {
		$activities[] = Records::save( 'activities', Dangjian\Validator::sanitize( 'activities', dj_t_activity( $people ) ) );
	} elseif ( $r < 7 ) {
		$people[]              = Records::save( 'people', Dangjian\Validator::sanitize( 'people', array( 'name' => '新' . $step, 'applied_on' => '2024-0' . mt_rand( 1, 9 ) . '-10' ) ) );
	} elseif ( $r < 9 ) {
		$id                    = $activities[ array_rand( $activities ) ];
		Records::save( 'activities', Dangjian\Validator::sanitize( 'activities', dj_t_activity( $people ) ), $id );
	} elseif ( 9 === $r ) {
		$k                     = array_rand( $activities );
		Records::delete( 'activities', array( $activities[ $k ] ) );
		unset( $activities[ $k ] );
	} elseif ( 10 === $r ) {
		$id = $people[ array_rand( $people ) ];
		Records::save( 'people', Dangjian\Validator::sanitize( 'people', array( 'name' => '改' . $step, 'applied_on' => '2023-0' . mt_rand( 1, 9 ) . '-05', 'admitted_on' => mt_rand( 0, 1 ) ? '2024-0' . mt_rand( 1, 9 ) . '-20' : '', 'is_staff' => (string) mt_rand( 0, 1 ) ) ), $id );
	} else {
		$k = array_rand( $people );
		Records::delete( 'people', array( $people[ $k ] ) );
		unset( $people[ $k ] );
	}
	$got                   = Engine::dataset()->statsJson( $query );
	$sources[]             = $r . ':' . Engine::source();
	if ( dj_t_fresh( $query ) !== $got ) {
		$bad[] = $step;
	}
	// Now and then a new request of another worker: only the kept dataset or the snapshot remain.
	if ( 0 === $step % 7 ) {
		Engine::forget();
	}
}
dj_t_same( array(), $bad, 'after each of 60 random writes the figures equal a full rebuild\'s' );
echo '# sources (write kind 0-4 activity insert, 5-6 person insert, 7-8 activity edit, 9 activity delete, 10 person edit, 11 person delete : how the next read got its dataset): ', implode( ' ', $sources ), "\n";
$inserts = preg_grep( '/^[0-6]:/', $sources );
$edits   = preg_grep( '/^(7|8|10):/', $sources );
$deletes = preg_grep( '/^(9|11):/', $sources );
dj_t_ok( $inserts && ! preg_grep( '/:(?!delta$)/', $inserts ), 'every insert was applied to a copy (source delta)', implode( ' ', $sources ) );
dj_t_ok( preg_grep( '/^10:/', $edits ) && ! preg_grep( '/:(?!delta$)/', $edits ), 'every edit of an activity or a person was applied without a rebuild (source delta)', implode( ' ', $sources ) );
dj_t_ok( preg_grep( '/^11:/', $deletes ) && ! preg_grep( '/:(?!delta$)/', $deletes ), 'every delete of an activity or a person was applied without a rebuild (source delta)', implode( ' ', $sources ) );

// A person edit and delete once more, with a person known to take part in activities.
$busy = (int) $wpdb->get_var( 'SELECT person_id FROM ' . Dangjian\Schema::table( 'participants' ) . ' GROUP BY person_id ORDER BY COUNT(*) DESC LIMIT 1' ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
Records::save( 'people', Dangjian\Validator::sanitize( 'people', array( 'name' => '忙', 'applied_on' => '2020-02-02', 'admitted_on' => '2020-12-12' ) ), $busy );
$got = Engine::dataset()->statsJson( $query );
dj_t_same( 'delta', Engine::source(), 'the edit of a person who takes part in activities: applied as a delta' );
dj_t_same( dj_t_fresh( $query ), $got, '... with the figures of the tables (their participations kept)' );
Records::delete( 'people', array( $busy ) );
$people = array_values( array_diff( $people, array( $busy ) ) );
$got    = Engine::dataset()->statsJson( $query );
dj_t_same( 'delta', Engine::source(), 'the delete of that person: applied as a delta' );
dj_t_same( dj_t_fresh( $query ), $got, '... with the figures of the tables (their participations gone)' );

// An edit the engine refuses (written around Records' checks) makes the reader rebuild.
$odd = $activities[ array_rand( $activities ) ];
$wpdb->update( Dangjian\Schema::table( 'activities' ), array( 'kind' => 'Not A Slug' ), array( 'id' => $odd ) );
Engine::note_write( 'activities', 'update', array( $odd ) );
Data_Version::bump();
$got = Engine::dataset()->statsJson( $query );
dj_t_same( 'rebuild', Engine::source(), 'an edit the engine refuses: a rebuild' );
dj_t_same( dj_t_fresh( $query ), $got, '... with the figures of the tables (the row skipped)' );
$wpdb->update( Dangjian\Schema::table( 'activities' ), array( 'kind' => 'lecture' ), array( 'id' => $odd ) );
Engine::note_write( 'activities', 'update', array( $odd ) );
Data_Version::bump();
$got = Engine::dataset()->statsJson( $query );
dj_t_same( 'rebuild', Engine::source(), 'mending it: a rebuild too (the dataset does not hold the row to remove)' );
dj_t_same( dj_t_fresh( $query ), $got, '... with the figures of the tables' );

// A worker that starts after the inserts loads the older snapshot and applies the writes since.
Records::save( 'activities', Dangjian\Validator::sanitize( 'activities', dj_t_activity( $people ) ) );
Records::save( 'people', Dangjian\Validator::sanitize( 'people', array( 'name' => '末', 'applied_on' => '2024-11-11' ) ) );
Cache::clear();
Engine::forget();
$got = Engine::dataset()->statsJson( $query );
dj_t_same( 'delta', Engine::source(), 'a new worker loads the older snapshot and applies the inserts since' );
dj_t_same( dj_t_fresh( $query ), $got, '... with the figures of the tables' );

// Several writes between two reads, some undoing others (their rows are read as they are now): an
// insert later deleted, an activity added, edited and deleted, a busy person edited then deleted.
Engine::dataset();
$gone_person = Records::save( 'people', Dangjian\Validator::sanitize( 'people', array( 'name' => '过客', 'applied_on' => '2024-10-10' ) ) );
Records::delete( 'people', array( (int) $gone_person ) );
$gone_act = Records::save( 'activities', Dangjian\Validator::sanitize( 'activities', dj_t_activity( $people ) ) );
Records::save( 'activities', Dangjian\Validator::sanitize( 'activities', dj_t_activity( $people ) ), (int) $gone_act );
Records::delete( 'activities', array( (int) $gone_act ) );
$kept_act = Records::save( 'activities', Dangjian\Validator::sanitize( 'activities', dj_t_activity( $people ) ) );
$busy     = (int) $wpdb->get_var( 'SELECT person_id FROM ' . Dangjian\Schema::table( 'participants' ) . ' GROUP BY person_id ORDER BY COUNT(*) DESC LIMIT 1' ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
Records::save( 'people', Dangjian\Validator::sanitize( 'people', array( 'name' => '又忙', 'applied_on' => '2020-02-02' ) ), $busy );
Records::delete( 'people', array( $busy ) );
$people = array_values( array_diff( $people, array( $busy ) ) );
$got    = Engine::dataset()->statsJson( $query );
dj_t_same( 'delta', Engine::source(), 'writes that undo earlier ones between two reads (an insert deleted, an edit deleted): applied as deltas, no rebuild' );
dj_t_same( dj_t_fresh( $query ), $got, '... with the figures of the tables' );
dj_t_ok( (bool) $kept_act, '... (an activity added among them is kept)' );

// A write to a table the engine does not hold (coverage, investment, plans …) keeps the dataset.
$kept_json = Engine::dataset()->toJson();
Records::save( 'investments', Dangjian\Validator::sanitize( 'investments', array( 'invested_on' => '2024-05-01', 'item' => '活动室', 'amount' => '100' ) ) );
Records::save( 'media', Dangjian\Validator::sanitize( 'media', array( 'published_on' => '2024-05-02', 'outlet' => '市日报', 'level' => 'city', 'title' => '报道' ) ) );
$got = Engine::dataset()->statsJson( $query );
dj_t_same( 'delta', Engine::source(), 'a write to a table the engine does not hold: no rebuild (source delta)' );
dj_t_same( $kept_json, Engine::dataset()->toJson(), '... the dataset unchanged' );
dj_t_same( dj_t_fresh( $query ), $got, '... with the figures of the tables' );
// The settings' meeting rules and the branch profile move the figures (the version) but not the dataset.
$kept_json = Engine::dataset()->toJson();
$rules     = Dangjian\Settings::get();
$rules['meeting_rules']['theme_day'] = 'quarter' === ( $rules['meeting_rules']['theme_day'] ?? '' ) ? 'month' : 'quarter';
$before    = Data_Version::get();
Dangjian\Settings::save( $rules );
Engine::dataset();
dj_t_ok( Data_Version::get() > $before, 'a change of the meeting rules moves the data version' );
dj_t_same( 'delta', Engine::source(), '... and the next read keeps the dataset (no rebuild)' );
dj_t_same( $kept_json, Engine::dataset()->toJson(), '... unchanged' );
Dangjian\Profile::save( array( 'name' => '测试支部' . wp_rand( 1, 99999 ) ) + Dangjian\Profile::get() );
Engine::dataset();
dj_t_same( 'delta', Engine::source(), 'a change of the branch profile: no rebuild either' );
$point = Records::save( 'headcount', Dangjian\Validator::sanitize( 'headcount', array( 'point_date' => '2024-05-03', 'staff_count' => '12' ) ) );
Engine::dataset();
dj_t_same( 'rebuild', Engine::source(), 'a write to the headcount (which the engine holds): a rebuild' );
Records::delete( 'headcount', array( (int) $point ) );

// A recorded insert that is gone from the table (deleted around Records) makes the reader rebuild.
$gone                  = Records::save( 'activities', Dangjian\Validator::sanitize( 'activities', dj_t_activity( $people ) ) );
$wpdb->delete( Dangjian\Schema::table( 'activities' ), array( 'id' => $gone ) );
$got = Engine::dataset()->statsJson( $query );
dj_t_same( 'rebuild', Engine::source(), 'a recorded insert that is gone from the table: a rebuild' );
dj_t_same( dj_t_fresh( $query ), $got, '... with the figures of the tables' );

// 5. The rebuild reads activities and participants from two unbuffered queries merged by activity id
// (mysqli), else in keyset batches: both give the same dataset, orphan participants ignored.
$wpdb->insert( Dangjian\Schema::table( 'participants' ), array( 'activity_id' => 999999, 'person_id' => $people[0] ) );
$wpdb->insert( Dangjian\Schema::table( 'participants' ), array( 'activity_id' => 0 + min( $activities ) - 1, 'person_id' => $people[1] ) );
$streamed = Engine::build();
$batched  = new Dangjian\Dataset();
$batched->addPeople( $wpdb->get_results( 'SELECT ' . Engine::PEOPLE_COLUMNS . ' FROM ' . Dangjian\Schema::table( 'people' ) . ' ORDER BY id', ARRAY_A ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
$m = new ReflectionMethod( Dangjian\Engine_Build::class, 'build_activities_batched' );
$m->setAccessible( true );
$m->invoke( null, $batched, 7 );
$batched->setHeadcount( array() );
dj_t_same( $batched->counts(), $streamed->counts(), 'the streamed rebuild holds the rows of the batched one' );
dj_t_same( $batched->toJson(), $streamed->toJson(), '... the very same dataset' );
dj_t_same( (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'participants' ) . ' m JOIN ' . Dangjian\Schema::table( 'activities' ) . ' a ON a.id = m.activity_id' ), $streamed->counts()['participations'], '... without the participants of activities that do not exist' ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared

Cache::clear();
dj_t_done();

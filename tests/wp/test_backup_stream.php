<?php
/**
 * Backup and restore as streams (issue 11, "at the benchmark's scale", item 32): the writer holds one
 * batch of rows (its engine part still Dataset::toJson() byte for byte, whatever the batch size); a
 * backup in the writer's layout is checked and restored a piece at a time (Backup_Stream), with the
 * same results and the same messages as the whole-text check, and a refused one changes nothing;
 * any other layout (an older backup, one edited by hand) still restores, read whole.
 *
 * Small batches and pieces (the dangjian_backup_batch and dangjian_backup_read_piece filters) make
 * every row boundary fall between batches and between pieces.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
require __DIR__ . '/fixtures/import-lib.php';
global $wpdb;

if ( ! dj_t_import_loaded() ) {
	dj_t_done();
}
$t = static fn( string $name ) => Dangjian\Schema::table( $name );

dj_t_reset();
dj_t_import_fixtures();
$wpdb->insert( $t( 'headcount' ), array( 'point_date' => '2024-01-01', 'staff_count' => 40, 'notes' => '年初' ) );
$wpdb->insert( $t( 'media' ), array( 'published_on' => '2024-05-01', 'outlet' => '市日报', 'level' => 'city', 'title' => '报道 "引号" \\ 斜杠', 'url' => 'https://example.org/a', 'activity_id' => 1 ) );
$wpdb->insert( $t( 'honours' ), array( 'awarded_on' => '2024-07-01', 'title' => '先进基层党组织', 'level' => 'city', 'awarded_by' => '市委', 'notes' => "两行\n备注" ) );
// Texts that look like the reader's markers: a venue and a title holding "]},{"id": and "}],".
$wpdb->query( $wpdb->prepare( 'UPDATE ' . $t( 'activities' ) . ' SET venue = %s, title = %s WHERE id = 2', 'a]},{"id":9}],"headcount":[', 'b},{"id":1}],"activities":[' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
// A row the engine refuses, in the middle: left out of both parts (item 5), whatever the batch.
$wpdb->insert( $t( 'people' ), array( 'name' => '错日期', 'applied_on' => '2024-05-01', 'admitted_on' => '2020-01-01', 'is_staff' => 1 ) );
$bad_person = (int) $wpdb->insert_id;
$wpdb->insert( $t( 'people' ), array( 'name' => '后来者', 'applied_on' => '2024-05-01', 'is_staff' => 0 ) );
$wpdb->insert( $t( 'activities' ), array( 'activity_date' => '2024-06-01', 'category' => 'service', 'kind' => 'counseling', 'title' => '随错日期者', 'hours' => '2.00' ) );
$bad_activity = (int) $wpdb->insert_id;
$wpdb->insert( $t( 'participants' ), array( 'activity_id' => $bad_activity, 'person_id' => $bad_person ) );
$wpdb->insert( $t( 'activities' ), array( 'activity_date' => '2024-06-02', 'category' => 'service', 'kind' => 'counseling', 'title' => '之后的活动', 'hours' => '1.50' ) );
Dangjian\Data_Version::bump();

$strip = static fn( $j ) => preg_replace( '/"created":"[^"]*"/', '"created":"X"', $j );
// The same backup but for its date and the rows it left out (a restored site has none to leave out).
$same = static fn( $j ) => preg_replace( '/"skipped":\[(?:"(?:[^"\\\\]|\\\\.)*",?)*\]/', '"skipped":[]', $strip( $j ) );
$small = static fn() => 2;
$piece = static fn() => 37;

// ------------------------------------------------------------ the writer, batch by batch
$json = Dangjian\Backup::create();
add_filter( 'dangjian_backup_batch', $small );
$json_small = Dangjian\Backup::create();
remove_filter( 'dangjian_backup_batch', $small );
dj_t_same( $strip( $json ), $strip( $json_small ), 'batches of 2 rows write the same backup as batches of 5,000' );
$engine = Dangjian\Engine::build()->toJson();
$data   = json_decode( $json, true );
$ids    = static fn( array $list ) => array_map( static fn( $r ) => (int) $r['id'], $list );
$kept   = array_values( array_diff( $ids( $data['dangjian_extra']['people'] ), array( $bad_person ) ) );
dj_t_ok( ! in_array( $bad_person, $ids( $data['people'] ), true ) && ! in_array( $bad_activity, $ids( $data['activities'] ), true ), 'the refused person and their activity are left out of the engine part', $json );
dj_t_same( $ids( $data['people'] ), $kept, 'and out of the plugin part, which holds the same people' );
dj_t_same( $ids( $data['activities'] ), $ids( $data['dangjian_extra']['activities'] ), 'both parts hold the same activities, in the same order' );
dj_t_same( substr( $engine, 0, -1 ), substr( $json, 0, strlen( $engine ) - 1 ), 'the engine part is Dataset::toJson() of the site byte for byte' );

// ------------------------------------------------------------ the check, as a stream
$whole = Dangjian\Backup::check_whole( $json );
unset( $whole['rows'] );
$streams = array();
try {
	$streams['text'] = Dangjian\Backup_Stream::run( static fn() => Dangjian\Backup_Source::bytes( $json ), null );
	$gz              = gzencode( $json );
	$streams['gzip'] = Dangjian\Backup_Stream::run( static fn() => Dangjian\Backup_Source::bytes( $gz ), null );
	add_filter( 'dangjian_backup_read_piece', $piece );
	$streams['pieces of 37 bytes'] = Dangjian\Backup_Stream::run( static fn() => Dangjian\Backup_Source::bytes( $json ), null );
	$streams['gzip, pieces']       = Dangjian\Backup_Stream::run( static fn() => Dangjian\Backup_Source::bytes( $gz ), null );
	$streams['with a BOM']         = Dangjian\Backup_Stream::run( static fn() => Dangjian\Backup_Source::bytes( "\xEF\xBB\xBF" . $json ), null );
	remove_filter( 'dangjian_backup_read_piece', $piece );
	$streams['a line after it'] = Dangjian\Backup_Stream::run( static fn() => Dangjian\Backup_Source::bytes( $json . "\n" ), null );
	dj_t_ok( true, 'a backup as the writer writes it is read as a stream (text, gzip, any piece size, a BOM)' );
} catch ( Dangjian\Backup_Layout $e ) {
	remove_filter( 'dangjian_backup_read_piece', $piece );
	dj_t_ok( false, 'a backup as the writer writes it is read as a stream', $e->getMessage() );
}
foreach ( $streams as $what => $r ) {
	unset( $r['db_error'], $r['rows'] );
	dj_t_same( $whole, $r, "the streamed check ($what) gives what the whole-text check gives" );
}
dj_t_same( array(), $whole['errors'], 'and the backup passes' );
dj_t_same( $whole['counts'], $data['dangjian_backup']['counts'] ?? null, 'the backup says how many rows of each table it holds (for the restore\'s progress)' );

// A backup of another layout is not read as a stream (it is read whole).
$pretty = (string) wp_json_encode( $data, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
$layout = static function ( string $text ): bool {
	try {
		Dangjian\Backup_Stream::run( static fn() => Dangjian\Backup_Source::bytes( $text ), null );
		return false;
	} catch ( Dangjian\Backup_Layout $e ) {
		return true;
	}
};
dj_t_ok( $layout( $pretty ), 'a pretty-printed backup is not taken for the writer\'s layout' );
$moved = $data;
$moved['dangjian_extra']['people'] = array_reverse( $moved['dangjian_extra']['people'] );
dj_t_ok( $layout( (string) wp_json_encode( $moved, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ) ), 'nor one whose parts list the people in different orders' );
dj_t_ok( $layout( substr( $json, 0, intdiv( strlen( $json ), 2 ) ) ), 'nor one cut short' );

// ------------------------------------------------------------ refused as a stream: the same messages, nothing changed
$rows    = dj_t_all_rows();
$sum     = dj_t_tables_checksum();
$version = Dangjian\Data_Version::get();
// Edits made in the text itself, so that the backup keeps the writer's layout.
$edit  = static function ( string $text, string $near, string $from, string $to, int $skip = 0 ): string {
	$at = strpos( $text, $near );
	$at = false === $at ? false : strpos( $text, $from, $at + $skip );
	return false === $at ? '' : substr_replace( $text, $to, $at, strlen( $from ) );
};
$p1    = '{"id":' . $data['people'][1]['id'] . ',"is_staff":';
$a2    = '{"id":' . $data['activities'][2]['id'] . ',"date":';
$date  = $data['people'][1]['applied_on'];
$parts = $data['activities'][2]['participants'] ? '"participants":[{' : '"participants":[]';
$email = $data['dangjian_extra']['people'][0]['email'] ?? '';
$cases = array(
	'an engine date that is not' => array( $edit( $json, $p1, '"applied_on":' . wp_json_encode( $date ), '"applied_on":"2024-13-01"' ), 'people[1].applied_on' ),
	'an unknown participant'     => array( $edit( $json, $a2, $parts, str_replace( '[', '[9999' . ( '"participants":[]' === $parts ? '' : ',' ), $parts ) ), 'activities[2].participants[0]' ),
	'an e-mail that is not'      => array( $edit( $json, '"dangjian_extra":{"people":[', '"email":' . wp_json_encode( $email ), '"email":"not-an-email"' ), 'dangjian_extra.people[0].email' ),
	'an unknown coverage level'  => array( $edit( $json, '"media":[', '"level":"city"', '"level":"galactic"' ), 'dangjian_extra.media[0].level' ),
	'a headcount note too long'  => array( $edit( $json, '"dangjian_extra":{', '"notes":"年初"', '"notes":"' . str_repeat( '注', 201 ) . '"' ), 'notes' ),
);
foreach ( $cases as $what => list( $bad, $expect ) ) {
	dj_t_ok( '' !== $bad && ! $layout( $bad ), "a backup with $what keeps the writer's layout (read as a stream)" );
	add_filter( 'dangjian_backup_read_piece', $piece );
	$r = Dangjian\Backup::restore( $bad );
	remove_filter( 'dangjian_backup_read_piece', $piece );
	$w = Dangjian\Backup::check_whole( $bad );
	dj_t_ok( $r['errors'] && str_contains( implode( "\n", $r['errors'] ), $expect ), "it is refused, naming $expect", implode( "\n", $r['errors'] ) );
	dj_t_same( $w['errors'], $r['errors'], '... with the whole-text check\'s messages' );
}
dj_t_same( $sum, dj_t_tables_checksum(), 'none of the refused streamed restores changed anything' );
dj_t_same( $version, Dangjian\Data_Version::get(), '... nor the data version' );

// A database failure in the middle of a streamed restore: rolled back.
$links = $t( 'participants' );
$break = static fn( $sql ) => str_starts_with( $sql, "INSERT INTO {$links}" ) ? 'INSERT INTO no_such_table_dangjian VALUES (1)' : $sql;
add_filter( 'query', $break );
$r = Dangjian\Backup::restore( $json );
remove_filter( 'query', $break );
dj_t_ok( 1 === count( $r['errors'] ) && str_contains( $r['errors'][0], 'no_such_table_dangjian' ), 'a database error in a streamed restore refuses it', implode( "\n", $r['errors'] ) );
dj_t_same( $sum, dj_t_tables_checksum(), 'and the rows written before it were rolled back' );

// ------------------------------------------------------------ restored as a stream
dj_t_reset();
add_filter( 'dangjian_backup_read_piece', $piece );
$progress = array();
$sql      = array();
$watch    = static function ( $q ) use ( &$sql ) {
	$sql[] = substr( (string) $q, 0, 200 );
	return $q;
};
add_filter( 'query', $watch );
$r = Dangjian\Backup::restore(
	$json,
	static function ( $done, $total ) use ( &$progress ) {
		$progress[] = array( $done, $total );
	}
);
remove_filter( 'query', $watch );
remove_filter( 'dangjian_backup_read_piece', $piece );
$renames = array_values( array_filter( $sql, static fn( $q ) => str_starts_with( $q, 'RENAME TABLE' ) ) );
$deletes = array_values( array_filter( $sql, static fn( $q ) => str_starts_with( $q, 'DELETE FROM' ) ) );
dj_t_ok( 1 === count( $renames ) && ! $deletes, 'the streamed restore fills copies of the tables and swaps them in with one RENAME TABLE (no DELETE)', implode( "\n", $renames ) );
$left = $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix . 'dangjian_' ) . '%\\_restore' ) );
$left = array_merge( $left, $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix . 'dangjian_' ) . '%\\_old' ) ) );
dj_t_same( array(), $left, 'and leaves no copy behind' );
dj_t_same( array(), $r['errors'], 'the backup restores as a stream, in pieces of 37 bytes' );
dj_t_same( $whole['counts'], $r['counts'], 'it reports the rows the check counts' );
$expected = $rows;
$expected['people']       = array_values( array_filter( $rows['people'], static fn( $r ) => (int) $r['id'] !== $bad_person ) );
$expected['activities']   = array_values( array_filter( $rows['activities'], static fn( $r ) => (int) $r['id'] !== $bad_activity ) );
$expected['participants'] = array_values( array_filter( $rows['participants'], static fn( $r ) => (int) $r['activity_id'] !== $bad_activity ) );
dj_t_same( $expected, dj_t_all_rows(), 'every row of every table is back (the refused person and activity aside: they were not in the backup)' );
$last = end( $progress );
dj_t_ok( count( $progress ) > 1 && array( array_sum( $r['counts'] ), array_sum( $r['counts'] ) ) === $last, 'the progress goes up to every row written, of the total the backup gives', wp_json_encode( $progress ) );
dj_t_same( $same( $json ), $same( Dangjian\Backup::create() ), 'a backup of the restored site is the same file (but for its date and the rows it left out)' );

// Without the right to create tables (or with another restore running), the rows are replaced in one
// transaction instead: the same result.
dj_t_reset();
$no_create = static fn( $q ) => str_starts_with( (string) $q, 'CREATE TABLE' ) ? 'CREATE TABLE no_such_db_dangjian.x (a int)' : $q;
add_filter( 'query', $no_create );
$r = Dangjian\Backup::restore( $json );
remove_filter( 'query', $no_create );
dj_t_same( array(), $r['errors'], 'a streamed restore without CREATE TABLE succeeds (one transaction)' );
dj_t_same( $expected, dj_t_all_rows(), '... with the same rows' );
$sum = dj_t_tables_checksum();
add_filter( 'query', $no_create );
add_filter( 'query', $break );
$r = Dangjian\Backup::restore( $json );
remove_filter( 'query', $break );
remove_filter( 'query', $no_create );
dj_t_ok( 1 === count( $r['errors'] ), 'and a database error there refuses it', implode( "\n", $r['errors'] ) );
dj_t_same( $sum, dj_t_tables_checksum(), '... rolled back' );

// Another layout still restores (read whole).
dj_t_reset();
$r = Dangjian\Backup::restore( $pretty );
dj_t_same( array(), $r['errors'], 'a pretty-printed backup (another layout) still restores' );
dj_t_same( 'whole', $r['read'] ?? null, '... read whole, and the result says so' );
dj_t_same( $expected, dj_t_all_rows(), '... with the same rows' );

// ------------------------------------------------------------ files: check_file, restore_file
$dir = sys_get_temp_dir() . '/dj-stream-' . getmypid();
wp_mkdir_p( $dir );
Dangjian\Backup::save( $dir . '/b.json.gz' );
file_put_contents( $dir . '/b.json', $json );
$c = Dangjian\Backup::check_file( $dir . '/b.json.gz' );
dj_t_same( array( array(), $whole['counts'] ), array( $c['errors'], $c['counts'] ), 'check_file() of a .json.gz checks it' );
$c = Dangjian\Backup::check_file( $dir . '/b.json' );
dj_t_same( array( array(), $whole['counts'] ), array( $c['errors'], $c['counts'] ), 'check_file() of a .json too' );
$c = Dangjian\Backup::check_file( $dir . '/none.json.gz' );
dj_t_ok( 1 === count( $c['errors'] ) && str_contains( $c['errors'][0], 'none.json.gz' ), 'check_file() of a missing file says it cannot read it', implode( "\n", $c['errors'] ) );
file_put_contents( $dir . '/cut.json.gz', substr( (string) file_get_contents( $dir . '/b.json.gz' ), 0, 200 ) );
$c = Dangjian\Backup::check_file( $dir . '/cut.json.gz' );
dj_t_ok( 1 === count( $c['errors'] ) && str_contains( $c['errors'][0], 'gzip' ), 'a gzip file cut short is refused as such', implode( "\n", $c['errors'] ) );
dj_t_reset();
$r = Dangjian\Backup::restore_file( $dir . '/b.json.gz' );
dj_t_same( array(), $r['errors'], 'restore_file() restores a .json.gz' );
dj_t_same( 'stream', $r['read'] ?? null, '... as a stream, and the result says so' );
dj_t_same( $expected, dj_t_all_rows(), '... every row' );

// ------------------------------------------------------------ memory: a piece, not the file
// 28,672 activities (the seven above doubled twelve times), three participants each.
$cols = 'activity_date, category, kind, title, description, hours, fee_waived, donation, beneficiaries, venue_kind, venue, project';
for ( $k = 0; $k < 12; $k++ ) {
	$wpdb->query( "INSERT INTO {$t( 'activities' )} ($cols) SELECT $cols FROM {$t( 'activities' )}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
}
$first = (int) $wpdb->get_var( "SELECT MIN(id) FROM {$t( 'people' )}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
$wpdb->query( "DELETE FROM {$links}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
$wpdb->query( $wpdb->prepare( "INSERT INTO {$links} (activity_id, person_id, hours) SELECT a.id, p.id, NULL FROM {$t( 'activities' )} a JOIN {$t( 'people' )} p ON p.id BETWEEN %d AND %d", $first, $first + 2 ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
Dangjian\Data_Version::bump();
$n_acts = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$t( 'activities' )}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
Dangjian\Backup::save( $dir . '/big.json.gz' );
$size = strlen( (string) gzdecode( (string) file_get_contents( $dir . '/big.json.gz' ) ) );
add_filter( 'dangjian_backup_read_piece', static fn() => 65536 );
gc_collect_cycles();
$base = memory_get_usage();
memory_reset_peak_usage();
$c      = Dangjian\Backup::check_file( $dir . '/big.json.gz' );
$stream = memory_get_peak_usage() - $base;
dj_t_same( array( array(), $n_acts, 3 * $n_acts ), array( $c['errors'], $c['counts']['activities'] ?? 0, $c['counts']['participants'] ?? 0 ), "the large backup ($n_acts activities) passes the streamed check" );
$base = memory_get_usage();
memory_reset_peak_usage();
$w     = Dangjian\Backup::check_whole( (string) Dangjian\Backup::read( $dir . '/big.json.gz' ) );
$text  = memory_get_peak_usage() - $base;
unset( $w );
// With the extension the dataset lies outside PHP's memory: PHP holds pieces and a batch, less than half
// the text. The PHP twin holds its dataset in PHP's memory: then a quarter of what reading it whole takes.
$bound = extension_loaded( 'dangjian' ) ? $size / 2 : $text / 4;
dj_t_ok( $stream < $bound && $stream * 4 < $text, sprintf( 'the streamed check of a %.1f MB backup holds %.1f MB at most (reading it whole: %.1f MB)', $size / 1048576, $stream / 1048576, $text / 1048576 ) );
$before = dj_t_all_rows();
dj_t_reset();
gc_collect_cycles();
$base = memory_get_usage();
memory_reset_peak_usage();
$r    = Dangjian\Backup::restore_file( $dir . '/big.json.gz' );
$peak = memory_get_peak_usage() - $base;
dj_t_ok( ! $r['errors'] && $peak < $bound, sprintf( 'the streamed restore of it holds %.1f MB at most', $peak / 1048576 ), implode( "\n", $r['errors'] ) );
dj_t_same( $before, dj_t_all_rows(), 'and gives every row back' );

array_map( 'unlink', glob( $dir . '/*' ) );
rmdir( $dir );
dj_t_reset();
dj_t_done();

<?php
/**
 * The export's one-query read (issue 11: 1M activities in <= 30 s): Export::write() reads a list by
 * one unbuffered query on a connection of its own (Export_Query::rows()), an activity's participants
 * merged from a second stream in activity order (a long list by id) or looked up a batch at a time
 * (a short list, or any other order); activities by date are read by id and put in date order in
 * buckets of dates (Export::buckets()). Whatever the path, the file has the bytes the previous code
 * wrote (keyset batches, a participants query a batch, cells then line()): a reference copy of that
 * code below writes every list of the demo data and of the import fixtures in every order tried,
 * and the files are compared byte for byte. A read that fails gives an error and no file.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
require __DIR__ . '/fixtures/import-lib.php';
global $wpdb;

if ( ! dj_t_import_loaded() ) {
	dj_t_done();
}

/**
 * The CSV of a list as the code before the one-query read wrote it (php/includes/import/class-export.php
 * at ca47a0d): keyset batches of 5,000 (Export_Query::batches()), a participants query a batch,
 * cells formatted one by one, then a line quoted by line().
 *
 * @param string $type    The list.
 * @param array  $filters Its filters.
 */
function dj_t_reference_csv( string $type, array $filters ): string {
	$headers = Dangjian\Export::headers( $type );
	$columns = Dangjian\Import_Vocabulary::columns( $type );
	$names   = 'activities' === $type ? dj_t_reference_names() : array();
	$csv     = "\xEF\xBB\xBF" . dj_t_reference_line( array_values( $headers ) );
	foreach ( Dangjian\Export_Query::batches( $type, $filters, 5000 ) as $items ) {
		$links = array();
		if ( 'activities' === $type ) {
			$ids = array_map( 'intval', array_column( $items, 'id' ) );
			foreach ( Dangjian\Engine_Build::query( 'SELECT activity_id, person_id, hours FROM ' . Dangjian\Schema::table( 'participants' ) . ' WHERE activity_id IN (' . implode( ',', $ids ) . ') ORDER BY activity_id, id' ) as $row ) {
				$links[ (int) $row['activity_id'] ][] = ( $names[ (int) $row['person_id'] ] ?? '#' . $row['person_id'] ) . ( null === $row['hours'] ? '' : '(' . Dangjian\Amount::trim( (string) $row['hours'] ) . ')' );
			}
		}
		foreach ( $items as $item ) {
			$cells = array();
			foreach ( array_keys( $headers ) as $field ) {
				$value = (string) ( $item[ $columns[ $field ]['field'] ] ?? '' );
				if ( 'amount' === $columns[ $field ]['parser'] ) {
					$cells[] = Dangjian\Amount::trim( $value );
				} elseif ( in_array( $field, array( 'is_staff', 'gender', 'stage', 'left_reason', 'category', 'kind', 'venue_kind' ), true ) ) {
					$cells[] = dj_t_reference_label( $field, $value );
				} elseif ( 'participants' === $field ) {
					$cells[] = implode( '、', $links[ (int) $item['id'] ] ?? array() );
				} elseif ( in_array( $field, array( 'id', 'beneficiaries', 'birth_date', 'date', 'plan_year', 'min_admit', 'max_admit' ), true ) ) {
					$cells[] = $value;
				} else {
					$first   = '' === $value ? '' : $value[0];
					$cells[] = in_array( $first, array( '=', '+', '-', '@', "\t", "\r" ), true ) ? "'" . $value : $value;
				}
			}
			$csv .= dj_t_reference_line( $cells );
		}
	}
	return $csv;
}

/**
 * A coded value's label, as the previous code wrote it.
 *
 * @param string $field The field.
 * @param string $value The stored value.
 */
function dj_t_reference_label( string $field, string $value ): string {
	switch ( $field ) {
		case 'is_staff':
			return Dangjian\Import_Vocabulary::bool_label( '1' === $value );
		case 'gender':
			return Dangjian\Import_Vocabulary::gender_label( $value );
		case 'stage':
			return 'none' === $value || '' === $value ? '' : Dangjian\Import_Vocabulary::stage_label( $value );
		case 'left_reason':
			return '' === $value ? '' : Dangjian\Import_Vocabulary::left_reason_label( $value );
		case 'category':
			return Dangjian\Import_Vocabulary::category_label( $value );
		case 'kind':
			return Dangjian\Import_Vocabulary::kind_label( $value );
		default:
			return Dangjian\Import_Vocabulary::venue_kind_label( $value );
	}
}

/**
 * How the previous code named a participant: by name, or "#id" for an empty, shared or unsafe name.
 *
 * @return array<int,string>
 */
function dj_t_reference_names(): array {
	$rows  = Dangjian\Engine_Build::query( 'SELECT id, name FROM ' . Dangjian\Schema::table( 'people' ) );
	$count = array_count_values( array_map( 'strval', array_column( $rows, 'name' ) ) );
	$out   = array();
	foreach ( $rows as $row ) {
		$name = (string) $row['name'];
		$safe = '' !== Dangjian\Import_Vocabulary::trim( $name ) && 1 === $count[ $name ] && Dangjian\Import_Vocabulary::trim( $name ) === $name
			&& ! preg_match( '/^#?\d+$|[、,，;；|\r\n()（）]|^[=+\-@]/u', $name );
		$out[ (int) $row['id'] ] = $safe ? $name : '#' . $row['id'];
	}
	return $out;
}

/**
 * A CSV line with CRLF as the previous code quoted it.
 *
 * @param string[] $cells The cells.
 */
function dj_t_reference_line( array $cells ): string {
	$line = array();
	foreach ( $cells as $cell ) {
		$cell   = (string) $cell;
		$line[] = false !== strpbrk( $cell, "\",\r\n;\t" ) || '' !== $cell && ( ' ' === $cell[0] || ' ' === $cell[ strlen( $cell ) - 1 ] )
			? '"' . str_replace( '"', '""', $cell ) . '"'
			: $cell;
	}
	return implode( ',', $line ) . "\r\n";
}

/**
 * The CSV Export::csv() writes by a path: "merge" (one query, the participants from a second sorted
 * stream whatever the length), "lookup" (one query, the participants a batch at a time) or
 * "batches" (keyset batches through $wpdb, as when mysqli is not in use).
 *
 * @param string $path    The path.
 * @param string $type    The list.
 * @param array  $filters Its filters.
 */
function dj_t_export_by( string $path, string $type, array $filters ): string {
	$merge   = static fn() => 'merge' === $path ? 0 : PHP_INT_MAX;
	$stream  = static fn() => 'batches' !== $path;
	$buckets = static fn() => 7; // Many buckets of the date order, and dates across their edges.
	add_filter( 'dangjian_export_merge_rows', $merge );
	add_filter( 'dangjian_export_stream', $stream );
	add_filter( 'dangjian_export_bucket_rows', $buckets );
	try {
		return Dangjian\Export::csv( $type, $filters );
	} finally {
		remove_filter( 'dangjian_export_merge_rows', $merge );
		remove_filter( 'dangjian_export_stream', $stream );
		remove_filter( 'dangjian_export_bucket_rows', $buckets );
	}
}

$cases = array(
	array( 'activities', array() ),
	array( 'activities', array( 'order' => 'asc' ) ),
	array( 'activities', array( 'orderby' => 'id', 'order' => 'desc' ) ),
	array( 'activities', array( 'orderby' => 'id', 'order' => 'asc' ) ),
	array( 'activities', array( 'category' => 'service' ) ),
	array( 'activities', array( 'from' => '2024-01-01', 'to' => '2024-12-31', 'orderby' => 'activity_date', 'order' => 'asc' ) ),
	array( 'activities', array( 'orderby' => 'hours', 'order' => 'asc' ) ),
	array( 'activities', array( 'orderby' => 'title', 'order' => 'desc' ) ),
	array( 'activities', array( 'orderby' => 'participant_count', 'order' => 'desc' ) ),
	array( 'people', array() ),
	array( 'people', array( 'orderby' => 'birth_date', 'order' => 'desc' ) ),
	array( 'people', array( 'orderby' => 'stage', 'order' => 'asc' ) ),
	array( 'people', array( 'stage' => 'full' ) ),
	array( 'investments', array() ),
	array( 'benefits', array() ),
	array( 'plans', array() ),
);

/**
 * Compares every path's file with the reference's, for every case.
 *
 * @param string $data  What the site holds (for the messages).
 * @param array  $cases [ type, filters ] pairs.
 */
function dj_t_compare_paths( string $data, array $cases ): void {
	foreach ( $cases as list( $type, $filters ) ) {
		$expected = dj_t_reference_csv( $type, $filters );
		$label    = "$data, $type " . wp_json_encode( $filters );
		dj_t_ok( substr_count( $expected, "\r\n" ) > 1 || in_array( $type, array( 'investments', 'benefits', 'plans' ), true ), "$label: the list is not empty" );
		foreach ( array( 'merge', 'lookup', 'batches' ) as $path ) {
			$csv = dj_t_export_by( $path, $type, $filters );
			dj_t_ok( $expected === $csv, "$label, $path: the file has the previous code's bytes", $expected === $csv ? '' : 'first difference at byte ' . strspn( $expected ^ $csv, "\0" ) . ' of ' . strlen( $expected ) );
		}
	}
}

// ------------------------------------------------------------ the demo data
define( 'DANGJIAN_DEMO_NO_RUN', true );
require DANGJIAN_PLUGIN_DIR . '/demo/load-demo.php';
dj_t_reset();
delete_option( 'dangjian_demo' );
$demo = dangjian_demo_load();
dj_t_ok( $demo['loaded'] && $demo['counts']['activities'] > 300 && $demo['counts']['participants'] > 1000, 'the demo loads (hundreds of activities, over a thousand participants)', $demo['message'] );
dj_t_compare_paths( 'the demo', $cases );
$search = (string) $wpdb->get_var( 'SELECT MAX(id) FROM ' . Dangjian\Schema::table( 'activities' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
dj_t_compare_paths( 'the demo', array( array( 'activities', array( 'search' => $search ) ), array( 'activities', array( 'kind' => 'lecture', 'order' => 'asc' ) ) ) );
dj_t_ok( str_contains( dj_t_export_by( 'merge', 'activities', array( 'search' => $search ) ), "\r\n" . $search . ',' ), 'a search by id finds the activity (the participants\' query filters the activities only)' );

// Export_Query::rows() in the list's own order (by id with the participants merged, by date with
// them looked up) gives the rows and participants of the keyset batches.
$names = dj_t_reference_names();
add_filter( 'dangjian_export_merge_rows', '__return_zero' );
foreach ( array( array(), array( 'order' => 'asc' ), array( 'orderby' => 'id' ), array( 'orderby' => 'id', 'order' => 'asc', 'category' => 'meeting' ) ) as $filters ) {
	$streamed = array();
	foreach ( Dangjian\Export_Query::rows( 'activities', $filters, 7, $names ) as $items ) {
		foreach ( $items as $item ) {
			$streamed[] = array( $item['id'], $item['dj_parts'] );
		}
	}
	$batched = array();
	foreach ( Dangjian\Export_Query::batches( 'activities', $filters, 7 ) as $items ) {
		foreach ( Dangjian\Export_Query::with_parts( $items, $names ) as $item ) {
			$batched[] = array( $item['id'], $item['dj_parts'] );
		}
	}
	dj_t_ok( count( $batched ) > 7 && $batched === $streamed, 'rows() ' . wp_json_encode( $filters ) . ': the keyset batches\' rows and participants, in their order' );
}
remove_filter( 'dangjian_export_merge_rows', '__return_zero' );

// A date the dates' counts did not have (an activity written since) goes to the bucket of its dates.
$bucket_of = new ReflectionMethod( Dangjian\Export::class, 'bucket_of' );
$bucket_of->setAccessible( true );
$desc      = array( 'first' => array( '2024-12-31', '2024-06-30', '2024-01-31' ), 'desc' => true );
$asc       = array( 'first' => array( '2024-01-01', '2024-06-30', '2024-12-01' ), 'desc' => false );
dj_t_same( array( 0, 0, 1, 1, 2, 2 ), array_map( static fn( $d ) => $bucket_of->invoke( null, $desc, $d ), array( '2025-01-05', '2024-07-01', '2024-06-30', '2024-03-01', '2024-01-31', '1999-01-01' ) ), 'latest first: a new date goes to the bucket of the dates around it' );
dj_t_same( array( 0, 0, 1, 1, 2, 2 ), array_map( static fn( $d ) => $bucket_of->invoke( null, $asc, $d ), array( '1999-01-01', '2024-06-29', '2024-06-30', '2024-11-30', '2024-12-01', '2030-01-01' ) ), 'earliest first: likewise' );

// Streamed from its own connection: $wpdb sends the count and the names, never a page of rows.
$seen = array();
$spy  = static function ( $sql ) use ( &$seen ) {
	$seen[] = $sql;
	return $sql;
};
add_filter( 'query', $spy );
$before = $wpdb->num_queries;
dj_t_export_by( 'merge', 'activities', array() );
remove_filter( 'query', $spy );
dj_t_same( array(), preg_grep( '/\bLIMIT\b|\bOFFSET\b|activity_id IN/i', $seen ), 'the one-query read sends no batch through $wpdb' );
dj_t_ok( $wpdb->num_queries - $before >= 2, 'its two queries are counted as $wpdb counts its own' );

// ------------------------------------------------------------ the import fixtures (ties, NULLs, names to quote)
dj_t_reset();
dj_t_import_fixtures();
$people = Dangjian\Schema::table( 'people' );
$wpdb->insert( $people, array( 'name' => '=HYPERLINK("x")', 'applied_on' => '2024-01-02', 'notes' => ' "quoted", with; all' . "\r\n" . 'lines ' ) );
$wpdb->query( "UPDATE {$people} SET birth_date = NULL WHERE id % 2 = 0" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
$acts = Dangjian\Schema::table( 'activities' );
$wpdb->query( "UPDATE {$acts} SET title = CONCAT('-', title), venue = CONCAT(' ', venue, ',') WHERE id % 2 = 1" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
Dangjian\Data_Version::bump();
dj_t_compare_paths( 'the fixtures', $cases );

// A read that fails: an error, and the background job leaves no file.
$parts = Dangjian\Schema::table( 'participants' );
$wpdb->query( "RENAME TABLE {$parts} TO {$parts}_away" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
foreach ( array( 'merge', 'lookup', 'batches' ) as $path ) {
	$error = '';
	try {
		dj_t_export_by( $path, 'activities', array() );
	} catch ( \RuntimeException $e ) {
		$error = $e->getMessage();
	}
	dj_t_ok( str_contains( $error, $parts ), "$path: a query the database refuses is an error naming it", $error );
}
list( $admin_id ) = dj_t_user( 'stream_exporter', 'administrator' );
wp_set_current_user( $admin_id );
$job = Dangjian\Export_Job::start( 'activities', array(), 6 );
Dangjian\Export_Job::run( $job );
$state = Dangjian\Export_Job::get( $job );
dj_t_ok( 'failed' === ( $state['status'] ?? '' ) && '' !== ( $state['error'] ?? '' ), 'the background job fails and says why', wp_json_encode( $state ) );
dj_t_same( array(), glob( Dangjian\Uploads::private_dir( Dangjian\Export_Job::DIR ) . '/' . $job . '*' ), 'and leaves no file' );
$wpdb->query( "RENAME TABLE {$parts}_away TO {$parts}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared

// A read cut midway (the server ends the stream's connection after the first batch): an error, not a short file.
$wpdb->query( "INSERT INTO {$acts} (activity_date, category, kind, title, description) SELECT DATE_ADD('2020-01-01', INTERVAL seq % 1000 DAY), 'service', 'lecture', CONCAT('t', seq), REPEAT('x', 2000) FROM seq_1_to_12000" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
$killed = false;
$error  = '';
$out    = fopen( 'php://temp', 'w+b' );
try {
	Dangjian\Export::write(
		'activities',
		array(),
		$out,
		static function () use ( &$killed, $wpdb ) {
			if ( ! $killed ) {
				$killed = true;
				foreach ( (array) $wpdb->get_col( "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT %dj_sort%' AND ID <> CONNECTION_ID()" ) as $thread ) {
					$wpdb->query( 'KILL ' . (int) $thread ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
				}
			}
		}
	);
} catch ( \RuntimeException $e ) {
	$error = $e->getMessage();
}
fclose( $out );
dj_t_ok( $killed && '' !== $error, 'a stream the server ends midway is an error (the callers then keep no file)', $error );
$out = fopen( 'php://temp', 'w+b' );
dj_t_same( 12006, Dangjian\Export::write( 'activities', array(), $out ), 'and the next export is whole again' );
fclose( $out );

dj_t_reset();
dj_t_done();

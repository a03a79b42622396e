<?php
/**
 * The lists' kept counts (Dangjian\List_Counts) and pages (Records::query()): a count follows every
 * write (an add, a delete, an update in and out of a filter, an import, a restore, a write by hand
 * with its version bump), only the written blocks are counted again when the write was recorded,
 * the campaigns the activity form suggests follow the writes, a page from the far end (past the
 * middle) is the one OFFSET gives, and the activities table has an index for each sortable column.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\List_Counts;
use Dangjian\Records;
use Dangjian\Schema;
use Dangjian\Validator;

dj_t_reset();
$acts = Schema::table( 'activities' );

/** Saves an activity; returns its id. */
function dj_t_lists_activity( string $date, string $kind, string $project = '', int $id = 0 ): int {
	$saved = Records::save(
		'activities',
		Validator::sanitize(
			'activities',
			array(
				'activity_date' => $date,
				'category'      => 'service',
				'kind'          => $kind,
				'title'         => 'act ' . $date,
				'hours'         => '1',
				'project'       => $project,
			)
		),
		$id
	);
	return is_int( $saved ) ? $saved : 0;
}

/** The list's total as the screen asks for it, and the table's own count. */
function dj_t_lists_totals( array $args = array() ): array {
	global $wpdb;
	$where = implode( ' AND ', Records::where( 'activities', $args ) );
	return array( Records::query( 'activities', $args )['total'], (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Schema::table( 'activities' ) . " WHERE {$where}" ) ); // phpcs:ignore WordPress.DB.PreparedSQL
}

/** The kept entry of a count (the option, read again). */
function dj_t_lists_entry( string $entity, string $where ): ?array {
	List_Counts::forget();
	$entries = get_option( List_Counts::OPTION . $entity );
	wp_cache_delete( List_Counts::OPTION . $entity, 'options' );
	return is_array( $entries ) ? ( $entries[ md5( 'count:' . $where ) ] ?? null ) : null;
}

$ids = array();
for ( $i = 1; $i <= 30; $i++ ) {
	$ids[] = dj_t_lists_activity( sprintf( '2024-%02d-%02d', 1 + $i % 12, 1 + $i % 28 ), 0 === $i % 3 ? 'lecture' : 'counseling', 0 === $i % 2 ? '阳光' : ( 0 === $i % 5 ? '春风' : '' ) );
}
dj_t_ok( ! in_array( 0, $ids, true ), '30 activities saved' );

list( $shown, $real ) = dj_t_lists_totals();
dj_t_same( array( 30, 30 ), array( $shown, $real ), 'the list counts the 30 activities' );
$entry = dj_t_lists_entry( 'activities', '1=1' );
dj_t_same( Dangjian\Data_Version::get(), $entry['v'] ?? null, 'the count is kept under the current data version' );
dj_t_same( array( 0 => 30 ), $entry['blocks'] ?? null, 'per block of ids' );

// Every kind of write moves the count: add, delete, update out of and into a filter.
$new = dj_t_lists_activity( '2024-06-15', 'lecture' );
dj_t_same( array( 31, 31 ), dj_t_lists_totals(), 'an added activity is counted at once' );
dj_t_same( array( 11, 11 ), dj_t_lists_totals( array( 'kind' => 'lecture' ) ), 'and in the filter it meets' );
Records::delete( 'activities', array( $new, $ids[0] ) );
dj_t_same( array( 29, 29 ), dj_t_lists_totals(), 'two deleted activities leave the count at once' );
dj_t_same( array( 10, 10 ), dj_t_lists_totals( array( 'kind' => 'lecture' ) ), 'and the filtered one' );
$moved = $ids[2]; // A lecture (i = 3).
dj_t_lists_activity( '2024-04-04', 'counseling', '', $moved );
dj_t_same( array( 9, 9 ), dj_t_lists_totals( array( 'kind' => 'lecture' ) ), 'an activity updated out of a filter leaves its count' );
dj_t_same( array( 29, 29 ), dj_t_lists_totals(), 'and stays in the whole count' );
dj_t_lists_activity( '2024-04-04', 'lecture', '', $moved );
dj_t_same( array( 10, 10 ), dj_t_lists_totals( array( 'kind' => 'lecture' ) ), 'and comes back when updated into it' );
dj_t_same( array( 0, 0 ), dj_t_lists_totals( array( 'kind' => 'lecture', 'from' => '2030-01-01' ) ), 'an empty filter counts 0' );
Records::delete( 'activities', array( 987654 ) );
dj_t_same( array( 29, 29 ), dj_t_lists_totals(), 'deleting an id that does not exist changes nothing' );

// A recorded write counts only its block again; a bump without one counts everything.
$wpdb->insert( $acts, array( 'id' => 70000, 'activity_date' => '2024-02-02', 'category' => 'service', 'kind' => 'lecture', 'hours' => '1.00' ) );
Dangjian\Data_Version::bump();
dj_t_same( array( 30, 30 ), dj_t_lists_totals(), 'a row written by hand, then the data version bumped: counted' );
$entry = dj_t_lists_entry( 'activities', '1=1' );
dj_t_same( array( 0 => 29, 1 => 1 ), $entry['blocks'] ?? null, 'the id 70000 is in the second block' );
// Make the kept first block wrong on purpose: a recorded write in the second block must leave it alone.
$entries = get_option( List_Counts::OPTION . 'activities' );
$entries[ md5( 'count:1=1' ) ]['blocks'][0] = 100;
update_option( List_Counts::OPTION . 'activities', $entries, false );
List_Counts::forget();
$extra = dj_t_lists_activity( '2024-07-07', 'counseling' );
dj_t_same( 70001, $extra, 'the next activity has the id 70001 (second block)' );
dj_t_same( 100 + 2, Records::query( 'activities', array() )['total'], 'after a recorded write only its block is counted again (the planted 100 of the other block stays)' );
Dangjian\Data_Version::bump();
dj_t_same( array( 31, 31 ), dj_t_lists_totals(), 'a bump without a recorded write counts every block again' );
Records::delete( 'activities', array( 70000, $extra ) );
dj_t_same( array( 29, 29 ), dj_t_lists_totals(), 'a recorded delete in the second block counts that block again' );
dj_t_same( array( 0 => 29 ), dj_t_lists_entry( 'activities', '1=1' )['blocks'] ?? null, 'an emptied block is gone' );
$wpdb->query( "UPDATE {$acts} SET kind = 'lecture' WHERE id = " . (int) $ids[1] ); // phpcs:ignore WordPress.DB.PreparedSQL
Dangjian\Data_Version::bump();
dj_t_same( array( 11, 11 ), dj_t_lists_totals( array( 'kind' => 'lecture' ) ), 'a write by hand, then its bump (no recorded write): the next reader counts everything' );

// An import and a restore: the counts follow.
$before = dj_t_lists_totals()[0];
$r      = Dangjian\Import::commit( 'activities', "日期,类型,时长,专项行动\n2024-09-01,讲座,1,春风\n2024-09-02,党课,1,春风\n2024-09-03,党课,1,春风\n" );
dj_t_same( 3, $r['imported'] ?? null, 'three activities imported', wp_json_encode( $r['errors'] ?? array(), JSON_UNESCAPED_UNICODE ) );
dj_t_same( array( $before + 3, $before + 3 ), dj_t_lists_totals(), 'an import is counted at once' );
$people_before = Records::query( 'people', array() )['total'];
$r             = Dangjian\Import::commit( 'people', "姓名\n新甲\n新乙\n" );
dj_t_same( array( $people_before + 2, 2 ), array( Records::query( 'people', array() )['total'], (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Schema::table( 'people' ) ) ), 'people imported are counted at once' );
$json   = Dangjian\Backup::create();
$saved  = dj_t_lists_totals();
$gone   = array_slice( $ids, 5, 4 );
Records::delete( 'activities', $gone );
dj_t_same( array( $saved[0] - 4, $saved[0] - 4 ), dj_t_lists_totals(), 'four more deleted' );
$result = Dangjian\Backup::restore( $json );
dj_t_same( array(), $result['errors'] ?? null, 'the backup restored' );
dj_t_same( $saved, dj_t_lists_totals(), 'a restore brings the count back' );
dj_t_same( array( 2, 2 ), array( Records::query( 'people', array() )['total'], (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Schema::table( 'people' ) ) ), 'and the people\'s' );

// The campaigns the activity form suggests: most used first, following every write.
$sql_campaigns = static function () use ( $acts ) {
	global $wpdb;
	return array_map( 'strval', (array) $wpdb->get_col( "SELECT project FROM {$acts} WHERE project <> '' GROUP BY project ORDER BY COUNT(*) DESC, project LIMIT 200" ) ); // phpcs:ignore WordPress.DB.PreparedSQL
};
dj_t_same( $sql_campaigns(), Records::suggestions( 'projects' ), 'the campaigns are those of the table, most used first' );
dj_t_same( array( '阳光', '春风' ), Records::suggestions( 'projects' ), 'two campaigns' );
for ( $i = 0; $i < 14; $i++ ) {
	dj_t_lists_activity( '2024-10-10', 'lecture', '春风' );
}
dj_t_same( array( '春风', '阳光' ), Records::suggestions( 'projects' ), 'a campaign used more comes first after the writes' );
dj_t_same( $sql_campaigns(), Records::suggestions( 'projects' ), 'as the table says' );
$wpdb->query( "UPDATE {$acts} SET project = '' WHERE project = '春风'" ); // phpcs:ignore WordPress.DB.PreparedSQL
Dangjian\Data_Version::bump();
dj_t_same( array( '阳光' ), Records::suggestions( 'projects' ), 'a campaign gone from the table is no longer suggested' );

// Pages: the same rows as OFFSET gives, from either end, for each order.
$total = dj_t_lists_totals()[0];
foreach ( array( array( 'activity_date', 'desc' ), array( 'kind', 'asc' ), array( 'hours', 'desc' ), array( 'participant_count', 'asc' ), array( 'id', 'asc' ) ) as $o ) {
	$bad = array();
	for ( $page = 1; $page <= (int) ceil( $total / 7 ); $page++ ) {
		$got    = array_column( Records::query( 'activities', array( 'orderby' => $o[0], 'order' => $o[1], 'per_page' => 7, 'page' => $page ) )['items'], 'id' );
		$key    = 'participant_count' === $o[0] ? '(SELECT COUNT(*) FROM ' . Schema::table( 'participants' ) . " p WHERE p.activity_id = {$acts}.id)" : $o[0];
		$expect = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$acts} ORDER BY {$key} {$o[1]}, id {$o[1]} LIMIT 7 OFFSET %d", ( $page - 1 ) * 7 ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL
		if ( $got !== $expect ) {
			$bad[] = $page;
		}
	}
	dj_t_same( array(), $bad, "every page sorted by {$o[0]} {$o[1]} has the rows OFFSET gives (the late ones found from the far end)" );
}
dj_t_same( array(), Records::query( 'activities', array( 'page' => 1000 ) )['items'], 'a page past the end is empty' );

// A search that few rows meet: its pages come from the kept ids, which follow the writes.
$search_pages = static function ( string $term ) use ( $acts ) {
	global $wpdb;
	$where = implode( ' AND ', Records::where( 'activities', array( 'search' => $term ) ) );
	$total = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$acts} WHERE {$where}" ); // phpcs:ignore WordPress.DB.PreparedSQL
	$bad   = array();
	foreach ( array( array( 'activity_date', 'desc' ), array( 'title', 'asc' ) ) as $o ) {
		for ( $page = 1; $page <= max( 1, (int) ceil( $total / 3 ) ); $page++ ) {
			$got    = Records::query( 'activities', array( 'search' => $term, 'orderby' => $o[0], 'order' => $o[1], 'per_page' => 3, 'page' => $page ) );
			$expect = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$acts} WHERE {$where} ORDER BY {$o[0]} {$o[1]}, id {$o[1]} LIMIT 3 OFFSET %d", ( $page - 1 ) * 3 ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL
			if ( array_column( $got['items'], 'id' ) !== $expect || $got['total'] !== $total ) {
				$bad[] = "{$o[0]} {$page}";
			}
		}
	}
	return array( $total, $bad );
};
$by_ids = array();
$spy    = static function ( $sql ) use ( &$by_ids ) {
	if ( str_contains( $sql, 'ORDER BY' ) && str_contains( $sql, 'LIMIT' ) && str_contains( $sql, 'SELECT id FROM' ) ) {
		$by_ids[] = str_contains( $sql, 'id IN (' ) ? 'ids' : 'walk';
	}
	return $sql;
};
add_filter( 'query', $spy );
Records::query( 'activities', array( 'search' => 'act 2024-1' ) );
remove_filter( 'query', $spy );
dj_t_same( array( 'ids' ), $by_ids, 'a search few rows meet is paged from their ids' );
list( $met, $bad ) = $search_pages( 'act 2024-1' );
dj_t_ok( $met > 3 && $met <= List_Counts::MAX_IDS, 'the search meets a few pages of rows', (string) $met );
dj_t_same( array(), $bad, 'its pages, by date and by title, are those OFFSET gives' );
$hit = dj_t_lists_activity( '2024-10-30', 'lecture' );
dj_t_same( array( $met + 1, array() ), $search_pages( 'act 2024-1' ), 'an added activity it meets is found at once' );
Records::delete( 'activities', array( $hit ) );
dj_t_same( array( $met, array() ), $search_pages( 'act 2024-1' ), 'and leaves it at once when deleted' );
dj_t_same( array( 0, array() ), $search_pages( 'nothing like this' ), 'a search nothing meets: no rows, no pages' );
$scans = 0;
$spy   = static function ( $sql ) use ( &$scans ) {
	$scans += str_contains( $sql, ' LIKE ' ) ? 1 : 0;
	return $sql;
};
add_filter( 'query', $spy );
$first = Records::query( 'activities', array( 'search' => 'act 2024-0' ) );
remove_filter( 'query', $spy );
dj_t_same( 1, $scans, 'a new search that few rows meet reads the table once (its count and its page come from the same walk)' );
dj_t_same( $search_pages( 'act 2024-0' )[0], $first['total'], 'and counts them right' );

// People: pages by stage (a computed column), from both ends.
for ( $i = 0; $i < 12; $i++ ) {
	Records::save( 'people', Validator::sanitize( 'people', array( 'name' => '人' . $i, 'applied_on' => '2020-01-0' . ( 1 + $i % 9 ), 'activist_on' => 0 === $i % 2 ? '2021-01-01' : '' ) ) );
}
$people = Schema::table( 'people' );
$stage  = Records::stage_sql( Dangjian\Period::today() );
$ptotal = Records::query( 'people', array() )['total'];
dj_t_same( (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$people}" ), $ptotal, 'the people counted' ); // phpcs:ignore WordPress.DB.PreparedSQL
$bad = array();
for ( $page = 1; $page <= (int) ceil( $ptotal / 5 ); $page++ ) {
	$got    = array_column( Records::query( 'people', array( 'orderby' => 'stage', 'order' => 'desc', 'per_page' => 5, 'page' => $page ) )['items'], 'id' );
	$expect = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$people} ORDER BY ({$stage}) DESC, id DESC LIMIT 5 OFFSET %d", ( $page - 1 ) * 5 ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL
	if ( $got !== $expect ) {
		$bad[] = $page;
	}
}
dj_t_same( array(), $bad, 'every page of people sorted by stage has the rows OFFSET gives' );
$first = Records::query( 'people', array( 'orderby' => 'stage', 'order' => 'desc', 'per_page' => 5, 'page' => (int) ceil( $ptotal / 5 ) ) )['items'];
dj_t_ok( isset( $first[0]['stage'] ) && '' !== $first[0]['stage'], 'a row of a late page carries its stage' );

// Sorted by the number of participants: the kept tally finds the page; the same rows as OFFSET.
$pids = array_map( 'intval', $wpdb->get_col( "SELECT id FROM {$people} ORDER BY id" ) ); // phpcs:ignore WordPress.DB.PreparedSQL
$all  = array_map( 'intval', $wpdb->get_col( "SELECT id FROM {$acts} ORDER BY id" ) ); // phpcs:ignore WordPress.DB.PreparedSQL
foreach ( array_slice( $all, 0, 24 ) as $n => $aid ) {
	$values                 = Records::get( 'activities', $aid );
	$values['participants'] = array_map( static fn( $pid ) => array( 'id' => (string) $pid, 'hours' => null ), array_slice( $pids, $n % 5, $n % 4 ) );
	$saved                  = Records::save( 'activities', $values, $aid );
}
$wpdb->insert( $acts, array( 'id' => 140000, 'activity_date' => '2024-03-03', 'category' => 'service', 'kind' => 'lecture', 'hours' => '1.00' ) );
foreach ( array_slice( $pids, 0, 3 ) as $pid ) {
	$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => 140000, 'person_id' => $pid ) );
}
Dangjian\Data_Version::bump();
Dangjian\List_Pages::$tally_above = 0; // The tally at this small size too (else the database sorts up to 5,000 rows).
$pages_match = static function ( string $what ) use ( $acts ) {
	global $wpdb;
	foreach ( array( array(), array( 'kind' => 'lecture' ), array( 'from' => '2024-03-01', 'to' => '2024-08-31' ) ) as $filter ) {
		$where = implode( ' AND ', Records::where( 'activities', $filter ) );
		$total = Records::query( 'activities', $filter )['total'];
		foreach ( array( 'asc', 'desc' ) as $order ) {
			$bad = array();
			for ( $page = 1; $page <= (int) ceil( $total / 7 ); $page++ ) {
				$got    = Records::query( 'activities', $filter + array( 'orderby' => 'participant_count', 'order' => $order, 'per_page' => 7, 'page' => $page ) )['items'];
				$expect = $wpdb->get_results( $wpdb->prepare( 'SELECT id, (SELECT COUNT(*) FROM ' . Schema::table( 'participants' ) . " p WHERE p.activity_id = {$acts}.id) AS n FROM {$acts} WHERE {$where} ORDER BY n {$order}, id {$order} LIMIT 7 OFFSET %d", ( $page - 1 ) * 7 ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL
				if ( array_column( $got, 'id' ) !== array_map( 'intval', array_column( $expect, 'id' ) ) || array_column( $got, 'participant_count' ) !== array_map( 'intval', array_column( $expect, 'n' ) ) ) {
					$bad[] = $page;
				}
			}
			dj_t_same( array(), $bad, 'sorted by participants ' . $order . ( $filter ? ' within ' . implode( ',', array_keys( $filter ) ) : '' ) . ": every page has the rows and counts OFFSET gives ({$what})" );
		}
	}
};
$tally = List_Counts::participant_counts();
dj_t_same( array( 0, 2 ), array_keys( (array) $tally ), 'the participants are tallied in the blocks 0 and 2' );
dj_t_same( array( 3 => 1 ), $tally[2] ?? null, 'block 2: one activity with 3 participants' );
$sorted_by = array();
$spy       = static function ( $sql ) use ( &$sorted_by ) {
	if ( str_contains( $sql, 'participant' ) && str_contains( $sql, 'ORDER BY' ) ) {
		$sorted_by[] = str_contains( $sql, 'HAVING COUNT(*) =' ) || str_contains( $sql, 'NOT EXISTS' ) ? 'tally' : 'database';
	}
	return $sql;
};
add_filter( 'query', $spy );
Records::query( 'activities', array( 'orderby' => 'participant_count', 'order' => 'desc', 'per_page' => 7, 'page' => 3 ) );
Records::query( 'activities', array( 'kind' => 'lecture', 'orderby' => 'participant_count', 'order' => 'asc', 'per_page' => 3, 'page' => 2 ) );
remove_filter( 'query', $spy );
dj_t_same( array( 'tally' ), array_values( array_unique( $sorted_by ) ), 'a page sorted by participants is found through the tally, not by counting every activity\'s participants' );
$pages_match( 'blocks 0 and 2, written by hand' );
Records::save( 'activities', array_merge( Records::get( 'activities', $all[1] ), array( 'participants' => array() ) ), $all[1] );
$pages_match( 'after an activity lost its participants' );
Records::delete( 'people', array( $pids[1] ) );
$pages_match( 'after a participant was deleted' );
$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => 999999, 'person_id' => $pids[0] ) );
Dangjian\Data_Version::bump();
dj_t_same( null, List_Counts::participant_counts(), 'a participant of no activity: the tally is not used' );
$pages_match( 'a participant of no activity: the database sorts' );
$wpdb->delete( Schema::table( 'participants' ), array( 'activity_id' => 999999 ) );
Dangjian\Data_Version::bump();
dj_t_ok( null !== List_Counts::participant_counts(), 'and is used again once that participant is gone' );

// The activities table has an index for each column the list sorts by.
$indexed = array();
foreach ( (array) $wpdb->get_results( "SHOW INDEX FROM {$acts}", ARRAY_A ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL
	if ( 1 === (int) $row['Seq_in_index'] && null === $row['Sub_part'] ) {
		$indexed[] = $row['Column_name'];
	}
}
list( , $sortable ) = Records::sortable( 'activities' );
dj_t_same( array( 'participant_count' ), array_values( array_diff( $sortable, $indexed ) ), 'every sortable column of the activities but the participant count leads an index' );

dj_t_done();

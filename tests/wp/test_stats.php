<?php
/**
 * dangjian_stats(): the figures from the tables equal those of a Dataset built directly from the same
 * rows; they are cached by data version, read in batches, kept in a snapshot, and survive bad rows.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

dj_t_ok( Dangjian\Engine::available(), 'an engine is loaded (' . Dangjian\Engine::implementation() . ')' );
dj_t_same( getenv( 'DJ_TEST_ENGINE' ) ?: Dangjian\Engine::implementation(), Dangjian\Engine::implementation(), 'the engine is the one this run asked for' );

dj_t_reset();

$people = array(
	array( 'id' => 1, 'name' => '张三', 'is_staff' => 1, 'applied_on' => '2021-03-01', 'activist_on' => '2021-06-01', 'candidate_on' => '2022-07-01', 'admitted_on' => '2023-07-01', 'full_on' => '2024-07-01' ),
	array( 'id' => 2, 'name' => '李四', 'is_staff' => 0, 'joined_on' => '2020-01-01', 'admitted_on' => '2015-05-04', 'full_on' => '2016-05-04' ),
	array( 'id' => 3, 'name' => '王五', 'is_staff' => 1, 'applied_on' => '2024-02-01', 'activist_on' => '2024-05-01' ),
	array( 'id' => 4, 'name' => '赵六', 'is_staff' => 1, 'admitted_on' => '2024-09-01' ),
	array( 'id' => 5, 'name' => '钱七', 'is_staff' => 0, 'applied_on' => '2023-01-10', 'left_on' => '2024-03-01', 'left_reason' => 'transfer' ),
	array( 'id' => 6, 'name' => '<script>alert(1)</script>', 'is_staff' => 0, 'applied_on' => '2024-10-01' ),
);
$activities = array(
	array( 'id' => 1, 'date' => '2024-05-12', 'category' => 'service', 'kind' => 'counseling', 'hours' => '3.00', 'fee_waived' => '1200.00', 'donation' => '0.00', 'beneficiaries' => 40, 'venue_kind' => 'community', 'venue' => '阳光社区', 'participants' => array( 1, array( 'id' => 2, 'hours' => '1.50' ) ) ),
	array( 'id' => 2, 'date' => '2024-05-20', 'category' => 'meeting', 'kind' => 'theme_day', 'hours' => '2.00', 'fee_waived' => '0.00', 'donation' => '0.00', 'beneficiaries' => 0, 'venue_kind' => '', 'venue' => '', 'participants' => array( 1, 2, 4 ) ),
	array( 'id' => 3, 'date' => '2024-08-01', 'category' => 'service', 'kind' => 'lecture', 'hours' => '2.50', 'fee_waived' => '0.00', 'donation' => '300.50', 'beneficiaries' => 120, 'venue_kind' => 'school', 'venue' => '第一中学', 'participants' => array( 3 ) ),
	array( 'id' => 4, 'date' => '2023-11-01', 'category' => 'service', 'kind' => 'counseling', 'hours' => '1.00', 'fee_waived' => '100.00', 'donation' => '0.00', 'beneficiaries' => 2, 'venue_kind' => 'community', 'venue' => '阳光社区', 'participants' => array( 2 ) ),
	array( 'id' => 5, 'date' => '2024-11-11', 'category' => 'service', 'kind' => 'counseling', 'hours' => '4.00', 'fee_waived' => '800.00', 'donation' => '0.00', 'beneficiaries' => 12, 'venue_kind' => 'community', 'venue' => '幸福社区', 'participants' => array( array( 'id' => 1, 'hours' => '4.00' ), 4 ) ),
);
$headcount = array(
	array( 'date' => '2024-01-01', 'count' => 40 ),
	array( 'date' => '2024-06-01', 'count' => 42 ),
);

/**
 * Writes the rows into the plugin's tables with $wpdb, as the admin screens will.
 */
function dj_t_insert( array $people, array $activities, array $headcount ): void {
	global $wpdb;
	foreach ( $people as $p ) {
		$wpdb->insert( Dangjian\Schema::table( 'people' ), $p );
	}
	foreach ( $activities as $a ) {
		$row = $a;
		unset( $row['participants'], $row['date'] );
		$row['activity_date'] = $a['date'];
		$row['title']         = 'activity ' . $a['id'];
		$wpdb->insert( Dangjian\Schema::table( 'activities' ), $row );
		foreach ( $a['participants'] as $p ) {
			$wpdb->insert(
				Dangjian\Schema::table( 'participants' ),
				is_array( $p )
					? array( 'activity_id' => $a['id'], 'person_id' => $p['id'], 'hours' => $p['hours'] )
					: array( 'activity_id' => $a['id'], 'person_id' => $p )
			);
		}
	}
	foreach ( $headcount as $h ) {
		$wpdb->insert( Dangjian\Schema::table( 'headcount' ), array( 'point_date' => $h['date'], 'staff_count' => $h['count'] ) );
	}
}

dj_t_insert( $people, $activities, $headcount );
$version = Dangjian\Data_Version::bump();

// The same rows given to a Dataset directly (names are not the engine's business; it ignores them).
$direct = new Dangjian\Dataset();
$direct->addPeople( $people );
$direct->addActivities( $activities );
$direct->setHeadcount( $headcount );

$query = array( 'from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-12-31' );
$got   = dangjian_stats( $query );
dj_t_ok( is_array( $got ), 'dangjian_stats() returns figures', is_wp_error( $got ) ? $got->get_error_message() : '' );
dj_t_same( $direct->stats( $query ), $got, 'dangjian_stats() equals the stats of a Dataset built directly from the rows' );
dj_t_same( 3, $got['members']['party_members'], 'three party members on 2024-12-31' );
dj_t_same( 3, $got['service']['activities'] ?? null, 'three service activities in 2024' );
dj_t_same( 9.5, $got['service']['hours'] ?? null, '9.5 service hours in 2024' );
dj_t_same( 42, $got['members']['staff_headcount'], 'the staff headcount is the latest point' );

foreach ( array( 'top' => 1, 'due_within' => 400 ) as $key => $value ) {
	$q = $query + array( $key => $value );
	dj_t_same( $direct->stats( $q ), dangjian_stats( $q ), "dangjian_stats() passes $key to the engine" );
}
dj_t_same( $direct->stats( array( 'from' => '2023-01-01', 'to' => '2023-12-31', 'as_of' => '2023-12-31' ) ), dangjian_stats( array( 'period' => 2023 ) ), 'period => 2023 is the year 2023, as of its last day' );

// Periods are the site's: "this year" in its time zone.
$now = dangjian_stats();
dj_t_same( wp_date( 'Y' ) . '-01-01', $now['period']['from'] ?? null, 'the default period starts on 1 January of the site\'s year' );
dj_t_same( wp_date( 'Y' ) . '-12-31', $now['period']['to'] ?? null, 'the default period ends on 31 December' );
dj_t_same( wp_date( 'Y-m-d' ), $now['period']['as_of'] ?? null, 'this year\'s members are counted as of the site\'s today' );
// "All records" starts at the branch's founding date when the profile gives one (an earlier test
// may have left a profile: this one states its own), else at the earliest recorded date.
$profile = get_option( Dangjian\Profile::OPTION );
delete_option( Dangjian\Profile::OPTION );
$all = dangjian_stats( array( 'period' => 'all' ) );
dj_t_same( '2015-05-04', $all['period']['from'] ?? null, 'period => all starts at the earliest recorded date' );
update_option( Dangjian\Profile::OPTION, array( 'founded_on' => '2016-03-15' ) );
dj_t_same( '2016-03-15', dangjian_stats( array( 'period' => 'all' ) )['period']['from'] ?? null, 'period => all starts at the founding date when it is set' );
if ( false === $profile ) {
	delete_option( Dangjian\Profile::OPTION );
} else {
	update_option( Dangjian\Profile::OPTION, $profile );
}

// Bad arguments are WP_Errors naming the problem, not exceptions.
$e = dangjian_stats( array( 'top' => 5000 ) );
dj_t_ok( is_wp_error( $e ) && 'dangjian_invalid_args' === $e->get_error_code() && str_contains( $e->get_error_message(), 'query.top' ), 'a bad engine argument is a WP_Error naming query.top', is_wp_error( $e ) ? $e->get_error_message() : 'no error' );
$e = dangjian_stats( array( 'colour' => 'red' ) );
dj_t_ok( is_wp_error( $e ) && 'dangjian_invalid_args' === $e->get_error_code(), 'an unknown argument is a WP_Error' );
$e = dangjian_stats( array( 'from' => '2024-02-30', 'to' => '2024-12-31' ) );
dj_t_ok( is_wp_error( $e ) && 'dangjian_invalid_period' === $e->get_error_code(), 'an impossible date is a WP_Error' );
$e = dangjian_stats( array( 'period' => 'next_week' ) );
dj_t_ok( is_wp_error( $e ) && 'dangjian_invalid_period' === $e->get_error_code(), 'an unknown period is a WP_Error' );

// Cached by data version: a write that does not bump is not seen; the bump makes it current.
$wpdb->insert( Dangjian\Schema::table( 'activities' ), array( 'id' => 6, 'activity_date' => '2024-12-01', 'category' => 'service', 'kind' => 'lecture', 'hours' => '10.00' ) );
$cached = dangjian_stats( $query );
dj_t_same( 3, $cached['service']['activities'], 'an unchanged data version serves the cached figures' );
dj_t_ok( is_file( (string) Dangjian\Engine::snapshot_path( $version ) ), 'the dataset of the version is kept as a snapshot file' );
Dangjian\Engine::forget();
wp_cache_flush();
dj_t_same( 5, Dangjian\Engine::dataset()->counts()['activities'], 'a new request loads the snapshot instead of reading the tables' );
$version2 = Dangjian\Data_Version::bump();
$fresh    = dangjian_stats( $query );
dj_t_same( 4, $fresh['service']['activities'], 'after the bump the figures include the write' );
dj_t_same( 19.5, $fresh['service']['hours'], 'and its hours' );
dj_t_ok( ! is_file( (string) Dangjian\Engine::snapshot_path( $version ) ) && is_file( (string) Dangjian\Engine::snapshot_path( $version2 ) ), 'the old snapshot is replaced by the new one' );

// Batches: read 2 rows at a time, the build gives the same dataset (pagination edges included).
add_filter( 'dangjian_build_batch', static fn() => 2 );
$direct->addActivities( array( array( 'id' => 6, 'date' => '2024-12-01', 'category' => 'service', 'kind' => 'lecture', 'hours' => '10.00' ) ) );
$queries = $wpdb->num_queries;
$built   = Dangjian\Engine::build();
dj_t_same( $direct->statsJson( $query ), $built->statsJson( $query ), 'a build in batches of 2 rows equals the direct dataset' );
dj_t_same( 4 + 2 + 1, $wpdb->num_queries - $queries, 'people in 4 queries (2+2+2+0 rows), activities and participants in 2 unbuffered queries, headcount in 1' );
foreach ( array( 1, 5000 ) as $n ) {
	remove_all_filters( 'dangjian_build_batch' );
	add_filter( 'dangjian_build_batch', static fn() => $n );
	dj_t_same( $direct->statsJson( $query ), Dangjian\Engine::build()->statsJson( $query ), "a build in batches of $n equals the direct dataset" );
}
remove_all_filters( 'dangjian_build_batch' );

// A row written around the plugin that breaks the rules is left out and reported; the rest counts.
$wpdb->insert( Dangjian\Schema::table( 'people' ), array( 'id' => 9, 'name' => 'bad', 'applied_on' => '2024-05-01', 'activist_on' => '2024-01-01' ) );
$wpdb->insert( Dangjian\Schema::table( 'activities' ), array( 'id' => 9, 'activity_date' => '2024-06-01', 'category' => 'service', 'kind' => 'lecture', 'hours' => '1.00' ) );
$wpdb->insert( Dangjian\Schema::table( 'participants' ), array( 'activity_id' => 9, 'person_id' => 9 ) );
Dangjian\Data_Version::bump();
$with_bad = dangjian_stats( $query );
dj_t_same( $direct->stats( $query ), $with_bad, 'the bad person and the activity naming them are left out; the figures are the rest' );
$skipped = Dangjian\Engine::skipped();
dj_t_same( 2, count( $skipped ), 'two rows are reported as skipped' );
dj_t_ok( str_starts_with( $skipped[0] ?? '', 'people 9: people[0].activist_on' ), 'the report names the person and the field', $skipped[0] ?? '' );
dj_t_ok( str_starts_with( $skipped[1] ?? '', 'activities 9: ' ) && str_contains( $skipped[1], 'unknown person 9' ), 'the report names the activity and the unknown person', $skipped[1] ?? '' );

// Bounded memory: building 20,000 people in batches of 5,000 needs, beyond the dataset it returns,
// only about one batch of PHP rows.
dj_t_reset();
$values = array();
for ( $i = 1; $i <= 20000; $i++ ) {
	$values[] = $wpdb->prepare( '(%d, %s, %s)', $i, 'p' . $i, '2020-01-01' );
	if ( 0 === $i % 2000 ) {
		$wpdb->query( 'INSERT INTO ' . Dangjian\Schema::table( 'people' ) . ' (id, name, applied_on) VALUES ' . implode( ',', $values ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
		$values = array();
	}
}
Dangjian\Data_Version::bump();
gc_collect_cycles();
memory_reset_peak_usage();
$big = Dangjian\Engine::build();
dj_t_same( 20000, $big->counts()['people'], '20,000 people are built' );
$transient = memory_get_peak_usage() - memory_get_usage();
dj_t_ok( $transient < 16 * 1024 * 1024, 'the build\'s working memory beyond the dataset stays bounded (' . round( $transient / 1048576, 1 ) . ' MB)' );
unset( $big );
dj_t_reset();

dj_t_done();

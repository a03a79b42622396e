<?php
/**
 * The demo dataset (php/demo/load-demo.php): loads through the same validation as the forms, covers
 * every stage, three years of service and meetings with a few gaps, coverage and honours; gives the
 * reminders and warnings something to show; is deterministic and idempotent; and gives the same
 * figures with the extension and with the fallback (the first run writes its figures beside the
 * logs, the fallback run compares).
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

define( 'DANGJIAN_DEMO_NO_RUN', true );
require DANGJIAN_PLUGIN_DIR . '/demo/load-demo.php';

dj_t_reset();
delete_option( 'dangjian_demo' );
delete_option( Dangjian\Settings::OPTION );

$first = dangjian_demo_load();
dj_t_ok( $first['loaded'], 'the demo loads', $first['message'] );
dj_t_same( 42, $first['counts']['people'], '42 people' );
dj_t_ok( $first['counts']['activities'] > 300, 'hundreds of activities', (string) $first['counts']['activities'] );
dj_t_ok( $first['counts']['participants'] > 1000, 'with participants', (string) $first['counts']['participants'] );
dj_t_same( 4, $first['counts']['headcount'], 'four headcount points' );
dj_t_ok( $first['counts']['media'] >= 10, 'media coverage', (string) $first['counts']['media'] );
dj_t_ok( $first['counts']['honours'] >= 5, 'honours', (string) $first['counts']['honours'] );
dj_t_same( array(), Dangjian\Engine::skipped(), 'the engine accepts every demo row' );
dj_t_same( '市心理咨询师协会党支部', Dangjian\Settings::organisation(), 'the organisation is named' );

// The records of the work report: the profile, facility investment, benefits, plans, hires, campaigns.
$profile = Dangjian\Profile::get();
dj_t_ok( '' !== $profile['name'] && '' !== $profile['parent_org'] && '' !== $profile['approved_by'] && '' !== $profile['secretary'], 'the branch has a full profile' );
dj_t_same( '2016-03-15', $profile['founded_on'], 'founded in 2016' );
dj_t_same( '2016-03-15', Dangjian\Period::resolve( array( 'period' => 'all' ) )['from'], '"All records" starts at the founding' );
dj_t_ok( $first['counts']['investments'] >= 5, 'facility investment over the years', (string) $first['counts']['investments'] );
dj_t_ok( $first['counts']['benefits'] >= 4, 'staff benefits', (string) $first['counts']['benefits'] );
dj_t_same( 3, $first['counts']['plans'], 'development plans for last year, this year and next year' );
$ended = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'benefits' ) . ' WHERE ends_on IS NOT NULL' ); // phpcs:ignore
dj_t_ok( $ended >= 1, 'a benefit that has ended' );
$hired_now = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'people' ) . ' WHERE is_staff = 1 AND hired_on >= %s', ( (int) substr( Dangjian\Period::today(), 0, 4 ) - 1 ) . '-01-01' ) ); // phpcs:ignore
dj_t_ok( $hired_now >= 1, 'staff hired last year or this year', (string) $hired_now );
$no_hire = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'people' ) . ' WHERE is_staff = 1 AND hired_on IS NULL' ); // phpcs:ignore
dj_t_same( 0, $no_hire, 'every staff member has a hire date' );
$flood = $wpdb->get_row( $wpdb->prepare( 'SELECT COUNT(*) AS n, SUM(beneficiaries) AS b FROM ' . Dangjian\Schema::table( 'activities' ) . ' WHERE project = %s', '临江洪灾心理援助专项行动' ), ARRAY_A ); // phpcs:ignore
dj_t_ok( (int) $flood['n'] >= 5 && (int) $flood['b'] > 300, 'a flood psychological-aid campaign with its activities and people helped', wp_json_encode( $flood ) );
$campaigns = Dangjian\Records::suggestions( 'projects' );
dj_t_ok( count( $campaigns ) >= 2, 'more than one campaign', implode( '、', $campaigns ) );
$young = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'people' ) . ' WHERE birth_date > DATE_SUB(LEAST(COALESCE(applied_on, \'9999-12-31\'), COALESCE(activist_on, \'9999-12-31\'), COALESCE(candidate_on, \'9999-12-31\'), COALESCE(admitted_on, \'9999-12-31\')), INTERVAL 18 YEAR)' ); // phpcs:ignore
dj_t_same( 0, $young, 'nobody applied or was admitted before 18' );

// Realistic people: Chinese names, fake phones 1380000xxxx, genders, birth dates.
$bad = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'people' ) . " WHERE phone NOT LIKE '1380000____' OR gender NOT IN ('male','female') OR birth_date IS NULL OR CHAR_LENGTH(name) NOT BETWEEN 2 AND 3" ); // phpcs:ignore
dj_t_same( 0, $bad, 'every person has a 2–3 character name, a gender, a birth date and a 1380000xxxx phone' );

$today = Dangjian\Period::today();
$year  = (int) substr( $today, 0, 4 );
$s     = dangjian_stats( array( 'from' => ( $year - 2 ) . '-01-01', 'to' => $today ) );
foreach ( array( 'applicants', 'activists', 'candidates', 'probationary', 'full' ) as $stage ) {
	dj_t_ok( $s['members'][ $stage ] > 0, "someone at the stage $stage today", (string) $s['members'][ $stage ] );
}
dj_t_ok( $s['pipeline']['transferred_in'] > 0 && $s['pipeline']['left'] > 0, 'transfers in and out in the last three years' );
dj_t_ok( null !== $s['members']['staff_party_ratio'] && $s['members']['staff_party_ratio'] > 0, 'a staff share' );
foreach ( array( 'community', 'school', 'enterprise', 'barracks', 'government', 'family', 'disaster_area' ) as $vk ) {
	dj_t_ok( isset( $s['service']['by_venue_kind'][ $vk ] ), "service in a venue of kind $vk" );
}
foreach ( array( 'counseling', 'group_counseling', 'lecture', 'crisis_aid' ) as $kind ) {
	dj_t_ok( isset( $s['service']['by_kind'][ $kind ] ), "service of kind $kind" );
}
foreach ( array( $year - 2, $year - 1, $year ) as $y ) {
	$n = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'activities' ) . " WHERE category = 'service' AND YEAR(activity_date) = %d", $y ) ); // phpcs:ignore
	dj_t_ok( $n > 20, "service activities in $y", (string) $n );
}
dj_t_ok( $s['service']['fee_waived'] > 0 && $s['service']['beneficiaries'] > 0 && $s['service']['volunteer_hours'] > 0, 'fees waived, beneficiaries, volunteer hours' );
foreach ( array( 'committee', 'group_meeting', 'theme_day', 'branch_assembly', 'party_lesson', 'life_meeting' ) as $kind ) {
	dj_t_ok( ( $s['meetings']['by_kind'][ $kind ] ?? 0 ) > 0, "meetings of kind $kind" );
}
$future = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'activities' ) . ' WHERE activity_date > %s', $today ) ); // phpcs:ignore
dj_t_same( 0, $future, 'no activity in the future' );

// Reminders and warnings have something to show.
$r = Dangjian\Reminders::get();
dj_t_ok( count( $r['due'] ) >= 1, 'a probationary member due for conversion' );
dj_t_ok( count( $r['overdue'] ) >= 1, 'an overdue conversion' );
dj_t_same( 2, count( $r['eligible'] ), 'two activists eligible to become candidates' );
$rs = dangjian_stats( array( 'from' => $today, 'to' => $today ) );
dj_t_same( $rs['pipeline']['eligible_candidates'], count( $r['eligible'] ), 'the reminder lists as many eligible activists as the engine counts' );
dj_t_ok( count( $r['missing'] ) >= 1, 'months without a required meeting' );
$rules = array_column( Dangjian\Reminders::warnings(), 'rule' );
dj_t_ok( in_array( 'candidate_early', $rules, true ), 'a candidate named too early is warned about' );
dj_t_ok( in_array( 'long_probation', $rules, true ), 'a probation over two years is warned about' );

// Idempotent: a second run adds nothing.
$json    = Dangjian\Engine::dataset()->toJson();
$version = Dangjian\Data_Version::get();
$second  = dangjian_demo_load();
dj_t_ok( ! $second['loaded'], 'a second run loads nothing', $second['message'] );
dj_t_same( $first['counts'], $second['counts'], 'the tables are unchanged by a second run' );
dj_t_same( $version, Dangjian\Data_Version::get(), 'and the data version too' );

// Not mixed into a site's own records.
delete_option( 'dangjian_demo' );
$third = dangjian_demo_load();
dj_t_ok( ! $third['loaded'] && $third['counts'] === $first['counts'], 'a site with records of its own gets no demo data' );

// Deterministic: loaded again from empty tables, the same dataset.
dj_t_reset();
delete_option( 'dangjian_demo' );
dangjian_demo_load();
dj_t_same( md5( $json ), md5( Dangjian\Engine::dataset()->toJson() ), 'a reload gives the same dataset' );

// The same figures with the extension and with the fallback.
$figures = array();
foreach ( array( array( 'period' => 'this_year' ), array( 'period' => 'last_year' ), array( 'period' => 'all' ), array( 'from' => ( $year - 1 ) . '-03-01', 'to' => ( $year - 1 ) . '-09-30' ) ) as $args ) {
	$figures[] = dangjian_stats( $args );
}
$mine  = json_encode( $figures );
$dir   = dirname( ABSPATH ) . '/test-logs';
$mode  = Dangjian\Engine::implementation();
$other = 'extension' === $mode ? 'fallback' : 'extension';
if ( is_dir( $dir ) ) {
	file_put_contents( "$dir/demo-figures.$mode.json", $mine );
}
if ( is_file( "$dir/demo-figures.$other.json" ) ) {
	dj_t_same( md5( (string) file_get_contents( "$dir/demo-figures.$other.json" ) ), md5( $mine ), "the $mode engine gives the demo the same figures as the $other" );
}

delete_option( Dangjian\Settings::OPTION );
dj_t_done();

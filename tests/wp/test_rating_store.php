<?php
/**
 * The star rating on real records (the engine of this run, MariaDB): the figures it scores from,
 * assessments kept by year with their rubric (a later rubric edit does not rewrite last year), a
 * draft recomputed as records change, a closed year left alone, manual scores refused whole with
 * the field named, the summary and badge, and the .docx table read back by LibreOffice.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
// The messages are compared in English, the source language (the site itself is in zh_CN).
unload_textdomain( 'dangjian' );
global $wpdb;

use Dangjian\Rating_Figures;
use Dangjian\Rating_Presets;
use Dangjian\Rating_Store;

dj_t_reset();
$wpdb->query( 'TRUNCATE TABLE ' . Rating_Store::table() ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
foreach ( Rating_Store::OPTIONS as $option ) {
	if ( Rating_Store::DB_VERSION_OPTION !== $option ) {
		delete_option( $option );
	}
}
dj_t_same( Rating_Store::DB_VERSION, get_option( Rating_Store::DB_VERSION_OPTION ), 'the ratings table is installed, its version recorded' );

$people = array(
	array( 'id' => 1, 'name' => '甲', 'admitted_on' => '2020-01-01', 'full_on' => '2021-01-01' ),
	array( 'id' => 2, 'name' => '乙', 'admitted_on' => '2024-06-01', 'full_on' => '2025-06-01' ),
	array( 'id' => 3, 'name' => '丙', 'applied_on' => '2024-01-01', 'activist_on' => '2024-03-01' ),
	array( 'id' => 4, 'name' => '丁', 'applied_on' => '2025-01-10', 'activist_on' => '2025-03-01' ),
	array( 'id' => 5, 'name' => '戊', 'applied_on' => '2023-01-01', 'activist_on' => '2023-03-01', 'candidate_on' => '2024-04-01', 'admitted_on' => '2025-05-01' ),
);
foreach ( $people as $p ) {
	$wpdb->insert( Dangjian\Schema::table( 'people' ), $p );
}

/**
 * Adds an activity with its participants.
 */
function dj_t_activity( int $id, string $date, string $category, string $kind, string $hours, array $participants = array() ): void {
	global $wpdb;
	$wpdb->insert(
		Dangjian\Schema::table( 'activities' ),
		array(
			'id'            => $id,
			'activity_date' => $date,
			'category'      => $category,
			'kind'          => $kind,
			'title'         => "$kind $date",
			'hours'         => $hours,
		)
	);
	foreach ( $participants as $pid ) {
		$wpdb->insert( Dangjian\Schema::table( 'participants' ), array( 'activity_id' => $id, 'person_id' => $pid ) );
	}
}
dj_t_activity( 1, '2025-02-10', 'meeting', 'branch_assembly', '2', array( 1, 2 ) );
dj_t_activity( 2, '2025-05-10', 'meeting', 'branch_assembly', '2', array( 1, 2, 5 ) );
dj_t_activity( 3, '2025-11-10', 'meeting', 'branch_assembly', '2', array( 1, 2, 5 ) );
dj_t_activity( 4, '2025-03-15', 'service', 'counseling', '10', array( 1, 2 ) );
dj_t_activity( 5, '2025-04-20', 'service', 'lecture', '5', array( 5 ) );
dj_t_activity( 6, '2026-01-20', 'service', 'lecture', '3', array( 1 ) );
Dangjian\Data_Version::bump();

// ---------------------------------------------------------------- the figures, from the engine
$period = Rating_Figures::period( 2025, '2026-12-06' );
dj_t_same( array( 'year' => 2025, 'from' => '2025-01-01', 'to' => '2025-12-31', 'as_of' => '2025-12-31' ), $period, 'a past year is the whole year' );
dj_t_same( '2026-12-06', Rating_Figures::period( 2026, '2026-12-06' )['to'], 'the current year runs to today' );
$f = new Rating_Figures();
dj_t_same( 1, $f( 'meetings_missing', array( 'kind' => 'branch_assembly' ), $period ), 'one quarter of 2025 (Q3) without a general meeting' );
dj_t_same( 7, $f( 'months_without_activity', array(), $period ), 'seven whole months of 2025 without any activity (Jan, Jun–Oct, Dec)' );
dj_t_same( 3, $f( 'party_members', array(), $period ), 'three Party members on 2025-12-31' );
dj_t_same( 2, $f( 'activists', array(), $period ), 'two activists on 2025-12-31' );
dj_t_same( 1, $f( 'admitted', array(), $period ), 'one admission in 2025' );
if ( array_key_exists( 'party_volunteer_hours', Dangjian\Engine::stats( array( 'to' => '2025-12-31' ) )['service'] ) ) {
	dj_t_same( 20.0, $f( 'party_volunteer_hours', array(), $period ), '20 hours of Party members\' service (the lecture was given by a candidate)' );
} else {
	echo '# skip - this engine (', Dangjian\Engine::implementation(), ') has no STATS.md v2 party_volunteer_hours yet', "\n";
	dj_t_same( null, $f( 'party_volunteer_hours', array(), $period ), 'an engine without v2 figures gives null, not a wrong number' );
}
dj_t_same( 3, $f( 'meetings_held', array( 'kind' => 'branch_assembly' ), $period ), 'three general meetings held' );
dj_t_same( 2, $f( 'service_activities', array(), $period ), 'two service activities' );
dj_t_same( 0, $f( 'media', array(), $period ), 'no media report' );
dj_t_same( 2, $f->engine_calls, 'those figures took two stats() calls (the year, and the monthly check of meetings)' );

// ---------------------------------------------------------------- an assessment by year
$find = static function ( array $row, string $id ) {
	foreach ( $row['result']['indicators'] as $ind ) {
		foreach ( $ind['items'] as $it ) {
			if ( $it['id'] === $id ) {
				return $it;
			}
		}
	}
	return null;
};
$a2025 = Rating_Store::assessment( 2025 );
dj_t_ok( is_array( $a2025 ), 'the 2025 assessment is made', is_wp_error( $a2025 ) ? $a2025->get_error_message() : '' );
dj_t_same( 'draft', $a2025['status'], 'a new assessment is a draft' );
dj_t_same( Rating_Presets::rubric( 'eight_standard' ), $a2025['rubric'], 'it is kept with the active rubric (the default preset)' );
dj_t_same( 3.0, $find( $a2025, 'assembly_quarterly' )['points'], 'quarterly general meetings: 4 - 1 = 3 points' );
dj_t_same( -5.0, $find( $a2025, 'idle_months' )['points'], 'seven idle months: 5 points deducted' );
dj_t_same( 2.0, $find( $a2025, 'activist_pool' )['points'], 'two activists: 2 points' );
dj_t_same( 0.0, $find( $a2025, 'service_per_member' )['points'], '20 / 3 hours a member < 20: 0 points' );
$before = $a2025['result'];

// The rubric is edited: general meetings now lose 2 points for each missing quarter.
$edited = Rating_Store::active_rubric();
$edited['indicators'][3]['items'][0]['rule']['deduct'] = 2;
$this_year = Rating_Store::assessment( 2026 );
dj_t_same( true, Rating_Store::save_rubric( $edited ), 'the edited rubric is saved' );
$a2026 = Rating_Store::row( 2026 );
dj_t_same( 2, $a2026['rubric']['indicators'][3]['items'][0]['rule']['deduct'], 'this year\'s draft takes the edited rubric' );
$again = Rating_Store::assessment( 2025 );
dj_t_same( 1, $again['rubric']['indicators'][3]['items'][0]['rule']['deduct'], 'last year keeps the rubric it was scored on' );
dj_t_same( $before, $again['result'], 'last year\'s result is unchanged by the rubric edit' );

// A record of 2025 is added: the 2025 draft is recomputed, on its own rubric.
dj_t_activity( 7, '2025-08-10', 'meeting', 'branch_assembly', '2', array( 1, 2 ) );
Dangjian\Data_Version::bump();
$after = Rating_Store::assessment( 2025 );
dj_t_same( 4.0, $find( $after, 'assembly_quarterly' )['points'], 'after a Q3 meeting is recorded the draft is recomputed: 4 points' );
dj_t_same( -5.0, $find( $after, 'idle_months' )['points'], 'six idle months still deduct 5' );
dj_t_same( array( 0.0, $before['total'] ), array( $after['result']['indicators'][3]['score'], $after['result']['total'] ), 'the indicator 工作制度 is held at 0 (4 - 5 - the missed lessons), so the total stays' );

// Manual scores.
$total = $after['result']['total'];
$saved = Rating_Store::save_manual( 2025, 'items', 'term_election', array( 'points' => '4.5', 'note' => '2024年按期换届', 'evidence' => "https://example.org/a.pdf\n" . home_url( '/wp-admin/' ) ) );
dj_t_ok( is_array( $saved ), 'a manual score is saved', is_wp_error( $saved ) ? $saved->get_error_message() : '' );
dj_t_same( 4.5, $find( $saved, 'term_election' )['points'], 'the manual item scores 4.5' );
dj_t_same( array( 'https://example.org/a.pdf', home_url( '/wp-admin/' ) ), $find( $saved, 'term_election' )['evidence'], 'with its evidence links' );
dj_t_same( round( $total + 4.5, 2 ), $saved['result']['total'], 'the total rose by 4.5' );
$manual_before = Rating_Store::row( 2025 )['manual'];
foreach ( array(
	array( 'items', 'term_election', array( 'points' => '5.5' ), 'points: "5.5" must be a number from 0 to 5 with at most 2 decimals' ),
	array( 'items', 'term_election', array( 'points' => '-1' ), 'points: "-1" must be a number from 0 to 5 with at most 2 decimals' ),
	array( 'items', 'term_election', array( 'points' => '2', 'evidence' => array( 'https://example.org/x', 'javascript:alert(1)' ) ), 'evidence[1]: "javascript:alert(1)" is not a link (http:// or https://)' ),
	array( 'items', 'assembly_quarterly', array( 'points' => '1' ), 'id: "assembly_quarterly" is not a manual item of this assessment\'s rubric' ),
	array( 'vetoes', 'no_such', array( 'on' => '1' ), 'id: "no_such" is not a veto item of this assessment\'s rubric' ),
) as list( $target, $id, $input, $message ) ) {
	$r = Rating_Store::save_manual( 2025, $target, $id, $input );
	dj_t_same( $message, is_wp_error( $r ) ? $r->get_error_message() : 'saved', 'refused: ' . $message );
}
dj_t_same( $manual_before, Rating_Store::row( 2025 )['manual'], 'the refused scores changed nothing stored' );

// The veto, and the summary.
$vetoed = Rating_Store::save_manual( 2025, 'vetoes', 'safety_accident', array( 'on' => '1', 'note' => '某事故' ) );
dj_t_same( array( 0, true ), array( $vetoed['result']['stars'], $vetoed['result']['vetoed'] ), 'a veto item on: no star' );
Rating_Store::save_manual( 2025, 'vetoes', 'safety_accident', array( 'on' => '0' ) );
$summary = Dangjian\Rating_Module::summary( 2025 );
dj_t_same( array( 'year', 'status', 'total', 'max_total', 'stars', 'target', 'next_stars', 'needed', 'vetoed', 'rubric' ), array_keys( (array) $summary ), 'summary() gives score, stars and target' );
dj_t_same( array( Rating_Store::row( 2025 )['result']['total'], 5, false ), array( $summary['total'], $summary['target'], $summary['vetoed'] ), 'summary(): the stored total, the target 5, no veto' );
dj_t_same( null, Dangjian\Rating_Module::summary( 2199 ), 'summary() of a future year is null' );

// Closing the year: records changed afterwards leave it alone.
$closed = Rating_Store::set_closed( 2025, true );
dj_t_same( 'closed', $closed['status'], 'the year is closed' );
dj_t_same( null, Dangjian\Rating_Module::badge(), 'no public badge while the setting does not allow it' );
update_option( Rating_Store::BADGE_OPTION, '1' );
dj_t_same( array( 'year' => 2025, 'stars' => (int) $closed['stars'] ), Dangjian\Rating_Module::badge() ?? array( 'year' => 2025, 'stars' => 0 ), 'the badge: stars and year of the latest closed year' );
$badge = Dangjian\Rating_Module::badge_html();
dj_t_ok( (int) $closed['stars'] < 1 ? '' === $badge : ( str_contains( $badge, 'data-year="2025"' ) && str_contains( $badge, 'data-stars="' . (int) $closed['stars'] . '"' ) && ! str_contains( $badge, (string) $closed['total'] ) ), 'the badge\'s HTML shows stars and year, not the score', $badge );
update_option( Rating_Store::BADGE_OPTION, '0' );
dj_t_same( '', Dangjian\Rating_Module::badge_html(), 'no badge HTML once the setting is off again' );
dj_t_activity( 8, '2025-07-10', 'service', 'lecture', '3', array( 1 ) );
Dangjian\Data_Version::bump();
dj_t_same( $closed['result'], Rating_Store::assessment( 2025 )['result'], 'a closed year is not recomputed when records change' );
$r = Rating_Store::save_manual( 2025, 'items', 'term_election', array( 'points' => '1' ) );
dj_t_same( 'dangjian_rating_closed', is_wp_error( $r ) ? $r->get_error_code() : '', 'a closed year refuses manual scores' );
$reopened = Rating_Store::set_closed( 2025, false );
dj_t_same( 0.0, $find( $reopened, 'idle_months' )['points'], 'reopened, it is recomputed: five idle months, no deduction' );

// A refused rubric changes nothing stored.
$option = get_option( Rating_Store::RUBRIC_OPTION );
$bad    = $edited;
$bad['indicators'][3]['items'][0]['rule']['type'] = 'sometimes';
$r      = Rating_Store::save_rubric( $bad );
dj_t_same( array( 'indicators[3].items[0].rule.type: must be one of threshold, per_shortfall, penalty, plan_min, ratio' ), is_wp_error( $r ) ? $r->get_error_data()['errors'] : array(), 'a rubric with an error is refused, naming the path' );
dj_t_same( $option, get_option( Rating_Store::RUBRIC_OPTION ), 'the active rubric is unchanged' );
dj_t_same( $edited, Rating_Store::row( 2026 )['rubric'], 'this year\'s draft keeps its rubric' );
dj_t_same( array( 2025, 2026 ), array_column( Rating_Store::history(), 'year' ), 'the history holds both years' );
dj_t_same( 'dangjian_rating_year', Rating_Store::assessment( 2199 )->get_error_code(), 'no assessment of a future year' );

// ---------------------------------------------------------------- figures of the report room's catalogue
if ( class_exists( 'Dangjian\\Report_Figures' ) ) {
	$g = new Rating_Figures();
	dj_t_same( $g( 'service_activities', array(), $period ), $g( 'service.activities', array(), $period ), 'the report\'s service.activities equals the rating\'s service_activities' );
	dj_t_same( $g( 'meetings_held', array( 'kind' => 'branch_assembly' ), $period ), $g( 'meetings.total', array( 'kind' => 'branch_assembly' ), $period ), 'the report\'s meetings.total with a kind filter equals meetings_held' );
	$with = Rating_Presets::rubric( 'eight_standard' );
	$with['indicators'][5]['items'][0]['figure'] = 'service.activities';
	$with['indicators'][5]['items'][0]['rule']   = array( 'type' => 'threshold', 'compare' => '>=', 'value' => 3, 'points' => 5 );
	dj_t_same( array(), Dangjian\Rating_Rubric::validate( $with ), 'a rubric may score from the report\'s catalogue' );
	$scored = Dangjian\Rating_Scorer::score( $with, new Rating_Figures(), $period, array() );
	dj_t_same( array( 3, 5.0 ), array( $scored['indicators'][5]['items'][0]['source']['value'], $scored['indicators'][5]['items'][0]['points'] ), 'three service activities in 2025 by the report\'s figure: 5 points' );
	$with['indicators'][5]['items'][0]['figure'] = 'rating.stars';
	dj_t_same( array( 'indicators[5].items[0].figure: "rating.stars" is not a figure of the catalogue (see docs/RATING.md)' ), Dangjian\Rating_Rubric::validate( $with ), 'the rating cannot score from its own stars' );
	$with['indicators'][5]['items'][0]['figure'] = 'media.count';
	$with['indicators'][5]['items'][0]['args']   = array( 'colour' => 'red' );
	$errors = Dangjian\Rating_Rubric::validate( $with );
	dj_t_ok( 1 === count( $errors ) && str_starts_with( $errors[0], 'indicators[5].items[0].args: ' ) && str_contains( $errors[0], 'colour' ), 'a report figure\'s bad argument is refused, naming the path', implode( ' | ', $errors ) );
} else {
	dj_t_ok( false, 'the report room\'s Report_Figures is loaded' );
}

// ---------------------------------------------------------------- the .docx table, read back by LibreOffice
$tmp = sys_get_temp_dir() . '/dj-rating-' . getmypid();
wp_mkdir_p( $tmp );
file_put_contents( "$tmp/rating.docx", Dangjian\Rating_Docx::bytes( Rating_Store::assessment( 2025 ) ) );
$home = "$tmp/home";
wp_mkdir_p( $home );
exec( 'HOME=' . escapeshellarg( $home ) . ' timeout 120 soffice --headless --convert-to txt:Text --outdir ' . escapeshellarg( $tmp ) . ' ' . escapeshellarg( "$tmp/rating.docx" ) . ' 2>&1', $lines, $rc );
$text = is_file( "$tmp/rating.txt" ) ? (string) file_get_contents( "$tmp/rating.txt" ) : '';
dj_t_ok( '' !== $text, 'LibreOffice opens the .docx', implode( ' ', $lines ) );
foreach ( array( '2025年度星级创评自评表', '评价指标', '领导班子', '每季度至少召开一次党员大会，每缺一次扣1分', '2024年按期换届', 'https://example.org/a.pdf', '系统统计' ) as $needle ) {
	dj_t_ok( str_contains( $text, $needle ), "the .docx holds $needle" );
}
exec( 'rm -rf ' . escapeshellarg( $tmp ) );

dj_t_done();

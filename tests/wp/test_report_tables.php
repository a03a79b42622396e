<?php
/**
 * The report's figures from the small tables (investment, benefits, the plan, media by level,
 * honours with their awarding body), from hired_on and project (STATS.md v2), and the records
 * behind each; rows outside the period are not counted.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Report_Context;
use Dangjian\Report_Figures as Fig;
use Dangjian\Report_Records as Rec;
use Dangjian\Report_Tables as Tab;

dj_t_reset();
Tab::forget();
$tables = array();
foreach ( array( 'investments', 'benefits', 'plans', 'media', 'honours' ) as $name ) {
	$tables[ $name ] = Tab::table( $name );
	dj_t_ok( null !== $tables[ $name ], "the table {$wpdb->prefix}dangjian_$name exists" );
}
if ( in_array( null, $tables, true ) ) {
	dj_t_done();
}
foreach ( $tables as $t ) {
	$wpdb->query( "TRUNCATE TABLE {$t}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
}
$wpdb->insert( $tables['investments'], array( 'invested_on' => '2025-03-01', 'item' => '党员活动室改造', 'amount' => '12345.50' ) );
$wpdb->insert( $tables['investments'], array( 'invested_on' => '2025-08-01', 'item' => '党建图书角', 'amount' => '2000.00' ) );
$wpdb->insert( $tables['investments'], array( 'invested_on' => '2024-12-31', 'item' => '去年的项目', 'amount' => '999.00' ) );
$wpdb->insert( $tables['benefits'], array( 'name' => '补充医疗保险', 'starts_on' => '2020-01-01', 'ends_on' => null ) );
$wpdb->insert( $tables['benefits'], array( 'name' => '年度健康体检', 'starts_on' => '2025-06-01', 'ends_on' => '2025-06-30' ) );
$wpdb->insert( $tables['benefits'], array( 'name' => '已停止的补贴', 'starts_on' => '2018-01-01', 'ends_on' => '2024-12-31' ) );
$wpdb->insert( $tables['benefits'], array( 'name' => '明年的福利', 'starts_on' => '2026-01-01', 'ends_on' => null ) );
$wpdb->insert( $tables['plans'], array( 'plan_year' => 2026, 'min_admit' => 3, 'max_admit' => 5 ) );
$wpdb->insert( $tables['media'], array( 'published_on' => '2025-02-01', 'outlet' => '人民网', 'level' => 'central', 'title' => '甲' ) );
$wpdb->insert( $tables['media'], array( 'published_on' => '2025-05-01', 'outlet' => '人民网', 'level' => 'central', 'title' => '乙' ) );
$wpdb->insert( $tables['media'], array( 'published_on' => '2025-07-01', 'outlet' => '市电视台', 'level' => 'city', 'title' => '丙' ) );
$wpdb->insert( $tables['media'], array( 'published_on' => '2026-01-01', 'outlet' => '省日报', 'level' => 'provincial', 'title' => '丁' ) );
$wpdb->insert( $tables['honours'], array( 'awarded_on' => '2025-04-01', 'title' => '先进基层党组织', 'level' => 'district', 'awarded_by' => '区委组织部' ) );
$wpdb->insert( $tables['honours'], array( 'awarded_on' => '2025-09-01', 'title' => '抗洪救灾先进集体', 'level' => 'provincial', 'awarded_by' => '省应急管理厅' ) );
$wpdb->insert( $tables['honours'], array( 'awarded_on' => '2025-10-01', 'title' => '优秀志愿服务项目', 'level' => 'city', 'awarded_by' => '' ) );

$ctx = new Report_Context( '2025-01-01', '2025-12-31', '2025-12-31' );
dj_t_same( 14345.5, Fig::evaluate( 'investment.total', array(), $ctx ), 'investment.total: the two of 2025 (12,345.50 + 2,000.00), summed in hundredths' );
dj_t_same( 2, Fig::evaluate( 'investment.count', array(), $ctx ), 'investment.count' );
dj_t_same( array( '党员活动室改造', '党建图书角' ), Fig::evaluate( 'investment.items', array(), $ctx ), 'investment.items' );
dj_t_same( '1.4万余', Dangjian\Report_Format::apply( Fig::evaluate( 'investment.total', array(), $ctx ), 'wan' ), 'in 万: 1.4万余' );
dj_t_same( 2, Fig::evaluate( 'benefits.count', array(), $ctx ), 'benefits.count: in force at some time in 2025 (not the one ended in 2024, not next year\'s)' );
dj_t_same( array( '补充医疗保险', '年度健康体检' ), Fig::evaluate( 'benefits.names', array(), $ctx ), 'benefits.names' );
dj_t_same( array( 3, 5 ), array( Fig::evaluate( 'plan.min_admit', array(), $ctx ), Fig::evaluate( 'plan.max_admit', array(), $ctx ) ), 'the plan for next year (2026): 3 to 5' );
dj_t_same( 5, Fig::evaluate( 'plan.max_admit', array( 'year' => '2026' ), $ctx ), 'the plan of a year given' );
dj_t_same( null, Fig::evaluate( 'plan.min_admit', array( 'year' => 'this' ), $ctx ), 'no plan for 2025: null (printed —)' );
dj_t_same( 3, Fig::evaluate( 'media.count', array(), $ctx ), 'media.count: 3 in 2025' );
dj_t_same( 2, Fig::evaluate( 'media.count', array( 'level' => 'central' ), $ctx ), 'media.count level=central: 2' );
dj_t_same( 0, Fig::evaluate( 'media.count', array( 'level' => 'provincial' ), $ctx ), 'media.count level=provincial: 0 in 2025' );
dj_t_same( array( '人民网', '市电视台' ), Fig::evaluate( 'media.outlets', array(), $ctx ), 'media.outlets: distinct' );
dj_t_same( 3, Fig::evaluate( 'honours.count', array(), $ctx ), 'honours.count' );
dj_t_same( array( '先进基层党组织（区委组织部）', '抗洪救灾先进集体（省应急管理厅）', '优秀志愿服务项目' ), Fig::evaluate( 'honours.titles', array(), $ctx ), 'honours.titles with their awarding body' );
dj_t_same( array( '区委组织部', '省应急管理厅' ), Fig::evaluate( 'honours.bodies', array(), $ctx ), 'honours.bodies' );
dj_t_same( 1, Fig::evaluate( 'honours.count', array( 'level' => 'provincial' ), $ctx ), 'honours.count level=provincial' );

foreach ( array( 'investment.total' => 2, 'benefits.count' => 2, 'media.count' => 3, 'honours.count' => 3 ) as $id => $n ) {
	dj_t_same( $n, Rec::of( $id, array(), $ctx )['total'], "the records behind $id: $n rows" );
}
dj_t_same( 2, Rec::of( 'media.count', array( 'level' => 'central' ), $ctx )['total'], 'the records behind media.count level=central: 2' );

// hired_on and project (STATS.md v2), through the plugin's tables and the engine.
$people_t = Dangjian\Schema::table( 'people' );
$acts_t   = Dangjian\Schema::table( 'activities' );
$has_v2   = Tab::has_column( 'people', 'hired_on' ) && Tab::has_column( 'activities', 'project' );
dj_t_ok( $has_v2, 'people.hired_on and activities.project exist' );
if ( $has_v2 ) {
	$wpdb->insert( $people_t, array( 'name' => '甲', 'admitted_on' => '2019-01-01', 'full_on' => '2020-01-01', 'hired_on' => '2025-03-01' ) );
	$p1 = (int) $wpdb->insert_id;
	$wpdb->insert( $people_t, array( 'name' => '乙', 'hired_on' => '2025-05-01' ) );
	$p2 = (int) $wpdb->insert_id;
	$wpdb->insert( $people_t, array( 'name' => '丙', 'hired_on' => '2024-05-01', 'applied_on' => '2024-06-01' ) );
	foreach ( array( array( '2025-07-10', '临江县洪灾心理援助', 30 ), array( '2025-07-12', '临江县洪灾心理援助', 45 ), array( '2025-08-01', '', 10 ) ) as $row ) {
		$wpdb->insert( $acts_t, array( 'activity_date' => $row[0], 'category' => 'service', 'kind' => 'crisis_aid', 'title' => '援助', 'hours' => '4', 'beneficiaries' => $row[2], 'project' => $row[1] ) );
		$wpdb->insert( Dangjian\Schema::table( 'participants' ), array( 'activity_id' => $wpdb->insert_id, 'person_id' => $p1 ) );
	}
	Dangjian\Data_Version::bump();
	Dangjian\Engine::forget();
	$ctx = new Report_Context( '2025-01-01', '2025-12-31', '2025-12-31' );
	try {
		dj_t_same( 2, Fig::evaluate( 'pipeline.hired', array(), $ctx ), 'pipeline.hired: two hired in 2025' );
		dj_t_same( 1, Fig::evaluate( 'pipeline.hired_party_members', array(), $ctx ), 'pipeline.hired_party_members: one was a party member when hired' );
		dj_t_same( array( '临江县洪灾心理援助' ), Fig::evaluate( 'service.projects', array(), $ctx ), 'service.projects' );
		dj_t_same( 75, Fig::evaluate( 'service.beneficiaries', array( 'project' => '临江县洪灾心理援助' ), $ctx ), 'a project\'s beneficiaries (75)' );
		dj_t_same( 1, Fig::evaluate( 'service.volunteers', array( 'project' => '临江县洪灾心理援助' ), $ctx ), 'a project\'s team (1)' );
		dj_t_same( 2, Fig::evaluate( 'service.activities', array( 'project' => '临江县洪灾心理援助', 'kind' => 'crisis_aid' ), $ctx ), 'a project and a kind together (the engine filter)' );
	} catch ( RuntimeException $e ) {
		dj_t_ok( false, 'the engine gives the v2 figures', $e->getMessage() );
	}
	$r = Rec::of( 'pipeline.hired', array(), $ctx );
	dj_t_same( array( $p1, $p2 ), array_map( 'intval', array_column( $r['rows'], 'id' ) ), 'the records behind pipeline.hired' );
	dj_t_same( 2, Rec::of( 'service.activities', array( 'project' => '临江县洪灾心理援助' ), $ctx )['total'], 'the records behind a project\'s activities' );
}

dj_t_done();

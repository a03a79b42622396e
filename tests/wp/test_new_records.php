<?php
/**
 * The records of issue 10 §2: the branch's profile (Profile::get(), its checks, "All records" from the
 * founding date), facility investment, staff benefits and development plans (checks naming the
 * field, writes, lists), people's hire date and activities' campaign (stored, listed, filtered, passed
 * to the engine), and for the three small tables the CSV export → import round trip, an import
 * refused whole with the row and column named, and the JSON backup → restore round trip.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Records;
use Dangjian\Validator;

dj_t_reset();
delete_option( Dangjian\Profile::OPTION );
$today = Dangjian\Period::today();
$year  = (int) substr( $today, 0, 4 );

/**
 * Validates a record given as form input; returns the problems.
 */
function dj_t_problems( string $entity, array $input, int $id = 0 ): array {
	return Validator::validate( $entity, Validator::sanitize( $entity, $input ), $id );
}

/**
 * Saves a record given as form input; returns its id or the WP_Error.
 */
function dj_t_save( string $entity, array $input, int $id = 0 ) {
	return Records::save( $entity, Validator::sanitize( $entity, $input ), $id );
}

// ------------------------------------------------------------------ profile
$p = Dangjian\Profile::get();
dj_t_same( array( 'name', 'city', 'district', 'parent_org', 'approved_by', 'founded_on', 'secretary' ), array_keys( $p ), 'Profile::get() has every key of the data contract' );
dj_t_same( array( '' ), array_values( array_unique( $p ) ), '... each empty when unset' );
list( $values, $errors ) = Dangjian\Profile::sanitize(
	array(
		'name'       => '  中共江城市心理咨询师协会支部委员会 ',
		'founded_on' => '2016-02-30',
		'secretary'  => str_repeat( '张', 101 ),
	)
);
dj_t_same( array( 'founded_on', 'secretary' ), array_keys( $errors ), 'a date that does not exist and a name too long are refused, each on its field' );
dj_t_same( '中共江城市心理咨询师协会支部委员会', $values['name'], 'the values are kept as typed, trimmed' );
list( , $errors ) = Dangjian\Profile::sanitize( array( 'founded_on' => ( $year + 1 ) . '-01-01' ) );
dj_t_same( array( 'founded_on' ), array_keys( $errors ), 'a founding date in the future is refused' );

$all_before = Dangjian\Period::resolve( array( 'period' => 'all' ) );
list( $values, $errors ) = Dangjian\Profile::sanitize(
	array(
		'name'        => '中共江城市心理咨询师协会支部委员会',
		'city'        => '江城市',
		'district'    => '东湖区',
		'parent_org'  => '中共东湖区社会组织综合委员会',
		'approved_by' => '中共东湖区社会组织综合委员会',
		'founded_on'  => '2016-03-15',
		'secretary'   => '张丽华',
	)
);
dj_t_same( array(), $errors, 'a full profile passes' );
$v = Dangjian\Data_Version::get();
Dangjian\Profile::save( $values );
dj_t_same( '2016-03-15', Dangjian\Profile::get()['founded_on'], 'the profile is stored' );
dj_t_ok( Dangjian\Data_Version::get() > $v, 'saving a changed profile bumps the data version' );
dj_t_same( '2016-03-15', Dangjian\Period::resolve( array( 'period' => 'all' ) )['from'], '"All records" starts at the founding date' );
dj_t_ok( '2016-03-15' !== $all_before['from'], '... which it did not before' );

// ------------------------------------------------------------------ investments
dj_t_same( array( 'invested_on', 'item', 'amount' ), array_keys( dj_t_problems( 'investments', array() ) ), 'an investment needs a date, an item and an amount' );
dj_t_same( array( 'amount' ), array_keys( dj_t_problems( 'investments', array( 'invested_on' => '2025-03-01', 'item' => '活动室', 'amount' => '一万' ) ) ), 'an amount that is not a number is refused, naming the field' );
dj_t_same( array( 'amount' ), array_keys( dj_t_problems( 'investments', array( 'invested_on' => '2025-03-01', 'item' => '活动室', 'amount' => '-5' ) ) ), 'a negative amount is refused' );
dj_t_same( array( 'item' ), array_keys( dj_t_problems( 'investments', array( 'invested_on' => '2025-03-01', 'item' => str_repeat( '室', 201 ), 'amount' => '5' ) ) ), 'an item over 200 characters is refused' );
$inv = dj_t_save( 'investments', array( 'invested_on' => '2025-03-01', 'item' => '党员活动室改造', 'amount' => '12345.675' ) );
dj_t_ok( is_int( $inv ), 'a good investment is saved' );
dj_t_same( '12345.68', $wpdb->get_var( $wpdb->prepare( 'SELECT amount FROM ' . Dangjian\Schema::table( 'investments' ) . ' WHERE id = %d', $inv ) ), 'its amount is rounded half away from zero to fen, as the engine rounds' ); // phpcs:ignore
$bad = dj_t_save( 'investments', array( 'invested_on' => '2025-13-01', 'item' => '图书', 'amount' => '10' ) );
dj_t_ok( is_wp_error( $bad ) && isset( $bad->get_error_data()['errors']['invested_on'] ), 'a refused investment names its field' );
dj_t_same( 1, dj_t_rows( 'investments' ), '... and nothing is written' );
dj_t_save( 'investments', array( 'invested_on' => '2024-06-01', 'item' => '党建展板', 'amount' => '800' ) );
$list = Records::query( 'investments', array( 'from' => '2025-01-01', 'to' => '2025-12-31' ) );
dj_t_same( array( '党员活动室改造' ), array_column( $list['items'], 'item' ), 'the list filters investments by date' );

// ------------------------------------------------------------------ benefits
dj_t_same( array( 'name', 'starts_on' ), array_keys( dj_t_problems( 'benefits', array() ) ), 'a benefit needs a name and a start' );
dj_t_same( array( 'ends_on' ), array_keys( dj_t_problems( 'benefits', array( 'name' => '体检', 'starts_on' => '2024-01-01', 'ends_on' => '2023-12-31' ) ) ), 'a benefit ending before it starts is refused on its end' );
$ben = dj_t_save( 'benefits', array( 'name' => '年度健康体检', 'starts_on' => '2020-01-01' ) );
dj_t_ok( is_int( $ben ), 'a benefit without an end is saved' );
dj_t_same( null, $wpdb->get_var( $wpdb->prepare( 'SELECT ends_on FROM ' . Dangjian\Schema::table( 'benefits' ) . ' WHERE id = %d', $ben ) ), '... its end stored as NULL (still in force)' ); // phpcs:ignore
dj_t_save( 'benefits', array( 'name' => '交通补贴', 'starts_on' => '2018-01-01', 'ends_on' => '2022-12-31' ) );
dj_t_same( array( '年度健康体检' ), array_column( Records::query( 'benefits', array( 'search' => '体检' ) )['items'], 'name' ), 'benefits are searched by name' );

// ------------------------------------------------------------------ plans
dj_t_same( array( 'plan_year', 'min_admit', 'max_admit' ), array_keys( dj_t_problems( 'plans', array() ) ), 'a plan needs a year and both numbers' );
dj_t_same( array( 'plan_year' ), array_keys( dj_t_problems( 'plans', array( 'plan_year' => '26', 'min_admit' => '1', 'max_admit' => '2' ) ) ), 'a year of two digits is refused' );
dj_t_same( array( 'max_admit' ), array_keys( dj_t_problems( 'plans', array( 'plan_year' => '2026', 'min_admit' => '4', 'max_admit' => '2' ) ) ), 'a highest number below the lowest is refused on the highest' );
dj_t_same( array( 'min_admit' ), array_keys( dj_t_problems( 'plans', array( 'plan_year' => '2026', 'min_admit' => '1.5', 'max_admit' => '2' ) ) ), 'a number that is not whole is refused' );
$plan = dj_t_save( 'plans', array( 'plan_year' => (string) $year, 'min_admit' => '2', 'max_admit' => '4' ) );
dj_t_ok( is_int( $plan ), 'a good plan is saved' );
$again = dj_t_save( 'plans', array( 'plan_year' => (string) $year, 'min_admit' => '1', 'max_admit' => '3' ) );
dj_t_ok( is_wp_error( $again ) && isset( $again->get_error_data()['errors']['plan_year'] ), 'a second plan for the same year is refused on the year' );
dj_t_ok( is_int( dj_t_save( 'plans', array( 'plan_year' => (string) $year, 'min_admit' => '3', 'max_admit' => '5' ), $plan ) ), 'the plan itself can be edited' );
dj_t_same( array( '3', '5' ), array_values( array_intersect_key( Records::get( 'plans', $plan ), array_flip( array( 'min_admit', 'max_admit' ) ) ) ), '... with its new numbers' );

// ------------------------------------------------------------------ hired_on, project
dj_t_same( array( 'hired_on' ), array_keys( dj_t_problems( 'people', array( 'name' => '张三', 'hired_on' => '2024/5/1' ) ) ), 'a hire date must be YYYY-MM-DD' );
$hired = dj_t_save( 'people', array( 'name' => '刘新', 'is_staff' => '1', 'hired_on' => $year . '-02-01', 'admitted_on' => ( $year - 3 ) . '-06-01', 'full_on' => ( $year - 2 ) . '-06-01' ) );
dj_t_ok( is_int( $hired ), 'a person with a hire date is saved' );
dj_t_same( $year . '-02-01', Records::get( 'people', $hired )['hired_on'], '... and read back' );
$long = dj_t_problems( 'activities', array( 'activity_date' => '2025-05-01', 'category' => 'service', 'kind' => 'lecture', 'title' => '讲座', 'project' => str_repeat( '洪', 67 ) ) );
dj_t_same( array( 'project' ), array_keys( $long ), 'a campaign name over 200 bytes is refused on its field' );
$flood = dj_t_save(
	'activities',
	array(
		'activity_date' => $year . '-03-05',
		'category'      => 'service',
		'kind'          => 'crisis_aid',
		'title'         => '洪灾心理援助',
		'hours'         => '6',
		'beneficiaries' => '40',
		'venue_kind'    => 'disaster_area',
		'venue'         => '安置点',
		'project'       => '  临江洪灾心理援助专项行动　',
		'participants'  => array( array( 'id' => (string) $hired, 'hours' => null ) ),
	)
);
dj_t_ok( is_int( $flood ), 'an activity of a campaign is saved' );
dj_t_same( '临江洪灾心理援助专项行动', Records::get( 'activities', $flood )['project'], 'its campaign is stored trimmed (ASCII spaces and U+3000)' );
dj_t_save( 'activities', array( 'activity_date' => $year . '-03-06', 'category' => 'service', 'kind' => 'lecture', 'title' => '校园讲座', 'hours' => '2', 'beneficiaries' => '100', 'venue_kind' => 'school', 'venue' => '一中' ) );
dj_t_same( array( '洪灾心理援助' ), array_column( Records::query( 'activities', array( 'project' => '临江洪灾心理援助专项行动' ) )['items'], 'title' ), 'the activity list filters by campaign' );
dj_t_same( array( '临江洪灾心理援助专项行动' ), Records::suggestions( 'projects' ), 'the form suggests the campaign names already used' );

// Passed to the engine: the rows the build reads carry them; an engine of STATS.md v2 counts them.
$people_row = $wpdb->get_row( 'SELECT ' . Dangjian\Engine::PEOPLE_COLUMNS . ' FROM ' . Dangjian\Schema::table( 'people' ) . ' WHERE id = ' . (int) $hired, ARRAY_A ); // phpcs:ignore
dj_t_same( $year . '-02-01', $people_row['hired_on'] ?? null, 'the engine build reads hired_on' );
$act_row = $wpdb->get_row( 'SELECT ' . Dangjian\Engine::ACTIVITY_COLUMNS . ' FROM ' . Dangjian\Schema::table( 'activities' ) . ' WHERE id = ' . (int) $flood, ARRAY_A ); // phpcs:ignore
dj_t_same( '临江洪灾心理援助专项行动', $act_row['project'] ?? null, 'the engine build reads project' );
dj_t_same( $year . '-02-01', Validator::engine_row( 'people', Records::get( 'people', $hired ) )['hired_on'], 'the form check gives the engine hired_on' );
Dangjian\Engine::forget();
$s = Dangjian\Engine::stats( array( 'from' => $year . '-01-01', 'to' => $year . '-12-31' ) );
if ( isset( $s['service']['by_project'] ) ) {
	dj_t_same( array( '临江洪灾心理援助专项行动' ), array_keys( $s['service']['by_project'] ), 'the engine (v2) reports the campaign' );
	dj_t_same( 1, $s['pipeline']['hired'] ?? null, 'the engine (v2) counts the hire' );
} else {
	dj_t_ok( true, 'the engine (' . Dangjian\Engine::implementation() . ') is older than STATS.md v2: hired_on and project are passed and ignored' );
}

// ------------------------------------------------------------------ CSV round trip
foreach ( array( 'investments', 'benefits', 'plans' ) as $type ) {
	$rows_before = $wpdb->get_results( 'SELECT * FROM ' . Dangjian\Schema::table( $type ) . ' ORDER BY id', ARRAY_A ); // phpcs:ignore
	$csv         = Dangjian\Export::csv( $type, array() );
	dj_t_ok( str_starts_with( $csv, "\xEF\xBB\xBF" ), "$type: the export is UTF-8 with a BOM" );
	$wpdb->query( 'DELETE FROM ' . Dangjian\Schema::table( $type ) ); // phpcs:ignore
	$report = Dangjian\Import::commit( $type, $csv );
	dj_t_same( array(), $report['errors'], "$type: its own export imports without error" );
	dj_t_same( count( $rows_before ), $report['imported'], "$type: every row imported" );
	$strip = static fn( array $rows ) => array_map( static fn( $r ) => array_diff_key( $r, array_flip( array( 'created_at', 'updated_at' ) ) ), $rows );
	$after = $wpdb->get_results( 'SELECT * FROM ' . Dangjian\Schema::table( $type ) . ' ORDER BY id', ARRAY_A ); // phpcs:ignore
	dj_t_same( $strip( $rows_before ), $strip( $after ), "$type: export → import gives the same rows" );
}

// An import with a bad cell: refused whole, the row and the column named, nothing written.
$n      = dj_t_rows( 'investments' );
$report = Dangjian\Import::commit( 'investments', "日期,项目,金额\n2025-04-01,图书角,\"1,200元\"\n2025-04-02,展板,一千\n" );
dj_t_same( 0, $report['imported'], 'an import with a bad amount writes nothing' );
dj_t_same( 1, count( $report['errors'] ), '... one error' );
dj_t_same( 3, $report['errors'][0]['row'] ?? null, '... on spreadsheet row 3' );
dj_t_ok( str_contains( $report['errors'][0]['column'] ?? '', '金额' ) && str_contains( $report['errors'][0]['column'] ?? '', '(C)' ), '... in the column 金额 (C)', $report['errors'][0]['column'] ?? '' );
dj_t_same( $n, dj_t_rows( 'investments' ), '... and the table is unchanged' );
$report = Dangjian\Import::commit( 'plans', "年度,最少发展人数,最多发展人数\n2030,2,3\n2030年,1,2\n" );
dj_t_ok( 0 === $report['imported'] && 3 === ( $report['errors'][0]['row'] ?? null ), 'a year planned twice in one file is refused on its second row', wp_json_encode( $report['errors'], JSON_UNESCAPED_UNICODE ) );
$report = Dangjian\Import::commit( 'benefits', "福利项目,开始日期,结束日期\n餐补,2024/1/1,2023年12月31日\n" );
dj_t_ok( 0 === $report['imported'] && str_contains( $report['errors'][0]['column'] ?? '', '结束日期' ), 'a benefit ending before it starts is refused on its end column', wp_json_encode( $report['errors'], JSON_UNESCAPED_UNICODE ) );
$report = Dangjian\Import::commit( 'people', "姓名,入职日期\n周新,2024年5月6日\n" );
dj_t_same( array(), $report['errors'], 'people import a hire date (入职日期)' );
dj_t_same( '2024-05-06', $wpdb->get_var( 'SELECT hired_on FROM ' . Dangjian\Schema::table( 'people' ) . " WHERE name = '周新'" ), '... stored as a date' ); // phpcs:ignore
$report = Dangjian\Import::commit( 'activities', "日期,类型,标题,专项行动\n$year-04-01,讲座,进校园讲座,青少年心理健康护航行动\n" );
dj_t_same( array(), $report['errors'], 'activities import a campaign (专项行动)' );
dj_t_same( 1, count( Records::query( 'activities', array( 'project' => '青少年心理健康护航行动' ) )['items'] ), '... and are found by it' );
$csv = Dangjian\Export::csv( 'activities', array( 'project' => '青少年心理健康护航行动' ) );
dj_t_ok( str_contains( $csv, '进校园讲座' ) && ! str_contains( $csv, '洪灾心理援助' ), 'the export of a campaign holds its activities only' );

// ------------------------------------------------------------------ backup round trip
$tables = array( 'investments', 'benefits', 'plans', 'people', 'activities' );
$before = array();
foreach ( $tables as $t ) {
	$before[ $t ] = $wpdb->get_results( 'SELECT * FROM ' . Dangjian\Schema::table( $t ) . ' ORDER BY id', ARRAY_A ); // phpcs:ignore
}
$json = Dangjian\Backup::create();
$data = json_decode( $json, true );
dj_t_same( count( $before['investments'] ), count( $data['dangjian_extra']['investments'] ?? array() ), 'the backup holds the investments' );
dj_t_same( count( $before['plans'] ), count( $data['dangjian_extra']['plans'] ?? array() ), '... and the plans' );
dj_t_reset();
$result = Dangjian\Backup::restore( $json );
dj_t_same( array(), $result['errors'], 'the backup is restored' );
foreach ( $tables as $t ) {
	dj_t_same( $before[ $t ], $wpdb->get_results( 'SELECT * FROM ' . Dangjian\Schema::table( $t ) . ' ORDER BY id', ARRAY_A ), "backup → restore gives the same $t rows" ); // phpcs:ignore
}
$broken = json_decode( $json, true );
$broken['dangjian_extra']['plans'][0]['max_admit'] = '0';
$broken['dangjian_extra']['plans'][0]['min_admit'] = '9';
$check = Dangjian\Backup::check( (string) wp_json_encode( $broken, JSON_UNESCAPED_UNICODE ) );
dj_t_ok( 1 === count( $check['errors'] ) && str_contains( $check['errors'][0], 'dangjian_extra.plans[0].max_admit' ), 'a backup with a bad plan is refused, naming the record and the field', wp_json_encode( $check['errors'], JSON_UNESCAPED_UNICODE ) );
$restored = Dangjian\Backup::restore( (string) wp_json_encode( $broken, JSON_UNESCAPED_UNICODE ) );
dj_t_ok( (bool) $restored['errors'], '... the restore refuses it' );
dj_t_same( $before['plans'], $wpdb->get_results( 'SELECT * FROM ' . Dangjian\Schema::table( 'plans' ) . ' ORDER BY id', ARRAY_A ), '... and changes nothing' ); // phpcs:ignore

delete_option( Dangjian\Profile::OPTION );
dj_t_reset();
dj_t_done();

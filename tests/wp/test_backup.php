<?php
/**
 * JSON backup and restore (in process): the backup is the engine's dataset (Dataset::toJson) plus the
 * plugin's fields; backup → wipe → restore gives the same rows and figures; a damaged backup (bad
 * JSON, a record breaking the rules, a missing part, a database failure) is refused with its
 * position and nothing changes.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
require __DIR__ . '/fixtures/import-lib.php';
global $wpdb;

if ( ! dj_t_import_loaded() ) {
	dj_t_done();
}

dj_t_reset();
dj_t_import_fixtures();
$wpdb->insert( Dangjian\Schema::table( 'headcount' ), array( 'point_date' => '2024-01-01', 'staff_count' => 40, 'notes' => '年初' ) );
$wpdb->insert( Dangjian\Schema::table( 'headcount' ), array( 'point_date' => '2024-07-01', 'staff_count' => 44, 'notes' => '' ) );
$wpdb->insert( Dangjian\Schema::table( 'media' ), array( 'published_on' => '2024-05-01', 'outlet' => '市日报', 'level' => 'city', 'title' => '心理咨询进社区 <b>', 'url' => 'https://example.org/a?b=1&c=2', 'activity_id' => 1, 'notes' => null ) );
$wpdb->insert( Dangjian\Schema::table( 'honours' ), array( 'awarded_on' => '2024-07-01', 'title' => '先进基层党组织', 'level' => 'city', 'awarded_by' => '市委', 'notes' => "两行\n备注" ) );
$wpdb->query( $wpdb->prepare( 'UPDATE ' . Dangjian\Schema::table( 'activities' ) . ' SET venue = %s WHERE venue = %s', ' 阳光社区 ', '阳光社区' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
Dangjian\Data_Version::bump();

$queries = array(
	array( 'from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-12-31' ),
	array( 'from' => '2020-01-01', 'to' => '2023-12-31', 'as_of' => '2023-06-30' ),
	array( 'from' => '2024-03-01', 'to' => '2024-06-30', 'as_of' => '2024-06-30', 'top' => 2 ),
);
$figures = array_map( 'dangjian_stats', $queries );
$rows    = dj_t_all_rows();
dj_t_same( 44, $figures[0]['members']['staff_headcount'] ?? null, 'the headcount counts before the backup' );

$profile = array(
	'name'        => '中共江城市心理咨询师协会支部委员会',
	'city'        => '江城市',
	'district'    => '东湖区',
	'parent_org'  => '中共东湖区社会组织综合委员会',
	'approved_by' => '中共东湖区社会组织综合委员会',
	'founded_on'  => '2016-03-15',
	'secretary'   => '张丽华',
);
$saved_profile = get_option( Dangjian\Profile::OPTION );
Dangjian\Profile::save( $profile );
$json = Dangjian\Backup::create();
dj_t_ok( 1 === preg_match( '/^\{"format":"dangjian-dataset","version":[12],"people":\[/', $json ), 'the backup starts as the engine\'s dataset format (version 1, or 2 once the engine writes STATS.md v2)' );
$engine_json = Dangjian\Engine::build()->toJson();
dj_t_same( substr( $engine_json, 0, -1 ), substr( $json, 0, strlen( $engine_json ) - 1 ), 'its engine part is Dataset::toJson() byte for byte' );
$from_json = Dangjian\Dataset::fromJson( $json );
dj_t_same( $figures[0], $from_json->stats( $queries[0] + array( 'meeting_rules' => Dangjian\Settings::meeting_rules() ) ), 'Dataset::fromJson() reads the backup (ignoring the extra keys) with the same figures' );
$data = json_decode( $json, true );
dj_t_same( '张三', $data['dangjian_extra']['people'][0]['name'] ?? null, 'the names are under dangjian_extra' );
dj_t_same( array( 1, 1 ), array( count( $data['dangjian_extra']['media'] ?? array() ), count( $data['dangjian_extra']['honours'] ?? array() ) ), 'coverage and honours are in the backup' );
dj_t_same( ' 阳光社区 ', $data['dangjian_extra']['activities'][0]['venue'] ?? null, 'the venue as typed is kept beside the engine\'s trimmed one' );

dj_t_same( $profile, $data['dangjian_extra']['profile'] ?? null, 'the branch profile is in the backup' );

// Wipe, restore: the same rows and figures.
dj_t_reset();
delete_option( Dangjian\Profile::OPTION );
dj_t_same( 0, (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( 'people' ) ), 'the tables are wiped' );
$v      = Dangjian\Data_Version::get();
$result = Dangjian\Backup::restore( $json );
dj_t_same( array(), $result['errors'], 'the backup is restored without error' );
dj_t_same( array( 'people' => 8, 'activities' => 6, 'participants' => 10, 'headcount' => 2, 'media' => 1, 'honours' => 1, 'investments' => 0, 'benefits' => 0, 'plans' => 0 ), $result['counts'], 'it reports what it restored' );
dj_t_ok( Dangjian\Data_Version::get() > $v, 'the restore bumps the data version' );
dj_t_same( $rows, dj_t_all_rows(), 'every row of every table is as before (names, notes, timestamps, NULL participant hours, the untrimmed venue)' );
dj_t_same( $figures, array_map( 'dangjian_stats', $queries ), 'the figures are as before' );
$strip = static fn( $j ) => preg_replace( '/"created":"[^"]*"/', '"created":"X"', $j );
dj_t_same( $strip( $json ), $strip( Dangjian\Backup::create() ), 'a backup of the restored site is the same file, but for its date' );
dj_t_same( $profile, Dangjian\Profile::get(), 'the restore brings the branch profile back' );
$bad                                           = json_decode( $json, true );
$bad['dangjian_extra']['profile']['founded_on'] = '2016-02-30';
Dangjian\Profile::save( array( 'name' => '改名前' ) + $profile );
$sum_before = dj_t_tables_checksum();
$r          = Dangjian\Backup::restore( (string) wp_json_encode( $bad, JSON_UNESCAPED_UNICODE ) );
dj_t_ok( 1 === count( $r['errors'] ) && str_contains( $r['errors'][0], 'dangjian_extra.profile.founded_on' ), 'a backup whose profile has a bad founding date is refused, naming dangjian_extra.profile.founded_on', wp_json_encode( $r['errors'], JSON_UNESCAPED_UNICODE ) );
dj_t_same( array( $sum_before, '改名前' ), array( dj_t_tables_checksum(), Dangjian\Profile::get()['name'] ), 'and changes nothing: neither the tables nor the profile' );
Dangjian\Profile::save( $profile );

// Damaged backups: refused with where, and nothing changes.
$sum = dj_t_tables_checksum();
$cut = substr( $json, 0, intdiv( strlen( $json ), 2 ) );
$r   = Dangjian\Backup::restore( $cut );
dj_t_ok( 1 === count( $r['errors'] ) && preg_match( '/line 1, column \d+/', $r['errors'][0] ), 'a truncated backup is refused with its line and column', wp_json_encode( $r['errors'], JSON_UNESCAPED_UNICODE ) );
dj_t_same( $sum, dj_t_tables_checksum(), 'the truncated backup changed nothing' );

$pretty = (string) wp_json_encode( $data, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
$lines  = explode( "\n", $pretty );
$at     = 0;
foreach ( $lines as $i => $line ) {
	if ( str_contains( $line, '"beneficiaries"' ) ) {
		$lines[ $i ] = str_replace( '"beneficiaries": ', '"beneficiaries": oops', $line );
		$at          = $i + 1;
		break;
	}
}
$r = Dangjian\Backup::restore( implode( "\n", $lines ) );
dj_t_ok( 1 === count( $r['errors'] ) && str_contains( $r['errors'][0], "line $at, column" ), "a syntax error on line $at is refused naming that line", wp_json_encode( $r['errors'], JSON_UNESCAPED_UNICODE ) );
dj_t_same( $sum, dj_t_tables_checksum(), 'the backup with a syntax error changed nothing' );

$bad                               = $data;
$bad['people'][1]['admitted_on']   = '2024-13-01';
$r                                 = Dangjian\Backup::restore( (string) wp_json_encode( $bad, JSON_UNESCAPED_UNICODE ) );
dj_t_ok( 1 === count( $r['errors'] ) && str_contains( $r['errors'][0], 'people[1].admitted_on' ), 'a record breaking the engine\'s rules is refused naming people[1].admitted_on', wp_json_encode( $r['errors'], JSON_UNESCAPED_UNICODE ) );
$bad                               = $data;
$bad['activities'][2]['participants'][0]['id'] = 9999;
$r                                 = Dangjian\Backup::restore( (string) wp_json_encode( $bad, JSON_UNESCAPED_UNICODE ) );
dj_t_ok( 1 === count( $r['errors'] ) && str_contains( $r['errors'][0], 'activities[2].participants[0]' ) && str_contains( $r['errors'][0], '9999' ), 'an unknown participant is refused naming activities[2].participants[0]', wp_json_encode( $r['errors'], JSON_UNESCAPED_UNICODE ) );
$bad = $data;
unset( $bad['dangjian_extra'] );
$r = Dangjian\Backup::restore( (string) wp_json_encode( $bad, JSON_UNESCAPED_UNICODE ) );
dj_t_ok( 1 === count( $r['errors'] ), 'an engine dataset without the plugin\'s fields is refused' );
$bad = $data;
$bad['dangjian_extra']['people'][3]['name'] = array( 'x' );
$bad['dangjian_extra']['honours'][0]['awarded_on'] = '2024-02-30';
$r = Dangjian\Backup::restore( (string) wp_json_encode( $bad, JSON_UNESCAPED_UNICODE ) );
dj_t_ok( 2 <= count( $r['errors'] ) && str_contains( implode( ' ', $r['errors'] ), 'dangjian_extra.people[3].name' ) && str_contains( implode( ' ', $r['errors'] ), 'dangjian_extra.honours[0].awarded_on' ), 'bad plugin fields are refused naming each path', wp_json_encode( $r['errors'], JSON_UNESCAPED_UNICODE ) );
$bad = $data;
array_pop( $bad['dangjian_extra']['activities'] );
$r = Dangjian\Backup::restore( (string) wp_json_encode( $bad, JSON_UNESCAPED_UNICODE ) );
dj_t_ok( 1 === count( $r['errors'] ) && str_contains( $r['errors'][0], 'activities[5]' ), 'an activity without its plugin fields is refused naming activities[5]', wp_json_encode( $r['errors'], JSON_UNESCAPED_UNICODE ) );
dj_t_same( $sum, dj_t_tables_checksum(), 'none of the refused backups changed anything' );

// A database failure halfway through the restore: rolled back, the old records stay.
$links_t = Dangjian\Schema::table( 'participants' );
$break   = static function ( $sql ) use ( $links_t ) {
	return str_starts_with( $sql, "INSERT INTO {$links_t}" ) ? 'INSERT INTO no_such_table_dangjian VALUES (1)' : $sql;
};
$wpdb->query( 'DELETE FROM ' . Dangjian\Schema::table( 'honours' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
Dangjian\Data_Version::bump();
$sum = dj_t_tables_checksum();
add_filter( 'query', $break );
$r = Dangjian\Backup::restore( $json );
remove_filter( 'query', $break );
dj_t_ok( 1 === count( $r['errors'] ), 'a database error during the restore refuses it', wp_json_encode( $r['errors'], JSON_UNESCAPED_UNICODE ) );
dj_t_same( $sum, dj_t_tables_checksum(), 'the deletes and inserts before the failure were rolled back' );

// A BOM in front (a file saved by an editor) is accepted.
$r = Dangjian\Backup::restore( "\xEF\xBB\xBF" . $json );
dj_t_same( array(), $r['errors'], 'a backup with a BOM is restored' );
$now = dj_t_all_rows();
foreach ( $rows as $t => $list ) {
	dj_t_same( $list, $now[ $t ], "and gives the same rows of $t again" );
}

dj_t_reset();
if ( false === $saved_profile ) {
	delete_option( Dangjian\Profile::OPTION );
} else {
	update_option( Dangjian\Profile::OPTION, $saved_profile );
}
dj_t_done();

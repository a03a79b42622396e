<?php
/**
 * WP-CLI: wp dangjian import | export | stats | rebuild | backup | restore, run as separate processes
 * by a project-local WP-CLI (scripts/wp-cli.sh installs it with Composer). When WP-CLI cannot be
 * installed the test FAILS and says why (Composer missing, or the install failed).
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
require __DIR__ . '/fixtures/import-lib.php';
global $wpdb;

if ( ! dj_t_import_loaded() ) {
	dj_t_done();
}
$root = dirname( __DIR__, 2 );
$tmp  = sys_get_temp_dir() . '/dj-cli-' . getmypid();
wp_mkdir_p( $tmp );

list( $rc, $out, $err ) = dj_t_exec( array( 'bash', $root . '/scripts/wp-cli.sh', 'path' ) );
$wp                     = trim( $out );
if ( 3 === $rc ) {
	dj_t_ok( false, 'WP-CLI is installed', 'Composer is missing on this machine, so WP-CLI cannot be installed: ' . trim( $err ) );
	dj_t_done();
}
dj_t_ok( 0 === $rc && is_file( $wp ), 'WP-CLI is installed (scripts/wp-cli.sh)', "exit $rc: " . trim( $err ) );
$boot = dirname( $wp ) . '/../wp-cli/wp-cli/php/boot-fs.php';
if ( 0 !== $rc || ! is_file( $boot ) ) {
	dj_t_ok( false, 'WP-CLI\'s boot-fs.php is there', $boot );
	dj_t_done();
}

/**
 * Runs `wp dangjian …` on the test site with the engine of this run.
 *
 * @param string[] $args The arguments after "dangjian".
 * @return array{0:int,1:string,2:string}
 */
function dj_t_wp( array $args ): array {
	global $boot, $root;
	$php = array( PHP_BINARY, '-d', 'error_reporting=' . ( E_ALL & ~E_DEPRECATED ), '-d', 'memory_limit=512M' );
	if ( extension_loaded( 'dangjian' ) ) {
		$php[] = '-d';
		$php[] = 'extension=' . $root . '/modules/dangjian.so';
	}
	$r = dj_t_exec( array_merge( $php, array( $boot, '--allow-root', '--path=' . rtrim( ABSPATH, '/' ), 'dangjian' ), $args ) );
	Dangjian\Engine::forget();
	wp_cache_flush();
	return $r;
}

dj_t_reset();
$people_t = Dangjian\Schema::table( 'people' );

// import
$sum                    = dj_t_tables_checksum();
list( $rc, $out, $err ) = dj_t_wp( array( 'import', DJ_T_FIXTURES . '/people-zh-bom.csv', '--type=people', '--dry-run' ) );
dj_t_ok( 0 === $rc && str_contains( $out . $err, 'Dry run' ), 'wp dangjian import --dry-run checks the file', "exit $rc: $out $err" );
dj_t_same( $sum, dj_t_tables_checksum(), '--dry-run writes nothing' );
list( $rc, $out, $err ) = dj_t_wp( array( 'import', DJ_T_FIXTURES . '/people-zh-bom.csv', '--type=people' ) );
dj_t_ok( 0 === $rc && str_contains( $out, 'Imported 4 people' ), 'wp dangjian import imports the people', "exit $rc: $out $err" );
dj_t_same( 4, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$people_t}" ), 'four people are in the table' );
file_put_contents( $tmp . '/gbk.csv', dj_t_gbk_fixture() );
list( $rc, $out ) = dj_t_wp( array( 'import', $tmp . '/gbk.csv', '--type=people' ) );
dj_t_ok( 0 === $rc && str_contains( $out, 'GB18030' ), 'a GBK file imports from the command line', $out );
dj_t_wp( array( 'import', DJ_T_FIXTURES . '/people-en.csv', '--type=people' ) );
list( $rc, $out, $err ) = dj_t_wp( array( 'import', DJ_T_FIXTURES . '/activities-zh.csv', '--type=activities' ) );
dj_t_ok( 0 === $rc && str_contains( $out, 'Imported 4 activities' ), 'wp dangjian import imports the activities', "exit $rc: $out $err" );
dj_t_wp( array( 'import', DJ_T_FIXTURES . '/activities-en.csv', '--type=activities' ) );
$sum                    = dj_t_tables_checksum();
list( $rc, $out, $err ) = dj_t_wp( array( 'import', DJ_T_FIXTURES . '/people-bad.csv', '--type=people' ) );
dj_t_same( 1, $rc, 'a bad file exits with 1' );
dj_t_ok( (bool) preg_match( '/^3\s+入党日期 \(E\)/m', $out ) && (bool) preg_match( '/^4\s+确定积极分子日期 \(D\)/m', $out ), 'and lists its errors by row and column', $out );
dj_t_ok( str_contains( $err, 'nothing was imported' ), 'and says nothing was imported', $err );
dj_t_same( $sum, dj_t_tables_checksum(), 'the bad file changed nothing' );
list( $rc ) = dj_t_wp( array( 'import', DJ_T_FIXTURES . '/people-en.csv', '--type=meetings' ) );
dj_t_ok( 0 !== $rc, 'an unknown --type is refused' );
list( $rc, , $err ) = dj_t_wp( array( 'import', $tmp . '/no-such.csv', '--type=people' ) );
dj_t_ok( 1 === $rc && str_contains( $err, 'Cannot read' ), 'a missing file is refused' );

// The small tables: facility investment, staff benefits, development plans.
file_put_contents( $tmp . '/plans.csv', "\xEF\xBB\xBF年度,最少发展人数,最多发展人数\n2025,2,3\n2026年,3,5\n" );
list( $rc, $out, $err ) = dj_t_wp( array( 'import', $tmp . '/plans.csv', '--type=plans' ) );
dj_t_ok( 0 === $rc && str_contains( $out, 'Imported 2 plans' ), 'wp dangjian import --type=plans imports the development plans', "exit $rc: $out $err" );
file_put_contents( $tmp . '/investments.csv', "日期,项目,金额\n2025-03-01,党员活动室,¥12000\n2025-03-02,展板,很多\n" );
list( $rc, $out ) = dj_t_wp( array( 'import', $tmp . '/investments.csv', '--type=investments' ) );
dj_t_ok( 1 === $rc && (bool) preg_match( '/^3\s+金额 \(C\)/m', $out ), 'a bad investment file exits with 1, naming row 3 and the column 金额 (C)', $out );
dj_t_same( 0, dj_t_rows( 'investments' ), '... and writes nothing' );
list( $rc, $out ) = dj_t_wp( array( 'export', '--type=plans' ) );
dj_t_same( Dangjian\Export::csv( 'plans', array() ), $out, 'wp dangjian export --type=plans gives the plans\' CSV' );
dj_t_ok( str_contains( $out, '2026,3,5' ), '... with the plan of 2026', $out );

// export
list( $rc, $out ) = dj_t_wp( array( 'export', '--type=people', '--output=' . $tmp . '/people.csv' ) );
dj_t_ok( 0 === $rc && str_contains( $out, 'Exported 8 people' ), 'wp dangjian export --output writes the file', $out );
dj_t_same( Dangjian\Export::csv( 'people', array() ), (string) @file_get_contents( $tmp . '/people.csv' ), 'the file is the list\'s CSV' );
list( $rc, $out ) = dj_t_wp( array( 'export', '--type=activities', '--category=service', '--from=2024-04-01' ) );
dj_t_same( Dangjian\Export::csv( 'activities', array( 'category' => 'service', 'from' => '2024-04-01' ) ), $out, 'exporting to standard output with filters gives the filtered list' );
list( $rc, $out ) = dj_t_wp( array( 'export', '--type=people', '--stage=full' ) );
dj_t_same( Dangjian\Export::csv( 'people', array( 'stage' => 'full' ) ), $out, '--stage=full gives the full members' );

// stats
$q                = array( 'from' => '2024-01-01', 'to' => '2024-12-31' );
list( $rc, $out ) = dj_t_wp( array( 'stats', '--from=2024-01-01', '--to=2024-12-31', '--format=json' ) );
dj_t_same( dangjian_stats( $q ), json_decode( $out, true ), 'wp dangjian stats --format=json prints dangjian_stats()' );
list( $rc, $out ) = dj_t_wp( array( 'stats', '--from=2024-01-01', '--to=2024-12-31' ) );
dj_t_ok( 0 === $rc && (bool) preg_match( '/^service\.activities\s+4$/m', $out ) && (bool) preg_match( '/^members\.party_members\s+4$/m', $out ), 'the table format prints a line a figure', $out );
list( $rc, , $err ) = dj_t_wp( array( 'stats', '--from=2024-02-30', '--to=2024-12-31' ) );
dj_t_ok( 1 === $rc && '' !== trim( $err ), 'a bad date is an error' );

// rebuild
$version          = Dangjian\Data_Version::get();
list( $rc, $out ) = dj_t_wp( array( 'rebuild' ) );
dj_t_ok( 0 === $rc && str_contains( $out, "Rebuilt data version $version with the " . Dangjian\Engine::implementation() . ' engine: 8 people, 6 activities, 10 participations; snapshot saved' ), 'wp dangjian rebuild rebuilds the dataset with this run\'s engine', $out );
dj_t_ok( is_file( (string) Dangjian\Engine::snapshot_path( $version ) ), 'and saves the snapshot of the current version' );
dj_t_same( $version, Dangjian\Data_Version::get(), 'a rebuild does not change the data version' );

// backup and restore
$rows             = dj_t_all_rows();
list( $rc, $out ) = dj_t_wp( array( 'backup', '--output=' . $tmp . '/backup.json' ) );
dj_t_ok( 0 === $rc && is_file( $tmp . '/backup.json' ), 'wp dangjian backup writes the file', $out );
dj_t_reset();
file_put_contents( $tmp . '/bad.json', substr( (string) file_get_contents( $tmp . '/backup.json' ), 0, 200 ) );
$sum                = dj_t_tables_checksum();
list( $rc, , $err ) = dj_t_wp( array( 'restore', $tmp . '/bad.json', '--yes' ) );
dj_t_ok( 1 === $rc && (bool) preg_match( '/line 1, column \d+/', $err ), 'a damaged backup is refused with its position', $err );
dj_t_same( $sum, dj_t_tables_checksum(), 'and changes nothing' );
list( $rc, $out, $err ) = dj_t_wp( array( 'restore', $tmp . '/backup.json', '--yes' ) );
dj_t_ok( 0 === $rc && str_contains( $out, 'Restored: 8 people, 6 activities' ), 'wp dangjian restore restores', "$out $err" );
dj_t_same( $rows, dj_t_all_rows(), 'every row is back' );
dj_t_ok( ! str_contains( $out, 'read whole' ), '... read as a stream (no word of reading it whole)', $out );
$pretty = wp_json_encode( json_decode( (string) file_get_contents( $tmp . '/backup.json' ), true ), JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
file_put_contents( $tmp . '/pretty.json', $pretty );
dj_t_reset();
list( $rc, $out, $err ) = dj_t_wp( array( 'restore', $tmp . '/pretty.json', '--yes' ) );
dj_t_ok( 0 === $rc && str_contains( $out, 'read whole into memory' ) && str_contains( $out, 'Restored: 8 people, 6 activities' ), 'a backup in another layout (pretty-printed) restores, and the command says it was read whole', "$out $err" );
dj_t_same( $rows, dj_t_all_rows(), '... every row is back' );

foreach ( (array) glob( $tmp . '/*' ) as $f ) {
	unlink( $f );
}
rmdir( $tmp );
dj_t_reset();
dj_t_done();

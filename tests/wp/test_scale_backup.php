<?php
/**
 * Backups that lose nothing (issue 11, items 5 and 10, and backup at scale):
 * - a row the engine refuses (written around the plugin) is left out of both parts of the backup,
 *   so the backup still restores (before: the table part kept it, the check refused every backup);
 * - a restore checks every row as the forms do (unknown level, bad web address or e-mail, bad date,
 *   a name too long): refused, naming the table, the row and the field, and nothing changes
 *   (before: stored as they came);
 * - .json.gz: written compressed, read back as is (gzip told by its first bytes), a damaged gzip
 *   refused clearly; `wp dangjian backup --output=x.json.gz` and `wp dangjian restore x.json.gz --yes`
 *   with its progress; the page says the upload limit and the WP-CLI way.
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
$wpdb->insert( $t( 'media' ), array( 'published_on' => '2024-05-01', 'outlet' => '市日报', 'level' => 'city', 'title' => '报道', 'url' => 'https://example.org/a', 'activity_id' => 1 ) );
$wpdb->insert( $t( 'honours' ), array( 'awarded_on' => '2024-07-01', 'title' => '先进基层党组织', 'level' => 'city', 'awarded_by' => '市委' ) );

// ------------------------------------------------------------ item 5: a row the engine refuses
$wpdb->insert( $t( 'people' ), array( 'name' => '错日期', 'applied_on' => '2024-05-01', 'admitted_on' => '2020-01-01', 'is_staff' => 1 ) );
$bad_person = (int) $wpdb->insert_id;
$wpdb->insert( $t( 'activities' ), array( 'activity_date' => '2024-06-01', 'category' => 'service', 'kind' => 'counseling', 'title' => '随错日期者', 'hours' => '2.00' ) );
$bad_activity = (int) $wpdb->insert_id;
$wpdb->insert( $t( 'participants' ), array( 'activity_id' => $bad_activity, 'person_id' => $bad_person ) );
Dangjian\Data_Version::bump();

$json = Dangjian\Backup::create();
$data = json_decode( $json, true );
$ids  = static fn( array $list ) => array_map( static fn( $r ) => (int) $r['id'], $list );
dj_t_ok( ! in_array( $bad_person, $ids( $data['people'] ), true ) && ! in_array( $bad_person, $ids( $data['dangjian_extra']['people'] ), true ), 'the person the engine refuses is in neither part of the backup' );
dj_t_ok( ! in_array( $bad_activity, $ids( $data['activities'] ), true ) && ! in_array( $bad_activity, $ids( $data['dangjian_extra']['activities'] ), true ), 'nor their activity (its participant is refused with them)' );
dj_t_same( $ids( $data['people'] ), $ids( $data['dangjian_extra']['people'] ), 'both parts hold the same people' );
dj_t_same( $ids( $data['activities'] ), $ids( $data['dangjian_extra']['activities'] ), 'both parts hold the same activities' );
$skipped = implode( "\n", $data['dangjian_backup']['skipped'] ?? array() );
dj_t_ok( str_contains( $skipped, "people $bad_person" ) && str_contains( $skipped, "activities $bad_activity" ), 'the backup lists what it left out, with the engine\'s reason', $skipped );
$check = Dangjian\Backup::check( $json );
dj_t_same( array(), $check['errors'], 'the backup of a site with a refused row passes its own check (it used to be refused whole)' );
$before = dj_t_tables_checksum();
$result = Dangjian\Backup::restore( $json );
dj_t_same( array(), $result['errors'], 'and it restores' );
dj_t_same( 0, (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . $t( 'people' ) . ' WHERE id = %d', $bad_person ) ), 'the refused person is not restored' ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
$orphans = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . $t( 'participants' ) . ' x LEFT JOIN ' . $t( 'people' ) . ' p ON p.id = x.person_id WHERE p.id IS NULL' ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
dj_t_same( 0, $orphans, 'no participant points at nobody after the restore' );
unset( $before );

// ------------------------------------------------------------ item 10: the forms' rules on a restore
$good    = Dangjian\Backup::create();
$rows    = dj_t_all_rows();
$version = Dangjian\Data_Version::get();
$cases   = array(
	'an unknown coverage level'  => array( 'media', 0, 'level', 'galactic', 'media, row 1', 'field level' ),
	'a web address that is not'  => array( 'media', 0, 'url', 'javascript:alert(1)', 'media, row 1', 'field url' ),
	'an unknown honour level'    => array( 'honours', 0, 'level', 'cosmic', 'honours, row 1', 'field level' ),
	'an e-mail that is not'      => array( 'people', 1, 'email', 'not-an-email', 'people, row 2', 'field email' ),
	'a birth date that is not'   => array( 'people', 0, 'birth_date', '2024-13-45', 'people, row 1', 'field birth_date' ),
	'a phone that is not'        => array( 'people', 2, 'phone', 'call me', 'people, row 3', 'field phone' ),
	'a name over 100 characters' => array( 'people', 0, 'name', str_repeat( '名', 101 ), 'people, row 1', 'field name' ),
	'an activity without title'  => array( 'activities', 0, 'title', '', 'activities, row 1', 'field title' ),
	'a gender not offered'       => array( 'people', 0, 'gender', 'robot', 'people, row 1', 'field gender' ),
);
foreach ( $cases as $what => list( $table, $i, $field, $value, $row_text, $field_text ) ) {
	$bad = json_decode( $good, true );
	$bad['dangjian_extra'][ $table ][ $i ][ $field ] = $value;
	$result = Dangjian\Backup::restore( wp_json_encode( $bad, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ) );
	$errors = implode( "\n", $result['errors'] );
	$id     = (int) $bad['dangjian_extra'][ $table ][ $i ]['id'];
	// The site's language words it ("people, row 2 (id 2), field email" or "people，第 2 行（编号 2），字段 email"),
	// followed by the JSON path of the value.
	$where = Dangjian\Backup_Rows::where( $table, $i, $id, $field );
	dj_t_ok( str_contains( $errors, $where . ' [dangjian_extra.' . $table . '[' . $i . '].' . $field . ']' ) && str_contains( $where, $table ) && str_contains( $where, (string) ( $i + 1 ) ) && str_contains( $where, $field ), "a backup with $what is refused, naming the table, row and field", $errors );
}
dj_t_same( $rows, dj_t_all_rows(), 'and nothing was changed by the refused restores' );
dj_t_same( $version, Dangjian\Data_Version::get(), '... nor the data version' );

// ------------------------------------------------------------ .json.gz
$dir = sys_get_temp_dir() . '/dj-scale-' . getmypid();
wp_mkdir_p( $dir );
$bytes = Dangjian\Backup::save( $dir . '/b.json.gz' );
$raw   = (string) file_get_contents( $dir . '/b.json.gz' );
dj_t_same( "\x1f\x8b", substr( $raw, 0, 2 ), 'a .json.gz backup is gzip' );
dj_t_ok( $bytes === strlen( $raw ) && $bytes < strlen( $good ) / 2, 'and smaller than half the JSON (' . $bytes . ' of ' . strlen( $good ) . ' bytes)' );
$strip = static fn( $j ) => preg_replace( '/"created":"[^"]*"/', '"created":"X"', $j );
dj_t_same( $strip( $good ), $strip( (string) Dangjian\Backup::read( $dir . '/b.json.gz' ) ), 'read back, it is the same backup' );
copy( $dir . '/b.json.gz', $dir . '/renamed.json' );
dj_t_same( $strip( $good ), $strip( (string) Dangjian\Backup::read( $dir . '/renamed.json' ) ), 'gzip is told by its first bytes, whatever the name' );
dj_t_same( array(), Dangjian\Backup::check( $raw )['errors'], 'the gzip bytes pass the check as they are (the page\'s upload)' );
$cut    = Dangjian\Backup::restore( substr( $raw, 0, (int) ( strlen( $raw ) / 2 ) ) );
$errors = implode( "\n", $cut['errors'] );
dj_t_ok( str_contains( $errors, 'gzip' ), 'a gzip file cut short is refused as such', $errors );
dj_t_same( $rows, dj_t_all_rows(), 'and nothing changes' );
$files = glob( $dir . '/*.part-*' );
dj_t_same( array(), $files, 'no temporary file is left beside' );

// ------------------------------------------------------------ the page
list( $admin_id ) = dj_t_user( 'scale_admin', 'administrator' );
wp_set_current_user( $admin_id );
require_once ABSPATH . 'wp-admin/includes/template.php';
ob_start();
Dangjian\Import_Admin::render();
$html = (string) ob_get_clean();
dj_t_ok( str_contains( $html, 'id="dangjian-upload-limit"' ) && str_contains( $html, esc_html( size_format( wp_max_upload_size() ) ) ) && str_contains( $html, 'wp dangjian restore' ), 'the page says the upload limit and the WP-CLI way' );

// ------------------------------------------------------------ WP-CLI
$root = dirname( __DIR__, 2 );
list( $rc, $out ) = dj_t_exec( array( 'bash', $root . '/scripts/wp-cli.sh', 'path' ) );
$boot             = dirname( trim( $out ) ) . '/../wp-cli/wp-cli/php/boot-fs.php';
if ( 0 === $rc && is_file( $boot ) ) {
	$wp = static function ( array $args ) use ( $boot, $root ): array {
		$php = array( PHP_BINARY, '-d', 'error_reporting=' . ( E_ALL & ~E_DEPRECATED ) );
		if ( extension_loaded( 'dangjian' ) ) {
			array_push( $php, '-d', 'extension=' . $root . '/modules/dangjian.so' );
		}
		$r = dj_t_exec( array_merge( $php, array( $boot, '--allow-root', '--path=' . rtrim( ABSPATH, '/' ), 'dangjian' ), $args ) );
		Dangjian\Engine::forget();
		wp_cache_flush();
		return $r;
	};
	list( $rc, $out, $err ) = $wp( array( 'backup', '--output=' . $dir . '/cli.json.gz' ) );
	dj_t_ok( 0 === $rc && "\x1f\x8b" === (string) file_get_contents( $dir . '/cli.json.gz', false, null, 0, 2 ), 'wp dangjian backup --output=x.json.gz writes gzip', $out . $err );
	dj_t_reset();
	list( $rc, $out, $err ) = $wp( array( 'restore', $dir . '/cli.json.gz', '--yes' ) );
	dj_t_ok( 0 === $rc && str_contains( $out, 'Restored: 8 people' ), 'wp dangjian restore x.json.gz --yes restores it', $out . $err );
	dj_t_ok( str_contains( $out . $err, 'Checking the backup' ), 'saying what it does (the progress bar shows on a terminal only)', $out . $err );
	dj_t_same( $rows, dj_t_all_rows(), 'every row is back' );
	$bad = json_decode( $good, true );
	$bad['dangjian_extra']['media'][0]['url'] = 'javascript:alert(1)';
	file_put_contents( $dir . '/bad.json', wp_json_encode( $bad, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ) );
	list( $rc, $out, $err ) = $wp( array( 'restore', $dir . '/bad.json', '--yes' ) );
	dj_t_ok( 1 === $rc && str_contains( $err, '[dangjian_extra.media[0].url]' ), 'a refused backup from WP-CLI names table, row and field', $err );
	dj_t_same( $rows, dj_t_all_rows(), 'and changes nothing' );
} else {
	dj_t_ok( false, 'WP-CLI is installed (scripts/wp-cli.sh)', $out );
}
array_map( 'unlink', glob( $dir . '/*' ) );
rmdir( $dir );
dj_t_done();

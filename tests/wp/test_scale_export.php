<?php
/**
 * Exports that never give a partial file (issue 11, "the activities export at 1M rows"):
 * - keyset batches (Export_Query) give exactly the list of the screens, in its order, whatever the
 *   sort (NULL dates first ascending and last descending, the derived stage, equal values across a
 *   batch's edge), read with no OFFSET;
 * - the background job (Export_Job): writes the file with its progress, offers it for download, then
 *   deletes it; a job that fails says why and leaves no file;
 * - `wp dangjian export activities --output=` (the type as a word) writes the file whole, and a
 *   failed export leaves none;
 * - over HTTP: the page's export, the compressed backup download and its restore as uploaded.
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
$people = Dangjian\Schema::table( 'people' );
// Ties and NULLs across batch edges: several people born on the same day, others with no birth date.
$wpdb->query( "UPDATE {$people} SET birth_date = '1990-01-01' WHERE id % 3 = 0" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
$wpdb->query( "UPDATE {$people} SET birth_date = NULL WHERE id % 3 = 1" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
Dangjian\Data_Version::bump();

/**
 * The list screens' rows of a filter, every page.
 *
 * @param string $type    The list.
 * @param array  $filters The filters.
 * @return string[] The ids.
 */
function dj_t_list_ids( string $type, array $filters ): array {
	$ids = array();
	for ( $page = 1; ; $page++ ) {
		$r = Dangjian\Records::query( $type, $filters + array( 'page' => $page, 'per_page' => 3 ) );
		foreach ( $r['items'] as $item ) {
			$ids[] = (string) $item['id'];
		}
		if ( count( $r['items'] ) < 3 ) {
			return $ids;
		}
	}
}

$cases = array(
	array( 'people', array() ),
	array( 'people', array( 'orderby' => 'birth_date', 'order' => 'asc' ) ),
	array( 'people', array( 'orderby' => 'birth_date', 'order' => 'desc' ) ),
	array( 'people', array( 'orderby' => 'stage', 'order' => 'desc' ) ),
	array( 'people', array( 'orderby' => 'name', 'order' => 'asc', 'search' => '张' ) ),
	array( 'people', array( 'stage' => 'full' ) ),
	array( 'activities', array() ),
	array( 'activities', array( 'orderby' => 'hours', 'order' => 'asc' ) ),
	array( 'activities', array( 'orderby' => 'participant_count', 'order' => 'desc' ) ),
	array( 'activities', array( 'category' => 'service', 'from' => '2024-05-01', 'orderby' => 'activity_date', 'order' => 'asc' ) ),
);
foreach ( $cases as list( $type, $filters ) ) {
	foreach ( array( 1, 2, 1000 ) as $batch ) {
		$ids = array();
		foreach ( Dangjian\Export_Query::batches( $type, $filters, $batch ) as $items ) {
			foreach ( $items as $item ) {
				$ids[] = (string) $item['id'];
			}
		}
		dj_t_same( dj_t_list_ids( $type, $filters ), $ids, "$type " . wp_json_encode( $filters ) . " in batches of $batch: the list's rows in its order" );
	}
}
$seen = array();
$spy  = static function ( $sql ) use ( &$seen ) {
	$seen[] = $sql;
	return $sql;
};
add_filter( 'query', $spy );
$csv = Dangjian\Export::csv( 'activities', array() );
remove_filter( 'query', $spy );
dj_t_same( array(), preg_grep( '/\bOFFSET\b/i', $seen ), 'the export reads no page with OFFSET (each batch starts after the last row)' );
dj_t_ok( str_contains( $csv, '社区心理咨询' ), 'and writes the activities' );

// ------------------------------------------------------------ the background job
list( $admin_id ) = dj_t_user( 'scale_exporter', 'administrator' );
wp_set_current_user( $admin_id );
$expected = Dangjian\Export::csv( 'people', array( 'stage' => 'full' ) );
$id       = Dangjian\Export_Job::start( 'people', array( 'stage' => 'full' ), 3 );
$job      = Dangjian\Export_Job::get( $id );
dj_t_same( 'queued', $job['status'] ?? null, 'a job is queued' );
dj_t_ok( false !== wp_next_scheduled( Dangjian\Export_Job::HOOK, array( $id ) ), 'and handed to wp-cron' );
Dangjian\Export_Job::run( $id ); // As wp-cron runs it (the hook Export_Job::init() adds).
$job = Dangjian\Export_Job::get( $id );
dj_t_same( 'done', $job['status'] ?? null, 'the job ran to its end' );
$dir = Dangjian\Uploads::private_dir( Dangjian\Export_Job::DIR );
dj_t_same( $expected, (string) file_get_contents( $dir . '/' . $id . '.csv' ), 'its file is the list\'s CSV' );
dj_t_same( array(), glob( $dir . '/*.part' ), 'no partial file is left' );
dj_t_ok( is_file( $dir . '/index.php' ), 'the folder is a private one (index.php, .htaccess)' );
require_once ABSPATH . 'wp-admin/includes/template.php';
ob_start();
Dangjian\Export_Job::render( $id, Dangjian\Import_Admin::url( array( 'export_job' => $id ) ) );
$html = (string) ob_get_clean();
dj_t_ok( str_contains( $html, 'id="dangjian-export-download"' ) && str_contains( $html, 'dj_action=export_download' ), 'the page offers the finished file', $html );
wp_set_current_user( 0 );
dj_t_same( null, Dangjian\Export_Job::get( $id ), 'nobody else sees the job' );
wp_set_current_user( $admin_id );

// A job wp-cron never ran is written by the page's reload.
$id3 = Dangjian\Export_Job::start( 'people', array( 'stage' => 'full' ), 3 );
$opt = get_option( Dangjian\Export_Job::OPTION . $id3 );
$opt['created'] -= Dangjian\Export_Job::CRON_WAIT;
update_option( Dangjian\Export_Job::OPTION . $id3, $opt, false );
ob_start();
Dangjian\Export_Job::render( $id3, Dangjian\Import_Admin::url( array( 'export_job' => $id3 ) ) );
$html = (string) ob_get_clean();
dj_t_ok( str_contains( $html, 'id="dangjian-export-download"' ) && is_file( $dir . '/' . $id3 . '.csv' ), 'a job wp-cron has not taken is written by the page itself', $html );

// A job that cannot write its file fails, says why, and leaves no file.
$unwritable = static function ( $dirs ) {
	$dirs['basedir'] = '/etc/hostname/uploads';
	$dirs['path']    = $dirs['basedir'];
	return $dirs;
};
$id2 = Dangjian\Export_Job::start( 'activities', array(), 6 );
add_filter( 'upload_dir', $unwritable );
Dangjian\Export_Job::run( $id2 );
remove_filter( 'upload_dir', $unwritable );
$job = Dangjian\Export_Job::get( $id2 );
dj_t_same( 'failed', $job['status'] ?? null, 'a job that cannot write fails' );
ob_start();
Dangjian\Export_Job::render( $id2, Dangjian\Import_Admin::url() );
$html = (string) ob_get_clean();
dj_t_ok( '' !== ( $job['error'] ?? '' ) && str_contains( $html, esc_html( $job['error'] ) ) && ! str_contains( $html, 'export_download' ), 'its notice says why, with no download', $html );
dj_t_same( array(), glob( $dir . '/' . $id2 . '*' ), 'and it left no file' );

// ------------------------------------------------------------ over HTTP
$page = '/wp-admin/admin.php?page=dangjian-import';
$jar  = dj_t_login( 'admin', dj_t_admin_password() );
$r    = dj_t_http( $page, $jar );
$html = $r['body'];
preg_match( '/<form[^>]*id="dangjian-export".*?name="_wpnonce" value="([a-f0-9]+)"/s', $html, $m );
$nonce = $m[1] ?? '';
$r     = dj_t_http( $page . '&dj_action=export&type=people&stage=full&_wpnonce=' . $nonce, $jar );
dj_t_same( $expected, $r['body'], 'the page\'s export of a short list is its CSV' );
$r = dj_t_http( $page . '&dj_action=export_download&job=' . $id . '&_wpnonce=' . $nonce, $jar );
dj_t_same( 404, $r['status'], 'another user\'s job cannot be downloaded' );
preg_match( '/<form[^>]*id="dangjian-backup".*?name="_wpnonce" value="([a-f0-9]+)"/s', $html, $m );
$r = dj_t_http( $page, $jar, array( 'dj_action' => 'backup', '_wpnonce' => $m[1] ?? '' ) );
dj_t_ok( 200 === $r['status'] && str_starts_with( $r['body'], "\x1f\x8b" ) && str_starts_with( (string) gzdecode( $r['body'] ), '{"format":"dangjian-dataset"' ), 'the page\'s backup downloads gzip-compressed' );
$gz   = $r['body'];
$rows = dj_t_all_rows();
dj_t_reset();
preg_match( '/<form[^>]*id="dangjian-restore".*?name="_wpnonce" value="([a-f0-9]+)"/s', $html, $m );
$post = array(
	'dj_action'       => 'restore',
	'confirm'         => '1',
	'_wpnonce'        => $m[1] ?? '',
	'dangjian_backup' => null,
);
$file = tempnam( sys_get_temp_dir(), 'dj-gz-' );
file_put_contents( $file, $gz );
$post['dangjian_backup'] = new CURLFile( $file, 'application/gzip', 'dangjian-backup.json.gz' );
$ch                      = curl_init( home_url( $page ) );
curl_setopt_array( $ch, array( CURLOPT_RETURNTRANSFER => true, CURLOPT_POST => true, CURLOPT_POSTFIELDS => $post, CURLOPT_COOKIEFILE => $jar, CURLOPT_COOKIEJAR => $jar, CURLOPT_TIMEOUT => 60 ) );
curl_exec( $ch );
$code = (int) curl_getinfo( $ch, CURLINFO_HTTP_CODE );
curl_close( $ch );
unlink( $file );
dj_t_same( 302, $code, 'the .json.gz uploaded as it is restores' );
wp_cache_flush();
dj_t_same( $rows, dj_t_all_rows(), 'and brings back every row' );

// ------------------------------------------------------------ WP-CLI
$root = dirname( __DIR__, 2 );
list( $rc, $out ) = dj_t_exec( array( 'bash', $root . '/scripts/wp-cli.sh', 'path' ) );
$boot             = dirname( trim( $out ) ) . '/../wp-cli/wp-cli/php/boot-fs.php';
$tmp              = sys_get_temp_dir() . '/dj-scale-export-' . getmypid();
wp_mkdir_p( $tmp );
if ( 0 === $rc && is_file( $boot ) ) {
	$php = array( PHP_BINARY, '-d', 'error_reporting=' . ( E_ALL & ~E_DEPRECATED ) );
	if ( extension_loaded( 'dangjian' ) ) {
		array_push( $php, '-d', 'extension=' . $root . '/modules/dangjian.so' );
	}
	$wp                     = static fn( array $args ) => dj_t_exec( array_merge( $php, array( $boot, '--allow-root', '--path=' . rtrim( ABSPATH, '/' ), 'dangjian' ), $args ) );
	list( $rc, $out, $err ) = $wp( array( 'export', 'activities', '--output=' . $tmp . '/a.csv' ) );
	dj_t_ok( 0 === $rc && str_contains( $out, 'Exported 6 activities' ), 'wp dangjian export activities --output= (the type as a word)', $out . $err );
	dj_t_same( Dangjian\Export::csv( 'activities', array() ), (string) @file_get_contents( $tmp . '/a.csv' ), 'the file is the list\'s CSV' );
	list( $rc, $out, $err ) = $wp( array( 'export', 'people', '--output=' . $tmp . '/no/such/dir/p.csv' ) );
	dj_t_ok( 1 === $rc && ! file_exists( $tmp . '/no/such/dir/p.csv' ), 'an export that cannot be written fails with an error and no file', $err );
	dj_t_same( array( $tmp . '/a.csv' ), glob( $tmp . '/*' ), 'no partial file is left beside' );
} else {
	dj_t_ok( false, 'WP-CLI is installed (scripts/wp-cli.sh)', $out );
}
array_map( 'unlink', (array) glob( $tmp . '/*' ) );
rmdir( $tmp );
unlink( $jar );
dj_t_done();

<?php
/**
 * The 导入/导出 page over HTTP, against the running test site: an administrator uploads, previews and
 * commits a CSV, sees a bad file's errors by row, exports, backs up and restores; a subscriber, an
 * anonymous visitor and a request without a valid nonce are refused and write nothing.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
require __DIR__ . '/fixtures/import-lib.php';
global $wpdb;

if ( ! dj_t_import_loaded() ) {
	dj_t_done();
}

$page = '/wp-admin/admin.php?page=dangjian-import';

/**
 * A multipart POST (with files) to the test site.
 *
 * @param string      $path   The path.
 * @param string|null $jar    The cookie jar.
 * @param array       $fields Form fields.
 * @param array       $files  Field => [file name, bytes].
 * @return array{status:int,body:string,location:string,type:string}
 */
function dj_t_post_files( string $path, ?string $jar, array $fields, array $files ): array {
	$post = $fields;
	$tmp  = array();
	foreach ( $files as $field => list( $name, $bytes ) ) {
		$file           = tempnam( sys_get_temp_dir(), 'dj-upload-' );
		$tmp[]          = $file;
		file_put_contents( $file, $bytes );
		$post[ $field ] = new CURLFile( $file, 'text/csv', $name );
	}
	$ch = curl_init( home_url( $path ) );
	curl_setopt_array(
		$ch,
		array(
			CURLOPT_RETURNTRANSFER => true,
			CURLOPT_FOLLOWLOCATION => false,
			CURLOPT_TIMEOUT        => 60,
			CURLOPT_POST           => true,
			CURLOPT_POSTFIELDS     => $post,
		)
	);
	if ( null !== $jar ) {
		curl_setopt( $ch, CURLOPT_COOKIEJAR, $jar );
		curl_setopt( $ch, CURLOPT_COOKIEFILE, $jar );
	}
	$body = curl_exec( $ch );
	$info = curl_getinfo( $ch );
	curl_close( $ch );
	foreach ( $tmp as $file ) {
		unlink( $file );
	}
	return array(
		'status'   => (int) $info['http_code'],
		'body'     => (string) $body,
		'location' => (string) ( $info['redirect_url'] ?? '' ),
		'type'     => (string) ( $info['content_type'] ?? '' ),
	);
}

/**
 * The nonce of a form of a page.
 *
 * @param string $body    The page.
 * @param string $form_id The form's id.
 */
function dj_t_form_nonce( string $body, string $form_id ): string {
	if ( preg_match( '/<form[^>]*id="' . preg_quote( $form_id, '/' ) . '".*?name="_wpnonce" value="([a-f0-9]+)"/s', $body, $m ) ) {
		return $m[1];
	}
	return '';
}

/**
 * The number of kept uploads.
 */
function dj_t_uploads(): int {
	$dir = Dangjian\Import_Admin::dir();
	return null === $dir ? 0 : count( (array) glob( $dir . '/*.csv' ) );
}

dj_t_reset();
$people_t = Dangjian\Schema::table( 'people' );

// --- An administrator: upload, preview, commit.
$admin_pass = trim( (string) file_get_contents( dirname( ABSPATH ) . '/admin-password' ) );
$jar        = dj_t_login( 'admin', $admin_pass );
$r          = dj_t_http( $page, $jar );
dj_t_same( 200, $r['status'], 'an administrator gets the page' );
dj_t_ok( str_contains( $r['body'], 'id="dangjian-import"' ), 'the page is shown' );
dj_t_ok( str_contains( $r['body'], '导入/导出' ), 'its title is 导入/导出 on the zh_CN site' );
$r2 = dj_t_http( '/wp-admin/admin.php?page=dangjian', $jar );
dj_t_ok( str_contains( $r2['body'], 'page=dangjian-import' ), 'the 党建统计 menu links to it' );
foreach ( array( 'Import a spreadsheet', 'Upload and preview', 'Export a list', 'Download CSV', 'Backup and restore', 'How to lay out' ) as $english ) {
	dj_t_ok( ! str_contains( $r['body'], $english ), "no English \"$english\" on the zh_CN page" );
}
foreach ( array( 'investments', 'benefits', 'plans' ) as $type ) {
	dj_t_ok( str_contains( $r['body'], 'name="type" value="' . $type . '"' ), "the upload offers the $type spreadsheet" );
}
dj_t_ok( str_contains( $r['body'], '入职日期' ) && str_contains( $r['body'], '专项行动' ) && str_contains( $r['body'], '阵地建设投入：必填列' ), 'the help lists the columns from the fields (入职日期, 专项行动, the investment spreadsheet)' );
$upload_nonce = dj_t_form_nonce( $r['body'], 'dangjian-import-upload' );
dj_t_ok( '' !== $upload_nonce, 'the upload form carries a nonce' );

$r = dj_t_post_files( $page, $jar, array( 'dj_action' => 'upload', 'type' => 'people', '_wpnonce' => $upload_nonce ), array( 'dangjian_file' => array( 'people.csv', dj_t_gbk_fixture() ) ) );
dj_t_same( 302, $r['status'], 'the upload redirects to its preview' );
dj_t_ok( (bool) preg_match( '/token=([a-f0-9]{32})/', $r['location'], $m ), 'with the upload\'s token', $r['location'] );
$token = $m[1] ?? '';
dj_t_same( 0, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$people_t}" ), 'an upload alone writes nothing' );
$r = dj_t_http( $page . '&token=' . $token, $jar );
dj_t_ok( str_contains( $r['body'], 'id="dangjian-preview"' ) && str_contains( $r['body'], 'GB18030' ), 'the preview says the file was read as GB18030' );
dj_t_ok( str_contains( $r['body'], '孙八' ) && str_contains( $r['body'], '1988-08-08' ), 'the preview shows the first rows as parsed (1988年8月8日 → 1988-08-08)' );
dj_t_ok( str_contains( $r['body'], 'data-field="birth_date"' ) && str_contains( $r['body'], 'data-field="name"' ), 'the preview shows the column mapping' );
dj_t_ok( ! str_contains( $r['body'], 'id="dangjian-import-errors"' ), 'no errors for a good file' );
$commit_nonce = dj_t_form_nonce( $r['body'], 'dangjian-import-commit' );
dj_t_ok( '' !== $commit_nonce, 'the preview offers the import button with a nonce' );

// A subscriber, an anonymous visitor, a missing or wrong nonce: refused, nothing written.
list( , $sub_pass ) = dj_t_user( 'dj_subscriber', 'subscriber' );
$sub                = dj_t_login( 'dj_subscriber', $sub_pass );
$sum                = dj_t_tables_checksum();
$r                  = dj_t_http( $page, $sub );
dj_t_same( 403, $r['status'], 'a subscriber is refused the page (403)' );
$r = dj_t_http( $page, $sub, array( 'dj_action' => 'commit', 'token' => $token, '_wpnonce' => $commit_nonce ) );
dj_t_same( 403, $r['status'], 'a subscriber\'s commit is refused (403)' );
$uploads = dj_t_uploads();
$r       = dj_t_post_files( $page, $sub, array( 'dj_action' => 'upload', 'type' => 'people' ), array( 'dangjian_file' => array( 'p.csv', dj_t_fixture( 'people-en.csv' ) ) ) );
dj_t_same( 403, $r['status'], 'a subscriber\'s upload is refused (403)' );
$r = dj_t_http( $page, null, array( 'dj_action' => 'commit', 'token' => $token, '_wpnonce' => $commit_nonce ) );
dj_t_ok( 302 === $r['status'] && str_contains( $r['location'], 'wp-login.php' ), 'an anonymous commit is sent to the login form' );
$r = dj_t_http( $page, $jar, array( 'dj_action' => 'commit', 'token' => $token ) );
dj_t_same( 403, $r['status'], 'a commit without a nonce is refused (403)' );
$r = dj_t_http( $page, $jar, array( 'dj_action' => 'commit', 'token' => $token, '_wpnonce' => $upload_nonce ) );
dj_t_same( 403, $r['status'], 'a commit with another form\'s nonce is refused (403)' );
$r = dj_t_post_files( $page, $jar, array( 'dj_action' => 'upload', 'type' => 'people' ), array( 'dangjian_file' => array( 'p.csv', dj_t_fixture( 'people-en.csv' ) ) ) );
dj_t_same( 403, $r['status'], 'an upload without a nonce is refused (403)' );
dj_t_same( $uploads, dj_t_uploads(), 'no refused upload was kept' );
dj_t_same( $sum, dj_t_tables_checksum(), 'nothing was written by any refused request' );
$r = dj_t_http( $page . '&dj_action=export&type=people&_wpnonce=' . $commit_nonce, $sub );
dj_t_same( 403, $r['status'], 'a subscriber cannot export' );
dj_t_ok( ! str_contains( $r['body'], '孙八' ), 'and sees no name' );

// The commit.
$r = dj_t_http( $page, $jar, array( 'dj_action' => 'commit', 'token' => $token, '_wpnonce' => $commit_nonce ) );
dj_t_ok( 302 === $r['status'] && str_contains( $r['location'], 'imported=2' ), 'the commit imports 2 people and redirects', $r['status'] . ' ' . $r['location'] );
dj_t_same( array( '孙八', '周九' ), $wpdb->get_col( "SELECT name FROM {$people_t} ORDER BY id" ), 'the people are in the table' );
$r = dj_t_http( $page . '&imported=2&type=people', $jar );
dj_t_ok( str_contains( $r['body'], 'id="dangjian-import-done"' ) && str_contains( $r['body'], '2' ), 'the page says how many were imported' );
$r = dj_t_http( $page . '&token=' . $token, $jar );
dj_t_ok( ! str_contains( $r['body'], 'id="dangjian-import-commit"' ), 'an imported upload is gone: it cannot be imported twice' );

// A bad file: the errors by row and column, nothing written, the file kept for a second check.
$r     = dj_t_http( $page, $jar );
$nonce = dj_t_form_nonce( $r['body'], 'dangjian-import-upload' );
$r     = dj_t_post_files( $page, $jar, array( 'dj_action' => 'upload', 'type' => 'activities', '_wpnonce' => $nonce ), array( 'dangjian_file' => array( 'a.csv', "日期,类型,时长,参与人员\n2024-07-01,讲座,2,孙八\n2024-07-02,讲座,2,<script>alert(1)</script>\n" ) ) );
preg_match( '/token=([a-f0-9]{32})/', $r['location'], $m );
$bad = $m[1] ?? '';
$r   = dj_t_http( $page . '&token=' . $bad, $jar );
dj_t_ok( str_contains( $r['body'], 'id="dangjian-import-errors"' ) && str_contains( $r['body'], '<tr data-row="3">' ), 'the preview lists the error of row 3' );
dj_t_ok( str_contains( $r['body'], '参与人员 (D)' ), 'naming its column' );
dj_t_ok( ! str_contains( $r['body'], '<script>alert(1)</script>' ) && str_contains( $r['body'], '&lt;script&gt;alert(1)&lt;/script&gt;' ), 'the markup in the file is shown escaped' );
dj_t_ok( ! str_contains( $r['body'], 'id="dangjian-import-commit"' ), 'a file with errors offers no import button' );
$sum = dj_t_tables_checksum();
$r   = dj_t_http( $page, $jar, array( 'dj_action' => 'commit', 'token' => $bad, '_wpnonce' => $commit_nonce ) );
dj_t_same( 200, $r['status'], 'a forced commit of the bad file is answered with the report' );
dj_t_ok( str_contains( $r['body'], 'id="dangjian-import-errors"' ), 'which lists the errors again' );
dj_t_same( $sum, dj_t_tables_checksum(), 'and nothing was written' );
$wpdb->insert( $people_t, array( 'name' => '<script>alert(1)</script>' ) );
Dangjian\Data_Version::bump();
$r = dj_t_http( $page . '&token=' . $bad, $jar );
dj_t_ok( ! str_contains( $r['body'], 'id="dangjian-import-errors"' ) && str_contains( $r['body'], 'id="dangjian-import-commit"' ), 'once the missing person is added, the kept file checks out' );

// Export over HTTP.
$r     = dj_t_http( $page, $jar );
$nonce = dj_t_form_nonce( $r['body'], 'dangjian-export' );
$r     = dj_t_http( $page . '&dj_action=export&type=people&stage=full&_wpnonce=' . $nonce, $jar );
dj_t_same( 200, $r['status'], 'the export answers 200' );
dj_t_same( Dangjian\Export::csv( 'people', array( 'stage' => 'full' ) ), $r['body'], 'the download is the filtered list\'s CSV' );
dj_t_ok( str_starts_with( $r['body'], "\xEF\xBB\xBF编号,姓名" ), 'with a BOM and Chinese headers' );
$r = dj_t_http( $page . '&dj_action=export&type=people', $jar );
dj_t_same( 403, $r['status'], 'an export without a nonce is refused' );

// Backup and restore over HTTP.
$r      = dj_t_http( $page, $jar );
$b_once = dj_t_form_nonce( $r['body'], 'dangjian-backup' );
$r_once = dj_t_form_nonce( $r['body'], 'dangjian-restore' );
$r      = dj_t_http( $page, $jar, array( 'dj_action' => 'backup', '_wpnonce' => $b_once ) );
// The download is the dataset's JSON, gzip-compressed (.json.gz) or plain.
$json = str_starts_with( $r['body'], "\x1f\x8b" ) ? (string) gzdecode( $r['body'] ) : $r['body'];
dj_t_ok( 200 === $r['status'] && str_starts_with( $json, '{"format":"dangjian-dataset"' ), 'the backup downloads' );
$backup = $r['body'];
$rows   = dj_t_all_rows();
$r      = dj_t_http( $page, $sub, array( 'dj_action' => 'backup', '_wpnonce' => $b_once ) );
dj_t_same( 403, $r['status'], 'a subscriber cannot download a backup' );
dj_t_reset();
$sum = dj_t_tables_checksum();
$r   = dj_t_post_files( $page, $jar, array( 'dj_action' => 'restore', '_wpnonce' => $r_once ), array( 'dangjian_backup' => array( 'b.json', $backup ) ) );
dj_t_ok( 200 === $r['status'] && str_contains( $r['body'], 'id="dangjian-restore-errors"' ), 'a restore without the confirmation box is refused' );
$r = dj_t_post_files( $page, $jar, array( 'dj_action' => 'restore', 'confirm' => '1', '_wpnonce' => $r_once ), array( 'dangjian_backup' => array( 'b.json', substr( $json, 0, 120 ) ) ) );
dj_t_ok( str_contains( $r['body'], 'id="dangjian-restore-errors"' ) && (bool) preg_match( '/line 1, column \d+/', $r['body'] ), 'a damaged backup is refused with its position' );
$r = dj_t_post_files( $page, $sub, array( 'dj_action' => 'restore', 'confirm' => '1', '_wpnonce' => $r_once ), array( 'dangjian_backup' => array( 'b.json', $backup ) ) );
dj_t_same( 403, $r['status'], 'a subscriber cannot restore' );
$r = dj_t_post_files( $page, $jar, array( 'dj_action' => 'restore', 'confirm' => '1' ), array( 'dangjian_backup' => array( 'b.json', $backup ) ) );
dj_t_same( 403, $r['status'], 'a restore without a nonce is refused' );
dj_t_same( $sum, dj_t_tables_checksum(), 'no refused restore changed anything' );
$r = dj_t_post_files( $page, $jar, array( 'dj_action' => 'restore', 'confirm' => '1', '_wpnonce' => $r_once ), array( 'dangjian_backup' => array( 'b.json', $backup ) ) );
dj_t_ok( 302 === $r['status'] && str_contains( $r['location'], 'restored=' ), 'the confirmed restore succeeds', $r['status'] . ' ' . substr( $r['body'], 0, 300 ) );
dj_t_same( $rows, dj_t_all_rows(), 'and brings back every row' );

unlink( $jar );
unlink( $sub );
dj_t_reset();
dj_t_done();

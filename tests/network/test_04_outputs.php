<?php
/**
 * The outputs: CSV, the REST route (capability checked), the public shortcode (aggregates only),
 * the network's .docx report (read back by LibreOffice when it is installed). Nothing personal in
 * any of them.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

$year  = (int) wp_date( 'Y' );
$sites = dj_n_sites( DJ_N_SITES );
Dangjian\Network_Push::rebuild( array( $year ), 50 );
$rows   = Dangjian\Network_Store::rows( $year );
$totals = Dangjian\Network_Store::totals( $rows );
$names  = '/成员\d+号|1380000/';

// CSV.
$csv   = Dangjian\Network_Export::csv( $rows );
$lines = array_map( 'str_getcsv', explode( "\n", trim( substr( $csv, 3 ) ) ) );
dj_t_same( "\xEF\xBB\xBF", substr( $csv, 0, 3 ), 'the CSV starts with a BOM' );
dj_t_same( Dangjian\Network_Export::COLUMNS, $lines[0], 'the CSV header' );
dj_t_same( count( $rows ) + 1, count( $lines ), 'one CSV line per branch' );
$col = array_search( 'party_members', $lines[0], true );
dj_t_same( $totals['sum']['party_members'], array_sum( array_map( static fn( $l ) => (int) $l[ $col ], array_slice( $lines, 1 ) ) ), 'the CSV adds up to the total' );
dj_t_ok( ! preg_match( $names, $csv ), 'no member\'s name or phone in the CSV' );
$evil = $rows[0];
$evil['name'] = '=HYPERLINK("x")';
dj_t_ok( str_contains( Dangjian\Network_Export::csv( array( $evil ) ), "'=HYPERLINK" ), 'a cell that looks like a formula is defused' );

// REST, inside WordPress (the HTTP test calls it over the wire).
list( $staff ) = dj_t_user( 'dj_committee', 'subscriber' );
list( $plain ) = dj_t_user( 'dj_branch_admin', 'subscriber' );
Dangjian\Network_Module::set_viewer( $staff, true );
Dangjian\Network_Module::set_viewer( $plain, false );
$call = static function ( int $user, array $params = array() ) {
	wp_set_current_user( $user );
	$req = new WP_REST_Request( 'GET', '/' . DANGJIAN_REST_NAMESPACE . '/network' );
	foreach ( $params as $k => $v ) {
		$req->set_param( $k, $v );
	}
	$res = rest_do_request( $req );
	wp_set_current_user( 0 );
	return $res;
};
dj_t_same( 401, $call( 0 )->get_status(), 'REST: a visitor is refused' );
dj_t_same( 403, $call( $plain )->get_status(), 'REST: a user who is not committee staff is refused' );
$res = $call( $staff );
dj_t_same( 200, $res->get_status(), 'REST: committee staff are let in' );
$data = $res->get_data();
dj_t_same( count( $rows ), count( $data['branches'] ), 'REST: every branch' );
dj_t_same( $totals['sum']['service_hours'], $data['totals']['sum']['service_hours'], 'REST: the totals' );
dj_t_ok( is_int( $data['branches'][0]['site_id'] ) && ( null === $data['branches'][0]['service_hours'] || is_float( $data['branches'][0]['service_hours'] ) ), 'REST: typed values' );
dj_t_same( 400, $call( $staff, array( 'band' => 'purple' ) )->get_status(), 'REST: a bad filter value is a 400' );
$res = $call( 1, array( 'org_type' => 'enterprise' ) );
dj_t_same( 200, $res->get_status(), 'REST: a super admin is let in' );
dj_t_ok( ! preg_match( $names, wp_json_encode( $data, JSON_UNESCAPED_UNICODE ) ), 'REST: no member\'s name or phone' );

// The shortcode: aggregates only.
$html = do_shortcode( '[dangjian_network year="' . $year . '"]' );
dj_t_ok( str_contains( $html, 'data-figure="party_members" data-value="' . $totals['sum']['party_members'] . '"' ), 'the shortcode shows the total of party members', substr( $html, 0, 300 ) );
dj_t_ok( str_contains( $html, 'data-figure="branches" data-value="' . count( $rows ) . '"' ), 'and the number of branches' );
dj_t_ok( ! str_contains( $html, '测试支部' ) && ! preg_match( $names, $html ), 'the shortcode names no branch and no person' );
dj_t_ok( ! str_contains( $html, 'compliance' ) && ! str_contains( $html, 'stars' ), 'the shortcode shows neither compliance nor stars' );

// The .docx report.
if ( Dangjian\Network_Report::available() ) {
	$bytes = Dangjian\Network_Report::document( $year, $rows );
	dj_t_same( "PK\x03\x04", substr( $bytes, 0, 4 ), 'the report is a zip (.docx)' );
	$blocks = Dangjian\Network_Report::blocks( $year, $rows );
	$intro  = $blocks[2]['text'];
	dj_t_ok( str_starts_with( $intro, '全市' . count( $rows ) . '个两新党组织，党员' . $totals['sum']['party_members'] . '名' ), 'the report opens with the network\'s totals', $intro );
	dj_t_same( count( $rows ) + 1, count( $blocks[10]['rows'] ), 'the report\'s table has a line per branch' );
	$soffice = trim( (string) shell_exec( 'command -v soffice 2>/dev/null' ) );
	if ( '' !== $soffice ) {
		$tmp = sys_get_temp_dir() . '/dj-network-' . getmypid();
		@mkdir( $tmp );
		file_put_contents( "$tmp/report.docx", $bytes );
		shell_exec( 'HOME=' . escapeshellarg( $tmp ) . ' timeout 120 ' . escapeshellarg( $soffice ) . ' --headless --convert-to txt:Text --outdir ' . escapeshellarg( $tmp ) . ' ' . escapeshellarg( "$tmp/report.docx" ) . ' >/dev/null 2>&1' );
		$text = (string) @file_get_contents( "$tmp/report.txt" );
		dj_t_ok( str_contains( $text, '两新党组织' ) && str_contains( $text, '测试支部1' ), 'LibreOffice reads the report: its title and a branch of the table', substr( $text, 0, 200 ) );
		dj_t_ok( ! preg_match( $names, $text ), 'no member\'s name in the report' );
		array_map( 'unlink', glob( "$tmp/*" ) ?: array() );
		@rmdir( $tmp );
	} else {
		echo "# LibreOffice is not installed: the report was not read back\n";
	}
} else {
	echo "# Report_Docx is not in this tree: no report\n";
}

dj_t_done();

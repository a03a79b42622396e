<?php
/**
 * The report on the demo branch, last year and this year: every placeholder filled, every figure as
 * the engine gives it; the .docx opened by a real office suite (LibreOffice, headless: to text and to
 * PDF) holds every figure's text exactly; python3-docx reads its page (A4, GB/T 9704 margins) and
 * fonts (仿宋 16 pt body, 小标宋 22 pt title, 黑体 and 楷体 headings) and the page-number field.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

define( 'DANGJIAN_DEMO_NO_RUN', true );
require DANGJIAN_PLUGIN_DIR . '/demo/load-demo.php';

dj_t_reset();
delete_option( 'dangjian_demo' );
delete_option( Dangjian\Report_Template::OPTION );
$loaded = dangjian_demo_load();
dj_t_ok( $loaded['loaded'], 'the demo loads', $loaded['message'] );
$profile_before = get_option( 'dangjian_profile' );
update_option(
	'dangjian_profile',
	array(
		'name'        => '市心理咨询师协会党支部',
		'city'        => '江城市',
		'district'    => '东湖区',
		'parent_org'  => '中共东湖区社会组织综合委员会',
		'approved_by' => '中共东湖区委组织部',
		'founded_on'  => '2016-07-01',
		'secretary'   => '刘志强',
	)
);
Dangjian\Report_Tables::forget();

$soffice = trim( (string) shell_exec( 'command -v soffice 2>/dev/null' ) );
$python  = is_executable( '/usr/bin/python3' ) ? '/usr/bin/python3' : 'python3';
dj_t_ok( '' !== $soffice, 'LibreOffice (soffice) is installed' );
$work = sys_get_temp_dir() . '/dj-report-docx-' . getmypid();
wp_mkdir_p( $work . '/home' );

$year = (int) substr( Dangjian\Period::today(), 0, 4 );
foreach ( array( $year - 1, $year ) as $y ) {
	$ctx = Dangjian\Report_Context::year( $y );
	try {
		$report = Dangjian\Report_Output::build( $ctx );
	} catch ( RuntimeException $e ) {
		dj_t_ok( false, "$y: the report is built", $e->getMessage() );
		continue;
	}
	$text   = Dangjian\Report_Output::text( $report );
	dj_t_ok( ! preg_match( '/\{\{|\}\}|\[\[|\]\]/', $text ), "$y: no placeholder left in the text" );
	dj_t_ok( ! str_contains( $text, 'not filled in' ) && ! str_contains( $text, '未填写' ), "$y: every profile field is filled", $text );
	dj_t_ok( $ctx->calls <= 10, "$y: the report costs at most 10 stats() calls ({$ctx->calls})" );

	// Every figure as the engine gives it (an independent stats() through the public API).
	$s     = dangjian_stats( array( 'from' => $ctx->from, 'to' => $ctx->to, 'as_of' => $ctx->as_of ) );
	$parts = array();
	foreach ( $report['blocks'] as $block ) {
		foreach ( $block['parts'] as $part ) {
			if ( isset( $part['figure'] ) ) {
				$parts[] = $part;
			}
		}
	}
	dj_t_ok( count( $parts ) >= 40, "$y: the report holds at least 40 figures (" . count( $parts ) . ')' );
	$engine = array(
		'members.party_members'         => $s['members']['party_members'],
		'members.full'                  => $s['members']['full'],
		'members.probationary'          => $s['members']['probationary'],
		'meetings.total'                => $s['meetings']['total'],
		'meetings.hours'                => $s['meetings']['hours'],
		'service.activities'            => $s['service']['activities'],
		'service.hours'                 => $s['service']['hours'],
		'service.volunteer_hours'       => $s['service']['volunteer_hours'],
		'service.party_volunteer_hours' => $s['service']['party_volunteer_hours'] ?? null,
		'service.donation'              => $s['service']['donation'],
		'pipeline.admitted'             => $s['pipeline']['admitted'],
	);
	foreach ( $parts as $part ) {
		if ( array() === $part['args'] && array_key_exists( $part['figure'], $engine ) ) {
			dj_t_same( $engine[ $part['figure'] ], $part['value'], "$y: {$part['figure']} is the engine's value" );
			if ( 'exact' === $part['form'] ) {
				dj_t_same( Dangjian\Report_Format::exact( $engine[ $part['figure'] ] ), $part['text'], "$y: {$part['figure']} is printed exactly" );
			}
		}
	}
	$crisis = dangjian_stats( array( 'from' => $ctx->from, 'to' => $ctx->to, 'as_of' => $ctx->as_of ) )['service']['by_kind']['crisis_aid']['activities'] ?? 0;
	dj_t_same( $crisis, Dangjian\Report_Figures::evaluate( 'service.activities', array( 'kind' => 'crisis_aid' ), $ctx ), "$y: a one-kind figure is the engine's by_kind" );
	$filtered = Dangjian\Engine::stats( array( 'from' => $ctx->from, 'to' => $ctx->to, 'as_of' => $ctx->as_of, 'meeting_rules' => Dangjian\Settings::meeting_rules(), 'filter' => array( 'kinds' => array( 'crisis_aid' ) ) ) );
	dj_t_same( $filtered['service']['volunteers'], Dangjian\Report_Figures::evaluate( 'service.volunteers', array( 'kind' => 'crisis_aid' ), $ctx ), "$y: the crisis team's size is the engine's filtered volunteers" );

	// The .docx in LibreOffice.
	$file = "$work/report-$y.docx";
	file_put_contents( $file, Dangjian\Report_Output::docx( $report ) );
	$cmd = 'HOME=' . escapeshellarg( $work . '/home' ) . ' timeout 180 ' . escapeshellarg( $soffice ) . ' --headless --norestore --convert-to txt:Text --outdir ' . escapeshellarg( $work ) . ' ' . escapeshellarg( $file ) . ' 2>&1';
	exec( $cmd, $out, $rc );
	$txt = (string) @file_get_contents( "$work/report-$y.txt" ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
	dj_t_ok( '' !== $txt, "$y: LibreOffice converts the .docx to text", implode( ' ', $out ) );
	dj_t_ok( str_contains( $txt, $report['title'] ), "$y: the text holds the title" );
	$missing = array();
	foreach ( $parts as $part ) {
		if ( ! str_contains( $txt, $part['text'] ) ) {
			$missing[] = $part['figure'] . '=' . $part['text'];
		}
	}
	dj_t_same( array(), $missing, "$y: the office suite's text holds every figure exactly (" . count( $parts ) . ')' );
	dj_t_ok( ! preg_match( '/\{\{|\}\}|\[\[|\]\]/', $txt ), "$y: no placeholder in the office suite's text" );
}

false === $profile_before ? delete_option( 'dangjian_profile' ) : update_option( 'dangjian_profile', $profile_before );

// PDF, and the styles as python-docx reads them.
$file = "$work/report-$year.docx";
if ( ! is_file( $file ) ) {
	dj_t_done();
}
exec( 'HOME=' . escapeshellarg( $work . '/home' ) . ' timeout 180 ' . escapeshellarg( $soffice ) . ' --headless --norestore --convert-to pdf --outdir ' . escapeshellarg( $work ) . ' ' . escapeshellarg( $file ) . ' 2>&1', $out, $rc );
$pdf = (string) @file_get_contents( "$work/report-$year.pdf" ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
dj_t_ok( str_starts_with( $pdf, '%PDF-' ), 'LibreOffice converts the .docx to PDF' );
if ( '' !== trim( (string) shell_exec( 'command -v pdfinfo 2>/dev/null' ) ) ) {
	$info = (string) shell_exec( 'pdfinfo ' . escapeshellarg( "$work/report-$year.pdf" ) );
	dj_t_ok( (bool) preg_match( '/Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)/', $info ), 'the PDF pages are A4', $info );
}
$py = <<<'PY'
import docx, json, sys
d = docx.Document(sys.argv[1])
s = d.sections[0]
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
def font(name):
    st = d.styles[name]
    rf = st.element.rPr.rFonts if st.element.rPr is not None else None
    return [rf.get(W + 'eastAsia') if rf is not None else None, st.font.size.pt if st.font.size else None]
footer = s.footer._element.xml if s.footer is not None else ''
print(json.dumps({
  'page': [round(s.page_width.mm), round(s.page_height.mm)],
  'margins': [round(s.top_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm), round(s.right_margin.mm)],
  'normal': font('Normal'), 'title': font('Title'), 'h1': font('Heading 1'), 'h2': font('Heading 2'),
  'page_field': 'PAGE' in footer,
  'styles': [p.style.name for p in d.paragraphs[:4]],
}, ensure_ascii=False))
PY;
file_put_contents( "$work/read.py", $py );
$json = json_decode( (string) shell_exec( escapeshellarg( $python ) . ' ' . escapeshellarg( "$work/read.py" ) . ' ' . escapeshellarg( $file ) . ' 2>&1' ), true );
dj_t_ok( is_array( $json ), 'python3-docx reads the .docx' );
if ( is_array( $json ) ) {
	dj_t_same( array( 210, 297 ), $json['page'], 'A4 (210 × 297 mm)' );
	dj_t_same( array( 37, 35, 28, 26 ), $json['margins'], 'margins 37 / 35 / 28 / 26 mm (top, bottom, left, right)' );
	dj_t_same( array( '仿宋_GB2312', 16.0 ), $json['normal'], 'body: 仿宋 三号 (16 pt)' );
	dj_t_same( array( '方正小标宋简体', 22.0 ), $json['title'], 'title: 小标宋 二号 (22 pt)' );
	dj_t_same( array( '黑体', 16.0 ), $json['h1'], 'headings: 黑体 三号' );
	dj_t_same( array( '楷体_GB2312', 16.0 ), $json['h2'], 'sub-headings: 楷体 三号' );
	dj_t_ok( $json['page_field'], 'the footer holds a PAGE field' );
	dj_t_same( 'Title', $json['styles'][0] ?? '', 'the first paragraph is the title' );
}
exec( 'rm -rf ' . escapeshellarg( $work ) );

dj_t_done();

<?php
/**
 * WP-CLI: wp dangjian report --year | --from --to, --format=docx|html|text, --output, run as a
 * separate process by the project-local WP-CLI (scripts/wp-cli.sh), and its refusals.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';

use Dangjian\Records;
use Dangjian\Report_Template as T;

$root = dirname( __DIR__, 2 );
$tmp  = sys_get_temp_dir() . '/dj-report-cli-' . getmypid();
wp_mkdir_p( $tmp );

list( $rc, $out, $err ) = dj_t_exec( array( 'bash', $root . '/scripts/wp-cli.sh', 'path' ) );
$boot                   = dirname( trim( $out ) ) . '/../wp-cli/wp-cli/php/boot-fs.php';
dj_t_ok( 0 === $rc && is_file( $boot ), 'WP-CLI is installed (scripts/wp-cli.sh)', "exit $rc: " . trim( $err ) );
if ( 0 !== $rc || ! is_file( $boot ) ) {
	dj_t_done();
}

/**
 * Runs `wp dangjian report …` on the test site with the engine of this run.
 *
 * @param string[] $args The arguments after "dangjian report".
 * @return array{0:int,1:string,2:string}
 */
function dj_t_report_wp( array $args ): array {
	global $boot, $root;
	$php = array( PHP_BINARY, '-d', 'error_reporting=' . ( E_ALL & ~E_DEPRECATED ), '-d', 'memory_limit=512M' );
	if ( extension_loaded( 'dangjian' ) ) {
		$php[] = '-d';
		$php[] = 'extension=' . $root . '/modules/dangjian.so';
	}
	return dj_t_exec( array_merge( $php, array( $boot, '--allow-root', '--path=' . rtrim( ABSPATH, '/' ), 'dangjian', 'report' ), $args ) );
}

dj_t_reset();
$sanitize = static fn( string $entity, array $v ) => class_exists( '\\Dangjian\\Validator' ) ? Dangjian\Validator::sanitize( $entity, $v ) : $v;
$p        = Records::save( 'people', $sanitize( 'people', array( 'name' => '甲', 'admitted_on' => '2020-01-01', 'full_on' => '2021-01-01' ) ) );
Records::save( 'activities', $sanitize( 'activities', array( 'activity_date' => '2025-04-15', 'category' => 'service', 'kind' => 'lecture', 'title' => '讲座', 'hours' => '3', 'beneficiaries' => '6807', 'participants' => array( array( 'id' => $p, 'hours' => '3' ) ) ) ) );
Records::save( 'activities', $sanitize( 'activities', array( 'activity_date' => '2025-09-15', 'category' => 'service', 'kind' => 'lecture', 'title' => '讲座', 'hours' => '2', 'beneficiaries' => '1' ) ) );
T::save( "# {{period.year}}年度汇报\n开展讲座{{service.activities kind=lecture}}场，服务群众{{service.beneficiaries | 余}}人次。" );

list( $rc, $out, $err ) = dj_t_report_wp( array( '--year=2025', '--format=text' ) );
dj_t_same( 0, $rc, 'report --year=2025 --format=text' );
dj_t_same( "2025年度汇报\n\n　　开展讲座2场，服务群众6,800余人次。\n", $out, 'it prints the report as text' );
list( $rc, $out ) = dj_t_report_wp( array( '--from=2025-01-01', '--to=2025-06-30' ) );
dj_t_ok( 0 === $rc && str_contains( $out, '开展讲座1场，服务群众6,800余人次。' ), 'report --from --to: the period\'s figures (text is the default)', $out );

list( $rc, $out, $err ) = dj_t_report_wp( array( '--year=2025', '--format=docx', '--output=' . $tmp . '/r.docx' ) );
dj_t_same( 0, $rc, 'report --format=docx --output', $err );
dj_t_ok( str_contains( $out, 'Success' ) && str_contains( $out, 'r.docx' ), 'it says what it wrote', $out );
$doc = (string) @file_get_contents( 'phar://' . $tmp . '/r.docx/word/document.xml' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
dj_t_ok( str_contains( $doc, '开展讲座2场，服务群众6,800余人次。' ), 'the .docx holds the report' );

list( $rc ) = dj_t_report_wp( array( '--year=2025', '--format=html', '--output=' . $tmp . '/r.html' ) );
$html       = (string) @file_get_contents( $tmp . '/r.html' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
dj_t_ok( 0 === $rc && str_contains( $html, '@page{size:A4' ) && str_contains( $html, '服务群众6,800余人次' ), 'report --format=html: the print page (A4)' );

foreach ( array(
	'a .docx without --output'  => array( array( '--year=2025', '--format=docx' ), '--output' ),
	'an unknown format'         => array( array( '--year=2025', '--format=pdf' ), 'format' ),
	'a year that is not a year' => array( array( '--year=20x5' ), 'year' ),
	'--from without --to'       => array( array( '--from=2025-01-01' ), '--from and --to' ),
	'a date that is not a date' => array( array( '--from=2025-02-30', '--to=2025-03-01' ), '2025-02-30' ),
) as $name => $c ) {
	list( $rc, $out, $err ) = dj_t_report_wp( $c[0] );
	dj_t_ok( 0 !== $rc && str_contains( $err, $c[1] ), "refused: $name", "exit $rc: " . trim( $err ) );
}
T::save( '' );
exec( 'rm -rf ' . escapeshellarg( $tmp ) );

dj_t_done();

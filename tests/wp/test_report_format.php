<?php
/**
 * The report's customary forms (Report_Format): every edge of exact, 余/多, 万/万余, percentages,
 * lists and dates; and the small .docx writer's refusals (Report_Docx, Report_Zip).
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';

use Dangjian\Report_Format as F;

// exact / 余 / 多 / 万: value => [exact, 余, 多, 万].
$cases = array(
	array( 0, '0', '0', '0', '0' ),
	array( 1, '1', '1', '1', '1' ),
	array( 7, '7', '7', '7', '7' ),
	array( 9, '9', '9', '9', '9' ),
	array( 10, '10', '10', '10', '10' ),
	array( 11, '11', '11', '11', '11' ),
	array( 99, '99', '99', '99', '99' ),
	array( 100, '100', '100', '100', '100' ),
	array( 101, '101', '100余', '100多', '100余' ),
	array( 266, '266', '260余', '260多', '260余' ),
	array( 260, '260', '260', '260', '260' ),
	array( 999, '999', '990余', '990多', '990余' ),
	array( 6807, '6,807', '6,800余', '6,800多', '6,800余' ),
	array( 9999, '9,999', '9,900余', '9,900多', '9,900余' ),
	array( 10000, '10,000', '10,000', '10,000', '1万' ),
	array( 12000, '12,000', '12,000', '12,000', '1.2万' ),
	array( 12345, '12,345', '12,000余', '12,000多', '1.2万余' ),
	array( 99999, '99,999', '99,000余', '99,000多', '9.9万余' ),
	array( 100000, '100,000', '100,000', '100,000', '10万' ),
	array( 123456, '123,456', '120,000余', '120,000多', '12万余' ),
	array( 100000000, '100,000,000', '100,000,000', '100,000,000', '1亿' ),
	array( 123456789, '123,456,789', '120,000,000余', '120,000,000多', '1.2亿余' ),
	array( 0.5, '0.5', '0.5', '0.5', '0.5' ),
	array( 9.99, '9.99', '9.99', '9.99', '9.99' ),
	array( 10.5, '10.5', '10余', '10多', '10余' ),
	array( 12.25, '12.25', '12余', '12多', '12余' ),
	array( '1234.50', '1,234.5', '1,200余', '1,200多', '1,200余' ),
	array( '10000.01', '10,000.01', '10,000余', '10,000多', '1万余' ),
	array( '0.00', '0', '0', '0', '0' ),
	array( 1.005, '1.01', '1.01', '1.01', '1.01' ),
	array( 2.675, '2.68', '2.68', '2.68', '2.68' ),
	array( '931', '931', '930余', '930多', '930余' ),
);
foreach ( $cases as $c ) {
	$v = var_export( $c[0], true );
	dj_t_same( $c[1], F::apply( $c[0], 'exact' ), "exact $v" );
	dj_t_same( $c[2], F::apply( $c[0], 'yu' ), "余 $v" );
	dj_t_same( $c[3], F::apply( $c[0], 'duo' ), "多 $v" );
	dj_t_same( $c[4], F::apply( $c[0], 'wan' ), "万 $v" );
}

// Percentages of ratios (engine ratios carry 4 decimals).
foreach ( array(
	array( 0, '0%' ),
	array( 0.0, '0%' ),
	array( 1, '100%' ),
	array( 0.25, '25%' ),
	array( 0.1875, '18.8%' ),
	array( 0.0188, '1.9%' ),
	array( 0.4444, '44.4%' ),
	array( 0.9999, '100%' ),
	array( 0.0004, '0%' ),
	array( 0.0005, '0.1%' ),
	array( null, '—' ),
) as $c ) {
	dj_t_same( $c[1], F::apply( $c[0], 'percent' ), 'percent ' . var_export( $c[0], true ) );
}

// Lists, dates, null, aliases.
dj_t_same( '张三、李四、王五', F::apply( array( '张三', '李四', '王五' ), 'list' ), 'a list joined with 、' );
dj_t_same( '张三', F::apply( array( '张三' ), 'list' ), 'a list of one' );
dj_t_same( '', F::apply( array(), 'list' ), 'an empty list is empty' );
dj_t_same( '1,200、3', F::apply( array( 1200, 3, ' ' ), 'list' ), 'numbers in a list are exact; blanks are dropped' );
dj_t_same( '2015年6月1日', F::apply( '2015-06-01', 'date' ), 'a date' );
dj_t_same( '2015年6月', F::apply( '2015-06-01', 'month' ), 'a month' );
dj_t_same( '2015', F::apply( '2015-06-01', 'year' ), 'a year' );
dj_t_same( '—', F::apply( null, 'exact' ), 'null prints a dash, never blank' );
foreach ( array( '余' => 'yu', '多' => 'duo', '万' => 'wan', '万余' => 'wan', '%' => 'percent', '、' => 'list', 'exact' => 'exact', ' 余 ' => 'yu' ) as $alias => $form ) {
	dj_t_same( $form, F::form( $alias ), "form alias \"$alias\"" );
}
dj_t_same( null, F::form( '千' ), 'an unknown form is null' );
foreach ( array( 0, 0.0, '0', '0.00', null, '', array() ) as $z ) {
	dj_t_ok( F::is_zero( $z ), 'zero: ' . wp_json_encode( $z ) );
}
foreach ( array( 1, 0.01, '3', array( 'a' ), '张三' ) as $nz ) {
	dj_t_ok( ! F::is_zero( $nz ), 'not zero: ' . wp_json_encode( $nz, JSON_UNESCAPED_UNICODE ) );
}
$threw = false;
try {
	F::apply( 'abc', 'yu' );
} catch ( InvalidArgumentException $e ) {
	$threw = true;
}
dj_t_ok( $threw, '余 of a word is an exception' );

// The .docx writer refuses bad blocks with their position, and writes a zip a reader accepts.
foreach ( array(
	array( array( array( 'type' => 'heading', 'text' => 'x', 'level' => 3 ) ), 'blocks[0].level' ),
	array( array( array( 'type' => 'paragraph' ) ), 'blocks[0].text' ),
	array( array( array( 'type' => 'title', 'text' => 't' ), 'oops' ), 'blocks[1]' ),
	array( array( array( 'type' => 'table', 'rows' => array( array( 'a', 'b' ), array( 'c' ) ) ) ), 'blocks[0].rows[1]' ),
	array( array( array( 'type' => 'image' ) ), 'blocks[0].type' ),
) as $c ) {
	$msg = '';
	try {
		Dangjian\Report_Docx::document( $c[0] );
	} catch ( InvalidArgumentException $e ) {
		$msg = $e->getMessage();
	}
	dj_t_ok( str_starts_with( $msg, $c[1] . ':' ), 'Report_Docx refuses a bad block naming ' . $c[1], $msg );
}
$bytes = Dangjian\Report_Docx::document( array( array( 'type' => 'paragraph', 'text' => "控制字符\x01与<标记>&" ) ), array( 'timestamp' => 1700000000 ) );
dj_t_same( $bytes, Dangjian\Report_Docx::document( array( array( 'type' => 'paragraph', 'text' => "控制字符\x01与<标记>&" ) ), array( 'timestamp' => 1700000000 ) ), 'the same input and time give the same bytes' );
$tmp = sys_get_temp_dir() . '/dj-report-' . getmypid() . '.zip';
file_put_contents( $tmp, $bytes );
$doc = (string) file_get_contents( 'phar://' . $tmp . '/word/document.xml' );
dj_t_ok( str_contains( $doc, '控制字符与&lt;标记&gt;&amp;' ), 'text is escaped and control characters dropped (read back through PharData)', substr( $doc, 0, 300 ) );
dj_t_ok( false !== simplexml_load_string( $doc ), 'document.xml is well-formed XML' );
unlink( $tmp );
$zip   = new Dangjian\Report_Zip( 0 );
$threw = false;
$zip->add( 'a.txt', 'x' );
try {
	$zip->add( 'a.txt', 'y' );
} catch ( InvalidArgumentException $e ) {
	$threw = true;
}
dj_t_ok( $threw, 'the zip writer refuses a repeated name' );

// docs/FIGURES.md is generated from the catalogue and current.
exec( escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( dirname( __DIR__, 2 ) . '/scripts/figures-doc.php' ) . ' --check 2>&1', $out, $rc );
dj_t_same( 0, $rc, 'docs/FIGURES.md is current (php scripts/figures-doc.php --check): ' . implode( ' ', $out ) );

dj_t_done();

<?php
/**
 * Issue 11, item 25: rounded numbers keep two leading digits (266 → 260余), and the showcase, the
 * widget and the dashboard's charts (Format) use the work report's rule (Report_Format), not a copy.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Format;
use Dangjian\Report_Format;
use Dangjian\Schema;

$zh = static fn( $v ) => Format::number( $v, 'rounded', 'zh_CN' );
foreach ( array(
	array( 266, '260余' ),
	array( 260, '260' ),
	array( 312, '310余' ),
	array( 312.5, '310余' ),
	array( 6807, '6,800余' ),
	array( 9999, '9,900余' ),
	array( 12345, '1.2万余' ),
	array( 123456, '12万余' ),
	array( 10000, '1万' ),
	array( 120000000, '1.2亿' ),
	array( 7, '7' ),
	array( 0, '0' ),
	array( -266, '-260余' ),
) as $c ) {
	dj_t_same( $c[1], $zh( $c[0] ), 'rounded ' . var_export( $c[0], true ) . ' → ' . $c[1] );
}

// One rule: the showcase's rounded form is the report's 余/万 form for any value.
mt_srand( 11 );
$differ = array();
for ( $i = 0; $i < 3000; $i++ ) {
	$v = 0 === $i % 3 ? mt_rand( 0, 2000000000 ) : mt_rand( 0, 99999999 ) / ( 0 === $i % 2 ? 1 : 100 );
	if ( $zh( $v ) !== Report_Format::wan( $v ) ) {
		$differ[] = var_export( $v, true ) . ': ' . $zh( $v ) . ' vs ' . Report_Format::wan( $v );
	}
}
dj_t_same( array(), array_slice( $differ, 0, 5 ), 'Format rounded = Report_Format::wan for 3,000 values' );
dj_t_same( '266', Format::number( 266, 'rounded', 'en_US' ), 'exact in another locale' );
dj_t_same( '266', $zh( 266 ) === '266' ? 'x' : Format::number( 266, 'auto', 'zh_CN' ), 'auto stays exact under 10,000' );

// The showcase on a page: 266 hours, rounded.
dj_t_reset();
$y = (int) wp_date( 'Y' );
$wpdb->insert( Schema::table( 'activities' ), array( 'id' => 1, 'activity_date' => $y . '-01-02', 'category' => 'service', 'kind' => 'counseling', 'hours' => '266.00', 'beneficiaries' => 6807, 'title' => 't' ) );
Dangjian\Data_Version::bump();
Dangjian\Engine::forget();
switch_to_locale( 'zh_CN' );
$html = do_shortcode( '[dangjian figures="service_hours,beneficiaries" numbers="rounded" period="this_year"]' );
restore_previous_locale();
dj_t_ok( str_contains( $html, '>260余</span>' ), 'the showcase prints 266 hours as 260余', $html );
dj_t_ok( str_contains( $html, '>6,800余</span>' ), 'and 6,807 people as 6,800余' );
dj_t_reset();
dj_t_done();

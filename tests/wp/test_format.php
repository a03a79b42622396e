<?php
/**
 * Dangjian\Format: the customary Chinese form of figures (万, 亿, 余) in zh_CN, exact figures
 * otherwise; boundaries and rounding.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';

use Dangjian\Format;

$zh = static fn( $v, $mode = 'auto' ) => Format::number( $v, $mode, 'zh_CN' );

// auto: 万 / 亿 with one decimal, half up; smaller values exact.
$cases = array(
	array( 0, '0' ),
	array( 42, '42' ),
	array( 9999, '9,999' ),
	array( 10000, '1万' ),
	array( 10499, '1万' ),
	array( 10500, '1.1万' ),
	array( 12345, '1.2万' ),
	array( 15000, '1.5万' ),
	array( 99999, '10万' ),
	array( 120000, '12万' ),
	array( 123456, '12.3万' ),
	array( 99949999, '9995万' ),
	array( 99994999, '9999.5万' ),
	array( 99999999, '1亿' ), // 9999.9999万 rounds to 10000万: said as 1亿.
	array( 100000000, '1亿' ),
	array( 123456789, '1.2亿' ),
	array( 1234567890, '12.3亿' ),
	array( 512.5, '512.5' ),
	array( 12345.67, '1.2万' ),
	array( 0.25, '0.25' ),
	array( -12345, '-1.2万' ),
);
foreach ( $cases as $c ) {
	dj_t_same( $c[1], $zh( $c[0] ), 'auto ' . var_export( $c[0], true ) . ' → ' . $c[1] );
}

// rounded: down to two leading digits (the work report's rule: 266 → 260余), 余 when something was dropped; round
// values and values under 100 stay exact.
$cases = array(
	array( 42, '42' ),
	array( 99, '99' ),
	array( 100, '100' ),
	array( 300, '300' ),
	array( 312, '310余' ),
	array( 312.5, '310余' ),
	array( 399.99, '390余' ),
	array( 1234, '1,200余' ),
	array( 9999, '9,900余' ),
	array( 10000, '1万' ),
	array( 10001, '1万余' ),
	array( 12000, '1.2万' ),
	array( 12345, '1.2万余' ),
	array( 19999, '1.9万余' ), // Never rounded up to 2万.
	array( 99999999, '9,900万余' ),
	array( 100000000, '1亿' ),
	array( 100000001, '1亿余' ),
	array( 123456789, '1.2亿余' ),
	array( 120000000, '1.2亿' ),
);
foreach ( $cases as $c ) {
	dj_t_same( $c[1], $zh( $c[0], 'rounded' ), 'rounded ' . var_export( $c[0], true ) . ' → ' . $c[1] );
}

// exact: number_format_i18n with the decimals the value needs.
dj_t_same( '12,345', $zh( 12345, 'exact' ), 'exact in zh_CN' );
dj_t_same( '123,456,789', $zh( 123456789, 'exact' ), 'exact 123,456,789' );
dj_t_same( '1,234.5', $zh( 1234.5, 'exact' ), 'exact keeps one decimal' );
dj_t_same( '1,234.56', $zh( 1234.56, 'exact' ), 'exact keeps two decimals' );
dj_t_same( '12', $zh( 12.0, 'exact' ), 'a whole amount without decimals' );

// Another locale: exact whatever the mode.
foreach ( array( 'auto', 'rounded', 'exact' ) as $mode ) {
	dj_t_same( '12,345', Format::number( 12345, $mode, 'en_US' ), "en_US $mode is exact" );
	dj_t_same( '123,456,789', Format::number( 123456789, $mode, 'en_US' ), "en_US $mode 123,456,789 is exact" );
}
dj_t_same( '1.2万', Format::number( 12345, 'no-such-mode', 'zh_CN' ), 'an unknown mode is auto' );

// Units.
dj_t_same( '310余小时', Format::with_unit( 312, '小时', 'rounded', 'zh_CN' ), '"310余小时" (two leading digits, as the work report writes them)' );
dj_t_same( '1.2万余人', Format::with_unit( 12345, '人', 'rounded', 'zh_CN' ), '"1.2万余人"' );
dj_t_same( '312.5 hours', Format::with_unit( 312.5, 'hours', 'rounded', 'en_US' ), 'a space before the unit in English' );

// Percentages and raw values.
dj_t_same( '62.5%', Format::percent( 0.625 ), 'a ratio as a percentage' );
dj_t_same( '50%', Format::percent( 0.5 ), 'no ".0"' );
dj_t_same( '—', Format::percent( null ), 'no ratio' );
dj_t_same( '42', Format::raw( 42 ), 'raw int' );
dj_t_same( '512.5', Format::raw( 512.5 ), 'raw amount' );
dj_t_same( '12', Format::raw( 12.0 ), 'raw whole amount' );
dj_t_same( '0.0188', Format::raw( 0.0188 ), 'raw ratio' );
dj_t_same( '', Format::raw( null ), 'raw null' );

// The locale of the request.
dj_t_same( 'zh_CN', Format::locale(), 'the test site renders in zh_CN' );
dj_t_same( '1.2万', Format::number( 12345 ), 'so the default is the customary form' );

dj_t_done();

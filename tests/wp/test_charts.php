<?php
/**
 * Dangjian\Charts: each chart is well-formed SVG (parsed with DOMDocument), carries a title and a
 * description referenced by aria-labelledby, scales by its viewBox, takes its colours from CSS custom
 * properties, speaks Chinese on the zh_CN site, and has a data table with the same numbers as its
 * bars.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';

use Dangjian\Charts;

/**
 * Parses a chart's HTML (a <figure> holding an <svg> and a <table>) as XML.
 *
 * @param string $html The chart.
 * @return DOMXPath|null
 */
function dj_t_chart_xpath( string $html ): ?DOMXPath {
	$doc = new DOMDocument();
	$old = libxml_use_internal_errors( true );
	$ok  = $doc->loadXML( $html );
	libxml_clear_errors();
	libxml_use_internal_errors( $old );
	if ( ! $ok ) {
		return null;
	}
	$xp = new DOMXPath( $doc );
	$xp->registerNamespace( 's', 'http://www.w3.org/2000/svg' );
	return $xp;
}

/**
 * Checks what every chart must have.
 *
 * @param string $kind The chart.
 * @param string $html Its HTML.
 * @param string $id   The id prefix given.
 * @return DOMXPath|null
 */
function dj_t_chart_common( string $kind, string $html, string $id ): ?DOMXPath {
	$xp = dj_t_chart_xpath( $html );
	dj_t_ok( null !== $xp, "$kind: the chart is well-formed XML", substr( $html, 0, 300 ) );
	if ( null === $xp ) {
		return null;
	}
	$svg = $xp->query( '//s:svg' )->item( 0 );
	dj_t_ok( null !== $svg, "$kind: one inline svg" );
	dj_t_same( 'img', $svg->getAttribute( 'role' ), "$kind: role=img" );
	dj_t_same( "$id-title $id-desc", $svg->getAttribute( 'aria-labelledby' ), "$kind: aria-labelledby names its title and desc" );
	dj_t_ok( (bool) preg_match( '/^0 0 \d+ \d+$/', $svg->getAttribute( 'viewBox' ) ), "$kind: a viewBox" );
	dj_t_same( '100%', $svg->getAttribute( 'width' ), "$kind: width 100% (it scales with the theme)" );
	dj_t_same( '', $svg->getAttribute( 'height' ), "$kind: no fixed height" );
	$title = $xp->query( "//s:svg/s:title[@id='$id-title']" )->item( 0 );
	$desc  = $xp->query( "//s:svg/s:desc[@id='$id-desc']" )->item( 0 );
	dj_t_ok( null !== $title && '' !== trim( $title->textContent ), "$kind: a <title>" );
	dj_t_ok( null !== $desc && '' !== trim( $desc->textContent ), "$kind: a <desc>" );
	dj_t_ok( null !== $title && (bool) preg_match( '/\p{Han}/u', $title->textContent ), "$kind: the title is in Chinese", $title ? $title->textContent : '' );
	if ( str_contains( $html, '<rect' ) ) {
		dj_t_ok( str_contains( $html, 'var(--dangjian-chart-1,' ), "$kind: bars take their colour from --dangjian-chart-1" );
	}
	dj_t_same( 1, $xp->query( "//table[@data-chart-table='$kind']" )->length, "$kind: an accessible data table" );
	dj_t_same( 1, $xp->query( "//details[contains(@class,'dangjian-chart__data')]//div[@class='dangjian-table-wrap']/table" )->length, "$kind: the table sits in <details>, in a scrolling wrapper" );
	dj_t_ok( ! str_contains( $html, 'style="width:' ) && ! preg_match( '/<svg[^>]*\swidth="\d+"/', $html ), "$kind: no fixed pixel width" );
	// Legible on a phone: a 375 px window leaves about 345 px for the chart, which scales the viewBox
	// down to it; every text must still be at least 11.5 px high there.
	$vb_w  = (float) explode( ' ', $svg->getAttribute( 'viewBox' ) )[2];
	$scale = Charts::NARROWEST / $vb_w;
	$base  = (float) $svg->getAttribute( 'font-size' );
	$small = array();
	foreach ( $xp->query( '//s:text' ) as $t ) {
		$size = '' !== $t->getAttribute( 'font-size' ) ? (float) $t->getAttribute( 'font-size' ) : $base;
		if ( $size * $scale < 11.5 ) {
			$small[] = $t->textContent . ' (' . round( $size * $scale, 1 ) . ' px)';
		}
	}
	dj_t_ok( $base > 0 && ! $small, "$kind: every text at least 11.5 px high in a 345 px container", implode( ', ', $small ) );
	return $xp;
}

/**
 * The month labels under a month chart's bars that show without the stylesheet's help, as
 * [x, text], and those only a wide container shows.
 *
 * @param DOMXPath $xp The chart.
 * @return array{0:array[],1:array[]}
 */
function dj_t_month_ticks( DOMXPath $xp ): array {
	$shown = array();
	$minor = array();
	foreach ( $xp->query( "//s:text[contains(concat(' ', @class, ' '), ' dangjian-chart__tick ')]" ) as $t ) {
		$item = array( (float) $t->getAttribute( 'x' ), $t->textContent );
		if ( 'hidden' === $t->getAttribute( 'visibility' ) ) {
			$minor[] = $item;
		} else {
			$shown[] = $item;
		}
	}
	return array( $shown, $minor );
}

/**
 * Whether centred labels [x, text] at a font size stand clear of each other (estimated widths).
 *
 * @param array[] $labels [x, text], in order.
 * @param float   $font   Font size in units.
 */
function dj_t_apart( array $labels, float $font ): bool {
	for ( $i = 1; $i < count( $labels ); $i++ ) {
		$gap = $labels[ $i ][0] - $labels[ $i - 1 ][0];
		if ( $gap < ( Charts::text_width( $labels[ $i ][1], $font ) + Charts::text_width( $labels[ $i - 1 ][1], $font ) ) / 2 + 2 ) {
			return false;
		}
	}
	return true;
}

/**
 * A by_month list: [YYYY-MM, activities, hours, beneficiaries] rows.
 *
 * @param array[] $rows The rows.
 * @return array[]
 */
function dj_t_by_month( array $rows ): array {
	return array_map(
		static fn( $r ) => array(
			'month'         => $r[0],
			'activities'    => $r[1],
			'hours'         => $r[2],
			'beneficiaries' => $r[3],
		),
		$rows
	);
}

/**
 * The keys a chart draws for a series, and those of its table.
 *
 * @param DOMXPath $xp The chart.
 * @return array{0:string[],1:string[],2:string[]} Bars, points, table rows.
 */
function dj_t_month_keys( DOMXPath $xp ): array {
	$get = static function ( string $q ) use ( $xp ): array {
		$out = array();
		foreach ( $xp->query( $q ) as $e ) {
			$out[] = $e->getAttribute( 'data-key' );
		}
		return $out;
	};
	return array( $get( "//s:rect[@data-series='hours']" ), $get( "//s:circle[@data-series='beneficiaries']" ), $get( '//table//tbody/tr' ) );
}

// ------------------------------------------------------------------ month by month
$by_month = array(
	array( 'month' => '2024-11', 'activities' => 2, 'hours' => 3.5, 'beneficiaries' => 40 ),
	array( 'month' => '2024-12', 'activities' => 0, 'hours' => 0.0, 'beneficiaries' => 0 ),
	array( 'month' => '2025-01', 'activities' => 5, 'hours' => 12.25, 'beneficiaries' => 12345 ),
);
$html = Charts::month( $by_month, 'c1', 'auto', 'zh_CN', '2026-11-26' );
$xp   = dj_t_chart_common( 'month', $html, 'c1' );
if ( $xp ) {
	$bars   = array();
	$points = array();
	foreach ( $xp->query( "//s:rect[@data-series='hours']" ) as $r ) {
		$bars[ $r->getAttribute( 'data-key' ) ] = $r->getAttribute( 'data-value' );
	}
	foreach ( $xp->query( "//s:circle[@data-series='beneficiaries']" ) as $c ) {
		$points[ $c->getAttribute( 'data-key' ) ] = $c->getAttribute( 'data-value' );
	}
	dj_t_same( array( '2024-11' => '3.5', '2024-12' => '0', '2025-01' => '12.25' ), $bars, 'month: one bar per month, with the hours' );
	dj_t_same( array( '2024-11' => '40', '2024-12' => '0', '2025-01' => '12345' ), $points, 'month: one point per month, with the people helped' );
	$cells = array();
	foreach ( $xp->query( '//table//tbody/tr' ) as $tr ) {
		$row = array();
		foreach ( $xp->query( 'td', $tr ) as $td ) {
			$row[ $td->getAttribute( 'data-series' ) ] = $td->getAttribute( 'data-value' );
		}
		$cells[ $tr->getAttribute( 'data-key' ) ] = $row;
	}
	dj_t_same(
		array(
			'2024-11' => array( 'activities' => '2', 'hours' => '3.5', 'beneficiaries' => '40' ),
			'2024-12' => array( 'activities' => '0', 'hours' => '0', 'beneficiaries' => '0' ),
			'2025-01' => array( 'activities' => '5', 'hours' => '12.25', 'beneficiaries' => '12345' ),
		),
		$cells,
		'month: the table holds the same numbers as the chart'
	);
	$row_labels = array();
	foreach ( $xp->query( '//table//tbody/tr/th' ) as $th ) {
		$row_labels[] = $th->textContent;
	}
	dj_t_same( array( '2024年11月', '2024年12月', '2025年1月' ), $row_labels, 'month: months written in Chinese' );
	dj_t_ok( str_contains( $html, '>1.2万</td>' ), 'month: the table writes 12,345 as 1.2万' );
	$heights = array();
	foreach ( $xp->query( "//s:rect[@data-series='hours']" ) as $r ) {
		$heights[] = (float) $r->getAttribute( 'height' );
	}
	dj_t_ok( $heights[2] > $heights[0] && $heights[0] > 0 && 0.0 === $heights[1], 'month: bar heights follow the values', implode( ',', $heights ) );
	dj_t_ok( str_contains( $html, 'var(--dangjian-chart-2,' ), 'month: the line takes its colour from --dangjian-chart-2' );
	dj_t_ok( str_contains( $xp->query( '//s:desc' )->item( 0 )->textContent, '15.75小时' ), 'month: the description gives the total hours', $xp->query( '//s:desc' )->item( 0 )->textContent );
	dj_t_ok( str_contains( $xp->query( '//s:desc' )->item( 0 )->textContent, '受益1.2万人次' ), 'month: people helped counted in 人次, as on the figures', $xp->query( '//s:desc' )->item( 0 )->textContent );
	dj_t_ok( ! str_contains( $xp->query( '//s:desc' )->item( 0 )->textContent, '截至本月' ), 'month: a past period says nothing of months to come' );
}

// ------------------------------------------------------------------ legible month labels
// Twelve months: the labels shown on any container stand clear of each other at the chart's font
// size; the others wait for a wide container (the stylesheet shows them at 11 units).
$year = array();
for ( $m = 1; $m <= 12; $m++ ) {
	$year[] = array( sprintf( '2025-%02d', $m ), 3, 10.5 * $m, 1000 + 100 * $m );
}
$html = Charts::month( dj_t_by_month( $year ), 'c8', 'exact', 'zh_CN', '2026-03-01' );
$xp   = dj_t_chart_common( 'month', $html, 'c8' );
if ( $xp ) {
	list( $shown, $minor ) = dj_t_month_ticks( $xp );
	dj_t_same( array( '1月', '3月', '5月', '7月', '9月', '11月' ), array_column( $shown, 1 ), 'month: six month labels on a narrow container' );
	dj_t_ok( dj_t_apart( $shown, Charts::FONT ), 'month: and they stand clear of each other', wp_json_encode( $shown ) );
	$all = array_merge( $shown, $minor );
	usort( $all, static fn( $a, $b ) => $a[0] <=> $b[0] );
	dj_t_same( 12, count( $all ), 'month: every month has a label for a wide container' );
	dj_t_ok( dj_t_apart( $all, 11 ), 'month: which fit at 11 units', wp_json_encode( $all ) );
	$ticks = array();
	foreach ( $xp->query( "//s:text[@text-anchor='start' and not(@class)]" ) as $t ) {
		$ticks[] = $t->textContent;
	}
	dj_t_ok( in_array( '2,400', $ticks, true ), 'month: the right axis has its ticks, exact', implode( '|', $ticks ) );
	dj_t_ok( ! str_contains( $html, 'font-size="12"' ), 'month: no smaller text than the chart\'s own font size' );
}

// ------------------------------------------------------------------ months yet to come
// This year, on 26 November: December (nothing recorded yet) is neither drawn nor in the table.
$this_year = array();
for ( $m = 1; $m <= 12; $m++ ) {
	$this_year[] = $m <= 11 ? array( sprintf( '2026-%02d', $m ), 2, 4.0, 100 ) : array( '2026-12', 0, 0.0, 0 );
}
$html = Charts::month( dj_t_by_month( $this_year ), 'c9', 'auto', 'zh_CN', '2026-11-26' );
$xp   = dj_t_chart_common( 'month', $html, 'c9' );
if ( $xp ) {
	$months = array_map( static fn( $m ) => sprintf( '2026-%02d', $m ), range( 1, 11 ) );
	dj_t_same( array( $months, $months, $months ), dj_t_month_keys( $xp ), 'month: this year is drawn up to this month only (bars, line and table)' );
	$desc = $xp->query( '//s:desc' )->item( 0 )->textContent;
	dj_t_ok( str_contains( $desc, '2026年1月至2026年11月' ) && str_contains( $desc, '图表截至本月，之后的月份尚未到来' ), 'month: the description says the chart ends with this month', $desc );
	dj_t_ok( str_contains( $desc, '44小时' ) && str_contains( $desc, '1,100人次' ), 'month: its totals are the months drawn', $desc );
}
// On 1 December, December is drawn.
$xp = dj_t_chart_xpath( Charts::month( dj_t_by_month( $this_year ), 'c10', 'auto', 'zh_CN', '2026-12-01' ) );
dj_t_same( 12, $xp ? count( dj_t_month_keys( $xp )[0] ) : -1, 'month: on 1 December, all twelve months' );
// Last year, all twelve months.
$xp = dj_t_chart_xpath( Charts::month( dj_t_by_month( $this_year ), 'c11', 'auto', 'zh_CN', '2027-01-05' ) );
dj_t_same( 12, $xp ? count( dj_t_month_keys( $xp )[2] ) : -1, 'month: a past year keeps all twelve months' );
// A month to come that holds records (dated ahead) is drawn, with every month before it.
$ahead      = $this_year;
$ahead[11]  = array( '2026-12', 1, 2.0, 5 );
$xp         = dj_t_chart_xpath( Charts::month( dj_t_by_month( $ahead ), 'c12', 'auto', 'zh_CN', '2026-10-15' ) );
dj_t_same( 12, $xp ? count( dj_t_month_keys( $xp )[0] ) : -1, 'month: a later month with records is drawn' );
// A year that has not begun.
$next = array_map( static fn( $r ) => array( '2027' . substr( $r[0], 4 ), 0, 0.0, 0 ), $this_year );
$xp   = dj_t_chart_xpath( Charts::month( dj_t_by_month( $next ), 'c13', 'auto', 'zh_CN', '2026-11-26' ) );
dj_t_ok( $xp && 0 === $xp->query( '//s:rect' )->length && str_contains( $xp->query( '//s:desc' )->item( 0 )->textContent, '尚未开始' ), 'month: a period to come draws nothing, and says why' );
// Without a day given, today in the site's time zone (Period::today()).
$now  = substr( Dangjian\Period::today(), 0, 7 );
$cur  = array();
for ( $m = 1; $m <= 12; $m++ ) {
	$key   = substr( $now, 0, 4 ) . sprintf( '-%02d', $m );
	$cur[] = strcmp( $key, $now ) <= 0 ? array( $key, 1, 1.0, 1 ) : array( $key, 0, 0.0, 0 );
}
$xp = dj_t_chart_xpath( Charts::month( dj_t_by_month( $cur ), 'c14', 'auto', 'zh_CN' ) );
$drawn = $xp ? dj_t_month_keys( $xp )[0] : array();
dj_t_same( $now, end( $drawn ), 'month: by default the chart ends with the site\'s current month' );

// A long period is drawn year by year, the sums exact.
$long = array();
for ( $i = 0; $i < 48; $i++ ) {
	$long[] = array(
		'month'         => sprintf( '%04d-%02d', 2021 + intdiv( $i, 12 ), 1 + $i % 12 ),
		'activities'    => 1,
		'hours'         => 0.1,
		'beneficiaries' => 2,
	);
}
$html = Charts::month( $long, 'c2', 'auto', 'zh_CN', '2026-11-26' );
$xp   = dj_t_chart_common( 'month', $html, 'c2' );
if ( $xp ) {
	$bars = array();
	foreach ( $xp->query( "//s:rect[@data-series='hours']" ) as $r ) {
		$bars[ $r->getAttribute( 'data-key' ) ] = $r->getAttribute( 'data-value' );
	}
	dj_t_same( array( '2021' => '1.2', '2022' => '1.2', '2023' => '1.2', '2024' => '1.2' ), $bars, 'month: 48 months become 4 yearly bars, hours summed exactly' );
	dj_t_same( '24', $xp->query( "//tr[@data-key='2021']/td[@data-series='beneficiaries']" )->item( 0 )->getAttribute( 'data-value' ), 'month: and the yearly table sums the people helped' );
}

// ------------------------------------------------------------------ venues by kind
$venues = array(
	'community' => array( 'venues' => 23, 'activities' => 40, 'beneficiaries' => 900, 'hours' => 80.5 ),
	'school'    => array( 'venues' => 5, 'activities' => 6, 'beneficiaries' => 300, 'hours' => 12.0 ),
);
$html = Charts::venue( $venues, 'c3', 'auto', 'zh_CN' );
$xp   = dj_t_chart_common( 'venue', $html, 'c3' );
if ( $xp ) {
	$bars = array();
	foreach ( $xp->query( '//s:rect' ) as $r ) {
		$bars[ $r->getAttribute( 'data-key' ) ] = $r->getAttribute( 'data-value' );
	}
	dj_t_same( array( 'community' => '23', 'school' => '5' ), $bars, 'venue: one bar per kind, with the number of places' );
	dj_t_same( '23', $xp->query( "//tr[@data-key='community']/td[@data-series='venues']" )->item( 0 )->getAttribute( 'data-value' ), 'venue: the table has the same number' );
	dj_t_same( '80.5', $xp->query( "//tr[@data-key='community']/td[@data-series='hours']" )->item( 0 )->getAttribute( 'data-value' ), 'venue: and the hours' );
	dj_t_ok( str_contains( $html, '>社区<' ) && str_contains( $html, '23个' ), 'venue: labels and units in Chinese' );
	$w = array();
	foreach ( $xp->query( '//s:rect' ) as $r ) {
		$w[] = (float) $r->getAttribute( 'width' );
	}
	dj_t_ok( abs( $w[0] / $w[1] - 23 / 5 ) < 0.01, 'venue: bar lengths in proportion', implode( ',', $w ) );
}
$html = Charts::venue( array(), 'c4', 'auto', 'zh_CN' );
dj_t_chart_common( 'venue', $html, 'c4' );

// ------------------------------------------------------------------ the pipeline
$stages = array( 'applicants' => 6, 'activists' => 4, 'candidates' => 2, 'probationary' => 3, 'full' => 24 );
$html   = Charts::pipeline( $stages, 'c5', 'auto', 'zh_CN' );
$xp     = dj_t_chart_common( 'pipeline', $html, 'c5' );
if ( $xp ) {
	$bars = array();
	foreach ( $xp->query( '//s:rect' ) as $r ) {
		$bars[ $r->getAttribute( 'data-key' ) ] = $r->getAttribute( 'data-value' );
	}
	dj_t_same( array_map( 'strval', $stages ), $bars, 'pipeline: applicants → activists → candidates → probationary → full, in order' );
	$table = array();
	foreach ( $xp->query( '//table//tbody/tr' ) as $tr ) {
		$table[ $tr->getAttribute( 'data-key' ) ] = $xp->query( 'td', $tr )->item( 0 )->getAttribute( 'data-value' );
	}
	dj_t_same( $bars, $table, 'pipeline: the table has the same numbers' );
	dj_t_ok( str_contains( $xp->query( '//s:desc' )->item( 0 )->textContent, '入党申请人 6人 → 入党积极分子 4人' ) || str_contains( $xp->query( '//s:desc' )->item( 0 )->textContent, '入党申请人 6人' ), 'pipeline: the description reads the stages in Chinese', $xp->query( '//s:desc' )->item( 0 )->textContent );
}
$html = Charts::pipeline( array( 'full' => 3 ), 'c6', 'auto', 'zh_CN' );
$xp   = dj_t_chart_xpath( $html );
dj_t_same( 1, $xp ? $xp->query( '//s:rect' )->length : -1, 'pipeline: only the stages given are drawn' );

// Markup in a label is escaped, and the chart stays well-formed.
add_filter(
	'dangjian_kinds',
	static fn( $k ) => $k,
);
$evil = Charts::venue( array( '<b>x</b>' => array( 'venues' => 1, 'activities' => 1, 'beneficiaries' => 1, 'hours' => 1 ) ), 'c7', 'auto', 'zh_CN' );
dj_t_ok( null !== dj_t_chart_xpath( $evil ) && ! str_contains( $evil, '<b>' ), 'a label with markup is escaped' );

// Axis maxima are round and leave four round ticks.
dj_t_same( 4.0, Charts::nice_max( 0 ), 'an empty axis still has a scale' );
dj_t_same( 60.0, Charts::nice_max( 45 ), 'nice maximum of 45' );
dj_t_same( 32000.0, Charts::nice_max( 31000 ), 'nice maximum of 31,000 (ticks of 8,000)' );

dj_t_done();

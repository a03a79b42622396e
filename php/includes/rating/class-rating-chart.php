<?php
/**
 * The history chart of the star rating: one bar per year, drawn on the server as inline SVG.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Draws the totals of the stored years with the bands of the shown rubric as dashed lines.
 */
final class Rating_Chart {

	const W = 640;
	const H = 240;

	/**
	 * The chart, or a line of text when no year is stored.
	 *
	 * @param array $history Rating_Store::history().
	 * @param array $rubric  The rubric whose bands are drawn.
	 * @return string Escaped markup.
	 */
	public static function svg( array $history, array $rubric ): string {
		if ( ! $history ) {
			return '<p>' . esc_html__( 'No year has been assessed yet.', 'dangjian' ) . '</p>';
		}
		$max   = max( 1.0, (float) $rubric['max_total'], max( array_column( $history, 'total' ) ) );
		$left  = 40;
		$top   = 16;
		$plot  = self::H - $top - 40;
		$width = self::W - $left - 10;
		$step  = $width / count( $history );
		$bar   = min( 60, $step * 0.6 );
		$y     = static fn( $v ) => round( $top + $plot - $plot * (float) $v / $max, 1 );
		$title = __( 'Star rating: total points by year', 'dangjian' );
		$out   = '<svg class="dangjian-rating-chart" role="img" aria-label="' . esc_attr( $title ) . '" viewBox="0 0 ' . self::W . ' ' . self::H . '" width="100%" style="max-width:' . self::W . 'px" xmlns="http://www.w3.org/2000/svg">';
		$out  .= '<title>' . esc_html( $title ) . '</title>';
		$out  .= '<line x1="' . $left . '" y1="' . $y( 0 ) . '" x2="' . ( self::W - 10 ) . '" y2="' . $y( 0 ) . '" stroke="#555" />';
		foreach ( $rubric['bands'] as $band ) {
			$by   = $y( $band['min'] );
			$out .= '<line x1="' . $left . '" y1="' . $by . '" x2="' . ( self::W - 10 ) . '" y2="' . $by . '" stroke="#c99" stroke-dasharray="4 3" />';
			$out .= '<text x="' . ( $left - 4 ) . '" y="' . ( $by + 4 ) . '" font-size="11" text-anchor="end" fill="#a33">' . esc_html( Rating_View::points( $band['min'] ) ) . '</text>';
		}
		foreach ( array_values( $history ) as $i => $h ) {
			$x    = round( $left + $step * $i + ( $step - $bar ) / 2, 1 );
			$hy   = $y( $h['total'] );
			$fill = 'closed' === $h['status'] ? '#c00' : '#e8a0a0';
			$out .= '<g class="dangjian-rating-bar" data-year="' . esc_attr( (string) $h['year'] ) . '" data-total="' . esc_attr( Rating_View::points( $h['total'] ) ) . '" data-stars="' . esc_attr( (string) $h['stars'] ) . '">';
			$out .= '<rect x="' . $x . '" y="' . $hy . '" width="' . round( $bar, 1 ) . '" height="' . round( $y( 0 ) - $hy, 1 ) . '" fill="' . $fill . '"><title>' . esc_html( $h['year'] . ': ' . Rating_View::points( $h['total'] ) . ' · ' . str_repeat( '★', $h['stars'] ) ) . '</title></rect>';
			$out .= '<text x="' . round( $x + $bar / 2, 1 ) . '" y="' . ( $hy - 4 ) . '" font-size="12" text-anchor="middle">' . esc_html( Rating_View::points( $h['total'] ) ) . '</text>';
			$out .= '<text x="' . round( $x + $bar / 2, 1 ) . '" y="' . ( $y( 0 ) + 16 ) . '" font-size="12" text-anchor="middle">' . esc_html( (string) $h['year'] ) . '</text>';
			$out .= '<text x="' . round( $x + $bar / 2, 1 ) . '" y="' . ( $y( 0 ) + 32 ) . '" font-size="12" text-anchor="middle" fill="#c00">' . esc_html( str_repeat( '★', $h['stars'] ) ) . '</text>';
			$out .= '</g>';
		}
		return $out . '</svg>';
	}
}

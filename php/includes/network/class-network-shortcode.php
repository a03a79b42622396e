<?php
/**
 * [dangjian_network]: the network's aggregates for the committee's public site.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 *     [dangjian_network year="2025"]
 *
 * Shows aggregates only: the number of branches, coverage, and the sums of the figures the branches
 * make public (party members, service activities and hours, people helped, volunteer hours). No
 * branch is named, and neither meetings on schedule nor stars are shown (they are for committee
 * staff). Markup: <div class="dangjian-network-public" data-year="…"> with one
 * <div class="dangjian-figure" data-figure="KEY" data-value="RAW"> per figure.
 */
final class Network_Shortcode {

	/**
	 * The shortcode's handler.
	 *
	 * @param array|string $atts year (default: this year).
	 */
	public static function render( $atts ): string {
		if ( ! is_multisite() || ! Network_Schema::ready() ) {
			return '';
		}
		$atts    = shortcode_atts( array( 'year' => '' ), is_array( $atts ) ? $atts : array(), 'dangjian_network' );
		$year    = ctype_digit( (string) $atts['year'] ) && (int) $atts['year'] >= 1900 && (int) $atts['year'] <= 2199 ? (int) $atts['year'] : Network_Push::this_year();
		$rows    = Network_Store::rows( $year );
		$totals  = Network_Store::totals( $rows );
		$cover   = Network_Store::coverage( $totals['branches'] );
		$figures = array(
			'branches'           => array( __( 'Party branches', 'dangjian' ), $totals['branches'], '' ),
			'coverage'           => array( __( 'Coverage (党组织覆盖率)', 'dangjian' ), $cover['ratio'], '%' ),
			'party_members'      => array( __( 'Party members', 'dangjian' ), $totals['sum']['party_members'], '' ),
			'service_activities' => array( __( 'Service activities', 'dangjian' ), $totals['sum']['service_activities'], '' ),
			'service_hours'      => array( __( 'Service hours', 'dangjian' ), $totals['sum']['service_hours'], '' ),
			'beneficiaries'      => array( __( 'People helped', 'dangjian' ), $totals['sum']['beneficiaries'], '' ),
			'volunteer_hours'    => array( __( 'Volunteer hours', 'dangjian' ), $totals['sum']['volunteer_hours'], '' ),
		);
		$html = '<div class="dangjian-network-public" data-year="' . esc_attr( (string) $year ) . '">';
		foreach ( $figures as $key => list( $label, $value, $unit ) ) {
			if ( '%' === $unit ) {
				$text = null === $value ? '—' : number_format_i18n( $value * 100, 1 ) . '%';
			} else {
				$text = number_format_i18n( (float) $value, is_float( $value ) && floor( $value ) !== $value ? 1 : 0 );
			}
			$html .= '<div class="dangjian-figure" data-figure="' . esc_attr( $key ) . '" data-value="' . esc_attr( null === $value ? '' : (string) $value ) . '"><span class="dangjian-figure__label">' . esc_html( $label ) . '</span> <span class="dangjian-figure__number">' . esc_html( $text ) . '</span></div>';
		}
		return $html . '</div>';
	}
}

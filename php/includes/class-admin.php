<?php
/**
 * The admin menu 党建统计 and its dashboard.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Admin screens. Every screen is registered behind view_dangjian (reading) or manage_dangjian
 * (writing); WordPress refuses the page itself to anyone without it, and each renderer checks again.
 */
final class Admin {

	const SLUG = 'dangjian';

	/**
	 * Adds the admin hooks.
	 */
	public static function init(): void {
		add_action( 'admin_menu', array( self::class, 'menu' ) );
	}

	/**
	 * Registers the menu.
	 */
	public static function menu(): void {
		add_menu_page(
			__( 'Party Building Statistics', 'dangjian' ),
			__( 'Party Building Statistics', 'dangjian' ),
			Capabilities::VIEW,
			self::SLUG,
			array( self::class, 'render_dashboard' ),
			'dashicons-flag',
			26
		);
		add_submenu_page(
			self::SLUG,
			__( 'Dashboard', 'dangjian' ),
			__( 'Dashboard', 'dangjian' ),
			Capabilities::VIEW,
			self::SLUG,
			array( self::class, 'render_dashboard' )
		);
	}

	/**
	 * The periods the dashboard offers, name => label.
	 *
	 * @return array<string,string>
	 */
	public static function periods(): array {
		return array(
			'this_year' => __( 'This year', 'dangjian' ),
			'last_year' => __( 'Last year', 'dangjian' ),
			'all'       => __( 'All records', 'dangjian' ),
		);
	}

	/**
	 * The dashboard: the main figures of the chosen period (a read-only GET; nothing is written).
	 */
	public static function render_dashboard(): void {
		if ( ! current_user_can( Capabilities::VIEW ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to view the Party building statistics.', 'dangjian' ), '', array( 'response' => 403 ) );
		}
		$periods = self::periods();
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- A read-only choice of period.
		$period = isset( $_GET['period'] ) ? sanitize_key( wp_unslash( $_GET['period'] ) ) : 'this_year';
		if ( ! isset( $periods[ $period ] ) ) {
			$period = 'this_year';
		}
		$stats = dangjian_stats( array( 'period' => $period ) );

		echo '<div class="wrap" id="dangjian-dashboard">';
		echo '<h1>' . esc_html__( 'Party Building Statistics', 'dangjian' ) . '</h1>';

		echo '<form method="get" class="dangjian-period">';
		echo '<input type="hidden" name="page" value="' . esc_attr( self::SLUG ) . '" />';
		echo '<label for="dangjian-period">' . esc_html__( 'Period', 'dangjian' ) . '</label> ';
		echo '<select id="dangjian-period" name="period">';
		foreach ( $periods as $name => $label ) {
			echo '<option value="' . esc_attr( $name ) . '"' . selected( $name, $period, false ) . '>' . esc_html( $label ) . '</option>';
		}
		echo '</select> ';
		submit_button( __( 'Show', 'dangjian' ), 'secondary', '', false );
		echo '</form>';

		if ( is_wp_error( $stats ) ) {
			echo '<div class="notice notice-error"><p>' . esc_html( $stats->get_error_message() ) . '</p></div></div>';
			return;
		}

		$format = (string) get_option( 'date_format' );
		echo '<p class="description">' . esc_html(
			sprintf(
				/* translators: 1: first day of the period, 2: last day, 3: the day of the roster figures. */
				__( 'From %1$s to %2$s; members as of %3$s.', 'dangjian' ),
				self::date( $stats['period']['from'], $format ),
				self::date( $stats['period']['to'], $format ),
				self::date( $stats['period']['as_of'], $format )
			)
		) . '</p>';

		$m = $stats['members'];
		self::table(
			__( 'Members', 'dangjian' ),
			array(
				array( 'members.party_members', __( 'Party members', 'dangjian' ), self::count( $m['party_members'] ) ),
				array( 'members.full', __( 'Full members', 'dangjian' ), self::count( $m['full'] ) ),
				array( 'members.probationary', __( 'Probationary members', 'dangjian' ), self::count( $m['probationary'] ) ),
				array( 'members.candidates', __( 'Candidates for membership', 'dangjian' ), self::count( $m['candidates'] ) ),
				array( 'members.activists', __( 'Activists', 'dangjian' ), self::count( $m['activists'] ) ),
				array( 'members.applicants', __( 'Applicants', 'dangjian' ), self::count( $m['applicants'] ) ),
				array( 'members.staff_party_ratio', __( 'Party members among the staff', 'dangjian' ), self::ratio( $m['staff_party_ratio'] ) ),
			)
		);

		$s = $stats['service'];
		self::table(
			__( 'Public service', 'dangjian' ),
			array(
				array( 'service.activities', __( 'Service activities', 'dangjian' ), self::count( $s['activities'] ) ),
				array( 'service.hours', __( 'Service hours', 'dangjian' ), self::amount( $s['hours'] ) ),
				array( 'service.volunteer_hours', __( 'Volunteer hours', 'dangjian' ), self::amount( $s['volunteer_hours'] ) ),
				array( 'service.volunteers', __( 'Volunteers', 'dangjian' ), self::count( $s['volunteers'] ) ),
				array( 'service.fee_waived', __( 'Fees waived (yuan)', 'dangjian' ), self::amount( $s['fee_waived'] ) ),
				array( 'service.donation', __( 'Donations (yuan)', 'dangjian' ), self::amount( $s['donation'] ) ),
				array( 'service.beneficiaries', __( 'People helped', 'dangjian' ), self::count( $s['beneficiaries'] ) ),
			)
		);

		self::table(
			__( 'Branch meetings', 'dangjian' ),
			array(
				array( 'meetings.total', __( 'Meetings held', 'dangjian' ), self::count( $stats['meetings']['total'] ) ),
				array( 'meetings.hours', __( 'Meeting hours', 'dangjian' ), self::amount( $stats['meetings']['hours'] ) ),
			)
		);

		$skipped = Engine::skipped();
		if ( $skipped ) {
			echo '<div class="notice notice-warning"><p>' . esc_html__( 'Some records were left out of the figures because they break the rules:', 'dangjian' ) . '</p><ul>';
			foreach ( $skipped as $line ) {
				echo '<li><code>' . esc_html( $line ) . '</code></li>';
			}
			echo '</ul></div>';
		}

		$engines = array(
			'extension' => __( 'the dangjian extension', 'dangjian' ),
			'fallback'  => __( 'the PHP fallback', 'dangjian' ),
			'none'      => __( 'none', 'dangjian' ),
		);
		echo '<p class="description dangjian-engine">' . esc_html(
			sprintf(
				/* translators: %s: which engine computes the figures. */
				__( 'Computed by %s.', 'dangjian' ),
				$engines[ Engine::implementation() ]
			)
		) . '</p>';
		echo '</div>';
	}

	/**
	 * Prints a table of figures.
	 *
	 * @param string  $caption The heading.
	 * @param array[] $rows    [figure path, label, formatted value].
	 */
	private static function table( string $caption, array $rows ): void {
		echo '<h2>' . esc_html( $caption ) . '</h2>';
		echo '<table class="widefat striped dangjian-figures" style="max-width:40em"><tbody>';
		foreach ( $rows as $row ) {
			echo '<tr><th scope="row">' . esc_html( $row[1] ) . '</th><td data-figure="' . esc_attr( $row[0] ) . '">' . esc_html( $row[2] ) . '</td></tr>';
		}
		echo '</tbody></table>';
	}

	/**
	 * A count in the site's number format.
	 *
	 * @param int $value The count.
	 */
	private static function count( $value ): string {
		return number_format_i18n( (int) $value );
	}

	/**
	 * An amount with as many decimals as it needs (at most 2).
	 *
	 * @param float $value The amount.
	 */
	private static function amount( $value ): string {
		$hundredths = (int) round( (float) $value * 100 );
		$decimals   = 0 === $hundredths % 100 ? 0 : ( 0 === $hundredths % 10 ? 1 : 2 );
		return number_format_i18n( $hundredths / 100, $decimals );
	}

	/**
	 * A ratio as a percentage, or a dash when there is none.
	 *
	 * @param float|null $value The ratio.
	 */
	private static function ratio( $value ): string {
		if ( null === $value ) {
			return '—';
		}
		return number_format_i18n( (float) $value * 100, 1 ) . '%';
	}

	/**
	 * A date YYYY-MM-DD in the site's date format (the date as given, no time zone shift).
	 *
	 * @param string $ymd    The date.
	 * @param string $format The format.
	 */
	private static function date( string $ymd, string $format ): string {
		$date = date_create_immutable( $ymd . ' 12:00:00', wp_timezone() );
		return $date ? wp_date( $format, $date->getTimestamp() ) : $ymd;
	}
}

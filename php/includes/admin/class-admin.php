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
		add_action( 'wp_dashboard_setup', array( self::class, 'dashboard_widget' ) );
		add_action( 'admin_post_dangjian_digest', array( self::class, 'save_digest' ) );
		add_action( 'admin_enqueue_scripts', array( self::class, 'enqueue' ) );
		Admin_Pages::init();
	}

	/**
	 * The WordPress dashboard's widget of reminders, for those who may read the figures.
	 */
	public static function dashboard_widget(): void {
		if ( current_user_can( Capabilities::VIEW ) ) {
			// At the top of the first column: what is due is the first thing a secretary sees.
			wp_add_dashboard_widget( 'dangjian_reminders', __( 'Party building reminders', 'dangjian' ), array( Showcase_Dashboard::class, 'widget' ), null, null, 'normal', 'high' );
		}
	}

	/**
	 * The admin styles (php/assets/admin.css) on the plugin's screens and the WordPress dashboard.
	 *
	 * @param string $hook The screen's hook suffix.
	 */
	public static function enqueue( $hook ): void {
		$hook = (string) $hook;
		if ( 'index.php' !== $hook && ! str_contains( $hook, self::SLUG ) ) {
			return;
		}
		wp_enqueue_style( 'dangjian-admin', plugins_url( 'assets/admin.css', DANGJIAN_PLUGIN_FILE ), array(), DANGJIAN_PLUGIN_VERSION );
	}

	/**
	 * POST admin-post.php?action=dangjian_digest: turns the current user's weekly digest on or off
	 * (view_dangjian, nonce; the user's own meta only), then back to the dashboard.
	 */
	public static function save_digest(): void {
		if ( ! current_user_can( Capabilities::VIEW ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to view the Party building statistics.', 'dangjian' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( 'dangjian_digest' );
		$on = isset( $_POST['digest'] ) && '1' === sanitize_key( wp_unslash( $_POST['digest'] ) );
		if ( $on ) {
			update_user_meta( get_current_user_id(), Reminders::OPT_IN, '1' );
		} else {
			delete_user_meta( get_current_user_id(), Reminders::OPT_IN );
		}
		wp_safe_redirect( add_query_arg( 'digest', $on ? 'on' : 'off', admin_url( 'admin.php?page=' . self::SLUG ) ) . '#dangjian-digest' );
		exit;
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
			'custom'    => __( 'Custom range', 'dangjian' ),
		);
	}

	/**
	 * The dashboard: the figures of the chosen period, reminders and rule warnings (a read-only GET;
	 * nothing is written).
	 */
	public static function render_dashboard(): void {
		if ( ! current_user_can( Capabilities::VIEW ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to view the Party building statistics.', 'dangjian' ), '', array( 'response' => 403 ) );
		}
		$periods = self::periods();
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- A read-only choice of period.
		$period = isset( $_GET['period'] ) && is_string( $_GET['period'] ) ? sanitize_key( wp_unslash( $_GET['period'] ) ) : 'this_year';
		$from   = isset( $_GET['from'] ) && is_string( $_GET['from'] ) ? sanitize_text_field( wp_unslash( $_GET['from'] ) ) : '';
		$to     = isset( $_GET['to'] ) && is_string( $_GET['to'] ) ? sanitize_text_field( wp_unslash( $_GET['to'] ) ) : '';
		$digest = isset( $_GET['digest'] ) && is_string( $_GET['digest'] ) ? sanitize_key( wp_unslash( $_GET['digest'] ) ) : '';
		// phpcs:enable
		if ( ! isset( $periods[ $period ] ) ) {
			$period = 'this_year';
		}
		// Typed dates count: a date in either box means a custom range, whatever the select says
		// (the select follows: the page shows 自定义期间 with the dates it used).
		if ( '' !== $from || '' !== $to ) {
			$period = 'custom';
		}
		$args = 'custom' === $period ? array(
			'from' => $from,
			'to'   => $to,
		) : array( 'period' => $period );
		if ( 'custom' === $period && ( ! Engine_Limits::is_date( $from ) || ! Engine_Limits::is_date( $to ) ) ) {
			$stats = new \WP_Error( 'dangjian_invalid_period', __( 'Enter both dates of the custom range (YYYY-MM-DD, from 1900-01-01 to 2199-12-31).', 'dangjian' ) );
		} else {
			$stats = dangjian_stats( $args );
		}

		echo '<div class="wrap" id="dangjian-dashboard">';
		echo '<h1>' . esc_html__( 'Party Building Statistics', 'dangjian' ) . '</h1>';
		$org = Settings::organisation();
		if ( '' !== $org ) {
			echo '<p class="dangjian-organisation"><strong>' . esc_html( $org ) . '</strong></p>';
		}

		if ( 'on' === $digest || 'off' === $digest ) {
			echo '<div class="notice notice-success is-dismissible"><p>' . esc_html( 'on' === $digest ? __( 'The weekly e-mail of reminders is on.', 'dangjian' ) : __( 'The weekly e-mail of reminders is off.', 'dangjian' ) ) . '</p></div>';
		}

		Showcase_Dashboard::attention();

		echo '<form method="get" class="dangjian-period">';
		echo '<input type="hidden" name="page" value="' . esc_attr( self::SLUG ) . '" />';
		echo '<label for="dangjian-period">' . esc_html__( 'Period', 'dangjian' ) . '</label> ';
		echo '<select id="dangjian-period" name="period">';
		foreach ( $periods as $name => $label ) {
			echo '<option value="' . esc_attr( $name ) . '"' . selected( $name, $period, false ) . '>' . esc_html( $label ) . '</option>';
		}
		echo '</select> ';
		echo '<label for="dangjian-from">' . esc_html__( 'From', 'dangjian' ) . '</label> <input type="date" id="dangjian-from" name="from" value="' . esc_attr( $from ) . '" /> ';
		echo '<label for="dangjian-to">' . esc_html__( 'To', 'dangjian' ) . '</label> <input type="date" id="dangjian-to" name="to" value="' . esc_attr( $to ) . '" /> ';
		submit_button( __( 'Show', 'dangjian' ), 'secondary', '', false );
		echo '</form>';
		// A named period clears the dates (else they would win); a typed date selects the custom range.
		wp_print_inline_script_tag( "(function(){var s=document.getElementById('dangjian-period'),f=document.getElementById('dangjian-from'),t=document.getElementById('dangjian-to');if(!s||!f||!t){return;}s.addEventListener('change',function(){if(s.value!=='custom'){f.value='';t.value='';}});[f,t].forEach(function(e){e.addEventListener('change',function(){if(e.value){s.value='custom';}});});})();" );

		if ( is_wp_error( $stats ) ) {
			echo '<div class="notice notice-error"><p>' . esc_html( $stats->get_error_message() ) . '</p></div>';
		} else {
			Showcase_Dashboard::charts( $stats );
			self::render_figures( $stats );
		}
		Showcase_Dashboard::reminders();
		Rating_Module::render_dashboard_panel();

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
	 * The figures of STATS.md for a period.
	 *
	 * @param array $stats The engine's result.
	 */
	private static function render_figures( array $stats ): void {
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
				array( 'members.staff_headcount', __( 'Staff headcount', 'dangjian' ), null === $m['staff_headcount'] ? '—' : self::count( $m['staff_headcount'] ) ),
				array( 'members.staff_party_members', __( 'Party members on the staff', 'dangjian' ), self::count( $m['staff_party_members'] ) ),
				array( 'members.staff_party_ratio', __( 'Party members among the staff', 'dangjian' ), self::ratio( $m['staff_party_ratio'] ) ),
			)
		);

		$p = $stats['pipeline'];
		self::table(
			__( 'Development of members in the period', 'dangjian' ),
			array(
				array( 'pipeline.applied', __( 'Applications', 'dangjian' ), self::count( $p['applied'] ) ),
				array( 'pipeline.activists', __( 'Activists named', 'dangjian' ), self::count( $p['activists'] ) ),
				array( 'pipeline.candidates', __( 'Candidates named', 'dangjian' ), self::count( $p['candidates'] ) ),
				array( 'pipeline.admitted', __( 'Admitted as probationary members', 'dangjian' ), self::count( $p['admitted'] ) ),
				array( 'pipeline.converted', __( 'Became full members', 'dangjian' ), self::count( $p['converted'] ) ),
				array( 'pipeline.transferred_in', __( 'Transferred in', 'dangjian' ), self::count( $p['transferred_in'] ) ),
				array( 'pipeline.left', __( 'Left', 'dangjian' ), self::count( $p['left'] ) ),
				array( 'pipeline.eligible_candidates', __( 'Activists eligible to become candidates', 'dangjian' ), self::count( $p['eligible_candidates'] ) ),
				array( 'pipeline.due_for_conversion', __( 'Due for conversion', 'dangjian' ), self::count( count( $p['due_for_conversion'] ) ) ),
				array( 'pipeline.overdue_conversion', __( 'Overdue for conversion', 'dangjian' ), self::count( count( $p['overdue_conversion'] ) ) ),
			)
		);

		$s = $stats['service'];
		self::table(
			__( 'Public service', 'dangjian' ),
			array(
				array( 'service.activities', __( 'Service activities', 'dangjian' ), self::count( $s['activities'] ) ),
				array( 'service.hours', __( 'Service hours (each activity counted once)', 'dangjian' ), self::amount( $s['hours'] ) ),
				array( 'service.volunteer_hours', __( 'Volunteer hours of all participants', 'dangjian' ), self::amount( $s['volunteer_hours'] ) ),
				array( 'service.party_volunteer_hours', __( 'Party members\' volunteer hours', 'dangjian' ), self::amount( $s['party_volunteer_hours'] ?? 0 ) ),
				array( 'service.volunteers', __( 'Volunteers (all participants)', 'dangjian' ), self::count( $s['volunteers'] ) ),
				array( 'service.party_volunteers', __( 'Party members who volunteered', 'dangjian' ), self::count( $s['party_volunteers'] ?? 0 ) ),
				array( 'service.participation_ratio', __( 'Party members who took part', 'dangjian' ), self::ratio( $s['participation_ratio'] ) ),
				array( 'service.fee_waived', __( 'Fees waived (yuan)', 'dangjian' ), self::amount( $s['fee_waived'] ) ),
				array( 'service.donation', __( 'Donations (yuan)', 'dangjian' ), self::amount( $s['donation'] ) ),
				array( 'service.beneficiaries', __( 'People helped', 'dangjian' ), self::count( $s['beneficiaries'] ) ),
			)
		);

		echo '<p class="description dangjian-hours-note" id="dangjian-hours-note">' . esc_html__( 'Service hours add up the length of each activity once. Volunteer hours add up the hours of every participant, so they are usually larger: an activity of 3 hours with 10 volunteers counts 3 service hours and 30 volunteer hours. Party members\' volunteer hours count only the participants who were probationary or full members on the day of the activity; applicants, activists and candidates are left out.', 'dangjian' ) . '</p>';

		$kinds = Vocabulary::kinds();
		if ( $s['by_kind'] ) {
			echo '<h3>' . esc_html__( 'Service by kind', 'dangjian' ) . '</h3><table class="widefat striped dangjian-by-kind" style="max-width:60em"><thead><tr><th>' . esc_html__( 'Kind', 'dangjian' ) . '</th><th>' . esc_html__( 'Activities', 'dangjian' ) . '</th><th>' . esc_html__( 'Hours', 'dangjian' ) . '</th><th>' . esc_html__( 'Fees waived (yuan)', 'dangjian' ) . '</th><th>' . esc_html__( 'Donations (yuan)', 'dangjian' ) . '</th><th>' . esc_html__( 'Beneficiaries', 'dangjian' ) . '</th></tr></thead><tbody>';
			foreach ( $s['by_kind'] as $kind => $row ) {
				echo '<tr><th scope="row">' . esc_html( $kinds[ $kind ] ?? $kind ) . '</th><td data-figure="service.by_kind.' . esc_attr( $kind ) . '.activities">' . esc_html( self::count( $row['activities'] ) ) . '</td><td>' . esc_html( self::amount( $row['hours'] ) ) . '</td><td>' . esc_html( self::amount( $row['fee_waived'] ) ) . '</td><td>' . esc_html( self::amount( $row['donation'] ) ) . '</td><td>' . esc_html( self::count( $row['beneficiaries'] ) ) . '</td></tr>';
			}
			echo '</tbody></table>';
		}
		if ( $s['by_venue_kind'] ) {
			$venue_kinds = Vocabulary::venue_kinds();
			echo '<h3>' . esc_html__( 'Venues by kind', 'dangjian' ) . '</h3><table class="widefat striped dangjian-by-venue" style="max-width:60em"><thead><tr><th>' . esc_html__( 'Venue kind', 'dangjian' ) . '</th><th>' . esc_html__( 'Venues', 'dangjian' ) . '</th><th>' . esc_html__( 'Activities', 'dangjian' ) . '</th><th>' . esc_html__( 'Beneficiaries', 'dangjian' ) . '</th><th>' . esc_html__( 'Hours', 'dangjian' ) . '</th></tr></thead><tbody>';
			foreach ( $s['by_venue_kind'] as $vk => $row ) {
				echo '<tr><th scope="row">' . esc_html( $venue_kinds[ $vk ] ?? $vk ) . '</th><td data-figure="service.by_venue_kind.' . esc_attr( $vk ) . '.venues">' . esc_html( self::count( $row['venues'] ) ) . '</td><td>' . esc_html( self::count( $row['activities'] ) ) . '</td><td>' . esc_html( self::count( $row['beneficiaries'] ) ) . '</td><td>' . esc_html( self::amount( $row['hours'] ) ) . '</td></tr>';
			}
			echo '</tbody></table>';
		}
		echo '<h3>' . esc_html__( 'Month by month', 'dangjian' ) . '</h3><table class="widefat striped dangjian-by-month" style="max-width:40em"><thead><tr><th>' . esc_html__( 'Month', 'dangjian' ) . '</th><th>' . esc_html__( 'Activities', 'dangjian' ) . '</th><th>' . esc_html__( 'Hours', 'dangjian' ) . '</th><th>' . esc_html__( 'Beneficiaries', 'dangjian' ) . '</th></tr></thead><tbody>';
		foreach ( $s['by_month'] as $row ) {
			echo '<tr><th scope="row">' . esc_html( $row['month'] ) . '</th><td>' . esc_html( self::count( $row['activities'] ) ) . '</td><td>' . esc_html( self::amount( $row['hours'] ) ) . '</td><td>' . esc_html( self::count( $row['beneficiaries'] ) ) . '</td></tr>';
		}
		echo '</tbody></table>';
		if ( $s['top_volunteers'] ) {
			$names = Records::names( array_column( $s['top_volunteers'], 'id' ) );
			echo '<h3>' . esc_html__( 'Most active volunteers', 'dangjian' ) . '</h3><table class="widefat striped dangjian-top" style="max-width:40em"><thead><tr><th>' . esc_html__( 'Name', 'dangjian' ) . '</th><th>' . esc_html__( 'Hours', 'dangjian' ) . '</th><th>' . esc_html__( 'Activities', 'dangjian' ) . '</th></tr></thead><tbody>';
			foreach ( $s['top_volunteers'] as $row ) {
				echo '<tr><td>' . esc_html( $names[ (int) $row['id'] ] ?? (string) $row['id'] ) . '</td><td>' . esc_html( self::amount( $row['hours'] ) ) . '</td><td>' . esc_html( self::count( $row['activities'] ) ) . '</td></tr>';
			}
			echo '</tbody></table>';
		}

		$mt = $stats['meetings'];
		self::table(
			__( 'Branch meetings', 'dangjian' ),
			array(
				array( 'meetings.total', __( 'Meetings held', 'dangjian' ), self::count( $mt['total'] ) ),
				array( 'meetings.hours', __( 'Meeting hours', 'dangjian' ), self::amount( $mt['hours'] ) ),
			)
		);
		if ( $mt['by_kind'] ) {
			echo '<table class="widefat striped dangjian-meetings-by-kind" style="max-width:40em"><thead><tr><th>' . esc_html__( 'Kind', 'dangjian' ) . '</th><th>' . esc_html__( 'Meetings', 'dangjian' ) . '</th><th>' . esc_html__( 'Periods without one', 'dangjian' ) . '</th></tr></thead><tbody>';
			$all = array_unique( array_merge( array_keys( $mt['by_kind'] ), array_keys( $mt['missing'] ) ) );
			foreach ( $all as $kind ) {
				$today   = Period::today();
				$missing = array_filter( $mt['missing'][ $kind ] ?? array(), static fn( $p ) => self::period_end( $p ) <= $today );
				echo '<tr><th scope="row">' . esc_html( $kinds[ $kind ] ?? $kind ) . '</th><td data-figure="meetings.by_kind.' . esc_attr( $kind ) . '">' . esc_html( self::count( $mt['by_kind'][ $kind ] ?? 0 ) ) . '</td><td>' . esc_html( implode( '、', $missing ) ) . '</td></tr>';
			}
			echo '</tbody></table>';
		}

		$coverage = Records::coverage( $stats['period']['from'], $stats['period']['to'] );
		$honours  = Records::honours_in( $stats['period']['from'], $stats['period']['to'] );
		self::table(
			__( 'Publicity and honours', 'dangjian' ),
			array(
				array( 'coverage.total', __( 'Media reports', 'dangjian' ), self::count( $coverage['total'] ) ),
				array( 'honours.total', __( 'Honours received', 'dangjian' ), self::count( $honours['total'] ) ),
			)
		);
		if ( $honours['items'] ) {
			$levels = Vocabulary::honour_levels();
			echo '<ul class="dangjian-honours">';
			foreach ( $honours['items'] as $h ) {
				echo '<li>' . esc_html( $h['date'] . ' ' . $h['title'] . ( '' !== $h['awarded_by'] ? '（' . $h['awarded_by'] . '）' : '' ) . ' · ' . ( $levels[ $h['level'] ] ?? $h['level'] ) ) . '</li>';
			}
			echo '</ul>';
		}
	}

	/**
	 * The last day of a period of meetings.missing ("YYYY-MM", "YYYY-Qn" or "YYYY").
	 *
	 * @param string $p The period.
	 */
	private static function period_end( string $p ): string {
		if ( preg_match( '/^(\d{4})-(\d{2})$/', $p, $m ) ) {
			return $p . '-' . cal_days_in_month_safe( (int) $m[2], (int) $m[1] );
		}
		if ( preg_match( '/^(\d{4})-Q([1-4])$/', $p, $m ) ) {
			$month = 3 * (int) $m[2];
			return sprintf( '%s-%02d-%02d', $m[1], $month, cal_days_in_month_safe( $month, (int) $m[1] ) );
		}
		return $p . '-12-31';
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
	public static function amount( $value ): string {
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

/**
 * The number of days of a month (the calendar extension may be absent).
 *
 * @param int $month 1–12.
 * @param int $year  The year.
 */
function cal_days_in_month_safe( int $month, int $year ): int {
	return (int) gmdate( 't', gmmktime( 0, 0, 0, $month, 1, $year ) );
}

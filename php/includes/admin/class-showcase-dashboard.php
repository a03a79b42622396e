<?php
/**
 * The dashboard's pictures: the showcase's charts for the chosen period (from the full figures: the
 * dashboard is behind view_dangjian), and the reminders as a grouped list with links to the people.
 *
 * Markup: <div class="dangjian-dashboard-charts" id="dangjian-charts"> holding the three
 * <figure class="dangjian-chart" data-chart="month|venue|pipeline">; the reminders in
 * <div class="dangjian-reminders" id="dangjian-reminders">, one <ul data-reminder-group="due|overdue|
 * eligible|missing|candidate_early|long_probation"> per group with at most Reminders::SHOWN items
 * <li data-person="ID" data-reminder="KIND"> (or data-warning="RULE"), then
 * <a data-reminder-list="GROUP"> to the people list of the whole group; the names link to the
 * person's edit form for users with manage_dangjian. The WordPress dashboard's widget
 * (Showcase_Dashboard::widget()) is <div id="dangjian-widget">.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Printed by Admin::render_dashboard().
 */
final class Showcase_Dashboard {

	/**
	 * Prints the three charts of a period.
	 *
	 * @param array $stats dangjian_stats()'s result for the period.
	 */
	public static function charts( array $stats ): void {
		Showcase::enqueue_style();
		$locale = Format::locale();
		$m      = $stats['members'];
		echo '<h2>' . esc_html__( 'Charts', 'dangjian' ) . '</h2>';
		echo '<div class="dangjian-dashboard-charts" id="dangjian-charts">';
		echo Charts::month( $stats['service']['by_month'], 'dangjian-dash-month', 'auto', $locale ); // phpcs:ignore WordPress.Security.EscapeOutput -- Escaped by Charts.
		echo Charts::venue( $stats['service']['by_venue_kind'], 'dangjian-dash-venue', 'auto', $locale ); // phpcs:ignore WordPress.Security.EscapeOutput -- Escaped by Charts.
		echo Charts::pipeline( array_intersect_key( $m, Charts::stage_labels() ), 'dangjian-dash-pipeline', 'auto', $locale ); // phpcs:ignore WordPress.Security.EscapeOutput -- Escaped by Charts.
		echo '</div>';
	}

	/**
	 * Prints the reminders (dated today) and the rule warnings, grouped: each group's count, its first
	 * Reminders::SHOWN people (linked to their edit form for managers, a name alone for readers) and,
	 * when there are more, a link to the people list showing exactly that group (?reminder=GROUP).
	 * The page stays small whatever the number of people concerned.
	 */
	public static function reminders(): void {
		$summary = Reminders::summary();
		echo '<div class="dangjian-reminders" id="dangjian-reminders"><h2>' . esc_html__( 'Reminders', 'dangjian' ) . '</h2>';
		if ( is_wp_error( $summary ) ) {
			echo '<p>' . esc_html( $summary->get_error_message() ) . '</p></div>';
			return;
		}
		$reminders = $summary['reminders'];
		$groups    = self::groups( $reminders, $summary['warnings'] );
		$counts    = $summary['counts'];
		$kinds  = Vocabulary::kinds();
		$total  = array_sum( $counts ) + count( $reminders['missing'] );
		if ( 0 === $total ) {
			echo '<p>' . esc_html__( 'Nothing needs attention.', 'dangjian' ) . '</p>';
		}
		foreach ( array( 'due', 'overdue', 'eligible' ) as $key ) {
			self::group( $key, $groups[ $key ], $counts[ $key ], $reminders['today'] );
		}
		if ( $reminders['missing'] ) {
			echo '<h3>' . esc_html__( 'Meetings not held', 'dangjian' ) . ' <span class="count">(' . esc_html( number_format_i18n( count( $reminders['missing'] ) ) ) . ')</span></h3>';
			echo '<ul class="ul-disc" data-reminder-group="missing">';
			foreach ( $reminders['missing'] as $kind => $periods ) {
				/* translators: 1: a kind of meeting, 2: a list of months, quarters or years. */
				echo '<li data-reminder="missing">' . esc_html( sprintf( __( 'No %1$s was recorded in: %2$s.', 'dangjian' ), $kinds[ $kind ] ?? $kind, implode( '、', $periods ) ) ) . '</li>';
			}
			echo '</ul>';
		}

		echo '<h2>' . esc_html__( 'Rule warnings', 'dangjian' ) . '</h2>';
		if ( ! $groups['candidate_early'] && ! $groups['long_probation'] && ! $groups['plausibility'] ) {
			echo '<p>' . esc_html__( 'No rule is broken.', 'dangjian' ) . '</p>';
		}
		foreach ( array( 'candidate_early', 'long_probation', 'plausibility' ) as $key ) {
			self::group( $key, $groups[ $key ], $counts[ $key ] ?? 0, $reminders['today'] );
		}
		self::digest_form();
		echo '</div>';
	}

	/**
	 * One line at the top of the dashboard: how many people each reminder concerns, each count a
	 * link to its list, and a link down to the reminders (nothing when nothing is due).
	 */
	public static function attention(): void {
		$summary = Reminders::summary();
		if ( is_wp_error( $summary ) ) {
			return;
		}
		$titles = Reminders::titles();
		$parts  = array();
		foreach ( $summary['counts'] as $key => $n ) {
			if ( $n > 0 ) {
				/* translators: 1: a group of people (Overdue for conversion, …), 2: how many. */
				$parts[] = '<a href="' . esc_url( Admin_Pages::url( 'people', array( 'reminder' => $key ) ) ) . '">' . esc_html( sprintf( _x( '%1$s: %2$s', 'a group of people and how many', 'dangjian' ), $titles[ $key ], number_format_i18n( $n ) ) ) . '</a>';
			}
		}
		if ( ! $parts && ! $summary['reminders']['missing'] ) {
			return;
		}
		echo '<div class="notice notice-warning inline dangjian-attention" id="dangjian-attention"><p><strong>' . esc_html__( 'Needs attention:', 'dangjian' ) . '</strong> ' . implode( esc_html_x( '; ', 'between the groups of the attention line', 'dangjian' ), $parts ) . ' <a href="#dangjian-reminders">' . esc_html__( 'All reminders', 'dangjian' ) . '</a></p></div>'; // phpcs:ignore WordPress.Security.EscapeOutput -- Escaped when built.
	}

	/**
	 * The people of each group (Reminders::GROUPS): the reminders' lists and the warnings by rule.
	 *
	 * @param array $reminders Reminders::get().
	 * @param array $warnings  Reminders::warnings().
	 * @return array<string,array[]>
	 */
	private static function groups( array $reminders, array $warnings ): array {
		$groups = array(
			'due'             => $reminders['due'],
			'overdue'         => $reminders['overdue'],
			'eligible'        => $reminders['eligible'],
			'candidate_early' => array(),
			'long_probation'  => array(),
			'plausibility'    => array(),
		);
		foreach ( $warnings as $w ) {
			$groups[ $w['rule'] ][] = $w;
		}
		return $groups;
	}

	/**
	 * A person's name, linked to their edit form for managers.
	 *
	 * @param int    $id   The person.
	 * @param string $name Their name ('' prints #id).
	 */
	private static function person( int $id, string $name ): string {
		$name = '' === $name ? '#' . $id : $name;
		if ( ! current_user_can( Capabilities::MANAGE ) ) {
			return esc_html( $name );
		}
		return '<a href="' . esc_url(
			Admin_Pages::url(
				'people',
				array(
					'action' => 'edit',
					'id'     => $id,
				)
			)
		) . '">' . esc_html( $name ) . '</a>';
	}

	/**
	 * One group: its title and count, its first people, and the link to all of them.
	 *
	 * @param string  $key   The group.
	 * @param array[] $items Its first people (each with id and name, and the group's dates or message).
	 * @param int     $count How many people the group holds.
	 * @param string  $today Today.
	 */
	private static function group( string $key, array $items, int $count, string $today ): void {
		if ( ! $items ) {
			return;
		}
		$titles = Reminders::titles();
		echo '<h3>' . esc_html( $titles[ $key ] ) . ' <span class="count">(' . esc_html( number_format_i18n( $count ) ) . ')</span></h3>';
		echo '<ul class="ul-disc" data-reminder-group="' . esc_attr( $key ) . '">';
		foreach ( array_slice( $items, 0, Reminders::SHOWN ) as $item ) {
			$who = self::person( (int) $item['id'], (string) $item['name'] );
			if ( 'due' === $key ) {
				$days = (int) round( ( strtotime( $item['due_on'] . ' 00:00:00 UTC' ) - strtotime( $today . ' 00:00:00 UTC' ) ) / DAY_IN_SECONDS );
				/* translators: 1: a person's name, 2: a date. */
				$text = sprintf( esc_html__( '%1$s is due for conversion to full membership on %2$s.', 'dangjian' ), $who, esc_html( $item['due_on'] ) )
					/* translators: %d: a number of days. */
					. ' <span class="description">' . esc_html( sprintf( _n( 'In %d day.', 'In %d days.', $days, 'dangjian' ), $days ) ) . '</span>';
			} elseif ( 'overdue' === $key ) {
				/* translators: 1: a person's name, 2: a date. */
				$text = sprintf( esc_html__( '%1$s was due for conversion on %2$s: record the decision.', 'dangjian' ), $who, esc_html( $item['due_on'] ) );
			} elseif ( 'eligible' === $key ) {
				/* translators: 1: a person's name, 2: a date. */
				$text = sprintf( esc_html__( '%1$s has been an activist since %2$s and may be named a candidate.', 'dangjian' ), $who, esc_html( $item['activist_on'] ) );
			} else {
				$text = $who . '：' . esc_html( $item['message'] );
			}
			$attr = in_array( $key, array( 'candidate_early', 'long_probation', 'plausibility' ), true ) ? ' data-warning="' . esc_attr( $key ) . '"' : ' data-reminder="' . esc_attr( $key ) . '"';
			echo '<li data-person="' . esc_attr( (string) $item['id'] ) . '"' . $attr . '>' . $text . '</li>'; // phpcs:ignore WordPress.Security.EscapeOutput -- Escaped when built.
		}
		echo '</ul>';
		echo '<p class="dangjian-reminder-all"><a data-reminder-list="' . esc_attr( $key ) . '" href="' . esc_url( Admin_Pages::url( 'people', array( 'reminder' => $key ) ) ) . '">' . esc_html(
			$count > Reminders::SHOWN
				/* translators: %s: a number of people. */
				? sprintf( _n( 'All %s person of this group in the people list', 'All %s people of this group in the people list', $count, 'dangjian' ), number_format_i18n( $count ) )
				: __( 'Open them in the people list', 'dangjian' )
		) . '</a></p>';
	}

	/**
	 * The weekly digest's opt-in: a button that turns it on or off for the current user.
	 */
	private static function digest_form(): void {
		$on = Reminders::wants_digest( get_current_user_id() );
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="dangjian-digest" id="dangjian-digest">';
		echo '<input type="hidden" name="action" value="dangjian_digest" />';
		echo '<input type="hidden" name="digest" value="' . ( $on ? '0' : '1' ) . '" />';
		wp_nonce_field( 'dangjian_digest' );
		echo '<p>' . esc_html(
			$on
				/* translators: %s: an e-mail address. */
				? sprintf( __( 'A digest of these reminders is sent to %s every Monday.', 'dangjian' ), wp_get_current_user()->user_email )
				: __( 'Receive these reminders by e-mail every Monday (only when something needs attention).', 'dangjian' )
		) . ' ';
		submit_button( $on ? __( 'Stop the weekly e-mail', 'dangjian' ) : __( 'Send me the weekly e-mail', 'dangjian' ), 'secondary small', 'submit', false );
		echo '</p></form>';
	}

	/**
	 * The WordPress dashboard's widget "党建提醒": each group's count with its first few people and
	 * the link to all of them, and a link to the plugin's dashboard.
	 */
	public static function widget(): void {
		if ( ! current_user_can( Capabilities::VIEW ) ) {
			return;
		}
		$summary = Reminders::summary();
		if ( is_wp_error( $summary ) ) {
			echo '<p>' . esc_html( $summary->get_error_message() ) . '</p>';
			return;
		}
		$reminders = $summary['reminders'];
		$groups    = self::groups( $reminders, $summary['warnings'] );
		$counts    = $summary['counts'];
		$titles = Reminders::titles();
		echo '<div class="dangjian-widget" id="dangjian-widget">';
		$any = false;
		echo '<ul>';
		foreach ( $groups as $key => $items ) {
			if ( ! $items ) {
				continue;
			}
			$any   = true;
			$names = array();
			foreach ( array_slice( $items, 0, 3 ) as $item ) {
				$names[] = self::person( (int) $item['id'], (string) $item['name'] );
			}
			echo '<li data-reminder-group="' . esc_attr( $key ) . '"><strong><a href="' . esc_url( Admin_Pages::url( 'people', array( 'reminder' => $key ) ) ) . '">' . esc_html( $titles[ $key ] ) . '</a></strong> <span class="count">(' . esc_html( number_format_i18n( $counts[ $key ] ) ) . ')</span><br />' . implode( '、', $names ) . ( $counts[ $key ] > 3 ? ' …' : '' ) . '</li>'; // phpcs:ignore WordPress.Security.EscapeOutput -- Escaped when built.
		}
		if ( $reminders['missing'] ) {
			$any = true;
			/* translators: %s: a number of kinds of meetings. */
			echo '<li data-reminder-group="missing">' . esc_html( sprintf( _n( '%s kind of meeting was not held as required.', '%s kinds of meetings were not held as required.', count( $reminders['missing'] ), 'dangjian' ), number_format_i18n( count( $reminders['missing'] ) ) ) ) . '</li>';
		}
		echo '</ul>';
		if ( ! $any ) {
			echo '<p>' . esc_html__( 'Nothing needs attention.', 'dangjian' ) . '</p>';
		}
		echo '<p><a href="' . esc_url( admin_url( 'admin.php?page=' . Admin::SLUG . '#dangjian-reminders' ) ) . '">' . esc_html__( 'All reminders on the Party building dashboard', 'dangjian' ) . '</a></p></div>';
	}
}

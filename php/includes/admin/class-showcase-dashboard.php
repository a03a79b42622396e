<?php
/**
 * The dashboard's pictures: the showcase's charts for the chosen period (from the full figures: the
 * dashboard is behind view_dangjian), and the reminders as a grouped list with links to the people.
 *
 * Markup: <div class="dangjian-dashboard-charts" id="dangjian-charts"> holding the three
 * <figure class="dangjian-chart" data-chart="month|venue|pipeline">; the reminders in
 * <div class="dangjian-reminders" id="dangjian-reminders">, one <ul data-reminder-group="due|overdue|
 * eligible|missing|warnings"> per kind with items <li data-person="ID" data-reminder="KIND"> (or
 * data-warning="RULE"); the names link to the person's edit form for users with manage_dangjian.
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
	 * Prints the reminders (dated today) and the rule warnings, grouped, each person linked to their
	 * edit form for managers (a name alone for readers).
	 */
	public static function reminders(): void {
		$reminders = Reminders::get();
		$warnings  = Reminders::warnings();
		$manage    = current_user_can( Capabilities::MANAGE );
		$link      = static function ( int $id, string $name ) use ( $manage ): string {
			$name = '' === $name ? '#' . $id : $name;
			if ( ! $manage ) {
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
		};
		echo '<div class="dangjian-reminders" id="dangjian-reminders"><h2>' . esc_html__( 'Reminders', 'dangjian' ) . '</h2>';
		if ( is_wp_error( $reminders ) ) {
			echo '<p>' . esc_html( $reminders->get_error_message() ) . '</p></div>';
			return;
		}
		$kinds  = Vocabulary::kinds();
		$groups = array();
		$days   = static function ( string $from, string $to ): int {
			return (int) round( ( strtotime( $to . ' 00:00:00 UTC' ) - strtotime( $from . ' 00:00:00 UTC' ) ) / DAY_IN_SECONDS );
		};

		$items = array();
		foreach ( $reminders['due'] as $r ) {
			$items[] = array(
				$r['id'],
				/* translators: 1: a person's name, 2: a date. */
				sprintf( esc_html__( '%1$s is due for conversion to full membership on %2$s.', 'dangjian' ), $link( $r['id'], $r['name'] ), esc_html( $r['due_on'] ) )
				/* translators: %d: a number of days. */
				. ' <span class="description">' . esc_html( sprintf( _n( 'In %d day.', 'In %d days.', $days( $reminders['today'], $r['due_on'] ), 'dangjian' ), $days( $reminders['today'], $r['due_on'] ) ) ) . '</span>',
			);
		}
		/* translators: %d: a number of days. */
		$groups['due'] = array( sprintf( __( 'Probationary members due for conversion within %d days', 'dangjian' ), Reminders::DUE_WITHIN ), $items, array( 'stage' => 'probationary' ) );

		$items = array();
		foreach ( $reminders['overdue'] as $r ) {
			$items[] = array(
				$r['id'],
				/* translators: 1: a person's name, 2: a date. */
				sprintf( esc_html__( '%1$s was due for conversion on %2$s: record the decision.', 'dangjian' ), $link( $r['id'], $r['name'] ), esc_html( $r['due_on'] ) ),
			);
		}
		$groups['overdue'] = array( __( 'Overdue for conversion', 'dangjian' ), $items, array( 'stage' => 'probationary' ) );

		$items = array();
		foreach ( $reminders['eligible'] as $r ) {
			$items[] = array(
				$r['id'],
				/* translators: 1: a person's name, 2: a date. */
				sprintf( esc_html__( '%1$s has been an activist since %2$s and may be named a candidate.', 'dangjian' ), $link( $r['id'], $r['name'] ), esc_html( $r['activist_on'] ) ),
			);
		}
		$groups['eligible'] = array( __( 'Activists eligible to become candidates', 'dangjian' ), $items, array( 'stage' => 'activist' ) );

		$items = array();
		foreach ( $reminders['missing'] as $kind => $periods ) {
			$items[] = array(
				0,
				/* translators: 1: a kind of meeting, 2: a list of months, quarters or years. */
				sprintf( esc_html__( 'No %1$s was recorded in: %2$s.', 'dangjian' ), esc_html( $kinds[ $kind ] ?? $kind ), esc_html( implode( '、', $periods ) ) ),
			);
		}
		$groups['missing'] = array( __( 'Meetings not held', 'dangjian' ), $items, null );

		$total = array_sum( array_map( static fn( $g ) => count( $g[1] ), $groups ) );
		if ( 0 === $total ) {
			echo '<p>' . esc_html__( 'Nothing needs attention.', 'dangjian' ) . '</p>';
		}
		foreach ( $groups as $key => $group ) {
			if ( ! $group[1] ) {
				continue;
			}
			echo '<h3>' . esc_html( $group[0] ) . ' <span class="count">(' . esc_html( number_format_i18n( count( $group[1] ) ) ) . ')</span></h3>';
			echo '<ul class="ul-disc" data-reminder-group="' . esc_attr( $key ) . '">';
			foreach ( $group[1] as $item ) {
				echo '<li' . ( $item[0] ? ' data-person="' . esc_attr( (string) $item[0] ) . '"' : '' ) . ' data-reminder="' . esc_attr( $key ) . '">' . $item[1] . '</li>'; // phpcs:ignore WordPress.Security.EscapeOutput -- Escaped when built.
			}
			echo '</ul>';
			if ( $group[2] && $manage ) {
				echo '<p><a href="' . esc_url( Admin_Pages::url( 'people', $group[2] ) ) . '">' . esc_html__( 'Open them in the people list', 'dangjian' ) . '</a></p>';
			}
		}

		echo '<h2>' . esc_html__( 'Rule warnings', 'dangjian' ) . '</h2>';
		if ( ! $warnings ) {
			echo '<p>' . esc_html__( 'No rule is broken.', 'dangjian' ) . '</p>';
		} else {
			echo '<ul class="ul-disc" data-reminder-group="warnings">';
			foreach ( $warnings as $w ) {
				echo '<li data-person="' . esc_attr( (string) $w['id'] ) . '" data-warning="' . esc_attr( $w['rule'] ) . '">' . $link( $w['id'], $w['name'] ) . '：' . esc_html( $w['message'] ) . '</li>'; // phpcs:ignore WordPress.Security.EscapeOutput -- Escaped when built.
			}
			echo '</ul>';
		}
		echo '</div>';
	}
}

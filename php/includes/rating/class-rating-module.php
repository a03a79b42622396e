<?php
/**
 * The rating room's hooks, added from Plugin::init(), and the calls other rooms make.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the rating room: its table, admin screen, REST routes, WP-CLI command; and offers the
 * summary the report and the dashboard show, and the public badge.
 */
final class Rating_Module {

	/**
	 * Adds the hooks of the rating room. Called once from Plugin::init().
	 */
	public static function init(): void {
		register_activation_hook( DANGJIAN_PLUGIN_FILE, array( Rating_Store::class, 'install' ) );
		add_action( 'plugins_loaded', array( Rating_Store::class, 'maybe_upgrade' ) );
		add_action( 'rest_api_init', array( Rating_Rest::class, 'register' ) );
		if ( is_admin() ) {
			add_action( 'admin_menu', array( Rating_Admin::class, 'menu' ), 20 );
		}
		if ( defined( 'WP_CLI' ) && WP_CLI && class_exists( '\\WP_CLI' ) ) {
			\WP_CLI::add_command( 'dangjian rating', array( Rating_Cli::class, 'rating' ), Rating_Cli::synopsis() );
		}
	}

	/**
	 * Score, stars and target of a year, for the work report and the dashboard.
	 *
	 * @param int $year The year (1900 … this year).
	 * @return array{year:int,status:string,total:float,max_total:float,stars:int,target:int,next_stars:?int,needed:float,vetoed:bool,rubric:string}|null
	 *         null when the year cannot be assessed or its figures cannot be computed.
	 */
	public static function summary( int $year ): ?array {
		$row = Rating_Store::assessment( $year );
		if ( is_wp_error( $row ) || ! is_array( $row['result'] ) ) {
			return null;
		}
		$r = $row['result'];
		return array(
			'year'       => $year,
			'status'     => (string) $row['status'],
			'total'      => (float) $r['total'],
			'max_total'  => (float) $r['max_total'],
			'stars'      => (int) $r['stars'],
			'target'     => Rating_Store::target(),
			'next_stars' => $r['gap']['next_stars'],
			'needed'     => (float) $r['gap']['needed'],
			'vetoed'     => (bool) $r['vetoed'],
			'rubric'     => (string) $r['rubric'],
		);
	}

	/**
	 * The public badge: the stars and year of the latest closed assessment, only when the setting
	 * allows it (nothing else of the assessment is public).
	 *
	 * @return array{year:int,stars:int}|null
	 */
	public static function badge(): ?array {
		if ( ! Rating_Store::badge_allowed() ) {
			return null;
		}
		global $wpdb;
		$t   = Rating_Store::table();
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT rating_year, stars FROM {$t} WHERE status = %s ORDER BY rating_year DESC LIMIT 1", 'closed' ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		if ( ! $row || (int) $row['stars'] < 1 ) {
			return null;
		}
		return array(
			'year'  => (int) $row['rating_year'],
			'stars' => (int) $row['stars'],
		);
	}

	/**
	 * What the public badge depends on, without reading the ratings table: the setting, and the last
	 * time a year was closed or opened again (the showcase's cache key holds it, so a cached page is
	 * served with no query to the plugin's tables).
	 */
	public static function badge_key(): string {
		return Rating_Store::badge_allowed() ? 'on:' . (string) get_option( Rating_Store::CLOSED_OPTION, '' ) : 'off';
	}

	/**
	 * The badge as escaped HTML for the showcase, or '' when there is none to show.
	 */
	public static function badge_html(): string {
		$badge = self::badge();
		if ( null === $badge ) {
			return '';
		}
		return '<p class="dangjian-rating-badge" data-stars="' . esc_attr( (string) $badge['stars'] ) . '" data-year="' . esc_attr( (string) $badge['year'] ) . '">'
			. '<span class="dangjian-rating-badge-stars" aria-hidden="true">' . esc_html( str_repeat( '★', $badge['stars'] ) ) . '</span> '
			/* translators: 1: year, 2: number of stars. */
			. esc_html( sprintf( _n( '%1$d: a %2$d-star Party organisation', '%1$d: a %2$d-star Party organisation', $badge['stars'], 'dangjian' ), $badge['year'], $badge['stars'] ) )
			. '</p>';
	}

	/**
	 * A panel for the dashboard: this year's score, stars and target, with a link to the screen.
	 * Prints nothing for a user without view_dangjian.
	 */
	public static function render_dashboard_panel(): void {
		if ( ! current_user_can( Capabilities::VIEW ) ) {
			return;
		}
		$s = self::summary( Rating_Store::this_year() );
		if ( null === $s ) {
			return;
		}
		echo '<div class="dangjian-rating-panel card"><h2>' . esc_html__( 'Star rating', 'dangjian' ) . '</h2><p>';
		echo esc_html(
			sprintf(
				/* translators: 1: year, 2: points, 3: maximum points, 4: stars, 5: target stars. */
				__( '%1$d: %2$s of %3$s points, %4$d stars; target %5$d stars.', 'dangjian' ),
				$s['year'],
				Rating_View::points( $s['total'] ),
				Rating_View::points( $s['max_total'] ),
				$s['stars'],
				$s['target']
			)
		);
		echo ' <a href="' . esc_url( Rating_Admin::url( array( 'year' => $s['year'] ) ) ) . '">' . esc_html__( 'See the assessment', 'dangjian' ) . '</a></p></div>';
	}
}

<?php
/**
 * Loads the demo dataset (php/demo/class-demo.php: the Party branch of a city association of
 * psychological counsellors, 心理咨询师协会党支部) into an empty site.
 *
 * Run inside the site (`scripts/wp-env.sh run DIR php/demo/load-demo.php`, as `make demo` does).
 * Every record goes through Dangjian\Records::save(), the same validation as the admin forms.
 * Deterministic: mt_srand() with a fixed seed, and dates counted back from today (in the site's
 * time zone), so the reminders always have something to show. Idempotent: the option dangjian_demo
 * records a load, and a second run (or a run on a site that already has records) adds nothing.
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit( 2 );

if ( ! function_exists( 'dangjian_demo_load' ) ) {
	/**
	 * Loads the demo data once.
	 *
	 * @return array{loaded:bool,message:string,counts:array<string,int>}
	 */
	function dangjian_demo_load(): array {
		global $wpdb;
		$counts = array();
		$count  = static function () use ( $wpdb ) {
			$c = array();
			foreach ( Dangjian\Schema::TABLES as $name ) {
				$c[ $name ] = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Dangjian\Schema::table( $name ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
			}
			return $c;
		};
		if ( get_option( 'dangjian_demo' ) ) {
			return array(
				'loaded'  => false,
				'message' => 'the demo data is already loaded (option dangjian_demo); nothing added',
				'counts'  => $count(),
			);
		}
		$before = $count();
		if ( array_sum( $before ) > 0 ) {
			return array(
				'loaded'  => false,
				'message' => 'the site already holds records; the demo data is not mixed into them',
				'counts'  => $before,
			);
		}

		require_once __DIR__ . '/class-demo.php';
		require_once __DIR__ . '/class-demo-ratings.php';
		( new Dangjian\Demo() )->load();
		$today = Dangjian\Period::today();
		update_option( 'dangjian_demo', array( 'loaded_on' => $today ), false );
		return array(
			'loaded'  => true,
			'message' => 'demo data loaded',
			'counts'  => $count(),
		);
	}
}

if ( ! defined( 'DANGJIAN_DEMO_NO_RUN' ) ) {
	$dangjian_demo = dangjian_demo_load();
	$dangjian_line = array();
	foreach ( $dangjian_demo['counts'] as $dangjian_table => $dangjian_n ) {
		$dangjian_line[] = $dangjian_table . ' ' . $dangjian_n;
	}
	echo 'demo: ', $dangjian_demo['message'], ' (', implode( ', ', $dangjian_line ), ")\n"; // phpcs:ignore WordPress.Security.EscapeOutput -- A command-line script.
}

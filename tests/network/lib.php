<?php
/**
 * Helpers of the network tests (tests/network/run.sh), on top of tests/wp/lib.php: each test runs
 * inside the network's main site (scripts/wp-network.sh run) and prints "ok - …" / "not ok - …"
 * lines, then "# done".
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit( 2 );

require_once dirname( __DIR__ ) . '/wp/lib.php';
require_once ABSPATH . 'wp-admin/includes/ms.php';

if ( ! is_multisite() ) {
	echo "not ok - the test site is not a multisite network\n";
	exit( 1 );
}

/** How many branch sites the suite works with. */
define( 'DJ_N_SITES', (int) ( getenv( 'DJ_NETWORK_SITES' ) ?: 50 ) );

/**
 * The ids of the branch sites /branch-1/ … /branch-N/, created when missing (through
 * wp_insert_site(), so the plugin's wp_initialize_site hooks run as for any new site).
 *
 * @param int $n How many.
 * @return int[] Site ids, in order.
 */
function dj_n_sites( int $n ): array {
	$ids     = array();
	$network = get_network();
	for ( $i = 1; $i <= $n; $i++ ) {
		$path = '/branch-' . $i . '/';
		$found = get_sites(
			array(
				'path'       => $path,
				'network_id' => $network->id,
				'fields'     => 'ids',
				'number'     => 1,
			)
		);
		if ( $found ) {
			$ids[] = (int) $found[0];
			continue;
		}
		$id = wp_insert_site(
			array(
				'domain'  => $network->domain,
				'path'    => $path,
				'title'   => '测试支部' . $i,
				'user_id' => 1,
			)
		);
		if ( is_wp_error( $id ) ) {
			throw new RuntimeException( 'wp_insert_site: ' . $id->get_error_message() );
		}
		$ids[] = (int) $id;
	}
	return $ids;
}

/**
 * Fills the current site with a generated branch (deterministic by seed): people at every stage,
 * service activities with participants, meetings, in the current and the previous year. Written
 * with plain inserts and one data-version bump, as an import would.
 *
 * @param int $seed The seed.
 * @return array{people:int,activities:int}
 */
function dj_n_generate( int $seed ): array {
	global $wpdb;
	mt_srand( $seed );
	foreach ( array( 'participants', 'activities', 'people' ) as $name ) {
		$wpdb->query( 'TRUNCATE TABLE ' . Dangjian\Schema::table( $name ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
	}
	$year   = (int) wp_date( 'Y' );
	$today  = wp_date( 'Y-m-d' );
	$people = 10 + mt_rand( 0, 40 );
	$day    = static function ( int $y ) use ( $today ): string {
		$d = sprintf( '%04d-%02d-%02d', $y, mt_rand( 1, 12 ), mt_rand( 1, 28 ) );
		return $d > $today ? $y . '-01-01' : $d;
	};
	$now = current_time( 'mysql', true );
	for ( $p = 1; $p <= $people; $p++ ) {
		$stage = mt_rand( 0, 5 );
		$base  = $year - 6 + mt_rand( 0, 3 );
		$row   = array(
			'id'         => $p,
			'name'       => '成员' . $seed . '号' . $p,
			'phone'      => '1380000' . sprintf( '%04d', $p ),
			'is_staff'   => mt_rand( 0, 1 ),
			'applied_on' => $base . '-02-01',
			'created_at' => $now,
			'updated_at' => $now,
		);
		if ( $stage >= 1 ) {
			$row['activist_on'] = $base . '-05-01';
		}
		if ( $stage >= 2 ) {
			$row['candidate_on'] = ( $base + 1 ) . '-03-01';
		}
		if ( $stage >= 3 ) {
			$row['admitted_on'] = ( $base + 2 ) . '-03-01';
		}
		if ( $stage >= 4 ) {
			$row['full_on'] = ( $base + 3 ) . '-03-01';
		}
		$wpdb->insert( Dangjian\Schema::table( 'people' ), $row );
	}
	$acts  = 20 + mt_rand( 0, 60 );
	$kinds = array( 'counseling', 'lecture', 'publicity', 'volunteering' );
	$meet  = array( 'committee', 'branch_assembly', 'party_lesson', 'theme_day', 'group_meeting', 'life_meeting' );
	for ( $a = 1; $a <= $acts; $a++ ) {
		$is_meeting = mt_rand( 0, 3 ) === 0;
		$wpdb->insert(
			Dangjian\Schema::table( 'activities' ),
			array(
				'id'            => $a,
				'activity_date' => $day( mt_rand( 0, 2 ) ? $year : $year - 1 ),
				'category'      => $is_meeting ? 'meeting' : 'service',
				'kind'          => $is_meeting ? $meet[ mt_rand( 0, 5 ) ] : $kinds[ mt_rand( 0, 3 ) ],
				'title'         => '活动' . $a,
				'hours'         => mt_rand( 1, 8 ) / 2,
				'fee_waived'    => $is_meeting ? 0 : mt_rand( 0, 50000 ) / 100,
				'beneficiaries' => $is_meeting ? 0 : mt_rand( 0, 40 ),
				'created_at'    => $now,
				'updated_at'    => $now,
			)
		);
		$seen = array();
		for ( $k = mt_rand( 0, 4 ); $k > 0; $k-- ) {
			$pid = mt_rand( 1, $people );
			if ( ! isset( $seen[ $pid ] ) ) {
				$seen[ $pid ] = true;
				$wpdb->insert( Dangjian\Schema::table( 'participants' ), array( 'activity_id' => $a, 'person_id' => $pid ) );
			}
		}
	}
	Dangjian\Data_Version::bump();
	return array( 'people' => $people, 'activities' => $acts );
}

/**
 * A site's row of a year in the network table, or null.
 *
 * @param int $site The site.
 * @param int $year The year.
 */
function dj_n_row( int $site, int $year ): ?array {
	global $wpdb;
	$row = $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM ' . Dangjian\Network_Schema::table() . ' WHERE site_id = %d AND year = %d', $site, $year ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
	return $row ?: null;
}

/**
 * The figures of a site and year as the site itself computes them (switched to it, its own
 * dangjian_stats()), in the network table's columns; private figures as null.
 *
 * @param int $site The site.
 * @param int $year The year.
 * @return array column => value (strings as $wpdb would give them, or null).
 */
function dj_n_expected( int $site, int $year ): array {
	switch_to_blog( $site );
	Dangjian\Engine::forget();
	$stats  = dangjian_stats( array( 'period' => $year ) );
	$public = array_flip( Dangjian\Settings::showcase_figures() );
	$out    = array();
	foreach ( Dangjian\Network_Summary::columns() as $col => list( $key, $read ) ) {
		$out[ $col ] = isset( $public[ $key ] ) ? dj_n_db( $read( $stats ), $col ) : null;
	}
	Dangjian\Engine::forget();
	restore_current_blog();
	return $out;
}

/**
 * A value as the database gives it back for a column (decimals with 2 or 4 places).
 *
 * @param mixed  $v   The value.
 * @param string $col The column.
 */
function dj_n_db( $v, string $col ): ?string {
	if ( null === $v ) {
		return null;
	}
	if ( 'staff_share' === $col ) {
		return sprintf( '%.4F', $v );
	}
	if ( in_array( $col, array( 'service_hours', 'fee_waived', 'donation', 'volunteer_hours', 'party_volunteer_hours' ), true ) ) {
		return sprintf( '%.2F', $v );
	}
	return (string) $v;
}

/**
 * The figure columns of a stored row.
 *
 * @param array|null $row The row.
 */
function dj_n_figures( ?array $row ): array {
	return null === $row ? array() : array_intersect_key( $row, Dangjian\Network_Summary::columns() );
}

/**
 * Cleans a record's input as the plugin's forms do (Validator::sanitize, Records::sanitize before it).
 *
 * @param string $entity people or activities.
 * @param array  $input  The fields.
 */
function dj_n_clean( string $entity, array $input ): array {
	return is_callable( array( 'Dangjian\\Validator', 'sanitize' ) ) ? Dangjian\Validator::sanitize( $entity, $input ) : Dangjian\Records::sanitize( $entity, $input );
}

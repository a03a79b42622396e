<?php
/**
 * bench/network-push.php - the cost a write adds to push its site's summary (run inside the network
 * by bench/network.sh).
 *
 *   network-push.php SITES WRITES
 *
 * On SITES branch sites (/b1/, /b2/, …), WRITES writes each through the plugin's own write path
 * (Records::save of an activity of this year, then of last year, in turn). Each write's
 * dangjian_data_changed runs Network_Push::on_data_changed(), which times itself
 * (Network_Push::$timings). Before the writes each site computes its figures once, as a site whose
 * dashboard is open would. Prints "push median X ms, p90 Y ms, n N" and the same line with the
 * whole write (Records::save) for scale.
 */

defined( 'ABSPATH' ) || exit( 2 );

/**
 * Cleans a record's input as the plugin's forms do (Validator::sanitize, Records::sanitize before it).
 *
 * @param string $entity people or activities.
 * @param array  $input  The fields.
 */
function dj_bench_clean( string $entity, array $input ): array {
	return is_callable( array( 'Dangjian\\Validator', 'sanitize' ) ) ? Dangjian\Validator::sanitize( $entity, $input ) : Dangjian\Records::sanitize( $entity, $input );
}

$sites  = (int) ( $argv[1] ?? 20 );
$writes = (int) ( $argv[2] ?? 20 );
$year   = (int) wp_date( 'Y' );
$whole  = array();
Dangjian\Network_Push::$timings = array();
for ( $i = 1; $i <= $sites; $i++ ) {
	$found = get_sites( array( 'path' => '/b' . $i . '/', 'fields' => 'ids', 'number' => 1 ) );
	if ( ! $found ) {
		break;
	}
	switch_to_blog( (int) $found[0] );
	Dangjian\Engine::forget();
	dangjian_stats( array( 'period' => $year ) );
	for ( $w = 0; $w < $writes; $w++ ) {
		$values = dj_bench_clean(
			'activities',
			array(
				'activity_date' => ( $w % 2 ? $year - 1 : $year ) . '-03-' . sprintf( '%02d', 1 + $w % 28 ),
				'category'      => 'service',
				'kind'          => 'lecture',
				'title'         => '基准写入' . $w,
				'hours'         => '2',
				'beneficiaries' => '5',
			)
		);
		$t0 = hrtime( true );
		$id = Dangjian\Records::save( 'activities', $values );
		$whole[] = ( hrtime( true ) - $t0 ) / 1e6;
		if ( ! is_int( $id ) ) {
			fwrite( STDERR, "network-push: a write failed\n" );
			exit( 1 );
		}
	}
	Dangjian\Engine::forget();
	restore_current_blog();
}
$push = array_map( static fn( $s ) => $s * 1000, Dangjian\Network_Push::$timings );
sort( $push );
sort( $whole );
$q = static fn( array $v, float $p ) => $v ? $v[ (int) floor( ( count( $v ) - 1 ) * $p ) ] : 0.0;
printf( "push median %.2f ms, p90 %.2f ms, n %d\n", $q( $push, 0.5 ), $q( $push, 0.9 ), count( $push ) );
printf( "write median %.2f ms, p90 %.2f ms, n %d\n", $q( $whole, 0.5 ), $q( $whole, 0.9 ), count( $whole ) );

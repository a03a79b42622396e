<?php
/**
 * A streamed restore fills copies of the tables and swaps them in at the end: a write to the tables
 * meanwhile would be lost with the old tables. While another connection restores (holds
 * Records::restore_lock()), every write of the plugin (a save, a delete, an import) is refused with
 * a message and changes nothing, and a second restore is refused rather than run beside it. Once the
 * restore ends, writes work again. Fails on the code before: the save reported success.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Backup;
use Dangjian\Records;
use Dangjian\Schema;
use Dangjian\Validator;

dj_t_reset();
$kept = Records::save( 'people', Validator::sanitize( 'people', array( 'name' => '留', 'applied_on' => '2022-03-01' ) ) );
dj_t_ok( is_int( $kept ), 'a person saved before any restore' );
$dir = sys_get_temp_dir() . '/dj-restore-lock-' . getmypid();
wp_mkdir_p( $dir );
Backup::save( $dir . '/before.json.gz' );

// Another connection restoring: it holds the restore's lock.
list( $host, $port, $socket ) = $wpdb->parse_db_host( DB_HOST );
$other                        = mysqli_init();
dj_t_ok( @mysqli_real_connect( $other, $host, DB_USER, DB_PASSWORD, DB_NAME, null === $port ? null : (int) $port, $socket ), 'a second connection' );
$got = mysqli_query( $other, "SELECT GET_LOCK('" . mysqli_real_escape_string( $other, Records::restore_lock() ) . "', 0)" )->fetch_row()[0];
dj_t_same( '1', (string) $got, 'the other connection takes the restore\'s lock' );
dj_t_ok( Records::restore_running(), 'restore_running() sees it' );

$count = static fn( string $t ): int => (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Schema::table( $t ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
$saved = Records::save( 'people', Validator::sanitize( 'people', array( 'name' => '丢', 'applied_on' => '2022-04-01' ) ) );
dj_t_ok( is_wp_error( $saved ), 'a save while a restore runs is refused' );
dj_t_ok( is_wp_error( $saved ) && str_contains( $saved->get_error_message() . ' ' . implode( ' ', (array) ( $saved->get_error_data()['errors'] ?? array() ) ), Records::restore_running_text() ), '... saying why', is_wp_error( $saved ) ? $saved->get_error_message() : '' );
dj_t_same( 1, $count( 'people' ), '... and nothing was written' );
dj_t_same( 0, Records::delete( 'people', array( $kept ) ), 'a delete while a restore runs deletes nothing' );
dj_t_same( 1, $count( 'people' ), '... the person is still there' );

$report = Dangjian\Import::commit( 'people', "姓名,申请入党日期\n新人,2023-01-05\n" );
dj_t_ok( ! empty( $report['errors'] ) && empty( $report['imported'] ), 'an import while a restore runs is refused', wp_json_encode( $report['errors'] ?? null, JSON_UNESCAPED_UNICODE ) );
dj_t_same( 1, $count( 'people' ), '... and nothing was imported' );

$second = Backup::restore_file( $dir . '/before.json.gz' );
dj_t_ok( ! empty( $second['errors'] ), 'a second restore while one runs is refused', wp_json_encode( $second['errors'], JSON_UNESCAPED_UNICODE ) );
dj_t_same( 1, $count( 'people' ), '... and changes nothing' );

mysqli_query( $other, "SELECT RELEASE_LOCK('" . mysqli_real_escape_string( $other, Records::restore_lock() ) . "')" );
mysqli_close( $other );
dj_t_ok( ! Records::restore_running(), 'the restore ended' );
$saved = Records::save( 'people', Validator::sanitize( 'people', array( 'name' => '回', 'applied_on' => '2022-05-01' ) ) );
dj_t_ok( is_int( $saved ), 'a save after the restore works' );
$r = Backup::restore_file( $dir . '/before.json.gz' );
dj_t_same( array(), $r['errors'], 'a restore with no other running works' );
dj_t_same( 1, $count( 'people' ), '... and gives back the backup\'s one person' );
dj_t_ok( ! Records::restore_running(), '... and lets its lock go' );
dj_t_ok( is_int( Records::save( 'people', Validator::sanitize( 'people', array( 'name' => '后', 'applied_on' => '2022-06-01' ) ) ) ), 'a save after that restore works' );
array_map( 'unlink', glob( $dir . '/*' ) );
rmdir( $dir );

dj_t_done();

<?php
/**
 * Refused or abandoned CSV uploads (issue 11, item 8): a daily wp-cron event deletes what is older
 * than a day; cancelling, leaving the preview, a new upload or logging out deletes the user's own;
 * the personal-data eraser deletes the uploads that mention the person (UTF-8 or GB18030).
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Uploads;

dj_t_reset();
if ( ! has_action( Uploads::CRON_HOOK ) ) {
	Uploads::init(); // Until Plugin::init() calls it.
	do_action( 'init' );
}
$dir = Uploads::private_dir( Uploads::IMPORT_DIR );
dj_t_ok( null !== $dir, 'the import folder can be written' );
foreach ( Uploads::imports() as $upload ) {
	foreach ( $upload[2] as $file ) {
		unlink( $file );
	}
}

/**
 * Stores an upload as the import page does: "<user>-<token>.csv" and ".json".
 *
 * @param int    $user  The user.
 * @param string $bytes The CSV.
 * @param int    $age   Seconds since it was uploaded.
 * @return string The token.
 */
function dj_t_upload( int $user, string $bytes, int $age = 0 ): string {
	$dir   = Uploads::private_dir( Uploads::IMPORT_DIR );
	$token = bin2hex( random_bytes( 16 ) );
	file_put_contents( "$dir/$user-$token.csv", $bytes );
	file_put_contents( "$dir/$user-$token.json", wp_json_encode( array( 'type' => 'people', 'name' => 'a.csv', 'time' => time() - $age ) ) );
	touch( "$dir/$user-$token.csv", time() - $age );
	touch( "$dir/$user-$token.json", time() - $age );
	return $token;
}

// The daily event.
dj_t_ok( false !== wp_next_scheduled( Uploads::CRON_HOOK ), 'a daily cleanup is scheduled in wp-cron' );
$schedule = wp_get_schedule( Uploads::CRON_HOOK );
dj_t_same( 'daily', $schedule, '... once a day' );
$old   = dj_t_upload( 7, "姓名,手机\n张三,13800000001\n", DAY_IN_SECONDS + 60 );
$fresh = dj_t_upload( 7, "姓名,手机\n李四,13800000002\n", 60 );
do_action( Uploads::CRON_HOOK );
dj_t_ok( ! is_file( "$dir/7-$old.csv" ) && ! is_file( "$dir/7-$old.json" ), 'the event deletes an upload older than a day (its CSV and its note)' );
dj_t_ok( is_file( "$dir/7-$fresh.csv" ), '... and keeps a fresh one' );

// Cancelled, left, replaced, logged out.
dj_t_ok( Uploads::delete_import( 7, $fresh ) && ! is_file( "$dir/7-$fresh.csv" ), 'a cancelled (or imported) upload is deleted' );
$a = dj_t_upload( 7, "x\n" );
$b = dj_t_upload( 7, "y\n" );
$c = dj_t_upload( 8, "z\n" );
dj_t_same( 1, Uploads::forget_user( 7, $b ), 'leaving a preview for another (or a new upload) deletes the user\'s other uploads' );
dj_t_ok( ! is_file( "$dir/7-$a.csv" ) && is_file( "$dir/7-$b.csv" ) && is_file( "$dir/8-$c.csv" ), '... keeping the one in view and other users\' own' );
do_action( 'wp_logout', 7 );
dj_t_ok( ! is_file( "$dir/7-$b.csv" ) && is_file( "$dir/8-$c.csv" ), 'logging out deletes the user\'s uploads' );
Uploads::delete_import( 8, $c );

// The personal-data eraser.
$wpdb->insert( Dangjian\Schema::table( 'people' ), array( 'name' => '王五', 'phone' => '13912345678', 'email' => 'wang5@example.org' ) );
$utf8  = dj_t_upload( 9, "姓名,手机\n王五,13912345678\n" );
$gbk   = dj_t_upload( 9, (string) mb_convert_encoding( "姓名,性别\n王五,男\n", 'GB18030', 'UTF-8' ) );
$mail  = dj_t_upload( 9, "name,email\nX,WANG5@example.org\n" );
$other = dj_t_upload( 9, "姓名,手机\n赵六,13700000000\n" );
$erasers = apply_filters( 'wp_privacy_personal_data_erasers', array() );
dj_t_ok( isset( $erasers['dangjian-import-uploads'] ), 'an eraser for the kept uploads is registered' );
$keys = array_keys( $erasers );
if ( isset( $erasers['dangjian-people'] ) ) {
	dj_t_ok( array_search( 'dangjian-import-uploads', $keys, true ) < array_search( 'dangjian-people', $keys, true ), '... before the people records\' own (which clears the name it looks for)' );
}
$r = call_user_func( $erasers['dangjian-import-uploads']['callback'], 'Wang5@example.org ', 1 );
dj_t_ok( true === $r['items_removed'] && true === $r['done'], 'the eraser reports what it removed', wp_json_encode( $r ) );
dj_t_ok( ! is_file( "$dir/9-$utf8.csv" ) && ! is_file( "$dir/9-$gbk.csv" ) && ! is_file( "$dir/9-$mail.csv" ), 'it deletes the uploads naming the person, by phone, by name in GB18030, by e-mail' );
dj_t_ok( is_file( "$dir/9-$other.csv" ), '... and keeps an upload about someone else' );
Uploads::delete_import( 9, $other );

dj_t_reset();
dj_t_done();

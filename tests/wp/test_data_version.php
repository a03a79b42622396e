<?php
/**
 * The data version: bumped atomically by every write, read fresh from the database.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

$v = Dangjian\Data_Version::get();
dj_t_ok( $v >= 1, 'the data version is a positive number' );

$fired = array();
add_action(
	'dangjian_data_changed',
	static function ( $version ) use ( &$fired ) {
		$fired[] = $version;
	}
);
$w = Dangjian\Data_Version::bump();
dj_t_same( $v + 1, $w, 'bump() increments the version by one' );
dj_t_same( $w, Dangjian\Data_Version::get(), 'get() returns the bumped version' );
dj_t_same( array( $w ), $fired, 'bump() fires dangjian_data_changed with the new version' );

// Another process's write is seen at once: the option is read from the database, not a cache.
$wpdb->update( $wpdb->options, array( 'option_value' => (string) ( $w + 10 ) ), array( 'option_name' => Dangjian\Data_Version::OPTION ) );
dj_t_same( $w + 10, Dangjian\Data_Version::get(), 'get() sees a version written by another process' );
dj_t_same( $w + 11, Dangjian\Data_Version::bump(), 'bump() counts on from the stored value' );

// A site without the option starts counting again and never reuses 1 as "changed".
delete_option( Dangjian\Data_Version::OPTION );
dj_t_same( 2, Dangjian\Data_Version::bump(), 'bump() on a site without the option stores 2' );
// Never let a version number be reused on this site: snapshots and cached figures are named by it.
update_option( Dangjian\Data_Version::OPTION, (string) ( $w + 100 ), false );
dj_t_same( 'no', $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", Dangjian\Data_Version::OPTION ) ), 'the option is not autoloaded' );

dj_t_done();

<?php
/**
 * The plugin's private folders under uploads/ (the engine's snapshots, refused imports).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Private upload folders.
 */
final class Uploads {

	/**
	 * The folder uploads/$name, with an index.php and a deny-all .htaccess so that Apache does not
	 * list or serve it (other servers need their own rule: see the README); null when it cannot be
	 * created or written.
	 *
	 * @param string $name The folder's name (the plugin's own constant, never user input).
	 */
	public static function private_dir( string $name ): ?string {
		$uploads = wp_upload_dir( null, false );
		if ( ! empty( $uploads['error'] ) || empty( $uploads['basedir'] ) ) {
			return null;
		}
		$dir = $uploads['basedir'] . '/' . $name;
		if ( ! is_dir( $dir ) && ! wp_mkdir_p( $dir ) ) {
			return null;
		}
		// Written again whenever missing, not only when the folder is made.
		if ( ! is_file( $dir . '/index.php' ) ) {
			file_put_contents( $dir . '/index.php', "<?php\n// Silence is golden.\n" );
		}
		if ( ! is_file( $dir . '/.htaccess' ) ) {
			file_put_contents( $dir . '/.htaccess', "Require all denied\nDeny from all\n" );
		}
		return is_writable( $dir ) ? $dir : null;
	}
}

<?php
/**
 * The plugin's private folders under uploads/ (the engine's snapshots, the uploads kept for an
 * import's preview), and how long an upload with personal data stays there.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Private upload folders, and the lifetime of the CSV files kept for an import's preview.
 *
 * An import's upload is kept under uploads/dangjian-import/ as "<user id>-<token>.csv" with its
 * "<user id>-<token>.json" (type, name, time) so that its preview can be shown and committed. It holds
 * the personal data of the people in it, so it goes:
 *  - when it is imported, cancelled (self::delete_import()), or replaced by the same user's next
 *    upload, or when the user leaves the preview for the import page without it
 *    (self::forget_user( $user_id, $kept_token ));
 *  - when its user logs out (wp_logout);
 *  - at the latest a day after it was uploaded: a daily wp-cron event (self::CRON_HOOK) deletes what
 *    is older, whether or not anyone opens the import page;
 *  - on a personal-data erasure request (Tools → Erase Personal Data): every kept upload that
 *    mentions the address, or the name or phone of a person recorded with it, is deleted (the
 *    eraser runs before the people records' own, which clears those fields).
 */
final class Uploads {

	/** The folder of the uploads kept for an import's preview. */
	const IMPORT_DIR = 'dangjian-import';

	/** The daily wp-cron event that deletes uploads older than MAX_AGE. */
	const CRON_HOOK = 'dangjian_uploads_cleanup';

	/** How long an upload may stay at most. */
	const MAX_AGE = DAY_IN_SECONDS;

	/**
	 * Adds the hooks (called from Plugin::init()).
	 */
	public static function init(): void {
		add_action( self::CRON_HOOK, array( self::class, 'cleanup' ) );
		add_action( 'init', array( self::class, 'schedule' ) );
		add_action( 'wp_logout', array( self::class, 'forget_user' ) );
		// Priority 5: listed before the people records' eraser, which clears the names it matches by.
		add_filter( 'wp_privacy_personal_data_erasers', array( self::class, 'register_eraser' ), 5 );
	}

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
			@file_put_contents( $dir . '/index.php', "<?php\n// Silence is golden.\n" ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Checked below.
		}
		if ( ! is_file( $dir . '/.htaccess' ) ) {
			@file_put_contents( $dir . '/.htaccess', "Require all denied\nDeny from all\n" ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Checked below.
		}
		return is_writable( $dir ) && is_file( $dir . '/.htaccess' ) ? $dir : null;
	}

	/**
	 * Schedules the daily cleanup (on init, when it is not scheduled yet).
	 */
	public static function schedule(): void {
		if ( ! wp_next_scheduled( self::CRON_HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', self::CRON_HOOK );
		}
	}

	/**
	 * Removes the daily cleanup (on deactivation and uninstall).
	 */
	public static function unschedule(): void {
		wp_clear_scheduled_hook( self::CRON_HOOK );
	}

	/**
	 * The kept import uploads: "<user id>-<token>" => [user id, modification time, files].
	 *
	 * @return array<string,array{0:int,1:int,2:string[]}>
	 */
	public static function imports(): array {
		$uploads = wp_upload_dir( null, false );
		if ( ! empty( $uploads['error'] ) || empty( $uploads['basedir'] ) ) {
			return array();
		}
		$dir = $uploads['basedir'] . '/' . self::IMPORT_DIR;
		$out = array();
		// Two globs: GLOB_BRACE is not defined on every platform (musl).
		foreach ( array_merge( (array) glob( $dir . '/*-*.csv' ), (array) glob( $dir . '/*-*.json' ) ) as $file ) {
			$file = (string) $file;
			if ( ! preg_match( '/^(\d+)-([a-f0-9]{32})\.(csv|json)$/', basename( $file ), $m ) || ! is_file( $file ) ) {
				continue;
			}
			$base = $m[1] . '-' . $m[2];
			if ( ! isset( $out[ $base ] ) ) {
				$out[ $base ] = array( (int) $m[1], PHP_INT_MAX, array() );
			}
			$out[ $base ][1]   = min( $out[ $base ][1], (int) filemtime( $file ) );
			$out[ $base ][2][] = $file;
		}
		return $out;
	}

	/**
	 * Deletes the files of one kept upload.
	 *
	 * @param string[] $files Its files.
	 */
	private static function unlink_all( array $files ): void {
		foreach ( $files as $file ) {
			@unlink( $file ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Another request may have removed it.
		}
	}

	/**
	 * Deletes the kept uploads older than $max_age seconds (the daily wp-cron event).
	 *
	 * @param int $max_age Seconds (default a day).
	 * @return int How many uploads were deleted.
	 */
	public static function cleanup( $max_age = self::MAX_AGE ): int {
		$max_age = is_numeric( $max_age ) ? (int) $max_age : self::MAX_AGE;
		$n       = 0;
		foreach ( self::imports() as $upload ) {
			if ( $upload[1] < time() - $max_age ) {
				self::unlink_all( $upload[2] );
				++$n;
			}
		}
		return $n;
	}

	/**
	 * Deletes one user's kept upload (imported or cancelled).
	 *
	 * @param int    $user_id The user.
	 * @param string $token   Its token.
	 * @return bool Whether there was one.
	 */
	public static function delete_import( int $user_id, string $token ): bool {
		$imports = self::imports();
		$base    = $user_id . '-' . $token;
		if ( ! isset( $imports[ $base ] ) ) {
			return false;
		}
		self::unlink_all( $imports[ $base ][2] );
		return true;
	}

	/**
	 * Deletes a user's kept uploads but one (the preview they are on): when they leave a preview, upload
	 * another file, or log out (wp_logout passes the user's id).
	 *
	 * @param int|mixed $user_id The user (default: the current one).
	 * @param string    $keep    The token of the upload to keep ('' for none).
	 * @return int How many uploads were deleted.
	 */
	public static function forget_user( $user_id = 0, string $keep = '' ): int {
		$user_id = is_numeric( $user_id ) && (int) $user_id > 0 ? (int) $user_id : get_current_user_id();
		$n       = 0;
		foreach ( self::imports() as $base => $upload ) {
			if ( $upload[0] === $user_id && $base !== $user_id . '-' . $keep ) {
				self::unlink_all( $upload[2] );
				++$n;
			}
		}
		return $n;
	}

	/**
	 * Deletes the kept uploads whose bytes contain any of the words, as UTF-8 or as GB18030 (the
	 * encoding of a CSV saved by a Chinese Excel).
	 *
	 * @param string[] $words Words to look for (an e-mail address, a name, a phone number).
	 * @return int How many uploads were deleted.
	 */
	public static function erase_mentioning( array $words ): int {
		$needles = array();
		foreach ( $words as $word ) {
			$word = trim( (string) $word );
			if ( '' === $word ) {
				continue;
			}
			$needles[] = strtolower( $word );
			if ( function_exists( 'mb_convert_encoding' ) && ! preg_match( '/^[\x00-\x7f]*$/', $word ) ) {
				$needles[] = strtolower( (string) mb_convert_encoding( $word, 'GB18030', 'UTF-8' ) );
			}
		}
		$needles = array_unique( $needles );
		$n       = 0;
		foreach ( self::imports() as $upload ) {
			$hit = false;
			foreach ( $upload[2] as $file ) {
				$bytes = strtolower( (string) file_get_contents( $file ) );
				foreach ( $needles as $needle ) {
					if ( str_contains( $bytes, $needle ) ) {
						$hit = true;
						break 2;
					}
				}
			}
			if ( $hit ) {
				self::unlink_all( $upload[2] );
				++$n;
			}
		}
		return $n;
	}

	/**
	 * Registers the eraser of kept uploads.
	 *
	 * @param array $erasers The erasers.
	 * @return array
	 */
	public static function register_eraser( $erasers ) {
		$erasers                             = is_array( $erasers ) ? $erasers : array();
		$erasers['dangjian-import-uploads'] = array(
			'eraser_friendly_name' => __( 'Party building import files', 'dangjian' ),
			'callback'             => array( self::class, 'erase' ),
		);
		return $erasers;
	}

	/**
	 * The eraser: deletes the kept uploads that mention the address, or the name or phone of a person
	 * recorded with it.
	 *
	 * @param string $email The address.
	 * @param int    $page  1-based (one page).
	 * @return array{items_removed:bool,items_retained:bool,messages:string[],done:bool}
	 */
	public static function erase( $email, $page = 1 ): array {
		global $wpdb;
		$email = strtolower( trim( (string) $email ) );
		$words = array( $email );
		if ( '' !== $email ) {
			$table = Schema::table( 'people' );
			$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT name, phone FROM {$table} WHERE LOWER(TRIM(email)) = %s", $email ), ARRAY_N ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The plugin's own table.
			foreach ( (array) $rows as $row ) {
				$words[] = (string) $row[0];
				$words[] = (string) $row[1];
			}
		}
		$n = '' === $email ? 0 : self::erase_mentioning( $words );
		return array(
			'items_removed'  => $n > 0,
			'items_retained' => false,
			'messages'       => $n > 0 ? array( __( 'Import files waiting for a preview that mentioned this person were deleted.', 'dangjian' ) ) : array(),
			'done'           => true,
		);
	}
}

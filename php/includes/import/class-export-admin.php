<?php
/**
 * The export and backup part of the page 导入/导出: a list's CSV (in the request, or in the background
 * past Export_Job::threshold() rows), the compressed backup and the restore.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Called by Import_Admin::handle() (after the capability and the nonce) and Import_Admin::render().
 * A file is sent only once it is whole, with its length: an error can never end up inside it.
 */
final class Export_Admin {

	/** @var array|null The result of a restore, shown by the page. */
	private static $restore = null;

	/**
	 * Sends the CSV of a filtered list.
	 */
	public static function export(): void {
		$input = wp_unslash( $_GET ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Checked by handle().
		$type  = isset( $input['type'] ) ? sanitize_key( (string) $input['type'] ) : '';
		if ( ! in_array( $type, Import::TYPES, true ) ) {
			wp_die( esc_html__( 'Choose what to export: people or activities.', 'dangjian' ), '', array( 'response' => 400 ) );
		}
		$filters = Export::filters_from( $type, (array) $input );
		$total   = Export::count( $type, $filters );
		if ( $total > Export_Job::threshold() ) {
			wp_safe_redirect( Import_Admin::url( array( 'export_job' => Export_Job::start( $type, $filters, $total ) ) ) . '#dangjian-export' );
			exit;
		}
		// Written whole to a temporary file first: an error shows as an error page, never inside the CSV.
		$out = fopen( 'php://temp/maxmemory:33554432', 'w+b' );
		try {
			Export::write( $type, $filters, $out );
		} catch ( \Throwable $e ) {
			/* translators: %s: what went wrong. */
			wp_die( esc_html( sprintf( __( 'The export failed, so no file was made: %s', 'dangjian' ), $e->getMessage() ) ), '', array( 'response' => 500 ) );
		}
		self::send_headers( Export::filename( $type ), 'text/csv; charset=UTF-8' );
		header( 'Content-Length: ' . ftell( $out ) );
		rewind( $out );
		fpassthru( $out );
		fclose( $out );
		exit;
	}

	/**
	 * Sends the JSON backup.
	 */
	public static function backup(): void {
		if ( function_exists( 'set_time_limit' ) ) {
			set_time_limit( 0 ); // phpcs:ignore Squiz.PHP.DiscouragedFunctions -- A large site's backup takes longer than max_execution_time.
		}
		$path = get_temp_dir() . 'dangjian-backup-' . wp_generate_password( 12, false ) . '.json.gz';
		try {
			Backup::save( $path );
		} catch ( \Throwable $e ) {
			wp_die( esc_html( $e->getMessage() ), '', array( 'response' => 500 ) );
		}
		// Sent only once it is whole (an error page can never end up inside the file).
		self::send_headers( Backup::filename(), 'application/gzip' );
		header( 'Content-Length: ' . filesize( $path ) );
		readfile( $path ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- A file of our own, sent as is.
		@unlink( $path ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
		exit;
	}

	/**
	 * Restores an uploaded backup (after the confirmation box was ticked).
	 */
	public static function restore(): void {
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- Checked by handle().
		if ( empty( $_POST['confirm'] ) ) {
			self::$restore = array( 'errors' => array( __( 'Tick the box to confirm that the backup replaces every record.', 'dangjian' ) ), 'counts' => array() );
			return;
		}
		$file = $_FILES['dangjian_backup'] ?? null; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- A file upload, read as bytes.
		// phpcs:enable
		$code = is_array( $file ) ? (int) ( $file['error'] ?? UPLOAD_ERR_NO_FILE ) : UPLOAD_ERR_NO_FILE;
		if ( UPLOAD_ERR_INI_SIZE === $code || UPLOAD_ERR_FORM_SIZE === $code || ( empty( $_FILES ) && (int) ( $_SERVER['CONTENT_LENGTH'] ?? 0 ) > wp_max_upload_size() ) ) { // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- A number.
			self::$restore = array( 'errors' => array( Backup::upload_limit_text() ), 'counts' => array() );
			return;
		}
		if ( ! is_array( $file ) || UPLOAD_ERR_OK !== $code || ! is_uploaded_file( (string) $file['tmp_name'] ) ) {
			self::$restore = array( 'errors' => array( __( 'No file was uploaded. Choose a backup file and try again.', 'dangjian' ) ), 'counts' => array() );
			return;
		}
		if ( function_exists( 'set_time_limit' ) ) {
			set_time_limit( 0 ); // phpcs:ignore Squiz.PHP.DiscouragedFunctions -- A large restore takes longer than max_execution_time.
		}
		try {
			// Read from the upload as a stream (gzip or not, told by the first bytes), as WP-CLI does.
			self::$restore = Backup::restore_file( (string) $file['tmp_name'] );
		} catch ( \Throwable $e ) {
			self::$restore = array( 'errors' => array( $e->getMessage() ), 'counts' => array() );
		}
		if ( ! self::$restore['errors'] ) {
			wp_safe_redirect( Import_Admin::url( array( 'restored' => array_sum( self::$restore['counts'] ) ) ) );
			exit;
		}
	}

	/**
	 * The export form, with the list screens' filters.
	 */
	public static function render_export_form(): void {
		echo '<h2>' . esc_html__( 'Export a list (CSV)', 'dangjian' ) . '</h2>';
		$job = isset( $_GET['export_job'] ) ? sanitize_key( wp_unslash( $_GET['export_job'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Shows the user's own job only.
		if ( '' !== $job ) {
			Export_Job::render( $job, Import_Admin::url( array( 'export_job' => $job ) ) );
		}
		echo '<form method="get" action="' . esc_url( admin_url( 'admin.php' ) ) . '" id="dangjian-export">';
		echo '<input type="hidden" name="page" value="' . esc_attr( Import_Admin::SLUG ) . '" /><input type="hidden" name="dj_action" value="export" />';
		wp_nonce_field( 'dangjian_export', '_wpnonce', false );
		echo '<p><label>' . esc_html__( 'Records', 'dangjian' ) . ' <select name="type">';
		foreach ( Import::type_labels() as $t => $label ) {
			echo '<option value="' . esc_attr( $t ) . '">' . esc_html( $label ) . '</option>';
		}
		echo '</select></label> ';
		echo '<label>' . esc_html__( 'Stage (people)', 'dangjian' ) . ' <select name="stage"><option value="">' . esc_html__( 'All', 'dangjian' ) . '</option>';
		foreach ( array( 'applicant', 'activist', 'candidate', 'probationary', 'full', 'left' ) as $s ) {
			echo '<option value="' . esc_attr( $s ) . '">' . esc_html( Import_Vocabulary::stage_label( $s ) ) . '</option>';
		}
		echo '</select></label> ';
		echo '<label>' . esc_html__( 'Category (activities)', 'dangjian' ) . ' <select name="category"><option value="">' . esc_html__( 'All', 'dangjian' ) . '</option>';
		foreach ( array( 'service', 'meeting' ) as $c ) {
			echo '<option value="' . esc_attr( $c ) . '">' . esc_html( Import_Vocabulary::category_label( $c ) ) . '</option>';
		}
		echo '</select></label> ';
		echo '<label>' . esc_html__( 'Kind', 'dangjian' ) . ' <select name="kind"><option value="">' . esc_html__( 'All', 'dangjian' ) . '</option>';
		foreach ( array_keys( Import_Vocabulary::kind_categories() ) as $k ) {
			echo '<option value="' . esc_attr( $k ) . '">' . esc_html( Import_Vocabulary::kind_label( $k ) ) . '</option>';
		}
		echo '</select></label></p><p>';
		echo '<label>' . esc_html__( 'From', 'dangjian' ) . ' <input type="date" name="from" /></label> ';
		echo '<label>' . esc_html__( 'To', 'dangjian' ) . ' <input type="date" name="to" /></label> ';
		echo '<label>' . esc_html__( 'Search', 'dangjian' ) . ' <input type="search" name="s" /></label> ';
		submit_button( __( 'Download CSV', 'dangjian' ), 'secondary', '', false );
		echo '</p></form><p class="description">' . esc_html__( 'The file holds exactly the rows the list shows with the same filters, in the columns the import reads, and opens in Excel.', 'dangjian' ) . ' ';
		/* translators: 1: a number of rows, 2: a WP-CLI command. */
		echo esc_html( sprintf( __( 'A list of more than %1$s rows is written in the background: this page shows its progress, then a download link. On the server: %2$s', 'dangjian' ), number_format_i18n( Export_Job::threshold() ), 'wp dangjian export activities --output=activities.csv' ) ) . '</p><hr />';
	}

	/**
	 * The backup and restore forms, and the result of a refused restore.
	 */
	public static function render_backup_forms(): void {
		echo '<h2>' . esc_html__( 'Backup and restore (JSON)', 'dangjian' ) . '</h2>';
		if ( null !== self::$restore && self::$restore['errors'] ) {
			echo '<div class="notice notice-error inline" id="dangjian-restore-errors"><p><strong>' . esc_html__( 'The backup was not restored; nothing was changed.', 'dangjian' ) . '</strong></p><ul>';
			foreach ( self::$restore['errors'] as $e ) {
				echo '<li><code>' . esc_html( $e ) . '</code></li>';
			}
			echo '</ul></div>';
		}
		echo '<form method="post" action="' . esc_url( Import_Admin::url() ) . '" id="dangjian-backup" style="display:inline-block;margin-right:2em">';
		wp_nonce_field( 'dangjian_backup' );
		echo '<input type="hidden" name="dj_action" value="backup" />';
		submit_button( __( 'Download a backup of every record', 'dangjian' ), 'secondary', 'submit', false );
		echo '</form>';
		echo '<form method="post" enctype="multipart/form-data" action="' . esc_url( Import_Admin::url() ) . '" id="dangjian-restore">';
		wp_nonce_field( 'dangjian_restore' );
		echo '<input type="hidden" name="dj_action" value="restore" />';
		echo '<p><input type="file" name="dangjian_backup" accept=".json,.gz,application/json,application/gzip" required="required" /> ';
		echo '<label><input type="checkbox" name="confirm" value="1" /> ' . esc_html__( 'Replace every record (people, activities, participants, headcount, coverage, honours) with the backup', 'dangjian' ) . '</label> ';
		submit_button( __( 'Restore', 'dangjian' ), 'delete', 'submit', false );
		echo '</p></form><p class="description">' . esc_html__( 'The whole file is checked first, with the same rules as the forms; a refused file is listed with the table, row and field of each problem, and nothing is changed.', 'dangjian' ) . '</p>';
		echo '<p class="description" id="dangjian-upload-limit">' . esc_html( Backup::upload_limit_text() ) . '</p><hr />';
	}

	/**
	 * Headers of a download.
	 *
	 * @param string $filename The file name.
	 * @param string $type     The content type.
	 */
	private static function send_headers( string $filename, string $type ): void {
		nocache_headers();
		header( 'Content-Type: ' . $type );
		header( 'Content-Disposition: attachment; filename="' . $filename . '"' );
		header( 'X-Content-Type-Options: nosniff' );
	}
}

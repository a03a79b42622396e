<?php
/**
 * The admin page 导入/导出 (Import / Export) under 党建统计: CSV import with preview and error report,
 * CSV export of a filtered list, JSON backup and restore.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;


/**
 * Every request that writes (upload, commit, restore) or sends a file (export, backup, template) is a
 * form with its own nonce, handled on the page's load hook before any output: WordPress has already
 * refused the page to anyone without manage_dangjian (403) and sent anonymous visitors to the login
 * form; the handler checks the capability again, then the nonce, then reads the input.
 *
 * An upload is kept under uploads/dangjian-import/ (denied to the web) as "<user>-<token>.csv" until
 * it is imported or discarded, or for a day, so a refused file can be checked again after fixing the
 * records, or replaced by a corrected upload.
 */
final class Import_Admin {

	const SLUG     = 'dangjian-import';
	const DIR      = 'dangjian-import';
	const MAX_AGE  = DAY_IN_SECONDS;
	const PREVIEW  = 10;

	/** @var string The page's hook suffix. */
	private static $hook = '';

	/** @var array|null The report of a refused commit, shown by the page. */
	private static $report = null;


	/**
	 * Adds the hooks. Called once from Plugin::init().
	 */
	public static function init(): void {
		if ( is_admin() ) {
			add_action( 'admin_menu', array( self::class, 'menu' ), 20 );
		}
	}

	/**
	 * Registers the submenu page.
	 */
	public static function menu(): void {
		$parent     = class_exists( Admin::class ) ? Admin::SLUG : 'dangjian';
		self::$hook = (string) add_submenu_page(
			$parent,
			__( 'Import / Export', 'dangjian' ),
			__( 'Import / Export', 'dangjian' ),
			Capabilities::MANAGE,
			self::SLUG,
			array( self::class, 'render' )
		);
		if ( '' !== self::$hook ) {
			add_action( 'load-' . self::$hook, array( self::class, 'handle' ) );
		}
	}

	/**
	 * The page's URL with arguments.
	 *
	 * @param array $args Query arguments.
	 */
	public static function url( array $args = array() ): string {
		return add_query_arg( array_merge( array( 'page' => self::SLUG ), $args ), admin_url( 'admin.php' ) );
	}

	/**
	 * Handles the page's forms (on load-{hook}, before any output).
	 */
	public static function handle(): void {
		// phpcs:disable WordPress.Security.NonceVerification -- Each action checks its own nonce below, after the capability.
		$action = isset( $_REQUEST['dj_action'] ) ? sanitize_key( wp_unslash( $_REQUEST['dj_action'] ) ) : '';
		if ( '' === $action ) {
			return;
		}
		if ( ! current_user_can( Capabilities::MANAGE ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to import or export the Party building records.', 'dangjian' ), '', array( 'response' => 403 ) );
		}
		switch ( $action ) {
			case 'upload':
				check_admin_referer( 'dangjian_import_upload' );
				self::upload();
				return;
			case 'commit':
				check_admin_referer( 'dangjian_import_commit' );
				self::commit();
				return;
			case 'discard':
				check_admin_referer( 'dangjian_import_discard' );
				$token = self::token_from( $_POST );
				if ( null !== $token ) {
					self::delete_upload( $token );
				}
				wp_safe_redirect( self::url() );
				exit;
			case 'export':
				check_admin_referer( 'dangjian_export' );
				Export_Admin::export();
				return;
			case 'export_download':
				check_admin_referer( 'dangjian_export' );
				Export_Job::send( isset( $_GET['job'] ) ? sanitize_key( wp_unslash( $_GET['job'] ) ) : '' );
				return;
			case 'template':
				check_admin_referer( 'dangjian_export' );
				self::template();
				return;
			case 'backup':
				check_admin_referer( 'dangjian_backup' );
				Export_Admin::backup();
				return;
			case 'restore':
				check_admin_referer( 'dangjian_restore' );
				Export_Admin::restore();
				return;
		}
		// phpcs:enable
	}

	/* ------------------------------------------------------------------ actions */

	/**
	 * Stores an uploaded CSV and shows its preview.
	 */
	private static function upload(): void {
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- Checked by handle().
		$type = isset( $_POST['type'] ) ? sanitize_key( wp_unslash( $_POST['type'] ) ) : '';
		if ( ! in_array( $type, Import::TYPES, true ) ) {
			self::$report = self::message_report( $type, __( 'Choose what the file holds: people or activities.', 'dangjian' ) );
			return;
		}
		$file = $_FILES['dangjian_file'] ?? null; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- A file upload: checked below, read as bytes.
		// phpcs:enable
		if ( ! is_array( $file ) || ( $file['error'] ?? UPLOAD_ERR_NO_FILE ) !== UPLOAD_ERR_OK || ! is_uploaded_file( (string) $file['tmp_name'] ) ) {
			$code         = is_array( $file ) ? (int) ( $file['error'] ?? UPLOAD_ERR_NO_FILE ) : UPLOAD_ERR_NO_FILE;
			self::$report = self::message_report(
				$type,
				in_array( $code, array( UPLOAD_ERR_INI_SIZE, UPLOAD_ERR_FORM_SIZE ), true )
					? __( 'The file is too large for this server.', 'dangjian' )
					: __( 'No file was uploaded. Choose a CSV file and try again.', 'dangjian' )
			);
			return;
		}
		if ( (int) $file['size'] > Import::MAX_BYTES ) {
			/* translators: %s: a size such as "10 MB". */
			self::$report = self::message_report( $type, sprintf( __( 'The file is larger than %s.', 'dangjian' ), size_format( Import::MAX_BYTES ) ) );
			return;
		}
		$dir = self::dir();
		if ( null === $dir ) {
			self::$report = self::message_report( $type, __( 'The uploads folder cannot be written, so the file cannot be kept for the preview.', 'dangjian' ) );
			return;
		}
		self::cleanup( $dir );
		$token = bin2hex( random_bytes( 16 ) );
		$base  = $dir . '/' . get_current_user_id() . '-' . $token;
		if ( ! @copy( (string) $file['tmp_name'], $base . '.csv' ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Reported below.
			self::$report = self::message_report( $type, __( 'The uploaded file could not be stored.', 'dangjian' ) );
			return;
		}
		file_put_contents(
			$base . '.json',
			wp_json_encode(
				array(
					'type' => $type,
					'name' => sanitize_file_name( (string) $file['name'] ),
					'time' => time(),
				)
			)
		);
		wp_safe_redirect( self::url( array( 'token' => $token ) ) );
		exit;
	}

	/**
	 * Imports a stored upload: all rows in one transaction, or none with the error report.
	 */
	private static function commit(): void {
		$token  = self::token_from( $_POST ); // phpcs:ignore WordPress.Security.NonceVerification.Missing -- Checked by handle().
		$upload = null === $token ? null : self::load_upload( $token );
		if ( null === $upload ) {
			self::$report = self::message_report( '', __( 'The uploaded file is no longer here (it is kept for a day). Upload it again.', 'dangjian' ) );
			return;
		}
		$report = Import::commit( $upload['type'], $upload['bytes'] );
		if ( $report['errors'] ) {
			$report['token'] = $token;
			$report['name']  = $upload['name'];
			self::$report    = $report;
			return;
		}
		self::delete_upload( $token );
		wp_safe_redirect(
			self::url(
				array(
					'imported' => $report['imported'],
					'type'     => $upload['type'],
				)
			)
		);
		exit;
	}

	/**
	 * Sends an empty spreadsheet (the header row) of a type, in the site's language.
	 */
	private static function template(): void {
		$type = isset( $_GET['type'] ) ? sanitize_key( wp_unslash( $_GET['type'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Checked by handle().
		if ( ! in_array( $type, Import::TYPES, true ) ) {
			wp_die( esc_html__( 'Choose what to export: people or activities.', 'dangjian' ), '', array( 'response' => 400 ) );
		}
		$headers = Export::headers( $type );
		unset( $headers['stage'], $headers['id'] );
		self::send_headers( 'dangjian-' . $type . '-template.csv', 'text/csv; charset=UTF-8' );
		echo "\xEF\xBB\xBF" . implode( ',', array_map( static fn( $h ) => '"' . str_replace( '"', '""', $h ) . '"', $headers ) ) . "\r\n"; // phpcs:ignore WordPress.Security.EscapeOutput -- A CSV file, not HTML.
		exit;
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

	/* ------------------------------------------------------------------ uploads */

	/**
	 * The folder of kept uploads (created with an index.php and a deny-all .htaccess), or null.
	 */
	public static function dir(): ?string {
		return Uploads::private_dir( self::DIR );
	}

	/**
	 * A token from a request, or null when it is not one.
	 *
	 * @param array $input The request's arguments.
	 */
	private static function token_from( array $input ): ?string {
		$token = isset( $input['token'] ) && is_string( $input['token'] ) ? wp_unslash( $input['token'] ) : '';
		return preg_match( '/^[a-f0-9]{32}$/', $token ) ? $token : null;
	}

	/**
	 * The current user's upload of a token: type, name, bytes; or null.
	 *
	 * @param string $token The token.
	 * @return array{type:string,name:string,bytes:string}|null
	 */
	private static function load_upload( string $token ): ?array {
		$dir = self::dir();
		if ( null === $dir ) {
			return null;
		}
		self::cleanup( $dir ); // An upload older than a day is gone, whether or not anyone uploaded since.
		$base = $dir . '/' . get_current_user_id() . '-' . $token;
		if ( ! is_file( $base . '.csv' ) || ! is_file( $base . '.json' ) ) {
			return null;
		}
		$meta = json_decode( (string) file_get_contents( $base . '.json' ), true );
		if ( ! is_array( $meta ) || ! in_array( $meta['type'] ?? '', Import::TYPES, true ) ) {
			return null;
		}
		return array(
			'type'  => $meta['type'],
			'name'  => (string) ( $meta['name'] ?? '' ),
			'bytes' => (string) file_get_contents( $base . '.csv' ),
		);
	}

	/**
	 * Deletes the current user's upload of a token.
	 *
	 * @param string $token The token.
	 */
	private static function delete_upload( string $token ): void {
		$dir = self::dir();
		if ( null === $dir ) {
			return;
		}
		$base = $dir . '/' . get_current_user_id() . '-' . $token;
		foreach ( array( '.csv', '.json' ) as $ext ) {
			if ( is_file( $base . $ext ) ) {
				unlink( $base . $ext );
			}
		}
	}

	/**
	 * Deletes uploads older than a day.
	 *
	 * @param string $dir The folder.
	 */
	private static function cleanup( string $dir ): void {
		// Two globs: GLOB_BRACE is not defined on every platform (musl).
		foreach ( array_merge( (array) glob( $dir . '/*-*.csv' ), (array) glob( $dir . '/*-*.json' ) ) as $file ) {
			if ( is_file( $file ) && filemtime( $file ) < time() - self::MAX_AGE ) {
				@unlink( $file ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Another request may have removed it.
			}
		}
	}

	/**
	 * A report holding one message about the file as a whole.
	 *
	 * @param string $type    The type.
	 * @param string $message The message.
	 */
	private static function message_report( string $type, string $message ): array {
		return array(
			'type'     => $type,
			'columns'  => array(),
			'records'  => array(),
			'total'    => 0,
			'imported' => 0,
			'errors'   => array(
				array(
					'row'     => 0,
					'column'  => '',
					'message' => $message,
				),
			),
		);
	}

	/* ------------------------------------------------------------------ the page */

	/**
	 * Renders the page.
	 */
	public static function render(): void {
		if ( ! current_user_can( Capabilities::MANAGE ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to import or export the Party building records.', 'dangjian' ), '', array( 'response' => 403 ) );
		}
		echo '<div class="wrap" id="dangjian-import">';
		echo '<h1>' . esc_html__( 'Import / Export', 'dangjian' ) . '</h1>';

		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- Read-only display arguments.
		if ( isset( $_GET['imported'], $_GET['type'] ) ) {
			$n    = absint( $_GET['imported'] );
			$type = sanitize_key( wp_unslash( $_GET['type'] ) );
			echo '<div class="notice notice-success" id="dangjian-import-done"><p>' . esc_html(
				'people' === $type
					/* translators: %d: a number of people. */
					? sprintf( _n( '%d person was imported.', '%d people were imported.', $n, 'dangjian' ), $n )
					/* translators: %d: a number of activities. */
					: sprintf( _n( '%d activity was imported.', '%d activities were imported.', $n, 'dangjian' ), $n )
			) . '</p></div>';
		}
		if ( isset( $_GET['restored'] ) ) {
			echo '<div class="notice notice-success" id="dangjian-restore-done"><p>' . esc_html__( 'The backup was restored: every record now comes from it.', 'dangjian' ) . '</p></div>';
		}

		$report = self::$report;
		$token  = self::token_from( $_GET );
		// phpcs:enable
		if ( null === $report && null !== $token ) {
			$upload = self::load_upload( $token );
			if ( null === $upload ) {
				$report = self::message_report( '', __( 'The uploaded file is no longer here (it is kept for a day). Upload it again.', 'dangjian' ) );
			} else {
				$report          = Import::analyse( $upload['type'], $upload['bytes'] );
				$report['token'] = $token;
				$report['name']  = $upload['name'];
			}
		}
		// Leaving a preview or replacing it with a new upload deletes the CSV kept for it.
		Uploads::forget_user( get_current_user_id(), is_array( $report ) ? (string) ( $report['token'] ?? '' ) : '' );
		if ( null !== $report ) {
			self::render_report( $report );
		}

		self::render_upload_form();
		Export_Admin::render_export_form();
		Export_Admin::render_backup_forms();
		self::render_help();
		echo '</div>';
	}

	/**
	 * The preview of an upload: the columns, the first rows as read, the errors, and the buttons.
	 *
	 * @param array $report The report.
	 */
	private static function render_report( array $report ): void {
		$type   = $report['type'];
		$labels = in_array( $type, Import::TYPES, true ) ? Export::headers( $type ) : array();
		echo '<div class="dangjian-preview" id="dangjian-preview">';
		echo '<h2>' . esc_html__( 'Preview', 'dangjian' ) . '</h2>';
		if ( ! empty( $report['name'] ) ) {
			echo '<p>' . esc_html(
				sprintf(
					/* translators: 1: a file name, 2: an encoding such as GB18030, 3: a number of rows. */
					__( 'File %1$s, read as %2$s, %3$d data rows.', 'dangjian' ),
					$report['name'],
					'' !== ( $report['encoding'] ?? '' ) ? $report['encoding'] : '—',
					(int) $report['total']
				)
			) . '</p>';
		}

		if ( $report['columns'] ) {
			echo '<h3>' . esc_html__( 'Columns', 'dangjian' ) . '</h3>';
			echo '<table class="widefat striped dangjian-columns" style="max-width:50em"><thead><tr><th>' . esc_html__( 'Column', 'dangjian' ) . '</th><th>' . esc_html__( 'Header in the file', 'dangjian' ) . '</th><th>' . esc_html__( 'Imported as', 'dangjian' ) . '</th></tr></thead><tbody>';
			foreach ( $report['columns'] as $c ) {
				echo '<tr><td>' . esc_html( $c['letter'] ) . '</td><td>' . esc_html( $c['header'] ) . '</td><td data-field="' . esc_attr( (string) $c['field'] ) . '">'
					. ( null === $c['field'] ? '<em>' . esc_html__( 'not imported', 'dangjian' ) . '</em>' : esc_html( $labels[ $c['field'] ] ?? $c['field'] ) )
					. '</td></tr>';
			}
			echo '</tbody></table>';
		}

		if ( $report['records'] ) {
			$fields = array_keys( $report['records'][0]['cells'] );
			echo '<h3>' . esc_html(
				sprintf(
					/* translators: %d: a number of rows. */
					__( 'The first %d rows as they will be imported', 'dangjian' ),
					min( self::PREVIEW, count( $report['records'] ) )
				)
			) . '</h3>';
			echo '<div style="overflow-x:auto"><table class="widefat striped dangjian-rows"><thead><tr><th>' . esc_html__( 'Row', 'dangjian' ) . '</th><th>' . esc_html__( 'Record', 'dangjian' ) . '</th>';
			foreach ( $fields as $f ) {
				echo '<th>' . esc_html( $labels[ $f ] ?? $f ) . '</th>';
			}
			echo '</tr></thead><tbody>';
			foreach ( array_slice( $report['records'], 0, self::PREVIEW ) as $rec ) {
				$shown = Import::display( $type, $rec );
				echo '<tr data-status="' . esc_attr( $rec['status'] ?? '' ) . '"><td>' . esc_html( (string) $rec['row'] ) . '</td><td>' . esc_html( Import_Update::state_label( (string) ( $rec['status'] ?? '' ) ) ) . '</td>';
				foreach ( $fields as $f ) {
					echo '<td>' . esc_html( $shown[ $f ] ?? '' ) . '</td>';
				}
				echo '</tr>';
			}
			echo '</tbody></table></div>';
		}

		if ( $report['records'] && ! $report['errors'] ) {
			Import_Update::render_changes( $report, $labels );
		}

		if ( $report['errors'] ) {
			echo '<div class="notice notice-error inline" id="dangjian-import-errors"><p><strong>' . esc_html(
				sprintf(
					/* translators: %d: a number of problems. */
					_n( 'Nothing was imported: %d problem must be corrected first.', 'Nothing was imported: %d problems must be corrected first.', count( $report['errors'] ), 'dangjian' ),
					count( $report['errors'] )
				)
			) . '</strong></p><p>' . esc_html__( 'Correct these rows in your spreadsheet and upload it again. If the problem is in the records instead (for example a participant not yet added), fix that and check the same file again.', 'dangjian' ) . '</p></div>';
			echo '<table class="widefat striped dangjian-errors" style="max-width:70em"><thead><tr><th>' . esc_html__( 'Row', 'dangjian' ) . '</th><th>' . esc_html__( 'Column', 'dangjian' ) . '</th><th>' . esc_html__( 'Problem', 'dangjian' ) . '</th></tr></thead><tbody>';
			foreach ( $report['errors'] as $e ) {
				echo '<tr data-row="' . esc_attr( (string) $e['row'] ) . '"><td>' . esc_html( $e['row'] > 0 ? (string) $e['row'] : __( 'the file', 'dangjian' ) ) . '</td><td>' . esc_html( $e['column'] ) . '</td><td>' . esc_html( $e['message'] ) . '</td></tr>';
			}
			echo '</tbody></table>';
			if ( ! empty( $report['token'] ) ) {
				echo '<p><a class="button" href="' . esc_url( self::url( array( 'token' => $report['token'] ) ) ) . '">' . esc_html__( 'Check the same file again', 'dangjian' ) . '</a></p>';
			}
		} elseif ( ! empty( $report['token'] ) ) {
			echo '<form method="post" action="' . esc_url( self::url() ) . '" id="dangjian-import-commit">';
			wp_nonce_field( 'dangjian_import_commit' );
			echo '<input type="hidden" name="dj_action" value="commit" /><input type="hidden" name="token" value="' . esc_attr( $report['token'] ) . '" />';
			submit_button(
				'people' === $type
					/* translators: %d: a number of people. */
					? sprintf( _n( 'Import %d person', 'Import %d people', count( $report['records'] ), 'dangjian' ), count( $report['records'] ) )
					/* translators: %d: a number of activities. */
					: sprintf( _n( 'Import %d activity', 'Import %d activities', count( $report['records'] ), 'dangjian' ), count( $report['records'] ) ),
				'primary',
				'submit',
				false
			);
			echo '</form>';
		}
		if ( ! empty( $report['token'] ) ) {
			echo '<form method="post" action="' . esc_url( self::url() ) . '" style="margin-top:.5em">';
			wp_nonce_field( 'dangjian_import_discard' );
			echo '<input type="hidden" name="dj_action" value="discard" /><input type="hidden" name="token" value="' . esc_attr( $report['token'] ) . '" />';
			submit_button( __( 'Discard this file', 'dangjian' ), 'secondary', 'submit', false );
			echo '</form>';
		}
		echo '</div><hr />';
	}

	/**
	 * The upload form.
	 */
	private static function render_upload_form(): void {
		echo '<h2>' . esc_html__( 'Import a spreadsheet (CSV)', 'dangjian' ) . '</h2>';
		echo '<form method="post" enctype="multipart/form-data" action="' . esc_url( self::url() ) . '" id="dangjian-import-upload">';
		wp_nonce_field( 'dangjian_import_upload' );
		echo '<input type="hidden" name="dj_action" value="upload" />';
		echo '<p>';
		foreach ( Import::type_labels() as $t => $label ) {
			echo '<label><input type="radio" name="type" value="' . esc_attr( $t ) . '"' . checked( 'people', $t, false ) . ' /> ' . esc_html( $label ) . '</label> &nbsp; ';
		}
		echo '</p>';
		echo '<p><input type="file" name="dangjian_file" accept=".csv,.txt,text/csv" required="required" /></p>';
		submit_button( __( 'Upload and preview', 'dangjian' ), 'primary', 'submit', false );
		echo ' ';
		foreach ( Import::TYPES as $t ) {
			$url = wp_nonce_url( self::url( array( 'dj_action' => 'template', 'type' => $t ) ), 'dangjian_export' );
			/* translators: %s: a kind of record, such as "People". */
			echo '<a class="button-link" href="' . esc_url( $url ) . '">' . esc_html( sprintf( __( 'Empty spreadsheet: %s', 'dangjian' ), Import::type_labels()[ $t ] ) ) . '</a> &nbsp; ';
		}
		echo '</form><p class="description">' . esc_html__( 'Nothing is written until you confirm the preview; then every row is imported, or none.', 'dangjian' ) . '</p><hr />';
	}

	/**
	 * How the spreadsheets look.
	 */
	private static function render_help(): void {
		echo '<h2>' . esc_html__( 'How to lay out the spreadsheet', 'dangjian' ) . '</h2><ul style="list-style:disc;margin-left:2em">';
		$items = array(
			__( 'The first row holds the column headers, in Chinese or English; the order of the columns does not matter and unknown columns are left out. Rows are numbered as in Excel: the header is row 1.', 'dangjian' ),
			__( '参与人员 (participants): names or IDs separated by 、 or commas, each with its own hours in brackets when they differ from the activity\'s: 张三、李四(1.5)、#12(2). The people must be recorded first; import the people file before the activities.', 'dangjian' ),
			__( 'Dates: 2024-03-01, 2024/3/1, 2024.3.1 or 2024年3月1日. Yes/no: 是 or 否. Amounts: plain numbers (1,200.50 and ¥ are accepted).', 'dangjian' ),
			__( 'Encodings: Excel\'s "CSV UTF-8", its plain "CSV" (GBK) and "Unicode text" are all read.', 'dangjian' ),
		);
		array_splice( $items, 1, 0, self::column_help() );
		foreach ( $items as $item ) {
			echo '<li>' . esc_html( $item ) . '</li>';
		}
		echo '</ul>';
	}

	/**
	 * A line a spreadsheet type: its required and optional columns, by their Chinese headers
	 * (Fields::sheet(), the one description of the columns).
	 *
	 * @return string[]
	 */
	private static function column_help(): array {
		$lines = array();
		foreach ( Import::type_labels() as $type => $label ) {
			$required = array();
			$optional = array();
			foreach ( Import_Vocabulary::columns( $type ) as $name => $col ) {
				if ( 'stage' === $name ) {
					continue; // Written by the export, never read.
				}
				$header = (string) ( $col['aliases'][0] ?? $col['label'] );
				if ( $col['required'] ) {
					$required[] = $header === $col['label'] ? $header : $header . ' (' . $col['label'] . ')';
				} else {
					$optional[] = $header;
				}
			}
			/* translators: 1: a kind of record, 2: its required columns, 3: its optional columns. */
			$lines[] = sprintf( __( '%1$s: required %2$s. Optional: %3$s.', 'dangjian' ), $label, implode( ', ', $required ), implode( ', ', $optional ) );
		}
		return $lines;
	}
}


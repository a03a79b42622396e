<?php
/**
 * The admin screen 工作汇报: its menu entry, its downloads and its one write (the template).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The screen under Admin::SLUG. Reading, the preview and the downloads need view_dangjian (and, for
 * a download, its nonce); saving the template needs manage_dangjian and the form's nonce. Both are
 * handled on the screen's load-{hook} action, before any output. A template that is refused is shown
 * again as typed, with its errors by line, and nothing is stored.
 */
final class Report_Admin {

	const SLUG  = 'dangjian-report';
	const NONCE = 'dangjian_report';

	/** @var array{errors:array,text:?string,notice:string} This request's refused save, if any. */
	public static $state = array(
		'errors' => array(),
		'text'   => null,
		'notice' => '',
	);

	/**
	 * Registers the submenu.
	 */
	public static function menu(): void {
		$hook = add_submenu_page(
			Admin::SLUG,
			__( 'Work report', 'dangjian' ),
			__( 'Work report', 'dangjian' ),
			Capabilities::VIEW,
			self::SLUG,
			array( Report_View::class, 'render' )
		);
		if ( $hook ) {
			add_action( 'load-' . $hook, array( self::class, 'handle' ) );
		}
	}

	/**
	 * The screen's address.
	 *
	 * @param array $args More query arguments.
	 */
	public static function url( array $args = array() ): string {
		return add_query_arg( array_merge( array( 'page' => self::SLUG ), $args ), admin_url( 'admin.php' ) );
	}

	/**
	 * The period of the request: GET from and to (both dates), else GET year, else this year.
	 *
	 * @return array{0:Report_Context,1:string} The context and an error ('' when the request's
	 *                                           period was fine; on an error this year is used).
	 */
	public static function context(): array {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- A read-only choice of period.
		$get  = array();
		foreach ( array( 'year', 'from', 'to' ) as $key ) {
			$get[ $key ] = isset( $_GET[ $key ] ) && is_string( $_GET[ $key ] ) ? sanitize_text_field( wp_unslash( $_GET[ $key ] ) ) : '';
		}
		// phpcs:enable
		return self::context_of( $get['year'], $get['from'], $get['to'] );
	}

	/**
	 * A context from a year or from / to as typed ('' when not given).
	 *
	 * @param string $year A year.
	 * @param string $from A date.
	 * @param string $to   A date.
	 * @return array{0:Report_Context,1:string}
	 */
	public static function context_of( string $year, string $from, string $to ): array {
		$this_year = (int) substr( Period::today(), 0, 4 );
		$error     = '';
		try {
			if ( '' !== $from || '' !== $to ) {
				return array( new Report_Context( $from, $to ), '' );
			}
			if ( '' !== $year ) {
				if ( ! ctype_digit( $year ) || (int) $year < 1900 || (int) $year > 2199 ) {
					/* translators: %s: the year given. */
					throw new \InvalidArgumentException( sprintf( __( 'year: "%s" is not a year from 1900 to 2199.', 'dangjian' ), $year ) );
				}
				return array( Report_Context::year( (int) $year ), '' );
			}
		} catch ( \InvalidArgumentException $e ) {
			$error = $e->getMessage();
		}
		return array( Report_Context::year( $this_year ), $error );
	}

	/**
	 * On load-{hook}: the downloads (GET, nonce) and the template's save (POST).
	 */
	public static function handle(): void {
		// phpcs:disable WordPress.Security.NonceVerification -- Each branch checks its nonce below, after the capability.
		if ( isset( $_GET['download'] ) && is_string( $_GET['download'] ) ) {
			if ( ! current_user_can( Capabilities::VIEW ) ) {
				wp_die( esc_html__( 'Sorry, you are not allowed to view the Party building statistics.', 'dangjian' ), '', array( 'response' => 403 ) );
			}
			check_admin_referer( self::NONCE . '_download' );
			self::download( sanitize_key( wp_unslash( $_GET['download'] ) ) );
		}
		if ( 'POST' !== ( $_SERVER['REQUEST_METHOD'] ?? '' ) || ! isset( $_POST['dangjian_report_action'] ) ) {
			return;
		}
		if ( ! current_user_can( Capabilities::MANAGE ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to change the Party building records.', 'dangjian' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( self::NONCE . '_template' );
		$action = sanitize_key( wp_unslash( $_POST['dangjian_report_action'] ) );
		// The template is text with line breaks and quotes: unslashed, checked line by line, stored as
		// typed when it passes (it is escaped when shown); only invalid UTF-8 is refused.
		$text = isset( $_POST['dangjian_report_template'] ) && is_string( $_POST['dangjian_report_template'] ) ? wp_unslash( $_POST['dangjian_report_template'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized
		// phpcs:enable
		$text   = 'restore' === $action ? '' : str_replace( array( "\r\n", "\r" ), "\n", (string) $text );
		$errors = Report_Template::save( $text );
		if ( array() !== $errors ) {
			self::$state = array(
				'errors' => $errors,
				'text'   => $text,
				'notice' => '',
			);
			status_header( 400 );
			return;
		}
		wp_safe_redirect( self::url( array( 'dj_notice' => 'restore' === $action ? 'restored' : 'saved' ) ) . '#dangjian-report-template' );
		exit;
	}

	/**
	 * Sends the report of the request's period as docx, html (the print view) or txt, and ends.
	 *
	 * @param string $format docx, print or text.
	 */
	private static function download( string $format ): void {
		if ( ! in_array( $format, array( 'docx', 'print', 'text' ), true ) ) {
			wp_die( esc_html__( 'Unknown download: docx, print or text.', 'dangjian' ), '', array( 'response' => 400 ) );
		}
		list( $ctx, $error ) = self::context();
		if ( '' !== $error ) {
			wp_die( esc_html( $error ), '', array( 'response' => 400 ) );
		}
		try {
			$report = Report_Output::build( $ctx );
		} catch ( \Throwable $e ) {
			wp_die( esc_html( $e->getMessage() ), '', array( 'response' => 500 ) );
		}
		nocache_headers();
		if ( 'docx' === $format ) {
			$bytes = Report_Output::docx( $report );
			header( 'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document' );
			header( 'Content-Disposition: attachment; filename="' . Report_Output::filename( $report['period'], 'docx' ) . '"' );
			header( 'Content-Length: ' . strlen( $bytes ) );
			echo $bytes; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- A binary file.
			exit;
		}
		if ( 'text' === $format ) {
			header( 'Content-Type: text/plain; charset=UTF-8' );
			header( 'Content-Disposition: attachment; filename="' . Report_Output::filename( $report['period'], 'txt' ) . '"' );
			echo Report_Output::text( $report ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- Plain text, not HTML.
			exit;
		}
		header( 'Content-Type: text/html; charset=UTF-8' );
		echo Report_Output::page( $report ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- Escaped by Report_Output::html().
		exit;
	}
}

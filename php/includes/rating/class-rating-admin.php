<?php
/**
 * The admin screen 星级创评: its menu entry and its writes.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The screen under Admin::SLUG. Reading needs view_dangjian; every write needs manage_dangjian and the
 * form's nonce, and is handled on the screen's load-{hook} action, before any output: a write that
 * succeeds redirects (the notice in dj_notice); one that is refused renders the screen again with the
 * problems and the input as typed (a refused rubric keeps its JSON in the box), having stored nothing.
 */
final class Rating_Admin {

	const SLUG = 'dangjian-rating';

	/** The nonce action of each form. */
	const NONCE = 'dangjian_rating';

	/** @var array{errors:string[],rubric_text:?string} The refused write of this request, if any. */
	public static $refused = array(
		'errors'      => array(),
		'rubric_text' => null,
	);

	/**
	 * Registers the submenu.
	 */
	public static function menu(): void {
		$hook = add_submenu_page(
			Admin::SLUG,
			__( 'Star rating', 'dangjian' ),
			__( 'Star rating', 'dangjian' ),
			Capabilities::VIEW,
			self::SLUG,
			array( Rating_View::class, 'render' )
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
	 * The year the screen shows (GET year, else this year).
	 */
	public static function year(): int {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- A read-only choice of year.
		$year = isset( $_REQUEST['year'] ) && is_string( $_REQUEST['year'] ) ? (int) sanitize_text_field( wp_unslash( $_REQUEST['year'] ) ) : 0;
		return $year >= 1900 && $year <= Rating_Store::this_year() ? $year : Rating_Store::this_year();
	}

	/**
	 * On load-{hook}: the .docx download (GET, nonce) and the POSTed writes.
	 */
	public static function handle(): void {
		// phpcs:disable WordPress.Security.NonceVerification -- Each branch checks its nonce below, after the capability.
		if ( isset( $_GET['download'] ) && 'docx' === $_GET['download'] ) {
			if ( ! current_user_can( Capabilities::VIEW ) ) {
				wp_die( esc_html__( 'Sorry, you are not allowed to view the Party building statistics.', 'dangjian' ), '', array( 'response' => 403 ) );
			}
			check_admin_referer( self::NONCE . '_docx' );
			self::send_docx( self::year() );
		}
		if ( 'POST' !== ( $_SERVER['REQUEST_METHOD'] ?? '' ) || ! isset( $_POST['dangjian_rating_action'] ) ) {
			return;
		}
		if ( ! current_user_can( Capabilities::MANAGE ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to change the Party building records.', 'dangjian' ), '', array( 'response' => 403 ) );
		}
		$action = sanitize_key( wp_unslash( $_POST['dangjian_rating_action'] ) );
		check_admin_referer( self::NONCE . '_' . $action );
		$post = wp_unslash( $_POST );
		// phpcs:enable
		$year   = self::year();
		$result = self::write( $action, $year, is_array( $post ) ? $post : array() );
		if ( is_wp_error( $result ) ) {
			$data                   = $result->get_error_data();
			self::$refused['errors'] = is_array( $data ) && isset( $data['errors'] ) ? $data['errors'] : array( $result->get_error_message() );
			status_header( 400 );
			return;
		}
		wp_safe_redirect(
			self::url(
				array(
					'year'      => $year,
					'dj_notice' => $result,
				)
			)
		);
		exit;
	}

	/**
	 * Does one write (input already unslashed; capability and nonce checked).
	 *
	 * @param string $action The form's action.
	 * @param int    $year   The year.
	 * @param array  $post   The form's fields.
	 * @return string|\WP_Error The notice code, or the refusal.
	 */
	private static function write( string $action, int $year, array $post ) {
		$id = isset( $post['id'] ) && is_string( $post['id'] ) ? sanitize_key( $post['id'] ) : '';
		switch ( $action ) {
			case 'item':
				$r = Rating_Store::save_manual(
					$year,
					'items',
					$id,
					array(
						'points'   => is_string( $post['points'] ?? null ) ? sanitize_text_field( $post['points'] ) : '',
						'note'     => is_string( $post['note'] ?? null ) ? $post['note'] : '',
						'evidence' => is_string( $post['evidence'] ?? null ) ? $post['evidence'] : '',
					)
				);
				return is_wp_error( $r ) ? $r : 'scored';
			case 'veto':
			case 'five_star':
				$r = Rating_Store::save_manual(
					$year,
					'veto' === $action ? 'vetoes' : 'five_star',
					$id,
					array(
						'on'   => ! empty( $post['on'] ) ? '1' : '0',
						'met'  => ! empty( $post['met'] ) ? '1' : '0',
						'note' => is_string( $post['note'] ?? null ) ? $post['note'] : '',
					)
				);
				return is_wp_error( $r ) ? $r : 'scored';
			case 'close':
			case 'reopen':
				$r = Rating_Store::set_closed( $year, 'close' === $action );
				return is_wp_error( $r ) ? $r : $action . 'd';
			case 'rubric':
				return self::write_rubric( $post );
			case 'settings':
				update_option( Rating_Store::BADGE_OPTION, empty( $post['badge'] ) ? '0' : '1', false );
				$target = isset( $post['target'] ) && is_string( $post['target'] ) ? absint( $post['target'] ) : 5;
				update_option( Rating_Store::TARGET_OPTION, (string) min( 5, max( 1, $target ) ), false );
				return 'settings';
		}
		return new \WP_Error( 'dangjian_rating_action', __( 'Unknown action.', 'dangjian' ) );
	}

	/**
	 * Saves the active rubric from a preset, an uploaded file or the JSON box (in that order of
	 * preference); refused whole with the problems named, the typed JSON kept for the next render.
	 *
	 * @param array $post The form's fields (unslashed).
	 * @return string|\WP_Error
	 */
	private static function write_rubric( array $post ) {
		$preset = isset( $post['preset'] ) && is_string( $post['preset'] ) ? sanitize_key( $post['preset'] ) : '';
		if ( '' !== $preset ) {
			$rubric = Rating_Presets::rubric( $preset );
			if ( null === $rubric ) {
				return new \WP_Error( 'dangjian_rating_rubric', __( 'preset: no such preset', 'dangjian' ) );
			}
			$r = Rating_Store::save_rubric( $rubric );
			return is_wp_error( $r ) ? $r : 'rubric';
		}
		$text = isset( $post['rubric_json'] ) && is_string( $post['rubric_json'] ) ? $post['rubric_json'] : '';
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- Checked in handle().
		$file = $_FILES['rubric_file'] ?? null;
		if ( is_array( $file ) && isset( $file['tmp_name'], $file['error'] ) && UPLOAD_ERR_OK === $file['error'] && is_uploaded_file( $file['tmp_name'] ) ) {
			$text = (string) file_get_contents( $file['tmp_name'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		}
		self::$refused['rubric_text'] = $text;
		$parsed                       = Rating_Rubric::parse( $text );
		if ( null === $parsed['rubric'] ) {
			return new \WP_Error( 'dangjian_rating_rubric', implode( "\n", $parsed['errors'] ), array( 'errors' => $parsed['errors'] ) );
		}
		$r = Rating_Store::save_rubric( $parsed['rubric'] );
		if ( is_wp_error( $r ) ) {
			return $r;
		}
		self::$refused['rubric_text'] = null;
		return 'rubric';
	}

	/**
	 * Sends the year's assessment as a .docx table and ends the request.
	 *
	 * @param int $year The year.
	 */
	private static function send_docx( int $year ): void {
		$row = Rating_Store::assessment( $year );
		if ( is_wp_error( $row ) ) {
			wp_die( esc_html( $row->get_error_message() ), '', array( 'response' => 400 ) );
		}
		$bytes = Rating_Docx::bytes( $row );
		nocache_headers();
		header( 'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document' );
		header( 'Content-Disposition: attachment; filename="rating-' . $year . '.docx"' );
		header( 'Content-Length: ' . strlen( $bytes ) );
		echo $bytes; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- A binary file.
		exit;
	}
}

<?php
/**
 * The screen 星级创评 as HTML: the assessment table, the manual scores, the gap, the history, the rubric.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Renders the screen. Everything printed is escaped here, late.
 */
final class Rating_View {

	/**
	 * Points as text: at most 2 decimals, no trailing zeros ("12", "12.5", "0.25").
	 *
	 * @param int|float $points The points.
	 */
	public static function points( $points ): string {
		$text = number_format( (float) $points, 2, '.', '' );
		return rtrim( rtrim( $text, '0' ), '.' );
	}

	/**
	 * Stars as ★ and ☆ out of five.
	 *
	 * @param int $stars The stars.
	 */
	public static function stars( int $stars ): string {
		return str_repeat( '★', $stars ) . str_repeat( '☆', 5 - $stars );
	}

	/**
	 * The hidden fields and nonce of a write form.
	 *
	 * @param string $action The action.
	 * @param int    $year   The year.
	 * @param string $id     The item's id, if any.
	 */
	private static function form_open( string $action, int $year, string $id = '', string $extra = '' ): void {
		echo '<form method="post" action="' . esc_url( Rating_Admin::url( array( 'year' => $year ) ) ) . '" class="dangjian-rating-form dangjian-rating-' . esc_attr( $action ) . '"' . $extra . '>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- $extra is a fixed attribute.
		wp_nonce_field( Rating_Admin::NONCE . '_' . $action );
		echo '<input type="hidden" name="dangjian_rating_action" value="' . esc_attr( $action ) . '" />';
		echo '<input type="hidden" name="year" value="' . esc_attr( (string) $year ) . '" />';
		if ( '' !== $id ) {
			echo '<input type="hidden" name="id" value="' . esc_attr( $id ) . '" />';
		}
	}

	/**
	 * The whole screen.
	 */
	public static function render(): void {
		if ( ! current_user_can( Capabilities::VIEW ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to view the Party building statistics.', 'dangjian' ), '', array( 'response' => 403 ) );
		}
		$year   = Rating_Admin::year();
		$manage = current_user_can( Capabilities::MANAGE );
		echo '<div class="wrap" id="dangjian-rating">';
		echo '<h1>' . esc_html__( 'Star rating', 'dangjian' ) . '</h1>';
		self::notices();
		$row = Rating_Store::assessment( $year );
		self::year_choice( $year );
		if ( is_wp_error( $row ) ) {
			echo '<div class="notice notice-error"><p>' . esc_html( $row->get_error_message() ) . '</p></div></div>';
			return;
		}
		$result = $row['result'];
		$open   = $manage && 'draft' === $row['status'];
		self::summary( $row );
		self::gap( $result );
		self::table( $row, $open );
		self::vetoes( $row, $open );
		self::status_forms( $row, $manage );
		echo '<h2>' . esc_html__( 'Scores by year', 'dangjian' ) . '</h2>';
		echo Rating_Chart::svg( Rating_Store::history(), $row['rubric'] ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- Built from escaped parts.
		if ( $manage ) {
			self::rubric_forms();
			self::settings_form();
		}
		echo '</div>';
	}

	/**
	 * The notice of a write that succeeded (dj_notice) and the problems of one refused.
	 */
	private static function notices(): void {
		$texts = array(
			'scored'   => __( 'The score was saved and the assessment recomputed.', 'dangjian' ),
			'closed'   => __( 'The assessment is closed: its result is kept as it is.', 'dangjian' ),
			'reopened' => __( 'The assessment is a draft again.', 'dangjian' ),
			'rubric'   => __( 'The rubric was saved; this year\'s draft now uses it (earlier years keep theirs).', 'dangjian' ),
			'settings' => __( 'Settings saved.', 'dangjian' ),
		);
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Only picks a fixed message.
		$code = isset( $_GET['dj_notice'] ) && is_string( $_GET['dj_notice'] ) ? sanitize_key( wp_unslash( $_GET['dj_notice'] ) ) : '';
		if ( isset( $texts[ $code ] ) ) {
			echo '<div class="notice notice-success"><p>' . esc_html( $texts[ $code ] ) . '</p></div>';
		}
		if ( Rating_Admin::$refused['errors'] ) {
			echo '<div class="notice notice-error dangjian-rating-errors"><p>' . esc_html__( 'Nothing was saved:', 'dangjian' ) . '</p><ul>';
			foreach ( Rating_Admin::$refused['errors'] as $e ) {
				echo '<li><code>' . esc_html( $e ) . '</code></li>';
			}
			echo '</ul></div>';
		}
	}

	/**
	 * The year picker (a GET form).
	 *
	 * @param int $year The year shown.
	 */
	private static function year_choice( int $year ): void {
		$years = array_column( Rating_Store::history(), 'year' );
		$now   = Rating_Store::this_year();
		$years = array_unique( array_merge( $years, range( $now, $now - 5 ), array( $year ) ) );
		rsort( $years );
		echo '<form method="get" class="dangjian-rating-year"><input type="hidden" name="page" value="' . esc_attr( Rating_Admin::SLUG ) . '" />';
		echo '<label for="dangjian-rating-year">' . esc_html__( 'Year', 'dangjian' ) . '</label> <select id="dangjian-rating-year" name="year">';
		foreach ( $years as $y ) {
			echo '<option value="' . esc_attr( (string) $y ) . '"' . selected( $y, $year, false ) . '>' . esc_html( (string) $y ) . '</option>';
		}
		echo '</select> ';
		submit_button( __( 'Show', 'dangjian' ), 'secondary', '', false );
		echo '</form>';
	}

	/**
	 * Total, stars, status.
	 *
	 * @param array $row The assessment.
	 */
	private static function summary( array $row ): void {
		$r = $row['result'];
		echo '<div class="dangjian-rating-summary card" data-total="' . esc_attr( self::points( $r['total'] ) ) . '" data-stars="' . esc_attr( (string) $r['stars'] ) . '">';
		echo '<p class="dangjian-rating-stars" style="font-size:2em;margin:0;color:#c00" aria-hidden="true">' . esc_html( self::stars( (int) $r['stars'] ) ) . '</p>';
		echo '<p><strong>' . esc_html(
			sprintf(
				/* translators: 1: year, 2: points, 3: maximum, 4: stars. */
				__( '%1$d: %2$s of %3$s points, %4$d stars', 'dangjian' ),
				$r['year'],
				self::points( $r['total'] ),
				self::points( $r['max_total'] ),
				$r['stars']
			)
		) . '</strong></p>';
		echo '<p>' . esc_html( $r['rubric'] ) . ' · ' . esc_html( 'closed' === $row['status'] ? __( 'Closed', 'dangjian' ) : __( 'Draft: recomputed when the records change', 'dangjian' ) ) . ' · '
			/* translators: %s: the period. */
			. esc_html( sprintf( __( 'Records from %s', 'dangjian' ), $r['period']['from'] . ' – ' . $r['period']['to'] ) ) . '</p>';
		if ( $r['vetoed'] ) {
			echo '<p class="dangjian-rating-vetoed"><strong>' . esc_html__( 'A veto item is on: no star this year.', 'dangjian' ) . '</strong></p>';
		}
		echo '</div>';
	}

	/**
	 * The gap to the next star.
	 *
	 * @param array $r The result.
	 */
	private static function gap( array $r ): void {
		$g = $r['gap'];
		echo '<div class="dangjian-rating-gap"><h2>' . esc_html__( 'To the next star', 'dangjian' ) . '</h2>';
		if ( $r['vetoed'] ) {
			echo '<p>' . esc_html__( 'Clear the veto items first; no score brings a star while one is on.', 'dangjian' ) . '</p>';
		} elseif ( null === $g['next_stars'] ) {
			echo '<p>' . esc_html__( 'Five stars: the highest rating.', 'dangjian' ) . '</p>';
		} else {
			echo '<p>' . esc_html(
				sprintf(
					/* translators: 1: stars, 2: points needed. */
					__( '%1$d stars needs %2$s more points.', 'dangjian' ),
					$g['next_stars'],
					self::points( $g['needed'] )
				)
			);
			if ( $g['five_star'] ) {
				echo ' ' . esc_html__( 'Five stars also needs the five-star condition:', 'dangjian' ) . ' ' . esc_html( $r['five_star']['label'] );
			}
			echo '</p>';
		}
		if ( $g['items'] ) {
			echo '<ol class="dangjian-rating-gap-items">';
			foreach ( array_slice( $g['items'], 0, 10 ) as $x ) {
				/* translators: 1: item, 2: points. */
				echo '<li data-item="' . esc_attr( $x['item'] ) . '">' . esc_html( sprintf( __( '%1$s: up to %2$s points', 'dangjian' ), $x['label'], self::points( $x['brings'] ) ) ) . '</li>';
			}
			echo '</ol>';
		}
		echo '</div>';
	}

	/**
	 * The assessment table: indicator, item, points, score, evidence; manual items with their form.
	 *
	 * @param array $row  The assessment.
	 * @param bool  $open Whether manual scores may be changed here.
	 */
	private static function table( array $row, bool $open ): void {
		$r      = $row['result'];
		$labels = Rating_Figures::catalogue();
		echo '<table class="widefat striped dangjian-rating-table"><thead><tr>';
		foreach ( array( __( 'Indicator', 'dangjian' ), __( 'Item', 'dangjian' ), __( 'Points', 'dangjian' ), __( 'Score', 'dangjian' ), __( 'Evidence', 'dangjian' ) ) as $h ) {
			echo '<th scope="col">' . esc_html( $h ) . '</th>';
		}
		echo '</tr></thead><tbody>';
		foreach ( $r['indicators'] as $indicator ) {
			$first = true;
			foreach ( $indicator['items'] as $item ) {
				echo '<tr data-item="' . esc_attr( $item['id'] ) . '" data-points="' . esc_attr( self::points( $item['points'] ) ) . '">';
				if ( $first ) {
					echo '<th scope="row" rowspan="' . esc_attr( (string) count( $indicator['items'] ) ) . '">' . esc_html( $indicator['name'] ) . '<br /><small>'
						/* translators: 1: score, 2: maximum. */
						. esc_html( sprintf( __( '%1$s / %2$s', 'dangjian' ), self::points( $indicator['score'] ), self::points( $indicator['max'] ) ) ) . '</small></th>';
					$first = false;
				}
				echo '<td>' . esc_html( $item['label'] ) . '</td>';
				echo '<td>' . esc_html( self::points( $item['max'] ) ) . '</td>';
				echo '<td class="dangjian-rating-score">' . esc_html( self::points( $item['points'] ) ) . '</td><td>';
				if ( 'automatic' === $item['kind'] ) {
					self::source( $item['source'], $labels, $r['period'] );
				} else {
					self::manual_cell( $item, (int) $r['year'], $open );
				}
				echo '</td></tr>';
			}
		}
		echo '</tbody><tfoot><tr><th scope="row" colspan="3">' . esc_html__( 'Total', 'dangjian' ) . '</th><td class="dangjian-rating-total">' . esc_html( self::points( $r['total'] ) ) . '</td><td></td></tr></tfoot></table>';
	}

	/**
	 * Where an automatic item's points came from: the figure, its value, and a link to the records.
	 *
	 * @param array $s      The item's source.
	 * @param array $labels The figure catalogue.
	 * @param array $period The period.
	 */
	private static function source( array $s, array $labels, array $period ): void {
		$label = $labels[ $s['figure'] ]['label'] ?? $s['figure'];
		$args  = (array) $s['args'];
		$text  = $label . ( $args ? ' (' . implode( ', ', $args ) . ')' : '' ) . ' = ' . ( null === $s['value'] ? '—' : self::points( $s['value'] ) );
		if ( isset( $s['ratio'] ) ) {
			/* translators: 1: denominator, 2: ratio. */
			$text .= ' · ' . sprintf( __( 'per %1$s: %2$s', 'dangjian' ), self::points( (float) $s['denominator'] ), self::points( $s['ratio'] ) );
		}
		if ( array_key_exists( 'target', $s ) ) {
			/* translators: %s: the plan's lower bound. */
			$text .= ' · ' . sprintf( __( 'plan: at least %s', 'dangjian' ), null === $s['target'] ? '—' : (string) $s['target'] );
		}
		$why = array(
			'no_figure'      => __( 'figure not available (a table or a meeting rule is missing)', 'dangjian' ),
			'no_plan'        => __( 'no plan recorded for this year', 'dangjian' ),
			'no_denominator' => __( 'nothing to divide by', 'dangjian' ),
		);
		echo '<span class="dangjian-rating-source">' . esc_html( $text ) . '</span>';
		if ( isset( $why[ $s['why'] ?? '' ] ) ) {
			echo ' <em>' . esc_html( $why[ $s['why'] ] ) . '</em>';
		}
		$url = class_exists( '\\Dangjian\\Admin_Pages' ) ? Rating_Figures::records_url( $s['figure'], $args, $period ) : null;
		if ( null !== $url ) {
			echo ' <a href="' . esc_url( $url ) . '">' . esc_html__( 'Records', 'dangjian' ) . '</a>';
		}
	}

	/**
	 * A manual item's note and evidence, and its form when scores may be changed.
	 *
	 * @param array $item The scored item.
	 * @param int   $year The year.
	 * @param bool  $open Whether the form is shown.
	 */
	private static function manual_cell( array $item, int $year, bool $open ): void {
		if ( ! $item['scored'] ) {
			echo '<em>' . esc_html__( 'Not scored yet', 'dangjian' ) . '</em>';
		}
		if ( '' !== $item['note'] ) {
			echo '<p class="dangjian-rating-note">' . esc_html( $item['note'] ) . '</p>';
		}
		foreach ( $item['evidence'] as $link ) {
			echo '<a href="' . esc_url( $link ) . '" rel="noopener">' . esc_html( $link ) . '</a><br />';
		}
		if ( ! $open ) {
			return;
		}
		echo '<details><summary>' . esc_html__( 'Score', 'dangjian' ) . '</summary>';
		self::form_open( 'item', $year, $item['id'] );
		$f = 'dj-r-' . $item['id'];
		echo '<p><label for="' . esc_attr( $f ) . '-points">' . esc_html__( 'Points', 'dangjian' ) . '</label> <input type="number" min="0" step="0.01" max="' . esc_attr( self::points( $item['max'] ) ) . '" id="' . esc_attr( $f ) . '-points" name="points" value="' . esc_attr( $item['scored'] ? self::points( $item['points'] ) : '' ) . '" required /></p>';
		echo '<p><label for="' . esc_attr( $f ) . '-note">' . esc_html__( 'Note', 'dangjian' ) . '</label><br /><textarea id="' . esc_attr( $f ) . '-note" name="note" rows="2" cols="40">' . esc_textarea( $item['note'] ) . '</textarea></p>';
		echo '<p><label for="' . esc_attr( $f ) . '-evidence">' . esc_html__( 'Evidence (one link a line)', 'dangjian' ) . '</label><br /><textarea id="' . esc_attr( $f ) . '-evidence" name="evidence" rows="2" cols="40">' . esc_textarea( implode( "\n", $item['evidence'] ) ) . '</textarea></p>';
		submit_button( __( 'Save score', 'dangjian' ), 'primary small', 'submit', false );
		echo '</form></details>';
	}

	/**
	 * The veto items and the five-star condition.
	 *
	 * @param array $row  The assessment.
	 * @param bool  $open Whether they may be changed here.
	 */
	private static function vetoes( array $row, bool $open ): void {
		$r = $row['result'];
		echo '<h2>' . esc_html__( 'Veto items and the five-star condition', 'dangjian' ) . '</h2><ul class="dangjian-rating-vetoes">';
		foreach ( $r['vetoes'] as $v ) {
			echo '<li data-veto="' . esc_attr( $v['id'] ) . '">';
			if ( $open ) {
				self::form_open( 'veto', (int) $r['year'], $v['id'], ' style="display:inline"' );
				echo '<label><input type="checkbox" name="on" value="1"' . checked( $v['on'], true, false ) . ' /> ' . esc_html( $v['label'] ) . '</label> ';
				echo '<input type="text" name="note" value="' . esc_attr( $v['note'] ) . '" placeholder="' . esc_attr__( 'Note', 'dangjian' ) . '" /> ';
				submit_button( __( 'Save', 'dangjian' ), 'secondary small', 'submit', false );
				echo '</form>';
			} else {
				echo esc_html( ( $v['on'] ? '✗ ' : '✓ ' ) . $v['label'] );
			}
			echo '</li>';
		}
		echo '</ul>';
		$c = $r['five_star'];
		if ( null === $c ) {
			return;
		}
		echo '<p class="dangjian-rating-five-star" data-met="' . esc_attr( $c['met'] ? '1' : '0' ) . '">';
		if ( $open && 'manual' === $c['kind'] ) {
			self::form_open( 'five_star', (int) $r['year'], '', ' style="display:inline"' );
			echo '<label><input type="checkbox" name="met" value="1"' . checked( $c['met'], true, false ) . ' /> ' . esc_html( $c['label'] ) . '</label> ';
			echo '<input type="text" name="note" value="' . esc_attr( $c['note'] ) . '" placeholder="' . esc_attr__( 'Note', 'dangjian' ) . '" /> ';
			submit_button( __( 'Save', 'dangjian' ), 'secondary small', 'submit', false );
			echo '</form>';
		} else {
			echo esc_html( ( $c['met'] ? '✓ ' : '✗ ' ) . $c['label'] );
		}
		echo '</p>';
	}

	/**
	 * Close / reopen, and the .docx download.
	 *
	 * @param array $row    The assessment.
	 * @param bool  $manage Whether the user may write.
	 */
	private static function status_forms( array $row, bool $manage ): void {
		$year = (int) $row['rating_year'];
		echo '<p class="dangjian-rating-actions">';
		$docx = wp_nonce_url(
			Rating_Admin::url(
				array(
					'year'     => $year,
					'download' => 'docx',
				)
			),
			Rating_Admin::NONCE . '_docx'
		);
		echo '<a class="button" href="' . esc_url( $docx ) . '">' . esc_html__( 'Download as .docx', 'dangjian' ) . '</a> ';
		echo '</p>';
		if ( ! $manage ) {
			return;
		}
		$close = 'draft' === $row['status'];
		self::form_open( $close ? 'close' : 'reopen', $year );
		submit_button( $close ? __( 'Close this year\'s assessment', 'dangjian' ) : __( 'Reopen as a draft', 'dangjian' ), 'secondary', 'submit', false );
		echo '</form>';
	}

	/**
	 * Choose a preset, import a file, or edit the JSON of the active rubric.
	 */
	private static function rubric_forms(): void {
		echo '<h2>' . esc_html__( 'Rubric', 'dangjian' ) . '</h2>';
		echo '<p>' . esc_html__( 'The rubric below is used for this year\'s draft and for years assessed from now on; an assessment already made keeps its own. The format is described in docs/RATING.md.', 'dangjian' ) . '</p>';
		self::form_open( 'rubric', Rating_Admin::year() );
		echo '<label for="dangjian-rating-preset">' . esc_html__( 'Preset', 'dangjian' ) . '</label> <select id="dangjian-rating-preset" name="preset">';
		foreach ( Rating_Presets::rubrics() as $id => $p ) {
			echo '<option value="' . esc_attr( $id ) . '">' . esc_html( $p['label'] ) . '</option>';
		}
		echo '</select> ';
		submit_button( __( 'Use this preset', 'dangjian' ), 'secondary', 'submit', false );
		echo '</form>';

		$text = Rating_Admin::$refused['rubric_text'] ?? wp_json_encode( Rating_Store::active_rubric(), JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
		self::form_open( 'rubric', Rating_Admin::year(), '', ' enctype="multipart/form-data"' );
		echo '<p><label for="dangjian-rating-json">' . esc_html__( 'The active rubric (JSON)', 'dangjian' ) . '</label><br />';
		echo '<textarea id="dangjian-rating-json" name="rubric_json" rows="16" class="large-text code">' . esc_textarea( (string) $text ) . '</textarea></p>';
		echo '<p><label for="dangjian-rating-file">' . esc_html__( 'Or import a file', 'dangjian' ) . '</label> <input type="file" id="dangjian-rating-file" name="rubric_file" accept=".json,application/json" /></p>';
		submit_button( __( 'Save the rubric', 'dangjian' ), 'primary', 'submit', false );
		echo '</form>';
	}

	/**
	 * The public badge and the target.
	 */
	private static function settings_form(): void {
		echo '<h2>' . esc_html__( 'Settings', 'dangjian' ) . '</h2>';
		self::form_open( 'settings', Rating_Admin::year() );
		echo '<p><label><input type="checkbox" name="badge" value="1"' . checked( Rating_Store::badge_allowed(), true, false ) . ' /> ' . esc_html__( 'Show the stars and year of the latest closed assessment in the public showcase', 'dangjian' ) . '</label></p>';
		echo '<p><label for="dangjian-rating-target">' . esc_html__( 'Target (stars)', 'dangjian' ) . '</label> <input type="number" min="1" max="5" id="dangjian-rating-target" name="target" value="' . esc_attr( (string) Rating_Store::target() ) . '" /></p>';
		submit_button( __( 'Save settings', 'dangjian' ), 'secondary', 'submit', false );
		echo '</form>';
	}
}

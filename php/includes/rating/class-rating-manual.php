<?php
/**
 * Checks of the secretary's manual scores: a manual item's points, a veto, the five-star condition.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Turns the input of a form or a REST request (already unslashed) into a stored manual entry, or
 * refuses it whole with a message naming the field.
 */
final class Rating_Manual {

	/**
	 * Checks one manual entry against the assessment's rubric.
	 *
	 * @param array  $rubric The assessment's rubric.
	 * @param string $target "items", "vetoes" or "five_star".
	 * @param string $id     The item's or veto's id.
	 * @param array  $input  'points' | 'on' | 'met', 'note', 'evidence' (a list, or text with one link a line).
	 * @return array|\WP_Error The entry to store.
	 */
	public static function check( array $rubric, string $target, string $id, array $input ) {
		$note = self::note( $input['note'] ?? '' );
		if ( is_wp_error( $note ) ) {
			return $note;
		}
		if ( 'vetoes' === $target ) {
			if ( ! in_array( $id, array_column( $rubric['vetoes'] ?? array(), 'id' ), true ) ) {
				return self::error( 'id', __( 'is not a veto item of this assessment\'s rubric', 'dangjian' ), $id );
			}
			return array(
				'on'   => self::flag( $input['on'] ?? false ),
				'note' => $note,
			);
		}
		if ( 'five_star' === $target ) {
			if ( 'manual' !== ( $rubric['five_star']['kind'] ?? '' ) ) {
				return self::error( 'five_star', __( 'this rubric has no five-star condition scored by hand', 'dangjian' ) );
			}
			return array(
				'met'  => self::flag( $input['met'] ?? false ),
				'note' => $note,
			);
		}
		if ( 'items' !== $target ) {
			return self::error( 'target', __( 'must be items, vetoes or five_star', 'dangjian' ) );
		}
		$item = null;
		foreach ( $rubric['indicators'] as $indicator ) {
			foreach ( $indicator['items'] as $candidate ) {
				if ( $candidate['id'] === $id ) {
					$item = $candidate;
				}
			}
		}
		if ( null === $item || 'manual' !== $item['kind'] ) {
			return self::error( 'id', __( 'is not a manual item of this assessment\'s rubric', 'dangjian' ), $id );
		}
		$raw = $input['points'] ?? null;
		if ( is_string( $raw ) ) {
			$raw = trim( $raw );
		}
		if ( ! ( is_int( $raw ) || is_float( $raw ) || ( is_string( $raw ) && preg_match( '/^\d+(\.\d{1,2})?$/', $raw ) ) )
			|| (float) $raw < 0 || (float) $raw > (float) $item['points'] || abs( round( (float) $raw, 2 ) - (float) $raw ) > 1e-9 ) {
			/* translators: %s: the item's maximum points. */
			return self::error( 'points', sprintf( __( 'must be a number from 0 to %s with at most 2 decimals', 'dangjian' ), (string) $item['points'] ), is_scalar( $raw ) ? (string) $raw : '' );
		}
		$evidence = self::evidence( $input['evidence'] ?? array() );
		if ( is_wp_error( $evidence ) ) {
			return $evidence;
		}
		return array(
			'points'   => round( (float) $raw, 2 ),
			'note'     => $note,
			'evidence' => $evidence,
		);
	}

	/**
	 * A refusal naming the field.
	 *
	 * @param string $field   The field.
	 * @param string $message The rule.
	 * @param string $value   The value given, shown when not ''.
	 */
	private static function error( string $field, string $message, string $value = '' ): \WP_Error {
		$text = '' === $value ? $field . ': ' . $message : $field . ': "' . $value . '" ' . $message;
		return new \WP_Error(
			'dangjian_rating_manual',
			$text,
			array(
				'status' => 400,
				'field'  => $field,
			)
		);
	}

	/**
	 * A yes/no input: true, 1, "1", "on", "yes".
	 *
	 * @param mixed $value The value.
	 */
	private static function flag( $value ): bool {
		return true === $value || 1 === $value || in_array( $value, array( '1', 'on', 'yes', 'true' ), true );
	}

	/**
	 * The note: plain text of at most NOTE_MAX characters.
	 *
	 * @param mixed $value The value.
	 * @return string|\WP_Error
	 */
	private static function note( $value ) {
		if ( ! is_string( $value ) ) {
			return self::error( 'note', __( 'must be text', 'dangjian' ) );
		}
		$note = sanitize_textarea_field( $value );
		if ( mb_strlen( $note, 'UTF-8' ) > Rating_Store::NOTE_MAX ) {
			/* translators: %d: the most characters. */
			return self::error( 'note', sprintf( __( 'must be at most %d characters', 'dangjian' ), Rating_Store::NOTE_MAX ) );
		}
		return $note;
	}

	/**
	 * The evidence: links (http or https) to records or uploaded files, at most EVIDENCE_MAX.
	 *
	 * @param mixed $value A list, or text with one link a line.
	 * @return string[]|\WP_Error
	 */
	private static function evidence( $value ) {
		if ( is_string( $value ) ) {
			$value = preg_split( '/\R/', $value );
		}
		if ( ! is_array( $value ) ) {
			return self::error( 'evidence', __( 'must be a list of links', 'dangjian' ) );
		}
		$links = array();
		foreach ( array_values( $value ) as $i => $link ) {
			$link = is_string( $link ) ? trim( $link ) : $link;
			if ( '' === $link ) {
				continue;
			}
			$clean = is_string( $link ) ? esc_url_raw( $link, array( 'http', 'https' ) ) : '';
			if ( '' === $clean || '' === (string) wp_parse_url( $clean, PHP_URL_HOST ) ) {
				return self::error( "evidence[$i]", __( 'is not a link (http:// or https://)', 'dangjian' ), is_string( $link ) ? $link : '' );
			}
			$links[] = $clean;
		}
		if ( count( $links ) > Rating_Store::EVIDENCE_MAX ) {
			/* translators: %d: the most links. */
			return self::error( 'evidence', sprintf( __( 'at most %d links', 'dangjian' ), Rating_Store::EVIDENCE_MAX ) );
		}
		return $links;
	}
}

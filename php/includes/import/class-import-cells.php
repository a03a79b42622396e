<?php
/**
 * The cells of an import: the parser Fields names for each column turns the text people type into a value.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * A cell is trimmed (ASCII space and U+3000) and read by the parser of its column; a bad cell gives
 * ['error' => message naming what was expected].
 */
final class Import_Cells {

	/**
	 * Parses one cell.
	 *
	 * @param array  $def  The column's definition.
	 * @param string $cell The text.
	 * @return mixed The value (null for an empty optional cell), or ['error' => message].
	 */
	public static function cell( array $def, string $cell ) {
		$raw  = $cell;
		$cell = Import_Vocabulary::trim( $cell );
		// A leading apostrophe the export put before = + - @ (so Excel shows the text as text).
		if ( in_array( $def['parser'], array( 'text', 'venue', 'project', 'phone', 'email' ), true ) && preg_match( "/^'[=+\\-@]/", $cell ) ) {
			$cell = substr( $cell, 1 );
		}
		switch ( $def['parser'] ) {
			case 'id':
				if ( '' === $cell ) {
					return null;
				}
				$cell = ltrim( $cell, '#' );
				if ( ! Engine_Limits::is_id( $cell ) ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not an ID (a whole number from 1 to 2147483647).', 'dangjian' ), $cell ) );
				}
				return (int) $cell;
			case 'text':
				if ( mb_strlen( $cell, 'UTF-8' ) > $def['max'] ) {
					/* translators: %d: the most characters allowed. */
					return array( 'error' => sprintf( __( 'The text is longer than %d characters.', 'dangjian' ), $def['max'] ) );
				}
				return $cell;
			case 'venue':
				if ( strlen( $cell ) > $def['max'] ) {
					return array( 'error' => __( 'The venue name is longer than 200 bytes (about 66 Chinese characters).', 'dangjian' ) );
				}
				return $cell;
			case 'project':
				if ( strlen( $cell ) > $def['max'] ) {
					return array( 'error' => __( 'The campaign name is longer than 200 bytes (about 66 Chinese characters).', 'dangjian' ) );
				}
				return $cell;
			case 'year':
				if ( '' === $cell ) {
					return null;
				}
				$year = (string) preg_replace( '/\s*年(度)?$/u', '', $cell );
				if ( ! preg_match( '/^\d{4}$/', $year ) || $year < '1900' || $year > '2199' ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not a year (four digits, such as 2026).', 'dangjian' ), $cell ) );
				}
				return (int) $year;
			case 'date':
				if ( '' === $cell ) {
					return null;
				}
				$date = self::date( $cell );
				if ( null === $date ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not a date (write 2024-03-01, 2024/3/1, 2024.3.1 or 2024年3月1日, from 1900 to 2199).', 'dangjian' ), $cell ) );
				}
				return $date;
			case 'bool':
				if ( '' === $cell ) {
					return false;
				}
				$word = Import_Vocabulary::normalise_word( $cell );
				if ( in_array( $word, Import_Vocabulary::YES, true ) || __( 'Yes', 'dangjian' ) === $cell ) {
					return true;
				}
				if ( in_array( $word, Import_Vocabulary::NO, true ) || __( 'No', 'dangjian' ) === $cell ) {
					return false;
				}
				/* translators: %s: the cell's text. */
				return array( 'error' => sprintf( __( '"%s" is not yes or no (write 是 or 否).', 'dangjian' ), $cell ) );
			case 'gender':
				return self::coded( $cell, Import_Vocabulary::GENDERS, '', array( Import_Vocabulary::class, 'gender_label' ), __( '"%s" is not a gender (write 男 or 女).', 'dangjian' ) );
			case 'left_reason':
				return self::coded( $cell, Import_Vocabulary::LEFT_REASONS, null, array( Import_Vocabulary::class, 'left_reason_label' ), __( '"%s" is not a reason for leaving (转出, 去世, 取消预备党员资格 or 其他).', 'dangjian' ) );
			case 'category':
				return self::coded( $cell, Import_Vocabulary::CATEGORIES, null, array( Import_Vocabulary::class, 'category_label' ), __( '"%s" is not a category (服务 or 会议).', 'dangjian' ) );
			case 'venue_kind':
				return self::coded( $cell, Import_Vocabulary::VENUE_KINDS, '', array( Import_Vocabulary::class, 'venue_kind_label' ), __( '"%s" is not a venue kind (社区, 企业, 学校, 部队营房, 机关, 家庭, 灾区, 广场/公共场所, 线上 or 其他).', 'dangjian' ) );
			case 'kind':
				if ( '' === $cell ) {
					return null;
				}
				$known = Import_Vocabulary::kind_categories();
				$map   = array_merge( Import_Vocabulary::KINDS['service'], Import_Vocabulary::KINDS['meeting'] );
				$kind  = Import_Vocabulary::lookup( $map, $cell );
				if ( null === $kind ) {
					foreach ( array_keys( $known ) as $slug ) {
						if ( $slug === $cell || Import_Vocabulary::kind_label( $slug ) === $cell ) {
							$kind = $slug;
						}
					}
				}
				if ( null === $kind || ! isset( $known[ $kind ] ) ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not a kind of activity (for example 公益心理咨询, 讲座, 主题党日, 党课, or a code such as lecture).', 'dangjian' ), $cell ) );
				}
				return $kind;
			case 'phone':
				if ( '' !== $cell && ! preg_match( '/^\+?[0-9][0-9 \-]{2,30}$/', $cell ) ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not a phone number (digits, spaces and dashes, an optional + first).', 'dangjian' ), $cell ) );
				}
				return $cell;
			case 'email':
				if ( '' !== $cell && ! is_email( $cell ) ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not an email address.', 'dangjian' ), $cell ) );
				}
				return $cell;
			case 'amount':
				if ( '' === $cell ) {
					return null;
				}
				$amount = Amount::parse( $cell );
				if ( null === $amount ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not an amount (a number from 0 to 1000000000).', 'dangjian' ), $cell ) );
				}
				return $amount;
			case 'count':
				if ( '' === $cell ) {
					return null;
				}
				$c = Amount::parse_count( $cell );
				if ( null === $c ) {
					/* translators: %s: the cell's text. */
					return array( 'error' => sprintf( __( '"%s" is not a count (a whole number from 0 to 2147483647).', 'dangjian' ), $cell ) );
				}
				return $c;
			case 'participants':
				return self::participants( $cell );
		}
		unset( $raw );
		return null;
	}

	/**
	 * A coded value.
	 *
	 * @param string   $cell    The trimmed cell.
	 * @param array    $map     slug => words.
	 * @param mixed    $empty   The value of an empty cell.
	 * @param callable $label   slug => the label in the site's language (also accepted).
	 * @param string   $message The error, with %s for the cell.
	 * @return mixed The slug, $empty, or ['error' => …].
	 */
	private static function coded( string $cell, array $map, $empty, callable $label, string $message ) {
		if ( '' === $cell ) {
			return $empty;
		}
		$slug = Import_Vocabulary::lookup( $map, $cell );
		if ( null === $slug ) {
			foreach ( array_keys( $map ) as $s ) {
				if ( $label( $s ) === $cell ) {
					$slug = $s;
				}
			}
		}
		return null === $slug ? array( 'error' => sprintf( $message, $cell ) ) : $slug;
	}

	/**
	 * A date in one of the forms people type: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, with a
	 * midnight time Excel may add ("2024/3/1 0:00"). Real calendar dates from 1900 to 2199 only.
	 *
	 * @param string $cell The trimmed cell.
	 * @return string|null YYYY-MM-DD, or null.
	 */
	public static function date( string $cell ): ?string {
		if ( ! preg_match( '/^(\d{4})\s*(?:[-\/.]|年)\s*(\d{1,2})\s*(?:[-\/.]|月)\s*(\d{1,2})\s*日?(?:\s+0{1,2}:00(?::00)?)?$/u', $cell, $m ) ) {
			return null;
		}
		$y = (int) $m[1];
		$mo = (int) $m[2];
		$d = (int) $m[3];
		if ( $y < 1900 || $y > 2199 || ! checkdate( $mo, $d, $y ) ) {
			return null;
		}
		return sprintf( '%04d-%02d-%02d', $y, $mo, $d );
	}

	/**
	 * The participants cell: names or IDs separated by 、 , ; ， ； | or line breaks, each optionally
	 * followed by its hours in brackets: "张三、李四(1.5)、#12（2）".
	 *
	 * @param string $cell The trimmed cell.
	 * @return array A list of ['who' => name, 'id' => int|null, 'hours' => string|null], or ['error' => …].
	 */
	private static function participants( string $cell ): array {
		$out = array();
		foreach ( preg_split( '/[、,，;；|\r\n]+/u', $cell ) as $token ) {
			$token = Import_Vocabulary::trim( $token );
			if ( '' === $token ) {
				continue;
			}
			$hours = null;
			if ( preg_match( '/^(.*?)\s*[\(（]\s*([^\)）]*?)\s*[\)）]$/u', $token, $m ) ) {
				$hours = Amount::parse( $m[2] );
				if ( null === $hours ) {
					/* translators: 1: a participant as written, 2: the hours as written. */
					return array( 'error' => sprintf( __( '%1$s: "%2$s" is not a number of hours.', 'dangjian' ), $m[1], $m[2] ) );
				}
				$token = Import_Vocabulary::trim( $m[1] );
			}
			$id = null;
			if ( preg_match( '/^#?(\d{1,10})$/', $token, $m ) ) {
				$id = (int) $m[1];
			}
			$out[] = array(
				'who'   => $token,
				'id'    => $id,
				'hours' => $hours,
			);
		}
		return $out;
	}
}

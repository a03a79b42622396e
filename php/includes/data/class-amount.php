<?php
/**
 * Amounts (hours, yuan): the one parser and the one rounding of the plugin.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * An amount travels as text: "12.5" as typed, "12.50" as stored (DECIMAL(…,2)), rounded half away
 * from zero to hundredths from its decimal digits, as the engine rounds.
 */
final class Amount {

	/** An amount as the engine reads it. */
	const RE = '/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/';

	/**
	 * Whether a text is an amount the engine accepts (0 … Engine_Limits::AMOUNT_MAX).
	 *
	 * @param string $value The text.
	 */
	public static function is_valid( string $value ): bool {
		if ( ! preg_match( self::RE, $value ) ) {
			return false;
		}
		$f = (float) $value;
		return $f >= 0 && $f <= Engine_Limits::AMOUNT_MAX;
	}

	/**
	 * An amount rounded half away from zero to hundredths, from its decimal digits: "1.115" → "1.12".
	 *
	 * @param string $value An amount (self::is_valid()).
	 */
	public static function round( string $value ): string {
		if ( preg_match( '/[eE]/', $value ) ) {
			$value = rtrim( rtrim( sprintf( '%.12F', (float) $value ), '0' ), '.' );
		}
		$value = ltrim( $value, '+' );
		if ( '-' === $value[0] ) {
			$value = substr( $value, 1 ); // Only -0 passes is_valid().
		}
		$parts = explode( '.', $value, 2 );
		$int   = ltrim( $parts[0], '0' );
		$frac  = str_pad( $parts[1] ?? '', 3, '0' );
		$cents = (int) ( ( '' === $int ? '0' : $int ) . substr( $frac, 0, 2 ) );
		if ( (int) $frac[2] >= 5 ) {
			++$cents;
		}
		return intdiv( $cents, 100 ) . '.' . str_pad( (string) ( $cents % 100 ), 2, '0', STR_PAD_LEFT );
	}

	/**
	 * A stored amount without needless zeros: "2.50" → "2.5", "3.00" → "3", '' stays ''.
	 *
	 * @param string $value A DECIMAL column's text.
	 */
	public static function trim( string $value ): string {
		return str_contains( $value, '.' ) ? rtrim( rtrim( $value, '0' ), '.' ) : $value;
	}

	/**
	 * A number as people type it, made plain: full-width digits and signs (１２．５, １，２００) as ASCII,
	 * a ¥ / ￥ sign before it and 元 / 小时 / h (or, for counts, 人 / 人次 / 名) after it dropped, and
	 * thousands grouped by commas or by spaces ("1,800", "1 800", "1 234 567.5") joined. Anything
	 * else is left as typed, for the caller to refuse.
	 *
	 * @param string $text The text.
	 */
	public static function normalise( string $text ): string {
		$a = strtr(
			$text,
			array(
				'０' => '0', '１' => '1', '２' => '2', '３' => '3', '４' => '4', '５' => '5', '６' => '6', '７' => '7', '８' => '8', '９' => '9', // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing
				'，' => ',', '．' => '.', '。' => '.', '－' => '-', '＋' => '+', '　' => ' ', "\u{00A0}" => ' ', "\u{2009}" => ' ', "\u{202F}" => ' ', // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing
			)
		);
		$a = trim( $a );
		$a = (string) preg_replace( '/^[¥￥]\s*|\s*(元|小时|h|人次|人|名)$/u', '', $a );
		if ( preg_match( '/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/', $a ) || preg_match( '/^[+-]?\d{1,3}( \d{3})+(\.\d*)?$/', $a ) ) {
			$a = str_replace( array( ',', ' ' ), '', $a ); // One kind of separator, every three digits.
		}
		return $a;
	}

	/**
	 * An amount as people write it (self::normalise()): "1,800", "￥1,200.50", "1 800", "１２．５小时";
	 * from 0 to AMOUNT_MAX as written. The import, the forms and the REST API all read amounts here.
	 *
	 * @param string $cell The text.
	 * @return string|null The amount rounded to 2 decimals ("12.50"), or null.
	 */
	public static function parse( string $cell ): ?string {
		$a = self::normalise( $cell );
		if ( ! preg_match( '/^\+?(\d+(\.\d*)?|\.\d+)$/', $a ) || ! self::is_valid( $a ) ) {
			return null;
		}
		return self::round( $a );
	}

	/**
	 * Whether a text people typed is a negative number ("-2", "－３"): worth its own message.
	 *
	 * @param string $text The text.
	 */
	public static function is_negative( string $text ): bool {
		return (bool) preg_match( '/^-(\d+(\.\d*)?|\.\d+)$/', self::normalise( $text ) ) && (float) self::normalise( $text ) < 0;
	}

	/**
	 * A count as people write it (self::normalise()): "1,800", "１２", "40人次"; 0 … COUNT_MAX.
	 *
	 * @param string $cell The text.
	 * @return int|null The count, or null.
	 */
	public static function parse_count( string $cell ): ?int {
		$c = ltrim( self::normalise( $cell ), '+' );
		if ( ! preg_match( '/^\d{1,10}$/', $c ) || (int) $c > Engine_Limits::COUNT_MAX ) {
			return null;
		}
		return (int) $c;
	}

	/**
	 * A PHP float as its shortest round-trip decimal text (as the engine reads a float); "x" (not an
	 * amount) for INF and NAN.
	 *
	 * @param float $value The number.
	 */
	public static function from_float( float $value ): string {
		if ( ! is_finite( $value ) ) {
			return 'x';
		}
		return var_export( $value, true ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions -- The shortest round-trip text.
	}
}

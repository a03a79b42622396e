<?php
/**
 * The customary forms of figures in a Chinese work report: exact, 余/多, 万/万余, percentages, lists.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Formats one figure in one of the forms a template names (Report_Template: `{{id | form}}`).
 *
 * All arithmetic is on integer hundredths (amounts carry at most two decimals), so no float error
 * can turn 6,800 into "6,799余".
 *
 *  - exact:   12345.5 → "12,345.5"; 6807 → "6,807"; 7 → "7" (thousands separated by commas, at most
 *             two decimals, trailing zeros dropped).
 *  - yu (余) / duo (多): the two leading digits kept, the rest dropped, and the mark added when
 *             something was dropped: 266 → "260余", 6,807 → "6,800余", 260 → "260", 12.5 → "12余".
 *             Below 10 the value is exact (there is nothing to round to).
 *  - wan (万): from 10,000 on, in 万 (亿 from 100,000,000 on) with the two leading digits and 余 when
 *             something was dropped: 12,345 → "1.2万余", 10,000 → "1万", 99,999 → "9.9万余",
 *             123,456 → "12万余"; below 10,000 as yu.
 *  - percent: a ratio as a percentage with at most one decimal: 0.1875 → "18.8%", 0.25 → "25%".
 *  - list:    the items joined with 、: array('张三', '李四') → "张三、李四".
 *  - date:    "2015-06-01" → "2015年6月1日"; month: "2015年6月"; year: "2015".
 *  - text:    a string as it is.
 * A null figure (a ratio with no denominator, a headcount never entered) prints as "—".
 */
final class Report_Format {

	/** Every form, with the aliases a template may use for it. */
	const FORMS = array(
		'exact'   => array( 'exact', '准确', '精确' ),
		'yu'      => array( 'yu', '余' ),
		'duo'     => array( 'duo', '多' ),
		'wan'     => array( 'wan', '万', '万余' ),
		'percent' => array( 'percent', '%', '百分比' ),
		'list'    => array( 'list', '、', '列举' ),
		'date'    => array( 'date', '日期' ),
		'month'   => array( 'month', '年月' ),
		'year'    => array( 'year', '年' ),
		'text'    => array( 'text', '文字' ),
	);

	/** What a null figure prints as. */
	const NONE = '—';

	/**
	 * The canonical form for a name or alias, or null when unknown.
	 *
	 * @param string $name For example "余" or "yu".
	 */
	public static function form( string $name ): ?string {
		$name = trim( $name );
		foreach ( self::FORMS as $form => $aliases ) {
			if ( in_array( $name, $aliases, true ) ) {
				return $form;
			}
		}
		return null;
	}

	/**
	 * A value in a form.
	 *
	 * @param mixed  $value A number (int, float, numeric string), a ratio, a list, a date or text.
	 * @param string $form  A canonical form (self::FORMS' keys).
	 * @throws \InvalidArgumentException On an unknown form or a value the form cannot take.
	 */
	public static function apply( $value, string $form ): string {
		if ( null === $value ) {
			return self::NONE;
		}
		switch ( $form ) {
			case 'exact':
				return is_array( $value ) ? self::join( $value ) : ( is_numeric( $value ) ? self::exact( $value ) : (string) $value );
			case 'yu':
				return self::approx( $value, '余' );
			case 'duo':
				return self::approx( $value, '多' );
			case 'wan':
				return self::wan( $value );
			case 'percent':
				return self::percent( $value );
			case 'list':
				return self::join( (array) $value );
			case 'date':
			case 'month':
			case 'year':
				return self::date( (string) $value, $form );
			case 'text':
				return is_array( $value ) ? self::join( $value ) : (string) $value;
		}
		throw new \InvalidArgumentException( 'unknown form ' . $form );
	}

	/**
	 * A number as integer hundredths (rounded half away from zero).
	 *
	 * @param mixed $value An int, a float or a numeric string.
	 * @throws \InvalidArgumentException When not a number.
	 */
	public static function hundredths( $value ): int {
		if ( is_int( $value ) ) {
			return $value * 100;
		}
		if ( is_string( $value ) && preg_match( '/^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/', $value, $m ) && ( '' !== $m[2] || '' !== ( $m[3] ?? '' ) ) ) {
			$frac = str_pad( substr( $m[3] ?? '', 0, 3 ), 3, '0' );
			$h    = (int) $m[2] * 100 + intdiv( (int) $frac + 5, 10 );
			return '-' === $m[1] ? -$h : $h;
		}
		if ( is_float( $value ) && is_finite( $value ) ) {
			return self::hundredths( sprintf( '%.3F', round( $value, 2 ) ) );
		}
		if ( is_bool( $value ) ) {
			return $value ? 100 : 0;
		}
		throw new \InvalidArgumentException( 'not a number: ' . ( is_scalar( $value ) ? (string) $value : gettype( $value ) ) );
	}

	/**
	 * The exact form: thousands separated, at most two decimals, trailing zeros dropped.
	 *
	 * @param mixed $value A number.
	 */
	public static function exact( $value ): string {
		return self::from_hundredths( self::hundredths( $value ) );
	}

	/**
	 * Integer hundredths printed in the exact form.
	 *
	 * @param int $h Hundredths.
	 */
	private static function from_hundredths( int $h ): string {
		$sign = $h < 0 ? '-' : '';
		$h    = abs( $h );
		$int  = number_format( intdiv( $h, 100 ), 0, '.', ',' );
		$frac = rtrim( sprintf( '%02d', $h % 100 ), '0' );
		return $sign . $int . ( '' !== $frac ? '.' . $frac : '' );
	}

	/**
	 * 余 / 多: two leading digits kept; the mark when something was dropped.
	 *
	 * @param mixed  $value A number.
	 * @param string $mark  余 or 多.
	 */
	public static function approx( $value, string $mark = '余' ): string {
		return self::approx_h( self::hundredths( $value ), $mark );
	}

	/**
	 * self::approx() of integer hundredths.
	 *
	 * @param int    $h    Hundredths.
	 * @param string $mark 余 or 多.
	 */
	private static function approx_h( int $h, string $mark ): string {
		$sign = $h < 0 ? '-' : '';
		$h    = abs( $h );
		if ( $h < 1000 ) {
			return $sign . self::from_hundredths( $h );
		}
		$kept = self::two_leading( intdiv( $h, 100 ) );
		return $sign . self::from_hundredths( $kept * 100 ) . ( $kept * 100 === $h ? '' : $mark );
	}

	/**
	 * An integer of at least two digits cut to its two leading digits: 6807 → 6800.
	 *
	 * @param int $n The integer (≥ 10).
	 */
	private static function two_leading( int $n ): int {
		$p = 10 ** ( strlen( (string) $n ) - 2 );
		return intdiv( $n, $p ) * $p;
	}

	/**
	 * 万 / 万余 (亿 / 亿余 from 100,000,000 on); below 10,000 as self::approx().
	 *
	 * @param mixed $value A number.
	 */
	public static function wan( $value ): string {
		$h    = self::hundredths( $value );
		$sign = $h < 0 ? '-' : '';
		$h    = abs( $h );
		$int  = intdiv( $h, 100 );
		if ( $int < 10000 ) {
			return $sign . self::approx_h( $h, '余' );
		}
		$kept = self::two_leading( $int );
		list( $base, $unit ) = $int >= 100000000 ? array( 100000000, '亿' ) : array( 10000, '万' );
		$whole = intdiv( $kept, $base );
		$tenth = intdiv( $kept % $base, intdiv( $base, 10 ) );
		$text  = number_format( $whole, 0, '.', ',' ) . ( $tenth > 0 ? '.' . $tenth : '' );
		return $sign . $text . $unit . ( $kept * 100 === $h ? '' : '余' );
	}

	/**
	 * A ratio as a percentage with at most one decimal (half away from zero).
	 *
	 * @param mixed $ratio A ratio (0.1875) or null.
	 */
	public static function percent( $ratio ): string {
		if ( null === $ratio ) {
			return self::NONE;
		}
		if ( ! is_numeric( $ratio ) ) {
			throw new \InvalidArgumentException( 'not a ratio: ' . ( is_scalar( $ratio ) ? (string) $ratio : gettype( $ratio ) ) );
		}
		// Ratios carry at most 4 decimals: tenths of a percent from ten-thousandths, exactly.
		$tt     = (int) round( (float) $ratio * 10000 );
		$tenths = intdiv( abs( $tt ) + 5, 10 ) * ( $tt < 0 ? -1 : 1 );
		$text   = intdiv( abs( $tenths ), 10 ) . ( 0 !== abs( $tenths ) % 10 ? '.' . ( abs( $tenths ) % 10 ) : '' );
		return ( $tenths < 0 ? '-' : '' ) . $text . '%';
	}

	/**
	 * Items joined with 、 (numbers in the exact form).
	 *
	 * @param array $items The items.
	 */
	public static function join( array $items ): string {
		$out = array();
		foreach ( $items as $item ) {
			if ( is_array( $item ) ) {
				$item = self::join( $item );
			} elseif ( is_int( $item ) || is_float( $item ) ) {
				$item = self::exact( $item );
			}
			$item = trim( (string) $item );
			if ( '' !== $item ) {
				$out[] = $item;
			}
		}
		return implode( '、', $out );
	}

	/**
	 * A date YYYY-MM-DD in Chinese: 2015年6月1日 (date), 2015年6月 (month), 2015 (year). '' prints as "—".
	 *
	 * @param string $ymd  The date.
	 * @param string $form date, month or year.
	 */
	public static function date( string $ymd, string $form = 'date' ): string {
		if ( ! preg_match( '/^(\d{4})-(\d{2})(?:-(\d{2}))?$/', $ymd, $m ) ) {
			return '' === $ymd ? self::NONE : $ymd;
		}
		if ( 'year' === $form ) {
			return $m[1];
		}
		$text = $m[1] . '年' . (int) $m[2] . '月';
		return 'month' === $form || ! isset( $m[3] ) ? $text : $text . (int) $m[3] . '日';
	}

	/**
	 * Whether a value counts as zero for "a sentence whose figures are all zero can be left out":
	 * 0, null, '', an empty list.
	 *
	 * @param mixed $value The value.
	 */
	public static function is_zero( $value ): bool {
		if ( null === $value || '' === $value || array() === $value ) {
			return true;
		}
		if ( is_array( $value ) ) {
			return false;
		}
		if ( is_numeric( $value ) ) {
			return 0 === self::hundredths( $value );
		}
		return false;
	}
}

<?php
/**
 * Figures as people write them: the customary Chinese form (1.2万, 1.2亿, 300余, 1.2万余) when the
 * locale is zh_CN, exact figures (number_format_i18n) otherwise.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Number formatting for the showcase, the widget and the dashboard's charts.
 *
 * Modes:
 *  - "exact":   number_format_i18n(), with as many decimals as the value needs (at most 2);
 *  - "auto":    in zh_CN, values of 10,000 or more in 万 / 亿 with one decimal, rounded half up
 *               (12,345 → 1.2万, 99,999,999 → 1亿, 123,456,789 → 1.2亿), smaller ones exact;
 *               in any other locale, exact;
 *  - "rounded": in zh_CN, the work report's rule (Report_Format::wan(), one rule for the report, the
 *               showcase and the dashboard): the two leading digits kept, the rest dropped, 余 when
 *               something was dropped, so it never overstates and never understates by more than a
 *               tenth: 266 → 260余, 312 → 310余, 6,807 → 6,800余, 12,345 → 1.2万余, 123,456 → 12万余;
 *               a value that is already round (300, 12,000, 10,000) gets no 余; under 10, exact.
 *               In any other locale, exact.
 */
final class Format {

	/** The modes a showcase may ask for. */
	const MODES = array( 'auto', 'exact', 'rounded' );

	/** 万 and 亿. */
	const WAN = 10000;
	const YI  = 100000000;

	/**
	 * Whether a locale writes figures in the customary Chinese form.
	 *
	 * @param string $locale A WordPress locale.
	 */
	public static function is_chinese( string $locale ): bool {
		return 'zh_CN' === $locale;
	}

	/**
	 * The locale the figures are written for: the one WordPress renders the request in.
	 */
	public static function locale(): string {
		return function_exists( 'determine_locale' ) ? determine_locale() : get_locale();
	}

	/**
	 * A figure as text.
	 *
	 * @param int|float   $value  The figure (a count or an amount; negative values keep their sign).
	 * @param string      $mode   "auto", "exact" or "rounded" (anything else is "auto").
	 * @param string|null $locale The locale; null for self::locale().
	 * @return string For example "1.2万", "300余", "12,345", "512.5".
	 */
	public static function number( $value, string $mode = 'auto', ?string $locale = null ): string {
		$locale = $locale ?? self::locale();
		$value  = is_int( $value ) ? $value : (float) $value;
		if ( $value < 0 ) {
			return '-' . self::number( -$value, $mode, $locale );
		}
		if ( 'exact' === $mode || ! self::is_chinese( $locale ) ) {
			return self::exact( $value );
		}
		if ( 'rounded' === $mode ) {
			// The one rounding rule of the plugin: the report room's (266 → 260余, 12,345 → 1.2万余).
			return Report_Format::wan( $value );
		}
		if ( $value < self::WAN ) {
			return self::exact( $value );
		}
		// Tenths of a 万 or 亿, counted in integers so that no float error creeps into the rounding.
		$hundredths = (int) round( $value * 100 );
		foreach ( array( self::YI => '亿', self::WAN => '万' ) as $unit => $name ) {
			if ( $hundredths < $unit * 100 ) {
				continue;
			}
			$tenth  = intdiv( $unit, 10 ) * 100; // One tenth of the unit, in hundredths.
			$tenths = intdiv( $hundredths + intdiv( $tenth, 2 ), $tenth ); // Half up.
			if ( self::WAN === $unit && $tenths >= 100000 ) {
				// 9999.95万 and more round to 10000万: say 1亿.
				return self::tenths( intdiv( $tenths + 5000, 10000 ) ) . '亿';
			}
			return self::tenths( $tenths ) . $name;
		}
		return self::exact( $value );
	}

	/**
	 * A figure with its unit: "300余小时", "1.2万余人" in Chinese (no space), "312.5 hours" otherwise.
	 *
	 * @param int|float   $value  The figure.
	 * @param string      $unit   The unit, already translated ('' for none).
	 * @param string      $mode   As self::number().
	 * @param string|null $locale The locale; null for self::locale().
	 */
	public static function with_unit( $value, string $unit, string $mode = 'auto', ?string $locale = null ): string {
		$locale = $locale ?? self::locale();
		return self::number( $value, $mode, $locale ) . self::unit_gap( $unit, $locale ) . $unit;
	}

	/**
	 * What goes between a number and its unit: nothing in Chinese or before "%", a space otherwise.
	 *
	 * @param string $unit   The unit.
	 * @param string $locale The locale.
	 */
	public static function unit_gap( string $unit, string $locale ): string {
		if ( '' === $unit || '%' === $unit || str_starts_with( $locale, 'zh' ) ) {
			return '';
		}
		return ' ';
	}

	/**
	 * A ratio (0.625) as a percentage with one decimal ("62.5%"), or "—" for null.
	 *
	 * @param float|null $ratio The ratio.
	 */
	public static function percent( $ratio ): string {
		if ( null === $ratio ) {
			return '—';
		}
		$tenths = (int) round( (float) $ratio * 1000 );
		return number_format_i18n( $tenths / 10, 0 === $tenths % 10 ? 0 : 1 ) . '%';
	}

	/**
	 * The figure exactly, in the site's number format, with as many decimals as it needs (at most 2).
	 *
	 * @param int|float $value The figure.
	 */
	public static function exact( $value ): string {
		if ( is_int( $value ) ) {
			return number_format_i18n( $value );
		}
		$hundredths = (int) round( $value * 100 );
		$decimals   = 0 === $hundredths % 100 ? 0 : ( 0 === $hundredths % 10 ? 1 : 2 );
		return number_format_i18n( $hundredths / 100, $decimals );
	}

	/**
	 * The machine-readable form of a figure, for data-value attributes: ints as they are, amounts
	 * with at most 2 decimals and no trailing zero ("512.5", "12"), ratios with at most 4, '' for
	 * null. Never localised.
	 *
	 * @param int|float|null $value The figure.
	 */
	public static function raw( $value ): string {
		if ( null === $value ) {
			return '';
		}
		if ( is_int( $value ) ) {
			return (string) $value;
		}
		$text = sprintf( '%.4f', round( (float) $value, 4 ) );
		$text = rtrim( rtrim( $text, '0' ), '.' );
		return '-0' === $text ? '0' : $text;
	}

	/**
	 * Tenths as a decimal without a trailing ".0": 12 → "1.2", 10 → "1", 99999 → "9999.9".
	 *
	 * @param int $tenths The tenths.
	 */
	private static function tenths( int $tenths ): string {
		$whole = intdiv( $tenths, 10 );
		$rest  = $tenths % 10;
		return 0 === $rest ? (string) $whole : $whole . '.' . $rest;
	}
}

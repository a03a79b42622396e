<?php
/**
 * The month and year labels of the charts, in the site's language.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * "2025-03" as a short tick ("3月" / "Mar"), a long label ("2025年3月" / "March 2025") and a year.
 */
final class Chart_Labels {

	/**
	 * "YYYY-MM" as a short month label ("3月" in Chinese, "Mar" in English).
	 *
	 * @param string $month YYYY-MM.
	 */
	public static function month_short( string $month ): string {
		if ( 4 === strlen( $month ) ) {
			return self::year_label( $month );
		}
		/* translators: PHP date format of a month's label under a chart's bar (no year). */
		return self::month_format( $month, _x( 'M', 'chart month', 'dangjian' ) );
	}

	/**
	 * "YYYY-MM" as a long month label ("2024年3月", "March 2024").
	 *
	 * @param string $month YYYY-MM.
	 */
	public static function month_long( string $month ): string {
		if ( 4 === strlen( $month ) ) {
			return self::year_label( $month );
		}
		/* translators: PHP date format of a month with its year, in a chart's table. */
		return self::month_format( $month, _x( 'F Y', 'chart month', 'dangjian' ) );
	}

	/**
	 * A year label under the month axis ("2024年").
	 *
	 * @param string $year YYYY.
	 */
	public static function year_label( string $year ): string {
		/* translators: %s: a year, under a chart's month axis. */
		return sprintf( _x( '%s', 'chart year', 'dangjian' ), $year ); // phpcs:ignore WordPress.WP.I18n.NoEmptyStrings
	}

	/**
	 * A month in a date format, without time zone shifts.
	 *
	 * @param string $month  YYYY-MM.
	 * @param string $format PHP date format.
	 */
	public static function month_format( string $month, string $format ): string {
		$ts = gmmktime( 12, 0, 0, (int) substr( $month, 5, 2 ), 1, (int) substr( $month, 0, 4 ) );
		return (string) wp_date( $format, $ts, new \DateTimeZone( 'UTC' ) );
	}
}

<?php
/**
 * The engine's limits (STATS.md), in one place for the forms, the REST arguments, the import and the
 * export.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * What the engine accepts: the range of dates, amounts, counts and ids, and the byte length of names.
 */
final class Engine_Limits {

	/** The first day the engine accepts. */
	const DATE_MIN = '1900-01-01';

	/** The last day the engine accepts. */
	const DATE_MAX = '2199-12-31';

	/** The largest amount (hours, yuan). */
	const AMOUNT_MAX = 1000000000;

	/** The largest count (beneficiaries, headcount). */
	const COUNT_MAX = 2147483647;

	/** The largest record id. */
	const ID_MAX = 2147483647;

	/** The most bytes of a venue or a project name (UTF-8). */
	const NAME_BYTES = 200;

	/**
	 * Whether a text is a date the engine accepts (a real YYYY-MM-DD from DATE_MIN to DATE_MAX).
	 *
	 * @param string $value The text.
	 */
	public static function is_date( string $value ): bool {
		return Period::is_date( $value ) && $value >= self::DATE_MIN && $value <= self::DATE_MAX;
	}

	/**
	 * Whether a text is a count the engine accepts: canonical decimal digits, 0 … COUNT_MAX.
	 *
	 * @param string $value The text.
	 */
	public static function is_count( string $value ): bool {
		return (bool) preg_match( '/^(0|[1-9]\d{0,9})$/', $value ) && (int) $value <= self::COUNT_MAX;
	}

	/**
	 * Whether a text is a record id: canonical digits, 1 … ID_MAX.
	 *
	 * @param string $value The text.
	 */
	public static function is_id( string $value ): bool {
		return (bool) preg_match( '/^[1-9]\d{0,9}$/', $value ) && (int) $value <= self::ID_MAX;
	}
}

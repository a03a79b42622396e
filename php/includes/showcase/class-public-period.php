<?php
/**
 * The periods the public may see: one rule for every public path (the shortcode, the block and its
 * wp/v2/block-renderer preview, the widget, GET /dangjian/v1/stats).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * For anyone without view_dangjian (Capabilities::VIEW):
 *  - a period starts on the first day of a month, or on the founding date (Profile's founded_on), and
 *    ends on the last day of a month: figures of one day (or of one week) would date each person's
 *    application, admission or departure in a small branch;
 *  - it lies within the public window: from the founding date (without one, the first day of the
 *    month of the oldest date recorded) to the last day of the current year; "all" is that window,
 *    ending with the current month (never a date recorded for the future, such as a planned left_on);
 *  - it spans at most MAX_MONTHS months (ten years), so a cached figure set stays small;
 *  - the day of the member counts (as_of) is not theirs to choose.
 * The branch (view_dangjian) sees any period it asks for. The showcase widens or bounds a period to
 * the rule (an editor sees a notice saying so); the REST route refuses what is not whole months or
 * longer than the bound (self::for_rest()) and bounds the rest to the window.
 */
final class Public_Period {

	/** The longest public period, in months. */
	const MAX_MONTHS = 120;

	/**
	 * Whether the rule applies to the current user (anyone without view_dangjian).
	 */
	public static function applies(): bool {
		return ! current_user_can( Capabilities::VIEW );
	}

	/**
	 * The branch's founding date from its profile, or '' (no profile, or no valid date in it).
	 */
	public static function founded(): string {
		if ( ! class_exists( '\\Dangjian\\Profile' ) ) {
			return '';
		}
		try {
			$profile = Profile::get();
		} catch ( \Throwable $e ) {
			return '';
		}
		$founded = is_array( $profile ) && is_string( $profile['founded_on'] ?? null ) ? $profile['founded_on'] : '';
		return Period::is_date( $founded ) && $founded <= Period::today() ? $founded : '';
	}

	/**
	 * The first day of the month of a date.
	 *
	 * @param string $ymd YYYY-MM-DD.
	 */
	public static function month_start( string $ymd ): string {
		return substr( $ymd, 0, 7 ) . '-01';
	}

	/**
	 * The last day of the month of a date.
	 *
	 * @param string $ymd YYYY-MM-DD.
	 */
	public static function month_end( string $ymd ): string {
		$y = (int) substr( $ymd, 0, 4 );
		$m = (int) substr( $ymd, 5, 2 );
		return sprintf( '%04d-%02d-%s', $y, $m, gmdate( 't', (int) gmmktime( 0, 0, 0, $m, 1, $y ) ) );
	}

	/**
	 * The public window [first day, last day] (see the class comment). Cached by data version.
	 *
	 * @return array{0:string,1:string}
	 */
	public static function window(): array {
		$today   = Period::today();
		$founded = self::founded();
		$key     = Showcase::TRANSIENT_PREFIX . 'window_' . md5( Data_Version::get() . '-' . $today . '-' . $founded );
		$first   = Showcase_Cache::get( $key );
		if ( ! is_string( $first ) ) {
			if ( '' !== $founded ) {
				$first = $founded;
			} else {
				$oldest = Period::data_bounds()[0];
				$first  = null === $oldest ? substr( $today, 0, 4 ) . '-01-01' : self::month_start( min( $oldest, $today ) );
			}
			Showcase_Cache::put( $key, $first, false );
		}
		return array( $first, substr( $today, 0, 4 ) . '-12-31' );
	}

	/**
	 * A date plus whole months (the first day of that month).
	 *
	 * @param string $ymd    YYYY-MM-DD.
	 * @param int    $months Months to add (may be negative).
	 */
	public static function add_months( string $ymd, int $months ): string {
		$n = (int) substr( $ymd, 0, 4 ) * 12 + (int) substr( $ymd, 5, 2 ) - 1 + $months;
		return sprintf( '%04d-%02d-01', intdiv( $n, 12 ), $n % 12 + 1 );
	}

	/**
	 * The months a period touches (both ends counted).
	 *
	 * @param string $from First day.
	 * @param string $to   Last day.
	 */
	public static function months( string $from, string $to ): int {
		return ( (int) substr( $to, 0, 4 ) - (int) substr( $from, 0, 4 ) ) * 12 + (int) substr( $to, 5, 2 ) - (int) substr( $from, 5, 2 ) + 1;
	}

	/**
	 * Applies the rule to period arguments (the current user's: unchanged for view_dangjian).
	 *
	 * @param array     $args   'period' (this_year, last_year, all, a year), or 'from' and 'to'; 'as_of'.
	 * @param bool|null $public Whether to apply the rule (default: whether it applies to the current
	 *                          user, self::applies()); true shows the branch what visitors get.
	 * @return array{args:array,problems:array[],refused:bool} args: 'from' and 'to' (always, when
	 *               the rule applies), else the arguments as given; problems: [param, message] for
	 *               what was widened, bounded or dropped; refused: whether a strict caller (REST)
	 *               should refuse the request rather than answer for the bounded period.
	 */
	public static function resolve( array $args, ?bool $public = null ): array {
		if ( ! ( $public ?? self::applies() ) ) {
			return array(
				'args'     => $args,
				'problems' => array(),
				'refused'  => false,
			);
		}
		$problems = array();
		$refused  = false;
		if ( isset( $args['as_of'] ) && '' !== $args['as_of'] ) {
			$problems[] = array( 'as_of', __( 'Only the branch may choose the day of the member counts.', 'dangjian' ) );
			$refused    = true;
		}
		$from   = (string) ( $args['from'] ?? '' );
		$to     = (string) ( $args['to'] ?? '' );
		$period = (string) ( $args['period'] ?? 'this_year' );
		if ( '' === $from && '' === $to && ( 'this_year' === $period || 'last_year' === $period ) ) {
			return array(
				'args'     => array( 'period' => $period ), // Whole years, two keys: as they are.
				'problems' => $problems,
				'refused'  => $refused,
			);
		}
		list( $first, $last ) = self::window();
		$founded              = self::founded();
		$today                = Period::today();
		if ( '' === $from && '' === $to ) {
			if ( 'all' === $period ) {
				// All of the public window, ending with this month, and (like any public period) at most
				// MAX_MONTHS long: the same answer whether this runs once or again on its own result.
				$to = self::month_end( $today );
				return array(
					'args'     => array(
						'from' => max( $first, self::add_months( $to, 1 - self::MAX_MONTHS ) ),
						'to'   => $to,
					),
					'problems' => $problems,
					'refused'  => $refused,
				);
			}
			if ( ! ctype_digit( $period ) ) {
				return array(
					'args'     => $args, // Not a period: the caller's own check words the refusal.
					'problems' => $problems,
					'refused'  => $refused,
				);
			}
			$year = (int) $period;
			if ( $year < (int) substr( $first, 0, 4 ) || $year > (int) substr( $last, 0, 4 ) ) {
				/* translators: 1: the first year, 2: the last year. */
				$problems[] = array( 'period', sprintf( __( 'The public figures cover the years %1$s to %2$s: this year is shown instead.', 'dangjian' ), substr( $first, 0, 4 ), substr( $last, 0, 4 ) ) );
				$refused    = true;
				$year       = (int) substr( $today, 0, 4 );
			}
			return array(
				'args'     => array( 'period' => (string) $year ),
				'problems' => $problems,
				'refused'  => $refused,
			);
		} elseif ( ! Period::is_date( $from ) || ! Period::is_date( $to ) || $from > $to ) {
			return array(
				'args'     => $args,
				'problems' => $problems,
				'refused'  => $refused,
			);
		} else {
			$whole = __( 'The public figures cover whole months: from is the first day of a month (or the founding date), to the last day of one.', 'dangjian' );
			if ( self::month_start( $from ) !== $from && $from !== $founded ) {
				$problems[] = array( 'from', $whole );
				$refused    = true;
				$from       = '' !== $founded && self::month_start( $from ) === self::month_start( $founded ) && $from > $founded ? $founded : self::month_start( $from );
			}
			if ( self::month_end( $to ) !== $to ) {
				$problems[] = array( 'to', $whole );
				$refused    = true;
				$to         = self::month_end( $to );
			}
			if ( self::months( $from, $to ) > self::MAX_MONTHS ) {
				/* translators: %d: a number of years. */
				$problems[] = array( 'from', sprintf( __( 'A public period spans at most %d years: the last ones are shown.', 'dangjian' ), self::MAX_MONTHS / 12 ) );
				$refused    = true;
				$from       = self::add_months( $to, 1 - self::MAX_MONTHS );
			}
		}
		// Within the window (no figures before the branch's first record or after this year).
		$from = max( $from, $first );
		$to   = min( $to, $last );
		if ( $from > $to ) {
			$problems[] = array( 'period', __( 'The public figures start with the branch\'s first records and end with the current year: this period lies outside them, so this year is shown.', 'dangjian' ) );
			$refused    = true;
			$from       = max( substr( $today, 0, 4 ) . '-01-01', $first );
			$to         = $last;
		}
		return array(
			'args'     => array(
				'from' => $from,
				'to'   => $to,
			),
			'problems' => $problems,
			'refused'  => $refused,
		);
	}

	/**
	 * The rule for GET /dangjian/v1/stats: the period arguments to pass to dangjian_public_stats(),
	 * or a 400 error naming the parameters that break it (from / to not whole months, a period over
	 * ten years, as_of, a period outside the public window).
	 *
	 * @param array $args The request's period arguments (period, or from and to; as_of).
	 * @return array|\WP_Error
	 */
	public static function for_rest( array $args ) {
		$r = self::resolve( $args );
		if ( ! $r['refused'] ) {
			return $r['args'];
		}
		$params = array();
		foreach ( $r['problems'] as $p ) {
			$params[ $p[0] ] = $p[1];
		}
		return new \WP_Error(
			'rest_invalid_param',
			$r['problems'][0][1],
			array(
				'status' => 400,
				'params' => $params,
			)
		);
	}
}

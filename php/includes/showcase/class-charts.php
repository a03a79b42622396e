<?php
/**
 * Charts drawn on the server as inline SVG: no JavaScript, scaled by their viewBox, coloured by CSS
 * custom properties (with fallbacks), each with a <title>, a <desc> and a data table.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Month-by-month service (hours as bars, beneficiaries as a line), venues by kind (horizontal bars)
 * and the development pipeline (applicants → activists → candidates → probationary → full).
 *
 * Markup (stable, for themes and browser tests):
 *   <figure class="dangjian-chart dangjian-chart--KIND" data-chart="KIND">
 *     <svg role="img" aria-labelledby="ID-title ID-desc" viewBox="…"> <title id="ID-title"> <desc id="ID-desc">
 *       bars: <rect class="dangjian-chart__bar" data-key="…" data-value="…">
 *       line points: <circle class="dangjian-chart__point" data-key="…" data-value="…">
 *     <figcaption> the title and the legend
 *     <details class="dangjian-chart__data"><summary>…</summary><div class="dangjian-table-wrap">
 *       <table data-chart-table="KIND"> rows <tr data-key="…">, cells <td data-series="…" data-value="…">
 * Every number in the SVG is also in the table, with the same data-value.
 * The month chart's labels under the bars: <text class="dangjian-chart__tick"> (at most six, shown
 * everywhere) and <text class="dangjian-chart__tick dangjian-chart__tick--minor" visibility="hidden">
 * (shown by showcase.css on a wide container); a year still under way ends with the current month.
 *
 * Legibility: every chart is Charts::WIDTH (400) units wide with Charts::FONT (14) units of text, so
 * that the text is 12 px high in the narrowest container (345 px, a 375 px phone); showcase.css lowers
 * the font size in units on wider containers, and caps the charts' width, so that it stays 12–15 px.
 *
 * Colours: --dangjian-chart-1 (bars, default #c8102e), --dangjian-chart-2 (the line, #d98c00),
 * text and axes in currentColor. IDs start with the given id prefix, which must be unique on the page.
 */
final class Charts {

	/** The viewBox width of every chart: narrow, so that its text stays legible on a phone (a 375 px
	 * window leaves about 345 px: 14 units are drawn 12 px high there). Wider containers draw the text
	 * smaller in units (showcase.css's container queries), so it stays about 12–15 px at any size. */
	const WIDTH = 400;

	/** Longer periods are drawn year by year. */
	const MAX_MONTHS = 36;

	/** The viewBox width of the bar charts. */
	const BAR_WIDTH = self::WIDTH;

	/** Font size in viewBox units (every text of every chart). */
	const FONT = 14;

	/** The narrowest container the charts are designed for, in CSS px (a 375 px phone's content). */
	const NARROWEST = 345;

	/** At most this many month labels are drawn on every container; the others (class
	 * dangjian-chart__tick--minor, hidden unless the stylesheet shows them on a wide container). */
	const MAX_LABELS = 6;

	/**
	 * The month-by-month chart of service hours (bars, left axis) and beneficiaries (line, right axis).
	 *
	 * Months after the current one (the site's time zone) that hold nothing are left out of the
	 * drawing and the table: a year still under way ends with this month, not with a fall to zero; the
	 * description says so. A later month that holds records (dated ahead) is drawn.
	 *
	 * @param array  $by_month STATS.md's service.by_month: [{month, activities, hours, beneficiaries}].
	 * @param string $id       A unique id prefix.
	 * @param string $mode     Number format mode (Format::MODES).
	 * @param string $locale   The locale.
	 * @param string $today    Today, YYYY-MM-DD ('' for Period::today(), the site's time zone).
	 */
	public static function month( array $by_month, string $id, string $mode = 'auto', string $locale = '', string $today = '' ): string {
		$locale   = '' === $locale ? Format::locale() : $locale;
		$today    = '' === $today ? Period::today() : $today;
		$current  = substr( $today, 0, 7 );
		$by_month = array_values( $by_month );
		$clipped  = false;
		$kept     = $by_month;
		while ( $kept && strcmp( (string) end( $kept )['month'], $current ) > 0 && self::is_empty_month( end( $kept ) ) ) {
			array_pop( $kept );
			$clipped = true;
		}
		// Only months yet to come are left out: a later month with records keeps every month before it.
		$by_month = $kept;
		$title    = __( 'Service hours and people helped, month by month', 'dangjian' );
		$yearly   = count( $by_month ) > self::MAX_MONTHS;
		if ( $yearly ) {
			// A long period (all records): one bar per year, or the bars would be hairlines.
			$title    = __( 'Service hours and people helped, year by year', 'dangjian' );
			$by_month = self::by_year( $by_month );
			$clipped  = false; // The months to come add nothing to their year.
		}
		$n       = count( $by_month );
		$hours   = array_map( static fn( $r ) => (float) $r['hours'], $by_month );
		$people  = array_map( static fn( $r ) => (int) $r['beneficiaries'], $by_month );
		$max_h   = self::nice_max( $hours ? max( $hours ) : 0 );
		$max_p   = self::nice_max( $people ? max( $people ) : 0 );
		$tick    = 'auto' === $mode ? 'auto' : 'exact';
		$h_unit  = _x( 'hours', 'unit', 'dangjian' );
		$p_unit  = _x( 'people', 'unit of people helped', 'dangjian' );

		// Margins wide enough for the axes' longest labels.
		$widest = static function ( float $max ) use ( $tick, $locale ): float {
			$w = 0.0;
			for ( $k = 0; $k <= 4; $k++ ) {
				$w = max( $w, self::text_width( Format::number( self::tick( $max, $k ), $tick, $locale ) ) );
			}
			return $w;
		};
		$w      = self::WIDTH;
		$h      = 300;
		$left   = max( 30.0, ceil( $widest( $max_h ) ) + 10 );
		$right  = max( 30.0, ceil( $widest( $max_p ) ) + 10 );
		$top    = 14;
		$bottom = 60;
		$pw     = $w - $left - $right;
		$ph     = $h - $top - $bottom;
		$slot   = $n > 0 ? $pw / $n : $pw;
		$bar_w  = max( 1.0, $slot * 0.62 );
		// Labels: at most MAX_LABELS on any container (they fit: FONT units, one per `major` slots);
		// up to twice as many more (minor) where the stylesheet finds room for them.
		$major = max( 1, (int) ceil( $n / self::MAX_LABELS ) );
		$minor = max( 1, (int) ceil( $n / ( 2 * self::MAX_LABELS ) ) );
		if ( 0 !== $major % $minor ) {
			$minor = $major;
		}

		$svg   = self::grid( $left, $top, $pw, $ph, $max_h, $max_p, $tick, $locale );
		$years = array(); // Month index => year label.
		foreach ( $by_month as $i => $row ) {
			$x  = $left + $i * $slot + ( $slot - $bar_w ) / 2;
			$bh = $max_h > 0 ? $hours[ $i ] / $max_h * $ph : 0;
			$svg .= sprintf(
				'<rect class="dangjian-chart__bar" data-key="%1$s" data-series="hours" data-value="%2$s" x="%3$s" y="%4$s" width="%5$s" height="%6$s" fill="#c8102e" style="fill:var(--dangjian-chart-1,#c8102e)"><title>%7$s</title></rect>',
				esc_attr( $row['month'] ),
				esc_attr( Format::raw( $hours[ $i ] ) ),
				self::n( $x ),
				self::n( $top + $ph - $bh ),
				self::n( $bar_w ),
				self::n( $bh ),
				esc_html( Chart_Labels::month_long( $row['month'] ) . ' ' . Format::with_unit( $hours[ $i ], $h_unit, $mode, $locale ) )
			);
			$is_major = 0 === $i % $major;
			if ( $is_major || 0 === $i % $minor ) {
				$svg .= sprintf(
					'<text class="dangjian-chart__tick%1$s" x="%2$s" y="%3$s" text-anchor="middle"%4$s>%5$s</text>',
					$is_major ? '' : ' dangjian-chart__tick--minor',
					self::n( $left + $i * $slot + $slot / 2 ),
					self::n( $top + $ph + 18 ),
					$is_major ? '' : ' visibility="hidden"',
					esc_html( Chart_Labels::month_short( $row['month'] ) )
				);
			}
			if ( ! $yearly && ( 0 === $i || '01' === substr( $row['month'], 5, 2 ) ) ) {
				$years[ $i ] = Chart_Labels::year_label( substr( $row['month'], 0, 4 ) );
			}
		}
		$svg .= self::month_years( $years, $left, $slot, $top + $ph + 37 );
		// The line of beneficiaries.
		$points = array();
		foreach ( $by_month as $i => $row ) {
			$points[] = array( $left + $i * $slot + $slot / 2, $top + $ph - ( $max_p > 0 ? $people[ $i ] / $max_p * $ph : 0 ) );
		}
		if ( $n > 1 ) {
			$svg .= '<polyline fill="none" stroke="#d98c00" stroke-width="2.5" style="stroke:var(--dangjian-chart-2,#d98c00)" points="' . esc_attr(
				implode( ' ', array_map( static fn( $p ) => self::n( $p[0] ) . ',' . self::n( $p[1] ), $points ) )
			) . '"/>';
		}
		foreach ( $by_month as $i => $row ) {
			$svg .= sprintf(
				'<circle class="dangjian-chart__point" data-key="%1$s" data-series="beneficiaries" data-value="%2$d" cx="%3$s" cy="%4$s" r="%5$s" fill="#d98c00" style="fill:var(--dangjian-chart-2,#d98c00)"><title>%6$s</title></circle>',
				esc_attr( $row['month'] ),
				$people[ $i ],
				self::n( $points[ $i ][0] ),
				self::n( $points[ $i ][1] ),
				$n > 24 ? '2' : '3.5',
				esc_html( Chart_Labels::month_long( $row['month'] ) . ' ' . Format::with_unit( $people[ $i ], $p_unit, $mode, $locale ) )
			);
		}
		// Axis titles.
		$svg .= sprintf( '<text x="%1$s" y="%2$s" text-anchor="start">%3$s</text>', self::n( 0 ), self::n( $h - 4 ), esc_html( __( 'Left: hours', 'dangjian' ) ) );
		$svg .= sprintf( '<text x="%1$s" y="%2$s" text-anchor="end">%3$s</text>', self::n( $w ), self::n( $h - 4 ), esc_html( __( 'Right: people helped', 'dangjian' ) ) );

		$desc = self::month_desc( $by_month, $people, $clipped, $mode, $locale );

		$rows = array();
		foreach ( $by_month as $i => $row ) {
			$rows[] = array(
				'key'   => $row['month'],
				'label' => Chart_Labels::month_long( $row['month'] ),
				'cells' => array(
					'activities'    => (int) $row['activities'],
					'hours'         => $hours[ $i ],
					'beneficiaries' => $people[ $i ],
				),
			);
		}
		$table = self::table(
			'month',
			$yearly ? __( 'Year', 'dangjian' ) : __( 'Month', 'dangjian' ),
			array(
				'activities'    => __( 'Service activities', 'dangjian' ),
				'hours'         => __( 'Service hours', 'dangjian' ),
				'beneficiaries' => __( 'People helped', 'dangjian' ),
			),
			$rows,
			$mode,
			$locale
		);
		$legend = array(
			array( 'bar', __( 'Service hours', 'dangjian' ) ),
			array( 'line', __( 'People helped', 'dangjian' ) ),
		);
		return self::wrap( 'month', $id, $title, $desc, $w, $h, $svg, $legend, $table );
	}

	/**
	 * The month chart's description: the period, the totals, how to read it.
	 *
	 * @param array  $by_month The months (or years) drawn.
	 * @param int[]  $people   Their people helped.
	 * @param bool   $clipped  Whether months to come were left out.
	 * @param string $mode     Number format mode.
	 * @param string $locale   The locale.
	 */
	private static function month_desc( array $by_month, array $people, bool $clipped, string $mode, string $locale ): string {
		$n      = count( $by_month );
		$h_unit = _x( 'hours', 'unit', 'dangjian' );
		$p_unit = _x( 'people', 'unit of people helped', 'dangjian' );
		$total_h = array_sum( array_map( static fn( $r ) => (int) round( (float) $r['hours'] * 100 ), $by_month ) ) / 100;
		$total_p = array_sum( $people );
		if ( 0 === $n ) {
			$desc = $clipped ? __( 'The period has not begun yet.', 'dangjian' ) : __( 'No month in the period.', 'dangjian' );
		} else {
			$desc = sprintf(
				$clipped
					/* translators: 1: first month, 2: last month (the current one), 3: hours with their unit, 4: people with their unit. */
					? __( 'From %1$s to %2$s: %3$s of service in all, %4$s helped. Bars: hours per month; line: people helped per month. The chart ends with this month: the months after it have not come yet.', 'dangjian' )
					/* translators: 1: first month, 2: last month, 3: hours with their unit, 4: people with their unit. */
					: __( 'From %1$s to %2$s: %3$s of service in all, %4$s helped. Bars: hours per month; line: people helped per month.', 'dangjian' ),
				Chart_Labels::month_long( $by_month[0]['month'] ),
				Chart_Labels::month_long( $by_month[ $n - 1 ]['month'] ),
				Format::with_unit( $total_h, $h_unit, $mode, $locale ),
				Format::with_unit( $total_p, $p_unit, $mode, $locale )
			);
		}
		return $desc;
	}

	/**
	 * The years under the months of the month chart: the first at the axis' start, then each January
	 * under its month; a January too close to the start takes the first one's place.
	 *
	 * @param array<int,string> $years Month index => year label.
	 * @param float             $left  The plot's left edge.
	 * @param float             $slot  The width of a month.
	 * @param float             $y     The baseline of the labels.
	 */
	private static function month_years( array $years, float $left, float $slot, float $y ): string {
		$svg = '';
		$year_x = array();
		foreach ( $years as $i => $label ) {
			$year_x[ $i ] = 0 === $i ? $left : $left + $i * $slot + $slot / 2 - self::text_width( $label ) / 2;
		}
		if ( isset( $years[0] ) && count( $years ) > 1 ) {
			$next = array_keys( $years )[1];
			if ( $year_x[ $next ] < $left + self::text_width( $years[0] ) + 8 ) {
				unset( $years[0] );
				$year_x[ $next ] = max( $left, $year_x[ $next ] );
			}
		}
		foreach ( $years as $i => $label ) {
			$svg .= sprintf(
				'<text class="dangjian-chart__year" x="%1$s" y="%2$s" text-anchor="start" font-weight="bold">%3$s</text>',
				self::n( $year_x[ $i ] ),
				self::n( $y ),
				esc_html( $label )
			);
		}
		return $svg;
	}

	/**
	 * Whether a month of by_month holds nothing (no activity, no hour, nobody helped).
	 *
	 * @param array $row {month, activities, hours, beneficiaries}.
	 */
	private static function is_empty_month( array $row ): bool {
		return 0 === (int) $row['activities'] && 0.0 === (float) $row['hours'] && 0 === (int) $row['beneficiaries'];
	}

	/**
	 * A text's width in viewBox units, estimated (CJK characters one em, digits and Latin letters
	 * about 0.6 em, punctuation less): enough to size the margins and to keep labels apart.
	 *
	 * @param string $text The text.
	 * @param float  $font The font size in units.
	 */
	public static function text_width( string $text, float $font = self::FONT ): float {
		$em = 0.0;
		foreach ( preg_split( '//u', $text, -1, PREG_SPLIT_NO_EMPTY ) as $ch ) {
			if ( preg_match( '/[\p{Han}\x{3000}-\x{303f}\x{ff00}-\x{ffef}]/u', $ch ) ) {
				$em += 1.0;
			} elseif ( preg_match( '/[.,:;\'!|il ]/', $ch ) ) {
				$em += 0.3;
			} elseif ( preg_match( '/[A-Z%mw]/', $ch ) ) {
				$em += 0.75;
			} else {
				$em += 0.58;
			}
		}
		return $em * $font;
	}

	/**
	 * Venues by kind: one horizontal bar per venue kind, its length the number of distinct venues.
	 *
	 * @param array  $by_venue_kind STATS.md's service.by_venue_kind: kind => {venues, activities, beneficiaries, hours}.
	 * @param string $id            A unique id prefix.
	 * @param string $mode          Number format mode.
	 * @param string $locale        The locale.
	 */
	public static function venue( array $by_venue_kind, string $id, string $mode = 'auto', string $locale = '' ): string {
		$locale = '' === $locale ? Format::locale() : $locale;
		$title  = __( 'Places served, by kind', 'dangjian' );
		$labels = Vocabulary::venue_kinds();
		$unit   = _x( 'places', 'unit', 'dangjian' );
		$bars   = array();
		$rows   = array();
		foreach ( $by_venue_kind as $kind => $row ) {
			$bars[] = array(
				'key'   => (string) $kind,
				'label' => $labels[ $kind ] ?? (string) $kind,
				'value' => (int) $row['venues'],
			);
			$rows[] = array(
				'key'   => (string) $kind,
				'label' => $labels[ $kind ] ?? (string) $kind,
				'cells' => array(
					'venues'        => (int) $row['venues'],
					'activities'    => (int) $row['activities'],
					'beneficiaries' => (int) $row['beneficiaries'],
					'hours'         => (float) $row['hours'],
				),
			);
		}
		list( $svg, $h ) = self::hbars( $bars, $unit, $mode, $locale, false );
		$parts           = array();
		foreach ( $bars as $bar ) {
			$parts[] = $bar['label'] . ' ' . Format::with_unit( $bar['value'], $unit, $mode, $locale );
		}
		$desc  = $parts
			/* translators: %s: a list such as "Community 23 places, School 5 places". */
			? sprintf( __( 'Distinct places where service was given, by kind: %s.', 'dangjian' ), implode( __( ', ', 'dangjian' ), $parts ) )
			: __( 'No service at a recorded place in the period.', 'dangjian' );
		$table = self::table(
			'venue',
			__( 'Venue kind', 'dangjian' ),
			array(
				'venues'        => __( 'Places', 'dangjian' ),
				'activities'    => __( 'Service activities', 'dangjian' ),
				'beneficiaries' => __( 'People helped', 'dangjian' ),
				'hours'         => __( 'Service hours', 'dangjian' ),
			),
			$rows,
			$mode,
			$locale
		);
		return self::wrap( 'venue', $id, $title, $desc, self::BAR_WIDTH, $h, $svg, array( array( 'bar', __( 'Places', 'dangjian' ) ) ), $table );
	}

	/**
	 * The development pipeline: how many people are at each stage (applicants → activists →
	 * candidates → probationary → full), as a funnel of centred bars.
	 *
	 * @param array  $stages Stage key => count, in pipeline order; keys applicants, activists,
	 *                       candidates, probationary, full (those left out are not drawn).
	 * @param string $id     A unique id prefix.
	 * @param string $mode   Number format mode.
	 * @param string $locale The locale.
	 */
	public static function pipeline( array $stages, string $id, string $mode = 'auto', string $locale = '' ): string {
		$locale = '' === $locale ? Format::locale() : $locale;
		$title  = __( 'Development of Party members: people at each stage', 'dangjian' );
		$names  = self::stage_labels();
		$unit   = _x( 'people', 'unit', 'dangjian' );
		$bars   = array();
		$rows   = array();
		foreach ( array_keys( $names ) as $key ) {
			if ( ! array_key_exists( $key, $stages ) ) {
				continue;
			}
			$bars[] = array(
				'key'   => $key,
				'label' => $names[ $key ],
				'value' => (int) $stages[ $key ],
			);
			$rows[] = array(
				'key'   => $key,
				'label' => $names[ $key ],
				'cells' => array( 'people' => (int) $stages[ $key ] ),
			);
		}
		list( $svg, $h ) = self::hbars( $bars, $unit, $mode, $locale, true );
		$parts           = array();
		foreach ( $bars as $bar ) {
			$parts[] = $bar['label'] . ' ' . Format::with_unit( $bar['value'], $unit, $mode, $locale );
		}
		$desc  = sprintf(
			/* translators: %s: a list such as "Applicants 5 people → Activists 3 people". */
			__( 'People at each stage of joining the Party: %s.', 'dangjian' ),
			implode( ' → ', $parts )
		);
		$table = self::table( 'pipeline', __( 'Stage', 'dangjian' ), array( 'people' => __( 'People', 'dangjian' ) ), $rows, $mode, $locale );
		return self::wrap( 'pipeline', $id, $title, $desc, self::BAR_WIDTH, $h, $svg, array( array( 'bar', __( 'People', 'dangjian' ) ) ), $table );
	}

	/**
	 * Months summed into years: [{month: 'YYYY', activities, hours, beneficiaries}].
	 *
	 * @param array $by_month STATS.md's service.by_month.
	 * @return array
	 */
	public static function by_year( array $by_month ): array {
		$years = array();
		foreach ( $by_month as $row ) {
			$y = substr( $row['month'], 0, 4 );
			if ( ! isset( $years[ $y ] ) ) {
				$years[ $y ] = array(
					'month'         => $y,
					'activities'    => 0,
					'hundredths'    => 0,
					'beneficiaries' => 0,
				);
			}
			$years[ $y ]['activities']    += (int) $row['activities'];
			$years[ $y ]['hundredths']    += (int) round( (float) $row['hours'] * 100 );
			$years[ $y ]['beneficiaries'] += (int) $row['beneficiaries'];
		}
		$out = array();
		foreach ( $years as $row ) {
			$row['hours'] = $row['hundredths'] / 100;
			unset( $row['hundredths'] );
			$out[] = $row;
		}
		return $out;
	}

	/**
	 * The stages of the pipeline in order, key => label.
	 *
	 * @return array<string,string>
	 */
	public static function stage_labels(): array {
		return array(
			'applicants'   => __( 'Applicants', 'dangjian' ),
			'activists'    => __( 'Activists', 'dangjian' ),
			'candidates'   => __( 'Candidates for membership', 'dangjian' ),
			'probationary' => __( 'Probationary members', 'dangjian' ),
			'full'         => __( 'Full members', 'dangjian' ),
		);
	}

	/**
	 * Horizontal bars with their labels on the left and values at their ends.
	 *
	 * @param array[] $bars    [key, label, value].
	 * @param string  $unit    The values' unit.
	 * @param string  $mode    Number format mode.
	 * @param string  $locale  The locale.
	 * @param bool    $centred A funnel (bars centred) rather than bars from the left.
	 * @return array{0:string,1:int} The SVG's inner markup and its height.
	 */
	private static function hbars( array $bars, string $unit, string $mode, string $locale, bool $centred ): array {
		$row_h  = 34;
		$top    = 8;
		$w      = self::BAR_WIDTH;
		$texts  = array_map( static fn( $b ) => Format::with_unit( $b['value'], $unit, $mode, $locale ), $bars );
		// Columns as wide as their longest text (labels at most 45% of the width: a longer one is
		// squeezed into it with textLength rather than cut or drawn outside the chart).
		$label  = min( $w * 0.45, max( 60.0, 12 + max( array_map( static fn( $b ) => self::text_width( $b['label'] ), $bars ?: array( array( 'label' => '' ) ) ) ) ) );
		$value  = min( $w * 0.25, max( 40.0, 10 + max( array_map( array( self::class, 'text_width' ), $texts ?: array( '' ) ) ) ) );
		$label  = ceil( $label );
		$value  = ceil( $value );
		$pw     = $w - $label - $value;
		$h      = max( 60, $top * 2 + count( $bars ) * $row_h );
		$max    = max( 1, ...array_map( static fn( $b ) => $b['value'], $bars ?: array( array( 'value' => 0 ) ) ) );
		$svg    = '';
		foreach ( $bars as $i => $bar ) {
			$y    = $top + $i * $row_h;
			$bw   = $bar['value'] / $max * $pw;
			$x    = $centred ? $label + ( $pw - $bw ) / 2 : $label;
			$room = $label - 8;
			$fit  = self::text_width( $bar['label'] ) > $room ? ' textLength="' . self::n( $room ) . '" lengthAdjust="spacingAndGlyphs"' : '';
			$svg .= sprintf(
				'<text x="%1$s" y="%2$s" text-anchor="end"%3$s>%4$s</text>',
				self::n( $label - 8 ),
				self::n( $y + $row_h / 2 + 5 ),
				$fit,
				esc_html( $bar['label'] )
			);
			$svg .= sprintf(
				'<rect class="dangjian-chart__bar" data-key="%1$s" data-value="%2$d" x="%3$s" y="%4$s" width="%5$s" height="%6$s" rx="3" fill="#c8102e" style="fill:var(--dangjian-chart-1,#c8102e)"/>',
				esc_attr( $bar['key'] ),
				$bar['value'],
				self::n( $x ),
				self::n( $y + 5 ),
				self::n( $bw ),
				self::n( $row_h - 10 )
			);
			$svg .= sprintf(
				'<text x="%1$s" y="%2$s" text-anchor="start">%3$s</text>',
				self::n( ( $centred ? $label + $pw : $x + $bw ) + 6 ),
				self::n( $y + $row_h / 2 + 5 ),
				esc_html( $texts[ $i ] )
			);
		}
		return array( $svg, $h );
	}

	/**
	 * The grid and both axes of the month chart.
	 *
	 * @param float  $left   Plot's left edge.
	 * @param float  $top    Plot's top edge.
	 * @param float  $pw     Plot width.
	 * @param float  $ph     Plot height.
	 * @param float  $max_l  Left axis maximum.
	 * @param float  $max_r  Right axis maximum.
	 * @param string $mode   Number format mode.
	 * @param string $locale The locale.
	 */
	private static function grid( $left, $top, $pw, $ph, $max_l, $max_r, string $mode, string $locale ): string {
		$svg = '';
		for ( $k = 0; $k <= 4; $k++ ) {
			$y    = $top + $ph - $k / 4 * $ph;
			$svg .= sprintf(
				'<line x1="%1$s" y1="%2$s" x2="%3$s" y2="%2$s" stroke="currentColor" stroke-opacity="%4$s" stroke-width="1"/>',
				self::n( $left ),
				self::n( $y ),
				self::n( $left + $pw ),
				0 === $k ? '0.6' : '0.15'
			);
			$svg .= sprintf(
				'<text x="%1$s" y="%2$s" text-anchor="end">%3$s</text>',
				self::n( $left - 5 ),
				self::n( $y + 5 ),
				esc_html( Format::number( self::tick( $max_l, $k ), 'auto' === $mode ? 'auto' : 'exact', $locale ) )
			);
			$svg .= sprintf(
				'<text x="%1$s" y="%2$s" text-anchor="start">%3$s</text>',
				self::n( $left + $pw + 5 ),
				self::n( $y + 5 ),
				esc_html( Format::number( self::tick( $max_r, $k ), 'auto' === $mode ? 'auto' : 'exact', $locale ) )
			);
		}
		return $svg;
	}

	/**
	 * The k-th of 4 ticks up to max: an int when it is whole.
	 *
	 * @param float $max The axis maximum.
	 * @param int   $k   0–4.
	 * @return int|float
	 */
	private static function tick( $max, int $k ) {
		$v = $max * $k / 4;
		return floor( $v ) == $v ? (int) $v : round( $v, 2 ); // phpcs:ignore Universal.Operators.StrictComparisons
	}

	/**
	 * A round axis maximum at or above a value: four times a round step (1, 1.5, 2, 2.5, 3, 4, 5, 6
	 * or 8 times a power of ten, at least 1), so that the four ticks are round too.
	 *
	 * @param float $value The largest value.
	 */
	public static function nice_max( $value ): float {
		$need = max( 1.0, (float) $value / 4 );
		$power = 10 ** floor( log10( $need ) );
		foreach ( array( 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 ) as $step ) {
			if ( $step * $power >= $need - 1e-9 ) {
				return (float) ( 4 * $step * $power );
			}
		}
		return (float) ( 40 * $power );
	}

	/**
	 * The figure around the SVG: caption, legend and the data table in <details>.
	 *
	 * @param string  $kind   month, venue or pipeline.
	 * @param string  $id     The id prefix.
	 * @param string  $title  The chart's title.
	 * @param string  $desc   Its description (what it shows, in words).
	 * @param int     $w      viewBox width.
	 * @param int     $h      viewBox height.
	 * @param string  $inner  The SVG's drawing.
	 * @param array[] $legend [shape ("bar" or "line"), label].
	 * @param string  $table  The data table's markup.
	 */
	private static function wrap( string $kind, string $id, string $title, string $desc, int $w, int $h, string $inner, array $legend, string $table ): string {
		$tid  = $id . '-title';
		$did  = $id . '-desc';
		$html = '<figure class="dangjian-chart dangjian-chart--' . esc_attr( $kind ) . '" data-chart="' . esc_attr( $kind ) . '" id="' . esc_attr( $id ) . '">';
		$html .= '<svg xmlns="http://www.w3.org/2000/svg" class="dangjian-chart__svg" viewBox="0 0 ' . $w . ' ' . $h . '" width="100%" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="' . esc_attr( $tid . ' ' . $did ) . '" focusable="false" font-size="' . self::FONT . '" fill="currentColor">';
		$html .= '<title id="' . esc_attr( $tid ) . '">' . esc_html( $title ) . '</title>';
		$html .= '<desc id="' . esc_attr( $did ) . '">' . esc_html( $desc ) . '</desc>';
		$html .= $inner . '</svg>';
		$html .= '<figcaption class="dangjian-chart__caption"><span class="dangjian-chart__title">' . esc_html( $title ) . '</span>';
		foreach ( $legend as $item ) {
			$html .= ' <span class="dangjian-chart__legend dangjian-chart__legend--' . esc_attr( $item[0] ) . '">' . esc_html( $item[1] ) . '</span>';
		}
		$html .= '</figcaption>';
		$html .= '<details class="dangjian-chart__data"><summary>' . esc_html__( 'Show the data as a table', 'dangjian' ) . '</summary>' . $table . '</details>';
		return $html . '</figure>';
	}

	/**
	 * A data table: one row per key, one column per series, every cell with its data-value.
	 *
	 * @param string               $kind    The chart.
	 * @param string               $head    The first column's heading.
	 * @param array<string,string> $columns Series => heading.
	 * @param array[]              $rows    [key, label, cells => series => value].
	 * @param string               $mode    Number format mode.
	 * @param string               $locale  The locale.
	 */
	private static function table( string $kind, string $head, array $columns, array $rows, string $mode, string $locale ): string {
		$html = '<div class="dangjian-table-wrap"><table class="dangjian-chart__table" data-chart-table="' . esc_attr( $kind ) . '"><thead><tr><th scope="col">' . esc_html( $head ) . '</th>';
		foreach ( $columns as $label ) {
			$html .= '<th scope="col">' . esc_html( $label ) . '</th>';
		}
		$html .= '</tr></thead><tbody>';
		foreach ( $rows as $row ) {
			$html .= '<tr data-key="' . esc_attr( $row['key'] ) . '"><th scope="row">' . esc_html( $row['label'] ) . '</th>';
			foreach ( array_keys( $columns ) as $series ) {
				$v     = $row['cells'][ $series ];
				$html .= '<td data-series="' . esc_attr( $series ) . '" data-value="' . esc_attr( Format::raw( $v ) ) . '">' . esc_html( Format::number( $v, $mode, $locale ) ) . '</td>';
			}
			$html .= '</tr>';
		}
		return $html . '</tbody></table></div>';
	}

	/**
	 * A coordinate with at most 2 decimals.
	 *
	 * @param float $v The number.
	 */
	private static function n( $v ): string {
		$t = rtrim( rtrim( sprintf( '%.2f', $v ), '0' ), '.' );
		return '-0' === $t ? '0' : $t;
	}
}

<?php
/**
 * The public showcase: the shortcode [dangjian], the block dangjian/stats and the classic widget all
 * render through Showcase::render().
 *
 *     [dangjian figures="party_members,service_hours,beneficiaries" period="last_year" layout="cards" chart="month"]
 *
 * Attributes (unknown values fall back to the default; an editor sees a notice saying so, the public
 * sees nothing of it):
 *   figures  comma list of figure keys (Showcase::catalogue()) or their ids of docs/API.md
 *            ("service.hours", "members.party_members"); "activities" = "service_activities".
 *            Default: party_members, service_activities, service_hours, beneficiaries, fee_waived, meetings.
 *   period   this_year (default), last_year, all, or a year (2024); or from / to (YYYY-MM-DD, both).
 *   layout   cards (default), list, table.
 *   chart    none (default), month, venue, pipeline.
 *   numbers  auto (1.2万 in zh_CN, exact elsewhere), exact, rounded (300余, 1.2万余 in zh_CN). Default:
 *            the settings page's "Number style on public pages" (Settings::numbers()), which the
 *            filter dangjian_showcase_numbers may change; "" (the block's and the widget's "as in the
 *            settings") is the default too.
 *
 * Only the aggregates of dangjian_public_stats() are shown, and only the figures the settings allow
 * (Settings::showcase_figures()); a figure not allowed is left out (an editor sees why).
 *
 * Stable markup for themes and browser tests:
 *   <div class="dangjian-showcase dangjian-showcase--LAYOUT" data-layout="LAYOUT" data-period="…"
 *        data-from="YYYY-MM-DD" data-to="YYYY-MM-DD" data-context="shortcode|block|widget">
 *     one element per figure: class="dangjian-figure" data-figure="KEY" data-value="RAW"
 *       KEY is a figure key (party_members, service_hours, …) or GROUP.ITEM for grouped figures
 *       (venues.community, service_by_kind.counseling, meetings_by_kind.theme_day,
 *        pipeline.applied); RAW is the exact number, unlocalised ("42", "512.5", "0.625", "" for none);
 *       inside it: .dangjian-figure__label, .dangjian-figure__number (the formatted number, e.g. "1.2万"),
 *       .dangjian-figure__unit ("小时").
 *     honours: <ul class="dangjian-honours"><li data-honour-date="…">
 *     a chart: <figure class="dangjian-chart" data-chart="month|venue|pipeline"> (see class-charts.php)
 *   Editor notices: <div class="dangjian-notice" data-dangjian-notice> <li data-problem="CODE"> (never
 *   shown to a visitor without edit_posts).
 *
 * Anyone without view_dangjian (visitors, and the contributors and editors who preview a block) gets
 * the public period rule (Public_Period): whole months (or from the founding date), within the
 * branch's records and the current year, at most ten years; "all" ends with the current month. An
 * editor sees a notice when a period was widened or bounded; engine and database errors are shown in
 * words only to view_dangjian.
 *
 * The HTML is cached by data version, attributes, the public period, allowed figures, locale and day
 * (Showcase_Cache: object cache group "dangjian_showcase" when the site has a persistent one, else
 * transients named dangjian_sc_*; at most Showcase_Cache::MAX_KEYS a data version; never what was
 * made from a stale dataset), so a page view does no aggregation; every write bumps the data
 * version, which changes the key (and purges the transients).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Renders the showcase.
 */
final class Showcase {

	const STYLE            = 'dangjian-showcase';
	const EDITOR_SCRIPT    = 'dangjian-stats-editor';
	const CACHE_GROUP      = 'dangjian_showcase';
	const TRANSIENT_PREFIX = 'dangjian_sc_';
	const LAYOUTS          = array( 'cards', 'list', 'table' );
	const CHARTS           = array( 'none', 'month', 'venue', 'pipeline' );
	const DEFAULT_FIGURES  = array( 'party_members', 'service_activities', 'service_hours', 'beneficiaries', 'fee_waived', 'meetings' );
	const ALIASES          = array( 'activities' => 'service_activities' );

	/** @var int Charts and showcases rendered in this request (unique ids). */
	private static $count = 0;

	/** @var int Renders computed (not from the cache) in this request; the tests read it. */
	public static $computed = 0;

	/**
	 * Adds the hooks.
	 */
	public static function init(): void {
		add_action( 'init', array( self::class, 'register' ) );
		add_action( 'widgets_init', array( self::class, 'register_widget' ) );
		add_action( 'dangjian_data_changed', array( self::class, 'purge' ) );
	}

	/**
	 * Registers the stylesheet, the shortcode, the block and its editor script.
	 */
	public static function register(): void {
		$version = DANGJIAN_PLUGIN_VERSION;
		wp_register_style( self::STYLE, plugins_url( 'assets/showcase.css', DANGJIAN_PLUGIN_FILE ), array(), $version );
		add_shortcode( 'dangjian', array( self::class, 'shortcode' ) );
		if ( ! function_exists( 'register_block_type' ) ) {
			return;
		}
		wp_register_script(
			self::EDITOR_SCRIPT,
			plugins_url( 'blocks/stats/index.js', DANGJIAN_PLUGIN_FILE ),
			array( 'wp-blocks', 'wp-element', 'wp-components', 'wp-block-editor', 'wp-server-side-render' ),
			$version,
			true
		);
		wp_add_inline_script( self::EDITOR_SCRIPT, 'window.dangjianStatsBlock = ' . wp_json_encode( Showcase_Choices::editor_data() ) . ';', 'before' );
		register_block_type( DANGJIAN_PLUGIN_DIR . '/blocks/stats' );
	}

	/**
	 * Registers the classic widget.
	 */
	public static function register_widget(): void {
		register_widget( Stats_Widget::class );
	}

	/**
	 * The shortcode's handler.
	 *
	 * @param array|string $atts The attributes ('' when there are none).
	 */
	public static function shortcode( $atts ): string {
		return self::render( is_array( $atts ) ? $atts : array(), 'shortcode' );
	}

	/**
	 * The figures a showcase may ask for: key => [label, unit, type]. Types: count, amount, ratio
	 * (a percentage), group (one figure per item: venues, pipeline, service_by_kind,
	 * meetings_by_kind), honours (a count and the list).
	 *
	 * @return array<string,array{0:string,1:string,2:string}>
	 */
	public static function catalogue(): array {
		$people  = _x( 'people', 'unit', 'dangjian' );
		$helped  = _x( 'people', 'unit of people helped', 'dangjian' );
		$hours   = _x( 'hours', 'unit', 'dangjian' );
		$yuan    = _x( 'yuan', 'unit', 'dangjian' );
		$times   = _x( 'activities', 'unit', 'dangjian' );
		$meet    = _x( 'meetings', 'unit', 'dangjian' );
		$places  = _x( 'places', 'unit', 'dangjian' );
		$reports = _x( 'reports', 'unit', 'dangjian' );
		$honours = _x( 'honours', 'unit', 'dangjian' );
		return array(
			'party_members'      => array( _x( 'Party members', 'showcase', 'dangjian' ), $people, 'count' ),
			'full'               => array( _x( 'Full members', 'showcase', 'dangjian' ), $people, 'count' ),
			'probationary'       => array( _x( 'Probationary members', 'showcase', 'dangjian' ), $people, 'count' ),
			'candidates'         => array( _x( 'Candidates for membership', 'showcase', 'dangjian' ), $people, 'count' ),
			'activists'          => array( _x( 'Activists', 'showcase', 'dangjian' ), $people, 'count' ),
			'applicants'         => array( _x( 'Applicants', 'showcase', 'dangjian' ), $people, 'count' ),
			'staff_share'        => array( _x( 'Party members among the staff', 'showcase', 'dangjian' ), '', 'ratio' ),
			'pipeline'           => array( _x( 'Development of members in the period', 'showcase', 'dangjian' ), $people, 'group' ),
			'service_activities' => array( _x( 'Service activities', 'showcase', 'dangjian' ), $times, 'count' ),
			'service_hours'      => array( _x( 'Service hours', 'showcase', 'dangjian' ), $hours, 'amount' ),
			'volunteer_hours'    => array( _x( 'Volunteer hours of all participants', 'showcase', 'dangjian' ), $hours, 'amount' ),
			'volunteers'         => array( _x( 'Volunteers', 'showcase', 'dangjian' ), $people, 'count' ),
			'party_volunteer_hours' => array( _x( 'Party members\' volunteer hours', 'showcase', 'dangjian' ), $hours, 'amount' ),
			'party_volunteers'   => array( _x( 'Party members who volunteered', 'showcase', 'dangjian' ), $people, 'count' ),
			'fee_waived'         => array( _x( 'Fees waived', 'showcase', 'dangjian' ), $yuan, 'amount' ),
			'donation'           => array( _x( 'Donations', 'showcase', 'dangjian' ), $yuan, 'amount' ),
			'beneficiaries'      => array( _x( 'People helped', 'showcase', 'dangjian' ), $helped, 'count' ),
			'service_by_kind'    => array( _x( 'Service by kind', 'showcase', 'dangjian' ), $times, 'group' ),
			'venues'             => array( _x( 'Places served', 'showcase', 'dangjian' ), $places, 'group' ),
			'meetings'           => array( _x( 'Meetings held', 'showcase', 'dangjian' ), $meet, 'count' ),
			'meetings_by_kind'   => array( _x( 'Meetings by kind', 'showcase', 'dangjian' ), $meet, 'group' ),
			'coverage'           => array( _x( 'Media reports', 'showcase', 'dangjian' ), $reports, 'count' ),
			'honours'            => array( _x( 'Honours received', 'showcase', 'dangjian' ), $honours, 'honours' ),
		);
	}

	/**
	 * The default attributes.
	 *
	 * @return array<string,string>
	 */
	public static function defaults(): array {
		/**
		 * Filters the showcase's default number format: "auto" (1.2万 in Chinese, exact elsewhere),
		 * "exact", or "rounded" (300余小时, 1.2万余人 in Chinese).
		 *
		 * @param string $numbers The default: the settings' number style (Settings::numbers()).
		 */
		$numbers = (string) apply_filters( 'dangjian_showcase_numbers', Settings::numbers() );
		return array(
			'figures' => implode( ',', self::DEFAULT_FIGURES ),
			'period'  => 'this_year',
			'from'    => '',
			'to'      => '',
			'layout'  => 'cards',
			'chart'   => 'none',
			'numbers' => in_array( $numbers, Format::MODES, true ) ? $numbers : 'auto',
		);
	}

	/**
	 * The showcase's short name of each figure id of docs/API.md (dangjian_public_figure_ids()
	 * inverted), so that figures="service.hours,members.party_members" works as the short names do;
	 * an id inside a group (pipeline.applied) names its group.
	 *
	 * @return array<string,string> id => short name.
	 */
	private static function short_names(): array {
		$out = array();
		foreach ( dangjian_public_figure_ids() as $short => $ids ) {
			foreach ( (array) $ids as $id ) {
				$out[ $id ] = $short;
			}
		}
		return $out;
	}

	/**
	 * Checks the attributes: each unknown value falls back to its default.
	 *
	 * @param array $atts The attributes as given (shortcode, block or widget).
	 * @return array{0:array,1:array[]} The options (figures as a list of keys, period, from, to,
	 *                                  layout, chart, numbers) and the problems [code, message].
	 */
	public static function parse( array $atts ): array {
		$defaults = self::defaults();
		$problems = array();
		$options  = $defaults;
		foreach ( $atts as $key => $value ) {
			if ( ! is_string( $key ) || ! array_key_exists( $key, $defaults ) ) {
				if ( is_string( $key ) && in_array( $key, array( 'title', 'className', 'lock', 'style', 'align', 'anchor' ), true ) ) {
					continue; // A widget's title, or attributes WordPress gives every block.
				}
				$problems[] = array(
					'attribute',
					/* translators: %s: an attribute name. */
					sprintf( __( 'Unknown attribute "%s": ignored.', 'dangjian' ), is_int( $key ) ? (string) $value : $key ),
				);
				continue;
			}
			$options[ $key ] = is_scalar( $value ) ? trim( (string) $value ) : '';
		}

		// Figures.
		$catalogue = self::catalogue();
		$figures   = array();
		$list      = '' === $options['figures'] ? self::DEFAULT_FIGURES : preg_split( '/[\s,，、]+/u', $options['figures'], -1, PREG_SPLIT_NO_EMPTY );
		$by_id     = self::short_names();
		foreach ( $list as $key ) {
			$key = strtolower( $key );
			$key = self::ALIASES[ $key ] ?? $by_id[ $key ] ?? $key;
			if ( ! isset( $catalogue[ $key ] ) ) {
				$problems[] = array(
					'figure',
					/* translators: 1: a figure name, 2: the list of known figures. */
					sprintf( __( 'Unknown figure "%1$s": left out. Known figures: %2$s.', 'dangjian' ), $key, implode( ', ', array_keys( $catalogue ) ) ),
				);
				continue;
			}
			if ( ! in_array( $key, $figures, true ) ) {
				$figures[] = $key;
			}
		}
		if ( ! $figures && '' !== $options['figures'] && ! $list ) {
			$figures = self::DEFAULT_FIGURES;
		}
		$options['figures'] = $figures;

		// Period.
		$period = strtolower( $options['period'] );
		// from / to count when the period is "custom", or when no period is given at all.
		$given  = isset( $atts['period'] ) && is_scalar( $atts['period'] ) && '' !== trim( (string) $atts['period'] );
		$custom = 'custom' === $period || ( ! $given && ( '' !== $options['from'] || '' !== $options['to'] ) );
		if ( $custom ) {
			if ( Period::is_date( $options['from'] ) && Period::is_date( $options['to'] ) && $options['from'] <= $options['to'] ) {
				$period = 'custom';
			} else {
				$problems[] = array(
					'range',
					__( 'from and to must both be dates (YYYY-MM-DD), from not after to: the period attribute is used instead.', 'dangjian' ),
				);
				$options['from'] = '';
				$options['to']   = '';
				$period          = 'custom' === $period ? $defaults['period'] : $period;
			}
		}
		if ( 'custom' !== $period && ! in_array( $period, Period::NAMES, true ) && ! ( preg_match( '/^\d{4}$/', $period ) && (int) $period >= 1900 && (int) $period <= 2199 ) ) {
			$problems[] = array(
				'period',
				/* translators: %s: the value given. */
				sprintf( __( 'Unknown period "%s": this year is shown. Use this_year, last_year, all, a year such as 2024, or from and to.', 'dangjian' ), $options['period'] ),
			);
			$period = $defaults['period'];
		}
		$options['period'] = $period;
		if ( 'custom' !== $period && ! $custom && ( '' !== $options['from'] || '' !== $options['to'] ) ) {
			$problems[] = array( 'range', __( 'from and to apply only when period is "custom" (or not given): they are ignored.', 'dangjian' ) );
		}
		if ( 'custom' !== $period ) {
			$options['from'] = '';
			$options['to']   = '';
		}

		// Layout, chart, numbers.
		$choices = array(
			'layout'  => array( self::LAYOUTS, __( 'Unknown layout "%1$s": %2$s is used. Use one of: %3$s.', 'dangjian' ) ),
			'chart'   => array( self::CHARTS, __( 'Unknown chart "%1$s": %2$s is used. Use one of: %3$s.', 'dangjian' ) ),
			'numbers' => array( Format::MODES, __( 'Unknown number format "%1$s": %2$s is used. Use one of: %3$s.', 'dangjian' ) ),
		);
		foreach ( $choices as $key => $choice ) {
			$value = strtolower( $options[ $key ] );
			if ( '' === $value ) {
				$value = $defaults[ $key ];
			}
			if ( ! in_array( $value, $choice[0], true ) ) {
				$problems[] = array( $key, sprintf( $choice[1], $options[ $key ], $defaults[ $key ], implode( ', ', $choice[0] ) ) );
				$value      = $defaults[ $key ];
			}
			$options[ $key ] = $value;
		}
		return array( $options, $problems );
	}

	/**
	 * The figures a chart needs from dangjian_public_stats().
	 *
	 * @param string $chart month, venue or pipeline.
	 * @return string[]
	 */
	public static function chart_needs( string $chart ): array {
		switch ( $chart ) {
			case 'month':
				return array( 'by_month' );
			case 'venue':
				return array( 'venues' );
			case 'pipeline':
				return array_keys( Charts::stage_labels() );
		}
		return array();
	}

	/**
	 * Renders a showcase.
	 *
	 * @param array  $atts    The attributes.
	 * @param string $context "shortcode", "block" or "widget".
	 * @return string HTML (escaped).
	 */
	public static function render( array $atts, string $context = 'shortcode' ): string {
		list( $options, $problems ) = self::parse( $atts );
		$allowed                    = Settings::showcase_figures();
		$shown                      = array();
		foreach ( $options['figures'] as $key ) {
			if ( in_array( $key, $allowed, true ) ) {
				$shown[] = $key;
			} else {
				$problems[] = array(
					'not_allowed',
					/* translators: %s: a figure name. */
					sprintf( __( 'The figure "%s" is not public (Settings: what the public may see): left out.', 'dangjian' ), $key ),
				);
			}
		}
		$options['figures'] = $shown;
		if ( 'none' !== $options['chart'] ) {
			$needs = self::chart_needs( $options['chart'] );
			if ( 'pipeline' === $options['chart'] ? ! array_intersect( $needs, $allowed ) : array_diff( $needs, $allowed ) ) {
				$problems[] = array(
					'chart_not_allowed',
					/* translators: 1: a chart name, 2: figure names. */
					sprintf( __( 'The chart "%1$s" needs figures that are not public (%2$s): left out.', 'dangjian' ), $options['chart'], implode( ', ', $needs ) ),
				);
				$options['chart'] = 'none';
			}
		}

		// One rule for every public path (Public_Period): whole months, within the public window.
		$public = Public_Period::resolve( self::period_args( $options ), true );
		if ( Public_Period::applies() ) {
			$options['query'] = $public['args'];
		}
		foreach ( $public['problems'] as $p ) {
			// The branch sees its own period; it is told what visitors get instead.
			/* translators: %s: why the period differs for visitors. */
			$problems[] = array( 'public_period', Public_Period::applies() ? $p[1] : sprintf( __( 'Visitors see another period: %s', 'dangjian' ), $p[1] ) );
		}

		$html = '';
		if ( $options['figures'] || 'none' !== $options['chart'] ) {
			$html = self::cached( $options, $allowed, $context );
			if ( is_wp_error( $html ) ) {
				// The engine's and the database's own words are for the branch only.
				$problems[] = array(
					'stats',
					current_user_can( Capabilities::VIEW ) ? $html->get_error_message() : __( 'The figures cannot be computed just now.', 'dangjian' ),
				);
				$html       = '';
			}
		}
		if ( '' !== $html ) {
			self::enqueue_style();
			$uid  = 'dangjian-' . ( ++self::$count );
			$html = str_replace( '{{dj-uid}}', $uid, $html );
		}
		if ( $problems && current_user_can( 'edit_posts' ) ) {
			self::enqueue_style();
			$html = self::notice( $problems ) . $html;
		}
		return $html;
	}

	/**
	 * Enqueues the stylesheet (printed in the footer when the head is already out).
	 */
	public static function enqueue_style(): void {
		if ( ! wp_style_is( self::STYLE, 'registered' ) ) {
			wp_register_style( self::STYLE, plugins_url( 'assets/showcase.css', DANGJIAN_PLUGIN_FILE ), array(), DANGJIAN_PLUGIN_VERSION );
		}
		wp_enqueue_style( self::STYLE );
	}

	/**
	 * The cache key of a showcase (Showcase_Cache::key()).
	 *
	 * @param array  $options The checked options.
	 * @param array  $allowed The figures the public may see.
	 * @param string $context Where it renders.
	 */
	public static function cache_key( array $options, array $allowed, string $context ): string {
		return Showcase_Cache::key( $options, $allowed, $context );
	}

	/**
	 * Removes the cached showcases kept as transients (the dangjian_data_changed action).
	 */
	public static function purge(): void {
		Showcase_Cache::purge();
	}

	/**
	 * The showcase's HTML from the cache, or computed and cached (never when computed from a stale
	 * dataset, nor past the cache's bound: Showcase_Cache).
	 *
	 * @param array  $options The checked options (only allowed figures).
	 * @param array  $allowed The figures the public may see.
	 * @param string $context Where it renders.
	 * @return string|\WP_Error
	 */
	private static function cached( array $options, array $allowed, string $context ) {
		$key  = Showcase_Cache::key( $options, $allowed, $context );
		$html = Showcase_Cache::get( $key );
		if ( is_string( $html ) ) {
			return $html;
		}
		$html = self::compute( $options, $allowed, $context );
		if ( is_string( $html ) && ! Engine::stats_stale() ) {
			Showcase_Cache::put( $key, $html );
		}
		return $html;
	}

	/**
	 * The period arguments of dangjian_public_stats() for the options.
	 *
	 * @param array $options The checked options.
	 * @return array
	 */
	public static function period_args( array $options ): array {
		if ( isset( $options['query'] ) ) {
			return $options['query']; // The public period (Public_Period::resolve()).
		}
		if ( 'custom' === $options['period'] ) {
			return array(
				'from' => $options['from'],
				'to'   => $options['to'],
			);
		}
		return array( 'period' => $options['period'] );
	}

	/**
	 * Computes a showcase's HTML (the unique id left as the placeholder {{dj-uid}}).
	 *
	 * @param array  $options The checked options (only allowed figures).
	 * @param array  $allowed The figures the public may see.
	 * @param string $context Where it renders.
	 * @return string|\WP_Error
	 */
	private static function compute( array $options, array $allowed, string $context ) {
		++self::$computed;
		$stats = dangjian_public_stats( self::period_args( $options ) );
		if ( is_wp_error( $stats ) ) {
			return $stats;
		}
		$figures   = $stats['figures'];
		$locale    = Format::locale();
		$mode      = $options['numbers'];
		$catalogue = self::catalogue();

		$items   = array(); // [key, label, raw value, number text, unit].
		$honours = array();
		foreach ( $options['figures'] as $key ) {
			if ( ! array_key_exists( $key, $figures ) ) {
				continue;
			}
			list( $label, $unit, $type ) = $catalogue[ $key ];
			$value                       = $figures[ $key ];
			switch ( $type ) {
				case 'ratio':
					$items[] = array( $key, $label, $value, Format::percent( $value ), '' );
					break;
				case 'group':
					foreach ( self::group_items( $key, $value ) as $sub => $item ) {
						$items[] = array( $key . '.' . $sub, $item[0], $item[1], Format::number( $item[1], $mode, $locale ), $unit );
					}
					break;
				case 'honours':
					$total   = self::honours_total( $value, $stats['period'] );
					$items[] = array( $key, $label, $total, Format::number( $total, $mode, $locale ), $unit );
					$honours = (array) $value['items'];
					break;
				case 'amount':
					$items[] = array( $key, $label, (float) $value, Format::number( (float) $value, $mode, $locale ), $unit );
					break;
				default:
					$value   = is_array( $value ) ? (int) ( $value['total'] ?? 0 ) : (int) $value;
					$items[] = array( $key, $label, $value, Format::number( $value, $mode, $locale ), $unit );
			}
		}

		$period = $stats['period'];
		$html   = '<div class="dangjian-showcase dangjian-showcase--' . esc_attr( $options['layout'] ) . '" id="{{dj-uid}}" data-layout="' . esc_attr( $options['layout'] ) . '" data-period="' . esc_attr( $options['period'] ) . '" data-from="' . esc_attr( $period['from'] ) . '" data-to="' . esc_attr( $period['to'] ) . '" data-context="' . esc_attr( $context ) . '">';
		$html  .= '<p class="dangjian-showcase__period">' . esc_html( self::period_text( $options, $period, $stats['organisation'] ) ) . '</p>';
		$html  .= Rating_Module::badge_html(); // Stars and year of the latest closed assessment, if allowed.
		if ( $items ) {
			$html .= self::layout( $options['layout'], $items, $locale );
		}
		if ( $honours ) {
			$levels = Vocabulary::honour_levels();
			$html  .= '<ul class="dangjian-honours">';
			foreach ( $honours as $h ) {
				$by    = '' !== (string) $h['awarded_by'] ? '（' . $h['awarded_by'] . '）' : '';
				$html .= '<li data-honour-date="' . esc_attr( $h['date'] ) . '"><span class="dangjian-honours__title">' . esc_html( $h['title'] ) . '</span> <span class="dangjian-honours__meta">' . esc_html( trim( $by . ' ' . ( $levels[ $h['level'] ] ?? '' ) . ' ' . $h['date'] ) ) . '</span></li>';
			}
			$html .= '</ul>';
		}
		$html .= self::chart( $options['chart'], $figures, '{{dj-uid}}-chart', $mode, $locale );
		return $html . '</div>';
	}

	/**
	 * The honours of the period: all of them, counted in the table when the list given stops at its
	 * bound (Records::honours_in() lists at most 500).
	 *
	 * @param array $value  The honours figure: total, items.
	 * @param array $period from, to.
	 */
	private static function honours_total( array $value, array $period ): int {
		global $wpdb;
		$total = (int) ( $value['total'] ?? 0 );
		if ( count( (array) ( $value['items'] ?? array() ) ) < 500 ) {
			return $total;
		}
		$table = Schema::table( 'honours' );
		return max( $total, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE awarded_on BETWEEN %s AND %s", $period['from'], $period['to'] ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The plugin's own table.
	}

	/**
	 * A chart from the public figures ('' for none).
	 *
	 * @param string $chart   none, month, venue or pipeline.
	 * @param array  $figures dangjian_public_stats()'s figures.
	 * @param string $id      The id prefix.
	 * @param string $mode    Number format mode.
	 * @param string $locale  The locale.
	 */
	public static function chart( string $chart, array $figures, string $id, string $mode, string $locale ): string {
		switch ( $chart ) {
			case 'month':
				return isset( $figures['by_month'] ) ? Charts::month( $figures['by_month'], $id, $mode, $locale ) : '';
			case 'venue':
				return isset( $figures['venues'] ) ? Charts::venue( $figures['venues'], $id, $mode, $locale ) : '';
			case 'pipeline':
				$stages = array_intersect_key( $figures, Charts::stage_labels() );
				return $stages ? Charts::pipeline( $stages, $id, $mode, $locale ) : '';
		}
		return '';
	}

	/**
	 * The items of a grouped figure: item key => [label, value].
	 *
	 * @param string $key   venues, pipeline, service_by_kind or meetings_by_kind.
	 * @param array  $value The figure from dangjian_public_stats().
	 * @return array<string,array{0:string,1:int}>
	 */
	public static function group_items( string $key, array $value ): array {
		$out = array();
		if ( 'venues' === $key ) {
			$labels = Vocabulary::venue_kinds();
			foreach ( $value as $kind => $row ) {
				/* translators: %s: a kind of place, such as Community. */
				$out[ $kind ] = array( sprintf( _x( 'Places served: %s', 'showcase', 'dangjian' ), $labels[ $kind ] ?? $kind ), (int) $row['venues'] );
			}
		} elseif ( 'pipeline' === $key ) {
			$labels = array(
				'applied'             => __( 'Applications', 'dangjian' ),
				'activists'           => __( 'Activists named', 'dangjian' ),
				'candidates'          => __( 'Candidates named', 'dangjian' ),
				'admitted'            => __( 'Admitted as probationary members', 'dangjian' ),
				'converted'           => __( 'Became full members', 'dangjian' ),
				'transferred_in'      => __( 'Transferred in', 'dangjian' ),
				'left'                => __( 'Left', 'dangjian' ),
				'eligible_candidates' => __( 'Activists eligible to become candidates', 'dangjian' ),
			);
			foreach ( $labels as $sub => $label ) {
				if ( isset( $value[ $sub ] ) ) {
					$out[ $sub ] = array( $label, (int) $value[ $sub ] );
				}
			}
		} else {
			$labels = Vocabulary::kinds( 'service_by_kind' === $key ? 'service' : 'meeting' );
			foreach ( $value as $kind => $row ) {
				$out[ $kind ] = array( $labels[ $kind ] ?? $kind, (int) ( is_array( $row ) ? $row['activities'] : $row ) );
			}
		}
		return $out;
	}

	/**
	 * The figures in a layout.
	 *
	 * @param string  $layout cards, list or table.
	 * @param array[] $items  [key, label, raw value, number text, unit].
	 * @param string  $locale The locale.
	 */
	private static function layout( string $layout, array $items, string $locale ): string {
		$value = static function ( array $item ) use ( $locale ): string {
			$unit = '' === $item[4] ? '' : Format::unit_gap( $item[4], $locale ) . '<span class="dangjian-figure__unit">' . esc_html( $item[4] ) . '</span>';
			return '<span class="dangjian-figure__number">' . esc_html( $item[3] ) . '</span>' . $unit;
		};
		$attrs = static fn( array $item ): string => ' data-figure="' . esc_attr( $item[0] ) . '" data-value="' . esc_attr( Format::raw( $item[2] ) ) . '"';
		$html  = '';
		if ( 'table' === $layout ) {
			$html .= '<div class="dangjian-table-wrap"><table class="dangjian-figures"><tbody>';
			foreach ( $items as $item ) {
				$html .= '<tr class="dangjian-figure"' . $attrs( $item ) . '><th scope="row" class="dangjian-figure__label">' . esc_html( $item[1] ) . '</th><td class="dangjian-figure__value">' . $value( $item ) . '</td></tr>';
			}
			return $html . '</tbody></table></div>';
		}
		if ( 'list' === $layout ) {
			$html .= '<dl class="dangjian-figures">';
			foreach ( $items as $item ) {
				$html .= '<div class="dangjian-figure"' . $attrs( $item ) . '><dt class="dangjian-figure__label">' . esc_html( $item[1] ) . '</dt><dd class="dangjian-figure__value">' . $value( $item ) . '</dd></div>';
			}
			return $html . '</dl>';
		}
		$html .= '<ul class="dangjian-figures" role="list">';
		foreach ( $items as $item ) {
			$html .= '<li class="dangjian-figure"' . $attrs( $item ) . '><span class="dangjian-figure__value">' . $value( $item ) . '</span><span class="dangjian-figure__label">' . esc_html( $item[1] ) . '</span></li>';
		}
		return $html . '</ul>';
	}

	/**
	 * The line above the figures: the organisation and the period.
	 *
	 * @param array  $options      The options.
	 * @param array  $period       from, to, as_of.
	 * @param string $organisation The organisation's name.
	 */
	private static function period_text( array $options, array $period, string $organisation ): string {
		$format = (string) get_option( 'date_format' );
		$date   = static function ( string $ymd ) use ( $format ): string {
			$d = date_create_immutable( $ymd . ' 12:00:00', new \DateTimeZone( 'UTC' ) );
			return $d ? (string) wp_date( $format, $d->getTimestamp(), new \DateTimeZone( 'UTC' ) ) : $ymd;
		};
		if ( 'this_year' === $options['period'] || 'last_year' === $options['period'] || ctype_digit( $options['period'] ) ) {
			/* translators: %s: a year. */
			$text = sprintf( __( 'Year %s', 'dangjian' ), substr( $period['from'], 0, 4 ) );
		} else {
			/* translators: 1: first day, 2: last day. */
			$text = sprintf( __( '%1$s to %2$s', 'dangjian' ), $date( $period['from'] ), $date( $period['to'] ) );
		}
		return '' === $organisation ? $text : $organisation . ' · ' . $text;
	}

	/**
	 * The editor's notice (the caller checks the capability).
	 *
	 * @param array[] $problems [code, message].
	 */
	private static function notice( array $problems ): string {
		$html = '<div class="dangjian-notice" data-dangjian-notice role="note"><p><strong>' . esc_html__( 'Party building showcase (only editors see this):', 'dangjian' ) . '</strong></p><ul>';
		foreach ( $problems as $p ) {
			$html .= '<li data-problem="' . esc_attr( $p[0] ) . '">' . esc_html( $p[1] ) . '</li>';
		}
		return $html . '</ul></div>';
	}

}

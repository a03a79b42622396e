<?php
/**
 * The showcase's choices (periods, layouts, charts, number styles) as the block editor and the
 * widget offer them.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * value => label lists, and the data the block editor script reads.
 */
final class Showcase_Choices {

	/**
	 * What the block editor's script needs: the choices and their labels, translated.
	 *
	 * @return array
	 */
	public static function editor_data(): array {
		$figures = array();
		foreach ( Showcase::catalogue() as $key => $spec ) {
			$figures[] = array(
				'value' => $key,
				'label' => $spec[0],
			);
		}
		return array(
			'figures'        => $figures,
			'defaultFigures' => Showcase::DEFAULT_FIGURES,
			// Lists, not maps: a JavaScript object would put the years ("2024") before the names.
			'periods'        => self::as_list( self::period_choices() ),
			'layouts'        => self::as_list( self::layout_choices() ),
			'charts'         => self::as_list( self::chart_choices() ),
			'numbers'        => self::as_list( array( '' => self::number_default_label() ) + self::number_choices() ),
			'labels'         => array(
				'title'       => __( 'Party building figures', 'dangjian' ),
				'description' => __( 'The branch\'s public figures and a chart.', 'dangjian' ),
				'panel'   => __( 'What to show', 'dangjian' ),
				'figures' => __( 'Figures', 'dangjian' ),
				'period'  => __( 'Period', 'dangjian' ),
				'from'    => __( 'From', 'dangjian' ),
				'to'      => __( 'To', 'dangjian' ),
				'layout'  => __( 'Layout', 'dangjian' ),
				'chart'   => __( 'Chart', 'dangjian' ),
				'numbers' => __( 'Numbers', 'dangjian' ),
			),
		);
	}

	/**
	 * A value => label map as a list of {value, label}, in order.
	 *
	 * @param array<string,string> $map The choices.
	 * @return array[]
	 */
	private static function as_list( array $map ): array {
		$out = array();
		foreach ( $map as $value => $label ) {
			$out[] = array(
				'value' => (string) $value,
				'label' => $label,
			);
		}
		return $out;
	}

	/**
	 * Periods offered by the block and the widget, value => label (this year, last year, all, the
	 * last five years by number, a custom range).
	 *
	 * @return array<string,string>
	 */
	public static function period_choices(): array {
		$choices = array(
			'this_year' => __( 'This year', 'dangjian' ),
			'last_year' => __( 'Last year', 'dangjian' ),
			'all'       => __( 'All records', 'dangjian' ),
		);
		$year    = (int) wp_date( 'Y' );
		for ( $y = $year; $y > $year - 5; $y-- ) {
			$choices[ (string) $y ] = (string) $y;
		}
		$choices['custom'] = __( 'Custom range', 'dangjian' );
		return $choices;
	}

	/**
	 * Layouts, value => label.
	 *
	 * @return array<string,string>
	 */
	public static function layout_choices(): array {
		return array(
			'cards' => __( 'Cards', 'dangjian' ),
			'list'  => __( 'List', 'dangjian' ),
			'table' => __( 'Table', 'dangjian' ),
		);
	}

	/**
	 * Charts, value => label.
	 *
	 * @return array<string,string>
	 */
	public static function chart_choices(): array {
		return array(
			'none'     => __( 'No chart', 'dangjian' ),
			'month'    => __( 'Service month by month', 'dangjian' ),
			'venue'    => __( 'Places served, by kind', 'dangjian' ),
			'pipeline' => __( 'Development of members', 'dangjian' ),
		);
	}

	/**
	 * Number formats, value => label.
	 *
	 * @return array<string,string>
	 */
	public static function number_choices(): array {
		return Settings::number_styles();
	}

	/**
	 * The label of the block's and the widget's number choice "" (the settings' style), naming it.
	 */
	public static function number_default_label(): string {
		$styles = Settings::number_styles();
		/* translators: %s: the number style chosen on the settings page, such as "Exact". */
		return sprintf( __( 'As in the settings (%s)', 'dangjian' ), $styles[ Settings::numbers() ] ?? Settings::numbers() );
	}
}

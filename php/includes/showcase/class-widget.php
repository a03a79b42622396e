<?php
/**
 * The classic widget "Party building figures", for themes with widget areas.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The same options as the shortcode and the block; renders through Showcase::render() (context
 * "widget"), so it shows only public, allowed aggregates, cached the same way.
 */
final class Stats_Widget extends \WP_Widget {

	/**
	 * Sets up the widget (id base dangjian_stats).
	 */
	public function __construct() {
		parent::__construct(
			'dangjian_stats',
			__( 'Party building figures', 'dangjian' ),
			array(
				'classname'                   => 'dangjian-widget',
				'description'                 => __( 'The branch\'s public figures and a chart.', 'dangjian' ),
				'customize_selective_refresh' => true,
				'show_instance_in_rest'       => true,
			)
		);
	}

	/**
	 * The instance's options with defaults filled in.
	 *
	 * @param array $instance The saved instance.
	 * @return array
	 */
	private function options( array $instance ): array {
		$defaults = Showcase::defaults();
		$out      = array( 'title' => '' );
		foreach ( $defaults as $key => $value ) {
			$out[ $key ] = isset( $instance[ $key ] ) && is_string( $instance[ $key ] ) ? $instance[ $key ] : $value;
		}
		$out['title'] = isset( $instance['title'] ) && is_string( $instance['title'] ) ? $instance['title'] : '';
		// Not set: the settings' number style, whatever it is when the widget is shown.
		$out['numbers'] = isset( $instance['numbers'] ) && is_string( $instance['numbers'] ) ? $instance['numbers'] : '';
		return $out;
	}

	/**
	 * Prints the widget.
	 *
	 * @param array $args     The sidebar's markup (before_widget, …).
	 * @param array $instance The saved options.
	 */
	public function widget( $args, $instance ) {
		$options = $this->options( (array) $instance );
		$title   = $options['title'];
		unset( $options['title'] );
		$html = Showcase::render( $options, 'widget' );
		if ( '' === $html ) {
			return;
		}
		echo $args['before_widget']; // phpcs:ignore WordPress.Security.EscapeOutput -- The theme's markup.
		if ( '' !== $title ) {
			/** This filter is documented in wp-includes/widgets/class-wp-widget-pages.php */
			$title = apply_filters( 'widget_title', $title, $instance, $this->id_base );
			echo $args['before_title'] . esc_html( $title ) . $args['after_title']; // phpcs:ignore WordPress.Security.EscapeOutput -- The theme's markup.
		}
		echo $html; // phpcs:ignore WordPress.Security.EscapeOutput -- Escaped by Showcase::render().
		echo $args['after_widget']; // phpcs:ignore WordPress.Security.EscapeOutput -- The theme's markup.
	}

	/**
	 * Cleans the submitted options (the choices are checked again when rendering).
	 *
	 * @param array $new_instance Submitted.
	 * @param array $old_instance Previous.
	 * @return array
	 */
	public function update( $new_instance, $old_instance ) {
		$new_instance = (array) $new_instance;
		$out          = array( 'title' => sanitize_text_field( (string) ( $new_instance['title'] ?? '' ) ) );
		$figures      = $new_instance['figures'] ?? array();
		if ( is_array( $figures ) ) {
			$figures = implode( ',', array_intersect( array_keys( Showcase::catalogue() ), array_map( 'strval', $figures ) ) );
		}
		$out['figures'] = sanitize_text_field( (string) $figures );
		foreach ( array( 'period', 'layout', 'chart', 'numbers' ) as $key ) {
			$out[ $key ] = sanitize_key( (string) ( $new_instance[ $key ] ?? '' ) );
		}
		foreach ( array( 'from', 'to' ) as $key ) {
			$value       = sanitize_text_field( (string) ( $new_instance[ $key ] ?? '' ) );
			$out[ $key ] = 'custom' === $out['period'] && Period::is_date( $value ) ? $value : '';
		}
		return $out;
	}

	/**
	 * The options form.
	 *
	 * @param array $instance The saved options.
	 * @return string
	 */
	public function form( $instance ) {
		$o      = $this->options( (array) $instance );
		$chosen = preg_split( '/[\s,]+/', $o['figures'], -1, PREG_SPLIT_NO_EMPTY );
		printf(
			'<p><label for="%1$s">%2$s</label><input class="widefat" type="text" id="%1$s" name="%3$s" value="%4$s" /></p>',
			esc_attr( $this->get_field_id( 'title' ) ),
			esc_html__( 'Title', 'dangjian' ),
			esc_attr( $this->get_field_name( 'title' ) ),
			esc_attr( $o['title'] )
		);
		echo '<fieldset><legend>' . esc_html__( 'Figures', 'dangjian' ) . '</legend><p>';
		foreach ( Showcase::catalogue() as $key => $spec ) {
			printf(
				'<label style="display:block"><input type="checkbox" name="%1$s[]" value="%2$s"%3$s /> %4$s</label>',
				esc_attr( $this->get_field_name( 'figures' ) ),
				esc_attr( $key ),
				checked( in_array( $key, $chosen, true ), true, false ),
				esc_html( $spec[0] )
			);
		}
		echo '</p></fieldset>';
		$selects = array(
			'period'  => array( __( 'Period', 'dangjian' ), Showcase_Choices::period_choices() ),
			'layout'  => array( __( 'Layout', 'dangjian' ), Showcase_Choices::layout_choices() ),
			'chart'   => array( __( 'Chart', 'dangjian' ), Showcase_Choices::chart_choices() ),
			'numbers' => array( __( 'Numbers', 'dangjian' ), array( '' => Showcase_Choices::number_default_label() ) + Showcase_Choices::number_choices() ),
		);
		foreach ( $selects as $key => $select ) {
			printf( '<p><label for="%1$s">%2$s</label> <select class="widefat" id="%1$s" name="%3$s">', esc_attr( $this->get_field_id( $key ) ), esc_html( $select[0] ), esc_attr( $this->get_field_name( $key ) ) );
			$current = $o[ $key ];
			foreach ( $select[1] as $value => $label ) {
				printf( '<option value="%1$s"%2$s>%3$s</option>', esc_attr( (string) $value ), selected( (string) $value, $current, false ), esc_html( $label ) );
			}
			echo '</select></p>';
		}
		foreach ( array( 'from' => __( 'From', 'dangjian' ), 'to' => __( 'To', 'dangjian' ) ) as $key => $label ) {
			printf(
				'<p><label for="%1$s">%2$s</label> <input type="date" id="%1$s" name="%3$s" value="%4$s" /></p>',
				esc_attr( $this->get_field_id( $key ) ),
				esc_html( $label ),
				esc_attr( $this->get_field_name( $key ) ),
				esc_attr( $o[ $key ] )
			);
		}
		echo '<p class="description">' . esc_html__( 'From and To apply when the period is a custom range.', 'dangjian' ) . '</p>';
		return '';
	}
}

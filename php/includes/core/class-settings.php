<?php
/**
 * The plugin's settings (the option dangjian_settings): the organisation's name, the meeting
 * frequencies the engine checks (meeting_rules), which figures the public may see, and how the public
 * pages write them (numbers).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Reads and writes the settings. The public showcase (shortcode, block, widget) and GET
 * /dangjian/v1/stats show only the figures of Settings::showcase_figures().
 */
final class Settings {

	const OPTION = 'dangjian_settings';

	/** Meeting frequencies; "none" leaves a kind unchecked. */
	const FREQUENCIES = array( 'none', 'month', 'quarter', 'year' );

	/** The meeting frequencies of DOMAIN.md (the engine's defaults). */
	const DEFAULT_RULES = array(
		'branch_assembly' => 'quarter',
		'committee'       => 'month',
		'group_meeting'   => 'month',
		'party_lesson'    => 'quarter',
		'theme_day'       => 'month',
		'life_meeting'    => 'year',
	);

	/**
	 * The figures the public may be shown, key => label. Each is an aggregate; no person is ever
	 * named. Keys are stable (the showcase's attributes and /stats use them).
	 *
	 * @return array<string,string>
	 */
	public static function figures(): array {
		return array(
			'party_members'      => __( 'Party members', 'dangjian' ),
			'full'               => __( 'Full members', 'dangjian' ),
			'probationary'       => __( 'Probationary members', 'dangjian' ),
			'candidates'         => __( 'Candidates for membership', 'dangjian' ),
			'activists'          => __( 'Activists', 'dangjian' ),
			'applicants'         => __( 'Applicants', 'dangjian' ),
			'staff_share'        => __( 'Party members among the staff', 'dangjian' ),
			'pipeline'           => __( 'Development of members (counts in the period)', 'dangjian' ),
			'service_activities' => __( 'Service activities', 'dangjian' ),
			'service_hours'      => __( 'Service hours', 'dangjian' ),
			'volunteer_hours'    => __( 'Volunteer hours of all participants', 'dangjian' ),
			'volunteers'         => __( 'Volunteers (all participants)', 'dangjian' ),
			'party_volunteer_hours' => __( 'Party members\' volunteer hours', 'dangjian' ),
			'party_volunteers'   => __( 'Party members who volunteered', 'dangjian' ),
			'fee_waived'         => __( 'Fees waived (yuan)', 'dangjian' ),
			'donation'           => __( 'Donations (yuan)', 'dangjian' ),
			'beneficiaries'      => __( 'People helped', 'dangjian' ),
			'service_by_kind'    => __( 'Service by kind', 'dangjian' ),
			'venues'             => __( 'Venues by kind', 'dangjian' ),
			'by_month'           => __( 'Service month by month', 'dangjian' ),
			'meetings'           => __( 'Meetings held', 'dangjian' ),
			'meetings_by_kind'   => __( 'Meetings by kind', 'dangjian' ),
			'coverage'           => __( 'Media coverage', 'dangjian' ),
			'honours'            => __( 'Honours', 'dangjian' ),
		);
	}

	/**
	 * The number styles of the public pages, value => label: "auto" (1.2万 in Chinese, exact
	 * elsewhere), "exact", "rounded" (300余小时, 1.2万余人次 in Chinese). The values are Format::MODES.
	 *
	 * @return array<string,string>
	 */
	public static function number_styles(): array {
		return array(
			'auto'    => __( 'Customary (1.2万 in Chinese)', 'dangjian' ),
			'exact'   => __( 'Exact', 'dangjian' ),
			'rounded' => __( 'Rounded (300余小时, 1.2万余 in Chinese)', 'dangjian' ),
		);
	}

	/**
	 * The defaults.
	 *
	 * @return array{organisation:string,meeting_rules:array<string,string>,showcase:string[],numbers:string}
	 */
	public static function defaults(): array {
		$rules = array();
		foreach ( array_keys( Vocabulary::kinds( 'meeting' ) ) as $kind ) {
			$rules[ $kind ] = self::DEFAULT_RULES[ $kind ] ?? 'none';
		}
		return array(
			'organisation'  => '',
			'meeting_rules' => $rules,
			'showcase'      => array_keys( self::figures() ),
			'numbers'       => 'auto',
		);
	}

	/**
	 * The settings, defaults filled in.
	 *
	 * @return array{organisation:string,meeting_rules:array<string,string>,showcase:string[],numbers:string}
	 */
	public static function get(): array {
		$stored   = get_option( self::OPTION );
		$defaults = self::defaults();
		if ( ! is_array( $stored ) ) {
			return $defaults;
		}
		$settings = array(
			'organisation'  => is_string( $stored['organisation'] ?? null ) ? $stored['organisation'] : '',
			'meeting_rules' => $defaults['meeting_rules'],
			'showcase'      => $defaults['showcase'],
			'numbers'       => isset( $stored['numbers'] ) && is_string( $stored['numbers'] ) && isset( self::number_styles()[ $stored['numbers'] ] ) ? $stored['numbers'] : $defaults['numbers'],
		);
		if ( is_array( $stored['meeting_rules'] ?? null ) ) {
			foreach ( $settings['meeting_rules'] as $kind => $freq ) {
				if ( isset( $stored['meeting_rules'][ $kind ] ) && in_array( $stored['meeting_rules'][ $kind ], self::FREQUENCIES, true ) ) {
					$settings['meeting_rules'][ $kind ] = $stored['meeting_rules'][ $kind ];
				}
			}
		}
		if ( is_array( $stored['showcase'] ?? null ) ) {
			$settings['showcase'] = array_values( array_intersect( array_keys( self::figures() ), $stored['showcase'] ) );
		}
		return $settings;
	}

	/**
	 * Cleans and checks posted settings (unslashed).
	 *
	 * @param array $input 'organisation', 'meeting_rules' => kind => frequency, 'showcase' => keys,
	 *                     'numbers' => a number style (self::number_styles(); missing: "auto").
	 * @return array{0:array,1:array<string,string>} The settings and the problems, field => message.
	 */
	public static function sanitize( array $input ): array {
		$errors   = array();
		$settings = self::defaults();
		$org      = is_scalar( $input['organisation'] ?? '' ) ? trim( sanitize_text_field( (string) ( $input['organisation'] ?? '' ) ) ) : '';
		if ( mb_strlen( $org ) > 200 ) {
			/* translators: %d: a number of characters. */
			$errors['organisation'] = sprintf( __( 'At most %d characters.', 'dangjian' ), 200 );
		}
		$settings['organisation'] = $org;
		$rules                    = is_array( $input['meeting_rules'] ?? null ) ? $input['meeting_rules'] : array();
		foreach ( array_keys( $settings['meeting_rules'] ) as $kind ) {
			$value = isset( $rules[ $kind ] ) && is_string( $rules[ $kind ] ) ? sanitize_key( $rules[ $kind ] ) : 'none';
			if ( ! in_array( $value, self::FREQUENCIES, true ) ) {
				$errors[ 'meeting_rules_' . $kind ] = __( 'Choose one of the offered values.', 'dangjian' );
				$value                              = 'none';
			}
			$settings['meeting_rules'][ $kind ] = $value;
		}
		$show = is_array( $input['showcase'] ?? null ) ? array_map( 'strval', $input['showcase'] ) : array();
		$bad  = array_diff( $show, array_keys( self::figures() ) );
		if ( $bad ) {
			$errors['showcase'] = __( 'Choose one of the offered values.', 'dangjian' );
		}
		$settings['showcase'] = array_values( array_intersect( array_keys( self::figures() ), $show ) );
		$numbers              = $input['numbers'] ?? 'auto';
		if ( ! is_string( $numbers ) || ! isset( self::number_styles()[ $numbers ] ) ) {
			$errors['numbers'] = __( 'Choose one of the offered values.', 'dangjian' );
			$numbers           = 'auto';
		}
		$settings['numbers'] = $numbers;
		return array( $settings, $errors );
	}

	/**
	 * Saves settings (already sanitized). The figures depend on the meeting rules, so the data
	 * version is bumped when they change.
	 *
	 * @param array $settings From self::sanitize().
	 */
	public static function save( array $settings ): void {
		$old = self::get();
		update_option( self::OPTION, $settings, false );
		if ( $old['meeting_rules'] !== $settings['meeting_rules'] ) {
			Engine::note_write( 'settings', 'update', array( 1 ) ); // The dataset stays as it is: no rebuild.
			Data_Version::bump();
		}
	}

	/**
	 * The engine's meeting_rules: the kinds with a frequency (kinds set to "none" are not checked).
	 *
	 * @return array<string,string>
	 */
	public static function meeting_rules(): array {
		return array_filter(
			self::get()['meeting_rules'],
			static fn( $f ) => 'none' !== $f
		);
	}

	/**
	 * The figure keys the public may be shown.
	 *
	 * @return string[]
	 */
	public static function showcase_figures(): array {
		return self::get()['showcase'];
	}

	/**
	 * The number style of the public pages (self::number_styles()): the default of the showcase's
	 * "numbers" attribute, which a shortcode, block or widget may still set for itself.
	 */
	public static function numbers(): string {
		return self::get()['numbers'];
	}

	/**
	 * The settings page's row for the number style: a labelled select named
	 * dangjian_settings[numbers], its error (when given) and a description.
	 *
	 * @param string $current The value to show as chosen.
	 * @param string $error   An error message for the field ('' for none).
	 * @return string HTML (escaped).
	 */
	public static function numbers_field( string $current, string $error = '' ): string {
		$html = '<tr><th scope="row"><label for="dangjian-numbers">' . esc_html__( 'Number style on public pages', 'dangjian' ) . '</label></th><td>';
		$html .= '<select id="dangjian-numbers" name="dangjian_settings[numbers]">';
		foreach ( self::number_styles() as $value => $label ) {
			$html .= '<option value="' . esc_attr( $value ) . '"' . selected( $value, $current, false ) . '>' . esc_html( $label ) . '</option>';
		}
		$html .= '</select>';
		if ( '' !== $error ) {
			$html .= '<p class="dangjian-error" data-field="numbers" style="color:#b32d2e"><strong>' . esc_html( $error ) . '</strong></p>';
		}
		$html .= '<p class="description">' . esc_html__( 'How the shortcode, the block and the widget write figures, unless one of them sets its own "numbers" option.', 'dangjian' ) . '</p></td></tr>';
		return $html;
	}

	/**
	 * The organisation's name ('' when not set).
	 */
	public static function organisation(): string {
		return self::get()['organisation'];
	}
}

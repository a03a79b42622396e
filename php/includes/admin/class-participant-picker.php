<?php
/**
 * The activity form's participants: the people chosen (a box ticked, their own hours) and a search
 * box that finds more as the secretary types (php/assets/participant-picker.js, which asks
 * GET /dangjian/v1/people/search).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The form holds only the people chosen, never the roster: its HTML is the same size with 50 people
 * or with 100,000. Each chosen person shows their stage on the activity's date. The posted fields
 * are those Admin_Pages reads: participants[] (the ticked ids) and participant_hours[id].
 */
final class Participant_Picker {

	/**
	 * Prints the field.
	 *
	 * @param array  $chosen The participants (id, hours), as stored or as posted.
	 * @param string $date   The activity's date ('' or not a date: today).
	 */
	public static function render( array $chosen, string $date ): void {
		$on    = Engine_Limits::is_date( $date ) ? $date : Period::today();
		$hours = array();
		foreach ( $chosen as $p ) {
			$hours[ (string) $p['id'] ] = null === $p['hours'] ? '' : (string) $p['hours'];
		}
		$ids    = array_map( 'intval', array_filter( array_keys( $hours ), static fn( $k ) => (bool) preg_match( '/^[1-9]\d{0,9}$/', (string) $k ) ) );
		$people = Rest_People_Search::people( $ids, $on );
		wp_enqueue_script( 'dangjian-participant-picker', plugins_url( 'assets/participant-picker.js', DANGJIAN_PLUGIN_FILE ), array(), DANGJIAN_PLUGIN_VERSION, true );
		$texts = array(
			'none'      => __( 'Nothing found.', 'dangjian' ),
			'more'      => __( 'More people match: type more of the name or the phone number.', 'dangjian' ),
			'recent'    => __( 'took part recently', 'dangjian' ),
			'added'     => __( 'added', 'dangjian' ),
			'error'     => __( 'The search failed; try again.', 'dangjian' ),
			'searching' => __( 'Searching…', 'dangjian' ),
			'hours'     => __( 'Hours', 'dangjian' ),
			/* translators: %s: a number of people. */
			'roster'    => __( 'Type a name or a phone number to search among %s people.', 'dangjian' ),
			'phone'     => _x( 'phone …%s', 'the last four digits of a phone number', 'dangjian' ),
		);
		printf(
			'<div class="dangjian-participants dangjian-picker" id="dangjian-participants" data-rest="%s" data-nonce="%s" data-date-input="dangjian-activity_date" data-on="%s" data-texts="%s">',
			esc_url( rest_url( DANGJIAN_REST_NAMESPACE . '/people/search' ) ),
			esc_attr( wp_create_nonce( 'wp_rest' ) ),
			esc_attr( $on ),
			esc_attr( (string) wp_json_encode( $texts ) )
		);
		echo '<style>#dangjian-participants .dangjian-picker-results{margin:0;max-width:32em;max-height:18em;overflow:auto;border:1px solid #8c8f94;background:#fff}#dangjian-participants .dangjian-picker-results li{margin:0;padding:6px 8px;cursor:pointer}#dangjian-participants .dangjian-picker-results li.is-active{background:#2271b1;color:#fff}#dangjian-participants .dangjian-picker-results li[aria-disabled=true]{opacity:.6}#dangjian-participants .dangjian-picker-meta{font-size:12px}#dangjian-participants .dangjian-picker-chosen{margin-bottom:8px}</style>';
		echo '<table class="widefat striped dangjian-picker-chosen"><thead><tr><th>' . esc_html__( 'Took part', 'dangjian' ) . '</th><th>' . esc_html__( 'Name', 'dangjian' ) . '</th><th>' . esc_html__( 'Stage on the activity\'s date', 'dangjian' ) . '</th><th>' . esc_html__( 'Hours', 'dangjian' ) . '</th></tr></thead><tbody>';
		echo '<tr class="dangjian-picker-empty"' . ( $hours ? ' hidden="hidden"' : '' ) . '><td colspan="4">' . esc_html__( 'No participants chosen yet: search below to add them.', 'dangjian' ) . '</td></tr>';
		foreach ( $hours as $key => $h ) {
			$key    = (string) $key;
			$person = ctype_digit( $key ) ? ( $people[ (int) $key ] ?? null ) : null;
			echo '<tr data-person="' . esc_attr( $key ) . '"><td><input type="checkbox" id="dangjian-participant-' . esc_attr( $key ) . '" name="participants[]" value="' . esc_attr( $key ) . '" checked="checked" /></td>';
			// Participants posted that are not people (a rejected form) are kept so they can be unticked.
			echo '<td><label for="dangjian-participant-' . esc_attr( $key ) . '">' . esc_html( null !== $person ? $person['name'] : $key ) . '</label></td>';
			echo '<td class="dangjian-picker-stage">' . esc_html( null !== $person ? $person['stage_label'] : '' ) . '</td>';
			echo '<td><input type="text" inputmode="decimal" size="6" name="participant_hours[' . esc_attr( $key ) . ']" value="' . esc_attr( $h ) . '" aria-label="' . esc_attr__( 'Hours', 'dangjian' ) . '" /></td></tr>';
		}
		echo '</tbody></table>';
		echo '<p class="dangjian-picker-search"><label for="dangjian-participant-search">' . esc_html__( 'Add a participant', 'dangjian' ) . '</label> ';
		echo '<input type="search" class="regular-text" id="dangjian-participant-search" role="combobox" aria-expanded="false" aria-controls="dangjian-participant-results" aria-autocomplete="list" autocomplete="off" placeholder="' . esc_attr__( 'A name or a phone number', 'dangjian' ) . '" /></p>';
		echo '<ul class="dangjian-picker-results" id="dangjian-participant-results" role="listbox" aria-label="' . esc_attr__( 'People found', 'dangjian' ) . '" hidden="hidden"></ul>';
		echo '<p class="description dangjian-picker-status" aria-live="polite"></p>';
		echo '<noscript><p class="description">' . esc_html__( 'Adding participants needs JavaScript; the people already chosen can be unticked without it.', 'dangjian' ) . '</p></noscript>';
		echo '</div>';
	}
}

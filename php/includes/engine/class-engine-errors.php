<?php
/**
 * The engine's refusals in the site's language, by rule: the one place that words them.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * An InvalidRecord carries its path, row, field and rule (docs/ENGINE.md section 9, "Errors as data");
 * this class turns them, with the row the engine was given, into the field to mark and a message.
 * The figures a message quotes (the other date, the start, the person's id) are read from that row,
 * never from the engine's English text.
 */
final class Engine_Errors {

	/**
	 * The field to mark (a top-level field of the row: "participants", not "participants[2].id") and
	 * the message in the site's language.
	 *
	 * @param InvalidRecord $e     The refusal.
	 * @param array         $row   The engine row it refused (people: the dates by their names;
	 *                             activities: participants as ids or {id, hours}).
	 * @param callable      $label Field name => its label in the caller's words (form or spreadsheet).
	 * @return array{field:string,rule:string,message:string}
	 */
	public static function describe( InvalidRecord $e, array $row, callable $label ): array {
		$field = $e->getField();
		$rule  = $e->getRule();
		return array(
			'field'   => substr( $field, 0, strcspn( $field, '[.' ) ),
			'rule'    => $rule,
			'message' => self::message( $rule, $field, $row, $label, $e->getMessage() ),
		);
	}

	/**
	 * The message of a rule.
	 *
	 * @param string   $rule    The rule.
	 * @param string   $field   The field path after the row ("candidate_on", "participants[1].id").
	 * @param array    $row     The engine row.
	 * @param callable $label   Field name => label.
	 * @param string   $english The engine's own message, quoted for a rule without words of ours.
	 */
	private static function message( string $rule, string $field, array $row, callable $label, string $english ): string {
		switch ( $rule ) {
			case 'stage_order':
				$other = self::previous_stage( $field, $row );
				if ( null !== $other ) {
					/* translators: 1: a date, 2: the name of another date column, 3: its date. */
					return sprintf( __( '%1$s is before %2$s %3$s: the stages must be in order (application, activist, candidate, admission, full membership).', 'dangjian' ), (string) $row[ $field ], $label( $other ), (string) $row[ $other ] );
				}
				break;
			case 'left_before_start':
				$start = self::start( $row );
				if ( null !== $start ) {
					/* translators: 1: a date, 2: the date the person's membership started. */
					return sprintf( __( '%1$s is before the person joined the branch (%2$s).', 'dangjian' ), (string) ( $row['left_on'] ?? '' ), $start );
				}
				break;
			case 'unknown_person':
				/* translators: %d: an ID. */
				return sprintf( __( 'No person has the ID %d.', 'dangjian' ), self::participant_id( $field, $row ) );
			case 'duplicate_participant':
				/* translators: %s: a participant as written. */
				return sprintf( __( '%s is listed twice.', 'dangjian' ), '#' . self::participant_id( $field, $row ) );
			case 'duplicate_id':
				/* translators: %d: an ID. */
				return sprintf( __( 'The ID %d is used twice.', 'dangjian' ), (int) ( $row['id'] ?? 0 ) );
		}
		/* translators: %s: the statistics engine's own message (in English). */
		return sprintf( __( 'The statistics engine refuses this value: %s', 'dangjian' ), $english );
	}

	/**
	 * The stage date set before $field in stage order, or null.
	 *
	 * @param string $field A stage date's name.
	 * @param array  $row   The engine row.
	 */
	private static function previous_stage( string $field, array $row ): ?string {
		$at = array_search( $field, Records::STAGE_DATES, true );
		if ( false === $at ) {
			return null;
		}
		for ( $k = $at - 1; $k >= 0; $k-- ) {
			$name = Records::STAGE_DATES[ $k ];
			if ( '' !== (string) ( $row[ $name ] ?? '' ) ) {
				return $name;
			}
		}
		return null;
	}

	/**
	 * The day a person's membership of the branch starts: transferred in, else the first stage date.
	 *
	 * @param array $row The engine row.
	 */
	private static function start( array $row ): ?string {
		foreach ( array_merge( array( 'joined_on' ), Records::STAGE_DATES ) as $name ) {
			if ( '' !== (string) ( $row[ $name ] ?? '' ) ) {
				return (string) $row[ $name ];
			}
		}
		return null;
	}

	/**
	 * The person id of a participant path ("participants[2].id").
	 *
	 * @param string $field The field path.
	 * @param array  $row   The engine row.
	 */
	private static function participant_id( string $field, array $row ): int {
		$open = strpos( $field, '[' );
		$at   = false === $open ? -1 : (int) substr( $field, $open + 1 );
		$p    = $row['participants'][ $at ] ?? 0;
		return (int) ( is_array( $p ) ? ( $p['id'] ?? 0 ) : $p );
	}
}

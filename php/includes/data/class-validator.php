<?php
/**
 * The checks of a record before it is written: input cleaned field by field, then validated by the
 * fields' rules (Fields) and by the engine's own (a scratch Dataset).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Values travel as strings (as a form posts them and as $wpdb returns them): a date "YYYY-MM-DD" or
 * '' for none, an amount "12.50", a count "40", a boolean "1" / "0". Participants are a list of
 * array( 'id' => int, 'hours' => string|null ). The admin forms and the REST API both go through
 * this class, so what one accepts the other accepts, and both accept only what the engine accepts.
 */
final class Validator {

	/**
	 * Cleans input (already unslashed) into the record's values, field by field. Never fails: a bad
	 * value is kept as typed (trimmed) for validate() to name and for the form to show again. Fields
	 * absent from $input take $base's value (a partial update), else the default.
	 *
	 * @param string $entity The entity.
	 * @param array  $input  Field => value, as posted.
	 * @param array  $base   The record being edited, or array().
	 * @return array<string,mixed>
	 */
	public static function sanitize( string $entity, array $input, array $base = array() ): array {
		$values = $base ? array_merge( Records::blank( $entity ), array_intersect_key( $base, Records::blank( $entity ) ) ) : Records::blank( $entity );
		foreach ( Fields::form( $entity ) as $name => $spec ) {
			if ( ! array_key_exists( $name, $input ) ) {
				if ( 'bool' === $spec['type'] && array_key_exists( '_form', $input ) ) {
					$values[ $name ] = '0'; // An unticked checkbox posts nothing.
				}
				continue;
			}
			$raw = $input[ $name ];
			switch ( $spec['type'] ) {
				case 'participants':
					$values[ $name ] = self::sanitize_participants( $raw );
					break;
				case 'bool':
					$values[ $name ] = ( true === $raw || ( is_scalar( $raw ) && in_array( strtolower( trim( (string) $raw ) ), array( '1', 'true', 'on', 'yes' ), true ) ) ) ? '1' : '0';
					break;
				case 'textarea':
					$values[ $name ] = is_scalar( $raw ) ? sanitize_textarea_field( (string) $raw ) : '';
					break;
				case 'email':
					$values[ $name ] = is_scalar( $raw ) ? trim( sanitize_text_field( (string) $raw ) ) : '';
					break;
				case 'url':
					$values[ $name ] = is_scalar( $raw ) ? trim( sanitize_text_field( (string) $raw ) ) : '';
					break;
				case 'select':
					$value = is_scalar( $raw ) ? trim( sanitize_text_field( (string) $raw ) ) : '';
					if ( 'gender' === $name ) {
						$value = array( '男' => 'male', '女' => 'female' )[ $value ] ?? $value;
					}
					$values[ $name ] = $value;
					break;
				case 'amount':
				case 'count':
					if ( is_int( $raw ) || is_float( $raw ) ) {
						$values[ $name ] = is_float( $raw ) ? Amount::from_float( $raw ) : (string) $raw;
					} else {
						$values[ $name ] = is_scalar( $raw ) && ! is_bool( $raw ) ? trim( sanitize_text_field( (string) $raw ) ) : ( null === $raw ? '' : 'x' );
						$values[ $name ] = self::typed_number( $spec['type'], $values[ $name ] );
					}
					break;
				default:
					$values[ $name ] = is_scalar( $raw ) && ! is_bool( $raw ) ? trim( sanitize_text_field( (string) $raw ) ) : '';
					if ( ! empty( $spec['suggest'] ) ) {
						// A name chosen again (a campaign): ASCII spaces and U+3000 around it do not make another.
						$values[ $name ] = Import_Vocabulary::trim( $values[ $name ] );
					}
			}
		}
		return $values;
	}

	/**
	 * A number as people type it ("1,800", "￥1,200.50", "１２．５"), read by the import's parser
	 * (Amount): its plain form when it is one, else the text as typed for validate() to name.
	 *
	 * @param string $type  "amount" or "count".
	 * @param string $value The trimmed text.
	 */
	private static function typed_number( string $type, string $value ): string {
		if ( '' === $value ) {
			return '';
		}
		if ( 'count' === $type ) {
			// A leading zero ("07") stays refused, as the engine refuses a count not in canonical form.
			$count = preg_match( '/^0\d/', Amount::normalise( $value ) ) ? null : Amount::parse_count( $value );
			return null === $count ? $value : (string) $count;
		}
		return Amount::parse( $value ) ?? $value;
	}

	/**
	 * Participants from a form (participants[] => person ids, participant_hours[id] => hours) or from
	 * JSON (a list of ids or of {id, hours}).
	 *
	 * @param mixed $raw The input.
	 * @return array<int,array{id:mixed,hours:?string}>
	 */
	private static function sanitize_participants( $raw ): array {
		if ( ! is_array( $raw ) ) {
			return array( array( 'id' => 'x', 'hours' => null ) );
		}
		$list = array();
		foreach ( $raw as $item ) {
			$id    = $item;
			$hours = null;
			if ( is_array( $item ) ) {
				$id    = $item['id'] ?? null;
				$hours = $item['hours'] ?? null;
			}
			if ( is_int( $id ) ) {
				$id = (string) $id;
			} elseif ( is_string( $id ) ) {
				$id = trim( $id );
			} else {
				$id = 'x';
			}
			if ( is_float( $hours ) ) {
				$hours = Amount::from_float( $hours );
			} elseif ( is_int( $hours ) ) {
				$hours = (string) $hours;
			} elseif ( is_string( $hours ) ) {
				$hours = self::typed_number( 'amount', trim( sanitize_text_field( $hours ) ) );
				$hours = '' === $hours ? null : $hours;
			} elseif ( null !== $hours ) {
				$hours = 'x';
			}
			$list[] = array(
				'id'    => $id,
				'hours' => $hours,
			);
		}
		return $list;
	}

	/**
	 * Checks a record. Returns the problems, field => message (translated, naming the rule); none when
	 * the record may be written. The engine's own rules are applied last by adding the row to a
	 * scratch Dataset, so nothing the engine would reject passes.
	 *
	 * @param string $entity The entity.
	 * @param array  $values From self::sanitize().
	 * @param int    $id     The record being edited, 0 for a new one.
	 * @return array<string,string>
	 */
	public static function validate( string $entity, array $values, int $id = 0 ): array {
		global $wpdb;
		$errors = array();
		$fields = Fields::form( $entity );
		foreach ( $fields as $name => $spec ) {
			$value = $values[ $name ] ?? '';
			if ( 'participants' === $spec['type'] ) {
				continue;
			}
			$value = (string) $value;
			if ( '' === $value ) {
				if ( ! empty( $spec['required'] ) ) {
					$errors[ $name ] = __( 'This field is required.', 'dangjian' );
				}
				continue;
			}
			$max = $spec['max'] ?? 0;
			if ( $max && ( ! empty( $spec['bytes'] ) ? strlen( $value ) : mb_strlen( $value ) ) > $max ) {
				$errors[ $name ] = ! empty( $spec['bytes'] )
					/* translators: %d: a number of bytes. */
					? sprintf( __( 'At most %d bytes (a Chinese character takes 3).', 'dangjian' ), $max )
					/* translators: %d: a number of characters. */
					: sprintf( __( 'At most %d characters.', 'dangjian' ), $max );
				continue;
			}
			switch ( $spec['type'] ) {
				case 'date':
					if ( ! Engine_Limits::is_date( $value ) ) {
						$errors[ $name ] = __( 'Not a date: enter YYYY-MM-DD, from 1900-01-01 to 2199-12-31.', 'dangjian' );
					}
					break;
				case 'amount':
					if ( ! Amount::is_valid( $value ) ) {
						$errors[ $name ] = self::amount_message( $spec, $value );
					}
					break;
				case 'count':
					if ( ! Engine_Limits::is_count( $value ) ) {
						$errors[ $name ] = __( 'Not a count: enter a whole number from 0 to 2147483647.', 'dangjian' );
					}
					break;
				case 'year':
					if ( ! preg_match( '/^\d{4}$/', $value ) || $value < substr( Engine_Limits::DATE_MIN, 0, 4 ) || $value > substr( Engine_Limits::DATE_MAX, 0, 4 ) ) {
						$errors[ $name ] = __( 'Not a year: enter four digits, from 1900 to 2199.', 'dangjian' );
					}
					break;
				case 'select':
					$options = $spec['options'];
					if ( 'kind' === $name && isset( $values['category'] ) && isset( Vocabulary::categories()[ $values['category'] ] ) ) {
						$options = Vocabulary::kinds( (string) $values['category'] );
					}
					if ( ! array_key_exists( $value, $options ) ) {
						$errors[ $name ] = 'kind' === $name && isset( $fields[ $name ]['options'][ $value ] )
							? __( 'This kind does not belong to the chosen category.', 'dangjian' )
							: __( 'Choose one of the offered values.', 'dangjian' );
					}
					break;
				case 'email':
					if ( ! is_email( $value ) ) {
						$errors[ $name ] = __( 'Not an email address.', 'dangjian' );
					}
					break;
				case 'phone':
					if ( ! preg_match( '/^\+?[0-9][0-9 \-]{2,30}$/', $value ) ) {
						$errors[ $name ] = __( 'Not a phone number: digits, spaces and dashes, an optional + first.', 'dangjian' );
					}
					break;
				case 'url':
					if ( ! wp_http_validate_url( $value ) && ! preg_match( '#^https?://[^\s<>"]+$#i', $value ) ) {
						$errors[ $name ] = __( 'Not a web address: enter one starting with http:// or https://.', 'dangjian' );
					}
					break;
			}
		}

		if ( 'people' === $entity ) {
			// The engine's rules that relate the dates, checked with the fields already refused left out.
			$errors += self::engine_check_person( array_merge( $values, array_fill_keys( array_keys( $errors ), '' ) ), $id );
		} elseif ( 'activities' === $entity ) {
			$errors = array_merge( $errors, self::check_participants( $values ) );
			if ( ! $errors ) {
				$errors = self::engine_check_activity( $values, $id );
			}
		} elseif ( 'benefits' === $entity && ! isset( $errors['starts_on'] ) && ! isset( $errors['ends_on'] ) && '' !== (string) $values['ends_on'] && (string) $values['ends_on'] < (string) $values['starts_on'] ) {
			$errors['ends_on'] = __( 'The benefit cannot end before it starts.', 'dangjian' );
		} elseif ( 'plans' === $entity ) {
			$errors += self::check_plan( $values, $id, $errors );
		} elseif ( 'headcount' === $entity && ! isset( $errors['point_date'] ) ) {
			$table = Schema::table( 'headcount' );
			$other = $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$table} WHERE point_date = %s AND id <> %d", $values['point_date'], $id ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			if ( null !== $other ) {
				$errors['point_date'] = __( 'There is already a headcount on this date.', 'dangjian' );
			}
		}
		return $errors;
	}

	/**
	 * The plausibility warnings of a person (DOMAIN.md): not errors, the record is saved; the form
	 * shows them after the save and the dashboard lists them (Reminders, "plausibility" for the
	 * first three, the existing groups for the last two). Field => message:
	 *  - applied_on: under 18 at the application (applicants are 18 or over), or dated after today;
	 *  - admitted_on: under 18 when admitted;
	 *  - candidate_on: named a candidate less than a year after becoming an activist;
	 *  - full_on (or admitted_on while still on probation): a probation longer than two years.
	 * Dates that are not dates are left to validate().
	 *
	 * @param array       $values The person (stored or sanitized).
	 * @param string|null $today  Today (the site's day when null).
	 * @return array<string,string>
	 */
	public static function warnings( array $values, ?string $today = null ): array {
		$today = $today ?? Period::today();
		$date  = static function ( string $key ) use ( $values ): string {
			$v = (string) ( $values[ $key ] ?? '' );
			return Engine_Limits::is_date( $v ) ? $v : '';
		};
		$out       = self::age_warnings( $values, $today );
		$admitted  = $date( 'admitted_on' );
		$activist  = $date( 'activist_on' );
		$candidate = $date( 'candidate_on' );
		if ( '' !== $activist && '' !== $candidate && $candidate >= $activist && $candidate < Period::add_years( $activist, 1 ) ) {
			/* translators: 1: a date, 2: a date. */
			$out['candidate_on'] = sprintf( __( 'Named a candidate on %1$s, less than a year after becoming an activist (%2$s).', 'dangjian' ), $candidate, $activist );
		}
		if ( '' !== $admitted ) {
			$full = $date( 'full_on' );
			$left = $date( 'left_on' );
			$end  = '' !== $full ? $full : ( '' !== $left && $left < $today ? $left : $today );
			if ( $end > Period::add_years( $admitted, 2 ) ) {
				$key         = '' !== $full ? 'full_on' : 'admitted_on';
				$out[ $key ] = ( isset( $out[ $key ] ) ? $out[ $key ] . ' ' : '' ) . ( '' !== $full
					/* translators: 1: a date, 2: a date. */
					? sprintf( __( 'Probation from %1$s to %2$s: longer than two years.', 'dangjian' ), $admitted, $full )
					/* translators: %s: a date. */
					: sprintf( __( 'On probation since %s: longer than two years.', 'dangjian' ), $admitted ) );
			}
		}
		return $out;
	}

	/**
	 * The warnings of self::warnings() about age and a date to come (applied_on, admitted_on): what
	 * the dashboard lists as "plausibility".
	 *
	 * @param array  $values The person.
	 * @param string $today  Today.
	 * @return array<string,string>
	 */
	public static function age_warnings( array $values, string $today ): array {
		$date = static function ( string $key ) use ( $values ): string {
			$v = (string) ( $values[ $key ] ?? '' );
			return Engine_Limits::is_date( $v ) ? $v : '';
		};
		$birth = $date( 'birth_date' );
		$age   = static function ( string $day ) use ( $birth ): int {
			$years = (int) substr( $day, 0, 4 ) - (int) substr( $birth, 0, 4 );
			return substr( $day, 5 ) < substr( $birth, 5 ) ? $years - 1 : $years;
		};
		$out     = array();
		$applied = $date( 'applied_on' );
		if ( '' !== $applied && $applied > $today ) {
			/* translators: %s: a date. */
			$out['applied_on'] = sprintf( __( 'The application is dated %s, a day still to come.', 'dangjian' ), $applied );
		} elseif ( '' !== $applied && '' !== $birth && $age( $applied ) < 18 ) {
			/* translators: %d: an age in years. */
			$out['applied_on'] = sprintf( __( 'Aged %d at the application: an applicant must be 18 or over.', 'dangjian' ), $age( $applied ) );
		}
		$admitted = $date( 'admitted_on' );
		if ( '' !== $admitted && '' !== $birth && $age( $admitted ) < 18 ) {
			/* translators: %d: an age in years. */
			$out['admitted_on'] = sprintf( __( 'Aged %d when admitted: members are admitted at 18 or over.', 'dangjian' ), $age( $admitted ) );
		}
		return $out;
	}

	/**
	 * Why an amount was refused, in its unit: hours, or yuan.
	 *
	 * @param array  $spec  The field's spec ('unit' => 'hours' for hours).
	 * @param string $value The text refused.
	 */
	private static function amount_message( array $spec, string $value ): string {
		$hours = 'hours' === ( $spec['unit'] ?? '' );
		if ( Amount::is_negative( $value ) ) {
			return $hours ? __( 'Hours cannot be negative.', 'dangjian' ) : __( 'An amount cannot be negative.', 'dangjian' );
		}
		if ( preg_match( Amount::RE, Amount::normalise( $value ) ) ) { // A number, only too large.
			return $hours ? __( 'Too many hours: at most 1000000000.', 'dangjian' ) : __( 'Too large an amount: at most 1000000000 yuan.', 'dangjian' );
		}
		return $hours
			? __( 'Not a number of hours: enter one such as 2 or 1.5.', 'dangjian' )
			: __( 'Not an amount: enter a number of yuan such as 1200 or 1,200.50.', 'dangjian' );
	}

	/**
	 * A development plan: at most as many as at least, and one plan a year.
	 *
	 * @param array $values The plan.
	 * @param int   $id     Its id (0 for a new one; -1: not compared with the stored plans, as a backup
	 *                      replaces them).
	 * @param array $errors The problems found so far (the fields already refused are not checked again).
	 * @return array<string,string>
	 */
	private static function check_plan( array $values, int $id, array $errors ): array {
		global $wpdb;
		$out = array();
		if ( ! isset( $errors['min_admit'] ) && ! isset( $errors['max_admit'] ) && (int) $values['max_admit'] < (int) $values['min_admit'] ) {
			$out['max_admit'] = __( 'The highest number cannot be below the lowest.', 'dangjian' );
		}
		if ( ! isset( $errors['plan_year'] ) && $id >= 0 ) {
			$table = Schema::table( 'plans' );
			$other = $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$table} WHERE plan_year = %d AND id <> %d", (int) $values['plan_year'], $id ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			if ( null !== $other ) {
				$out['plan_year'] = __( 'There is already a plan for this year.', 'dangjian' );
			}
		}
		return $out;
	}

	/**
	 * Checks the participants: people who exist, each once, with valid hours.
	 *
	 * @param array $values The activity.
	 * @return array<string,string>
	 */
	private static function check_participants( array $values ): array {
		global $wpdb;
		$list = $values['participants'] ?? array();
		$ids  = array();
		foreach ( $list as $p ) {
			if ( ! is_string( $p['id'] ) || ! preg_match( '/^[1-9]\d{0,9}$/', $p['id'] ) || (int) $p['id'] > 2147483647 ) {
				return array( 'participants' => __( 'A participant is not a person\'s id.', 'dangjian' ) );
			}
			if ( isset( $ids[ (int) $p['id'] ] ) ) {
				/* translators: %d: a person's id. */
				return array( 'participants' => sprintf( __( 'Person %d is listed twice.', 'dangjian' ), (int) $p['id'] ) );
			}
			if ( null !== $p['hours'] && ! Amount::is_valid( (string) $p['hours'] ) ) {
				return array(
					'participants' => Amount::is_negative( (string) $p['hours'] )
						/* translators: %d: a person's id. */
						? sprintf( __( 'The hours of person %d cannot be negative.', 'dangjian' ), (int) $p['id'] )
						/* translators: %d: a person's id. */
						: sprintf( __( 'The hours of person %d are not a number of hours: enter one such as 2 or 1.5.', 'dangjian' ), (int) $p['id'] ),
				);
			}
			$ids[ (int) $p['id'] ] = true;
		}
		if ( $ids ) {
			$table = Schema::table( 'people' );
			$found = $wpdb->get_col( "SELECT id FROM {$table} WHERE id IN (" . implode( ',', array_map( 'intval', array_keys( $ids ) ) ) . ')' ); // phpcs:ignore WordPress.DB.PreparedSQL -- Integers only.
			$found = array_flip( array_map( 'intval', $found ) );
			foreach ( array_keys( $ids ) as $pid ) {
				if ( ! isset( $found[ $pid ] ) ) {
					/* translators: %d: a person's id. */
					return array( 'participants' => sprintf( __( 'There is no person %d.', 'dangjian' ), $pid ) );
				}
			}
		}
		return array();
	}

	/**
	 * Adds the person to a scratch Dataset, as the engine will when it builds the figures.
	 *
	 * @param array $values The person.
	 * @param int   $id     Their id (0 for a new one).
	 * @return array<string,string>
	 */
	private static function engine_check_person( array $values, int $id ): array {
		if ( ! Engine::available() ) {
			return array();
		}
		$row       = self::engine_row( 'people', $values );
		$row['id'] = $id > 0 ? $id : 1;
		try {
			( new Dataset() )->addPeople( array( $row ) );
		} catch ( InvalidRecord $e ) {
			return self::engine_error( $e, $row, 'people' );
		}
		return array();
	}

	/**
	 * Adds the activity (and stand-ins for its participants) to a scratch Dataset.
	 *
	 * @param array $values The activity.
	 * @param int   $id     Its id (0 for a new one).
	 * @return array<string,string>
	 */
	private static function engine_check_activity( array $values, int $id ): array {
		if ( ! Engine::available() ) {
			return array();
		}
		$row       = self::engine_row( 'activities', $values );
		$row['id'] = $id > 0 ? $id : 1;
		$people    = array();
		foreach ( $row['participants'] as $p ) {
			$people[] = array( 'id' => $p['id'] );
		}
		try {
			$dataset = new Dataset();
			$dataset->addPeople( $people );
			$dataset->addActivities( array( $row ) );
		} catch ( InvalidRecord $e ) {
			return self::engine_error( $e, $row, 'activities' );
		}
		return array();
	}

	/**
	 * A record as the engine's row (STATS.md): the activity's date under "date", participants as
	 * array( id, hours ).
	 *
	 * @param string $entity "people" or "activities".
	 * @param array  $values The record.
	 * @return array
	 */
	public static function engine_row( string $entity, array $values ): array {
		if ( 'people' === $entity ) {
			$row = array( 'is_staff' => '1' === (string) ( $values['is_staff'] ?? '0' ) );
			foreach ( array_merge( Records::STAGE_DATES, array( 'joined_on', 'left_on', 'hired_on', 'left_reason' ) ) as $key ) {
				$row[ $key ] = (string) ( $values[ $key ] ?? '' );
			}
			return $row;
		}
		$row = array(
			'date'          => (string) $values['activity_date'],
			'category'      => (string) $values['category'],
			'kind'          => (string) $values['kind'],
			'venue_kind'    => (string) $values['venue_kind'],
			'venue'         => (string) $values['venue'],
			'project'       => (string) ( $values['project'] ?? '' ),
			'beneficiaries' => '' === (string) $values['beneficiaries'] ? 0 : (string) $values['beneficiaries'],
			'participants'  => array(),
		);
		foreach ( array( 'hours', 'fee_waived', 'donation' ) as $key ) {
			$row[ $key ] = '' === (string) $values[ $key ] ? 0 : (string) $values[ $key ];
		}
		foreach ( $values['participants'] ?? array() as $p ) {
			$item = array( 'id' => (int) $p['id'] );
			if ( null !== $p['hours'] ) {
				$item['hours'] = (string) $p['hours'];
			}
			$row['participants'][] = $item;
		}
		return $row;
	}

	/**
	 * An engine refusal as field => message (Engine_Errors words it, by rule).
	 *
	 * @param InvalidRecord $e      The refusal.
	 * @param array         $row    The engine row it refused.
	 * @param string        $entity "people" or "activities".
	 * @return array<string,string>
	 */
	private static function engine_error( InvalidRecord $e, array $row, string $entity ): array {
		$fields = Fields::form( $entity );
		$label  = static fn( string $f ) => (string) ( $fields[ $f ]['label'] ?? $f );
		$error  = Engine_Errors::describe( $e, $row, $label );
		$field  = 'date' === $error['field'] && 'activities' === $entity ? 'activity_date' : $error['field'];
		return array( ( isset( $fields[ $field ] ) ? $field : '' ) => $error['message'] );
	}
}

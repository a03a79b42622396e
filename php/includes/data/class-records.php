<?php
/**
 * The branch's records: the fields of each kind of record, their sanitizing and validation, and the
 * writes. The admin forms and the REST API both go through this class, so what one accepts the other
 * accepts, and both accept only what the engine accepts.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Entities: people, activities (with participants), media, honours, headcount.
 *
 * Values travel as strings (as a form posts them and as $wpdb returns them): a date "YYYY-MM-DD" or
 * '' for none, an amount "12.50", a count "40", a boolean "1" / "0". Participants are a list of
 * array( 'id' => int, 'hours' => string|null ).
 */
final class Records {

	/** Every kind of record, in menu order. */
	const ENTITIES = array( 'people', 'activities', 'media', 'honours', 'headcount' );

	/** The people's stage dates, in stage order. */
	const STAGE_DATES = array( 'applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on' );

	/** Default rows per page of a list. */
	const PER_PAGE = 20;

	/**
	 * Genders, value => label.
	 *
	 * @return array<string,string>
	 */
	public static function genders(): array {
		return array(
			''       => __( 'Not given', 'dangjian' ),
			'male'   => __( 'Male', 'dangjian' ),
			'female' => __( 'Female', 'dangjian' ),
		);
	}

	/**
	 * A person's stage on a day (derived from the dates, never stored), value => label.
	 *
	 * @return array<string,string>
	 */
	public static function stages(): array {
		return array(
			'applicant'    => __( 'Applicant', 'dangjian' ),
			'activist'     => __( 'Activist', 'dangjian' ),
			'candidate'    => __( 'Candidate for membership', 'dangjian' ),
			'probationary' => __( 'Probationary member', 'dangjian' ),
			'full'         => __( 'Full member', 'dangjian' ),
			'left'         => __( 'Left the branch', 'dangjian' ),
			'none'         => __( 'No stage yet', 'dangjian' ),
		);
	}

	/**
	 * Reasons for leaving, value => label ('' is none).
	 *
	 * @return array<string,string>
	 */
	public static function left_reasons(): array {
		return array(
			''          => __( 'None', 'dangjian' ),
			'transfer'  => __( 'Transferred out', 'dangjian' ),
			'death'     => __( 'Deceased', 'dangjian' ),
			'cancelled' => __( 'Probation cancelled', 'dangjian' ),
			'other'     => __( 'Other', 'dangjian' ),
		);
	}

	/**
	 * Activity categories, value => label.
	 *
	 * @return array<string,string>
	 */
	public static function categories(): array {
		return array(
			'service' => __( 'Public service', 'dangjian' ),
			'meeting' => __( 'Branch meeting', 'dangjian' ),
		);
	}

	/**
	 * Activity kinds of a category ('' for both), value => label.
	 *
	 * @param string $category "service", "meeting" or ''.
	 * @return array<string,string>
	 */
	public static function kinds( string $category = '' ): array {
		$service = array(
			'counseling'       => __( 'Free psychological counselling', 'dangjian' ),
			'group_counseling' => __( 'Group counselling', 'dangjian' ),
			'lecture'          => __( 'Lecture', 'dangjian' ),
			'crisis_aid'       => __( 'Crisis intervention and disaster relief', 'dangjian' ),
			'publicity'        => __( 'Public awareness', 'dangjian' ),
			'donation'         => __( 'Donation', 'dangjian' ),
			'volunteering'     => __( 'Other volunteering', 'dangjian' ),
		);
		$meeting = array(
			'branch_assembly' => __( 'Branch general meeting', 'dangjian' ),
			'committee'       => __( 'Branch committee meeting', 'dangjian' ),
			'group_meeting'   => __( 'Party group meeting', 'dangjian' ),
			'party_lesson'    => __( 'Party lesson', 'dangjian' ),
			'theme_day'       => __( 'Theme Party day', 'dangjian' ),
			'life_meeting'    => __( 'Organisational life meeting', 'dangjian' ),
			'work_meeting'    => __( 'Party building work meeting', 'dangjian' ),
		);
		/**
		 * Filters the activity kinds a category offers (slugs of 1 to 32 of a-z, 0-9, _).
		 *
		 * @param array<string,string> $kinds    Slug => label.
		 * @param string               $category "service" or "meeting".
		 */
		$service = (array) apply_filters( 'dangjian_kinds', $service, 'service' );
		$meeting = (array) apply_filters( 'dangjian_kinds', $meeting, 'meeting' );
		if ( 'service' === $category ) {
			return $service;
		}
		if ( 'meeting' === $category ) {
			return $meeting;
		}
		return $service + $meeting;
	}

	/**
	 * Venue kinds, value => label ('' is none).
	 *
	 * @return array<string,string>
	 */
	public static function venue_kinds(): array {
		return array(
			''              => __( 'None', 'dangjian' ),
			'community'     => __( 'Community', 'dangjian' ),
			'enterprise'    => __( 'Enterprise', 'dangjian' ),
			'school'        => __( 'School', 'dangjian' ),
			'barracks'      => __( 'Barracks', 'dangjian' ),
			'government'    => __( 'Government office', 'dangjian' ),
			'family'        => __( 'Family', 'dangjian' ),
			'disaster_area' => __( 'Disaster area', 'dangjian' ),
			'public_space'  => __( 'Public space', 'dangjian' ),
			'online'        => __( 'Online', 'dangjian' ),
			'other'         => __( 'Other', 'dangjian' ),
		);
	}

	/**
	 * Media levels, value => label.
	 *
	 * @return array<string,string>
	 */
	public static function media_levels(): array {
		return array(
			'central'    => __( 'Central media', 'dangjian' ),
			'provincial' => __( 'Provincial media', 'dangjian' ),
			'city'       => __( 'City media', 'dangjian' ),
			'district'   => __( 'District media', 'dangjian' ),
			'online'     => __( 'Online media', 'dangjian' ),
		);
	}

	/**
	 * Honour levels, value => label.
	 *
	 * @return array<string,string>
	 */
	public static function honour_levels(): array {
		return array(
			'national'   => __( 'National', 'dangjian' ),
			'provincial' => __( 'Provincial', 'dangjian' ),
			'city'       => __( 'City', 'dangjian' ),
			'district'   => __( 'District', 'dangjian' ),
			'other'      => __( 'Other', 'dangjian' ),
		);
	}

	/**
	 * The fields of an entity, in form order: name => spec.
	 *
	 * A spec: 'type' (text, textarea, email, phone, url, date, select, bool, amount, count,
	 * participants), 'label', 'required', 'max' (characters; bytes for 'bytes' => true), 'options'
	 * (select), 'help'.
	 *
	 * @param string $entity One of self::ENTITIES.
	 * @return array<string,array>
	 */
	public static function fields( string $entity ): array {
		switch ( $entity ) {
			case 'people':
				return array(
					'name'         => array( 'type' => 'text', 'label' => __( 'Name', 'dangjian' ), 'required' => true, 'max' => 100 ),
					'gender'       => array( 'type' => 'select', 'label' => __( 'Gender', 'dangjian' ), 'options' => self::genders() ),
					'birth_date'   => array( 'type' => 'date', 'label' => __( 'Date of birth', 'dangjian' ) ),
					'phone'        => array( 'type' => 'phone', 'label' => __( 'Phone', 'dangjian' ), 'max' => 32 ),
					'email'        => array( 'type' => 'email', 'label' => __( 'Email', 'dangjian' ), 'max' => 100, 'help' => __( 'Used to find the person\'s records when they ask for their personal data.', 'dangjian' ) ),
					'is_staff'     => array( 'type' => 'bool', 'label' => __( 'Staff of the organisation', 'dangjian' ) ),
					'applied_on'   => array( 'type' => 'date', 'label' => __( 'Applied to join', 'dangjian' ) ),
					'activist_on'  => array( 'type' => 'date', 'label' => __( 'Named activist', 'dangjian' ) ),
					'candidate_on' => array( 'type' => 'date', 'label' => __( 'Named candidate', 'dangjian' ) ),
					'admitted_on'  => array( 'type' => 'date', 'label' => __( 'Admitted (probationary)', 'dangjian' ) ),
					'full_on'      => array( 'type' => 'date', 'label' => __( 'Became a full member', 'dangjian' ) ),
					'joined_on'    => array( 'type' => 'date', 'label' => __( 'Transferred in', 'dangjian' ), 'help' => __( 'The day the membership was transferred into this branch.', 'dangjian' ) ),
					'joined_from'  => array( 'type' => 'text', 'label' => __( 'Transferred in from', 'dangjian' ), 'max' => 200 ),
					'left_on'      => array( 'type' => 'date', 'label' => __( 'Left the branch', 'dangjian' ) ),
					'left_reason'  => array( 'type' => 'select', 'label' => __( 'Reason for leaving', 'dangjian' ), 'options' => self::left_reasons() ),
					'left_to'      => array( 'type' => 'text', 'label' => __( 'Transferred out to', 'dangjian' ), 'max' => 200 ),
					'notes'        => array( 'type' => 'textarea', 'label' => __( 'Notes', 'dangjian' ), 'max' => 5000 ),
				);
			case 'activities':
				return array(
					'activity_date' => array( 'type' => 'date', 'label' => __( 'Date', 'dangjian' ), 'required' => true ),
					'category'      => array( 'type' => 'select', 'label' => __( 'Category', 'dangjian' ), 'required' => true, 'options' => self::categories() ),
					'kind'          => array( 'type' => 'select', 'label' => __( 'Kind', 'dangjian' ), 'required' => true, 'options' => self::kinds() ),
					'title'         => array( 'type' => 'text', 'label' => __( 'Title', 'dangjian' ), 'required' => true, 'max' => 200 ),
					'description'   => array( 'type' => 'textarea', 'label' => __( 'Description', 'dangjian' ), 'max' => 10000 ),
					'hours'         => array( 'type' => 'amount', 'label' => __( 'Hours', 'dangjian' ) ),
					'fee_waived'    => array( 'type' => 'amount', 'label' => __( 'Fees waived (yuan)', 'dangjian' ) ),
					'donation'      => array( 'type' => 'amount', 'label' => __( 'Donations (yuan)', 'dangjian' ) ),
					'beneficiaries' => array( 'type' => 'count', 'label' => __( 'Beneficiaries', 'dangjian' ) ),
					'venue_kind'    => array( 'type' => 'select', 'label' => __( 'Venue kind', 'dangjian' ), 'options' => self::venue_kinds() ),
					'venue'         => array( 'type' => 'text', 'label' => __( 'Venue', 'dangjian' ), 'max' => 200, 'bytes' => true ),
					'participants'  => array( 'type' => 'participants', 'label' => __( 'Participants', 'dangjian' ), 'help' => __( 'Leave a participant\'s hours empty to use the activity\'s hours.', 'dangjian' ) ),
				);
			case 'media':
				return array(
					'published_on' => array( 'type' => 'date', 'label' => __( 'Date', 'dangjian' ), 'required' => true ),
					'outlet'       => array( 'type' => 'text', 'label' => __( 'Outlet', 'dangjian' ), 'required' => true, 'max' => 200 ),
					'level'        => array( 'type' => 'select', 'label' => __( 'Level', 'dangjian' ), 'required' => true, 'options' => self::media_levels() ),
					'title'        => array( 'type' => 'text', 'label' => __( 'Title', 'dangjian' ), 'required' => true, 'max' => 255 ),
					'url'          => array( 'type' => 'url', 'label' => __( 'Link', 'dangjian' ), 'max' => 2048 ),
					'notes'        => array( 'type' => 'textarea', 'label' => __( 'Notes', 'dangjian' ), 'max' => 5000 ),
				);
			case 'honours':
				return array(
					'awarded_on' => array( 'type' => 'date', 'label' => __( 'Date', 'dangjian' ), 'required' => true ),
					'title'      => array( 'type' => 'text', 'label' => __( 'Title', 'dangjian' ), 'required' => true, 'max' => 255 ),
					'level'      => array( 'type' => 'select', 'label' => __( 'Level', 'dangjian' ), 'required' => true, 'options' => self::honour_levels() ),
					'awarded_by' => array( 'type' => 'text', 'label' => __( 'Awarded by', 'dangjian' ), 'max' => 200 ),
					'notes'      => array( 'type' => 'textarea', 'label' => __( 'Notes', 'dangjian' ), 'max' => 5000 ),
				);
			case 'headcount':
				return array(
					'point_date'  => array( 'type' => 'date', 'label' => __( 'From', 'dangjian' ), 'required' => true ),
					'staff_count' => array( 'type' => 'count', 'label' => __( 'Staff headcount', 'dangjian' ), 'required' => true ),
					'notes'       => array( 'type' => 'text', 'label' => __( 'Notes', 'dangjian' ), 'max' => 200 ),
				);
		}
		throw new \InvalidArgumentException( 'unknown entity ' . $entity ); // A programming error.
	}

	/**
	 * The field a list is sorted by when none is asked for, and the columns it may be sorted by.
	 *
	 * @param string $entity The entity.
	 * @return array{0:string,1:string[]}
	 */
	public static function sortable( string $entity ): array {
		switch ( $entity ) {
			case 'people':
				return array( 'id', array( 'id', 'name', 'gender', 'birth_date', 'is_staff', 'applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on', 'left_on', 'stage' ) );
			case 'activities':
				return array( 'activity_date', array( 'id', 'activity_date', 'category', 'kind', 'title', 'hours', 'fee_waived', 'donation', 'beneficiaries', 'venue_kind', 'venue', 'participant_count' ) );
			case 'media':
				return array( 'published_on', array( 'id', 'published_on', 'outlet', 'level', 'title' ) );
			case 'honours':
				return array( 'awarded_on', array( 'id', 'awarded_on', 'title', 'level', 'awarded_by' ) );
			default:
				return array( 'point_date', array( 'id', 'point_date', 'staff_count' ) );
		}
	}

	/**
	 * The columns a search looks in.
	 *
	 * @param string $entity The entity.
	 * @return string[]
	 */
	private static function search_columns( string $entity ): array {
		switch ( $entity ) {
			case 'people':
				return array( 'name', 'phone', 'email', 'notes', 'joined_from', 'left_to' );
			case 'activities':
				return array( 'title', 'venue', 'description' );
			case 'media':
				return array( 'title', 'outlet', 'notes' );
			case 'honours':
				return array( 'title', 'awarded_by', 'notes' );
			default:
				return array( 'notes' );
		}
	}

	/**
	 * The date column of an entity (for the period filter).
	 *
	 * @param string $entity The entity.
	 */
	public static function date_column( string $entity ): string {
		$map = array(
			'people'     => 'applied_on',
			'activities' => 'activity_date',
			'media'      => 'published_on',
			'honours'    => 'awarded_on',
			'headcount'  => 'point_date',
		);
		return $map[ $entity ];
	}

	/**
	 * An empty record of an entity: every field at its default.
	 *
	 * @param string $entity The entity.
	 * @return array<string,mixed>
	 */
	public static function blank( string $entity ): array {
		$values = array();
		foreach ( self::fields( $entity ) as $name => $spec ) {
			if ( 'participants' === $spec['type'] ) {
				$values[ $name ] = array();
			} elseif ( 'bool' === $spec['type'] ) {
				$values[ $name ] = '0';
			} elseif ( 'category' === $name ) {
				$values[ $name ] = 'service';
			} else {
				$values[ $name ] = '';
			}
		}
		return $values;
	}

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
		$values = $base ? array_merge( self::blank( $entity ), array_intersect_key( $base, self::blank( $entity ) ) ) : self::blank( $entity );
		foreach ( self::fields( $entity ) as $name => $spec ) {
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
						$values[ $name ] = is_float( $raw ) ? self::float_text( $raw ) : (string) $raw;
					} else {
						$values[ $name ] = is_scalar( $raw ) && ! is_bool( $raw ) ? trim( sanitize_text_field( (string) $raw ) ) : ( null === $raw ? '' : 'x' );
					}
					break;
				default:
					$values[ $name ] = is_scalar( $raw ) && ! is_bool( $raw ) ? trim( sanitize_text_field( (string) $raw ) ) : '';
			}
		}
		return $values;
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
				$hours = self::float_text( $hours );
			} elseif ( is_int( $hours ) ) {
				$hours = (string) $hours;
			} elseif ( is_string( $hours ) ) {
				$hours = trim( sanitize_text_field( $hours ) );
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
	 * A float as its shortest round-trip decimal text (as the engine reads a float).
	 *
	 * @param float $value The number.
	 */
	private static function float_text( float $value ): string {
		if ( ! is_finite( $value ) ) {
			return 'x';
		}
		$text = var_export( $value, true ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions -- The shortest round-trip text.
		return $text;
	}

	/** An amount as the engine reads it. */
	const AMOUNT_RE = '/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/';

	/**
	 * Whether a text is an amount the engine accepts (0 … 1e9).
	 *
	 * @param string $value The text.
	 */
	public static function is_amount( string $value ): bool {
		if ( ! preg_match( self::AMOUNT_RE, $value ) ) {
			return false;
		}
		$f = (float) $value;
		return $f >= 0 && $f <= 1e9;
	}

	/**
	 * An amount rounded half away from zero to hundredths, from its decimal digits: "1.115" → "1.12".
	 *
	 * @param string $value An amount (self::is_amount()).
	 */
	public static function amount_text( string $value ): string {
		if ( preg_match( '/[eE]/', $value ) ) {
			$value = rtrim( rtrim( sprintf( '%.12F', (float) $value ), '0' ), '.' );
		}
		$value = ltrim( $value, '+' );
		if ( '-' === $value[0] ) {
			$value = substr( $value, 1 ); // Only -0 passes is_amount().
		}
		$parts = explode( '.', $value, 2 );
		$int   = ltrim( $parts[0], '0' );
		$frac  = str_pad( $parts[1] ?? '', 3, '0' );
		$cents = (int) ( ( '' === $int ? '0' : $int ) . substr( $frac, 0, 2 ) );
		if ( (int) $frac[2] >= 5 ) {
			++$cents;
		}
		return intdiv( $cents, 100 ) . '.' . str_pad( (string) ( $cents % 100 ), 2, '0', STR_PAD_LEFT );
	}

	/**
	 * A stored amount without trailing zeros: "2.50" → "2.5", "3.00" → "3".
	 *
	 * @param string $value A DECIMAL column's text.
	 */
	public static function trim_amount( string $value ): string {
		return str_contains( $value, '.' ) ? rtrim( rtrim( $value, '0' ), '.' ) : $value;
	}

	/**
	 * Whether a text is a count the engine accepts: canonical decimal digits, 0 … 2147483647.
	 *
	 * @param string $value The text.
	 */
	public static function is_count( string $value ): bool {
		return (bool) preg_match( '/^(0|[1-9]\d{0,9})$/', $value ) && (int) $value <= 2147483647;
	}

	/**
	 * Whether a text is a date the engine accepts (a real YYYY-MM-DD from 1900-01-01 to 2199-12-31).
	 *
	 * @param string $value The text.
	 */
	public static function is_date( string $value ): bool {
		return Period::is_date( $value ) && $value >= '1900-01-01' && $value <= '2199-12-31';
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
		$fields = self::fields( $entity );
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
					if ( ! self::is_date( $value ) ) {
						$errors[ $name ] = __( 'Not a date: enter YYYY-MM-DD, from 1900-01-01 to 2199-12-31.', 'dangjian' );
					}
					break;
				case 'amount':
					if ( ! self::is_amount( $value ) ) {
						$errors[ $name ] = __( 'Not an amount: enter a number from 0 to 1000000000.', 'dangjian' );
					}
					break;
				case 'count':
					if ( ! self::is_count( $value ) ) {
						$errors[ $name ] = __( 'Not a count: enter a whole number from 0 to 2147483647.', 'dangjian' );
					}
					break;
				case 'select':
					$options = $spec['options'];
					if ( 'kind' === $name && isset( $values['category'] ) && isset( self::categories()[ $values['category'] ] ) ) {
						$options = self::kinds( (string) $values['category'] );
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
			if ( null !== $p['hours'] && ! self::is_amount( (string) $p['hours'] ) ) {
				/* translators: %d: a person's id. */
				return array( 'participants' => sprintf( __( 'The hours of person %d are not an amount from 0 to 1000000000.', 'dangjian' ), (int) $p['id'] ) );
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
			return self::engine_error( $e->getMessage(), 'people' );
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
			return self::engine_error( $e->getMessage(), 'activities' );
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
			foreach ( array_merge( self::STAGE_DATES, array( 'joined_on', 'left_on', 'left_reason' ) ) as $key ) {
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
	 * Turns an InvalidRecord message ("people[0].candidate_on: 2024-01-01 is before activist_on
	 * 2024-02-01") into field => translated message.
	 *
	 * @param string $message The engine's message.
	 * @param string $entity  "people" or "activities".
	 * @return array<string,string>
	 */
	private static function engine_error( string $message, string $entity ): array {
		$fields = self::fields( $entity );
		if ( ! preg_match( '/^[a-z]+\[\d+\](?:\.([a-z_]+))?[^:]*: (.*)$/s', $message, $m ) ) {
			return array( '' => self::engine_says( $message ) );
		}
		$field = '' === $m[1] ? '' : $m[1];
		if ( 'date' === $field && 'activities' === $entity ) {
			$field = 'activity_date';
		}
		$text = $m[2];
		if ( preg_match( '/^(\d{4}-\d{2}-\d{2}) is before ([a-z_]+) (\d{4}-\d{2}-\d{2})$/', $text, $b ) && isset( $fields[ $b[2] ] ) ) {
			return array(
				$field => sprintf(
					/* translators: 1: the name of another date field, 2: its date. */
					__( 'This date must not be before "%1$s" (%2$s).', 'dangjian' ),
					$fields[ $b[2] ]['label'],
					$b[3]
				),
			);
		}
		if ( preg_match( '/is before the start (\d{4}-\d{2}-\d{2})$/', $text, $b ) ) {
			/* translators: %s: a date. */
			return array( $field => sprintf( __( 'This date must not be before the person\'s first date (%s).', 'dangjian' ), $b[1] ) );
		}
		if ( ! isset( $fields[ $field ] ) ) {
			$field = '';
		}
		return array( $field => self::engine_says( $message ) );
	}

	/**
	 * A message for an engine rule this class does not word itself (should not happen).
	 *
	 * @param string $message The engine's message.
	 */
	private static function engine_says( string $message ): string {
		/* translators: %s: the statistics engine's message (in English). */
		return sprintf( __( 'The statistics engine refuses this record: %s', 'dangjian' ), $message );
	}

	/**
	 * Validates and writes a record (insert when $id is 0, else update), then bumps the data version.
	 *
	 * @param string $entity The entity.
	 * @param array  $values From self::sanitize().
	 * @param int    $id     The record to update, 0 to add one.
	 * @return int|\WP_Error The record's id, or a WP_Error "dangjian_invalid" whose data holds
	 *                       'errors' => field => message; "dangjian_not_found"; "dangjian_db".
	 */
	public static function save( string $entity, array $values, int $id = 0 ) {
		global $wpdb;
		if ( $id > 0 && null === self::get( $entity, $id ) ) {
			return new \WP_Error( 'dangjian_not_found', __( 'No such record.', 'dangjian' ), array( 'status' => 404 ) );
		}
		$errors = self::validate( $entity, $values, $id );
		if ( $errors ) {
			return new \WP_Error(
				'dangjian_invalid',
				__( 'The record was not saved: some values need correcting.', 'dangjian' ),
				array(
					'status' => 400,
					'errors' => $errors,
				)
			);
		}
		$row = array();
		foreach ( self::fields( $entity ) as $name => $spec ) {
			if ( 'participants' === $spec['type'] ) {
				continue;
			}
			$value = (string) ( $values[ $name ] ?? '' );
			switch ( $spec['type'] ) {
				case 'date':
					$row[ $name ] = '' === $value ? null : $value;
					break;
				case 'amount':
					$row[ $name ] = '' === $value ? '0.00' : self::amount_text( $value );
					break;
				case 'count':
					$row[ $name ] = '' === $value ? 0 : (int) $value;
					break;
				case 'bool':
					$row[ $name ] = '1' === $value ? 1 : 0;
					break;
				default:
					$row[ $name ] = ( 'left_reason' === $name && '' === $value ) ? null : $value;
			}
		}
		$table = Schema::table( $entity );
		$now   = current_time( 'mysql', true );
		if ( in_array( $entity, array( 'people', 'activities' ), true ) ) {
			$row['updated_at'] = $now;
			if ( 0 === $id ) {
				$row['created_at'] = $now;
			}
		}

		$wpdb->query( 'START TRANSACTION' );
		$inserting = 0 === $id;
		if ( $inserting ) {
			$ok = $wpdb->insert( $table, $row );
			$id = (int) $wpdb->insert_id;
		} else {
			$ok = $wpdb->update( $table, $row, array( 'id' => $id ) );
		}
		if ( false !== $ok && 'activities' === $entity ) {
			$ok = self::write_participants( $id, $values['participants'] ?? array() );
		}
		if ( false === $ok ) {
			$error = $wpdb->last_error;
			$wpdb->query( 'ROLLBACK' );
			return new \WP_Error( 'dangjian_db', __( 'The database refused the record.', 'dangjian' ) . ( '' !== $error ? ' (' . $error . ')' : '' ), array( 'status' => 500 ) );
		}
		$wpdb->query( 'COMMIT' );
		// Lets the kept engine datasets follow an insert without a rebuild (Engine::note_write()).
		Engine::note_write( $entity, $inserting ? 'insert' : 'update', array( $id ) );
		Data_Version::bump();
		return $id;
	}

	/**
	 * Replaces an activity's participants.
	 *
	 * @param int   $activity_id The activity.
	 * @param array $list        The participants.
	 */
	private static function write_participants( int $activity_id, array $list ): bool {
		global $wpdb;
		$table = Schema::table( 'participants' );
		if ( false === $wpdb->delete( $table, array( 'activity_id' => $activity_id ), array( '%d' ) ) ) {
			return false;
		}
		foreach ( $list as $p ) {
			$row = array(
				'activity_id' => $activity_id,
				'person_id'   => (int) $p['id'],
			);
			if ( null !== $p['hours'] ) {
				$row['hours'] = self::amount_text( (string) $p['hours'] );
			}
			if ( false === $wpdb->insert( $table, $row ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Deletes records, with what hangs on them (a person's participations, an activity's participants
	 * and its link from media), then bumps the data version once.
	 *
	 * @param string $entity The entity.
	 * @param int[]  $ids    The records.
	 * @return int How many records were deleted.
	 */
	public static function delete( string $entity, array $ids ): int {
		global $wpdb;
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $ids ), static fn( $i ) => $i > 0 ) ) );
		if ( ! $ids ) {
			return 0;
		}
		$in    = implode( ',', $ids );
		$table = Schema::table( $entity );
		$wpdb->query( 'START TRANSACTION' );
		// phpcs:disable WordPress.DB.PreparedSQL -- Table names are the plugin's own; $in holds integers only.
		if ( 'people' === $entity ) {
			$wpdb->query( 'DELETE FROM ' . Schema::table( 'participants' ) . " WHERE person_id IN ($in)" );
		} elseif ( 'activities' === $entity ) {
			$wpdb->query( 'DELETE FROM ' . Schema::table( 'participants' ) . " WHERE activity_id IN ($in)" );
			$wpdb->query( 'UPDATE ' . Schema::table( 'media' ) . " SET activity_id = NULL WHERE activity_id IN ($in)" );
		}
		$deleted = (int) $wpdb->query( "DELETE FROM {$table} WHERE id IN ($in)" );
		// phpcs:enable
		$wpdb->query( 'COMMIT' );
		if ( $deleted > 0 ) {
			Engine::note_write( $entity, 'delete', $ids );
			Data_Version::bump();
		}
		return $deleted;
	}

	/**
	 * One record as the forms use it (strings; participants for an activity), or null.
	 *
	 * @param string $entity The entity.
	 * @param int    $id     The id.
	 * @return array<string,mixed>|null With 'id'.
	 */
	public static function get( string $entity, int $id ): ?array {
		global $wpdb;
		$table = Schema::table( $entity );
		$row   = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE id = %d", $id ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		if ( ! $row ) {
			return null;
		}
		return self::from_db( $entity, $row );
	}

	/**
	 * A database row as the record's values.
	 *
	 * @param string $entity The entity.
	 * @param array  $row    The row (ARRAY_A).
	 * @return array<string,mixed>
	 */
	private static function from_db( string $entity, array $row ): array {
		global $wpdb;
		$values = array( 'id' => (int) $row['id'] );
		foreach ( self::fields( $entity ) as $name => $spec ) {
			if ( 'participants' === $spec['type'] ) {
				$table           = Schema::table( 'participants' );
				$links           = $wpdb->get_results( $wpdb->prepare( "SELECT person_id, hours FROM {$table} WHERE activity_id = %d ORDER BY id", $row['id'] ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
				$values[ $name ] = array();
				foreach ( (array) $links as $link ) {
					$values[ $name ][] = array(
						'id'    => (string) $link['person_id'],
						'hours' => null === $link['hours'] ? null : self::trim_amount( (string) $link['hours'] ),
					);
				}
				continue;
			}
			$value = $row[ $name ] ?? '';
			$value = null === $value ? '' : (string) $value;
			if ( 'bool' === $spec['type'] ) {
				$value = '1' === $value ? '1' : '0';
			} elseif ( 'amount' === $spec['type'] ) {
				$value = self::trim_amount( $value );
			}
			$values[ $name ] = $value;
		}
		if ( isset( $row['stage'] ) ) {
			$values['stage'] = $row['stage'];
		}
		return $values;
	}

	/**
	 * The SQL expression of a person's stage on a day (derived from the dates; STATS.md's rule).
	 *
	 * @param string $day YYYY-MM-DD.
	 */
	public static function stage_sql( string $day ): string {
		global $wpdb;
		return $wpdb->prepare(
			"CASE WHEN left_on <= %s THEN 'left' WHEN full_on <= %s THEN 'full' WHEN admitted_on <= %s THEN 'probationary' WHEN candidate_on <= %s THEN 'candidate' WHEN activist_on <= %s THEN 'activist' WHEN applied_on <= %s THEN 'applicant' ELSE 'none' END",
			$day,
			$day,
			$day,
			$day,
			$day,
			$day
		);
	}

	/**
	 * A page of records for a list (admin screen or REST).
	 *
	 * @param string $entity The entity.
	 * @param array  $args   'search', 'stage' (people), 'category', 'kind', 'level', 'from', 'to'
	 *                       (on the entity's date), 'orderby', 'order', 'page' (1-based), 'per_page'.
	 *                       Unknown or bad values are ignored.
	 * @return array{items:array[],total:int}
	 */
	public static function query( string $entity, array $args ): array {
		global $wpdb;
		$table = Schema::table( $entity );
		$where = array( '1=1' );
		$today = Period::today();

		$search = trim( (string) ( $args['search'] ?? '' ) );
		if ( '' !== $search ) {
			$like = '%' . $wpdb->esc_like( $search ) . '%';
			$or   = array();
			foreach ( self::search_columns( $entity ) as $column ) {
				$or[] = $wpdb->prepare( "{$column} LIKE %s", $like ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- A column name of the plugin's.
			}
			if ( ctype_digit( $search ) ) {
				$or[] = $wpdb->prepare( 'id = %d', (int) $search );
			}
			$where[] = '(' . implode( ' OR ', $or ) . ')';
		}
		$stage_sql = 'people' === $entity ? self::stage_sql( $today ) : '';
		if ( 'people' === $entity && ! empty( $args['stage'] ) && isset( self::stages()[ $args['stage'] ] ) ) {
			$where[] = $wpdb->prepare( "({$stage_sql}) = %s", $args['stage'] ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Prepared above.
		}
		if ( 'activities' === $entity ) {
			if ( ! empty( $args['category'] ) && isset( self::categories()[ $args['category'] ] ) ) {
				$where[] = $wpdb->prepare( 'category = %s', $args['category'] );
			}
			if ( ! empty( $args['kind'] ) && isset( self::kinds()[ $args['kind'] ] ) ) {
				$where[] = $wpdb->prepare( 'kind = %s', $args['kind'] );
			}
		}
		if ( in_array( $entity, array( 'media', 'honours' ), true ) && ! empty( $args['level'] ) && is_string( $args['level'] ) ) {
			$where[] = $wpdb->prepare( 'level = %s', $args['level'] );
		}
		if ( 'people' !== $entity ) {
			$column = self::date_column( $entity );
			if ( ! empty( $args['from'] ) && is_string( $args['from'] ) && self::is_date( $args['from'] ) ) {
				$where[] = $wpdb->prepare( "{$column} >= %s", $args['from'] ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			}
			if ( ! empty( $args['to'] ) && is_string( $args['to'] ) && self::is_date( $args['to'] ) ) {
				$where[] = $wpdb->prepare( "{$column} <= %s", $args['to'] ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			}
		}

		list( $default, $sortable ) = self::sortable( $entity );
		$orderby                    = in_array( $args['orderby'] ?? '', $sortable, true ) ? $args['orderby'] : $default;
		$order                      = strtolower( (string) ( $args['order'] ?? '' ) );
		if ( 'asc' !== $order && 'desc' !== $order ) {
			$order = 'people' === $entity || 'headcount' === $entity ? 'asc' : 'desc';
		}
		$order = strtoupper( $order );
		$per_page = max( 1, min( 1000, (int) ( $args['per_page'] ?? self::PER_PAGE ) ) );
		$page     = max( 1, (int) ( $args['page'] ?? 1 ) );
		$offset   = ( $page - 1 ) * $per_page;

		$select = '*';
		if ( 'people' === $entity ) {
			$select = "*, ({$stage_sql}) AS stage";
		} elseif ( 'activities' === $entity ) {
			$p      = Schema::table( 'participants' );
			$select = "*, (SELECT COUNT(*) FROM {$p} WHERE {$p}.activity_id = {$table}.id) AS participant_count";
		}
		$where_sql = implode( ' AND ', $where );
		// phpcs:disable WordPress.DB.PreparedSQL -- Every value above went through prepare(); names are the plugin's own.
		$total = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table} WHERE {$where_sql}" );
		$rows  = $wpdb->get_results(
			$wpdb->prepare( "SELECT {$select} FROM {$table} WHERE {$where_sql} ORDER BY {$orderby} {$order}, id {$order} LIMIT %d OFFSET %d", $per_page, $offset ),
			ARRAY_A
		);
		// phpcs:enable
		$items = array();
		foreach ( (array) $rows as $row ) {
			$item = self::from_db_light( $entity, $row );
			if ( isset( $row['participant_count'] ) ) {
				$item['participant_count'] = (int) $row['participant_count'];
			}
			$items[] = $item;
		}
		return array(
			'items' => $items,
			'total' => $total,
		);
	}

	/**
	 * A row for a list: the values without an activity's participants (they are counted instead).
	 *
	 * @param string $entity The entity.
	 * @param array  $row    The row.
	 * @return array<string,mixed>
	 */
	private static function from_db_light( string $entity, array $row ): array {
		$values = array( 'id' => (int) $row['id'] );
		foreach ( self::fields( $entity ) as $name => $spec ) {
			if ( 'participants' === $spec['type'] ) {
				continue;
			}
			$value           = $row[ $name ] ?? '';
			$values[ $name ] = null === $value ? '' : (string) $value;
			if ( 'bool' === $spec['type'] ) {
				$values[ $name ] = '1' === $values[ $name ] ? '1' : '0';
			} elseif ( 'amount' === $spec['type'] ) {
				$values[ $name ] = self::trim_amount( $values[ $name ] );
			}
		}
		if ( isset( $row['stage'] ) ) {
			$values['stage'] = (string) $row['stage'];
		}
		return $values;
	}

	/**
	 * Names of people by id (for participants and reminders).
	 *
	 * @param int[] $ids The ids.
	 * @return array<int,string>
	 */
	public static function names( array $ids ): array {
		global $wpdb;
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $ids ) ) ) );
		if ( ! $ids ) {
			return array();
		}
		$table = Schema::table( 'people' );
		$rows  = $wpdb->get_results( "SELECT id, name FROM {$table} WHERE id IN (" . implode( ',', $ids ) . ')', ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- Integers only.
		$names = array();
		foreach ( (array) $rows as $row ) {
			$names[ (int) $row['id'] ] = (string) $row['name'];
		}
		return $names;
	}

	/**
	 * Every person for the participants picker: id, name, stage today.
	 *
	 * @return array<int,array{name:string,stage:string}>
	 */
	public static function roster_choices(): array {
		global $wpdb;
		$table = Schema::table( 'people' );
		$stage = self::stage_sql( Period::today() );
		$rows  = $wpdb->get_results( "SELECT id, name, ({$stage}) AS stage FROM {$table} ORDER BY name, id LIMIT 5000", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- Prepared above.
		$list  = array();
		foreach ( (array) $rows as $row ) {
			$list[ (int) $row['id'] ] = array(
				'name'  => (string) $row['name'],
				'stage' => (string) $row['stage'],
			);
		}
		return $list;
	}

	/**
	 * Media coverage in a period: the number of reports, and by level (levels present only).
	 *
	 * @param string $from First day.
	 * @param string $to   Last day.
	 * @return array{total:int,by_level:array<string,int>}
	 */
	public static function coverage( string $from, string $to ): array {
		global $wpdb;
		$table = Schema::table( 'media' );
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT level, COUNT(*) AS n FROM {$table} WHERE published_on BETWEEN %s AND %s GROUP BY level ORDER BY level", $from, $to ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$out   = array(
			'total'    => 0,
			'by_level' => array(),
		);
		foreach ( (array) $rows as $row ) {
			$out['by_level'][ (string) $row['level'] ] = (int) $row['n'];
			$out['total']                            += (int) $row['n'];
		}
		return $out;
	}

	/**
	 * Honours received in a period, oldest first (public information: date, title, level, body).
	 *
	 * @param string $from First day.
	 * @param string $to   Last day.
	 * @return array{total:int,items:array[]}
	 */
	public static function honours_in( string $from, string $to ): array {
		global $wpdb;
		$table = Schema::table( 'honours' );
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT awarded_on AS date, title, level, awarded_by FROM {$table} WHERE awarded_on BETWEEN %s AND %s ORDER BY awarded_on, id LIMIT 500", $from, $to ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		return array(
			'total' => count( (array) $rows ),
			'items' => (array) $rows,
		);
	}
}

<?php
/**
 * The branch's profile (Settings): its full name, where it is, the organisations above it, when it
 * was founded and who leads it. Read by the report, the rating and the "All records" period.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Stored in the option dangjian_profile (an array of strings; '' when unset).
 */
final class Profile {

	/** The option. */
	const OPTION = 'dangjian_profile';

	/**
	 * The profile's fields in form order: key => [label, most characters, help].
	 *
	 * @return array<string,array{0:string,1:int,2:string}>
	 */
	public static function fields(): array {
		return array(
			'name'        => array( __( 'Full name of the branch', 'dangjian' ), 200, __( 'As it is written on official documents, such as 中共××协会支部委员会.', 'dangjian' ) ),
			'city'        => array( __( 'City', 'dangjian' ), 100, '' ),
			'district'    => array( __( 'District', 'dangjian' ), 100, '' ),
			'parent_org'  => array( __( 'Higher Party organisation', 'dangjian' ), 200, __( 'The Party organisation the branch reports to.', 'dangjian' ) ),
			'approved_by' => array( __( 'Approved by', 'dangjian' ), 200, __( 'The body that approved the founding of the branch.', 'dangjian' ) ),
			'founded_on'  => array( __( 'Founded on', 'dangjian' ), 10, __( 'YYYY-MM-DD. When set, "All records" starts on this day.', 'dangjian' ) ),
			'secretary'   => array( __( 'Branch secretary', 'dangjian' ), 100, '' ),
		);
	}

	/**
	 * The stored profile with every key present ('' when unset).
	 *
	 * @return array{name:string,city:string,district:string,parent_org:string,approved_by:string,founded_on:string,secretary:string}
	 */
	public static function get(): array {
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		$out    = array();
		foreach ( array_keys( self::fields() ) as $key ) {
			$out[ $key ] = is_string( $stored[ $key ] ?? null ) ? $stored[ $key ] : '';
		}
		return $out;
	}

	/**
	 * Cleans posted input (already unslashed) and checks it.
	 *
	 * @param array $input Key => text.
	 * @return array{0:array,1:array<string,string>} [the values as typed (trimmed), key => problem].
	 */
	public static function sanitize( array $input ): array {
		$values = array();
		$errors = array();
		foreach ( self::fields() as $key => $spec ) {
			$raw            = $input[ $key ] ?? '';
			$values[ $key ] = is_scalar( $raw ) ? Import_Vocabulary::trim( sanitize_text_field( (string) $raw ) ) : '';
			if ( 'founded_on' === $key ) {
				if ( '' !== $values[ $key ] && ! Engine_Limits::is_date( $values[ $key ] ) ) {
					$errors[ $key ] = __( 'Not a date: enter YYYY-MM-DD, from 1900-01-01 to 2199-12-31.', 'dangjian' );
				} elseif ( '' !== $values[ $key ] && $values[ $key ] > Period::today() ) {
					$errors[ $key ] = __( 'The founding date cannot be in the future.', 'dangjian' );
				}
			} elseif ( mb_strlen( $values[ $key ] ) > $spec[1] ) {
				/* translators: %d: a number of characters. */
				$errors[ $key ] = sprintf( __( 'At most %d characters.', 'dangjian' ), $spec[1] );
			}
		}
		return array( $values, $errors );
	}

	/**
	 * Stores a profile (from self::sanitize(), without errors) and bumps the data version (the
	 * "All records" period may have moved).
	 *
	 * @param array $values The values.
	 * @param bool  $bump   False when the caller bumps the data version itself, after a write of
	 *                      its own (a restore: its rows and its profile are one change).
	 */
	public static function save( array $values, bool $bump = true ): void {
		$clean = array();
		foreach ( array_keys( self::fields() ) as $key ) {
			$clean[ $key ] = (string) ( $values[ $key ] ?? '' );
		}
		if ( self::get() !== $clean ) {
			update_option( self::OPTION, $clean, false );
			if ( $bump ) {
				Engine::note_write( 'settings', 'update', array( 1 ) ); // The dataset stays as it is: no rebuild.
				Data_Version::bump();
			}
		}
	}
}

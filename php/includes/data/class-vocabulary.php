<?php
/**
 * The coded values of the records (genders, stages, leaving reasons, categories, kinds, venue kinds,
 * media and honour levels), value => label in the site's language.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The lists the forms offer, the REST API accepts and the import and export name (their Chinese and
 * English spreadsheet words are in Import_Vocabulary).
 */
final class Vocabulary {

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
}

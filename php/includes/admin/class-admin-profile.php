<?php
/**
 * The branch's profile on the settings screen: its rows of the form, and what a refused save keeps.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Posted as dangjian_profile[key] with the settings (same nonce, same save button); a problem is
 * shown beside its field with the value as typed, and nothing is stored.
 */
final class Admin_Profile {

	/** @var array|null The values of a refused save, as typed. */
	private static $values = null;

	/** @var array<string,string> The problems of a refused save. */
	private static $errors = array();

	/**
	 * Reads the posted profile (after the capability and the nonce were checked); null values when the
	 * form posted no profile (the stored one is then left as it is).
	 *
	 * @return array{0:?array,1:array<string,string>} [values, problems].
	 */
	public static function posted(): array {
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- The caller checked the nonce.
		if ( ! isset( $_POST['dangjian_profile'] ) || ! is_array( $_POST['dangjian_profile'] ) ) {
			return array( null, array() );
		}
		$input = wp_unslash( $_POST['dangjian_profile'] ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- Profile::sanitize() cleans each field.
		// phpcs:enable
		return Profile::sanitize( $input );
	}

	/**
	 * Keeps a refused save for the form.
	 *
	 * @param array|null $values The values as typed (null: none posted).
	 * @param array      $errors The problems.
	 */
	public static function keep( ?array $values, array $errors ): void {
		self::$values = $values;
		self::$errors = $errors;
	}

	/**
	 * Whether the profile of the last save was refused.
	 */
	public static function refused(): bool {
		return (bool) self::$errors;
	}

	/**
	 * The profile's section of the settings form.
	 */
	public static function render(): void {
		$values = self::$values ?? Profile::get();
		echo '<h2 id="dangjian-profile">' . esc_html__( 'Branch profile', 'dangjian' ) . '</h2>';
		echo '<table class="form-table" role="presentation"><tbody>';
		foreach ( Profile::fields() as $key => $spec ) {
			$id    = 'dangjian-profile-' . $key;
			$error = self::$errors[ $key ] ?? '';
			$type  = 'founded_on' === $key ? 'date' : 'text';
			$aria  = '' !== $error ? ' aria-invalid="true" aria-describedby="' . esc_attr( $id . '-error' ) . '"' : '';
			echo '<tr class="dangjian-field' . ( '' !== $error ? ' form-invalid' : '' ) . '"><th scope="row"><label for="' . esc_attr( $id ) . '">' . esc_html( $spec[0] ) . '</label></th><td>';
			echo '<input type="' . esc_attr( $type ) . '" class="regular-text" id="' . esc_attr( $id ) . '" name="dangjian_profile[' . esc_attr( $key ) . ']" value="' . esc_attr( (string) $values[ $key ] ) . '"' . $aria . ' />'; // phpcs:ignore WordPress.Security.EscapeOutput -- $aria is escaped above.
			if ( '' !== $error ) {
				echo '<p class="dangjian-error" id="' . esc_attr( $id . '-error' ) . '" data-field="profile_' . esc_attr( $key ) . '" style="color:#b32d2e"><strong>' . esc_html( $error ) . '</strong></p>';
			}
			if ( '' !== $spec[2] ) {
				echo '<p class="description">' . esc_html( $spec[2] ) . '</p>';
			}
			echo '</td></tr>';
		}
		echo '</tbody></table>';
	}
}

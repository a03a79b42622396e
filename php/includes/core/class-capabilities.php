<?php
/**
 * The plugin's capabilities: manage_dangjian (edit the records) and view_dangjian (read the figures).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Grants the two capabilities through map_meta_cap: whoever can manage_options (administrators, and
 * super admins on a network) has both; a role or a user given either capability has it; and
 * manage_dangjian implies view_dangjian. Nothing is written to the roles unless a site owner grants
 * a capability (self::grant), so there is nothing to undo for administrators.
 */
final class Capabilities {

	const MANAGE = 'manage_dangjian';
	const VIEW   = 'view_dangjian';

	/** Every capability the plugin may write to a role or user (uninstall.php removes exactly these). */
	const ALL = array( self::MANAGE, self::VIEW );

	/**
	 * The map_meta_cap filter.
	 *
	 * @param string[] $caps    The primitive capabilities required so far.
	 * @param string   $cap     The capability asked for.
	 * @param int      $user_id The user.
	 * @return string[]
	 */
	public static function map_meta_cap( $caps, $cap, $user_id ) {
		if ( self::MANAGE !== $cap && self::VIEW !== $cap ) {
			return $caps;
		}
		$user = $user_id ? get_userdata( (int) $user_id ) : false;
		if ( ! $user ) {
			return array( 'do_not_allow' );
		}
		if ( ! empty( $user->allcaps[ $cap ] ) ) {
			return array( $cap );
		}
		if ( self::VIEW === $cap && ! empty( $user->allcaps[ self::MANAGE ] ) ) {
			return array( self::MANAGE );
		}
		return array( 'manage_options' );
	}

	/**
	 * Gives a role one of the plugin's capabilities.
	 *
	 * @param string $role_name For example "editor".
	 * @param string $cap       self::MANAGE or self::VIEW.
	 * @return bool False when the role or the capability is unknown.
	 */
	public static function grant( string $role_name, string $cap ): bool {
		$role = get_role( $role_name );
		if ( ! $role || ! in_array( $cap, self::ALL, true ) ) {
			return false;
		}
		$role->add_cap( $cap );
		return true;
	}

	/**
	 * Takes one of the plugin's capabilities back from a role.
	 *
	 * @param string $role_name For example "editor".
	 * @param string $cap       self::MANAGE or self::VIEW.
	 * @return bool False when the role or the capability is unknown.
	 */
	public static function revoke( string $role_name, string $cap ): bool {
		$role = get_role( $role_name );
		if ( ! $role || ! in_array( $cap, self::ALL, true ) ) {
			return false;
		}
		$role->remove_cap( $cap );
		return true;
	}
}

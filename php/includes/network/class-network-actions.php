<?php
/**
 * The network screen's downloads and management forms.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Runs on the screen's load-{hook}, before any output: the CSV and .docx downloads (view capability
 * and a nonce) and the management forms (manage_network_options and a nonce each): a site's type of
 * organisation, the organisations without a branch, the committee staff, the staleness threshold.
 * Each form redirects back with a message (Post/Redirect/Get).
 */
final class Network_Actions {

	const NONCE = 'dangjian_network_manage';

	/**
	 * The load-{hook} handler.
	 */
	public static function handle(): void {
		if ( ! current_user_can( Network_Module::VIEW ) ) {
			return;
		}
		$get = wp_unslash( $_GET ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Checked below.
		if ( isset( $get['export'] ) && is_string( $get['export'] ) ) {
			check_admin_referer( 'dangjian_network_export' );
			$f    = Network_Admin::filters();
			$rows = Network_Store::rows( $f['year'], $f );
			if ( 'docx' === $get['export'] && Network_Report::available() ) {
				Network_Report::send( $f['year'], $rows );
			} else {
				Network_Export::send_csv( $f['year'], $rows );
			}
			exit;
		}
		if ( 'POST' !== ( $_SERVER['REQUEST_METHOD'] ?? '' ) || ! isset( $_POST['dangjian_network_action'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Missing -- Checked below.
			return;
		}
		if ( ! current_user_can( 'manage_network_options' ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to change the network.', 'dangjian' ), 403 );
		}
		check_admin_referer( self::NONCE );
		$post    = wp_unslash( $_POST );
		$action  = is_string( $post['dangjian_network_action'] ) ? sanitize_key( $post['dangjian_network_action'] ) : '';
		$message = self::run( $action, $post );
		$year    = isset( $post['year'] ) && is_string( $post['year'] ) && ctype_digit( $post['year'] ) ? (int) $post['year'] : Network_Push::this_year();
		wp_safe_redirect( Network_Admin::url( array( 'year' => $year, 'dj_msg' => rawurlencode( $message ) ) ) );
		exit;
	}

	/**
	 * Runs one management action.
	 *
	 * @param string $action The action.
	 * @param array  $post   The posted fields (unslashed).
	 * @return string The message to show.
	 */
	public static function run( string $action, array $post ): string {
		$post = array_map( static fn( $v ) => is_scalar( $v ) ? (string) $v : '', $post );
		switch ( $action ) {
			case 'set_type':
				$site = (int) ( $post['site_id'] ?? 0 );
				$type = sanitize_key( (string) ( $post['org_type'] ?? '' ) );
				if ( ! get_site( $site ) || ( '' !== $type && ! isset( Network_Store::types()[ $type ] ) ) ) {
					return __( 'Type of organisation: choose a site and one of the offered values.', 'dangjian' );
				}
				update_site_meta( $site, Network_Schema::TYPE_META, $type );
				Network_Store::set_identity( $site, array( 'org_type' => $type ) );
				return __( 'The type of organisation was saved.', 'dangjian' );
			case 'add_org':
				$id = Network_Store::add_org( $post );
				return is_wp_error( $id ) ? $id->get_error_message() : __( 'The organisation was added.', 'dangjian' );
			case 'delete_org':
				return Network_Store::delete_org( (int) ( $post['org_id'] ?? 0 ) ) ? __( 'The organisation was removed.', 'dangjian' ) : __( 'No such organisation.', 'dangjian' );
			case 'add_viewer':
			case 'remove_viewer':
				$login = sanitize_text_field( (string) ( $post['user'] ?? '' ) );
				$user  = get_user_by( 'login', $login ) ?: get_user_by( 'email', $login );
				if ( ! $user ) {
					return __( 'Committee staff: no user with that login or email.', 'dangjian' );
				}
				Network_Module::set_viewer( (int) $user->ID, 'add_viewer' === $action );
				return 'add_viewer' === $action ? __( 'The user may now see the network.', 'dangjian' ) : __( 'The user may no longer see the network.', 'dangjian' );
			case 'settings':
				$days = (string) ( $post['stale_days'] ?? '' );
				if ( ! ctype_digit( $days ) || (int) $days < 1 || (int) $days > 3660 ) {
					return __( 'Stale after: a whole number of days from 1 to 3660.', 'dangjian' );
				}
				update_site_option( 'dangjian_network_settings', array( 'stale_days' => (int) $days ) );
				return __( 'The settings were saved.', 'dangjian' );
		}
		return __( 'Unknown action.', 'dangjian' );
	}

	/**
	 * The message of the last action, if any.
	 */
	public static function notices(): void {
		$msg = isset( $_GET['dj_msg'] ) && is_string( $_GET['dj_msg'] ) ? sanitize_text_field( rawurldecode( wp_unslash( $_GET['dj_msg'] ) ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- A message to show.
		if ( '' !== $msg ) {
			echo '<div class="notice notice-info" id="dangjian-network-message"><p>' . esc_html( $msg ) . '</p></div>';
		}
	}

	/**
	 * The management forms.
	 *
	 * @param int $year The year shown (kept across the redirect).
	 */
	public static function forms( int $year ): void {
		$open  = static function ( string $action ) use ( $year ): void {
			echo '<form method="post" class="dangjian-network-form" data-action="' . esc_attr( $action ) . '">';
			wp_nonce_field( self::NONCE );
			echo '<input type="hidden" name="dangjian_network_action" value="' . esc_attr( $action ) . '"><input type="hidden" name="year" value="' . esc_attr( (string) $year ) . '">';
		};
		$types = Network_Store::types();
		echo '<h2>' . esc_html__( 'Manage the network', 'dangjian' ) . '</h2>';

		echo '<h3>' . esc_html__( 'Type of organisation of a branch', 'dangjian' ) . '</h3>';
		$open( 'set_type' );
		echo '<label>' . esc_html__( 'Site ID', 'dangjian' ) . ' <input type="number" min="1" name="site_id" required></label> <select name="org_type"><option value="">—</option>';
		foreach ( $types as $k => $label ) {
			echo '<option value="' . esc_attr( $k ) . '">' . esc_html( $label ) . '</option>';
		}
		echo '</select> ';
		submit_button( __( 'Save', 'dangjian' ), 'secondary', '', false );
		echo '</form>';

		echo '<h3>' . esc_html__( 'Organisations without a branch of their own', 'dangjian' ) . '</h3>';
		echo '<table class="widefat striped" id="dangjian-network-orgs" style="max-width:900px"><thead><tr><th>' . esc_html__( 'Organisation', 'dangjian' ) . '</th><th>' . esc_html__( 'District', 'dangjian' ) . '</th><th>' . esc_html__( 'Type', 'dangjian' ) . '</th><th>' . esc_html__( 'Covered by the joint branch of site', 'dangjian' ) . '</th><th></th></tr></thead><tbody>';
		foreach ( Network_Store::orgs() as $org ) {
			echo '<tr data-org="' . esc_attr( $org['id'] ) . '"><td>' . esc_html( $org['name'] ) . '</td><td>' . esc_html( $org['district'] ) . '</td><td>' . esc_html( $types[ $org['org_type'] ] ?? '' ) . '</td><td>' . esc_html( null === $org['covered_by'] ? '—' : (string) $org['covered_by'] ) . '</td><td>';
			$open( 'delete_org' );
			echo '<input type="hidden" name="org_id" value="' . esc_attr( $org['id'] ) . '">';
			submit_button( __( 'Remove', 'dangjian' ), 'link-delete small', '', false );
			echo '</form></td></tr>';
		}
		echo '</tbody></table>';
		$open( 'add_org' );
		echo '<p><input name="name" required maxlength="200" placeholder="' . esc_attr__( 'Organisation', 'dangjian' ) . '"> <input name="district" maxlength="100" placeholder="' . esc_attr__( 'District', 'dangjian' ) . '"> <select name="org_type"><option value="">—</option>';
		foreach ( $types as $k => $label ) {
			echo '<option value="' . esc_attr( $k ) . '">' . esc_html( $label ) . '</option>';
		}
		echo '</select> <input type="number" min="1" name="covered_by" placeholder="' . esc_attr__( 'Site ID of a joint branch', 'dangjian' ) . '"> ';
		submit_button( __( 'Add', 'dangjian' ), 'secondary', '', false );
		echo '</p></form>';

		echo '<h3>' . esc_html__( 'Committee staff', 'dangjian' ) . '</h3><p class="description">' . esc_html__( 'Users who may see this screen, the CSV, the report and the REST route without being super admins. They see the figures each branch makes public, the meetings on schedule and the stars.', 'dangjian' ) . '</p><ul id="dangjian-network-viewers">';
		foreach ( get_users( array( 'blog_id' => 0, 'meta_key' => Network_Schema::VIEWER_META, 'fields' => array( 'user_login' ) ) ) as $u ) { // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key -- A handful of users.
			echo '<li>' . esc_html( $u->user_login ) . '</li>';
		}
		echo '</ul>';
		$open( 'add_viewer' );
		echo '<input name="user" required placeholder="' . esc_attr__( 'Login or email', 'dangjian' ) . '"> ';
		submit_button( __( 'Give access', 'dangjian' ), 'secondary', '', false );
		echo '</form>';
		$open( 'remove_viewer' );
		echo '<input name="user" required placeholder="' . esc_attr__( 'Login or email', 'dangjian' ) . '"> ';
		submit_button( __( 'Take access away', 'dangjian' ), 'secondary', '', false );
		echo '</form>';

		echo '<h3>' . esc_html__( 'Settings', 'dangjian' ) . '</h3>';
		$open( 'settings' );
		echo '<label>' . esc_html__( 'A branch is stale after this many days without a change', 'dangjian' ) . ' <input type="number" min="1" max="3660" name="stale_days" value="' . esc_attr( (string) Network_Store::settings()['stale_days'] ) . '"></label> ';
		submit_button( __( 'Save', 'dangjian' ), 'secondary', '', false );
		echo '</form>';
	}
}

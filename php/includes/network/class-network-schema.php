<?php
/**
 * The network room's tables: one row per site and year, and the organisations without a branch.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The network-wide tables live under $wpdb->base_prefix (shared by every site of the network):
 *  - {base_prefix}dangjian_network: each site's summary of a year, pushed by the site itself
 *    (Network_Push) and read by the committee's screen, REST route, CSV, report and shortcode;
 *  - {base_prefix}dangjian_network_orgs: organisations of the area that have no Party branch (site)
 *    of their own, for the coverage figure (党组织覆盖率); covered_by names the site of a joint branch
 *    that covers one, or is NULL.
 * Created on network activation and by the upgrade check (site option dangjian_network_db_version).
 * Figure columns are NULL when the branch's settings keep that figure private.
 *
 * The summary table is MyISAM: it holds only figures that every site can compute again
 * (`wp dangjian network rebuild`), so it does not need InnoDB's flush to disk on every commit, which
 * on a busy disk is most of what a push would cost (1-8 ms measured here, against ~0.1 ms for
 * the MyISAM write). The organisations table is data the committee types in: it stays InnoDB.
 */
final class Network_Schema {

	const VERSION = '2';

	/** The summary table's storage engine (see the class comment). */
	const ENGINE = 'MyISAM';

	/** The site option holding the installed version of the network tables. */
	const VERSION_OPTION = 'dangjian_network_db_version';

	/** Every network-wide option the room writes (uninstall removes exactly these). */
	const SITE_OPTIONS = array( self::VERSION_OPTION, 'dangjian_network_settings' );

	/** The user meta that makes a user committee staff (Network_Module::map_meta_cap). */
	const VIEWER_META = 'dangjian_network_viewer';

	/** The site meta holding a site's type of organisation when its profile does not say. */
	const TYPE_META = 'dangjian_org_type';

	/**
	 * The summary table's name.
	 */
	public static function table(): string {
		global $wpdb;
		return $wpdb->base_prefix . 'dangjian_network';
	}

	/**
	 * The organisations table's name.
	 */
	public static function orgs_table(): string {
		global $wpdb;
		return $wpdb->base_prefix . 'dangjian_network_orgs';
	}

	/**
	 * The CREATE TABLE statements, in dbDelta's format.
	 *
	 * @return string[]
	 */
	public static function statements(): array {
		global $wpdb;
		$c = $wpdb->get_charset_collate();
		$t = self::table();
		$o = self::orgs_table();
		return array(
			"CREATE TABLE {$t} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  site_id bigint(20) unsigned NOT NULL,
  year smallint(5) unsigned NOT NULL,
  name varchar(200) NOT NULL DEFAULT '',
  district varchar(100) NOT NULL DEFAULT '',
  org_type varchar(32) NOT NULL DEFAULT '',
  period_from date NOT NULL,
  period_to date NOT NULL,
  as_of date NOT NULL,
  applicants int(10) unsigned DEFAULT NULL,
  activists int(10) unsigned DEFAULT NULL,
  candidates int(10) unsigned DEFAULT NULL,
  probationary int(10) unsigned DEFAULT NULL,
  full_members int(10) unsigned DEFAULT NULL,
  party_members int(10) unsigned DEFAULT NULL,
  staff_headcount int(10) unsigned DEFAULT NULL,
  staff_party_members int(10) unsigned DEFAULT NULL,
  staff_share decimal(6,4) DEFAULT NULL,
  service_activities int(10) unsigned DEFAULT NULL,
  service_hours decimal(14,2) DEFAULT NULL,
  fee_waived decimal(14,2) DEFAULT NULL,
  donation decimal(14,2) DEFAULT NULL,
  beneficiaries int(10) unsigned DEFAULT NULL,
  volunteer_hours decimal(14,2) DEFAULT NULL,
  volunteers int(10) unsigned DEFAULT NULL,
  party_volunteer_hours decimal(14,2) DEFAULT NULL,
  meetings int(10) unsigned DEFAULT NULL,
  meetings_due int(10) unsigned NOT NULL DEFAULT 0,
  meetings_missing int(10) unsigned NOT NULL DEFAULT 0,
  compliance decimal(6,4) DEFAULT NULL,
  stars tinyint(3) unsigned DEFAULT NULL,
  data_version bigint(20) unsigned NOT NULL DEFAULT 0,
  data_changed_at datetime DEFAULT NULL,
  pushed_at datetime NOT NULL,
  outdated tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY  (id),
  UNIQUE KEY site_year (site_id,year),
  KEY year_district (year,district)
) ENGINE=" . self::ENGINE . " $c;",
			"CREATE TABLE {$o} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  name varchar(200) NOT NULL,
  district varchar(100) NOT NULL DEFAULT '',
  org_type varchar(32) NOT NULL DEFAULT '',
  covered_by bigint(20) unsigned DEFAULT NULL,
  created_at datetime NOT NULL,
  PRIMARY KEY  (id),
  KEY covered_by (covered_by)
) $c;",
		);
	}

	/**
	 * Creates or upgrades the network tables (on a network only) and records their version.
	 *
	 * @return bool False when a table is missing afterwards.
	 */
	public static function install(): bool {
		global $wpdb;
		if ( ! is_multisite() ) {
			return true;
		}
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		dbDelta( self::statements() );
		foreach ( array( self::table(), self::orgs_table() ) as $table ) {
			if ( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) ) !== $table ) {
				return false;
			}
		}
		// dbDelta does not change the engine of an existing table (version 1 was InnoDB).
		$table  = self::table();
		$engine = $wpdb->get_var( $wpdb->prepare( 'SELECT ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s', $table ) );
		if ( is_string( $engine ) && 0 !== strcasecmp( $engine, self::ENGINE ) ) {
			$wpdb->query( "ALTER TABLE `{$table}` ENGINE=" . self::ENGINE ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The room's table, a constant.
		}
		update_site_option( self::VERSION_OPTION, self::VERSION );
		return true;
	}

	/**
	 * On plugins_loaded: installs or upgrades the network tables when their version differs.
	 */
	public static function maybe_upgrade(): void {
		if ( is_multisite() && get_site_option( self::VERSION_OPTION ) !== self::VERSION ) {
			self::install();
		}
	}

	/**
	 * Whether the summary table exists in its current version (checked from the site option only).
	 */
	public static function ready(): bool {
		return is_multisite() && get_site_option( self::VERSION_OPTION ) === self::VERSION;
	}

	/**
	 * Removes everything of the network room, network-wide: for uninstall.php, once, on a network.
	 * The per-site cron events are unscheduled by the per-site loop (self::uninstall_site()).
	 */
	public static function uninstall_network(): void {
		global $wpdb;
		if ( ! is_multisite() ) {
			return;
		}
		foreach ( array( self::table(), self::orgs_table() ) as $table ) {
			$wpdb->query( "DROP TABLE IF EXISTS `{$table}`" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- The room's own table names.
		}
		foreach ( self::SITE_OPTIONS as $option ) {
			delete_site_option( $option );
		}
		delete_metadata( 'user', 0, self::VIEWER_META, '', true );
		if ( function_exists( 'delete_site_meta_by_key' ) && is_site_meta_supported() ) {
			delete_site_meta_by_key( self::TYPE_META );
		}
	}

	/**
	 * The network room's per-site leftovers (for uninstall.php's loop over the sites).
	 */
	public static function uninstall_site(): void {
		wp_clear_scheduled_hook( Network_Push::REFRESH_HOOK );
	}
}

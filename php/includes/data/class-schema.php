<?php
/**
 * The plugin's tables: created and upgraded with dbDelta, versioned by the option dangjian_db_version.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Table names and definitions. The database is the source of truth; the engine's dataset is built from it.
 */
final class Schema {

	/**
	 * Bump when a definition below changes: every site upgrades on its next load. 4: an index for
	 * each column the activities list sorts by (InnoDB adds the id to each, so ORDER BY column, id
	 * walks it and stops at the page instead of sorting a million rows).
	 */
	const VERSION = '4';

	/** The option holding the installed schema version (per site). */
	const VERSION_OPTION = 'dangjian_db_version';

	/** Every table the plugin creates, without prefix (uninstall.php drops exactly these). */
	const TABLES = array( 'people', 'activities', 'participants', 'headcount', 'media', 'honours', 'investments', 'benefits', 'plans' );

	/**
	 * The full name of one of the plugin's tables on the current site.
	 *
	 * @param string $name One of self::TABLES.
	 * @return string For example "wp_dangjian_people".
	 */
	public static function table( string $name ): string {
		global $wpdb;
		if ( ! in_array( $name, self::TABLES, true ) ) {
			throw new \InvalidArgumentException( 'unknown table ' . $name ); // A programming error.
		}
		return $wpdb->prefix . 'dangjian_' . $name;
	}

	/**
	 * The CREATE TABLE statements, in dbDelta's format (one column a line, two spaces after PRIMARY KEY).
	 *
	 * Dates are DATE columns (NULL when absent), amounts DECIMAL with two decimals, timestamps in UTC.
	 *
	 * @return string[]
	 */
	public static function statements(): array {
		global $wpdb;
		$c = $wpdb->get_charset_collate();
		$t = array();
		foreach ( self::TABLES as $name ) {
			$t[ $name ] = self::table( $name );
		}

		return array(
			"CREATE TABLE {$t['people']} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  name varchar(100) NOT NULL DEFAULT '',
  gender varchar(10) NOT NULL DEFAULT '',
  birth_date date DEFAULT NULL,
  phone varchar(32) NOT NULL DEFAULT '',
  email varchar(100) NOT NULL DEFAULT '',
  is_staff tinyint(1) NOT NULL DEFAULT 0,
  applied_on date DEFAULT NULL,
  activist_on date DEFAULT NULL,
  candidate_on date DEFAULT NULL,
  admitted_on date DEFAULT NULL,
  full_on date DEFAULT NULL,
  joined_on date DEFAULT NULL,
  joined_from varchar(200) NOT NULL DEFAULT '',
  left_on date DEFAULT NULL,
  left_reason varchar(20) DEFAULT NULL,
  left_to varchar(200) NOT NULL DEFAULT '',
  hired_on date DEFAULT NULL,
  notes text,
  created_at datetime DEFAULT NULL,
  updated_at datetime DEFAULT NULL,
  PRIMARY KEY  (id),
  KEY name (name),
  KEY admitted_on (admitted_on)
) $c;",
			"CREATE TABLE {$t['activities']} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  activity_date date NOT NULL,
  category varchar(20) NOT NULL,
  kind varchar(32) NOT NULL,
  title varchar(200) NOT NULL DEFAULT '',
  description text,
  hours decimal(12,2) NOT NULL DEFAULT 0.00,
  fee_waived decimal(14,2) NOT NULL DEFAULT 0.00,
  donation decimal(14,2) NOT NULL DEFAULT 0.00,
  beneficiaries int(10) unsigned NOT NULL DEFAULT 0,
  venue_kind varchar(32) NOT NULL DEFAULT '',
  venue varchar(200) NOT NULL DEFAULT '',
  project varchar(200) NOT NULL DEFAULT '',
  created_at datetime DEFAULT NULL,
  updated_at datetime DEFAULT NULL,
  PRIMARY KEY  (id),
  KEY activity_date (activity_date),
  KEY category_date (category,activity_date),
  KEY project (project(50)),
  KEY category (category),
  KEY kind (kind),
  KEY title (title),
  KEY hours (hours),
  KEY fee_waived (fee_waived),
  KEY donation (donation),
  KEY beneficiaries (beneficiaries),
  KEY venue_kind (venue_kind),
  KEY venue (venue),
  KEY project_sort (project)
) $c;",
			"CREATE TABLE {$t['participants']} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  activity_id bigint(20) unsigned NOT NULL,
  person_id bigint(20) unsigned NOT NULL,
  hours decimal(12,2) DEFAULT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY activity_person (activity_id,person_id),
  KEY person_id (person_id)
) $c;",
			"CREATE TABLE {$t['headcount']} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  point_date date NOT NULL,
  staff_count int(10) unsigned NOT NULL,
  notes varchar(200) NOT NULL DEFAULT '',
  PRIMARY KEY  (id),
  UNIQUE KEY point_date (point_date)
) $c;",
			"CREATE TABLE {$t['media']} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  published_on date NOT NULL,
  outlet varchar(200) NOT NULL DEFAULT '',
  level varchar(20) NOT NULL DEFAULT '',
  title varchar(255) NOT NULL DEFAULT '',
  url varchar(2048) NOT NULL DEFAULT '',
  activity_id bigint(20) unsigned DEFAULT NULL,
  notes text,
  PRIMARY KEY  (id),
  KEY published_on (published_on)
) $c;",
			"CREATE TABLE {$t['honours']} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  awarded_on date NOT NULL,
  title varchar(255) NOT NULL DEFAULT '',
  level varchar(20) NOT NULL DEFAULT '',
  awarded_by varchar(200) NOT NULL DEFAULT '',
  notes text,
  PRIMARY KEY  (id),
  KEY awarded_on (awarded_on)
) $c;",
			"CREATE TABLE {$t['investments']} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  invested_on date NOT NULL,
  item varchar(200) NOT NULL DEFAULT '',
  amount decimal(14,2) NOT NULL DEFAULT 0.00,
  created_at datetime DEFAULT NULL,
  updated_at datetime DEFAULT NULL,
  PRIMARY KEY  (id),
  KEY invested_on (invested_on)
) $c;",
			"CREATE TABLE {$t['benefits']} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  name varchar(200) NOT NULL DEFAULT '',
  starts_on date NOT NULL,
  ends_on date DEFAULT NULL,
  created_at datetime DEFAULT NULL,
  updated_at datetime DEFAULT NULL,
  PRIMARY KEY  (id),
  KEY starts_on (starts_on)
) $c;",
			"CREATE TABLE {$t['plans']} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  plan_year smallint(5) unsigned NOT NULL,
  min_admit int(10) unsigned NOT NULL DEFAULT 0,
  max_admit int(10) unsigned NOT NULL DEFAULT 0,
  created_at datetime DEFAULT NULL,
  updated_at datetime DEFAULT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY plan_year (plan_year)
) $c;",
		);
	}

	/**
	 * Creates or upgrades the tables of the current site and records the schema version.
	 *
	 * @return bool False when a table is missing afterwards (the database refused).
	 */
	public static function install(): bool {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		dbDelta( self::statements() );
		foreach ( self::TABLES as $name ) {
			$table = self::table( $name );
			if ( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) ) !== $table ) {
				return false;
			}
		}
		update_option( self::VERSION_OPTION, self::VERSION, true );
		Data_Version::bump();
		return true;
	}

	/**
	 * On plugins_loaded: upgrades the current site when its schema version differs.
	 */
	public static function maybe_upgrade(): void {
		if ( get_option( self::VERSION_OPTION ) !== self::VERSION ) {
			self::install();
		}
	}
}

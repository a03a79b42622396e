<?php
/**
 * The report's reads of the plugin's small tables (investment, benefits, plan, media, honours) and
 * of people's names. A table that does not exist yet reads as empty.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Every query goes through $wpdb->prepare. Without $wpdb (the benchmark outside WordPress) every
 * table reads as empty.
 */
final class Report_Tables {

	/** @var array<string,bool> Whether each table exists, per request. */
	private static $exists = array();

	/**
	 * The full name of a table of the plugin ("investments" → "wp_dangjian_investments"), or null
	 * when it does not exist (yet).
	 *
	 * @param string $name Without prefix.
	 */
	public static function table( string $name ): ?string {
		global $wpdb;
		if ( ! isset( $wpdb ) || ! is_object( $wpdb ) ) {
			return null;
		}
		$table = $wpdb->prefix . 'dangjian_' . $name;
		if ( ! isset( self::$exists[ $table ] ) ) {
			self::$exists[ $table ] = $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) ) === $table;
		}
		return self::$exists[ $table ] ? $table : null;
	}

	/**
	 * Whether a table has a column (the columns added by the records helper: people.hired_on,
	 * activities.project).
	 *
	 * @param string $name   The table, without prefix.
	 * @param string $column The column.
	 */
	public static function has_column( string $name, string $column ): bool {
		global $wpdb;
		$table = self::table( $name );
		if ( null === $table ) {
			return false;
		}
		$key = $table . '.' . $column;
		if ( ! isset( self::$exists[ $key ] ) ) {
			self::$exists[ $key ] = null !== $wpdb->get_var( $wpdb->prepare( "SHOW COLUMNS FROM {$table} LIKE %s", $column ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		}
		return self::$exists[ $key ];
	}

	/**
	 * Forgets what exists (after a schema change within one request: tests).
	 */
	public static function forget(): void {
		self::$exists = array();
	}

	/**
	 * Facility investments dated within the period, oldest first.
	 *
	 * @param string $from First day.
	 * @param string $to   Last day.
	 * @return array<int,array{id:int,invested_on:string,item:string,amount:string}>
	 */
	public static function investments( string $from, string $to ): array {
		global $wpdb;
		$t = self::table( 'investments' );
		if ( null === $t ) {
			return array();
		}
		return (array) $wpdb->get_results( $wpdb->prepare( "SELECT id, invested_on, item, amount FROM {$t} WHERE invested_on BETWEEN %s AND %s ORDER BY invested_on, id", $from, $to ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	/**
	 * Staff benefits in force at some time in the period (starts_on ≤ to and, when set, ends_on ≥ from).
	 *
	 * @param string $from First day.
	 * @param string $to   Last day.
	 * @return array<int,array{id:int,name:string,starts_on:string,ends_on:?string}>
	 */
	public static function benefits( string $from, string $to ): array {
		global $wpdb;
		$t = self::table( 'benefits' );
		if ( null === $t ) {
			return array();
		}
		return (array) $wpdb->get_results( $wpdb->prepare( "SELECT id, name, starts_on, ends_on FROM {$t} WHERE starts_on <= %s AND (ends_on IS NULL OR ends_on >= %s) ORDER BY starts_on, id", $to, $from ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	/**
	 * The development plan of a year, or null.
	 *
	 * @param int $year The year.
	 * @return array{plan_year:int,min_admit:int,max_admit:int}|null
	 */
	public static function plan( int $year ): ?array {
		global $wpdb;
		$t = self::table( 'plans' );
		if ( null === $t ) {
			return null;
		}
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT plan_year, min_admit, max_admit FROM {$t} WHERE plan_year = %d", $year ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		return is_array( $row ) ? array_map( 'intval', $row ) : null;
	}

	/**
	 * Media reports published within the period, of a level when given.
	 *
	 * @param string      $from  First day.
	 * @param string      $to    Last day.
	 * @param string|null $level A level (Records::media_levels()) or null for all.
	 * @return array<int,array>
	 */
	public static function media( string $from, string $to, ?string $level ): array {
		global $wpdb;
		$t = self::table( 'media' );
		if ( null === $t ) {
			return array();
		}
		if ( null === $level ) {
			return (array) $wpdb->get_results( $wpdb->prepare( "SELECT id, published_on, outlet, level, title FROM {$t} WHERE published_on BETWEEN %s AND %s ORDER BY published_on, id", $from, $to ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		}
		return (array) $wpdb->get_results( $wpdb->prepare( "SELECT id, published_on, outlet, level, title FROM {$t} WHERE published_on BETWEEN %s AND %s AND level = %s ORDER BY published_on, id", $from, $to, $level ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	/**
	 * Honours awarded within the period, of a level when given.
	 *
	 * @param string      $from  First day.
	 * @param string      $to    Last day.
	 * @param string|null $level A level (Records::honour_levels()) or null for all.
	 * @return array<int,array>
	 */
	public static function honours( string $from, string $to, ?string $level ): array {
		global $wpdb;
		$t = self::table( 'honours' );
		if ( null === $t ) {
			return array();
		}
		if ( null === $level ) {
			return (array) $wpdb->get_results( $wpdb->prepare( "SELECT id, awarded_on, title, level, awarded_by FROM {$t} WHERE awarded_on BETWEEN %s AND %s ORDER BY awarded_on, id", $from, $to ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		}
		return (array) $wpdb->get_results( $wpdb->prepare( "SELECT id, awarded_on, title, level, awarded_by FROM {$t} WHERE awarded_on BETWEEN %s AND %s AND level = %s ORDER BY awarded_on, id", $from, $to, $level ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	/**
	 * People's names by id, in the order of the ids given (a person without a name, or gone, is
	 * "#<id>").
	 *
	 * @param int[] $ids The ids.
	 * @return string[]
	 */
	public static function names( array $ids ): array {
		global $wpdb;
		$ids = array_values( array_map( 'intval', $ids ) );
		if ( array() === $ids ) {
			return array();
		}
		$t     = self::table( 'people' );
		$found = array();
		if ( null !== $t ) {
			$marks = implode( ',', array_fill( 0, count( $ids ), '%d' ) );
			$rows  = (array) $wpdb->get_results( $wpdb->prepare( "SELECT id, name FROM {$t} WHERE id IN ({$marks})", $ids ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			foreach ( $rows as $row ) {
				$found[ (int) $row['id'] ] = (string) $row['name'];
			}
		}
		return array_map( static fn( $id ) => '' !== ( $found[ $id ] ?? '' ) ? $found[ $id ] : '#' . $id, $ids );
	}
}

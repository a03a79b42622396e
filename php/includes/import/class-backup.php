<?php
/**
 * JSON backup and restore of every record: the engine's dataset format (Dataset::toJson) plus the
 * plugin's own fields under extra top-level keys.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;


/**
 * The backup file is the engine's dataset JSON, byte for byte as Dataset::toJson() writes it, with two
 * more top-level keys before its closing brace (fromJson ignores keys it does not know):
 *
 *     {"format":"dangjian-dataset","version":1,"people":[…],"activities":[…],"headcount":[…],
 *      "dangjian_backup":{"plugin":"0.1.0","schema":"2","created":"2025-01-31T08:00:00+00:00",
 *                         "skipped":[…rows the engine refused, left out…]},
 *      "dangjian_extra":{"people":[{"id":1,"name":"张三","gender":"male",…}],
 *                        "activities":[{"id":1,"title":"…","description":"…","venue":"…",
 *                                       "inherit_hours":[2,5]}],
 *                        "headcount":[{"id":1,"date":"2024-03-01","notes":"…"}],
 *                        "media":[{…every column…}],"honours":[{…every column…}]}}
 *
 * "inherit_hours" lists the participants whose hours follow the activity's (NULL in the table; the
 * engine part writes every participant's hours). A restore checks everything first (the engine part
 * with Dataset::fromJson, the extra part field by field), then replaces all six tables in one
 * transaction; a refused file changes nothing.
 */
final class Backup {

	/** The key of the backup's own description. */
	const META_KEY = 'dangjian_backup';

	/** The key of the plugin's fields. */
	const EXTRA_KEY = 'dangjian_extra';

	/** The tables the engine does not hold, each with its required column (a date, or the plan's year). */
	const DATED_TABLES = array(
		'media'       => 'published_on',
		'honours'     => 'awarded_on',
		'investments' => 'invested_on',
		'benefits'    => 'starts_on',
		'plans'       => 'plan_year',
	);

	/** The engine's columns of each table (the rest go to the extra part). */
	const ENGINE_COLUMNS = array(
		'people'     => array( 'id', 'is_staff', 'applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on', 'left_on', 'left_reason' ),
		'activities' => array( 'id', 'activity_date', 'category', 'kind', 'hours', 'fee_waived', 'donation', 'beneficiaries', 'venue_kind' ),
	);

	/**
	 * The backup of the current site's records.
	 *
	 * @return string The JSON text.
	 * @throws \RuntimeException When the engine is missing or the database fails.
	 */
	public static function create(): string {
		global $wpdb;
		if ( ! Engine::available() ) {
			throw new \RuntimeException( __( 'The Dangjian engine is not available: neither the dangjian extension nor php/fallback/ is loaded.', 'dangjian' ) );
		}
		$dataset = Engine::build();
		$engine  = $dataset->toJson();
		$skipped = self::skipped_rows( $dataset );
		unset( $dataset );

		$extra = array(
			'people'     => array(),
			'activities' => array(),
			'headcount'  => array(),
		) + array_fill_keys( array_keys( self::DATED_TABLES ), array() );
		foreach ( self::all_rows( 'people' ) as $row ) {
			$extra['people'][] = self::without( $row, self::ENGINE_COLUMNS['people'], array( 'id' => (int) $row['id'] ) );
		}
		$inherit = array();
		$links   = Schema::table( 'participants' );
		foreach ( (array) $wpdb->get_results( "SELECT activity_id, person_id FROM {$links} WHERE hours IS NULL ORDER BY activity_id, id", ARRAY_A ) as $link ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$inherit[ (int) $link['activity_id'] ][] = (int) $link['person_id'];
		}
		foreach ( self::all_rows( 'activities' ) as $row ) {
			$item                  = self::without( $row, self::ENGINE_COLUMNS['activities'], array( 'id' => (int) $row['id'] ) );
			$item['inherit_hours'] = $inherit[ (int) $row['id'] ] ?? array();
			$extra['activities'][] = $item;
		}
		foreach ( self::all_rows( 'headcount' ) as $row ) {
			$extra['headcount'][] = array(
				'id'    => (int) $row['id'],
				'date'  => $row['point_date'],
				'notes' => (string) $row['notes'],
			);
		}
		foreach ( array_keys( self::DATED_TABLES ) as $table ) {
			foreach ( self::all_rows( $table ) as $row ) {
				$row['id']         = (int) $row['id'];
				$extra[ $table ][] = $row;
			}
		}

		$meta = array(
			'plugin'  => defined( 'DANGJIAN_PLUGIN_VERSION' ) ? DANGJIAN_PLUGIN_VERSION : '',
			'schema'  => Schema::VERSION,
			'created' => gmdate( 'c' ),
			'site'    => home_url( '/' ),
			'skipped' => $skipped,
		);
		$flags = JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES;
		$tail  = ',"' . self::META_KEY . '":' . wp_json_encode( $meta, $flags ) . ',"' . self::EXTRA_KEY . '":' . wp_json_encode( $extra, $flags ) . '}';
		return substr( rtrim( $engine ), 0, -1 ) . $tail;
	}

	/**
	 * The file name of a backup: dangjian-backup-2025-01-31.json.
	 */
	public static function filename(): string {
		return 'dangjian-backup-' . wp_date( 'Y-m-d' ) . '.json';
	}

	/**
	 * Checks a backup without writing anything.
	 *
	 * @param string $json The file's text.
	 * @return array{errors:string[],counts:array<string,int>,rows:array} errors (each naming the line
	 *               and column, or the path, of the problem); counts of the records it holds; rows
	 *               (table => rows to write) when it has no error.
	 */
	public static function check( string $json ): array {
		$result = array(
			'errors' => array(),
			'counts' => array(),
			'rows'   => array(),
		);
		if ( ! Engine::available() ) {
			$result['errors'][] = __( 'The Dangjian engine is not available: neither the dangjian extension nor php/fallback/ is loaded.', 'dangjian' );
			return $result;
		}
		if ( str_starts_with( $json, "\xEF\xBB\xBF" ) ) {
			$json = substr( $json, 3 );
		}
		try {
			$dataset = Dataset::fromJson( $json );
		} catch ( InvalidJson $e ) {
			/* translators: %s: where and what, e.g. "line 3, column 7: unexpected token". */
			$result['errors'][] = sprintf( __( 'The file is not a valid backup (%s).', 'dangjian' ), $e->getMessage() );
			return $result;
		} catch ( InvalidRecord $e ) {
			/* translators: %s: the record and the problem, e.g. "people[3].admitted_on: …". */
			$result['errors'][] = sprintf( __( 'A record of the backup breaks the rules (%s).', 'dangjian' ), $e->getMessage() );
			return $result;
		}
		$counts = $dataset->counts();
		unset( $dataset );
		$data = json_decode( $json, true, 512, JSON_BIGINT_AS_STRING );
		if ( ! is_array( $data ) || ! isset( $data[ self::META_KEY ], $data[ self::EXTRA_KEY ] ) || ! is_array( $data[ self::EXTRA_KEY ] ) ) {
			$result['errors'][] = __( 'The file is an engine dataset but not a Dangjian backup: it lacks the plugin\'s fields (names, titles, coverage, honours).', 'dangjian' );
			return $result;
		}
		$extra = $data[ self::EXTRA_KEY ];
		$rows  = array(
			'people'       => array(),
			'activities'   => array(),
			'participants' => array(),
			'headcount'    => array(),
		) + array_fill_keys( array_keys( self::DATED_TABLES ), array() );
		$err   = static function ( string $path, string $what ) use ( &$result ) {
			$result['errors'][] = $path . ': ' . $what;
		};

		$rows['people'] = self::check_people( $data, $extra, $err );
		list( $rows['activities'], $rows['participants'] ) = self::check_activities( $data, $extra, $err );
		$rows['headcount'] = self::check_headcount( $data, $extra, $err );
		foreach ( self::DATED_TABLES as $table => $date ) {
			$rows[ $table ] = self::check_dated( $table, $date, $extra, $err );
		}

		$result['counts'] = array(
			'people'       => (int) $counts['people'],
			'activities'   => (int) $counts['activities'],
			'participants' => (int) $counts['participations'],
			'headcount'    => count( $rows['headcount'] ),
		);
		foreach ( array_keys( self::DATED_TABLES ) as $table ) {
			$result['counts'][ $table ] = count( $rows[ $table ] );
		}
		if ( ! $result['errors'] ) {
			$result['rows'] = $rows;
		}
		return $result;
	}

	/**
	 * The people rows of a backup: the engine's fields joined with the plugin's, by id.
	 *
	 * @param array    $data  The backup.
	 * @param array    $extra Its plugin fields.
	 * @param callable $err   Records an error ( path, what ).
	 * @return array[]
	 */
	private static function check_people( array $data, array $extra, callable $err ): array {
		$out = array();
		// People: the engine's fields joined with the plugin's, by id.
		$by_id = self::index( $extra['people'] ?? null, self::EXTRA_KEY . '.people', $err );
		foreach ( (array) ( $data['people'] ?? array() ) as $i => $p ) {
			$x = $by_id[ (int) $p['id'] ] ?? null;
			if ( null === $x ) {
				$err( "people[$i]", sprintf( /* translators: %d: an ID. */ __( 'person %d has no entry in the plugin\'s fields', 'dangjian' ), (int) $p['id'] ) );
				continue;
			}
			unset( $by_id[ (int) $p['id'] ] );
			$name = $x['name'] ?? null;
			if ( ! is_string( $name ) || '' === trim( $name ) || mb_strlen( $name ) > 100 ) {
				$err( self::EXTRA_KEY . ".people[{$x['_i']}].name", __( 'a name of 1 to 100 characters is required', 'dangjian' ) );
			}
			$row = self::strings( $x, self::EXTRA_KEY . ".people[{$x['_i']}]", $err, array( 'birth_date' ) );
			foreach ( self::ENGINE_COLUMNS['people'] as $c ) {
				$row[ $c ] = $p[ $c ] ?? null;
			}
			$row['is_staff'] = ! empty( $p['is_staff'] ) ? 1 : 0;
			$out[] = $row;
		}
		foreach ( $by_id as $id => $x ) {
			$err( self::EXTRA_KEY . ".people[{$x['_i']}]", sprintf( /* translators: %d: an ID. */ __( 'person %d is not in the dataset', 'dangjian' ), $id ) );
		}
		return $out;
	}

	/**
	 * The activity rows and participant rows of a backup.
	 *
	 * @param array    $data  The backup.
	 * @param array    $extra Its plugin fields.
	 * @param callable $err   Records an error ( path, what ).
	 * @return array{0:array[],1:array[]}
	 */
	private static function check_activities( array $data, array $extra, callable $err ): array {
		$out   = array();
		$links = array();
		// Activities and their participants.
		$by_id = self::index( $extra['activities'] ?? null, self::EXTRA_KEY . '.activities', $err );
		foreach ( (array) ( $data['activities'] ?? array() ) as $i => $a ) {
			$x = $by_id[ (int) $a['id'] ] ?? null;
			if ( null === $x ) {
				$err( "activities[$i]", sprintf( /* translators: %d: an ID. */ __( 'activity %d has no entry in the plugin\'s fields', 'dangjian' ), (int) $a['id'] ) );
				continue;
			}
			unset( $by_id[ (int) $a['id'] ] );
			$inherit = $x['inherit_hours'] ?? array();
			unset( $x['inherit_hours'] );
			if ( ! is_array( $inherit ) ) {
				$err( self::EXTRA_KEY . ".activities[{$x['_i']}].inherit_hours", __( 'not a list of person IDs', 'dangjian' ) );
				$inherit = array();
			}
			$row   = self::strings( $x, self::EXTRA_KEY . ".activities[{$x['_i']}]", $err, array() );
			$venue = (string) ( $a['venue'] ?? '' );
			if ( ! isset( $row['venue'] ) || ! is_string( $row['venue'] ) || Import_Vocabulary::trim( $row['venue'] ) !== $venue ) {
				$row['venue'] = $venue;
			}
			$row['id']            = (int) $a['id'];
			$row['activity_date'] = $a['date'];
			foreach ( array( 'category', 'kind', 'venue_kind' ) as $c ) {
				$row[ $c ] = (string) ( $a[ $c ] ?? '' );
			}
			foreach ( array( 'hours', 'fee_waived', 'donation' ) as $c ) {
				$row[ $c ] = self::amount( $a[ $c ] ?? 0 );
			}
			$row['beneficiaries'] = (int) ( $a['beneficiaries'] ?? 0 );
			$out[] = $row;
			foreach ( (array) ( $a['participants'] ?? array() ) as $link ) {
				$pid                    = (int) ( is_array( $link ) ? $link['id'] : $link );
				$hours                  = is_array( $link ) && isset( $link['hours'] ) ? self::amount( $link['hours'] ) : null;
				$links[] = array(
					'activity_id' => (int) $a['id'],
					'person_id'   => $pid,
					'hours'       => in_array( $pid, $inherit, true ) ? null : $hours,
				);
			}
		}
		foreach ( $by_id as $id => $x ) {
			$err( self::EXTRA_KEY . ".activities[{$x['_i']}]", sprintf( /* translators: %d: an ID. */ __( 'activity %d is not in the dataset', 'dangjian' ), $id ) );
		}
		return array( $out, $links );
	}

	/**
	 * The headcount rows of a backup, with their notes.
	 *
	 * @param array    $data  The backup.
	 * @param array    $extra Its plugin fields.
	 * @param callable $err   Records an error ( path, what ).
	 * @return array[]
	 */
	private static function check_headcount( array $data, array $extra, callable $err ): array {
		$out = array();
		// Headcount points with their notes.
		$notes = array();
		foreach ( (array) ( $extra['headcount'] ?? array() ) as $i => $h ) {
			if ( ! is_array( $h ) || ! isset( $h['date'] ) || ! is_string( $h['date'] ) ) {
				$err( self::EXTRA_KEY . ".headcount[$i]", __( 'not a headcount entry', 'dangjian' ) );
				continue;
			}
			$notes[ $h['date'] ] = array(
				'id'    => is_int( $h['id'] ?? null ) && $h['id'] > 0 ? $h['id'] : null,
				'notes' => is_string( $h['notes'] ?? '' ) ? (string) ( $h['notes'] ?? '' ) : '',
			);
		}
		$ids = array_filter( array_column( $notes, 'id' ) );
		if ( count( $ids ) !== count( array_unique( $ids ) ) ) {
			$err( self::EXTRA_KEY . '.headcount', __( 'not a unique ID', 'dangjian' ) );
		}
		foreach ( (array) ( $data['headcount'] ?? array() ) as $h ) {
			$out[] = array(
				'id'          => $notes[ $h['date'] ]['id'] ?? null,
				'point_date'  => $h['date'],
				'staff_count' => (int) $h['count'],
				'notes'       => $notes[ $h['date'] ]['notes'] ?? '',
			);
		}
		return $out;
	}

	/**
	 * The rows of a table the engine does not hold (coverage, honours, …): every column, checked for
	 * a unique id, the required date and plain values.
	 *
	 * @param string   $table The table.
	 * @param string   $date  Its date column.
	 * @param array    $extra The backup's plugin fields.
	 * @param callable $err   Records an error ( path, what ).
	 * @return array[]
	 */
	private static function check_dated( string $table, string $date, array $extra, callable $err ): array {
		$out = array();
		$ids = array();
		foreach ( (array) ( $extra[ $table ] ?? array() ) as $i => $r ) {
			$path = self::EXTRA_KEY . ".{$table}[$i]";
			if ( ! is_array( $r ) ) {
				$err( $path, __( 'not a record', 'dangjian' ) );
				continue;
			}
			$id = $r['id'] ?? null;
			if ( ! is_int( $id ) || $id < 1 || isset( $ids[ $id ] ) ) {
				$err( $path . '.id', __( 'not a unique ID', 'dangjian' ) );
				continue;
			}
			$ids[ $id ] = true;
			if ( 'plan_year' !== $date && ( ! is_string( $r[ $date ] ?? null ) || ! Period::is_date( $r[ $date ] ) ) ) {
				$err( $path . '.' . $date, __( 'not a date (YYYY-MM-DD)', 'dangjian' ) );
				continue;
			}
			$row       = self::strings( $r, $path, $err, array( 'activity_id' ) );
			$row['id'] = $id;
			if ( in_array( $table, Fields::SHEETS, true ) && ! self::valid_simple( $table, $row, $path, $err ) ) {
				continue;
			}
			if ( 'media' === $table ) {
				$row['activity_id'] = isset( $r['activity_id'] ) && is_numeric( $r['activity_id'] ) ? (int) $r['activity_id'] : null;
			}
			$out[] = $row;
		}
		return $out;
	}

	/**
	 * Checks a row of a small table (investment, benefits, plans) as the admin form does; the
	 * problems are reported on their field's path. Another row of the backup with the same unique
	 * value (a plan's year) is refused by the database, and with it the whole restore.
	 *
	 * @param string   $table The table.
	 * @param array    $row   The row (strings).
	 * @param string   $path  Its path in the backup.
	 * @param callable $err   Records an error ( path, what ).
	 */
	private static function valid_simple( string $table, array $row, string $path, callable $err ): bool {
		$values = array();
		foreach ( array_keys( Fields::form( $table ) ) as $name ) {
			$values[ $name ] = (string) ( $row[ $name ] ?? '' );
		}
		$problems = Validator::validate( $table, $values, -1 );
		foreach ( $problems as $field => $message ) {
			$err( $path . '.' . $field, $message );
		}
		return ! $problems;
	}

	/**
	 * Restores a backup: checks it, then replaces every table of the plugin in one transaction.
	 *
	 * @param string        $json     The file's text.
	 * @param callable|null $progress Called with ( $tables_done, $tables_total ).
	 * @return array{errors:string[],counts:array<string,int>} No error: restored.
	 */
	public static function restore( string $json, ?callable $progress = null ): array {
		global $wpdb;
		$check = self::check( $json );
		$out   = array(
			'errors' => $check['errors'],
			'counts' => $check['counts'],
		);
		if ( $check['errors'] ) {
			return $out;
		}
		$bad = Import::non_transactional_tables();
		if ( $bad ) {
			/* translators: %s: table names. */
			$out['errors'][] = sprintf( __( 'The tables %s do not support transactions (they must use InnoDB), so an all-or-nothing restore is impossible.', 'dangjian' ), implode( ', ', $bad ) );
			return $out;
		}
		$order = array( 'participants', 'media', 'honours', 'investments', 'benefits', 'plans', 'headcount', 'activities', 'people' );
		$wpdb->query( 'START TRANSACTION' );
		$error = null;
		foreach ( $order as $table ) {
			// DELETE, not TRUNCATE: TRUNCATE would commit the transaction at once.
			if ( false === $wpdb->query( 'DELETE FROM ' . Schema::table( $table ) ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
				$error = $wpdb->last_error;
				break;
			}
		}
		$done = 0;
		foreach ( array_reverse( $order ) as $table ) {
			if ( null !== $error ) {
				break;
			}
			foreach ( array_chunk( $check['rows'][ $table ], Import::INSERT_CHUNK ) as $chunk ) {
				$error = Import::insert_rows( Schema::table( $table ), self::uniform( $chunk ) );
				if ( null !== $error ) {
					break;
				}
			}
			++$done;
			if ( null !== $progress ) {
				$progress( $done, count( $order ) );
			}
		}
		if ( null !== $error || false === $wpdb->query( 'COMMIT' ) ) {
			$wpdb->query( 'ROLLBACK' );
			/* translators: %s: the database's error message. */
			$out['errors'][] = sprintf( __( 'The database refused the restore, so nothing was changed: %s', 'dangjian' ), (string) $error );
			return $out;
		}
		Data_Version::bump();
		Engine::forget();
		/**
		 * Fires after a backup was restored.
		 *
		 * @param array $counts The records restored, by table.
		 */
		do_action( 'dangjian_restored', $out['counts'] );
		return $out;
	}

	/**
	 * Rows with the same keys in the same order (the first row's keys plus any later ones).
	 *
	 * @param array[] $rows The rows.
	 * @return array[]
	 */
	private static function uniform( array $rows ): array {
		$keys = array();
		foreach ( $rows as $row ) {
			foreach ( array_keys( $row ) as $k ) {
				$keys[ $k ] = null;
			}
		}
		$out = array();
		foreach ( $rows as $row ) {
			$out[] = array_merge( $keys, array_intersect_key( $row, $keys ) );
		}
		return $out;
	}

	/**
	 * Every row of a table, in id order, read in batches.
	 *
	 * @param string $table A table of Schema::TABLES.
	 * @return \Generator<array>
	 */
	private static function all_rows( string $table ): \Generator {
		global $wpdb;
		$name = Schema::table( $table );
		$last = 0;
		do {
			$rows = (array) $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$name} WHERE id > %d ORDER BY id LIMIT %d", $last, Engine::BATCH ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			foreach ( $rows as $row ) {
				$last = (int) $row['id'];
				yield $row;
			}
		} while ( count( $rows ) === Engine::BATCH );
	}

	/**
	 * A row without some columns, with others set.
	 *
	 * @param array $row  The row.
	 * @param array $drop Columns to leave out.
	 * @param array $set  Columns to set first.
	 */
	private static function without( array $row, array $drop, array $set ): array {
		return $set + array_diff_key( $row, array_flip( $drop ) );
	}

	/**
	 * The rows the engine refused when the backup's dataset was built (they are not in the backup).
	 *
	 * @param Dataset $dataset The dataset built.
	 * @return string[]
	 */
	private static function skipped_rows( Dataset $dataset ): array {
		global $wpdb;
		$counts  = $dataset->counts();
		$skipped = array();
		foreach ( array( 'people', 'activities' ) as $table ) {
			$n = (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Schema::table( $table ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
			if ( $n !== (int) $counts[ $table ] ) {
				/* translators: 1: a number of rows, 2: a table. */
				$skipped[] = sprintf( __( '%1$d rows of %2$s break the engine\'s rules and are not in this backup.', 'dangjian' ), $n - (int) $counts[ $table ], $table );
			}
		}
		return $skipped;
	}

	/**
	 * The extra entries of a table indexed by id (each with its position as "_i").
	 *
	 * @param mixed    $list The list.
	 * @param string   $path Its path in messages.
	 * @param callable $err  The error collector.
	 * @return array<int,array>
	 */
	private static function index( $list, string $path, callable $err ): array {
		if ( null === $list ) {
			return array();
		}
		if ( ! is_array( $list ) || ! array_is_list( $list ) ) {
			$err( $path, __( 'not a list', 'dangjian' ) );
			return array();
		}
		$out = array();
		foreach ( $list as $i => $x ) {
			if ( ! is_array( $x ) || ! is_int( $x['id'] ?? null ) ) {
				$err( "{$path}[$i]", __( 'not a record with an integer id', 'dangjian' ) );
				continue;
			}
			if ( isset( $out[ $x['id'] ] ) ) {
				/* translators: %d: an ID. */
				$err( "{$path}[$i].id", sprintf( __( 'duplicate id %d', 'dangjian' ), $x['id'] ) );
				continue;
			}
			$x['_i']           = $i;
			$out[ $x['id'] ]   = $x;
		}
		return $out;
	}

	/**
	 * The plugin's columns of an extra entry: strings (or null where the column allows it), 'id' and
	 * "_i" left out; a value of another type is an error.
	 *
	 * @param array    $x        The entry.
	 * @param string   $path     Its path.
	 * @param callable $err      The error collector.
	 * @param string[] $nullable Columns that may be null.
	 * @return array
	 */
	private static function strings( array $x, string $path, callable $err, array $nullable ): array {
		$row = array();
		foreach ( $x as $k => $v ) {
			if ( 'id' === $k || '_i' === $k ) {
				continue;
			}
			if ( ! is_string( $k ) || ! preg_match( '/^[a-z_][a-z0-9_]{0,63}$/', $k ) ) {
				$err( $path, __( 'a field name is not a column name', 'dangjian' ) );
				continue;
			}
			if ( null === $v ) {
				$row[ $k ] = null;
				continue;
			}
			if ( is_int( $v ) || is_float( $v ) ) {
				$v = (string) $v;
			}
			if ( ! is_string( $v ) ) {
				$err( "{$path}.{$k}", __( 'not a text value', 'dangjian' ) );
				continue;
			}
			if ( in_array( $k, array( 'birth_date', 'created_at', 'updated_at' ), true ) && '' === $v ) {
				$v = null;
			}
			$row[ $k ] = $v;
		}
		unset( $nullable );
		return $row;
	}

	/**
	 * An engine amount (int, float or numeric string) as a DECIMAL text with two decimals.
	 *
	 * @param mixed $value The amount.
	 */
	private static function amount( $value ): string {
		if ( is_float( $value ) ) {
			$value = Amount::from_float( $value );
		}
		$text = Amount::parse( ltrim( (string) $value, '+' ) );
		return $text ?? '0.00';
	}
}

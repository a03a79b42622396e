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
 *                         "skipped":[…rows the engine refused, left out…],
 *                         "counts":{"people":…,"activities":…,"participants":…,…}},
 *      "dangjian_extra":{"people":[{"id":1,"name":"张三","gender":"male",…}],
 *                        "activities":[{"id":1,"title":"…","description":"…","venue":"…",
 *                                       "inherit_hours":[2,5]}],
 *                        "headcount":[{"id":1,"date":"2024-03-01","notes":"…"}],
 *                        "media":[{…every column…}],"honours":[{…every column…}]}}
 *
 * "inherit_hours" lists the participants whose hours follow the activity's (NULL in the table; the
 * engine part writes every participant's hours). Both parts hold the same rows in the same order (by
 * id), each part written a batch at a time (Backup_Writer).
 *
 * A backup in that layout is checked and restored as a stream (Backup_Stream, Backup_Restore): the two
 * parts are read side by side a piece at a time, the engine's rows go to a Dataset in batches (the
 * rules and messages of Dataset::fromJson), each row is checked as the forms check it, and a restore
 * writes the rows as they pass inside one transaction, rolled back if anything is refused. Any other
 * backup (older, edited by hand) is checked whole (Dataset::fromJson, then the extra part field by
 * field) before the tables are replaced in one transaction. Either way a refused file changes nothing,
 * with the same messages.
 */
final class Backup {

	/** The key of the backup's own description. */
	const META_KEY = 'dangjian_backup';

	/** The key of the plugin's fields. */
	const EXTRA_KEY = 'dangjian_extra';

	/** The most problems a refused backup lists. */
	const MAX_ERRORS = 100;

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
		$out = fopen( 'php://temp/maxmemory:67108864', 'w+b' );
		self::write( $out );
		rewind( $out );
		$json = (string) stream_get_contents( $out );
		fclose( $out );
		return $json;
	}

	/**
	 * Writes the backup to a file, gzip-compressed when the name ends in .gz. The file appears whole
	 * or not at all: it is written beside under a temporary name, then renamed.
	 *
	 * @param string $path The file.
	 * @return int The bytes written.
	 * @throws \RuntimeException When the file cannot be written, the engine is missing or the database fails.
	 */
	public static function save( string $path ): int {
		$tmp  = $path . '.part-' . wp_generate_password( 8, false );
		$gzip = str_ends_with( strtolower( $path ), '.gz' );
		$out  = @fopen( ( $gzip ? 'compress.zlib://' : '' ) . $tmp, 'wb' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Reported below.
		if ( ! $out ) {
			/* translators: %s: a file path. */
			throw new \RuntimeException( sprintf( __( 'Cannot write %s.', 'dangjian' ), $path ) );
		}
		try {
			self::write( $out );
		} catch ( \Throwable $e ) {
			fclose( $out );
			@unlink( $tmp ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
			throw $e;
		}
		if ( ! fclose( $out ) || ! @rename( $tmp, $path ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors
			@unlink( $tmp ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
			/* translators: %s: a file path. */
			throw new \RuntimeException( sprintf( __( 'Cannot write %s.', 'dangjian' ), $path ) );
		}
		return (int) filesize( $path );
	}

	/**
	 * Writes the backup of the current site's records to a stream (Backup_Writer).
	 *
	 * @param resource $out A writable stream (a compress.zlib:// one for .json.gz).
	 * @throws \RuntimeException When the engine is missing or the database fails.
	 */
	public static function write( $out ): void {
		Backup_Writer::write( $out );
	}

	/**
	 * The file name of a backup: dangjian-backup-2025-01-31.json.gz.
	 */
	public static function filename(): string {
		return 'dangjian-backup-' . wp_date( 'Y-m-d' ) . '.json.gz';
	}

	/**
	 * The text of a backup file, as it is or gzip-compressed (told by its first two bytes, 1f 8b,
	 * whatever its name).
	 *
	 * @param string $path The file.
	 * @return string|\WP_Error The JSON text.
	 */
	public static function read( string $path ) {
		$bytes = is_readable( $path ) ? @file_get_contents( $path ) : false; // phpcs:ignore WordPress.PHP.NoSilencedErrors, WordPress.WP.AlternativeFunctions -- Reported below.
		if ( false === $bytes ) {
			/* translators: %s: a file path. */
			return new \WP_Error( 'dangjian_backup_read', sprintf( __( 'Cannot read %s.', 'dangjian' ), $path ) );
		}
		return self::unpack( $bytes );
	}

	/**
	 * The page's upload limit and the way around it (WP-CLI).
	 */
	public static function upload_limit_text(): string {
		return sprintf(
			/* translators: 1: a size such as "2 MB", 2: a WP-CLI command. */
			__( 'This server takes uploads of at most %1$s (PHP\'s upload_max_filesize and post_max_size). The backup is compressed (.json.gz); a larger one is restored on the server with WP-CLI: %2$s', 'dangjian' ),
			size_format( wp_max_upload_size() ),
			'wp dangjian restore dangjian-backup.json.gz --yes'
		);
	}

	/**
	 * A backup's text from its bytes: gunzipped when they start as gzip does (1f 8b).
	 *
	 * @param string $bytes The file's bytes.
	 * @return string|\WP_Error
	 */
	public static function unpack( string $bytes ) {
		if ( ! str_starts_with( $bytes, "\x1f\x8b" ) ) {
			return $bytes;
		}
		$text = @gzdecode( $bytes ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- Reported below.
		if ( false === $text ) {
			return new \WP_Error( 'dangjian_backup_gzip', __( 'The file starts as a gzip file but cannot be uncompressed: it is damaged or cut short.', 'dangjian' ) );
		}
		return $text;
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
		$stream = Backup_Restore::check_stream( static fn() => Backup_Source::bytes( $json ) );
		if ( null !== $stream ) {
			return $stream;
		}
		return self::check_whole( $json );
	}

	/**
	 * Checks a backup read whole into PHP arrays (any layout: an older backup, one edited by hand),
	 * with the rows to write.
	 *
	 * @param string $json The file's text.
	 * @return array See check(), with "rows" when it has no error.
	 */
	public static function check_whole( string $json ): array {
		// Millions of small arrays are made and none is garbage: PHP's cycle collector would scan them
		// again and again as they are made (most of the time of a 1M-activity check).
		$gc = gc_enabled();
		gc_disable();
		try {
			return Fields::held( static fn() => self::check_all( $json ) );
		} finally {
			if ( $gc ) {
				gc_enable();
			}
		}
	}

	/**
	 * Checks a backup (check(), with the cycle collector off).
	 *
	 * @param string $json The file's text.
	 * @return array See check().
	 */
	private static function check_all( string $json ): array {
		$result = array(
			'errors'  => array(),
			'counts'  => array(),
			'rows'    => array(),
			'profile' => null,
		);
		if ( ! Engine::available() ) {
			$result['errors'][] = __( 'The Dangjian engine is not available: neither the dangjian extension nor php/fallback/ is loaded.', 'dangjian' );
			return $result;
		}
		$json = self::unpack( $json );
		if ( is_wp_error( $json ) ) {
			$result['errors'][] = $json->get_error_message();
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
			$n = count( $result['errors'] );
			if ( $n < self::MAX_ERRORS ) {
				$result['errors'][] = $path . ': ' . $what;
			} elseif ( self::MAX_ERRORS === $n ) {
				$result['errors'][] = __( '… and more problems: correct these first.', 'dangjian' );
			}
		};
		unset( $data[ self::EXTRA_KEY ] );

		$rows['people'] = self::check_people( $data, $extra, $err );
		list( $rows['activities'], $rows['participants'] ) = self::check_activities( $data, $extra, $err );
		$rows['headcount'] = self::check_headcount( $data, $extra, $err );
		foreach ( self::DATED_TABLES as $table => $date ) {
			$rows[ $table ] = self::check_dated( $table, $date, $extra, $err );
		}
		$result['profile'] = self::check_profile( $extra, $err );

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
	 * The branch profile of a backup, checked as the settings form checks it; null when the backup
	 * has none (older backups: the site's profile is then left as it is).
	 *
	 * @param array    $extra Its plugin fields.
	 * @param callable $err   Records an error ( path, what ).
	 */
	public static function check_profile( array $extra, callable $err ): ?array {
		if ( ! array_key_exists( 'profile', $extra ) || null === $extra['profile'] ) {
			return null;
		}
		$path = self::EXTRA_KEY . '.profile';
		if ( ! is_array( $extra['profile'] ) ) {
			$err( $path, __( 'is not a profile (an object of the branch\'s fields)', 'dangjian' ) );
			return null;
		}
		list( $values, $errors ) = Profile::sanitize( $extra['profile'] );
		foreach ( $errors as $field => $message ) {
			$err( $path . '.' . $field, $message );
		}
		return $errors ? null : $values;
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
			$row = self::person_row( $p, $x, $err );
			if ( null !== $row ) {
				$out[] = $row;
			}
		}
		foreach ( $by_id as $id => $x ) {
			$err( self::EXTRA_KEY . ".people[{$x['_i']}]", sprintf( /* translators: %d: an ID. */ __( 'person %d is not in the dataset', 'dangjian' ), $id ) );
		}
		return $out;
	}

	/**
	 * The row of one person to write: its engine fields joined with its plugin fields, checked as the
	 * form checks them.
	 *
	 * @param array    $p   The engine's row.
	 * @param array    $x   The plugin's entry of the same id, with its position as "_i".
	 * @param callable $err Records an error ( path, what ).
	 * @return array|null Null when refused.
	 */
	public static function person_row( array $p, array $x, callable $err ): ?array {
		$row = self::strings( $x, self::EXTRA_KEY . ".people[{$x['_i']}]", $err, array( 'birth_date' ) );
		foreach ( self::ENGINE_COLUMNS['people'] as $c ) {
			$row[ $c ] = $p[ $c ] ?? null;
		}
		$row['is_staff'] = ! empty( $p['is_staff'] ) ? 1 : 0;
		if ( ! Backup_Rows::check_record( 'people', $row + array( 'id' => (int) $p['id'] ), (int) $x['_i'], $err ) ) {
			return null;
		}
		return $row;
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
			$row = self::activity_row( $a, $x, $err, $links );
			if ( null !== $row ) {
				$out[] = $row;
			}
		}
		foreach ( $by_id as $id => $x ) {
			$err( self::EXTRA_KEY . ".activities[{$x['_i']}]", sprintf( /* translators: %d: an ID. */ __( 'activity %d is not in the dataset', 'dangjian' ), $id ) );
		}
		return array( $out, $links );
	}

	/**
	 * The row of one activity to write (its engine fields joined with its plugin fields, checked as
	 * the form checks them), its participants' rows added to $links.
	 *
	 * @param array    $a     The engine's row.
	 * @param array    $x     The plugin's entry of the same id, with its position as "_i".
	 * @param callable $err   Records an error ( path, what ).
	 * @param array[]  $links The participants' rows so far.
	 * @return array|null Null when refused.
	 */
	public static function activity_row( array $a, array $x, callable $err, array &$links ): ?array {
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
		if ( ! Backup_Rows::check_record( 'activities', $row, (int) $x['_i'], $err ) ) {
			return null;
		}
		$inherit = array_flip( array_filter( $inherit, 'is_int' ) );
		foreach ( (array) ( $a['participants'] ?? array() ) as $link ) {
			$pid     = (int) ( is_array( $link ) ? $link['id'] : $link );
			$hours   = is_array( $link ) && isset( $link['hours'] ) ? self::amount( $link['hours'] ) : null;
			$links[] = array(
				'activity_id' => (int) $a['id'],
				'person_id'   => $pid,
				'hours'       => isset( $inherit[ $pid ] ) ? null : $hours,
			);
		}
		return $row;
	}

	/**
	 * The headcount rows of a backup, with their notes.
	 *
	 * @param array    $data  The backup.
	 * @param array    $extra Its plugin fields.
	 * @param callable $err   Records an error ( path, what ).
	 * @return array[]
	 */
	public static function check_headcount( array $data, array $extra, callable $err ): array {
		$out = array();
		// Headcount points with their notes.
		$notes = array();
		foreach ( (array) ( $extra['headcount'] ?? array() ) as $i => $h ) {
			if ( ! is_array( $h ) || ! isset( $h['date'] ) || ! is_string( $h['date'] ) ) {
				$err( self::EXTRA_KEY . ".headcount[$i]", __( 'not a headcount entry', 'dangjian' ) );
				continue;
			}
			if ( is_string( $h['notes'] ?? null ) && mb_strlen( $h['notes'] ) > 200 ) {
				$err( Backup_Rows::where( 'headcount', (int) $i, (int) ( $h['id'] ?? 0 ), 'notes' ), sprintf( /* translators: %d: a number of characters. */ __( 'At most %d characters.', 'dangjian' ), 200 ) );
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
	public static function check_dated( string $table, string $date, array $extra, callable $err ): array {
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
			if ( ! Backup_Rows::check_record( $table, $row, (int) $i, $err ) ) {
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
	 * Restores a backup: checks it, then replaces every table of the plugin in one transaction
	 * (Backup_Restore); a refused backup changes nothing.
	 *
	 * @param string        $json     The file's text (or its gzip bytes).
	 * @param callable|null $progress Called with ( $rows_written, $rows_total ) after each batch of rows.
	 * @return array{errors:string[],counts:array<string,int>} No error: restored.
	 */
	public static function restore( string $json, ?callable $progress = null ): array {
		return Backup_Restore::restore(
			static fn() => Backup_Source::bytes( $json ),
			static fn() => $json,
			$progress
		);
	}

	/**
	 * Restores a backup file (.json or .json.gz), read as a stream: PHP holds a batch of its rows.
	 *
	 * @param string        $path     The file.
	 * @param callable|null $progress Called with ( $rows_written, $rows_total ) after each batch of rows.
	 * @return array{errors:string[],counts:array<string,int>} No error: restored.
	 */
	public static function restore_file( string $path, ?callable $progress = null ): array {
		return Backup_Restore::restore_file( $path, $progress );
	}

	/**
	 * Checks a backup file without writing anything, read as a stream.
	 *
	 * @param string $path The file.
	 * @return array See check() ("rows" is empty: they are not held).
	 */
	public static function check_file( string $path ): array {
		return Backup_Restore::check_file( $path );
	}

	/**
	 * Rows with the same keys in the same order (the first row's keys plus any later ones).
	 *
	 * @param array[] $rows The rows.
	 * @return array[]
	 */
	public static function uniform( array $rows ): array {
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

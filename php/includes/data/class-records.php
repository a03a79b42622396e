<?php
/**
 * The record store: the writes (after Validator's checks), the reads and the lists of the branch's
 * records. The fields are described in Fields, their coded values in Vocabulary.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

require_once __DIR__ . '/class-list-counts.php'; // The lists' kept counts (used by query() and suggestions()).
require_once __DIR__ . '/class-list-pages.php'; // The rows of a list's page (used by query()).

/**
 * Entities: people, activities (with participants), media, honours, headcount. Values travel as
 * strings (see Validator).
 */
final class Records {

	/** Every kind of record, in menu order. */
	const ENTITIES = array( 'people', 'activities', 'media', 'honours', 'headcount', 'investments', 'benefits', 'plans' );

	/** The people's stage dates, in stage order. */
	const STAGE_DATES = array( 'applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on' );

	/** The kinds of record whose rows carry created_at and updated_at. */
	const TIMESTAMPED = array( 'people', 'activities', 'investments', 'benefits', 'plans' );

	/** Default rows per page of a list. */
	const PER_PAGE = 20;

	/**
	 * The activity kinds of a category (Vocabulary::kinds(), which the rooms should call).
	 *
	 * @param string $category "service", "meeting" or ''.
	 * @return array<string,string>
	 */
	public static function kinds( string $category = '' ): array {
		return Vocabulary::kinds( $category );
	}

	/**
	 * The field a list is sorted by when none is asked for, and the columns it may be sorted by.
	 *
	 * @param string $entity The entity.
	 * @return array{0:string,1:string[]}
	 */
	public static function sortable( string $entity ): array {
		switch ( $entity ) {
			case 'people':
				return array( 'id', array( 'id', 'name', 'gender', 'birth_date', 'is_staff', 'hired_on', 'applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on', 'left_on', 'stage' ) );
			case 'activities':
				return array( 'activity_date', array( 'id', 'activity_date', 'category', 'kind', 'title', 'hours', 'fee_waived', 'donation', 'beneficiaries', 'venue_kind', 'venue', 'project', 'participant_count' ) );
			case 'media':
				return array( 'published_on', array( 'id', 'published_on', 'outlet', 'level', 'title' ) );
			case 'honours':
				return array( 'awarded_on', array( 'id', 'awarded_on', 'title', 'level', 'awarded_by' ) );
			case 'investments':
				return array( 'invested_on', array( 'id', 'invested_on', 'item', 'amount' ) );
			case 'benefits':
				return array( 'starts_on', array( 'id', 'name', 'starts_on', 'ends_on' ) );
			case 'plans':
				return array( 'plan_year', array( 'id', 'plan_year', 'min_admit', 'max_admit' ) );
			default:
				return array( 'point_date', array( 'id', 'point_date', 'staff_count' ) );
		}
	}

	/**
	 * The columns a search looks in.
	 *
	 * @param string $entity The entity.
	 * @return string[]
	 */
	private static function search_columns( string $entity ): array {
		switch ( $entity ) {
			case 'people':
				return array( 'name', 'phone', 'email', 'notes', 'joined_from', 'left_to' );
			case 'activities':
				return array( 'title', 'venue', 'project', 'description' );
			case 'media':
				return array( 'title', 'outlet', 'notes' );
			case 'honours':
				return array( 'title', 'awarded_by', 'notes' );
			case 'investments':
				return array( 'item' );
			case 'benefits':
				return array( 'name' );
			case 'plans':
				return array();
			default:
				return array( 'notes' );
		}
	}

	/**
	 * The date column of an entity (for the period filter); '' for the plans (by year).
	 *
	 * @param string $entity The entity.
	 */
	public static function date_column( string $entity ): string {
		$map = array(
			'people'      => 'applied_on',
			'activities'  => 'activity_date',
			'media'       => 'published_on',
			'honours'     => 'awarded_on',
			'headcount'   => 'point_date',
			'investments' => 'invested_on',
			'benefits'    => 'starts_on',
			'plans'       => '',
		);
		return $map[ $entity ];
	}

	/**
	 * An empty record of an entity: every field at its default.
	 *
	 * @param string $entity The entity.
	 * @return array<string,mixed>
	 */
	public static function blank( string $entity ): array {
		$values = array();
		foreach ( Fields::form( $entity ) as $name => $spec ) {
			if ( 'participants' === $spec['type'] ) {
				$values[ $name ] = array();
			} elseif ( 'bool' === $spec['type'] ) {
				$values[ $name ] = '0';
			} elseif ( 'category' === $name ) {
				$values[ $name ] = 'service';
			} else {
				$values[ $name ] = '';
			}
		}
		return $values;
	}

	/**
	 * Validates and writes a record (insert when $id is 0, else update), then bumps the data version.
	 *
	 * @param string $entity The entity.
	 * @param array  $values From Validator::sanitize().
	 * @param int    $id     The record to update, 0 to add one.
	 * @return int|\WP_Error The record's id, or a WP_Error "dangjian_invalid" whose data holds
	 *                       'errors' => field => message; "dangjian_not_found"; "dangjian_db".
	 */
	public static function save( string $entity, array $values, int $id = 0 ) {
		global $wpdb;
		if ( $id > 0 && null === self::get( $entity, $id ) ) {
			return new \WP_Error( 'dangjian_not_found', __( 'No such record.', 'dangjian' ), array( 'status' => 404 ) );
		}
		$errors = Validator::validate( $entity, $values, $id );
		if ( $errors ) {
			return new \WP_Error(
				'dangjian_invalid',
				__( 'The record was not saved: some values need correcting.', 'dangjian' ),
				array(
					'status' => 400,
					'errors' => $errors,
				)
			);
		}
		$row = array();
		foreach ( Fields::form( $entity ) as $name => $spec ) {
			if ( 'participants' === $spec['type'] ) {
				continue;
			}
			$value = (string) ( $values[ $name ] ?? '' );
			switch ( $spec['type'] ) {
				case 'date':
					$row[ $name ] = '' === $value ? null : $value;
					break;
				case 'amount':
					$row[ $name ] = '' === $value ? '0.00' : Amount::round( $value );
					break;
				case 'count':
					$row[ $name ] = '' === $value ? 0 : (int) $value;
					break;
				case 'bool':
					$row[ $name ] = '1' === $value ? 1 : 0;
					break;
				default:
					$row[ $name ] = ( 'left_reason' === $name && '' === $value ) ? null : $value;
			}
		}
		$table = Schema::table( $entity );
		$now   = current_time( 'mysql', true );
		if ( in_array( $entity, self::TIMESTAMPED, true ) ) {
			$row['updated_at'] = $now;
			if ( 0 === $id ) {
				$row['created_at'] = $now;
			}
		}

		$inserting = 0 === $id;
		$result    = self::in_transaction(
			static function () use ( $entity, $table, $row, $values, $inserting, &$id ) {
				global $wpdb;
				if ( $inserting ) {
					if ( false === $wpdb->insert( $table, $row ) ) {
						return false;
					}
					$id = (int) $wpdb->insert_id;
				} elseif ( false === $wpdb->update( $table, $row, array( 'id' => $id ) ) ) {
					return false;
				}
				if ( 'activities' === $entity ) {
					return self::write_participants( $id, $values['participants'] ?? array(), $inserting );
				}
				return true;
			},
			static function () use ( $inserting, &$id ) {
				if ( $inserting ) {
					$id = 0; // The insert was rolled back: a new id again.
				}
			}
		);
		if ( true !== $result ) {
			if ( is_array( $result ) ) {
				return new \WP_Error(
					'dangjian_invalid',
					__( 'The record was not saved: some values need correcting.', 'dangjian' ),
					array(
						'status' => 400,
						'errors' => $result,
					)
				);
			}
			return new \WP_Error( 'dangjian_db', __( 'The database refused the record.', 'dangjian' ) . ( '' !== $result ? ' (' . $result . ')' : '' ), array( 'status' => 500 ) );
		}
		// Lets the kept engine datasets follow an insert without a rebuild (Engine::note_write()).
		Engine::note_write( $entity, $inserting ? 'insert' : 'update', array( $id ) );
		Data_Version::bump();
		return $id;
	}

	/** How many times a write is tried when the database chose it as a deadlock's victim (1213) or its lock wait timed out (1205). */
	const WRITE_TRIES = 6;

	/**
	 * The database lock a restore holds from filling copies of the tables to swapping them in: a
	 * write to the tables meanwhile would be lost with the old tables, so every write is refused
	 * while another connection holds it.
	 */
	public static function restore_lock(): string {
		global $wpdb;
		return $wpdb->prefix . 'dangjian_restore';
	}

	/** Whether another connection is restoring a backup just now (see restore_lock()). */
	public static function restore_running(): bool {
		global $wpdb;
		return '1' === (string) $wpdb->get_var( $wpdb->prepare( 'SELECT COALESCE(IS_USED_LOCK(%s) <> CONNECTION_ID(), 0)', self::restore_lock() ) );
	}

	/** The refusal of a write while a restore runs. */
	public static function restore_running_text(): string {
		return __( 'A backup is being restored just now: nothing was saved. Try again when the restore has finished.', 'dangjian' );
	}

	/**
	 * Runs a write in one transaction, again from the start when InnoDB rolled it back for a
	 * deadlock (1213) or a lock wait timeout (1205): two processes writing activities at once take
	 * the same index gaps in opposite orders now and then, and one of them is the victim; its whole
	 * transaction is gone, so it is simply done again. The database's messages of a try that is done
	 * again are kept out of the log ($wpdb->suppress_errors).
	 *
	 * @param callable $write Does the writes; returns true, false (the database refused: its error is
	 *                        in $wpdb->last_error) or field => message (refused, rolled back).
	 * @param callable $reset Called before a try is done again (to forget what the last try set).
	 * @return true|string|array True when committed; the database's error; or field => message.
	 */
	public static function in_transaction( callable $write, callable $reset ) {
		global $wpdb;
		if ( self::restore_running() ) {
			return self::restore_running_text();
		}
		$error = '';
		for ( $try = 1; $try <= self::WRITE_TRIES; $try++ ) {
			$quiet = $wpdb->suppress_errors( true );
			$wpdb->query( 'START TRANSACTION' );
			$ok = $write();
			if ( true === $ok && false !== $wpdb->query( 'COMMIT' ) ) {
				$wpdb->suppress_errors( $quiet );
				return true;
			}
			$error = (string) $wpdb->last_error;
			$errno = $wpdb->dbh instanceof \mysqli ? mysqli_errno( $wpdb->dbh ) : 0;
			$wpdb->query( 'ROLLBACK' );
			$wpdb->suppress_errors( $quiet );
			if ( is_array( $ok ) ) {
				return $ok;
			}
			$retry = in_array( $errno, array( 1213, 1205 ), true ) || str_contains( $error, 'Deadlock found' ) || str_contains( $error, 'Lock wait timeout' );
			if ( ! $retry || $try === self::WRITE_TRIES ) {
				break;
			}
			$reset();
			usleep( random_int( 2000, 20000 ) * $try );
		}
		if ( '' !== $error ) {
			$wpdb->print_error( $error ); // The last try's refusal, logged as $wpdb logs it.
		}
		return $error;
	}

	/**
	 * Replaces an activity's participants, inside the write's transaction. The people are read with a
	 * shared lock first (LOCK IN SHARE MODE): a person deleted meanwhile is refused here, and a
	 * person delete that comes later waits for this transaction and then takes the new
	 * participations with it, so no participant is ever left pointing at nobody.
	 *
	 * @param int   $activity_id The activity.
	 * @param array $list        The participants.
	 * @param bool  $is_new      The activity was just inserted (nothing to delete: a DELETE of no row
	 *                           would only take gap locks that make concurrent inserts deadlock).
	 * @return bool|array<string,string> False when the database refused (see $wpdb->last_error),
	 *                                   'participants' => message when a person is gone.
	 */
	private static function write_participants( int $activity_id, array $list, bool $is_new = false ) {
		global $wpdb;
		$table = Schema::table( 'participants' );
		$ids   = array_values( array_unique( array_map( static fn( $p ) => (int) $p['id'], $list ) ) );
		sort( $ids );
		if ( $ids ) {
			$people = Schema::table( 'people' );
			$found  = $wpdb->get_col( "SELECT id FROM {$people} WHERE id IN (" . implode( ',', $ids ) . ') ORDER BY id LOCK IN SHARE MODE' ); // phpcs:ignore WordPress.DB.PreparedSQL -- Integers only.
			if ( '' !== $wpdb->last_error ) {
				return false;
			}
			$missing = array_diff( $ids, array_map( 'intval', (array) $found ) );
			if ( $missing ) {
				/* translators: %d: a person's id. */
				return array( 'participants' => sprintf( __( 'There is no person %d.', 'dangjian' ), reset( $missing ) ) );
			}
		}
		if ( ! $is_new && false === $wpdb->delete( $table, array( 'activity_id' => $activity_id ), array( '%d' ) ) ) {
			return false;
		}
		$values = array();
		foreach ( $list as $p ) {
			$hours    = null === $p['hours'] ? 'NULL' : $wpdb->prepare( '%s', Amount::round( (string) $p['hours'] ) );
			$values[] = $wpdb->prepare( '(%d,%d,', $activity_id, (int) $p['id'] ) . $hours . ')';
		}
		foreach ( array_chunk( $values, 500 ) as $chunk ) {
			if ( false === $wpdb->query( "INSERT INTO {$table} (activity_id, person_id, hours) VALUES " . implode( ',', $chunk ) ) ) { // phpcs:ignore WordPress.DB.PreparedSQL -- Each value prepared above.
				return false;
			}
		}
		return true;
	}

	/**
	 * Deletes records, with what hangs on them (a person's participations, an activity's participants
	 * and its link from media), then bumps the data version once.
	 *
	 * @param string $entity The entity.
	 * @param int[]  $ids    The records.
	 * @return int How many records were deleted.
	 */
	public static function delete( string $entity, array $ids ): int {
		global $wpdb;
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $ids ), static fn( $i ) => $i > 0 ) ) );
		if ( ! $ids ) {
			return 0;
		}
		$in    = implode( ',', $ids );
		$table = Schema::table( $entity );
		$deleted = 0;
		// phpcs:disable WordPress.DB.PreparedSQL -- Table names are the plugin's own; $in holds integers only.
		$result = self::in_transaction(
			static function () use ( $entity, $in, $table, &$deleted ) {
				global $wpdb;
				if ( 'people' === $entity ) {
					// The people first (as an activity's write locks them), then what hangs on them.
					$locked = $wpdb->get_col( "SELECT id FROM {$table} WHERE id IN ($in) ORDER BY id FOR UPDATE" );
					if ( '' !== $wpdb->last_error || false === $wpdb->query( 'DELETE FROM ' . Schema::table( 'participants' ) . " WHERE person_id IN ($in)" ) ) {
						return false;
					}
					unset( $locked );
				} elseif ( 'activities' === $entity ) {
					if ( false === $wpdb->query( 'DELETE FROM ' . Schema::table( 'participants' ) . " WHERE activity_id IN ($in)" )
						|| false === $wpdb->query( 'UPDATE ' . Schema::table( 'media' ) . " SET activity_id = NULL WHERE activity_id IN ($in)" ) ) {
						return false;
					}
				}
				$deleted = $wpdb->query( "DELETE FROM {$table} WHERE id IN ($in)" );
				return false !== $deleted;
			},
			static function () use ( &$deleted ) {
				$deleted = 0;
			}
		);
		// phpcs:enable
		$deleted = true === $result ? (int) $deleted : 0;
		if ( $deleted > 0 ) {
			Engine::note_write( $entity, 'delete', $ids );
			Data_Version::bump();
		}
		return $deleted;
	}

	/**
	 * One record as the forms use it (strings; participants for an activity), or null.
	 *
	 * @param string $entity The entity.
	 * @param int    $id     The id.
	 * @return array<string,mixed>|null With 'id'.
	 */
	public static function get( string $entity, int $id ): ?array {
		global $wpdb;
		$table = Schema::table( $entity );
		$row   = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE id = %d", $id ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		if ( ! $row ) {
			return null;
		}
		return self::from_db( $entity, $row );
	}

	/**
	 * A database row as the record's values.
	 *
	 * @param string $entity The entity.
	 * @param array  $row    The row (ARRAY_A).
	 * @return array<string,mixed>
	 */
	private static function from_db( string $entity, array $row ): array {
		global $wpdb;
		$values = array( 'id' => (int) $row['id'] );
		foreach ( Fields::form( $entity ) as $name => $spec ) {
			if ( 'participants' === $spec['type'] ) {
				$table           = Schema::table( 'participants' );
				$links           = $wpdb->get_results( $wpdb->prepare( "SELECT person_id, hours FROM {$table} WHERE activity_id = %d ORDER BY id", $row['id'] ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
				$values[ $name ] = array();
				foreach ( (array) $links as $link ) {
					$values[ $name ][] = array(
						'id'    => (string) $link['person_id'],
						'hours' => null === $link['hours'] ? null : Amount::trim( (string) $link['hours'] ),
					);
				}
				continue;
			}
			$value = $row[ $name ] ?? '';
			$value = null === $value ? '' : (string) $value;
			if ( 'bool' === $spec['type'] ) {
				$value = '1' === $value ? '1' : '0';
			} elseif ( 'amount' === $spec['type'] ) {
				$value = Amount::trim( $value );
			}
			$values[ $name ] = $value;
		}
		if ( isset( $row['stage'] ) ) {
			$values['stage'] = $row['stage'];
		}
		return $values;
	}

	/**
	 * The SQL expression of a person's stage on a day (derived from the dates; STATS.md's rule).
	 *
	 * @param string $day YYYY-MM-DD.
	 */
	public static function stage_sql( string $day ): string {
		global $wpdb;
		return $wpdb->prepare(
			"CASE WHEN left_on <= %s THEN 'left' WHEN full_on <= %s THEN 'full' WHEN admitted_on <= %s THEN 'probationary' WHEN candidate_on <= %s THEN 'candidate' WHEN activist_on <= %s THEN 'activist' WHEN applied_on <= %s THEN 'applicant' ELSE 'none' END",
			$day,
			$day,
			$day,
			$day,
			$day,
			$day
		);
	}

	/**
	 * The filters' WHERE conditions of a list (the list screens, REST and the export's batches):
	 * 'search', 'stage' (people), 'category', 'kind', 'project' (activities), 'level' (media,
	 * honours), 'from', 'to' (on the entity's date). Unknown or bad values are ignored.
	 *
	 * @param string $entity The entity.
	 * @param array  $args   The filters.
	 * @return string[] SQL conditions, each prepared ("1=1" first).
	 */
	public static function where( string $entity, array $args ): array {
		global $wpdb;
		$where = array( '1=1' );

		$search = trim( (string) ( $args['search'] ?? '' ) );
		if ( '' !== $search ) {
			$like = '%' . $wpdb->esc_like( $search ) . '%';
			$or   = array();
			foreach ( self::search_columns( $entity ) as $column ) {
				$or[] = $wpdb->prepare( "{$column} LIKE %s", $like ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- A column name of the plugin's.
			}
			if ( ctype_digit( $search ) ) {
				$or[] = $wpdb->prepare( 'id = %d', (int) $search );
			}
			$where[] = $or ? '(' . implode( ' OR ', $or ) . ')' : '0=1';
		}
		if ( 'people' === $entity && ! empty( $args['stage'] ) && isset( Vocabulary::stages()[ $args['stage'] ] ) ) {
			$where[] = $wpdb->prepare( '(' . self::stage_sql( Period::today() ) . ') = %s', $args['stage'] ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Prepared by stage_sql().
		}
		if ( 'activities' === $entity ) {
			if ( ! empty( $args['category'] ) && isset( Vocabulary::categories()[ $args['category'] ] ) ) {
				$where[] = $wpdb->prepare( 'category = %s', $args['category'] );
			}
			if ( ! empty( $args['kind'] ) && isset( Vocabulary::kinds()[ $args['kind'] ] ) ) {
				$where[] = $wpdb->prepare( 'kind = %s', $args['kind'] );
			}
			$project = isset( $args['project'] ) && is_string( $args['project'] ) ? Import_Vocabulary::trim( $args['project'] ) : '';
			if ( '' !== $project ) {
				$where[] = $wpdb->prepare( 'project = %s', $project );
			}
		}
		if ( in_array( $entity, array( 'media', 'honours' ), true ) && ! empty( $args['level'] ) && is_string( $args['level'] ) ) {
			$where[] = $wpdb->prepare( 'level = %s', $args['level'] );
		}
		if ( 'people' !== $entity && '' !== self::date_column( $entity ) ) {
			$column = self::date_column( $entity );
			if ( ! empty( $args['from'] ) && is_string( $args['from'] ) && Engine_Limits::is_date( $args['from'] ) ) {
				$where[] = $wpdb->prepare( "{$column} >= %s", $args['from'] ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			}
			if ( ! empty( $args['to'] ) && is_string( $args['to'] ) && Engine_Limits::is_date( $args['to'] ) ) {
				$where[] = $wpdb->prepare( "{$column} <= %s", $args['to'] ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			}
		}
		return $where;
	}

	/**
	 * A list's order: 'orderby' when the list sorts by it (else its default), 'order' asc or desc
	 * (else ascending for people and the headcount, descending for the rest).
	 *
	 * @param string $entity The entity.
	 * @param array  $args   'orderby', 'order'.
	 * @return array{0:string,1:string} [column, "asc" or "desc"].
	 */
	public static function order( string $entity, array $args ): array {
		list( $default, $sortable ) = self::sortable( $entity );
		$orderby                    = in_array( $args['orderby'] ?? '', $sortable, true ) ? $args['orderby'] : $default;
		$order                      = strtolower( (string) ( $args['order'] ?? '' ) );
		if ( 'asc' !== $order && 'desc' !== $order ) {
			$order = 'people' === $entity || 'headcount' === $entity ? 'asc' : 'desc';
		}
		return array( $orderby, $order );
	}

	/**
	 * A page of records for a list (admin screen or REST).
	 *
	 * @param string $entity The entity.
	 * @param array  $args   'search', 'stage' (people), 'category', 'kind', 'level', 'from', 'to'
	 *                       (on the entity's date), 'orderby', 'order', 'page' (1-based), 'per_page'.
	 *                       Unknown or bad values are ignored.
	 * @return array{items:array[],total:int}
	 */
	public static function query( string $entity, array $args ): array {
		$stage_sql = 'people' === $entity ? self::stage_sql( Period::today() ) : '';
		$where     = self::where( $entity, $args );

		list( $orderby, $order ) = self::order( $entity, $args );
		$order                   = strtoupper( $order );
		$per_page = max( 1, min( 1000, (int) ( $args['per_page'] ?? self::PER_PAGE ) ) );
		$page     = max( 1, (int) ( $args['page'] ?? 1 ) );
		$offset   = ( $page - 1 ) * $per_page;

		$where_sql = implode( ' AND ', $where );
		$total     = List_Counts::count( $entity, $where_sql );
		$rows      = List_Pages::rows( $entity, $where_sql, $orderby, $order, $per_page, $offset, $total, $stage_sql );
		$items     = array();
		foreach ( (array) $rows as $row ) {
			$item = self::from_db_light( $entity, $row );
			if ( isset( $row['participant_count'] ) ) {
				$item['participant_count'] = (int) $row['participant_count'];
			}
			$items[] = $item;
		}
		return array(
			'items' => $items,
			'total' => $total,
		);
	}

	/**
	 * A row for a list: the values without an activity's participants (they are counted instead).
	 *
	 * @param string $entity The entity.
	 * @param array  $row    The row.
	 * @return array<string,mixed>
	 */
	private static function from_db_light( string $entity, array $row ): array {
		$values = array( 'id' => (int) $row['id'] );
		foreach ( Fields::form( $entity ) as $name => $spec ) {
			if ( 'participants' === $spec['type'] ) {
				continue;
			}
			$value           = $row[ $name ] ?? '';
			$values[ $name ] = null === $value ? '' : (string) $value;
			if ( 'bool' === $spec['type'] ) {
				$values[ $name ] = '1' === $values[ $name ] ? '1' : '0';
			} elseif ( 'amount' === $spec['type'] ) {
				$values[ $name ] = Amount::trim( $values[ $name ] );
			}
		}
		if ( isset( $row['stage'] ) ) {
			$values['stage'] = (string) $row['stage'];
		}
		return $values;
	}

	/**
	 * The values already used in a field the form suggests (Fields' 'suggest'): the campaign names
	 * of the activities ("projects"), most used first, at most 200.
	 *
	 * @param string $what "projects".
	 * @return string[]
	 */
	public static function suggestions( string $what ): array {
		global $wpdb;
		if ( 'projects' !== $what ) {
			return array();
		}
		return List_Counts::campaigns( 200 );
	}

	/**
	 * Names of people by id (for participants and reminders).
	 *
	 * @param int[] $ids The ids.
	 * @return array<int,string>
	 */
	public static function names( array $ids ): array {
		global $wpdb;
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $ids ) ) ) );
		if ( ! $ids ) {
			return array();
		}
		$table = Schema::table( 'people' );
		$rows  = $wpdb->get_results( "SELECT id, name FROM {$table} WHERE id IN (" . implode( ',', $ids ) . ')', ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL -- Integers only.
		$names = array();
		foreach ( (array) $rows as $row ) {
			$names[ (int) $row['id'] ] = (string) $row['name'];
		}
		return $names;
	}

	/**
	 * Media coverage in a period: the number of reports, and by level (levels present only).
	 *
	 * @param string $from First day.
	 * @param string $to   Last day.
	 * @return array{total:int,by_level:array<string,int>}
	 */
	public static function coverage( string $from, string $to ): array {
		global $wpdb;
		$table = Schema::table( 'media' );
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT level, COUNT(*) AS n FROM {$table} WHERE published_on BETWEEN %s AND %s GROUP BY level ORDER BY level", $from, $to ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$out   = array(
			'total'    => 0,
			'by_level' => array(),
		);
		foreach ( (array) $rows as $row ) {
			$out['by_level'][ (string) $row['level'] ] = (int) $row['n'];
			$out['total']                            += (int) $row['n'];
		}
		return $out;
	}

	/**
	 * Honours received in a period, oldest first (public information: date, title, level, body).
	 *
	 * @param string $from First day.
	 * @param string $to   Last day.
	 * @return array{total:int,items:array[]}
	 */
	public static function honours_in( string $from, string $to ): array {
		global $wpdb;
		$table = Schema::table( 'honours' );
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT awarded_on AS date, title, level, awarded_by FROM {$table} WHERE awarded_on BETWEEN %s AND %s ORDER BY awarded_on, id LIMIT 500", $from, $to ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$total = count( (array) $rows );
		if ( 500 === $total ) { // The list stops at 500; the total does not.
			$total = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE awarded_on BETWEEN %s AND %s", $from, $to ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		}
		return array(
			'total' => $total,
			'items' => (array) $rows,
		);
	}
}

<?php
/**
 * The checks of an import that need the database and the engine.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Duplicates, IDs, participants, and each row added to a scratch dataset built from the tables (so
 * what passes here passes in the figures). Errors are added to the report by spreadsheet row and
 * column.
 */
final class Import_Checks {

	/**
	 * The checks that need the database and the engine: duplicates, participants, IDs, then each row
	 * added to a scratch dataset built from the tables (so what passes here passes in the figures).
	 *
	 * @param array         $report   The report of Import::parse (changed in place).
	 * @param callable|null $progress Called with the rows checked so far.
	 */
	public static function run( array &$report, ?callable $progress ): void {
		Fields::held(
			static function () use ( &$report, $progress ): void {
				if ( 'people' === $report['type'] ) {
					self::validate_people( $report, $progress );
				} elseif ( 'activities' === $report['type'] ) {
					self::validate_activities( $report, $progress );
				} else {
					self::validate_simple( $report, $progress );
				}
			}
		);
	}

	/**
	 * The file's column of each field, by name ('' when the file has no column for it).
	 *
	 * @param array $report The report.
	 * @return callable Field => column name.
	 */
	private static function column_of( array $report ): callable {
		return static fn( string $field ) => isset( $report['field_columns'][ $field ] ) ? Import::column_name( $report, $report['field_columns'][ $field ] ) : '';
	}

	/**
	 * The IDs of a file against its table: the stored rows of the IDs it gives (those rows update their
	 * record), and the first ID free for its rows without one (past the table's and the file's).
	 *
	 * @param array  $report The report.
	 * @param string $table  The table.
	 * @return array{0:array<int,array>,1:int} [id => stored row, the next free ID].
	 */
	private static function ids( array $report, string $table ): array {
		global $wpdb;
		$given = array();
		foreach ( $report['records'] as $rec ) {
			if ( isset( $rec['values']['id'] ) ) {
				$given[] = $rec['values']['id'];
			}
		}
		$taken = self::existing( 'SELECT * FROM ' . $table . ' WHERE id IN (%s)', $given, 'id' );
		$max   = (int) $wpdb->get_var( "SELECT MAX(id) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		return array( $taken, max( array_merge( array( $max ), $given ) ) + 1 );
	}

	/**
	 * A row's ID: the one it gives (refused, with the error added, when an earlier row of the file gave
	 * it), else the next free one.
	 *
	 * @param array    $v      The row's values.
	 * @param int      $row    The spreadsheet row.
	 * @param callable $col    Field => column name.
	 * @param array    $seen   ID => the first row that gave it (added to).
	 * @param int      $next   The next free ID (moved on when taken).
	 * @param array    $errors The report's errors (added to).
	 * @return array{0:int,1:bool} [the ID, false when an earlier row gave it].
	 */
	private static function row_id( array $v, int $row, callable $col, array &$seen, int &$next, array &$errors ): array {
		if ( ! isset( $v['id'] ) ) {
			return array( $next++, true );
		}
		if ( isset( $seen[ $v['id'] ] ) ) {
			$errors[] = Import::error( $row, $col( 'id' ), sprintf( /* translators: 1: an ID, 2: a row number. */ __( 'The ID %1$d is already used in row %2$d.', 'dangjian' ), $v['id'], $seen[ $v['id'] ] ) );
			return array( $v['id'], false );
		}
		$seen[ $v['id'] ] = $row;
		return array( $v['id'], true );
	}

	/**
	 * People: IDs, duplicates (the same name and birth date twice), the engine's rules.
	 *
	 * @param array         $report   The report.
	 * @param callable|null $progress Progress callback.
	 */
	private static function validate_people( array &$report, ?callable $progress ): void {
		$table = Schema::table( 'people' );
		$col   = self::column_of( $report );

		// IDs already recorded: those rows update their record (an exported file edited and imported again).
		list( $taken, $next ) = self::ids( $report, $table );

		// Names already recorded, for duplicates.
		$names = array();
		foreach ( $report['records'] as $rec ) {
			if ( isset( $rec['values']['name'] ) && '' !== $rec['values']['name'] ) {
				$names[] = $rec['values']['name'];
			}
		}
		$known = array();
		foreach ( self::existing( 'SELECT id, name, birth_date FROM ' . $table . ' WHERE name IN (%s)', $names, null ) as $row ) {
			$known[ $row['name'] . '|' . (string) $row['birth_date'] ][] = (int) $row['id'];
		}

		$scratch  = Engine::build();
		$ids_seen = array();
		$keys     = array();
		$now      = current_time( 'mysql', true );
		foreach ( $report['records'] as $n => &$rec ) {
			$v   = $rec['values'];
			$row = $rec['row'];
			// A row with a bad cell is still checked without it, so that one pass finds every problem.
			list( $id, $ok ) = self::row_id( $v, $row, $col, $ids_seen, $next, $report['errors'] );
			$before          = $taken[ $id ] ?? null;
			if ( null !== $before && isset( $v['name'] ) && '' !== $v['name'] && $v['name'] !== $before['name'] ) {
				// Another file's numbering, not this site's export: never overwrite someone else.
				$report['errors'][] = Import::error( $row, $col( 'id' ), sprintf( /* translators: 1: an ID, 2: a person's name, 3: another name. */ __( 'The ID %1$d is already taken by %2$s, not %3$s: a row updates the person of its ID only under the same name (rename people on their form).', 'dangjian' ), $id, $before['name'], $v['name'] ) );
				$ok     = false;
				$before = null;
			} elseif ( null !== $before ) {
				// An update: the columns the file does not have keep their stored values.
				$v = Import_Update::keep_absent( $report, $v, $before, array() );
			}

			if ( isset( $v['name'] ) && '' !== $v['name'] ) {
				$key    = $v['name'] . '|' . (string) ( $v['birth_date'] ?? '' );
				$others = array_values( array_diff( $known[ $key ] ?? array(), array( $id ) ) );
				if ( $others ) {
					$report['errors'][] = Import::error( $row, $col( 'name' ), sprintf( /* translators: 1: a name, 2: an ID. */ __( '%1$s with this birth date is already recorded (ID %2$d); remove the row or give the birth date that tells them apart.', 'dangjian' ), $v['name'], $others[0] ) );
					$ok = false;
				} elseif ( isset( $keys[ $key ] ) ) {
					$report['errors'][] = Import::error( $row, $col( 'name' ), sprintf( /* translators: 1: a name, 2: a row number. */ __( '%1$s is a duplicate of row %2$d (same name and birth date).', 'dangjian' ), $v['name'], $keys[ $key ] ) );
					$ok = false;
				} else {
					$keys[ $key ] = $row;
				}
			}

			$engine = array(
				'id'           => $id,
				'is_staff'     => ! empty( $v['is_staff'] ),
				'applied_on'   => $v['applied_on'] ?? null,
				'activist_on'  => $v['activist_on'] ?? null,
				'candidate_on' => $v['candidate_on'] ?? null,
				'admitted_on'  => $v['admitted_on'] ?? null,
				'full_on'      => $v['full_on'] ?? null,
				'joined_on'    => $v['joined_on'] ?? null,
				'left_on'      => $v['left_on'] ?? null,
				'hired_on'     => $v['hired_on'] ?? null,
				'left_reason'  => $v['left_reason'] ?? null,
			);
			$rec['engine'] = $engine;
			$rec['db']     = array(
				'id'          => $id,
				'name'        => $v['name'] ?? '',
				'gender'      => $v['gender'] ?? '',
				'birth_date'  => $v['birth_date'] ?? null,
				'phone'       => $v['phone'] ?? '',
				'email'       => $v['email'] ?? '',
				'is_staff'    => empty( $v['is_staff'] ) ? 0 : 1,
				'joined_from' => $v['joined_from'] ?? '',
				'left_to'     => $v['left_to'] ?? '',
				'notes'       => $v['notes'] ?? '',
				'created_at'  => $now,
				'updated_at'  => $now,
			) + $engine;
			$rec['db']['is_staff'] = $engine['is_staff'] ? 1 : 0;
			Import_Update::compare( $rec, $before, array() );

			if ( $ok ) {
				self::engine_add( $scratch, 'people', $engine, null !== $before, $row, $col, 'name', $report['errors'] );
			}
			if ( null !== $progress ) {
				$progress( $n + 1 );
			}
		}
		unset( $rec );
	}

	/**
	 * The small tables (facility investment, staff benefits, development plans): IDs, then each row
	 * checked as the admin form checks it (Validator), rows of the file against each other for the
	 * values that must be unique (a plan's year).
	 *
	 * @param array         $report   The report.
	 * @param callable|null $progress Progress callback.
	 */
	private static function validate_simple( array &$report, ?callable $progress ): void {
		$type    = $report['type'];
		$col     = self::column_of( $report );
		$fields  = Fields::form( $type );
		$columns = Import_Vocabulary::columns( $type );

		list( $taken, $next ) = self::ids( $report, Schema::table( $type ) );

		$seen  = array();
		$years = array();
		$now   = current_time( 'mysql', true );
		foreach ( $report['records'] as $n => &$rec ) {
			$v   = $rec['values'];
			$row = $rec['row'];
			if ( isset( $v['id'] ) ) {
				if ( isset( $seen[ $v['id'] ] ) ) {
					/* translators: 1: an ID, 2: a row number. */
					$report['errors'][] = Import::error( $row, $col( 'id' ), sprintf( __( 'The ID %1$d is already used in row %2$d.', 'dangjian' ), $v['id'], $seen[ $v['id'] ] ) );
				}
				$seen[ $v['id'] ] = $row;
				$id               = $v['id'];
			} else {
				$id = $next++;
			}
			$before = $taken[ $id ] ?? null;
			if ( null !== $before ) {
				$v = Import_Update::keep_absent( $report, $v, $before, array() );
			}
			// The record as a form would post it; cells refused already are left to their error.
			$values = array();
			foreach ( $columns as $name => $def ) {
				if ( 'id' !== $name && isset( $fields[ $def['field'] ] ) ) {
					$values[ $def['field'] ] = null === ( $v[ $name ] ?? null ) ? '' : (string) $v[ $name ];
				}
			}
			$errors = array_diff_key( Validator::validate( $type, $values, null !== $before ? $id : 0 ), (array) ( $rec['bad'] ?? array() ) );
			if ( 'plans' === $type && ! isset( $errors['plan_year'] ) && '' !== $values['plan_year'] ) {
				if ( isset( $years[ $values['plan_year'] ] ) ) {
					/* translators: %d: a row number. */
					$errors['plan_year'] = sprintf( __( 'This year is already planned in row %d.', 'dangjian' ), $years[ $values['plan_year'] ] );
				}
				$years[ $values['plan_year'] ] = $row;
			}
			foreach ( $errors as $field => $message ) {
				$report['errors'][] = Import::error( $row, $col( $field ), $message );
			}
			$rec['db'] = array( 'id' => $id ) + self::simple_row( $fields, $values ) + array(
				'created_at' => $now,
				'updated_at' => $now,
			);
			Import_Update::compare( $rec, $before, array() );
			if ( null !== $progress ) {
				$progress( $n + 1 );
			}
		}
		unset( $rec );
	}

	/**
	 * A small table's row as it is written: amounts rounded, empty dates NULL, counts as integers.
	 *
	 * @param array $fields The form's fields.
	 * @param array $values The values (strings).
	 * @return array
	 */
	private static function simple_row( array $fields, array $values ): array {
		$out = array();
		foreach ( $fields as $name => $spec ) {
			$value = (string) ( $values[ $name ] ?? '' );
			if ( 'date' === $spec['type'] ) {
				$out[ $name ] = '' === $value ? null : $value;
			} elseif ( 'amount' === $spec['type'] ) {
				$out[ $name ] = Amount::is_valid( $value ) ? Amount::round( $value ) : '0.00';
			} elseif ( in_array( $spec['type'], array( 'count', 'year' ), true ) ) {
				$out[ $name ] = (int) $value;
			} else {
				$out[ $name ] = $value;
			}
		}
		return $out;
	}

	/**
	 * Activities: category and kind, participants (known, unique, unambiguous), IDs, duplicates, the
	 * engine's rules.
	 *
	 * @param array         $report   The report.
	 * @param callable|null $progress Progress callback.
	 */
	private static function validate_activities( array &$report, ?callable $progress ): void {
		$col   = self::column_of( $report );
		$kinds = Import_Vocabulary::kind_categories();

		$dates = array();
		$names = array();
		$pids  = array();
		foreach ( $report['records'] as $rec ) {
			if ( isset( $rec['values']['date'] ) ) {
				$dates[] = $rec['values']['date'];
			}
			foreach ( (array) ( $rec['values']['participants'] ?? array() ) as $p ) {
				if ( null === $p['id'] ) {
					$names[] = $p['who'];
				} else {
					$pids[] = $p['id'];
				}
			}
		}
		// IDs already recorded: those rows update their activity, with its participants when the file has them.
		list( $taken, $next ) = self::ids( $report, Schema::table( 'activities' ) );
		$stored               = Import_Update::stored_links( array_keys( $taken ) );

		list( $by_name, $person_ids, $recorded ) = self::activity_lookups( $names, $pids, $dates );

		$scratch  = Engine::build();
		$ids_seen = array();
		$keys     = array();
		$now      = current_time( 'mysql', true );
		foreach ( $report['records'] as $n => &$rec ) {
			$v   = $rec['values'];
			$row = $rec['row'];
			// A row with a bad cell is still checked without it, unless the engine needs that cell.
			$ok = empty( $rec['bad']['date'] ) && empty( $rec['bad']['kind'] ) && empty( $rec['bad']['category'] );

			// Category: given, or that of a known kind.
			$kind     = $v['kind'] ?? null;
			$category = self::category( $v, $kinds, ! empty( $rec['bad']['category'] ), $row, $col, $report['errors'] );
			if ( false === $category ) {
				$category = $v['category'] ?? null;
				$ok       = false;
			}

			list( $id, $unique ) = self::row_id( $v, $row, $col, $ids_seen, $next, $report['errors'] );
			$ok                  = $ok && $unique;
			$before              = $taken[ $id ] ?? null;
			if ( null !== $before ) {
				$v        = Import_Update::keep_absent( $report, $v, $before, array( 'date' => 'activity_date' ) );
				$category = $category ?? $before['category'];
				$kind     = $kind ?? $before['kind'];
			}

			// Participants: each a known person, named once.
			list( $participants, $links, $known ) = self::participants( (array) ( $v['participants'] ?? array() ), $row, $col( 'participants' ), $by_name, $person_ids, $report['errors'] );
			$ok = $ok && $known;
			if ( null !== $before && ! isset( $report['field_columns']['participants'] ) ) {
				// No participants column: the stored participants stay (links null: not rewritten).
				$links        = null;
				$participants = array_map( static fn( $l ) => null === $l['hours'] ? array( 'id' => (int) $l['person_id'] ) : array( 'id' => (int) $l['person_id'], 'hours' => (string) $l['hours'] ), $stored[ $id ] ?? array() );
			}

			$hours = $v['hours'] ?? '0.00';
			$benef = $v['beneficiaries'] ?? 0;
			// The admin form requires a title: an untitled row is named after its kind.
			$title = (string) ( $v['title'] ?? '' );
			if ( '' === $title && null !== $kind ) {
				$title = Import_Vocabulary::kind_label( $kind );
			}
			if ( isset( $v['date'] ) && null !== $kind && null !== $category ) {
				$key = self::activity_key( $v['date'], $category, $kind, $title, $v['venue'] ?? '', $hours, $benef );
				if ( isset( $recorded[ $key ] ) && $recorded[ $key ] !== $id ) {
					$report['errors'][] = Import::error( $row, $col( 'date' ), sprintf( /* translators: %d: an ID. */ __( 'This activity is already recorded (ID %d): same date, kind, title, venue, hours and beneficiaries.', 'dangjian' ), $recorded[ $key ] ) );
					$ok = false;
				} elseif ( isset( $keys[ $key ] ) ) {
					$report['errors'][] = Import::error( $row, $col( 'date' ), sprintf( /* translators: %d: a row number. */ __( 'This row repeats row %d (same date, kind, title, venue, hours and beneficiaries).', 'dangjian' ), $keys[ $key ] ) );
					$ok = false;
				} else {
					$keys[ $key ] = $row;
				}
			}

			$engine = array(
				'id'            => $id,
				'date'          => $v['date'] ?? null,
				'category'      => $category,
				'kind'          => $kind,
				'hours'         => $hours,
				'fee_waived'    => $v['fee_waived'] ?? '0.00',
				'donation'      => $v['donation'] ?? '0.00',
				'beneficiaries' => $benef,
				'venue_kind'    => $v['venue_kind'] ?? '',
				'venue'         => $v['venue'] ?? '',
				'project'       => $v['project'] ?? '',
				'participants'  => $participants,
			);
			$rec['engine'] = $engine;
			$rec['links']  = $links;
			$rec['db']     = array(
				'id'            => $id,
				'activity_date' => $engine['date'],
				'category'      => $category,
				'kind'          => $kind,
				'title'         => $title,
				'description'   => $v['description'] ?? '',
				'hours'         => $hours,
				'fee_waived'    => $engine['fee_waived'],
				'donation'      => $engine['donation'],
				'beneficiaries' => $benef,
				'venue_kind'    => $engine['venue_kind'],
				'venue'         => $engine['venue'],
				'project'       => $engine['project'],
				'created_at'    => $now,
				'updated_at'    => $now,
			);
			Import_Update::compare( $rec, $before, array( 'date' => 'activity_date' ) );
			if ( null !== $before && null !== $links ) {
				Import_Update::compare_links( $rec, $stored[ $id ] ?? array() );
			}

			if ( $ok ) {
				self::engine_add( $scratch, 'activities', $engine, null !== $before, $row, $col, 'date', $report['errors'] );
			}
			if ( null !== $progress ) {
				$progress( $n + 1 );
			}
		}
		unset( $rec );
	}

	/**
	 * An activity's category: the one given, else that of a known kind; false (with the error added)
	 * when the kind is not of the given category, or is the branch's own and no category is given.
	 *
	 * @param array    $v        The row's values.
	 * @param array    $kinds    Kind => category.
	 * @param bool     $bad      Whether the category cell was refused.
	 * @param int      $row      The spreadsheet row.
	 * @param callable $col      Field => column name.
	 * @param array    $errors   The report's errors (added to).
	 * @return string|null|false
	 */
	private static function category( array $v, array $kinds, bool $bad, int $row, callable $col, array &$errors ) {
		$kind     = $v['kind'] ?? null;
		$category = $v['category'] ?? null;
		if ( null !== $kind && isset( $kinds[ $kind ] ) ) {
			if ( null === $category ) {
				return $kinds[ $kind ];
			}
			if ( $category !== $kinds[ $kind ] ) {
				$errors[] = Import::error( $row, $col( 'kind' ), sprintf( /* translators: 1: a kind, 2: a category. */ __( '%1$s is not a kind of %2$s.', 'dangjian' ), Import_Vocabulary::kind_label( $kind ), Import_Vocabulary::category_label( $category ) ) );
				return false;
			}
		} elseif ( null !== $kind && null === $category && ! $bad ) {
			$errors[] = Import::error( $row, $col( 'category' ) ?: $col( 'kind' ), sprintf( /* translators: %s: a kind's code. */ __( '%s is a kind of your own: give its category (服务 or 会议).', 'dangjian' ), $kind ) );
			return false;
		}
		return $category;
	}

	/**
	 * An activity's participants resolved to people: each a known person (by ID, or by a name only
	 * one person has), named once.
	 *
	 * @param array  $list       The parsed cell: [{who, id|null, hours|null}].
	 * @param int    $row        The spreadsheet row.
	 * @param string $column     The participants column's name.
	 * @param array  $by_name    name => person ids.
	 * @param array  $person_ids id => row, for the ids given.
	 * @param array  $errors     The report's errors (added to).
	 * @return array{0:array,1:array,2:bool} [engine participants, rows for the participants table, all known].
	 */
	private static function participants( array $list, int $row, string $column, array $by_name, array $person_ids, array &$errors ): array {
		$ok = true;
		$participants = array();
		$links        = array();
		$listed       = array();
		foreach ( $list as $p ) {
			if ( null !== $p['id'] ) {
				if ( ! isset( $person_ids[ $p['id'] ] ) ) {
					$errors[] = Import::error( $row, $column, sprintf( /* translators: %d: an ID. */ __( 'No person has the ID %d.', 'dangjian' ), $p['id'] ) );
					$ok = false;
					continue;
				}
				$pid = $p['id'];
			} else {
				$matches = $by_name[ $p['who'] ] ?? array();
				if ( ! $matches ) {
					$errors[] = Import::error( $row, $column, sprintf( /* translators: %s: a name. */ __( 'Unknown person "%s": import or add them first, or check the spelling.', 'dangjian' ), $p['who'] ) );
					$ok = false;
					continue;
				}
				if ( count( $matches ) > 1 ) {
					$errors[] = Import::error( $row, $column, sprintf( /* translators: 1: a name, 2: a list of IDs. */ __( '"%1$s" is the name of several people (IDs %2$s): write the ID instead, as #12.', 'dangjian' ), $p['who'], implode( ', ', $matches ) ) );
					$ok = false;
					continue;
				}
				$pid = $matches[0];
			}
			if ( isset( $listed[ $pid ] ) ) {
				$errors[] = Import::error( $row, $column, sprintf( /* translators: %s: a participant as written. */ __( '%s is listed twice.', 'dangjian' ), $p['who'] ) );
				$ok = false;
				continue;
			}
			$listed[ $pid ]  = true;
			$participants[]  = null === $p['hours'] ? $pid : array( 'id' => $pid, 'hours' => $p['hours'] );
			$links[]         = array( 'person_id' => $pid, 'hours' => $p['hours'] );
		}
		return array( $participants, $links, $ok );
	}

	/**
	 * What makes two activities the same for the duplicate check.
	 *
	 * @param string     $date          The date.
	 * @param string     $category      The category.
	 * @param string     $kind          The kind.
	 * @param string     $title         The title.
	 * @param string     $venue         The venue.
	 * @param string|int $hours         The hours.
	 * @param int        $beneficiaries The beneficiaries.
	 */
	private static function activity_key( $date, $category, $kind, $title, $venue, $hours, $beneficiaries ): string {
		return implode( "\x1F", array( $date, $category, $kind, Import_Vocabulary::trim( (string) $title ), Import_Vocabulary::trim( (string) $venue ), number_format( (float) $hours, 2, '.', '' ), (int) $beneficiaries ) );
	}

	/**
	 * Rows of a table whose column is one of some values, read 500 values at a time (Import_Update's
	 * stored participants too).
	 *
	 * @param string      $sql    A SELECT with "IN (%s)" where the list goes.
	 * @param array       $values The values (ints or strings).
	 * @param string|null $key    Index the result by this column, or null for a list.
	 * @return array[]
	 */
	public static function existing( string $sql, array $values, ?string $key ): array {
		global $wpdb;
		$values = array_values( array_unique( $values ) );
		$out    = array();
		foreach ( array_chunk( $values, 500 ) as $chunk ) {
			$list = implode( ',', array_map( static fn( $v ) => is_int( $v ) ? (string) $v : $wpdb->prepare( '%s', $v ), $chunk ) );
			$rows = $wpdb->get_results( str_replace( '(%s)', '(' . $list . ')', $sql ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Each value is prepared above.
			foreach ( (array) $rows as $row ) {
				if ( null === $key ) {
					$out[] = $row;
				} else {
					$out[ (int) $row[ $key ] ] = $row;
				}
			}
		}
		return $out;
	}

	/**
	 * What the activity checks look up: people by name and by id, activities recorded on the dates.
	 *
	 * @param string[] $names Participants named.
	 * @param int[]    $pids  Participants given by id.
	 * @param string[] $dates The dates of the file.
	 * @return array{0:array<string,int[]>,1:array<int,array>,2:array<string,int>}
	 */
	private static function activity_lookups( array $names, array $pids, array $dates ): array {
		$people  = Schema::table( 'people' );
		$by_name = array();
		foreach ( self::existing( 'SELECT id, name FROM ' . $people . ' WHERE name IN (%s)', $names, null ) as $row ) {
			$by_name[ $row['name'] ][] = (int) $row['id'];
		}
		$recorded = array();
		foreach ( self::existing( 'SELECT id, activity_date, category, kind, title, venue, hours, beneficiaries FROM ' . Schema::table( 'activities' ) . ' WHERE activity_date IN (%s)', $dates, null ) as $row ) {
			$recorded[ self::activity_key( $row['activity_date'], $row['category'], $row['kind'], $row['title'], $row['venue'], $row['hours'], (int) $row['beneficiaries'] ) ] = (int) $row['id'];
		}
		return array( $by_name, self::existing( 'SELECT id, name FROM ' . $people . ' WHERE id IN (%s)', $pids, 'id' ), $recorded );
	}

	/**
	 * Takes a record out of the scratch dataset before its updated row is added (the engine may have
	 * left a bad stored row out already).
	 *
	 * @param Dataset $scratch The scratch dataset.
	 * @param string  $type    "people" or "activities".
	 * @param int     $id      The record.
	 */
	private static function scratch_remove( Dataset $scratch, string $type, int $id ): void {
		try {
			if ( 'people' === $type ) {
				$scratch->removePeople( array( $id ) );
			} else {
				$scratch->removeActivities( array( $id ) );
			}
		} catch ( InvalidRecord $e ) {
			unset( $e ); // Not in the dataset: nothing to take out.
		}
	}

	/**
	 * Adds a row to the scratch dataset (an update takes the stored record out first); a refusal is
	 * added to the errors, on the column of the field the engine names (else on $fallback's).
	 *
	 * @param Dataset  $scratch  The scratch dataset (the tables plus the rows checked so far).
	 * @param string   $type     "people" or "activities".
	 * @param array    $engine   The engine row.
	 * @param bool     $update   Whether the row updates a stored record of the same id.
	 * @param int      $row      The spreadsheet row.
	 * @param callable $col      Field => column name.
	 * @param string   $fallback The field to mark when the engine names none.
	 * @param array    $errors   The report's errors (added to).
	 */
	private static function engine_add( Dataset $scratch, string $type, array $engine, bool $update, int $row, callable $col, string $fallback, array &$errors ): void {
		if ( $update ) {
			self::scratch_remove( $scratch, $type, (int) $engine['id'] );
		}
		try {
			if ( 'people' === $type ) {
				$scratch->addPeople( array( $engine ) );
			} else {
				$scratch->addActivities( array( $engine ) );
			}
		} catch ( InvalidRecord $e ) {
			list( $field, $message ) = self::engine_error( $e, $engine, $type );
			$errors[]                = Import::error( $row, $col( $field ) ?: $col( $fallback ), $message );
		}
	}

	/**
	 * An engine refusal as [column field, message in the site's language] (Engine_Errors words it).
	 *
	 * @param InvalidRecord $e    The refusal.
	 * @param array         $row  The engine row it refused.
	 * @param string        $type "people" or "activities".
	 * @return array{0:string,1:string}
	 */
	private static function engine_error( InvalidRecord $e, array $row, string $type ): array {
		$columns = Import_Vocabulary::columns( $type );
		$error   = Engine_Errors::describe( $e, $row, static fn( string $f ) => (string) ( $columns[ $f ]['label'] ?? $f ) );
		return array( $error['field'], $error['message'] );
	}
}

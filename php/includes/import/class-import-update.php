<?php
/**
 * An import that updates: rows whose ID is recorded change that record (an exported file edited in
 * a spreadsheet and imported again). What each row does, what it changes, and the preview of it.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Import_Checks marks each record "new", "changed" (with its changes: column => [stored, imported])
 * or "same"; Import writes the new ones, updates the changed ones and leaves the same ones alone;
 * Import_Admin shows the counts and the changes before anything is written.
 */
final class Import_Update {

	/** The most changes the preview lists (column by column). */
	const CHANGES_SHOWN = 200;

	/**
	 * The values of an updating row: the columns the file does not have take the stored record's.
	 *
	 * @param array                $report The report (its columns).
	 * @param array                $v      The row's values, by column.
	 * @param array                $before The stored record.
	 * @param array<string,string> $map    Column => table column where they differ.
	 * @return array
	 */
	public static function keep_absent( array $report, array $v, array $before, array $map ): array {
		foreach ( Import_Vocabulary::columns( $report['type'] ) as $name => $def ) {
			if ( isset( $report['field_columns'][ $name ] ) || in_array( $name, array( 'id', 'stage', 'participants' ), true ) ) {
				continue;
			}
			$stored = $before[ $map[ $name ] ?? $name ] ?? null;
			if ( null !== $stored && in_array( $def['parser'], array( 'count', 'year' ), true ) ) {
				$stored = (int) $stored;
			} elseif ( null !== $stored && 'bool' === $def['parser'] ) {
				$stored = '1' === (string) $stored;
			}
			$v[ $name ] = $stored;
		}
		return $v;
	}

	/**
	 * Whether a row adds a record ("new"), changes one ("changed", with what changes: column =>
	 * [stored, imported]) or repeats it ("same", written as it is: not at all).
	 *
	 * @param array                $rec    The record of the report (status and changes set).
	 * @param array|null           $before The stored record, or null.
	 * @param array<string,string> $map    Column => table column where they differ.
	 */
	public static function compare( array &$rec, ?array $before, array $map ): void {
		$rec['status']  = null === $before ? 'new' : 'same';
		$rec['changes'] = array();
		if ( null === $before ) {
			return;
		}
		$text = static fn( $x ) => null === $x ? '' : ( is_bool( $x ) ? ( $x ? '1' : '0' ) : (string) $x );
		foreach ( $rec['db'] as $key => $value ) {
			if ( in_array( $key, array( 'id', 'created_at', 'updated_at' ), true ) || ! array_key_exists( $key, $before ) ) {
				continue;
			}
			if ( $text( $before[ $key ] ) !== $text( $value ) ) {
				$column = array_search( $key, $map, true );
				$rec['changes'][ false === $column ? $key : $column ] = array( $text( $before[ $key ] ), $text( $value ) );
			}
		}
		unset( $rec['db']['created_at'] ); // An update keeps the day the record was made.
		$rec['status'] = $rec['changes'] ? 'changed' : 'same';
	}

	/**
	 * The stored participants of activities: activity id => list of (person_id, hours, name).
	 *
	 * @param int[] $ids The activities.
	 * @return array<int,array[]>
	 */
	public static function stored_links( array $ids ): array {
		$out = array();
		foreach ( Import_Checks::existing( 'SELECT p.activity_id, p.person_id, p.hours, n.name FROM ' . Schema::table( 'participants' ) . ' p LEFT JOIN ' . Schema::table( 'people' ) . ' n ON n.id = p.person_id WHERE p.activity_id IN (%s) ORDER BY p.id', array_map( 'intval', $ids ), null ) as $link ) {
			$out[ (int) $link['activity_id'] ][] = $link;
		}
		return $out;
	}

	/**
	 * An updated activity's participants against the stored ones: a change when the people or their
	 * own hours differ ("张三、李四 (1.5)" before and after).
	 *
	 * @param array   $rec    The record (its links and values; status and changes updated).
	 * @param array[] $stored The stored links (person_id, hours, name).
	 */
	public static function compare_links( array &$rec, array $stored ): void {
		$key  = static fn( array $links ) => implode( ',', array_map( static fn( $l ) => $l['person_id'] . ':' . ( null === $l['hours'] ? '' : Amount::round( (string) $l['hours'] ) ), $links ) );
		$old  = $stored;
		$new  = (array) $rec['links'];
		$sort = static fn( $a, $b ) => (int) $a['person_id'] <=> (int) $b['person_id'];
		usort( $old, $sort );
		usort( $new, $sort );
		if ( $key( $old ) === $key( $new ) ) {
			return;
		}
		$text = array();
		foreach ( $stored as $l ) {
			$text[] = ( null === $l['name'] ? '#' . $l['person_id'] : $l['name'] ) . ( null === $l['hours'] ? '' : ' (' . Amount::trim( (string) $l['hours'] ) . ')' );
		}
		$now = array();
		foreach ( (array) ( $rec['values']['participants'] ?? array() ) as $p ) {
			$now[] = $p['who'] . ( null === $p['hours'] ? '' : ' (' . Amount::trim( (string) $p['hours'] ) . ')' );
		}
		$rec['changes']['participants'] = array( implode( '、', $text ), implode( '、', $now ) );
		$rec['status']                  = 'changed';
	}

	/**
	 * A stored or imported value as the preview of the changes shows it: labels for the coded values,
	 * amounts without needless zeros, "—" for none.
	 *
	 * @param string $column The spreadsheet column.
	 * @param string $value  The value as stored ('' for none).
	 */
	public static function change_text( string $column, string $value ): string {
		if ( '' === $value ) {
			return '—';
		}
		switch ( $column ) {
			case 'is_staff':
				return Import_Vocabulary::bool_label( '1' === $value );
			case 'gender':
				return Import_Vocabulary::gender_label( $value );
			case 'left_reason':
				return Import_Vocabulary::left_reason_label( $value );
			case 'category':
				return Import_Vocabulary::category_label( $value );
			case 'kind':
				return Import_Vocabulary::kind_label( $value );
			case 'venue_kind':
				return Import_Vocabulary::venue_kind_label( $value );
			case 'hours':
			case 'fee_waived':
			case 'donation':
			case 'amount':
				return Amount::trim( $value );
		}
		return $value;
	}

	/**
	 * How many rows add a record, change one or repeat one as stored.
	 *
	 * @param array $report The checked report.
	 * @return array{new:int,changed:int,same:int}
	 */
	public static function status_counts( array $report ): array {
		$out = array(
			'new'     => 0,
			'changed' => 0,
			'same'    => 0,
		);
		foreach ( $report['records'] as $rec ) {
			++$out[ $rec['status'] ?? 'new' ];
		}
		return $out;
	}

	/**
	 * What the import will do: how many rows add a record, change one (and what changes, old → new)
	 * or repeat one as stored. An exported file edited and imported again updates by id.
	 *
	 * @param array                $report The checked report.
	 * @param array<string,string> $labels Column => header.
	 */
	public static function render_changes( array $report, array $labels ): void {
		$counts = self::status_counts( $report );
		echo '<p class="dangjian-import-counts" data-new="' . esc_attr( (string) $counts['new'] ) . '" data-changed="' . esc_attr( (string) $counts['changed'] ) . '" data-same="' . esc_attr( (string) $counts['same'] ) . '"><strong>' . esc_html(
			sprintf(
				/* translators: 1: rows that add a record, 2: rows that change one, 3: rows the same as stored. */
				__( 'New records: %1$d. Records changed: %2$d. Unchanged (left as they are): %3$d.', 'dangjian' ),
				$counts['new'],
				$counts['changed'],
				$counts['same']
			)
		) . '</strong></p>';
		if ( ! $counts['changed'] ) {
			return;
		}
		echo '<h3>' . esc_html__( 'What changes', 'dangjian' ) . '</h3>';
		echo '<table class="widefat striped dangjian-changes" style="max-width:70em"><thead><tr><th>' . esc_html__( 'Row', 'dangjian' ) . '</th><th>' . esc_html__( 'ID', 'dangjian' ) . '</th><th>' . esc_html__( 'Column', 'dangjian' ) . '</th><th>' . esc_html__( 'Now', 'dangjian' ) . '</th><th>' . esc_html__( 'After the import', 'dangjian' ) . '</th></tr></thead><tbody>';
		$shown = 0;
		foreach ( $report['records'] as $rec ) {
			foreach ( 'changed' === ( $rec['status'] ?? '' ) ? $rec['changes'] : array() as $column => $change ) {
				if ( ++$shown > self::CHANGES_SHOWN ) {
					break 2;
				}
				echo '<tr data-row="' . esc_attr( (string) $rec['row'] ) . '" data-field="' . esc_attr( (string) $column ) . '"><td>' . esc_html( (string) $rec['row'] ) . '</td><td>' . esc_html( (string) $rec['db']['id'] ) . '</td><td>' . esc_html( $labels[ $column ] ?? $column ) . '</td><td>' . esc_html( self::change_text( (string) $column, $change[0] ) ) . '</td><td>' . esc_html( self::change_text( (string) $column, $change[1] ) ) . '</td></tr>';
			}
		}
		echo '</tbody></table>';
		if ( $shown > self::CHANGES_SHOWN ) {
			/* translators: %d: a number of changes. */
			echo '<p class="description">' . esc_html( sprintf( __( 'The first %d changes are shown.', 'dangjian' ), self::CHANGES_SHOWN ) ) . '</p>';
		}
	}

	/**
	 * What a row does, in the preview's words.
	 *
	 * @param string $status "new", "changed" or "same".
	 */
	public static function state_label( string $status ): string {
		$labels = array(
			'new'     => __( 'new', 'dangjian' ),
			'changed' => __( 'changes', 'dangjian' ),
			'same'    => __( 'unchanged', 'dangjian' ),
		);
		return $labels[ $status ] ?? '';
	}
}

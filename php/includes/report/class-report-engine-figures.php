<?php
/**
 * The report's service.* and meetings.* figures, from the engine, with as few stats() calls as the
 * result allows.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * A filter of one kind, one project or one venue kind is read from the unfiltered result's by_kind,
 * by_project or by_venue_kind when those hold the figure (the same numbers: STATS.md defines them
 * over the same activities); any other filter is passed to the engine (STATS.md v2 `filter`).
 */
final class Report_Engine_Figures {

	/**
	 * A service.* or meetings.* figure.
	 *
	 * @param string         $group service or meetings.
	 * @param string         $field The field after the dot.
	 * @param array          $args  Name => text (checked).
	 * @param Report_Context $ctx   The period.
	 * @return mixed
	 */
	public static function value( string $group, string $field, array $args, Report_Context $ctx ) {
		$filter = Report_Figures::filter( $args );
		$short  = self::shortcut( $group, $field, $filter, $ctx );
		if ( null !== $short ) {
			return $short[0];
		}
		$top = 'top_names' === $field ? (int) ( $args['top'] ?? 5 ) : 10;
		$s   = $ctx->stats( $filter, max( 10, $top ) );
		if ( 'meetings' === $group ) {
			return self::meetings( $field, $s['meetings'] );
		}
		$svc = $s['service'];
		switch ( $field ) {
			case 'venues':
				return array_sum( array_column( $svc['by_venue_kind'], 'venues' ) );
			case 'venue_kinds':
				return count( $svc['by_venue_kind'] );
			case 'venue_kind_names':
				return array_map( array( self::class, 'venue_kind_name' ), array_keys( self::in_order( $svc['by_venue_kind'], Import_Vocabulary::VENUE_KINDS ) ) );
			case 'kind_names':
				return array_map( static fn( $k ) => self::kind_name( 'service', (string) $k ), array_keys( self::in_order( $svc['by_kind'], Import_Vocabulary::KINDS['service'] ) ) );
			case 'projects':
				return array_map( 'strval', array_keys( $svc['by_project'] ?? array() ) );
			case 'project_details':
				$out = array();
				foreach ( $svc['by_project'] ?? array() as $name => $e ) {
					$out[] = sprintf( '%s（%s人参与，开展活动%s次，服务群众%s人次）', $name, Report_Format::exact( $e['volunteers'] ), Report_Format::exact( $e['activities'] ), Report_Format::exact( $e['beneficiaries'] ) );
				}
				return $out;
			case 'kind_details':
				$out = array();
				foreach ( self::in_order( $svc['by_kind'], Import_Vocabulary::KINDS['service'] ) as $kind => $e ) {
					$out[] = sprintf( '%s%s次（服务%s人次）', self::kind_name( 'service', (string) $kind ), Report_Format::exact( $e['activities'] ), Report_Format::exact( $e['beneficiaries'] ) );
				}
				return $out;
			case 'project_count':
				return count( $svc['by_project'] ?? array() );
			case 'top_names':
				$ids = array_column( array_slice( $svc['top_volunteers'], 0, $top ), 'id' );
				return $ctx->memo( 'names:' . implode( ',', $ids ), static fn() => Report_Tables::names( $ids ) );
		}
		if ( ! array_key_exists( $field, $svc ) ) {
			/* translators: %s: a figure id. */
			throw new \RuntimeException( sprintf( __( 'The engine does not give %s: it may be older than STATS.md version 2.', 'dangjian' ), 'service.' . $field ) );
		}
		return $svc[ $field ];
	}

	/**
	 * The figure read from the unfiltered result when the filter allows, as array( value ), or null.
	 *
	 * @param string         $group  service or meetings.
	 * @param string         $field  The field.
	 * @param array          $filter The engine filter.
	 * @param Report_Context $ctx    The period.
	 */
	private static function shortcut( string $group, string $field, array $filter, Report_Context $ctx ): ?array {
		if ( 1 !== count( $filter ) ) {
			return null;
		}
		$key    = array_key_first( $filter );
		$values = $filter[ $key ];
		if ( 1 !== count( $values ) ) {
			return null;
		}
		$one = $values[0];
		if ( 'meetings' === $group ) {
			if ( 'kinds' === $key && 'total' === $field ) {
				return array( (int) ( $ctx->stats()['meetings']['by_kind'][ $one ] ?? 0 ) );
			}
			return null;
		}
		$svc = $ctx->stats()['service'];
		if ( 'kinds' === $key && in_array( $field, Report_Figures::BY_KIND, true ) ) {
			return array( $svc['by_kind'][ $one ][ $field ] ?? 0 );
		}
		if ( 'projects' === $key && in_array( $field, Report_Figures::BY_PROJECT, true ) && isset( $svc['by_project'] ) ) {
			return array( $svc['by_project'][ $one ][ $field ] ?? 0 );
		}
		if ( 'venue_kinds' === $key && in_array( $field, Report_Figures::BY_VENUE_KIND, true ) ) {
			return array( $svc['by_venue_kind'][ $one ][ $field ] ?? 0 );
		}
		return null;
	}

	/**
	 * A meetings.* figure from the result's meetings block.
	 *
	 * @param string $field The field.
	 * @param array  $m     The meetings block.
	 */
	private static function meetings( string $field, array $m ) {
		switch ( $field ) {
			case 'missing':
				return array_sum( array_map( 'count', $m['missing'] ) );
			case 'kind_names':
				return array_map( static fn( $k ) => self::kind_name( 'meeting', $k ), array_keys( $m['by_kind'] ) );
		}
		return $m[ $field ];
	}

	/**
	 * A map of the engine's (keyed by slug, in byte order) in the order a reader expects: the
	 * vocabulary's order (社区, 企业, 学校 … as DOMAIN.md lists them), then any other slug as it came.
	 *
	 * @param array $map   Slug => entry.
	 * @param array $order Slug => anything, in the wanted order.
	 */
	private static function in_order( array $map, array $order ): array {
		return array_replace( array_intersect_key( $order, $map ), $map );
	}

	/**
	 * An activity kind's Chinese name (the first Chinese word of the import vocabulary), or the slug.
	 *
	 * @param string $category service or meeting.
	 * @param string $kind     The slug.
	 */
	public static function kind_name( string $category, string $kind ): string {
		$words = class_exists( '\\Dangjian\\Import_Vocabulary' ) ? ( Import_Vocabulary::KINDS[ $category ][ $kind ] ?? array() ) : array();
		foreach ( $words as $word ) {
			if ( preg_match( '/\p{Han}/u', $word ) ) {
				return $word;
			}
		}
		return $kind;
	}

	/**
	 * A venue kind's Chinese name, or the slug.
	 *
	 * @param string $kind The slug.
	 */
	public static function venue_kind_name( string $kind ): string {
		$words = class_exists( '\\Dangjian\\Import_Vocabulary' ) ? ( Import_Vocabulary::VENUE_KINDS[ $kind ] ?? array() ) : array();
		foreach ( $words as $word ) {
			if ( preg_match( '/\p{Han}/u', $word ) ) {
				return $word;
			}
		}
		return $kind;
	}
}

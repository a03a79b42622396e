<?php
/**
 * WP-CLI: wp dangjian rating.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Prints a year's star-rating assessment.
 */
final class Rating_Cli {

	/**
	 * The command's synopsis for WP_CLI::add_command().
	 */
	public static function synopsis(): array {
		return array(
			'shortdesc' => 'Shows the star-rating self-assessment of a year: every item\'s points, the total and the stars.',
			'synopsis'  => array(
				array(
					'type'        => 'assoc',
					'name'        => 'year',
					'description' => 'The year (default: this year, a draft).',
					'optional'    => true,
				),
				array(
					'type'        => 'assoc',
					'name'        => 'format',
					'description' => 'Output format.',
					'optional'    => true,
					'default'     => 'table',
					'options'     => array( 'table', 'json' ),
				),
			),
			'longdesc'  => "## EXAMPLES\n\n    wp dangjian rating --year=2025\n    wp dangjian rating --year=2025 --format=json",
		);
	}

	/**
	 * The command.
	 *
	 * @param array $args       Positional arguments (none).
	 * @param array $assoc_args --year, --format.
	 */
	public static function rating( $args, $assoc_args ): void {
		$year = isset( $assoc_args['year'] ) ? (string) $assoc_args['year'] : (string) Rating_Store::this_year();
		if ( ! preg_match( '/^\d{4}$/', $year ) ) {
			\WP_CLI::error( '--year must be a year such as 2025.' );
		}
		$row = Rating_Store::assessment( (int) $year );
		if ( is_wp_error( $row ) ) {
			\WP_CLI::error( $row->get_error_message() );
		}
		$r = $row['result'];
		if ( 'json' === ( $assoc_args['format'] ?? 'table' ) ) {
			\WP_CLI::line( (string) wp_json_encode( Rating_Rest::response( $row ), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ) );
			return;
		}
		$items = array();
		foreach ( $r['indicators'] as $indicator ) {
			foreach ( $indicator['items'] as $item ) {
				$s       = $item['source'];
				$items[] = array(
					'indicator' => $indicator['name'],
					'item'      => $item['label'],
					'kind'      => $item['kind'],
					'max'       => Rating_View::points( $item['max'] ),
					'points'    => Rating_View::points( $item['points'] ),
					'source'    => 'automatic' === $item['kind']
						? $s['figure'] . '=' . ( null === $s['value'] ? '-' : Rating_View::points( $s['value'] ) )
						: ( $item['scored'] ? $item['note'] : '(not scored)' ),
				);
			}
		}
		\WP_CLI\Utils\format_items( 'table', $items, array( 'indicator', 'item', 'kind', 'max', 'points', 'source' ) );
		\WP_CLI::line(
			sprintf(
				'%d (%s): %s of %s points, %d stars%s',
				$r['year'],
				$row['status'],
				Rating_View::points( $r['total'] ),
				Rating_View::points( $r['max_total'] ),
				$r['stars'],
				$r['vetoed'] ? ' (a veto item is on)' : ''
			)
		);
		if ( null !== $r['gap']['next_stars'] ) {
			\WP_CLI::line( sprintf( 'Next: %d stars needs %s more points.', $r['gap']['next_stars'], Rating_View::points( $r['gap']['needed'] ) ) );
		}
	}
}

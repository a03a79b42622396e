<?php
/**
 * WP-CLI: wp dangjian report.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Writes the work report of a period.
 */
final class Report_Cli {

	/**
	 * The command's synopsis (WP_CLI::add_command's third argument).
	 */
	public static function synopsis(): array {
		return array(
			'shortdesc' => 'Writes the work report (工作汇报) of a year or a period as .docx, HTML or text.',
			'synopsis'  => array(
				array(
					'type'        => 'assoc',
					'name'        => 'year',
					'optional'    => true,
					'description' => 'The year (default: this year).',
				),
				array(
					'type'        => 'assoc',
					'name'        => 'from',
					'optional'    => true,
					'description' => 'First day, YYYY-MM-DD (with --to).',
				),
				array(
					'type'        => 'assoc',
					'name'        => 'to',
					'optional'    => true,
					'description' => 'Last day, YYYY-MM-DD (with --from).',
				),
				array(
					'type'        => 'assoc',
					'name'        => 'format',
					'optional'    => true,
					'default'     => 'text',
					'options'     => array( 'docx', 'html', 'text' ),
					'description' => 'What to write.',
				),
				array(
					'type'        => 'assoc',
					'name'        => 'output',
					'optional'    => true,
					'description' => 'The file to write (required for docx; default: standard output).',
				),
			),
		);
	}

	/**
	 * wp dangjian report [--year=<year>] [--from=<date> --to=<date>] [--format=docx|html|text] [--output=<file>]
	 *
	 * @param array $args       Positional arguments (none).
	 * @param array $assoc_args --year, --from, --to, --format, --output.
	 */
	public static function report( array $args, array $assoc_args ): void {
		$format = (string) ( $assoc_args['format'] ?? 'text' );
		$output = isset( $assoc_args['output'] ) ? (string) $assoc_args['output'] : '';
		if ( ! in_array( $format, array( 'docx', 'html', 'text' ), true ) ) {
			\WP_CLI::error( sprintf( '--format: "%s" is not docx, html or text.', $format ) );
		}
		if ( 'docx' === $format && '' === $output ) {
			\WP_CLI::error( '--output: a .docx needs a file to write.' );
		}
		if ( isset( $assoc_args['from'] ) xor isset( $assoc_args['to'] ) ) {
			\WP_CLI::error( '--from and --to go together.' );
		}
		list( $ctx, $error ) = Report_Admin::context_of( (string) ( $assoc_args['year'] ?? '' ), (string) ( $assoc_args['from'] ?? '' ), (string) ( $assoc_args['to'] ?? '' ) );
		if ( '' !== $error ) {
			\WP_CLI::error( $error );
		}
		try {
			$report = Report_Output::build( $ctx );
		} catch ( \Throwable $e ) {
			\WP_CLI::error( $e->getMessage() );
		}
		if ( 'docx' === $format ) {
			$bytes = Report_Output::docx( $report );
		} elseif ( 'html' === $format ) {
			$bytes = Report_Output::page( $report );
		} else {
			$bytes = Report_Output::text( $report );
		}
		if ( '' === $output ) {
			echo $bytes; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- Text or an escaped page, to a terminal.
			return;
		}
		if ( false === file_put_contents( $output, $bytes ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents
			\WP_CLI::error( sprintf( 'could not write %s', $output ) );
		}
		\WP_CLI::success( sprintf( 'wrote %s (%d bytes, %s to %s)', $output, strlen( $bytes ), $ctx->from, $ctx->to ) );
	}
}

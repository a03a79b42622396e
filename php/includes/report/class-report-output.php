<?php
/**
 * The report in its three outputs: text, HTML (the preview and the print view) and .docx.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Builds a report (the template rendered for a period) and writes it out.
 */
final class Report_Output {

	/**
	 * The rendered report of a period.
	 *
	 * @param Report_Context $ctx      The period.
	 * @param string|null    $template The template text; default the site's (Report_Template::stored()).
	 * @return array{title:string,blocks:array,period:array,calls:int}
	 * @throws \RuntimeException When the template has errors (all of them in the message, by line) or
	 *                           a figure cannot be computed.
	 */
	public static function build( Report_Context $ctx, ?string $template = null ): array {
		$parsed = Report_Template::parse( $template ?? Report_Template::stored() );
		if ( array() !== $parsed['errors'] ) {
			$lines = array_map(
				/* translators: 1: a line number, 2: an error. */
				static fn( $e ) => sprintf( __( 'line %1$d: %2$s', 'dangjian' ), $e['line'], $e['message'] ),
				$parsed['errors']
			);
			/* translators: %s: the errors. */
			throw new \RuntimeException( sprintf( __( 'The report template has errors: %s', 'dangjian' ), implode( '; ', $lines ) ) );
		}
		$blocks = Report_Template::render( $parsed['blocks'], $ctx );
		$title  = '';
		foreach ( $blocks as $block ) {
			if ( 'title' === $block['type'] ) {
				$title = Report_Template::plain( $block['parts'] );
				break;
			}
		}
		return array(
			'title'  => $title,
			'blocks' => $blocks,
			'period' => array(
				'from'  => $ctx->from,
				'to'    => $ctx->to,
				'as_of' => $ctx->as_of,
			),
			'calls'  => $ctx->calls,
		);
	}

	/**
	 * The report as plain text: the title, then each heading and paragraph on its own line (a blank
	 * line before each heading).
	 *
	 * @param array $report From self::build().
	 */
	public static function text( array $report ): string {
		$out = '';
		foreach ( $report['blocks'] as $block ) {
			$text = Report_Template::plain( $block['parts'] );
			if ( 'title' === $block['type'] ) {
				$out .= $text . "\n\n";
			} elseif ( 'heading' === $block['type'] ) {
				$out .= ( 1 === $block['level'] ? "\n" : '' ) . $text . "\n";
			} else {
				$out .= ( 'both' === $block['align'] ? '　　' : '' ) . $text . "\n";
			}
		}
		return $out;
	}

	/**
	 * The report as an HTML fragment (escaped). With $marked, every figure is a focusable span (role button) carrying its
	 * id and args (the preview: a click lists the records behind it).
	 *
	 * @param array $report From self::build().
	 * @param bool  $marked Whether to mark the figures.
	 */
	public static function html( array $report, bool $marked ): string {
		$catalogue = Report_Figures::catalogue();
		$out       = '<div class="dangjian-report">';
		foreach ( $report['blocks'] as $block ) {
			$inner = '';
			foreach ( $block['parts'] as $part ) {
				if ( ! isset( $part['figure'] ) || ! $marked ) {
					$inner .= esc_html( $part['text'] );
					continue;
				}
				$spec   = $catalogue[ $part['figure'] ];
				$label  = $spec['label'] . ( '' !== $spec['unit'] ? '（' . $spec['unit'] . '）' : '' );
				$inner .= '<span role="button" tabindex="0" class="dangjian-figure" data-figure="' . esc_attr( $part['figure'] ) . '" data-args="' . esc_attr( (string) wp_json_encode( (object) $part['args'] ) ) . '" data-value="' . esc_attr( is_scalar( $part['value'] ) ? (string) $part['value'] : (string) wp_json_encode( $part['value'] ) ) . '" title="' . esc_attr( $label . ' · ' . $part['figure'] ) . '">' . esc_html( $part['text'] ) . '</span>';
			}
			if ( 'title' === $block['type'] ) {
				$out .= '<h1 class="dangjian-report-title">' . $inner . '</h1>';
			} elseif ( 'heading' === $block['type'] ) {
				$tag  = 1 === $block['level'] ? 'h2' : 'h3';
				$out .= '<' . $tag . '>' . $inner . '</' . $tag . '>';
			} else {
				$out .= '<p class="dangjian-align-' . esc_attr( $block['align'] ) . '">' . $inner . '</p>';
			}
		}
		return $out . '</div>';
	}

	/**
	 * The CSS of the report's HTML (preview and print view): A4 pages, the GB/T 9704 margins, 仿宋.
	 */
	public static function css(): string {
		return '@page{size:A4;margin:37mm 26mm 35mm 28mm}'
			. '.dangjian-report{font-family:"仿宋_GB2312","FangSong","STFangsong",serif;font-size:16pt;line-height:28pt;color:#000;max-width:156mm}'
			. '.dangjian-report h1{font-family:"方正小标宋简体","STZhongsong","SimSun",serif;font-size:22pt;line-height:35pt;text-align:center;font-weight:normal;margin:0 0 28pt}'
			. '.dangjian-report h2{font-family:"黑体","SimHei",sans-serif;font-size:16pt;font-weight:normal;margin:0;text-indent:2em}'
			. '.dangjian-report h3{font-family:"楷体_GB2312","KaiTi","STKaiti",serif;font-size:16pt;font-weight:normal;margin:0;text-indent:2em}'
			. '.dangjian-report p{margin:0;text-indent:2em;text-align:justify}'
			. '.dangjian-report p.dangjian-align-left{text-indent:0}.dangjian-report p.dangjian-align-right{text-indent:0;text-align:right}'
			. '.dangjian-figure{border-bottom:2px solid #c00;background:#fff3f3;padding:0 1px;cursor:pointer}.dangjian-figure:focus,.dangjian-figure.is-open{outline:2px solid #2271b1;background:#fde2e2}'
			. '@media print{.dangjian-figure{background:none;border:0}.dangjian-noprint{display:none}}';
	}

	/**
	 * The print view: a whole HTML page of the report, A4 (@page), figures not marked.
	 *
	 * @param array $report From self::build().
	 */
	public static function page( array $report ): string {
		return '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>' . esc_html( $report['title'] ) . '</title>'
			. '<style>body{margin:0;background:#fff}' . self::css() . '@media screen{.dangjian-report{margin:20mm auto}}</style></head><body>'
			. '<p class="dangjian-noprint" style="text-align:center;font:14px sans-serif"><button type="button" onclick="window.print()">' . esc_html__( 'Print or save as PDF', 'dangjian' ) . '</button></p>'
			. self::html( $report, false ) . '</body></html>';
	}

	/**
	 * The report as .docx bytes (Report_Docx).
	 *
	 * @param array    $report    From self::build().
	 * @param int|null $timestamp The time written in the file; default now.
	 */
	public static function docx( array $report, ?int $timestamp = null ): string {
		$blocks = array();
		foreach ( $report['blocks'] as $block ) {
			$text = Report_Template::plain( $block['parts'] );
			if ( 'title' === $block['type'] ) {
				$blocks[] = array(
					'type' => 'title',
					'text' => $text,
				);
			} elseif ( 'heading' === $block['type'] ) {
				$blocks[] = array(
					'type'  => 'heading',
					'level' => $block['level'],
					'text'  => $text,
				);
			} else {
				$blocks[] = array(
					'type'   => 'paragraph',
					'text'   => $text,
					'align'  => $block['align'],
					'indent' => 'both' === $block['align'],
				);
			}
		}
		$profile = Report_Figures::profile_data();
		return Report_Docx::document(
			$blocks,
			array(
				'title'     => $report['title'],
				'author'    => $profile['name'],
				'timestamp' => $timestamp,
			)
		);
	}

	/**
	 * A file name for the report of a period: dangjian-report-2025.docx, or -2025-03-01-2025-06-30.
	 *
	 * @param array  $period from, to.
	 * @param string $ext    docx, html or txt.
	 */
	public static function filename( array $period, string $ext ): string {
		$year = substr( $period['from'], 0, 4 );
		$name = ( $period['from'] === $year . '-01-01' && $period['to'] === $year . '-12-31' ) ? $year : $period['from'] . '-' . $period['to'];
		return 'dangjian-report-' . $name . '.' . $ext;
	}
}

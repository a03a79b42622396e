<?php
/**
 * A year's assessment as a .docx table, written with the report room's Report_Docx.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The rubric's layout: indicator, item, points, score, evidence; then the total, the stars, the
 * veto items and the five-star condition.
 */
final class Rating_Docx {

	/**
	 * The blocks of the document.
	 *
	 * @param array $row An assessment (Rating_Store::assessment()).
	 * @return array Report_Docx blocks.
	 */
	public static function blocks( array $row ): array {
		$r      = $row['result'];
		$labels = Rating_Figures::catalogue();
		$org    = class_exists( '\\Dangjian\\Settings' ) ? Settings::organisation() : '';
		$rows   = array( array( '评价指标', '评分内容', '分值', '得分', '评分依据' ) );
		foreach ( $r['indicators'] as $indicator ) {
			foreach ( $indicator['items'] as $k => $item ) {
				$rows[] = array(
					0 === $k ? $indicator['name'] . '（' . Rating_View::points( $indicator['max'] ) . '分）' : '',
					$item['label'],
					Rating_View::points( $item['max'] ),
					Rating_View::points( $item['points'] ),
					self::evidence( $item, $labels ),
				);
			}
		}
		$rows[] = array( '合计', '', Rating_View::points( $r['max_total'] ), Rating_View::points( $r['total'] ), '' );
		$blocks = array(
			array(
				'type' => 'title',
				'text' => ( '' !== $org ? $org : '' ) . $r['year'] . '年度星级创评自评表',
			),
			array(
				'type'   => 'paragraph',
				'text'   => '评分标准：' . $r['rubric'] . '；统计期间：' . $r['period']['from'] . '至' . $r['period']['to'] . '。',
				'indent' => false,
			),
			array(
				'type'   => 'table',
				'rows'   => $rows,
				'header' => true,
				'widths' => array( 3, 7, 2, 2, 6 ),
			),
		);
		$vetoes = array();
		foreach ( $r['vetoes'] as $v ) {
			$vetoes[] = $v['label'] . '：' . ( $v['on'] ? '有' : '无' ) . ( '' !== $v['note'] ? '（' . $v['note'] . '）' : '' );
		}
		$text = '自评得分' . Rating_View::points( $r['total'] ) . '分，' . ( $r['vetoed'] ? '因存在一票否决事项，不评定星级。' : '评定为' . self::cn_stars( (int) $r['stars'] ) . '星级党组织。' );
		if ( $r['five_star'] ) {
			$text .= '五星条件（' . $r['five_star']['label'] . '）：' . ( $r['five_star']['met'] ? '具备' : '不具备' ) . '。';
		}
		$blocks[] = array(
			'type' => 'paragraph',
			'text' => $text,
		);
		if ( $vetoes ) {
			$blocks[] = array(
				'type' => 'paragraph',
				'text' => '一票否决事项：' . implode( '；', $vetoes ) . '。',
			);
		}
		return $blocks;
	}

	/**
	 * The evidence column: the figure and its value, or the secretary's note and links.
	 *
	 * @param array $item   A scored item.
	 * @param array $labels The figure catalogue.
	 */
	private static function evidence( array $item, array $labels ): string {
		if ( 'automatic' === $item['kind'] ) {
			$s = $item['source'];
			$v = null === $s['value'] ? '无数据' : Rating_View::points( $s['value'] );
			$t = '系统统计：' . ( $labels[ $s['figure'] ]['label'] ?? $s['figure'] ) . ' = ' . $v;
			if ( isset( $s['ratio'] ) ) {
				$t .= '，人均' . Rating_View::points( $s['ratio'] );
			}
			if ( array_key_exists( 'target', $s ) ) {
				$t .= '，年度计划下限' . ( null === $s['target'] ? '未填报' : $s['target'] );
			}
			return $t;
		}
		if ( ! $item['scored'] ) {
			return '未评分';
		}
		return trim( $item['note'] . ( $item['evidence'] ? "\n" . implode( "\n", $item['evidence'] ) : '' ) );
	}

	/**
	 * 一 … 五.
	 *
	 * @param int $n 1 to 5.
	 */
	private static function cn_stars( int $n ): string {
		return array( '零', '一', '二', '三', '四', '五' )[ max( 0, min( 5, $n ) ) ];
	}

	/**
	 * The .docx file's bytes.
	 *
	 * @param array $row An assessment.
	 */
	public static function bytes( array $row ): string {
		return Report_Docx::document(
			self::blocks( $row ),
			array(
				'title'  => $row['result']['year'] . '年度星级创评自评表',
				'author' => class_exists( '\\Dangjian\\Settings' ) ? Settings::organisation() : '',
			)
		);
	}
}

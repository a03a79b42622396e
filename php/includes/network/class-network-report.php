<?php
/**
 * The network's own work report (.docx), through the report room's writer Report_Docx.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * "全市×个两新党组织，党员×名，……": the totals of a year in a few paragraphs, the star distribution
 * and one table line per branch. Text written for this project. The area's name is the committee
 * site's profile city (Dangjian\Profile) when it has one, else "全市".
 */
final class Network_Report {

	/**
	 * Whether the report room's writer is installed.
	 */
	public static function available(): bool {
		return class_exists( '\\Dangjian\\Report_Docx' );
	}

	/**
	 * The report's blocks (Report_Docx's format).
	 *
	 * @param int     $year The year.
	 * @param array[] $rows Network_Store::rows() of the year.
	 * @return array[]
	 */
	public static function blocks( int $year, array $rows ): array {
		$t     = Network_Store::totals( $rows );
		$c     = Network_Store::coverage( $t['branches'] );
		$s     = $t['sum'];
		$area  = self::area();
		$pct   = static fn( $r ) => null === $r ? '—' : rtrim( rtrim( number_format( $r * 100, 1, '.', '' ), '0' ), '.' ) . '%';
		$num   = static fn( $v ) => rtrim( rtrim( number_format( (float) $v, 2, '.', '' ), '0' ), '.' );
		$intro = sprintf( '%s%d个两新党组织，党员%d名（其中预备党员%d名），入党申请人%d名，入党积极分子%d名，发展对象%d名。', $area, $t['branches'], $s['party_members'], $s['probationary'], $s['applicants'], $s['activists'], $s['candidates'] );
		if ( null !== $c['ratio'] ) {
			$intro .= sprintf( '纳入统计的组织共%d个，已建立党组织或被联合党组织覆盖的%d个，党组织覆盖率%s。', $c['organisations'], $c['covered'], $pct( $c['ratio'] ) );
		}
		$service  = sprintf( '全年共开展志愿服务%d次，服务时长%s小时，服务群众%d人次，减免费用%s元，捐款捐物%s元；志愿者累计服务%s小时，其中党员%s小时。', $s['service_activities'], $num( $s['service_hours'] ), $s['beneficiaries'], $num( $s['fee_waived'] ), $num( $s['donation'] ), $num( $s['volunteer_hours'] ), $num( $s['party_volunteer_hours'] ) );
		$meetings = sprintf( '组织生活方面，各党组织共召开会议%d次，“三会一课”按期完成率%s：绿灯%d个、黄灯%d个、红灯%d个，尚无应开会议的%d个。', $s['meetings'], $pct( $t['compliance'] ), $t['bands']['green'], $t['bands']['amber'], $t['bands']['red'], $t['bands']['none'] );
		$stars    = array();
		foreach ( array( '5', '4', '3', '2', '1' ) as $n ) {
			$stars[] = sprintf( '%s星级%d个', array( '5' => '五', '4' => '四', '3' => '三', '2' => '二', '1' => '一' )[ $n ], $t['stars'][ $n ] );
		}
		$rated = $t['branches'] - $t['stars']['none'];
		$table = array( array( '党组织', '所在区', '党员', '服务时长（小时）', '服务群众（人次）', '三会一课按期率', '星级' ) );
		foreach ( $rows as $row ) {
			$table[] = array(
				(string) $row['name'],
				(string) $row['district'],
				null === $row['party_members'] ? '—' : (string) (int) $row['party_members'],
				null === $row['service_hours'] ? '—' : $num( $row['service_hours'] ),
				null === $row['beneficiaries'] ? '—' : (string) (int) $row['beneficiaries'],
				null === $row['compliance'] ? '—' : $pct( (float) $row['compliance'] ),
				null === $row['stars'] ? '—' : (string) (int) $row['stars'],
			);
		}
		$notes = '说明：表中“—”表示该党组织未公开此项数据或尚无数据；党员等人数为截至统计日的人数，服务等数字为全年累计。';
		if ( $t['stale'] ) {
			$notes .= sprintf( '另有%d个党组织超过%d天未更新数据，请督促及时录入。', $t['stale'], Network_Store::settings()['stale_days'] );
		}
		return array(
			array( 'type' => 'title', 'text' => sprintf( '%d年度%s两新党组织党建工作情况', $year, '全市' === $area ? '' : $area ) ),
			array( 'type' => 'heading', 'level' => 1, 'text' => '一、基本情况' ),
			array( 'type' => 'paragraph', 'text' => $intro ),
			array( 'type' => 'heading', 'level' => 1, 'text' => '二、志愿服务' ),
			array( 'type' => 'paragraph', 'text' => $service ),
			array( 'type' => 'heading', 'level' => 1, 'text' => '三、组织生活' ),
			array( 'type' => 'paragraph', 'text' => $meetings ),
			array( 'type' => 'heading', 'level' => 1, 'text' => '四、星级评定' ),
			array( 'type' => 'paragraph', 'text' => $rated > 0 ? sprintf( '已评定星级的党组织%d个，其中%s。', $rated, implode( '、', $stars ) ) : '本年度尚未开展星级评定。' ),
			array( 'type' => 'heading', 'level' => 1, 'text' => '五、各党组织情况一览' ),
			array( 'type' => 'table', 'rows' => $table, 'header' => true, 'widths' => array( 4, 2, 1, 2, 2, 2, 1 ) ),
			array( 'type' => 'paragraph', 'text' => $notes ),
		);
	}

	/**
	 * The area's name: "全市", or the committee's city from its profile ("××市").
	 */
	private static function area(): string {
		if ( class_exists( '\\Dangjian\\Profile' ) && method_exists( '\\Dangjian\\Profile', 'get' ) ) {
			switch_to_blog( get_main_site_id() );
			$city = trim( (string) ( Profile::get()['city'] ?? '' ) );
			restore_current_blog();
			if ( '' !== $city ) {
				return $city;
			}
		}
		return '全市';
	}

	/**
	 * The .docx bytes of a year.
	 *
	 * @param int     $year The year.
	 * @param array[] $rows The rows.
	 */
	public static function document( int $year, array $rows ): string {
		return Report_Docx::document(
			self::blocks( $year, $rows ),
			array(
				'title'  => sprintf( '%d年度两新党组织党建工作情况', $year ),
				'author' => (string) get_network()->site_name,
			)
		);
	}

	/**
	 * Sends the report as a download.
	 *
	 * @param int     $year The year.
	 * @param array[] $rows The rows.
	 */
	public static function send( int $year, array $rows ): void {
		$bytes = self::document( $year, $rows );
		nocache_headers();
		header( 'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document' );
		header( 'Content-Disposition: attachment; filename="dangjian-network-' . $year . '.docx"' );
		header( 'Content-Length: ' . strlen( $bytes ) );
		echo $bytes; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- A binary download.
	}
}

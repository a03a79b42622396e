<?php
/**
 * bench/web-pages.php - the two pages of bench/web.sh, created once (run inside the site by
 * scripts/wp-run.php): "bench-showcase" holding the [dangjian period="2024"] shortcode (a year inside the data, 2023-2025), and "bench-plain", a page
 * of the same theme with a paragraph of text and no shortcode. Prints "SHOWCASE_ID PLAIN_ID".
 */

$dj_bench_pages = array(
	'bench-showcase' => array( '党建数据一览', "<!-- wp:shortcode -->\n[dangjian period=\"2024\"]\n<!-- /wp:shortcode -->" ),
	'bench-plain'    => array( '关于我们', "<!-- wp:paragraph -->\n<p>本页是基准测试用的普通页面：同一主题，没有短代码。</p>\n<!-- /wp:paragraph -->" ),
);
$dj_bench_ids   = array();
foreach ( $dj_bench_pages as $dj_slug => $dj_page ) {
	$dj_found = get_page_by_path( $dj_slug, OBJECT, 'page' );
	if ( $dj_found ) {
		if ( $dj_found->post_content !== $dj_page[1] ) {
			wp_update_post( array( 'ID' => $dj_found->ID, 'post_content' => $dj_page[1] ) );
		}
		$dj_bench_ids[] = $dj_found->ID;
		continue;
	}
	$dj_id = wp_insert_post(
		array(
			'post_type'    => 'page',
			'post_status'  => 'publish',
			'post_name'    => $dj_slug,
			'post_title'   => $dj_page[0],
			'post_content' => $dj_page[1],
		),
		true
	);
	if ( is_wp_error( $dj_id ) ) {
		fwrite( STDERR, 'web-pages: ' . $dj_id->get_error_message() . "\n" );
		exit( 1 );
	}
	$dj_bench_ids[] = $dj_id;
}
echo implode( ' ', $dj_bench_ids ), "\n";

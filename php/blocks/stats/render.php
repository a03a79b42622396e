<?php
/**
 * Server-side render of the block dangjian/stats (block.json "render"). WordPress provides
 * $attributes, $content and $block; the options are those of the shortcode [dangjian].
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit;

$dangjian_html = Dangjian\Showcase::render( (array) $attributes, 'block' );
if ( '' !== $dangjian_html ) {
	printf(
		'<div %1$s>%2$s</div>',
		get_block_wrapper_attributes( array( 'class' => 'dangjian-block' ) ), // phpcs:ignore WordPress.Security.EscapeOutput -- Escaped by WordPress.
		$dangjian_html // phpcs:ignore WordPress.Security.EscapeOutput -- Escaped by Showcase::render().
	);
}

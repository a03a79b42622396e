<?php
/**
 * Prepares the browser tests' site (run inside it by tests/e2e/run.sh through
 * `scripts/wp-env.sh run DIR tests/e2e/setup-site.php OUT.json`), and the demo's (scripts/demo.sh runs
 * it after loading the demo data, so that `make demo` serves the pages the browser suite tests):
 *
 *   - the secretary: user "shuji" (display name 张书记), an editor given manage_dangjian, with a new
 *     password each run, written to DIR/secretary-password (mode 600);
 *   - the pages: /figures/ (the [dangjian] shortcode in a few attribute variants, each in a
 *     <section id="sc-…">), /this-year/ (the dangjian/stats block, as the block editor saves it:
 *     <!-- wp:dangjian/stats {...} /-->), /about/ (nothing of ours in its content: the figures on it
 *     come from the widget in the sidebar);
 *   - the classic widget of the showcase (the registered widget whose id_base starts with "dangjian")
 *     in the theme's first widget area, through the options sidebars_widgets and widget_<id_base>.
 *
 * Idempotent: pages are found by slug and rewritten. Prints (and writes to OUT.json) what the tests
 * need: the pages' addresses, the widget's id (null when no widget is registered), the secretary's login.
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit( 2 );

$dj_e2e_out = $argv[1] ?? '';
if ( '' === $dj_e2e_out ) {
	fwrite( STDERR, "usage: setup-site.php OUT.json\n" );
	exit( 2 );
}

/**
 * Creates or rewrites a published page by slug.
 *
 * @param string $slug    The slug.
 * @param string $title   The title.
 * @param string $content The content.
 * @return int The page's id.
 */
function dj_e2e_page( string $slug, string $title, string $content ): int {
	$existing = get_page_by_path( $slug, OBJECT, 'page' );
	$post     = array(
		'post_type'    => 'page',
		'post_status'  => 'publish',
		'post_name'    => $slug,
		'post_title'   => $title,
		'post_content' => $content,
		'post_author'  => 1,
	);
	if ( $existing ) {
		$post['ID'] = $existing->ID;
	}
	// wp_insert_post() unslashes: slash first so the block comments' JSON keeps its backslashes.
	$id = wp_insert_post( wp_slash( $post ), true );
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, "setup-site: page $slug: " . $id->get_error_message() . "\n" );
		exit( 1 );
	}
	return (int) $id;
}

/**
 * A raw-HTML block around some content (so that wpautop leaves it alone and shortcodes still run).
 *
 * @param string $html The HTML.
 */
function dj_e2e_html_block( string $html ): string {
	return "<!-- wp:html -->\n" . $html . "\n<!-- /wp:html -->\n\n";
}

// ------------------------------------------------------------------ the secretary
$dj_e2e_login    = 'shuji';
$dj_e2e_password = wp_generate_password( 20, false );
$dj_e2e_user     = get_user_by( 'login', $dj_e2e_login );
if ( $dj_e2e_user ) {
	wp_set_password( $dj_e2e_password, $dj_e2e_user->ID );
	$dj_e2e_uid = (int) $dj_e2e_user->ID;
} else {
	$dj_e2e_uid = wp_insert_user(
		array(
			'user_login'   => $dj_e2e_login,
			'user_pass'    => $dj_e2e_password,
			'user_email'   => 'shuji@example.org',
			'display_name' => '张书记',
			'first_name'   => '书记',
			'last_name'    => '张',
			'role'         => 'editor',
		)
	);
	if ( is_wp_error( $dj_e2e_uid ) ) {
		fwrite( STDERR, 'setup-site: user: ' . $dj_e2e_uid->get_error_message() . "\n" );
		exit( 1 );
	}
}
$dj_e2e_secretary = new WP_User( $dj_e2e_uid );
$dj_e2e_secretary->set_role( 'editor' );
$dj_e2e_secretary->add_cap( Dangjian\Capabilities::MANAGE );
// No welcome pointers or admin colour surprises in the screenshots.
update_user_meta( $dj_e2e_uid, 'dismissed_wp_pointers', 'wp496_privacy,theme_editor_notice,plugin_editor_notice' );
$dj_e2e_pwfile = dirname( ABSPATH ) . '/secretary-password';
$dj_e2e_umask  = umask( 077 );
file_put_contents( $dj_e2e_pwfile, $dj_e2e_password . "\n" );
umask( $dj_e2e_umask );
clean_user_cache( $dj_e2e_uid );

// No avatars: this machine has no internet, and a broken Gravatar image would spoil the screenshots.
update_option( 'show_avatars', '0' );

// ------------------------------------------------------------------ the pages
// The shortcode's variants: each in a section the tests find by id. Keep in step with
// tests/e2e/showcase.test.mjs (SHORTCODE_VARIANTS).
$dj_e2e_variants = array(
	'sc-default' => '[dangjian]',
	'sc-cards'   => '[dangjian figures="party_members,probationary,activists,service_activities,service_hours,beneficiaries" period="this_year" layout="cards" chart="month"]',
	'sc-table'   => '[dangjian figures="party_members,service_activities,service_hours,fee_waived,beneficiaries,meetings" period="last_year" layout="table" chart="venue"]',
	'sc-list'    => '[dangjian figures="party_members,probationary,activists,candidates" period="all" layout="list" chart="pipeline"]',
	'sc-bad'     => '[dangjian figures="party_members,nonsense" period="someday" layout="grid" chart="pie"]',
);
$dj_e2e_content = '';
foreach ( $dj_e2e_variants as $dj_e2e_id => $dj_e2e_code ) {
	$dj_e2e_content .= dj_e2e_html_block( '<section id="' . $dj_e2e_id . '" class="e2e-variant">' . "\n" . $dj_e2e_code . "\n</section>" );
}
$dj_e2e_pages = array(
	'shortcode' => dj_e2e_page( 'figures', '党建数据一览', $dj_e2e_content ),
	'block'     => dj_e2e_page(
		'this-year',
		'本年度党建工作',
		'<!-- wp:paragraph --><p>本页由区块显示党支部的统计数字。</p><!-- /wp:paragraph -->' . "\n\n" .
		'<!-- wp:dangjian/stats {"figures":"party_members,probationary,service_hours,beneficiaries,venues","period":"this_year","layout":"cards","chart":"month"} /-->' . "\n"
	),
	'widget'    => dj_e2e_page(
		'about',
		'关于我们',
		'<!-- wp:paragraph --><p>市心理咨询师协会党支部。页面底部的小工具显示本年度的统计数字。</p><!-- /wp:paragraph -->' . "\n"
	),
);

// ------------------------------------------------------------------ the widget
global $wp_widget_factory, $wp_registered_sidebars;
$dj_e2e_widget = null;
foreach ( $wp_widget_factory->widgets as $dj_e2e_w ) {
	if ( str_starts_with( (string) $dj_e2e_w->id_base, 'dangjian' ) ) {
		$dj_e2e_widget = $dj_e2e_w;
		break;
	}
}
$dj_e2e_widget_id = null;
$dj_e2e_sidebar   = null;
if ( $dj_e2e_widget ) {
	$dj_e2e_sidebar = array_key_exists( 'sidebar-1', $wp_registered_sidebars ) ? 'sidebar-1' : array_key_first( $wp_registered_sidebars );
	$dj_e2e_base    = $dj_e2e_widget->id_base;
	update_option(
		'widget_' . $dj_e2e_base,
		array(
			2              => array(
				'title'   => '党建数据',
				'figures' => 'party_members,service_activities,service_hours,beneficiaries',
				'period'  => 'this_year',
				'layout'  => 'list',
			),
			'_multiwidget' => 1,
		)
	);
	$dj_e2e_widget_id = $dj_e2e_base . '-2';
	$dj_e2e_sidebars  = wp_get_sidebars_widgets();
	foreach ( $dj_e2e_sidebars as $dj_e2e_sb => $dj_e2e_ids ) {
		if ( is_array( $dj_e2e_ids ) ) {
			$dj_e2e_sidebars[ $dj_e2e_sb ] = array_values( array_diff( $dj_e2e_ids, array( $dj_e2e_widget_id ) ) );
		}
	}
	// Only ours in that area: the default block widgets (recent posts, comments…) add nothing to test.
	$dj_e2e_sidebars[ $dj_e2e_sidebar ] = array( $dj_e2e_widget_id );
	$dj_e2e_sidebars['array_version']   = 3;
	update_option( 'sidebars_widgets', $dj_e2e_sidebars );
}

$dj_e2e_result = array(
	'pages'      => array_map( static fn( $id ) => get_permalink( $id ), $dj_e2e_pages ),
	'widget_id'  => $dj_e2e_widget_id,
	'sidebar'    => $dj_e2e_sidebar,
	'secretary'  => array(
		'login'         => $dj_e2e_login,
		'display_name'  => $dj_e2e_secretary->display_name,
		'password_file' => $dj_e2e_pwfile,
	),
	'shortcodes' => $dj_e2e_variants,
	'has'        => array(
		'shortcode' => shortcode_exists( 'dangjian' ),
		'block'     => WP_Block_Type_Registry::get_instance()->is_registered( 'dangjian/stats' ),
		'widget'    => null !== $dj_e2e_widget,
	),
	'admin_url'  => admin_url(),
);
file_put_contents( $dj_e2e_out, wp_json_encode( $dj_e2e_result, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ) . "\n" );
echo wp_json_encode( $dj_e2e_result, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ), "\n";

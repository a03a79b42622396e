<?php
/**
 * Over HTTP, through the network's own web server: the network admin screen for a super admin,
 * the main site's copy for committee staff, refusal for others; the CSV download and a management
 * form (capability and nonce); the drill-down link to a branch's own dashboard, served under its
 * subdirectory; the REST route with an application password.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

$year  = (int) wp_date( 'Y' );
$sites = dj_n_sites( DJ_N_SITES );
Dangjian\Network_Push::rebuild( array( $year ), 50 );
$active = count( Dangjian\Network_Store::rows( $year ) );

$admin = dj_t_login( 'admin', dj_t_admin_password() );
$page  = dj_t_http( network_admin_url( 'admin.php?page=dangjian-network' ), $admin );
dj_t_same( 200, $page['status'], 'the network admin screen answers a super admin' );
dj_t_same( $active, preg_match_all( '/<tr data-site="\d+"/', $page['body'] ), 'it lists every active branch', substr( wp_strip_all_tags( $page['body'] ), 0, 300 ) );
dj_t_ok( str_contains( $page['body'], 'data-total="coverage"' ) && str_contains( $page['body'], 'id="dangjian-network-rankings"' ), 'with the totals, coverage and rankings' );
dj_t_ok( str_contains( $page['body'], 'dangjian-network-form' ), 'and the management forms' );
dj_t_ok( ! preg_match( '/成员\d+号|1380000/', $page['body'] ), 'no member\'s name or phone on the screen' );
$filtered = dj_t_http( network_admin_url( 'admin.php?page=dangjian-network&year=' . $year . '&orderby=party_members&order=desc&band=green' ), $admin );
$green    = count( Dangjian\Network_Store::rows( $year, array( 'band' => 'green' ) ) );
dj_t_same( $green, preg_match_all( '/<tr data-site="\d+"/', $filtered['body'] ), 'a filter narrows the list' );

$odd = dj_t_http( network_admin_url( 'admin.php?page=dangjian-network&year[]=1&district[]=x&status[]=y&dj_msg[]=z' ), $admin );
dj_t_same( 200, $odd['status'], 'filters given as arrays are ignored, not an error (the debug log is checked at the end)' );

// Drill-down: the branch's own dashboard under its subdirectory.
preg_match( '/<td data-col="name"><a href="([^"]+)"/', $page['body'], $m );
$link = html_entity_decode( $m[1] ?? '' );
dj_t_ok( (bool) preg_match( '#/branch-\d+/wp-admin/admin\.php\?page=dangjian$#', $link ), 'each branch links to its own dashboard', $link );
$dash = dj_t_http( $link, $admin );
dj_t_same( 200, $dash['status'], 'the branch\'s dashboard opens for the super admin' );

// CSV download: the nonce is required.
preg_match( '/id="dangjian-network-csv" href="([^"]+)"/', $page['body'], $m );
$csv = dj_t_http( html_entity_decode( $m[1] ?? '' ), $admin );
dj_t_same( 200, $csv['status'], 'the CSV downloads' );
dj_t_same( $active + 1, count( explode( "\n", trim( $csv['body'] ) ) ), 'with a line per branch' );
$nononce = dj_t_http( network_admin_url( 'admin.php?page=dangjian-network&export=csv' ), $admin );
dj_t_ok( 200 !== $nononce['status'] || ! str_starts_with( $nononce['body'], "\xEF\xBB\xBF" ), 'no CSV without the nonce' );

// A management form: add an organisation (nonce from the page), then a bad one.
$wpdb->query( 'TRUNCATE TABLE ' . Dangjian\Network_Schema::orgs_table() ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
preg_match( '/data-action="add_org">.*?name="_wpnonce" value="([^"]+)"/s', $page['body'], $m );
$nonce = $m[1] ?? '';
$post  = dj_t_http( network_admin_url( 'admin.php?page=dangjian-network' ), $admin, array( '_wpnonce' => $nonce, 'dangjian_network_action' => 'add_org', 'year' => $year, 'name' => '某物流公司', 'district' => '西区', 'org_type' => 'enterprise', 'covered_by' => '' ) );
dj_t_same( 302, $post['status'], 'the form redirects after the write' );
dj_t_same( array( '某物流公司' ), array_column( Dangjian\Network_Store::orgs(), 'name' ), 'the organisation is added' );
$post = dj_t_http( network_admin_url( 'admin.php?page=dangjian-network' ), $admin, array( '_wpnonce' => $nonce, 'dangjian_network_action' => 'add_org', 'year' => $year, 'name' => array( '数组' ), 'district' => array( 'x' ) ) );
dj_t_ok( str_contains( (string) $post['location'], 'dj_msg=' ), 'a name given as an array is refused with a message' );
dj_t_same( 1, count( Dangjian\Network_Store::orgs() ), 'and writes nothing' );
$post = dj_t_http( network_admin_url( 'admin.php?page=dangjian-network' ), $admin, array( '_wpnonce' => 'bad', 'dangjian_network_action' => 'add_org', 'name' => '伪造' ) );
dj_t_same( 1, count( Dangjian\Network_Store::orgs() ), 'a post without a valid nonce writes nothing' );

// Committee staff (not a super admin): the main site's screen; no management forms.
list( $staff_id, $staff_pw ) = dj_t_user( 'dj_committee', 'subscriber' );
Dangjian\Network_Module::set_viewer( $staff_id, true );
$staff = dj_t_login( 'dj_committee', $staff_pw );
$view  = dj_t_http( admin_url( 'admin.php?page=dangjian-network' ), $staff );
dj_t_same( 200, $view['status'], 'committee staff see the screen in the main site\'s dashboard' );
dj_t_same( $active, preg_match_all( '/<tr data-site="\d+"/', $view['body'] ), 'with every branch' );
dj_t_ok( ! str_contains( $view['body'], 'dangjian-network-form' ), 'but not the management forms' );
$post = dj_t_http( admin_url( 'admin.php?page=dangjian-network' ), $staff, array( '_wpnonce' => wp_create_nonce( 'x' ), 'dangjian_network_action' => 'add_org', 'name' => '越权' ) );
dj_t_same( 1, count( Dangjian\Network_Store::orgs() ), 'committee staff cannot change the network' );

// Anyone else: refused.
list( $other_id, $other_pw ) = dj_t_user( 'dj_branch_admin', 'subscriber' );
Dangjian\Network_Module::set_viewer( $other_id, false );
$other = dj_t_login( 'dj_branch_admin', $other_pw );
$deny  = dj_t_http( admin_url( 'admin.php?page=dangjian-network' ), $other );
dj_t_ok( 200 !== $deny['status'] || ! str_contains( $deny['body'], 'dangjian-network-table' ), 'a user who is not committee staff does not see the screen', (string) $deny['status'] );
$deny = dj_t_http( network_admin_url( 'admin.php?page=dangjian-network' ), $other );
dj_t_ok( ! str_contains( $deny['body'], 'dangjian-network-table' ), 'nor the network admin one' );

// REST with an application password.
$r = dj_t_rest( 'GET', DANGJIAN_REST_NAMESPACE . '/network&year=' . $year, array( 'user' => dj_t_app_password( $staff_id ) ) );
dj_t_same( 200, $r['status'], 'REST over HTTP for committee staff', substr( $r['body'], 0, 200 ) );
dj_t_same( $active, count( $r['json']['branches'] ?? array() ), 'REST lists every branch' );
$r = dj_t_rest( 'GET', DANGJIAN_REST_NAMESPACE . '/network', array( 'user' => dj_t_app_password( $other_id ) ) );
dj_t_same( 403, $r['status'], 'REST over HTTP refuses others' );

// The public shortcode on a page of the main site.
$page_id = wp_insert_post( array( 'post_type' => 'page', 'post_status' => 'publish', 'post_title' => '全市两新党建', 'post_content' => '[dangjian_network]' ) );
$public  = dj_t_http( get_permalink( $page_id ) );
dj_t_ok( str_contains( $public['body'], 'dangjian-network-public' ), 'the shortcode renders for a visitor' );
dj_t_ok( ! str_contains( $public['body'], '测试支部' ), 'naming no branch' );
wp_delete_post( $page_id, true );

dj_t_done();

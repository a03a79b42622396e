<?php
/**
 * Issue 11, what a new user hit, over HTTP against the running test site as the administrator:
 *  18: the dashboard shows 党员志愿服务时长 (service.party_volunteer_hours: only participants who were
 *      probationary or full members on the day) beside the all-participants figure, labelled as
 *      such, with the note on 服务时长 vs 志愿服务时长;
 *  19: typed dates count without choosing 自定义期间;
 *  24: thousands of people due, overdue and eligible: the dashboard names the first few of each
 *      group and links to the people list showing exactly that group; it stays under 300 KB; the
 *      WordPress dashboard's widget; the weekly digest (opt-in through the dashboard's form, sent by
 *      the cron hook, caught by pre_wp_mail);
 *  26: the people list loads admin.css, whose rules keep phones and dates on one line.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Reminders;
use Dangjian\Schema;

dj_t_reset();
$today = Dangjian\Period::today();
$y     = (int) substr( $today, 0, 4 );
$shift = static fn( string $modify ): string => ( new DateTimeImmutable( $today . ' 12:00:00' ) )->modify( $modify )->format( 'Y-m-d' );

// Two volunteers of a 3-hour activity this year: a full member and an applicant.
$wpdb->insert( Schema::table( 'people' ), array( 'id' => 1, 'name' => '党员甲', 'phone' => '13800138000', 'admitted_on' => ( $y - 5 ) . '-03-01', 'full_on' => ( $y - 4 ) . '-03-01' ) );
$wpdb->insert( Schema::table( 'people' ), array( 'id' => 2, 'name' => '申请人乙', 'applied_on' => ( $y - 5 ) . '-01-01' ) );
$wpdb->insert( Schema::table( 'activities' ), array( 'id' => 1, 'activity_date' => $y . '-01-02', 'category' => 'service', 'kind' => 'counseling', 'hours' => '3.00', 'beneficiaries' => 10, 'title' => '义诊' ) );
$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => 1, 'person_id' => 1 ) );
$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => 1, 'person_id' => 2 ) );
// Two activities two years ago (the typed range), none last year.
$wpdb->insert( Schema::table( 'activities' ), array( 'id' => 2, 'activity_date' => ( $y - 2 ) . '-05-02', 'category' => 'service', 'kind' => 'counseling', 'hours' => '2.00', 'title' => 'a' ) );
$wpdb->insert( Schema::table( 'activities' ), array( 'id' => 3, 'activity_date' => ( $y - 2 ) . '-06-02', 'category' => 'service', 'kind' => 'counseling', 'hours' => '2.00', 'title' => 'b' ) );

// Thousands of people concerned by reminders: 3,000 due, 3,000 overdue, 3,000 eligible activists.
$n      = 3000;
$groups = array(
	'due'      => array( 'admitted_on' => $shift( '-1 year +30 days' ) ),
	'overdue'  => array( 'admitted_on' => $shift( '-1 year -30 days' ) ),
	'eligible' => array(
		'applied_on'  => $shift( '-3 years' ),
		'activist_on' => $shift( '-2 years' ),
	),
);
$id     = 100;
foreach ( $groups as $group => $dates ) {
	$values = array();
	for ( $i = 0; $i < $n; $i++ ) {
		++$id;
		$row = array(
			'id'          => $id,
			'name'        => "'{$group}{$i}'",
			'phone'       => "'138" . sprintf( '%08d', $id ) . "'",
			'applied_on'  => 'NULL',
			'activist_on' => 'NULL',
			'admitted_on' => 'NULL',
		);
		foreach ( $dates as $k => $v ) {
			$row[ $k ] = "'$v'";
		}
		$values[] = '(' . implode( ',', $row ) . ')';
	}
	$wpdb->query( 'INSERT INTO ' . Schema::table( 'people' ) . ' (id, name, phone, applied_on, activist_on, admitted_on) VALUES ' . implode( ',', $values ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
}
Dangjian\Data_Version::bump();
Dangjian\Engine::forget();

$jar  = dj_t_login( 'admin', dj_t_admin_password() );
$page = static fn( string $query ) => dj_t_http( '/wp-admin/admin.php?page=dangjian' . $query, $jar );
$fig  = static function ( string $html, string $figure ): ?string {
	return preg_match( '/data-figure="' . preg_quote( $figure, '/' ) . '">([^<]*)</', $html, $m ) ? $m[1] : null;
};

// 18: the party members' volunteer hours, apart from everyone's.
$r = $page( '&period=this_year' );
dj_t_same( 200, $r['status'], 'the dashboard answers' );
dj_t_same( '3', $fig( $r['body'], 'service.hours' ), '18: 服务时长 counts the activity once (3 hours)' );
dj_t_same( '6', $fig( $r['body'], 'service.volunteer_hours' ), '18: the volunteer hours of all participants (3 + 3)' );
dj_t_same( '3', $fig( $r['body'], 'service.party_volunteer_hours' ), '18: 党员志愿服务时长 leaves the applicant out (3)' );
dj_t_same( '1', $fig( $r['body'], 'service.party_volunteers' ), '18: one party member volunteered' );
dj_t_ok( str_contains( $r['body'], 'id="dangjian-hours-note"' ), '18: the note on service hours against volunteer hours is shown' );
$s = dangjian_stats( array( 'period' => 'this_year' ) );
dj_t_same( 3.0, (float) $s['service']['party_volunteer_hours'], '18: the same figure as dangjian_stats()' );

// 19: typed dates count, whatever the select says.
$from = ( $y - 2 ) . '-01-01';
$to   = ( $y - 2 ) . '-12-31';
$r    = $page( '&period=this_year&from=' . $from . '&to=' . $to );
dj_t_same( '2', $fig( $r['body'], 'service.activities' ), '19: typed dates with 本年 still selected count: the 2 activities of the typed year' );
dj_t_ok( (bool) preg_match( '/<option value="custom"\s+selected/', $r['body'] ), '19: the select then shows the custom range' );
$r = $page( '&period=last_year' );
dj_t_same( '0', $fig( $r['body'], 'service.activities' ), '19: a named period without dates is that period (last year: none)' );
$r = $page( '&period=this_year&from=' . $from . '&to=' );
dj_t_ok( str_contains( $r['body'], 'notice-error' ) && null === $fig( $r['body'], 'service.activities' ), '19: one typed date alone asks for both' );

// 24: the reminders at scale.
$r = $page( '' );
dj_t_ok( strlen( $r['body'] ) < 300 * 1024, '24: the dashboard with 9,000 people to remind of stays under 300 KB', strlen( $r['body'] ) . ' bytes' );
foreach ( array( 'due', 'overdue', 'eligible' ) as $group ) {
	$items = preg_match_all( '/<li data-person="\d+" data-reminder="' . $group . '">/', $r['body'] );
	dj_t_ok( $items >= 1 && $items <= Reminders::SHOWN, "24: the $group group names its first few people", "$items items" );
	dj_t_ok( (bool) preg_match( '/data-reminder-list="' . $group . '" href="[^"]*page=dangjian-people[^"]*reminder=' . $group . '"/', $r['body'] ), "24: and links to the list of all of them ($group)" );
	dj_t_ok( str_contains( $r['body'], '(3,000)' ), "24: with the count of the whole group ($group)" );
}
dj_t_ok( (bool) preg_match( '/id="dangjian-attention".*?reminder=due.*?reminder=overdue.*?reminder=eligible.*?href="#dangjian-reminders"/s', $r['body'] ), '24: the top of the dashboard says what needs attention, each group a link to its list, and links down to the reminders' );
$overdue = Reminders::ids( 'overdue' );
dj_t_same( $n, count( $overdue ), '24: Reminders::ids() gives every overdue person' );
$r = dj_t_http( '/wp-admin/admin.php?page=dangjian-people&reminder=overdue', $jar );
preg_match_all( '/name="ids\[\]" value="(\d+)"/', $r['body'], $m );
$shown = array_map( 'intval', $m[1] );
dj_t_same( array_slice( $overdue, 0, count( $shown ) ), $shown, '24: the people list with ?reminder=overdue shows exactly the overdue people, in the dashboard\'s order' );
dj_t_ok( count( $shown ) >= 10, '24: a full page of them', (string) count( $shown ) );
dj_t_ok( (bool) preg_match( '/class="displaying-num">[^<]*3,000/', $r['body'] ), '24: and counts all 3,000' );
dj_t_ok( str_contains( $r['body'], 'data-reminder-filter="overdue"' ), '24: the list says which group it shows' );
$r2 = dj_t_http( '/wp-admin/admin.php?page=dangjian-people&reminder=overdue&paged=150', $jar );
preg_match_all( '/name="ids\[\]" value="(\d+)"/', $r2['body'], $m2 );
dj_t_same( array_slice( $overdue, 149 * Dangjian\Records::PER_PAGE, Dangjian\Records::PER_PAGE ), array_map( 'intval', $m2[1] ), '24: its last page too' );

// 24: the WordPress dashboard's widget.
$r = dj_t_http( '/wp-admin/index.php', $jar );
dj_t_ok( str_contains( $r['body'], 'id="dangjian_reminders"' ) && str_contains( $r['body'], 'id="dangjian-widget"' ), '24: the WordPress dashboard has the reminders widget' );
dj_t_ok( (bool) preg_match( '/id="normal-sortables"[^>]*>\s*<div id="dangjian_reminders"/', $r['body'] ), '24: first in its column', (string) ( preg_match( '/id="normal-sortables"[^>]*>\s*<div id="([^"]+)"/', $r['body'], $mm ) ? $mm[1] : '' ) );
foreach ( array( 'due', 'overdue', 'eligible' ) as $group ) {
	dj_t_ok( (bool) preg_match( '/<li data-reminder-group="' . $group . '"><strong><a href="[^"]*reminder=' . $group . '"/', $r['body'] ), "24: the widget links to the $group group" );
}

// 24: the weekly digest: opt in through the dashboard's form (nonce), then the cron hook sends it.
delete_user_meta( 1, Reminders::OPT_IN );
$r     = $page( '' );
$nonce = preg_match( '/id="dangjian-digest".*?name="_wpnonce" value="([^"]+)"/s', $r['body'], $m ) ? $m[1] : '';
dj_t_ok( '' !== $nonce, '24: the dashboard offers the weekly e-mail' );
$r = dj_t_http( '/wp-admin/admin-post.php', $jar, array( 'action' => 'dangjian_digest', 'digest' => '1', '_wpnonce' => 'bad' ) );
wp_cache_delete( 1, 'user_meta' );
dj_t_ok( ! Reminders::wants_digest( 1 ), '24: a bad nonce turns nothing on' );
$r = dj_t_http( '/wp-admin/admin-post.php', $jar, array( 'action' => 'dangjian_digest', 'digest' => '1', '_wpnonce' => $nonce ) );
wp_cache_delete( 1, 'user_meta' );
dj_t_ok( 302 === $r['status'] && Reminders::wants_digest( 1 ), '24: the form turns the weekly e-mail on', $r['status'] . ' ' . $r['location'] );
dj_t_ok( (bool) has_action( Reminders::CRON ), '24: the digest\'s cron hook is added on every request (Plugin::init calls Reminders::init())' );
if ( ! has_action( Reminders::CRON ) ) {
	Reminders::init(); // Reported above; the rest of the digest is tested all the same.
	Reminders::schedule();
}
dj_t_ok( false !== wp_next_scheduled( Reminders::CRON ), '24: the weekly digest is scheduled in wp-cron' );
list( $reader_id ) = dj_t_user( 'dj_user_reader', 'subscriber' );
update_user_meta( $reader_id, Reminders::OPT_IN, '1' ); // Asked once, but may not read the figures.
$mails   = array();
$catch   = static function ( $short, $atts ) use ( &$mails ) {
	$mails[] = $atts;
	return $short;
};
add_filter( 'pre_wp_mail', $catch, 1, 2 );
do_action( Reminders::CRON );
remove_filter( 'pre_wp_mail', $catch, 1 );
dj_t_same( 1, count( $mails ), '24: one digest, to the one user who asked and may read the figures' );
$mail = $mails[0] ?? array( 'to' => '', 'message' => '' );
dj_t_same( get_userdata( 1 )->user_email, $mail['to'], '24: to the administrator' );
foreach ( array( 'due', 'overdue', 'eligible' ) as $group ) {
	dj_t_ok( str_contains( $mail['message'], 'reminder=' . $group ) && str_contains( $mail['message'], '3,000' ), "24: the digest links to the $group group and counts it" );
}
dj_t_ok( strlen( $mail['message'] ) < 4000, '24: the digest stays short', (string) strlen( $mail['message'] ) );
$r     = $page( '' );
$nonce = preg_match( '/id="dangjian-digest".*?name="_wpnonce" value="([^"]+)"/s', $r['body'], $m ) ? $m[1] : '';
dj_t_ok( (bool) preg_match( '/id="dangjian-digest".*?name="digest" value="0"/s', $r['body'] ), '24: the dashboard then offers to stop it' );
$r = dj_t_http( '/wp-admin/admin-post.php', $jar, array( 'action' => 'dangjian_digest', 'digest' => '0', '_wpnonce' => $nonce ) );
wp_cache_delete( 1, 'user_meta' );
dj_t_ok( 302 === $r['status'] && ! Reminders::wants_digest( 1 ), '24: and stops it' );
delete_user_meta( $reader_id, Reminders::OPT_IN );

// 26: the people list: phones and dates on one line.
$r   = dj_t_http( '/wp-admin/admin.php?page=dangjian-people', $jar );
$css = (string) file_get_contents( dirname( __DIR__, 2 ) . '/php/assets/admin.css' );
dj_t_ok( (bool) preg_match( '/<link[^>]+id=\'dangjian-admin-css\'[^>]+assets\/admin\.css/', $r['body'] ), '26: the people list loads admin.css' );
dj_t_ok( (bool) preg_match( '/\.dangjian-people td\.column-phone[^{]*\{[^}]*white-space:\s*nowrap/s', $css ), '26: whose phone cells do not wrap' );
foreach ( array( 'applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on', 'left_on' ) as $col ) {
	dj_t_ok( (bool) preg_match( '/\.dangjian-people td\.column-' . $col . '[^{]*\{[^}]*white-space:\s*nowrap/s', $css ) && str_contains( $r['body'], 'column-' . $col ), "26: nor the $col dates" );
}

// 26: in Chromium at 1280 px (and 1440), every phone and date of the first page on one line, inside
// its cell, and no page wider than the window.
$node   = trim( (string) shell_exec( 'command -v node' ) );
$pw     = dirname( __DIR__ ) . '/e2e/node_modules/playwright-core/index.mjs';
$chrome = getenv( 'E2E_CHROMIUM' ) ? getenv( 'E2E_CHROMIUM' ) : '/usr/bin/chromium';
if ( '' === $node || ! is_file( $pw ) || ! is_executable( $chrome ) ) {
	dj_t_ok( false, '26: Chromium and playwright-core (tests/e2e: npm ci) are there to look at the people list', "node '$node', $pw, $chrome" );
} else {
	$script = tempnam( sys_get_temp_dir(), 'dj-people-' ) . '.mjs';
	file_put_contents(
		$script,
		<<<'JS'
import { chromium } from process.env.DJ_PW;
const [base, pass, chrome] = [process.env.DJ_BASE, process.env.DJ_PASS, process.env.DJ_CHROME];
const b = await chromium.launch({ executablePath: chrome, headless: true, args: ['--no-sandbox', '--disable-gpu', '--lang=zh-CN'] });
const out = {};
for (const width of [1280, 1440]) {
  const ctx = await b.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  const p = await ctx.newPage();
  await p.goto(base + '/wp-login.php');
  await p.fill('#user_login', 'admin');
  await p.fill('#user_pass', pass);
  await Promise.all([p.waitForNavigation(), p.click('#wp-submit')]);
  await p.goto(base + '/wp-admin/admin.php?page=dangjian-people');
  out[width] = await p.evaluate(() => {
    const bad = [];
    let cells = 0;
    for (const td of document.querySelectorAll('table.dangjian-people tbody td')) {
      const cls = [...td.classList].find((c) => c.startsWith('column-')) || '';
      if (!/^column-(phone|[a-z]+_on)$/.test(cls)) continue;
      const text = [...td.childNodes].find((x) => x.nodeType === 3 && x.textContent.trim());
      if (!text) continue;
      cells++;
      const r = document.createRange();
      r.selectNodeContents(text);
      const box = td.getBoundingClientRect();
      const t = r.getBoundingClientRect();
      if (r.getClientRects().length !== 1 || t.right > box.right + 0.5) bad.push(cls + ' ' + text.textContent.trim());
    }
    return { cells, bad: bad.slice(0, 5), scroll: document.documentElement.scrollWidth > document.documentElement.clientWidth };
  });
  await ctx.close();
}
await b.close();
console.log(JSON.stringify(out));
JS
	);
	$js = str_replace( 'from process.env.DJ_PW;', "from '" . $pw . "';", (string) file_get_contents( $script ) );
	file_put_contents( $script, $js );
	$cmd = sprintf( 'DJ_BASE=%s DJ_PASS=%s DJ_CHROME=%s timeout 120 %s %s 2>&1', escapeshellarg( untrailingslashit( home_url() ) ), escapeshellarg( dj_t_admin_password() ), escapeshellarg( $chrome ), escapeshellarg( $node ), escapeshellarg( $script ) );
	$raw = (string) shell_exec( $cmd );
	unlink( $script );
	$seen = json_decode( trim( substr( $raw, (int) strrpos( "\n" . trim( $raw ), "\n" ) ) ), true );
	foreach ( array( 1280, 1440 ) as $width ) {
		$w = $seen[ $width ] ?? null;
		dj_t_ok( is_array( $w ) && $w['cells'] >= 20 && array() === $w['bad'] && ! $w['scroll'], "26: at $width px every phone and date of the people list is on one line, inside its cell, no page scroll", substr( $raw, 0, 400 ) );
	}
}

// Nothing due: no digest at all (the digest's text is null, so send_digest() sends nothing).
$none = array(
	'due'      => array(),
	'overdue'  => array(),
	'eligible' => array(),
	'counts'   => array(
		'due'      => 0,
		'overdue'  => 0,
		'eligible' => 0,
	),
	'missing'  => array(),
);
dj_t_same( null, Reminders::digest_text( $none, array() ), '24: when nothing needs attention there is no digest to send' );

dj_t_reset();
dj_t_done();

<?php
/**
 * The setting "Number style on public pages" (Settings: numbers = auto / exact / rounded): checked
 * by Settings::sanitize(), shown and saved by the settings page, the default of the showcase's
 * "numbers" option — for the shortcode, the block and the widget alike — which each of them may still
 * set for itself; the filter dangjian_showcase_numbers still has the last word.
 *
 * @package Dangjian
 */

require __DIR__ . '/lib.php';
global $wpdb;

use Dangjian\Schema;
use Dangjian\Settings;
use Dangjian\Showcase;

dj_t_reset();
delete_option( Settings::OPTION );
wp_set_current_user( 0 );
$y = (int) wp_date( 'Y' );
$wpdb->insert( Schema::table( 'people' ), array( 'id' => 1, 'name' => '甲', 'admitted_on' => ( $y - 3 ) . '-03-01', 'full_on' => ( $y - 2 ) . '-03-01' ) );
$wpdb->insert( Schema::table( 'activities' ), array( 'id' => 1, 'activity_date' => $y . '-01-02', 'category' => 'service', 'kind' => 'counseling', 'hours' => '312.50', 'beneficiaries' => 12345, 'venue_kind' => 'community', 'venue' => '阳光社区', 'title' => 't' ) );
$wpdb->insert( Schema::table( 'participants' ), array( 'activity_id' => 1, 'person_id' => 1 ) );
Dangjian\Data_Version::bump();

/**
 * The formatted numbers of a showcase's HTML: figure => text of .dangjian-figure__number.
 *
 * @param string $html The HTML.
 * @return array<string,string>
 */
function dj_t_numbers( string $html ): array {
	preg_match_all( '/data-figure="([^"]+)" data-value="[^"]*">.*?<span class="dangjian-figure__number">([^<]*)</s', $html, $m, PREG_SET_ORDER );
	$out = array();
	foreach ( $m as $row ) {
		$out[ $row[1] ] = $row[2];
	}
	return $out;
}

/**
 * Saves the number style as the settings page would (everything else left as it is).
 *
 * @param string $style auto, exact or rounded.
 */
function dj_t_set_numbers( string $style ): void {
	$input            = Settings::get();
	$input['numbers'] = $style;
	list( $settings, $errors ) = Settings::sanitize( $input );
	if ( $errors ) {
		throw new RuntimeException( 'settings refused: ' . implode( ', ', $errors ) );
	}
	Settings::save( $settings );
}

/**
 * The classic widget's output for an instance.
 *
 * @param array $instance The widget's options.
 */
function dj_t_widget( array $instance ): string {
	ob_start();
	the_widget( Dangjian\Stats_Widget::class, $instance, array( 'before_widget' => '<section>', 'after_widget' => '</section>' ) );
	return (string) ob_get_clean();
}

$auto    = array( 'service_hours' => '312.5', 'beneficiaries' => '1.2万' );
$rounded = array( 'service_hours' => '310余', 'beneficiaries' => '1.2万余' );
$exact   = array( 'service_hours' => '312.5', 'beneficiaries' => '12,345' );
$sc      = '[dangjian figures="service_hours,beneficiaries"]';
$block   = '<!-- wp:dangjian/stats {"figures":"service_hours,beneficiaries"} /-->';

// ------------------------------------------------------------------ the setting itself
dj_t_same( 'auto', Settings::defaults()['numbers'], 'the default style is auto' );
dj_t_same( 'auto', Settings::numbers(), 'with nothing saved: auto' );
dj_t_same( array( 'auto', 'exact', 'rounded' ), array_keys( Settings::number_styles() ), 'three styles: auto, exact, rounded' );
dj_t_same( Dangjian\Format::MODES, array_keys( Settings::number_styles() ), 'the number formats of the showcase' );
dj_t_ok( str_contains( Settings::number_styles()['rounded'], '300余小时' ), 'the rounded style is shown as 300余小时', Settings::number_styles()['rounded'] );
list( $s, $e ) = Settings::sanitize( array( 'numbers' => 'rounded' ) );
dj_t_same( array( 'rounded', array() ), array( $s['numbers'], $e ), 'sanitize keeps a known style' );
list( $s, $e ) = Settings::sanitize( array() );
dj_t_same( array( 'auto', false ), array( $s['numbers'], isset( $e['numbers'] ) ), 'sanitize: none posted is auto, no error' );
list( $s, $e ) = Settings::sanitize( array( 'numbers' => 'roman' ) );
dj_t_same( array( 'auto', true ), array( $s['numbers'], isset( $e['numbers'] ) ), 'sanitize refuses an unknown style (error on the field numbers)' );
dj_t_ok( isset( $e['numbers'] ) && (bool) preg_match( '/\p{Han}/u', $e['numbers'] ), 'in Chinese', $e['numbers'] ?? '' );
list( $s, $e ) = Settings::sanitize( array( 'numbers' => array( 'exact' ) ) );
dj_t_same( array( 'auto', true ), array( $s['numbers'], isset( $e['numbers'] ) ), 'sanitize refuses a list' );
update_option( Settings::OPTION, array( 'numbers' => 'Rounded' ), false );
dj_t_same( 'auto', Settings::numbers(), 'a stored value that is not a style reads as auto' );
delete_option( Settings::OPTION );

// ------------------------------------------------------------------ the default of every showcase
dj_t_same( $auto, dj_t_numbers( do_shortcode( $sc ) ), 'auto: 1.2万 in Chinese' );
dj_t_set_numbers( 'rounded' );
dj_t_same( 'rounded', Settings::numbers(), 'saved: rounded' );
dj_t_same( 'rounded', Showcase::defaults()['numbers'], 'the showcase\'s default follows the setting' );
dj_t_same( $rounded, dj_t_numbers( do_shortcode( $sc ) ), 'the shortcode follows it at once (310余, 1.2万余)' );
dj_t_ok( str_contains( do_shortcode( $sc ), '<span class="dangjian-figure__number">310余</span><span class="dangjian-figure__unit">小时</span>' ), '310余小时' );
dj_t_same( $rounded, dj_t_numbers( do_blocks( $block ) ), 'the block without its own style follows it' );
dj_t_same( $rounded, dj_t_numbers( dj_t_widget( array( 'figures' => 'service_hours,beneficiaries' ) ) ), 'the widget without its own style follows it' );
dj_t_same( $rounded, dj_t_numbers( dj_t_widget( array( 'figures' => 'service_hours,beneficiaries', 'numbers' => '' ) ) ), 'the widget set to "as in the settings" follows it' );
dj_t_same( $rounded, dj_t_numbers( do_shortcode( '[dangjian figures="service_hours,beneficiaries" numbers=""]' ) ), 'numbers="" is the setting too' );

// Each may still set its own.
dj_t_same( $exact, dj_t_numbers( do_shortcode( '[dangjian figures="service_hours,beneficiaries" numbers="exact"]' ) ), 'the shortcode\'s numbers="exact" wins over the setting' );
dj_t_same( $auto, dj_t_numbers( do_shortcode( '[dangjian figures="service_hours,beneficiaries" numbers="auto"]' ) ), 'and numbers="auto"' );
dj_t_same( $exact, dj_t_numbers( do_blocks( '<!-- wp:dangjian/stats {"figures":"service_hours,beneficiaries","numbers":"exact"} /-->' ) ), 'the block\'s own style wins' );
dj_t_same( $exact, dj_t_numbers( dj_t_widget( array( 'figures' => 'service_hours,beneficiaries', 'numbers' => 'exact' ) ) ), 'the widget\'s own style wins' );

// The filter has the last word.
add_filter( 'dangjian_showcase_numbers', $filter = static fn() => 'exact' );
dj_t_same( $exact, dj_t_numbers( do_shortcode( $sc ) ), 'the filter dangjian_showcase_numbers overrides the setting' );
remove_filter( 'dangjian_showcase_numbers', $filter );

dj_t_set_numbers( 'exact' );
dj_t_same( $exact, dj_t_numbers( do_shortcode( $sc ) ), 'exact: 12,345' );
dj_t_same( $auto, dj_t_numbers( do_shortcode( '[dangjian figures="service_hours,beneficiaries" numbers="auto"]' ) ), 'exact setting, numbers="auto": 1.2万' );

// The block editor and the widget form offer "as in the settings" first, naming the style.
$data = Dangjian\Showcase_Choices::editor_data();
dj_t_same( array( '', 'auto', 'exact', 'rounded' ), array_column( $data['numbers'], 'value' ), 'the block offers the setting, then the three styles' );
dj_t_ok( str_contains( $data['numbers'][0]['label'], '与设置相同' ) && str_contains( $data['numbers'][0]['label'], '精确数字' ), 'named after the style saved', $data['numbers'][0]['label'] );
dj_t_same( '', WP_Block_Type_Registry::get_instance()->get_registered( 'dangjian/stats' )->attributes['numbers']['default'] ?? null, 'the block\'s numbers default is "" (the setting)' );
ob_start();
( new Dangjian\Stats_Widget() )->form( array() );
$form = (string) ob_get_clean();
dj_t_ok( (bool) preg_match( '/<option value=""\s+selected=\'selected\'>与设置相同/u', $form ), 'a new widget is set to "as in the settings"', $form );
delete_option( Settings::OPTION );

// ------------------------------------------------------------------ the settings page (HTTP)
$jar  = dj_t_login( 'admin', dj_t_admin_password() );
$url  = '/wp-admin/admin.php?page=dangjian-settings';
$page = dj_t_http( $url, $jar );
dj_t_same( 200, $page['status'], 'the settings page opens' );
dj_t_ok( str_contains( $page['body'], '<select id="dangjian-numbers" name="dangjian_settings[numbers]">' ) && str_contains( $page['body'], '<label for="dangjian-numbers">公开页面的数字写法</label>' ), 'it has the field "Number style on public pages", labelled, in Chinese' );
preg_match( '/<select id="dangjian-numbers".*?<\/select>/s', $page['body'], $m );
preg_match_all( '/<option value="([a-z]*)"/', $m[0] ?? '', $opts );
dj_t_same( array( 'auto', 'exact', 'rounded' ), $opts[1], 'offering auto, exact and rounded' );
dj_t_ok( str_contains( $m[0] ?? '', '<option value="auto" selected=\'selected\'>' ), 'auto chosen when nothing is saved', $m[0] ?? '' );
$post = array(
	'_wpnonce'               => (string) dj_t_input( $page['body'], '_wpnonce' ),
	'dangjian_settings_save' => '1',
	'dangjian_settings'      => array(
		'organisation' => '测试党支部',
		'showcase'     => array_keys( Settings::figures() ),
		'numbers'      => 'rounded',
	),
);
$r = dj_t_http( $url, $jar, $post );
dj_t_ok( 302 === $r['status'] && str_contains( $r['location'], 'dj_notice=saved' ), 'rounded is saved', (string) $r['status'] );
wp_cache_flush(); // The server wrote the option.
dj_t_same( 'rounded', Settings::numbers(), 'as posted' );
$page = dj_t_http( $url, $jar );
dj_t_ok( str_contains( $page['body'], '<option value="rounded" selected=\'selected\'>' ), 'the page shows it chosen' );

// The public page follows.
$old = get_page_by_path( 'dj-numbers-page' );
if ( $old ) {
	wp_delete_post( $old->ID, true );
}
$pid = wp_insert_post(
	array(
		'post_type'    => 'page',
		'post_status'  => 'publish',
		'post_title'   => 'numbers',
		'post_name'    => 'dj-numbers-page',
		'post_content' => $sc,
	)
);
$r = dj_t_http( (string) get_permalink( $pid ), null );
dj_t_same( $rounded, dj_t_numbers( $r['body'] ), 'a visitor sees 310余 and 1.2万余 on the public page' );

$post['dangjian_settings']['numbers'] = 'roman';
$r = dj_t_http( $url, $jar, $post );
dj_t_ok( 422 === $r['status'] && str_contains( $r['body'], 'data-field="numbers"' ), 'an unknown style is refused beside its field', (string) $r['status'] );
wp_cache_flush();
dj_t_same( 'rounded', Settings::numbers(), 'and not saved' );
unlink( $jar );
wp_delete_post( $pid, true );
delete_option( Settings::OPTION );

dj_t_reset();
dj_t_done();

<?php
/**
 * Plugin Name: Dangjian test environment
 * Description: Installed by scripts/wp-env.sh into its private sites only. This machine has no mail
 *              program and no internet: mail is answered as sent (and logged beside debug.log), and
 *              every outgoing HTTP request gets an empty 404 at once instead of a timeout or a warning.
 */

defined( 'ABSPATH' ) || exit;

add_filter(
	'pre_wp_mail',
	static function ( $short_circuit, $atts ) {
		if ( defined( 'WP_DEBUG_LOG' ) && is_string( WP_DEBUG_LOG ) ) {
			$to   = is_array( $atts['to'] ) ? implode( ', ', $atts['to'] ) : (string) $atts['to'];
			$line = gmdate( 'c' ) . "\t" . $to . "\t" . (string) $atts['subject'] . "\n";
			file_put_contents( dirname( WP_DEBUG_LOG ) . '/mail.log', $line, FILE_APPEND | LOCK_EX );
		}
		return true;
	},
	10,
	2
);

add_filter(
	'pre_http_request',
	static function () {
		return array(
			'headers'  => array(),
			'body'     => '',
			'response' => array(
				'code'    => 404,
				'message' => 'Not Found',
			),
			'cookies'  => array(),
			'filename' => null,
		);
	},
	1
);

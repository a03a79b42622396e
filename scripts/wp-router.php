<?php
/**
 * Router for `php -S` (scripts/wp-env.sh): files that exist are served as they are (PHP files run);
 * any other path goes to WordPress's index.php, as Apache's rewrite rules would send it.
 */

$dangjian_root = $_SERVER['DOCUMENT_ROOT'];
$dangjian_path = rawurldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
if ( '/' !== $dangjian_path && file_exists( $dangjian_root . $dangjian_path ) ) {
	return false;
}
if ( '/' === $dangjian_path ) {
	return false;
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $dangjian_root . '/index.php';
chdir( $dangjian_root );
require $dangjian_root . '/index.php';

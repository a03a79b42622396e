<?php
/**
 * Plugin Name:       Dangjian 党建统计
 * Plugin URI:        https://example.org/dangjian
 * Description:       Records a Party branch's members, meetings and public service, and computes every figure its reports need.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.2
 * Author:            The Dangjian team
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       dangjian
 * Domain Path:       /languages
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit;

define( 'DANGJIAN_PLUGIN_VERSION', '0.1.0' );
define( 'DANGJIAN_PLUGIN_FILE', __FILE__ );
define( 'DANGJIAN_PLUGIN_DIR', __DIR__ );
define( 'DANGJIAN_REST_NAMESPACE', 'dangjian/v1' );

require_once __DIR__ . '/includes/class-schema.php';
require_once __DIR__ . '/includes/class-capabilities.php';
require_once __DIR__ . '/includes/class-data-version.php';
require_once __DIR__ . '/includes/class-uploads.php';
require_once __DIR__ . '/includes/class-engine.php';
require_once __DIR__ . '/includes/class-period.php';
require_once __DIR__ . '/includes/class-records.php';
require_once __DIR__ . '/includes/class-settings.php';
require_once __DIR__ . '/includes/class-reminders.php';
require_once __DIR__ . '/includes/functions.php';
require_once __DIR__ . '/includes/class-plugin.php';
require_once __DIR__ . '/includes/class-admin.php';
require_once __DIR__ . '/includes/class-admin-pages.php';
require_once __DIR__ . '/includes/class-rest.php';
require_once __DIR__ . '/includes/class-privacy.php';
require_once __DIR__ . '/includes/class-format.php';
require_once __DIR__ . '/includes/class-charts.php';
require_once __DIR__ . '/includes/class-showcase.php';
require_once __DIR__ . '/includes/class-showcase-dashboard.php';
require_once __DIR__ . '/includes/class-widget.php';
require_once __DIR__ . '/includes/report/load.php';
require_once __DIR__ . '/includes/rating/load.php';
require_once __DIR__ . '/includes/network/load.php';

// Import, export and WP-CLI (includes/class-import*.php, class-export*.php, class-cli*.php) are
// written separately; each file is loaded when present.
foreach ( array( 'import', 'export', 'cli' ) as $dangjian_part ) {
	foreach ( (array) glob( __DIR__ . '/includes/class-' . $dangjian_part . '*.php' ) as $dangjian_file ) {
		if ( is_string( $dangjian_file ) && file_exists( $dangjian_file ) ) {
			require_once $dangjian_file;
		}
	}
}
unset( $dangjian_part, $dangjian_file );

register_activation_hook( __FILE__, array( 'Dangjian\\Plugin', 'activate' ) );

Dangjian\Plugin::init();

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

// Every file of the plugin, by room (see docs/ARCHITECTURE.md). Loading a file only defines its
// class: the hooks are added in one place, Plugin::init().
require_once __DIR__ . '/includes/core/class-capabilities.php';
require_once __DIR__ . '/includes/core/class-uploads.php';
require_once __DIR__ . '/includes/core/class-period.php';
require_once __DIR__ . '/includes/core/class-settings.php';
require_once __DIR__ . '/includes/core/class-profile.php';
require_once __DIR__ . '/includes/core/functions.php';
require_once __DIR__ . '/includes/core/class-plugin.php';
require_once __DIR__ . '/includes/data/class-schema.php';
require_once __DIR__ . '/includes/data/class-data-version.php';
require_once __DIR__ . '/includes/data/class-amount.php';
require_once __DIR__ . '/includes/data/class-vocabulary.php';
require_once __DIR__ . '/includes/data/class-fields.php';
require_once __DIR__ . '/includes/data/class-validator.php';
require_once __DIR__ . '/includes/data/class-records.php';
require_once __DIR__ . '/includes/engine/class-engine-limits.php';
require_once __DIR__ . '/includes/engine/class-engine-errors.php';
require_once __DIR__ . '/includes/engine/class-engine.php';
require_once __DIR__ . '/includes/engine/class-engine-store.php';
require_once __DIR__ . '/includes/engine/class-engine-deltas.php';
require_once __DIR__ . '/includes/engine/class-engine-build.php';
require_once __DIR__ . '/includes/engine/class-engine-stream.php';
require_once __DIR__ . '/includes/admin/class-reminders.php';
require_once __DIR__ . '/includes/admin/class-admin.php';
require_once __DIR__ . '/includes/admin/class-admin-pages.php';
require_once __DIR__ . '/includes/admin/class-admin-profile.php';
require_once __DIR__ . '/includes/admin/class-showcase-dashboard.php';
require_once __DIR__ . '/includes/import/class-import-vocabulary.php';
require_once __DIR__ . '/includes/import/class-csv-reader.php';
require_once __DIR__ . '/includes/import/class-import-cells.php';
require_once __DIR__ . '/includes/import/class-import-checks.php';
require_once __DIR__ . '/includes/import/class-import.php';
require_once __DIR__ . '/includes/import/class-import-update.php';
require_once __DIR__ . '/includes/import/class-export.php';
require_once __DIR__ . '/includes/import/class-export-query.php';
require_once __DIR__ . '/includes/import/class-backup.php';
require_once __DIR__ . '/includes/import/class-backup-rows.php';
require_once __DIR__ . '/includes/import/class-backup-writer.php';
require_once __DIR__ . '/includes/import/class-backup-layout.php';
require_once __DIR__ . '/includes/import/class-backup-source.php';
require_once __DIR__ . '/includes/import/class-backup-stream.php';
require_once __DIR__ . '/includes/import/class-backup-restore.php';
require_once __DIR__ . '/includes/import/class-export-job.php';
require_once __DIR__ . '/includes/import/class-export-admin.php';
require_once __DIR__ . '/includes/import/class-import-admin.php';
require_once __DIR__ . '/includes/rest/class-rest.php';
require_once __DIR__ . '/includes/rest/class-rest-stats.php';
require_once __DIR__ . '/includes/rest/class-rest-records.php';
require_once __DIR__ . '/includes/rest/class-rest-people-search.php';
require_once __DIR__ . '/includes/privacy/class-privacy.php';
require_once __DIR__ . '/includes/showcase/class-format.php';
require_once __DIR__ . '/includes/showcase/class-chart-labels.php';
require_once __DIR__ . '/includes/showcase/class-charts.php';
require_once __DIR__ . '/includes/showcase/class-public-period.php';
require_once __DIR__ . '/includes/showcase/class-showcase-cache.php';
require_once __DIR__ . '/includes/showcase/class-showcase.php';
require_once __DIR__ . '/includes/showcase/class-showcase-choices.php';
require_once __DIR__ . '/includes/showcase/class-widget.php';
require_once __DIR__ . '/includes/cli/class-cli.php';
require_once __DIR__ . '/includes/report/load.php';
require_once __DIR__ . '/includes/rating/load.php';
require_once __DIR__ . '/includes/network/load.php';

register_activation_hook( __FILE__, array( 'Dangjian\\Plugin', 'activate' ) );
register_deactivation_hook( __FILE__, array( 'Dangjian\\Plugin', 'deactivate' ) );

Dangjian\Plugin::init();

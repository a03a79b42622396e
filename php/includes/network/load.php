<?php
/**
 * The network room: its files, loaded in order by dangjian.php.
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit;

require_once __DIR__ . '/class-network-schema.php';
require_once __DIR__ . '/class-network-summary.php';
require_once __DIR__ . '/class-network-store.php';
require_once __DIR__ . '/class-network-push.php';
require_once __DIR__ . '/class-network-export.php';
require_once __DIR__ . '/class-network-report.php';
require_once __DIR__ . '/class-network-actions.php';
require_once __DIR__ . '/class-network-admin.php';
require_once __DIR__ . '/class-network-rest.php';
require_once __DIR__ . '/class-network-shortcode.php';
require_once __DIR__ . '/class-network-cli.php';
require_once __DIR__ . '/class-network-module.php';

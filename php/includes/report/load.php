<?php
/**
 * The report room: its files, loaded in order by dangjian.php.
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit;

require_once __DIR__ . '/class-report-zip.php';
require_once __DIR__ . '/class-report-docx.php';
require_once __DIR__ . '/class-report-format.php';
require_once __DIR__ . '/class-report-context.php';
require_once __DIR__ . '/class-report-tables.php';
require_once __DIR__ . '/class-report-engine-figures.php';
require_once __DIR__ . '/class-report-figures.php';
require_once __DIR__ . '/class-report-default.php';
require_once __DIR__ . '/class-report-template.php';
require_once __DIR__ . '/class-report-output.php';
require_once __DIR__ . '/class-report-records.php';
require_once __DIR__ . '/class-report-admin.php';
require_once __DIR__ . '/class-report-view.php';
require_once __DIR__ . '/class-report-rest.php';
require_once __DIR__ . '/class-report-cli.php';
require_once __DIR__ . '/class-report-module.php';

<?php
/**
 * The report room: its files, loaded in order by dangjian.php.
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit;

require_once __DIR__ . '/class-report-zip.php';
require_once __DIR__ . '/class-report-docx.php';
require_once __DIR__ . '/class-report-module.php';

<?php
/**
 * The rating room: its files, loaded in order by dangjian.php.
 *
 * @package Dangjian
 */

defined( 'ABSPATH' ) || exit;

require_once __DIR__ . '/class-rating-rubric.php';
require_once __DIR__ . '/class-rating-presets.php';
require_once __DIR__ . '/class-rating-figures.php';
require_once __DIR__ . '/class-rating-scorer.php';
require_once __DIR__ . '/class-rating-manual.php';
require_once __DIR__ . '/class-rating-store.php';
require_once __DIR__ . '/class-rating-chart.php';
require_once __DIR__ . '/class-rating-docx.php';
require_once __DIR__ . '/class-rating-view.php';
require_once __DIR__ . '/class-rating-admin.php';
require_once __DIR__ . '/class-rating-rest.php';
require_once __DIR__ . '/class-rating-cli.php';
require_once __DIR__ . '/class-rating-module.php';

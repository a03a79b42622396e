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
require_once __DIR__ . '/class-rating-module.php';

<?php
/**
 * load.php - loads the pure-PHP twin of the dangjian engine when the extension is not loaded; does
 * nothing when it is. require_once this file before using Dangjian\Dataset.
 */

if (!extension_loaded('dangjian')) {
    require_once __DIR__ . '/exceptions.php';
    require_once __DIR__ . '/Values.php';
    require_once __DIR__ . '/DayIndex.php';
    require_once __DIR__ . '/Store.php';
    require_once __DIR__ . '/Query.php';
    require_once __DIR__ . '/Stats.php';
    require_once __DIR__ . '/StatsOut.php';
    require_once __DIR__ . '/JsonScanner.php';
    require_once __DIR__ . '/Json.php';
    require_once __DIR__ . '/Snapshot.php';
    require_once __DIR__ . '/SnapshotFile.php';
    require_once __DIR__ . '/Dataset.php';
    require_once __DIR__ . '/Cache.php';
}

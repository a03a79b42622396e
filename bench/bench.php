<?php
/*
 * bench/bench.php - times one implementation in-process (php CLI, hrtime).
 *
 *   php -d extension=modules/dangjian.so bench/bench.php measure SNAP REPS OUT.json CHECK.json
 *   php bench/bench.php measure SNAP REPS OUT.json CHECK.json        (the pure-PHP twin)
 *   php -d extension=modules/dangjian.so bench/bench.php rss SNAP OUT.json
 *
 * The implementation is the extension when it is loaded, else php/fallback/load.php.
 * measure: loads the snapshot (timed, with the process RSS and PHP heap before and
 * after), runs stats(BENCH_QUERY) REPS times (each timed with hrtime), then writes
 * the statsJson() of every CHECK query into CHECK.json (for the side-by-side diff).
 * rss: loads the snapshot and records the memory it took, then again after one
 * stats(BENCH_QUERY) call (which builds the core's per-day cache inside the dataset).
 */

declare(strict_types=1);

use Dangjian\Dataset;

const BENCH_QUERY = ['from' => '2024-01-01', 'to' => '2024-12-31'];
const CHECK_QUERIES = [
    BENCH_QUERY,
    [],
    ['from' => '2023-01-01', 'to' => '2025-12-31', 'as_of' => '2024-06-30', 'top' => 50, 'due_within' => 365],
    ['from' => '2016-01-01', 'to' => '2025-12-31', 'top' => 0, 'due_within' => 0],
    ['from' => '2025-03-15', 'to' => '2025-03-15', 'as_of' => '2019-07-01',
        'meeting_rules' => ['study_session' => 'quarter', 'committee' => 'month', 'theme_day' => 'year']],
    ['from' => '2024-02-29', 'to' => '2025-02-28', 'meeting_rules' => []],
];

ini_set('memory_limit', '-1');
$impl = extension_loaded('dangjian') ? 'extension' : 'twin';
if ($impl === 'twin') {
    require __DIR__ . '/../php/fallback/load.php';
}

function rss_bytes(string $field = 'VmRSS'): int
{
    $s = (string)file_get_contents('/proc/self/status');
    return preg_match('/^' . $field . ':\s+(\d+) kB/m', $s, $m) ? (int)$m[1] * 1024 : -1;
}

function load_measured(string $snap): array
{
    gc_collect_cycles();
    $rss0 = rss_bytes();
    $hwm0 = rss_bytes('VmHWM');
    $mem0 = memory_get_usage();
    $t0 = hrtime(true);
    $ds = Dataset::load($snap);
    $t1 = hrtime(true);
    gc_collect_cycles();
    return [$ds, [
        'load_ms' => ($t1 - $t0) / 1e6,
        'rss_delta' => rss_bytes() - $rss0,
        'hwm_delta' => rss_bytes('VmHWM') - $hwm0,
        'php_heap_delta' => memory_get_usage() - $mem0,
        'counts' => $ds->counts(),
        'rss0' => $rss0,
    ]];
}

[$mode, $snap] = [$argv[1] ?? '', $argv[2] ?? ''];
if ($mode === 'rss' && $argc === 4) {
    [$ds, $r] = load_measured($snap);
    $r['impl'] = $impl;
    // one stats() call: the core builds its per-day cache inside the dataset
    $t0 = hrtime(true);
    $ds->stats(BENCH_QUERY);
    $r['first_stats_ms'] = (hrtime(true) - $t0) / 1e6;
    gc_collect_cycles();
    $r['rss_delta_after_stats'] = rss_bytes() - $r['rss0'];
    file_put_contents($argv[3], json_encode($r) . "\n");
    exit(0);
}
if ($mode !== 'measure' || $argc !== 6) {
    fwrite(STDERR, "usage: php bench/bench.php measure SNAP REPS OUT.json CHECK.json | rss SNAP OUT.json\n");
    exit(2);
}
$reps = max(1, (int)$argv[3]);
[$ds, $r] = load_measured($snap);
$r['impl'] = $impl;
$r['php'] = PHP_VERSION;
$r['query'] = BENCH_QUERY;

$t0 = hrtime(true);
$ds->stats(BENCH_QUERY); // warm-up: caches, page faults, the twin's lazy indexes
$r['first_stats_ms'] = (hrtime(true) - $t0) / 1e6;
$times = [];
for ($i = 0; $i < $reps; $i++) {
    $t0 = hrtime(true);
    $s = $ds->stats(BENCH_QUERY);
    $times[] = (hrtime(true) - $t0) / 1e6;
    unset($s);
}
$t0 = hrtime(true);
$json = $ds->statsJson(BENCH_QUERY);
$r['stats_json_ms'] = (hrtime(true) - $t0) / 1e6;
$sorted = $times;
sort($sorted);
$r['stats_ms'] = $times;
$r['best_ms'] = $sorted[0];
$r['median_ms'] = $sorted[intdiv(count($sorted), 2)];
$r['bench_stats_json'] = $json;

$checks = [];
foreach (CHECK_QUERIES as $q) {
    try {
        $checks[] = ['query' => $q, 'json' => $ds->statsJson($q)];
    } catch (\Throwable $e) {
        $checks[] = ['query' => $q, 'error' => get_class($e) . ': ' . $e->getMessage()];
    }
}
file_put_contents($argv[5], json_encode($checks, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES) . "\n");
file_put_contents($argv[4], json_encode($r, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES) . "\n");

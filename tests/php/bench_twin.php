<?php
/**
 * tests/php/bench_twin.php - a quick measure of the pure-PHP twin alone (not part of any suite):
 * CPU seconds of addActivities() for 200,000 activities, of statsJson() unfiltered and filtered
 * (one kind) over a year, and of toJson().
 *
 *   php -d memory_limit=4G tests/php/bench_twin.php [ROOT]     ROOT: a tree holding php/fallback/
 *                                                              (default: this repository)
 * Give ROOT an older checkout (git archive <commit> php/fallback | tar -x -C DIR) to compare.
 */

$root = $argv[1] ?? dirname(__DIR__, 2);
require $root . '/php/fallback/load.php';

function cpu(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] + $r['ru_utime.tv_usec'] / 1e6;
}

$people = [];
for ($i = 1; $i <= 5000; $i++) {
    $people[] = ['id' => $i, 'applied_on' => '2019-01-01', 'admitted_on' => $i % 2 ? '2021-06-01' : null,
        'joined_on' => $i % 5 ? null : '2022-01-01'];
}
$acts = [];
for ($i = 1; $i <= 200000; $i++) {
    $acts[] = ['id' => $i, 'date' => sprintf('2024-%02d-%02d', 1 + $i % 12, 1 + $i % 28), 'category' => $i % 7 ? 'service' : 'meeting',
        'kind' => ['visit', 'clean', 'committee'][$i % 3], 'hours' => 1 + $i % 5, 'venue_kind' => 'community',
        'venue' => 'Hall ' . ($i % 50), 'participants' => [1 + $i % 2, 3 + ($i * 7) % 4990]];
}
$d = new Dangjian\Dataset();
$d->addPeople($people);
$t = cpu();
$d->addActivities($acts);
$add = cpu() - $t;
$t = cpu();
for ($k = 0; $k < 3; $k++) {
    $d->statsJson();
}
$stats = (cpu() - $t) / 3;
$filtered = null;
try {
    $t = cpu();
    for ($k = 0; $k < 3; $k++) {
        $d->statsJson(['filter' => ['kinds' => ['visit']]]);
    }
    $filtered = (cpu() - $t) / 3;
} catch (ValueError $e) {
    // a twin before STATS.md v2 has no filter
}
$t = cpu();
$d->toJson();
$json = cpu() - $t;
printf("add %.3fs  stats %.3fs  filtered %s  toJson %.3fs  (CPU seconds)\n", $add, $stats,
    $filtered === null ? '-' : sprintf('%.3fs', $filtered), $json);

<?php
/*
 * bench/rating-bench.php - scoring a year of the star rating beside one stats() call.
 *
 *   php [-d extension=modules/dangjian.so] bench/rating-bench.php SNAPSHOT [YEAR] [REPS] [OUT.json]
 *
 * SNAPSHOT is a dataset snapshot of bench/gen.php (.work/bench/data-<key>/full.snap; make bench
 * makes it, or: php -d extension=modules/dangjian.so bench/gen.php DIR 100000 1000000 1). YEAR
 * defaults to 2025 (gen.php's data covers 2023-2025), REPS to 11.
 *
 * Loads the snapshot once (the extension when it is loaded, else the pure-PHP twin), then times, each
 * REPS times, interleaved:
 *   - one stats() call of the year (from, to, as_of, the default meeting rules), the unit;
 *   - scoring the year with the eight-indicator preset (Rating_Scorer over a fresh Rating_Figures
 *     whose stats come from the same dataset: two stats() calls, the year and the monthly meeting
 *     check). The figures of the plugin's other tables (media, honours, investment, benefits, the
 *     plan) are the few indexed COUNT/SUM queries of a site; here they are answered with fixed values,
 *     so this measures the engine and the scorer.
 * Prints the medians and the ratio scoring / stats() (the goal: at most 20), and writes them as JSON
 * to OUT.json when given. Timings are reported, never asserted.
 */

declare(strict_types=1);

if ($argc < 2) {
    fwrite(STDERR, "usage: php bench/rating-bench.php SNAPSHOT [YEAR] [REPS] [OUT.json]\n");
    exit(2);
}
[$snap, $year, $reps, $out] = [$argv[1], (int)($argv[2] ?? 2025), max(1, (int)($argv[3] ?? 11)), $argv[4] ?? ''];

// The rating room's classes need only a few WordPress functions, stood in for here.
define('ABSPATH', __DIR__ . '/');
function __(string $text, string $domain = 'default'): string
{
    return $text;
}
function wp_json_encode($value, int $flags = 0)
{
    return json_encode($value, $flags);
}
if (!extension_loaded('dangjian')) {
    require __DIR__ . '/../php/fallback/load.php';
}
foreach (['rubric', 'presets', 'figures', 'scorer'] as $part) {
    require __DIR__ . "/../php/includes/rating/class-rating-$part.php";
}

use Dangjian\Dataset;
use Dangjian\Rating_Figures;
use Dangjian\Rating_Presets;
use Dangjian\Rating_Scorer;

$t0 = hrtime(true);
$ds = Dataset::load($snap);
$loadMs = (hrtime(true) - $t0) / 1e6;

$rules = [
    'branch_assembly' => 'quarter', 'committee' => 'month', 'group_meeting' => 'month',
    'party_lesson' => 'quarter', 'theme_day' => 'month', 'life_meeting' => 'year',
];
$kinds = ['branch_assembly', 'committee', 'group_meeting', 'party_lesson', 'theme_day', 'life_meeting', 'work_meeting'];
$period = Rating_Figures::period($year, sprintf('%04d-12-31', $year + 1));
$query = ['from' => $period['from'], 'to' => $period['to'], 'as_of' => $period['as_of'], 'meeting_rules' => $rules];
$rubric = Rating_Presets::rubric('eight_standard');
$rows = static fn(string $id, array $args, array $p) => ['plan_min_admit' => 10, 'investment' => 5000.0][$id] ?? 1;

$score = static function () use ($ds, $rules, $kinds, $rubric, $rows, $period): array {
    $figures = new Rating_Figures([
        'stats' => static fn(array $q): array => $ds->stats($q),
        'meeting_rules' => $rules,
        'meeting_kinds' => $kinds,
        'rows' => $rows,
    ]);
    $result = Rating_Scorer::score($rubric, $figures, $period, []);
    return [$result, $figures->engine_calls];
};

// One of each first: the per-day cache is built on the first stats() call after a load.
$ds->stats($query);
[$result, $calls] = $score();

$statsMs = [];
$ratingMs = [];
for ($i = 0; $i < $reps; $i++) {
    $t = hrtime(true);
    $ds->stats($query);
    $statsMs[] = (hrtime(true) - $t) / 1e6;
    $t = hrtime(true);
    $score();
    $ratingMs[] = (hrtime(true) - $t) / 1e6;
}
$median = static function (array $v): float {
    sort($v);
    return $v[intdiv(count($v), 2)];
};
$counts = $ds->counts();
$report = [
    'engine' => extension_loaded('dangjian') ? 'extension' : 'fallback',
    'activities' => $counts['activities'],
    'people' => $counts['people'],
    'year' => $year,
    'reps' => $reps,
    'load_ms' => round($loadMs, 1),
    'stats_ms' => round($median($statsMs), 2),
    'rating_ms' => round($median($ratingMs), 2),
    'stats_calls_per_rating' => $calls,
    'ratio' => round($median($ratingMs) / max(1e-6, $median($statsMs)), 2),
    'total' => $result['total'],
    'stars' => $result['stars'],
];
printf(
    "rating-bench (%s, %d activities, %d): one stats() %.2f ms; scoring the year %.2f ms (%d stats() calls) = %.2f stats() calls' time (goal <= 20); %s points, %d stars\n",
    $report['engine'], $report['activities'], $year, $report['stats_ms'], $report['rating_ms'], $calls, $report['ratio'],
    $result['total'], $result['stars']
);
if ($out !== '') {
    file_put_contents($out, json_encode($report, JSON_PRETTY_PRINT) . "\n");
}

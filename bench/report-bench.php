<?php
/*
 * bench/report-bench.php - the year-end work report (text and .docx) beside one stats() call.
 *
 *   php [-d extension=modules/dangjian.so] bench/report-bench.php SNAPSHOT [YEAR] [REPS] [OUT.json]
 *
 * SNAPSHOT is a dataset snapshot of bench/gen.php (.work/bench/data-<key>/full.snap; make bench
 * makes it, or: php -d extension=modules/dangjian.so bench/gen.php DIR 100000 1000000 1). YEAR
 * defaults to 2025 (gen.php's data covers 2023-2025), REPS to 11.
 *
 * Loads the snapshot once (the extension when it is loaded, else the pure-PHP twin), then times, each
 * REPS times, interleaved:
 *   - stats: one stats() call of the year (the unit);
 *   - text:  the default template rendered for the year, as text, through a fresh Report_Context
 *            whose stats come from the same dataset (its stats() calls are counted);
 *   - docx:  the same, written as a .docx (Report_Docx, the plain PHP zip writer).
 * The plugin's small tables (investment, benefits, plan, media, honours) and people's names are the
 * site's few indexed queries; outside WordPress they read as empty, so this measures the engine, the
 * template and the writers. Prints one line per measure (median ms, and the ratio to one stats()
 * call; the goal is at most 10), and writes them as JSON to OUT.json when given. Timings are
 * reported, never asserted.
 */

declare(strict_types=1);

if ($argc < 2) {
    fwrite(STDERR, "usage: php bench/report-bench.php SNAPSHOT [YEAR] [REPS] [OUT.json]\n");
    exit(2);
}
[$snap, $year, $reps, $out] = [$argv[1], (int)($argv[2] ?? 2025), max(1, (int)($argv[3] ?? 11)), $argv[4] ?? ''];
ini_set('memory_limit', '-1');

// The report room's classes need only a few WordPress functions, stood in for here.
define('ABSPATH', __DIR__ . '/');
function __(string $text, string $domain = 'default'): string
{
    return $text;
}
function apply_filters(string $hook, $value)
{
    return $value;
}
function wp_json_encode($value, int $flags = 0)
{
    return json_encode($value, $flags);
}
function esc_html($text): string
{
    return htmlspecialchars((string)$text, ENT_QUOTES, 'UTF-8');
}
function esc_attr($text): string
{
    return htmlspecialchars((string)$text, ENT_QUOTES, 'UTF-8');
}
if (!extension_loaded('dangjian')) {
    require __DIR__ . '/../php/fallback/load.php';
}
// The vocabulary (kinds, venue kinds, levels) the template is checked against, and the Chinese names.
foreach (['data/class-vocabulary.php', 'data/class-records.php', 'import/class-import-vocabulary.php'] as $file) {
    if (is_file(__DIR__ . "/../php/includes/$file") && !(str_contains($file, 'records') && class_exists('Dangjian\\Vocabulary'))) {
        require __DIR__ . "/../php/includes/$file";
    }
}
foreach (['zip', 'docx', 'format', 'context', 'tables', 'engine-figures', 'figures', 'default', 'template', 'output'] as $part) {
    require __DIR__ . "/../php/includes/report/class-report-$part.php";
}

use Dangjian\Dataset;
use Dangjian\Report_Context;
use Dangjian\Report_Default;
use Dangjian\Report_Output;

$t0 = hrtime(true);
$ds = Dataset::load($snap);
$loadMs = (hrtime(true) - $t0) / 1e6;
$counts = $ds->counts();

$rules = [
    'branch_assembly' => 'quarter', 'committee' => 'month', 'group_meeting' => 'month',
    'party_lesson' => 'quarter', 'theme_day' => 'month', 'life_meeting' => 'year',
];
$from = sprintf('%04d-01-01', $year);
$to = sprintf('%04d-12-31', $year);
$query = ['from' => $from, 'to' => $to, 'as_of' => $to, 'meeting_rules' => $rules];
$engine = static fn(array $q): array => $ds->stats($q + ['meeting_rules' => $rules]);
$template = Report_Default::text();
$calls = 0;
$report = static function () use ($from, $to, $engine, $template, &$calls): array {
    $ctx = new Report_Context($from, $to, $to, $engine);
    $r = Report_Output::build($ctx, $template);
    $calls = $ctx->calls;
    return $r;
};

// One of each first: the per-day cache is built on the first stats() call after a load.
$ds->stats($query);
$text = Report_Output::text($report());
$docx = Report_Output::docx($report(), 0);

$times = ['stats' => [], 'text' => [], 'docx' => []];
for ($i = 0; $i < $reps; $i++) {
    $t = hrtime(true);
    $ds->stats($query);
    $times['stats'][] = (hrtime(true) - $t) / 1e6;
    $t = hrtime(true);
    Report_Output::text($report());
    $times['text'][] = (hrtime(true) - $t) / 1e6;
    $t = hrtime(true);
    Report_Output::docx($report(), 0);
    $times['docx'][] = (hrtime(true) - $t) / 1e6;
}
$median = static function (array $v): float {
    sort($v);
    $n = count($v);
    return $n % 2 ? $v[intdiv($n, 2)] : ($v[$n / 2 - 1] + $v[$n / 2]) / 2;
};
$impl = extension_loaded('dangjian') ? 'extension' : 'twin';
$unit = $median($times['stats']);
$result = [
    'implementation' => $impl,
    'activities' => $counts['activities'],
    'people' => $counts['people'],
    'year' => $year,
    'reps' => $reps,
    'load_ms' => round($loadMs, 1),
    'stats_ms' => round($unit, 2),
    'text_ms' => round($median($times['text']), 2),
    'docx_ms' => round($median($times['docx']), 2),
    'stats_calls_per_report' => $calls,
    'text_bytes' => strlen($text),
    'docx_bytes' => strlen($docx),
];
printf("report-bench: %s, %d activities, %d people, year %d, median of %d\n", $impl, $counts['activities'], $counts['people'], $year, $reps);
printf("report-bench: stats() of the year         %9.2f ms  (1.0 call)\n", $unit);
printf("report-bench: report as text              %9.2f ms  (%.1f calls' time; %d stats() calls made; goal <= 10)\n", $result['text_ms'], $result['text_ms'] / max($unit, 1e-9), $calls);
printf("report-bench: report as .docx             %9.2f ms  (%.1f calls' time; %d bytes)\n", $result['docx_ms'], $result['docx_ms'] / max($unit, 1e-9), strlen($docx));
if ($out !== '') {
    file_put_contents($out, json_encode($result, JSON_PRETTY_PRINT) . "\n");
}

<?php
/*
 * bench/report.php - the table of one run of bench/run.sh.
 *
 *   php bench/report.php RESULTDIR DATADIR OUT.md
 *
 * Reads the JSON files that run.sh left in RESULTDIR (floor.json, ext.json,
 * ext.check.json, twin.json, twin.check.json, rss_people/noparts/full.json) and
 * DATADIR/meta.json, prints a markdown report to stdout and writes it to OUT.md.
 * Exits 1 when the extension and the twin print different statsJson for any check
 * query, or when the floor's figures differ from the extension's (a benchmark of
 * two programs that disagree measures nothing). Timings are never asserted.
 */

declare(strict_types=1);

if ($argc !== 4) {
    fwrite(STDERR, "usage: php bench/report.php RESULTDIR DATADIR OUT.md\n");
    exit(2);
}
[$res, $data, $outMd] = [$argv[1], $argv[2], $argv[3]];

function load_json(string $path): array
{
    $s = @file_get_contents($path);
    $v = $s === false ? null : json_decode($s, true);
    if (!is_array($v)) {
        fwrite(STDERR, "report.php: cannot read $path\n");
        exit(2);
    }
    return $v;
}

$meta = load_json("$data/meta.json");
$floor = load_json("$res/floor.json");
$ext = load_json("$res/ext.json");
$twin = load_json("$res/twin.json");
$twinJit = load_json("$res/twin_jit.json");
$extChecks = load_json("$res/ext.check.json");
$twinChecks = load_json("$res/twin.check.json");
$twinJitChecks = load_json("$res/twin_jit.check.json");
$rss = [];
foreach (['people', 'noparts', 'full'] as $k) {
    $rss[$k] = load_json("$res/rss_$k.json");
}
if ($ext['impl'] !== 'extension' || $twin['impl'] !== 'twin' || $twinJit['impl'] !== 'twin') {
    fwrite(STDERR, "report.php: ext.json must come from the extension and twin.json from the twin\n");
    exit(2);
}

// ------------------------------------------------------------- the checks
$failures = [];
$same = 0;
foreach (['twin' => $twinChecks, 'twin with JIT' => $twinJitChecks] as $who => $other) {
    foreach ($extChecks as $i => $e) {
        $t = $other[$i] ?? null;
        $q = json_encode($e['query'], JSON_UNESCAPED_SLASHES);
        if ($t === null || ($e['json'] ?? $e['error']) !== ($t['json'] ?? $t['error'])) {
            $a = $e['json'] ?? $e['error'];
            $b = $t === null ? '(missing)' : ($t['json'] ?? $t['error']);
            $at = strspn($a ^ $b, "\0");
            $failures[] = "statsJson($q): the extension and the $who differ at byte $at: extension `"
                . substr($a, max(0, $at - 40), 100) . "` $who `" . substr($b, max(0, $at - 40), 100) . '`';
        } elseif (isset($e['error'])) {
            $failures[] = "statsJson($q) failed in the extension and the $who: {$e['error']}";
        } else {
            $same++;
        }
    }
}
$nChecks = 2 * count($extChecks);
$floorJson = json_encode($floor['figures'], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION);
$extJson = json_encode(json_decode($ext['bench_stats_json'], true), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION);
$floorSame = $floorJson === $extJson;
if (!$floorSame) {
    $at = strspn($floorJson ^ $extJson, "\0");
    $failures[] = "the floor's figures differ from the extension's stats() at byte $at: floor `"
        . substr($floorJson, max(0, $at - 60), 120) . "` extension `" . substr($extJson, max(0, $at - 60), 120) . '`';
}
foreach (['people', 'activities', 'participations'] as $k) {
    foreach (['extension' => $ext['counts'][$k], 'twin' => $twin['counts'][$k], 'twin with JIT' => $twinJit['counts'][$k], 'floor' => $floor[$k]] as $who => $n) {
        if ($n !== $meta[$k]) {
            $failures[] = "$who holds $n $k, the generator made {$meta[$k]}";
        }
    }
}

// ------------------------------------------------------------ the numbers
$na = $meta['activities'];
$nm = $meta['participations'];
$np = $meta['people'];
$perAct = ($floor['memory_noparts'] - $floor['memory_people']) / max(1, $na);
$perPart = ($floor['memory_full'] - $floor['memory_noparts']) / max(1, $nm);
$rssAct = ($rss['noparts']['rss_delta'] - $rss['people']['rss_delta']) / max(1, $na);
$rssPart = ($rss['full']['rss_delta'] - $rss['noparts']['rss_delta']) / max(1, $nm);
$vsTwin = $twin['best_ms'] / max(1e-9, $ext['best_ms']);
$vsTwinJit = $twinJit['best_ms'] / max(1e-9, $ext['best_ms']);
$vsFloor = $ext['best_ms'] / max(1e-9, $floor['floor_best_ms']);

$cpu = preg_match('/^model name\s*:\s*(.+)$/m', (string)@file_get_contents('/proc/cpuinfo'), $m) ? trim($m[1]) : 'unknown';
$cores = (int)trim((string)shell_exec('nproc 2>/dev/null'));
$arch = trim((string)php_uname('m'));
$cc = trim((string)shell_exec('cc --version 2>/dev/null | head -n 1'));
$q = $ext['query'];

$ms = static fn(float $v): string => $v >= 100 ? number_format($v, 0, '.', ',') : number_format($v, $v >= 10 ? 1 : 2);
$mib = static fn(int|float $b): string => number_format($b / 1048576, 1) . ' MiB';
$ok = static fn(bool $b): string => $b ? 'met' : '**not met**';
$list = static fn(array $t): string => implode(', ', array_map($ms, $t));

$md = [];
$md[] = '# Benchmarks';
$md[] = '';
$md[] = 'Measured by `make bench` (`bench/run.sh`) on ' . gmdate('Y-m-d H:i') . ' UTC: every number below comes from one run, side by side.';
$md[] = 'The machine was shared: load average ' . implode(' / ', array_slice(explode(' ', trim((string)@file_get_contents("$res/loadavg.before"))), 0, 3))
    . ' (1 / 5 / 15 min) before the run and ' . implode(' / ', array_slice(explode(' ', trim((string)@file_get_contents("$res/loadavg.after"))), 0, 3))
    . ' after, so compare the numbers within this page rather than with another run\'s.';
$md[] = '';
$md[] = '| machine | |';
$md[] = '|---|---|';
$md[] = "| architecture (`uname -m`) | $arch |";
$md[] = "| CPU | $cpu, $cores cores |";
$md[] = '| PHP | ' . $ext['php'] . ' CLI (opcache and JIT off, as the CLI defaults) |';
$md[] = "| C compiler | $cc, `-O2` (the extension's phpize default) |";
$md[] = '';
$md[] = '| data (`bench/gen.php`, seed ' . $meta['seed'] . ') | |';
$md[] = '|---|---|';
$md[] = '| people | ' . number_format($np) . ' (stage dates over 2016–2025, transfers in, leavers) |';
$md[] = '| activities | ' . number_format($na) . ' (2023–2025; 80% service in 10 kinds, 20% meetings in 7) |';
$md[] = '| participations | ' . number_format($nm) . ' (0–4 per activity) |';
$md[] = '| headcount points | 10 |';
$md[] = '| generated in | ' . number_format($meta['build_people_s'] + $meta['build_activities_s'] + $meta['save_s'], 1)
    . ' s with the ' . $meta['engine'] . ' (rows built in PHP and added 10,000 at a time, three snapshots saved), cached for later runs |';
$qText = implode(', ', array_map(static fn($k, $v) => "'$k' => " . var_export($v, true), array_keys($q), $q));
$md[] = "| query timed | `stats([$qText])`: one year, as_of = to, the default top, due_within and meeting rules |";
$md[] = '';
$md[] = '## Time of one `stats()` call';
$md[] = '';
$md[] = 'Each measurement: one warm-up call, then ' . count($ext['stats_ms']) . ' timed calls (the twin: ' . count($twin['stats_ms'])
    . '); best and median of them. The floor and the core take turns in one process.';
$md[] = '';
$md[] = '| what | how it is measured | best ms | median ms | all runs (ms) |';
$md[] = '|---|---|---:|---:|---|';
$md[] = '| **extension** `Dataset::stats()` | in-process, php CLI with `-d extension=modules/dangjian.so`, `hrtime()` around the call (result arrays built) | '
    . $ms($ext['best_ms']) . ' | ' . $ms($ext['median_ms']) . ' | ' . $list($ext['stats_ms']) . ' |';
$md[] = '| **pure-PHP twin** `Dataset::stats()` | in-process, php CLI with `php/fallback/load.php` (the dataset from the twin\'s own `Dataset::load()` of the same snapshot), `memory_limit=-1`, `hrtime()` | '
    . $ms($twin['best_ms']) . ' | ' . $ms($twin['median_ms']) . ' | ' . $list($twin['stats_ms']) . ' |';
$md[] = '| pure-PHP twin with opcache\'s JIT (for information) | the same with `opcache.enable_cli=1`, `opcache.jit=tracing`, `opcache.jit_buffer_size=64M` | '
    . $ms($twinJit['best_ms']) . ' | ' . $ms($twinJit['median_ms']) . ' | ' . $list($twinJit['stats_ms']) . ' |';
$md[] = '| **floor** | `bench/floor.c`: a plain C loop over the core\'s own packed columns (links the core, loads the snapshot with `dj_snapshot_load`, reads `struct dj_dataset` from `src/core/dataset_internal.h`), computing every figure of the query (the output matches the extension\'s byte for byte), `clock_gettime` | '
    . $ms($floor['floor_best_ms']) . ' | ' . $ms($floor['floor_median_ms']) . ' | ' . $list($floor['floor_ms']) . ' |';
$md[] = '| core alone `dj_dataset_stats()` | the same C program calling the core, no PHP (no result arrays) | '
    . $ms($floor['core_best_ms']) . ' | ' . $ms($floor['core_median_ms']) . ' | ' . $list($floor['core_ms']) . ' |';
$md[] = '';
$md[] = 'Other timings of the same run: `statsJson()` once ' . $ms($ext['stats_json_ms']) . ' ms (extension), '
    . $ms($twin['stats_json_ms']) . ' ms (twin); `Dataset::load()` of the snapshot ' . $ms($ext['load_ms']) . ' ms (extension), '
    . $ms($twin['load_ms']) . ' ms (twin), ' . $ms($floor['load_ms']) . ' ms (`dj_snapshot_load`, C).';
$md[] = '';
$md[] = '## Memory of the dataset (extension)';
$md[] = '';
$md[] = 'Split by loading three snapshots of the same data: people only, people + activities without participants, everything.';
$md[] = '';
$md[] = '| | people only | + activities | + participations | per activity | per participation |';
$md[] = '|---|---:|---:|---:|---:|---:|';
$md[] = '| core accounting, `dj_dataset_memory()` | ' . $mib($floor['memory_people']) . ' | ' . $mib($floor['memory_noparts'])
    . ' | ' . $mib($floor['memory_full']) . ' | ' . number_format($perAct, 1) . ' B | ' . number_format($perPart, 1) . ' B |';
$md[] = '| process RSS delta across `Dataset::load()` | ' . $mib($rss['people']['rss_delta']) . ' | ' . $mib($rss['noparts']['rss_delta'])
    . ' | ' . $mib($rss['full']['rss_delta']) . ' | ' . number_format($rssAct, 1) . ' B | ' . number_format($rssPart, 1) . ' B |';
$md[] = '';
$md[] = 'For comparison, the twin\'s dataset took ' . $mib($twin['php_heap_delta']) . ' of PHP heap (`memory_get_usage()`) and '
    . $mib($twin['rss_delta']) . ' of RSS; the extension\'s ' . $mib($ext['rss_delta']) . ' of RSS.';
$md[] = '';
$md[] = '## Against the goals';
$md[] = '';
$md[] = '| ratio | measured (best of each) | median of each | goal | |';
$md[] = '|---|---:|---:|---:|---|';
$md[] = '| twin time / extension time | ' . number_format($vsTwin, 0) . '× | ' . number_format($twin['median_ms'] / max(1e-9, $ext['median_ms']), 0) . '× | ≥ 100× | ' . $ok($vsTwin >= 100) . ' |';
$md[] = '| twin with JIT time / extension time (for information) | ' . number_format($vsTwinJit, 0) . '× | ' . number_format($twinJit['median_ms'] / max(1e-9, $ext['median_ms']), 0) . '× | | |';
$md[] = '| extension time / floor time | ' . number_format($vsFloor, 2) . '× | ' . number_format($ext['median_ms'] / max(1e-9, $floor['floor_median_ms']), 2) . '× | ≤ 2× | ' . $ok($vsFloor <= 2) . ' |';
$md[] = '| bytes per activity (core accounting) | ' . number_format($perAct, 1) . ' | | ≤ 40 | ' . $ok($perAct <= 40) . ' |';
$md[] = '| bytes per participation (core accounting) | ' . number_format($perPart, 1) . ' | | ≤ 12 | ' . $ok($perPart <= 12) . ' |';
$md[] = '| bytes per activity (RSS) | ' . number_format($rssAct, 1) . ' | | ≤ 40 | ' . $ok($rssAct <= 40) . ' |';
$md[] = '| bytes per participation (RSS) | ' . number_format($rssPart, 1) . ' | | ≤ 12 | ' . $ok($rssPart <= 12) . ' |';
$md[] = '';
$md[] = '## Checks of the same run';
$md[] = '';
$md[] = '- `statsJson()` of the extension and of the twin: ' . ($same === $nChecks
    ? 'identical on all ' . count($extChecks) . ' queries, with and without the JIT' : "**differ** ($same of $nChecks identical)")
    . ' (`bench/bench.php` CHECK_QUERIES).';
$md[] = '- the floor\'s figures and the extension\'s `stats()` of the timed query: ' . ($floorSame ? 'identical' : '**differ**') . '.';
foreach ($failures as $f) {
    $md[] = "- FAILED: $f";
}
$md[] = '';
$md[] = 'Rerun with `make bench` (or `bench/run.sh`; sizes with `BENCH_PEOPLE`, `BENCH_ACTIVITIES`, `BENCH_SEED`, `BENCH_REPS`; '
    . '`bench/run.sh --small` is the seconds-long smoke run). The data is generated once per size and seed and cached under `.work/bench/`.';
$md[] = '';

$text = implode("\n", $md);
echo $text;
if (file_put_contents($outMd, $text) === false) {
    fwrite(STDERR, "report.php: cannot write $outMd\n");
    exit(2);
}
if ($failures) {
    fwrite(STDERR, "bench: " . count($failures) . " check(s) failed:\n  " . implode("\n  ", $failures) . "\n");
    exit(1);
}

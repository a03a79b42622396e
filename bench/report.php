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

if ($argc < 3) {
    fwrite(STDERR, "usage: php bench/report.php OUT.md RESULTDIR:DATADIR...\n");
    exit(2);
}
$outMd = $argv[1];
$pairs = array_map(static fn(string $p): array => explode(':', $p, 2), array_slice($argv, 2));

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

/** Every result of one size, from RESULTDIR and DATADIR. */
function load_size(string $res, string $data): array
{
    $z = [
        'meta' => load_json("$data/meta.json"),
        'floor' => load_json("$res/floor.json"),
        'ext' => load_json("$res/ext.json"),
        'twin' => load_json("$res/twin.json"),
        'twinJit' => load_json("$res/twin_jit.json"),
        'extChecks' => load_json("$res/ext.check.json"),
        'twinChecks' => load_json("$res/twin.check.json"),
        'twinJitChecks' => load_json("$res/twin_jit.check.json"),
        'sql' => is_file("$res/sql.json") ? load_json("$res/sql.json") : null,
        'res' => $res,
    ];
    foreach (['people', 'noparts', 'full'] as $k) {
        $z['rss'][$k] = load_json("$res/rss_$k.json");
    }
    $na = max(1, $z['meta']['activities']);
    $nm = max(1, $z['meta']['participations']);
    $f = $z['floor'];
    $z['perAct'] = ($f['memory_noparts'] - $f['memory_people']) / $na;
    $z['perPart'] = ($f['memory_full'] - $f['memory_noparts']) / $nm;
    $z['perActAfter'] = ($f['after_stats_noparts'] - $f['after_stats_people']) / $na;
    $z['perPartAfter'] = ($f['after_stats_full'] - $f['after_stats_noparts']) / $nm;
    $r = $z['rss'];
    $z['rssAct'] = ($r['noparts']['rss_delta'] - $r['people']['rss_delta']) / $na;
    $z['rssPart'] = ($r['full']['rss_delta'] - $r['noparts']['rss_delta']) / $nm;
    $z['rssActAfter'] = ($r['noparts']['rss_delta_after_stats'] - $r['people']['rss_delta_after_stats']) / $na;
    $z['rssPartAfter'] = ($r['full']['rss_delta_after_stats'] - $r['noparts']['rss_delta_after_stats']) / $nm;
    return $z;
}

$sizes = [];
foreach ($pairs as [$r, $d]) {
    $sizes[] = load_size($r, $d);
}
$main = $sizes[count($sizes) - 1]; // the largest: the detailed tables
['meta' => $meta, 'floor' => $floor, 'ext' => $ext, 'twin' => $twin, 'twinJit' => $twinJit, 'extChecks' => $extChecks,
    'twinChecks' => $twinChecks, 'twinJitChecks' => $twinJitChecks, 'rss' => $rss, 'sql' => $sql, 'res' => $res] = $main;
foreach ($sizes as $z) {
    if ($z['ext']['impl'] !== 'extension' || $z['twin']['impl'] !== 'twin' || $z['twinJit']['impl'] !== 'twin') {
        fwrite(STDERR, "report.php: ext.json must come from the extension and twin.json from the twin\n");
        exit(2);
    }
}

// ------------------------------------------------------------- the checks
$failures = [];
$same = 0;
$nChecks = 0;
$floorSame = true;
foreach ($sizes as $z) {
    $at_size = count($sizes) > 1 ? ' (' . number_format($z['meta']['activities']) . ' activities)' : '';
    foreach (['twin' => $z['twinChecks'], 'twin with JIT' => $z['twinJitChecks']] as $who => $other) {
        foreach ($z['extChecks'] as $i => $e) {
            $nChecks++;
            $t = $other[$i] ?? null;
            $q = json_encode($e['query'], JSON_UNESCAPED_SLASHES);
            if ($t === null || ($e['json'] ?? $e['error']) !== ($t['json'] ?? $t['error'])) {
                $a = $e['json'] ?? $e['error'];
                $b = $t === null ? '(missing)' : ($t['json'] ?? $t['error']);
                $at = strspn($a ^ $b, "\0");
                $failures[] = "statsJson($q)$at_size: the extension and the $who differ at byte $at: extension `"
                    . substr($a, max(0, $at - 40), 100) . "` $who `" . substr($b, max(0, $at - 40), 100) . '`';
            } elseif (isset($e['error'])) {
                $failures[] = "statsJson($q)$at_size failed in the extension and the $who: {$e['error']}";
            } else {
                $same++;
            }
        }
    }
    $floorJson = json_encode($z['floor']['figures'], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION);
    $extJson = json_encode(json_decode($z['ext']['bench_stats_json'], true), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION);
    if ($floorJson !== $extJson) {
        $floorSame = false;
        $at = strspn($floorJson ^ $extJson, "\0");
        $failures[] = "the floor's figures differ from the extension's stats()$at_size at byte $at: floor `"
            . substr($floorJson, max(0, $at - 60), 120) . "` extension `" . substr($extJson, max(0, $at - 60), 120) . '`';
    }
    foreach (['people', 'activities', 'participations'] as $k) {
        foreach (['extension' => $z['ext']['counts'][$k], 'twin' => $z['twin']['counts'][$k], 'twin with JIT' => $z['twinJit']['counts'][$k], 'floor' => $z['floor'][$k]] as $who => $n) {
            if ($n !== $z['meta'][$k]) {
                $failures[] = "$who holds $n $k, the generator made {$z['meta'][$k]}$at_size";
            }
        }
    }
    foreach ($z['sql']['differ'] ?? [] as $d) {
        $failures[] = "MariaDB's figure differs from stats()$at_size: $d";
    }
}

/**
 * Writes the picture: time of one stats() call against the number of activities, log-log, one line
 * a series (extension, twin, MariaDB, floor), a legend and a title. Plain SVG, no script.
 */
function write_svg(string $path, array $sizes): void
{
    $series = [
        ['extension', '#c0392b', static fn($z) => $z['ext']['best_ms']],
        ['pure-PHP twin', '#2c3e50', static fn($z) => $z['twin']['best_ms']],
        ['MariaDB (GROUP BY)', '#2980b9', static fn($z) => $z['sql']['best_ms'] ?? null],
        ['C floor', '#27ae60', static fn($z) => $z['floor']['floor_best_ms']],
    ];
    $W = 720;
    $H = 460;
    [$l, $r, $t, $b] = [80, 200, 50, 60];
    $xs = array_map(static fn($z) => (float)$z['meta']['activities'], $sizes);
    $ys = [];
    foreach ($series as [, , $f]) {
        foreach ($sizes as $z) {
            $v = $f($z);
            if ($v !== null && $v > 0) {
                $ys[] = (float)$v;
            }
        }
    }
    $x0 = floor(log10(min($xs)));
    $x1 = ceil(log10(max($xs)));
    if ($x1 <= $x0) {
        $x1 = $x0 + 1;
    }
    $y0 = floor(log10(min($ys)));
    $y1 = ceil(log10(max($ys)));
    if ($y1 <= $y0) {
        $y1 = $y0 + 1;
    }
    $px = static fn(float $x) => $l + (log10($x) - $x0) / ($x1 - $x0) * ($W - $l - $r);
    $py = static fn(float $y) => $H - $b - (log10($y) - $y0) / ($y1 - $y0) * ($H - $t - $b);
    $e = static fn(string $s) => htmlspecialchars($s, ENT_XML1 | ENT_QUOTES, 'UTF-8');
    $num = static fn(float $v) => $v >= 1e6 ? ($v / 1e6) . 'M' : ($v >= 1e3 ? ($v / 1e3) . 'k' : (string)$v);
    $o = [];
    $o[] = '<?xml version="1.0" encoding="UTF-8"?>';
    $o[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"$W\" height=\"$H\" viewBox=\"0 0 $W $H\" font-family=\"sans-serif\" font-size=\"12\">";
    $o[] = "<rect width=\"$W\" height=\"$H\" fill=\"#fff\"/>";
    $o[] = '<text x="' . ($W / 2) . '" y="24" text-anchor="middle" font-size="16" font-weight="bold">'
        . $e('Time of one stats() call (one year) against dataset size') . '</text>';
    // grid and ticks
    for ($k = $x0; $k <= $x1; $k++) {
        $x = round($px(10 ** $k), 1);
        $o[] = "<line x1=\"$x\" y1=\"$t\" x2=\"$x\" y2=\"" . ($H - $b) . '" stroke="#ddd"/>';
        $o[] = "<text x=\"$x\" y=\"" . ($H - $b + 18) . '" text-anchor="middle">' . $num(10 ** $k) . '</text>';
    }
    for ($k = $y0; $k <= $y1; $k++) {
        $y = round($py(10 ** $k), 1);
        $o[] = "<line x1=\"$l\" y1=\"$y\" x2=\"" . ($W - $r) . "\" y2=\"$y\" stroke=\"#ddd\"/>";
        $label = 10 ** $k >= 1 ? number_format(10 ** $k, 0, '.', ',') : rtrim(number_format(10 ** $k, 4), '0');
        $o[] = '<text x="' . ($l - 8) . '" y="' . ($y + 4) . '" text-anchor="end">' . $label . '</text>';
    }
    $o[] = "<rect x=\"$l\" y=\"$t\" width=\"" . ($W - $l - $r) . '" height="' . ($H - $t - $b) . '" fill="none" stroke="#333"/>';
    $o[] = '<text x="' . (($l + $W - $r) / 2) . '" y="' . ($H - 18) . '" text-anchor="middle">'
        . $e('activities (people: a tenth; participations: ~2 an activity), log scale') . '</text>';
    $o[] = '<text transform="translate(22,' . (($t + $H - $b) / 2) . ') rotate(-90)" text-anchor="middle">'
        . $e('milliseconds (best of the timed calls), log scale') . '</text>';
    // series and legend
    foreach ($series as $i => [$name, $color, $f]) {
        $pts = [];
        foreach ($sizes as $z) {
            $v = $f($z);
            if ($v !== null && $v > 0) {
                $pts[] = [round($px((float)$z['meta']['activities']), 1), round($py((float)$v), 1), (float)$v];
            }
        }
        if ($pts) {
            $o[] = '<polyline fill="none" stroke="' . $color . '" stroke-width="2" points="'
                . implode(' ', array_map(static fn($p) => $p[0] . ',' . $p[1], $pts)) . '"/>';
            foreach ($pts as [$x, $y, $v]) {
                $o[] = "<circle cx=\"$x\" cy=\"$y\" r=\"3.5\" fill=\"$color\"><title>" . $e($name . ': ' . round($v, 2) . ' ms') . '</title></circle>';
            }
        }
        $ly = $t + 10 + 22 * $i;
        $lx = $W - $r + 14;
        $o[] = "<line x1=\"$lx\" y1=\"$ly\" x2=\"" . ($lx + 24) . "\" y2=\"$ly\" stroke=\"$color\" stroke-width=\"2\"/>";
        $o[] = '<circle cx="' . ($lx + 12) . "\" cy=\"$ly\" r=\"3.5\" fill=\"$color\"/>";
        $o[] = '<text x="' . ($lx + 30) . '" y="' . ($ly + 4) . '">' . $e($name . ($pts ? '' : ' (not run)')) . '</text>';
    }
    $o[] = '</svg>';
    if (file_put_contents($path, implode("\n", $o) . "\n") === false) {
        fwrite(STDERR, "report.php: cannot write $path\n");
        exit(2);
    }
}

// ------------------------------------------------------------ the numbers
$na = $meta['activities'];
$nm = $meta['participations'];
$np = $meta['people'];
['perAct' => $perAct, 'perPart' => $perPart, 'rssAct' => $rssAct, 'rssPart' => $rssPart, 'perActAfter' => $perActAfter,
    'perPartAfter' => $perPartAfter, 'rssActAfter' => $rssActAfter, 'rssPartAfter' => $rssPartAfter] = $main;
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
$md[] = 'Measured by `make bench` (`bench/run.sh`) on ' . gmdate('Y-m-d H:i', (int)@filemtime("$res/loadavg.after") ?: time()) . ' UTC: every number below comes from one run, side by side.';
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
// --------------------------------------------------------- time against size
$svgPath = dirname($outMd) . '/' . basename($outMd, '.md') . '.svg';
if (count($sizes) > 1) {
    $md[] = '## Time against size';
    $md[] = '';
    $md[] = 'One `stats()` call of the same one-year query, best of the timed calls, at every size of this run '
        . '(people a tenth of the activities, ~2 participations an activity; the same seed). Log-log:';
    $md[] = '';
    $md[] = '![time of one stats() call against the number of activities](' . basename($svgPath) . ')';
    $md[] = '';
    $md[] = '| activities | people | participations | extension ms | twin ms | MariaDB ms | floor ms | core alone ms | twin / ext | MariaDB / ext | B per activity | B per participation | B per activity after `stats()` | B per participation after `stats()` |';
    $md[] = '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
    foreach ($sizes as $z) {
        $e = max(1e-9, $z['ext']['best_ms']);
        $md[] = '| ' . number_format($z['meta']['activities']) . ' | ' . number_format($z['meta']['people']) . ' | ' . number_format($z['meta']['participations'])
            . ' | ' . $ms($z['ext']['best_ms']) . ' | ' . $ms($z['twin']['best_ms']) . ' | ' . ($z['sql'] ? $ms($z['sql']['best_ms']) : '–')
            . ' | ' . $ms($z['floor']['floor_best_ms']) . ' | ' . $ms($z['floor']['core_best_ms'])
            . ' | ' . number_format($z['twin']['best_ms'] / $e, 0) . '× | ' . ($z['sql'] ? number_format($z['sql']['best_ms'] / $e, 0) . '×' : '–')
            . ' | ' . number_format($z['perAct'], 1) . ' | ' . number_format($z['perPart'], 1)
            . ' | ' . number_format($z['perActAfter'], 1) . ' | ' . number_format($z['perPartAfter'], 1) . ' |';
    }
    $md[] = '';
    $md[] = 'Bytes per activity and per participation are the core\'s own accounting (`dj_dataset_memory()`), split with the three '
        . 'snapshots of each size, right after `Dataset::load()` and again after one `stats()` call (which builds the per-day cache '
        . 'inside the dataset). The tables below are those of the largest size.';
    $md[] = '';
    write_svg($svgPath, $sizes);
}

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
if ($sql !== null) {
    $md[] = '| **MariaDB** ' . $sql['server'] . ' | `bench/sql.php`: ' . $sql['queries'] . ' GROUP BY queries over the plugin\'s own tables and indexes (filled with the same rows by `bench/mariadb.sh load`), computing the same figures ('
        . ($sql['checked'] - count($sql['differ'])) . ' of ' . $sql['checked'] . ' figures checked equal to `stats()`\'s), rows fetched into PHP by mysqli over the socket, InnoDB buffer pool ' . $sql['buffer_pool_mib'] . ' MiB, one warm-up set, `hrtime()` around the whole set | '
        . $ms($sql['best_ms']) . ' | ' . $ms($sql['median_ms']) . ' | ' . $list($sql['sql_ms']) . ' |';
}
$md[] = '';
$md[] = 'The first `stats()` call after `Dataset::load()` (the warm-up above, not in the table) builds the core\'s per-day cache: '
    . $ms($ext['first_stats_ms']) . ' ms in the extension, ' . $ms($floor['core_first_ms']) . ' ms in the core alone; the twin\'s first call ' . $ms($twin['first_stats_ms']) . ' ms.';
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
$md[] = '| core accounting after one `stats()` call (per-day cache built) | ' . $mib($floor['after_stats_people']) . ' | ' . $mib($floor['after_stats_noparts'])
    . ' | ' . $mib($floor['after_stats_full']) . ' | ' . number_format($perActAfter, 1) . ' B | ' . number_format($perPartAfter, 1) . ' B |';
$md[] = '| process RSS delta after one `stats()` call | ' . $mib($rss['people']['rss_delta_after_stats']) . ' | ' . $mib($rss['noparts']['rss_delta_after_stats'])
    . ' | ' . $mib($rss['full']['rss_delta_after_stats']) . ' | ' . number_format($rssActAfter, 1) . ' B | ' . number_format($rssPartAfter, 1) . ' B |';
$md[] = '';
$md[] = 'For comparison, the twin\'s dataset took ' . $mib($twin['php_heap_delta']) . ' of PHP heap (`memory_get_usage()`) and '
    . $mib($twin['rss_delta']) . ' of RSS; the extension\'s ' . $mib($ext['rss_delta']) . ' of RSS.';
$md[] = '';
$md[] = '## Against the goals';
$md[] = '';
$md[] = '| ratio | measured (best of each) | median of each | goal | |';
$md[] = '|---|---:|---:|---:|---|';
$md[] = '| twin time / extension time | ' . number_format($vsTwin, 0) . '× | ' . number_format($twin['median_ms'] / max(1e-9, $ext['median_ms']), 0) . '× | ≥ 100× | ' . $ok($vsTwin >= 100) . ' |';
if ($sql !== null) {
    $vsSql = $sql['best_ms'] / max(1e-9, $ext['best_ms']);
    $md[] = '| MariaDB time / extension time | ' . number_format($vsSql, 0) . '× | ' . number_format($sql['median_ms'] / max(1e-9, $ext['median_ms']), 0) . '× | ≥ 50× | ' . $ok($vsSql >= 50) . ' |';
}
$md[] = '| twin with JIT time / extension time (for information) | ' . number_format($vsTwinJit, 0) . '× | ' . number_format($twinJit['median_ms'] / max(1e-9, $ext['median_ms']), 0) . '× | | |';
$md[] = '| extension time / floor time | ' . number_format($vsFloor, 2) . '× | ' . number_format($ext['median_ms'] / max(1e-9, $floor['floor_median_ms']), 2) . '× | ≤ 2× | ' . $ok($vsFloor <= 2) . ' |';
$md[] = '| bytes per activity (core accounting) | ' . number_format($perAct, 1) . ' | | ≤ 40 | ' . $ok($perAct <= 40) . ' |';
$md[] = '| bytes per participation (core accounting) | ' . number_format($perPart, 1) . ' | | ≤ 12 | ' . $ok($perPart <= 12) . ' |';
$md[] = '| bytes per activity (core accounting, after one `stats()`) | ' . number_format($perActAfter, 1) . ' | | ≤ 40 | ' . $ok($perActAfter <= 40) . ' |';
$md[] = '| bytes per participation (core accounting, after one `stats()`) | ' . number_format($perPartAfter, 1) . ' | | ≤ 12 | ' . $ok($perPartAfter <= 12) . ' |';
$md[] = '| bytes per activity (RSS) | ' . number_format($rssAct, 1) . ' | | ≤ 40 | ' . $ok($rssAct <= 40) . ' |';
$md[] = '| bytes per participation (RSS) | ' . number_format($rssPart, 1) . ' | | ≤ 12 | ' . $ok($rssPart <= 12) . ' |';
$md[] = '';
$md[] = '## Checks of the same run';
$md[] = '';
$md[] = '- `statsJson()` of the extension and of the twin: ' . ($same === $nChecks
    ? 'identical on all ' . count($extChecks) . ' queries, with and without the JIT' : "**differ** ($same of $nChecks identical)")
    . ' (`bench/bench.php` CHECK_QUERIES).';
$md[] = '- the floor\'s figures and the extension\'s `stats()` of the timed query: ' . ($floorSame ? 'identical' : '**differ**') . '.';
$sqlChecked = array_sum(array_map(static fn($z) => $z['sql']['checked'] ?? 0, $sizes));
$sqlDiffer = array_sum(array_map(static fn($z) => count($z['sql']['differ'] ?? []), $sizes));
$md[] = $sqlChecked > 0
    ? "- MariaDB's figures (counts, sums to the cent, the top volunteers' ids) and the extension's `stats()`: " . ($sqlDiffer === 0
        ? "all $sqlChecked compared are equal" : "**$sqlDiffer of $sqlChecked differ**") . ' (`bench/sql.php`).'
    : '- MariaDB was not run (`bench/run.sh --no-mariadb` or `--small`).';
foreach ($failures as $f) {
    $md[] = "- FAILED: $f";
}
$md[] = '';
$md[] = 'Rerun with `make bench` (or `bench/run.sh`; `make bench BENCH_ARGS=--no-mariadb` or `bench/run.sh --no-mariadb` without MariaDB; '
    . 'sizes with `BENCH_ACTIVITIES="10000 100000 1000000"`, `BENCH_PEOPLE`, `BENCH_SEED`, `BENCH_REPS`, `BENCH_SQL_REPS`; '
    . '`bench/run.sh --small` is the seconds-long smoke run). The data is generated once per size and seed and cached under `.work/bench/`; '
    . 'MariaDB runs under `.work/bench/site/` (`bench/mariadb.sh`), started and stopped by the run.';
$md[] = '';

// The sections other scripts write into the same file (bench/rebuild.php --write, bench/web.sh,
// bench/write.php's numbers) are kept.
$old = (string)@file_get_contents($outMd);
foreach (['## Rebuild from MariaDB', '## Web benchmark', '## One write at 1M activities'] as $head) {
    $at = strpos($old, "\n$head");
    if ($at !== false) {
        $next = strpos($old, "\n## ", $at + 4);
        $md[] = trim(substr($old, $at + 1, $next === false ? null : $next - $at - 1));
        $md[] = '';
    }
}

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

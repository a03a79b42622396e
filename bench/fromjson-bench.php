<?php
/*
 * bench/fromjson-bench.php - restoring a dataset from its JSON at scale (issue 11, item 32):
 * Dataset::fromJson (the extension) beside PHP's own json_decode($text, true) of the same text.
 *
 *   php bench/fromjson-bench.php DATADIR [REPS] [OUT.json]
 *
 * DATADIR is a folder of bench/gen.php (.work/bench/data-<key>/, with full.snap; bench/run.sh makes
 * it). Two texts are made from it under .work/bench/fromjson/: the dataset's own toJson() of
 * Dataset::load(full.snap), and a backup-like text, the same with a large extra top-level key
 * appended ("dangjian_extra", BENCH_EXTRA_MB megabytes of small objects, default 100: what the
 * plugin adds to a backup, which the engine ignores). Then, each in a process of its own, REPS times
 * (default 3), interleaved:
 *   fromjson   Dataset::fromJson($text) with the extension (DANGJIAN_SO, default modules/dangjian.so)
 *   old        the same with another build of the extension, when BENCH_OLD_SO names one (the
 *              fromJson before the streaming reader: build the commit before it in a worktree)
 *   decode     json_decode($text, true), no extension
 *   dataset    Dataset::load(full.snap) alone: the memory of the dataset itself, for reference
 * Each process reads the text first, then times the call alone (hrtime) and reports its peak RSS
 * (VmHWM from /proc/self/status) and memory_get_peak_usage(), both also less the text's own size.
 * Prints the medians side by side, the ratios fromJson / json_decode and the goal's verdict (at most
 * json_decode's time, memory bounded by a batch: the peak beyond the text and the dataset is a few
 * MB, not a tree), and writes it all as JSON to OUT.json (default .work/bench/fromjson.json).
 * Timings are reported, never asserted; the run fails only when the engine and json_decode count
 * different rows, or a child process fails.
 */

declare(strict_types=1);

// ------------------------------------------------------------------ one measure, in a child process
if (($argv[1] ?? '') === '--child') {
    [$mode, $file] = [$argv[2], $argv[3]];
    $text = $mode === 'dataset' ? '' : file_get_contents($file);
    $t0 = hrtime(true);
    if ($mode === 'decode') {
        $v = json_decode($text, true);
    } else {
        $d = $mode === 'dataset' ? Dangjian\Dataset::load($file) : Dangjian\Dataset::fromJson($text);
    }
    $seconds = (hrtime(true) - $t0) / 1e9;
    if ($mode === 'decode') { // people, activities, participations (counted after the clock)
        $parts = 0;
        foreach ($v['activities'] ?? [] as $a) {
            $parts += count($a['participants'] ?? []);
        }
        $rows = [count($v['people'] ?? []), count($v['activities'] ?? []), $parts];
    } else {
        $c = $d->counts();
        $rows = [$c['people'], $c['activities'], $c['participations']];
    }
    preg_match('/VmHWM:\s+(\d+) kB/', (string)file_get_contents('/proc/self/status'), $m);
    echo json_encode(['seconds' => $seconds, 'hwm' => (int)$m[1] * 1024, 'php_peak' => memory_get_peak_usage(),
        'text' => strlen($text), 'rows' => $rows]), "\n";
    exit(0);
}

if ($argc < 2) {
    fwrite(STDERR, "usage: php bench/fromjson-bench.php DATADIR [REPS] [OUT.json]\n");
    exit(2);
}
$root = dirname(__DIR__);
[$data, $reps] = [rtrim($argv[1], '/'), max(1, (int)($argv[2] ?? 3))];
$out = $argv[3] ?? "$root/.work/bench/fromjson.json";
$php = PHP_BINARY;
$so = getenv('DANGJIAN_SO') ?: "$root/modules/dangjian.so";
$old = getenv('BENCH_OLD_SO') ?: '';
$extraMb = max(0, (int)(getenv('BENCH_EXTRA_MB') ?: 100));
$snap = "$data/full.snap";
if (!is_file($snap) || !is_file($so)) {
    fwrite(STDERR, "fromjson-bench: need $snap and $so (make; bench/run.sh makes the data)\n");
    exit(1);
}
$work = "$root/.work/bench/fromjson";
@mkdir($work, 0777, true);

/** Runs a command, returns its stdout; exits when it fails. */
function run(string $cmd): string
{
    $o = shell_exec($cmd . ' 2>&1; echo "#rc=$?"');
    if (!is_string($o) || !preg_match('/#rc=0\s*$/', $o)) {
        fwrite(STDERR, "fromjson-bench: failed: $cmd\n$o\n");
        exit(1);
    }
    return (string)preg_replace('/#rc=0\s*$/', '', $o);
}

// ------------------------------------------------------------------------------------ the texts
$plain = "$work/plain.json";
$backup = "$work/backup.json";
$make = <<<'PHP'
[$snap, $plain, $backup, $mb] = array_slice($argv, 1);
$t = Dangjian\Dataset::load($snap)->toJson();
file_put_contents($plain, $t);
$f = fopen($backup, 'wb');
fwrite($f, substr($t, 0, -1));
unset($t);
fwrite($f, ',"dangjian_extra":{"version":3,"rows":[');
$target = (int)$mb * 1048576;
for ($i = 0, $n = 0; $n < $target; $i++) {
    $row = ($i ? ',' : '') . '{"id":' . $i . ',"title":"活动记录 ' . $i . '","notes":"a note with \"quotes\" and \u00e9",'
        . '"tags":["service","community"],"score":' . ($i % 1000) / 8 . ',"done":' . ($i % 2 ? 'true' : 'false') . '}';
    fwrite($f, $row);
    $n += strlen($row);
}
fwrite($f, ']}}');
fclose($f);
PHP;
file_put_contents("$work/make.php", "<?php\n$make");
fwrite(STDERR, "fromjson-bench: making the texts from $snap ...\n");
run(sprintf('%s -d memory_limit=-1 -d extension=%s %s %s %s %s %d', $php, escapeshellarg($so),
    escapeshellarg("$work/make.php"), escapeshellarg($snap), escapeshellarg($plain), escapeshellarg($backup), $extraMb));

// ---------------------------------------------------------------------------------- the measures
$engines = ['fromjson' => $so] + ($old !== '' && is_file($old) ? ['old' => $old] : []) + ['decode' => ''];
$texts = ['toJson' => $plain, 'backup' => $backup];
$self = escapeshellarg(__FILE__);
$child = function (string $mode, string $ext, string $file) use ($php, $self): array {
    $cmd = sprintf('%s -d memory_limit=-1 %s %s --child %s %s', $php, $ext !== '' ? '-d extension=' . escapeshellarg($ext) : '',
        $self, $mode === 'old' ? 'fromjson' : $mode, escapeshellarg($file));
    $r = json_decode(trim(run($cmd)), true);
    if (!is_array($r)) {
        fwrite(STDERR, "fromjson-bench: no result from $cmd\n");
        exit(1);
    }
    return $r;
};
$median = function (array $v): float {
    sort($v);
    $n = count($v);
    return $n % 2 ? (float)$v[intdiv($n, 2)] : ($v[$n / 2 - 1] + $v[$n / 2]) / 2;
};
$results = [];
$ds = [];
for ($r = 0; $r < $reps; $r++) {
    $ds[] = $child('dataset', $so, $snap);
    foreach ($texts as $tn => $file) {
        foreach ($engines as $en => $ext) {
            fwrite(STDERR, "fromjson-bench: round " . ($r + 1) . "/$reps, $tn, $en ...\n");
            $results[$tn][$en][] = $child($en, $ext, $file);
        }
    }
}
$mb = static fn (float $b): string => sprintf('%.0f MB', $b / 1048576);
$dsHwm = $median(array_column($ds, 'hwm'));
$report = ['data' => $data, 'reps' => $reps, 'extra_mb' => $extraMb, 'dataset_alone_hwm' => $dsHwm, 'texts' => []];
$ok = true;
$lines = [];
$lines[] = sprintf('fromJson at %s (medians of %d runs, each in its own process; memory: peak RSS and PHP peak less the text):',
    basename($data), $reps);
$lines[] = sprintf('  the dataset alone (Dataset::load of the snapshot): peak RSS %s', $mb($dsHwm));
$lines[] = sprintf('  %-8s %-16s %10s %14s %14s %12s', 'text', 'engine', 'seconds', 'RSS - text', 'PHP - text', 'rows');
foreach ($texts as $tn => $file) {
    $size = filesize($file);
    $row = ['bytes' => $size];
    foreach ($engines as $en => $ext) {
        $runs = $results[$tn][$en];
        $m = [
            'seconds' => $median(array_column($runs, 'seconds')),
            'hwm_less_text' => $median(array_map(fn ($x) => $x['hwm'] - $x['text'], $runs)),
            'php_peak_less_text' => $median(array_map(fn ($x) => $x['php_peak'] - $x['text'], $runs)),
            'rows' => $runs[0]['rows'],
            'runs' => $runs,
        ];
        $row[$en] = $m;
        $name = ['fromjson' => 'Dataset::fromJson', 'old' => 'fromJson (old)', 'decode' => 'json_decode'][$en];
        $lines[] = sprintf('  %-8s %-16s %10.2f %14s %14s %12s', $tn, $name, $m['seconds'], $mb($m['hwm_less_text']),
            $mb($m['php_peak_less_text']), implode('/', $m['rows']));
    }
    if ($row['fromjson']['rows'] !== $row['decode']['rows']) {
        $ok = false;
        $lines[] = "  MISMATCH: fromJson and json_decode count different rows in $tn";
    }
    $tr = $row['fromjson']['seconds'] / max(1e-9, $row['decode']['seconds']);
    $mr = $row['fromjson']['hwm_less_text'] / max(1, $row['decode']['hwm_less_text']);
    $beyond = $row['fromjson']['hwm_less_text'] - $dsHwm;
    $row['time_ratio'] = $tr;
    $row['memory_ratio'] = $mr;
    $row['beyond_dataset'] = $beyond;
    $row['goal_met'] = $tr <= 1.0;
    $lines[] = sprintf('  %-8s fromJson / json_decode: time %.2fx, peak RSS %.2fx; beyond the text and the dataset: %s%s',
        $tn, $tr, $mr, $mb($beyond), isset($row['old']) ? sprintf('; before (old fromJson): %.2f s, %s',
            $row['old']['seconds'], $mb($row['old']['hwm_less_text'])) : '');
    $lines[] = sprintf('  %-8s goal (at most json_decode\'s time, memory a batch beyond the dataset): %s', $tn,
        $row['goal_met'] ? 'met' : 'NOT met');
    $report['texts'][$tn] = $row;
}
echo implode("\n", $lines), "\n";
file_put_contents($out, json_encode($report, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
fwrite(STDERR, "fromjson-bench: wrote $out\n");
exit($ok ? 0 : 1);

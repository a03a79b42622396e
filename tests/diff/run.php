<?php
/*
 * run.php - the differential suite: the extension against the pure-PHP twin.
 *
 *   php tests/diff/run.php [--seeds=N | --seeds=FROM:TO] [--ext=modules/dangjian.so]
 *       [--twin=php/fallback/load.php] [--work=.work/diff] [--show=5] [--chunk=500]
 *
 * Both implementations define the same classes, so each runs in its own
 * process: tests/diff/cases.php generates the same cases from each seed in
 * both and writes one line per case. Seeds go in chunks; for each chunk:
 *   1. both processes run side by side (2 cores), each saving its snapshot of every seed;
 *   2. each process loads the other's snapshots ("xload"), which must give the
 *      same counts, toJson() and statsJson() as the process's own dataset;
 *   3. the outputs are compared line by line.
 * A seed passes when every line is equal in both outputs and every "self:"
 * check says ok. The first differing cases are printed with their seed, the
 * case, a description of the input and both answers. Messages of the form
 * "damaged (<detail>)" are compared without the detail, which docs/ENGINE.md
 * leaves open (the differences are counted and shown as a note).
 *
 * Prints "diff: N passed, N failed" (one test per seed); exits 1 on a failure.
 */

declare(strict_types=1);

$root = dirname(__DIR__, 2);
$opt = getopt('', ['seeds:', 'ext:', 'twin:', 'work:', 'show:', 'chunk:', 'php:']);
$seeds = $opt['seeds'] ?? '1000';
if (strpos($seeds, ':') !== false) {
    [$from, $to] = array_map('intval', explode(':', $seeds, 2));
} else {
    [$from, $to] = [1, (int)$seeds];
}
$ext = $opt['ext'] ?? "$root/modules/dangjian.so";
$twin = $opt['twin'] ?? "$root/php/fallback/load.php";
$work = $opt['work'] ?? "$root/.work/diff";
$show = (int)($opt['show'] ?? 5);
$chunk = max(1, (int)($opt['chunk'] ?? 500));
$php = $opt['php'] ?? PHP_BINARY;
$cases = __DIR__ . '/cases.php';

foreach ([$ext => 'the extension', $twin => 'the twin'] as $f => $what) {
    if (!is_file($f)) {
        fwrite(STDERR, "diff: $what is missing: $f\n");
        echo "diff: 0 passed, 1 failed\n";
        exit(1);
    }
}
if ($to < $from) {
    fwrite(STDERR, "diff: no seeds\n");
    echo "diff: 0 passed, 1 failed\n";
    exit(1);
}

// Snapshots are saved with fsync: on tmpfs that costs nothing.
$snapRoot = is_dir('/dev/shm') && is_writable('/dev/shm') ? '/dev/shm/dj-diff-' . getmypid() : "$work/snap";
@mkdir($work, 0777, true);

$impls = [
    'ext' => [$php, '-n', '-d', "extension=$ext"],
    'twin' => [$php, '-n', '-d', "auto_prepend_file=$twin"],
];
// -n keeps the machine's php.ini (and any extension it loads) out; the
// extensions the twin may need are built into Debian's php or loaded here.
foreach (['mbstring', 'intl', 'ctype', 'iconv'] as $x) {
    if (!extension_loaded($x)) {
        continue;
    }
    if (in_array($x, get_extensions_compiled(), true)) {
        continue;
    }
    $impls['ext'][] = '-d';
    $impls['ext'][] = "extension=$x";
    $impls['twin'][] = '-d';
    $impls['twin'][] = "extension=$x";
}

function get_extensions_compiled(): array
{
    global $php;
    static $list = null;
    if ($list === null) {
        $list = [];
        exec(escapeshellarg($php) . ' -n -r ' . escapeshellarg('echo implode(",", get_loaded_extensions());'), $o);
        $list = explode(',', implode('', $o));
    }
    return $list;
}

/** Runs the commands side by side; returns [name => [exit status, stderr]]. */
function run_parallel(array $cmds): array
{
    $procs = [];
    foreach ($cmds as $name => $cmd) {
        $err = tempnam(sys_get_temp_dir(), 'djdiff');
        $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', $err, 'w'], 2 => ['file', $err, 'a']], $pipes);
        $procs[$name] = [$p, $err];
    }
    $res = [];
    foreach ($procs as $name => [$p, $err]) {
        $rc = proc_close($p);
        $res[$name] = [$rc, (string)file_get_contents($err)];
        unlink($err);
    }
    return $res;
}

/** Lines of an output file: [seed => [[case, desc, result], ...]]. */
function read_out(string $file): array
{
    $by = [];
    $f = @fopen($file, 'rb');
    if (!$f) {
        return $by;
    }
    while (($line = fgets($f)) !== false) {
        $parts = explode("\t", rtrim($line, "\n"), 4);
        if (count($parts) < 4) {
            continue;
        }
        $by[(int)$parts[0]][] = [$parts[1], $parts[2], $parts[3]];
    }
    fclose($f);
    return $by;
}

function cut(string $s, int $n = 400): string
{
    return strlen($s) > $n ? substr($s, 0, $n) . '…' : $s;
}

/** The two texts around their first difference. */
function window(string $a, string $b, int $before = 120, int $width = 360): array
{
    $n = min(strlen($a), strlen($b));
    for ($i = 0; $i < $n && $a[$i] === $b[$i]; $i++) {
    }
    $start = max(0, $i - $before);
    $pre = $start > 0 ? "…(byte $start) " : '';
    return [$pre . cut(substr($a, $start), $width), $pre . cut(substr($b, $start), $width)];
}

function normalize(string $r): string
{
    return preg_replace('/: damaged \(.*\)$/s', ': damaged (…)', $r);
}

$passed = $failed = 0;
$shown = 0;
$detailNotes = [];
$crashes = [];
$t0 = microtime(true);

for ($a = $from; $a <= $to; $a += $chunk) {
    $b = min($to, $a + $chunk - 1);
    $dirs = $outs = $xouts = [];
    foreach (array_keys($impls) as $name) {
        $dirs[$name] = "$snapRoot/$name";
        @mkdir($dirs[$name], 0777, true);
        $outs[$name] = "$work/$name.$a.out";
        $xouts[$name] = "$work/$name.$a.xload";
    }
    $cmds = [];
    foreach ($impls as $name => $cmd) {
        $cmds[$name] = array_merge($cmd, [$cases, "--impl=$name", "--seeds=$a:$b", "--out={$outs[$name]}",
            "--snapdir={$dirs[$name]}"]);
    }
    $res = run_parallel($cmds);
    $xcmds = [];
    foreach ($impls as $name => $cmd) {
        $other = $name === 'ext' ? 'twin' : 'ext';
        $xcmds[$name] = array_merge($cmd, [$cases, "--impl=$name", "--seeds=$a:$b", "--out={$xouts[$name]}",
            "--xload={$dirs[$other]}"]);
    }
    $xres = run_parallel($xcmds);
    foreach (array_merge($res, array_combine(['ext xload', 'twin xload'], array_values($xres))) as $name => [$rc, $err]) {
        if ($rc !== 0) {
            $crashes[] = "$name (seeds $a..$b) exited with status $rc" . ($err !== '' ? ":\n" . cut(trim($err), 2000) : '');
        } elseif (trim($err) !== '') {
            $crashes[] = "$name (seeds $a..$b) wrote to stderr:\n" . cut(trim($err), 2000);
        }
    }

    $o = ['ext' => read_out($outs['ext']), 'twin' => read_out($outs['twin'])];
    $x = ['ext' => read_out($xouts['ext']), 'twin' => read_out($xouts['twin'])];
    for ($s = $a; $s <= $b; $s++) {
        $why = [];
        $e = $o['ext'][$s] ?? [];
        $t = $o['twin'][$s] ?? [];
        foreach (['ext' => $e, 'twin' => $t] as $name => $lines) {
            if (!$lines || end($lines)[0] !== 'end') {
                $why[] = ["$name: the seed did not finish (crash or fatal error in this seed or before)", '', '', ''];
            }
        }
        $n = max(count($e), count($t));
        for ($i = 0; $i < $n && count($why) < 3; $i++) {
            [$case, $desc, $re] = $e[$i] ?? ['(missing)', '', ''];
            [$case2, $desc2, $rt] = $t[$i] ?? ['(missing)', '', ''];
            if ($case !== $case2 || $desc !== $desc2) {
                $why[] = ["the case lists differ at line $i: $case / $case2", $desc, $re, $rt];
                break;
            }
            if (strncmp($case, 'self:', 5) === 0) {
                foreach (['ext' => $re, 'twin' => $rt] as $name => $r) {
                    if ($r !== 'ok') {
                        $why[] = ["$name fails $case", $desc, $name === 'ext' ? $r : '', $name === 'twin' ? $r : ''];
                    }
                }
            }
            if ($re !== $rt) {
                if (normalize($re) === normalize($rt)) {
                    $detailNotes[] = "seed $s $case: ext \"" . cut($re, 200) . "\" / twin \"" . cut($rt, 200) . '"';
                } else {
                    $why[] = [$case, $desc, $re, $rt];
                }
            }
            if ($case === 'xload:reference') {
                foreach (['ext' => $re, 'twin' => $rt] as $name => $own) {
                    $loaded = $x[$name][$s][0][2] ?? '(no line)';
                    if ($loaded !== $own) {
                        $other = $name === 'ext' ? 'twin' : 'ext';
                        $why[] = ["$name loading the $other's snapshot gives other figures than its own dataset", '',
                            $name === 'ext' ? $loaded : $own, $name === 'twin' ? $loaded : $own];
                    }
                }
            }
        }
        if (!$why) {
            $passed++;
            continue;
        }
        $failed++;
        if ($shown++ < $show) {
            echo "--- seed $s: " . count($why) . " difference(s)\n";
            foreach ($why as [$case, $desc, $re, $rt]) {
                echo "  case: $case\n";
                if ($desc !== '') {
                    echo '  input: ' . cut($desc, 600) . "\n";
                }
                if ($re !== '' || $rt !== '') {
                    [$we, $wt] = window($re, $rt);
                    echo '  ext:   ' . $we . "\n";
                    echo '  twin:  ' . $wt . "\n";
                }
            }
        }
    }
    foreach (array_keys($impls) as $name) {
        array_map('unlink', glob($dirs[$name] . '/*') ?: []);
        @unlink($outs[$name]);
        @unlink($xouts[$name]);
    }
    fwrite(STDERR, sprintf("diff: seeds %d..%d done (%.0fs)\n", $a, $b, microtime(true) - $t0));
}
foreach (array_keys($impls) as $name) {
    @rmdir("$snapRoot/$name");
}
@rmdir($snapRoot);

foreach ($crashes as $c) {
    echo "FAIL: $c\n";
}
if ($detailNotes) {
    echo 'note: ' . count($detailNotes) . " \"damaged (...)\" messages differ only in their detail, e.g.\n";
    foreach (array_slice($detailNotes, 0, 3) as $d) {
        echo "  $d\n";
    }
}
if ($shown > $show) {
    echo '(' . ($shown - $show) . " more failing seeds not shown)\n";
}
printf("diff: %d seeds in %.0fs\n", $to - $from + 1, microtime(true) - $t0);
$failed += $crashes && !$failed ? 1 : 0;
echo "diff: $passed passed, $failed failed\n";
exit($failed ? 1 : 0);

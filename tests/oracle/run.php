<?php
/*
 * run.php - the oracle suite: both engines against an independent reading of STATS.md v2.
 *
 *   php tests/oracle/run.php [--seeds=N | --seeds=FROM:TO] [--ext=modules/dangjian.so]
 *       [--work=.work/oracle] [--show=10] [--chunk=300] [--dump]
 *
 * For every seed, OracleCases generates a valid dataset and a set of queries (good and bad);
 * tests/oracle/engine.php answers them with the extension and, in another process, with the twin
 * (php/fallback, without the extension); tests/oracle/Oracle.php answers them from STATS.md alone.
 * Each engine answers every query four ways: statsJson() and stats() of the dataset, statsJson() of
 * fromJson(toJson()) of it, and statsJson() of the same rows added in parts with queries between
 * and an extra row added and removed (engine.php). Each statsJson() text, or \ValueError message,
 * must equal the oracle's byte for byte, and each stats() array the oracle's (===, floats included).
 *
 * Prints "ok N - seed N (Q queries)" or "not ok N - ..." with the first differing queries (the
 * query, the oracle's answer, each engine's answer that differs and the first differing path),
 * then "oracle: N passed, N failed" (one test per seed). Exits 1 on a failure. --dump prints the
 * dataset of each failing seed as PHP code, to reproduce by hand.
 */

declare(strict_types=1);

require_once __DIR__ . '/Oracle.php';
require_once __DIR__ . '/OracleCases.php';

ini_set('serialize_precision', '-1');
ini_set('memory_limit', '2G');
error_reporting(E_ALL);

$root = dirname(__DIR__, 2);
$opt = getopt('', ['seeds:', 'ext:', 'work:', 'show:', 'dump', 'php:', 'chunk:']);
$seeds = (string)($opt['seeds'] ?? '300');
[$from, $to] = strpos($seeds, ':') !== false ? array_map('intval', explode(':', $seeds, 2)) : [1, (int)$seeds];
$ext = $opt['ext'] ?? "$root/modules/dangjian.so";
$work = $opt['work'] ?? "$root/.work/oracle";
$show = (int)($opt['show'] ?? 10);
$php = $opt['php'] ?? PHP_BINARY;
if (!is_file($ext)) {
    fwrite(STDERR, "oracle: no extension at $ext (run make first)\n");
    exit(2);
}
@mkdir($work, 0777, true);

// The oracle's own value rules against the examples STATS.md gives.
$examples = [
    [OracleValues::hundredths(1.115), 112], [OracleValues::hundredths(2.675), 268], [OracleValues::hundredths(1.005), 101],
    [OracleValues::hundredths('1.005'), 101], [OracleValues::hundredths('.5e1'), 500], [OracleValues::ratio(3, 160), 188],
    [OracleValues::plusYear('2024-02-29'), '2025-03-01'], [OracleValues::plusYear('2023-03-01'), '2024-03-01'],
    [OracleValues::amountText(1200), '12.0'], [OracleValues::amountText(25), '0.25'], [OracleValues::amountText(123450), '1234.5'],
    [OracleValues::name("\u{3000} 阳光社区\t\n"), '阳光社区'], [OracleValues::name(" \u{3000}\x0B"), null],
];
$selfOk = true;
foreach ($examples as $n => [$have, $want]) {
    if ($have !== $want) {
        $selfOk = false;
        echo "# the oracle's example $n gives " . var_export($have, true) . ', not ' . var_export($want, true) . "\n";
    }
}
echo ($selfOk ? 'ok' : 'not ok') . " 0 - the oracle's value rules give STATS.md's examples\n";
$passed = $selfOk ? 1 : 0;
$failed = $selfOk ? 0 : 1;
$queries = $shownCount = 0;
$tally = [];
$chunk = max(1, (int)($opt['chunk'] ?? 300));
for ($c0 = $from; $c0 <= $to; $c0 += $chunk) {
    $cases = [];
    for ($s = $c0; $s <= min($to, $c0 + $chunk - 1); $s++) {
        $cases[$s] = OracleCases::generate($s);
    }
    file_put_contents("$work/cases.ser", serialize($cases));

    // Both engines in their own processes, side by side, while the oracle works here.
    $procs = [];
    foreach (['ext' => '-d extension=' . escapeshellarg($ext), 'twin' => ''] as $impl => $load) {
        @unlink("$work/$impl.ser");
        $cmd = escapeshellarg($php) . " -d serialize_precision=-1 $load " . escapeshellarg(__DIR__ . '/engine.php')
            . " --impl=$impl --in=" . escapeshellarg("$work/cases.ser") . ' --out=' . escapeshellarg("$work/$impl.ser");
        $procs[$impl] = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => STDOUT, 2 => STDERR], $pipes);
    }
    $expected = [];
    foreach ($cases as $s => $case) {
        $o = new Oracle($case['people'], $case['activities'], $case['headcount']);
        foreach ($case['queries'] as $i => $q) {
            try {
                $json = 'J ' . $o->statsJson($q);
                $array = 'A ' . serialize($o->statsArray($q));
            } catch (ValueError $e) {
                $json = $array = 'V ' . $e->getMessage();
            }
            $expected[$s][$i] = ['statsJson' => $json, 'stats' => $array, 'fromJson(toJson)' => $json, 'after edits' => $json];
        }
    }
    $got = [];
    foreach ($procs as $impl => $p) {
        $rc = proc_close($p);
        $data = is_file("$work/$impl.ser") ? unserialize(file_get_contents("$work/$impl.ser")) : false;
        if ($rc !== 0 || !is_array($data)) {
            fwrite(STDERR, "oracle: the $impl process failed (exit $rc)\n");
            exit(2);
        }
        $got[$impl] = $data;
    }

    foreach ($cases as $s => $case) {
        $bad = [];
        foreach (['ext', 'twin'] as $impl) {
            if (isset($got[$impl][$s]['build'])) {
                $bad[] = "  $impl could not build the dataset: " . $got[$impl][$s]['build'];
            }
        }
        foreach ($case['queries'] as $i => $q) {
            $queries++;
            $wrong = [];
            foreach (['ext', 'twin'] as $impl) {
                foreach ($expected[$s][$i] as $call => $want) {
                    $have = $got[$impl][$s][$i][$call] ?? null;
                    if ($have !== null && $have !== $want) {
                        $wrong["$impl $call"] = [$want, $have];
                    }
                }
            }
            if ($wrong === []) {
                continue;
            }
            $key = implode(', ', array_keys($wrong));
            $tally[$key] = ($tally[$key] ?? 0) + 1;
            if ($shownCount++ < $show) {
                $lines = ["  query #$i: " . shown($q)];
                $lastWant = null;
                foreach ($wrong as $label => [$want, $have]) {
                    if ($want !== $lastWant) {
                        $lines[] = '    oracle: ' . readable($want);
                        $lastWant = $want;
                    }
                    $lines[] = "    $label: " . readable($have);
                    $lines[] = "    $label differs at: " . firstDiff(readable($want), readable($have));
                }
                $bad[] = implode("\n", $lines);
            } else {
                $bad[] = "  query #$i differs ($key)";
            }
        }
        $n = count($case['queries']);
        if ($bad === []) {
            $passed++;
            echo "ok $s - seed $s ($n queries)\n";
            continue;
        }
        $failed++;
        echo "not ok $s - seed $s ($n queries)\n" . implode("\n", array_slice($bad, 0, 12)) . "\n";
        if (isset($opt['dump'])) {
            echo '  dataset: ' . shown(['people' => $case['people'], 'activities' => $case['activities'],
                'headcount' => $case['headcount']]) . "\n";
        }
    }
}
foreach ($tally as $key => $n) {
    echo "# $n queries differ from the oracle in: $key\n";
}
echo "# $queries queries compared\n";
echo "oracle: $passed passed, $failed failed\n";
exit($failed === 0 ? 0 : 1);

/** The first path where two statsJson texts differ, for the reader. */
function firstDiff(string $a, string $b): string
{
    if ($a[0] !== 'J' || $b[0] !== 'J') {
        return 'the kind of answer';
    }
    $walk = function ($x, $y, string $path) use (&$walk): ?string {
        if (is_array($x) && is_array($y)) {
            $kx = array_keys($x);
            $ky = array_keys($y);
            if ($kx !== $ky) {
                return "$path (keys " . json_encode($kx, JSON_UNESCAPED_UNICODE) . ' vs ' . json_encode($ky, JSON_UNESCAPED_UNICODE) . ')';
            }
            foreach ($kx as $k) {
                $r = $walk($x[$k], $y[$k], "$path.$k");
                if ($r !== null) {
                    return $r;
                }
            }
            return null;
        }
        return $x === $y ? null : "$path (" . json_encode($x, JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION)
            . ' vs ' . json_encode($y, JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION) . ')';
    };
    $r = $walk(json_decode(substr($a, 2), true), json_decode(substr($b, 2), true), '');
    if ($r !== null) {
        return $r;
    }
    $at = strspn($a ^ $b, "\0");
    return 'the same values, the text differs at byte ' . $at . ': ...' . substr($a, max(0, $at - 30), 50)
        . '... vs ...' . substr($b, max(0, $at - 30), 50) . '...';
}

/** An answer for the reader: stats() arrays as JSON with every float's decimal point. */
function readable(string $answer): string
{
    if ($answer[0] !== 'A') {
        return $answer;
    }
    return 'J ' . json_encode(unserialize(substr($answer, 2)), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES
        | JSON_PRESERVE_ZERO_FRACTION | JSON_INVALID_UTF8_SUBSTITUTE);
}

function shown($v): string
{
    return str_replace("\n", ' ', var_export($v, true));
}

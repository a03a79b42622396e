<?php
/*
 * bench/web-report.php - the section "## Web benchmark" of docs/benchmarks.md, from bench/web.sh's files.
 *
 *   php bench/web-report.php WEBDIR OUT.md SHOW_ID PLAIN_ID WARMUP WARMUP_S FIRST WRK_S WRK_C DATAKEY
 *
 * Reads WEBDIR/show.times and plain.times ("HTTP_CODE SECONDS" a line, curl's time_starttransfer) and
 * WEBDIR/wrk.txt; prints the section and replaces (or appends) it in OUT.md. Exits 1 when a request
 * of the timed series did not answer 200 (a benchmark of error pages measures nothing).
 */

declare(strict_types=1);

if ($argc !== 11) {
    fwrite(STDERR, "usage: php bench/web-report.php WEBDIR OUT.md SHOW_ID PLAIN_ID WARMUP WARMUP_S FIRST WRK_S WRK_C DATAKEY\n");
    exit(2);
}
[, $w, $out, $showId, $plainId, $warm, $warmS, $first, $wrkS, $wrkC, $dataKey] = $argv;

$bad = 0;
$times = static function (string $f) use (&$bad): array {
    $t = [];
    foreach (file($f, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
        [$code, $s] = explode(' ', $line);
        if ($code !== '200') {
            $bad++;
        }
        $t[] = (float)$s * 1000;
    }
    sort($t);
    return $t;
};
$q = static fn(array $t, float $p): float => $t[min(count($t) - 1, (int)floor($p * (count($t) - 1) + 0.5))];
$show = $times("$w/show.times");
$plain = $times("$w/plain.times");
$dMed = $q($show, 0.5) - $q($plain, 0.5);

$wrk = (string)file_get_contents("$w/wrk.txt");
$rps = preg_match('/Requests\/sec:\s+([\d.]+)/', $wrk, $m) ? (float)$m[1] : 0.0;
$total = preg_match('/(\d+) requests in ([\d.]+\w+)/', $wrk, $m) ? [(int)$m[1], $m[2]] : [0, '?'];
$pct = [];
foreach (['50', '75', '90', '99'] as $p) {
    $pct[$p] = preg_match('/^\s+' . $p . '%\s+([\d.]+\w+)/m', $wrk, $m) ? $m[1] : '?';
}
$sockErr = preg_match('/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/', $wrk, $m)
    ? (int)$m[1] + (int)$m[2] + (int)$m[3] + (int)$m[4] : 0;
$non2xx = preg_match('/Non-2xx or 3xx responses: (\d+)/', $wrk, $m) ? (int)$m[1] : 0;
$errors = $sockErr + $non2xx;

$cpu = preg_match('/^model name\s*:\s*(.+)$/m', (string)@file_get_contents('/proc/cpuinfo'), $m) ? trim($m[1]) : 'unknown';
$cores = (int)trim((string)shell_exec('nproc 2>/dev/null'));
$nginx = trim((string)shell_exec('/usr/sbin/nginx -v 2>&1'));
$fpm = trim((string)shell_exec("/usr/sbin/php-fpm8.2 -v 2>/dev/null | head -n 1"));
$wrkV = trim((string)shell_exec('wrk -v 2>&1 | head -n 1'));
$load = implode(' / ', array_slice(explode(' ', trim((string)@file_get_contents('/proc/loadavg'))), 0, 3));
$ms = static fn(float $v): string => number_format($v, $v >= 100 ? 0 : 1);
[$firstCode, $firstS] = explode(' ', $first) + [1 => '0'];
$ok = static fn(bool $b): string => $b ? 'met' : '**not met**';

$md = [];
$md[] = '## Web benchmark (bench/web.sh)';
$md[] = '';
$md[] = 'Measured by `bench/web.sh` on ' . gmdate('Y-m-d H:i') . " UTC, on this machine: $cpu, $cores cores, "
    . php_uname('s') . ' ' . php_uname('r') . ' ' . php_uname('m') . "; load average after the run $load (1 / 5 / 15 min; the machine was shared).";
$md[] = "Server: $nginx and $fpm from Debian, on loopback: nginx (1 worker, own config) → php-fpm over a unix socket "
    . '(own pool: `pm = static`, 2 children, `-d extension=modules/dangjian.so`, opcache on with `validate_timestamps=0`), '
    . "the WordPress site of `bench/mariadb.sh` (MariaDB on loopback, theme Twenty Twenty-One, zh_CN, `WP_DEBUG` on as wp-env.sh sets it) "
    . "holding the 1M-activity data of `make bench` (`$dataKey`: 100,000 people, 1,000,000 activities, ~2M participations, loaded into the plugin's tables).";
$md[] = "Pages: `?page_id=$showId` (requested at its permalink), a page with the shortcode `[dangjian period=\"2024\"]` (the public showcase, its default figures, for a year inside the data: 2023–2025; the default period, this year, would hold no activity), and `?page_id=$plainId`, "
    . 'a page of the same theme with one paragraph of text.';
$md[] = "Warm-up first: the first showcase request after the start answered HTTP $firstCode in " . $ms((float)$firstS * 1000)
    . " ms (a worker getting its dataset: kept, snapshot or rebuild), then $warm requests of each page 4 at a time (" . number_format((float)$warmS, 1)
    . ' s in all), so that both workers hold the dataset; none of that is in the numbers below.';
$md[] = "What the showcase page measures: the plugin caches the rendered showcase HTML as a transient (keyed by data version, attributes, allowed figures, locale and day; `Showcase` in php/includes/showcase/class-showcase.php), so after the warm-up a showcase view reads one option row and does not call `stats()`; the first view of a day or after a write computes it from the worker's kept dataset. The numbers below are that ordinary path, not `stats()` on every view.";
$md[] = '';
$md[] = '| what | showcase page | plain page | difference | goal | |';
$md[] = '|---|---:|---:|---:|---|---|';
$md[] = '| median server time (curl `%{time_starttransfer}`, ' . count($show) . ' requests of each page, interleaved, one at a time) | '
    . $ms($q($show, 0.5)) . ' ms | ' . $ms($q($plain, 0.5)) . ' ms | **' . $ms($dMed) . ' ms** | ≤ 10 ms more | ' . $ok($dMed <= 10) . ' |';
$md[] = '| 10th / 90th percentile | ' . $ms($q($show, 0.1)) . ' / ' . $ms($q($show, 0.9)) . ' ms | ' . $ms($q($plain, 0.1)) . ' / ' . $ms($q($plain, 0.9)) . ' ms | | | |';
$md[] = '';
$md[] = "wrk ($wrkV) on the showcase page: `wrk -t2 -c$wrkC -d{$wrkS}s --latency` (wrk itself runs on the same 2 cores).";
$md[] = '';
$md[] = '| requests | requests/s | latency p50 | p75 | p90 | p99 | errors (socket + non-2xx/3xx) | goal | |';
$md[] = '|---:|---:|---:|---:|---:|---:|---:|---|---|';
$md[] = '| ' . number_format($total[0]) . " in {$total[1]} | " . number_format($rps, 1) . " | {$pct['50']} | {$pct['75']} | {$pct['90']} | {$pct['99']} | **$errors** | 0 errors | " . $ok($errors === 0) . ' |';
$md[] = '';
$admin = (string) @file_get_contents("$w/admin.txt");
if ($admin !== '') {
    $md[] = "The admin's screens on the same site and data, rendered inside WordPress as its administrator by `bench/dashboard-bench.php` "
        . '(PHP time of each screen without the admin frame around it; the goal is at most 300 ms for the dashboard, every list and every form, and at most 300 KB for the dashboard):';
    $md[] = '';
    $md[] = '```';
    $md[] = rtrim($admin);
    $md[] = '```';
    $md[] = '';
}
$md[] = 'Rerun with `bench/web.sh` (root the first time, to install nginx, php8.2-fpm and wrk); it starts MariaDB, php-fpm and nginx '
    . 'under `.work/bench/` and stops them by PID at the end. `WEB_REQUESTS`, `WEB_WARMUP`, `WEB_WRK_SECONDS`, `WEB_WRK_CONNECTIONS` change the counts.';
$md[] = '';
$text = implode("\n", $md);
echo $text;

$old = (string)@file_get_contents($out);
$start = strpos($old, "## Web benchmark");
if ($start !== false) {
    $next = strpos($old, "\n## ", $start + 4);
    $old = substr($old, 0, $start) . ($next === false ? '' : substr($old, $next + 1));
}
file_put_contents($out, rtrim($old) . "\n\n" . $text);
fwrite(STDERR, "web: written to $out\n");
if ($bad > 0) {
    fwrite(STDERR, "web: $bad timed request(s) did not answer 200\n");
    exit(1);
}

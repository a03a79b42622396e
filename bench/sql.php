<?php
/*
 * bench/sql.php - MariaDB computing the figures of the timed query with GROUP BY queries over the
 * plugin's own tables and indexes (php/includes/class-schema.php), for comparison with stats().
 *
 *   php bench/sql.php SOCKET REPS OUT.json [EXT.json]
 *
 * Connects as root over SOCKET to the database `wordpress` (bench/mariadb.sh's site, tables
 * wp_dangjian_*, filled by `bench/mariadb.sh load` from gen.php's TSV files: the same rows as the
 * snapshots), runs the query set once as a warm-up (buffer pool), then REPS times, each timed with
 * hrtime around the whole set (rows fetched into PHP). With EXT.json (bench.php's result of the
 * extension) it compares the figures SQL gives exactly (counts, sums of cents) with statsJson's and
 * records how many agree: MariaDB measured computing something else would measure nothing.
 */

declare(strict_types=1);

if ($argc < 4) {
    fwrite(STDERR, "usage: php bench/sql.php SOCKET REPS OUT.json [EXT.json]\n");
    exit(2);
}
[$sock, $reps, $out] = [$argv[1], max(1, (int)$argv[2]), $argv[3]];
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
$db = new mysqli('localhost', 'root', '', 'wordpress', 0, $sock);
$db->set_charset('utf8mb4');

const F = '2024-01-01';
const T = '2024-12-31'; // as_of = to
$P = 'wp_dangjian_people';
$A = 'wp_dangjian_activities';
$M = 'wp_dangjian_participants';
$H = 'wp_dangjian_headcount';
$D = "'" . T . "'";
$range = "activity_date BETWEEN '" . F . "' AND '" . T . "'";
$roster = "COALESCE(joined_on, applied_on, activist_on, candidate_on, admitted_on, full_on) <= $D AND (left_on IS NULL OR $D < left_on)";
$stage = "CASE WHEN full_on <= $D THEN 'full' WHEN admitted_on <= $D THEN 'probationary' WHEN candidate_on <= $D THEN 'candidates'"
    . " WHEN activist_on <= $D THEN 'activists' WHEN applied_on <= $D THEN 'applicants' END";
$in = static fn(string $c): string => "SUM($c BETWEEN '" . F . "' AND '" . T . "')";

// One query a block of figures; every figure of stats() has its query.
$QUERIES = [
    'members' => "SELECT stage, COUNT(*) n, SUM(is_staff) staff, SUM(stage = 'activists' AND activist_on + INTERVAL 1 YEAR <= $D) eligible
        FROM (SELECT $stage stage, is_staff, activist_on FROM $P WHERE $roster) t GROUP BY stage",
    'headcount' => "SELECT staff_count FROM $H WHERE point_date <= $D ORDER BY point_date DESC LIMIT 1",
    'pipeline' => 'SELECT ' . implode(', ', array_map(static fn($c) => $in($c) . " $c",
        ['applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on', 'left_on'])) . " FROM $P",
    'due' => "SELECT id, admitted_on + INTERVAL 1 YEAR due FROM $P WHERE $roster AND admitted_on <= $D AND (full_on IS NULL OR full_on > $D)
        AND admitted_on + INTERVAL 1 YEAR <= $D + INTERVAL 60 DAY ORDER BY due, id",
    'service_by_kind' => "SELECT kind, COUNT(*) n, SUM(hours) hours, SUM(fee_waived) fee, SUM(donation) donation, SUM(beneficiaries) ben
        FROM $A WHERE category = 'service' AND $range GROUP BY kind",
    'service_by_venue_kind' => "SELECT venue_kind, COUNT(DISTINCT NULLIF(TRIM(TRIM(BOTH '\\t' FROM venue)), '')) venues, COUNT(*) n,
        SUM(beneficiaries) ben, SUM(hours) hours FROM $A WHERE category = 'service' AND $range AND venue_kind <> '' GROUP BY venue_kind",
    'service_by_month' => "SELECT DATE_FORMAT(activity_date, '%Y-%m') month, COUNT(*) n, SUM(hours) hours, SUM(beneficiaries) ben
        FROM $A WHERE category = 'service' AND $range GROUP BY month",
    'volunteers' => "SELECT COUNT(DISTINCT m.person_id) volunteers, SUM(COALESCE(m.hours, a.hours)) hours
        FROM $A a JOIN $M m ON m.activity_id = a.id WHERE a.category = 'service' AND a.$range",
    'top_volunteers' => "SELECT m.person_id id, SUM(COALESCE(m.hours, a.hours)) hours, COUNT(*) n FROM $A a JOIN $M m ON m.activity_id = a.id
        WHERE a.category = 'service' AND a.$range GROUP BY m.person_id ORDER BY hours DESC, n DESC, id LIMIT 10",
    'participating_members' => "SELECT COUNT(*) n FROM $P p WHERE $roster AND admitted_on <= $D AND EXISTS (SELECT 1 FROM $M m
        JOIN $A a ON a.id = m.activity_id WHERE m.person_id = p.id AND a.category = 'service' AND a.$range)",
    'meetings_by_kind' => "SELECT kind, COUNT(*) n, SUM(hours) hours FROM $A WHERE category = 'meeting' AND $range GROUP BY kind",
    'meeting_months' => "SELECT kind, DATE_FORMAT(activity_date, '%Y-%m') month, COUNT(*) n FROM $A
        WHERE category = 'meeting' AND $range GROUP BY kind, month",
];

$run = static function () use ($db, $QUERIES): array {
    $res = [];
    $per = [];
    foreach ($QUERIES as $name => $sql) {
        $t0 = hrtime(true);
        $res[$name] = $db->query($sql)->fetch_all(MYSQLI_ASSOC);
        $per[$name] = (hrtime(true) - $t0) / 1e6;
    }
    return [$res, $per];
};

$run(); // warm-up: the buffer pool
$times = [];
$perQuery = [];
for ($i = 0; $i < $reps; $i++) {
    $t0 = hrtime(true);
    [$res, $per] = $run();
    $times[] = (hrtime(true) - $t0) / 1e6;
    $perQuery[] = $per;
}
$sorted = $times;
sort($sorted);
$best = array_search($sorted[0], $times, true);
$r = [
    'server' => $db->server_info,
    'buffer_pool_mib' => (int)$db->query('SELECT @@innodb_buffer_pool_size / 1048576 b')->fetch_row()[0],
    'queries' => count($QUERIES),
    'sql_ms' => $times,
    'best_ms' => $sorted[0],
    'median_ms' => $sorted[intdiv(count($sorted), 2)],
    'per_query_ms_of_best' => $perQuery[$best],
];

// ------------------------------------------------- the figures SQL gives exactly, against statsJson
if (isset($argv[4])) {
    $ext = json_decode((string)file_get_contents($argv[4]), true);
    $s = json_decode($ext['bench_stats_json'], true);
    $c2 = static fn($x): string => number_format((float)$x, 2, '.', '');
    $sum = static fn(array $rows, string $k): string => number_format(array_sum(array_map(static fn($x) => (float)$x[$k], $rows)), 2, '.', '');
    $mem = array_column($res['members'], null, 'stage');
    $pairs = [];
    foreach (['applicants', 'activists', 'candidates', 'probationary', 'full'] as $k) {
        $pairs["members.$k"] = [$s['members'][$k], (int)($mem[$k]['n'] ?? 0)];
    }
    $pairs['members.staff_party_members'] = [$s['members']['staff_party_members'],
        (int)($mem['probationary']['staff'] ?? 0) + (int)($mem['full']['staff'] ?? 0)];
    $pairs['members.staff_headcount'] = [$s['members']['staff_headcount'], (int)($res['headcount'][0]['staff_count'] ?? 0)];
    $pairs['pipeline.eligible_candidates'] = [$s['pipeline']['eligible_candidates'], (int)($mem['activists']['eligible'] ?? 0)];
    $pipe = $res['pipeline'][0];
    foreach (['applied' => 'applied_on', 'activists' => 'activist_on', 'candidates' => 'candidate_on', 'admitted' => 'admitted_on',
        'converted' => 'full_on', 'transferred_in' => 'joined_on', 'left' => 'left_on'] as $k => $col) {
        $pairs["pipeline.$k"] = [$s['pipeline'][$k], (int)$pipe[$col]];
    }
    $pairs['pipeline.due + overdue'] = [count($s['pipeline']['due_for_conversion']) + count($s['pipeline']['overdue_conversion']), count($res['due'])];
    $sk = $res['service_by_kind'];
    $pairs['service.activities'] = [$s['service']['activities'], (int)array_sum(array_column($sk, 'n'))];
    $pairs['service.hours'] = [$c2($s['service']['hours']), $sum($sk, 'hours')];
    $pairs['service.fee_waived'] = [$c2($s['service']['fee_waived']), $sum($sk, 'fee')];
    $pairs['service.donation'] = [$c2($s['service']['donation']), $sum($sk, 'donation')];
    $pairs['service.beneficiaries'] = [$s['service']['beneficiaries'], (int)array_sum(array_column($sk, 'ben'))];
    foreach ($sk as $row) {
        $pairs["service.by_kind.{$row['kind']}.activities"] = [$s['service']['by_kind'][$row['kind']]['activities'] ?? null, (int)$row['n']];
    }
    foreach ($res['service_by_venue_kind'] as $row) {
        $pairs["service.by_venue_kind.{$row['venue_kind']}.activities"] = [$s['service']['by_venue_kind'][$row['venue_kind']]['activities'] ?? null, (int)$row['n']];
    }
    foreach ($res['service_by_month'] as $row) {
        $m = array_values(array_filter($s['service']['by_month'], static fn($x) => $x['month'] === $row['month']));
        $pairs["service.by_month.{$row['month']}.activities"] = [$m[0]['activities'] ?? null, (int)$row['n']];
    }
    $pairs['service.volunteers'] = [$s['service']['volunteers'], (int)$res['volunteers'][0]['volunteers']];
    $pairs['service.volunteer_hours'] = [$c2($s['service']['volunteer_hours']), $c2($res['volunteers'][0]['hours'])];
    $pairs['service.top_volunteers ids'] = [implode(',', array_column($s['service']['top_volunteers'], 'id')), implode(',', array_column($res['top_volunteers'], 'id'))];
    $pairs['meetings.total'] = [$s['meetings']['total'], (int)array_sum(array_column($res['meetings_by_kind'], 'n'))];
    $pairs['meetings.hours'] = [$c2($s['meetings']['hours']), $sum($res['meetings_by_kind'], 'hours')];
    foreach ($res['meetings_by_kind'] as $row) {
        $pairs["meetings.by_kind.{$row['kind']}"] = [$s['meetings']['by_kind'][$row['kind']] ?? null, (int)$row['n']];
    }
    $differ = [];
    foreach ($pairs as $k => [$a, $b]) {
        if ((string)$a !== (string)$b) {
            $differ[] = "$k: stats() $a, SQL $b";
        }
    }
    $r['checked'] = count($pairs);
    $r['differ'] = $differ;
}
file_put_contents($out, json_encode($r, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES) . "\n");
fwrite(STDERR, sprintf("bench: MariaDB: %d queries, best %.0f ms%s\n", count($QUERIES), $r['best_ms'],
    isset($r['checked']) ? sprintf(', %d of %d figures as stats()', $r['checked'] - count($r['differ']), $r['checked']) : ''));

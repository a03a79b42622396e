<?php
/*
 * cases.php - one side of the differential suite (tests/diff/run.php drives it).
 *
 *   php [-d extension=modules/dangjian.so | -d auto_prepend_file=php/fallback/load.php] \
 *       tests/diff/cases.php --impl=ext|twin --seeds=FROM:TO --out=FILE --snapdir=DIR
 *   ... cases.php --impl=ext|twin --seeds=FROM:TO --out=FILE --xload=OTHER_SNAPDIR
 *
 * For every seed, generates (mt_srand(seed): the same cases in either process)
 * a dataset built by several calls, some of them bad on purpose, then queries,
 * the JSON and snapshot round trips and damaged JSON texts and snapshot files,
 * and writes one line per case:
 *     seed <TAB> case <TAB> description <TAB> result
 * The result is what the call returned (statsJson(), counts, toJson() ...) or
 * "Class: message" for what it threw. Lines whose case starts with "self:"
 * are checks an implementation must pass on its own (fromJson(toJson()) and
 * load(save()) give the same figures): "ok" or what differed.
 * The second form loads the other implementation's snapshot of every seed.
 *
 * Nothing here branches on what the engine answered, so both processes
 * generate exactly the same cases.
 */

declare(strict_types=1);

use Dangjian\Dataset;

ini_set('serialize_precision', '-1');
ini_set('memory_limit', '1G');
error_reporting(E_ALL);

$opt = getopt('', ['impl:', 'seeds:', 'out:', 'snapdir:', 'xload:']);
$impl = $opt['impl'] ?? '';
if (!in_array($impl, ['ext', 'twin'], true) || !isset($opt['seeds'], $opt['out'])) {
    fwrite(STDERR, "usage: cases.php --impl=ext|twin --seeds=FROM:TO --out=FILE (--snapdir=DIR | --xload=DIR)\n");
    exit(2);
}
// Each process must be the implementation it claims to be.
$isExt = extension_loaded('dangjian');
$internal = class_exists(Dataset::class) && (new ReflectionClass(Dataset::class))->isInternal();
if (($impl === 'ext') !== $isExt || ($impl === 'ext') !== $internal || !class_exists(Dataset::class)) {
    fwrite(STDERR, "cases.php: --impl=$impl but extension_loaded('dangjian') is " . var_export($isExt, true)
        . " and Dataset is " . ($internal ? 'internal' : 'user-defined') . "\n");
    exit(2);
}
[$seedFrom, $seedTo] = array_map('intval', explode(':', $opt['seeds']) + [1 => null]);
$out = fopen($opt['out'], 'wb');

/* -------------------------------------------------------------- output */

function clean(string $s): string
{
    return strtr($s, ["\\" => "\\\\", "\n" => "\\n", "\r" => "\\r", "\t" => "\\t"]);
}

function describe($v): string
{
    $j = json_encode($v, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION
        | JSON_INVALID_UTF8_SUBSTITUTE | JSON_PARTIAL_OUTPUT_ON_ERROR);
    if ($j === false) {
        $j = '?';
    }
    return strlen($j) > 700 ? substr($j, 0, 700) . '…' : $j;
}

function emit(int $seed, string $case, string $desc, string $result): void
{
    global $out;
    fwrite($out, $seed . "\t" . $case . "\t" . clean($desc) . "\t" . clean($result) . "\n");
}

function thrown(Throwable $e): string
{
    global $snapdirs;
    $msg = $e->getMessage();
    foreach ($snapdirs as $d) {
        $msg = str_replace($d, '<dir>', $msg);
    }
    return get_class($e) . ': ' . $msg;
}

/** Runs $f and gives its result as text, or the class and message of what it threw. */
function attempt(callable $f): string
{
    try {
        $r = $f();
        if (is_string($r)) {
            return $r;
        }
        return describe($r);
    } catch (Throwable $e) {
        return thrown($e);
    }
}

/* ----------------------------------------------------------- generation */

function r(int $a, int $b): int
{
    return mt_rand($a, $b);
}

function chance(int $percent): bool
{
    return mt_rand(1, 100) <= $percent;
}

function pick(array $a)
{
    return $a[mt_rand(0, count($a) - 1)];
}

/** A day number to 'YYYY-MM-DD' (UTC, no clock involved). */
function ymd(int $day): string
{
    return gmdate('Y-m-d', $day * 86400);
}

function dayof(string $ymd): int
{
    return intdiv((int)gmmktime(0, 0, 0, (int)substr($ymd, 5, 2), (int)substr($ymd, 8, 2), (int)substr($ymd, 0, 4)), 86400);
}

/** A date, mostly 2019-2025, with a taste for boundaries and leap days. */
function gdate(): string
{
    $k = r(1, 100);
    if ($k <= 55) {
        return ymd(r(dayof('2019-01-01'), dayof('2025-12-31')));
    }
    if ($k <= 70) { // first or last day of a month
        $y = r(2019, 2025);
        $m = r(1, 12);
        return chance(50) ? sprintf('%04d-%02d-01', $y, $m) : ymd(dayof(sprintf('%04d-%02d-01', $m === 12 ? $y + 1 : $y, $m === 12 ? 1 : $m + 1)) - 1);
    }
    if ($k <= 80) {
        return pick(['2020-02-29', '2024-02-29', '2000-02-29', '2004-02-29', '2023-02-28', '2024-03-01',
            '2021-03-01', '2024-12-31', '2024-01-01', '2023-12-31', '2025-01-01', '2024-06-30', '2024-07-01']);
    }
    if ($k <= 85) {
        return pick(['1900-01-01', '1900-03-01', '2199-12-31', '2199-02-28', '2100-02-28', '2100-03-01',
            '1999-12-31', '2000-01-01', '2198-03-01']);
    }
    return ymd(r(dayof('2015-01-01'), dayof('2026-06-30')));
}

/** A bad date value. */
function bad_date()
{
    return pick(['2024-13-01', '2024-02-30', '2023-02-29', '2100-02-29', '1900-02-29', '1899-12-31',
        '2200-01-01', '2024-1-1', '2024/01/01', ' 2024-01-01', '2024-01-01 ', '2024-01-01T00:00:00',
        20240101, 2024.5, true, false, [], ['2024-01-01'], 'yesterday', '0000-00-00', '2024-00-10',
        '2024-04-31', str_repeat('2024-01-01', 5), "2024-01-0\u{0661}", "20\"24-01-01", "2024-01-01\0",
        '２０２４-01-01', new stdClass()]);
}

/** A good amount, in the many forms accepted. */
function amount()
{
    $k = r(1, 100);
    if ($k <= 30) {
        return r(0, 20);
    }
    if ($k <= 50) {
        return r(0, 4000) / 4;
    }
    if ($k <= 60) {
        return (string)(r(0, 10000) / 100);
    }
    if ($k <= 70) { // three decimals, half of them ending in 5: the rounding of floats and strings
        $v = r(0, 200000) / 1000;
        return chance(50) ? $v : sprintf('%.3f', $v);
    }
    if ($k <= 75) { // exponent forms
        return sprintf(pick(['%de%d', '%dE%d', '%d.5e%d', '0.%de%d', '%de+%d']), r(0, 999), r(-4, 3));
    }
    if ($k <= 78) {
        return pick([r(0, 1000000000) / pick([1, 3, 7, 100, 1000]), (string)r(0, 1000000000) . '.' . r(0, 999)]);
    }
    return pick([1.115, 2.675, 1.005, 0.005, 0.015, 0.125, '0.005', '1.005', '2.675', '1e3', '1E2', '1e-2',
        '5e-3', 1e9, '1e9', '1000000000', '999999999.995', 999999999.99, 0, 0.0, -0.0, '0', '0.0', '.5', '5.',
        '+3', '+.25', '00012.50', '1.2345678', 0.1 + 0.2, 1 / 3, 2.5e-3, 1e-9, '0e5', '12345678.125',
        12345678.125, 0.285, 1.045, 4.35, 8.345, '-0', '-0.0']);
}

function bad_amount()
{
    return pick([-1, -0.01, '-1', '-0.01', 1000000000.01, '1000000000.001', '1e10', 1e10, NAN, INF, -INF,
        'abc', '1,5', ' 1', '1 ', '0x1A', '1e', 'e5', '.', '+', '', true, false, [], new stdClass(), '1.2.3',
        '١', '1e999', '--1', '1_000']);
}

function gid(int $max = 40)
{
    $id = r(1, $max);
    return chance(20) ? (string)$id : $id;
}

function bad_id()
{
    return pick([0, -1, '0', '-1', 2147483648, '2147483648', '07', '+7', ' 7', '7 ', 7.0, 7.5, true, false, 'x',
        [], [7], '', '1e3', PHP_INT_MAX, PHP_INT_MIN, new stdClass(), '٧']);
}

function bad_count()
{
    return pick([-1, '-1', 2147483648, '2147483648', '01', '+1', 1.0, 2.5, true, 'x', [], '', ' 3',
        new stdClass(), PHP_INT_MAX]);
}

function slug(): string
{
    return pick(['counseling', 'cleanup', 'repair', 'visit', 'tutoring', 'committee', 'group_meeting',
        'theme_day', 'branch_assembly', 'party_lesson', 'life_meeting', 'a', 'x_1', '9lives',
        str_repeat('k', 32), '2024', '7', '0', '007']);
}

function bad_slug()
{
    return pick(['', 'Counseling', 'foo-bar', 'a b', str_repeat('k', 33), 'café', ' x', 'x ', 'ü', 7, 7.5,
        true, [], null, "a\0b", '党建']);
}

function venue(): string
{
    return pick(['阳光社区', ' 阳光社区', "\u{3000}阳光社区\u{3000}", '阳光社区 ', "\t阳光社区\n", 'Sunshine',
        'sunshine', 'SUNSHINE', ' Sunshine', 'Sunshine ', "Sun\u{3000}shine", 'Sun shine', '', ' ',
        "\u{3000}", "\x0B\x0C\r", 'Central Park', 'central park', 'Café', 'Cafe', 'A', 'B', 'a',
        str_repeat('x', 200), str_repeat('长', 66), ' ' . str_repeat('y', 198) . ' ', "tab\tinside",
        "\u{00A0}nbsp\u{00A0}", 'Zürich', 'e' . "\u{0301}", "\u{00E9}"]);
}

function bad_venue()
{
    return pick([str_repeat('x', 201), ' ' . str_repeat('y', 199) . ' ', str_repeat('长', 67), "\xff", "ab\xc3",
        "\xed\xa0\x80", "\xc0\xaf", 7, 1.5, true, [], new stdClass()]);
}

function bad_bool()
{
    return pick([2, -1, '2', 'true', 'false', 'yes', 1.0, 0.0, [], 'on', ' 1', '01', new stdClass()]);
}

/** One person row with keys in a random order; $bad: one value breaks a rule. */
function person_row(int $id, bool $bad)
{
    $row = ['id' => chance(15) ? (string)$id : $id];
    if (chance(30)) {
        $row['is_staff'] = pick([true, false, 0, 1, '0', '1', null, '']);
    }
    $stages = ['applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on'];
    $shape = r(1, 100);
    if ($shape <= 8) {
        // no date at all
    } elseif ($shape <= 14) {
        $row['left_on'] = gdate();
        if (chance(50)) {
            $row['left_reason'] = pick(['transfer', 'death', 'cancelled', 'other']);
        }
    } else {
        // a pipeline: consecutive stages from a random one, increasing dates
        $first = r(0, 4);
        $last = r($first, 4);
        $day = chance(90) ? r(dayof('2017-01-01'), dayof('2025-06-30')) : dayof(gdate()) - r(0, 2000);
        for ($i = $first; $i <= $last; $i++) {
            if ($i > $first && chance(15)) {
                continue; // a gap
            }
            $row[$stages[$i]] = ymd($day);
            $day += pick([0, 1, 30, 180, 365, 366, r(1, 900)]);
        }
        if ($last >= 3 && chance(10) && !isset($row['full_on'])) { // admitted on a leap day: due on 1 March
            $row['admitted_on'] = pick(['2020-02-29', '2024-02-29', '2016-02-29']);
            foreach (['applied_on', 'activist_on', 'candidate_on'] as $k) {
                if (isset($row[$k]) && $row[$k] > $row['admitted_on']) {
                    $row[$k] = ymd(dayof($row['admitted_on']) - r(0, 300));
                }
            }
        }
        if (chance(20)) {
            $row['joined_on'] = chance(85) ? ymd($day - r(0, 400)) : gdate();
        }
        if (chance(25)) {
            $row['left_on'] = ymd($day + r(0, 900));
            $row['left_reason'] = pick(['transfer', 'death', 'cancelled', 'other', null, '']);
        } elseif (chance(5)) {
            $row['left_reason'] = pick(['transfer', 'other']);
        }
    }
    // absent values spelled the ways a database row spells them
    foreach (array_merge($stages, ['joined_on', 'left_on']) as $k) {
        if (!isset($row[$k]) && chance(8)) {
            $row[$k] = pick([null, '']);
        }
    }
    if (chance(5)) {
        $row['unknown_key'] = 'ignored';
    }
    if ($bad) {
        $k = r(1, 9);
        if ($k === 1) {
            $row['id'] = bad_id();
        } elseif ($k === 2) {
            unset($row['id']);
            if (chance(50)) {
                $row['id'] = null;
            }
        } elseif ($k === 3) {
            $row['is_staff'] = bad_bool();
        } elseif ($k === 4) {
            $row[pick(array_merge($stages, ['joined_on', 'left_on']))] = bad_date();
        } elseif ($k === 5) {
            $row['left_reason'] = pick(['moved', 'Transfer', 'death ', 1, true, [], 'none']);
        } elseif ($k === 6) { // stage order
            $row['applied_on'] = '2024-05-01';
            $row[pick(['activist_on', 'candidate_on', 'admitted_on', 'full_on'])] = '2024-04-30';
        } elseif ($k === 7) { // left before the start
            $row['applied_on'] = '2023-06-01';
            $row['left_on'] = pick(['2023-05-31', '2020-01-01']);
            unset($row['joined_on'], $row['activist_on'], $row['candidate_on'], $row['admitted_on'], $row['full_on']);
        } elseif ($k === 8) {
            return pick(['not a row', 7, null, true, 1.5]);
        } else {
            $row['joined_on'] = '2024-03-01';
            $row['left_on'] = '2024-02-29';
        }
    }
    return shuffled($row);
}

function shuffled(array $row): array
{
    if (!chance(30)) {
        return $row;
    }
    $keys = array_keys($row);
    for ($i = count($keys) - 1; $i > 0; $i--) {
        $j = mt_rand(0, $i);
        [$keys[$i], $keys[$j]] = [$keys[$j], $keys[$i]];
    }
    $o = [];
    foreach ($keys as $k) {
        $o[$k] = $row[$k];
    }
    return $o;
}

function activity_row(int $id, array $peopleIds, bool $bad)
{
    $cat = chance(65) ? 'service' : 'meeting';
    $row = ['id' => chance(15) ? (string)$id : $id, 'date' => gdate(), 'category' => $cat, 'kind' => slug()];
    if ($cat === 'meeting' && chance(70)) {
        $row['kind'] = pick(['committee', 'group_meeting', 'theme_day', 'branch_assembly', 'party_lesson',
            'life_meeting', 'committee', 'other_meeting']);
    }
    foreach (['hours', 'fee_waived', 'donation'] as $k) {
        if (chance(60)) {
            $row[$k] = chance(8) ? null : amount();
        }
    }
    if (chance(60)) {
        $row['beneficiaries'] = chance(10) ? null : (chance(30) ? (string)r(0, 50) : r(0, 50));
    }
    if (chance(70)) {
        $row['venue_kind'] = chance(15) ? pick(['', null]) : pick(['community', 'park', 'school', 'home', 'x']);
        if (chance(85)) {
            $row['venue'] = chance(5) ? null : venue();
        }
    }
    if (chance(80)) {
        $n = r(0, min(8, count($peopleIds) + 1));
        $parts = [];
        $used = [];
        for ($i = 0; $i < $n; $i++) {
            $pid = $peopleIds ? pick($peopleIds) : 1;
            if (isset($used[$pid])) {
                continue;
            }
            $used[$pid] = true;
            $p = chance(20) ? (string)$pid : $pid;
            if (chance(40)) {
                $p = ['id' => $p];
                if (chance(60)) {
                    $p['hours'] = chance(10) ? null : amount();
                }
            }
            $parts[] = $p;
        }
        $row['participants'] = $parts;
    } elseif (chance(30)) {
        $row['participants'] = null;
    }
    if ($bad) {
        $k = r(1, 16);
        if ($k === 1) {
            $row['id'] = bad_id();
        } elseif ($k === 2) {
            unset($row[pick(['id', 'date', 'category', 'kind'])]);
        } elseif ($k === 3) {
            $row[pick(['date', 'category', 'kind'])] = null;
        } elseif ($k === 4) {
            $row['date'] = bad_date();
        } elseif ($k === 5) {
            $row['category'] = pick(['Service', 'meetings', 'other', '', 1, true, []]);
        } elseif ($k === 6) {
            $row['kind'] = bad_slug();
        } elseif ($k === 7) {
            $row[pick(['hours', 'fee_waived', 'donation'])] = bad_amount();
        } elseif ($k === 8) {
            $row['beneficiaries'] = bad_count();
        } elseif ($k === 9) {
            $row['venue_kind'] = pick(['Community', 'a-b', str_repeat('v', 33), 5, true, [], ' ']);
        } elseif ($k === 10) {
            $row['venue'] = bad_venue();
        } elseif ($k === 11) {
            $row['participants'] = pick(['1,2', 5, true, 1.5, new stdClass()]);
        } elseif ($k === 12) { // a participant not added
            $row['participants'] = array_merge($row['participants'] ?? [], [pick([999, '998', ['id' => 997]])]);
        } elseif ($k === 13) { // a duplicate participant
            $pid = $peopleIds ? pick($peopleIds) : 1;
            $row['participants'] = [$pid, chance(50) ? (string)$pid : ['id' => $pid, 'hours' => 1]];
        } elseif ($k === 14) { // a bad participant value
            $row['participants'] = [pick([bad_id(), ['id' => bad_id()], ['hours' => 1], ['id' => 1, 'hours' => bad_amount()], null])];
        } elseif ($k === 15) {
            return pick(['row', 1, null, false]);
        } else {
            $row['hours'] = pick(['1000000000.001', 1000000000.5, '1e9', 1e9]);
            $row['donation'] = pick(['1.005', NAN]);
        }
    }
    return shuffled($row);
}

function point_row(bool $bad)
{
    $row = ['date' => gdate(), 'count' => chance(25) ? (string)r(0, 60) : r(0, 60)];
    if ($bad) {
        $k = r(1, 5);
        if ($k === 1) {
            $row['date'] = chance(30) ? null : bad_date();
        } elseif ($k === 2) {
            $row['count'] = chance(20) ? null : bad_count();
        } elseif ($k === 3) {
            unset($row[pick(['date', 'count'])]);
        } elseif ($k === 4) {
            $row['date'] = '';
        } else {
            return pick(['p', 3, null]);
        }
    }
    return $row;
}

/** A query; sometimes with one bad key. */
function query(bool $bad, array $dates): array
{
    $q = [];
    if (chance(50)) {
        $q['from'] = chance(60) && $dates ? pick($dates) : gdate();
    }
    if (chance(60)) {
        $q['to'] = chance(60) && $dates ? pick($dates) : gdate();
    }
    if (isset($q['from'], $q['to']) && $q['from'] > $q['to'] && chance(85)) {
        [$q['from'], $q['to']] = [$q['to'], $q['from']];
    }
    if (chance(50)) {
        $q['as_of'] = chance(50) && $dates ? pick($dates) : (chance(50) && isset($q['to']) ? $q['to'] : gdate());
    }
    foreach (['from', 'to', 'as_of'] as $k) {
        if (!isset($q[$k]) && chance(5)) {
            $q[$k] = pick([null, '']);
        }
    }
    if (chance(30)) {
        $q['top'] = pick([0, 1, 2, 3, 10, 1000, '5', null]);
    }
    if (chance(40)) {
        $q['due_within'] = pick([0, 1, 30, 60, 365, 366, 3660, '90', null]);
    }
    if (chance(35)) {
        $rules = [];
        $n = r(0, 4);
        for ($i = 0; $i < $n; $i++) {
            $rules[pick(['committee', 'group_meeting', 'theme_day', 'branch_assembly', 'party_lesson',
                'life_meeting', 'other_meeting', 'counseling', '2024', '007'])] = pick(['month', 'quarter', 'year']);
        }
        $q['meeting_rules'] = chance(10) ? null : $rules;
    }
    if ($bad) {
        $k = r(1, 10);
        if ($k === 1) {
            $q[pick(['foo', 'From', 'limit', ''])] = 1;
        } elseif ($k === 2) {
            $q[0] = '2024-01-01';
        } elseif ($k === 3) {
            $q[pick(['from', 'to', 'as_of'])] = bad_date();
        } elseif ($k === 4) {
            $q['top'] = pick([-1, 1001, '1001', '010', '+5', 5.0, true, 'ten', [], ' 5', PHP_INT_MAX]);
        } elseif ($k === 5) {
            $q['due_within'] = pick([-1, 3661, '3661', '060', 60.0, false, 'x', []]);
        } elseif ($k === 6) {
            $q['meeting_rules'] = pick(['month', 1, true, 1.5, new stdClass()]);
        } elseif ($k === 7) {
            $q['meeting_rules'] = [pick(['Committee', 'a-b', '', str_repeat('m', 33), '党']) => 'month'];
        } elseif ($k === 8) {
            $q['meeting_rules'] = [pick([7, 0, -1]) => 'year'];
        } elseif ($k === 9) {
            $q['meeting_rules'] = ['committee' => pick(['week', 'Month', '', null, 1, [], 'months'])];
        } else {
            $q['from'] = '2025-01-01';
            $q['to'] = '2024-12-31';
        }
    }
    return shuffled($q);
}

/* -------------------------------------------------------------- a seed */

$snapdirs = array_filter([$opt['snapdir'] ?? null, $opt['xload'] ?? null]);

/* The queries of the cross-load check: fixed, so that the loading process
 * needs nothing of the seed but its snapshot file. */
const XLOAD_QUERIES = [[], ['from' => '2016-01-01', 'to' => '2026-12-31', 'as_of' => '2024-06-30', 'top' => 1000]];

function stats_of(Dataset $d, array $q): string
{
    return attempt(fn () => $d->statsJson($q));
}

/** Everything observable of a dataset, for the round-trip checks. */
function fingerprint(Dataset $d, array $queries): string
{
    $s = describe($d->counts()) . ' ' . attempt(fn () => $d->toJson());
    foreach ($queries as $q) {
        $s .= "\n" . stats_of($d, $q);
    }
    return $s;
}

function first_diff(string $a, string $b): string
{
    $n = min(strlen($a), strlen($b));
    for ($i = 0; $i < $n && $a[$i] === $b[$i]; $i++) {
    }
    return 'differs at byte ' . $i . ': ' . substr($a, max(0, $i - 40), 120) . ' | ' . substr($b, max(0, $i - 40), 120);
}

function run_seed(int $seed, string $snapdir): void
{
    mt_srand($seed);
    $d = new Dataset();
    $dates = [];
    $queriesForChecks = [['from' => '2016-01-01', 'to' => '2026-12-31', 'as_of' => '2024-06-30']];

    if (chance(10)) { // the empty dataset
        emit($seed, 'empty:stats', '[]', stats_of($d, []));
        $q = ['to' => gdate()];
        emit($seed, 'empty:stats', describe($q), stats_of($d, $q));
    }

    // people, in a few calls; ids mostly unique, sometimes repeated
    $peopleIds = [];
    $nextId = r(1, 3);
    $calls = r(1, 3);
    for ($c = 0; $c < $calls; $c++) {
        $n = r(0, 12);
        $bad = chance(15);
        $badAt = $bad ? r(0, max(0, $n - 1)) : -1;
        $dupAt = !$bad && chance(8) ? r(0, max(0, $n - 1)) : -1;
        $bad = $bad || $dupAt >= 0;
        $rows = [];
        for ($i = 0; $i < max($n, $bad ? 1 : 0); $i++) {
            $id = $i === $dupAt ? pick(array_merge($peopleIds, [$nextId - 1, max(1, $nextId - 2)])) : $nextId++;
            if (chance(2)) {
                $id = pick([2147483647, 2147483646]);
            }
            $row = person_row($id, $i === $badAt);
            $rows[chance(10) ? 'k' . $i : $i] = $row;
            if (!$bad) {
                $peopleIds[] = $id;
            }
            if (is_array($row)) {
                foreach ($row as $k => $v) {
                    if (is_string($v) && strlen($v) === 10 && substr($k, -3) === '_on') {
                        $dates[] = $v;
                    }
                }
            }
        }
        emit($seed, "addPeople#$c", describe($rows), attempt(fn () => $d->addPeople($rows)));
        emit($seed, "counts#p$c", '', attempt(fn () => $d->counts()));
    }

    // activities
    $nextAct = r(1, 5);
    $calls = r(1, 3);
    for ($c = 0; $c < $calls; $c++) {
        $n = r(0, 15);
        $bad = chance(15);
        $badAt = $bad ? r(0, max(0, $n - 1)) : -1;
        $dupAt = !$bad && chance(8) ? r(0, max(0, $n - 1)) : -1;
        $rows = [];
        for ($i = 0; $i < max($n, $bad ? 1 : 0); $i++) {
            $id = $i === $dupAt ? r(1, $nextAct) : $nextAct++;
            $row = activity_row($id, $peopleIds, $i === $badAt);
            $rows[] = $row;
            if (is_array($row) && is_string($row['date'] ?? null)) {
                $dates[] = $row['date'];
            }
        }
        emit($seed, "addActivities#$c", describe($rows), attempt(fn () => $d->addActivities($rows)));
        emit($seed, "counts#a$c", '', attempt(fn () => $d->counts()));
    }

    // headcount, once or twice (the second replaces, or is rejected and keeps the first)
    $calls = r(0, 2);
    for ($c = 0; $c < $calls; $c++) {
        $n = r(0, 6);
        $bad = chance(20);
        $badAt = $bad ? r(0, max(0, $n - 1)) : -1;
        $pts = [];
        for ($i = 0; $i < max($n, $bad ? 1 : 0); $i++) {
            $pts[] = point_row($i === $badAt);
        }
        if (chance(10) && $pts) { // two points on one date
            $pts[] = ['date' => $pts[0]['date'] ?? '2024-01-01', 'count' => 5];
        }
        foreach ($pts as $p) {
            if (is_array($p) && is_string($p['date'] ?? null)) {
                $dates[] = $p['date'];
            }
        }
        emit($seed, "setHeadcount#$c", describe($pts), attempt(function () use ($d, $pts) {
            $d->setHeadcount($pts);
            return 'ok';
        }));
    }

    // queries
    $dates = array_values(array_filter($dates, fn ($x) => preg_match('/^\d{4}-\d\d-\d\d$/', $x) === 1));
    $n = r(3, 7);
    for ($i = 0; $i < $n; $i++) {
        $q = $i === 0 ? [] : query(chance(20), $dates);
        emit($seed, "statsJson#$i", describe($q), stats_of($d, $q));
        if ($i < 2) {
            emit($seed, "stats#$i", describe($q), attempt(fn () => serialize($d->stats($q))));
        }
        if ($i === 1) {
            $queriesForChecks[] = $q;
        }
    }

    // toJson, and the round trips each implementation must pass on its own
    $json = attempt(fn () => $d->toJson());
    emit($seed, 'toJson', '', $json);
    $fp = fingerprint($d, $queriesForChecks);
    emit($seed, 'self:fromJson(toJson)', '', attempt(function () use ($d, $fp, $queriesForChecks) {
        $e = Dataset::fromJson($d->toJson());
        $got = fingerprint($e, $queriesForChecks);
        return $got === $fp ? 'ok' : first_diff($got, $fp);
    }));
    $path = "$snapdir/$seed.djsnap";
    emit($seed, 'self:load(save)', '', attempt(function () use ($d, $fp, $queriesForChecks, $path) {
        $d->save($path);
        $e = Dataset::load($path);
        $got = fingerprint($e, $queriesForChecks);
        return $got === $fp ? 'ok' : first_diff($got, $fp);
    }));
    emit($seed, 'xload:reference', '', attempt(fn () => fingerprint($d, XLOAD_QUERIES)));

    // damaged JSON texts
    $base = is_string($json) && $json !== '' && $json[0] === '{' ? $json : '{"format":"dangjian-dataset","version":1}';
    $n = r(1, 3);
    for ($i = 0; $i < $n; $i++) {
        $t = damage_json($base);
        emit($seed, "fromJson#$i", $t, attempt(fn () => fingerprint(Dataset::fromJson($t), [[]])));
    }

    // damaged snapshots (the path in messages is written as <dir>)
    $bytes = @file_get_contents($path);
    if (is_string($bytes)) {
        $n = r(1, 2);
        for ($i = 0; $i < $n; $i++) {
            [$how, $t] = damage_snapshot($bytes);
            $p = "$snapdir/$seed.bad$i";
            file_put_contents($p, $t);
            emit($seed, "load#$i", $how, attempt(fn () => fingerprint(Dataset::load($p), [[]])));
            unlink($p);
        }
    }
}

function damage_json(string $j): string
{
    $k = r(1, 16);
    $len = strlen($j);
    switch ($k) {
        case 1:
            return substr($j, 0, r(0, max(0, $len - 1)));
        case 2:
            $p = r(0, max(0, $len - 1));
            return substr($j, 0, $p) . pick(['}', ']', ',', '"', ':', '\\', 'x', "\n", "\xff", "\xc3", '\\ud800',
                '"\\udc00"', '01', '-', 'nul', "\0", ' ', '{', '[']) . substr($j, $p + 1);
        case 3:
            return str_replace('"dangjian-dataset"', pick(['"dangjian"', '1', 'null', '"Dangjian-dataset"']), $j);
        case 4:
            return str_replace('"version":1', '"version":' . pick(['2', '1.0', '"1"', 'null', 'true', '0', '[]']), $j);
        case 5:
            return preg_replace('/"version":1,?/', '', $j, 1);
        case 6:
            return preg_replace('/"format":"dangjian-dataset",?/', '', $j, 1);
        case 7:
            return preg_replace('/"' . pick(['people', 'activities', 'headcount']) . '":\[/',
                '"' . pick(['people', 'activities', 'headcount']) . '":' . pick(['{}', '1', '"x"', 'null', 'true']) . ',"zz":[', $j, 1);
        case 8:
            return pick(['[]', '1', '"x"', 'null', '', ' ', "\n\n  {", '{"format":"dangjian-dataset","version":1,"people":[{"id":1},{"id":1}]}',
                "{\n  \"format\": \"dangjian-dataset\",\n  \"version\": 1,\n  \"people\": [\n    {\"id\": \"x\"}\n  ]\n}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"activities\":[{\"id\":1,\"date\":\"2024-01-01\",\"category\":\"service\",\"kind\":\"a\",\"venue\":\"\\ud800\"}]}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"activities\":[{\"id\":1,\"date\":\"2024-01-01\",\"category\":\"service\",\"kind\":\"a\",\"participants\":[7]}]}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":1,\"applied_on\":\"2024-01-01\"}],\"activities\":[{\"id\":1,\"date\":\"2024-01-01\",\"category\":\"service\",\"kind\":\"a\",\"hours\":1e400}]}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"headcount\":[{\"date\":\"2024-01-01\",\"count\":1.0}]}",
                "\u{FEFF}{\"format\":\"dangjian-dataset\",\"version\":1}",
                "{\"format\":\"dangjian-dataset\",\"version\":1}garbage",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"format\":\"x\"}",
                "{\"阳光\":\"社区\",\n\"format\":\"dangjian-dataset\",\"version\":2}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":1,\"is_staff\":\"yes\"}]}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":9007199254740993}]}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[1]}",
            ]);
        case 9: // a value swapped for another in a row
            return preg_replace_callback('/"(' . pick(['id', 'date', 'hours', 'count', 'venue', 'kind', 'applied_on', 'is_staff', 'left_reason', 'participants']) . ')":("[^"]*"|[^,}\]]*)/',
                fn ($m) => '"' . $m[1] . '":' . pick(['null', '""', '"x"', '-1', '1.5', 'true', '{}', '[]', '"2024-02-30"', '1e9', '"1e9"', '0']), $j, 1);
        case 10:
            return str_replace(',', ",\n ", $j);
        case 11:
            return str_replace(':', " :\t", $j);
        case 12: // a non-ASCII string before the error: columns count characters
            return str_replace('"format"', '"注释":"党建\u{3000}é","format"', $j) . pick(['x', '', ',']);
        case 13:
            return $j . pick([' ', "\n", 'x', '{}', "\0"]);
        case 14:
            return preg_replace('/\[\{"id":(\d+)/', '[{"id":$1,"id":' . pick(['2', '"2"', 'null']), $j, 1);
        case 15:
            return str_replace('"hours":', '"hours":' . pick(['-', '+', '0', '.']), $j);
        default:
            return $j;
    }
}

function damage_snapshot(string $b): array
{
    $len = strlen($b);
    $k = r(1, 8);
    switch ($k) {
        case 1:
            $n = r(0, max(0, $len - 1));
            return ["truncated to $n", substr($b, 0, $n)];
        case 2:
            $p = r(0, $len - 1);
            return ["byte $p flipped", substr_replace($b, chr(ord($b[$p]) ^ (1 << r(0, 7))), $p, 1)];
        case 3:
            return ['version 2', substr_replace($b, pack('V', pick([0, 2, 255])), 8, 4)];
        case 4:
            return ['trailing byte', $b . "\0"];
        case 5:
            return ['foreign', pick(['', 'DJSNAP', "DJSNAP\n\n" . substr($b, 8), str_repeat("\0", 40), "PK\x03\x04" . substr($b, 4)])];
        default: // a payload byte changed and the CRC fixed: the values are checked
            if ($len <= 32) {
                return ['empty payload', $b];
            }
            $payload = substr($b, 32);
            $p = r(0, strlen($payload) - 1);
            $payload = substr_replace($payload, chr(pick([0, 1, 0xff, 0x80, 0x7f, ord($payload[$p]) ^ 1])), $p, 1);
            return ["payload byte $p changed, CRC fixed",
                substr($b, 0, 12) . pack('V', crc32($payload)) . substr($b, 16, 16) . $payload];
    }
}

/* ------------------------------------------------------------- main */

if (isset($opt['xload'])) {
    // Load the other implementation's snapshot of every seed: the same
    // fingerprint as its own "xload:reference" line (run.php compares).
    for ($seed = $seedFrom; $seed <= $seedTo; $seed++) {
        $p = $opt['xload'] . "/$seed.djsnap";
        emit($seed, 'xload:reference', '', file_exists($p)
            ? attempt(fn () => fingerprint(Dataset::load($p), XLOAD_QUERIES))
            : 'no snapshot file');
    }
    fclose($out);
    exit(0);
}

$snapdir = $opt['snapdir'];
for ($seed = $seedFrom; $seed <= $seedTo; $seed++) {
    run_seed($seed, $snapdir);
    emit($seed, 'end', '', '');
    fflush($out);
}
fclose($out);
exit(0);

<?php
/*
 * gen.php - the generators of the differential suite (tests/diff/cases.php requires it): rows of
 * people, activities and headcount points, good and bad, and queries with and without filters. Every
 * choice comes from mt_rand(), seeded by cases.php, so both processes generate the same inputs.
 */

declare(strict_types=1);
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

/** A project name (v2), among them names that differ only by what trimming removes. */
function project()
{
    return pick(['临江县洪灾心理援助', ' 临江县洪灾心理援助', "\u{3000}临江县洪灾心理援助\u{3000}", "临江县洪灾心理援助\t\r\n",
        '临江县 洪灾心理援助', 'Flood relief', 'flood relief', ' Flood relief ', "\x0B\x0CFlood relief", '', ' ',
        "\u{3000}", null, 'a/b "c"', "tab\tinside", "nul\0byte", str_repeat('p', 200), ' ' . str_repeat('q', 199),
        str_repeat('长', 66), '2024', '007', '9', 'Café', "e\u{0301}", "\u{00A0}nbsp", '防汛', 'Z']);
}

function bad_project()
{
    return pick([str_repeat('p', 201), ' ' . str_repeat('q', 199) . ' ', str_repeat('长', 67), "\xff", "ab\xc3",
        "\xed\xa0\x80", 7, 0, 1.5, true, false, [], ['P'], new stdClass()]);
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
        if (isset($row['admitted_on']) && chance(20)) {
            // v2: transferred in on or after an admission made elsewhere
            $row['joined_on'] = ymd(dayof($row['admitted_on']) + pick([0, 0, 1, 30, r(1, 700)]));
        } elseif (chance(20)) {
            $row['joined_on'] = chance(85) ? ymd($day - r(0, 400)) : gdate();
        }
        if (chance(25)) {
            $row['left_on'] = ymd($day + r(0, 900));
            $row['left_reason'] = pick(['transfer', 'death', 'cancelled', 'other', null, '']);
        } elseif (chance(20)) {
            // v2: left on a stage day, or just before or after it: later stage dates lie after leaving
            $present = array_values(array_filter(array_map(fn ($k) => $row[$k] ?? null, $stages)));
            $start = isset($row['joined_on']) ? dayof($row['joined_on']) : dayof($present[0]);
            $row['left_on'] = ymd(max($start, dayof(pick($present)) + pick([0, 0, 1, -1, r(1, 200)])));
            $row['left_reason'] = pick(['transfer', 'other', null]);
        } elseif (chance(5)) {
            $row['left_reason'] = pick(['transfer', 'other']);
        }
    }
    if (chance(30)) {
        // v2: hired_on, often on the admission day (or the day before or after it)
        $row['hired_on'] = isset($row['admitted_on']) && chance(50)
            ? ymd(dayof($row['admitted_on']) + pick([0, 0, 0, -1, 1]))
            : (chance(10) ? pick([null, '']) : gdate());
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
        $k = r(1, 10);
        if ($k === 10) {
            $row['hired_on'] = bad_date();
        } elseif ($k === 1) {
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
    if (chance(55)) {
        $row['project'] = project();
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
        $k = r(1, 17);
        if ($k === 17) {
            $row['project'] = bad_project();
            if (chance(30)) { // and a later field bad too: the project is named
                $row['participants'] = 'x';
            }
        } elseif ($k === 1) {
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
    if (chance(40)) {
        $q['filter'] = filter();
    }
    if ($bad) {
        $k = r(1, 12);
        if ($k >= 11) {
            $q['filter'] = bad_filter();
        } elseif ($k === 1) {
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

/** A valid filter (v2): some keys, names in their trimmed and untrimmed forms, duplicates, nulls. */
function filter()
{
    if (chance(8)) {
        return pick([null, []]);
    }
    $pools = [
        'kinds' => ['counseling', 'cleanup', 'visit', 'committee', 'group_meeting', 'theme_day', 'party_lesson', '2024',
            '7', 'absent_kind'],
        'venue_kinds' => ['community', 'park', 'school', 'home', 'x', 'absent'],
        'venues' => ['阳光社区', ' 阳光社区', "\u{3000}阳光社区", 'Sunshine', 'sunshine', 'Central Park', 'A', 'B', 'Café',
            'Nowhere'],
        'projects' => ['临江县洪灾心理援助', "\u{3000}临江县洪灾心理援助 ", '临江县 洪灾心理援助', 'Flood relief', 'flood relief',
            'a/b "c"', '2024', '防汛', 'Unknown project'],
    ];
    $f = [];
    $keys = array_keys($pools);
    $want = pick([1, 1, 1, 1, 1, 1, 2, 2, 2, 4]); // mostly one key, so that some activities match
    foreach ($keys as $key) {
        $pool = $pools[$key];
        if (!chance(intdiv(100 * $want, 4))) {
            continue;
        }
        if (chance(10)) {
            $f[$key] = null;
            continue;
        }
        $list = [];
        $n = r(1, 5);
        for ($i = 0; $i < $n; $i++) {
            $list[] = pick($pool);
        }
        $f[$key] = $list;
    }
    return shuffled($f);
}

/** A filter that breaks one rule of the table in docs/ENGINE.md section 9. */
function bad_filter()
{
    $k = r(1, 9);
    $good = chance(50) ? (filter() ?? []) : [];
    if ($k === 1) {
        return pick(['kinds', 7, true, 1.5, new stdClass()]);
    }
    if ($k === 2) {
        $good[pick(['colour', 'Kinds', 'kind', '', str_repeat('k', 65), 'a"b', '阳光'])] = chance(40) ? null : ['x'];
        return $good;
    }
    if ($k === 3) {
        return $good + [pick([0, 1, -1]) => ['visit']];
    }
    $key = pick(['kinds', 'venue_kinds', 'venues', 'projects']);
    if ($k === 4) {
        $good[$key] = pick(['visit', 7, true, [], ['a' => 'visit'], [1 => 'visit'], [1 => 'a', 0 => 'b'],
            array_fill(0, 101, 'visit'), new stdClass()]);
        return $good;
    }
    $slugKey = $key === 'kinds' || $key === 'venue_kinds';
    $bad = $slugKey ? pick(['', 7, 'Visit', str_repeat('a', 33), 'a-b', null, ['visit'], 1.5, '阳光', ' visit'])
        : pick([7, str_repeat('x', 201), ' ' . str_repeat('y', 199) . ' ', "\xff", '  ', '', "\u{3000}", null, ['P'],
            "\t\n\x0B\x0C\r", false]);
    $list = $slugKey ? ['visit', 'community'] : ['阳光社区', 'P'];
    array_splice($list, r(0, 2), 0, [$bad]);
    $good[$key] = $list;
    return shuffled($good);
}

<?php
/*
 * OracleCases.php - seeded datasets and queries for the oracle suite (tests/oracle/run.php).
 *
 * Every dataset is valid (rows the engine must accept); they are rich in what issue 9 names: transfers
 * in after admission, stage dates after leaving or before joining, people with only left_on or no
 * date, hires before, after or on the admission day and hires without any stage date, participants
 * who became party members later, venue and project names differing only by surrounding white space
 * or U+3000, blank names, leap days, periods across year boundaries. The queries give every key
 * alone and combined, filters that match nothing, and every kind of bad query.
 *
 * generate($seed) calls mt_srand($seed): the same seed gives the same case.
 */

declare(strict_types=1);

final class OracleCases
{
    public const SERVICE_KINDS = ['counseling', 'cleanup', 'visit', '2024'];
    public const MEETING_KINDS = ['committee', 'group_meeting', 'theme_day', 'branch_assembly', 'party_lesson', 'life_meeting'];
    public const VENUES = ['阳光社区', ' 阳光社区', "阳光社区\t", "\u{3000}阳光社区\u{3000}", "\n阳光社区 \r",
        'Library', 'library', "\x0B\x0CLibrary", ' ', "\u{3000}", '', null, "Quote\"Hall", "Tab\tInside", '12'];
    public const PROJECTS = ['临江县洪灾心理援助', ' 临江县洪灾心理援助', "临江县洪灾心理援助\u{3000}",
        "\t临江县洪灾心理援助\n", "\u{3000}\u{3000}临江县洪灾心理援助 ", '敬老', '敬老 ', '007', '7', "Ctl\x1Bname",
        'Back\\slash', 'a/b', '', '   ', "\u{3000}\u{3000}", null, "Two\u{3000}words", "Ctl\x7Fdel", '-5', ' 12 '];
    private const BASE_YEARS = [1900, 1903, 1999, 2000, 2019, 2023, 2024, 2027, 2099, 2196, 2197];

    private string $first;
    private int $span;
    /** @var list<string> dates handed out so far (reused to make equal dates) */
    private array $seen = [];
    /** @var list<int> leap years of the window */
    private array $leap = [];

    public static function generate(int $seed): array
    {
        mt_srand($seed);
        return (new self())->build($seed);
    }

    private static function pick(array $a)
    {
        return $a[mt_rand(0, count($a) - 1)];
    }

    private static function chance(int $pct): bool
    {
        return mt_rand(1, 100) <= $pct;
    }

    private function build(int $seed): array
    {
        $base = self::pick(self::BASE_YEARS);
        $this->first = sprintf('%04d-01-01', $base);
        $lastYear = min(2199, $base + 2);
        $this->span = (int)(new DateTimeImmutable($this->first))->diff(new DateTimeImmutable("$lastYear-12-31"))->days;
        for ($y = $base; $y <= $lastYear; $y++) {
            if (checkdate(2, 29, $y)) {
                $this->leap[] = $y;
            }
        }
        $empty = $seed % 50 === 0;               // now and then a dataset with no date at all
        $people = $empty ? [] : $this->people(mt_rand(0, 14));
        $ids = array_map(fn($p) => (int)$p['id'], $people);
        $activities = $empty ? [] : $this->activities(mt_rand(0, 24), $ids);
        $headcount = $empty ? [] : $this->headcount(mt_rand(0, 4));
        $queries = array_merge($this->goodQueries($base, $lastYear), $this->edgeQueries($people),
            $this->badQueries(mt_rand(2, 5)));
        return ['people' => $people, 'activities' => $activities, 'headcount' => $headcount, 'queries' => $queries];
    }

    /** A date of the window: now and then a leap day, a year's edge or a date handed out before. */
    private function date(): string
    {
        if ($this->seen !== [] && self::chance(20)) {
            return self::pick($this->seen);
        }
        $y = (int)substr($this->first, 0, 4) + mt_rand(0, intdiv($this->span, 365));
        $y = min($y, 2199);
        $r = mt_rand(1, 100);
        if ($r <= 6 && $this->leap !== []) {
            $d = self::pick($this->leap) . '-02-29';
        } elseif ($r <= 14) {
            $d = self::pick(["$y-01-01", "$y-12-31", "$y-02-28", "$y-03-01", "$y-03-31", "$y-04-01", "$y-06-30"]);
        } else {
            $d = OracleValues::plusDays($this->first, mt_rand(0, $this->span));
        }
        $this->seen[] = $d;
        return $d;
    }

    /** A date on or after $d (within a year and a half, not past 2199-12-31). */
    private function dateFrom(string $d): string
    {
        $r = mt_rand(0, 5);
        if ($r === 0) {
            return $d;
        }
        $n = $r === 1 ? 365 : ($r === 2 ? 366 : mt_rand(1, 540));
        $out = OracleValues::plusDays($d, $n);
        return $out > '2199-12-31' ? $d : $out;
    }

    private static function absent(array &$row, string $key): void
    {
        $r = mt_rand(0, 2);
        if ($r === 1) {
            $row[$key] = null;
        } elseif ($r === 2) {
            $row[$key] = '';
        }
    }

    private function people(int $n): array
    {
        $rows = [];
        $id = 0;
        for ($i = 0; $i < $n; $i++) {
            $id += mt_rand(1, 3);
            $row = ['id' => self::chance(25) ? (string)$id : $id];
            $staff = mt_rand(0, 8);
            if ($staff < 8) {
                $row['is_staff'] = [true, false, 0, 1, '0', '1', null, ''][$staff];
            }
            $dates = $this->personDates();
            foreach (['applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on', 'left_on', 'hired_on'] as $f) {
                if (isset($dates[$f])) {
                    $row[$f] = $dates[$f];
                } else {
                    self::absent($row, $f);
                }
            }
            $reason = mt_rand(0, 6);
            if ($reason < 6) {
                $row['left_reason'] = [null, 'transfer', 'death', 'cancelled', 'other', ''][$reason];
            }
            if (self::chance(20)) {
                $row += ['name' => '张三', 'created_at' => '2024-01-01 08:00:00', 'phone' => null];  // unknown keys are ignored
            }
            $rows[] = $row;
        }
        return $rows;
    }

    /** The dates of one person, valid by the order rules, in one of several shapes. */
    private function personDates(): array
    {
        $shape = mt_rand(1, 100);
        $d = [];
        if ($shape <= 8) {
            // no date at all (maybe a hire only)
        } elseif ($shape <= 16) {
            $d['left_on'] = $this->date();
        } elseif ($shape <= 22) {
            $d['joined_on'] = $this->date();
        } elseif ($shape <= 30 && $this->leap !== []) {
            // admitted or made an activist on 29 February
            $leapDay = self::pick($this->leap) . '-02-29';
            $applied = OracleValues::plusDays($leapDay, -mt_rand(0, 400));
            $d['applied_on'] = max($applied, '1900-01-01');
            $d[self::chance(60) ? 'admitted_on' : 'activist_on'] = $leapDay;
            if (self::chance(20)) {
                $d['full_on'] = $this->dateFrom($leapDay);
            }
        } else {
            $stages = ['applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on'];
            $k = mt_rand(1, 5);
            $t = $this->date();
            $leapAt = ($this->leap !== [] && self::chance(25)) ? mt_rand(0, $k - 1) : -1;
            for ($s = 0; $s < $k; $s++) {
                if ($s > 0) {
                    $t = $this->dateFrom($t);
                }
                if ($s === $leapAt) {          // a stage on 29 February (its "+ 1 year" is 1 March)
                    $t = max($t, self::pick($this->leap) . '-02-29');
                }
                if ($s === 0 || self::chance(85)) {
                    $d[$stages[$s]] = $t;
                }
            }
            $present = array_values($d);
            $j = mt_rand(1, 10);
            if ($j <= 2) {
                $d['joined_on'] = $present[0];                         // joined on the first stage date
            } elseif ($j <= 4) {
                $d['joined_on'] = self::pick($present);                // on a stage date (an admission?)
            } elseif ($j <= 6) {
                $d['joined_on'] = $this->dateFrom(self::pick($present)); // transferred in later
            } elseif ($j === 7) {
                $d['joined_on'] = $this->date();                       // anywhere
            }
        }
        if (($d['joined_on'] ?? null) !== null || count($d) > 0 && !isset($d['left_on'])) {
            if (self::chance(45)) {
                $start = $d['joined_on'] ?? min($d);
                $r = mt_rand(1, 4);
                if ($r === 1) {
                    $d['left_on'] = $start;
                } elseif ($r === 2) {
                    $d['left_on'] = max($start, self::pick(array_values($d)));  // on a stage date
                } else {
                    $d['left_on'] = $this->dateFrom($start);
                }
            }
        }
        $h = mt_rand(1, 10);
        if ($h <= 3 && isset($d['admitted_on'])) {
            $d['hired_on'] = $d['admitted_on'];
        } elseif ($h <= 5 && isset($d['admitted_on'])) {
            $delta = mt_rand(-3, 3) ?: 1;
            $d['hired_on'] = OracleValues::plusDays($d['admitted_on'], $delta);
            if ($d['hired_on'] > '2199-12-31' || $d['hired_on'] < '1900-01-01') {
                $d['hired_on'] = $d['admitted_on'];
            }
        } elseif ($h <= 7) {
            $d['hired_on'] = $this->date();
        }
        return $d;
    }

    private static function amount()
    {
        return self::pick([0, 1, 2, 3, 0.5, 1.005, 1.115, 2.675, 0.125, 0.015, 3.3333, 1e-7, 1.5e1, '2.5', '1e1',
            '.5', '3.', '+1.25', '0.005', '0.0049999', '1.0E-2', '7', '000.995', '1000000000', 999999999.995, 12.345]);
    }

    private function activities(int $n, array $ids): array
    {
        $rows = [];
        $id = 0;
        for ($i = 0; $i < $n; $i++) {
            $id += mt_rand(1, 4);
            $meeting = self::chance(35);
            $kinds = $meeting ? self::MEETING_KINDS : self::SERVICE_KINDS;
            $row = ['id' => self::chance(20) ? (string)$id : $id, 'date' => $this->date(),
                'category' => $meeting ? 'meeting' : 'service',
                'kind' => self::chance(10) ? self::pick($meeting ? self::SERVICE_KINDS : self::MEETING_KINDS) : self::pick($kinds)];
            foreach (['hours' => 85, 'fee_waived' => 40, 'donation' => 30] as $f => $pct) {
                if (self::chance($pct)) {
                    $row[$f] = self::amount();
                }
            }
            if (self::chance(60)) {
                $b = mt_rand(0, 30);
                $row['beneficiaries'] = self::chance(30) ? (string)$b : $b;
            }
            $vk = mt_rand(0, 6);
            if ($vk < 6) {
                $row['venue_kind'] = [null, '', 'community', 'school', 'park', 'community'][$vk];
            }
            if (self::chance(75)) {
                $row['venue'] = self::pick(self::VENUES);
            }
            if (self::chance(70)) {
                $row['project'] = self::chance(5) ? ' ' . str_repeat('长', 66) . ' ' : self::pick(self::PROJECTS);
            }
            $row['participants'] = self::participants($ids);
            if (self::chance(20)) {
                $row += ['title' => '读书会', 'post_id' => '17', 'meta' => ['a' => 1]];       // unknown keys are ignored
            }
            $rows[] = $row;
        }
        return $rows;
    }

    private static function participants(array $ids): array
    {
        shuffle($ids);
        $out = [];
        foreach (array_slice($ids, 0, mt_rand(0, min(5, count($ids)))) as $pid) {
            $f = mt_rand(0, 4);
            $out[] = [$pid, (string)$pid, ['id' => $pid], ['id' => $pid, 'hours' => self::amount()],
                ['id' => (string)$pid, 'hours' => null]][$f];
        }
        return $out;
    }

    private function headcount(int $n): array
    {
        $points = [];
        while (count($points) < $n) {
            $d = $this->date();
            $c = self::pick([0, 1, 3, 7, 12, 40, '5', '0', 16, 32, 160, '20000', 2000]);  // 3/160 = 0.01875, 1/20000: halves
            $points[$d] = ['date' => $d, 'count' => $c];
        }
        return array_values($points);
    }

    /** A filter map: 1 to 4 keys, values from the pools (so some match and some do not). */
    private function filter(): array
    {
        $f = [];
        foreach (['kinds', 'venue_kinds', 'venues', 'projects'] as $key) {
            if (!self::chance(40)) {
                continue;
            }
            $pool = [
                'kinds' => array_merge(self::SERVICE_KINDS, self::MEETING_KINDS, ['nomatch']),
                'venue_kinds' => ['community', 'school', 'park', 'nomatch'],
                'venues' => ['阳光社区', "\u{3000}阳光社区", 'Library', 'library', "Quote\"Hall", 'Nowhere', '12', "Tab\tInside"],
                'projects' => ['临江县洪灾心理援助', " 临江县洪灾心理援助\u{3000}", '敬老', '7', '007', "Ctl\x1Bname",
                    'Back\\slash', 'Nothing', "Two\u{3000}words", ' ' . str_repeat('长', 66) . ' '],
            ][$key];
            $list = [];
            for ($n = mt_rand(1, 3); $n > 0; $n--) {
                $list[] = self::pick($pool);
            }
            $f[$key] = $list;
        }
        if (self::chance(15)) {
            $f[self::pick(['kinds', 'venue_kinds', 'venues', 'projects'])] = null;   // a key set to null is absent
        }
        return $f;
    }

    /** Valid queries: defaults, periods, as_of inside and outside, every key alone and combined. */
    private function goodQueries(int $base, int $lastYear): array
    {
        $q = [[]];
        for ($i = 0; $i < 3; $i++) {
            [$a, $b] = [$this->date(), $this->date()];
            $q[] = ['from' => min($a, $b), 'to' => max($a, $b)];
        }
        $q[] = ['to' => $this->date()];
        $q[] = ['from' => sprintf('%04d-12-01', $base), 'to' => sprintf('%04d-01-31', min(2199, $base + 1))];
        $q[] = ['from' => sprintf('%04d-01-01', $base), 'to' => sprintf('%04d-12-31', $lastYear), 'as_of' => $this->date()];
        if ($this->leap !== []) {
            $y = self::pick($this->leap);
            $q[] = ['from' => "$y-02-29", 'to' => "$y-02-29", 'as_of' => ($y + 1) . '-02-28'];
            $q[] = ['from' => "$y-01-01", 'to' => "$y-03-31", 'as_of' => "$y-02-29", 'due_within' => 366];
        }
        [$a, $b] = [$this->date(), $this->date()];
        $q[] = ['from' => min($a, $b), 'to' => max($a, $b), 'as_of' => OracleValues::plusDays(max($a, $b), mt_rand(1, 400)),
            'top' => self::pick([0, 1, 3, '2', null, '0']), 'due_within' => self::pick([0, '365', 3660, null, 30, '0'])];
        $q[] = ['as_of' => sprintf('%04d-06-15', $base), 'from' => '', 'to' => null, 'top' => 1000];
        $rules = [];
        foreach (array_merge(self::MEETING_KINDS, ['counseling', '2024']) as $k) {
            if (self::chance(40)) {
                $rules[$k] = self::pick(['month', 'quarter', 'year']);
            }
        }
        $q[] = ['meeting_rules' => $rules, 'from' => sprintf('%04d-01-01', $base), 'to' => sprintf('%04d-12-31', $lastYear)];
        $q[] = ['meeting_rules' => self::pick([[], ['month'], [2024 => 'quarter', 'committee' => 'year'], null])];
        for ($i = 0; $i < 6; $i++) {
            $f = $this->filter();
            $one = ['filter' => $f];
            if (self::chance(50)) {
                [$a, $b] = [$this->date(), $this->date()];
                $one += ['from' => min($a, $b), 'to' => max($a, $b)];
            }
            if (self::chance(30)) {
                $one['meeting_rules'] = $rules;
            }
            $q[] = $one;
        }
        $q[] = ['filter' => ['kinds' => [self::pick(self::MEETING_KINDS), 'counseling'], 'venue_kinds' => null],
            'from' => sprintf('%04d-01-01', $base), 'to' => sprintf('%04d-12-31', $lastYear)];
        $q[] = ['filter' => ['kinds' => ['committee', 'committee', 'nomatch']], 'meeting_rules' => ['committee' => 'month', 'life_meeting' => 'year']];
        $q[] = ['filter' => ['venues' => ['Nowhere'], 'projects' => ['Nothing']]];
        $q[] = ['filter' => self::pick([[], null, ['kinds' => null], ['projects' => null, 'venues' => null]])];
        // names of exactly 200 bytes before trimming
        $q[] = ['filter' => ['projects' => [' ' . str_repeat('长', 65) . "\u{3000} ", ' ' . str_repeat('长', 66) . ' ']],
            'to' => sprintf('%04d-12-31', $lastYear)];
        $q[] = ['filter' => ['venues' => [str_repeat('x', 200), "\t阳光社区\u{3000}"]]];
        $q[] = ['from' => $this->date()];                                   // maybe after the default to
        return $q;
    }

    /**
     * Queries on the edges of the dated figures: as_of on, or a day before, the anniversary of an
     * activist_on or admitted_on (eligible, overdue), due_within reaching exactly a due date, as_of on
     * a joined_on, left_on or headcount date.
     */
    private function edgeQueries(array $people): array
    {
        $q = [];
        $people = array_values(array_filter($people, fn($p) => !empty($p['admitted_on']) || !empty($p['activist_on'])
            || !empty($p['left_on']) || !empty($p['joined_on'])));
        for ($i = 0; $i < 4 && $people !== []; $i++) {
            $p = self::pick($people);
            $fields = array_values(array_filter(['admitted_on', 'activist_on', 'left_on', 'joined_on', 'hired_on'],
                fn($f) => !empty($p[$f])));
            if ($fields === []) {
                continue;
            }
            $d = $p[self::pick($fields)];
            $year = OracleValues::plusYear($d);
            if ($year > '2199-12-31') {
                $year = $d;
            }
            $r = mt_rand(1, 5);
            if ($r === 1) {
                $q[] = ['as_of' => $year];
            } elseif ($r === 2) {
                $q[] = ['as_of' => OracleValues::plusDays($year, -1) >= '1900-01-01' ? OracleValues::plusDays($year, -1) : $year];
            } elseif ($r === 3) {
                $q[] = ['as_of' => $d, 'from' => $d, 'to' => $d];
            } else {
                // due_within reaching the due date exactly (or one day short of it)
                $back = mt_rand(0, 200);
                $asOf = OracleValues::plusDays($year, -$back);
                if ($asOf < '1900-01-01') {
                    continue;
                }
                $q[] = ['as_of' => $asOf, 'due_within' => max(0, $back - ($r === 5 ? 1 : 0)), 'to' => $d];
            }
        }
        return $q;
    }

    /** Bad queries: each a \ValueError, most with one bad value. */
    private function badQueries(int $n): array
    {
        $long = str_repeat('x', 201);
        $bad = [
            ['filter' => 'kinds'], ['filter' => 5], ['filter' => true], ['filter' => 1.5],
            ['filter' => ['colour' => ['red']]], ['filter' => ['colour' => null]], ['filter' => [0 => ['x']]],
            ['filter' => ['kinds' => ['committee'], 'Kinds' => ['x']]], ['filter' => ['kinds' => []]],
            ['filter' => ['kinds' => 'committee']], ['filter' => ['kinds' => ['a' => 'committee']]],
            ['filter' => ['kinds' => [1 => 'committee']]], ['filter' => ['kinds' => array_fill(0, 101, 'visit')]],
            ['filter' => ['kinds' => ['']]], ['filter' => ['kinds' => ['Committee']]], ['filter' => ['kinds' => [5]]],
            ['filter' => ['kinds' => [null]]], ['filter' => ['kinds' => [str_repeat('a', 33)]]],
            ['filter' => ['kinds' => ['visit', 'bad-slug']]], ['filter' => ['venue_kinds' => ['']]],
            ['filter' => ['venue_kinds' => [true]]], ['filter' => ['venue_kinds' => [['school']]]],
            ['filter' => ['venues' => ['']]], ['filter' => ['venues' => ['   ']]], ['filter' => ['venues' => ["\u{3000}"]]],
            ['filter' => ['venues' => [5]]], ['filter' => ['venues' => [null]]], ['filter' => ['venues' => [$long]]],
            ['filter' => ['venues' => [' ' . str_repeat('长', 66) . "\t"]]], ['filter' => ['venues' => ["\xff"]]],
            ['filter' => ['projects' => ['临江', "\t\n"]]], ['filter' => ['projects' => [1.5]]],
            ['filter' => ['projects' => ["\u{3000}\u{3000}\u{3000}"]]], ['filter' => ['projects' => ["\xed\xa0\x80"]]],
            ['filter' => ['projects' => ['ok'], 'venues' => ['']]], ['filter' => ['venues' => [], 'kinds' => ['']]],
            ['filter' => ['projects' => [str_repeat('长', 66) . "\u{3000}"]]], ['filter' => ['kinds' => [], 'colour' => ['x']]],
            ['filter' => ['colour' => null, 'kinds' => []]], ['filter' => ['kinds' => ['visit'], 'venues' => ['ok', 5]]],
            ['filter' => [], 'colour' => 1], ['filter' => false], ['filter' => ''], ['meeting_rules' => ''],
            ['meeting_rules' => false], ['filter' => ['kinds' => [0 => 'visit', 2 => 'cleanup']]], ['filter' => ['venue_kinds' => ['school'], 'projects' => [true]]],
            ['filter' => ['projects' => 'x'], 'top' => -1], ['top' => -1, 'filter' => ['projects' => 'x']],
            ['colour' => 'red'], ['Top' => 1], [0 => 'x'], ['from ' => '2024-01-01'], ['过滤' => []],
            [str_repeat('k', 65) => 1], ['a"b' => 1],
            ['from' => '2024-02-30'], ['to' => '1899-12-31'], ['as_of' => '2200-01-01'], ['from' => 20240101],
            ['to' => '2024-1-01'], ['as_of' => true], ['from' => '2024-03-01', 'to' => '2024-02-29'],
            ['top' => 1001], ['top' => '010'], ['top' => 2.0], ['top' => ''], ['top' => true], ['due_within' => 3661],
            ['due_within' => '-1'], ['due_within' => [1]], ['meeting_rules' => 'month'],
            ['meeting_rules' => ['Committee' => 'month']], ['meeting_rules' => [-1 => 'month']],
            ['meeting_rules' => ['committee' => 'week']], ['meeting_rules' => ['committee' => 1]],
            ['meeting_rules' => ['' => 'month']], ['filter' => ['kinds' => ['committee']], 'from' => '2199-12-31', 'to' => '2199-01-01'],
        ];
        $out = [];
        for ($i = 0; $i < $n; $i++) {
            $out[] = self::pick($bad);
        }
        return $out;
    }
}

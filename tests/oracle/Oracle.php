<?php
/*
 * Oracle.php - an independent, deliberately plain implementation of stats() and statsJson() of
 * STATS.md v2, written from that page alone (docs/ENGINE.md only for message texts and its
 * section 9 choices). Slow on purpose: every figure is computed straight from its sentence.
 *
 *   $o = new Oracle($peopleRows, $activityRows, $headcountPoints);   // valid rows, as given to the engine
 *   $o->statsJson($query);   // the JSON text, or a \ValueError with the engine's message
 */

declare(strict_types=1);

require_once __DIR__ . '/OracleValues.php';
require_once __DIR__ . '/OracleQuery.php';

final class Oracle
{
    private const STAGES = ['applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on'];
    private const SEVEN = ['applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on', 'left_on'];

    /** @var list<array> people: id, is_staff, the seven dates, hired_on */
    private array $people = [];
    /** @var list<array> activities: id, date, category, kind, amounts, venue_kind, venue, project, participants */
    private array $activities = [];
    /** @var array<string,int> headcount date => count */
    private array $headcount = [];

    public function __construct(array $people, array $activities, array $headcount)
    {
        foreach ($people as $r) {
            $p = ['id' => (int)$r['id'], 'is_staff' => in_array($r['is_staff'] ?? false, [true, 1, '1'], true)];
            foreach (array_merge(self::SEVEN, ['hired_on']) as $f) {
                $p[$f] = OracleValues::date($r[$f] ?? null);
            }
            $this->people[$p['id']] = $p;
        }
        foreach ($activities as $r) {
            $hours = OracleValues::hundredths($r['hours'] ?? null);
            $parts = [];
            foreach ($r['participants'] ?? [] as $x) {
                if (is_array($x)) {
                    $h = isset($x['hours']) ? OracleValues::hundredths($x['hours']) : $hours;
                    $parts[(int)$x['id']] = $h;
                } else {
                    $parts[(int)$x] = $hours;
                }
            }
            $this->activities[] = [
                'id' => (int)$r['id'], 'date' => $r['date'], 'category' => $r['category'],
                'kind' => (string)$r['kind'], 'hours' => $hours,
                'fee_waived' => OracleValues::hundredths($r['fee_waived'] ?? null),
                'donation' => OracleValues::hundredths($r['donation'] ?? null),
                'beneficiaries' => (int)($r['beneficiaries'] ?? 0),
                'venue_kind' => (string)($r['venue_kind'] ?? ''),
                'venue' => OracleValues::name($r['venue'] ?? null),
                'project' => OracleValues::name($r['project'] ?? null),
                'participants' => $parts,
            ];
        }
        foreach ($headcount as $pt) {
            $this->headcount[$pt['date']] = (int)$pt['count'];
        }
    }

    /** The latest of every person's seven dates, every activity's date, every headcount point. */
    private function latestDate(): ?string
    {
        $all = [];
        foreach ($this->people as $p) {
            foreach (self::SEVEN as $f) {
                if ($p[$f] !== null) {
                    $all[] = $p[$f];
                }
            }
        }
        foreach ($this->activities as $a) {
            $all[] = $a['date'];
        }
        foreach ($this->headcount as $d => $c) {
            $all[] = (string)$d;
        }
        return $all === [] ? null : max($all);
    }

    /** start: joined_on if set, else the earliest stage date; null when none. */
    private static function start(array $p): ?string
    {
        if ($p['joined_on'] !== null) {
            return $p['joined_on'];
        }
        $dates = array_filter(array_map(fn($f) => $p[$f], self::STAGES), fn($d) => $d !== null);
        return $dates === [] ? null : min($dates);
    }

    /** On the roster on D: start <= D and (no left_on or D < left_on). */
    private static function onRoster(array $p, string $d): bool
    {
        $start = self::start($p);
        return $start !== null && $start <= $d && ($p['left_on'] === null || $d < $p['left_on']);
    }

    /** The stage on D: the last stage whose date is <= D, or null. */
    private static function stage(array $p, string $d): ?string
    {
        $order = ['full_on' => 'full', 'admitted_on' => 'probationary', 'candidate_on' => 'candidate',
            'activist_on' => 'activist', 'applied_on' => 'applicant'];
        foreach ($order as $f => $stage) {
            if ($p[$f] !== null && $p[$f] <= $d) {
                return $stage;
            }
        }
        return null;
    }

    private static function within(?string $d, OracleQuery $q): bool
    {
        return $d !== null && $q->from <= $d && $d <= $q->to;
    }

    public function stats(array $query): array
    {
        $q = new OracleQuery($query, $this->latestDate());
        $members = $this->members($q);
        return [
            'period' => ['from' => $q->from, 'to' => $q->to, 'as_of' => $q->asOf],
            'members' => $members,
            'pipeline' => $this->pipeline($q),
            'service' => $this->service($q, $members['party_members']),
            'meetings' => $this->meetings($q),
        ];
    }

    private function members(OracleQuery $q): array
    {
        $n = ['applicant' => 0, 'activist' => 0, 'candidate' => 0, 'probationary' => 0, 'full' => 0];
        $staffParty = 0;
        foreach ($this->people as $p) {
            if (!self::onRoster($p, $q->asOf)) {
                continue;
            }
            $stage = self::stage($p, $q->asOf);
            if ($stage === null) {
                continue;
            }
            $n[$stage]++;
            if (($stage === 'probationary' || $stage === 'full') && $p['is_staff']) {
                $staffParty++;
            }
        }
        $head = null;
        foreach ($this->headcount as $d => $c) {       // the count of the latest point <= as_of
            if ((string)$d <= $q->asOf && ($head === null || (string)$d > $head[0])) {
                $head = [(string)$d, $c];
            }
        }
        $headcount = $head === null ? null : $head[1];
        return [
            'applicants' => $n['applicant'], 'activists' => $n['activist'], 'candidates' => $n['candidate'],
            'probationary' => $n['probationary'], 'full' => $n['full'],
            'party_members' => $n['probationary'] + $n['full'],
            'staff_headcount' => $headcount,
            'staff_party_members' => $staffParty,
            'staff_party_ratio' => ($headcount === null || $headcount === 0) ? null
                : ["\0ratio" => OracleValues::ratio($staffParty, $headcount)],
        ];
    }

    private function pipeline(OracleQuery $q): array
    {
        $names = ['applied_on' => 'applied', 'activist_on' => 'activists', 'candidate_on' => 'candidates',
            'admitted_on' => 'admitted', 'full_on' => 'converted'];
        $out = array_fill_keys(array_values($names), 0);
        $out += ['transferred_in' => 0, 'left' => 0, 'eligible_candidates' => 0];
        $due = $overdue = [];
        $hired = $hiredParty = 0;
        $horizon = OracleValues::plusDays($q->asOf, $q->dueWithin);
        foreach ($this->people as $p) {
            foreach ($names as $f => $name) {
                $d = $p[$f];
                $belonged = $d !== null && ($p['joined_on'] === null || $d >= $p['joined_on'])
                    && ($p['left_on'] === null || $d < $p['left_on']);
                if ($belonged && self::within($d, $q)) {
                    $out[$name]++;
                }
            }
            $out['transferred_in'] += self::within($p['joined_on'], $q) ? 1 : 0;
            $out['left'] += self::within($p['left_on'], $q) ? 1 : 0;
            $stage = self::onRoster($p, $q->asOf) ? self::stage($p, $q->asOf) : null;
            if ($stage === 'activist' && OracleValues::plusYear($p['activist_on']) <= $q->asOf) {
                $out['eligible_candidates']++;
            }
            if ($stage === 'probationary') {
                $dueOn = OracleValues::plusYear($p['admitted_on']);
                if ($dueOn <= $q->asOf) {
                    $overdue[] = ['id' => $p['id'], 'due_on' => $dueOn];
                } elseif ($dueOn <= $horizon) {
                    $due[] = ['id' => $p['id'], 'due_on' => $dueOn];
                }
            }
            if (self::within($p['hired_on'], $q)) {
                $hired++;
                if ($p['admitted_on'] !== null && $p['admitted_on'] <= $p['hired_on']) {
                    $hiredParty++;
                }
            }
        }
        $byDue = fn($a, $b) => [$a['due_on'], $a['id']] <=> [$b['due_on'], $b['id']];
        usort($due, $byDue);
        usort($overdue, $byDue);
        return $out + ['due_for_conversion' => $due, 'overdue_conversion' => $overdue,
            'hired' => $hired, 'hired_party_members' => $hiredParty];
    }

    /** Whether an activity passes the filter: for every key given, its value is in that key's list. */
    private static function matches(array $a, OracleQuery $q): bool
    {
        $value = ['kinds' => $a['kind'], 'venue_kinds' => $a['venue_kind'] === '' ? null : $a['venue_kind'],
            'venues' => $a['venue'], 'projects' => $a['project']];
        foreach ($q->filter as $key => $set) {
            if ($value[$key] === null || !isset($set[$value[$key]])) {
                return false;
            }
        }
        return true;
    }

    /** @return list<array> the activities of $category dated within the period that pass the filter */
    private function counted(string $category, OracleQuery $q): array
    {
        $out = [];
        foreach ($this->activities as $a) {
            if ($a['category'] === $category && self::within($a['date'], $q) && self::matches($a, $q)) {
                $out[] = $a;
            }
        }
        return $out;
    }

    private static function sums(array $list): array
    {
        $s = ['activities' => 0, 'hours' => 0, 'fee_waived' => 0, 'donation' => 0, 'beneficiaries' => 0];
        foreach ($list as $a) {
            $s['activities']++;
            foreach (['hours', 'fee_waived', 'donation', 'beneficiaries'] as $f) {
                $s[$f] += $a[$f];
            }
        }
        return $s;
    }

    private function service(OracleQuery $q, int $partyMembers): array
    {
        $list = $this->counted('service', $q);
        $s = self::sums($list);
        $volHours = 0;
        $perPerson = [];       // id => [hours, activities]
        $partyHours = 0;
        $partyVols = [];
        foreach ($list as $a) {
            foreach ($a['participants'] as $id => $h) {
                $volHours += $h;
                $perPerson[$id] = [($perPerson[$id][0] ?? 0) + $h, ($perPerson[$id][1] ?? 0) + 1];
                $p = $this->people[$id];
                $stage = self::onRoster($p, $a['date']) ? self::stage($p, $a['date']) : null;
                if ($stage === 'probationary' || $stage === 'full') {
                    $partyHours += $h;
                    $partyVols[$id] = true;
                }
            }
        }
        $tookPart = 0;
        foreach ($this->people as $p) {
            $stage = self::onRoster($p, $q->asOf) ? self::stage($p, $q->asOf) : null;
            if (($stage === 'probationary' || $stage === 'full') && isset($perPerson[$p['id']])) {
                $tookPart++;
            }
        }
        $top = [];
        foreach ($perPerson as $id => [$h, $n]) {
            $top[] = ['id' => $id, 'hours' => $h, 'activities' => $n];
        }
        usort($top, fn($a, $b) => [$b['hours'], $b['activities'], $a['id']] <=> [$a['hours'], $a['activities'], $b['id']]);
        return [
            'activities' => $s['activities'], 'hours' => $s['hours'], 'fee_waived' => $s['fee_waived'],
            'donation' => $s['donation'], 'beneficiaries' => $s['beneficiaries'],
            'volunteer_hours' => $volHours, 'volunteers' => count($perPerson),
            'participation_ratio' => $partyMembers === 0 ? null : ["\0ratio" => OracleValues::ratio($tookPart, $partyMembers)],
            'by_kind' => self::byKind($list),
            'by_venue_kind' => self::byVenueKind($list),
            'by_month' => self::byMonth($list, $q),
            'top_volunteers' => array_slice($top, 0, $q->top),
            'party_volunteer_hours' => $partyHours,
            'party_volunteers' => count($partyVols),
            'by_project' => self::byProject($list),
        ];
    }

    private static function byKind(array $list): array
    {
        $groups = [];
        foreach ($list as $a) {
            $groups[$a['kind']][] = $a;
        }
        return array_map([self::class, 'sums'], $groups);
    }

    private static function byVenueKind(array $list): array
    {
        $out = [];
        foreach ($list as $a) {
            $vk = $a['venue_kind'];
            if ($vk === '') {
                continue;
            }
            $e = $out[$vk] ?? ['venues' => [], 'activities' => 0, 'beneficiaries' => 0, 'hours' => 0];
            if ($a['venue'] !== null) {
                $e['venues'][$a['venue']] = true;
            }
            $e['activities']++;
            $e['beneficiaries'] += $a['beneficiaries'];
            $e['hours'] += $a['hours'];
            $out[$vk] = $e;
        }
        foreach ($out as $vk => $e) {
            $out[$vk]['venues'] = count($e['venues']);
        }
        return $out;
    }

    private static function byMonth(array $list, OracleQuery $q): array
    {
        $out = [];
        $y = (int)substr($q->from, 0, 4);
        $m = (int)substr($q->from, 5, 2);
        $last = substr($q->to, 0, 7);
        while (($month = sprintf('%04d-%02d', $y, $m)) <= $last) {
            $e = ['month' => $month, 'activities' => 0, 'hours' => 0, 'beneficiaries' => 0];
            foreach ($list as $a) {
                if (substr($a['date'], 0, 7) === $month) {
                    $e['activities']++;
                    $e['hours'] += $a['hours'];
                    $e['beneficiaries'] += $a['beneficiaries'];
                }
            }
            $out[] = $e;
            [$y, $m] = $m === 12 ? [$y + 1, 1] : [$y, $m + 1];
        }
        return $out;
    }

    private static function byProject(array $list): array
    {
        $groups = [];
        foreach ($list as $a) {
            if ($a['project'] !== null) {
                $groups[$a['project']][] = $a;
            }
        }
        $out = [];
        foreach ($groups as $name => $acts) {
            $vols = [];
            foreach ($acts as $a) {
                $vols += $a['participants'];
            }
            $out[$name] = self::sums($acts) + ['volunteers' => count($vols)];
        }
        return $out;
    }

    private function meetings(OracleQuery $q): array
    {
        $list = $this->counted('meeting', $q);
        $hours = 0;
        $byKind = [];
        foreach ($list as $a) {
            $hours += $a['hours'];
            $byKind[$a['kind']] = ($byKind[$a['kind']] ?? 0) + 1;
        }
        $missing = [];
        foreach ($q->rules as $kind => $freq) {
            $kind = (string)$kind;
            if (isset($q->filter['kinds']) && !isset($q->filter['kinds'][$kind])) {
                continue;
            }
            $missing[$kind] = [];
            foreach (self::wholePeriods($freq, $q) as [$label, $first, $lastDay]) {
                $held = false;
                foreach ($list as $a) {
                    $held = $held || ($a['kind'] === $kind && $first <= $a['date'] && $a['date'] <= $lastDay);
                }
                if (!$held) {
                    $missing[$kind][] = $label;
                }
            }
        }
        return ['total' => count($list), 'hours' => $hours, 'by_kind' => $byKind, 'missing' => $missing];
    }

    /** @return list<array{string,string,string}> the months, quarters or years wholly inside the period */
    private static function wholePeriods(string $freq, OracleQuery $q): array
    {
        $out = [];
        for ($y = (int)substr($q->from, 0, 4); $y <= (int)substr($q->to, 0, 4); $y++) {
            if ($freq === 'year') {
                $spans = [[sprintf('%04d', $y), 1, 12]];
            } elseif ($freq === 'quarter') {
                $spans = [];
                for ($n = 1; $n <= 4; $n++) {
                    $spans[] = [sprintf('%04d-Q%d', $y, $n), 3 * $n - 2, 3 * $n];
                }
            } else {
                $spans = [];
                for ($m = 1; $m <= 12; $m++) {
                    $spans[] = [sprintf('%04d-%02d', $y, $m), $m, $m];
                }
            }
            foreach ($spans as [$label, $m1, $m2]) {
                $first = sprintf('%04d-%02d-01', $y, $m1);
                $last = OracleValues::lastDay($y, $m2);
                if ($q->from <= $first && $last <= $q->to) {
                    $out[] = [$label, $first, $last];
                }
            }
        }
        return $out;
    }

    /**
     * stats() as PHP arrays: amounts as hundredths / 100 and ratios as ten-thousandths / 10000 (floats),
     * maps sorted by the bytes of their keys (a key of decimal digits becomes an int key, as PHP makes it).
     */
    public function statsArray(array $query = []): array
    {
        return self::phpValue($this->stats($query), '');
    }

    private static function phpValue($v, string $key)
    {
        if (is_int($v) && in_array($key, self::AMOUNTS, true)) {
            return $v / 100.0;
        }
        if (!is_array($v)) {
            return $v;
        }
        if (array_keys($v) === ["\0ratio"]) {
            return $v["\0ratio"] / 10000.0;
        }
        $sorted = in_array($key, self::SORTED, true);
        $keys = array_map('strval', array_keys($v));
        if ($sorted) {
            usort($keys, 'strcmp');
        }
        $out = [];
        foreach ($keys as $k) {
            $out[$k] = self::phpValue($v[$k], $sorted || array_is_list($v) ? '' : $k);
        }
        return $out;
    }

    /** statsJson(): compact, keys in the contract's order, maps sorted by bytes. */
    public function statsJson(array $query = []): string
    {
        return self::json($this->stats($query), '');
    }

    /** Amount fields (hundredths) by name; ratios are wrapped as ["\0ratio" => ten-thousandths]. */
    private const AMOUNTS = ['hours', 'fee_waived', 'donation', 'volunteer_hours', 'party_volunteer_hours'];
    private const SORTED = ['by_kind', 'by_venue_kind', 'by_project', 'missing'];

    private static function json($v, string $key): string
    {
        if ($v === null) {
            return 'null';
        }
        if (is_int($v)) {
            return in_array($key, self::AMOUNTS, true) ? OracleValues::amountText($v) : (string)$v;
        }
        if (is_string($v)) {
            return OracleValues::jsonString($v);
        }
        if (array_keys($v) === ["\0ratio"]) {
            return OracleValues::ratioText($v["\0ratio"]);
        }
        $isList = array_is_list($v) && !in_array($key, self::SORTED, true);
        if ($isList) {
            return '[' . implode(',', array_map(fn($x) => self::json($x, ''), $v)) . ']';
        }
        $keys = array_map('strval', array_keys($v));
        if (in_array($key, self::SORTED, true)) {
            usort($keys, 'strcmp');
        }
        $parts = [];
        foreach ($keys as $k) {
            $childKey = in_array($key, self::SORTED, true) ? '' : $k;
            $parts[] = OracleValues::jsonString($k) . ':' . self::json($v[$k], $childKey);
        }
        return '{' . implode(',', $parts) . '}';
    }
}

<?php
/**
 * Stats.php - the figures of STATS.md (v2) for the pure-PHP twin, computed in integers (amounts in
 * hundredths, ratios in ten-thousandths) for a checked Query; StatsOut gives them as PHP arrays
 * (stats()) or as the statsJson() text. Internal.
 */

namespace Dangjian\Fallback;

/** @internal */
final class Stats
{
    public const UNIT_MONTH = Query::UNIT_MONTH;
    public const UNIT_QUARTER = Query::UNIT_QUARTER;
    public const UNIT_YEAR = Query::UNIT_YEAR;

    /* the figures, filled by compute() */
    public int $from;
    public int $to;
    public int $asOf;
    /** @var array<string,int> applicants, activists, candidates, probationary, full, party_members */
    public array $members = [];
    public ?int $staffHeadcount = null;
    public int $staffParty = 0;
    public ?int $staffRatio = null;
    /** @var array<string,int> applied … left, eligible_candidates */
    public array $pipeline = [];
    /** @var array<array{int,int}> [id, due_on] */
    public array $due = [];
    /** @var array<array{int,int}> */
    public array $overdue = [];
    public int $hired = 0;
    public int $hiredParty = 0;
    /** @var array<string,int> activities, hours, fee_waived, donation, beneficiaries, volunteer_hours, volunteers */
    public array $service = [];
    public ?int $participationRatio = null;
    /** @var array<array{string,int[]}> [kind, [activities, hours, fee_waived, donation, beneficiaries]], sorted */
    public array $serviceByKind = [];
    /** @var array<array{string,int[]}> [venue_kind, [venues, activities, beneficiaries, hours]], sorted */
    public array $byVenueKind = [];
    /** @var array<array{string,int,int,int}> [month, activities, hours, beneficiaries] */
    public array $byMonth = [];
    /** @var array<array{int,int,int}> [id, hours, activities] */
    public array $top = [];
    public int $partyVolunteerHours = 0;
    public int $partyVolunteers = 0;
    /** @var array<array{string,int[]}> [project, [activities, hours, fee_waived, donation, beneficiaries, volunteers]], sorted */
    public array $byProject = [];
    public int $meetingsTotal = 0;
    public int $meetingsHours = 0;
    /** @var array<array{string,int}> sorted */
    public array $meetingsByKind = [];
    /** @var array<string,string[]> sorted */
    public array $missing = [];

    /** The people's party windows: person id => [first day, day after the last] (see people()). */
    private array $partyFrom = [];
    private array $partyUntil = [];

    /**
     * Computes the figures for $query (STATS.md "Query").
     * @throws \ValueError for a bad query (the message names the key)
     */
    public static function compute(Store $s, array $query): self
    {
        $q = Query::parse($query, $s->latestDate());
        $r = new self();
        $r->from = $q->from;
        $r->to = $q->to;
        $r->asOf = $q->asOf;
        $party = $r->people($s, $q->from, $q->to, $q->asOf, $q->dueWithin);
        $acc = $r->scan($s, $q);
        $r->service($s, $q, $acc, $party);
        $r->meetings($s, $q, $acc);
        return $r;
    }

    /* --------------------------------------------------------------- people */

    /** Members, pipeline and headcount figures; returns the party members on as_of (id => true). */
    private function people(Store $s, int $from, int $to, int $asOf, int $dueWithin): array
    {
        $no = Values::NO_DATE;
        [$ap, $av, $ca, $ad, $fu, $jo, $le] = $s->pDates;
        $ids = $s->pId;
        $staff = $s->pStaff;
        $hiredOn = $s->pHired;
        $applicants = $activists = $candidates = $probationary = $full = 0;
        $applied = $activistsIn = $candidatesIn = $admitted = $converted = $joined = $left = 0;
        $eligible = $staffParty = $hired = $hiredParty = 0;
        $party = [];
        $dueId = $dueOn = $overId = $overOn = [];
        $n = count($ids);
        for ($i = 0; $i < $n; $i++) {
            $a = $ap[$i];
            $v = $av[$i];
            $c = $ca[$i];
            $m = $ad[$i];
            $f = $fu[$i];
            $j = $jo[$i];
            $l = $le[$i];
            // pipeline (v2): a stage date counts when it lies while the person belonged to the
            // branch: on or after joined_on, before left_on. NO_DATE is below every from.
            $lo = $j === $no || $j < $from ? $from : $j;
            $hi = $l === $no || $l > $to ? $to : $l - 1;
            if ($lo <= $hi) {
                $applied += (int)($a >= $lo && $a <= $hi);
                $activistsIn += (int)($v >= $lo && $v <= $hi);
                $candidatesIn += (int)($c >= $lo && $c <= $hi);
                $admitted += (int)($m >= $lo && $m <= $hi);
                $converted += (int)($f >= $lo && $f <= $hi);
            }
            if ($j >= $from && $j <= $to) {
                $joined++;
            }
            if ($l >= $from && $l <= $to) {
                $left++;
            }
            $h = $hiredOn[$i];
            if ($h >= $from && $h <= $to) {
                $hired++;
                if ($m !== $no && $m <= $h) {
                    $hiredParty++;
                }
            }
            $start = $j !== $no ? $j : ($a !== $no ? $a : ($v !== $no ? $v : ($c !== $no ? $c
                : ($m !== $no ? $m : $f))));
            // the days on the roster at stage probationary or full: [max(start, admission), left_on)
            $pf = $m !== $no ? $m : $f;
            if ($pf !== $no) {
                $this->partyFrom[$ids[$i]] = max($start, $pf);
                $this->partyUntil[$ids[$i]] = $l === $no ? PHP_INT_MAX : $l;
            }
            // roster on as_of
            if ($start === $no || $start > $asOf || ($l !== $no && $asOf >= $l)) {
                continue;
            }
            if ($f !== $no && $f <= $asOf) {
                $full++;
                $party[$ids[$i]] = true;
                $staffParty += $staff[$i];
            } elseif ($m !== $no && $m <= $asOf) {
                $probationary++;
                $party[$ids[$i]] = true;
                $staffParty += $staff[$i];
                $due = Values::addYear($m);
                if ($due <= $asOf) {
                    $overId[] = $ids[$i];
                    $overOn[] = $due;
                } elseif ($due <= $asOf + $dueWithin) {
                    $dueId[] = $ids[$i];
                    $dueOn[] = $due;
                }
            } elseif ($c !== $no && $c <= $asOf) {
                $candidates++;
            } elseif ($v !== $no && $v <= $asOf) {
                $activists++;
                if (Values::addYear($v) <= $asOf) {
                    $eligible++;
                }
            } elseif ($a !== $no && $a <= $asOf) {
                $applicants++;
            }
        }
        $this->members = [
            'applicants' => $applicants, 'activists' => $activists, 'candidates' => $candidates,
            'probationary' => $probationary, 'full' => $full, 'party_members' => $probationary + $full,
        ];
        // headcount on as_of: the latest point <= as_of
        $hc = null;
        foreach ($s->hcDate as $k => $d) {
            if ($d > $asOf) {
                break;
            }
            $hc = $s->hcCount[$k];
        }
        $this->staffHeadcount = $hc;
        $this->staffParty = $staffParty;
        $this->staffRatio = ($hc === null || $hc === 0) ? null : Values::ratio($staffParty, $hc);
        $this->pipeline = [
            'applied' => $applied, 'activists' => $activistsIn, 'candidates' => $candidatesIn,
            'admitted' => $admitted, 'converted' => $converted, 'transferred_in' => $joined, 'left' => $left,
            'eligible_candidates' => $eligible,
        ];
        $this->hired = $hired;
        $this->hiredParty = $hiredParty;
        array_multisort($dueOn, SORT_ASC, SORT_NUMERIC, $dueId, SORT_ASC, SORT_NUMERIC);
        array_multisort($overOn, SORT_ASC, SORT_NUMERIC, $overId, SORT_ASC, SORT_NUMERIC);
        foreach ($dueId as $k => $id) {
            $this->due[] = [$id, $dueOn[$k]];
        }
        foreach ($overId as $k => $id) {
            $this->overdue[] = [$id, $overOn[$k]];
        }
        return $party;
    }

    /* ----------------------------------------------------------- activities */

    /**
     * The filter as sets of string indexes (a value the dataset never uses matches nothing), or
     * null when there is no filter.
     * @return array<string,array<int,bool>>|null
     */
    private static function filterIndexes(Store $s, Query $q): ?array
    {
        if ($q->filter === null) {
            return null;
        }
        $out = [];
        foreach ($q->filter as $key => $values) {
            $set = [];
            foreach ($values as $value => $_) {
                $k = $s->stringIndex[(string)$value] ?? null;
                if ($k !== null && $k !== 0) {
                    $set[$k] = true;
                }
            }
            $out[$key] = $set;
        }
        return $out;
    }

    /**
     * One pass over the activities of the period (found with the store's day index) that match the
     * filter: the sums each figure needs, by kind, venue kind, month, person and project (string
     * indexes as keys).
     */
    private function scan(Store $s, Query $q): array
    {
        $from = $q->from;
        $to = $q->to;
        $f = self::filterIndexes($s, $q);
        $fKind = $f['kinds'] ?? null;
        $fVk = $f['venue_kinds'] ?? null;
        $fVenue = $f['venues'] ?? null;
        $fProject = $f['projects'] ?? null;
        $dates = $s->aDate;
        $cats = $s->aCat;
        $kindOf = $s->aKind;
        $vkOf = $s->aVenueKind;
        $venueOf = $s->aVenue;
        $projectOf = $s->aProject;
        $hoursOf = $s->aHours;
        $feeOf = $s->aFee;
        $donOf = $s->aDonation;
        $benOf = $s->aBenef;
        $pstart = $s->aPartStart;
        $ppers = $s->partPerson;
        $phours = $s->partHours;
        $partyFrom = $this->partyFrom;
        $partyUntil = $this->partyUntil;
        $monthOf = []; // day => month number (y*12 + m-1), filled as days are met

        $sAct = $sHours = $sFee = $sDon = $sBen = $partyHours = $mtTotal = $mtHours = 0;
        // by kind, venue kind, month and project: one flat array per sum (faster than nested rows)
        $kAct = $kHours = $kFee = $kDon = $kBen = $vAct = $vBen = $vHours = $venues = $mAct = $mHours = $mBen = [];
        $jAct = $jHours = $jFee = $jDon = $jBen = $jVol = $volHours = $volActs = $partyVol = $mtKind = $mtMonths = [];
        $n = count($dates);
        $rows = $s->days->rowsOf($dates, $from, $to); // null: every row
        $count = $rows === null ? $n : count($rows);
        for ($x = 0; $x < $count; $x++) {
            $i = $rows === null ? $x : $rows[$x];
            $d = $dates[$i];
            if ($d < $from || $d > $to) {
                continue;
            }
            if ($f !== null && (($fKind !== null && !isset($fKind[$kindOf[$i]]))
                || ($fVk !== null && !isset($fVk[$vkOf[$i]])) || ($fVenue !== null && !isset($fVenue[$venueOf[$i]]))
                || ($fProject !== null && !isset($fProject[$projectOf[$i]])))) {
                continue;
            }
            $h = $hoursOf[$i];
            $k = $kindOf[$i];
            $mo = $monthOf[$d] ?? null;
            if ($mo === null) {
                [$y, $m] = Values::ymd($d);
                $mo = $monthOf[$d] = $y * 12 + $m - 1;
            }
            if ($cats[$i] !== 1) {
                $mtTotal++;
                $mtHours += $h;
                $mtKind[$k] = ($mtKind[$k] ?? 0) + 1;
                $mtMonths[$k][$mo] = true;
                continue;
            }
            $fee = $feeOf[$i];
            $don = $donOf[$i];
            $b = $benOf[$i];
            $sAct++;
            $sHours += $h;
            $sFee += $fee;
            $sDon += $don;
            $sBen += $b;
            if (isset($kAct[$k])) {
                $kAct[$k]++;
                $kHours[$k] += $h;
                $kFee[$k] += $fee;
                $kDon[$k] += $don;
                $kBen[$k] += $b;
            } else {
                [$kAct[$k], $kHours[$k], $kFee[$k], $kDon[$k], $kBen[$k]] = [1, $h, $fee, $don, $b];
            }
            $vk = $vkOf[$i];
            if ($vk !== 0) {
                if (isset($vAct[$vk])) {
                    $vAct[$vk]++;
                    $vBen[$vk] += $b;
                    $vHours[$vk] += $h;
                } else {
                    [$vAct[$vk], $vBen[$vk], $vHours[$vk], $venues[$vk]] = [1, $b, $h, []];
                }
                if ($venueOf[$i] !== 0) {
                    $venues[$vk][$venueOf[$i]] = true;
                }
            }
            if (isset($mAct[$mo])) {
                $mAct[$mo]++;
                $mHours[$mo] += $h;
                $mBen[$mo] += $b;
            } else {
                [$mAct[$mo], $mHours[$mo], $mBen[$mo]] = [1, $h, $b];
            }
            $pj = $projectOf[$i];
            if ($pj !== 0) {
                if (isset($jAct[$pj])) {
                    $jAct[$pj]++;
                    $jHours[$pj] += $h;
                    $jFee[$pj] += $fee;
                    $jDon[$pj] += $don;
                    $jBen[$pj] += $b;
                } else {
                    [$jAct[$pj], $jHours[$pj], $jFee[$pj], $jDon[$pj], $jBen[$pj], $jVol[$pj]] = [1, $h, $fee, $don, $b, []];
                }
            }
            $end = $pstart[$i + 1];
            for ($p = $pstart[$i]; $p < $end; $p++) {
                $pid = $ppers[$p];
                $ph = $phours[$p];
                if (isset($volActs[$pid])) {
                    $volActs[$pid]++;
                    $volHours[$pid] += $ph;
                } else {
                    $volActs[$pid] = 1;
                    $volHours[$pid] = $ph;
                }
                if (isset($partyFrom[$pid]) && $partyFrom[$pid] <= $d && $d < $partyUntil[$pid]) {
                    $partyHours += $ph;
                    $partyVol[$pid] = true;
                }
                if ($pj !== 0) {
                    $jVol[$pj][$pid] = true;
                }
            }
        }
        $rows = static function (array ...$cols): array {
            $out = [];
            foreach ($cols[0] as $key => $_) {
                $out[$key] = array_map(static fn (array $c) => $c[$key], $cols);
            }
            return $out;
        };
        return ['act' => $sAct, 'hours' => $sHours, 'fee' => $sFee, 'don' => $sDon, 'ben' => $sBen,
            'kind' => $rows($kAct, $kHours, $kFee, $kDon, $kBen), 'vk' => $rows($vAct, $vBen, $vHours), 'venues' => $venues,
            'month' => $rows($mAct, $mHours, $mBen), 'volHours' => $volHours, 'volActs' => $volActs,
            'partyHours' => $partyHours, 'partyVol' => $partyVol, 'project' => $rows($jAct, $jHours, $jFee, $jDon, $jBen),
            'projectVol' => $jVol, 'mtTotal' => $mtTotal, 'mtHours' => $mtHours, 'mtKind' => $mtKind, 'mtMonths' => $mtMonths];
    }

    /** The service figures from the scan's sums; $party: the party members on as_of. */
    private function service(Store $s, Query $q, array $a, array $party): void
    {
        $strings = $s->strings;
        $volHoursSum = 0;
        $partyTook = 0;
        foreach ($a['volHours'] as $pid => $vh) {
            $volHoursSum += $vh;
            if (isset($party[$pid])) {
                $partyTook++;
            }
        }
        $this->service = [
            'activities' => $a['act'], 'hours' => $a['hours'], 'fee_waived' => $a['fee'], 'donation' => $a['don'],
            'beneficiaries' => $a['ben'], 'volunteer_hours' => $volHoursSum, 'volunteers' => count($a['volHours']),
        ];
        $pm = $this->members['party_members'];
        $this->participationRatio = $pm === 0 ? null : Values::ratio($partyTook, $pm);

        $byKind = [];
        foreach ($a['kind'] as $k => $row) {
            $byKind[$strings[$k]] = $row;
        }
        $this->serviceByKind = self::sortedMap($byKind);
        $byVk = [];
        foreach ($a['vk'] as $vk => [$c, $b, $h]) {
            $byVk[$strings[$vk]] = [count($a['venues'][$vk]), $c, $b, $h];
        }
        $this->byVenueKind = self::sortedMap($byVk);

        [$fy, $fm] = Values::ymd($q->from);
        [$ty, $tm] = Values::ymd($q->to);
        for ($mo = $fy * 12 + $fm - 1, $last = $ty * 12 + $tm - 1; $mo <= $last; $mo++) {
            [$c, $h, $b] = $a['month'][$mo] ?? [0, 0, 0];
            $this->byMonth[] = [self::monthText($mo), $c, $h, $b];
        }

        $volHours = $a['volHours'];
        if ($q->top > 0 && $volHours) {
            $ids = array_keys($volHours);
            $hs = array_values($volHours);
            $acts = [];
            foreach ($ids as $pid) {
                $acts[] = $a['volActs'][$pid];
            }
            array_multisort($hs, SORT_DESC, SORT_NUMERIC, $acts, SORT_DESC, SORT_NUMERIC, $ids, SORT_ASC, SORT_NUMERIC);
            $lim = min($q->top, count($ids));
            for ($t = 0; $t < $lim; $t++) {
                $this->top[] = [$ids[$t], $hs[$t], $acts[$t]];
            }
        }

        $this->partyVolunteerHours = $a['partyHours'];
        $this->partyVolunteers = count($a['partyVol']);
        $byProject = [];
        foreach ($a['project'] as $pj => $row) {
            $row[] = count($a['projectVol'][$pj]);
            $byProject[$strings[$pj]] = $row;
        }
        $this->byProject = self::sortedMap($byProject);
    }

    /** The meeting figures; with filter.kinds, `missing` covers only the rule kinds it lists. */
    private function meetings(Store $s, Query $q, array $a): void
    {
        $strings = $s->strings;
        $this->meetingsTotal = $a['mtTotal'];
        $this->meetingsHours = $a['mtHours'];
        $mk = [];
        foreach ($a['mtKind'] as $k => $c) {
            $mk[$strings[$k]] = $c;
        }
        $this->meetingsByKind = self::sortedMap($mk);
        $only = $q->filter['kinds'] ?? null;
        foreach ($q->ruleKinds as $kind) {
            if ($only !== null && !isset($only[$kind])) {
                continue;
            }
            $ki = $s->stringIndex[$kind] ?? null;
            $held = $ki === null ? [] : ($a['mtMonths'][$ki] ?? []);
            $this->missing[$kind] = self::missingPeriods($q->rules[$kind], $held, $q->from, $q->to);
        }
    }

    /** Sorts a map by key, byte order; keys kept as strings in a list of pairs. */
    private static function sortedMap(array $map): array
    {
        $keys = array_map('strval', array_keys($map));
        sort($keys, SORT_STRING);
        $out = [];
        foreach ($keys as $k) {
            $out[] = [$k, $map[$k]];
        }
        return $out;
    }

    private static function monthText(int $mo): string
    {
        return sprintf('%04d-%02d', intdiv($mo, 12), $mo % 12 + 1);
    }

    /**
     * The periods (unit) lying wholly inside [from, to] with no meeting; $held: month numbers with one.
     * @return string[]
     */
    private static function missingPeriods(int $unit, array $held, int $from, int $to): array
    {
        [$fy, $fm] = Values::ymd($from);
        [$ty, $tm] = Values::ymd($to);
        $out = [];
        $len = $unit === self::UNIT_MONTH ? 1 : ($unit === self::UNIT_QUARTER ? 3 : 12);
        // the first month of the first period that can contain from
        $mo = $fy * 12 + $fm - 1;
        $mo -= $mo % $len;
        $last = $ty * 12 + $tm - 1;
        for (; $mo <= $last; $mo += $len) {
            $y = intdiv($mo, 12);
            $m = $mo % 12 + 1;
            $first = Values::fromYmd($y, $m, 1);
            $endMo = $mo + $len - 1;
            $ey = intdiv($endMo, 12);
            $em = $endMo % 12 + 1;
            $lastDay = Values::fromYmd($ey, $em, Values::daysInMonth($ey, $em));
            if ($first < $from || $lastDay > $to) {
                continue;
            }
            $any = false;
            for ($x = $mo; $x <= $endMo; $x++) {
                if (isset($held[$x])) {
                    $any = true;
                    break;
                }
            }
            if ($any) {
                continue;
            }
            if ($unit === self::UNIT_MONTH) {
                $out[] = sprintf('%04d-%02d', $y, $m);
            } elseif ($unit === self::UNIT_QUARTER) {
                $out[] = sprintf('%04d-Q%d', $y, intdiv($m - 1, 3) + 1);
            } else {
                $out[] = sprintf('%04d', $y);
            }
        }
        return $out;
    }


    /** stats(): PHP arrays. */
    public function toArray(): array
    {
        return StatsOut::toArray($this);
    }

    /** statsJson(): the compact text. */
    public function toJson(): string
    {
        return StatsOut::toJson($this);
    }
}

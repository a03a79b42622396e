<?php
/**
 * Stats.php - the query (docs/ENGINE.md §3) and the figures of STATS.md for the pure-PHP twin,
 * computed in integers (amounts in hundredths, ratios in ten-thousandths), then given either as
 * PHP arrays (stats()) or as the statsJson() text. Internal.
 */

namespace Dangjian\Fallback;

/** @internal */
final class Stats
{
    public const UNIT_MONTH = 1;
    public const UNIT_QUARTER = 2;
    public const UNIT_YEAR = 3;
    private const UNITS = ['month' => 1, 'quarter' => 2, 'year' => 3];

    private const DEFAULT_RULES = [
        'branch_assembly' => self::UNIT_QUARTER,
        'committee' => self::UNIT_MONTH,
        'group_meeting' => self::UNIT_MONTH,
        'life_meeting' => self::UNIT_YEAR,
        'party_lesson' => self::UNIT_QUARTER,
        'theme_day' => self::UNIT_MONTH,
    ];

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
    /** @var array<string,int> activities, hours, fee_waived, donation, beneficiaries, volunteer_hours, volunteers */
    public array $service = [];
    public ?int $participationRatio = null;
    /** @var array<string,int[]> kind => [activities, hours, fee_waived, donation, beneficiaries], sorted */
    public array $serviceByKind = [];
    /** @var array<string,int[]> venue_kind => [venues, activities, beneficiaries, hours], sorted */
    public array $byVenueKind = [];
    /** @var array<array{string,int,int,int}> [month, activities, hours, beneficiaries] */
    public array $byMonth = [];
    /** @var array<array{int,int,int}> [id, hours, activities] */
    public array $top = [];
    public int $meetingsTotal = 0;
    public int $meetingsHours = 0;
    /** @var array<string,int> sorted */
    public array $meetingsByKind = [];
    /** @var array<string,string[]> sorted */
    public array $missing = [];

    /* ----------------------------------------------------------------- query */

    private static function queryError(string $key, string $text): never
    {
        throw new \ValueError("query.$key: $text");
    }

    /** A query date: day number, or null for the default (null or ''). */
    private static function queryDate(string $key, mixed $v): ?int
    {
        if ($v === null || $v === '') {
            return null;
        }
        if (is_string($v)) {
            $d = Values::parseDateText($v);
            if ($d !== null) {
                return $d;
            }
        }
        self::queryError($key, Values::describe($v) . ' ' . Values::T_DATE);
    }

    private static function queryInt(string $key, mixed $v, int $max): ?int
    {
        if ($v === null) {
            return null;
        }
        $i = null;
        if (is_int($v)) {
            $i = $v;
        } elseif (is_string($v)) {
            $i = Values::digits($v);
        }
        if ($i === null || $i < 0 || $i > $max) {
            self::queryError($key, Values::describe($v) . " is not an integer from 0 to $max");
        }
        return $i;
    }

    /**
     * Computes the figures for $query (STATS.md "Query").
     * @throws \ValueError for a bad query (the message names the key)
     */
    public static function compute(Store $s, array $query): self
    {
        $from = $to = $asOf = null;
        $top = 10;
        $dueWithin = 60;
        $rules = self::DEFAULT_RULES;
        foreach ($query as $key => $v) {
            $key = (string)$key;
            switch ($key) {
                case 'from':
                case 'to':
                case 'as_of':
                    $d = self::queryDate($key, $v);
                    if ($key === 'from') {
                        $from = $d;
                    } elseif ($key === 'to') {
                        $to = $d;
                    } else {
                        $asOf = $d;
                    }
                    break;
                case 'top':
                    $top = self::queryInt($key, $v, 1000) ?? 10;
                    break;
                case 'due_within':
                    $dueWithin = self::queryInt($key, $v, 3660) ?? 60;
                    break;
                case 'meeting_rules':
                    if ($v === null) {
                        $rules = self::DEFAULT_RULES;
                        break;
                    }
                    if (!is_array($v)) {
                        self::queryError($key, Values::describe($v) . ' is not a map of meeting kinds');
                    }
                    $rules = [];
                    foreach ($v as $kind => $unit) {
                        $kindText = (string)$kind;
                        if (!preg_match('/^[a-z0-9_]{1,32}\z/', $kindText)) {
                            self::queryError($key, Values::describe($kind) . ' ' . Values::T_SLUG);
                        }
                        if (!is_string($unit) || !isset(self::UNITS[$unit])) {
                            self::queryError("meeting_rules.$kindText", Values::describe($unit)
                                . ' is not month, quarter or year');
                        }
                        $rules[$kindText] = self::UNITS[$unit];
                    }
                    break;
                default:
                    // printed as it is when short and plain (as a value would be quoted), else "a string"
                    if (strlen($key) > 64 || preg_match('/[\x00-\x1F\x7F"\\\\]/', $key) || !preg_match('//u', $key)) {
                        $key = 'a string';
                    }
                    self::queryError($key, 'unknown key');
            }
        }
        if ($to === null) {
            $to = $s->latestDate();
            if ($to === Values::NO_DATE) {
                self::queryError('to', 'is required when the dataset holds no date');
            }
        }
        if ($from === null) {
            [$y] = Values::ymd($to);
            $from = Values::fromYmd($y, 1, 1);
        }
        if ($from > $to) {
            self::queryError('from', Values::formatDate($from) . ' is after to ' . Values::formatDate($to));
        }
        $asOf ??= $to;
        $kinds = array_map('strval', array_keys($rules));
        sort($kinds, SORT_STRING);

        $r = new self();
        $r->from = $from;
        $r->to = $to;
        $r->asOf = $asOf;
        $party = $r->people($s, $from, $to, $asOf, $dueWithin);
        $r->activities($s, $from, $to, $top, $party, $kinds, $rules);
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
        $applicants = $activists = $candidates = $probationary = $full = 0;
        $applied = $activistsIn = $candidatesIn = $admitted = $converted = $joined = $left = 0;
        $eligible = 0;
        $staffParty = 0;
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
            // pipeline: NO_DATE is below every from, so one test suffices
            if ($a >= $from && $a <= $to) {
                $applied++;
            }
            if ($v >= $from && $v <= $to) {
                $activistsIn++;
            }
            if ($c >= $from && $c <= $to) {
                $candidatesIn++;
            }
            if ($m >= $from && $m <= $to) {
                $admitted++;
            }
            if ($f >= $from && $f <= $to) {
                $converted++;
            }
            if ($j >= $from && $j <= $to) {
                $joined++;
            }
            if ($l >= $from && $l <= $to) {
                $left++;
            }
            // roster on as_of
            $start = $j !== $no ? $j : ($a !== $no ? $a : ($v !== $no ? $v : ($c !== $no ? $c
                : ($m !== $no ? $m : $f))));
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
        $partyMembers = $probationary + $full;
        $this->members = [
            'applicants' => $applicants, 'activists' => $activists, 'candidates' => $candidates,
            'probationary' => $probationary, 'full' => $full, 'party_members' => $partyMembers,
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

    /** Service and meeting figures. */
    private function activities(Store $s, int $from, int $to, int $top, array $party, array $kinds, array $rules): void
    {
        $dates = $s->aDate;
        $cats = $s->aCat;
        $kindOf = $s->aKind;
        $vkOf = $s->aVenueKind;
        $venueOf = $s->aVenue;
        $hoursOf = $s->aHours;
        $feeOf = $s->aFee;
        $donOf = $s->aDonation;
        $benOf = $s->aBenef;
        $pstart = $s->aPartStart;
        $ppers = $s->partPerson;
        $phours = $s->partHours;

        [$fy, $fm] = Values::ymd($from);
        [$ty, $tm] = Values::ymd($to);
        $firstMonth = $fy * 12 + $fm - 1;
        $monthOf = []; // day => month number (y*12 + m-1), filled as days are met

        $sAct = $sHours = $sFee = $sDon = $sBen = 0;
        $kAct = $kHours = $kFee = $kDon = $kBen = [];     // by kind index
        $vAct = $vBen = $vHours = $vVenues = [];         // by venue kind index
        $mAct = $mHours = $mBen = [];                     // by month number
        $volHours = $volActs = [];                        // by person id
        $mtTotal = $mtHours = 0;
        $mtByKind = [];                                   // by kind index
        $mtMonths = [];                                   // kind index => month number => true

        $n = count($dates);
        for ($i = 0; $i < $n; $i++) {
            $d = $dates[$i];
            if ($d < $from || $d > $to) {
                continue;
            }
            $h = $hoursOf[$i];
            $k = $kindOf[$i];
            $mo = $monthOf[$d] ?? null;
            if ($mo === null) {
                [$y, $m] = Values::ymd($d);
                $mo = $monthOf[$d] = $y * 12 + $m - 1;
            }
            if ($cats[$i] === 1) {
                $b = $benOf[$i];
                $sAct++;
                $sHours += $h;
                $sFee += $feeOf[$i];
                $sDon += $donOf[$i];
                $sBen += $b;
                if (isset($kAct[$k])) {
                    $kAct[$k]++;
                    $kHours[$k] += $h;
                    $kFee[$k] += $feeOf[$i];
                    $kDon[$k] += $donOf[$i];
                    $kBen[$k] += $b;
                } else {
                    $kAct[$k] = 1;
                    $kHours[$k] = $h;
                    $kFee[$k] = $feeOf[$i];
                    $kDon[$k] = $donOf[$i];
                    $kBen[$k] = $b;
                }
                $vk = $vkOf[$i];
                if ($vk !== 0) {
                    if (isset($vAct[$vk])) {
                        $vAct[$vk]++;
                        $vBen[$vk] += $b;
                        $vHours[$vk] += $h;
                    } else {
                        $vAct[$vk] = 1;
                        $vBen[$vk] = $b;
                        $vHours[$vk] = $h;
                        $vVenues[$vk] = [];
                    }
                    if ($venueOf[$i] !== 0) {
                        $vVenues[$vk][$venueOf[$i]] = true;
                    }
                }
                if (isset($mAct[$mo])) {
                    $mAct[$mo]++;
                    $mHours[$mo] += $h;
                    $mBen[$mo] += $b;
                } else {
                    $mAct[$mo] = 1;
                    $mHours[$mo] = $h;
                    $mBen[$mo] = $b;
                }
                $end = $pstart[$i + 1];
                for ($p = $pstart[$i]; $p < $end; $p++) {
                    $pid = $ppers[$p];
                    if (isset($volActs[$pid])) {
                        $volActs[$pid]++;
                        $volHours[$pid] += $phours[$p];
                    } else {
                        $volActs[$pid] = 1;
                        $volHours[$pid] = $phours[$p];
                    }
                }
            } else {
                $mtTotal++;
                $mtHours += $h;
                $mtByKind[$k] = ($mtByKind[$k] ?? 0) + 1;
                $mtMonths[$k][$mo] = true;
            }
        }

        $strings = $s->strings;
        // service
        $volHoursSum = 0;
        $partyTook = 0;
        foreach ($volHours as $pid => $vh) {
            $volHoursSum += $vh;
            if (isset($party[$pid])) {
                $partyTook++;
            }
        }
        $this->service = [
            'activities' => $sAct, 'hours' => $sHours, 'fee_waived' => $sFee, 'donation' => $sDon,
            'beneficiaries' => $sBen, 'volunteer_hours' => $volHoursSum, 'volunteers' => count($volHours),
        ];
        $pm = $this->members['party_members'];
        $this->participationRatio = $pm === 0 ? null : Values::ratio($partyTook, $pm);

        $byKind = [];
        foreach ($kAct as $k => $c) {
            $byKind[$strings[$k]] = [$c, $kHours[$k], $kFee[$k], $kDon[$k], $kBen[$k]];
        }
        $this->serviceByKind = self::sortedMap($byKind);
        $byVk = [];
        foreach ($vAct as $vk => $c) {
            $byVk[$strings[$vk]] = [count($vVenues[$vk]), $c, $vBen[$vk], $vHours[$vk]];
        }
        $this->byVenueKind = self::sortedMap($byVk);

        $lastMonth = $ty * 12 + $tm - 1;
        for ($mo = $firstMonth; $mo <= $lastMonth; $mo++) {
            $this->byMonth[] = [self::monthText($mo), $mAct[$mo] ?? 0, $mHours[$mo] ?? 0, $mBen[$mo] ?? 0];
        }

        if ($top > 0 && $volHours) {
            $ids = array_keys($volHours);
            $hs = array_values($volHours);
            $acts = [];
            foreach ($ids as $pid) {
                $acts[] = $volActs[$pid];
            }
            array_multisort($hs, SORT_DESC, SORT_NUMERIC, $acts, SORT_DESC, SORT_NUMERIC, $ids, SORT_ASC, SORT_NUMERIC);
            $lim = min($top, count($ids));
            for ($t = 0; $t < $lim; $t++) {
                $this->top[] = [$ids[$t], $hs[$t], $acts[$t]];
            }
        }

        // meetings
        $this->meetingsTotal = $mtTotal;
        $this->meetingsHours = $mtHours;
        $mk = [];
        foreach ($mtByKind as $k => $c) {
            $mk[$strings[$k]] = $c;
        }
        $this->meetingsByKind = self::sortedMap($mk);
        foreach ($kinds as $kind) {
            $ki = $s->stringIndex[$kind] ?? null;
            $held = $ki === null ? [] : ($mtMonths[$ki] ?? []);
            $this->missing[$kind] = self::missingPeriods($rules[$kind], $held, $from, $to);
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

    /* -------------------------------------------------------------- output */

    /** stats(): PHP arrays, amounts as hundredths / 100, ratios as ten-thousandths / 10000. */
    public function toArray(): array
    {
        $amt = static fn (int $h): float => $h / 100;
        $ratio = static fn (?int $t): ?float => $t === null ? null : $t / 10000;
        $date = [Values::class, 'formatDate'];

        $members = $this->members;
        $members['staff_headcount'] = $this->staffHeadcount;
        $members['staff_party_members'] = $this->staffParty;
        $members['staff_party_ratio'] = $ratio($this->staffRatio);

        $pipeline = $this->pipeline;
        $pipeline['due_for_conversion'] = [];
        foreach ($this->due as [$id, $on]) {
            $pipeline['due_for_conversion'][] = ['id' => $id, 'due_on' => $date($on)];
        }
        $pipeline['overdue_conversion'] = [];
        foreach ($this->overdue as [$id, $on]) {
            $pipeline['overdue_conversion'][] = ['id' => $id, 'due_on' => $date($on)];
        }

        $sv = $this->service;
        $service = [
            'activities' => $sv['activities'], 'hours' => $amt($sv['hours']), 'fee_waived' => $amt($sv['fee_waived']),
            'donation' => $amt($sv['donation']), 'beneficiaries' => $sv['beneficiaries'],
            'volunteer_hours' => $amt($sv['volunteer_hours']), 'volunteers' => $sv['volunteers'],
            'participation_ratio' => $ratio($this->participationRatio),
            'by_kind' => [], 'by_venue_kind' => [], 'by_month' => [], 'top_volunteers' => [],
        ];
        foreach ($this->serviceByKind as [$k, [$c, $h, $f, $d, $b]]) {
            $service['by_kind'][$k] = ['activities' => $c, 'hours' => $amt($h), 'fee_waived' => $amt($f),
                'donation' => $amt($d), 'beneficiaries' => $b];
        }
        foreach ($this->byVenueKind as [$k, [$v, $c, $b, $h]]) {
            $service['by_venue_kind'][$k] = ['venues' => $v, 'activities' => $c, 'beneficiaries' => $b,
                'hours' => $amt($h)];
        }
        foreach ($this->byMonth as [$mo, $c, $h, $b]) {
            $service['by_month'][] = ['month' => $mo, 'activities' => $c, 'hours' => $amt($h), 'beneficiaries' => $b];
        }
        foreach ($this->top as [$id, $h, $c]) {
            $service['top_volunteers'][] = ['id' => $id, 'hours' => $amt($h), 'activities' => $c];
        }

        $meetings = ['total' => $this->meetingsTotal, 'hours' => $amt($this->meetingsHours), 'by_kind' => [],
            'missing' => []];
        foreach ($this->meetingsByKind as [$k, $c]) {
            $meetings['by_kind'][$k] = $c;
        }
        foreach ($this->missing as $k => $list) {
            $meetings['missing'][$k] = $list;
        }

        return [
            'period' => ['from' => $date($this->from), 'to' => $date($this->to), 'as_of' => $date($this->asOf)],
            'members' => $members,
            'pipeline' => $pipeline,
            'service' => $service,
            'meetings' => $meetings,
        ];
    }

    /** statsJson(): compact, keys in the contract's order. Every string printed is a date or a slug. */
    public function toJson(): string
    {
        $a = [Values::class, 'formatAmount'];
        $r = static fn (?int $t): string => $t === null ? 'null' : Values::formatRatio($t);
        $q = static fn (string $s): string => '"' . $s . '"';
        $date = static fn (int $d): string => '"' . Values::formatDate($d) . '"';

        $o = '{"period":{"from":' . $date($this->from) . ',"to":' . $date($this->to) . ',"as_of":'
            . $date($this->asOf) . '}';

        $m = $this->members;
        $o .= ',"members":{"applicants":' . $m['applicants'] . ',"activists":' . $m['activists']
            . ',"candidates":' . $m['candidates'] . ',"probationary":' . $m['probationary'] . ',"full":' . $m['full']
            . ',"party_members":' . $m['party_members']
            . ',"staff_headcount":' . ($this->staffHeadcount === null ? 'null' : $this->staffHeadcount)
            . ',"staff_party_members":' . $this->staffParty . ',"staff_party_ratio":' . $r($this->staffRatio) . '}';

        $p = $this->pipeline;
        $o .= ',"pipeline":{"applied":' . $p['applied'] . ',"activists":' . $p['activists'] . ',"candidates":'
            . $p['candidates'] . ',"admitted":' . $p['admitted'] . ',"converted":' . $p['converted']
            . ',"transferred_in":' . $p['transferred_in'] . ',"left":' . $p['left'] . ',"eligible_candidates":'
            . $p['eligible_candidates'] . ',"due_for_conversion":[';
        $parts = [];
        foreach ($this->due as [$id, $on]) {
            $parts[] = '{"id":' . $id . ',"due_on":' . $date($on) . '}';
        }
        $o .= implode(',', $parts) . '],"overdue_conversion":[';
        $parts = [];
        foreach ($this->overdue as [$id, $on]) {
            $parts[] = '{"id":' . $id . ',"due_on":' . $date($on) . '}';
        }
        $o .= implode(',', $parts) . ']}';

        $s = $this->service;
        $o .= ',"service":{"activities":' . $s['activities'] . ',"hours":' . $a($s['hours']) . ',"fee_waived":'
            . $a($s['fee_waived']) . ',"donation":' . $a($s['donation']) . ',"beneficiaries":' . $s['beneficiaries']
            . ',"volunteer_hours":' . $a($s['volunteer_hours']) . ',"volunteers":' . $s['volunteers']
            . ',"participation_ratio":' . $r($this->participationRatio) . ',"by_kind":{';
        $parts = [];
        foreach ($this->serviceByKind as [$k, [$c, $h, $f, $d, $b]]) {
            $parts[] = $q($k) . ':{"activities":' . $c . ',"hours":' . $a($h) . ',"fee_waived":' . $a($f)
                . ',"donation":' . $a($d) . ',"beneficiaries":' . $b . '}';
        }
        $o .= implode(',', $parts) . '},"by_venue_kind":{';
        $parts = [];
        foreach ($this->byVenueKind as [$k, [$v, $c, $b, $h]]) {
            $parts[] = $q($k) . ':{"venues":' . $v . ',"activities":' . $c . ',"beneficiaries":' . $b
                . ',"hours":' . $a($h) . '}';
        }
        $o .= implode(',', $parts) . '},"by_month":[';
        $parts = [];
        foreach ($this->byMonth as [$mo, $c, $h, $b]) {
            $parts[] = '{"month":"' . $mo . '","activities":' . $c . ',"hours":' . $a($h) . ',"beneficiaries":'
                . $b . '}';
        }
        $o .= implode(',', $parts) . '],"top_volunteers":[';
        $parts = [];
        foreach ($this->top as [$id, $h, $c]) {
            $parts[] = '{"id":' . $id . ',"hours":' . $a($h) . ',"activities":' . $c . '}';
        }
        $o .= implode(',', $parts) . ']}';

        $o .= ',"meetings":{"total":' . $this->meetingsTotal . ',"hours":' . $a($this->meetingsHours)
            . ',"by_kind":{';
        $parts = [];
        foreach ($this->meetingsByKind as [$k, $c]) {
            $parts[] = $q($k) . ':' . $c;
        }
        $o .= implode(',', $parts) . '},"missing":{';
        $parts = [];
        foreach ($this->missing as $k => $list) {
            $parts[] = $q((string)$k) . ':[' . implode(',', array_map($q, $list)) . ']';
        }
        $o .= implode(',', $parts) . '}}}';
        return $o;
    }
}

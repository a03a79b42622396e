<?php
/**
 * Store.php - the packed dataset of the pure-PHP twin: one PHP array per column (ints), strings
 * interned in one table, and the row rules of STATS.md with the messages and check order of
 * docs/ENGINE.md §2. Every add is all or nothing. Internal: Dataset is the public face.
 */

namespace Dangjian\Fallback;

use Dangjian\InvalidRecord;

/** @internal */
final class Store
{
    public const STAGE_FIELDS = ['applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on'];
    public const DATE_FIELDS = ['applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on',
        'joined_on', 'left_on'];

    /* people, in insertion order */
    /** @var int[] */ public array $pId = [];
    /** @var int[] 0/1 */ public array $pStaff = [];
    /** @var int[] 0 none, 1..4 (Values::LEFT_NAMES) */ public array $pReason = [];
    /** @var int[][] seven date columns (DATE_FIELDS order), Values::NO_DATE when absent */
    public array $pDates = [[], [], [], [], [], [], []];
    /** @var int[] v2: the day the person joined the staff, Values::NO_DATE when absent */
    public array $pHired = [];
    /** @var array<int,int> person id => row */ public array $personRow = [];

    /* activities, in insertion order */
    /** @var int[] */ public array $aId = [];
    /** @var int[] */ public array $aDate = [];
    /** @var int[] 1 service, 2 meeting */ public array $aCat = [];
    /** @var int[] string indexes */ public array $aKind = [];
    /** @var int[] */ public array $aVenueKind = [];
    /** @var int[] */ public array $aVenue = [];
    /** @var int[] v2: the project's string index, 0 when none */ public array $aProject = [];
    /** @var int[] hundredths */ public array $aHours = [];
    /** @var int[] */ public array $aFee = [];
    /** @var int[] */ public array $aDonation = [];
    /** @var int[] */ public array $aBenef = [];
    /** @var int[] first participation of each activity, plus one entry past the last */
    public array $aPartStart = [0];
    /** @var array<int,bool> activity id => true */ public array $activityIds = [];

    /* participations, grouped by activity */
    /** @var int[] */ public array $partPerson = [];
    /** @var int[] hundredths */ public array $partHours = [];

    /* strings: index 0 is '' */
    /** @var string[] */ public array $strings = [''];
    /** @var array<string,int> */ public array $stringIndex = ['' => 0];

    /* headcount, by date */
    /** @var int[] */ public array $hcDate = [];
    /** @var int[] */ public array $hcCount = [];

    /** the latest date of people and activities (headcount apart), NO_DATE when none */
    public int $maxDate = Values::NO_DATE;

    /** the activities by date, built by stats(); a new one with every change of the activities */
    public DayIndex $days;

    public function __construct()
    {
        $this->days = new DayIndex();
    }

    public function intern(string $s): int
    {
        $i = $this->stringIndex[$s] ?? null;
        if ($i === null) {
            $i = count($this->strings);
            $this->strings[] = $s;
            $this->stringIndex[$s] = $i;
        }
        return $i;
    }

    /** The latest date of the dataset, NO_DATE when none. */
    public function latestDate(): int
    {
        $m = $this->maxDate;
        $n = count($this->hcDate);
        if ($n > 0 && $this->hcDate[$n - 1] > $m) {
            $m = $this->hcDate[$n - 1];
        }
        return $m;
    }

    /**
     * Throws InvalidRecord "<what>[<row>].<field>: <text>" with its path, row, field and rule.
     * $field is '' for the row itself.
     */
    public static function fail(string $what, int $row, string $field, string $rule, string $text): never
    {
        $path = $what . '[' . $row . ']' . ($field === '' ? '' : '.' . $field);
        $e = new InvalidRecord($path . ': ' . $text);
        (function () use ($path, $row, $field, $rule) {
            $this->path = $path;
            $this->row = $row;
            $this->field = $field;
            $this->rule = $rule;
        })->call($e);
        throw $e;
    }

    /** fail() for what a value parser threw. */
    private static function failWhy(string $what, int $row, string $field, Why $w): never
    {
        self::fail($what, $row, $field, $w->rule, $w->getMessage());
    }

    /* ---------------------------------------------------------------- people */

    /**
     * Checks and adds people rows; all or nothing. Returns the number added.
     * @throws InvalidRecord
     */
    public function addPeople(array $rows): int
    {
        $ids = [];
        $staff = [];
        $reasons = [];
        $hired = [];
        $dates = [[], [], [], [], [], [], []];
        $seen = [];
        $max = $this->maxDate;
        $i = 0;
        foreach ($rows as $row) {
            if (!is_array($row)) {
                self::fail('people', $i, '', 'row', Values::describe($row) . ' ' . Values::T_ROW);
            }
            $field = 'id';
            try {
                $id = Values::id($row['id'] ?? null);
                $field = 'is_staff';
                $isStaff = Values::bool($row['is_staff'] ?? null);
                $d = [];
                foreach (self::DATE_FIELDS as $k => $field) {
                    $d[$k] = Values::date($row[$field] ?? null);
                }
                $field = 'hired_on';
                $hiredOn = Values::date($row['hired_on'] ?? null);
                $field = 'left_reason';
                $reason = Values::leftReason($row['left_reason'] ?? null);
            } catch (Why $w) {
                self::failWhy('people', $i, $field, $w);
            }
            // stage order, among the stage dates present
            $prev = -1;
            for ($k = 0; $k < 5; $k++) {
                if ($d[$k] === Values::NO_DATE) {
                    continue;
                }
                if ($prev >= 0 && $d[$k] < $d[$prev]) {
                    self::fail('people', $i, self::STAGE_FIELDS[$k], 'stage_order', Values::formatDate($d[$k])
                        . ' is before ' . self::STAGE_FIELDS[$prev] . ' ' . Values::formatDate($d[$prev]));
                }
                $prev = $k;
            }
            // left_on against the start
            if ($d[6] !== Values::NO_DATE) {
                $start = self::start($d[5], $d[0], $d[1], $d[2], $d[3], $d[4]);
                if ($start !== Values::NO_DATE && $d[6] < $start) {
                    self::fail('people', $i, 'left_on', 'left_before_start', Values::formatDate($d[6])
                        . ' is before the start ' . Values::formatDate($start));
                }
            }
            if (isset($this->personRow[$id]) || isset($seen[$id])) {
                self::fail('people', $i, 'id', 'duplicate_id', "duplicate id $id");
            }
            $seen[$id] = true;
            $ids[] = $id;
            $staff[] = $isStaff ? 1 : 0;
            $reasons[] = $reason;
            $hired[] = $hiredOn;
            for ($k = 0; $k < 7; $k++) {
                $dates[$k][] = $d[$k];
                if ($d[$k] > $max) {
                    $max = $d[$k];
                }
            }
            $i++;
        }
        // commit
        $row = count($this->pId);
        foreach ($ids as $j => $id) {
            $this->pId[] = $id;
            $this->pStaff[] = $staff[$j];
            $this->pReason[] = $reasons[$j];
            $this->pHired[] = $hired[$j];
            $this->personRow[$id] = $row++;
        }
        for ($k = 0; $k < 7; $k++) {
            $col = &$this->pDates[$k];
            foreach ($dates[$k] as $v) {
                $col[] = $v;
            }
            unset($col);
        }
        $this->maxDate = $max;
        return $i;
    }

    /** A person's start: joined_on if set, else the earliest stage date; NO_DATE when none. */
    public static function start(int $joined, int $a, int $v, int $c, int $m, int $f): int
    {
        if ($joined !== Values::NO_DATE) {
            return $joined;
        }
        foreach ([$a, $v, $c, $m, $f] as $x) { // ordered, so the first present is the earliest
            if ($x !== Values::NO_DATE) {
                return $x;
            }
        }
        return Values::NO_DATE;
    }

    /* ------------------------------------------------------------ activities */

    /**
     * Checks and adds activity rows; all or nothing. Returns the number added.
     * @throws InvalidRecord
     */
    public function addActivities(array $rows): int
    {
        // The new rows, column by column; strings as they come (interned at the commit).
        $cId = $cDate = $cCat = $cKind = $cVk = $cVenue = $cProject = $cHours = $cFee = $cDon = $cBen = [];
        $cStart = [];      // each new row's first participation in $cPerson
        $cPerson = $cPHours = [];
        $seen = [];
        $max = $this->maxDate;
        $people = $this->personRow;
        $dayOf = Values::dayCache();
        $venueOf = [];     // venue as given => trimmed (checked already)
        $projectOf = [];   // project as given => trimmed (checked already)
        $slugs = [];       // kind or venue kind seen valid => true
        $i = 0;
        foreach ($rows as $row) {
            if (!is_array($row)) {
                self::fail('activities', $i, '', 'row', Values::describe($row) . ' ' . Values::T_ROW);
            }
            // Each field: the common case inline, anything else through the parser (which also
            // words the message). $field names the field for the message.
            $field = 'id';
            try {
                $v = $row['id'] ?? null;
                $id = (is_int($v) && $v >= 1 && $v <= Values::INT32_MAX) ? $v : Values::id($v);
                $field = 'date';
                $v = $row['date'] ?? null;
                if (is_string($v) && isset($dayOf[$v])) {
                    $date = $dayOf[$v];
                } else {
                    $date = Values::date($v, true);
                    $dayOf[$v] = $date; // only reached with a valid date string
                }
                $field = 'category';
                $v = $row['category'] ?? null;
                $cat = $v === 'service' ? 1 : ($v === 'meeting' ? 2 : Values::category($v));
                $field = 'kind';
                $v = $row['kind'] ?? null;
                $kind = (is_string($v) && isset($slugs[$v])) ? $v : Values::slug($v, false, true);
                $slugs[$kind] = true;
                $field = 'hours';
                $v = $row['hours'] ?? null;
                if (is_int($v) && $v >= 0 && $v <= 1000000000) {
                    $hours = $v * 100;
                } elseif (is_float($v) && $v >= 0.0 && $v < 1e6 && abs(($h = $v * 100.0) - ($r = round($h))) < 1e-6) {
                    $hours = (int)$r; // Values::floatHundredths' fast path
                } else {
                    $hours = Values::amount($v);
                }
                $field = 'fee_waived';
                $v = $row['fee_waived'] ?? null;
                $fee = $v === null ? 0 : Values::amount($v);
                $field = 'donation';
                $v = $row['donation'] ?? null;
                $don = $v === null ? 0 : Values::amount($v);
                $field = 'beneficiaries';
                $v = $row['beneficiaries'] ?? null;
                $ben = (is_int($v) && $v >= 0 && $v <= Values::INT32_MAX) ? $v : Values::count($v);
                $field = 'venue_kind';
                $v = $row['venue_kind'] ?? null;
                $vkind = ($v === null || $v === '') ? '' : ((is_string($v) && isset($slugs[$v])) ? $v
                    : Values::slug($v, true, false));
                if ($vkind !== '') {
                    $slugs[$vkind] = true;
                }
                $field = 'venue';
                $v = $row['venue'] ?? null;
                if ($v === null) {
                    $venue = '';
                } elseif (is_string($v) && isset($venueOf[$v])) {
                    $venue = $venueOf[$v];
                } else {
                    $venue = Values::venue($v);
                    if (count($venueOf) < 100000) {
                        $venueOf[$v] = $venue;
                    }
                }
                $field = 'project';
                $v = $row['project'] ?? null;
                if ($v === null) {
                    $project = '';
                } elseif (is_string($v) && isset($projectOf[$v])) {
                    $project = $projectOf[$v];
                } else {
                    $project = Values::project($v);
                    if (count($projectOf) < 100000) {
                        $projectOf[$v] = $project;
                    }
                }
                $field = 'participants';
                $plist = $row['participants'] ?? null;
                $parts = $plist === null ? [] : self::participants($plist, $hours, $field);
            } catch (Why $w) {
                self::failWhy('activities', $i, $field, $w);
            }
            if (isset($this->activityIds[$id]) || isset($seen[$id])) {
                self::fail('activities', $i, 'id', 'duplicate_id', "duplicate id $id");
            }
            $cStart[] = count($cPerson);
            $n = count($parts);
            if ($n > 0) {
                $inThis = [];
                for ($k = 0; $k < $n; $k += 2) {
                    $pid = $parts[$k];
                    if (!isset($people[$pid]) || isset($inThis[$pid])) {
                        $j = $k >> 1;
                        $entry = array_values($plist)[$j];
                        $field = "participants[$j]" . (is_array($entry) ? '.id' : '');
                        if (isset($people[$pid])) {
                            self::fail('activities', $i, $field, 'duplicate_participant', "duplicate participant $pid");
                        }
                        self::fail('activities', $i, $field, 'unknown_person', "unknown person $pid");
                    }
                    $inThis[$pid] = true;
                    $cPerson[] = $pid;
                    $cPHours[] = $parts[$k + 1];
                }
            }
            $seen[$id] = true;
            $cId[] = $id;
            $cDate[] = $date;
            $cCat[] = $cat;
            $cKind[] = $kind;
            $cVk[] = $vkind;
            $cVenue[] = $venue;
            $cProject[] = $project;
            $cHours[] = $hours;
            $cFee[] = $fee;
            $cDon[] = $don;
            $cBen[] = $ben;
            if ($date > $max) {
                $max = $date;
            }
            $i++;
        }
        $this->commitActivities([$cId, $cDate, $cCat, $cKind, $cVk, $cVenue, $cProject, $cHours, $cFee, $cDon, $cBen],
            $cStart, $cPerson, $cPHours);
        $this->maxDate = $max;
        return $i;
    }

    /**
     * The values of an activity's participants, checked in order: [id, hours in hundredths, ...].
     * $hours is the activity's; $field is set to the entry's path when one is bad.
     * @throws Why
     */
    private static function participants(mixed $plist, int $hours, string &$field): array
    {
        if (!is_array($plist)) {
            Values::bad($plist, Values::T_PARTS);
        }
        $parts = [];
        $j = 0;
        foreach ($plist as $entry) {
            if (is_int($entry) && $entry >= 1 && $entry <= Values::INT32_MAX) {
                $parts[] = $entry;
                $parts[] = $hours;
            } elseif (is_array($entry)) {
                $v = $entry['id'] ?? null;
                if (is_int($v) && $v >= 1 && $v <= Values::INT32_MAX) {
                    $parts[] = $v;
                } else {
                    $field = "participants[$j].id";
                    $parts[] = Values::id($v);
                }
                $v = $entry['hours'] ?? null;
                if ($v === null) {
                    $parts[] = $hours;
                } elseif (is_float($v) && $v >= 0.0 && $v < 1e6
                    && abs(($h = $v * 100.0) - ($r = round($h))) < 1e-6) {
                    $parts[] = (int)$r;
                } else {
                    $field = "participants[$j].hours";
                    $parts[] = Values::amount($v, $hours);
                }
            } else {
                $field = "participants[$j]";
                // a bare null is a bad id here, not an absent one
                $parts[] = $entry === null ? Values::bad(null, Values::T_ID) : Values::id($entry);
                $parts[] = $hours;
            }
            $j++;
        }
        return $parts;
    }

    /**
     * Appends checked activity rows: $c holds the columns id, date, category, kind, venue kind,
     * venue, project (strings, interned here), hours, fee, donation, beneficiaries; $cStart each
     * row's first participation in $cPerson / $cPHours.
     */
    private function commitActivities(array $c, array $cStart, array $cPerson, array $cPHours): void
    {
        [$cId, $cDate, $cCat, $cKind, $cVk, $cVenue, $cProject, $cHours, $cFee, $cDon, $cBen] = $c;
        if ($cId) {
            $this->days = new DayIndex();
        }
        $base = count($this->partPerson);
        $interned = [];
        foreach ($cId as $r => $id) {
            $this->aId[] = $id;
            $this->activityIds[$id] = true;
            $this->aDate[] = $cDate[$r];
            $this->aCat[] = $cCat[$r];
            $this->aKind[] = $interned[$cKind[$r]] ??= $this->intern($cKind[$r]);
            $this->aVenueKind[] = $interned[$cVk[$r]] ??= $this->intern($cVk[$r]);
            $this->aVenue[] = $interned[$cVenue[$r]] ??= $this->intern($cVenue[$r]);
            $this->aProject[] = $interned[$cProject[$r]] ??= $this->intern($cProject[$r]);
            $this->aHours[] = $cHours[$r];
            $this->aFee[] = $cFee[$r];
            $this->aDonation[] = $cDon[$r];
            $this->aBenef[] = $cBen[$r];
            $this->aPartStart[] = $base + ($cStart[$r + 1] ?? count($cPerson));
        }
        foreach ($cPerson as $k => $pid) {
            $this->partPerson[] = $pid;
            $this->partHours[] = $cPHours[$k];
        }
    }

    /* --------------------------------------------------------------- removing */

    /**
     * The ids of a remove call, checked in order: "<what>[i]: <v> is not an id …" or
     * "<what>[i]: is required", i the position in the array (as the extension's binding).
     * @return int[]
     * @throws InvalidRecord
     */
    private static function removalIds(array $ids, string $what): array
    {
        $out = [];
        $i = 0;
        foreach ($ids as $v) {
            try {
                $out[] = (is_int($v) && $v >= 1 && $v <= Values::INT32_MAX) ? $v : Values::id($v);
            } catch (Why $w) {
                self::failWhy($what, $i, '', $w);
            }
            $i++;
        }
        return $out;
    }

    /**
     * Removes the activities with these ids (and their participations); all or nothing.
     * "activities[i]: no id 7" / "activities[i]: duplicate id 7". Returns the number removed.
     * @throws InvalidRecord
     */
    public function removeActivities(array $ids): int
    {
        $list = self::removalIds($ids, 'activities');
        $gone = [];
        foreach ($list as $i => $id) {
            if (!isset($this->activityIds[$id])) {
                self::fail('activities', $i, '', 'no_id', "no id $id");
            }
            if (isset($gone[$id])) {
                self::fail('activities', $i, '', 'duplicate_id', "duplicate id $id");
            }
            $gone[$id] = true;
        }
        if ($gone) {
            $this->compact($gone, null);
        }
        return count($list);
    }

    /**
     * Removes the people with these ids and every participation of theirs (their activities
     * stay); all or nothing. "people[i]: no id 7" / "people[i]: duplicate id 7".
     * @throws InvalidRecord
     */
    public function removePeople(array $ids): int
    {
        $list = self::removalIds($ids, 'people');
        $gone = [];
        foreach ($list as $i => $id) {
            if (!isset($this->personRow[$id])) {
                self::fail('people', $i, '', 'no_id', "no id $id");
            }
            if (isset($gone[$id])) {
                self::fail('people', $i, '', 'duplicate_id', "duplicate id $id");
            }
            $gone[$id] = true;
        }
        if (!$gone) {
            return 0;
        }
        $id = $staff = $reason = $hired = $row = [];
        $dates = [[], [], [], [], [], [], []];
        foreach ($this->pId as $r => $pid) {
            if (isset($gone[$pid])) {
                continue;
            }
            $row[$pid] = count($id);
            $id[] = $pid;
            $staff[] = $this->pStaff[$r];
            $reason[] = $this->pReason[$r];
            $hired[] = $this->pHired[$r];
            for ($k = 0; $k < 7; $k++) {
                $dates[$k][] = $this->pDates[$k][$r];
            }
        }
        $this->pId = $id;
        $this->pStaff = $staff;
        $this->pReason = $reason;
        $this->pHired = $hired;
        $this->pDates = $dates;
        $this->personRow = $row;
        $this->compact([], $gone);
        return count($list);
    }

    /**
     * Rebuilds the activity and participation columns without the activities whose ids are
     * keys of $goneA and the participations of the people whose ids are keys of $goneP, then
     * the latest date.
     */
    private function compact(array $goneA, ?array $goneP): void
    {
        $cols = ['aId', 'aDate', 'aCat', 'aKind', 'aVenueKind', 'aVenue', 'aProject', 'aHours', 'aFee', 'aDonation',
            'aBenef'];
        $new = array_fill_keys($cols, []);
        $start = [0];
        $person = $hours = [];
        $ids = [];
        foreach ($this->aId as $r => $aid) {
            if (isset($goneA[$aid])) {
                continue;
            }
            foreach ($cols as $c) {
                $new[$c][] = $this->$c[$r];
            }
            $ids[$aid] = true;
            for ($m = $this->aPartStart[$r], $e = $this->aPartStart[$r + 1]; $m < $e; $m++) {
                $p = $this->partPerson[$m];
                if ($goneP !== null && isset($goneP[$p])) {
                    continue;
                }
                $person[] = $p;
                $hours[] = $this->partHours[$m];
            }
            $start[] = count($person);
        }
        foreach ($cols as $c) {
            $this->$c = $new[$c];
        }
        $this->days = new DayIndex();
        $this->aPartStart = $start;
        $this->activityIds = $ids;
        $this->partPerson = $person;
        $this->partHours = $hours;
        $max = Values::NO_DATE;
        foreach ($this->pDates as $col) {
            foreach ($col as $d) {
                if ($d > $max) {
                    $max = $d;
                }
            }
        }
        foreach ($this->aDate as $d) {
            if ($d > $max) {
                $max = $d;
            }
        }
        $this->maxDate = $max;
    }

    /* ------------------------------------------------------------- headcount */

    /**
     * Replaces the headcount points; on error keeps the old ones.
     * @throws InvalidRecord
     */
    public function setHeadcount(array $points): void
    {
        $dates = [];
        $counts = [];
        $i = 0;
        foreach ($points as $row) {
            if (!is_array($row)) {
                self::fail('headcount', $i, '', 'row', Values::describe($row) . ' ' . Values::T_ROW);
            }
            $field = 'date';
            try {
                $dates[] = Values::date($row['date'] ?? null, true);
                $field = 'count';
                $counts[] = Values::count($row['count'] ?? null, true);
            } catch (Why $w) {
                self::failWhy('headcount', $i, $field, $w);
            }
            $i++;
        }
        $seen = [];
        foreach ($dates as $i => $d) {
            if (isset($seen[$d])) {
                self::fail('headcount', $i, 'date', 'duplicate_date', 'duplicate date ' . Values::formatDate($d));
            }
            $seen[$d] = true;
        }
        array_multisort($dates, SORT_ASC, SORT_NUMERIC, $counts);
        $this->hcDate = $dates;
        $this->hcCount = $counts;
    }
}

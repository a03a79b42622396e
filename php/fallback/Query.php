<?php
/**
 * Query.php - the query of stats() for the pure-PHP twin: its keys checked in the order given, with
 * the messages of docs/ENGINE.md §3 and, for the v2 key `filter`, §9; then the defaults of STATS.md.
 * Internal.
 */

namespace Dangjian\Fallback;

/** @internal */
final class Query
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

    /** The keys of `filter`, and whether their values are slugs (else names). */
    public const FILTER_KEYS = ['kinds' => true, 'venue_kinds' => true, 'venues' => false, 'projects' => false];

    private const T_FILTER_LIST = 'is not a list of 1 to 100 values';
    private const T_NAME = 'is not a name (UTF-8 text of 1 to 200 bytes, not blank)';

    public int $from;
    public int $to;
    public int $asOf;
    public int $top = 10;
    public int $dueWithin = 60;
    /** @var array<string,int> meeting kind => unit */
    public array $rules = self::DEFAULT_RULES;
    /** @var string[] the kinds of the rules, sorted by bytes */
    public array $ruleKinds = [];
    /**
     * The filter: key => [value => true] (names trimmed), only the keys given; null when there is none.
     * @var array<string,array<string,bool>>|null
     */
    public ?array $filter = null;

    private static function error(string $key, string $text): never
    {
        throw new \ValueError("query.$key: $text");
    }

    /** A key as an unknown-key message prints it: as given when short and plain, else "a string". */
    private static function keyText(string $key): string
    {
        if (strlen($key) > 64 || preg_match('/[\x00-\x1F\x7F"\\\\]/', $key) || !preg_match('//u', $key)) {
            return 'a string';
        }
        return $key;
    }

    /** A query date: day number, or null for the default (null or ''). */
    private static function date(string $key, mixed $v): ?int
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
        self::error($key, Values::describe($v) . ' ' . Values::T_DATE);
    }

    private static function integer(string $key, mixed $v, int $max): ?int
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
            self::error($key, Values::describe($v) . " is not an integer from 0 to $max");
        }
        return $i;
    }

    /** @return array<string,int> */
    private static function meetingRules(mixed $v): array
    {
        if ($v === null) {
            return self::DEFAULT_RULES;
        }
        if (!is_array($v)) {
            self::error('meeting_rules', Values::describe($v) . ' is not a map of meeting kinds');
        }
        $rules = [];
        foreach ($v as $kind => $unit) {
            $kindText = (string)$kind;
            if (!preg_match('/^[a-z0-9_]{1,32}\z/', $kindText)) {
                self::error('meeting_rules', Values::describe($kind) . ' ' . Values::T_SLUG);
            }
            if (!is_string($unit) || !isset(self::UNITS[$unit])) {
                self::error("meeting_rules.$kindText", Values::describe($unit) . ' is not month, quarter or year');
            }
            $rules[$kindText] = self::UNITS[$unit];
        }
        return $rules;
    }

    /**
     * v2 `filter` (ENGINE.md §9): keys in the order given, each key's list checked, then its values in
     * order; the first bad one raises. Null or an empty map: no filter.
     * @return array<string,array<string,bool>>|null
     */
    private static function filter(mixed $v): ?array
    {
        if ($v === null) {
            return null;
        }
        if (!is_array($v)) {
            self::error('filter', Values::describe($v) . ' is not a map of filters');
        }
        $out = [];
        foreach ($v as $key => $list) {
            $key = is_int($key) ? (string)$key : $key;
            if (!isset(self::FILTER_KEYS[$key])) {
                self::error('filter.' . self::keyText($key), 'unknown key');
            }
            if ($list === null) {
                continue;
            }
            $path = "filter.$key";
            $n = is_array($list) ? count($list) : 0;
            if ($n < 1 || $n > 100 || !array_is_list($list)) {
                self::error($path, Values::describe($list) . ' ' . self::T_FILTER_LIST);
            }
            $set = [];
            foreach ($list as $value) {
                if (self::FILTER_KEYS[$key]) {
                    if (!is_string($value) || !preg_match('/^[a-z0-9_]{1,32}\z/', $value)) {
                        self::error($path, Values::describe($value) . ' ' . Values::T_SLUG);
                    }
                    $set[$value] = true;
                } else {
                    $name = (is_string($value) && strlen($value) <= 200 && preg_match('//u', $value))
                        ? Values::trimVenue($value) : '';
                    if ($name === '') {
                        self::error($path, Values::describe($value) . ' ' . self::T_NAME);
                    }
                    $set[$name] = true;
                }
            }
            $out[$key] = $set;
        }
        return $out ?: null;
    }

    /**
     * Checks the query and applies the defaults; $latest is the dataset's latest date (NO_DATE when none).
     * @throws \ValueError naming the key
     */
    public static function parse(array $query, int $latest): self
    {
        $q = new self();
        $from = $to = $asOf = null;
        foreach ($query as $key => $v) {
            $key = (string)$key;
            switch ($key) {
                case 'from':
                    $from = self::date($key, $v);
                    break;
                case 'to':
                    $to = self::date($key, $v);
                    break;
                case 'as_of':
                    $asOf = self::date($key, $v);
                    break;
                case 'top':
                    $q->top = self::integer($key, $v, 1000) ?? 10;
                    break;
                case 'due_within':
                    $q->dueWithin = self::integer($key, $v, 3660) ?? 60;
                    break;
                case 'meeting_rules':
                    $q->rules = self::meetingRules($v);
                    break;
                case 'filter':
                    $q->filter = self::filter($v);
                    break;
                default:
                    self::error(self::keyText($key), 'unknown key');
            }
        }
        if ($to === null) {
            $to = $latest;
            if ($to === Values::NO_DATE) {
                self::error('to', 'is required when the dataset holds no date');
            }
        }
        if ($from === null) {
            [$y] = Values::ymd($to);
            $from = Values::fromYmd($y, 1, 1);
        }
        if ($from > $to) {
            self::error('from', Values::formatDate($from) . ' is after to ' . Values::formatDate($to));
        }
        $q->from = $from;
        $q->to = $to;
        $q->asOf = $asOf ?? $to;
        $kinds = array_map('strval', array_keys($q->rules));
        sort($kinds, SORT_STRING);
        $q->ruleKinds = $kinds;
        return $q;
    }
}

<?php
/*
 * OracleQuery.php - the query of STATS.md ("Query", with v2 `filter`), checked and given its
 * defaults, with the \ValueError messages of docs/ENGINE.md sections 3 and 9.
 *
 * Written from STATS.md and docs/ENGINE.md only, without reading the engines.
 */

declare(strict_types=1);

final class OracleQuery
{
    public const DEFAULT_RULES = [
        'committee' => 'month', 'group_meeting' => 'month', 'theme_day' => 'month',
        'branch_assembly' => 'quarter', 'party_lesson' => 'quarter', 'life_meeting' => 'year',
    ];
    private const DATE_TEXT = 'is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)';
    private const SLUG_TEXT = 'is not a slug (1 to 32 of a-z, 0-9, _)';

    public string $from;
    public string $to;
    public string $asOf;
    public int $top = 10;
    public int $dueWithin = 60;
    /** @var array<string,string> kind => month|quarter|year */
    public array $rules = [];
    /** @var array<string,array<string,true>> filter key => set of values (names trimmed) */
    public array $filter = [];

    /**
     * @param array $q the query as given to stats()
     * @param ?string $latest the latest date of the dataset (null when it holds none)
     */
    public function __construct(array $q, ?string $latest)
    {
        $from = $to = $asOf = null;
        $rules = self::DEFAULT_RULES;
        foreach ($q as $key => $v) {
            switch ($key) {
                case 'from':
                    $from = self::date('from', $v);
                    break;
                case 'to':
                    $to = self::date('to', $v);
                    break;
                case 'as_of':
                    $asOf = self::date('as_of', $v);
                    break;
                case 'top':
                    $this->top = self::int('top', $v, 1000) ?? 10;
                    break;
                case 'due_within':
                    $this->dueWithin = self::int('due_within', $v, 3660) ?? 60;
                    break;
                case 'meeting_rules':
                    $rules = $v === null ? self::DEFAULT_RULES : self::rules($v);
                    break;
                case 'filter':
                    $this->filter = self::filter($v);
                    break;
                default:
                    throw new ValueError('query.' . OracleValues::keyText($key) . ': unknown key');
            }
        }
        if ($to === null) {
            if ($latest === null) {
                throw new ValueError('query.to: is required when the dataset holds no date');
            }
            $to = $latest;
        }
        if ($from === null) {
            $from = substr($to, 0, 4) . '-01-01';
        }
        if ($from > $to) {
            throw new ValueError("query.from: $from is after to $to");
        }
        $this->from = $from;
        $this->to = $to;
        $this->asOf = $asOf ?? $to;
        $this->rules = $rules;
    }

    private static function date(string $key, $v): ?string
    {
        if ($v === null || $v === '') {
            return null;
        }
        if (!OracleValues::isDate($v)) {
            throw new ValueError("query.$key: " . OracleValues::describe($v) . ' ' . self::DATE_TEXT);
        }
        return $v;
    }

    private static function int(string $key, $v, int $max): ?int
    {
        if ($v === null) {
            return null;
        }
        $n = OracleValues::integer($v);
        if ($n === null || $n < 0 || $n > $max) {
            throw new ValueError("query.$key: " . OracleValues::describe($v) . " is not an integer from 0 to $max");
        }
        return $n;
    }

    /** @return array<string,string> */
    private static function rules($v): array
    {
        if (!is_array($v)) {
            throw new ValueError('query.meeting_rules: ' . OracleValues::describe($v) . ' is not a map of meeting kinds');
        }
        $rules = [];
        foreach ($v as $kind => $freq) {
            // A non-negative int key stands for its digits; a negative one is described as its digits.
            $slug = is_int($kind) ? ($kind >= 0 ? (string)$kind : null) : $kind;
            if (!OracleValues::isSlug($slug)) {
                throw new ValueError('query.meeting_rules: ' . OracleValues::describe($kind) . ' ' . self::SLUG_TEXT);
            }
            if (!in_array($freq, ['month', 'quarter', 'year'], true)) {
                throw new ValueError("query.meeting_rules.$slug: " . OracleValues::describe($freq)
                    . ' is not month, quarter or year');
            }
            $rules[$slug] = $freq;
        }
        return $rules;
    }

    /** @return array<string,array<string,true>> */
    private static function filter($v): array
    {
        if ($v === null) {
            return [];
        }
        if (!is_array($v)) {
            throw new ValueError('query.filter: ' . OracleValues::describe($v) . ' is not a map of filters');
        }
        $filter = [];
        foreach ($v as $key => $list) {
            if (!in_array($key, ['kinds', 'venue_kinds', 'venues', 'projects'], true)) {
                throw new ValueError('query.filter.' . OracleValues::keyText($key) . ': unknown key');
            }
            if ($list === null) {
                continue;
            }
            $path = "query.filter.$key";
            if (!is_array($list) || !array_is_list($list) || count($list) < 1 || count($list) > 100) {
                throw new ValueError("$path: " . OracleValues::describe($list) . ' is not a list of 1 to 100 values');
            }
            $set = [];
            foreach ($list as $item) {
                if ($key === 'kinds' || $key === 'venue_kinds') {
                    if (!OracleValues::isSlug($item)) {
                        throw new ValueError("$path: " . OracleValues::describe($item) . ' ' . self::SLUG_TEXT);
                    }
                    $set[$item] = true;
                    continue;
                }
                $name = null;
                if (is_string($item) && strlen($item) <= 200 && OracleValues::isUtf8($item)) {
                    $name = OracleValues::name($item);
                }
                if ($name === null) {
                    throw new ValueError("$path: " . OracleValues::describe($item)
                        . ' is not a name (UTF-8 text of 1 to 200 bytes, not blank)');
                }
                $set[$name] = true;
            }
            $filter[$key] = $set;
        }
        return $filter;
    }
}

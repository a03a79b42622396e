<?php
/**
 * Values.php - the value rules of STATS.md and their messages (docs/ENGINE.md §1, §2), for the
 * pure-PHP twin of the dangjian extension. Internal: not part of the public API.
 */

namespace Dangjian\Fallback;

/**
 * Thrown by a value parser with the message text that follows "<path>: " and the rule it broke
 * (docs/ENGINE.md §9, "Errors as data"). The caller adds the path.
 * @internal
 */
final class Why extends \Exception
{
    public function __construct(string $message, public readonly string $rule)
    {
        parent::__construct($message);
    }
}

/**
 * Day numbers (days since 1970-01-01), the parsers of single values, and value descriptions.
 * @internal
 */
final class Values
{
    public const NO_DATE = -2147483648;
    public const DATE_MIN = -25567; // 1900-01-01
    public const DATE_MAX = 84005;  // 2199-12-31
    public const INT32_MAX = 2147483647;

    public const T_ID = 'is not an id (an integer from 1 to 2147483647)';
    public const T_COUNT = 'is not a count (an integer from 0 to 2147483647)';
    public const T_DATE = 'is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)';
    public const T_AMOUNT = 'is not an amount (a number from 0 to 1000000000)';
    public const T_BOOL = 'is not a boolean';
    public const T_CATEGORY = 'is not a category (service or meeting)';
    public const T_SLUG = 'is not a slug (1 to 32 of a-z, 0-9, _)';
    public const T_VENUE = 'is not a venue name (UTF-8 text of at most 200 bytes)';
    public const T_PROJECT = 'is not a project name (UTF-8 text of at most 200 bytes)';
    public const T_REASON = 'is not a leaving reason (transfer, death, cancelled or other)';
    public const T_PARTS = 'is not a list of participants';
    public const T_ROW = 'is not a row';
    public const T_REQUIRED = 'is required';

    /** The rule (InvalidRecord::getRule()) each value text stands for. */
    public const RULE_OF = [
        self::T_ID => 'id', self::T_COUNT => 'count', self::T_DATE => 'date', self::T_AMOUNT => 'amount',
        self::T_BOOL => 'boolean', self::T_CATEGORY => 'category', self::T_SLUG => 'slug',
        self::T_VENUE => 'venue', self::T_PROJECT => 'project', self::T_REASON => 'left_reason',
        self::T_PARTS => 'participants', self::T_ROW => 'row', self::T_REQUIRED => 'required',
    ];

    public const LEFT_REASONS = ['transfer' => 1, 'death' => 2, 'cancelled' => 3, 'other' => 4];
    public const LEFT_NAMES = [1 => 'transfer', 2 => 'death', 3 => 'cancelled', 4 => 'other'];

    /** @var array<string,int> valid date strings seen so far => day number */
    private static array $dayOf = [];
    /** @var array<int,string> day number => "YYYY-MM-DD" */
    private static array $textOf = [];

    /* ------------------------------------------------------------ describing */

    /** The <v> of a message (ENGINE.md §1). */
    public static function describe(mixed $v): string
    {
        if (is_string($v)) {
            if (strlen($v) <= 40 && !preg_match('/[\x00-\x1F\x7F"\\\\]/', $v) && preg_match('//u', $v)) {
                return '"' . $v . '"';
            }
            return 'a string';
        }
        if (is_int($v)) {
            return (string)$v;
        }
        if (is_float($v)) {
            return 'a float';
        }
        if (is_bool($v)) {
            return $v ? 'true' : 'false';
        }
        if ($v === null) {
            return 'null';
        }
        if (is_array($v)) {
            return 'an array';
        }
        return 'an object';
    }

    /** Throws Why("<v> <text>") with the text's rule. */
    public static function bad(mixed $v, string $text): never
    {
        throw new Why(self::describe($v) . ' ' . $text, self::RULE_OF[$text]);
    }

    /** Throws Why("is required"). */
    public static function required(): never
    {
        throw new Why(self::T_REQUIRED, 'required');
    }

    /* ----------------------------------------------------------------- dates */

    public static function fromYmd(int $y, int $m, int $d): int
    {
        // Days from the civil calendar (proleptic Gregorian), after H. Hinnant's algorithm.
        $y -= $m <= 2 ? 1 : 0;
        $era = intdiv($y >= 0 ? $y : $y - 399, 400);
        $yoe = $y - $era * 400;
        $doy = intdiv(153 * ($m > 2 ? $m - 3 : $m + 9) + 2, 5) + $d - 1;
        $doe = $yoe * 365 + intdiv($yoe, 4) - intdiv($yoe, 100) + $doy;
        return $era * 146097 + $doe - 719468;
    }

    /** @return array{int,int,int} year, month, day */
    public static function ymd(int $day): array
    {
        $z = $day + 719468;
        $era = intdiv($z >= 0 ? $z : $z - 146096, 146097);
        $doe = $z - $era * 146097;
        $yoe = intdiv($doe - intdiv($doe, 1460) + intdiv($doe, 36524) - intdiv($doe, 146096), 365);
        $doy = $doe - (365 * $yoe + intdiv($yoe, 4) - intdiv($yoe, 100));
        $mp = intdiv(5 * $doy + 2, 153);
        $d = $doy - intdiv(153 * $mp + 2, 5) + 1;
        $m = $mp < 10 ? $mp + 3 : $mp - 9;
        $y = $yoe + $era * 400 + ($m <= 2 ? 1 : 0);
        return [$y, $m, $d];
    }

    public static function daysInMonth(int $y, int $m): int
    {
        if ($m === 2) {
            return ($y % 4 === 0 && ($y % 100 !== 0 || $y % 400 === 0)) ? 29 : 28;
        }
        return ($m === 4 || $m === 6 || $m === 9 || $m === 11) ? 30 : 31;
    }

    /** @return array<string,int> the valid date strings met so far => day number */
    public static function dayCache(): array
    {
        return self::$dayOf;
    }

    /** "YYYY-MM-DD" for any day of the years 0001..9999. */
    public static function formatDate(int $day): string
    {
        if (isset(self::$textOf[$day])) {
            return self::$textOf[$day];
        }
        [$y, $m, $d] = self::ymd($day);
        $s = sprintf('%04d-%02d-%02d', $y, $m, $d);
        if (count(self::$textOf) < 200000) {
            self::$textOf[$day] = $s;
        }
        return $s;
    }

    /** The day number of a valid date string, or null. */
    public static function parseDateText(string $s): ?int
    {
        if (isset(self::$dayOf[$s])) {
            return self::$dayOf[$s];
        }
        if (strlen($s) !== 10 || !preg_match('/^[0-9]{4}-[0-9]{2}-[0-9]{2}\z/', $s)) {
            return null;
        }
        $y = (int)substr($s, 0, 4);
        $m = (int)substr($s, 5, 2);
        $d = (int)substr($s, 8, 2);
        if ($y < 1900 || $y > 2199 || $m < 1 || $m > 12 || $d < 1 || $d > self::daysInMonth($y, $m)) {
            return null;
        }
        $day = self::fromYmd($y, $m, $d);
        self::$dayOf[$s] = $day; // at most 109,573 valid dates: bounded
        return $day;
    }

    /** The same month and day a year later; from 29 February, 1 March. */
    public static function addYear(int $day): int
    {
        [$y, $m, $d] = self::ymd($day);
        if ($m === 2 && $d === 29) {
            return self::fromYmd($y + 1, 3, 1);
        }
        return self::fromYmd($y + 1, $m, $d);
    }

    /* --------------------------------------------------------------- parsers */
    /* Each takes the value ($row[$key] ?? null: a missing key is null) and returns the parsed
     * value, or throws Why with the message text. */

    /** A date: day number, or NO_DATE for null/''. $required: null/'' is "is required". */
    public static function date(mixed $v, bool $required = false): int
    {
        if (is_string($v)) {
            if (isset(self::$dayOf[$v])) {
                return self::$dayOf[$v];
            }
            if ($v === '') {
                if ($required) {
                    self::required();
                }
                return self::NO_DATE;
            }
            $day = self::parseDateText($v);
            if ($day !== null) {
                return $day;
            }
        } elseif ($v === null) {
            if ($required) {
                self::required();
            }
            return self::NO_DATE;
        }
        self::bad($v, self::T_DATE);
    }

    /** Canonical non-negative integer text ("0", "7", not "07", "+7"), or null. */
    public static function digits(string $s): ?int
    {
        $n = strlen($s);
        if ($n === 0 || $n > 10 || !ctype_digit($s) || ($n > 1 && $s[0] === '0')) {
            return null;
        }
        $i = (int)$s;
        return $i <= self::INT32_MAX ? $i : null;
    }

    /** An id 1..2^31-1. Null is "is required" ($required) or returns null. */
    public static function id(mixed $v, bool $required = true): ?int
    {
        if (is_int($v)) {
            if ($v >= 1 && $v <= self::INT32_MAX) {
                return $v;
            }
        } elseif (is_string($v)) {
            $i = self::digits($v);
            if ($i !== null && $i >= 1) {
                return $i;
            }
        } elseif ($v === null) {
            if ($required) {
                self::required();
            }
            return null;
        }
        self::bad($v, self::T_ID);
    }

    /** A count 0..2^31-1; null is "is required" ($required) or 0. */
    public static function count(mixed $v, bool $required = false): int
    {
        if (is_int($v)) {
            if ($v >= 0 && $v <= self::INT32_MAX) {
                return $v;
            }
        } elseif (is_string($v)) {
            $i = self::digits($v);
            if ($i !== null) {
                return $i;
            }
        } elseif ($v === null) {
            if ($required) {
                self::required();
            }
            return 0;
        }
        self::bad($v, self::T_COUNT);
    }

    /** A boolean: true/false, 0/1, "0"/"1"; null and '' are false. */
    public static function bool(mixed $v): bool
    {
        if ($v === null || $v === false || $v === 0 || $v === '0' || $v === '') {
            return false;
        }
        if ($v === true || $v === 1 || $v === '1') {
            return true;
        }
        self::bad($v, self::T_BOOL);
    }

    /** A slug [a-z0-9_]{1,32}; with $allowEmpty also ''. Null: "is required" or ''. */
    public static function slug(mixed $v, bool $allowEmpty, bool $required): string
    {
        if (is_string($v)) {
            if (($v === '' && $allowEmpty) || preg_match('/^[a-z0-9_]{1,32}\z/', $v)) {
                return $v;
            }
        } elseif ($v === null) {
            if ($required) {
                self::required();
            }
            return '';
        }
        self::bad($v, self::T_SLUG);
    }

    /** 1 service, 2 meeting. */
    public static function category(mixed $v): int
    {
        if ($v === 'service') {
            return 1;
        }
        if ($v === 'meeting') {
            return 2;
        }
        if ($v === null) {
            self::required();
        }
        self::bad($v, self::T_CATEGORY);
    }

    /** A venue name: valid UTF-8 of at most 200 bytes, returned trimmed. Null is ''. */
    public static function venue(mixed $v, string $text = self::T_VENUE): string
    {
        if ($v === null) {
            return '';
        }
        if (!is_string($v) || strlen($v) > 200 || !preg_match('//u', $v)) {
            self::bad($v, $text);
        }
        return self::trimVenue($v);
    }

    /** A project name: the rules of a venue name, its own message. Null is ''. */
    public static function project(mixed $v): string
    {
        return self::venue($v, self::T_PROJECT);
    }

    /** Trims space, \t \n \v \f \r and U+3000 from both ends. */
    public static function trimVenue(string $s): string
    {
        $a = 0;
        $b = strlen($s);
        while ($a < $b) {
            $c = $s[$a];
            if ($c === ' ' || $c === "\t" || $c === "\n" || $c === "\x0B" || $c === "\f" || $c === "\r") {
                $a++;
            } elseif ($b - $a >= 3 && substr($s, $a, 3) === "\u{3000}") {
                $a += 3;
            } else {
                break;
            }
        }
        while ($b > $a) {
            $c = $s[$b - 1];
            if ($c === ' ' || $c === "\t" || $c === "\n" || $c === "\x0B" || $c === "\f" || $c === "\r") {
                $b--;
            } elseif ($b - $a >= 3 && substr($s, $b - 3, 3) === "\u{3000}") {
                $b -= 3;
            } else {
                break;
            }
        }
        return substr($s, $a, $b - $a);
    }

    /** A leaving reason: 0 none (null or ''), 1..4. */
    public static function leftReason(mixed $v): int
    {
        if ($v === null || $v === '') {
            return 0;
        }
        if (is_string($v) && isset(self::LEFT_REASONS[$v])) {
            return self::LEFT_REASONS[$v];
        }
        self::bad($v, self::T_REASON);
    }

    /** An amount in hundredths; null is $default. */
    public static function amount(mixed $v, ?int $default = 0): ?int
    {
        if (is_int($v)) {
            if ($v >= 0 && $v <= 1000000000) {
                return $v * 100;
            }
        } elseif (is_float($v)) {
            // NaN fails both comparisons; -0.0 >= 0 holds and gives 0.
            if ($v >= 0.0 && $v <= 1e9) {
                return self::floatHundredths($v);
            }
        } elseif (is_string($v)) {
            $h = self::decimalHundredths($v);
            if ($h !== null) {
                return $h;
            }
        } elseif ($v === null) {
            return $default;
        }
        self::bad($v, self::T_AMOUNT);
    }

    /** Hundredths of a float in 0..1e9, rounded half away from zero from its shortest decimal text. */
    public static function floatHundredths(float $f): int
    {
        if ($f < 1e6) {
            // Fast path: when f*100 is this close to an integer, neither the float nor its decimal
            // text can lie near a half-hundredth, so both round to that integer.
            $h = $f * 100.0;
            $r = round($h);
            if (abs($h - $r) < 1e-6) {
                return (int)$r;
            }
        }
        return self::decimalHundredths(self::shortest($f));
    }

    /** The shortest decimal text that reads back as $f (finite), in "d.ddde+X" form. */
    public static function shortest(float $f): string
    {
        for ($p = 15; $p < 17; $p++) {
            $s = sprintf('%.' . ($p - 1) . 'e', $f);
            if ((float)$s === $f) {
                return $s;
            }
        }
        return sprintf('%.16e', $f);
    }

    /**
     * The hundredths of a numeric string [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)? whose exact value lies
     * in 0..1e9, rounded half away from zero on its digits; null when it does not match or is out of
     * bounds.
     */
    public static function decimalHundredths(string $s): ?int
    {
        if (!preg_match('/^([+-]?)(?:([0-9]+)(?:\.([0-9]*))?|\.([0-9]+))(?:[eE]([+-]?[0-9]+))?\z/', $s, $m)) {
            return null;
        }
        $neg = $m[1] === '-';
        $int = $m[2] ?? '';
        $frac = ($m[3] ?? '') . ($m[4] ?? '');
        $exp = $m[5] ?? '';
        // value = 0.D * 10^e, where D = digits without leading zeros
        $digits = ltrim($int . $frac, '0');
        if ($digits === '') {
            return 0; // zero, whatever the sign and the exponent
        }
        if ($neg) {
            return null;
        }
        $lead = strlen($int . $frac) - strlen($digits); // zeros before the first significant digit
        $digits = rtrim($digits, '0');
        // Exponent as an int, clamped (any exponent beyond ±10^9 settles the matter alike).
        $e = 0;
        if ($exp !== '') {
            $esign = $exp[0] === '-' ? -1 : 1;
            $eabs = ltrim($exp, '+-');
            $eabs = ltrim($eabs, '0');
            $e = strlen($eabs) > 10 ? 10000000000 : (int)$eabs;
            $e *= $esign;
        }
        // position of the decimal point relative to the start of $digits
        $point = strlen($int) - $lead + $e; // value = 0.digits * 10^point
        if ($point > 10) {
            return null;
        }
        if ($point === 10 && $digits !== '1') {
            return null; // 1e9 exactly is "1" with the point after 10 digits; anything more is above
        }
        // hundredths = digits * 10^(point + 2 - len)
        $shift = $point + 2 - strlen($digits);
        if ($shift >= 0) {
            return (int)($digits . str_repeat('0', $shift));
        }
        $keep = strlen($digits) + $shift; // digits kept in the integer of hundredths
        if ($keep < 0) {
            return 0;
        }
        $h = $keep === 0 ? 0 : (int)substr($digits, 0, $keep);
        if ($digits[$keep] >= '5') {
            $h++;
        }
        return $h;
    }

    /* ------------------------------------------------------------- printing */

    /** Hundredths as statsJson prints an amount: "12.0", "0.25", "1234.5". */
    public static function formatAmount(int $h): string
    {
        $neg = $h < 0 ? '-' : '';
        $h = abs($h);
        $i = intdiv($h, 100);
        $f = $h % 100;
        if ($f === 0) {
            return $neg . $i . '.0';
        }
        if ($f % 10 === 0) {
            return $neg . $i . '.' . intdiv($f, 10);
        }
        return $neg . $i . '.' . sprintf('%02d', $f);
    }

    /** Ten-thousandths as a ratio prints: "0.0188", "1.0". */
    public static function formatRatio(int $t): string
    {
        $i = intdiv($t, 10000);
        $f = $t % 10000;
        if ($f === 0) {
            return $i . '.0';
        }
        return $i . '.' . rtrim(sprintf('%04d', $f), '0');
    }

    /** num/den in ten-thousandths, rounded half away from zero (num >= 0, den > 0). */
    public static function ratio(int $num, int $den): int
    {
        return intdiv(2 * $num * 10000 + $den, 2 * $den);
    }
}

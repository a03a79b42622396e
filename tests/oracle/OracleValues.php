<?php
/*
 * OracleValues.php - the value rules of STATS.md ("Values"), written plainly for the oracle:
 * dates, "+ 1 year", amounts in hundredths, ratios, names trimmed as venue names are, and
 * the way docs/ENGINE.md section 1 describes a bad value in a message.
 *
 * Written from STATS.md and docs/ENGINE.md only, without reading the engines.
 */

declare(strict_types=1);

final class OracleValues
{
    /** A real calendar date YYYY-MM-DD from 1900-01-01 to 2199-12-31. */
    public static function isDate($v): bool
    {
        if (!is_string($v) || preg_match('/^(\d{4})-(\d{2})-(\d{2})$/', $v, $m) !== 1) {
            return false;
        }
        $y = (int)$m[1];
        return $y >= 1900 && $y <= 2199 && checkdate((int)$m[2], (int)$m[3], $y);
    }

    /** null, '' or a missing key mean "no date" (the rows of the generator are valid). */
    public static function date($v): ?string
    {
        return ($v === null || $v === '') ? null : (string)$v;
    }

    /** "+ 1 year": the same month and day a year later; from 29 February it is 1 March. */
    public static function plusYear(string $d): string
    {
        [$y, $m, $day] = array_map('intval', explode('-', $d));
        if ($m === 2 && $day === 29) {
            return sprintf('%04d-03-01', $y + 1);
        }
        return sprintf('%04d-%02d-%02d', $y + 1, $m, $day);
    }

    /** The date $n days after $d (it may pass 2199-12-31). */
    public static function plusDays(string $d, int $n): string
    {
        $t = new DateTimeImmutable($d . ' 00:00:00', new DateTimeZone('UTC'));
        return $t->modify('+' . $n . ' days')->format('Y-m-d');
    }

    /** The last day of the month of year $y, month $m, as YYYY-MM-DD. */
    public static function lastDay(int $y, int $m): string
    {
        return sprintf('%04d-%02d-%02d', $y, $m, cal_days_in_month(CAL_GREGORIAN, $m, $y));
    }

    /** An int or a canonical decimal digit string, as an int; null when it is neither. */
    public static function integer($v): ?int
    {
        if (is_int($v)) {
            return $v;
        }
        if (is_string($v) && preg_match('/^(0|[1-9][0-9]{0,18})$/', $v) === 1) {
            return (int)$v;
        }
        return null;
    }

    /**
     * An amount as integer hundredths, rounded half away from zero: an int, a float from its
     * shortest round-trip decimal text, a numeric string from its digits.
     */
    public static function hundredths($v): int
    {
        if ($v === null) {
            return 0;
        }
        if (is_int($v)) {
            return $v * 100;
        }
        if (is_float($v)) {
            $v = json_encode($v); // serialize_precision -1: the shortest round-trip text
        }
        if (!is_string($v) || preg_match('/^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/', $v, $m) !== 1) {
            throw new LogicException('oracle: not an amount: ' . var_export($v, true));
        }
        $int = $m[2];
        $frac = $m[3] ?? '';
        $exp = isset($m[4]) && $m[4] !== '' ? (int)$m[4] : 0;
        $digits = ltrim($int . $frac, '0');
        if ($digits === '') {
            return 0;
        }
        // value = digits * 10^(exp - strlen(frac)); we want value * 100.
        $shift = $exp - strlen($frac) + 2;
        if ($shift >= 0) {
            return (int)($digits . str_repeat('0', $shift));
        }
        $keep = strlen($digits) + $shift;            // digits left of the point after * 100
        $whole = $keep > 0 ? (int)substr($digits, 0, $keep) : 0;
        $next = ($keep >= 0 && $keep < strlen($digits)) ? (int)$digits[$keep] : 0;
        return $whole + ($next >= 5 ? 1 : 0);        // half away from zero (values are >= 0)
    }

    /** $num / $den rounded half away from zero to 4 decimals, as ten-thousandths (both >= 0, $den > 0). */
    public static function ratio(int $num, int $den): int
    {
        return intdiv(2 * $num * 10000 + $den, 2 * $den);
    }

    /** Hundredths as statsJson prints an amount: always a point, at most 2 decimals, no trailing zeros. */
    public static function amountText(int $h): string
    {
        return self::fixed($h, 100, 2);
    }

    /** Ten-thousandths as statsJson prints a ratio. */
    public static function ratioText(int $t): string
    {
        return self::fixed($t, 10000, 4);
    }

    private static function fixed(int $n, int $unit, int $places): string
    {
        $frac = rtrim(sprintf('%0' . $places . 'd', $n % $unit), '0');
        return intdiv($n, $unit) . '.' . ($frac === '' ? '0' : $frac);
    }

    /** Trimmed of leading and trailing space, \t \n \v \f \r and U+3000; null when blank. */
    public static function name($v): ?string
    {
        if ($v === null) {
            return null;
        }
        $t = preg_replace('/^[ \t\n\x0B\f\r\x{3000}]+|[ \t\n\x0B\f\r\x{3000}]+$/u', '', (string)$v);
        if ($t === null) {
            throw new LogicException('oracle: a name that is not UTF-8');
        }
        return $t === '' ? null : $t;
    }

    public static function isSlug($v): bool
    {
        return is_string($v) && preg_match('/^[a-z0-9_]{1,32}$/', $v) === 1;
    }

    public static function isUtf8(string $s): bool
    {
        return preg_match('//u', $s) === 1;
    }

    /** docs/ENGINE.md section 1: how a message describes a value. */
    public static function describe($v): string
    {
        if (is_string($v)) {
            if (strlen($v) <= 40 && self::isUtf8($v) && preg_match('/[\x00-\x1F\x7F"\\\\]/', $v) !== 1) {
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
        return is_array($v) ? 'an array' : 'an object';
    }

    /** An unknown query key as docs/ENGINE.md prints it. */
    public static function keyText($k): string
    {
        if (is_int($k)) {
            return (string)$k;
        }
        if (strlen($k) <= 64 && self::isUtf8($k) && preg_match('/[\x00-\x1F\x7F"\\\\]/', $k) !== 1) {
            return $k;
        }
        return 'a string';
    }

    /** A string as toJson escapes it (jansson: \" \\ \n \r \t \b \f, other controls \u00XX). */
    public static function jsonString(string $s): string
    {
        $out = '"';
        $map = ['"' => '\\"', '\\' => '\\\\', "\n" => '\\n', "\r" => '\\r', "\t" => '\\t',
            "\x08" => '\\b', "\x0C" => '\\f'];
        for ($i = 0, $n = strlen($s); $i < $n; $i++) {
            $c = $s[$i];
            if (isset($map[$c])) {
                $out .= $map[$c];
            } elseif (ord($c) < 0x20) {
                $out .= sprintf('\\u%04X', ord($c));
            } else {
                $out .= $c;
            }
        }
        return $out . '"';
    }
}

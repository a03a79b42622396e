<?php
/**
 * Snapshot.php - the binary snapshot file (docs/snapshot.md, format version 1) for the pure-PHP twin:
 * the same bytes as the extension writes, and the same checks, in the same order, with the same
 * messages as its loader (src/core/snapshot.c). Internal.
 */

namespace Dangjian\Fallback;

use Dangjian\CorruptSnapshot;
use Dangjian\Exception;
use Dangjian\InvalidRecord;

/** @internal */
final class Snapshot
{
    private const MAGIC = "DJSNAP\r\n";
    private const VERSION = 1;
    private const HEADER = 32;
    private const MAX_AMOUNT = 100000000000; // 1e9 in hundredths
    private const MAX_STRING = 200;
    private const PERSON_BYTES = 4 + 1 + 1 + 4 * 7;
    private const HEADCOUNT_BYTES = 8;
    private const ACTIVITY_BYTES = 4 + 4 + 1 + 4 * 3 + 8 * 3 + 4 + 4;
    private const PART_BYTES = 12;
    private const DATE_NAMES = ['applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on',
        'left_on'];

    private static int $counter = 0;

    /* --------------------------------------------------------------- writing */

    /** The snapshot bytes. The string table is the store's: '' first, then kinds, venue kinds and venues
     *  in the order activities first used them, as the extension numbers them. */
    public static function dump(Store $s): string
    {
        $p = pack('V', count($s->strings));
        foreach ($s->strings as $str) {
            $p .= pack('V', strlen($str)) . $str;
        }
        $p .= pack('V', count($s->pId)) . self::u32s($s->pId) . self::u8s($s->pStaff) . self::u8s($s->pReason);
        foreach ($s->pDates as $col) {
            $p .= self::u32s($col);
        }
        $p .= pack('V', count($s->hcDate)) . self::u32s($s->hcDate) . self::u32s($s->hcCount);
        $p .= pack('V', count($s->aId)) . self::u32s($s->aId) . self::u32s($s->aDate) . self::u8s($s->aCat)
            . self::u32s($s->aKind) . self::u32s($s->aVenueKind) . self::u32s($s->aVenue)
            . self::u64s($s->aHours) . self::u64s($s->aFee) . self::u64s($s->aDonation) . self::u32s($s->aBenef);
        $np = [];
        $starts = $s->aPartStart;
        $n = count($s->aId);
        for ($i = 0; $i < $n; $i++) {
            $np[] = $starts[$i + 1] - $starts[$i];
        }
        $p .= self::u32s($np);
        $p .= pack('V', count($s->partPerson)) . self::u32s($s->partPerson) . self::u64s($s->partHours);
        return self::MAGIC . pack('VVPP', self::VERSION, crc32($p), strlen($p), 0) . $p;
    }

    private static function u32s(array $a): string
    {
        return $a ? pack('V*', ...$a) : '';
    }

    private static function u8s(array $a): string
    {
        return $a ? pack('C*', ...$a) : '';
    }

    private static function u64s(array $a): string
    {
        return $a ? pack('P*', ...$a) : '';
    }

    /** The text of the last PHP warning after its last ": " (the system's strerror text). */
    private static function reason(string $fallback): string
    {
        $e = error_get_last();
        if ($e === null) {
            return $fallback;
        }
        $m = $e['message'];
        $k = strrpos($m, ': ');
        return $k === false ? $m : substr($m, $k + 2);
    }

    /**
     * Writes the snapshot atomically: "<path>.tmp.<pid>.<n>" created exclusively, written, fsynced,
     * renamed over path. On failure the temporary file is removed and Dangjian\Exception
     * "cannot write <path>: <reason>" is thrown; path is then untouched.
     */
    public static function save(Store $s, string $path): void
    {
        $bytes = self::dump($s);
        error_clear_last();
        $fh = false;
        $tmp = '';
        for ($attempt = 0; $attempt < 100; $attempt++) {
            $tmp = $path . '.tmp.' . getmypid() . '.' . self::$counter++;
            $fh = @fopen($tmp, 'xb');
            if ($fh !== false || file_exists($tmp) === false) {
                break;
            }
        }
        if ($fh === false) {
            throw new Exception("cannot write $path: " . self::reason('cannot create a temporary file'));
        }
        $ok = true;
        for ($off = 0, $len = strlen($bytes); $off < $len;) {
            $w = @fwrite($fh, substr($bytes, $off, 1 << 26));
            if ($w === false || $w === 0) {
                $ok = false;
                break;
            }
            $off += $w;
        }
        $ok = $ok && @fflush($fh) && @fsync($fh);
        $ok = @fclose($fh) && $ok;
        if (!$ok) {
            $why = self::reason('write failed');
            @unlink($tmp);
            throw new Exception("cannot write $path: $why");
        }
        if (!@rename($tmp, $path)) {
            $why = self::reason('rename failed');
            @unlink($tmp);
            throw new Exception("cannot write $path: $why");
        }
    }

    /* --------------------------------------------------------------- reading */

    /**
     * Reads a snapshot file.
     * @throws Exception "cannot read <path>: <reason>" when it cannot be read
     * @throws CorruptSnapshot "snapshot <path>: <what>"
     */
    public static function load(string $path): Store
    {
        error_clear_last();
        if (is_dir($path)) {
            throw new Exception("cannot read $path: Is a directory");
        }
        $bytes = @file_get_contents($path);
        if ($bytes === false) {
            throw new Exception("cannot read $path: " . self::reason('read failed'));
        }
        return self::parse($bytes, $path);
    }

    private static function corrupt(string $label, string $what): never
    {
        throw new CorruptSnapshot("snapshot $label: $what");
    }

    private static function i32(int $u): int
    {
        return $u >= 0x80000000 ? $u - 0x100000000 : $u;
    }

    /** Signed 32-bit values of a column. */
    private static function col32(string $d, int $off, int $n): array
    {
        if ($n === 0) {
            return [];
        }
        $out = [];
        foreach (unpack("V$n", $d, $off) as $u) {
            $out[] = $u >= 0x80000000 ? $u - 0x100000000 : $u;
        }
        return $out;
    }

    private static function colU32(string $d, int $off, int $n): array
    {
        return $n === 0 ? [] : array_values(unpack("V$n", $d, $off));
    }

    private static function col8(string $d, int $off, int $n): array
    {
        return $n === 0 ? [] : array_values(unpack("C$n", $d, $off));
    }

    private static function col64(string $d, int $off, int $n): array
    {
        return $n === 0 ? [] : array_values(unpack("P$n", $d, $off)); // signed on a 64-bit PHP
    }

    /** Parses snapshot bytes; $label names the file in messages. */
    public static function parse(string $d, string $label): Store
    {
        $len = strlen($d);
        if ($len < self::HEADER) {
            self::corrupt($label, 'truncated');
        }
        if (substr($d, 0, 8) !== self::MAGIC) {
            self::corrupt($label, 'not a dangjian snapshot');
        }
        $h = unpack('Vversion/Vcrc/Ppayload/Preserved', $d, 8);
        if ($h['version'] !== self::VERSION) {
            self::corrupt($label, 'version ' . $h['version'] . ' is not supported');
        }
        $payload = $h['payload'];
        // a u64 above 2^63 reads as negative: it is larger than any file
        if ($payload < 0 || $payload > $len - self::HEADER) {
            self::corrupt($label, 'truncated');
        }
        if ($payload < $len - self::HEADER) {
            self::corrupt($label, 'damaged (trailing bytes)');
        }
        if (crc32(substr($d, self::HEADER)) !== $h['crc']) {
            self::corrupt($label, 'checksum mismatch');
        }
        if ($h['reserved'] !== 0) {
            self::corrupt($label, 'damaged (reserved)');
        }

        // bounds of every section
        $pos = self::HEADER;
        if ($len - $pos < 4) {
            self::corrupt($label, 'truncated');
        }
        $ns = unpack('V', $d, $pos)[1];
        $pos += 4;
        $soff = [];
        $slen = [];
        for ($i = 0; $i < $ns; $i++) {
            if ($len - $pos < 4) {
                self::corrupt($label, 'truncated');
            }
            $sl = unpack('V', $d, $pos)[1];
            $pos += 4;
            if ($sl > $len - $pos) {
                self::corrupt($label, 'truncated');
            }
            $soff[] = $pos;
            $slen[] = $sl;
            $pos += $sl;
        }
        $sections = [];
        foreach ([self::PERSON_BYTES, self::HEADCOUNT_BYTES, self::ACTIVITY_BYTES, self::PART_BYTES] as $unit) {
            if ($len - $pos < 4) {
                self::corrupt($label, 'truncated');
            }
            $count = unpack('V', $d, $pos)[1];
            $pos += 4;
            if ($count > intdiv($len - $pos, $unit)) {
                self::corrupt($label, 'truncated');
            }
            $sections[] = [$pos, $count];
            $pos += $count * $unit;
        }
        if ($pos !== $len) {
            self::corrupt($label, 'damaged (trailing bytes)');
        }

        // strings
        if ($ns === 0) {
            self::corrupt($label, 'damaged (no strings)');
        }
        $strings = [];
        for ($i = 0; $i < $ns; $i++) {
            if ($i === 0 && $slen[0] !== 0) {
                self::corrupt($label, 'damaged (string 0 is not empty)');
            }
            if ($slen[$i] > self::MAX_STRING) {
                self::corrupt($label, "damaged (string $i is too long)");
            }
            $str = substr($d, $soff[$i], $slen[$i]);
            if (!preg_match('//u', $str)) {
                self::corrupt($label, "damaged (string $i is not UTF-8)");
            }
            $strings[] = $str;
        }

        $store = new Store();
        try {
            self::people($store, $d, $sections[0], $label);
            self::headcount($store, $d, $sections[1], $label);
            self::activities($store, $d, $sections[2], $sections[3], $strings, $label);
        } catch (InvalidRecord $e) {
            self::corrupt($label, 'damaged (' . $e->getMessage() . ')');
        }
        return $store;
    }

    private static function dateOk(int $v): bool
    {
        return $v >= Values::DATE_MIN && $v <= Values::DATE_MAX;
    }

    private static function people(Store $store, string $d, array $sec, string $label): void
    {
        [$off, $n] = $sec;
        $ids = self::col32($d, $off, $n);
        $staff = self::col8($d, $off + 4 * $n, $n);
        $reason = self::col8($d, $off + 5 * $n, $n);
        $dates = [];
        for ($k = 0; $k < 7; $k++) {
            $dates[$k] = self::col32($d, $off + 6 * $n + 4 * $n * $k, $n);
        }
        $no = Values::NO_DATE;
        $seen = [];
        $max = $no;
        for ($i = 0; $i < $n; $i++) {
            if ($ids[$i] < 1) {
                self::corrupt($label, "damaged (people[$i].id)");
            }
            if ($staff[$i] > 1) {
                self::corrupt($label, "damaged (people[$i].is_staff)");
            }
            if ($reason[$i] > 4) {
                self::corrupt($label, "damaged (people[$i].left_reason)");
            }
            $prev = $no;
            $start = $no;
            for ($k = 0; $k < 7; $k++) {
                $v = $dates[$k][$i];
                if ($v !== $no && !self::dateOk($v)) {
                    self::corrupt($label, "damaged (people[$i]." . self::DATE_NAMES[$k] . ')');
                }
                if ($k <= 4 && $v !== $no) {
                    if ($prev !== $no && $v < $prev) {
                        self::corrupt($label, "damaged (people[$i]." . self::DATE_NAMES[$k] . ')');
                    }
                    if ($prev === $no || $v > $prev) {
                        $prev = $v;
                    }
                    if ($start === $no) {
                        $start = $v;
                    }
                }
                if ($v > $max) {
                    $max = $v;
                }
            }
            if ($dates[5][$i] !== $no) {
                $start = $dates[5][$i];
            }
            if ($dates[6][$i] !== $no && $start !== $no && $dates[6][$i] < $start) {
                self::corrupt($label, "damaged (people[$i].left_on)");
            }
            if (isset($seen[$ids[$i]])) {
                throw new InvalidRecord("people[$i].id: duplicate id " . $ids[$i]);
            }
            $seen[$ids[$i]] = $i;
        }
        $store->pId = $ids;
        $store->pStaff = $staff;
        $store->pReason = $reason;
        $store->pDates = $dates;
        $store->personRow = $seen;
        $store->maxDate = $max;
    }

    private static function headcount(Store $store, string $d, array $sec, string $label): void
    {
        [$off, $n] = $sec;
        $dates = self::col32($d, $off, $n);
        $counts = self::col32($d, $off + 4 * $n, $n);
        for ($i = 0; $i < $n; $i++) {
            if (!self::dateOk($dates[$i]) || ($i > 0 && $dates[$i] <= $dates[$i - 1])) {
                self::corrupt($label, "damaged (headcount[$i].date)");
            }
            if ($counts[$i] < 0) {
                self::corrupt($label, "damaged (headcount[$i].count)");
            }
        }
        $store->hcDate = $dates;
        $store->hcCount = $counts;
    }

    private static function slugOk(string $s): bool
    {
        return (bool)preg_match('/^[a-z0-9_]{1,32}\z/', $s);
    }

    private static function trimmed(string $s): bool
    {
        return Values::trimVenue($s) === $s;
    }

    private static function activities(Store $store, string $d, array $sec, array $psec, array $strings,
        string $label): void
    {
        [$off, $n] = $sec;
        [$poff, $m] = $psec;
        $ns = count($strings);
        $ids = self::col32($d, $off, $n);
        $dates = self::col32($d, $off + 4 * $n, $n);
        $cats = self::col8($d, $off + 8 * $n, $n);
        $kinds = self::colU32($d, $off + 9 * $n, $n);
        $vks = self::colU32($d, $off + 13 * $n, $n);
        $venues = self::colU32($d, $off + 17 * $n, $n);
        $hours = self::col64($d, $off + 21 * $n, $n);
        $fees = self::col64($d, $off + 29 * $n, $n);
        $dons = self::col64($d, $off + 37 * $n, $n);
        $bens = self::col32($d, $off + 45 * $n, $n);
        $nps = self::colU32($d, $off + 49 * $n, $n);
        $pids = self::col32($d, $poff, $m);
        $phours = self::col64($d, $poff + 4 * $m, $m);
        $amountOk = static fn (int $a): bool => $a >= 0 && $a <= self::MAX_AMOUNT;

        // the activities are checked as the extension does, then given to the store directly
        $seen = [];
        $used = 0;
        $starts = [0];
        $max = $store->maxDate;
        for ($i = 0; $i < $n; $i++) {
            $bad = null;
            $ki = $kinds[$i];
            $vki = $vks[$i];
            $vi = $venues[$i];
            $k = $nps[$i];
            if ($ids[$i] < 1) {
                $bad = 'id';
            } elseif (!self::dateOk($dates[$i])) {
                $bad = 'date';
            } elseif ($cats[$i] !== 1 && $cats[$i] !== 2) {
                $bad = 'category';
            } elseif ($ki >= $ns || !self::slugOk($strings[$ki])) {
                $bad = 'kind';
            } elseif ($vki >= $ns || ($strings[$vki] !== '' && !self::slugOk($strings[$vki]))) {
                $bad = 'venue_kind';
            } elseif ($vi >= $ns || !self::trimmed($strings[$vi])) {
                $bad = 'venue';
            } elseif (!$amountOk($hours[$i])) {
                $bad = 'hours';
            } elseif (!$amountOk($fees[$i])) {
                $bad = 'fee_waived';
            } elseif (!$amountOk($dons[$i])) {
                $bad = 'donation';
            } elseif ($bens[$i] < 0) {
                $bad = 'beneficiaries';
            } elseif ($k > $m - $used) {
                $bad = 'n_participants';
            }
            if ($bad !== null) {
                self::corrupt($label, "damaged (activities[$i].$bad)");
            }
            for ($j = 0; $j < $k; $j++) {
                $p = $used + $j;
                if ($pids[$p] < 1 || !$amountOk($phours[$p])) {
                    self::corrupt($label, "damaged (activities[$i].participants[$j]."
                        . ($pids[$p] < 1 ? 'id' : 'hours') . ')');
                }
            }
            // the relational rules, as addActivities words them (participants in the array form)
            if (isset($seen[$ids[$i]])) {
                throw new InvalidRecord("activities[$i].id: duplicate id " . $ids[$i]);
            }
            $inThis = [];
            for ($j = 0; $j < $k; $j++) {
                $pid = $pids[$used + $j];
                if (!isset($store->personRow[$pid])) {
                    throw new InvalidRecord("activities[$i].participants[$j].id: unknown person $pid");
                }
                if (isset($inThis[$pid])) {
                    throw new InvalidRecord("activities[$i].participants[$j].id: duplicate participant $pid");
                }
                $inThis[$pid] = true;
            }
            $seen[$ids[$i]] = true;
            $used += $k;
            $starts[] = $used;
            if ($dates[$i] > $max) {
                $max = $dates[$i];
            }
        }
        if ($used !== $m) {
            self::corrupt($label, 'damaged (participations)');
        }
        // strings: renumbered in the store's own order (first use by activity: kind, venue kind, venue),
        // which is the order a snapshot is written in
        $map = [];
        $store->aId = $ids;
        $store->activityIds = $seen;
        $store->aDate = $dates;
        $store->aCat = $cats;
        $store->aHours = $hours;
        $store->aFee = $fees;
        $store->aDonation = $dons;
        $store->aBenef = $bens;
        $store->aPartStart = $starts;
        $store->partPerson = $pids;
        $store->partHours = $phours;
        $ak = $avk = $av = [];
        for ($i = 0; $i < $n; $i++) {
            $ak[] = $map[$kinds[$i]] ??= $store->intern($strings[$kinds[$i]]);
            $avk[] = $map[$vks[$i]] ??= $store->intern($strings[$vks[$i]]);
            $av[] = $map[$venues[$i]] ??= $store->intern($strings[$venues[$i]]);
        }
        $store->aKind = $ak;
        $store->aVenueKind = $avk;
        $store->aVenue = $av;
        $store->maxDate = $max;
    }
}

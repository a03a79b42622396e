<?php
/**
 * Snapshot.php - the binary snapshot file (docs/snapshot.md, format version 3) for the pure-PHP twin:
 * the same bytes as the extension writes, and the same checks, in the same order, with the same
 * messages as its loader (src/core/snapshot.c). Internal.
 */

namespace Dangjian\Fallback;

use Dangjian\CorruptSnapshot;
use Dangjian\InvalidRecord;

/** @internal */
final class Snapshot
{
    private const MAGIC = "DJSNAP\r\n";
    private const VERSION = 3;
    private const ESC = 0xFFFFFFFF; // an amount column's escape: the value is in the big-amount table
    private const HEADER = 32;
    private const MAX_AMOUNT = 100000000000; // 1e9 in hundredths
    private const MAX_STRING = 200;
    private const PERSON_BYTES = 4 + 1 + 1 + 4 * 8;
    private const HEADCOUNT_BYTES = 8;
    private const KIND_BYTES = 5;
    private const PLACE_BYTES = 8;
    private const ACTIVITY_BYTES = 40;
    private const BIG_BYTES = 12;
    private const PART_BYTES = 8;
    private const DATE_NAMES = ['applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on',
        'left_on', 'hired_on'];

    /* --------------------------------------------------------------- writing */

    /** The snapshot bytes (header and payload) in one string. */
    public static function dump(Store $s): string
    {
        $p = '';
        self::write($s, function (string $piece) use (&$p): void {
            $p .= $piece;
        });
        return self::header(crc32($p), strlen($p)) . $p;
    }

    /** The 32-byte header for a payload of $length bytes with CRC $crc. */
    public static function header(int $crc, int $length): string
    {
        return self::MAGIC . pack('VVPP', self::VERSION, $crc, $length, 0);
    }

    /**
     * Emits the payload piece by piece, never a whole column at once (save() streams it to the file
     * with a running CRC). Kinds and places in the order activities first use them; strings in the
     * order of first use by activity (kind, venue kind, venue, project), as the extension writes them.
     */
    public static function write(Store $s, callable $emit): void
    {
        $n = count($s->aId);
        $kindIdx = $placeIdx = [];
        $kCat = $kStr = $plVk = $plVenue = [];
        $strMap = [0 => 0];
        $strs = [''];
        $see = static function (int $si) use (&$strMap, &$strs, $s): int {
            if (!isset($strMap[$si])) {
                $strMap[$si] = count($strs);
                $strs[] = $s->strings[$si];
            }
            return $strMap[$si];
        };
        [$cat, $ak, $avk, $av, $apj] = [$s->aCat, $s->aKind, $s->aVenueKind, $s->aVenue, $s->aProject];
        for ($i = 0; $i < $n; $i++) {
            $kk = $cat[$i] . ':' . $ak[$i];
            if (!isset($kindIdx[$kk])) {
                $kindIdx[$kk] = count($kCat);
                $kCat[] = $cat[$i];
                $kStr[] = $see($ak[$i]);
            }
            $pk = $avk[$i] . ':' . $av[$i];
            if (!isset($placeIdx[$pk])) {
                $placeIdx[$pk] = count($plVk);
                $plVk[] = $see($avk[$i]);
                $plVenue[] = $see($av[$i]);
            }
            $see($apj[$i]);
        }
        $p = pack('V', count($strs));
        foreach ($strs as $str) {
            $p .= pack('V', strlen($str)) . $str;
        }
        $emit($p . pack('V', count($s->pId)));
        self::column($emit, $s->pId);
        self::column($emit, $s->pStaff, null, 'C');
        self::column($emit, $s->pReason, null, 'C');
        foreach ($s->pDates as $col) {
            self::column($emit, $col);
        }
        self::column($emit, $s->pHired);
        $emit(pack('V', count($s->hcDate)) . self::u32s($s->hcDate) . self::u32s($s->hcCount)
            . pack('V', count($kCat)) . self::u8s($kCat) . self::u32s($kStr)
            . pack('V', count($plVk)) . self::u32s($plVk) . self::u32s($plVenue) . pack('V', $n));
        self::column($emit, $s->aId);
        self::column($emit, $s->aDate);
        self::column($emit, $s->aKind, static fn (int $r): int => $kindIdx[$cat[$r] . ':' . $ak[$r]]);
        self::column($emit, $s->aVenueKind, static fn (int $r): int => $placeIdx[$avk[$r] . ':' . $av[$r]]);
        self::column($emit, $s->aProject, static fn (int $r): int => $strMap[$apj[$r]]);
        $big = [self::amounts($emit, $s->aHours), self::amounts($emit, $s->aFee), self::amounts($emit, $s->aDonation)];
        self::column($emit, $s->aBenef);
        $ends = $s->aPartStart;
        self::column($emit, $ends, static fn (int $r): int => $ends[$r + 1], 'V', $n);
        $emit(implode('', $big) . pack('V', count($s->partPerson)));
        $row = $s->personRow;
        $persons = $s->partPerson;
        self::column($emit, $persons, static fn (int $r): int => $row[$persons[$r]]);
        $emit(self::amounts($emit, $s->partHours));
    }

    /**
     * Emits a column of $n values (all of $a by default) in pieces of 8192, each value $map(row) when a
     * map is given, as u32 ('V') or u8 ('C').
     */
    private static function column(callable $emit, array $a, ?callable $map = null, string $code = 'V', ?int $n = null): void
    {
        $n ??= count($a);
        for ($off = 0; $off < $n; $off += 8192) {
            $end = min($n, $off + 8192);
            if ($map === null) {
                $chunk = array_slice($a, $off, $end - $off);
            } else {
                $chunk = [];
                for ($r = $off; $r < $end; $r++) {
                    $chunk[] = $map($r);
                }
            }
            $emit(pack($code . '*', ...$chunk));
        }
    }

    /**
     * Emits an amount column (hundredths), a value from ESC up written as ESC, and returns its
     * big-amount table (count, rows, values) to emit after the column's section.
     */
    private static function amounts(callable $emit, array $a): string
    {
        if (!$a || max($a) < self::ESC) {
            self::column($emit, $a);
            return pack('V', 0);
        }
        $rows = $vals = [];
        foreach ($a as $i => $v) {
            if ($v >= self::ESC) {
                $rows[] = $i;
                $vals[] = $v;
            }
        }
        self::column($emit, $a, static fn (int $r): int => min($a[$r], self::ESC));
        return pack('V', count($rows)) . self::u32s($rows) . self::u64s($vals);
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
        foreach ([self::PERSON_BYTES, self::HEADCOUNT_BYTES, self::KIND_BYTES, self::PLACE_BYTES, self::ACTIVITY_BYTES,
            self::BIG_BYTES, self::BIG_BYTES, self::BIG_BYTES, self::PART_BYTES, self::BIG_BYTES] as $unit) {
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
        $seenStr = [];
        foreach ($strings as $i => $str) {
            if (isset($seenStr[$str])) {
                self::corrupt($label, "damaged (string $i is a duplicate)");
            }
            $seenStr[$str] = true;
        }

        $store = new Store();
        try {
            self::people($store, $d, $sections[0], $label);
            self::headcount($store, $d, $sections[1], $label);
            self::activities($store, $d, $sections, $strings, $label);
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
        for ($k = 0; $k < 8; $k++) {
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
            for ($k = 0; $k < 8; $k++) {
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
                if ($v > $max && $k < 7) { // hired_on is not a roster date
                    $max = $v;
                }
            }
            if ($dates[5][$i] !== $no) {
                $start = $dates[5][$i];
            }
            if ($dates[6][$i] !== $no && $start !== $no && $dates[6][$i] < $start) {
                self::corrupt($label, "damaged (people[$i].left_on)");
            }
        }
        for ($i = 0; $i < $n; $i++) {
            if (isset($seen[$ids[$i]])) {
                throw new InvalidRecord("people[$i].id: duplicate id " . $ids[$i]);
            }
            $seen[$ids[$i]] = $i;
        }
        $store->pId = $ids;
        $store->pStaff = $staff;
        $store->pReason = $reason;
        $store->pHired = array_pop($dates);
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

    /** A big-amount table at $off for the amount column $col: rows ascending, below count($col), each an
     *  escape; values from the escape to the maximum; as many entries as escapes. Returns [row => value]. */
    private static function big(string $d, array $sec, array $col, string $name, string $label): array
    {
        [$off, $c] = $sec;
        $rows = self::colU32($d, $off, $c);
        $vals = self::col64($d, $off + 4 * $c, $c);
        $n = count($col);
        $out = [];
        for ($e = 0; $e < $c; $e++) {
            $row = $rows[$e];
            if ($row >= $n || ($e > 0 && $row <= $rows[$e - 1]) || $col[$row] !== self::ESC) {
                self::corrupt($label, "damaged ({$name}[$e].row)");
            }
            if ($vals[$e] < self::ESC || $vals[$e] > self::MAX_AMOUNT) {
                self::corrupt($label, "damaged ({$name}[$e].value)");
            }
            $out[$row] = $vals[$e];
        }
        $esc = $n === 0 ? 0 : (array_count_values($col)[self::ESC] ?? 0);
        if ($esc !== $c) {
            self::corrupt($label, "damaged ($name.count)");
        }
        return $out;
    }

    /**
     * The kinds (category, kind slug) and places (venue kind slug or '', trimmed venue) sections, each
     * pair once. Returns [kind categories, kind strings, place venue kinds, place venues].
     */
    private static function kindsAndPlaces(string $d, array $sections, array $strings, string $label): array
    {
        $ns = count($strings);
        [$off, $nk] = $sections[2];
        $kCat = self::col8($d, $off, $nk);
        $kStr = self::colU32($d, $off + $nk, $nk);
        $seen = [];
        for ($k = 0; $k < $nk; $k++) {
            if ($kCat[$k] !== 1 && $kCat[$k] !== 2) {
                self::corrupt($label, "damaged (kinds[$k].category)");
            }
            if ($kStr[$k] >= $ns || !self::slugOk($strings[$kStr[$k]])) {
                self::corrupt($label, "damaged (kinds[$k].kind)");
            }
        }
        for ($k = 0; $k < $nk; $k++) {
            $key = $kCat[$k] . ':' . $kStr[$k];
            if (isset($seen[$key])) {
                self::corrupt($label, "damaged (kinds[$k] is a duplicate)");
            }
            $seen[$key] = true;
        }
        [$off, $npl] = $sections[3];
        $plVk = self::colU32($d, $off, $npl);
        $plVenue = self::colU32($d, $off + 4 * $npl, $npl);
        $seen = [];
        for ($k = 0; $k < $npl; $k++) {
            $vk = $plVk[$k];
            if ($vk >= $ns || ($vk !== 0 && !self::slugOk($strings[$vk]))) {
                self::corrupt($label, "damaged (places[$k].venue_kind)");
            }
            if ($plVenue[$k] >= $ns || !self::trimmed($strings[$plVenue[$k]])) {
                self::corrupt($label, "damaged (places[$k].venue)");
            }
        }
        for ($k = 0; $k < $npl; $k++) {
            $key = $plVk[$k] . ':' . $plVenue[$k];
            if (isset($seen[$key])) {
                self::corrupt($label, "damaged (places[$k] is a duplicate)");
            }
            $seen[$key] = true;
        }
        return [$kCat, $kStr, $plVk, $plVenue];
    }

    private static function activities(Store $store, string $d, array $sections, array $strings, string $label): void
    {
        $ns = count($strings);
        [$kCat, $kStr, $plVk, $plVenue] = self::kindsAndPlaces($d, $sections, $strings, $label);
        $nk = count($kCat);
        $npl = count($plVk);

        [$off, $n] = $sections[4];
        [$poff, $m] = $sections[8];
        $ids = self::col32($d, $off, $n);
        $dates = self::col32($d, $off + 4 * $n, $n);
        $kinds = self::colU32($d, $off + 8 * $n, $n);
        $places = self::colU32($d, $off + 12 * $n, $n);
        $projects = self::colU32($d, $off + 16 * $n, $n);
        $hours = self::colU32($d, $off + 20 * $n, $n);
        $fees = self::colU32($d, $off + 24 * $n, $n);
        $dons = self::colU32($d, $off + 28 * $n, $n);
        $bens = self::col32($d, $off + 32 * $n, $n);
        $ends = self::colU32($d, $off + 36 * $n, $n);
        $max = $store->maxDate;
        $prev = 0;
        for ($i = 0; $i < $n; $i++) {
            $bad = null;
            if ($ids[$i] < 1) {
                $bad = 'id';
            } elseif (!self::dateOk($dates[$i])) {
                $bad = 'date';
            } elseif ($kinds[$i] >= $nk) {
                $bad = 'kind';
            } elseif ($places[$i] >= $npl) {
                $bad = 'place';
            } elseif ($projects[$i] >= $ns || !self::trimmed($strings[$projects[$i]])) {
                $bad = 'project';
            } elseif ($bens[$i] < 0) {
                $bad = 'beneficiaries';
            } elseif ($ends[$i] < $prev || $ends[$i] > $m) {
                $bad = 'end';
            }
            if ($bad !== null) {
                self::corrupt($label, "damaged (activities[$i].$bad)");
            }
            $prev = $ends[$i];
            if ($dates[$i] > $max) {
                $max = $dates[$i];
            }
        }
        if ($prev !== $m) {
            self::corrupt($label, 'damaged (participations)');
        }
        $seen = [];
        for ($i = 0; $i < $n; $i++) {
            if (isset($seen[$ids[$i]])) {
                self::corrupt($label, "damaged (activities[$i].id: duplicate id " . $ids[$i] . ')');
            }
            $seen[$ids[$i]] = true;
        }
        $bigH = self::big($d, $sections[5], $hours, 'big_hours', $label);
        $bigF = self::big($d, $sections[6], $fees, 'big_fee_waived', $label);
        $bigD = self::big($d, $sections[7], $dons, 'big_donation', $label);
        foreach ($bigH as $row => $v) {
            $hours[$row] = $v;
        }
        foreach ($bigF as $row => $v) {
            $fees[$row] = $v;
        }
        foreach ($bigD as $row => $v) {
            $dons[$row] = $v;
        }

        // participations: person rows in range, then unique within each activity
        $persons = self::colU32($d, $poff, $m);
        $phours = self::colU32($d, $poff + 4 * $m, $m);
        $np = count($store->pId);
        if ($m > 0 && max($persons) >= $np) {
            $i = 0;
            foreach ($persons as $j => $pr) {
                if ($pr >= $np) {
                    while ($ends[$i] <= $j) {
                        $i++;
                    }
                    $j0 = $i > 0 ? $ends[$i - 1] : 0;
                    self::corrupt($label, "damaged (activities[$i].participants[" . ($j - $j0) . '].person)');
                }
            }
        }
        $pIds = $store->pId;
        $j = 0;
        for ($i = 0; $i < $n; $i++) {
            $e = $ends[$i];
            if ($e - $j > 1) {
                $inThis = [];
                for ($j0 = $j; $j < $e; $j++) {
                    $pr = $persons[$j];
                    if (isset($inThis[$pr])) {
                        self::corrupt($label, "damaged (activities[$i].participants[" . ($j - $j0)
                            . '].id: duplicate participant ' . $pIds[$pr] . ')');
                    }
                    $inThis[$pr] = true;
                }
            }
            $j = $e;
        }
        foreach (self::big($d, $sections[9], $phours, 'big_participant_hours', $label) as $row => $v) {
            $phours[$row] = $v;
        }
        $pids = [];
        foreach ($persons as $pr) {
            $pids[] = $pIds[$pr];
        }

        // strings: renumbered in the store's own order (first use by activity: kind, venue kind, venue),
        // which is the order a snapshot is written in
        $store->aId = $ids;
        $store->activityIds = $seen;
        $store->aDate = $dates;
        $store->aHours = $hours;
        $store->aFee = $fees;
        $store->aDonation = $dons;
        $store->aBenef = $bens;
        $store->aPartStart = array_merge([0], $ends);
        $store->partPerson = $pids;
        $store->partHours = $phours;
        $kMap = $pMap = $jMap = [];
        $ac = $ak = $avk = $av = $apj = [];
        for ($i = 0; $i < $n; $i++) {
            $k = $kinds[$i];
            if (!isset($kMap[$k])) {
                $kMap[$k] = [$kCat[$k], $store->intern($strings[$kStr[$k]])];
            }
            [$ac[], $ak[]] = $kMap[$k];
            $q = $places[$i];
            if (!isset($pMap[$q])) {
                $vkI = $store->intern($strings[$plVk[$q]]);
                $pMap[$q] = [$vkI, $store->intern($strings[$plVenue[$q]])];
            }
            [$avk[], $av[]] = $pMap[$q];
            $apj[] = $jMap[$projects[$i]] ??= $store->intern($strings[$projects[$i]]);
        }
        $store->aCat = $ac;
        $store->aKind = $ak;
        $store->aVenueKind = $avk;
        $store->aVenue = $av;
        $store->aProject = $apj;
        $store->maxDate = $max;
    }
}

<?php
/**
 * Json.php - the dataset's JSON format for the pure-PHP twin: toJson() exactly as docs/ENGINE.md §6
 * prints it (the extension's byte for byte), and fromJson(): jansson's verdict on the syntax
 * (JsonScanner), the shape checks of ENGINE.md §4, then the rows as addPeople & co. would take them.
 * Internal.
 */

namespace Dangjian\Fallback;

use Dangjian\InvalidJson;

/** @internal */
final class Json
{
    /** @var array<string,string>|null byte => escape, as jansson's dump_string writes it */
    private static ?array $escapes = null;

    /** A JSON string as jansson dumps it (ENSURE_ASCII and ESCAPE_SLASH off). */
    public static function str(string $s): string
    {
        if (self::$escapes === null) {
            $e = ['"' => '\\"', '\\' => '\\\\', "\x08" => '\\b', "\f" => '\\f', "\n" => '\\n', "\r" => '\\r',
                "\t" => '\\t'];
            for ($c = 0; $c < 0x20; $c++) {
                $e[chr($c)] ??= sprintf('\\u%04X', $c);
            }
            self::$escapes = $e;
        }
        return '"' . strtr($s, self::$escapes) . '"';
    }

    /* ------------------------------------------------------------------ dump */

    /**
     * toJson(). Past 1 MiB the text is spooled to a temporary file in pieces of about 64 KiB and read
     * back in one string of its exact length, so that the process holds it once (not once more in
     * the growing buffer); a smaller text, or one for which no temporary file can be made, is made
     * in memory.
     */
    public static function dump(Store $s): string
    {
        $spool = null; // the temporary file, once the text passes 1 MiB (false: none could be made)
        $ok = true;    // every piece written so far
        $flush = function (string &$o, bool $last = false) use (&$spool, &$ok): void {
            if ($spool === null && strlen($o) >= 1048576) {
                $spool = @fopen('php://temp/maxmemory:0', 'w+b');
            }
            if ($spool && $ok && (strlen($o) >= 65536 || $last)) {
                $ok = @fwrite($spool, $o) === strlen($o);
                $o = $ok ? '' : $o;
            }
        };
        $o = '';
        self::dumpInto($s, $o, $flush);
        if (!$spool) {
            return $o; // the whole text, in memory
        }
        $text = $ok && @rewind($spool) ? stream_get_contents($spool) : false;
        fclose($spool);
        if (is_string($text)) {
            return $text;
        }
        $o = ''; // the spool failed: the text made again, in memory
        self::dumpInto($s, $o, static function (string &$o, bool $last = false): void {
        });
        return $o;
    }

    /** Appends the toJson() text to $o, calling $flush($o) now and then and $flush($o, true) at the end. */
    private static function dumpInto(Store $s, string &$o, callable $flush): void
    {
        $date = static fn (int $d): string => $d === Values::NO_DATE ? 'null' : '"' . Values::formatDate($d) . '"';
        $o .= '{"format":"dangjian-dataset","version":2,"people":[';
        [$ap, $av, $ca, $ad, $fu, $jo, $le] = $s->pDates;
        $n = count($s->pId);
        for ($i = 0; $i < $n; $i++) {
            $r = $s->pReason[$i];
            $o .= ($i ? ',' : '') . '{"id":' . $s->pId[$i] . ',"is_staff":' . ($s->pStaff[$i] ? 'true' : 'false')
                . ',"applied_on":' . $date($ap[$i]) . ',"activist_on":' . $date($av[$i])
                . ',"candidate_on":' . $date($ca[$i]) . ',"admitted_on":' . $date($ad[$i])
                . ',"full_on":' . $date($fu[$i]) . ',"joined_on":' . $date($jo[$i])
                . ',"left_on":' . $date($le[$i])
                . ($s->pHired[$i] === Values::NO_DATE ? '' : ',"hired_on":"' . Values::formatDate($s->pHired[$i]) . '"')
                . ',"left_reason":' . ($r === 0 ? 'null' : '"' . Values::LEFT_NAMES[$r] . '"') . '}';
            $flush($o);
        }
        $o .= '],"activities":[';
        $strings = $s->strings;
        $quoted = []; // string index => its JSON text
        $amt = [];    // hundredths => its text (bounded below)
        $n = count($s->aId);
        for ($i = 0; $i < $n; $i++) {
            $k = $s->aKind[$i];
            $vk = $s->aVenueKind[$i];
            $vn = $s->aVenue[$i];
            $pj = $s->aProject[$i];
            $o .= ($i ? ',' : '') . '{"id":' . $s->aId[$i] . ',"date":"' . Values::formatDate($s->aDate[$i])
                . ($s->aCat[$i] === 1 ? '","category":"service","kind":' : '","category":"meeting","kind":')
                . ($quoted[$k] ??= self::str($strings[$k]))
                . ',"hours":' . ($amt[$s->aHours[$i]] ??= Values::formatAmount($s->aHours[$i]))
                . ',"fee_waived":' . ($amt[$s->aFee[$i]] ??= Values::formatAmount($s->aFee[$i]))
                . ',"donation":' . ($amt[$s->aDonation[$i]] ??= Values::formatAmount($s->aDonation[$i]))
                . ',"beneficiaries":' . $s->aBenef[$i]
                . ',"venue_kind":' . ($quoted[$vk] ??= self::str($strings[$vk]))
                . ',"venue":' . ($quoted[$vn] ??= self::str($strings[$vn]))
                . ($pj === 0 ? '' : ',"project":' . ($quoted[$pj] ??= self::str($strings[$pj])))
                . ',"participants":[';
            $end = $s->aPartStart[$i + 1];
            for ($p = $s->aPartStart[$i]; $p < $end; $p++) {
                $o .= ($p > $s->aPartStart[$i] ? ',' : '') . '{"id":' . $s->partPerson[$p] . ',"hours":'
                    . ($amt[$s->partHours[$p]] ??= Values::formatAmount($s->partHours[$p])) . '}';
            }
            $o .= ']}';
            $flush($o);
            if (count($amt) > 100000) {
                $amt = [];
            }
        }
        $o .= '],"headcount":[';
        foreach ($s->hcDate as $i => $d) {
            $o .= ($i ? ',' : '') . '{"date":"' . Values::formatDate($d) . '","count":' . $s->hcCount[$i] . '}';
        }
        $o .= ']}';
        $flush($o, true);
    }

    /* ------------------------------------------------------------------ load */

    /**
     * fromJson(): a new Store from the text.
     * @throws InvalidJson for syntax (jansson's line, column and text) and shape
     * @throws \Dangjian\InvalidRecord for a bad row
     */
    public static function load(string $text): Store
    {
        $scanner = null;
        $value = null;
        $decoded = false;
        $lead = ltrim($text, " \t\n\r");
        // Fast path: when the text has none of the features where PHP's json_decode and jansson part
        // ways (integers beyond int64 and reals that overflow need 19+ digits or an exponent; "\u0000"
        // in a key; a top level that is not an array or object), json_decode's success is jansson's.
        if ($lead !== '' && ($lead[0] === '{' || $lead[0] === '[')
            && !preg_match('/[0-9]{19}|[0-9][eE]/', $text) && stripos($text, '\\u0000') === false) {
            $value = json_decode($text, true, 2047);
            $decoded = json_last_error() === JSON_ERROR_NONE;
        }
        if (!$decoded) {
            $scanner = new JsonScanner($text);
            if (!$scanner->run()) {
                [$line, $col, $msg] = $scanner->error;
                throw new InvalidJson("line $line, column $col: $msg");
            }
            $clean = $text;
            foreach (array_reverse($scanner->skippedNul) as $off) {
                $clean = substr_replace($clean, '', $off, 1);
            }
            $value = json_decode($clean, true, 4096);
            if (json_last_error() !== JSON_ERROR_NONE) {
                throw new \LogicException('dangjian: the JSON scanner accepted what json_decode refuses: '
                    . json_last_error_msg());
            }
        }

        $topOffset = strlen($text) - strlen($lead);
        if ($lead[0] !== '{') {
            self::shapeError($text, $topOffset, 'the top level is not an object');
        }
        if (!array_key_exists('format', $value) || $value['format'] !== 'dangjian-dataset') {
            self::shapeError($text, self::valueOffset($text, $scanner, 'format', $topOffset),
                '"format" must be "dangjian-dataset"');
        }
        if (!array_key_exists('version', $value)) {
            self::shapeError($text, $topOffset, '"version" is required');
        }
        $version = $value['version'];
        if ($version !== 1 && $version !== 2) {
            self::shapeError($text, self::valueOffset($text, $scanner, 'version', $topOffset),
                'unsupported version ' . Values::describe($version));
        }
        foreach (['people', 'activities', 'headcount'] as $key) {
            if (array_key_exists($key, $value) && !self::isJsonArray($text, $scanner, $key, $value[$key])) {
                self::shapeError($text, self::valueOffset($text, $scanner, $key, $topOffset),
                    '"' . $key . '" is not an array');
            }
        }

        if ($version === 1) { // hired_on and project are unknown keys of version 1: ignored
            self::without($value, 'people', 'hired_on');
            self::without($value, 'activities', 'project');
        }
        $store = new Store();
        if (isset($value['people'])) {
            $store->addPeople($value['people']);
        }
        if (isset($value['activities'])) {
            $store->addActivities($value['activities']);
        }
        if (isset($value['headcount']) && $value['headcount']) {
            $store->setHeadcount($value['headcount']);
        }
        return $store;
    }

    /** Drops the key $field from every row of $value[$list] (rows stay where they are). */
    private static function without(array &$value, string $list, string $field): void
    {
        if (!isset($value[$list]) || !is_array($value[$list])) {
            return;
        }
        foreach ($value[$list] as $i => $row) {
            if (is_array($row) && array_key_exists($field, $row)) {
                unset($value[$list][$i][$field]);
            }
        }
    }

    /** Is the top-level member $key (decoded as $v) a JSON array, not an object? */
    private static function isJsonArray(string $text, ?JsonScanner &$scanner, string $key, mixed $v): bool
    {
        if (!is_array($v)) {
            return false;
        }
        if ($scanner === null && stripos($text, '\\u') === false) {
            // Every key is written as it is, so the top-level one is among these matches: when each
            // is followed by '[', the value is an array. Anything else: ask the scanner.
            $n = preg_match_all('/"' . $key . '"[ \t\n\r]*:[ \t\n\r]*(.)/', $text, $m);
            if ($n > 0 && count(array_unique($m[1])) === 1 && $m[1][0] === '[') {
                return true;
            }
        }
        self::scanned($text, $scanner);
        return $scanner->members[$key][2] === '[';
    }

    /** Byte offset where the top-level member $key's value starts ($default when absent). */
    private static function valueOffset(string $text, ?JsonScanner &$scanner, string $key, int $default): int
    {
        self::scanned($text, $scanner);
        return isset($scanner->members[$key]) ? $scanner->members[$key][3] : $default;
    }

    private static function scanned(string $text, ?JsonScanner &$scanner): void
    {
        if ($scanner === null) {
            $scanner = new JsonScanner($text);
            $scanner->run(); // accepted already: this only collects positions
        }
    }

    /** Throws InvalidJson "line L, column C: <what>" for the byte offset (columns in characters). */
    private static function shapeError(string $text, int $offset, string $what): never
    {
        $before = substr($text, 0, $offset);
        $line = substr_count($before, "\n") + 1;
        $nl = strrpos($before, "\n");
        $lastLine = $nl === false ? $before : substr($before, $nl + 1);
        $col = strlen($lastLine) - preg_match_all('/[\x80-\xBF]/', $lastLine) + 1;
        throw new InvalidJson("line $line, column $col: $what");
    }
}

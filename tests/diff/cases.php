<?php
/*
 * cases.php - one side of the differential suite (tests/diff/run.php drives it).
 *
 *   php [-d extension=modules/dangjian.so | -d auto_prepend_file=php/fallback/load.php] \
 *       tests/diff/cases.php --impl=ext|twin --seeds=FROM:TO --out=FILE --snapdir=DIR
 *   ... cases.php --impl=ext|twin --seeds=FROM:TO --out=FILE --xload=OTHER_SNAPDIR
 *
 * For every seed, generates (mt_srand(seed): the same cases in either process)
 * a dataset built by several calls, some of them bad on purpose, then queries,
 * the JSON and snapshot round trips and damaged JSON texts and snapshot files,
 * and writes one line per case:
 *     seed <TAB> case <TAB> description <TAB> result
 * The result is what the call returned (statsJson(), counts, toJson() ...) or
 * "Class: message" for what it threw. Lines whose case starts with "self:"
 * are checks an implementation must pass on its own (fromJson(toJson()) and
 * load(save()) give the same figures): "ok" or what differed.
 * The second form loads the other implementation's snapshot of every seed.
 *
 * Nothing here branches on what the engine answered, so both processes
 * generate exactly the same cases.
 */

declare(strict_types=1);

use Dangjian\Dataset;

ini_set('serialize_precision', '-1');
ini_set('memory_limit', '1G');
error_reporting(E_ALL);

$opt = getopt('', ['impl:', 'seeds:', 'out:', 'snapdir:', 'xload:']);
$impl = $opt['impl'] ?? '';
if (!in_array($impl, ['ext', 'twin'], true) || !isset($opt['seeds'], $opt['out'])) {
    fwrite(STDERR, "usage: cases.php --impl=ext|twin --seeds=FROM:TO --out=FILE (--snapdir=DIR | --xload=DIR)\n");
    exit(2);
}
// Each process must be the implementation it claims to be.
$isExt = extension_loaded('dangjian');
$internal = class_exists(Dataset::class) && (new ReflectionClass(Dataset::class))->isInternal();
if (($impl === 'ext') !== $isExt || ($impl === 'ext') !== $internal || !class_exists(Dataset::class)) {
    fwrite(STDERR, "cases.php: --impl=$impl but extension_loaded('dangjian') is " . var_export($isExt, true)
        . " and Dataset is " . ($internal ? 'internal' : 'user-defined') . "\n");
    exit(2);
}
[$seedFrom, $seedTo] = array_map('intval', explode(':', $opt['seeds']) + [1 => null]);
$out = fopen($opt['out'], 'wb');

/* -------------------------------------------------------------- output */

function clean(string $s): string
{
    return strtr($s, ["\\" => "\\\\", "\n" => "\\n", "\r" => "\\r", "\t" => "\\t"]);
}

function describe($v): string
{
    $j = json_encode($v, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION
        | JSON_INVALID_UTF8_SUBSTITUTE | JSON_PARTIAL_OUTPUT_ON_ERROR);
    if ($j === false) {
        $j = '?';
    }
    return strlen($j) > 700 ? substr($j, 0, 700) . '…' : $j;
}

function emit(int $seed, string $case, string $desc, string $result): void
{
    global $out;
    fwrite($out, $seed . "\t" . $case . "\t" . clean($desc) . "\t" . clean($result) . "\n");
}

function thrown(Throwable $e): string
{
    global $snapdirs;
    $msg = $e->getMessage();
    foreach ($snapdirs as $d) {
        $msg = str_replace($d, '<dir>', $msg);
    }
    if ($e instanceof Dangjian\InvalidRecord) { // errors as data: the same facts as the message
        $msg .= ' {' . $e->getPath() . '|' . $e->getRow() . '|' . $e->getField() . '|' . $e->getRule() . '}';
    }
    return get_class($e) . ': ' . $msg;
}

/** Runs $f and gives its result as text, or the class and message of what it threw. */
function attempt(callable $f): string
{
    try {
        $r = $f();
        if (is_string($r)) {
            return $r;
        }
        return describe($r);
    } catch (Throwable $e) {
        return thrown($e);
    }
}

require __DIR__ . '/gen.php';

/* -------------------------------------------------------------- a seed */

$snapdirs = array_filter([$opt['snapdir'] ?? null, $opt['xload'] ?? null]);

/* The queries of the cross-load check: fixed, so that the loading process
 * needs nothing of the seed but its snapshot file. */
const XLOAD_QUERIES = [[], ['from' => '2016-01-01', 'to' => '2026-12-31', 'as_of' => '2024-06-30', 'top' => 1000],
    ['from' => '2016-01-01', 'to' => '2026-12-31', 'filter' => ['projects' => ['临江县洪灾心理援助', 'Flood relief', 'a/b "c"']]]];

function stats_of(Dataset $d, array $q): string
{
    return attempt(fn () => $d->statsJson($q));
}

/** Everything observable of a dataset, for the round-trip checks. */
function fingerprint(Dataset $d, array $queries): string
{
    $s = describe($d->counts()) . ' ' . attempt(fn () => $d->toJson());
    foreach ($queries as $q) {
        $s .= "\n" . stats_of($d, $q);
    }
    return $s;
}

function first_diff(string $a, string $b): string
{
    $n = min(strlen($a), strlen($b));
    for ($i = 0; $i < $n && $a[$i] === $b[$i]; $i++) {
    }
    return 'differs at byte ' . $i . ': ' . substr($a, max(0, $i - 40), 120) . ' | ' . substr($b, max(0, $i - 40), 120);
}

function run_seed(int $seed, string $snapdir): void
{
    mt_srand($seed);
    $d = new Dataset();
    $dates = [];
    $queriesForChecks = [['from' => '2016-01-01', 'to' => '2026-12-31', 'as_of' => '2024-06-30'],
        ['from' => '2016-01-01', 'to' => '2026-12-31', 'filter' => ['projects' => ['临江县洪灾心理援助', '2024']]]];

    if (chance(10)) { // the empty dataset
        emit($seed, 'empty:stats', '[]', stats_of($d, []));
        $q = ['to' => gdate()];
        emit($seed, 'empty:stats', describe($q), stats_of($d, $q));
    }

    // people, in a few calls; ids mostly unique, sometimes repeated
    $peopleIds = [];
    $nextId = r(1, 3);
    $calls = r(1, 3);
    for ($c = 0; $c < $calls; $c++) {
        $n = r(0, 12);
        $bad = chance(15);
        $badAt = $bad ? r(0, max(0, $n - 1)) : -1;
        $dupAt = !$bad && chance(8) ? r(0, max(0, $n - 1)) : -1;
        $bad = $bad || $dupAt >= 0;
        $rows = [];
        for ($i = 0; $i < max($n, $bad ? 1 : 0); $i++) {
            $id = $i === $dupAt ? pick(array_merge($peopleIds, [$nextId - 1, max(1, $nextId - 2)])) : $nextId++;
            if (chance(2)) {
                $id = pick([2147483647, 2147483646]);
            }
            $row = person_row($id, $i === $badAt);
            $rows[chance(10) ? 'k' . $i : $i] = $row;
            if (!$bad) {
                $peopleIds[] = $id;
            }
            if (is_array($row)) {
                foreach ($row as $k => $v) {
                    if (is_string($v) && strlen($v) === 10 && substr($k, -3) === '_on') {
                        $dates[] = $v;
                    }
                }
            }
        }
        emit($seed, "addPeople#$c", describe($rows), attempt(fn () => $d->addPeople($rows)));
        emit($seed, "counts#p$c", '', attempt(fn () => $d->counts()));
    }

    // activities
    $nextAct = r(1, 5);
    $calls = r(1, 3);
    for ($c = 0; $c < $calls; $c++) {
        $n = r(0, 15);
        $bad = chance(15);
        $badAt = $bad ? r(0, max(0, $n - 1)) : -1;
        $dupAt = !$bad && chance(8) ? r(0, max(0, $n - 1)) : -1;
        $rows = [];
        for ($i = 0; $i < max($n, $bad ? 1 : 0); $i++) {
            $id = $i === $dupAt ? r(1, $nextAct) : $nextAct++;
            $row = activity_row($id, $peopleIds, $i === $badAt);
            $rows[] = $row;
            if (is_array($row) && is_string($row['date'] ?? null)) {
                $dates[] = $row['date'];
            }
        }
        emit($seed, "addActivities#$c", describe($rows), attempt(fn () => $d->addActivities($rows)));
        emit($seed, "counts#a$c", '', attempt(fn () => $d->counts()));
    }

    // headcount, once or twice (the second replaces, or is rejected and keeps the first)
    $calls = r(0, 2);
    for ($c = 0; $c < $calls; $c++) {
        $n = r(0, 6);
        $bad = chance(20);
        $badAt = $bad ? r(0, max(0, $n - 1)) : -1;
        $pts = [];
        for ($i = 0; $i < max($n, $bad ? 1 : 0); $i++) {
            $pts[] = point_row($i === $badAt);
        }
        if (chance(10) && $pts) { // two points on one date
            $pts[] = ['date' => $pts[0]['date'] ?? '2024-01-01', 'count' => 5];
        }
        foreach ($pts as $p) {
            if (is_array($p) && is_string($p['date'] ?? null)) {
                $dates[] = $p['date'];
            }
        }
        emit($seed, "setHeadcount#$c", describe($pts), attempt(function () use ($d, $pts) {
            $d->setHeadcount($pts);
            return 'ok';
        }));
    }

    // queries
    $dates = array_values(array_filter($dates, fn ($x) => preg_match('/^\d{4}-\d\d-\d\d$/', $x) === 1));
    $n = r(3, 7);
    for ($i = 0; $i < $n; $i++) {
        $q = $i === 0 ? [] : query(chance(20), $dates);
        emit($seed, "statsJson#$i", describe($q), stats_of($d, $q));
        if ($i < 2) {
            emit($seed, "stats#$i", describe($q), attempt(fn () => serialize($d->stats($q))));
        }
        if ($i === 1) {
            $queriesForChecks[] = $q;
        }
    }

    // toJson, and the round trips each implementation must pass on its own
    $json = attempt(fn () => $d->toJson());
    emit($seed, 'toJson', '', $json);
    $fp = fingerprint($d, $queriesForChecks);
    emit($seed, 'self:fromJson(toJson)', '', attempt(function () use ($d, $fp, $queriesForChecks) {
        $e = Dataset::fromJson($d->toJson());
        $got = fingerprint($e, $queriesForChecks);
        return $got === $fp ? 'ok' : first_diff($got, $fp);
    }));
    $path = "$snapdir/$seed.djsnap";
    emit($seed, 'self:load(save)', '', attempt(function () use ($d, $fp, $queriesForChecks, $path) {
        $d->save($path);
        $e = Dataset::load($path);
        $got = fingerprint($e, $queriesForChecks);
        return $got === $fp ? 'ok' : first_diff($got, $fp);
    }));
    emit($seed, 'xload:reference', '', attempt(fn () => fingerprint($d, XLOAD_QUERIES)));

    // damaged JSON texts
    $base = is_string($json) && $json !== '' && $json[0] === '{' ? $json : '{"format":"dangjian-dataset","version":2}';
    $n = r(1, 3);
    for ($i = 0; $i < $n; $i++) {
        $t = damage_json($base);
        emit($seed, "fromJson#$i", $t, attempt(fn () => fingerprint(Dataset::fromJson($t), [[]])));
    }

    // damaged snapshots (the path in messages is written as <dir>)
    $bytes = @file_get_contents($path);
    if (is_string($bytes)) {
        $n = r(1, 2);
        for ($i = 0; $i < $n; $i++) {
            [$how, $t] = damage_snapshot($bytes);
            $p = "$snapdir/$seed.bad$i";
            file_put_contents($p, $t);
            emit($seed, "load#$i", $how, attempt(fn () => fingerprint(Dataset::load($p), [[]])));
            unlink($p);
        }
    }
}

function damage_json(string $j): string
{
    $k = r(1, 16);
    $len = strlen($j);
    switch ($k) {
        case 1:
            return substr($j, 0, r(0, max(0, $len - 1)));
        case 2:
            $p = r(0, max(0, $len - 1));
            return substr($j, 0, $p) . pick(['}', ']', ',', '"', ':', '\\', 'x', "\n", "\xff", "\xc3", '\\ud800',
                '"\\udc00"', '01', '-', 'nul', "\0", ' ', '{', '[']) . substr($j, $p + 1);
        case 3:
            return str_replace('"dangjian-dataset"', pick(['"dangjian"', '1', 'null', '"Dangjian-dataset"']), $j);
        case 4: // version 1 too: hired_on and project are then ignored
            return preg_replace('/"version":[0-9]+/', '"version":' . pick(['1', '1', '3', '2.0', '"2"', 'null', 'true', '0', '[]']), $j, 1);
        case 5:
            return preg_replace('/"version":[0-9]+,?/', '', $j, 1);
        case 6:
            return preg_replace('/"format":"dangjian-dataset",?/', '', $j, 1);
        case 7:
            return preg_replace('/"' . pick(['people', 'activities', 'headcount']) . '":\[/',
                '"' . pick(['people', 'activities', 'headcount']) . '":' . pick(['{}', '1', '"x"', 'null', 'true']) . ',"zz":[', $j, 1);
        case 8:
            return pick(['[]', '1', '"x"', 'null', '', ' ', "\n\n  {", '{"format":"dangjian-dataset","version":1,"people":[{"id":1},{"id":1}]}',
                "{\n  \"format\": \"dangjian-dataset\",\n  \"version\": 1,\n  \"people\": [\n    {\"id\": \"x\"}\n  ]\n}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"activities\":[{\"id\":1,\"date\":\"2024-01-01\",\"category\":\"service\",\"kind\":\"a\",\"venue\":\"\\ud800\"}]}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"activities\":[{\"id\":1,\"date\":\"2024-01-01\",\"category\":\"service\",\"kind\":\"a\",\"participants\":[7]}]}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":1,\"applied_on\":\"2024-01-01\"}],\"activities\":[{\"id\":1,\"date\":\"2024-01-01\",\"category\":\"service\",\"kind\":\"a\",\"hours\":1e400}]}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"headcount\":[{\"date\":\"2024-01-01\",\"count\":1.0}]}",
                "\u{FEFF}{\"format\":\"dangjian-dataset\",\"version\":1}",
                "{\"format\":\"dangjian-dataset\",\"version\":1}garbage",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"format\":\"x\"}",
                "{\"阳光\":\"社区\",\n\"format\":\"dangjian-dataset\",\"version\":2}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":1,\"is_staff\":\"yes\"}]}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[{\"id\":9007199254740993}]}",
                "{\"format\":\"dangjian-dataset\",\"version\":1,\"people\":[1]}",
            ]);
        case 9: // a value swapped for another in a row
            return preg_replace_callback('/"(' . pick(['id', 'date', 'hours', 'count', 'venue', 'kind', 'applied_on', 'is_staff', 'left_reason', 'participants']) . ')":("[^"]*"|[^,}\]]*)/',
                fn ($m) => '"' . $m[1] . '":' . pick(['null', '""', '"x"', '-1', '1.5', 'true', '{}', '[]', '"2024-02-30"', '1e9', '"1e9"', '0']), $j, 1);
        case 10:
            return str_replace(',', ",\n ", $j);
        case 11:
            return str_replace(':', " :\t", $j);
        case 12: // a non-ASCII string before the error: columns count characters
            return str_replace('"format"', '"注释":"党建\u{3000}é","format"', $j) . pick(['x', '', ',']);
        case 13:
            return $j . pick([' ', "\n", 'x', '{}', "\0"]);
        case 14:
            return preg_replace('/\[\{"id":(\d+)/', '[{"id":$1,"id":' . pick(['2', '"2"', 'null']), $j, 1);
        case 15:
            return str_replace('"hours":', '"hours":' . pick(['-', '+', '0', '.']), $j);
        default:
            return $j;
    }
}

function damage_snapshot(string $b): array
{
    $len = strlen($b);
    $k = r(1, 8);
    switch ($k) {
        case 1:
            $n = r(0, max(0, $len - 1));
            return ["truncated to $n", substr($b, 0, $n)];
        case 2:
            $p = r(0, $len - 1);
            return ["byte $p flipped", substr_replace($b, chr(ord($b[$p]) ^ (1 << r(0, 7))), $p, 1)];
        case 3:
            $v = pick([0, 1, 2, 4, 255]);
            return ["version $v", substr_replace($b, pack('V', $v), 8, 4)];
        case 4:
            return ['trailing byte', $b . "\0"];
        case 5:
            return ['foreign', pick(['', 'DJSNAP', "DJSNAP\n\n" . substr($b, 8), str_repeat("\0", 40), "PK\x03\x04" . substr($b, 4)])];
        default: // a payload byte changed and the CRC fixed: the values are checked
            if ($len <= 32) {
                return ['empty payload', $b];
            }
            $payload = substr($b, 32);
            $p = r(0, strlen($payload) - 1);
            $payload = substr_replace($payload, chr(pick([0, 1, 0xff, 0x80, 0x7f, ord($payload[$p]) ^ 1])), $p, 1);
            return ["payload byte $p changed, CRC fixed",
                substr($b, 0, 12) . pack('V', crc32($payload)) . substr($b, 16, 16) . $payload];
    }
}

/* ------------------------------------------------------------- main */

if (isset($opt['xload'])) {
    // Load the other implementation's snapshot of every seed: the same
    // fingerprint as its own "xload:reference" line (run.php compares).
    for ($seed = $seedFrom; $seed <= $seedTo; $seed++) {
        $p = $opt['xload'] . "/$seed.djsnap";
        emit($seed, 'xload:reference', '', file_exists($p)
            ? attempt(fn () => fingerprint(Dataset::load($p), XLOAD_QUERIES))
            : 'no snapshot file');
    }
    fclose($out);
    exit(0);
}

$snapdir = $opt['snapdir'];
for ($seed = $seedFrom; $seed <= $seedTo; $seed++) {
    run_seed($seed, $snapdir);
    emit($seed, 'end', '', '');
    fflush($out);
}
fclose($out);
exit(0);

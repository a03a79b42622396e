<?php
/**
 * tests/php/run.php - tests of the pure-PHP twin alone (php/fallback/), for what the phpt suite does
 * not reach: value rules at their edges, exact messages and check order, hand-computed figures,
 * jansson's syntax errors as the twin reproduces them, and snapshot bytes and damage.
 *
 *   php tests/php/run.php        prints each failure, then "N passed, N failed"; exits 1 on a failure
 *
 * Run it without the extension (the twin is what is tested).
 */

if (extension_loaded('dangjian')) {
    fwrite(STDERR, "tests/php/run.php tests the pure-PHP twin: run it without the dangjian extension\n");
    exit(1);
}
require_once __DIR__ . '/../../php/fallback/load.php';

use Dangjian\Dataset;
use Dangjian\Fallback\Values;

$passed = 0;
$failed = 0;
$tmp = sys_get_temp_dir() . '/dangjian-twin-' . getmypid();
@mkdir($tmp);

function check(string $name, bool $ok, string $detail = ''): void
{
    global $passed, $failed;
    if ($ok) {
        $passed++;
    } else {
        $failed++;
        echo "FAIL $name" . ($detail !== '' ? ": $detail" : '') . "\n";
    }
}

function same(string $name, mixed $want, mixed $got): void
{
    check($name, $want === $got, 'want ' . var_export($want, true) . ', got ' . var_export($got, true));
}

/** Checks that $fn throws exactly $class with exactly $message. */
function throws(string $name, string $class, string $message, callable $fn): void
{
    try {
        $fn();
        check($name, false, "no exception (want $class: $message)");
    } catch (Throwable $e) {
        same($name, "$class: $message", get_class($e) . ': ' . $e->getMessage());
    }
}

/** The message of a failed fromJson(), or 'ok'. */
function jsonError(string $text): string
{
    try {
        Dataset::fromJson($text);
        return 'ok';
    } catch (Throwable $e) {
        return get_class($e) . ': ' . $e->getMessage();
    }
}

/* ------------------------------------------------------------- the classes */

check('twin loaded', !(new ReflectionClass(Dataset::class))->isInternal());
same('VERSION', '0.1.0', Dangjian\VERSION);
check('Dataset is final', (new ReflectionClass(Dataset::class))->isFinal());
check('InvalidRecord extends Exception', is_subclass_of(Dangjian\InvalidRecord::class, Dangjian\Exception::class));
check('InvalidJson extends Exception', is_subclass_of(Dangjian\InvalidJson::class, Dangjian\Exception::class));
check('CorruptSnapshot extends Exception', is_subclass_of(Dangjian\CorruptSnapshot::class, Dangjian\Exception::class));
check('Exception extends \Exception', is_subclass_of(Dangjian\Exception::class, \Exception::class));
throws('clone', 'Error', 'Trying to clone an uncloneable object of class Dangjian\Dataset', fn () => clone new Dataset());
throws('serialize', 'Exception', "Serialization of 'Dangjian\\Dataset' is not allowed", fn () => serialize(new Dataset()));
throws('unserialize', 'Exception', "Unserialization of 'Dangjian\\Dataset' is not allowed",
    fn () => unserialize('O:16:"Dangjian\Dataset":0:{}'));
throws('dynamic property', 'Error', 'Cannot create dynamic property Dangjian\Dataset::$x', function () {
    $d = new Dataset();
    $d->x = 1;
});
throws('addPeople(string)', 'TypeError', 'Dangjian\Dataset::addPeople(): Argument #1 ($rows) must be of type array, string given',
    function () {
        try {
            (new Dataset())->addPeople('x');
        } catch (TypeError $e) { // userland adds ", called in …": compare the common part
            throw new TypeError(preg_replace('/, called in .*$/', '', $e->getMessage()));
        }
    });
same('counts empty', ['people' => 0, 'activities' => 0, 'participations' => 0], (new Dataset())->counts());

/* ------------------------------------------------------------ value rules */

$desc = [
    ['2024-13-01', '"2024-13-01"'], [str_repeat('a', 40), '"' . str_repeat('a', 40) . '"'],
    [str_repeat('a', 41), 'a string'], ["a\"b", 'a string'], ['a\\b', 'a string'], ["a\x7F", 'a string'],
    ["a\x1F", 'a string'], ["\xFF", 'a string'], ["\xED\xA0\x80", 'a string'], ['阳光', '"阳光"'], ['', '""'],
    [-7, '-7'], [1.5, 'a float'], [true, 'true'], [false, 'false'], [null, 'null'], [[], 'an array'],
    [new stdClass(), 'an object'],
];
foreach ($desc as $i => [$v, $want]) {
    same("describe #$i", $want, Values::describe($v));
}

$amounts = [
    // value, hundredths or null (rejected)
    [1.115, 112], [2.675, 268], [1.005, 101], [0.125, 13], [0.0049, 0], [0.005, 1], [-0.0, 0], [0.0, 0],
    [1e9, 100000000000], [1000000000.0000001, null], [1.0E-5, 0], [NAN, null], [INF, null], [-0.01, null],
    [123456.785, 12345679], [0.1 + 0.2, 30], [3, 300], [0, 0], [1000000000, 100000000000], [1000000001, null],
    [-1, null], ['1.115', 112], ['1.114999', 111], ['0.005', 1], ['0.00499999999999', 0], ['1e-400', 0],
    ['1e9', 100000000000], ['1000000000.00', 100000000000], ['1000000000.001', null], ['1.0000000001e9', null],
    ['-0', 0], ['-0.000', 0], ['-0.001', null], ['+.5', 50], ['5.', 500], ['.', null], ['1e', null], [' 1', null],
    ["1\n", null], ['', null], ['0x10', null], ['1e99999999999999999999', null], ['0e99999999999999999999', 0],
    ['12.345e1', 12345], ['1234500e-5', 1235], ['0.' . str_repeat('0', 49) . '5e50', 500], ['0.' . str_repeat('0', 51) . '5e50', 5],
    [true, null], [[], null],
];
foreach ($amounts as $i => [$v, $want]) {
    try {
        $got = Values::amount($v);
    } catch (Dangjian\Fallback\Why $w) {
        $got = null;
    }
    same('amount #' . $i . ' ' . var_export($v, true), $want, $got);
}

$dates = [
    ['2024-02-29', true], ['2023-02-29', false], ['1900-01-01', true], ['2199-12-31', true], ['1899-12-31', false],
    ['2200-01-01', false], ['2024-1-01', false], ["2024-01-01\n", false], ['2024-04-31', false], ['2000-02-29', true],
    ['1900-02-29', false], ['２０２４-01-01', false], ['2024-00-10', false],
];
foreach ($dates as [$s, $ok]) {
    same("date $s", $ok, Values::parseDateText($s) !== null);
}
same('day of 1970-01-01', 0, Values::parseDateText('1970-01-01'));
same('day of 1900-01-01', Values::DATE_MIN, Values::parseDateText('1900-01-01'));
same('day of 2199-12-31', Values::DATE_MAX, Values::parseDateText('2199-12-31'));
same('add a year to 29 Feb', '2025-03-01', Values::formatDate(Values::addYear(Values::parseDateText('2024-02-29'))));
same('add a year', '2025-02-28', Values::formatDate(Values::addYear(Values::parseDateText('2024-02-28'))));
same('format beyond 2199', '2200-03-01', Values::formatDate(Values::addYear(Values::parseDateText('2199-02-28')) + 1));
same('ratio 3/160', 188, Values::ratio(3, 160));
same('ratio 1/3', 3333, Values::ratio(1, 3));
same('ratio 2/3', 6667, Values::ratio(2, 3));
same('ratio 1/20000 half away', 1, Values::ratio(1, 20000));
same('ratio 5/4', 12500, Values::ratio(5, 4));
same('formatAmount', ['0.0', '12.0', '0.25', '1234.5', '0.01', '1000000000.0'],
    array_map([Values::class, 'formatAmount'], [0, 1200, 25, 123450, 1, 100000000000]));
same('formatRatio', ['0.0', '1.0', '0.0188', '0.25', '1.5'],
    array_map([Values::class, 'formatRatio'], [0, 10000, 188, 2500, 15000]));

/* --------------------------------------------------------- record messages */

$IR = 'Dangjian\InvalidRecord';
$people = [
    [[5], 'people[0]: 5 is not a row'],
    [[['id' => 1], 'x'], 'people[1]: "x" is not a row'],
    [[[]], 'people[0].id: is required'],
    [[['id' => null]], 'people[0].id: is required'],
    [[['id' => '']], 'people[0].id: "" is not an id (an integer from 1 to 2147483647)'],
    [[['id' => '07']], 'people[0].id: "07" is not an id (an integer from 1 to 2147483647)'],
    [[['id' => 0]], 'people[0].id: 0 is not an id (an integer from 1 to 2147483647)'],
    [[['id' => 2147483648]], 'people[0].id: 2147483648 is not an id (an integer from 1 to 2147483647)'],
    [[['id' => 7.0]], 'people[0].id: a float is not an id (an integer from 1 to 2147483647)'],
    [[['id' => true]], 'people[0].id: true is not an id (an integer from 1 to 2147483647)'],
    [[['id' => 1, 'is_staff' => 2]], 'people[0].is_staff: 2 is not a boolean'],
    [[['id' => 1, 'is_staff' => 'yes']], 'people[0].is_staff: "yes" is not a boolean'],
    [[['id' => 1, 'applied_on' => '2024-02-30']], 'people[0].applied_on: "2024-02-30" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)'],
    [[['id' => 1, 'left_on' => 20240101]], 'people[0].left_on: 20240101 is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)'],
    [[['id' => 1, 'left_reason' => 'fired']], 'people[0].left_reason: "fired" is not a leaving reason (transfer, death, cancelled or other)'],
    [[['id' => 1, 'activist_on' => '2024-02-01', 'admitted_on' => '2024-01-01']],
        'people[0].admitted_on: 2024-01-01 is before activist_on 2024-02-01'],
    [[['id' => 1, 'applied_on' => '2024-03-01', 'candidate_on' => '2024-02-01', 'full_on' => '2024-01-01']],
        'people[0].candidate_on: 2024-02-01 is before applied_on 2024-03-01'],
    [[['id' => 1, 'applied_on' => '2021-01-01', 'left_on' => '2020-01-01']],
        'people[0].left_on: 2020-01-01 is before the start 2021-01-01'],
    [[['id' => 1, 'applied_on' => '2019-01-01', 'joined_on' => '2021-01-01', 'left_on' => '2020-01-01']],
        'people[0].left_on: 2020-01-01 is before the start 2021-01-01'],
    [[['id' => 1], ['id' => 2], ['id' => '1']], 'people[2].id: duplicate id 1'],
    // value checks before the stage order, the stage order before a duplicate id
    [[['id' => 1], ['id' => 1, 'applied_on' => '2024-02-01', 'activist_on' => '2024-01-01', 'left_reason' => 'x']],
        'people[1].left_reason: "x" is not a leaving reason (transfer, death, cancelled or other)'],
    [[['id' => 1], ['id' => 1, 'applied_on' => '2024-02-01', 'activist_on' => '2024-01-01']],
        'people[1].activist_on: 2024-01-01 is before applied_on 2024-02-01'],
    // keys are not positions: the index is the iteration position
    [['a' => ['id' => 1], 'b' => ['id' => 'x']], 'people[1].id: "x" is not an id (an integer from 1 to 2147483647)'],
];
foreach ($people as $i => [$rows, $msg]) {
    $d = new Dataset();
    throws("people #$i", $IR, $msg, fn () => $d->addPeople($rows));
    same("people #$i adds nothing", 0, $d->counts()['people']);
}
// accepted edge values
$d = new Dataset();
same('people accepted', 6, $d->addPeople([
    ['id' => '2147483647', 'is_staff' => '1'], ['id' => 2, 'is_staff' => ''], ['id' => 3, 'left_reason' => ''],
    ['id' => 4, 'left_on' => '2024-01-01', 'left_reason' => 'other'], ['id' => 5, 'applied_on' => '', 'full_on' => null],
    ['id' => 6, 'applied_on' => '2024-01-01', 'left_on' => '2024-01-01', 'extra' => new stdClass()],
]));
throws('duplicate with people added before', $IR, 'people[0].id: duplicate id 6', fn () => $d->addPeople([['id' => 6]]));

$base = ['id' => 1, 'date' => '2024-01-01', 'category' => 'service', 'kind' => 'k'];
$acts = [
    [[['id' => 1]], 'activities[0].date: is required'],
    [[['id' => 1, 'date' => '']], 'activities[0].date: is required'],
    [[['id' => 1, 'date' => '2024-01-01']], 'activities[0].category: is required'],
    [[['category' => 'x'] + $base], 'activities[0].category: "x" is not a category (service or meeting)'],
    [[['kind' => ''] + $base], 'activities[0].kind: "" is not a slug (1 to 32 of a-z, 0-9, _)'],
    [[['kind' => null] + $base], 'activities[0].kind: is required'],
    [[['kind' => str_repeat('a', 33)] + $base], 'activities[0].kind: "' . str_repeat('a', 33) . '" is not a slug (1 to 32 of a-z, 0-9, _)'],
    [[['kind' => 'A'] + $base], 'activities[0].kind: "A" is not a slug (1 to 32 of a-z, 0-9, _)'],
    [[['hours' => -1] + $base], 'activities[0].hours: -1 is not an amount (a number from 0 to 1000000000)'],
    [[['fee_waived' => '1,5'] + $base], 'activities[0].fee_waived: "1,5" is not an amount (a number from 0 to 1000000000)'],
    [[['donation' => NAN] + $base], 'activities[0].donation: a float is not an amount (a number from 0 to 1000000000)'],
    [[['beneficiaries' => -1] + $base], 'activities[0].beneficiaries: -1 is not a count (an integer from 0 to 2147483647)'],
    [[['venue_kind' => 'Big'] + $base], 'activities[0].venue_kind: "Big" is not a slug (1 to 32 of a-z, 0-9, _)'],
    [[['venue' => str_repeat('x', 201)] + $base], 'activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)'],
    [[['venue' => "\xC3"] + $base], 'activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)'],
    [[['venue' => 5] + $base], 'activities[0].venue: 5 is not a venue name (UTF-8 text of at most 200 bytes)'],
    [[['participants' => 'x'] + $base], 'activities[0].participants: "x" is not a list of participants'],
    [[['participants' => [1, null]] + $base], 'activities[0].participants[1]: null is not an id (an integer from 1 to 2147483647)'],
    [[['participants' => [['hours' => 1]]] + $base], 'activities[0].participants[0].id: is required'],
    [[['participants' => [['id' => 1, 'hours' => 'x']]] + $base], 'activities[0].participants[0].hours: "x" is not an amount (a number from 0 to 1000000000)'],
    [[['participants' => [9]] + $base], 'activities[0].participants[0]: unknown person 9'],
    [[['participants' => [1, ['id' => '1']]] + $base], 'activities[0].participants[1].id: duplicate participant 1'],
    [[$base, $base], 'activities[1].id: duplicate id 1'],
    // participant values before the duplicate id, the duplicate id before an unknown person
    [[$base, ['participants' => [9, 'x']] + $base], 'activities[1].participants[1]: "x" is not an id (an integer from 1 to 2147483647)'],
    [[$base, ['participants' => [9]] + $base], 'activities[1].id: duplicate id 1'],
    [[['participants' => ['a' => 1, 'b' => 1]] + $base], 'activities[0].participants[1]: duplicate participant 1'],
];
foreach ($acts as $i => [$rows, $msg]) {
    $d = new Dataset();
    $d->addPeople([['id' => 1], ['id' => 2]]);
    throws("activities #$i", $IR, $msg, fn () => $d->addActivities($rows));
    same("activities #$i adds nothing", ['people' => 2, 'activities' => 0, 'participations' => 0], $d->counts());
}

$hc = [
    [[['date' => '2024-01-01']], 'headcount[0].count: is required'],
    [[['count' => 1]], 'headcount[0].date: is required'],
    [[['date' => '2024-01-01', 'count' => '-1']], 'headcount[0].count: "-1" is not a count (an integer from 0 to 2147483647)'],
    [[null], 'headcount[0]: null is not a row'],
    [[['date' => '2024-05-01', 'count' => 1], ['date' => '2024-01-01', 'count' => 1], ['date' => '2024-05-01', 'count' => 1],
        ['date' => '2024-01-01', 'count' => 1]], 'headcount[2].date: duplicate date 2024-05-01'],
    // every point's values before any duplicate date
    [[['date' => '2024-05-01', 'count' => 1], ['date' => '2024-05-01', 'count' => 1], ['date' => 'x', 'count' => 1]],
        'headcount[2].date: "x" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)'],
];
foreach ($hc as $i => [$pts, $msg]) {
    $d = new Dataset();
    $d->setHeadcount([['date' => '2020-01-01', 'count' => 5]]);
    throws("headcount #$i", $IR, $msg, fn () => $d->setHeadcount($pts));
    same("headcount #$i keeps the old points", '[{"date":"2020-01-01","count":5}]}', substr($d->toJson(), -34));
}

/* ------------------------------------------------------------------ query */

$VE = 'ValueError';
$d = new Dataset();
throws('no date, no to', $VE, 'query.to: is required when the dataset holds no date', fn () => $d->stats());
throws('no date, from only', $VE, 'query.to: is required when the dataset holds no date', fn () => $d->stats(['from' => '2024-01-01']));
$d->addPeople([['id' => 1, 'applied_on' => '2024-06-01']]);
$queries = [
    [['foo' => 1], 'query.foo: unknown key'],
    [[0 => 1], 'query.0: unknown key'],
    [['from' => '2024-1-1'], 'query.from: "2024-1-1" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)'],
    [['as_of' => 5], 'query.as_of: 5 is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)'],
    [['top' => 1001], 'query.top: 1001 is not an integer from 0 to 1000'],
    [['top' => '07'], 'query.top: "07" is not an integer from 0 to 1000'],
    [['top' => 1.0], 'query.top: a float is not an integer from 0 to 1000'],
    [['due_within' => 3661], 'query.due_within: 3661 is not an integer from 0 to 3660'],
    [['meeting_rules' => 'x'], 'query.meeting_rules: "x" is not a map of meeting kinds'],
    [['meeting_rules' => ['Bad' => 'month']], 'query.meeting_rules: "Bad" is not a slug (1 to 32 of a-z, 0-9, _)'],
    [['meeting_rules' => [-5 => 'month']], 'query.meeting_rules: -5 is not a slug (1 to 32 of a-z, 0-9, _)'],
    [['meeting_rules' => ['ok' => 'week']], 'query.meeting_rules.ok: "week" is not month, quarter or year'],
    [['from' => '2025-01-01'], 'query.from: 2025-01-01 is after to 2024-06-01'],
    [['top' => -1, 'foo' => 1], 'query.top: -1 is not an integer from 0 to 1000'],
    [['foo' => 1, 'top' => -1], 'query.foo: unknown key'],
];
foreach ($queries as $i => [$q, $msg]) {
    throws("query #$i", $VE, $msg, fn () => $d->statsJson($q));
}
same('query defaults by null and empty', $d->statsJson(), $d->statsJson(['from' => '', 'to' => null, 'as_of' => '',
    'top' => null, 'due_within' => null, 'meeting_rules' => null]));

/* ---------------------------------------------------------------- figures */

// A small dataset worked out by hand. Period 2024-01-01 .. 2024-12-31, as_of 2024-06-30.
$d = new Dataset();
$d->addPeople([
    ['id' => 1, 'is_staff' => 1, 'applied_on' => '2020-01-01', 'activist_on' => '2020-06-01', 'candidate_on' => '2021-01-01',
        'admitted_on' => '2022-01-01', 'full_on' => '2023-01-01'],                             // full, staff
    ['id' => 2, 'is_staff' => true, 'admitted_on' => '2023-07-15'],                              // probationary, overdue 2024-07-15? no:
    ['id' => 3, 'activist_on' => '2023-06-30'],                                                  // activist, eligible (2024-06-30 <= as_of)
    ['id' => 4, 'activist_on' => '2023-07-01'],                                                  // activist, not eligible
    ['id' => 5, 'applied_on' => '2024-03-01'],                                                   // applicant, applied in period
    ['id' => 6, 'admitted_on' => '2024-02-29'],                                                  // probationary, due 2025-03-01
    ['id' => 7, 'full_on' => '2010-01-01', 'joined_on' => '2024-02-01', 'left_on' => '2024-06-30', 'left_reason' => 'transfer'], // left on as_of: off the roster
    ['id' => 8, 'candidate_on' => '2024-07-01'],                                                 // on no roster yet (start after as_of)
    ['id' => 9, 'admitted_on' => '2023-06-01'],                                                  // probationary, overdue (due 2024-06-01)
]);
$d->addActivities([
    ['id' => 10, 'date' => '2024-01-10', 'category' => 'service', 'kind' => 'visit', 'hours' => 2, 'beneficiaries' => 3,
        'venue_kind' => 'community', 'venue' => ' Hall ', 'participants' => [1, 5, ['id' => 3, 'hours' => '0.5']]],
    ['id' => 11, 'date' => '2024-01-20', 'category' => 'service', 'kind' => 'visit', 'hours' => 1.25, 'donation' => '10',
        'venue_kind' => 'community', 'venue' => "Hall\u{3000}", 'participants' => [1]],
    ['id' => 12, 'date' => '2024-03-05', 'category' => 'service', 'kind' => 'clean', 'hours' => 1, 'fee_waived' => 0.5,
        'venue_kind' => 'park', 'venue' => '  ', 'participants' => [6]],
    ['id' => 13, 'date' => '2024-02-01', 'category' => 'meeting', 'kind' => 'committee', 'hours' => 1.5],
    ['id' => 14, 'date' => '2024-04-15', 'category' => 'meeting', 'kind' => 'branch_assembly', 'hours' => 2],
    ['id' => 15, 'date' => '2023-12-31', 'category' => 'service', 'kind' => 'old', 'hours' => 9, 'participants' => [2]],
]);
$d->setHeadcount([['date' => '2024-06-01', 'count' => 40], ['date' => '2024-01-01', 'count' => 30]]);
$s = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-06-30', 'due_within' => 365,
    'meeting_rules' => ['committee' => 'quarter', 'branch_assembly' => 'year']]);
same('members', ['applicants' => 1, 'activists' => 2, 'candidates' => 0, 'probationary' => 3, 'full' => 1,
    'party_members' => 4, 'staff_headcount' => 40, 'staff_party_members' => 2, 'staff_party_ratio' => 0.05], $s['members']);
same('pipeline', ['applied' => 1, 'activists' => 0, 'candidates' => 1, 'admitted' => 1, 'converted' => 0,
    'transferred_in' => 1, 'left' => 1, 'eligible_candidates' => 1,
    'due_for_conversion' => [['id' => 2, 'due_on' => '2024-07-15'], ['id' => 6, 'due_on' => '2025-03-01']],
    'overdue_conversion' => [['id' => 9, 'due_on' => '2024-06-01']], 'hired' => 0, 'hired_party_members' => 0],
    $s['pipeline']);
same('service totals', [3, 4.25, 0.5, 10.0, 3, 6.75, 4, 0.5], [$s['service']['activities'], $s['service']['hours'],
    $s['service']['fee_waived'], $s['service']['donation'], $s['service']['beneficiaries'],
    $s['service']['volunteer_hours'], $s['service']['volunteers'], $s['service']['participation_ratio']]);
same('by_venue_kind', ['community' => ['venues' => 1, 'activities' => 2, 'beneficiaries' => 3, 'hours' => 3.25],
    'park' => ['venues' => 0, 'activities' => 1, 'beneficiaries' => 0, 'hours' => 1.0]], $s['service']['by_venue_kind']);
same('top_volunteers', [['id' => 1, 'hours' => 3.25, 'activities' => 2], ['id' => 5, 'hours' => 2.0, 'activities' => 1],
    ['id' => 6, 'hours' => 1.0, 'activities' => 1], ['id' => 3, 'hours' => 0.5, 'activities' => 1]], $s['service']['top_volunteers']);
same('meetings', ['total' => 2, 'hours' => 3.5, 'by_kind' => ['branch_assembly' => 1, 'committee' => 1],
    'missing' => ['branch_assembly' => [], 'committee' => ['2024-Q2', '2024-Q3', '2024-Q4']]], $s['meetings']);
same('statsJson', '{"period":{"from":"2024-01-01","to":"2024-12-31","as_of":"2024-06-30"},"members":{"applicants":1,'
    . '"activists":2,"candidates":0,"probationary":3,"full":1,"party_members":4,"staff_headcount":40,'
    . '"staff_party_members":2,"staff_party_ratio":0.05},"pipeline":{"applied":1,"activists":0,"candidates":1,'
    . '"admitted":1,"converted":0,"transferred_in":1,"left":1,"eligible_candidates":1,"due_for_conversion":'
    . '[{"id":2,"due_on":"2024-07-15"},{"id":6,"due_on":"2025-03-01"}],"overdue_conversion":[{"id":9,"due_on":'
    . '"2024-06-01"}],"hired":0,"hired_party_members":0},"service":{"activities":3,"hours":4.25,"fee_waived":0.5,"donation":10.0,"beneficiaries":3,'
    . '"volunteer_hours":6.75,"volunteers":4,"participation_ratio":0.5,"by_kind":{"clean":{"activities":1,'
    . '"hours":1.0,"fee_waived":0.5,"donation":0.0,"beneficiaries":0},"visit":{"activities":2,"hours":3.25,'
    . '"fee_waived":0.0,"donation":10.0,"beneficiaries":3}},"by_venue_kind":{"community":{"venues":1,'
    . '"activities":2,"beneficiaries":3,"hours":3.25},"park":{"venues":0,"activities":1,"beneficiaries":0,'
    . '"hours":1.0}},"by_month":[{"month":"2024-01","activities":2,"hours":3.25,"beneficiaries":3},{"month":'
    . '"2024-02","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-03","activities":1,"hours":1.0,'
    . '"beneficiaries":0},{"month":"2024-04","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-05",'
    . '"activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-06","activities":0,"hours":0.0,'
    . '"beneficiaries":0},{"month":"2024-07","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-08",'
    . '"activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-09","activities":0,"hours":0.0,'
    . '"beneficiaries":0},{"month":"2024-10","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-11",'
    . '"activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-12","activities":0,"hours":0.0,'
    . '"beneficiaries":0}],"top_volunteers":[{"id":1,"hours":3.25,"activities":2},{"id":5,"hours":2.0,'
    . '"activities":1},{"id":6,"hours":1.0,"activities":1},{"id":3,"hours":0.5,"activities":1}],'
    . '"party_volunteer_hours":4.25,"party_volunteers":2,"by_project":{}},"meetings":'
    . '{"total":2,"hours":3.5,"by_kind":{"branch_assembly":1,"committee":1},"missing":{"branch_assembly":[],'
    . '"committee":["2024-Q2","2024-Q3","2024-Q4"]}}}',
    $d->statsJson(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-06-30', 'due_within' => 365,
        'meeting_rules' => ['committee' => 'quarter', 'branch_assembly' => 'year']]));
$s = $d->stats(['from' => '2024-02-15', 'to' => '2024-05-31', 'top' => 0, 'meeting_rules' => []]);
same('defaults: as_of = to; by_month: every month that overlaps', ['2024-05-31', [], [], ['2024-02', '2024-03', '2024-04', '2024-05']],
    [$s['period']['as_of'], $s['meetings']['missing'], $s['service']['top_volunteers'],
        array_column($s['service']['by_month'], 'month')]);
same('default period: the latest date (left_on/candidate_on 2024-07-01)', ['2024-01-01', '2024-07-01'],
    [$d->stats()['period']['from'], $d->stats()['period']['to']]);
$e = new Dataset();
same('empty dataset with to', '{"period":{"from":"2024-11-15","to":"2024-12-31","as_of":"2024-12-31"},"members":{"applicants":0,"activists":0,"candidates":0,"probationary":0,"full":0,"party_members":0,"staff_headcount":null,"staff_party_members":0,"staff_party_ratio":null},"pipeline":{"applied":0,"activists":0,"candidates":0,"admitted":0,"converted":0,"transferred_in":0,"left":0,"eligible_candidates":0,"due_for_conversion":[],"overdue_conversion":[],"hired":0,"hired_party_members":0},"service":{"activities":0,"hours":0.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"volunteer_hours":0.0,"volunteers":0,"participation_ratio":null,"by_kind":{},"by_venue_kind":{},"by_month":[{"month":"2024-11","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-12","activities":0,"hours":0.0,"beneficiaries":0}],"top_volunteers":[],"party_volunteer_hours":0.0,"party_volunteers":0,"by_project":{}},"meetings":{"total":0,"hours":0.0,"by_kind":{},"missing":{"x":["2024-12"]}}}',
    $e->statsJson(['from' => '2024-11-15', 'to' => '2024-12-31', 'meeting_rules' => ['x' => 'month']]));

/* ------------------------------------------------------------- toJson */

$t = new Dataset();
$t->addPeople([['id' => 3, 'left_reason' => 'death']]);
$t->addActivities([['id' => 1, 'date' => '2024-01-05', 'category' => 'meeting', 'kind' => 'k', 'hours' => '1.005',
    'venue' => "\u{3000} a\"\\/\x01\x1F\x7F\n\r\t\x08\x0C阳 ", 'participants' => [3]]]);
same('toJson', '{"format":"dangjian-dataset","version":2,"people":[{"id":3,"is_staff":false,"applied_on":null,'
    . '"activist_on":null,"candidate_on":null,"admitted_on":null,"full_on":null,"joined_on":null,"left_on":null,'
    . '"left_reason":"death"}],"activities":[{"id":1,"date":"2024-01-05","category":"meeting","kind":"k","hours":1.01,'
    . '"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"venue_kind":"","venue":"a\"\\\\/\\u0001\\u001F' . "\x7F"
    . '\\n\\r\\t\\b\\f阳","participants":[{"id":3,"hours":1.01}]}],"headcount":[]}', $t->toJson());
same('fromJson(toJson) round trip', $t->toJson(), Dataset::fromJson($t->toJson())->toJson());

/* ------------------------------------------- fromJson: jansson's errors */
// Worked out from jansson 2.14's load.c: the column is that of the last character read (after any
// put back), counting characters; " near '<token so far>'" when 1..20 bytes were saved.
$IJ = 'Dangjian\InvalidJson';
$syntax = [
    ['', "line 1, column 0: '[' or '{' expected near end of file"],
    ['   ', "line 1, column 3: '[' or '{' expected near end of file"],
    ['{', "line 1, column 1: string or '}' expected near end of file"],
    ["{\n", "line 2, column 0: string or '}' expected near end of file"],
    ['[1,]', "line 1, column 4: unexpected token near ']'"],
    ['[1 2]', "line 1, column 4: ']' expected near '2'"],
    ['{"a" 1}', "line 1, column 6: ':' expected near '1'"],
    ['{"a":1,}', "line 1, column 8: string or '}' expected near '}'"],
    ['{"a":1]', "line 1, column 7: '}' expected near ']'"],
    ['[01]', "line 1, column 2: invalid token near '0'"],
    ['[-]', "line 1, column 2: invalid token near '-'"],
    ['[1.]', "line 1, column 3: invalid token near '1.'"],
    ['[1e+]', "line 1, column 4: invalid token near '1e+'"],
    ['[tru]', "line 1, column 4: invalid token near 'tru'"],
    ['[truex]', "line 1, column 6: invalid token near 'truex'"],
    ["{\n\"a\":tru}", "line 2, column 7: invalid token near 'tru'"],
    ['{"名":x}', "line 1, column 6: invalid token near 'x'"],
    ['"x"', "line 1, column 3: '[' or '{' expected near '\"x\"'"],
    ['5', "line 1, column 1: '[' or '{' expected near '5'"],
    ['[1] x', "line 1, column 5: end of file expected near 'x'"],
    ['[1]]', "line 1, column 4: end of file expected near ']'"],
    ['["abc', "line 1, column 5: premature end of input near '\"abc'"],
    ["[\"a\nb\"]", "line 1, column 3: unexpected newline near '\"a'"],
    ["[\"\x01\"]", "line 1, column 2: control character 0x1 near '\"'"],
    ['["\x"]', "line 1, column 4: invalid escape near '\"\\x'"],
    ['["\u12x4"]', "line 1, column 7: invalid escape near '\"\\u12x'"],
    ['["\ud800"]', "line 1, column 9: invalid Unicode '\\uD800' near '\"\\ud800\"'"],
    ['["\udc00"]', "line 1, column 9: invalid Unicode '\\uDC00' near '\"\\udc00\"'"],
    ['["\ud800\u0041"]', "line 1, column 15: invalid Unicode '\\uD800\\u0041' near '\"\\ud800\\u0041\"'"],
    ['["\ud800" , 1', "line 1, column 9: invalid Unicode '\\uD800' near '\"\\ud800\"'"],
    ['["' . str_repeat('a', 30) . '\ud800"]', "line 1, column 39: invalid Unicode '\\uD800'"],
    ["[\"\xFF\"]", "line 1, column 2: unable to decode byte 0xff near '\"'"],
    ["\xFF", 'line 1, column 0: unable to decode byte 0xff'],
    ["[1,\xC3\x28]", 'line 1, column 3: unable to decode byte 0xc3'],
    ["[\"\xED\xA0\x80\"]", "line 1, column 2: unable to decode byte 0xed near '\"'"],
    ["[\"a\xE4\xBD\"", "line 1, column 3: unable to decode byte 0xe4 near '\"a'"],
    ["[\xE4\xBD\xA0]", "line 1, column 2: invalid token near '\xE4\xBD\xA0'"],
    ['[123456789012345678901]', 'line 1, column 22: too big integer'],
    ['[9223372036854775808]', "line 1, column 20: too big integer near '9223372036854775808'"],
    ['[-9223372036854775809]', "line 1, column 21: too big negative integer near '-9223372036854775809'"],
    ['[1e400]', "line 1, column 6: real number overflow near '1e400'"],
    ['[-1.5E+309]', "line 1, column 10: real number overflow near '-1.5E+309'"],
    ['{"a\u0000":1}', "line 1, column 10: NUL byte in object key not supported near '\"a\\u0000\"'"],
    ["[1\0", "line 1, column 2: ']' expected near end of file"],
    ["[1]\0", 'line 1, column 4: end of file expected near end of file'],
    [str_repeat('[', 2049), "line 1, column 2049: maximum parsing depth reached near '['"],
    [str_repeat('[', 2048) . '1' . str_repeat(']', 2048), "line 1, column 2049: maximum parsing depth reached near '1'"],
];
foreach ($syntax as $i => [$text, $msg]) {
    same("syntax #$i " . addcslashes(substr($text, 0, 30), "\0..\37\177..\377"), "$IJ: $msg", jsonError($text));
}
$shape = [
    ['[]', 'line 1, column 1: the top level is not an object'],
    [str_repeat('[', 2048) . str_repeat(']', 2048), 'line 1, column 1: the top level is not an object'],
    ["[1\0]", 'line 1, column 1: the top level is not an object'], // jansson reads past a NUL put back
    ["\n  {}", 'line 2, column 3: "format" must be "dangjian-dataset"'],
    ['{"format":"x"}', 'line 1, column 11: "format" must be "dangjian-dataset"'],
    ['{"format":"dangjian-dataset"}', 'line 1, column 1: "version" is required'],
    ['{"format":"dangjian-dataset","version":1.0}', 'line 1, column 40: unsupported version a float'],
    ['{"format":"dangjian-dataset","version":"1"}', 'line 1, column 40: unsupported version "1"'],
    ["{\"format\":\"dangjian-dataset\",\n\"名\":1,\"version\":[1]}", 'line 2, column 17: unsupported version an array'],
    ['{"format":"dangjian-dataset","version":1,"people":{}}', 'line 1, column 51: "people" is not an array'],
    ['{"format":"dangjian-dataset","version":1,"people":[],"activities":null}', 'line 1, column 67: "activities" is not an array'],
    ['{"format":"dangjian-dataset","version":1,"headcount":{"0":{}},"people":[]}', 'line 1, column 54: "headcount" is not an array'],
    ['{"format":"dangjian-dataset","version":1,"peop\u006ce":{"0":{}}}', 'line 1, column 56: "people" is not an array'],
    ['{"format":"dangjian-dataset","version":1,"people":{},"people":[]}', 'ok'],
    ['{"format":"x","format":"dangjian-dataset","version":1,"x":"\u0000"}', 'ok'],
    ['{"version":2,"format":"dangjian-dataset","version":1}', 'ok'],
];
foreach ($shape as $i => [$text, $msg]) {
    same("shape #$i", $msg === 'ok' ? 'ok' : "$IJ: $msg", jsonError($text));
}
$rows = [
    ['{"format":"dangjian-dataset","version":1,"people":[{"id":1},[1]]}', 'people[1].id: is required'],
    ['{"format":"dangjian-dataset","version":1,"people":[{"id":1}],"activities":[{"id":1,"date":"2024-01-01",'
        . '"category":"service","kind":"k","participants":{"a":1,"b":{"id":2}}}]}', 'activities[0].participants[1].id: unknown person 2'],
    ['{"format":"dangjian-dataset","version":1,"people":[{"id":1.0}]}', 'people[0].id: a float is not an id (an integer from 1 to 2147483647)'],
    ['{"format":"dangjian-dataset","version":1,"people":[{"id":{}}]}', 'people[0].id: an array is not an id (an integer from 1 to 2147483647)'],
    ['{"format":"dangjian-dataset","version":1,"people":[{"id":99999999999}]}', 'people[0].id: 99999999999 is not an id (an integer from 1 to 2147483647)'],
    ['{"format":"dangjian-dataset","version":1,"headcount":[{"date":"2024-01-01","count":1},{"date":"2024-01-01","count":1}],"people":[5]}',
        'people[0]: 5 is not a row'],
];
foreach ($rows as $i => [$text, $msg]) {
    same("json rows #$i", "$IR: $msg", jsonError($text));
}
$j = Dataset::fromJson('{"format":"dangjian-dataset","version":1,"plugin":{"x":1},"people":[{"id":1}],'
    . '"activities":[{"id":1,"date":"2024-01-01","category":"service","kind":"k","hours":1.005,"venue":"\u0000",'
    . '"participants":[1]}]}');
same('fromJson: bare ids, NUL in a value, other keys ignored', ['people' => 1, 'activities' => 1, 'participations' => 1], $j->counts());
check('fromJson: NUL venue printed back', str_contains($j->toJson(), '"venue":"\u0000"'));

/* --------------------------------------------------------------- snapshot */

$path = "$tmp/a.snap";
$d->save($path);
$bytes = file_get_contents($path);
same('snapshot magic and version', "DJSNAP\r\n" . pack('V', 3), substr($bytes, 0, 12));
same('snapshot payload length', strlen($bytes) - 32, unpack('P', $bytes, 16)[1]);
same('snapshot crc', crc32(substr($bytes, 32)), unpack('V', $bytes, 12)[1]);
same('snapshot strings: "" then kind, venue kind, venue by first use', ['', 'visit', 'community', 'Hall', 'clean', 'park', 'committee', 'branch_assembly', 'old'],
    (function () use ($bytes) {
        $n = unpack('V', $bytes, 32)[1];
        $p = 36;
        $out = [];
        for ($i = 0; $i < $n; $i++) {
            $l = unpack('V', $bytes, $p)[1];
            $out[] = substr($bytes, $p + 4, $l);
            $p += 4 + $l;
        }
        return $out;
    })());
$back = Dataset::load($path);
same('snapshot round trip: toJson', $d->toJson(), $back->toJson());
same('snapshot round trip: stats', $d->statsJson(), $back->statsJson());
$back->save("$tmp/b.snap");
same('snapshot: saving the loaded gives the same bytes', $bytes, file_get_contents("$tmp/b.snap"));
same('save leaves no temporary file', ['a.snap', 'b.snap'], array_values(array_diff(scandir($tmp), ['.', '..'])));

$CS = 'Dangjian\CorruptSnapshot';
$fix = function (string $payload): string { // a header for a payload
    return "DJSNAP\r\n" . pack('VVPP', 3, crc32($payload), strlen($payload), 0) . $payload;
};
$damaged = [
    [substr($bytes, 0, 31), 'truncated'],
    ['XJSNAP' . substr($bytes, 6), 'not a dangjian snapshot'],
    [substr_replace($bytes, pack('V', 1), 8, 4), 'version 1 is not supported'],
    [substr_replace($bytes, pack('V', 2), 8, 4), 'version 2 is not supported'],
    [substr($bytes, 0, -1), 'truncated'],
    [$bytes . "\0", 'damaged (trailing bytes)'],
    [substr_replace($bytes, chr(ord($bytes[40]) ^ 1), 40, 1), 'checksum mismatch'],
    [substr_replace($bytes, pack('P', 1), 24, 8), 'damaged (reserved)'],
    [$fix(''), 'truncated'],
    [$fix(pack('V', 0) . str_repeat("\0", 40)), 'damaged (no strings)'],
    [$fix(pack('VV', 1, 1) . 'x' . str_repeat("\0", 40)), 'damaged (string 0 is not empty)'],
    [$fix(pack('VVV', 2, 0, 1) . "\xFF" . str_repeat("\0", 40)), 'damaged (string 1 is not UTF-8)'],
    [$fix(pack('VV', 1, 0) . pack('V', 5)), 'truncated'],
    [$fix(pack('VV', 1, 0) . str_repeat("\0", 40) . 'x'), 'damaged (trailing bytes)'],
    [$fix(pack('VV', 1, 0) . pack('V', 1) . pack('V', 0) . "\0\0" . str_repeat(pack('V', 0x80000000), 8) . str_repeat("\0", 36)),
        'damaged (people[0].id)'],
    [$fix(pack('VV', 1, 0) . pack('V', 2) . pack('VV', 4, 4) . "\0\0\0\0" . str_repeat(pack('V', 0x80000000), 16) . str_repeat("\0", 36)),
        'damaged (people[1].id: duplicate id 4)'],
    [$fix(pack('VV', 1, 0) . pack('V', 1) . pack('V', 4) . "\0\0" . pack('VV', 100, 50) . str_repeat(pack('V', 0x80000000), 6) . str_repeat("\0", 36)),
        'damaged (people[0].activist_on)'],
    [$fix(pack('VV', 1, 0) . pack('V', 0) . pack('V', 2) . pack('VVVV', 5, 5, 1, 1) . str_repeat("\0", 32)),
        'damaged (headcount[1].date)'],
];
foreach ($damaged as $i => [$b, $what]) {
    file_put_contents("$tmp/bad.snap", $b);
    throws("damaged #$i", $CS, "snapshot $tmp/bad.snap: $what", fn () => Dataset::load("$tmp/bad.snap"));
}
@unlink("$tmp/bad.snap");
throws('load: no such file', 'Dangjian\Exception', "cannot read $tmp/none.snap: No such file or directory",
    fn () => Dataset::load("$tmp/none.snap"));
throws('load: a folder', 'Dangjian\Exception', "cannot read $tmp: Is a directory", fn () => Dataset::load($tmp));
throws('save: no such folder', 'Dangjian\Exception', "cannot write $tmp/no/a.snap: No such file or directory",
    fn () => $d->save("$tmp/no/a.snap"));
@mkdir("$tmp/dir");
throws('save over a folder', 'Dangjian\Exception', "cannot write $tmp/dir: Is a directory", fn () => $d->save("$tmp/dir"));
same('a failed save leaves nothing behind', ['a.snap', 'b.snap', 'dir'], array_values(array_diff(scandir($tmp), ['.', '..'])));

/* --------------------------------------------------------------------- v2 */

$e = new Dangjian\InvalidRecord('by hand');
same('InvalidRecord by hand: no path, row -1', ['', -1, '', ''], [$e->getPath(), $e->getRow(), $e->getField(), $e->getRule()]);
$v = new Dataset();
$v->addPeople([['id' => 1, 'admitted_on' => '2020-01-01', 'hired_on' => '2021-05-05'], ['id' => 2, 'applied_on' => '2020-01-01']]);
$v->addActivities([
    ['id' => 1, 'date' => '2024-01-01', 'category' => 'service', 'kind' => 'visit', 'venue_kind' => 'community', 'venue' => 'Hall',
        'project' => ' P ', 'participants' => [1]],
    ['id' => 2, 'date' => '2024-01-02', 'category' => 'service', 'kind' => 'visit', 'venue_kind' => 'community', 'venue' => 'Hall',
        'project' => 'Q'],
    ['id' => 3, 'date' => '2024-01-03', 'category' => 'meeting', 'kind' => 'committee', 'project' => 'P'],
]);
$v->save("$tmp/v.snap");
$vb = file_get_contents("$tmp/v.snap");
same('snapshot v2: strings by first use, the project after the venue', ['', 'visit', 'community', 'Hall', 'P', 'Q', 'committee'],
    (function () use ($vb) {
        $n = unpack('V', $vb, 32)[1];
        $p = 36;
        $out = [];
        for ($i = 0; $i < $n; $i++) {
            $l = unpack('V', $vb, $p)[1];
            $out[] = substr($vb, $p + 4, $l);
            $p += 4 + $l;
        }
        return $out;
    })());
$vl = Dataset::load("$tmp/v.snap");
same('snapshot v2 round trip: toJson', $v->toJson(), $vl->toJson());
same('snapshot v2 round trip: stats with a filter', $v->statsJson(['filter' => ['projects' => ['P']]]),
    $vl->statsJson(['filter' => ['projects' => ['P']]]));
$vl->save("$tmp/v2.snap");
same('snapshot v2: saving the loaded gives the same bytes', $vb, file_get_contents("$tmp/v2.snap"));
// the payload's sections: strings, then people (4+1+1+4*8 bytes each), headcount, kinds, places, activities
$off = 36;
foreach (['', 'visit', 'community', 'Hall', 'P', 'Q', 'committee'] as $str) {
    $off += 4 + strlen($str);
}
$peopleAt = $off + 4;
$hiredCol = $peopleAt + 2 * (4 + 1 + 1) + 2 * 4 * 7; // the eighth date column of 2 people
same('snapshot v2: hired_on is the eighth date column', Values::fromYmd(2021, 5, 5), unpack('l', $vb, $hiredCol)[1]);
$fixAt = function (string $b, int $at, string $bytes): string {
    $payload = substr_replace(substr($b, 32), $bytes, $at - 32, strlen($bytes));
    return substr($b, 0, 12) . pack('V', crc32($payload)) . substr($b, 16, 16) . $payload;
};
// then headcount (none), kinds (2: 5 bytes each), places (2: 8 bytes each), activities: id, date, kind, place, project
$projectCol = $peopleAt + 2 * 38 + 4 + (4 + 2 * 5) + (4 + 2 * 8) + 4 + 4 * 4 * 3;
foreach ([
    [$fixAt($vb, $hiredCol, pack('l', 200000)), 'damaged (people[0].hired_on)'],
    [$fixAt($vb, $projectCol, pack('V', 99)), 'damaged (activities[0].project)'],
    // the string "Q" made " ", which is not trimmed: the activity using it as its project is refused
    [$fixAt($vb, strpos($vb, "\x01\x00\x00\x00Q") + 4, ' '), 'damaged (activities[1].project)'],
] as $i => [$b, $what]) {
    file_put_contents("$tmp/bad.snap", $b);
    throws("damaged v2 #$i", $CS, "snapshot $tmp/bad.snap: $what", fn () => Dataset::load("$tmp/bad.snap"));
}
@unlink("$tmp/bad.snap");
@unlink("$tmp/v.snap");
@unlink("$tmp/v2.snap");

/* ------------------------------------------------------------- day index */

// stats() reads a short period through the day index: the same service and meetings figures as a
// dataset holding only that period's activities; the index follows adds and removals.
mt_srand(7);
$all = [];
for ($i = 1; $i <= 2000; $i++) {
    $all[] = ['id' => $i, 'date' => Values::formatDate(Values::fromYmd(2015, 1, 1) + mt_rand(0, 3650)),
        'category' => mt_rand(0, 3) ? 'service' : 'meeting', 'kind' => ['visit', 'committee', 'clean'][mt_rand(0, 2)],
        'hours' => mt_rand(0, 40) / 4, 'project' => ['P', 'Q', null][mt_rand(0, 2)], 'venue_kind' => 'v', 'venue' => 'h' . mt_rand(0, 9),
        'participants' => mt_rand(0, 1) ? [1] : [1, 2]];
}
$big = new Dataset();
$big->addPeople([['id' => 1, 'full_on' => '2010-01-01'], ['id' => 2, 'applied_on' => '2010-01-01']]);
$big->addActivities($all);
$blocks = fn (Dataset $x, array $q) => json_encode(array_intersect_key($x->stats($q), ['service' => 1, 'meetings' => 1]));
$same = 0;
for ($k = 0; $k < 40; $k++) {
    $a = Values::fromYmd(2014, 6, 1) + mt_rand(0, 4000);
    $b = $a + ($k % 4 === 0 ? mt_rand(0, 4000) : mt_rand(0, 120));
    $q = ['from' => Values::formatDate($a), 'to' => Values::formatDate(min($b, Values::fromYmd(2199, 12, 31)))];
    if ($k % 3 === 0) {
        $q['filter'] = ['projects' => ['P']];
    }
    $part = new Dataset();
    $part->addPeople([['id' => 1, 'full_on' => '2010-01-01'], ['id' => 2, 'applied_on' => '2010-01-01']]);
    $part->addActivities(array_values(array_filter($all, fn ($r) => $r['date'] >= $q['from'] && $r['date'] <= $q['to'])));
    $same += (int)($blocks($big, $q) === $blocks($part, $q));
}
same('day index: 40 periods give the figures of their own activities', 40, $same);
$q = ['from' => '2030-01-01', 'to' => '2030-01-31'];
same('day index: nothing in an empty period', 0, $big->stats($q)['service']['activities'] + $big->stats($q)['meetings']['total']);
$big->addActivities([['id' => 5001, 'date' => '2030-01-15', 'category' => 'service', 'kind' => 'visit']]);
same('day index: an add after stats() is seen', 1, $big->stats($q)['service']['activities']);
$big->removeActivities([5001]);
same('day index: a removal after stats() is seen', 0, $big->stats($q)['service']['activities']);

// a kept dataset shares its day index with the copies Cache::get() hands out, until they change
$fresh = new Dataset(); // no stats() yet: no day index
$fresh->addPeople([['id' => 1, 'full_on' => '2010-01-01'], ['id' => 2, 'applied_on' => '2010-01-01']]);
$fresh->addActivities($all);
Dangjian\Cache::put('twin-k', $fresh);
$kept = Dangjian\Cache::get('twin-k');
$before = Dangjian\Cache::info()['entries']['twin-k'];
try {
    $kept->addActivities([['id' => 1, 'date' => 'x']]);
} catch (Dangjian\InvalidRecord $e) {
}
$kept->addPeople([]);
$kept->stats(['from' => '2016-01-01', 'to' => '2016-01-31']);
same('Cache: the day index built through a copy counts in the kept entry', true,
    Dangjian\Cache::info()['entries']['twin-k'] > $before);
$kept->addPeople([['id' => 77]]);
same('Cache: a copy that changed keeps the kept dataset as it was', [2, 3],
    [Dangjian\Cache::get('twin-k')->counts()['people'], $kept->counts()['people']]);
Dangjian\Cache::clear();

// toJson() past 1 MiB goes through its spool: the same text as fromJson() of it gives back
$more = [];
for ($i = 1; $i <= 12000; $i++) {
    $more[] = $all[$i % 2000] + ['id' => $i];
    $more[$i - 1]['id'] = 10000 + $i;
}
$fresh->addActivities($more);
$text = $fresh->toJson();
same('toJson past 1 MiB: spooled and read back whole', [true, true],
    [strlen($text) > 1048576, Dataset::fromJson($text)->toJson() === $text]);

foreach (['a.snap', 'b.snap'] as $f) {
    @unlink("$tmp/$f");
}
@rmdir("$tmp/dir");
@rmdir($tmp);

echo "$passed passed, $failed failed\n";
exit($failed ? 1 : 0);

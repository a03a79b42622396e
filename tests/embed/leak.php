<?php
/*
 * leak.php - every path of the extension, in a loop, for the leak check.
 *
 *   valgrind ... .work/embed/dj-embed -n tests/embed/leak.php [ROUNDS]
 *
 * Run by `make test` in the embed harness (the extension compiled in) under
 * valgrind with USE_ZEND_ALLOC=0: every success path (add, stats, statsJson,
 * toJson, fromJson, save, load, counts) and every kind of exception (each
 * class, from each method) runs ROUNDS times, so that a leak on any of them
 * grows with the rounds and shows as "definitely lost". Each outcome is also
 * checked, and the script ends with "embed-leak: N passed, N failed".
 * Scratch files go to $DJ_TMP (default: the system's temporary folder).
 */

declare(strict_types=1);

use Dangjian\CorruptSnapshot;
use Dangjian\Dataset;
use Dangjian\InvalidJson;
use Dangjian\InvalidRecord;

$rounds = max(1, (int)($argv[1] ?? 3));
$tmp = rtrim(getenv('DJ_TMP') ?: sys_get_temp_dir(), '/') . '/dj-leak-' . getmypid();
@mkdir($tmp, 0700, true);

$passed = $failed = 0;

function ok(bool $cond, string $what): void
{
    global $passed, $failed;
    if ($cond) {
        $passed++;
    } else {
        $failed++;
        echo "FAIL: $what\n";
    }
}

/** Runs $f, which must throw $class (exactly). */
function throws(string $class, callable $f, string $what): void
{
    try {
        $f();
        ok(false, "$what: no exception (expected $class)");
    } catch (Throwable $e) {
        ok(get_class($e) === $class, "$what: " . get_class($e) . ': ' . $e->getMessage() . " (expected $class)");
    }
}

function people(): array
{
    return [
        ['id' => 1, 'is_staff' => true, 'applied_on' => '2020-01-01', 'activist_on' => '2020-06-01',
         'candidate_on' => '2021-01-01', 'admitted_on' => '2023-07-01'],
        ['id' => '2', 'is_staff' => '1', 'full_on' => '2019-01-01', 'left_on' => '2024-05-01', 'left_reason' => 'transfer'],
        ['id' => 3, 'joined_on' => '2022-02-02', 'full_on' => '2015-01-01', 'unknown' => 'ignored',
         'hired_on' => '2024-03-01'],
        ['id' => 4, 'left_on' => '2023-01-01'],
        ['id' => 5, 'applied_on' => '2024-02-29', 'activist_on' => '', 'candidate_on' => null],
    ];
}

function activities(): array
{
    return [
        ['id' => 1, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'counseling', 'hours' => 2.5,
         'fee_waived' => '3.333', 'donation' => 1.115, 'beneficiaries' => 3, 'venue_kind' => 'community',
         'venue' => "\u{3000}阳光社区 ", 'project' => ' 洪灾援助', 'participants' => [1, ['id' => 2, 'hours' => '1.25'], ['id' => '3']]],
        ['id' => 2, 'date' => '2024-02-10', 'category' => 'meeting', 'kind' => 'committee', 'hours' => 1,
         'participants' => [1, 2]],
        ['id' => 3, 'date' => '2024-03-15', 'category' => 'service', 'kind' => 'cleanup', 'hours' => '1e1',
         'venue_kind' => 'park', 'venue' => 'Central Park', 'project' => '洪灾援助', 'participants' => null],
        ['id' => 4, 'date' => '2024-04-01', 'category' => 'meeting', 'kind' => 'party_lesson'],
    ];
}

function build(): Dataset
{
    $d = new Dataset();
    $d->addPeople(people());
    $d->addActivities(activities());
    $d->setHeadcount([['date' => '2024-01-01', 'count' => 40], ['date' => '2023-06-01', 'count' => '38']]);
    return $d;
}

$query = ['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-06-30', 'top' => 2, 'due_within' => 400,
    'meeting_rules' => ['committee' => 'month', 'party_lesson' => 'quarter', 'life_meeting' => 'year']];

for ($round = 0; $round < $rounds; $round++) {
    // ---- success paths
    $d = build();
    ok($d->counts() === ['people' => 5, 'activities' => 4, 'participations' => 5], 'counts');
    $json = $d->statsJson($query);
    $stats = $d->stats($query);
    ok(json_decode($json, true) == $stats, 'stats() is statsJson() decoded');
    ok($d->statsJson() === $d->statsJson([]), 'default query');
    $filter = ['filter' => ['projects' => ['洪灾援助'], 'venue_kinds' => ['community', 'park'], 'kinds' => ['counseling']]];
    ok(json_decode($d->statsJson($filter), true) == $d->stats($filter), 'a filtered query');
    ok(array_keys($d->stats()['service']['by_project']) === ['洪灾援助'], 'by_project');
    $text = $d->toJson();
    $e = Dataset::fromJson($text);
    ok($e->statsJson($query) === $json && $e->toJson() === $text, 'fromJson(toJson())');
    $path = "$tmp/d.djsnap";
    $d->save($path);
    $d->save($path); // over an existing file
    $f = Dataset::load($path);
    ok($f->statsJson($query) === $json && $f->toJson() === $text, 'load(save())');
    ok($f->addPeople([['id' => 9, 'applied_on' => '2024-07-01']]) === 1, 'add to a loaded dataset');
    ok($d->addActivities([]) === 0 && $d->addPeople([]) === 0, 'empty adds');
    $d->setHeadcount([]);
    ok(strlen($d->statsJson(['to' => '2024-12-31'])) > 0, 'stats after clearing the headcount');
    $empty = new Dataset();
    ok(strpos($empty->statsJson(['to' => '2024-03-31']), '"by_month"') !== false, 'stats of an empty dataset');
    $g = Dataset::fromJson('{"format":"dangjian-dataset","version":1,"people":[{"id":1,"applied_on":"2024-01-01"},{"id":2}],'
        . '"activities":[{"id":1,"date":"2024-01-02","category":"service","kind":"a","participants":[1,{"id":2}]}]}'
        . str_repeat(' ', 3));
    unset($g);

    // ---- InvalidRecord from every method that adds
    $d = build();
    throws(InvalidRecord::class, fn () => $d->addPeople([['id' => 0]]), 'bad id');
    throws(InvalidRecord::class, fn () => $d->addPeople([['id' => 10], 'not a row']), 'not a row');
    throws(InvalidRecord::class, fn () => $d->addPeople([['id' => 11], ['id' => 11]]), 'duplicate id in the call');
    throws(InvalidRecord::class, fn () => $d->addPeople([['id' => 1]]), 'duplicate id with the dataset');
    throws(InvalidRecord::class, fn () => $d->addPeople([['id' => 12, 'applied_on' => '2024-02-01',
        'activist_on' => '2024-01-01']]), 'stage order');
    throws(InvalidRecord::class, fn () => $d->addPeople([['id' => 13, 'applied_on' => '2024-02-01',
        'left_on' => '2024-01-01']]), 'left before start');
    throws(InvalidRecord::class, fn () => $d->addPeople([['id' => 14, 'left_reason' => 'moved']]), 'left_reason');
    throws(InvalidRecord::class, fn () => $d->addPeople([['id' => 15, 'is_staff' => 'yes']]), 'is_staff');
    throws(InvalidRecord::class, fn () => $d->addPeople([['id' => 16, 'full_on' => '2100-02-29']]), 'date');
    throws(InvalidRecord::class, fn () => $d->addPeople([['id' => 17, 'hired_on' => '2024-02-30']]), 'hired_on');
    try {
        $d->addPeople([['id' => 18], ['id' => 18]]);
    } catch (InvalidRecord $e) {
        ok($e->getPath() === 'people[1].id' && $e->getRow() === 1 && $e->getField() === 'id'
            && $e->getRule() === 'duplicate_id', 'errors as data');
    }
    throws(InvalidRecord::class, fn () => $d->addActivities([['id' => 9, 'date' => '2024-01-01',
        'category' => 'service', 'kind' => 'a', 'project' => str_repeat('x', 201)]]), 'project');
    throws(InvalidRecord::class, fn () => $d->addActivities([['id' => 9, 'date' => '2024-01-01',
        'category' => 'service', 'kind' => 'a', 'participants' => [1, 99]]]), 'unknown participant');
    throws(InvalidRecord::class, fn () => $d->addActivities([['id' => 9, 'date' => '2024-01-01',
        'category' => 'service', 'kind' => 'a', 'participants' => [1, ['id' => 1]]]]), 'duplicate participant');
    throws(InvalidRecord::class, fn () => $d->addActivities([['id' => 1, 'date' => '2024-01-01',
        'category' => 'service', 'kind' => 'a']]), 'duplicate activity');
    throws(InvalidRecord::class, fn () => $d->addActivities([['id' => 9, 'date' => '2024-01-01',
        'category' => 'other', 'kind' => 'a']]), 'category');
    throws(InvalidRecord::class, fn () => $d->addActivities([['id' => 9, 'date' => '2024-01-01',
        'category' => 'service', 'kind' => 'A-B']]), 'slug');
    throws(InvalidRecord::class, fn () => $d->addActivities([['id' => 9, 'date' => '2024-01-01',
        'category' => 'service', 'kind' => 'a', 'hours' => '1000000000.001']]), 'amount');
    throws(InvalidRecord::class, fn () => $d->addActivities([['id' => 9, 'date' => '2024-01-01',
        'category' => 'service', 'kind' => 'a', 'venue' => "\xff"]]), 'venue');
    throws(InvalidRecord::class, fn () => $d->addActivities([['id' => 9, 'date' => '2024-01-01',
        'category' => 'service', 'kind' => 'a', 'participants' => 'x']]), 'participants');
    throws(InvalidRecord::class, fn () => $d->addActivities([['id' => 9]]), 'required');
    throws(InvalidRecord::class, fn () => $d->setHeadcount([['date' => '2024-01-01', 'count' => 1],
        ['date' => '2024-01-01', 'count' => 2]]), 'duplicate headcount date');
    throws(InvalidRecord::class, fn () => $d->setHeadcount([['date' => '2024-01-01', 'count' => -1]]), 'count');
    throws(InvalidRecord::class, fn () => $d->setHeadcount([5]), 'headcount not a row');
    ok($d->counts() === ['people' => 5, 'activities' => 4, 'participations' => 5], 'nothing added by the failures');

    // ---- ValueError from the query, in stats() and statsJson()
    foreach ([['foo' => 1], [0 => 'x'], ['from' => '2024-13-01'], ['to' => 5], ['as_of' => []],
        ['top' => 1001], ['top' => '010'], ['due_within' => -1], ['meeting_rules' => 'month'],
        ['meeting_rules' => ['Bad' => 'month']], ['meeting_rules' => [-1 => 'month']],
        ['meeting_rules' => ['committee' => 'week']], ['from' => '2025-01-01', 'to' => '2024-12-31'],
        ['filter' => 'x'], ['filter' => ['colour' => null]], ['filter' => ['kinds' => ['a', 'B']]],
        ['filter' => ['kinds' => ['a'], 'projects' => ['p', '  ']]], ['filter' => ['venues' => []]],
        ['filter' => ['venues' => ['a'], 7 => ['b']]]] as $i => $q) {
        throws(ValueError::class, fn () => $d->stats($q), "query #$i in stats()");
        throws(ValueError::class, fn () => $d->statsJson($q), "query #$i in statsJson()");
    }
    throws(ValueError::class, fn () => (new Dataset())->statsJson(), 'no date and no to');

    // ---- TypeError from the arguments
    throws(TypeError::class, fn () => $d->addPeople('x'), 'addPeople(string)');
    throws(TypeError::class, fn () => $d->stats(5), 'stats(int)');
    throws(TypeError::class, fn () => Dataset::fromJson([]), 'fromJson(array)');
    throws(ArgumentCountError::class, fn () => $d->save(), 'save()');

    // ---- InvalidJson and InvalidRecord from fromJson()
    foreach (['', '{', '[]', '{"format":"x","version":1}', '{"format":"dangjian-dataset"}',
        '{"format":"dangjian-dataset","version":3}', '{"format":"dangjian-dataset","version":1,"people":{}}',
        "{\"format\":\"dangjian-dataset\",\"version\":1,\"x\":\"\xff\"}",
        '{"format":"dangjian-dataset","version":1,"x":"\ud800"}', '{"a":1} x'] as $i => $t) {
        throws(InvalidJson::class, fn () => Dataset::fromJson($t), "bad json #$i");
    }
    throws(InvalidRecord::class, fn () => Dataset::fromJson('{"format":"dangjian-dataset","version":1,'
        . '"people":[{"id":1},{"id":1}]}'), 'fromJson with a bad row');
    throws(InvalidRecord::class, fn () => Dataset::fromJson('{"format":"dangjian-dataset","version":1,'
        . '"activities":[{"id":1,"date":"2024-01-01","category":"service","kind":"a","participants":[3]}]}'),
        'fromJson with an unknown participant');

    // ---- CorruptSnapshot and Exception from load() and save()
    $good = file_get_contents($path);
    $bad = "$tmp/bad.djsnap";
    $payload = substr($good, 32);
    $damaged = substr_replace($payload, "\xff\xff\xff\xff", 4, 4); // the first string's length
    foreach ([
        'truncated' => substr($good, 0, 20),
        'short payload' => substr($good, 0, -1),
        'trailing' => $good . "\0",
        'magic' => 'XXXXXXXX' . substr($good, 8),
        'version' => substr_replace($good, pack('V', 2), 8, 4), // format 2 is no longer read
        'checksum' => substr_replace($good, chr(ord($good[40]) ^ 1), 40, 1),
        'damaged' => substr($good, 0, 12) . pack('V', crc32($damaged)) . substr($good, 16, 16) . $damaged,
    ] as $what => $bytes) {
        file_put_contents($bad, $bytes);
        throws(CorruptSnapshot::class, fn () => Dataset::load($bad), "snapshot $what");
    }
    throws(Dangjian\Exception::class, fn () => Dataset::load("$tmp/missing.djsnap"), 'load a missing file');
    throws(Dangjian\Exception::class, fn () => $d->save("$tmp/no/such/dir/x.djsnap"), 'save into a missing folder');
    throws(Dangjian\Exception::class, fn () => Dataset::load($tmp), 'load a folder');

    // ---- the object itself
    throws(Exception::class, fn () => serialize($d), 'serialize');
    throws(Error::class, function () use ($d) {
        $d->dynamic = 1;
    }, 'dynamic property');
    unset($d, $e, $f, $empty, $stats);
}

@unlink("$tmp/d.djsnap");
@unlink("$tmp/bad.djsnap");
foreach (glob("$tmp/{,.}*", GLOB_BRACE) ?: [] as $stray) {
    if (is_file($stray)) {
        ok(false, "a file was left behind: $stray");
        unlink($stray);
    }
}
@rmdir($tmp);
echo "embed-leak: $passed passed, $failed failed ($rounds rounds)\n";
exit($failed ? 1 : 0);

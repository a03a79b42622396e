<?php
/*
 * engine.php - one engine's side of the oracle suite (tests/oracle/run.php drives it).
 *
 *   php -d extension=modules/dangjian.so tests/oracle/engine.php --impl=ext  --in=CASES --out=FILE
 *   php                                  tests/oracle/engine.php --impl=twin --in=CASES --out=FILE
 *
 * CASES is a serialize()d map seed => case (OracleCases::generate). For every case it builds a
 * Dataset (addPeople, addActivities, setHeadcount) and its copy fromJson(toJson()), and runs every
 * query through statsJson() and stats() of the dataset and statsJson() of the copy; it writes a
 * serialize()d map seed => list of answers (per query: statsJson, stats, fromJson(toJson)), each
 * "J <json>" or "A <serialized stats()>" for a result, "V <message>" for a \ValueError,
 * "X <class>: <message>" for anything else thrown.
 */

declare(strict_types=1);

ini_set('serialize_precision', '-1');
ini_set('memory_limit', '1G');
error_reporting(E_ALL);
set_error_handler(function (int $no, string $msg, string $file, int $line): bool {
    throw new ErrorException($msg, 0, $no, $file, $line);
});

$opt = getopt('', ['impl:', 'in:', 'out:']);
$impl = $opt['impl'] ?? '';
if (!in_array($impl, ['ext', 'twin'], true) || !isset($opt['in'], $opt['out'])) {
    fwrite(STDERR, "usage: engine.php --impl=ext|twin --in=CASES --out=FILE\n");
    exit(2);
}
if ($impl === 'twin') {
    require_once dirname(__DIR__, 2) . '/php/fallback/load.php';
}
$internal = class_exists('Dangjian\Dataset') && (new ReflectionClass('Dangjian\Dataset'))->isInternal();
if (($impl === 'ext') !== extension_loaded('dangjian') || ($impl === 'ext') !== $internal) {
    fwrite(STDERR, "engine.php: --impl=$impl but extension_loaded('dangjian') is "
        . var_export(extension_loaded('dangjian'), true) . "\n");
    exit(2);
}

$cases = unserialize(file_get_contents($opt['in']));
$out = [];
foreach ($cases as $seed => $case) {
    try {
        $d = new Dangjian\Dataset();
        $d->addPeople($case['people']);
        $d->addActivities($case['activities']);
        $d->setHeadcount($case['headcount']);
        $rt = Dangjian\Dataset::fromJson($d->toJson());
        $edited = edited($case);
    } catch (Throwable $e) {
        $out[$seed] = ['build' => 'X ' . get_class($e) . ': ' . $e->getMessage()];
        continue;
    }
    $answers = [];
    foreach ($case['queries'] as $i => $q) {
        $answers[$i] = [
            'statsJson' => answer(fn() => 'J ' . $d->statsJson($q)),
            'stats' => answer(fn() => 'A ' . serialize($d->stats($q))),
            'fromJson(toJson)' => answer(fn() => 'J ' . $rt->statsJson($q)),
            'after edits' => answer(fn() => 'J ' . $edited->statsJson($q)),
        ];
    }
    $out[$seed] = $answers;
}
file_put_contents($opt['out'], serialize($out));

function answer(callable $f): string
{
    try {
        return $f();
    } catch (ValueError $e) {
        return 'V ' . $e->getMessage();
    } catch (Throwable $e) {
        return 'X ' . get_class($e) . ': ' . $e->getMessage();
    }
}

/**
 * The same dataset reached another way: rows added in parts with queries in between (so any cache
 * is filled and must follow), and an extra person and activity added, queried and removed again.
 */
function edited(array $case): Dangjian\Dataset
{
    $junkPerson = ['id' => 2147483000, 'applied_on' => '1900-01-01', 'admitted_on' => '1900-01-02', 'hired_on' => '2199-12-31'];
    $junkActivity = ['id' => 2147483000, 'date' => '2199-12-31', 'category' => 'service', 'kind' => 'visit',
        'hours' => 5, 'venue_kind' => 'school', 'venue' => 'Junk', 'project' => 'junk', 'participants' => [2147483000]];
    $halfP = intdiv(count($case['people']), 2);
    $halfA = intdiv(count($case['activities']), 2);
    $e = new Dangjian\Dataset();
    $peek = function (array $q) use ($e): void {
        try {
            $e->statsJson($q);
        } catch (ValueError $ignored) {
        }
    };
    $e->addPeople(array_slice($case['people'], 0, $halfP));
    $peek([]);
    $e->addPeople(array_merge(array_slice($case['people'], $halfP), [$junkPerson]));
    $e->addActivities(array_slice($case['activities'], 0, $halfA));
    $peek([]);
    $peek(['filter' => ['kinds' => ['visit']]]);
    $e->addActivities(array_merge(array_slice($case['activities'], $halfA), [$junkActivity]));
    $e->setHeadcount([['date' => '2199-12-31', 'count' => 1]]);
    $peek([]);
    $e->setHeadcount($case['headcount']);
    $peek(['from' => '1900-01-01', 'to' => '2199-12-31']);
    $peek(['filter' => ['projects' => ['junk']]]);
    $e->removeActivities([2147483000]);
    $peek([]);
    $e->removePeople(['2147483000']);
    return $e;
}

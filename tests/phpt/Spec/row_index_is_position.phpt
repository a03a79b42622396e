--TEST--
Spec: the index in a path is the 0-based position in the array given to that call, not its key
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
attempt(fn() => $d->addPeople([10 => ['id' => 1], 'x' => ['id' => 2], 3 => ['id' => 0]]));
$d->addPeople(['a' => ['id' => 1], 'b' => ['id' => 2]]);
attempt(fn() => $d->addActivities([7 => svc(1, '2024-01-01'), 2 => svc(2, '2024-01-01', ['participants' => [5 => 1, 9 => 3]])]));
attempt(fn() => $d->setHeadcount(['p' => ['date' => '2024-01-01', 'count' => 1], 'q' => ['date' => '2024-01-01', 'count' => 2]]));
attempt(fn() => $d->addPeople([['id' => 3], 'not a row']));
?>
--EXPECT--
Dangjian\InvalidRecord: people[2].id: 0 is not an id (an integer from 1 to 2147483647)
Dangjian\InvalidRecord: activities[1].participants[1]: unknown person 3
Dangjian\InvalidRecord: headcount[1].date: duplicate date 2024-01-01
Dangjian\InvalidRecord: people[1]: "not a row" is not a row

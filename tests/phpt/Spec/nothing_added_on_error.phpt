--TEST--
Spec: nothing from a call that raised is added (counts and stats unchanged; the same ids can be added later)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'full_on' => '2020-01-01']]);
attempt(fn() => $d->addPeople([['id' => 2, 'full_on' => '2030-01-01'], ['id' => 3], ['id' => 4, 'applied_on' => 'x']]));
echo j($d->counts()), ' ', $d->stats()['period']['to'], "\n";
attempt(fn() => $d->addActivities([svc(1, '2029-01-01', ['participants' => [1]]), svc(2, '2024-01-01', ['participants' => [2]])]));
echo j($d->counts()), ' ', $d->stats()['period']['to'], "\n";
attempt(fn() => $d->addPeople([['id' => 2, 'full_on' => '2021-01-01'], ['id' => 3], ['id' => 4]]));
attempt(fn() => $d->addActivities([svc(1, '2022-01-01', ['participants' => [1, 2]]), svc(2, '2022-02-01', ['participants' => [2]])]));
echo j($d->counts()), ' ', $d->stats()['period']['to'], "\n";
?>
--EXPECT--
Dangjian\InvalidRecord: people[2].applied_on: "x" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
{"people":1,"activities":0,"participations":0} 2020-01-01
Dangjian\InvalidRecord: activities[1].participants[0]: unknown person 2
{"people":1,"activities":0,"participations":0} 2020-01-01
ok 3
ok 2
{"people":4,"activities":2,"participations":3} 2022-02-01

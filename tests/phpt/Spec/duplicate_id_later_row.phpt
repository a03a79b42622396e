--TEST--
Spec: a duplicate id (within the call or with rows already added) names the later row
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
attempt(fn() => $d->addPeople([['id' => 1], ['id' => 2], ['id' => '1']]));
$d->addPeople([['id' => 5]]);
attempt(fn() => $d->addPeople([['id' => 6], ['id' => '5']]));
attempt(fn() => $d->addActivities([svc(3, '2024-01-01'), svc(4, '2024-01-01'), svc(3, '2024-01-02')]));
$d->addActivities([svc(3, '2024-01-01')]);
attempt(fn() => $d->addActivities([svc(8, '2024-01-01'), mtg(3, '2024-01-01', 'committee')]));
echo j($d->counts()), "\n";
?>
--EXPECT--
Dangjian\InvalidRecord: people[2].id: duplicate id 1
Dangjian\InvalidRecord: people[1].id: duplicate id 5
Dangjian\InvalidRecord: activities[2].id: duplicate id 3
Dangjian\InvalidRecord: activities[1].id: duplicate id 3
{"people":1,"activities":1,"participations":0}

--TEST--
Spec: a participant's hours default to the activity's hours (bare id, no hours key, hours null); 0 is kept
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([]);
$d->addPeople(array_map(fn($i) => ['id' => $i, 'applied_on' => '2020-01-01'], range(1, 5)));
$d->addActivities([
    svc(1, '2024-01-10', ['hours' => 2.5, 'participants' => [1, ['id' => 2], ['id' => 3, 'hours' => null],
                                                            ['id' => 4, 'hours' => 0], ['id' => '5', 'hours' => '1.25']]]),
    svc(2, '2024-01-11', ['hours' => '3', 'participants' => [1, ['id' => 2, 'hours' => 1]]]),
]);
$s = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31'])['service'];
echo 'hours ', j($s['hours']), ' volunteer_hours ', j($s['volunteer_hours']), ' volunteers ', $s['volunteers'], "\n";
echo j($s['top_volunteers']), "\n";
?>
--EXPECT--
hours 5.5 volunteer_hours 12.75 volunteers 5
[{"id":1,"hours":5.5,"activities":2},{"id":2,"hours":3.5,"activities":2},{"id":3,"hours":2.5,"activities":1},{"id":5,"hours":1.25,"activities":1},{"id":4,"hours":0.0,"activities":1}]

--TEST--
Spec: each participant's hours are rounded to 0.01 before summing (exact hundredths), as are defaults from the activity
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people(array_map(fn($i) => ['id' => $i], range(1, 3)));
$d->addActivities([
    svc(1, '2024-01-01', ['hours' => 0.005, 'participants' => [1, 2, 3]]),
    svc(2, '2024-01-02', ['hours' => 1, 'participants' => [['id' => 1, 'hours' => '0.005'], ['id' => 2, 'hours' => 0.004999], ['id' => 3, 'hours' => 2.675]]]),
]);
$s = $d->stats()['service'];
echo j($s['hours']), ' ', j($s['volunteer_hours']), "\n";
echo j(array_map(fn($r) => [$r['id'], $r['hours']], $s['top_volunteers'])), "\n";
?>
--EXPECT--
1.01 2.72
[[3,2.69],[1,0.02],[2,0.01]]

--TEST--
Dataset::addActivities(): long participant lists of different lengths in one call are all kept
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople(array_map(fn($i) => ['id' => $i, 'full_on' => '2020-01-01'], range(1, 150)));
$rows = [
    ['id' => 1, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'a', 'hours' => 1, 'participants' => range(1, 40)],
    ['id' => 2, 'date' => '2024-01-06', 'category' => 'service', 'kind' => 'a', 'hours' => 2, 'participants' => [150, 149, 148]],
    ['id' => 3, 'date' => '2024-01-07', 'category' => 'service', 'kind' => 'a', 'hours' => 0.5,
     'participants' => array_map(fn($i) => ['id' => $i, 'hours' => 0.25], range(1, 100))],
    ['id' => 4, 'date' => '2024-01-08', 'category' => 'service', 'kind' => 'a', 'hours' => 3, 'participants' => [7]],
];
var_dump($d->addActivities($rows));
var_dump($d->counts()['participations']);
$s = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'top' => 3])['service'];
var_dump($s['volunteers'], $s['volunteer_hours'], $s['participation_ratio']);
echo json_encode($s['top_volunteers'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode(json_decode($d->toJson(), true)['activities'][1]['participants'], JSON_PRESERVE_ZERO_FRACTION), "\n";
?>
--EXPECT--
int(4)
int(144)
int(103)
float(74)
float(0.6867)
[{"id":7,"hours":4.25,"activities":3},{"id":148,"hours":2.0,"activities":1},{"id":149,"hours":2.0,"activities":1}]
[{"id":150,"hours":2.0},{"id":149,"hours":2.0},{"id":148,"hours":2.0}]

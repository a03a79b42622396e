--TEST--
Spec: top_volunteers by hours desc, activities desc, id asc; at most `top` (0 gives []); service of the period only
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$d->addPeople(array_map(fn($i) => ['id' => $i], range(1, 9)));
$d->addActivities([
    svc(1, '2024-02-01', ['hours' => 2, 'participants' => [5, 3, 8, 1]]),
    svc(2, '2024-02-02', ['hours' => 2, 'participants' => [3, 8]]),
    svc(3, '2024-02-03', ['hours' => 4, 'participants' => [7]]),
    svc(4, '2024-02-04', ['hours' => 1, 'participants' => [1, ['id' => 2, 'hours' => 3]]]),
    mtg(5, '2024-02-05', 'committee', ['hours' => 100, 'participants' => [9, 5]]),
    svc(6, '2023-12-31', ['hours' => 100, 'participants' => [5]]),
]);
$q = ['from' => '2024-01-01', 'to' => '2024-12-31'];
foreach ([null, 0, 4, '2', 1000] as $top) {
    echo var_export($top, true), ': ', j(array_map(fn($r) => "{$r['id']}:{$r['hours']}/{$r['activities']}",
        $d->stats($q + ['top' => $top])['service']['top_volunteers'])), "\n";
}
preg_match('/"top_volunteers":(\[[^\]]*\])/', $d->statsJson($q + ['top' => 0]), $m);
echo $m[1], "\n";
?>
--EXPECT--
NULL: ["3:4/2","8:4/2","7:4/1","1:3/2","2:3/1","5:2/1"]
0: []
4: ["3:4/2","8:4/2","7:4/1","1:3/2"]
'2': ["3:4/2","8:4/2"]
1000: ["3:4/2","8:4/2","7:4/1","1:3/2","2:3/1","5:2/1"]
[]

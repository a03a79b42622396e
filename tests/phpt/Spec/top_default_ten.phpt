--TEST--
Spec: top defaults to 10
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people(array_map(fn($i) => ['id' => $i], range(1, 12)));
$p = [];
foreach (range(1, 12) as $i) {
    $p[] = ['id' => $i, 'hours' => $i];
}
$d->addActivities([svc(1, '2024-01-01', ['participants' => $p])]);
echo implode(',', array_column($d->stats()['service']['top_volunteers'], 'id')), "\n";
echo $d->stats()['service']['volunteers'], "\n";
?>
--EXPECT--
12,11,10,9,8,7,6,5,4,3
12

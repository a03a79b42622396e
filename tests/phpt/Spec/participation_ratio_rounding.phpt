--TEST--
Spec: participation_ratio is rounded half away from zero to 4 decimals (3/160 -> 0.0188, 1/32 -> 0.0313)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
foreach ([[160, 3], [32, 1], [3, 2], [3, 1], [7, 7], [20000, 1]] as [$n, $k]) {
    $rows = [];
    for ($i = 1; $i <= $n; $i++) {
        $rows[] = ['id' => $i, 'full_on' => '2020-01-01'];
    }
    $d = people($rows);
    $d->addActivities([svc(1, '2024-03-01', ['participants' => range(1, $k)])]);
    $q = ['from' => '2024-01-01', 'to' => '2024-12-31'];
    preg_match('/"participation_ratio":([^,]*),/', $d->statsJson($q), $m);
    echo "$k/$n: ", var_export($d->stats($q)['service']['participation_ratio'], true), ' ', $m[1], "\n";
}
?>
--EXPECT--
3/160: 0.0188 0.0188
1/32: 0.0313 0.0313
2/3: 0.6667 0.6667
1/3: 0.3333 0.3333
7/7: 1.0 1.0
1/20000: 0.0001 0.0001

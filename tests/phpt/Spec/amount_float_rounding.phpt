--TEST--
Spec: a float amount is rounded half away from zero to 0.01 from its shortest round-trip decimal text; bounds apply as given
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$values = [1.115, 2.675, 1.005, 0.125, 0.005, 0.0049999, 0.015, 8.345, 1.045, 0.285, 10.075, 1e-7, 123456789.125,
           999999999.995, 1e9, 5, -0.0, 1000000000.001, 1000000000.004, -0.001, -1.5, INF, NAN, -INF];
foreach ($values as $v) {
    $d = new Dangjian\Dataset();
    try {
        $d->addActivities([svc(1, '2024-01-01', ['hours' => $v])]);
        echo var_export($v, true), ' -> ', j($d->stats()['service']['hours']), "\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo var_export($v, true), ' -> ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
1.115 -> 1.12
2.675 -> 2.68
1.005 -> 1.01
0.125 -> 0.13
0.005 -> 0.01
0.0049999 -> 0.0
0.015 -> 0.02
8.345 -> 8.35
1.045 -> 1.05
0.285 -> 0.29
10.075 -> 10.08
1.0E-7 -> 0.0
123456789.125 -> 123456789.13
999999999.995 -> 1000000000.0
1000000000.0 -> 1000000000.0
5 -> 5.0
-0.0 -> 0.0
1000000000.001 -> activities[0].hours: a float is not an amount (a number from 0 to 1000000000)
1000000000.004 -> activities[0].hours: a float is not an amount (a number from 0 to 1000000000)
-0.001 -> activities[0].hours: a float is not an amount (a number from 0 to 1000000000)
-1.5 -> activities[0].hours: a float is not an amount (a number from 0 to 1000000000)
INF -> activities[0].hours: a float is not an amount (a number from 0 to 1000000000)
NAN -> activities[0].hours: a float is not an amount (a number from 0 to 1000000000)
-INF -> activities[0].hours: a float is not an amount (a number from 0 to 1000000000)

--TEST--
Spec: int amounts are accepted from 0 to 1e9; outside rejected
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
foreach ([0, 1000000000, 1000000001, -1, PHP_INT_MAX, true, [1]] as $v) {
    echo var_export($v, true), ': ';
    attempt(function () use ($v) {
        $d = new Dangjian\Dataset();
        $d->addActivities([svc(1, '2024-01-01', ['fee_waived' => $v])]);
        return $d->stats()['service']['fee_waived'];
    });
}
?>
--EXPECT--
0: ok 0.0
1000000000: ok 1000000000.0
1000000001: Dangjian\InvalidRecord: activities[0].fee_waived: 1000000001 is not an amount (a number from 0 to 1000000000)
-1: Dangjian\InvalidRecord: activities[0].fee_waived: -1 is not an amount (a number from 0 to 1000000000)
9223372036854775807: Dangjian\InvalidRecord: activities[0].fee_waived: 9223372036854775807 is not an amount (a number from 0 to 1000000000)
true: Dangjian\InvalidRecord: activities[0].fee_waived: true is not an amount (a number from 0 to 1000000000)
array (
  0 => 1,
): Dangjian\InvalidRecord: activities[0].fee_waived: an array is not an amount (a number from 0 to 1000000000)

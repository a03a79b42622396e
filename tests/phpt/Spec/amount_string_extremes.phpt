--TEST--
Spec: string amounts are judged and rounded from their exact digits (beyond double precision, huge exponents)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
foreach (['1000000000.0000000000000000001', '999999999.9999999999999999999', '123456789012345678901234567890e-21',
          '0.000000000000000000000000000000000000000000000000000000000000001e60', '5e-3', '4.9999e-3',
          '1e-99999999999999999999', '1e99999999999999999999', '0e99999999999999999999', '0.0000000000000000000000001',
          '-0.0000000000000000000000001', '1000000000e-0', '0.01000000000000000000000000000000000000000000000000000001',
          '00000000000000000000000000000000000000000001.005', '1.00500000000000000000000000000000000000000000000000'] as $v) {
    $d = new Dangjian\Dataset();
    try {
        $d->addActivities([svc(1, '2024-01-01', ['hours' => $v])]);
        echo j($d->stats()['service']['hours']), "\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
activities[0].hours: "1000000000.0000000000000000001" is not an amount (a number from 0 to 1000000000)
1000000000.0
123456789.01
0.0
0.01
0.0
0.0
activities[0].hours: "1e99999999999999999999" is not an amount (a number from 0 to 1000000000)
0.0
0.0
activities[0].hours: "-0.0000000000000000000000001" is not an amount (a number from 0 to 1000000000)
1000000000.0
0.01
1.01
1.01

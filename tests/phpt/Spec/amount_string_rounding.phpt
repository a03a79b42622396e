--TEST--
Spec: a string amount matches [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?, bounds apply as given, rounded from its digits
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$values = ['1.115', '2.675', '1.005', '0.005', '0.0049999', '1.0049999999999999999', '1e9', '1E2', '1e+2', '.5', '5.',
           '+3', '-0', '-0.0', '-.0', '-0e5', '12.345e-1', '1.5e-2', '0.00500000000000000000001', '1e-400',
           '0e999999999', '100000000000e-2', '0.1e10', '1000000000.00', '007.50', '0.125', '999999999.995',
           '999999999.994999',
           '1000000000.001', '1.0000000001e9', '-0.001', '-1', '1e400', ' 1', '1 ', '1,5', '0x1A', '1e', '.', '',
           '+', 'inf', 'NaN', '1_000', '--1', '1e2.5'];
foreach ($values as $v) {
    $d = new Dangjian\Dataset();
    try {
        $d->addActivities([svc(1, '2024-01-01', ['donation' => $v])]);
        echo "'$v' -> ", j($d->stats()['service']['donation']), "\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo "'$v' -> ", $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
'1.115' -> 1.12
'2.675' -> 2.68
'1.005' -> 1.01
'0.005' -> 0.01
'0.0049999' -> 0.0
'1.0049999999999999999' -> 1.0
'1e9' -> 1000000000.0
'1E2' -> 100.0
'1e+2' -> 100.0
'.5' -> 0.5
'5.' -> 5.0
'+3' -> 3.0
'-0' -> 0.0
'-0.0' -> 0.0
'-.0' -> 0.0
'-0e5' -> 0.0
'12.345e-1' -> 1.23
'1.5e-2' -> 0.02
'0.00500000000000000000001' -> 0.01
'1e-400' -> 0.0
'0e999999999' -> 0.0
'100000000000e-2' -> 1000000000.0
'0.1e10' -> 1000000000.0
'1000000000.00' -> 1000000000.0
'007.50' -> 7.5
'0.125' -> 0.13
'999999999.995' -> 1000000000.0
'999999999.994999' -> 999999999.99
'1000000000.001' -> activities[0].donation: "1000000000.001" is not an amount (a number from 0 to 1000000000)
'1.0000000001e9' -> activities[0].donation: "1.0000000001e9" is not an amount (a number from 0 to 1000000000)
'-0.001' -> activities[0].donation: "-0.001" is not an amount (a number from 0 to 1000000000)
'-1' -> activities[0].donation: "-1" is not an amount (a number from 0 to 1000000000)
'1e400' -> activities[0].donation: "1e400" is not an amount (a number from 0 to 1000000000)
' 1' -> activities[0].donation: " 1" is not an amount (a number from 0 to 1000000000)
'1 ' -> activities[0].donation: "1 " is not an amount (a number from 0 to 1000000000)
'1,5' -> activities[0].donation: "1,5" is not an amount (a number from 0 to 1000000000)
'0x1A' -> activities[0].donation: "0x1A" is not an amount (a number from 0 to 1000000000)
'1e' -> activities[0].donation: "1e" is not an amount (a number from 0 to 1000000000)
'.' -> activities[0].donation: "." is not an amount (a number from 0 to 1000000000)
'' -> activities[0].donation: "" is not an amount (a number from 0 to 1000000000)
'+' -> activities[0].donation: "+" is not an amount (a number from 0 to 1000000000)
'inf' -> activities[0].donation: "inf" is not an amount (a number from 0 to 1000000000)
'NaN' -> activities[0].donation: "NaN" is not an amount (a number from 0 to 1000000000)
'1_000' -> activities[0].donation: "1_000" is not an amount (a number from 0 to 1000000000)
'--1' -> activities[0].donation: "--1" is not an amount (a number from 0 to 1000000000)
'1e2.5' -> activities[0].donation: "1e2.5" is not an amount (a number from 0 to 1000000000)

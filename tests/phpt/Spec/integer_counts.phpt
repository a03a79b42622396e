--TEST--
Spec: counts are ints or canonical digit strings from 0 to 2147483647; their sums do not overflow 32 bits
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
foreach (['0', 0, '00', '-0', -1, '2147483648', 1.0, false, '', ' 3', '3'] as $v) {
    echo var_export($v, true), ': ';
    attempt(fn() => (new Dangjian\Dataset())->addActivities([svc(1, '2024-01-01', ['beneficiaries' => $v])]));
}
$d = new Dangjian\Dataset();
$d->addActivities([svc(1, '2024-01-01', ['beneficiaries' => 2147483647]), svc(2, '2024-01-02', ['beneficiaries' => '2147483647']),
                   svc(3, '2024-01-03', ['beneficiaries' => null])]);
$s = $d->stats();
echo $s['service']['beneficiaries'], ' ', $s['service']['by_month'][0]['beneficiaries'], "\n";
echo str_contains($d->statsJson(), '"beneficiaries":4294967294,') ? "json ok\n" : "json wrong\n";
?>
--EXPECT--
'0': ok 1
0: ok 1
'00': Dangjian\InvalidRecord: activities[0].beneficiaries: "00" is not a count (an integer from 0 to 2147483647)
'-0': Dangjian\InvalidRecord: activities[0].beneficiaries: "-0" is not a count (an integer from 0 to 2147483647)
-1: Dangjian\InvalidRecord: activities[0].beneficiaries: -1 is not a count (an integer from 0 to 2147483647)
'2147483648': Dangjian\InvalidRecord: activities[0].beneficiaries: "2147483648" is not a count (an integer from 0 to 2147483647)
1.0: Dangjian\InvalidRecord: activities[0].beneficiaries: a float is not a count (an integer from 0 to 2147483647)
false: Dangjian\InvalidRecord: activities[0].beneficiaries: false is not a count (an integer from 0 to 2147483647)
'': Dangjian\InvalidRecord: activities[0].beneficiaries: "" is not a count (an integer from 0 to 2147483647)
' 3': Dangjian\InvalidRecord: activities[0].beneficiaries: " 3" is not a count (an integer from 0 to 2147483647)
'3': ok 1
4294967294 4294967294
json ok

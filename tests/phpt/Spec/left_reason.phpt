--TEST--
Spec: left_reason is transfer, death, cancelled, other or none; a reason without left_on is accepted and has no effect
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
foreach (['transfer', 'death', 'cancelled', 'other', '', null, 'Transfer', 'moved', 1, ' other'] as $r) {
    echo var_export($r, true), ': ';
    attempt(fn() => people([['id' => 1, 'full_on' => '2020-01-01', 'left_on' => '2024-01-01', 'left_reason' => $r]])->counts()['people']);
}
$d = people([['id' => 1, 'full_on' => '2020-01-01', 'left_reason' => 'death']]);
$s = $d->stats(['to' => '2024-12-31']);
echo $s['members']['full'], ' ', $s['pipeline']['left'], "\n";
?>
--EXPECT--
'transfer': ok 1
'death': ok 1
'cancelled': ok 1
'other': ok 1
'': ok 1
NULL: ok 1
'Transfer': Dangjian\InvalidRecord: people[0].left_reason: "Transfer" is not a leaving reason (transfer, death, cancelled or other)
'moved': Dangjian\InvalidRecord: people[0].left_reason: "moved" is not a leaving reason (transfer, death, cancelled or other)
1: Dangjian\InvalidRecord: people[0].left_reason: 1 is not a leaving reason (transfer, death, cancelled or other)
' other': Dangjian\InvalidRecord: people[0].left_reason: " other" is not a leaving reason (transfer, death, cancelled or other)
1 0

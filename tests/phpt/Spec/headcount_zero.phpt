--TEST--
Spec: staff_party_ratio is null when the headcount is 0 (staff_headcount stays 0)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'is_staff' => 1, 'full_on' => '2020-01-01']]);
$d->setHeadcount([['date' => '2024-01-01', 'count' => 0]]);
$m = $d->stats()['members'];
var_dump($m['staff_headcount'], $m['staff_party_members'], $m['staff_party_ratio']);
preg_match('/"staff_headcount":.*\}/U', $d->statsJson(), $x);
echo $x[0], "\n";
?>
--EXPECT--
int(0)
int(1)
NULL
"staff_headcount":0,"staff_party_members":1,"staff_party_ratio":null}

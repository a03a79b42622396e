--TEST--
stats(): staff_headcount is null without a point on or before as_of, and staff_party_ratio null when it is null or 0
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1, 'is_staff' => true, 'full_on' => '2020-01-01']]);
$q = ['to' => '2024-12-31'];
var_dump($d->stats($q)['members']['staff_headcount'], $d->stats($q)['members']['staff_party_ratio']);
$d->setHeadcount([['date' => '2024-01-01', 'count' => 0]]);
var_dump($d->stats($q)['members']['staff_headcount'], $d->stats($q)['members']['staff_party_ratio']);
$d->setHeadcount([['date' => '2024-01-01', 'count' => 4]]);
var_dump($d->stats($q)['members']['staff_headcount'], $d->stats($q)['members']['staff_party_ratio']);
?>
--EXPECT--
NULL
NULL
int(0)
NULL
int(4)
float(0.25)

--TEST--
Spec: stats() returns the same figures as statsJson() prints
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'full_on' => '2020-01-01'], ['id' => 2, 'applied_on' => '2021-01-01', 'admitted_on' => '2023-07-01'],
             ['id' => 3, 'activist_on' => '2022-02-28', 'is_staff' => 1]]);
$d->setHeadcount([['date' => '2021-01-01', 'count' => 160]]);
$d->addActivities([svc(1, '2024-02-10', ['project' => '临江县 "援助"', 'hours' => 1.115, 'fee_waived' => '2.675', 'participants' => [1, ['id' => 3, 'hours' => 0.1]]]),
                   svc(2, '2024-05-10', ['kind' => 'b', 'hours' => 0.2, 'venue_kind' => 'x', 'venue' => 'v', 'project' => '2024', 'participants' => [2]]),
                   mtg(3, '2024-03-01', 'committee', ['hours' => 3.333])]);
foreach ([[], ['as_of' => '2024-05-01', 'top' => 1], ['from' => '2023-06-01', 'due_within' => 3660]] as $q) {
    $viaStats = json_decode(json_encode($d->stats($q), JSON_PRESERVE_ZERO_FRACTION));
    $viaJson = json_decode($d->statsJson($q));
    echo $viaStats == $viaJson ? "same\n" : "differs\n";
}
?>
--EXPECT--
same
same
same

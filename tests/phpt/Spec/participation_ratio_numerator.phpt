--TEST--
Spec: participation_ratio = party members on as_of who took part in a service activity of the period / party_members
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'full_on' => '2020-01-01'],
    ['id' => 2, 'full_on' => '2020-01-01'],
    ['id' => 3, 'full_on' => '2020-01-01'],
    ['id' => 4, 'applied_on' => '2020-01-01'],
    ['id' => 5, 'full_on' => '2020-01-01', 'left_on' => '2024-09-01'],
    ['id' => 6, 'applied_on' => '2020-01-01', 'admitted_on' => '2024-10-01'],
    ['id' => 7, 'full_on' => '2020-01-01'],
    ['id' => 8, 'joined_on' => '2024-07-01', 'full_on' => '2015-01-01'],
    ['id' => 9, 'full_on' => '2020-01-01'],
]);
$d->addActivities([
    svc(1, '2024-01-10', ['participants' => [1, 4, 5, 8]]),
    mtg(2, '2024-02-10', 'committee', ['participants' => [2]]),
    svc(3, '2023-12-31', ['participants' => [3]]),
    svc(4, '2024-03-10', ['participants' => [6, 8]]),
    svc(5, '2024-07-01', ['participants' => [7]]),
]);
$s = $d->stats(['from' => '2024-01-01', 'to' => '2024-06-30', 'as_of' => '2024-12-31']);
echo 'party ', $s['members']['party_members'], ' volunteers ', $s['service']['volunteers'],
     ' ratio ', var_export($s['service']['participation_ratio'], true), "\n";
?>
--EXPECT--
party 7 volunteers 5 ratio 0.4286

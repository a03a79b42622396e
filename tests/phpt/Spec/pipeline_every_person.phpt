--TEST--
Spec: pipeline counts stage dates, joined_on and left_on within the period (inclusive) of every person, on the roster or not (v2: stage dates only while the person belonged to the branch)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'applied_on' => '2023-12-31', 'activist_on' => '2024-01-01', 'candidate_on' => '2024-12-31',
     'admitted_on' => '2025-01-01'],
    ['id' => 2, 'joined_on' => '2026-01-01', 'applied_on' => '2024-05-05', 'activist_on' => '2024-05-06',
     'candidate_on' => '2024-05-07', 'admitted_on' => '2024-05-08', 'full_on' => '2024-05-09'],
    ['id' => 3, 'applied_on' => '2024-02-01', 'left_on' => '2024-03-01', 'left_reason' => 'cancelled'],
    ['id' => 4, 'full_on' => '2010-01-01', 'joined_on' => '2024-12-31'],
    ['id' => 6, 'full_on' => '2020-01-01', 'left_on' => '2025-01-01'],
    ['id' => 7, 'full_on' => '2020-01-01', 'left_on' => '2024-01-01', 'left_reason' => 'transfer'],
    ['id' => 8, 'joined_on' => '2023-12-31', 'admitted_on' => '2023-12-31', 'full_on' => '2024-12-31'],
]);
$p = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-06-30'])['pipeline'];
echo j(array_slice($p, 0, 7)), "\n";
?>
--EXPECT--
{"applied":1,"activists":1,"candidates":1,"admitted":0,"converted":1,"transferred_in":1,"left":2}

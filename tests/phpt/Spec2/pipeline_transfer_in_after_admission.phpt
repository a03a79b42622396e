--TEST--
Spec2: pipeline counts an admission made elsewhere before a transfer in as not the branch's own; on the joining day it is
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    // admitted elsewhere on 2024-03-01, transferred in on 2024-06-01, converted here in 2025
    ['id' => 1, 'applied_on' => '2023-01-10', 'activist_on' => '2023-06-01', 'candidate_on' => '2024-01-05',
     'admitted_on' => '2024-03-01', 'full_on' => '2025-03-01', 'joined_on' => '2024-06-01'],
    // admitted on the very day of joining: the branch's own
    ['id' => 2, 'admitted_on' => '2024-02-01', 'joined_on' => '2024-02-01'],
    // joined first, admitted after
    ['id' => 3, 'joined_on' => '2024-04-01', 'admitted_on' => '2024-05-01'],
    // no joined_on: every stage date is the branch's
    ['id' => 4, 'admitted_on' => '2024-07-01'],
]);
$s = $d->stats(Y2024);
echo pipe($s), ' transferred_in=', $s['pipeline']['transferred_in'], "\n";
$s = $d->stats(['from' => '1900-01-01', 'to' => '2199-12-31']);
echo pipe($s), ' transferred_in=', $s['pipeline']['transferred_in'], "\n";
// members are unchanged by the rule: all four are probationary on 2024-12-31
echo stages($d->stats(Y2024)), "\n";
?>
--EXPECT--
0 0 0 3 0 transferred_in=3
0 0 0 3 1 transferred_in=3
0 0 0 4 0

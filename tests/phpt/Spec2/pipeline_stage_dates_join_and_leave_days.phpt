--TEST--
Spec2: pipeline counts a stage date on the joining day, not one on the leaving day or after it, nor one before joining
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    // applied before leaving (counts), activist on the leaving day and candidate after it (do not)
    ['id' => 1, 'applied_on' => '2024-01-10', 'activist_on' => '2024-03-01', 'candidate_on' => '2024-05-01',
     'left_on' => '2024-03-01', 'left_reason' => 'transfer'],
    // applied the day before joining (no), activist on the joining day (yes), candidate the day before
    // leaving (yes), admitted on the leaving day (no), full after leaving (no)
    ['id' => 2, 'applied_on' => '2024-01-31', 'joined_on' => '2024-02-01', 'activist_on' => '2024-02-01',
     'candidate_on' => '2024-06-30', 'admitted_on' => '2024-07-01', 'left_on' => '2024-07-01', 'full_on' => '2024-08-01'],
    // no joined_on; converted after leaving (no)
    ['id' => 3, 'admitted_on' => '2023-05-01', 'left_on' => '2024-02-01', 'full_on' => '2024-05-01'],
]);
$s = $d->stats(Y2024);
echo pipe($s), ' transferred_in=', $s['pipeline']['transferred_in'], ' left=', $s['pipeline']['left'], "\n";
// a period that ends on the leaving day: the leaving day itself still does not count
$s = $d->stats(['from' => '2024-03-01', 'to' => '2024-03-01']);
echo pipe($s), ' left=', $s['pipeline']['left'], "\n";
?>
--EXPECT--
1 1 1 0 0 transferred_in=1 left=3
0 0 0 0 0 left=1

--TEST--
Spec: due/overdue lists hold only people probationary on as_of (not left, not yet joined, not full)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'admitted_on' => '2023-01-01', 'left_on' => '2024-06-01'],
    ['id' => 2, 'admitted_on' => '2023-01-01', 'joined_on' => '2024-06-02'],
    ['id' => 3, 'admitted_on' => '2023-01-01', 'full_on' => '2024-06-01'],
    ['id' => 4, 'admitted_on' => '2023-01-01', 'full_on' => '2024-06-02'],
    ['id' => 5, 'admitted_on' => '2023-06-10', 'left_on' => '2024-06-01'],
    ['id' => 6, 'candidate_on' => '2023-06-10'],
]);
$p = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-06-01'])['pipeline'];
echo j($p['overdue_conversion']), ' ', j($p['due_for_conversion']), "\n";
?>
--EXPECT--
[{"id":4,"due_on":"2024-01-01"}] []

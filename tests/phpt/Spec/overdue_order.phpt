--TEST--
Spec: overdue_conversion and due_for_conversion are ordered by due_on, then id
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 9, 'admitted_on' => '2023-01-10'],
    ['id' => 3, 'admitted_on' => '2023-02-01'],
    ['id' => 7, 'admitted_on' => '2023-01-10'],
    ['id' => 5, 'admitted_on' => '2022-12-31'],
    ['id' => 1, 'admitted_on' => '2023-02-01'],
    ['id' => 8, 'admitted_on' => '2023-07-01'],
    ['id' => 4, 'admitted_on' => '2023-07-01'],
    ['id' => 6, 'admitted_on' => '2023-07-01'],
    ['id' => 2, 'admitted_on' => '2023-06-15'],
]);
$p = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-06-01'])['pipeline'];
echo j($p['overdue_conversion']), "\n", j($p['due_for_conversion']), "\n";
?>
--EXPECT--
[{"id":5,"due_on":"2023-12-31"},{"id":7,"due_on":"2024-01-10"},{"id":9,"due_on":"2024-01-10"},{"id":1,"due_on":"2024-02-01"},{"id":3,"due_on":"2024-02-01"}]
[{"id":2,"due_on":"2024-06-15"},{"id":4,"due_on":"2024-07-01"},{"id":6,"due_on":"2024-07-01"},{"id":8,"due_on":"2024-07-01"}]

--TEST--
stats(): due_for_conversion (as_of < due_on <= as_of + due_within) and overdue_conversion (due_on <= as_of), by due_on then id
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([
    ['id' => 20, 'admitted_on' => '2022-01-15'],                            // overdue 2023-01-15
    ['id' => 13, 'admitted_on' => '2023-06-30'],                            // overdue 2024-06-30 (due on as_of)
    ['id' => 12, 'admitted_on' => '2023-08-30'],                            // 2024-08-30: one day past the window
    ['id' => 11, 'admitted_on' => '2023-07-01'],                            // due 2024-07-01
    ['id' => 10, 'admitted_on' => '2023-08-29'],                            // due 2024-08-29 (last day of the window)
    ['id' => 3, 'admitted_on' => '2022-01-15'],                             // overdue 2023-01-15
    ['id' => 5, 'admitted_on' => '2023-07-01'],                             // due 2024-07-01
    ['id' => 8, 'admitted_on' => '2020-02-29'],                             // overdue 2021-03-01 (from 29 February)
    ['id' => 9, 'admitted_on' => '2023-07-01', 'full_on' => '2024-06-01'],  // full: neither
    ['id' => 14, 'admitted_on' => '2023-07-01', 'left_on' => '2024-05-01'], // not on the roster: neither
    ['id' => 15, 'joined_on' => '2024-07-01', 'admitted_on' => '2023-07-01'], // not yet on the roster: neither
]);
$q = ['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-06-30'];
$p = $d->stats($q)['pipeline'];
echo json_encode($p['due_for_conversion'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($p['overdue_conversion'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($d->stats($q + ['due_within' => 61])['pipeline']['due_for_conversion'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($d->stats($q + ['due_within' => 0])['pipeline']['due_for_conversion'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($d->stats($q + ['due_within' => 1])['pipeline']['due_for_conversion'], JSON_PRESERVE_ZERO_FRACTION), "\n";
?>
--EXPECT--
[{"id":5,"due_on":"2024-07-01"},{"id":11,"due_on":"2024-07-01"},{"id":10,"due_on":"2024-08-29"}]
[{"id":8,"due_on":"2021-03-01"},{"id":3,"due_on":"2023-01-15"},{"id":20,"due_on":"2023-01-15"},{"id":13,"due_on":"2024-06-30"}]
[{"id":5,"due_on":"2024-07-01"},{"id":11,"due_on":"2024-07-01"},{"id":10,"due_on":"2024-08-29"},{"id":12,"due_on":"2024-08-30"}]
[]
[{"id":5,"due_on":"2024-07-01"},{"id":11,"due_on":"2024-07-01"}]

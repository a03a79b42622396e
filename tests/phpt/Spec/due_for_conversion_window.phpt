--TEST--
Spec: due_for_conversion holds probationary members with as_of < due_on <= as_of + due_within
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'admitted_on' => '2023-07-01'],
    ['id' => 2, 'admitted_on' => '2023-05-02'],
    ['id' => 3, 'admitted_on' => '2023-05-03'],
    ['id' => 4, 'admitted_on' => '2023-07-02'],
    ['id' => 5, 'admitted_on' => '2023-06-01', 'full_on' => '2024-05-20'],
    ['id' => 6, 'admitted_on' => '2023-06-15', 'full_on' => '2024-04-01'],
]);
$q = ['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-05-02'];
foreach ([null, 60, '60', 59, 0] as $w) {
    $p = $d->stats($q + ['due_within' => $w])['pipeline'];
    echo var_export($w, true), ': ', j($p['due_for_conversion']), ' ', j($p['overdue_conversion']), "\n";
}
?>
--EXPECT--
NULL: [{"id":3,"due_on":"2024-05-03"},{"id":5,"due_on":"2024-06-01"},{"id":1,"due_on":"2024-07-01"}] [{"id":2,"due_on":"2024-05-02"}]
60: [{"id":3,"due_on":"2024-05-03"},{"id":5,"due_on":"2024-06-01"},{"id":1,"due_on":"2024-07-01"}] [{"id":2,"due_on":"2024-05-02"}]
'60': [{"id":3,"due_on":"2024-05-03"},{"id":5,"due_on":"2024-06-01"},{"id":1,"due_on":"2024-07-01"}] [{"id":2,"due_on":"2024-05-02"}]
59: [{"id":3,"due_on":"2024-05-03"},{"id":5,"due_on":"2024-06-01"}] [{"id":2,"due_on":"2024-05-02"}]
0: [] [{"id":2,"due_on":"2024-05-02"}]

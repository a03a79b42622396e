--TEST--
Spec: due_on = admitted_on + 1 year, from 29 February on 1 March; as_of + due_within crosses a leap day
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'admitted_on' => '2020-02-29'],
    ['id' => 2, 'admitted_on' => '2023-03-01'],
]);
foreach ([['2021-02-28', 1], ['2021-02-28', 0], ['2021-03-01', 60], ['2024-02-28', 2], ['2024-02-28', 1]] as [$asOf, $w]) {
    $p = $d->stats(['from' => '2020-01-01', 'to' => '2024-12-31', 'as_of' => $asOf, 'due_within' => $w])['pipeline'];
    echo "$asOf +$w: ", j($p['due_for_conversion']), ' ', j($p['overdue_conversion']), "\n";
}
?>
--EXPECT--
2021-02-28 +1: [{"id":1,"due_on":"2021-03-01"}] []
2021-02-28 +0: [] []
2021-03-01 +60: [] [{"id":1,"due_on":"2021-03-01"}]
2024-02-28 +2: [{"id":2,"due_on":"2024-03-01"}] [{"id":1,"due_on":"2021-03-01"}]
2024-02-28 +1: [] [{"id":1,"due_on":"2021-03-01"}]

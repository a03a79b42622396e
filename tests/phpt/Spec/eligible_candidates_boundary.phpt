--TEST--
Spec: eligible_candidates counts activists on as_of with activist_on + 1 year <= as_of (equality counts)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'activist_on' => '2023-06-15'],
    ['id' => 2, 'applied_on' => '2022-01-01', 'activist_on' => '2023-06-16'],
    ['id' => 3, 'activist_on' => '2022-01-01', 'candidate_on' => '2024-01-01'],
    ['id' => 4, 'activist_on' => '2020-01-01', 'left_on' => '2024-06-15'],
    ['id' => 5, 'activist_on' => '2020-01-01', 'joined_on' => '2024-06-16'],
]);
foreach (['2024-06-14', '2024-06-15', '2024-06-16'] as $asOf) {
    $s = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => $asOf]);
    echo $asOf, ': activists ', $s['members']['activists'], ' eligible ', $s['pipeline']['eligible_candidates'], "\n";
}
?>
--EXPECT--
2024-06-14: activists 3 eligible 1
2024-06-15: activists 2 eligible 1
2024-06-16: activists 3 eligible 3

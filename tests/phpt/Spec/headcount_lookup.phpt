--TEST--
Spec: headcount points in any order; the headcount on D is the latest point <= D, null when none
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'is_staff' => true, 'full_on' => '2020-01-01']]);
$d->setHeadcount([['date' => '2024-05-01', 'count' => 50], ['date' => '2024-01-01', 'count' => '10'],
                  ['date' => '2024-03-01', 'count' => 30]]);
foreach (['2023-12-31', '2024-01-01', '2024-02-29', '2024-03-01', '2024-04-30', '2024-05-01', '2030-01-01'] as $asOf) {
    $m = $d->stats(['from' => '2023-01-01', 'to' => '2030-12-31', 'as_of' => $asOf])['members'];
    echo $asOf, ': ', var_export($m['staff_headcount'], true), ' ', var_export($m['staff_party_ratio'], true), "\n";
}
?>
--EXPECT--
2023-12-31: NULL NULL
2024-01-01: 10 0.1
2024-02-29: 10 0.1
2024-03-01: 30 0.0333
2024-04-30: 30 0.0333
2024-05-01: 50 0.02
2030-01-01: 50 0.02

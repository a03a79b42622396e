--TEST--
Spec: a month is wholly inside the period only up to its real last day (29 February in leap years)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$r = ['meeting_rules' => ['committee' => 'month', 'branch_assembly' => 'quarter']];
foreach ([['2024-02-01', '2024-02-29'], ['2024-02-01', '2024-02-28'], ['2023-02-01', '2023-02-28'],
          ['2024-04-01', '2024-06-30'], ['2024-04-01', '2024-06-29'], ['2024-04-02', '2024-06-30']] as [$from, $to]) {
    echo "$from..$to ", j($d->stats($r + ['from' => $from, 'to' => $to])['meetings']['missing']), "\n";
}
?>
--EXPECT--
2024-02-01..2024-02-29 {"branch_assembly":[],"committee":["2024-02"]}
2024-02-01..2024-02-28 {"branch_assembly":[],"committee":[]}
2023-02-01..2023-02-28 {"branch_assembly":[],"committee":["2023-02"]}
2024-04-01..2024-06-30 {"branch_assembly":["2024-Q2"],"committee":["2024-04","2024-05","2024-06"]}
2024-04-01..2024-06-29 {"branch_assembly":[],"committee":["2024-04","2024-05"]}
2024-04-02..2024-06-30 {"branch_assembly":[],"committee":["2024-05","2024-06"]}

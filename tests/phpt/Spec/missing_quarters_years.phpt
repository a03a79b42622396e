--TEST--
Spec: meetings.missing quarters 'YYYY-Qn' and years 'YYYY' only when wholly inside the period
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$d->addActivities([
    mtg(1, '2023-05-15', 'branch_assembly'),
    mtg(2, '2024-03-31', 'branch_assembly'),
    mtg(3, '2024-10-01', 'branch_assembly'),
    mtg(4, '2023-01-31', 'party_lesson'),
    mtg(5, '2024-06-30', 'life_meeting'),
]);
foreach ([['2023-02-01', '2024-12-31'], ['2024-01-01', '2024-12-30'], ['2023-01-01', '2024-12-31']] as [$from, $to]) {
    $m = $d->stats(['from' => $from, 'to' => $to])['meetings']['missing'];
    echo "$from..$to\n";
    foreach (['branch_assembly', 'party_lesson', 'life_meeting'] as $k) {
        echo "  $k ", j($m[$k]), "\n";
    }
    echo '  committee ', count($m['committee']), ' ', $m['committee'][0], ' ', end($m['committee']), "\n";
}
?>
--EXPECT--
2023-02-01..2024-12-31
  branch_assembly ["2023-Q3","2023-Q4","2024-Q2","2024-Q3"]
  party_lesson ["2023-Q2","2023-Q3","2023-Q4","2024-Q1","2024-Q2","2024-Q3","2024-Q4"]
  life_meeting []
  committee 23 2023-02 2024-12
2024-01-01..2024-12-30
  branch_assembly ["2024-Q2","2024-Q3"]
  party_lesson ["2024-Q1","2024-Q2","2024-Q3"]
  life_meeting []
  committee 11 2024-01 2024-11
2023-01-01..2024-12-31
  branch_assembly ["2023-Q1","2023-Q3","2023-Q4","2024-Q2","2024-Q3"]
  party_lesson ["2023-Q2","2023-Q3","2023-Q4","2024-Q1","2024-Q2","2024-Q3","2024-Q4"]
  life_meeting ["2023"]
  committee 24 2023-01 2024-12

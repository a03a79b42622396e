--TEST--
stats(): by_month lists every month that overlaps the period, zeros included, service activities only
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addActivities([
    ['id' => 1, 'date' => '2024-01-15', 'category' => 'service', 'kind' => 'counseling', 'hours' => 2, 'beneficiaries' => 3],
    ['id' => 2, 'date' => '2024-03-31', 'category' => 'service', 'kind' => 'counseling', 'hours' => 1.5],
    ['id' => 3, 'date' => '2024-01-14', 'category' => 'service', 'kind' => 'counseling', 'hours' => 9, 'beneficiaries' => 9],
    ['id' => 4, 'date' => '2024-02-10', 'category' => 'meeting', 'kind' => 'committee', 'hours' => 4],
    ['id' => 5, 'date' => '2024-04-10', 'category' => 'service', 'kind' => 'repair', 'hours' => 0.25, 'beneficiaries' => 7],
    ['id' => 6, 'date' => '2024-04-11', 'category' => 'service', 'kind' => 'repair', 'hours' => 8],
]);
foreach ($d->stats(['from' => '2024-01-15', 'to' => '2024-04-10'])['service']['by_month'] as $m) {
    echo json_encode($m, JSON_PRESERVE_ZERO_FRACTION), "\n";
}
echo json_encode($d->stats(['from' => '2023-12-31', 'to' => '2024-01-01'])['service']['by_month'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($d->stats(['from' => '2024-02-29', 'to' => '2024-02-29'])['service']['by_month'], JSON_PRESERVE_ZERO_FRACTION), "\n";
?>
--EXPECT--
{"month":"2024-01","activities":1,"hours":2.0,"beneficiaries":3}
{"month":"2024-02","activities":0,"hours":0.0,"beneficiaries":0}
{"month":"2024-03","activities":1,"hours":1.5,"beneficiaries":0}
{"month":"2024-04","activities":1,"hours":0.25,"beneficiaries":7}
[{"month":"2023-12","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-01","activities":0,"hours":0.0,"beneficiaries":0}]
[{"month":"2024-02","activities":0,"hours":0.0,"beneficiaries":0}]

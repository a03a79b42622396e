--TEST--
Dataset::setHeadcount(): points in any order; the headcount on D is the latest point <= D, or null; a new call replaces the points
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1, 'is_staff' => true, 'full_on' => '2020-01-01']]);
var_dump($d->setHeadcount([['date' => '2024-03-01', 'count' => 42], ['date' => '2024-01-01', 'count' => '40']]));
foreach (['2023-12-31', '2024-01-01', '2024-02-29', '2024-03-01', '2025-01-01'] as $day) {
    $m = $d->stats(['to' => '2024-12-31', 'as_of' => $day])['members'];
    echo $day, ' ', var_export($m['staff_headcount'], true), ' ', var_export($m['staff_party_ratio'], true), "\n";
}
$d->setHeadcount([['date' => '2024-06-01', 'count' => 0]]);
foreach (['2024-03-01', '2024-06-01'] as $day) {
    $m = $d->stats(['to' => '2024-12-31', 'as_of' => $day])['members'];
    echo $day, ' ', var_export($m['staff_headcount'], true), ' ', var_export($m['staff_party_ratio'], true), "\n";
}
echo json_encode(json_decode($d->toJson(), true)['headcount'], JSON_PRESERVE_ZERO_FRACTION), "\n";
$d->setHeadcount([]);
echo json_encode(json_decode($d->toJson(), true)['headcount'], JSON_PRESERVE_ZERO_FRACTION), "\n";
?>
--EXPECT--
NULL
2023-12-31 NULL NULL
2024-01-01 40 0.025
2024-02-29 40 0.025
2024-03-01 42 0.0238
2025-01-01 42 0.0238
2024-03-01 NULL NULL
2024-06-01 0 NULL
[{"date":"2024-06-01","count":0}]
[]

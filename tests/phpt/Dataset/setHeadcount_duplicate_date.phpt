--TEST--
Dataset::setHeadcount(): two points on one date name the later position and keep the earlier points
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->setHeadcount([['date' => '2023-01-01', 'count' => 5]]);
try {
    $d->setHeadcount([
        ['date' => '2024-03-01', 'count' => 1],
        ['date' => '2024-01-01', 'count' => 2],
        ['date' => '2024-03-01', 'count' => 3],
        ['date' => '2024-01-01', 'count' => 'x'],
    ]);
} catch (Dangjian\InvalidRecord $e) {
    echo $e->getMessage(), "\n";
}
try {
    $d->setHeadcount([
        ['date' => '2024-03-01', 'count' => 1],
        ['date' => '2024-01-01', 'count' => 2],
        ['date' => '2024-03-01', 'count' => 3],
    ]);
} catch (Dangjian\InvalidRecord $e) {
    echo $e->getMessage(), "\n";
}
echo json_encode(json_decode($d->toJson(), true)['headcount'], JSON_PRESERVE_ZERO_FRACTION), "\n";
var_dump($d->stats(['to' => '2024-12-31'])['members']['staff_headcount']);
?>
--EXPECT--
headcount[3].count: "x" is not a count (an integer from 0 to 2147483647)
headcount[2].date: duplicate date 2024-03-01
[{"date":"2023-01-01","count":5}]
int(5)

--TEST--
Dataset::setHeadcount(): a missing or bad date or count rejects the call and keeps the earlier points
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->setHeadcount([['date' => '2024-01-01', 'count' => 5]]);
$cases = [
    [['date' => '2024-02-01', 'count' => 1], 'x'],
    [['count' => 1]],
    [['date' => '', 'count' => 1]],
    [['date' => null, 'count' => 1]],
    [['date' => '2024-02-30', 'count' => 1]],
    [['date' => '2024-02-01']],
    [['date' => '2024-02-01', 'count' => null]],
    [['date' => '2024-02-01', 'count' => 1], ['date' => '2024-02-02', 'count' => -1]],
    [['date' => '2024-02-01', 'count' => 1.0]],
    [['date' => '2024-02-01', 'count' => '']],
];
foreach ($cases as $pts) {
    try {
        $d->setHeadcount($pts);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
echo json_encode(json_decode($d->toJson(), true)['headcount'], JSON_PRESERVE_ZERO_FRACTION), "\n";
?>
--EXPECT--
headcount[1]: "x" is not a row
headcount[0].date: is required
headcount[0].date: is required
headcount[0].date: is required
headcount[0].date: "2024-02-30" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
headcount[0].count: is required
headcount[0].count: is required
headcount[1].count: -1 is not a count (an integer from 0 to 2147483647)
headcount[0].count: a float is not a count (an integer from 0 to 2147483647)
headcount[0].count: "" is not a count (an integer from 0 to 2147483647)
[{"date":"2024-01-01","count":5}]

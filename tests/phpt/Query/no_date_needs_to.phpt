--TEST--
stats(): a dataset with no date at all needs to; statsJson() too
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
foreach ([[], ['from' => '2024-01-01'], ['as_of' => '2024-01-01'], ['to' => null]] as $q) {
    try {
        $d->stats($q);
    } catch (\ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$d->addPeople([['id' => 1], ['id' => 2, 'left_reason' => 'death']]);
$d->addActivities([]);
try {
    $d->statsJson();
} catch (\ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
echo json_encode($d->stats(['to' => '2024-03-15'])['period']), "\n";
?>
--EXPECT--
ValueError: query.to: is required when the dataset holds no date
ValueError: query.to: is required when the dataset holds no date
ValueError: query.to: is required when the dataset holds no date
ValueError: query.to: is required when the dataset holds no date
ValueError: query.to: is required when the dataset holds no date
{"from":"2024-01-01","to":"2024-03-15","as_of":"2024-03-15"}

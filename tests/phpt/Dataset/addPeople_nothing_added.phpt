--TEST--
Dataset::addPeople(): nothing from a call that raised is added (counts, stats and toJson unchanged)
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1, 'full_on' => '2020-01-01']]);
$q = ['to' => '2024-12-31'];
$counts = $d->counts();
$json = $d->statsJson($q);
$dump = $d->toJson();
try {
    $d->addPeople([
        ['id' => 2, 'full_on' => '2024-03-01'],
        ['id' => 3, 'applied_on' => '2024-05-01'],
        ['id' => 4, 'applied_on' => '2024-13-01'],
    ]);
} catch (Dangjian\InvalidRecord $e) {
    echo $e->getMessage(), "\n";
}
var_dump($d->counts() === $counts, $d->statsJson($q) === $json, $d->toJson() === $dump);
// the ids of the failed call are free again
var_dump($d->addPeople([['id' => 2], ['id' => 3], ['id' => 4]]));
var_dump($d->counts()['people']);
?>
--EXPECT--
people[2].applied_on: "2024-13-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
bool(true)
bool(true)
bool(true)
int(3)
int(4)

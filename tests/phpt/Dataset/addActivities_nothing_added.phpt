--TEST--
Dataset::addActivities(): nothing from a call that raised is added (counts, statsJson and toJson unchanged)
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1, 'full_on' => '2020-01-01'], ['id' => 2, 'full_on' => '2020-01-01']]);
$d->addActivities([['id' => 1, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'repair', 'hours' => 1,
                    'participants' => [1]]]);
$q = ['to' => '2024-12-31'];
$counts = $d->counts();
$json = $d->statsJson($q);
$dump = $d->toJson();
try {
    $d->addActivities([
        ['id' => 2, 'date' => '2024-02-05', 'category' => 'service', 'kind' => 'counseling', 'hours' => 3,
         'venue_kind' => 'park', 'venue' => 'North', 'participants' => [1, 2]],
        ['id' => 3, 'date' => '2024-12-30', 'category' => 'meeting', 'kind' => 'committee', 'participants' => [2]],
        ['id' => 4, 'date' => '2024-03-05', 'category' => 'service', 'kind' => 'repair', 'participants' => [2, 3]],
    ]);
} catch (Dangjian\InvalidRecord $e) {
    echo $e->getMessage(), "\n";
}
var_dump($d->counts() === $counts, $d->statsJson($q) === $json, $d->toJson() === $dump);
var_dump($d->counts());
// the ids of the failed call are free again
var_dump($d->addActivities([['id' => 2, 'date' => '2024-02-05', 'category' => 'service', 'kind' => 'repair']]));
?>
--EXPECT--
activities[2].participants[1]: unknown person 3
bool(true)
bool(true)
bool(true)
array(3) {
  ["people"]=>
  int(2)
  ["activities"]=>
  int(1)
  ["participations"]=>
  int(1)
}
int(1)

--TEST--
Dataset::addActivities(): a duplicate activity id, within the call or with earlier activities, names the later row
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$a = ['date' => '2024-01-05', 'category' => 'meeting', 'kind' => 'committee'];
try {
    $d->addActivities([['id' => 3] + $a, ['id' => 4] + $a, ['id' => '3'] + $a]);
} catch (Dangjian\InvalidRecord $e) {
    echo $e->getMessage(), "\n";
}
var_dump($d->addActivities([['id' => 3] + $a]));
try {
    $d->addActivities([['id' => 5] + $a, ['id' => 3] + $a]);
} catch (Dangjian\InvalidRecord $e) {
    echo $e->getMessage(), "\n";
}
// activity ids and person ids are separate spaces
$d->addPeople([['id' => 3]]);
var_dump($d->counts());
?>
--EXPECT--
activities[2].id: duplicate id 3
int(1)
activities[1].id: duplicate id 3
array(3) {
  ["people"]=>
  int(1)
  ["activities"]=>
  int(1)
  ["participations"]=>
  int(0)
}

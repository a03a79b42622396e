--TEST--
Dataset::addActivities() adds rows with participants (bare ids or ['id'=>, 'hours'=>]) and returns how many
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1], ['id' => 2], ['id' => 3]]);
var_dump($d->addActivities([]));
var_dump($d->addActivities([
    ['id' => 10, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'counseling', 'hours' => 2.5,
     'participants' => [1, ['id' => 2, 'hours' => 1], ['id' => '3']]],
    ['id' => '11', 'date' => '2024-01-06', 'category' => 'meeting', 'kind' => 'committee',
     'participants' => []],
    ['id' => 12, 'date' => '2024-01-07', 'category' => 'meeting', 'kind' => 'committee', 'participants' => null],
    ['id' => 13, 'date' => '2024-01-08', 'category' => 'meeting', 'kind' => 'committee'],
    ['id' => 14, 'date' => '2024-01-09', 'category' => 'service', 'kind' => 'repair', 'participants' => ['3', 2]],
]));
var_dump($d->counts());
?>
--EXPECT--
int(0)
int(5)
array(3) {
  ["people"]=>
  int(3)
  ["activities"]=>
  int(5)
  ["participations"]=>
  int(5)
}

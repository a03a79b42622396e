--TEST--
Dataset::addPeople() adds rows, returns how many, and counts() reports them
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
var_dump($d->counts());
var_dump($d->addPeople([]));
var_dump($d->addPeople([
    ['id' => 1, 'applied_on' => '2024-01-01'],
    ['id' => 2],
    ['id' => 3, 'is_staff' => true, 'full_on' => '2020-05-01'],
]));
var_dump($d->addPeople([['id' => 4]]));
var_dump($d->counts());
?>
--EXPECT--
array(3) {
  ["people"]=>
  int(0)
  ["activities"]=>
  int(0)
  ["participations"]=>
  int(0)
}
int(0)
int(3)
int(1)
array(3) {
  ["people"]=>
  int(4)
  ["activities"]=>
  int(0)
  ["participations"]=>
  int(0)
}

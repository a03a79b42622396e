--TEST--
Dataset::addPeople()/addActivities(): values held by reference are read like plain values
--EXTENSIONS--
dangjian
--FILE--
<?php
$id = 5;
$date = '2024-01-01';
$row = ['id' => &$id, 'applied_on' => &$date];
$rows = [&$row];
$d = new Dangjian\Dataset();
var_dump($d->addPeople($rows));
$parts = [5];
$d->addActivities([['id' => 1, 'date' => &$date, 'category' => 'service', 'kind' => 'a', 'participants' => &$parts]]);
var_dump($d->counts());
$p = json_decode($d->toJson(), true);
echo $p['people'][0]['id'], ' ', $p['people'][0]['applied_on'], ' ', $p['activities'][0]['participants'][0]['id'], "\n";
?>
--EXPECT--
int(1)
array(3) {
  ["people"]=>
  int(1)
  ["activities"]=>
  int(1)
  ["participations"]=>
  int(1)
}
5 2024-01-01 5

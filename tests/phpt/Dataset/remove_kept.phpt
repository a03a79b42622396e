--TEST--
Dataset::removeActivities(): a dataset from the cache is copied first; the kept one does not change
--EXTENSIONS--
dangjian
--INI--
dangjian.cache_size=16777216
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1]]);
$d->addActivities([
    ['id' => 5, 'date' => '2024-01-01', 'category' => 'service', 'kind' => 'tutoring', 'participants' => [1]],
    ['id' => 6, 'date' => '2024-01-02', 'category' => 'service', 'kind' => 'tutoring', 'participants' => [1]],
]);
var_dump(Dangjian\Cache::put('k', $d));
$a = Dangjian\Cache::get('k');
var_dump($a->removeActivities([5]), $a->counts()['activities']);
var_dump(Dangjian\Cache::get('k')->counts()['activities']);
var_dump($a->removePeople([1]), $a->counts());
var_dump(Dangjian\Cache::get('k')->counts()['participations']);
?>
--EXPECT--
bool(true)
int(1)
int(1)
int(2)
int(1)
array(3) {
  ["people"]=>
  int(0)
  ["activities"]=>
  int(1)
  ["participations"]=>
  int(0)
}
int(2)

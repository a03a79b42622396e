--TEST--
Cache: put() keeps a dataset under a key, get() returns a Dataset with the same figures, null for an unknown key
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
Dangjian\Cache::clear();
$d = cache_dataset(20);
var_dump(Dangjian\Cache::enabled());
var_dump(Dangjian\Cache::put('site1:7', $d));
$k = Dangjian\Cache::get('site1:7');
var_dump($k instanceof Dangjian\Dataset, $k !== $d);
var_dump($k->counts());
var_dump($k->statsJson(CACHE_Q) === $d->statsJson(CACHE_Q), $k->toJson() === $d->toJson());
// each get() is a new object on the same data
$k2 = Dangjian\Cache::get('site1:7');
var_dump($k2 !== $k, $k2->stats(CACHE_Q) === $d->stats(CACHE_Q));
var_dump(Dangjian\Cache::get('site1:8'), Dangjian\Cache::get('site2:7'));
// the kept dataset outlives the objects that made and read it
unset($d, $k, $k2);
var_dump(Dangjian\Cache::get('site1:7')->counts()['activities']);
// keys are bytes: NUL and non-ASCII are fine, and distinct
var_dump(Dangjian\Cache::put("a\0b", cache_dataset(1)), Dangjian\Cache::put('党建', cache_dataset(2)));
var_dump(Dangjian\Cache::get("a\0b")->counts()['activities'], Dangjian\Cache::get('党建')->counts()['activities'], Dangjian\Cache::get('a'));
// delete and clear
var_dump(Dangjian\Cache::delete('党建'), Dangjian\Cache::delete('党建'), Dangjian\Cache::get('党建'));
var_dump(Dangjian\Cache::clear(), Dangjian\Cache::get('site1:7'), Dangjian\Cache::clear());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
array(3) {
  ["people"]=>
  int(2)
  ["activities"]=>
  int(20)
  ["participations"]=>
  int(40)
}
bool(true)
bool(true)
bool(true)
bool(true)
NULL
NULL
int(20)
bool(true)
bool(true)
int(1)
int(2)
NULL
bool(true)
bool(false)
NULL
int(2)
NULL
int(0)

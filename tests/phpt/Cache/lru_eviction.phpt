--TEST--
Cache: dangjian.cache_size bounds the kept bytes; the least recently used dataset goes first; one too big is not kept
--EXTENSIONS--
dangjian
--INI--
dangjian.cache_size=150k
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$info = Dangjian\Cache::info();
var_dump($info['capacity']);
var_dump(Dangjian\Cache::put('A', cache_dataset(1500)), Dangjian\Cache::put('B', cache_dataset(1000)));
var_dump(array_keys(Dangjian\Cache::info()['entries']));
Dangjian\Cache::get('A'); // A is now the most recently used
var_dump(Dangjian\Cache::put('C', cache_dataset(1000)));
$info = Dangjian\Cache::info();
var_dump(array_keys($info['entries']), $info['evictions']);
var_dump(Dangjian\Cache::get('B'), Dangjian\Cache::get('A')->counts()['activities'], Dangjian\Cache::get('C')->counts()['activities']);
var_dump($info['used'] === array_sum($info['entries']), $info['used'] <= $info['capacity']);
// a dataset larger than the whole cache is not kept, and the old one under its key is dropped
var_dump(Dangjian\Cache::put('C', cache_dataset(5000)));
var_dump(array_keys(Dangjian\Cache::info()['entries']), Dangjian\Cache::get('C'));
?>
--EXPECT--
int(153600)
bool(true)
bool(true)
array(2) {
  [0]=>
  string(1) "B"
  [1]=>
  string(1) "A"
}
bool(true)
array(2) {
  [0]=>
  string(1) "C"
  [1]=>
  string(1) "A"
}
int(1)
NULL
int(1500)
int(1000)
bool(true)
bool(true)
bool(false)
array(1) {
  [0]=>
  string(1) "A"
}
NULL

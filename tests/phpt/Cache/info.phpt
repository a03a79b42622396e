--TEST--
Cache: info() counts hits, misses and bytes, entries most recently used first; persistent only in the extension
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$info = Dangjian\Cache::info();
var_dump(array_keys($info));
var_dump($info['persistent'] === extension_loaded('dangjian'), $info['capacity'], $info['used'], $info['entries']);
Dangjian\Cache::put('x', cache_dataset(10));
Dangjian\Cache::put('y', cache_dataset(300));
Dangjian\Cache::get('x');
Dangjian\Cache::get('x');
Dangjian\Cache::get('nope');
$info = Dangjian\Cache::info();
var_dump(array_keys($info['entries']), $info['hits'], $info['misses'], $info['evictions']);
var_dump($info['entries']['y'] > $info['entries']['x'], $info['entries']['x'] > 0, $info['used'] === $info['entries']['x'] + $info['entries']['y']);
?>
--EXPECT--
array(7) {
  [0]=>
  string(10) "persistent"
  [1]=>
  string(8) "capacity"
  [2]=>
  string(4) "used"
  [3]=>
  string(7) "entries"
  [4]=>
  string(4) "hits"
  [5]=>
  string(6) "misses"
  [6]=>
  string(9) "evictions"
}
bool(true)
int(268435456)
int(0)
array(0) {
}
array(2) {
  [0]=>
  string(1) "x"
  [1]=>
  string(1) "y"
}
int(2)
int(1)
int(0)
bool(true)
bool(true)
bool(true)

--TEST--
Cache: dangjian.cache_size=0 turns the cache off: put() keeps nothing and says so
--EXTENSIONS--
dangjian
--INI--
dangjian.cache_size=0
--FILE--
<?php
require __DIR__ . '/_helper.inc';
var_dump(Dangjian\Cache::enabled());
var_dump(Dangjian\Cache::put('k', cache_dataset(1)));
var_dump(Dangjian\Cache::get('k'));
$info = Dangjian\Cache::info();
var_dump($info['capacity'], $info['used'], $info['entries'], $info['misses']);
?>
--EXPECT--
bool(false)
bool(false)
NULL
int(0)
int(0)
array(0) {
}
int(1)

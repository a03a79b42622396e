--TEST--
Review 17: Cache::info() measures the kept datasets again but never evicts; the next get() does
--EXTENSIONS--
dangjian
--INI--
dangjian.cache_size=250000
--FILE--
<?php
require __DIR__ . '/_helper.inc';
use Dangjian\Cache;
var_dump(Cache::put('a', review_dataset(2000)), Cache::put('b', review_dataset(2000)));
$before = Cache::info();
var_dump($before['used'] <= $before['capacity'], count($before['entries']));
Cache::get('a')->stats(); // builds the per-day cache inside the kept dataset: it grows
for ($i = 0; $i < 2; $i++) {
    $info = Cache::info();
    var_dump(count($info['entries']), $info['evictions'], $info['used'] > $info['capacity']);
}
ob_start();
phpinfo(INFO_MODULES);
ob_end_clean();
var_dump(count(Cache::info()['entries']));
var_dump(Cache::get('a') !== null); // the next get() makes room
$info = Cache::info();
var_dump(array_keys($info['entries']), $info['evictions'], $info['used'] <= $info['capacity']);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
int(2)
int(2)
int(0)
bool(true)
int(2)
int(0)
bool(true)
int(2)
bool(true)
array(1) {
  [0]=>
  string(1) "a"
}
int(1)
bool(true)

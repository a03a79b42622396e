--TEST--
Cache: keys of 1 to 255 bytes (ValueError otherwise), TypeError for a non-Dataset, the class is not instantiable
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
foreach (['put', 'get', 'delete'] as $m) {
    foreach (['', str_repeat('k', 256)] as $key) {
        try {
            $m === 'put' ? Dangjian\Cache::put($key, new Dangjian\Dataset()) : Dangjian\Cache::$m($key);
            echo "no error\n";
        } catch (\ValueError $e) {
            echo $e->getMessage(), "\n";
        }
    }
}
var_dump(Dangjian\Cache::put(str_repeat('k', 255), new Dangjian\Dataset()));
var_dump(Dangjian\Cache::get(str_repeat('k', 255))->counts()['people']);
try {
    Dangjian\Cache::put('k', new stdClass());
} catch (\TypeError $e) {
    echo get_class($e), "\n";
}
try {
    new Dangjian\Cache();
} catch (\Error $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
Dangjian\Cache::put(): Argument #1 ($key) must be 1 to 255 bytes long
Dangjian\Cache::put(): Argument #1 ($key) must be 1 to 255 bytes long
Dangjian\Cache::get(): Argument #1 ($key) must be 1 to 255 bytes long
Dangjian\Cache::get(): Argument #1 ($key) must be 1 to 255 bytes long
Dangjian\Cache::delete(): Argument #1 ($key) must be 1 to 255 bytes long
Dangjian\Cache::delete(): Argument #1 ($key) must be 1 to 255 bytes long
bool(true)
int(0)
TypeError
Call to private Dangjian\Cache::__construct() from global scope

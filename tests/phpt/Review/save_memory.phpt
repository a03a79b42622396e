--TEST--
Review 17: save() streams the columns to the file with a running CRC: the peak memory does not grow by the snapshot's size
--EXTENSIONS--
dangjian
--SKIPIF--
<?php
if (!is_readable('/proc/self/status')) die('skip needs /proc/self/status');
?>
--INI--
memory_limit=512M
--FILE--
<?php
require __DIR__ . '/_helper.inc';
// Under valgrind (run-tests -m: USE_ZEND_ALLOC=0) the peak is valgrind's and
// the run is slow: a small dataset, and the round trip only.
$measured = getenv('USE_ZEND_ALLOC') !== '0';
$d = review_dataset($measured ? 240000 : 2000);
$path = sys_get_temp_dir() . '/dj-review-save-' . getmypid() . '.djsnap';
gc_collect_cycles();
$rss = review_proc_bytes('VmRSS');
$d->save($path);
$grew = review_proc_bytes('VmHWM') - $rss;
$size = filesize($path);
echo !$measured || $size > 8000000 ? "big file\n" : "small file: $size\n";
// the 256 KiB stage and the small tables, not a copy of the file
echo !$measured || $grew < $size / 4 ? "streamed\n" : "held in memory: grew $grew for $size bytes\n";
$e = Dangjian\Dataset::load($path);
var_dump($e->toJson() === $d->toJson());
unlink($path);
?>
--EXPECT--
big file
streamed
bool(true)

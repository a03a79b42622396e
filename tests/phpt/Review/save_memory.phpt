--TEST--
Review 17: save() streams the columns to the file with a running CRC: the peak memory does not grow by the snapshot's size
--EXTENSIONS--
dangjian
--SKIPIF--
<?php if (!is_readable('/proc/self/status')) die('skip needs /proc/self/status'); ?>
--INI--
memory_limit=512M
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = review_dataset(240000);
$path = sys_get_temp_dir() . '/dj-review-save-' . getmypid() . '.djsnap';
gc_collect_cycles();
$rss = review_proc_bytes('VmRSS');
$d->save($path);
$grew = review_proc_bytes('VmHWM') - $rss;
$size = filesize($path);
echo $size > 8000000 ? "big file\n" : "small file: $size\n";
// the 256 KiB stage and the small tables, not a copy of the file
echo $grew < $size / 4 ? "streamed\n" : "held in memory: grew $grew for $size bytes\n";
$e = Dangjian\Dataset::load($path);
var_dump($e->toJson() === $d->toJson());
unlink($path);
?>
--EXPECT--
big file
streamed
bool(true)

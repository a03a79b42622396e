--TEST--
Review 17: toJson() holds its text once: the peak memory of the process grows by about the text, not twice it
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
$d = review_dataset($measured ? 120000 : 2000);
gc_collect_cycles();
$rss = review_proc_bytes('VmRSS');
$hwm0 = review_proc_bytes('VmHWM');
$t = $d->toJson();
$len = strlen($t);
$grew = review_proc_bytes('VmHWM') - max($rss, 0);
// the text once, plus the printer's 64 KiB piece and allocator slack
echo !$measured || $len > 20000000 ? "big text\n" : "small text: $len\n";
echo !$measured || $grew < 1.4 * $len ? "held once\n" : "held twice: grew $grew for $len bytes (peak before $hwm0, rss $rss)\n";
var_dump(Dangjian\Dataset::fromJson($t)->counts() === $d->counts());
?>
--EXPECT--
big text
held once
bool(true)

--TEST--
Review 13: load() reads only a regular file: /dev/zero, a FIFO and a folder are refused at once (Dangjian\Exception)
--EXTENSIONS--
dangjian
--SKIPIF--
<?php if (!is_readable('/dev/zero')) die('skip no /dev/zero'); ?>
--FILE--
<?php
use Dangjian\Dataset;
$tmp = sys_get_temp_dir() . '/dj-review-nonreg-' . getmypid();
@mkdir($tmp);
$made = function_exists('posix_mkfifo') ? posix_mkfifo("$tmp/fifo", 0600)
    : (function_exists('exec') && exec('mkfifo ' . escapeshellarg("$tmp/fifo") . ' 2>/dev/null; echo $?') === '0');
$cases = ['/dev/zero', $tmp, "$tmp/fifo"]; // the FIFO has no writer: opening must not wait for one
foreach ($cases as $path) {
    if ($path === "$tmp/fifo" && !$made) {
        echo "no FIFO here\n";
        continue;
    }
    try {
        Dataset::load($path);
        echo "loaded\n";
    } catch (Dangjian\Exception $e) {
        echo get_class($e), ': ', str_replace($tmp, 'TMP', $e->getMessage()), "\n";
    }
}
@unlink("$tmp/fifo");
@rmdir($tmp);
?>
--EXPECTF--
Dangjian\Exception: cannot read /dev/zero: not a regular file
Dangjian\Exception: cannot read TMP: Is a directory
%r(Dangjian\\Exception: cannot read TMP\/fifo: not a regular file|no FIFO here)%r

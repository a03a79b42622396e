--TEST--
save()/load(): file system failures raise Dangjian\Exception "cannot write/read <path>: <strerror>"
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$dir = snap_dir('unwritable');
$path = $dir . '/no/such/folder/x.djsnap';
try {
    snap_dataset()->save($path);
} catch (Dangjian\Exception $e) {
    echo get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
try {
    Dangjian\Dataset::load($path);
} catch (Dangjian\Exception $e) {
    echo get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
var_dump(file_exists($path));
?>
--CLEAN--
<?php
require __DIR__ . '/_helper.inc';
snap_clean('unwritable');
?>
--EXPECT--
Dangjian\Exception: cannot write DIR/no/such/folder/x.djsnap: No such file or directory
Dangjian\Exception: cannot read DIR/no/such/folder/x.djsnap: No such file or directory
bool(false)

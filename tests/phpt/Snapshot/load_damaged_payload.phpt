--TEST--
load(): a payload with a correct CRC but values that break the rules is "damaged (...)"
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$dir = snap_dir('damaged');
$path = $dir . '/x.djsnap';
function write_snapshot(string $path, string $payload): void
{
    file_put_contents($path, "DJSNAP\r\n" . pack('VV', 3, crc32($payload)) . pack('PP', strlen($payload), 0) . $payload);
}
$empty = pack('V', 1) . pack('V', 0)   // strings: [""]
       . pack('V', 0)                  // people
       . pack('V', 0)                  // headcount
       . pack('V', 0)                  // kinds
       . pack('V', 0)                  // places
       . pack('V', 0)                  // activities
       . pack('V', 0) . pack('V', 0) . pack('V', 0) // big hours, fee_waived, donation
       . pack('V', 0)                  // participations
       . pack('V', 0);                 // big participant hours
write_snapshot($path, $empty);
var_dump(Dangjian\Dataset::load($path)->counts());
// the same with one section missing: a count runs past the end
write_snapshot($path, substr($empty, 0, -4));
snap_error($path);
// a person id of 0
$none = pack('l', -2147483648);
$bad = pack('V', 1) . pack('V', 0)
     . pack('V', 1) . pack('l', 0) . "\0" . "\0" . str_repeat($none, 8)
     . str_repeat(pack('V', 0), 9);
write_snapshot($path, $bad);
try {
    Dangjian\Dataset::load($path);
} catch (Dangjian\CorruptSnapshot $e) {
    echo get_class($e), ': ', (strpos($e->getMessage(), 'snapshot ' . $path . ': damaged (') === 0 ? 'damaged (...)' : $e->getMessage()), "\n";
}
?>
--CLEAN--
<?php
require __DIR__ . '/_helper.inc';
snap_clean('damaged');
?>
--EXPECT--
array(3) {
  ["people"]=>
  int(0)
  ["activities"]=>
  int(0)
  ["participations"]=>
  int(0)
}
Dangjian\CorruptSnapshot: snapshot PATH: truncated
Dangjian\CorruptSnapshot: damaged (...)

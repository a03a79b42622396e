--TEST--
load(): truncated, foreign, damaged or other-version files raise CorruptSnapshot "snapshot <path>: <what>"
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$dir = snap_dir('corrupt');
$good = $dir . '/good.djsnap';
snap_dataset()->save($good);
$bytes = file_get_contents($good);
$path = $dir . '/bad.djsnap';

file_put_contents($path, substr($bytes, 0, 20));                  // shorter than the header
snap_error($path);
file_put_contents($path, '');                                      // empty
snap_error($path);
file_put_contents($path, substr($bytes, 0, -1));                   // payload cut short
snap_error($path);
file_put_contents($path, str_repeat('This is not a dangjian snapshot. ', 4));  // foreign
snap_error($path);
file_put_contents($path, substr_replace($bytes, pack('V', 1), 8, 4));         // another version
snap_error($path);
file_put_contents($path, $bytes . "\0");                           // trailing bytes
snap_error($path);
$flipped = $bytes;
$flipped[40] = chr(ord($flipped[40]) ^ 0x01);                       // one bit of the payload
file_put_contents($path, $flipped);
snap_error($path);
$flipped = $bytes;
$flipped[12] = chr(ord($flipped[12]) ^ 0x80);                       // one bit of the stored CRC
file_put_contents($path, $flipped);
snap_error($path);
?>
--CLEAN--
<?php
require __DIR__ . '/_helper.inc';
snap_clean('corrupt');
?>
--EXPECT--
Dangjian\CorruptSnapshot: snapshot PATH: truncated
Dangjian\CorruptSnapshot: snapshot PATH: truncated
Dangjian\CorruptSnapshot: snapshot PATH: truncated
Dangjian\CorruptSnapshot: snapshot PATH: not a dangjian snapshot
Dangjian\CorruptSnapshot: snapshot PATH: version 1 is not supported
Dangjian\CorruptSnapshot: snapshot PATH: damaged (trailing bytes)
Dangjian\CorruptSnapshot: snapshot PATH: checksum mismatch
Dangjian\CorruptSnapshot: snapshot PATH: checksum mismatch

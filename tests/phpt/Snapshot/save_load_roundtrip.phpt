--TEST--
save()/load(): a saved dataset loads back exactly (counts, toJson, stats); save replaces an existing file
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$dir = snap_dir('roundtrip');
$path = $dir . '/data.djsnap';
$d = snap_dataset();
var_dump($d->save($path));
$e = Dangjian\Dataset::load($path);
var_dump($e instanceof Dangjian\Dataset);
var_dump($e->counts() === $d->counts(), $e->toJson() === $d->toJson(), $e->statsJson() === $d->statsJson());
echo substr(file_get_contents($path), 0, 8) === "DJSNAP\r\n" ? "magic ok\n" : "bad magic\n";
$u = unpack('Vversion/Vcrc/Ppayload/Preserved', file_get_contents($path), 8);
var_dump($u['version'], $u['payload'] === filesize($path) - 32, $u['reserved'], $u['crc'] === crc32(substr(file_get_contents($path), 32)));
// no temporary file is left beside it
var_dump(array_values(array_diff(scandir($dir), ['.', '..'])));
// saving again replaces the file
$e->addPeople([['id' => 9, 'applied_on' => '2024-06-01']]);
$e->save($path);
var_dump(Dangjian\Dataset::load($path)->counts()['people']);
// an empty dataset round-trips too
(new Dangjian\Dataset())->save($path);
echo Dangjian\Dataset::load($path)->toJson(), "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/_helper.inc';
snap_clean('roundtrip');
?>
--EXPECT--
NULL
bool(true)
bool(true)
bool(true)
bool(true)
magic ok
int(3)
bool(true)
int(0)
bool(true)
array(1) {
  [0]=>
  string(11) "data.djsnap"
}
int(4)
{"format":"dangjian-dataset","version":2,"people":[],"activities":[],"headcount":[]}

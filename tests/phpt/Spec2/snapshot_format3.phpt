--TEST--
Spec2: snapshots are format 3 and carry hired_on and project; a file of format 1 or 2 is a CorruptSnapshot "version N is not supported"
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$dir = sys_get_temp_dir() . '/dj_spec2_snap_' . getmypid();
@mkdir($dir);
$d = people([['id' => 1, 'admitted_on' => '2020-01-01', 'hired_on' => '2024-02-02'], ['id' => 2, 'applied_on' => '2020-01-01']]);
$d->addActivities([svc(1, '2024-03-01', ['project' => "\u{3000}临江县洪灾心理援助", 'participants' => [1, 2]]),
                   mtg(2, '2024-03-02', 'committee', ['project' => 'P'])]);
$d->save("$dir/a.snap");
$bytes = file_get_contents("$dir/a.snap");
echo unpack('V', $bytes, 8)[1], "\n";
$e = Dangjian\Dataset::load("$dir/a.snap");
echo $e->toJson() === $d->toJson() ? "same text\n" : "differs\n";
$q = Y2024 + ['filter' => ['projects' => ['临江县洪灾心理援助']]];
echo $e->statsJson($q) === $d->statsJson($q) ? "same stats\n" : "differs\n";
$s = $e->stats($q);
echo $s['pipeline']['hired'], ' ', $s['pipeline']['hired_party_members'], ' ', $s['service']['activities'], ' ',
    j($s['service']['party_volunteers']), "\n";
foreach ([1, 2, 4] as $v) {
    file_put_contents("$dir/old.snap", substr_replace($bytes, pack('V', $v), 8, 4));
    try {
        Dangjian\Dataset::load("$dir/old.snap");
        echo "loaded\n";
    } catch (Dangjian\CorruptSnapshot $x) {
        echo get_class($x), ': ', str_replace($dir, 'DIR', $x->getMessage()), "\n";
    }
}
@unlink("$dir/a.snap");
@unlink("$dir/old.snap");
@rmdir($dir);
?>
--EXPECT--
3
same text
same stats
1 1 1 1
Dangjian\CorruptSnapshot: snapshot DIR/old.snap: version 1 is not supported
Dangjian\CorruptSnapshot: snapshot DIR/old.snap: version 2 is not supported
Dangjian\CorruptSnapshot: snapshot DIR/old.snap: version 4 is not supported

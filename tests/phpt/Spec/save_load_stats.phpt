--TEST--
Spec: save() then load() gives a dataset with the same stats; a foreign file raises CorruptSnapshot
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$dir = sys_get_temp_dir() . '/dj_spec_' . getmypid();
@mkdir($dir);
$d = people([['id' => 1, 'is_staff' => 1, 'admitted_on' => '2024-02-29'], ['id' => 2, 'left_on' => '2024-03-01']]);
$d->setHeadcount([['date' => '2024-01-01', 'count' => 9]]);
$d->addActivities([svc(1, '2024-03-01', ['hours' => '1.005', 'venue_kind' => 'a', 'venue' => " 阳光\u{3000}", 'participants' => [1]])]);
$d->save("$dir/a.snap");
$e = Dangjian\Dataset::load("$dir/a.snap");
echo $e->statsJson() === $d->statsJson() ? "same\n" : "differs\n";
echo $e->toJson() === $d->toJson() ? "same\n" : "differs\n";
file_put_contents("$dir/b.snap", "hello world, this is not a snapshot at all");
try {
    Dangjian\Dataset::load("$dir/b.snap");
} catch (Dangjian\CorruptSnapshot $x) {
    echo get_class($x), ' ', str_starts_with($x->getMessage(), "snapshot $dir/b.snap: ") ? 'ok' : $x->getMessage(), "\n";
}
@unlink("$dir/a.snap");
@unlink("$dir/b.snap");
@rmdir($dir);
?>
--EXPECT--
same
same
Dangjian\CorruptSnapshot ok

--TEST--
Review 13: save() and load() honour open_basedir for the path and its folder; nothing is written outside
--EXTENSIONS--
dangjian
--FILE--
<?php
use Dangjian\Dataset;
$tmp = sys_get_temp_dir() . '/dj-review-ob-' . getmypid();
@mkdir("$tmp/in", 0700, true);
$d = new Dataset();
$d->addPeople([['id' => 1, 'applied_on' => '2024-01-01']]);
$d->save("$tmp/outside.djsnap"); // before the restriction
ini_set('open_basedir', "$tmp/in");
$say = function (callable $f) use ($tmp) {
    try {
        $f();
        echo "ok\n";
    } catch (Dangjian\Exception $e) {
        echo str_replace($tmp, 'TMP', $e->getMessage()), "\n";
    }
};
$say(fn () => $d->save("$tmp/x.djsnap"));
$say(fn () => $d->save("$tmp/in/../y.djsnap"));
$say(fn () => Dataset::load("$tmp/outside.djsnap"));
$say(fn () => Dataset::load("$tmp/in/../outside.djsnap"));
$say(fn () => $d->save("$tmp/in/a.djsnap"));
$say(fn () => print(Dataset::load("$tmp/in/a.djsnap")->counts()['people'] . "\n"));
var_dump(file_exists("$tmp/in/a.djsnap"), @file_exists("$tmp/x.djsnap"));
?>
--CLEAN--
<?php
$tmp = sys_get_temp_dir() . '/dj-review-ob-';
foreach (glob($tmp . '*') as $dir) {
    foreach (['in/a.djsnap', 'outside.djsnap', 'x.djsnap', 'y.djsnap'] as $f) {
        @unlink("$dir/$f");
    }
    @rmdir("$dir/in");
    @rmdir($dir);
}
?>
--EXPECT--
cannot write TMP/x.djsnap: not within open_basedir
cannot write TMP/in/../y.djsnap: not within open_basedir
cannot read TMP/outside.djsnap: not within open_basedir
cannot read TMP/in/../outside.djsnap: not within open_basedir
ok
1
ok
bool(true)
bool(false)

--TEST--
load(): a loaded dataset takes new rows, also when the snapshot held no activity or no person
--EXTENSIONS--
dangjian
--FILE--
<?php
$dir = sys_get_temp_dir() . '/dangjian-phpt-load_then_add-' . getmypid();
@mkdir($dir);
$p = "$dir/s.snap";

$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1, 'applied_on' => '2024-01-01']]);
$d->save($p);
$l = Dangjian\Dataset::load($p);
var_dump($l->addActivities([
    ['id' => 1, 'date' => '2024-02-01', 'category' => 'service', 'kind' => 'lecture', 'hours' => 2, 'participants' => [1]],
    ['id' => 2, 'date' => '2024-02-02', 'category' => 'service', 'kind' => 'lecture', 'hours' => 1],
]));
var_dump($l->addPeople([['id' => 2, 'applied_on' => '2024-01-02']]));
echo json_encode($l->counts()), "\n";
echo $l->stats(['to' => '2024-12-31'])['service']['hours'], "\n";

(new Dangjian\Dataset())->save($p);
$e = Dangjian\Dataset::load($p);
var_dump($e->addPeople([['id' => 5, 'applied_on' => '2024-01-01']]));
var_dump($e->addActivities([['id' => 9, 'date' => '2024-03-01', 'category' => 'meeting', 'kind' => 'committee', 'participants' => [5]]]));
echo json_encode($e->counts()), "\n";
unlink($p);
rmdir($dir);
?>
--EXPECT--
int(2)
int(1)
{"people":2,"activities":2,"participations":1}
3
int(1)
int(1)
{"people":1,"activities":1,"participations":1}

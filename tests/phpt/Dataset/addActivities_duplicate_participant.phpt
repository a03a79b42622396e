--TEST--
Dataset::addActivities(): a person twice in one activity names the later entry; across activities is fine
--EXTENSIONS--
dangjian
--FILE--
<?php
$base = ['date' => '2024-01-05', 'category' => 'service', 'kind' => 'repair'];
$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1], ['id' => 2]]);
foreach ([[1, 2, 1], [['id' => 2], 1, ['id' => '2', 'hours' => 3]], [2, ['id' => 2]]] as $parts) {
    try {
        $d->addActivities([['id' => 1, 'participants' => $parts] + $base]);
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
var_dump($d->addActivities([['id' => 1, 'participants' => [1, 2]] + $base, ['id' => 2, 'participants' => [1, 2]] + $base]));
var_dump($d->counts()['participations']);
?>
--EXPECT--
activities[0].participants[2]: duplicate participant 1
activities[0].participants[2].id: duplicate participant 2
activities[0].participants[1].id: duplicate participant 2
int(2)
int(4)

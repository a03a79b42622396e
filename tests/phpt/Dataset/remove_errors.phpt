--TEST--
Dataset::removeActivities()/removePeople(): bad, unknown and repeated ids name their position and remove nothing
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1], ['id' => 2]]);
$d->addActivities([
    ['id' => 5, 'date' => '2024-01-01', 'category' => 'service', 'kind' => 'tutoring', 'hours' => 1, 'participants' => [1, 2]],
    ['id' => 6, 'date' => '2024-01-02', 'category' => 'meeting', 'kind' => 'group_meeting', 'participants' => [2]],
]);
$before = $d->toJson();
$calls = [
    ['removeActivities', [5, 9]],
    ['removeActivities', ['a' => 6, 'b' => 5, 'c' => '6']],
    ['removeActivities', [5, '07']],
    ['removeActivities', [5, null]],
    ['removeActivities', [0]],
    ['removeActivities', [5.0]],
    ['removeActivities', [[5]]],
    ['removePeople', [1, 3]],
    ['removePeople', ['2', 2]],
    ['removePeople', [1, -1]],
    ['removePeople', ['2147483648']],
];
foreach ($calls as [$m, $ids]) {
    try {
        $d->$m($ids);
        echo "no error\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
var_dump($d->toJson() === $before);
var_dump($d->removeActivities([]), $d->removePeople([]));
try {
    $d->removePeople('1');
} catch (TypeError $e) {
    echo get_class($e), "\n";
}
var_dump($d->toJson() === $before);
?>
--EXPECT--
activities[1]: no id 9
activities[2]: duplicate id 6
activities[1]: "07" is not an id (an integer from 1 to 2147483647)
activities[1]: is required
activities[0]: 0 is not an id (an integer from 1 to 2147483647)
activities[0]: a float is not an id (an integer from 1 to 2147483647)
activities[0]: an array is not an id (an integer from 1 to 2147483647)
people[1]: no id 3
people[1]: duplicate id 2
people[1]: -1 is not an id (an integer from 1 to 2147483647)
people[0]: "2147483648" is not an id (an integer from 1 to 2147483647)
bool(true)
int(0)
int(0)
TypeError
bool(true)

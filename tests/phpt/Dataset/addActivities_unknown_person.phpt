--TEST--
Dataset::addActivities(): a participant not already added by addPeople is "unknown person N"
--EXTENSIONS--
dangjian
--FILE--
<?php
$base = ['id' => 1, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'repair'];
$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1], ['id' => 2]]);
foreach ([[1, 2, 7], [1, ['id' => 2], ['id' => '7', 'hours' => 1]]] as $parts) {
    try {
        $d->addActivities([['participants' => $parts] + $base]);
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
// people of a failed addPeople call are not known either
try {
    $d->addPeople([['id' => 8], ['id' => 0]]);
} catch (Dangjian\InvalidRecord $e) {
    echo $e->getMessage(), "\n";
}
try {
    $d->addActivities([['participants' => [8]] + $base]);
} catch (Dangjian\InvalidRecord $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
activities[0].participants[2]: unknown person 7
activities[0].participants[2].id: unknown person 7
people[1].id: 0 is not an id (an integer from 1 to 2147483647)
activities[0].participants[0]: unknown person 8

--TEST--
Dataset::addActivities(): participants must be a list; each a valid id or ['id'=>…, 'hours'=>…]
--EXTENSIONS--
dangjian
--FILE--
<?php
$base = ['id' => 1, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'repair'];
$cases = [
    '1,2', 7, true,
    [1, 0], [1, '02'], [1, 1.0], [1, null],
    [1, ['hours' => 2]], [1, ['id' => null]], [1, ['id' => 'x']],
    [1, ['id' => 2, 'hours' => -2]], [1, ['id' => 2, 'hours' => 'lots']],
];
foreach ($cases as $v) {
    $d = new Dangjian\Dataset();
    $d->addPeople([['id' => 1], ['id' => 2]]);
    try {
        $d->addActivities([['participants' => $v] + $base]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
activities[0].participants: "1,2" is not a list of participants
activities[0].participants: 7 is not a list of participants
activities[0].participants: true is not a list of participants
activities[0].participants[1]: 0 is not an id (an integer from 1 to 2147483647)
activities[0].participants[1]: "02" is not an id (an integer from 1 to 2147483647)
activities[0].participants[1]: a float is not an id (an integer from 1 to 2147483647)
activities[0].participants[1]: null is not an id (an integer from 1 to 2147483647)
activities[0].participants[1].id: is required
activities[0].participants[1].id: is required
activities[0].participants[1].id: "x" is not an id (an integer from 1 to 2147483647)
activities[0].participants[1].hours: -2 is not an amount (a number from 0 to 1000000000)
activities[0].participants[1].hours: "lots" is not an amount (a number from 0 to 1000000000)

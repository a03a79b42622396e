--TEST--
Dataset::addActivities(): value checks in field order, then duplicate id, then each participant (unknown, then duplicate)
--EXTENSIONS--
dangjian
--FILE--
<?php
function attempt(array $rows) {
    $d = new Dangjian\Dataset();
    $d->addPeople([['id' => 1], ['id' => 2]]);
    $d->addActivities([['id' => 1, 'date' => '2024-01-01', 'category' => 'meeting', 'kind' => 'committee']]);
    try {
        $d->addActivities($rows);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
$ok = ['id' => 2, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'repair'];
// a duplicate id and a bad participant value: the value wins
attempt([['id' => 1, 'participants' => [0]] + $ok]);
// a duplicate id and an unknown person: the duplicate id wins
attempt([['id' => 1, 'participants' => [9]] + $ok]);
// date before category before kind
attempt([['date' => 'x', 'category' => 'x', 'kind' => 'X'] + $ok]);
attempt([['category' => 'x', 'kind' => 'X'] + $ok]);
// hours before venue_kind before venue before participants
attempt([['hours' => -1, 'venue_kind' => 'X', 'venue' => 5, 'participants' => 5] + $ok]);
attempt([['venue_kind' => 'X', 'venue' => 5, 'participants' => 5] + $ok]);
attempt([['venue' => 5, 'participants' => 5] + $ok]);
// a participant's value checks all come before the unknown/duplicate checks
attempt([['participants' => [9, 1, 1, ['id' => 2, 'hours' => 'x']]] + $ok]);
// unknown before duplicate, in participant order
attempt([['participants' => [1, 1, 9]] + $ok]);
attempt([['participants' => [9, 1, 1]] + $ok]);
?>
--EXPECT--
activities[0].participants[0]: 0 is not an id (an integer from 1 to 2147483647)
activities[0].id: duplicate id 1
activities[0].date: "x" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
activities[0].category: "x" is not a category (service or meeting)
activities[0].hours: -1 is not an amount (a number from 0 to 1000000000)
activities[0].venue_kind: "X" is not a slug (1 to 32 of a-z, 0-9, _)
activities[0].venue: 5 is not a venue name (UTF-8 text of at most 200 bytes)
activities[0].participants[3].hours: "x" is not an amount (a number from 0 to 1000000000)
activities[0].participants[1]: duplicate participant 1
activities[0].participants[0]: unknown person 9

--TEST--
fromJson(): rows that break the rules raise InvalidRecord with the same message addPeople/addActivities/setHeadcount give
--EXTENSIONS--
dangjian
--FILE--
<?php
$head = '{"format":"dangjian-dataset","version":1,';
$texts = [
    $head . '"people":[{"id":1},{"id":1}]}',
    $head . '"people":[{"id":1.0}]}',
    $head . '"people":[{"id":1,"is_staff":"yes"}]}',
    $head . '"people":[[1]]}',
    $head . '"people":[5]}',
    $head . '"people":[{"id":1,"applied_on":{"y":2024}}]}',
    $head . '"people":[{"id":1}],"activities":[{"id":1,"date":"2024-01-01","category":"service","kind":"k","participants":[1,{"id":2}]}]}',
    $head . '"activities":[{"id":1,"date":"2024-01-01","category":"service","kind":"k","participants":[1]}],"people":[{"id":1}]}',
    $head . '"headcount":[{"date":"2024-01-01","count":1},{"date":"2024-01-01","count":2}]}',
    $head . '"people":[{"id":1,"applied_on":null,"left_reason":"moved"}]}',
];
foreach ($texts as $t) {
    try {
        Dangjian\Dataset::fromJson($t);
        echo "accepted\n";
    } catch (Dangjian\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
Dangjian\InvalidRecord: people[1].id: duplicate id 1
Dangjian\InvalidRecord: people[0].id: a float is not an id (an integer from 1 to 2147483647)
Dangjian\InvalidRecord: people[0].is_staff: "yes" is not a boolean
Dangjian\InvalidRecord: people[0].id: is required
Dangjian\InvalidRecord: people[0]: 5 is not a row
Dangjian\InvalidRecord: people[0].applied_on: an array is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
Dangjian\InvalidRecord: activities[0].participants[1].id: unknown person 2
accepted
Dangjian\InvalidRecord: headcount[1].date: duplicate date 2024-01-01
Dangjian\InvalidRecord: people[0].left_reason: "moved" is not a leaving reason (transfer, death, cancelled or other)

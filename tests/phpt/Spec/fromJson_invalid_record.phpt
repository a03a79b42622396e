--TEST--
Spec: fromJson rows that break the rules raise InvalidRecord as addPeople/addActivities/setHeadcount would
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$head = '{"format":"dangjian-dataset","version":1,';
attempt(fn() => Dangjian\Dataset::fromJson($head . '"people":[{"id":1},{"id":1}]}'));
attempt(fn() => Dangjian\Dataset::fromJson($head . '"people":[{"id":1,"applied_on":"2023-02-29"}]}'));
attempt(fn() => Dangjian\Dataset::fromJson($head . '"people":[{"id":1.0}]}'));
attempt(fn() => Dangjian\Dataset::fromJson($head . '"people":[{"id":"07"}]}'));
attempt(fn() => Dangjian\Dataset::fromJson($head . '"activities":[{"id":1,"date":"2024-01-01","category":"service","kind":"k","participants":[5]}]}'));
attempt(fn() => Dangjian\Dataset::fromJson($head . '"headcount":[{"date":"2024-01-01","count":1},{"date":"2024-01-01","count":2}]}'));
attempt(fn() => Dangjian\Dataset::fromJson($head . '"people":[{"id":1,"is_staff":2}]}'));
attempt(fn() => Dangjian\Dataset::fromJson($head . '"people":[{"id":1,"is_staff":true,"applied_on":null,"left_reason":""}]}')->counts());
?>
--EXPECT--
Dangjian\InvalidRecord: people[1].id: duplicate id 1
Dangjian\InvalidRecord: people[0].applied_on: "2023-02-29" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
Dangjian\InvalidRecord: people[0].id: a float is not an id (an integer from 1 to 2147483647)
Dangjian\InvalidRecord: people[0].id: "07" is not an id (an integer from 1 to 2147483647)
Dangjian\InvalidRecord: activities[0].participants[0]: unknown person 5
Dangjian\InvalidRecord: headcount[1].date: duplicate date 2024-01-01
Dangjian\InvalidRecord: people[0].is_staff: 2 is not a boolean
ok {"people":1,"activities":0,"participations":0}

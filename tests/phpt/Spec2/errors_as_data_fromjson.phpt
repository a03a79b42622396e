--TEST--
Spec2: an InvalidRecord raised by fromJson has the path, row, field and rule addPeople & co. would give
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$head = '{"format":"dangjian-dataset","version":2,';
foreach ([
    '"people":[{"id":1},{"id":1}]}',
    '"people":[{"id":1}],"activities":[{"id":1,"date":"2024-01-01","category":"service","kind":"a","participants":[{"id":1},{"id":9}]}]}',
    '"people":[{"id":1,"applied_on":"2024-02-01","activist_on":"2024-01-01"}]}',
    '"activities":[{"id":1,"date":"2024-01-01","category":"service","kind":"a","project":"\ud83d\ude00 ok"},{"id":2,"date":"2024-01-01","category":"service","kind":"a","project":[]}]}',
    '"headcount":[{"date":"2024-01-01","count":1},{"date":"2024-01-01","count":1}]}',
    '"people":[7]}',
] as $tail) {
    echo record(fn () => Dangjian\Dataset::fromJson($head . $tail)), "\n";
}
?>
--EXPECT--
people[1].id | 1 | id | duplicate_id | people[1].id: duplicate id 1
activities[0].participants[1].id | 0 | participants[1].id | unknown_person | activities[0].participants[1].id: unknown person 9
people[0].activist_on | 0 | activist_on | stage_order | people[0].activist_on: 2024-01-01 is before applied_on 2024-02-01
activities[1].project | 1 | project | project | activities[1].project: an array is not a project name (UTF-8 text of at most 200 bytes)
headcount[1].date | 1 | date | duplicate_date | headcount[1].date: duplicate date 2024-01-01
people[0] | 0 |  | row | people[0]: 7 is not a row

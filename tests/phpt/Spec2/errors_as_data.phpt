--TEST--
Spec2: InvalidRecord carries getPath(), getRow(), getField() and getRule() for every rule of ENGINE.md section 9
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'applied_on' => '2020-01-01'], ['id' => 2, 'applied_on' => '2020-01-01']]);
$d->addActivities([svc(1, '2024-01-01')]);
$calls = [
    'row' => fn () => $d->addPeople([['id' => 5], 'x']),
    'required' => fn () => $d->addActivities([['id' => 7, 'category' => 'service', 'kind' => 'visit']]),
    'id' => fn () => $d->addPeople([['id' => 5], ['id' => '07']]),
    'count' => fn () => $d->addActivities([svc(7, '2024-01-01', ['beneficiaries' => -1])]),
    'date' => fn () => $d->addPeople([['id' => 5, 'hired_on' => '2024-02-30']]),
    'amount' => fn () => $d->addActivities([svc(7, '2024-01-01', ['participants' => [1, ['id' => 2, 'hours' => -1]]])]),
    'boolean' => fn () => $d->addPeople([['id' => 5, 'is_staff' => 2]]),
    'category' => fn () => $d->addActivities([svc(7, '2024-01-01', ['category' => 'Service'])]),
    'slug' => fn () => $d->addActivities([svc(7, '2024-01-01', ['kind' => 'Visit'])]),
    'venue' => fn () => $d->addActivities([svc(7, '2024-01-01', ['venue' => 7])]),
    'project' => fn () => $d->addActivities([svc(7, '2024-01-01'), svc(8, '2024-01-01', ['project' => str_repeat('x', 201)])]),
    'left_reason' => fn () => $d->addPeople([['id' => 5, 'left_reason' => 'moved']]),
    'participants' => fn () => $d->addActivities([svc(7, '2024-01-01', ['participants' => 'x'])]),
    'duplicate_id' => fn () => $d->addPeople([['id' => 5], ['id' => 6], ['id' => 5]]),
    'stage_order' => fn () => $d->addPeople([['id' => 5, 'applied_on' => '2024-05-01', 'admitted_on' => '2024-04-30']]),
    'left_before_start' => fn () => $d->addPeople([['id' => 5, 'joined_on' => '2024-03-01', 'left_on' => '2024-02-29']]),
    'unknown_person' => fn () => $d->addActivities([svc(7, '2024-01-01', ['participants' => [1, 99]])]),
    'duplicate_participant' => fn () => $d->addActivities([svc(7, '2024-01-01', ['participants' => [1, ['id' => 1]]])]),
    'duplicate_date' => fn () => $d->setHeadcount([['date' => '2024-01-01', 'count' => 1], ['date' => '2024-01-01', 'count' => 2]]),
    'no_id' => fn () => $d->removeActivities([1, 9]),
    'duplicate_id (remove)' => fn () => $d->removePeople([1, 1]),
    'id (remove)' => fn () => $d->removeActivities(['07']),
    'required (remove)' => fn () => $d->removePeople([2, null]),
    'required (headcount)' => fn () => $d->setHeadcount([['date' => '2024-01-01']]),
    'the position, not the key' => fn () => $d->addPeople(['a' => ['id' => 5], 'b' => ['id' => 'x']]),
    'bare participant' => fn () => $d->addActivities([svc(7, '2024-01-01', ['participants' => [1, 'x']])]),
    'participant row' => fn () => $d->addActivities([svc(7, '2024-01-01', ['participants' => [['hours' => 1]]])]),
];
foreach ($calls as $name => $f) {
    echo $name, ': ', record($f), "\n";
}
echo j($d->counts()), "\n";
$r = new ReflectionClass('Dangjian\InvalidRecord');
foreach (['getPath' => 'string', 'getRow' => 'int', 'getField' => 'string', 'getRule' => 'string'] as $m => $type) {
    echo $m, ' ', $r->getMethod($m)->isPublic() ? 'public' : 'not public', ' ', $r->getMethod($m)->getNumberOfParameters(), ' ',
        (string) $r->getMethod($m)->getReturnType(), "\n";
}
?>
--EXPECT--
row: people[1] | 1 |  | row | people[1]: "x" is not a row
required: activities[0].date | 0 | date | required | activities[0].date: is required
id: people[1].id | 1 | id | id | people[1].id: "07" is not an id (an integer from 1 to 2147483647)
count: activities[0].beneficiaries | 0 | beneficiaries | count | activities[0].beneficiaries: -1 is not a count (an integer from 0 to 2147483647)
date: people[0].hired_on | 0 | hired_on | date | people[0].hired_on: "2024-02-30" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
amount: activities[0].participants[1].hours | 0 | participants[1].hours | amount | activities[0].participants[1].hours: -1 is not an amount (a number from 0 to 1000000000)
boolean: people[0].is_staff | 0 | is_staff | boolean | people[0].is_staff: 2 is not a boolean
category: activities[0].category | 0 | category | category | activities[0].category: "Service" is not a category (service or meeting)
slug: activities[0].kind | 0 | kind | slug | activities[0].kind: "Visit" is not a slug (1 to 32 of a-z, 0-9, _)
venue: activities[0].venue | 0 | venue | venue | activities[0].venue: 7 is not a venue name (UTF-8 text of at most 200 bytes)
project: activities[1].project | 1 | project | project | activities[1].project: a string is not a project name (UTF-8 text of at most 200 bytes)
left_reason: people[0].left_reason | 0 | left_reason | left_reason | people[0].left_reason: "moved" is not a leaving reason (transfer, death, cancelled or other)
participants: activities[0].participants | 0 | participants | participants | activities[0].participants: "x" is not a list of participants
duplicate_id: people[2].id | 2 | id | duplicate_id | people[2].id: duplicate id 5
stage_order: people[0].admitted_on | 0 | admitted_on | stage_order | people[0].admitted_on: 2024-04-30 is before applied_on 2024-05-01
left_before_start: people[0].left_on | 0 | left_on | left_before_start | people[0].left_on: 2024-02-29 is before the start 2024-03-01
unknown_person: activities[0].participants[1] | 0 | participants[1] | unknown_person | activities[0].participants[1]: unknown person 99
duplicate_participant: activities[0].participants[1].id | 0 | participants[1].id | duplicate_participant | activities[0].participants[1].id: duplicate participant 1
duplicate_date: headcount[1].date | 1 | date | duplicate_date | headcount[1].date: duplicate date 2024-01-01
no_id: activities[1] | 1 |  | no_id | activities[1]: no id 9
duplicate_id (remove): people[1] | 1 |  | duplicate_id | people[1]: duplicate id 1
id (remove): activities[0] | 0 |  | id | activities[0]: "07" is not an id (an integer from 1 to 2147483647)
required (remove): people[1] | 1 |  | required | people[1]: is required
required (headcount): headcount[0].count | 0 | count | required | headcount[0].count: is required
the position, not the key: people[1].id | 1 | id | id | people[1].id: "x" is not an id (an integer from 1 to 2147483647)
bare participant: activities[0].participants[1] | 0 | participants[1] | id | activities[0].participants[1]: "x" is not an id (an integer from 1 to 2147483647)
participant row: activities[0].participants[0].id | 0 | participants[0].id | required | activities[0].participants[0].id: is required
{"people":2,"activities":1,"participations":0}
getPath public 0 string
getRow public 0 int
getField public 0 string
getRule public 0 string

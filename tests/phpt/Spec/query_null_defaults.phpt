--TEST--
Spec: a query key set to null (or '' for a date) takes its default
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'admitted_on' => '2023-06-01'], ['id' => 2, 'applied_on' => '2024-03-01']]);
$d->addActivities([svc(1, '2024-02-01', ['participants' => [1, 2]]), mtg(2, '2024-01-10', 'committee')]);
$ref = $d->statsJson();
$nulls = ['from' => null, 'to' => null, 'as_of' => null, 'top' => null, 'due_within' => null, 'meeting_rules' => null];
echo $d->statsJson($nulls) === $ref ? "null: same\n" : "null: differs\n";
echo $d->statsJson(['from' => '', 'to' => '', 'as_of' => '']) === $ref ? "'': same\n" : "'': differs\n";
echo $d->statsJson(['top' => 10, 'due_within' => 60, 'from' => '2024-01-01', 'to' => '2024-03-01', 'as_of' => '2024-03-01']) === $ref
    ? "explicit: same\n" : "explicit: differs\n";
attempt(fn() => $d->stats(['top' => '']));
attempt(fn() => $d->stats(['due_within' => '']));
attempt(fn() => $d->stats(['meeting_rules' => '']));
?>
--EXPECT--
null: same
'': same
explicit: same
ValueError: query.top: "" is not an integer from 0 to 1000
ValueError: query.due_within: "" is not an integer from 0 to 3660
ValueError: query.meeting_rules: "" is not a map of meeting kinds

--TEST--
stats(): to defaults to the latest date of any kind in the dataset, from to 1 January of to's year, as_of to to; null and '' take defaults
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1, 'applied_on' => '2023-05-05']]);
echo json_encode($d->stats()['period'], JSON_PRESERVE_ZERO_FRACTION), "\n";
$d->addActivities([['id' => 1, 'date' => '2024-02-10', 'category' => 'service', 'kind' => 'k']]);
echo json_encode($d->stats()['period'], JSON_PRESERVE_ZERO_FRACTION), "\n";
$d->setHeadcount([['date' => '2024-07-01', 'count' => 3]]);
echo json_encode($d->stats()['period'], JSON_PRESERVE_ZERO_FRACTION), "\n";
$d->addPeople([['id' => 2, 'full_on' => '2020-01-01', 'left_on' => '2024-09-09']]);
echo json_encode($d->stats()['period'], JSON_PRESERVE_ZERO_FRACTION), "\n";
$d->addPeople([['id' => 3, 'joined_on' => '2025-01-02']]);
echo json_encode($d->stats()['period'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($d->stats(['from' => null, 'to' => '', 'as_of' => '', 'top' => null, 'due_within' => null, 'meeting_rules' => null])['period'], JSON_PRESERVE_ZERO_FRACTION), "\n";
var_dump($d->stats(['from' => null, 'to' => '', 'as_of' => null, 'top' => null, 'due_within' => null, 'meeting_rules' => null]) === $d->stats());
echo json_encode($d->stats(['to' => '2024-06-30'])['period'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($d->stats(['as_of' => '2020-01-01'])['period'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($d->stats(['from' => '2019-03-01'])['period'], JSON_PRESERVE_ZERO_FRACTION), "\n";
// the default rules, written out, give the same result
$rules = ['committee' => 'month', 'group_meeting' => 'month', 'theme_day' => 'month', 'branch_assembly' => 'quarter',
          'party_lesson' => 'quarter', 'life_meeting' => 'year'];
var_dump($d->statsJson(['meeting_rules' => $rules]) === $d->statsJson());
?>
--EXPECT--
{"from":"2023-01-01","to":"2023-05-05","as_of":"2023-05-05"}
{"from":"2024-01-01","to":"2024-02-10","as_of":"2024-02-10"}
{"from":"2024-01-01","to":"2024-07-01","as_of":"2024-07-01"}
{"from":"2024-01-01","to":"2024-09-09","as_of":"2024-09-09"}
{"from":"2025-01-01","to":"2025-01-02","as_of":"2025-01-02"}
{"from":"2025-01-01","to":"2025-01-02","as_of":"2025-01-02"}
bool(true)
{"from":"2024-01-01","to":"2024-06-30","as_of":"2024-06-30"}
{"from":"2025-01-01","to":"2025-01-02","as_of":"2020-01-01"}
{"from":"2019-03-01","to":"2025-01-02","as_of":"2025-01-02"}
bool(true)

--TEST--
Spec: a dataset with no date needs `to`; with it all counts are 0, ratios and staff_headcount null, by_month and missing cover the period
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
attempt(fn() => $d->stats());
attempt(fn() => $d->stats(['to' => '']));
attempt(fn() => $d->stats(['from' => '2024-01-01']));
$d->addPeople([['id' => 1], ['id' => 2, 'left_reason' => 'other', 'is_staff' => true]]);
attempt(fn() => $d->statsJson(['to' => null, 'as_of' => '2024-01-01']));
echo $d->statsJson(['to' => '2024-03-15']), "\n";
?>
--EXPECT--
ValueError: query.to: is required when the dataset holds no date
ValueError: query.to: is required when the dataset holds no date
ValueError: query.to: is required when the dataset holds no date
ValueError: query.to: is required when the dataset holds no date
{"period":{"from":"2024-01-01","to":"2024-03-15","as_of":"2024-03-15"},"members":{"applicants":0,"activists":0,"candidates":0,"probationary":0,"full":0,"party_members":0,"staff_headcount":null,"staff_party_members":0,"staff_party_ratio":null},"pipeline":{"applied":0,"activists":0,"candidates":0,"admitted":0,"converted":0,"transferred_in":0,"left":0,"eligible_candidates":0,"due_for_conversion":[],"overdue_conversion":[],"hired":0,"hired_party_members":0},"service":{"activities":0,"hours":0.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"volunteer_hours":0.0,"volunteers":0,"participation_ratio":null,"by_kind":{},"by_venue_kind":{},"by_month":[{"month":"2024-01","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-02","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-03","activities":0,"hours":0.0,"beneficiaries":0}],"top_volunteers":[],"party_volunteer_hours":0.0,"party_volunteers":0,"by_project":{}},"meetings":{"total":0,"hours":0.0,"by_kind":{},"missing":{"branch_assembly":[],"committee":["2024-01","2024-02"],"group_meeting":["2024-01","2024-02"],"life_meeting":[],"party_lesson":[],"theme_day":["2024-01","2024-02"]}}}

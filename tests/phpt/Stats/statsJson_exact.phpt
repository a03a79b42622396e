--TEST--
statsJson(): the exact compact text for a small dataset (keys in order, amounts and ratios with a decimal point, / and non-ASCII unescaped)
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([
    ['id' => 1, 'is_staff' => true, 'applied_on' => '2023-01-01', 'activist_on' => '2023-02-01',
     'candidate_on' => '2023-03-01', 'admitted_on' => '2023-04-01'],
    ['id' => 2, 'full_on' => '2020-01-01'],
]);
$d->setHeadcount([['date' => '2024-01-01', 'count' => 3]]);
$d->addActivities([
    ['id' => 1, 'date' => '2024-02-10', 'category' => 'service', 'kind' => 'counseling', 'hours' => 2.5,
     'fee_waived' => 0, 'donation' => 12, 'beneficiaries' => 3, 'venue_kind' => 'community', 'venue' => '阳光/社区',
     'participants' => [1, ['id' => 2, 'hours' => 1.25]]],
    ['id' => 2, 'date' => '2024-03-05', 'category' => 'meeting', 'kind' => 'committee', 'hours' => 1, 'participants' => [1, 2]],
]);
echo $d->statsJson(['from' => '2024-01-01', 'to' => '2024-03-31']), "\n";
var_dump(json_decode($d->statsJson(['from' => '2024-01-01', 'to' => '2024-03-31']), true) == $d->stats(['from' => '2024-01-01', 'to' => '2024-03-31']));
?>
--EXPECT--
{"period":{"from":"2024-01-01","to":"2024-03-31","as_of":"2024-03-31"},"members":{"applicants":0,"activists":0,"candidates":0,"probationary":1,"full":1,"party_members":2,"staff_headcount":3,"staff_party_members":1,"staff_party_ratio":0.3333},"pipeline":{"applied":0,"activists":0,"candidates":0,"admitted":0,"converted":0,"transferred_in":0,"left":0,"eligible_candidates":0,"due_for_conversion":[{"id":1,"due_on":"2024-04-01"}],"overdue_conversion":[],"hired":0,"hired_party_members":0},"service":{"activities":1,"hours":2.5,"fee_waived":0.0,"donation":12.0,"beneficiaries":3,"volunteer_hours":3.75,"volunteers":2,"participation_ratio":1.0,"by_kind":{"counseling":{"activities":1,"hours":2.5,"fee_waived":0.0,"donation":12.0,"beneficiaries":3}},"by_venue_kind":{"community":{"venues":1,"activities":1,"beneficiaries":3,"hours":2.5}},"by_month":[{"month":"2024-01","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-02","activities":1,"hours":2.5,"beneficiaries":3},{"month":"2024-03","activities":0,"hours":0.0,"beneficiaries":0}],"top_volunteers":[{"id":1,"hours":2.5,"activities":1},{"id":2,"hours":1.25,"activities":1}],"party_volunteer_hours":3.75,"party_volunteers":2,"by_project":{}},"meetings":{"total":1,"hours":1.0,"by_kind":{"committee":1},"missing":{"branch_assembly":["2024-Q1"],"committee":["2024-01","2024-02"],"group_meeting":["2024-01","2024-02","2024-03"],"life_meeting":[],"party_lesson":["2024-Q1"],"theme_day":["2024-01","2024-02","2024-03"]}}}
bool(true)

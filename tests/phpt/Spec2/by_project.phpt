--TEST--
Spec2: by_project sums service activities of the period by project (activity hours), volunteers distinct per project; meetings and blank names left out
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'applied_on' => '2020-01-01'], ['id' => 2, 'applied_on' => '2020-01-01'],
             ['id' => 3, 'applied_on' => '2020-01-01'], ['id' => 4, 'applied_on' => '2020-01-01']]);
$d->addActivities([
    svc(1, '2024-01-10', ['project' => 'P', 'hours' => 2, 'fee_waived' => 1.5, 'donation' => '10', 'beneficiaries' => 3,
        'participants' => [1, 2]]),
    svc(2, '2024-02-10', ['project' => 'P', 'hours' => 1.25, 'beneficiaries' => 2,
        'participants' => [['id' => 2, 'hours' => 5], 3]]),
    svc(3, '2024-02-11', ['project' => 'Q', 'hours' => 3, 'participants' => [1]]),
    mtg(4, '2024-03-01', 'committee', ['project' => 'P', 'hours' => 9, 'participants' => [4]]),
    mtg(5, '2024-03-02', 'committee', ['project' => 'M', 'hours' => 9]),
    svc(6, '2023-12-31', ['project' => 'P', 'hours' => 100, 'participants' => [4]]),
    svc(7, '2024-04-01', ['hours' => 1, 'participants' => [4]]),
]);
echo j($d->stats(Y2024)['service']['by_project']), "\n";
echo j($d->stats(['from' => '2024-02-01', 'to' => '2024-12-31'])['service']['by_project']), "\n";
echo j($d->stats(['from' => '2024-04-01', 'to' => '2024-12-31'])['service']['by_project']), "\n";
echo strstr($d->statsJson(['from' => '2024-04-01', 'to' => '2024-04-30']), '"by_project"'), "\n";
?>
--EXPECT--
{"P":{"activities":2,"hours":3.25,"fee_waived":1.5,"donation":10.0,"beneficiaries":5,"volunteers":3},"Q":{"activities":1,"hours":3.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"volunteers":1}}
{"P":{"activities":1,"hours":1.25,"fee_waived":0.0,"donation":0.0,"beneficiaries":2,"volunteers":2},"Q":{"activities":1,"hours":3.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"volunteers":1}}
[]
"by_project":{}},"meetings":{"total":0,"hours":0.0,"by_kind":{},"missing":{"branch_assembly":[],"committee":["2024-04"],"group_meeting":["2024-04"],"life_meeting":[],"party_lesson":[],"theme_day":["2024-04"]}}}

--TEST--
Spec: service.by_kind sums the activities' own hours (not participants'), kinds present only, meetings excluded
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'applied_on' => '2020-01-01']]);
$d->addActivities([
    svc(1, '2024-01-05', ['kind' => 'b', 'hours' => 2, 'participants' => [['id' => 1, 'hours' => 5]]]),
    svc(2, '2024-01-06', ['kind' => 'a', 'hours' => 1.5, 'fee_waived' => '10.005', 'donation' => 3, 'beneficiaries' => '4']),
    svc(3, '2024-01-07', ['kind' => 'a', 'hours' => 0.25, 'donation' => 0.1, 'beneficiaries' => 1]),
    mtg(4, '2024-01-08', 'a', ['hours' => 9, 'participants' => [1]]),
]);
echo j($d->stats(['from' => '2024-01-01', 'to' => '2024-01-31'])['service']), "\n";
?>
--EXPECT--
{"activities":3,"hours":3.75,"fee_waived":10.01,"donation":3.1,"beneficiaries":5,"volunteer_hours":5.0,"volunteers":1,"participation_ratio":null,"by_kind":{"a":{"activities":2,"hours":1.75,"fee_waived":10.01,"donation":3.1,"beneficiaries":5},"b":{"activities":1,"hours":2.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":0}},"by_venue_kind":[],"by_month":[{"month":"2024-01","activities":3,"hours":3.75,"beneficiaries":5}],"top_volunteers":[{"id":1,"hours":5.0,"activities":1}],"party_volunteer_hours":0.0,"party_volunteers":0,"by_project":[]}

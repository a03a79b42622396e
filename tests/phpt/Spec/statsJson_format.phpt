--TEST--
Spec: statsJson is compact, keys in order, amounts/ratios always with a decimal point (12.0, 0.25, 1234.5), {} and []
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'is_staff' => true, 'full_on' => '2024-01-01']]);
$d->setHeadcount([['date' => '2024-01-01', 'count' => 4]]);
$d->addActivities([svc(1, '2024-02-10', ['hours' => 12, 'fee_waived' => 1234.5, 'donation' => '0.25', 'beneficiaries' => 3,
                                         'venue_kind' => 'community', 'venue' => '阳光/社区', 'participants' => [1]])]);
echo $d->statsJson(['to' => '2024-03-31', 'meeting_rules' => []]), "\n";
?>
--EXPECT--
{"period":{"from":"2024-01-01","to":"2024-03-31","as_of":"2024-03-31"},"members":{"applicants":0,"activists":0,"candidates":0,"probationary":0,"full":1,"party_members":1,"staff_headcount":4,"staff_party_members":1,"staff_party_ratio":0.25},"pipeline":{"applied":0,"activists":0,"candidates":0,"admitted":0,"converted":1,"transferred_in":0,"left":0,"eligible_candidates":0,"due_for_conversion":[],"overdue_conversion":[],"hired":0,"hired_party_members":0},"service":{"activities":1,"hours":12.0,"fee_waived":1234.5,"donation":0.25,"beneficiaries":3,"volunteer_hours":12.0,"volunteers":1,"participation_ratio":1.0,"by_kind":{"visit":{"activities":1,"hours":12.0,"fee_waived":1234.5,"donation":0.25,"beneficiaries":3}},"by_venue_kind":{"community":{"venues":1,"activities":1,"beneficiaries":3,"hours":12.0}},"by_month":[{"month":"2024-01","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-02","activities":1,"hours":12.0,"beneficiaries":3},{"month":"2024-03","activities":0,"hours":0.0,"beneficiaries":0}],"top_volunteers":[{"id":1,"hours":12.0,"activities":1}],"party_volunteer_hours":12.0,"party_volunteers":1,"by_project":{}},"meetings":{"total":0,"hours":0.0,"by_kind":{},"missing":{}}}

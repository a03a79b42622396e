--TEST--
Spec: top-level, block and entry keys come in the documented order
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'admitted_on' => '2023-03-01'], ['id' => 2, 'admitted_on' => '2023-01-01']]);
$d->addActivities([svc(1, '2024-02-01', ['venue_kind' => 'v', 'venue' => 'x', 'participants' => [1]]), mtg(2, '2024-02-02', 'committee')]);
$s = $d->stats(['from' => '2024-01-01', 'to' => '2024-02-29']);
echo implode(',', array_keys($s)), "\n";
foreach ($s as $block) {
    echo implode(',', array_keys($block)), "\n";
}
echo implode(',', array_keys($s['pipeline']['due_for_conversion'][0])), "\n";
echo implode(',', array_keys($s['pipeline']['overdue_conversion'][0])), "\n";
echo implode(',', array_keys($s['service']['by_kind']['visit'])), "\n";
echo implode(',', array_keys($s['service']['by_venue_kind']['v'])), "\n";
echo implode(',', array_keys($s['service']['by_month'][0])), "\n";
echo implode(',', array_keys($s['service']['top_volunteers'][0])), "\n";
$o = json_decode($d->statsJson(['from' => '2024-01-01', 'to' => '2024-02-29']), true);
echo $o === $s ? "json same order\n" : "json differs\n";
?>
--EXPECT--
period,members,pipeline,service,meetings
from,to,as_of
applicants,activists,candidates,probationary,full,party_members,staff_headcount,staff_party_members,staff_party_ratio
applied,activists,candidates,admitted,converted,transferred_in,left,eligible_candidates,due_for_conversion,overdue_conversion,hired,hired_party_members
activities,hours,fee_waived,donation,beneficiaries,volunteer_hours,volunteers,participation_ratio,by_kind,by_venue_kind,by_month,top_volunteers,party_volunteer_hours,party_volunteers,by_project
total,hours,by_kind,missing
id,due_on
id,due_on
activities,hours,fee_waived,donation,beneficiaries
venues,activities,beneficiaries,hours
month,activities,hours,beneficiaries
id,hours,activities
json same order

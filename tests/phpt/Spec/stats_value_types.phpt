--TEST--
Spec: stats() returns ints for counts, floats for amounts and ratios (even whole ones), null stays null
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'full_on' => '2020-01-01', 'is_staff' => '1'], ['id' => 2, 'admitted_on' => '2023-12-01']]);
$d->setHeadcount([['date' => '2020-01-01', 'count' => '4']]);
$d->addActivities([svc(1, '2024-02-01', ['hours' => 12, 'donation' => '3', 'participants' => [1, 2]]),
                   mtg(2, '2024-02-02', 'committee', ['hours' => '2'])]);
$s = $d->stats(['from' => '2024-01-01', 'to' => '2024-06-30', 'due_within' => 200]);
var_dump($s['members']['staff_headcount'], $s['members']['staff_party_ratio'], $s['service']['hours'],
         $s['service']['donation'], $s['service']['fee_waived'], $s['service']['volunteer_hours'],
         $s['service']['participation_ratio'], $s['service']['by_kind']['visit']['hours'],
         $s['service']['by_month'][1]['hours'], $s['service']['by_month'][0]['hours'],
         $s['service']['top_volunteers'][0]['hours'], $s['service']['top_volunteers'][0]['id'],
         $s['meetings']['hours'], $s['meetings']['total'], $s['pipeline']['due_for_conversion'][0]);
?>
--EXPECT--
int(4)
float(0.25)
float(12)
float(3)
float(0)
float(24)
float(1)
float(12)
float(12)
float(0)
float(12)
int(1)
float(2)
int(1)
array(2) {
  ["id"]=>
  int(2)
  ["due_on"]=>
  string(10) "2024-12-01"
}

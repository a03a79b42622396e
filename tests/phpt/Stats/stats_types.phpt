--TEST--
stats(): counts are ints, amounts and ratios floats (hundredths/100, ten-thousandths/10000), null stays null
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1, 'full_on' => '2020-01-01']]);
$d->addActivities([['id' => 1, 'date' => '2024-02-10', 'category' => 'service', 'kind' => 'k', 'hours' => '3',
                    'fee_waived' => 0.1, 'donation' => 1234.5, 'beneficiaries' => 2, 'participants' => [1]]]);
$s = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31']);
var_dump($s['service']['activities'], $s['service']['hours'], $s['service']['fee_waived'], $s['service']['donation'],
         $s['service']['beneficiaries'], $s['service']['participation_ratio'], $s['members']['staff_headcount'],
         $s['members']['staff_party_ratio'], $s['service']['top_volunteers'][0], $s['period']['from']);
var_dump(array_keys($s), array_keys($s['service']));
preg_match('/"hours":([^,]*),"fee_waived":([^,]*),"donation":([^,]*),/', $d->statsJson(['from' => '2024-01-01', 'to' => '2024-12-31']), $m);
echo $m[1], ' ', $m[2], ' ', $m[3], "\n";
?>
--EXPECT--
int(1)
float(3)
float(0.1)
float(1234.5)
int(2)
float(1)
NULL
NULL
array(3) {
  ["id"]=>
  int(1)
  ["hours"]=>
  float(3)
  ["activities"]=>
  int(1)
}
string(10) "2024-01-01"
array(5) {
  [0]=>
  string(6) "period"
  [1]=>
  string(7) "members"
  [2]=>
  string(8) "pipeline"
  [3]=>
  string(7) "service"
  [4]=>
  string(8) "meetings"
}
array(15) {
  [0]=>
  string(10) "activities"
  [1]=>
  string(5) "hours"
  [2]=>
  string(10) "fee_waived"
  [3]=>
  string(8) "donation"
  [4]=>
  string(13) "beneficiaries"
  [5]=>
  string(15) "volunteer_hours"
  [6]=>
  string(10) "volunteers"
  [7]=>
  string(19) "participation_ratio"
  [8]=>
  string(7) "by_kind"
  [9]=>
  string(13) "by_venue_kind"
  [10]=>
  string(8) "by_month"
  [11]=>
  string(14) "top_volunteers"
  [12]=>
  string(21) "party_volunteer_hours"
  [13]=>
  string(16) "party_volunteers"
  [14]=>
  string(10) "by_project"
}
3.0 0.1 1234.5

--TEST--
stats(): a due date computed past 2199-12-31 is still printed as a date
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1, 'admitted_on' => '2199-06-01']]);
$s = $d->stats(['to' => '2199-12-31', 'due_within' => 3660]);
echo json_encode($s['pipeline']['due_for_conversion'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($s['period'], JSON_PRESERVE_ZERO_FRACTION), "\n";
preg_match('/"due_for_conversion":[^\]]*\]/', $d->statsJson(['to' => '2199-12-31', 'due_within' => 3660]), $m);
echo $m[0], "\n";
?>
--EXPECT--
[{"id":1,"due_on":"2200-06-01"}]
{"from":"2199-01-01","to":"2199-12-31","as_of":"2199-12-31"}
"due_for_conversion":[{"id":1,"due_on":"2200-06-01"}]

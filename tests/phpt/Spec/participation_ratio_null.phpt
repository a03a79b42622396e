--TEST--
Spec: participation_ratio is null when there are no party members on as_of, even with volunteers
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'applied_on' => '2020-01-01'], ['id' => 2, 'full_on' => '2024-07-01']]);
$d->addActivities([svc(1, '2024-03-01', ['participants' => [1, 2]])]);
$s = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-06-30']);
echo $s['members']['party_members'], ' ', $s['service']['volunteers'], ' ', var_export($s['service']['participation_ratio'], true), "\n";
preg_match('/"participation_ratio":([^,]*),/', $d->statsJson(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-06-30']), $m);
echo $m[1], "\n";
?>
--EXPECT--
0 2 NULL
null

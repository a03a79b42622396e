--TEST--
stats(): ratios are rounded half away from zero to 4 decimals from the exact quotient (3/160 -> 0.0188)
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([
    ['id' => 1, 'is_staff' => true, 'full_on' => '2020-01-01'],
    ['id' => 2, 'is_staff' => true, 'full_on' => '2020-01-01'],
    ['id' => 3, 'is_staff' => true, 'admitted_on' => '2024-01-01'],
]);
$d->addActivities([
    ['id' => 1, 'date' => '2024-02-01', 'category' => 'service', 'kind' => 'repair', 'participants' => [1, 2]],
]);
$q = ['from' => '2024-01-01', 'to' => '2024-12-31'];
foreach ([160, 3, 7, 6, 80000] as $count) {
    $d->setHeadcount([['date' => '2024-01-01', 'count' => $count]]);
    $s = $d->stats($q);
    preg_match('/"staff_party_ratio":([^,}]*)/', $d->statsJson($q), $m);
    echo $count, ': ', var_export($s['members']['staff_party_ratio'], true), ' ', $m[1], "\n";
}
echo 'participation: ', var_export($s['service']['participation_ratio'], true), "\n";
?>
--EXPECT--
160: 0.0188 0.0188
3: 1.0 1.0
7: 0.4286 0.4286
6: 0.5 0.5
80000: 0.0 0.0
participation: 0.6667

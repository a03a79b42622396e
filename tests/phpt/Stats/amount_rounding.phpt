--TEST--
stats(): amounts are rounded half away from zero to 0.01 (a float from its shortest decimal text, a string from its digits) and summed exactly
--EXTENSIONS--
dangjian
--FILE--
<?php
$hours = ['a' => 1.115, 'b' => 2.675, 'c' => 1.005, 'd' => '1.005', 'e' => '0.125', 'f' => '1e2', 'g' => '.5',
          'h' => '+3', 'i' => '2.004999', 'j' => 0.994999, 'k' => '0.0049999', 'l' => 0.1 + 0.2];
$rows = [];
$id = 0;
foreach ($hours as $kind => $h) {
    $rows[] = ['id' => ++$id, 'date' => '2024-01-05', 'category' => 'service', 'kind' => $kind, 'hours' => $h,
               'fee_waived' => $h, 'donation' => $h];
}
$d = new Dangjian\Dataset();
$d->addActivities($rows);
$s = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31']);
foreach ($s['service']['by_kind'] as $kind => $k) {
    echo $kind, ' ', var_export($k['hours'], true), ' ', var_export($k['fee_waived'], true), ' ', var_export($k['donation'], true), "\n";
}
echo 'total ', var_export($s['service']['hours'], true), "\n";
preg_match('/"service":\{"activities":12,"hours":([^,]*),"fee_waived":([^,]*),"donation":([^,]*),/', $d->statsJson(['from' => '2024-01-01', 'to' => '2024-12-31']), $m);
echo $m[1], ' ', $m[2], ' ', $m[3], "\n";
?>
--EXPECT--
a 1.12 1.12 1.12
b 2.68 2.68 2.68
c 1.01 1.01 1.01
d 1.01 1.01 1.01
e 0.13 0.13 0.13
f 100.0 100.0 100.0
g 0.5 0.5 0.5
h 3.0 3.0 3.0
i 2.0 2.0 2.0
j 0.99 0.99 0.99
k 0.0 0.0 0.0
l 0.3 0.3 0.3
total 112.74
112.74 112.74 112.74

--TEST--
Spec: amounts are summed exactly as integer hundredths (0.1 + 0.2 = 0.3; sums may pass 1e9)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'applied_on' => '2020-01-01']]);
$rows = [svc(1, '2024-01-01', ['hours' => 0.1, 'participants' => [1]]), svc(2, '2024-01-02', ['hours' => 0.2, 'participants' => [1]])];
for ($i = 3; $i <= 12; $i++) {
    $rows[] = svc($i, '2024-01-03', ['kind' => 'tenth', 'fee_waived' => 0.1]);
}
for ($i = 13; $i <= 15; $i++) {
    $rows[] = svc($i, '2024-01-04', ['kind' => 'big', 'donation' => '999999999.99']);
}
$d->addActivities($rows);
$q = ['from' => '2024-01-01', 'to' => '2024-01-31'];
$s = $d->stats($q)['service'];
echo j([$s['hours'], $s['volunteer_hours'], $s['fee_waived'], $s['donation'], $s['by_kind']['tenth']['fee_waived']]), "\n";
preg_match('/"service":\{"activities":15,"hours":([^,]*),"fee_waived":([^,]*),"donation":([^,]*),/', $d->statsJson($q), $m);
echo "$m[1] $m[2] $m[3]\n";
?>
--EXPECT--
[0.3,0.3,1.0,2999999999.97,1.0]
0.3 1.0 2999999999.97

--TEST--
Spec: statsJson prints large exact sums as plain decimals with a point (no exponent)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$rows = [];
for ($i = 1; $i <= 20000; $i++) {
    $rows[] = svc($i, '2024-01-01', ['donation' => 1e9, 'fee_waived' => '999999999.99', 'beneficiaries' => 2147483647]);
}
$d->addActivities($rows);
$d->addActivities([svc(20001, '2024-01-02', ['donation' => '0.01'])]);
preg_match('/"service":\{"activities":20001,"hours":0.0,"fee_waived":([^,]*),"donation":([^,]*),"beneficiaries":([^,]*),/', $d->statsJson(), $m);
echo "$m[1] $m[2] $m[3]\n";
$s = $d->stats()['service'];
echo j([$s['fee_waived'], $s['donation'], $s['beneficiaries']]), "\n";
?>
--EXPECT--
19999999999800.0 20000000000000.01 42949672940000
[19999999999800.0,20000000000000.01,42949672940000]

--TEST--
Spec: keys of by_kind, by_venue_kind and missing are sorted in byte order ('0' < '_' < 'a')
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$i = 0;
foreach (['b', 'a_', 'a0', 'aa', '0x', 'a', '_'] as $k) {
    $d->addActivities([svc(++$i, '2024-01-02', ['kind' => $k, 'venue_kind' => $k]), mtg(++$i, '2024-01-03', $k)]);
}
$q = ['from' => '2024-01-01', 'to' => '2024-01-31', 'meeting_rules' => ['zz' => 'month', 'a_' => 'month', 'a0' => 'year']];
$s = $d->stats($q);
echo implode(' ', array_keys($s['service']['by_kind'])), "\n";
echo implode(' ', array_keys($s['service']['by_venue_kind'])), "\n";
echo implode(' ', array_keys($s['meetings']['by_kind'])), "\n";
preg_match('/"missing":(.*)\}\}$/', $d->statsJson($q), $m);
echo $m[1], "\n";
?>
--EXPECT--
0x _ a a0 a_ aa b
0x _ a a0 a_ aa b
0x _ a a0 a_ aa b
{"a0":[],"a_":[],"zz":["2024-01"]}

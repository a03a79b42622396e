--TEST--
Spec: ratios are rounded half away from zero to 4 decimals from the exact quotient (staff_party_ratio)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'is_staff' => true, 'full_on' => '2020-01-01'],
    ['id' => 2, 'is_staff' => true, 'full_on' => '2020-01-01'],
    ['id' => 3, 'is_staff' => true, 'admitted_on' => '2020-01-01'],
    ['id' => 4, 'full_on' => '2020-01-01'],
    ['id' => 5, 'is_staff' => true, 'candidate_on' => '2020-01-01'],
]);
$counts = [160, 20000, 40000, 60000, 60001, 64, 7, 2, 0, 6000000, 9, 6, 3, 96, 480, 1, 2147483647, 120000, 24000, 8000, 48000];
$points = [];
foreach ($counts as $i => $c) {
    $points[] = ['date' => sprintf('2024-01-%02d', $i + 1), 'count' => $c];
}
$d->setHeadcount(array_reverse($points));
foreach ($counts as $i => $c) {
    $q = ['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => sprintf('2024-01-%02d', $i + 1)];
    preg_match('/"staff_party_ratio":([^,}]*)/', $d->statsJson($q), $m);
    echo "3/$c: ", var_export($d->stats($q)['members']['staff_party_ratio'], true), ' ', $m[1], "\n";
}
?>
--EXPECT--
3/160: 0.0188 0.0188
3/20000: 0.0002 0.0002
3/40000: 0.0001 0.0001
3/60000: 0.0001 0.0001
3/60001: 0.0 0.0
3/64: 0.0469 0.0469
3/7: 0.4286 0.4286
3/2: 1.5 1.5
3/0: NULL null
3/6000000: 0.0 0.0
3/9: 0.3333 0.3333
3/6: 0.5 0.5
3/3: 1.0 1.0
3/96: 0.0313 0.0313
3/480: 0.0063 0.0063
3/1: 3.0 3.0
3/2147483647: 0.0 0.0
3/120000: 0.0 0.0
3/24000: 0.0001 0.0001
3/8000: 0.0004 0.0004
3/48000: 0.0001 0.0001

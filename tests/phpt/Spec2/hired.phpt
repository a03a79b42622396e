--TEST--
Spec2: hired counts hired_on within the period (is_staff and the roster play no part); hired_party_members those admitted on or before (wherever)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'hired_on' => '2024-03-01'],                                          // no other date at all
    ['id' => 2, 'hired_on' => '2024-05-10', 'admitted_on' => '2024-05-10'],           // admitted on the hiring day
    ['id' => 3, 'hired_on' => '2024-05-10', 'admitted_on' => '2024-05-11'],           // admitted the day after
    ['id' => 4, 'hired_on' => '2024-06-01', 'applied_on' => '2010-01-01', 'admitted_on' => '2015-01-01',
     'joined_on' => '2020-01-01'],                                                    // admitted elsewhere, then transferred in
    ['id' => 5, 'hired_on' => '2024-07-01', 'full_on' => '2020-01-01'],               // full_on but no admitted_on
    ['id' => 6, 'hired_on' => '2023-12-31', 'admitted_on' => '2020-01-01'],           // before the period
    ['id' => 7, 'hired_on' => '2025-01-01', 'admitted_on' => '2020-01-01'],           // after it
    ['id' => 8, 'hired_on' => '2024-02-02', 'admitted_on' => '2020-01-01', 'left_on' => '2021-01-01'], // long gone
    ['id' => 9, 'hired_on' => '2024-12-31', 'is_staff' => true],                      // last day of the period
    ['id' => 10, 'hired_on' => '1990-01-01', 'applied_on' => '2024-01-01'],           // hired before applying: accepted
]);
$p = $d->stats(Y2024)['pipeline'];
echo $p['hired'], ' ', $p['hired_party_members'], "\n";
// hired_on is not one of the dates of the default `to`: the latest of the others is 2024-05-11
$s = $d->stats();
echo j($s['period']), ' ', $s['pipeline']['hired'], ' ', $s['pipeline']['hired_party_members'], "\n";
$p = $d->stats(['from' => '2024-05-10', 'to' => '2024-05-10'])['pipeline'];
echo $p['hired'], ' ', $p['hired_party_members'], "\n";
?>
--EXPECT--
7 3
{"from":"2024-01-01","to":"2024-05-11","as_of":"2024-05-11"} 4 2
2 1

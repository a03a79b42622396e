--TEST--
Spec: the stage on D is the last stage whose date is <= D, with missing stages skipped
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'applied_on' => '2020-01-01', 'admitted_on' => '2022-01-01'],
    ['id' => 2, 'activist_on' => '2020-01-01', 'full_on' => '2022-01-01'],
    ['id' => 3, 'candidate_on' => '2021-01-01'],
    ['id' => 4, 'full_on' => '2021-06-01'],
    ['id' => 5, 'applied_on' => '2020-01-01', 'activist_on' => '2020-01-01', 'candidate_on' => '2020-01-01'],
]);
foreach (['2019-12-31', '2020-01-01', '2021-01-01', '2021-06-01', '2022-01-01'] as $asOf) {
    $s = $d->stats(['from' => '2020-01-01', 'to' => '2022-12-31', 'as_of' => $asOf]);
    echo $asOf, ': ', stages($s), ' party ', $s['members']['party_members'], "\n";
}
?>
--EXPECT--
2019-12-31: 0 0 0 0 0 party 0
2020-01-01: 1 1 1 0 0 party 0
2021-01-01: 1 1 2 0 0 party 0
2021-06-01: 1 1 2 0 1 party 1
2022-01-01: 0 0 2 1 2 party 3

--TEST--
Spec: as_of may lie outside the period; members use as_of, the pipeline uses the period
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'applied_on' => '2020-01-01', 'admitted_on' => '2022-06-01'],
    ['id' => 2, 'full_on' => '2023-03-01', 'left_on' => '2023-09-01'],
    ['id' => 3, 'applied_on' => '2021-04-04', 'left_on' => '2022-01-01'],
]);
$q = ['from' => '2021-01-01', 'to' => '2021-12-31'];
foreach (['2023-05-01', '2020-06-01'] as $asOf) {
    $s = $d->stats($q + ['as_of' => $asOf]);
    echo j($s['period']), "\n", j($s['members']), "\n";
    echo 'applied ', $s['pipeline']['applied'], ' left ', $s['pipeline']['left'], "\n";
}
?>
--EXPECT--
{"from":"2021-01-01","to":"2021-12-31","as_of":"2023-05-01"}
{"applicants":0,"activists":0,"candidates":0,"probationary":1,"full":1,"party_members":2,"staff_headcount":null,"staff_party_members":0,"staff_party_ratio":null}
applied 1 left 0
{"from":"2021-01-01","to":"2021-12-31","as_of":"2020-06-01"}
{"applicants":1,"activists":0,"candidates":0,"probationary":0,"full":0,"party_members":0,"staff_headcount":null,"staff_party_members":0,"staff_party_ratio":null}
applied 1 left 0

--TEST--
Spec: stage dates must be in order among those present; the later field of the pair is named; equal dates are fine
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$cases = [
    ['applied_on' => '2024-02-01', 'activist_on' => '2024-01-01'],
    ['applied_on' => '2024-05-01', 'admitted_on' => '2024-01-01'],
    ['applied_on' => '2024-05-01', 'activist_on' => '2024-06-01', 'candidate_on' => '2024-04-01'],
    ['admitted_on' => '2024-02-01', 'full_on' => '2024-01-01'],
    ['activist_on' => '2024-03-01', 'full_on' => '2024-02-29'],
    ['applied_on' => '2024-01-01', 'activist_on' => '2024-01-01', 'candidate_on' => '2024-01-01', 'admitted_on' => '2024-01-01', 'full_on' => '2024-01-01'],
    ['joined_on' => '2020-01-01', 'applied_on' => '2024-01-01', 'full_on' => '2024-01-02'],
    ['applied_on' => '2024-01-01', 'activist_on' => '', 'candidate_on' => null, 'admitted_on' => '2024-01-02'],
];
foreach ($cases as $row) {
    attempt(fn() => people([['id' => 1], ['id' => 2] + $row])->counts()['people']);
}
?>
--EXPECT--
Dangjian\InvalidRecord: people[1].activist_on: 2024-01-01 is before applied_on 2024-02-01
Dangjian\InvalidRecord: people[1].admitted_on: 2024-01-01 is before applied_on 2024-05-01
Dangjian\InvalidRecord: people[1].candidate_on: 2024-04-01 is before activist_on 2024-06-01
Dangjian\InvalidRecord: people[1].full_on: 2024-01-01 is before admitted_on 2024-02-01
Dangjian\InvalidRecord: people[1].full_on: 2024-02-29 is before activist_on 2024-03-01
ok 2
ok 2
ok 2

--TEST--
Spec: left_on before the person's start (joined_on, else the earliest stage date) rejects the row; left_on == start is fine
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$cases = [
    ['full_on' => '2010-01-01', 'joined_on' => '2020-01-01', 'left_on' => '2015-01-01'],
    ['activist_on' => '2020-05-01', 'full_on' => '2022-01-01', 'left_on' => '2020-04-30'],
    ['joined_on' => '2018-01-01', 'applied_on' => '2020-01-01', 'left_on' => '2019-01-01'],
    ['applied_on' => '2020-01-01', 'left_on' => '2020-01-01'],
    ['joined_on' => '2020-01-01', 'left_on' => '2019-12-31'],
    ['left_on' => '1900-01-01'],
    ['candidate_on' => '2021-03-03', 'admitted_on' => '2022-01-01', 'left_on' => '2021-06-01'],
];
foreach ($cases as $row) {
    attempt(fn() => people([['id' => 1] + $row])->counts()['people']);
}
?>
--EXPECT--
Dangjian\InvalidRecord: people[0].left_on: 2015-01-01 is before the start 2020-01-01
Dangjian\InvalidRecord: people[0].left_on: 2020-04-30 is before the start 2020-05-01
ok 1
ok 1
Dangjian\InvalidRecord: people[0].left_on: 2019-12-31 is before the start 2020-01-01
ok 1
ok 1

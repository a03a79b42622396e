--TEST--
Spec: query values: dates 1900-01-01..2199-12-31, top an int 0-1000, due_within an int 0-3660 (canonical strings ok)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'applied_on' => '2024-03-01']]);
$cases = [
    ['top' => 1000], ['top' => '1000'], ['top' => 1001], ['top' => -1], ['top' => '010'], ['top' => 10.0], ['top' => true],
    ['due_within' => 3660], ['due_within' => '0'], ['due_within' => 3661], ['due_within' => '+5'], ['due_within' => []],
    ['to' => '2199-12-31'], ['from' => '1900-01-01'], ['to' => '2200-01-01'], ['as_of' => '1899-12-31'],
    ['as_of' => '2199-12-31', 'due_within' => 3660], ['from' => '2024-02-30'], ['to' => 20240101], ['as_of' => ' 2024-01-01'],
    ['meeting_rules' => ['Committee' => 'month']], ['meeting_rules' => ['committee' => 'Month']],
    ['meeting_rules' => [2024 => 'year']], ['meeting_rules' => 'month'], ['meeting_rules' => ['committee' => 'week']],
    ['meeting_rules' => [str_repeat('a', 33) => 'year']],
];
foreach ($cases as $q) {
    echo j($q), ': ';
    attempt(fn() => $d->stats($q)['period']);
}
?>
--EXPECT--
{"top":1000}: ok {"from":"2024-01-01","to":"2024-03-01","as_of":"2024-03-01"}
{"top":"1000"}: ok {"from":"2024-01-01","to":"2024-03-01","as_of":"2024-03-01"}
{"top":1001}: ValueError: query.top: 1001 is not an integer from 0 to 1000
{"top":-1}: ValueError: query.top: -1 is not an integer from 0 to 1000
{"top":"010"}: ValueError: query.top: "010" is not an integer from 0 to 1000
{"top":10.0}: ValueError: query.top: a float is not an integer from 0 to 1000
{"top":true}: ValueError: query.top: true is not an integer from 0 to 1000
{"due_within":3660}: ok {"from":"2024-01-01","to":"2024-03-01","as_of":"2024-03-01"}
{"due_within":"0"}: ok {"from":"2024-01-01","to":"2024-03-01","as_of":"2024-03-01"}
{"due_within":3661}: ValueError: query.due_within: 3661 is not an integer from 0 to 3660
{"due_within":"+5"}: ValueError: query.due_within: "+5" is not an integer from 0 to 3660
{"due_within":[]}: ValueError: query.due_within: an array is not an integer from 0 to 3660
{"to":"2199-12-31"}: ok {"from":"2199-01-01","to":"2199-12-31","as_of":"2199-12-31"}
{"from":"1900-01-01"}: ok {"from":"1900-01-01","to":"2024-03-01","as_of":"2024-03-01"}
{"to":"2200-01-01"}: ValueError: query.to: "2200-01-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
{"as_of":"1899-12-31"}: ValueError: query.as_of: "1899-12-31" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
{"as_of":"2199-12-31","due_within":3660}: ok {"from":"2024-01-01","to":"2024-03-01","as_of":"2199-12-31"}
{"from":"2024-02-30"}: ValueError: query.from: "2024-02-30" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
{"to":20240101}: ValueError: query.to: 20240101 is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
{"as_of":" 2024-01-01"}: ValueError: query.as_of: " 2024-01-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
{"meeting_rules":{"Committee":"month"}}: ValueError: query.meeting_rules: "Committee" is not a slug (1 to 32 of a-z, 0-9, _)
{"meeting_rules":{"committee":"Month"}}: ValueError: query.meeting_rules.committee: "Month" is not month, quarter or year
{"meeting_rules":{"2024":"year"}}: ok {"from":"2024-01-01","to":"2024-03-01","as_of":"2024-03-01"}
{"meeting_rules":"month"}: ValueError: query.meeting_rules: "month" is not a map of meeting kinds
{"meeting_rules":{"committee":"week"}}: ValueError: query.meeting_rules.committee: "week" is not month, quarter or year
{"meeting_rules":{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa":"year"}}: ValueError: query.meeting_rules: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" is not a slug (1 to 32 of a-z, 0-9, _)

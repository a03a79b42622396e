--TEST--
Spec: a meeting_rules key that is a slug of digits ("2024", which PHP stores as an int key) is a valid kind
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$d->addActivities([mtg(1, '2024-02-10', '2024'), mtg(2, '2024-03-03', '9')]);
$missing = function (array $rules) use ($d) {
    preg_match('/"missing":(.*)\}\}$/', $d->statsJson(['from' => '2024-01-01', 'to' => '2024-03-31', 'meeting_rules' => $rules]), $m);
    return $m[1];
};
foreach ([['2024' => 'month', '9' => 'quarter', 'b' => 'year'], ['0' => 'month'], [123456789012345678 => 'year'], [-1 => 'month']] as $rules) {
    try {
        echo $missing($rules), "\n";
    } catch (\ValueError $e) {
        echo 'ValueError: ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
{"2024":["2024-01","2024-03"],"9":[],"b":[]}
{"0":["2024-01","2024-02","2024-03"]}
{"123456789012345678":[]}
ValueError: query.meeting_rules: -1 is not a slug (1 to 32 of a-z, 0-9, _)

--TEST--
Spec: a person with no date, or only left_on, is accepted and never on the roster; their left_on is still a leaving in the period
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
echo $d->addPeople([
    ['id' => 1],
    ['id' => 2, 'left_on' => '2024-03-01', 'left_reason' => 'death'],
    ['id' => 3, 'full_on' => '2020-01-01', 'left_reason' => 'transfer'],
]), "\n";
foreach (['2024-02-01', '2024-03-01', '2024-12-31'] as $asOf) {
    $s = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => $asOf]);
    echo $asOf, ': ', stages($s), ' left ', $s['pipeline']['left'], "\n";
}
?>
--EXPECT--
3
2024-02-01: 0 0 0 0 1 left 1
2024-03-01: 0 0 0 0 1 left 1
2024-12-31: 0 0 0 0 1 left 1

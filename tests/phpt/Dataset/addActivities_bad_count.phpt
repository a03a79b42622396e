--TEST--
Dataset::addActivities(): beneficiaries is a count from 0 to 2147483647 (default 0)
--EXTENSIONS--
dangjian
--FILE--
<?php
$base = ['id' => 1, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'repair'];
foreach ([-1, 2147483648, '3.0', 3.0, '03', '-0', 'x'] as $v) {
    try {
        (new Dangjian\Dataset())->addActivities([['beneficiaries' => $v] + $base]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
$d = new Dangjian\Dataset();
var_dump($d->addActivities([
    ['id' => 1, 'beneficiaries' => 0] + $base,
    ['id' => 2, 'beneficiaries' => '0'] + $base,
    ['id' => 3, 'beneficiaries' => 2147483647] + $base,
    ['id' => 4, 'beneficiaries' => null] + $base,
]));
?>
--EXPECT--
activities[0].beneficiaries: -1 is not a count (an integer from 0 to 2147483647)
activities[0].beneficiaries: 2147483648 is not a count (an integer from 0 to 2147483647)
activities[0].beneficiaries: "3.0" is not a count (an integer from 0 to 2147483647)
activities[0].beneficiaries: a float is not a count (an integer from 0 to 2147483647)
activities[0].beneficiaries: "03" is not a count (an integer from 0 to 2147483647)
activities[0].beneficiaries: "-0" is not a count (an integer from 0 to 2147483647)
activities[0].beneficiaries: "x" is not a count (an integer from 0 to 2147483647)
int(4)

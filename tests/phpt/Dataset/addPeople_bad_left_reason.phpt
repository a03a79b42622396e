--TEST--
Dataset::addPeople(): left_reason outside transfer/death/cancelled/other is rejected; a reason without left_on is accepted
--EXTENSIONS--
dangjian
--FILE--
<?php
foreach (['moved', 'Transfer', 3, 'death '] as $v) {
    try {
        (new Dangjian\Dataset())->addPeople([['id' => 1, 'full_on' => '2020-01-01', 'left_on' => '2021-01-01', 'left_reason' => $v]]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
$d = new Dangjian\Dataset();
var_dump($d->addPeople([
    ['id' => 1, 'full_on' => '2020-01-01', 'left_on' => '2021-01-01', 'left_reason' => 'transfer'],
    ['id' => 2, 'left_reason' => 'death'],
    ['id' => 3, 'left_reason' => 'cancelled'],
    ['id' => 4, 'left_reason' => 'other'],
    ['id' => 5, 'left_reason' => null],
]));
?>
--EXPECT--
people[0].left_reason: "moved" is not a leaving reason (transfer, death, cancelled or other)
people[0].left_reason: "Transfer" is not a leaving reason (transfer, death, cancelled or other)
people[0].left_reason: 3 is not a leaving reason (transfer, death, cancelled or other)
people[0].left_reason: "death " is not a leaving reason (transfer, death, cancelled or other)
int(5)

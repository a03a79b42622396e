--TEST--
Dataset::addPeople(): left_on before the start (joined_on if set, else the earliest stage date) is rejected
--EXTENSIONS--
dangjian
--FILE--
<?php
$rows = [
    ['applied_on' => '2021-01-01', 'left_on' => '2020-01-01'],
    ['applied_on' => '2019-01-01', 'joined_on' => '2021-01-01', 'left_on' => '2020-01-01'],
    ['activist_on' => '2021-06-01', 'full_on' => '2022-01-01', 'left_on' => '2021-05-31'],
];
foreach ($rows as $row) {
    try {
        (new Dangjian\Dataset())->addPeople([['id' => 2] + $row]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
$d = new Dangjian\Dataset();
var_dump($d->addPeople([
    ['id' => 1, 'applied_on' => '2021-01-01', 'left_on' => '2021-01-01'],
    ['id' => 2, 'joined_on' => '2021-01-01', 'applied_on' => '2022-01-01', 'left_on' => '2021-06-01'],
    ['id' => 3, 'left_on' => '1999-01-01'],
]));
?>
--EXPECT--
people[0].left_on: 2020-01-01 is before the start 2021-01-01
people[0].left_on: 2020-01-01 is before the start 2021-01-01
people[0].left_on: 2021-05-31 is before the start 2021-06-01
int(3)

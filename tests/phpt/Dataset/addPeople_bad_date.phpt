--TEST--
Dataset::addPeople(): dates are real YYYY-MM-DD dates from 1900-01-01 to 2199-12-31
--EXTENSIONS--
dangjian
--FILE--
<?php
$values = ['2023-02-29', '1899-12-31', '2200-01-01', '2024-1-01', '2024-01-01 ', '2024/01/01',
           '2024-13-01', '2024-04-31', '0000-00-00', 20240101, 1.5, true, [], '24-01-01'];
foreach ($values as $v) {
    try {
        (new Dangjian\Dataset())->addPeople([['id' => 1, 'admitted_on' => $v]]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
$d = new Dangjian\Dataset();
var_dump($d->addPeople([
    ['id' => 1, 'full_on' => '2024-02-29'],
    ['id' => 2, 'applied_on' => '1900-01-01'],
    ['id' => 3, 'left_on' => '2199-12-31'],
]));
?>
--EXPECT--
people[0].admitted_on: "2023-02-29" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].admitted_on: "1899-12-31" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].admitted_on: "2200-01-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].admitted_on: "2024-1-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].admitted_on: "2024-01-01 " is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].admitted_on: "2024/01/01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].admitted_on: "2024-13-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].admitted_on: "2024-04-31" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].admitted_on: "0000-00-00" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].admitted_on: 20240101 is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].admitted_on: a float is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].admitted_on: true is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].admitted_on: an array is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].admitted_on: "24-01-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
int(3)

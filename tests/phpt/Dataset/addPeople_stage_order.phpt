--TEST--
Dataset::addPeople(): stage dates out of order name the later field, compared with the previous present one
--EXTENSIONS--
dangjian
--FILE--
<?php
$rows = [
    ['applied_on' => '2024-02-01', 'activist_on' => '2024-01-01'],
    ['candidate_on' => '2024-02-01', 'admitted_on' => '2024-01-01'],
    ['applied_on' => '2024-03-01', 'candidate_on' => '2024-02-01'],
    ['activist_on' => '2024-05-01', 'full_on' => '2024-04-30'],
    ['applied_on' => '2024-01-01', 'activist_on' => '2024-03-01', 'candidate_on' => '2024-02-01', 'admitted_on' => '2024-01-15'],
];
foreach ($rows as $row) {
    try {
        (new Dangjian\Dataset())->addPeople([['id' => 1], ['id' => 2] + $row]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
// equal dates, and joined_on earlier than the stages, are in order
$d = new Dangjian\Dataset();
var_dump($d->addPeople([
    ['id' => 1, 'applied_on' => '2024-01-01', 'activist_on' => '2024-01-01', 'candidate_on' => '2024-01-01',
     'admitted_on' => '2024-01-01', 'full_on' => '2024-01-01'],
    ['id' => 2, 'joined_on' => '2000-01-01', 'full_on' => '2010-01-01'],
]));
?>
--EXPECT--
people[1].activist_on: 2024-01-01 is before applied_on 2024-02-01
people[1].admitted_on: 2024-01-01 is before candidate_on 2024-02-01
people[1].candidate_on: 2024-02-01 is before applied_on 2024-03-01
people[1].full_on: 2024-04-30 is before activist_on 2024-05-01
people[1].candidate_on: 2024-02-01 is before activist_on 2024-03-01
int(2)

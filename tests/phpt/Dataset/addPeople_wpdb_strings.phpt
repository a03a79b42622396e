--TEST--
Dataset::addPeople() takes database rows as they are: digit strings, '' dates, "0"/"1" booleans, unknown keys
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
var_dump($d->addPeople([
    ['id' => '7', 'is_staff' => '1', 'applied_on' => '2024-01-01', 'activist_on' => '',
     'candidate_on' => null, 'admitted_on' => '', 'full_on' => '', 'joined_on' => '',
     'left_on' => '', 'left_reason' => '', 'display_name' => 'Li Lei', 'created' => '2024-05-05 10:00:00'],
    ['id' => '2147483647', 'is_staff' => '0'],
    ['id' => 8, 'is_staff' => 1],
    ['id' => 9, 'is_staff' => 0],
    ['id' => 10, 'is_staff' => ''],
    ['id' => 11, 'is_staff' => null],
    ['id' => 12, 'is_staff' => false],
]));
$people = json_decode($d->toJson(), true)['people'];
foreach ($people as $p) {
    echo $p['id'], ' ', var_export($p['is_staff'], true), ' ', var_export($p['applied_on'], true), ' ',
        var_export($p['activist_on'], true), ' ', var_export($p['left_reason'], true), "\n";
}
?>
--EXPECT--
int(7)
7 true '2024-01-01' NULL NULL
2147483647 false NULL NULL NULL
8 true NULL NULL NULL
9 false NULL NULL NULL
10 false NULL NULL NULL
11 false NULL NULL NULL
12 false NULL NULL NULL

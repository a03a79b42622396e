--TEST--
Dataset::addPeople(): ids are ints or canonical digit strings from 1 to 2147483647
--EXTENSIONS--
dangjian
--FILE--
<?php
$values = [0, -7, 2147483648, '07', '+7', ' 7', '7 ', '', 7.0, true, false, [7], '1e3', '0'];
foreach ($values as $v) {
    try {
        (new Dangjian\Dataset())->addPeople([['id' => $v]]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
$d = new Dangjian\Dataset();
var_dump($d->addPeople([['id' => 1], ['id' => '2147483647'], ['id' => 2147483646]]));
?>
--EXPECT--
people[0].id: 0 is not an id (an integer from 1 to 2147483647)
people[0].id: -7 is not an id (an integer from 1 to 2147483647)
people[0].id: 2147483648 is not an id (an integer from 1 to 2147483647)
people[0].id: "07" is not an id (an integer from 1 to 2147483647)
people[0].id: "+7" is not an id (an integer from 1 to 2147483647)
people[0].id: " 7" is not an id (an integer from 1 to 2147483647)
people[0].id: "7 " is not an id (an integer from 1 to 2147483647)
people[0].id: "" is not an id (an integer from 1 to 2147483647)
people[0].id: a float is not an id (an integer from 1 to 2147483647)
people[0].id: true is not an id (an integer from 1 to 2147483647)
people[0].id: false is not an id (an integer from 1 to 2147483647)
people[0].id: an array is not an id (an integer from 1 to 2147483647)
people[0].id: "1e3" is not an id (an integer from 1 to 2147483647)
people[0].id: "0" is not an id (an integer from 1 to 2147483647)
int(3)

--TEST--
Dataset::addPeople(): a row that is not an array is an InvalidRecord "<v> is not a row"
--EXTENSIONS--
dangjian
--FILE--
<?php
foreach ([5, 'abc', null, 1.5, true, new stdClass()] as $row) {
    try {
        (new Dangjian\Dataset())->addPeople([['id' => 1], $row]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
people[1]: 5 is not a row
people[1]: "abc" is not a row
people[1]: null is not a row
people[1]: a float is not a row
people[1]: true is not a row
people[1]: an object is not a row

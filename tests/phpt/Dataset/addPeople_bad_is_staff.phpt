--TEST--
Dataset::addPeople(): is_staff takes true/false, 0/1, "0"/"1"; anything else is "<v> is not a boolean"
--EXTENSIONS--
dangjian
--FILE--
<?php
foreach ([2, -1, 'yes', 'true', '01', 1.0, 0.0] as $v) {
    try {
        (new Dangjian\Dataset())->addPeople([['id' => 1, 'is_staff' => $v]]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
people[0].is_staff: 2 is not a boolean
people[0].is_staff: -1 is not a boolean
people[0].is_staff: "yes" is not a boolean
people[0].is_staff: "true" is not a boolean
people[0].is_staff: "01" is not a boolean
people[0].is_staff: a float is not a boolean
people[0].is_staff: a float is not a boolean

--TEST--
Dataset::addPeople(): a missing or null id is "is required"
--EXTENSIONS--
dangjian
--FILE--
<?php
foreach ([[], ['id' => null], ['applied_on' => '2024-01-01']] as $row) {
    try {
        (new Dangjian\Dataset())->addPeople([$row]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
people[0].id: is required
people[0].id: is required
people[0].id: is required

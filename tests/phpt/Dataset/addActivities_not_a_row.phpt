--TEST--
Dataset::addActivities(): a row that is not an array is "<v> is not a row"
--EXTENSIONS--
dangjian
--FILE--
<?php
foreach (['x', 7, null] as $row) {
    try {
        (new Dangjian\Dataset())->addActivities([$row]);
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
activities[0]: "x" is not a row
activities[0]: 7 is not a row
activities[0]: null is not a row

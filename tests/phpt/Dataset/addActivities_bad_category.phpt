--TEST--
Dataset::addActivities(): category must be service or meeting
--EXTENSIONS--
dangjian
--FILE--
<?php
foreach (['Service', 'training', '', 1] as $v) {
    try {
        (new Dangjian\Dataset())->addActivities([['id' => 1, 'date' => '2024-01-05', 'category' => $v, 'kind' => 'x']]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
activities[0].category: "Service" is not a category (service or meeting)
activities[0].category: "training" is not a category (service or meeting)
activities[0].category: "" is not a category (service or meeting)
activities[0].category: 1 is not a category (service or meeting)

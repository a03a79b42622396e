--TEST--
Dataset::addActivities(): id, date, category and kind are required (missing, null, '' for the date)
--EXTENSIONS--
dangjian
--FILE--
<?php
$full = ['id' => 1, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'repair'];
$cases = [];
foreach (['id', 'date', 'category', 'kind'] as $field) {
    $row = $full;
    unset($row[$field]);
    $cases[] = $row;
    $cases[] = [$field => null] + $full;
}
$cases[] = ['date' => ''] + $full;
$cases[] = ['kind' => ''] + $full;
foreach ($cases as $row) {
    try {
        (new Dangjian\Dataset())->addActivities([$row]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
activities[0].id: is required
activities[0].id: is required
activities[0].date: is required
activities[0].date: is required
activities[0].category: is required
activities[0].category: is required
activities[0].kind: is required
activities[0].kind: is required
activities[0].date: is required
activities[0].kind: "" is not a slug (1 to 32 of a-z, 0-9, _)

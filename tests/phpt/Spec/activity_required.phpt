--TEST--
Spec: activity id, date, category and kind are required (missing, null, or '' for the date)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$base = ['id' => 1, 'date' => '2024-01-01', 'category' => 'service', 'kind' => 'k'];
foreach (['id', 'date', 'category', 'kind'] as $f) {
    $row = $base;
    unset($row[$f]);
    attempt(fn() => (new Dangjian\Dataset())->addActivities([$row]));
    attempt(fn() => (new Dangjian\Dataset())->addActivities([[$f => null] + $base]));
}
attempt(fn() => (new Dangjian\Dataset())->addActivities([['date' => ''] + $base]));
?>
--EXPECT--
Dangjian\InvalidRecord: activities[0].id: is required
Dangjian\InvalidRecord: activities[0].id: is required
Dangjian\InvalidRecord: activities[0].date: is required
Dangjian\InvalidRecord: activities[0].date: is required
Dangjian\InvalidRecord: activities[0].category: is required
Dangjian\InvalidRecord: activities[0].category: is required
Dangjian\InvalidRecord: activities[0].kind: is required
Dangjian\InvalidRecord: activities[0].kind: is required
Dangjian\InvalidRecord: activities[0].date: is required

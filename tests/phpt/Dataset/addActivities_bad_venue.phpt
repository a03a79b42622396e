--TEST--
Dataset::addActivities(): venue is UTF-8 text of at most 200 bytes (before trimming)
--EXTENSIONS--
dangjian
--FILE--
<?php
$base = ['id' => 1, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'repair', 'venue_kind' => 'park'];
$cases = [str_repeat('a', 201), ' ' . str_repeat('a', 199) . ' ', "\xff", "abc\xc3", "\xed\xa0\x80", 5, [], 1.5];
foreach ($cases as $v) {
    try {
        (new Dangjian\Dataset())->addActivities([['venue' => $v] + $base]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
$d = new Dangjian\Dataset();
var_dump($d->addActivities([
    ['id' => 1, 'venue' => str_repeat('a', 200)] + $base,
    ['id' => 2, 'venue' => str_repeat('阳', 66)] + $base,
    ['id' => 3, 'venue' => ''] + $base,
    ['id' => 4, 'venue' => null] + $base,
]));
?>
--EXPECT--
activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
activities[0].venue: 5 is not a venue name (UTF-8 text of at most 200 bytes)
activities[0].venue: an array is not a venue name (UTF-8 text of at most 200 bytes)
activities[0].venue: a float is not a venue name (UTF-8 text of at most 200 bytes)
int(4)

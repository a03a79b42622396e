--TEST--
Dataset::addActivities(): kind and venue_kind are slugs [a-z0-9_]{1,32}; venue_kind may be '' or null
--EXTENSIONS--
dangjian
--FILE--
<?php
$base = ['id' => 1, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'repair'];
$cases = [
    ['kind' => 'Counseling'], ['kind' => 'a-b'], ['kind' => str_repeat('a', 33)], ['kind' => 5],
    ['kind' => 'é'], ['venue_kind' => 'Park'], ['venue_kind' => ' park'], ['venue_kind' => false],
];
foreach ($cases as $c) {
    try {
        (new Dangjian\Dataset())->addActivities([$c + $base]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
$d = new Dangjian\Dataset();
var_dump($d->addActivities([
    ['id' => 1, 'kind' => str_repeat('z', 32)] + $base,
    ['id' => 2, 'kind' => '0_9', 'venue_kind' => ''] + $base,
    ['id' => 3, 'venue_kind' => null] + $base,
    ['id' => 4, 'venue_kind' => 'park_2'] + $base,
]));
?>
--EXPECT--
activities[0].kind: "Counseling" is not a slug (1 to 32 of a-z, 0-9, _)
activities[0].kind: "a-b" is not a slug (1 to 32 of a-z, 0-9, _)
activities[0].kind: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" is not a slug (1 to 32 of a-z, 0-9, _)
activities[0].kind: 5 is not a slug (1 to 32 of a-z, 0-9, _)
activities[0].kind: "é" is not a slug (1 to 32 of a-z, 0-9, _)
activities[0].venue_kind: "Park" is not a slug (1 to 32 of a-z, 0-9, _)
activities[0].venue_kind: " park" is not a slug (1 to 32 of a-z, 0-9, _)
activities[0].venue_kind: false is not a slug (1 to 32 of a-z, 0-9, _)
int(4)

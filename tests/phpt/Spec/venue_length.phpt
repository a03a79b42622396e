--TEST--
Spec: venue is at most 200 bytes before trimming (199 bytes + 2 spaces is rejected)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$cases = [
    '200 ascii' => str_repeat('a', 200),
    '201 ascii' => str_repeat('a', 201),
    '199 + 2 spaces' => str_repeat('a', 199) . '  ',
    '198 + 2 spaces' => ' ' . str_repeat('a', 198) . ' ',
    '66 cjk + 2' => str_repeat('中', 66) . 'ab',
    '67 cjk' => str_repeat('中', 67),
    '66 cjk + U+3000' => str_repeat('中', 66) . "\u{3000}",
    'empty' => '',
];
foreach ($cases as $label => $v) {
    echo $label, ' (', strlen($v), '): ';
    attempt(fn() => (new Dangjian\Dataset())->addActivities([svc(1, '2024-01-01', ['venue_kind' => 'hall', 'venue' => $v])]));
}
?>
--EXPECT--
200 ascii (200): ok 1
201 ascii (201): Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
199 + 2 spaces (201): Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
198 + 2 spaces (200): ok 1
66 cjk + 2 (200): ok 1
67 cjk (201): Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
66 cjk + U+3000 (201): Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
empty (0): ok 1

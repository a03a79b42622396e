--TEST--
Spec2: every bad filter raises ValueError naming the key inside the map (each row of ENGINE.md section 9's table)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$d->addActivities([svc(1, '2024-01-01', ['venue_kind' => 'community', 'venue' => 'Hall', 'project' => 'P'])]);
$filters = [
    // not a map
    'kinds', 7, true, 1.5, new stdClass(),
    // unknown keys, also set to null; int keys; printed as an unknown query key is
    ['colour' => ['red']], ['colour' => null], [['visit']], [-1 => ['visit']], ['Kinds' => ['visit']],
    [str_repeat('k', 64) => null], [str_repeat('k', 65) => null], ['a"b' => null], ["a\nb" => null], ['阳光' => null],
    // not a list of 1 to 100 values
    ['kinds' => 'visit'], ['kinds' => []], ['kinds' => ['a' => 'visit']], ['kinds' => [1 => 'visit']],
    ['kinds' => [1 => 'a', 0 => 'b']], ['kinds' => array_fill(0, 101, 'visit')], ['venues' => 7], ['projects' => false],
    // kinds, venue_kinds: string slugs only
    ['kinds' => ['']], ['kinds' => [7]], ['kinds' => ['Visit']], ['kinds' => [str_repeat('a', 33)]],
    ['venue_kinds' => ['community', null]], ['venue_kinds' => ['a-b']], ['kinds' => [['visit']]],
    // venues, projects: names
    ['venues' => [7]], ['venues' => [str_repeat('x', 201)]], ['venues' => [' ' . str_repeat('y', 199) . ' ']],
    ['venues' => ["\xff"]], ['venues' => ['  ']], ['venues' => ['Hall', '']], ['projects' => ["\u{3000}"]],
    ['projects' => [['P']]], ['projects' => [null]], ['projects' => ["\t\n\x0B\x0C\r"]], ['projects' => [1.5]],
    // keys in the order given, each list's values before the next key
    ['projects' => ['P'], 'colour' => 1], ['kinds' => [''], 'colour' => 1], ['colour' => 1, 'kinds' => ['']],
    ['venues' => ['Hall'], 'kinds' => 'x'],
];
foreach ($filters as $f) {
    echo err(fn () => $d->stats(['filter' => $f])), "\n";
}
// filter is checked in its place among the query keys
echo err(fn () => $d->stats(['top' => -1, 'filter' => 7])), "\n";
echo err(fn () => $d->stats(['filter' => 7, 'top' => -1])), "\n";
echo err(fn () => $d->stats(['filter' => ['kinds' => ['visit']], 'from' => '2025-01-01'])), "\n";
// the limits accepted
$ok = [['kinds' => array_fill(0, 100, 'visit')], ['kinds' => [str_repeat('a', 32)]], ['venues' => [str_repeat('x', 200)]],
    ['venues' => [' ' . str_repeat('y', 199)]], ['projects' => [str_repeat('长', 66)]], ['kinds' => ['2024']]];
foreach ($ok as $f) {
    echo err(fn () => $d->stats(['filter' => $f])['service']['activities']), "\n";
}
?>
--EXPECT--
ValueError: query.filter: "kinds" is not a map of filters
ValueError: query.filter: 7 is not a map of filters
ValueError: query.filter: true is not a map of filters
ValueError: query.filter: a float is not a map of filters
ValueError: query.filter: an object is not a map of filters
ValueError: query.filter.colour: unknown key
ValueError: query.filter.colour: unknown key
ValueError: query.filter.0: unknown key
ValueError: query.filter.-1: unknown key
ValueError: query.filter.Kinds: unknown key
ValueError: query.filter.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: unknown key
ValueError: query.filter.a string: unknown key
ValueError: query.filter.a string: unknown key
ValueError: query.filter.a string: unknown key
ValueError: query.filter.阳光: unknown key
ValueError: query.filter.kinds: "visit" is not a list of 1 to 100 values
ValueError: query.filter.kinds: an array is not a list of 1 to 100 values
ValueError: query.filter.kinds: an array is not a list of 1 to 100 values
ValueError: query.filter.kinds: an array is not a list of 1 to 100 values
ValueError: query.filter.kinds: an array is not a list of 1 to 100 values
ValueError: query.filter.kinds: an array is not a list of 1 to 100 values
ValueError: query.filter.venues: 7 is not a list of 1 to 100 values
ValueError: query.filter.projects: false is not a list of 1 to 100 values
ValueError: query.filter.kinds: "" is not a slug (1 to 32 of a-z, 0-9, _)
ValueError: query.filter.kinds: 7 is not a slug (1 to 32 of a-z, 0-9, _)
ValueError: query.filter.kinds: "Visit" is not a slug (1 to 32 of a-z, 0-9, _)
ValueError: query.filter.kinds: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" is not a slug (1 to 32 of a-z, 0-9, _)
ValueError: query.filter.venue_kinds: null is not a slug (1 to 32 of a-z, 0-9, _)
ValueError: query.filter.venue_kinds: "a-b" is not a slug (1 to 32 of a-z, 0-9, _)
ValueError: query.filter.kinds: an array is not a slug (1 to 32 of a-z, 0-9, _)
ValueError: query.filter.venues: 7 is not a name (UTF-8 text of 1 to 200 bytes, not blank)
ValueError: query.filter.venues: a string is not a name (UTF-8 text of 1 to 200 bytes, not blank)
ValueError: query.filter.venues: a string is not a name (UTF-8 text of 1 to 200 bytes, not blank)
ValueError: query.filter.venues: a string is not a name (UTF-8 text of 1 to 200 bytes, not blank)
ValueError: query.filter.venues: "  " is not a name (UTF-8 text of 1 to 200 bytes, not blank)
ValueError: query.filter.venues: "" is not a name (UTF-8 text of 1 to 200 bytes, not blank)
ValueError: query.filter.projects: "　" is not a name (UTF-8 text of 1 to 200 bytes, not blank)
ValueError: query.filter.projects: an array is not a name (UTF-8 text of 1 to 200 bytes, not blank)
ValueError: query.filter.projects: null is not a name (UTF-8 text of 1 to 200 bytes, not blank)
ValueError: query.filter.projects: a string is not a name (UTF-8 text of 1 to 200 bytes, not blank)
ValueError: query.filter.projects: a float is not a name (UTF-8 text of 1 to 200 bytes, not blank)
ValueError: query.filter.colour: unknown key
ValueError: query.filter.kinds: "" is not a slug (1 to 32 of a-z, 0-9, _)
ValueError: query.filter.colour: unknown key
ValueError: query.filter.kinds: "x" is not a list of 1 to 100 values
ValueError: query.top: -1 is not an integer from 0 to 1000
ValueError: query.filter: 7 is not a map of filters
ValueError: query.from: 2025-01-01 is after to 2024-01-01
ok 1
ok 0
ok 0
ok 0
ok 0
ok 0

--TEST--
Spec2: project has the rules of venue (UTF-8, at most 200 bytes before trimming) with its own message, checked after venue and before participants
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'applied_on' => '2020-01-01']]);
$try = function (array $extra) use ($d) {
    echo err(fn () => $d->addActivities([svc(1, '2024-01-01', $extra)])), "\n";
};
$try(['project' => str_repeat('x', 201)]);
$try(['project' => ' ' . str_repeat('y', 199) . ' ']);    // 201 bytes before trimming
$try(['project' => str_repeat('长', 67)]);                 // 201 bytes
$try(['project' => "ab\xff"]);
$try(['project' => "\xed\xa0\x80"]);                       // a surrogate in UTF-8 form is not UTF-8
$try(['project' => 7]);
$try(['project' => 1.5]);
$try(['project' => true]);
$try(['project' => ['x']]);
// order: venue before project, project before participants, values before a duplicate id
$try(['venue' => 7, 'project' => 7]);
$try(['project' => 7, 'participants' => 'x']);
echo err(fn () => $d->addActivities([svc(1, '2024-01-01'), svc(1, '2024-01-02', ['project' => 7])])), "\n";
echo j($d->counts()), "\n";
// the limits accepted
$try(['project' => ' ' . str_repeat('y', 199)]);          // 200 bytes
echo err(fn () => $d->addActivities([svc(2, '2024-01-01', ['project' => str_repeat('长', 66)]),
    svc(3, '2024-01-01', ['project' => "a\0b"]), svc(4, '2024-01-01', ['project' => "\u{3000}"])])), "\n";
echo implode(' ', array_map('strlen', array_keys($d->stats()['service']['by_project']))), "\n";
?>
--EXPECT--
Dangjian\InvalidRecord: activities[0].project: a string is not a project name (UTF-8 text of at most 200 bytes)
Dangjian\InvalidRecord: activities[0].project: a string is not a project name (UTF-8 text of at most 200 bytes)
Dangjian\InvalidRecord: activities[0].project: a string is not a project name (UTF-8 text of at most 200 bytes)
Dangjian\InvalidRecord: activities[0].project: a string is not a project name (UTF-8 text of at most 200 bytes)
Dangjian\InvalidRecord: activities[0].project: a string is not a project name (UTF-8 text of at most 200 bytes)
Dangjian\InvalidRecord: activities[0].project: 7 is not a project name (UTF-8 text of at most 200 bytes)
Dangjian\InvalidRecord: activities[0].project: a float is not a project name (UTF-8 text of at most 200 bytes)
Dangjian\InvalidRecord: activities[0].project: true is not a project name (UTF-8 text of at most 200 bytes)
Dangjian\InvalidRecord: activities[0].project: an array is not a project name (UTF-8 text of at most 200 bytes)
Dangjian\InvalidRecord: activities[0].venue: 7 is not a venue name (UTF-8 text of at most 200 bytes)
Dangjian\InvalidRecord: activities[0].project: 7 is not a project name (UTF-8 text of at most 200 bytes)
Dangjian\InvalidRecord: activities[1].project: 7 is not a project name (UTF-8 text of at most 200 bytes)
{"people":1,"activities":0,"participations":0}
ok 1
ok 3
3 199 198

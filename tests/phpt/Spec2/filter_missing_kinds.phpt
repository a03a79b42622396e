--TEST--
Spec2: with filter.kinds, meetings.missing checks only the rule kinds it lists; other filter keys narrow the meetings that count as held
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$d->addActivities([
    mtg(1, '2024-01-15', 'committee', ['venue_kind' => 'community', 'venue' => 'Hall']),
    mtg(2, '2024-02-15', 'committee', ['venue_kind' => 'community', 'venue' => 'Yard']),
    mtg(3, '2024-02-01', 'party_lesson', ['venue_kind' => 'community', 'venue' => 'Hall']),
    mtg(4, '2024-03-01', '2024'),
]);
$q = ['from' => '2024-01-01', 'to' => '2024-03-31'];
$cases = [
    ['filter' => ['kinds' => ['committee']]],
    ['filter' => ['kinds' => ['committee', 'party_lesson', 'visit']]],
    ['filter' => ['kinds' => ['visit']]],
    ['filter' => ['venues' => ['Hall']]],
    ['filter' => ['kinds' => ['committee']], 'meeting_rules' => ['committee' => 'quarter', 'x' => 'month']],
    ['filter' => ['kinds' => ['2024', 'x']], 'meeting_rules' => ['2024' => 'month', 'x' => 'month', 'committee' => 'month']],
    ['filter' => ['kinds' => ['committee']], 'meeting_rules' => []],
];
foreach ($cases as $c) {
    echo j($d->stats($q + $c)['meetings']['missing']), "\n";
}
echo strstr($d->statsJson($q + $cases[2]), '"missing"'), "\n";
?>
--EXPECT--
{"committee":["2024-03"]}
{"committee":["2024-03"],"party_lesson":[]}
[]
{"branch_assembly":["2024-Q1"],"committee":["2024-02","2024-03"],"group_meeting":["2024-01","2024-02","2024-03"],"life_meeting":[],"party_lesson":[],"theme_day":["2024-01","2024-02","2024-03"]}
{"committee":[]}
{"2024":["2024-01","2024-02"],"x":["2024-01","2024-02","2024-03"]}
[]
"missing":{}}}

--TEST--
Spec: meetings total/hours/by_kind count meeting activities of the period only, kinds present only, keys in byte order
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$d->addActivities([
    mtg(1, '2024-01-01', 'theme_day', ['hours' => 1.5]),
    mtg(2, '2024-06-30', 'committee', ['hours' => '2.25']),
    mtg(3, '2024-03-03', 'committee'),
    mtg(4, '2023-12-31', 'life_meeting', ['hours' => 5]),
    mtg(5, '2024-07-01', 'committee', ['hours' => 5]),
    svc(6, '2024-03-03', ['kind' => 'committee', 'hours' => 5]),
    mtg(7, '2024-02-02', 'a_b'),
]);
$m = $d->stats(['from' => '2024-01-01', 'to' => '2024-06-30', 'meeting_rules' => []])['meetings'];
echo j($m), "\n";
?>
--EXPECT--
{"total":4,"hours":3.75,"by_kind":{"a_b":1,"committee":2,"theme_day":1},"missing":[]}

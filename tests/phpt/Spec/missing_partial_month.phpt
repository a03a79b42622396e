--TEST--
Spec: meetings.missing covers only months lying wholly inside the period (a mid-month start excludes that month)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$d->addActivities([
    mtg(1, '2024-03-31', 'committee'),
    svc(2, '2024-02-10', ['kind' => 'group_meeting']),
    mtg(3, '2024-01-20', 'theme_day'),
    mtg(4, '2024-05-01', 'committee'),
]);
echo j($d->stats(['from' => '2024-01-15', 'to' => '2024-04-30'])['meetings']['missing']), "\n";
?>
--EXPECT--
{"branch_assembly":[],"committee":["2024-02","2024-04"],"group_meeting":["2024-02","2024-03","2024-04"],"life_meeting":[],"party_lesson":[],"theme_day":["2024-02","2024-03","2024-04"]}

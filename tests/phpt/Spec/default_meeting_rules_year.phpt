--TEST--
Spec: default meeting_rules: committee, group_meeting, theme_day monthly; branch_assembly, party_lesson quarterly; life_meeting yearly
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$d->addActivities([mtg(1, '2023-05-05', 'committee'), mtg(2, '2023-11-30', 'party_lesson'), mtg(3, '2023-01-01', 'theme_day'),
                   mtg(4, '2023-12-31', 'group_meeting'), mtg(5, '2023-07-01', 'branch_assembly'), mtg(6, '2023-06-06', 'other')]);
foreach ($d->stats(['to' => '2023-12-31'])['meetings']['missing'] as $k => $v) {
    echo $k, ' ', implode(',', $v), "\n";
}
?>
--EXPECT--
branch_assembly 2023-Q1,2023-Q2,2023-Q4
committee 2023-01,2023-02,2023-03,2023-04,2023-06,2023-07,2023-08,2023-09,2023-10,2023-11,2023-12
group_meeting 2023-01,2023-02,2023-03,2023-04,2023-05,2023-06,2023-07,2023-08,2023-09,2023-10,2023-11
life_meeting 2023
party_lesson 2023-Q1,2023-Q2,2023-Q3
theme_day 2023-02,2023-03,2023-04,2023-05,2023-06,2023-07,2023-08,2023-09,2023-10,2023-11,2023-12

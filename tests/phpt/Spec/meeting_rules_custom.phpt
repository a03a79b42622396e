--TEST--
Spec: a given meeting_rules map replaces the default; [] checks nothing (printed {}); null takes the default
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$d->addActivities([mtg(1, '2024-02-15', 'zeta'), mtg(2, '2024-05-05', 'committee')]);
$q = ['from' => '2024-01-01', 'to' => '2024-06-30'];
echo j($d->stats($q + ['meeting_rules' => ['zeta' => 'month', 'committee' => 'quarter', 'alpha' => 'year']])['meetings']['missing']), "\n";
preg_match('/"missing":(.*)\}\}$/', $d->statsJson($q + ['meeting_rules' => []]), $m);
echo $m[1], "\n";
echo j(array_keys($d->stats($q + ['meeting_rules' => null])['meetings']['missing'])), "\n";
echo j($d->stats($q + ['meeting_rules' => ['zeta' => 'quarter']])['meetings']['missing']), "\n";
?>
--EXPECT--
{"alpha":[],"committee":["2024-Q1"],"zeta":["2024-01","2024-03","2024-04","2024-05","2024-06"]}
{}
["branch_assembly","committee","group_meeting","life_meeting","party_lesson","theme_day"]
{"zeta":["2024-Q2"]}

--TEST--
stats(): a given meeting_rules map replaces the default; only periods wholly inside the period count; [] checks nothing
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addActivities([
    ['id' => 1, 'date' => '2023-05-01', 'category' => 'meeting', 'kind' => 'alpha'],
    ['id' => 2, 'date' => '2024-12-31', 'category' => 'meeting', 'kind' => 'alpha'],
    ['id' => 3, 'date' => '2023-06-01', 'category' => 'meeting', 'kind' => 'zeta'],
    ['id' => 4, 'date' => '2024-01-01', 'category' => 'service', 'kind' => 'zeta'],
]);
$q = ['from' => '2023-02-15', 'to' => '2025-03-31'];
echo json_encode($d->stats($q + ['meeting_rules' => ['zeta' => 'year', 'alpha' => 'quarter']])['meetings']['missing'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($d->stats($q + ['meeting_rules' => ['alpha' => 'month']])['meetings']['missing'], JSON_PRESERVE_ZERO_FRACTION), "\n";
var_dump($d->stats($q + ['meeting_rules' => []])['meetings']['missing']);
preg_match('/"missing":[^}]*}/', $d->statsJson($q + ['meeting_rules' => []]), $m);
echo $m[0], "\n";
echo json_encode($d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'meeting_rules' => ['zeta' => 'year']])['meetings']['missing'], JSON_PRESERVE_ZERO_FRACTION), "\n";
?>
--EXPECT--
{"alpha":["2023-Q3","2023-Q4","2024-Q1","2024-Q2","2024-Q3","2025-Q1"],"zeta":["2024"]}
{"alpha":["2023-03","2023-04","2023-06","2023-07","2023-08","2023-09","2023-10","2023-11","2023-12","2024-01","2024-02","2024-03","2024-04","2024-05","2024-06","2024-07","2024-08","2024-09","2024-10","2024-11","2025-01","2025-02","2025-03"]}
array(0) {
}
"missing":{}
{"zeta":["2024"]}

--TEST--
stats(): by_kind, by_venue_kind, meetings.by_kind and missing are sorted by key bytes, whatever the insertion order
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$rows = [];
$id = 0;
foreach (['b', 'z9', 'a_1', '_x', 'a', '9', '10'] as $k) {
    $rows[] = ['id' => ++$id, 'date' => '2024-01-05', 'category' => 'service', 'kind' => $k, 'venue_kind' => $k, 'venue' => 'V'];
    $rows[] = ['id' => ++$id, 'date' => '2024-01-05', 'category' => 'meeting', 'kind' => "m$k"];
}
$d->addActivities($rows);
$s = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'meeting_rules' => ['q' => 'year', 'c' => 'month', 'ca' => 'quarter', 'b_' => 'month']]);
echo implode(',', array_keys($s['service']['by_kind'])), "\n";
echo implode(',', array_keys($s['service']['by_venue_kind'])), "\n";
echo implode(',', array_keys($s['meetings']['by_kind'])), "\n";
echo implode(',', array_keys($s['meetings']['missing'])), "\n";
preg_match('/"by_kind":\{"([^"]*)"/', $d->statsJson(['from' => '2024-01-01', 'to' => '2024-12-31']), $m);
echo $m[1], "\n";
?>
--EXPECT--
10,9,_x,a,a_1,b,z9
10,9,_x,a,a_1,b,z9
m10,m9,m_x,ma,ma_1,mb,mz9
b_,c,ca,q
10

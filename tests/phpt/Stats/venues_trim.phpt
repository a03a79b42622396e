--TEST--
stats(): venue names are trimmed of space, \t \n \v \f \r and U+3000 and compared by exact bytes; blank names are no venue
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$venues = [
    ' 阳光社区 ', '阳光社区', "\u{3000}阳光社区\u{3000}", "阳光社区\t\n", 'Sunshine', 'sunshine', '  ', "\u{3000}",
    "\v\fSunshine\r", "\u{a0}Sunshine", '', null,
];
$rows = [];
foreach ($venues as $i => $v) {
    $rows[] = ['id' => $i + 1, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'k', 'hours' => 1,
               'beneficiaries' => 1, 'venue_kind' => 'community', 'venue' => $v];
}
$rows[] = ['id' => 100, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'k', 'venue_kind' => 'park', 'venue' => 'Sunshine'];
$rows[] = ['id' => 101, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'k', 'venue_kind' => '', 'venue' => 'Elsewhere'];
$rows[] = ['id' => 102, 'date' => '2024-01-05', 'category' => 'meeting', 'kind' => 'k', 'venue_kind' => 'hall', 'venue' => 'H'];
$d->addActivities($rows);
echo json_encode($d->stats(['from' => '2024-01-01', 'to' => '2024-12-31'])['service']['by_venue_kind'], JSON_PRESERVE_ZERO_FRACTION), "\n";
$venuesOut = array_column(json_decode($d->toJson(), true)['activities'], 'venue');
echo json_encode(array_slice($venuesOut, 0, 12), JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION), "\n";
?>
--EXPECT--
{"community":{"venues":4,"activities":12,"beneficiaries":12,"hours":12.0},"park":{"venues":1,"activities":1,"beneficiaries":0,"hours":0.0}}
["阳光社区","阳光社区","阳光社区","阳光社区","Sunshine","sunshine","","","Sunshine"," Sunshine","",""]

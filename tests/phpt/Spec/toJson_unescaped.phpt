--TEST--
Spec: toJson prints non-ASCII and '/' unescaped and the venue trimmed
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$d->addActivities([svc(1, '2024-01-05', ['venue_kind' => 'community', 'venue' => "\u{3000} 阳光/社区 \"A\"\\B\t"])]);
$json = $d->toJson();
preg_match('/"venue":("(?:[^"\\\\]|\\\\.)*")/u', $json, $m);
echo $m[1], "\n";
echo json_decode($json, true)['activities'][0]['venue'], "|\n";
?>
--EXPECT--
"阳光/社区 \"A\"\\B"
阳光/社区 "A"\B|

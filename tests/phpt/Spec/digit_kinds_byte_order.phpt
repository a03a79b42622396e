--TEST--
Spec: kinds made of digits are slugs and sort in byte order ("10" < "2024" < "9" < "a"), not numerically
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$i = 0;
foreach (['2024', '10', 'a', '9'] as $k) {
    $d->addActivities([mtg(++$i, '2024-02-10', $k), svc(++$i, '2024-02-11', ['kind' => $k, 'venue_kind' => $k])]);
}
$q = ['from' => '2024-01-01', 'to' => '2024-03-31', 'meeting_rules' => ['committee' => 'year']];
$s = $d->stats($q);
echo j($s['meetings']['by_kind']), "\n";
echo implode(',', array_keys($s['service']['by_kind'])), ' ', implode(',', array_keys($s['service']['by_venue_kind'])), "\n";
$json = $d->statsJson($q);
preg_match('/"meetings":\{"total":4,"hours":0.0,"by_kind":(\{[^}]*\})/', $json, $m);
echo $m[1], "\n";
preg_match_all('/"(\w+)":\{"activities":1,"hours"/', $json, $m);
echo implode(',', $m[1]), "\n";
?>
--EXPECT--
{"10":1,"2024":1,"9":1,"a":1}
10,2024,9,a 10,2024,9,a
{"10":1,"2024":1,"9":1,"a":1}
10,2024,9,a

--TEST--
Spec2: a filter changes neither the default period nor members and pipeline
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'applied_on' => '2024-02-01', 'admitted_on' => '2024-04-01', 'hired_on' => '2024-05-01'],
    ['id' => 2, 'full_on' => '2020-01-01', 'joined_on' => '2024-03-01', 'left_on' => '2024-08-01'],
]);
$d->setHeadcount([['date' => '2024-01-01', 'count' => 10]]);
$d->addActivities([svc(1, '2024-06-01', ['participants' => [1, 2]]), mtg(2, '2024-09-30', 'committee')]);
$plain = $d->stats();
foreach ([['kinds' => ['visit']], ['projects' => ['Nothing']], ['venue_kinds' => ['park'], 'kinds' => ['committee']]] as $f) {
    $s = $d->stats(['filter' => $f]);
    echo j($s['period']), ' ', $s['period'] === $plain['period'] && $s['members'] === $plain['members']
        && $s['pipeline'] === $plain['pipeline'] ? 'same' : 'differs', "\n";
}
?>
--EXPECT--
{"from":"2024-01-01","to":"2024-09-30","as_of":"2024-09-30"} same
{"from":"2024-01-01","to":"2024-09-30","as_of":"2024-09-30"} same
{"from":"2024-01-01","to":"2024-09-30","as_of":"2024-09-30"} same

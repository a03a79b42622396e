--TEST--
Spec2: under filters, stats() gives the same figures as statsJson() prints, by_project included
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'full_on' => '2020-01-01', 'hired_on' => '2024-02-01'], ['id' => 2, 'admitted_on' => '2024-03-01'],
             ['id' => 3, 'applied_on' => '2020-01-01']]);
$d->addActivities([
    svc(1, '2024-02-10', ['project' => '临江县 "援助"', 'hours' => 1.115, 'venue_kind' => 'x', 'venue' => 'v', 'participants' => [1, 3]]),
    svc(2, '2024-03-10', ['kind' => 'b', 'project' => '2024', 'hours' => 0.2, 'participants' => [['id' => 2, 'hours' => 2.675]]]),
    svc(3, '2024-04-10', ['project' => '007', 'hours' => 3, 'participants' => [1, 2]]),
    mtg(4, '2024-03-01', 'committee', ['project' => '2024', 'hours' => 3.333]),
]);
foreach ([['projects' => ['2024', '007']], ['kinds' => ['visit']], ['venue_kinds' => ['x']], ['projects' => ['临江县 "援助"'], 'kinds' => ['visit']],
          ['kinds' => ['committee']]] as $f) {
    $q = Y2024 + ['filter' => $f];
    // as PHP arrays on both sides ({} and [] alike), floats keeping their decimal point
    $viaStats = json_decode(json_encode($d->stats($q), JSON_PRESERVE_ZERO_FRACTION), true);
    $viaJson = json_decode($d->statsJson($q), true);
    echo $viaStats === $viaJson ? 'same' : 'differs', ' [', implode(',', array_map('strval', array_keys($d->stats($q)['service']['by_project']))), "]\n";
}
?>
--EXPECT--
same [007,2024]
same [007,临江县 "援助"]
same [临江县 "援助"]
same [临江县 "援助"]
same []

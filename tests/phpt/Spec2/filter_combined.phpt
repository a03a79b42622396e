--TEST--
Spec2: a filter's keys combine (every given key must match); no venue kind, venue or project never matches; every service and meetings figure follows it
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$d->addActivities([
    svc(1, '2024-01-05', ['venue_kind' => 'community', 'venue' => 'Hall', 'project' => 'P', 'hours' => 1, 'beneficiaries' => 1]),
    svc(2, '2024-01-06', ['venue_kind' => 'community', 'venue' => 'Hall', 'hours' => 2, 'beneficiaries' => 2]),
    svc(3, '2024-02-01', ['venue_kind' => 'park', 'venue' => 'Hall', 'project' => 'P', 'hours' => 4, 'beneficiaries' => 4]),
    svc(4, '2024-02-02', ['kind' => 'clean', 'venue_kind' => 'community', 'venue' => 'Hall', 'project' => 'P', 'hours' => 8,
        'beneficiaries' => 8]),
    svc(5, '2024-03-03', ['project' => 'P', 'hours' => 16, 'beneficiaries' => 16]),
    svc(6, '2024-03-04', ['venue_kind' => 'community', 'venue' => 'Yard', 'project' => 'P', 'hours' => 32]),
    svc(7, '2024-03-05', ['venue_kind' => 'community', 'venue' => '  ', 'project' => 'P', 'hours' => 64]),
    mtg(8, '2024-01-10', 'committee', ['venue_kind' => 'community', 'venue' => 'Hall', 'project' => 'P', 'hours' => 1.5]),
    mtg(9, '2024-02-10', 'committee', ['venue_kind' => 'park', 'venue' => 'Hall', 'project' => 'P', 'hours' => 2.5]),
]);
$filters = [
    ['kinds' => ['visit']],
    ['venue_kinds' => ['community']],
    ['venues' => ['Hall']],
    ['projects' => ['P']],
    ['kinds' => ['visit'], 'venue_kinds' => ['community'], 'venues' => ['Hall'], 'projects' => ['P']],
    ['venue_kinds' => ['community', 'park'], 'venues' => ['Hall', 'Yard']],
    ['kinds' => ['committee', 'clean']],
];
foreach ($filters as $f) {
    $s = $d->stats(Y2024 + ['filter' => $f]);
    echo $s['service']['activities'], ' ', j($s['service']['hours']), ' ', $s['service']['beneficiaries'], ' | ',
        $s['meetings']['total'], ' ', j($s['meetings']['hours']), "\n";
}
$s = $d->stats(Y2024 + ['filter' => $filters[4]])['service'];
echo implode(' ', array_column($s['by_month'], 'activities')), "\n";
echo j($d->stats(Y2024 + ['filter' => $filters[1]])['service']['by_kind']), "\n";
echo j($d->stats(Y2024 + ['filter' => $filters[2]])['service']['by_venue_kind']), "\n";
echo j($d->stats(Y2024 + ['filter' => $filters[2]])['service']['by_project']), "\n";
echo j($d->stats(Y2024 + ['filter' => $filters[6]])['meetings']['by_kind']), "\n";
?>
--EXPECT--
6 119.0 23 | 0 0.0
5 107.0 11 | 1 1.5
4 15.0 15 | 2 4.0
6 125.0 29 | 2 4.0
1 1.0 1 | 0 0.0
5 47.0 15 | 2 4.0
1 8.0 8 | 2 4.0
1 0 0 0 0 0 0 0 0 0 0 0
{"clean":{"activities":1,"hours":8.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":8},"visit":{"activities":4,"hours":99.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":3}}
{"community":{"venues":1,"activities":3,"beneficiaries":11,"hours":11.0},"park":{"venues":1,"activities":1,"beneficiaries":4,"hours":4.0}}
{"P":{"activities":3,"hours":13.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":13,"volunteers":0}}
{"committee":2}

--TEST--
Spec2: filter null, [] and keys set to null mean no filter; a value given twice counts once; values are trimmed; an unused value matches nothing
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'full_on' => '2020-01-01']]);
$d->addActivities([
    svc(1, '2024-01-05', ['venue_kind' => 'community', 'venue' => 'Hall', 'hours' => 1, 'participants' => [1]]),
    svc(2, '2024-02-05', ['kind' => 'clean', 'venue_kind' => 'park', 'venue' => 'Yard', 'hours' => 2]),
    mtg(3, '2024-03-05', 'committee', ['venue_kind' => 'community', 'venue' => 'Hall']),
]);
$base = $d->statsJson(Y2024);
foreach ([null, [], ['kinds' => null], ['kinds' => null, 'venue_kinds' => null, 'venues' => null, 'projects' => null]] as $f) {
    echo $d->statsJson(Y2024 + ['filter' => $f]) === $base ? "same\n" : "differs\n";
}
$one = $d->statsJson(Y2024 + ['filter' => ['kinds' => ['visit']]]);
echo $one === $base ? "same\n" : "differs\n";
echo $d->statsJson(Y2024 + ['filter' => ['kinds' => ['visit', 'visit', 'visit']]]) === $one ? "same\n" : "differs\n";
echo $d->statsJson(Y2024 + ['filter' => ['kinds' => ['visit'], 'projects' => null]]) === $one ? "same\n" : "differs\n";
$hall = $d->statsJson(Y2024 + ['filter' => ['venues' => ['Hall']]]);
echo $d->statsJson(Y2024 + ['filter' => ['venues' => [' Hall', "Hall\u{3000}", "\tHall\n"]]]) === $hall ? "same\n" : "differs\n";
$s = $d->stats(Y2024 + ['filter' => ['venues' => ['Hall']]]);
echo $s['service']['activities'], ' ', $s['meetings']['total'], "\n";
// values nothing uses: no activity matches, yet the filter is valid
$s = $d->stats(Y2024 + ['filter' => ['kinds' => ['nothing'], 'venues' => ['Nowhere']]]);
echo $s['service']['activities'], ' ', $s['meetings']['total'], ' ', j($s['service']['by_kind']), "\n";
// a name is not a venue kind: "Hall" in venue_kinds is a bad slug, "community" in venues matches no venue
echo err(fn () => $d->stats(['filter' => ['venue_kinds' => ['Hall']]])), "\n";
echo $d->stats(Y2024 + ['filter' => ['venues' => ['community']]])['service']['activities'], "\n";
?>
--EXPECT--
same
same
same
same
differs
same
same
same
1 1
0 0 []
ValueError: query.filter.venue_kinds: "Hall" is not a slug (1 to 32 of a-z, 0-9, _)
0

--TEST--
Spec: by_venue_kind: venues are distinct trimmed non-empty names by exact bytes; blank names still count the activity; '' kind excluded
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$c = ['venue_kind' => 'community'];
$d->addActivities([
    svc(1, '2024-03-01', $c + ['venue' => 'Hall', 'hours' => 1, 'beneficiaries' => 2]),
    svc(2, '2024-03-02', $c + ['venue' => "  Hall\t", 'hours' => 2]),
    svc(3, '2024-03-03', $c + ['venue' => 'hall', 'hours' => 0.5]),
    svc(4, '2024-03-04', $c + ['venue' => "\u{3000} \n\v\f\r", 'beneficiaries' => 5]),
    svc(5, '2024-03-05', $c + ['venue' => null]),
    svc(6, '2024-03-06', ['venue_kind' => 'school', 'venue' => "\u{3000}Hall\u{3000}", 'hours' => 1]),
    svc(7, '2024-03-07', ['venue_kind' => '', 'venue' => 'X', 'hours' => 4]),
    svc(8, '2024-03-08', ['venue' => 'Y']),
    mtg(9, '2024-03-09', 'committee', $c + ['venue' => 'Z']),
    svc(10, '2024-03-10', $c + ['venue' => "\u{a0}Hall"]),
    svc(11, '2024-03-11', $c + ['venue' => "Hall\u{3000}\u{3000}"]),
    svc(12, '2024-03-12', ['venue_kind' => 'school', 'venue' => "\u{e9}"]),
    svc(13, '2024-03-13', ['venue_kind' => 'school', 'venue' => "e\u{301}"]),
    svc(14, '2024-02-29', $c + ['venue' => 'Outside']),
]);
echo j($d->stats(['from' => '2024-03-01', 'to' => '2024-03-31'])['service']['by_venue_kind']), "\n";
?>
--EXPECT--
{"community":{"venues":3,"activities":7,"beneficiaries":7,"hours":3.5},"school":{"venues":3,"activities":3,"beneficiaries":0,"hours":1.0}}

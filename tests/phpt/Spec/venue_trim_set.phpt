--TEST--
Spec: venue names are trimmed of space, \t \n \v \f \r and U+3000 only (not NUL, not U+00A0, not inner space)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$names = ['Hall', "Hall\0", "\0", "\0\0", "\x0bHall\x0c", "Ha ll", "Ha\u{3000}ll", "\u{3000}\u{3000}", "\u{2003}Hall", "\u{a0}", "\r\nHall\r\n"];
$d = new Dangjian\Dataset();
foreach ($names as $i => $n) {
    $d->addActivities([svc($i + 1, '2024-01-01', ['venue_kind' => 'k', 'venue' => $n])]);
}
echo j($d->stats()['service']['by_venue_kind']), "\n";
$vs = array_map(fn($a) => bin2hex((string) $a['venue']), json_decode($d->toJson(), true)['activities']);
echo implode(' ', $vs), "\n";
?>
--EXPECT--
{"k":{"venues":8,"activities":11,"beneficiaries":0,"hours":0.0}}
48616c6c 48616c6c00 00 0000 48616c6c 4861206c6c 4861e380806c6c  e2808348616c6c c2a0 48616c6c

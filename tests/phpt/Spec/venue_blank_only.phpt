--TEST--
Spec: a venue kind whose names are all blank after trimming lists 0 venues but counts its activities
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$d->addActivities([svc(1, '2024-01-01', ['venue_kind' => 'park', 'venue' => '   ', 'hours' => 2, 'beneficiaries' => 4]),
                   svc(2, '2024-01-02', ['venue_kind' => 'park', 'hours' => 1]),
                   svc(3, '2024-01-03', ['venue_kind' => 'park', 'venue' => ''])]);
preg_match('/"by_venue_kind":(\{.*?\}\})/', $d->statsJson(), $m);
echo $m[1], "\n";
?>
--EXPECT--
{"park":{"venues":0,"activities":3,"beneficiaries":4,"hours":3.0}}

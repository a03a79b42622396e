--TEST--
Spec: unknown keys in rows are ignored (database rows pass as they are); null optional fields take their defaults
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
echo $d->addPeople([['id' => '1', 'name' => 'x', 'extra' => [1, 2], 'applied_on' => '2024-01-01', 'is_staff' => null,
                     'activist_on' => null, 'left_reason' => null, 'ID' => 'bad', 'created_at' => new stdClass()]]), "\n";
echo $d->addActivities([['id' => '1', 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'k', 'title' => 'T',
                         'hours' => null, 'fee_waived' => null, 'donation' => null, 'beneficiaries' => null,
                         'venue_kind' => null, 'venue' => null, 'participants' => null, 'Date' => 'x']]), "\n";
$s = $d->stats()['service'];
echo j([$s['activities'], $s['hours'], $s['fee_waived'], $s['donation'], $s['beneficiaries'], $s['volunteers'], $s['by_venue_kind']]), "\n";
echo j($d->counts()), "\n";
?>
--EXPECT--
1
1
[1,0.0,0.0,0.0,0,0,[]]
{"people":1,"activities":1,"participations":0}

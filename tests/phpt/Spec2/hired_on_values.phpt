--TEST--
Spec2: hired_on is a date checked after left_on and before left_reason; no order rule; not a roster date
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
echo err(fn () => $d->addPeople([['id' => 1, 'hired_on' => '2024-02-30']])), "\n";
echo err(fn () => $d->addPeople([['id' => 1, 'hired_on' => 20240101]])), "\n";
echo err(fn () => $d->addPeople([['id' => 1, 'hired_on' => '2024-1-1']])), "\n";
// check order: left_on before hired_on before left_reason; value checks before the stage order
echo err(fn () => $d->addPeople([['id' => 1, 'left_on' => 'x', 'hired_on' => 'y']])), "\n";
echo err(fn () => $d->addPeople([['id' => 1, 'left_reason' => 'moved', 'hired_on' => 'y']])), "\n";
echo err(fn () => $d->addPeople([['id' => 1, 'applied_on' => '2024-02-01', 'activist_on' => '2024-01-01', 'hired_on' => true]])), "\n";
// nothing was added by the calls that raised
echo j($d->counts()), "\n";
// no order rule ties it to the other dates; '' and null are none
echo err(fn () => $d->addPeople([['id' => 1, 'applied_on' => '2024-01-01', 'left_on' => '2024-02-01', 'hired_on' => '1950-01-01'],
    ['id' => 2, 'hired_on' => ''], ['id' => 3, 'hired_on' => null], ['id' => 4, 'hired_on' => '2199-12-31']])), "\n";
// a dataset whose only dates are hired_on holds no date
$h = people([['id' => 1, 'hired_on' => '2024-01-01']]);
echo err(fn () => $h->stats()), "\n";
echo err(fn () => $h->stats(['to' => '2024-12-31'])['pipeline']['hired']), "\n";
// and it puts nobody on the roster
echo stages($h->stats(['to' => '2024-12-31'])), "\n";
?>
--EXPECT--
Dangjian\InvalidRecord: people[0].hired_on: "2024-02-30" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
Dangjian\InvalidRecord: people[0].hired_on: 20240101 is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
Dangjian\InvalidRecord: people[0].hired_on: "2024-1-1" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
Dangjian\InvalidRecord: people[0].left_on: "x" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
Dangjian\InvalidRecord: people[0].hired_on: "y" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
Dangjian\InvalidRecord: people[0].hired_on: true is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
{"people":0,"activities":0,"participations":0}
ok 4
ValueError: query.to: is required when the dataset holds no date
ok 1
0 0 0 0 0

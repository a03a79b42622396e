--TEST--
Dataset::addActivities(): hours, fee_waived, donation are amounts from 0 to 1e9 (as given)
--EXTENSIONS--
dangjian
--FILE--
<?php
$base = ['id' => 1, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'repair'];
$cases = [
    ['hours' => -1], ['hours' => -0.01], ['hours' => '1,5'], ['hours' => ' 1'], ['hours' => '1.'.'5 '],
    ['hours' => 'abc'], ['hours' => true], ['hours' => NAN], ['hours' => INF], ['hours' => '1e10'],
    ['fee_waived' => 1000000000.004], ['fee_waived' => '1000000000.001'], ['donation' => 1000000001],
    ['donation' => '.'], ['donation' => 'e5'], ['donation' => '-1'], ['hours' => []],
];
foreach ($cases as $c) {
    try {
        (new Dangjian\Dataset())->addActivities([$c + $base]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
$d = new Dangjian\Dataset();
var_dump($d->addActivities([
    ['id' => 1, 'hours' => 1000000000, 'fee_waived' => '1e9', 'donation' => '0'] + $base,
    ['id' => 2, 'hours' => '+3', 'fee_waived' => '.5', 'donation' => '2.'] + $base,
    ['id' => 3, 'hours' => -0.0, 'fee_waived' => '-0', 'donation' => null] + $base,
    ['id' => 4, 'hours' => '1E-3', 'fee_waived' => 0, 'donation' => '1000000000.00'] + $base,
]));
?>
--EXPECT--
activities[0].hours: -1 is not an amount (a number from 0 to 1000000000)
activities[0].hours: a float is not an amount (a number from 0 to 1000000000)
activities[0].hours: "1,5" is not an amount (a number from 0 to 1000000000)
activities[0].hours: " 1" is not an amount (a number from 0 to 1000000000)
activities[0].hours: "1.5 " is not an amount (a number from 0 to 1000000000)
activities[0].hours: "abc" is not an amount (a number from 0 to 1000000000)
activities[0].hours: true is not an amount (a number from 0 to 1000000000)
activities[0].hours: a float is not an amount (a number from 0 to 1000000000)
activities[0].hours: a float is not an amount (a number from 0 to 1000000000)
activities[0].hours: "1e10" is not an amount (a number from 0 to 1000000000)
activities[0].fee_waived: a float is not an amount (a number from 0 to 1000000000)
activities[0].fee_waived: "1000000000.001" is not an amount (a number from 0 to 1000000000)
activities[0].donation: 1000000001 is not an amount (a number from 0 to 1000000000)
activities[0].donation: "." is not an amount (a number from 0 to 1000000000)
activities[0].donation: "e5" is not an amount (a number from 0 to 1000000000)
activities[0].donation: "-1" is not an amount (a number from 0 to 1000000000)
activities[0].hours: an array is not an amount (a number from 0 to 1000000000)
int(4)

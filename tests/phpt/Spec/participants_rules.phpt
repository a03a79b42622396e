--TEST--
Spec: participants must already be added by addPeople and appear once per activity (paths name the later one)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$cases = [
    [1, 9],
    [['id' => 9]],
    [1, 2, 1],
    [1, ['id' => '1', 'hours' => 2]],
    [['id' => 2], 2],
    [9, 9],
    'x',
    ['01'],
    [['hours' => 1]],
    [['id' => 1, 'hours' => '-1']],
    [['id' => 1, 'hours' => ' 1']],
    [],
    [1, '2'],
];
foreach ($cases as $p) {
    echo j($p), ': ';
    attempt(function () use ($p) {
        $d = people([['id' => 1], ['id' => 2]]);
        $d->addActivities([svc(1, '2024-01-01', ['participants' => $p])]);
        return $d->counts();
    });
}
$d = new Dangjian\Dataset();
echo 'same call: ';
attempt(fn() => $d->addActivities([svc(1, '2024-01-01', ['participants' => [1]])]));
?>
--EXPECT--
[1,9]: Dangjian\InvalidRecord: activities[0].participants[1]: unknown person 9
[{"id":9}]: Dangjian\InvalidRecord: activities[0].participants[0].id: unknown person 9
[1,2,1]: Dangjian\InvalidRecord: activities[0].participants[2]: duplicate participant 1
[1,{"id":"1","hours":2}]: Dangjian\InvalidRecord: activities[0].participants[1].id: duplicate participant 1
[{"id":2},2]: Dangjian\InvalidRecord: activities[0].participants[1]: duplicate participant 2
[9,9]: Dangjian\InvalidRecord: activities[0].participants[0]: unknown person 9
"x": Dangjian\InvalidRecord: activities[0].participants: "x" is not a list of participants
["01"]: Dangjian\InvalidRecord: activities[0].participants[0]: "01" is not an id (an integer from 1 to 2147483647)
[{"hours":1}]: Dangjian\InvalidRecord: activities[0].participants[0].id: is required
[{"id":1,"hours":"-1"}]: Dangjian\InvalidRecord: activities[0].participants[0].hours: "-1" is not an amount (a number from 0 to 1000000000)
[{"id":1,"hours":" 1"}]: Dangjian\InvalidRecord: activities[0].participants[0].hours: " 1" is not an amount (a number from 0 to 1000000000)
[]: ok {"people":2,"activities":1,"participations":0}
[1,"2"]: ok {"people":2,"activities":1,"participations":2}
same call: Dangjian\InvalidRecord: activities[0].participants[0]: unknown person 1

--TEST--
Spec2: after removePeople() and removeActivities() the remaining rows keep their own hired_on and project (as a dataset built without the removed rows)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$people = [['id' => 1, 'full_on' => '2020-01-01', 'hired_on' => '2021-01-01'], ['id' => 2, 'applied_on' => '2020-01-01'],
    ['id' => 3, 'admitted_on' => '2019-01-01', 'hired_on' => '2024-02-02']];
$acts = [svc(1, '2024-01-05', ['project' => 'P', 'participants' => [1, 3]]), svc(2, '2024-01-06', ['participants' => [2]]),
    svc(3, '2024-01-07', ['project' => ' Q ', 'participants' => [3]])];
$d = people($people);
$d->addActivities($acts);
$d->removePeople([1]);
$d->removeActivities([1]);
$e = people([$people[1], $people[2]]);
$e->addActivities([$acts[1], $acts[2]]);
echo $d->toJson() === $e->toJson() ? "same text\n" : "differs\n";
echo $d->statsJson(Y2024) === $e->statsJson(Y2024) ? "same stats\n" : "differs\n";
echo j($d->stats(Y2024)['service']['by_project']), ' ', $d->stats(Y2024)['pipeline']['hired'], "\n";
// removed ids can be added again, with v2 fields of their own
$d->addPeople([['id' => 1, 'hired_on' => '2024-03-03']]);
$d->addActivities([svc(1, '2024-01-08', ['project' => 'Q', 'participants' => [1]])]);
echo j($d->stats(Y2024)['service']['by_project']['Q']), ' ', $d->stats(Y2024)['pipeline']['hired'], "\n";
?>
--EXPECT--
same text
same stats
{"Q":{"activities":1,"hours":0.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"volunteers":1}} 1
{"activities":2,"hours":0.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"volunteers":2} 2

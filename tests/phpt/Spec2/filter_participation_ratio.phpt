--TEST--
Spec2: under a filter participation_ratio counts members who took part in a matching service activity, over all party members on as_of
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'full_on' => '2020-01-01'],
    ['id' => 2, 'full_on' => '2020-01-01'],
    ['id' => 3, 'admitted_on' => '2024-01-01'],
    ['id' => 4, 'applied_on' => '2020-01-01'],
    ['id' => 5, 'full_on' => '2020-01-01', 'left_on' => '2024-06-01'],
]);
$d->addActivities([
    svc(1, '2024-03-01', ['participants' => [1, 4]]),
    svc(2, '2024-03-02', ['kind' => 'clean', 'participants' => [2, 5]]),
    svc(3, '2023-12-31', ['participants' => [3]]),
    mtg(4, '2024-03-03', 'committee', ['participants' => [3]]),
]);
foreach ([null, ['kinds' => ['visit']], ['kinds' => ['clean']], ['kinds' => ['committee']], ['kinds' => ['visit', 'clean']]] as $f) {
    $s = $d->stats(Y2024 + ['filter' => $f]);
    echo $s['members']['party_members'], ' ', $s['service']['volunteers'], ' ', j($s['service']['participation_ratio']), "\n";
}
?>
--EXPECT--
3 4 0.6667
3 2 0.3333
3 2 0.3333
3 0 0.0
3 4 0.6667

--TEST--
Spec2: party_volunteer_hours and party_volunteers count participants on the roster at stage probationary or full on the activity's date
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'full_on' => '2020-01-01'],                                    // a member all along
    ['id' => 2, 'admitted_on' => '2024-03-01'],                                // probationary from 2024-03-01
    ['id' => 3, 'applied_on' => '2020-01-01'],                                 // an applicant
    ['id' => 4, 'full_on' => '2015-01-01', 'left_on' => '2024-05-01'],        // leaves on 2024-05-01
    ['id' => 5, 'admitted_on' => '2010-01-01', 'joined_on' => '2024-06-01'],   // transferred in on 2024-06-01
    ['id' => 6, 'activist_on' => '2020-01-01', 'candidate_on' => '2023-01-01'], // a candidate
]);
$d->addActivities([
    svc(1, '2024-02-29', ['participants' => [['id' => 1, 'hours' => 2], ['id' => 2, 'hours' => 3], ['id' => 3, 'hours' => 4],
        ['id' => 4, 'hours' => 5], ['id' => 5, 'hours' => 6], ['id' => 6, 'hours' => 7]]]),
    svc(2, '2024-03-01', ['participants' => [['id' => 2, 'hours' => 1.5], ['id' => 5, 'hours' => 1]]]),
    svc(3, '2024-05-01', ['participants' => [['id' => 4, 'hours' => 2.25]]]),
    svc(4, '2024-06-01', ['kind' => 'clean', 'hours' => 1, 'participants' => [['id' => 5, 'hours' => 0.75], 1]]),
    mtg(5, '2024-06-02', 'committee', ['hours' => 10, 'participants' => [1]]),
    svc(6, '2023-12-31', ['hours' => 50, 'participants' => [1]]),
]);
$show = function (array $q) use ($d) {
    $s = $d->stats($q)['service'];
    echo j($s['volunteer_hours']), ' ', $s['volunteers'], ' | ', j($s['party_volunteer_hours']), ' ', $s['party_volunteers'], "\n";
};
$show(Y2024);
$show(Y2024 + ['as_of' => '2024-01-01']);   // as_of plays no part
$show(Y2024 + ['filter' => ['kinds' => ['clean']]]);
$show(['from' => '2024-03-01', 'to' => '2024-05-31']);
echo strstr(strstr($d->statsJson(Y2024), '"party_volunteer_hours"'), ',"by_project"', true), "\n";
?>
--EXPECT--
33.5 6 | 10.25 4
33.5 6 | 10.25 4
1.75 2 | 1.75 2
4.75 3 | 1.5 1
"party_volunteer_hours":10.25,"party_volunteers":4

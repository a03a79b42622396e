--TEST--
Spec: fromJson(toJson($d)) has the same stats as $d (and prints the same toJson)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 3, 'is_staff' => '1', 'applied_on' => '2020-02-29', 'activist_on' => '2021-03-01', 'candidate_on' => '2022-01-01',
     'admitted_on' => '2023-02-28', 'full_on' => '2024-02-29'],
    ['id' => 1, 'joined_on' => '2024-01-15', 'full_on' => '2000-01-01', 'left_on' => '2024-11-30', 'left_reason' => 'transfer'],
    ['id' => 2, 'activist_on' => '2023-04-04', 'left_reason' => 'other'],
    ['id' => 9, 'left_on' => '2024-05-05'],
    ['id' => 4, 'admitted_on' => '2024-01-31'],
]);
$d->setHeadcount([['date' => '2024-03-01', 'count' => 42], ['date' => '2023-01-01', 'count' => 7]]);
$d->addActivities([
    svc(5, '2024-01-05', ['hours' => 1.005, 'fee_waived' => '2.675', 'donation' => 1e9, 'beneficiaries' => '3',
                          'venue_kind' => 'community', 'venue' => "  阳光/社区\u{3000}", 'participants' => [3, ['id' => 1, 'hours' => '0.5']]]),
    svc(1, '2024-02-29', ['kind' => 'repair', 'hours' => '.25', 'venue_kind' => 'community', 'venue' => " \t", 'participants' => [2, 4]]),
    mtg(2, '2024-04-01', 'branch_assembly', ['hours' => 2, 'participants' => [3]]),
    mtg(7, '2024-06-30', 'committee', ['venue' => "a\0b\"\\\n"]),
]);
$e = Dangjian\Dataset::fromJson($d->toJson());
echo j($e->counts()) === j($d->counts()) ? "counts same\n" : "counts differ\n";
foreach ([[], ['from' => '2023-01-01', 'to' => '2024-12-31', 'as_of' => '2024-02-29', 'top' => 2, 'due_within' => 3660],
          ['to' => '2024-03-31', 'meeting_rules' => ['committee' => 'quarter']]] as $q) {
    echo $e->statsJson($q) === $d->statsJson($q) ? "same\n" : "differs\n";
}
echo $e->toJson() === $d->toJson() ? "toJson same\n" : "toJson differs\n";
?>
--EXPECT--
counts same
same
same
same
toJson same

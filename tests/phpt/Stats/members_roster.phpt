--TEST--
stats(): members counts the stages of the people on the roster on as_of
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([
    ['id' => 1, 'applied_on' => '2023-01-10'],                                            // applicant
    ['id' => 2, 'applied_on' => '2022-01-01', 'activist_on' => '2022-06-01'],              // activist
    ['id' => 3, 'applied_on' => '2021-01-01', 'activist_on' => '2021-06-01', 'candidate_on' => '2022-01-01'], // candidate
    ['id' => 4, 'is_staff' => true, 'applied_on' => '2020-01-01', 'activist_on' => '2020-06-01',
     'candidate_on' => '2021-01-01', 'admitted_on' => '2023-07-01'],                       // probationary, staff
    ['id' => 5, 'is_staff' => '1', 'admitted_on' => '2020-01-01', 'full_on' => '2021-01-01'], // full, staff
    ['id' => 6, 'joined_on' => '2024-01-01', 'full_on' => '2010-05-01'],                   // full (transferred in)
    ['id' => 7, 'is_staff' => true, 'joined_on' => '2024-07-01', 'full_on' => '2015-01-01'], // joins after as_of
    ['id' => 8, 'applied_on' => '2024-06-30'],                                            // starts on as_of
    ['id' => 9, 'is_staff' => true, 'full_on' => '2019-01-01', 'left_on' => '2024-06-30'], // left on as_of
    ['id' => 10, 'is_staff' => 1, 'full_on' => '2019-01-01', 'left_on' => '2024-07-01'],   // leaves later: full, staff
    ['id' => 11],                                                                         // no date: never
    ['id' => 12, 'left_on' => '2024-01-01'],                                              // only left_on: never
    ['id' => 13, 'joined_on' => '2024-01-01'],                                            // on the roster, no stage
    ['id' => 14, 'joined_on' => '2020-01-01', 'applied_on' => '2024-09-01'],              // on the roster, no stage yet
]);
$d->setHeadcount([['date' => '2024-01-01', 'count' => 10], ['date' => '2024-07-01', 'count' => 99]]);
$s = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-06-30']);
echo json_encode($s['period'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($s['members'], JSON_PRESERVE_ZERO_FRACTION), "\n";
$m = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-07-01'])['members'];
echo json_encode($m, JSON_PRESERVE_ZERO_FRACTION), "\n";
?>
--EXPECT--
{"from":"2024-01-01","to":"2024-12-31","as_of":"2024-06-30"}
{"applicants":2,"activists":1,"candidates":1,"probationary":1,"full":3,"party_members":4,"staff_headcount":10,"staff_party_members":3,"staff_party_ratio":0.3}
{"applicants":2,"activists":1,"candidates":1,"probationary":1,"full":3,"party_members":4,"staff_headcount":99,"staff_party_members":3,"staff_party_ratio":0.0303}

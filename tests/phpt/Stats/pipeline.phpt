--TEST--
stats(): pipeline counts stage dates, joined_on and left_on within the period for everyone, and eligible candidates on as_of
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([
    ['id' => 1, 'applied_on' => '2024-02-01'],
    ['id' => 2, 'applied_on' => '2023-05-01', 'activist_on' => '2024-03-01'],
    ['id' => 3, 'applied_on' => '2022-01-01', 'activist_on' => '2023-06-30'],   // eligible on 2024-06-30
    ['id' => 4, 'applied_on' => '2022-01-01', 'activist_on' => '2023-07-01'],   // not yet eligible
    ['id' => 5, 'applied_on' => '2021-01-01', 'activist_on' => '2022-01-01', 'candidate_on' => '2024-04-01'],
    ['id' => 6, 'admitted_on' => '2024-05-05'],
    ['id' => 7, 'admitted_on' => '2023-01-01', 'full_on' => '2024-01-01'],
    ['id' => 8, 'full_on' => '2010-01-01', 'joined_on' => '2024-03-03'],
    ['id' => 9, 'full_on' => '2010-01-01', 'left_on' => '2024-11-11'],
    ['id' => 10, 'applied_on' => '2025-01-05'],
    ['id' => 11, 'applied_on' => '2024-01-15', 'left_on' => '2024-02-01'],
    ['id' => 12, 'applied_on' => '2020-01-01', 'activist_on' => '2021-01-01', 'left_on' => '2024-01-01'],
    ['id' => 13, 'applied_on' => '2023-12-31'],
    ['id' => 14, 'applied_on' => '2024-12-31'],
]);
$s = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => '2024-06-30']);
echo json_encode($s['pipeline'], JSON_PRESERVE_ZERO_FRACTION), "\n";
// the period bounds are inclusive and as_of does not move them
$s = $d->stats(['from' => '2024-02-01', 'to' => '2024-03-01', 'as_of' => '2025-12-31']);
echo json_encode($s['pipeline'], JSON_PRESERVE_ZERO_FRACTION), "\n";
?>
--EXPECT--
{"applied":3,"activists":1,"candidates":1,"admitted":1,"converted":1,"transferred_in":1,"left":3,"eligible_candidates":1,"due_for_conversion":[],"overdue_conversion":[],"hired":0,"hired_party_members":0}
{"applied":1,"activists":1,"candidates":0,"admitted":0,"converted":0,"transferred_in":0,"left":1,"eligible_candidates":3,"due_for_conversion":[],"overdue_conversion":[{"id":6,"due_on":"2025-05-05"}],"hired":0,"hired_party_members":0}

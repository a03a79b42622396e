--TEST--
stats(): service totals, volunteers, participation ratio, by_kind, by_venue_kind and top_volunteers
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([
    ['id' => 1, 'full_on' => '2020-01-01'],
    ['id' => 2, 'full_on' => '2020-01-01'],
    ['id' => 3, 'applied_on' => '2024-01-01'],
    ['id' => 4, 'full_on' => '2020-01-01', 'left_on' => '2024-06-01'],
]);
$d->addActivities([
    ['id' => 1, 'date' => '2024-02-01', 'category' => 'service', 'kind' => 'counseling', 'hours' => 2.5,
     'fee_waived' => 10, 'donation' => 0, 'beneficiaries' => 3, 'venue_kind' => 'community', 'venue' => 'A',
     'participants' => [1, 3]],
    ['id' => 2, 'date' => '2024-03-01', 'category' => 'service', 'kind' => 'repair', 'hours' => '1',
     'donation' => '5.5', 'beneficiaries' => '1', 'participants' => [['id' => 1, 'hours' => 3], ['id' => 4]]],
    ['id' => 3, 'date' => '2024-05-01', 'category' => 'service', 'kind' => 'counseling', 'hours' => 0.5,
     'donation' => 1.25, 'beneficiaries' => 2, 'venue_kind' => 'community', 'venue' => 'B', 'participants' => [3]],
    ['id' => 4, 'date' => '2023-12-31', 'category' => 'service', 'kind' => 'counseling', 'hours' => 100,
     'beneficiaries' => 50, 'participants' => [2]],
    ['id' => 5, 'date' => '2024-02-02', 'category' => 'meeting', 'kind' => 'committee', 'hours' => 1.5,
     'participants' => [1, 2]],
]);
$s = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31']);
$service = $s['service'];
unset($service['by_month']);
echo json_encode($service, JSON_PRETTY_PRINT | JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'top' => 2])['service']['top_volunteers'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'top' => 0])['service']['top_volunteers'], JSON_PRESERVE_ZERO_FRACTION), "\n";
?>
--EXPECT--
{
    "activities": 3,
    "hours": 4.0,
    "fee_waived": 10.0,
    "donation": 6.75,
    "beneficiaries": 6,
    "volunteer_hours": 9.5,
    "volunteers": 3,
    "participation_ratio": 0.5,
    "by_kind": {
        "counseling": {
            "activities": 2,
            "hours": 3.0,
            "fee_waived": 10.0,
            "donation": 1.25,
            "beneficiaries": 5
        },
        "repair": {
            "activities": 1,
            "hours": 1.0,
            "fee_waived": 0.0,
            "donation": 5.5,
            "beneficiaries": 1
        }
    },
    "by_venue_kind": {
        "community": {
            "venues": 2,
            "activities": 2,
            "beneficiaries": 5,
            "hours": 3.0
        }
    },
    "top_volunteers": [
        {
            "id": 1,
            "hours": 5.5,
            "activities": 2
        },
        {
            "id": 3,
            "hours": 3.0,
            "activities": 2
        },
        {
            "id": 4,
            "hours": 1.0,
            "activities": 1
        }
    ],
    "party_volunteer_hours": 6.5,
    "party_volunteers": 2,
    "by_project": []
}
[{"id":1,"hours":5.5,"activities":2},{"id":3,"hours":3.0,"activities":2}]
[]

--TEST--
stats(): meetings total/hours/by_kind and missing periods under the default meeting rules
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$rows = [];
$id = 0;
$m = function (string $date, string $kind, $hours = null) use (&$id) {
    return ['id' => ++$id, 'date' => $date, 'category' => 'meeting', 'kind' => $kind, 'hours' => $hours];
};
$rows[] = $m('2024-01-10', 'committee', 1.5);
$rows[] = $m('2024-03-05', 'committee', 1.5);
$rows[] = $m('2024-03-20', 'committee', '1.5');
foreach (['01', '02', '03', '04', '05', '06'] as $mon) {
    $rows[] = $m("2024-$mon-28", 'theme_day');
}
$rows[] = $m('2024-05-01', 'branch_assembly');
$rows[] = $m('2024-03-03', 'life_meeting');
$rows[] = $m('2024-06-30', 'study', 2);
$rows[] = $m('2023-12-31', 'committee', 7);
$rows[] = ['id' => ++$id, 'date' => '2024-02-02', 'category' => 'service', 'kind' => 'committee', 'hours' => 5];
$d->addActivities($rows);
$meetings = $d->stats(['from' => '2024-01-01', 'to' => '2024-06-30'])['meetings'];
echo json_encode($meetings, JSON_PRETTY_PRINT | JSON_PRESERVE_ZERO_FRACTION), "\n";
?>
--EXPECT--
{
    "total": 12,
    "hours": 6.5,
    "by_kind": {
        "branch_assembly": 1,
        "committee": 3,
        "life_meeting": 1,
        "study": 1,
        "theme_day": 6
    },
    "missing": {
        "branch_assembly": [
            "2024-Q1"
        ],
        "committee": [
            "2024-02",
            "2024-04",
            "2024-05",
            "2024-06"
        ],
        "group_meeting": [
            "2024-01",
            "2024-02",
            "2024-03",
            "2024-04",
            "2024-05",
            "2024-06"
        ],
        "life_meeting": [],
        "party_lesson": [
            "2024-Q1",
            "2024-Q2"
        ],
        "theme_day": []
    }
}

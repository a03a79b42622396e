--TEST--
toJson(): the exact compact dataset text (insertion order, headcount by date, participants as {id,hours}, venue trimmed)
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
echo $d->toJson(), "\n";
$d->addPeople([
    ['id' => 1, 'is_staff' => true, 'applied_on' => '2020-01-01'],
    ['id' => '2', 'left_reason' => 'death'],
]);
$d->addActivities([
    ['id' => 1, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'counseling', 'hours' => 2.5,
     'beneficiaries' => 3, 'venue_kind' => 'community', 'venue' => "  阳光社区\u{3000}", 'participants' => [1]],
    ['id' => 7, 'date' => '2024-01-06', 'category' => 'meeting', 'kind' => 'committee', 'hours' => '1.005',
     'fee_waived' => 1234.5, 'donation' => '0.10', 'participants' => [['id' => 2, 'hours' => 0.5], ['id' => 1]]],
    ['id' => 3, 'date' => '2024-01-07', 'category' => 'service', 'kind' => 'repair', 'venue_kind' => 'park',
     'venue' => "a/b \"c\" \\ \t"],
]);
$d->setHeadcount([['date' => '2024-03-01', 'count' => 42], ['date' => '2024-01-01', 'count' => '40']]);
echo $d->toJson(), "\n";
?>
--EXPECT--
{"format":"dangjian-dataset","version":2,"people":[],"activities":[],"headcount":[]}
{"format":"dangjian-dataset","version":2,"people":[{"id":1,"is_staff":true,"applied_on":"2020-01-01","activist_on":null,"candidate_on":null,"admitted_on":null,"full_on":null,"joined_on":null,"left_on":null,"left_reason":null},{"id":2,"is_staff":false,"applied_on":null,"activist_on":null,"candidate_on":null,"admitted_on":null,"full_on":null,"joined_on":null,"left_on":null,"left_reason":"death"}],"activities":[{"id":1,"date":"2024-01-05","category":"service","kind":"counseling","hours":2.5,"fee_waived":0.0,"donation":0.0,"beneficiaries":3,"venue_kind":"community","venue":"阳光社区","participants":[{"id":1,"hours":2.5}]},{"id":7,"date":"2024-01-06","category":"meeting","kind":"committee","hours":1.01,"fee_waived":1234.5,"donation":0.1,"beneficiaries":0,"venue_kind":"","venue":"","participants":[{"id":2,"hours":0.5},{"id":1,"hours":1.01}]},{"id":3,"date":"2024-01-07","category":"service","kind":"repair","hours":0.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"venue_kind":"park","venue":"a/b \"c\" \\","participants":[]}],"headcount":[{"date":"2024-01-01","count":40},{"date":"2024-03-01","count":42}]}

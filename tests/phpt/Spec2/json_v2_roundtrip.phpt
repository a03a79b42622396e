--TEST--
Spec2: toJson writes version 2, hired_on right after left_on and project right after venue (trimmed) only where set; fromJson(toJson) keeps every v2 figure
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'is_staff' => true, 'admitted_on' => '2020-01-01', 'hired_on' => '2021-03-01'], ['id' => 2, 'hired_on' => '']]);
$d->addActivities([
    svc(1, '2024-01-05', ['hours' => 2.5, 'venue_kind' => 'community', 'venue' => ' 阳光社区 ',
        'project' => "\u{3000}临江县洪灾心理援助 ", 'participants' => [1]]),
    mtg(2, '2024-01-06', 'committee', ['project' => '  ']),
    svc(3, '2024-01-07', ['project' => "a/b \"c\"\t\\", 'participants' => [2]]),
]);
echo $d->toJson(), "\n";
$e = Dangjian\Dataset::fromJson($d->toJson());
echo $e->toJson() === $d->toJson() ? "same text\n" : "differs\n";
foreach ([Y2024, Y2024 + ['filter' => ['projects' => ['临江县洪灾心理援助']]], ['from' => '2021-01-01', 'to' => '2021-12-31']] as $q) {
    echo $e->statsJson($q) === $d->statsJson($q) ? "same stats\n" : "differs\n";
}
echo j($e->stats(['from' => '2021-01-01', 'to' => '2021-12-31'])['pipeline']['hired']), "\n";
?>
--EXPECT--
{"format":"dangjian-dataset","version":2,"people":[{"id":1,"is_staff":true,"applied_on":null,"activist_on":null,"candidate_on":null,"admitted_on":"2020-01-01","full_on":null,"joined_on":null,"left_on":null,"hired_on":"2021-03-01","left_reason":null},{"id":2,"is_staff":false,"applied_on":null,"activist_on":null,"candidate_on":null,"admitted_on":null,"full_on":null,"joined_on":null,"left_on":null,"left_reason":null}],"activities":[{"id":1,"date":"2024-01-05","category":"service","kind":"visit","hours":2.5,"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"venue_kind":"community","venue":"阳光社区","project":"临江县洪灾心理援助","participants":[{"id":1,"hours":2.5}]},{"id":2,"date":"2024-01-06","category":"meeting","kind":"committee","hours":0.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"venue_kind":"","venue":"","participants":[]},{"id":3,"date":"2024-01-07","category":"service","kind":"visit","hours":0.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"venue_kind":"","venue":"","project":"a/b \"c\"\t\\","participants":[{"id":2,"hours":0.0}]}],"headcount":[]}
same text
same stats
same stats
same stats
1

--TEST--
fromJson(toJson($d)) gives the same counts, stats and text; fromJson also takes bare participant ids and extra keys
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([
    ['id' => 1, 'is_staff' => true, 'applied_on' => '2020-01-01', 'activist_on' => '2021-01-01', 'admitted_on' => '2023-05-01'],
    ['id' => 2, 'full_on' => '2019-01-01', 'left_on' => '2024-05-01', 'left_reason' => 'transfer'],
]);
$d->addActivities([
    ['id' => 5, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'counseling', 'hours' => 2.5,
     'beneficiaries' => 3, 'venue_kind' => 'community', 'venue' => '阳光社区', 'participants' => [1, ['id' => 2, 'hours' => 4]]],
    ['id' => 6, 'date' => '2024-02-05', 'category' => 'meeting', 'kind' => 'committee', 'participants' => [2]],
]);
$d->setHeadcount([['date' => '2024-01-01', 'count' => 12]]);
$e = Dangjian\Dataset::fromJson($d->toJson());
var_dump($e instanceof Dangjian\Dataset, $e !== $d);
var_dump($e->counts() === $d->counts(), $e->toJson() === $d->toJson(), $e->statsJson() === $d->statsJson(),
         $e->stats(['as_of' => '2024-01-31']) === $d->stats(['as_of' => '2024-01-31']));
// the loaded dataset is independent
$e->addPeople([['id' => 3]]);
var_dump($d->counts()['people'], $e->counts()['people']);

$f = Dangjian\Dataset::fromJson('{"version": 1, "plugin": {"x": 1}, "format": "dangjian-dataset",
  "people": [{"id": "1", "applied_on": "2024-01-01", "extra": [1, 2]}, {"id": 2}],
  "activities": [{"id": 1, "date": "2024-02-01", "category": "service", "kind": "k", "hours": 1.5, "participants": [1, {"id": 2}]}]}');
echo $f->toJson(), "\n";
var_dump(Dangjian\Dataset::fromJson('{"format":"dangjian-dataset","version":1}')->counts());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(2)
int(3)
{"format":"dangjian-dataset","version":2,"people":[{"id":1,"is_staff":false,"applied_on":"2024-01-01","activist_on":null,"candidate_on":null,"admitted_on":null,"full_on":null,"joined_on":null,"left_on":null,"left_reason":null},{"id":2,"is_staff":false,"applied_on":null,"activist_on":null,"candidate_on":null,"admitted_on":null,"full_on":null,"joined_on":null,"left_on":null,"left_reason":null}],"activities":[{"id":1,"date":"2024-02-01","category":"service","kind":"k","hours":1.5,"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"venue_kind":"","venue":"","participants":[{"id":1,"hours":1.5},{"id":2,"hours":1.5}]}],"headcount":[]}
array(3) {
  ["people"]=>
  int(0)
  ["activities"]=>
  int(0)
  ["participations"]=>
  int(0)
}

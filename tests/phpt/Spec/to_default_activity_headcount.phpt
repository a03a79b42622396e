--TEST--
Spec: default `to` also covers activity dates (either category) and headcount points
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'applied_on' => '2020-05-01', 'left_on' => '2020-06-01']]);
$d->addActivities([mtg(1, '2021-03-04', 'committee'), svc(2, '2020-11-11')]);
$d->setHeadcount([['date' => '2020-12-31', 'count' => 1]]);
echo j($d->stats()['period']), "\n";
$d->setHeadcount([['date' => '2020-12-31', 'count' => 1], ['date' => '2022-02-28', 'count' => 2]]);
echo j($d->stats()['period']), "\n";
$e = new Dangjian\Dataset();
$e->setHeadcount([['date' => '1999-09-09', 'count' => 0]]);
echo j($e->stats()['period']), "\n";
$f = new Dangjian\Dataset();
$f->addActivities([svc(1, '2005-02-01'), svc(2, '2006-12-31'), svc(3, '2006-01-01')]);
echo j($f->stats()['period']), "\n";
?>
--EXPECT--
{"from":"2021-01-01","to":"2021-03-04","as_of":"2021-03-04"}
{"from":"2022-01-01","to":"2022-02-28","as_of":"2022-02-28"}
{"from":"1999-01-01","to":"1999-09-09","as_of":"1999-09-09"}
{"from":"2006-01-01","to":"2006-12-31","as_of":"2006-12-31"}

--TEST--
Spec: default `to` is the latest date of any of a person's seven date fields
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
foreach (['applied_on', 'activist_on', 'candidate_on', 'admitted_on', 'full_on', 'joined_on', 'left_on'] as $f) {
    $d = people([['id' => 1, 'applied_on' => '2001-01-01'], ['id' => 2, $f => '2010-07-15']]);
    $d->addActivities([svc(1, '2009-12-31')]);
    $d->setHeadcount([['date' => '2008-01-01', 'count' => 3]]);
    echo $f, ' ', j($d->stats()['period']), "\n";
}
?>
--EXPECT--
applied_on {"from":"2010-01-01","to":"2010-07-15","as_of":"2010-07-15"}
activist_on {"from":"2010-01-01","to":"2010-07-15","as_of":"2010-07-15"}
candidate_on {"from":"2010-01-01","to":"2010-07-15","as_of":"2010-07-15"}
admitted_on {"from":"2010-01-01","to":"2010-07-15","as_of":"2010-07-15"}
full_on {"from":"2010-01-01","to":"2010-07-15","as_of":"2010-07-15"}
joined_on {"from":"2010-01-01","to":"2010-07-15","as_of":"2010-07-15"}
left_on {"from":"2010-01-01","to":"2010-07-15","as_of":"2010-07-15"}

--TEST--
Spec: a dataset whose only dates were headcount points holds no date once setHeadcount([]) replaces them
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'is_staff' => true]]);
$d->setHeadcount([['date' => '2024-05-05', 'count' => 3]]);
attempt(fn() => $d->stats()['period']);
$d->setHeadcount([]);
attempt(fn() => $d->stats()['period']);
attempt(fn() => [$d->stats(['to' => '2024-05-05'])['members']['staff_headcount']]);
?>
--EXPECT--
ok {"from":"2024-01-01","to":"2024-05-05","as_of":"2024-05-05"}
ValueError: query.to: is required when the dataset holds no date
ok [null]

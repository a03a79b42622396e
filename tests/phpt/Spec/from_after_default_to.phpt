--TEST--
Spec: `from` after `to` (after defaults) is a ValueError naming `from`; from == to is a one-day period
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'applied_on' => '2024-03-01']]);
attempt(fn() => $d->stats(['from' => '2024-03-02']));
attempt(fn() => $d->stats(['from' => '2024-03-01'])['period']);
attempt(fn() => $d->stats(['from' => '2025-01-01', 'to' => '2024-12-31']));
attempt(fn() => $d->stats(['to' => '2023-12-31', 'from' => '2024-01-01']));
attempt(fn() => $d->stats(['from' => '2024-02-29', 'to' => '2024-02-29'])['service']['by_month']);
?>
--EXPECT--
ValueError: query.from: 2024-03-02 is after to 2024-03-01
ok {"from":"2024-03-01","to":"2024-03-01","as_of":"2024-03-01"}
ValueError: query.from: 2025-01-01 is after to 2024-12-31
ValueError: query.from: 2024-01-01 is after to 2023-12-31
ok [{"month":"2024-02","activities":0,"hours":0.0,"beneficiaries":0}]

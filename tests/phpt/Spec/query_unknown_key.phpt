--TEST--
Spec: an unknown query key is a ValueError naming the key; keys are checked in the order given
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'applied_on' => '2024-03-01']]);
attempt(fn() => $d->stats(['foo' => 1]));
attempt(fn() => $d->stats(['From' => '2024-01-01']));
attempt(fn() => $d->stats(['2024-01-01']));
attempt(fn() => $d->stats(['top' => -1, 'foo' => 1]));
attempt(fn() => $d->stats(['bar' => null, 'top' => -1]));
attempt(fn() => $d->statsJson(['as of' => '2024-01-01']));
?>
--EXPECT--
ValueError: query.foo: unknown key
ValueError: query.From: unknown key
ValueError: query.0: unknown key
ValueError: query.top: -1 is not an integer from 0 to 1000
ValueError: query.bar: unknown key
ValueError: query.as of: unknown key

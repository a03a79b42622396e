--TEST--
Spec: `from` defaults to 1 January of `to`'s year; `as_of` defaults to `to`
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'applied_on' => '2024-03-01']]);
echo j($d->stats(['to' => '2023-08-15'])['period']), "\n";
echo j($d->stats(['to' => '2024-02-29'])['period']), "\n";
echo j($d->stats(['to' => '1900-01-01'])['period']), "\n";
echo j($d->stats(['from' => '2019-05-05'])['period']), "\n";
echo j($d->stats(['as_of' => '2000-01-01'])['period']), "\n";
echo j($d->stats(['as_of' => '2199-12-31', 'to' => '2024-12-31'])['period']), "\n";
?>
--EXPECT--
{"from":"2023-01-01","to":"2023-08-15","as_of":"2023-08-15"}
{"from":"2024-01-01","to":"2024-02-29","as_of":"2024-02-29"}
{"from":"1900-01-01","to":"1900-01-01","as_of":"1900-01-01"}
{"from":"2019-05-05","to":"2024-03-01","as_of":"2024-03-01"}
{"from":"2024-01-01","to":"2024-03-01","as_of":"2000-01-01"}
{"from":"2024-01-01","to":"2024-12-31","as_of":"2199-12-31"}

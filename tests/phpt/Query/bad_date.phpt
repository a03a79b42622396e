--TEST--
stats(): from, to and as_of must be dates; null and '' take the default
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
query_error(['from' => '2024-13-01']);
query_error(['to' => 20241231]);
query_error(['as_of' => '2200-01-01']);
query_error(['from' => true]);
query_error(['to' => ['2024-12-31']]);
query_error(['as_of' => 1.5]);
query_error(['from' => null, 'to' => '', 'as_of' => null]);
?>
--EXPECT--
ValueError: query.from: "2024-13-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
ValueError: query.to: 20241231 is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
ValueError: query.as_of: "2200-01-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
ValueError: query.from: true is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
ValueError: query.to: an array is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
ValueError: query.as_of: a float is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
ok

--TEST--
stats(): query keys are checked in the order given; the first bad one raises
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
query_error(['top' => -1, 'from' => 'x']);
query_error(['from' => 'x', 'top' => -1]);
query_error(['bogus' => 1, 'top' => -1]);
query_error(['top' => -1, 'bogus' => 1]);
query_error(['from' => '2025-01-01', 'to' => '2024-12-31', 'top' => -1]);
?>
--EXPECT--
ValueError: query.top: -1 is not an integer from 0 to 1000
ValueError: query.from: "x" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
ValueError: query.bogus: unknown key
ValueError: query.top: -1 is not an integer from 0 to 1000
ValueError: query.top: -1 is not an integer from 0 to 1000

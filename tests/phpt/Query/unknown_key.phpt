--TEST--
stats(): an unknown query key is a ValueError "query.<key>: unknown key" (int keys too)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
query_error(['foo' => 1]);
query_error(['From' => '2024-01-01']);
query_error(['2024-01-01']);
query_error([5 => 'x']);
query_error(['to' => '2024-12-31', 'limit' => 3]);
?>
--EXPECT--
ValueError: query.foo: unknown key
ValueError: query.From: unknown key
ValueError: query.0: unknown key
ValueError: query.5: unknown key
ValueError: query.limit: unknown key

--TEST--
stats(): from after to (after defaults) is a ValueError naming from
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
query_error(['from' => '2025-01-01', 'to' => '2024-12-31']);
// to defaults to the latest date in the dataset (2024-05-01)
query_error(['from' => '2024-05-02']);
query_error(['from' => '2024-05-01']);
query_error(['from' => '2024-12-31', 'to' => '2024-12-31']);
// from defaults to 1 January of to's year
query_error(['to' => '2023-06-30']);
?>
--EXPECT--
ValueError: query.from: 2025-01-01 is after to 2024-12-31
ValueError: query.from: 2024-05-02 is after to 2024-05-01
ok
ok
ok

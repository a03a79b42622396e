--TEST--
stats(): due_within is an integer from 0 to 3660
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
query_error(['due_within' => 3661]);
query_error(['due_within' => -5]);
query_error(['due_within' => '60 ']);
query_error(['due_within' => 60.5]);
query_error(['due_within' => '3660']);
query_error(['due_within' => 0]);
?>
--EXPECT--
ValueError: query.due_within: 3661 is not an integer from 0 to 3660
ValueError: query.due_within: -5 is not an integer from 0 to 3660
ValueError: query.due_within: "60 " is not an integer from 0 to 3660
ValueError: query.due_within: a float is not an integer from 0 to 3660
ok
ok

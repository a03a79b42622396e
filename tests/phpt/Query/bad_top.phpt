--TEST--
stats(): top is an integer from 0 to 1000 (int or canonical digit string)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
query_error(['top' => -1]);
query_error(['top' => 1001]);
query_error(['top' => '05']);
query_error(['top' => 5.0]);
query_error(['top' => '']);
query_error(['top' => true]);
query_error(['top' => 0]);
query_error(['top' => '1000']);
query_error(['top' => null]);
?>
--EXPECT--
ValueError: query.top: -1 is not an integer from 0 to 1000
ValueError: query.top: 1001 is not an integer from 0 to 1000
ValueError: query.top: "05" is not an integer from 0 to 1000
ValueError: query.top: a float is not an integer from 0 to 1000
ValueError: query.top: "" is not an integer from 0 to 1000
ValueError: query.top: true is not an integer from 0 to 1000
ok
ok
ok

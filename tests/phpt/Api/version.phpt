--TEST--
Dangjian\VERSION is "0.1.0"
--EXTENSIONS--
dangjian
--FILE--
<?php
var_dump(Dangjian\VERSION);
var_dump(defined('Dangjian\VERSION'));
?>
--EXPECT--
string(5) "0.1.0"
bool(true)

--TEST--
fromJson(): invalid UTF-8, a lone surrogate escape included, raises InvalidJson with line and column
--EXTENSIONS--
dangjian
--FILE--
<?php
foreach (['{"a": "\ud800"}', "{\"a\":\"\xff\"}"] as $t) {
    try {
        Dangjian\Dataset::fromJson($t);
        echo "accepted\n";
    } catch (Dangjian\InvalidJson $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
Dangjian\InvalidJson: line 1, column 14: invalid Unicode '\uD800' near '"\ud800"'
Dangjian\InvalidJson: line 1, column 6: unable to decode byte 0xff near '"'

--TEST--
Spec: an escaped NUL in an object key is jansson's error even where the key would be ignored (ENGINE.md §4); in a value it is accepted
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
foreach (['{"format":"dangjian-dataset","version":1,"plugin\u0000x":1}',
          '{"format":"dangjian-dataset","version":1,"people":[{"id":1,"na\u0000me":"x"}]}',
          '{"format":"dangjian-dataset","version":1,"people":[{"id":1,"name":"x\u0000y"}]}'] as $json) {
    attempt(fn() => Dangjian\Dataset::fromJson($json)->counts());
}
?>
--EXPECT--
Dangjian\InvalidJson: line 1, column 56: NUL byte in object key not supported near '"plugin\u0000x"'
Dangjian\InvalidJson: line 1, column 71: NUL byte in object key not supported near '"na\u0000me"'
ok {"people":1,"activities":0,"participations":0}

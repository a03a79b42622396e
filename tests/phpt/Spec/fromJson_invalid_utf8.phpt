--TEST--
Spec: fromJson text that is not valid UTF-8 (a lone surrogate escape included) raises InvalidJson with line and column
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$head = '{"format":"dangjian-dataset","version":1,"activities":[{"id":1,"date":"2024-01-01","category":"service","kind":"k","venue":';
foreach (['"\ud800"', "\"\xff\"", '"\udc00x"', '"\ud83d\ude00"'] as $venue) {
    try {
        $d = Dangjian\Dataset::fromJson($head . $venue . '}]}');
        echo 'ok ', $d->counts()['activities'], "\n";
    } catch (Dangjian\InvalidJson $e) {
        echo get_class($e), ' ', preg_match('/^line 1, column \d+: /', $e->getMessage()), "\n";
    }
}
?>
--EXPECT--
Dangjian\InvalidJson 1
Dangjian\InvalidJson 1
Dangjian\InvalidJson 1
ok 1

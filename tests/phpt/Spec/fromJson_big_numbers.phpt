--TEST--
Spec: numbers beyond jansson's range (int64, double) are InvalidJson with jansson's text (ENGINE.md §4: jansson's limits, as RFC 8259 allows)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$head = '{"format":"dangjian-dataset","version":1,';
foreach ([
    '"people":[{"id":99999999999999999999}]}',
    '"people":[{"id":1}],"activities":[{"id":1,"date":"2024-01-01","category":"service","kind":"k","hours":1e400}]}',
    '"headcount":[{"date":"2024-01-01","count":-99999999999999999999}]}',
    '"people":[{"id":1}],"activities":[{"id":1,"date":"2024-01-01","category":"service","kind":"k","participants":[18446744073709551616]}]}',
] as $tail) {
    try {
        Dangjian\Dataset::fromJson($head . $tail);
        echo "ok\n";
    } catch (Dangjian\Exception $e) {
        echo get_class($e), ' ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
Dangjian\InvalidJson line 1, column 77: too big integer near '99999999999999999999'
Dangjian\InvalidJson line 1, column 148: real number overflow near '1e400'
Dangjian\InvalidJson line 1, column 104: too big negative integer
Dangjian\InvalidJson line 1, column 171: too big integer near '18446744073709551616'

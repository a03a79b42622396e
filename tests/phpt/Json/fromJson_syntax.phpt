--TEST--
fromJson(): text that is not JSON raises InvalidJson "line L, column C: <jansson's text>"
--EXTENSIONS--
dangjian
--FILE--
<?php
$texts = [
    '{"format": "dangjian-dataset", "version": 1,}',
    "{\n  \"format\": \"dangjian-dataset\",\n  \"version\": 1\n  \"people\": []\n}",
    '{"format":tru}',
    '{"format": "dangjian-dataset", "version": 1}x',
];
foreach ($texts as $t) {
    try {
        Dangjian\Dataset::fromJson($t);
        echo "accepted\n";
    } catch (Dangjian\InvalidJson $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
Dangjian\InvalidJson: line 1, column 45: string or '}' expected near '}'
Dangjian\InvalidJson: line 4, column 10: '}' expected near '"people"'
Dangjian\InvalidJson: line 1, column 13: invalid token near 'tru'
Dangjian\InvalidJson: line 1, column 45: end of file expected near 'x'

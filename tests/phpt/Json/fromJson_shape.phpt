--TEST--
fromJson(): JSON of the wrong shape raises InvalidJson at the position of the offending value
--EXTENSIONS--
dangjian
--DESCRIPTION--
A scalar at the top level is rejected by jansson's default decoding (no JSON_DECODE_ANY), so it is a
syntax error with jansson's text; an array at the top level is valid JSON of the wrong shape.
--FILE--
<?php
$texts = [
    '[1, 2]',
    '"text"',
    '{"version":1}',
    '{"format":"x","version":1}',
    '{"format":7,"version":1}',
    '{"format":"dangjian-dataset"}',
    '{"format":"dangjian-dataset","version":0}',
    '{"format":"dangjian-dataset","version":"1"}',
    '{"format":"dangjian-dataset","version":1.0}',
    "{\n  \"format\": \"dangjian-dataset\",\n  \"version\": 3\n}",
    '{"format":"dangjian-dataset","version":1,"people":{}}',
    '{"format":"dangjian-dataset","version":1,"people":[],"activities":"none"}',
    "{\"format\":\"dangjian-dataset\",\"version\":1,\"x\":\"阳光\",\n \"headcount\": 5}",
    '{"x":"阳光", "format":"dangjian-dataset","version":1,"people":5}',
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
Dangjian\InvalidJson: line 1, column 1: the top level is not an object
Dangjian\InvalidJson: line 1, column 6: '[' or '{' expected near '"text"'
Dangjian\InvalidJson: line 1, column 1: "format" must be "dangjian-dataset"
Dangjian\InvalidJson: line 1, column 11: "format" must be "dangjian-dataset"
Dangjian\InvalidJson: line 1, column 11: "format" must be "dangjian-dataset"
Dangjian\InvalidJson: line 1, column 1: "version" is required
Dangjian\InvalidJson: line 1, column 40: unsupported version 0
Dangjian\InvalidJson: line 1, column 40: unsupported version "1"
Dangjian\InvalidJson: line 1, column 40: unsupported version a float
Dangjian\InvalidJson: line 3, column 14: unsupported version 3
Dangjian\InvalidJson: line 1, column 51: "people" is not an array
Dangjian\InvalidJson: line 1, column 67: "activities" is not an array
Dangjian\InvalidJson: line 2, column 15: "headcount" is not an array
Dangjian\InvalidJson: line 1, column 61: "people" is not an array

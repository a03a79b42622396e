--TEST--
fromJson() read as a stream: a syntax error anywhere, even inside a key the engine ignores, wins over the shape and the rows (jansson's line, column and text); then the shape, at the last value of a duplicated key
--EXTENSIONS--
dangjian
--FILE--
<?php
$head = '{"format":"dangjian-dataset","version":2,';
$act = '{"id":1,"date":"2024-01-02","category":"service","kind":"k",';
$show = function (string $t): void {
    try {
        $d = Dangjian\Dataset::fromJson($t);
        $j = json_decode($d->toJson(), true);
        foreach ($j['activities'] as $a) {
            echo 'activity ', $a['id'], ': hours ', json_encode($a['hours']), ', fee ', json_encode($a['fee_waived']),
                ', donation ', json_encode($a['donation']), ', participants ', json_encode($a['participants']), "\n";
        }
        echo 'people ', count($j['people']), ', headcount ', json_encode($j['headcount']), "\n";
    } catch (Dangjian\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
};
// a syntax error anywhere wins over any shape or row error, even inside a key the engine ignores
$show('{"format":"other","version":3,"people":[{"id":-1}],"dangjian_extra":{"big":1e400}}');
$show('{"format":"other","dangjian_extra":' . str_repeat('[', 2048) . str_repeat(']', 2048) . '}');
$show('{"format":"other","dangjian_extra":{"k":"\ud800"}}');
$show('{"format":"other","dangjian_extra":{"k":9223372036854775808}}');
$show("{\"format\":\"other\",\n\"dangjian_extra\":{\"k\":\"\xe4\xb8\"}}");
// then the shape, at the position of the last value of a duplicated key
$show($head . '"activities":[],"activities":{"x":1},"dangjian_extra":[]}');

?>
--EXPECT--
Dangjian\InvalidJson: line 1, column 80: real number overflow near '1e400'
Dangjian\InvalidJson: line 1, column 2083: maximum parsing depth reached near '['
Dangjian\InvalidJson: line 1, column 48: invalid Unicode '\uD800' near '"\ud800"'
Dangjian\InvalidJson: line 1, column 59: too big integer near '9223372036854775808'
Dangjian\InvalidJson: line 2, column 23: unable to decode byte 0xe4 near '"'
Dangjian\InvalidJson: line 1, column 71: "activities" is not an array

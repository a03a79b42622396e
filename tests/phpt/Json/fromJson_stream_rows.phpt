--TEST--
fromJson() read as a stream: participants given as an object keep the first place and the last value of a duplicated key; amounts from their digits equal the float path's; a NUL byte right after a number or a word is lost (as jansson reads it); the last of a duplicated key counts; other top-level keys are only checked
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
// participants as an object: a duplicated key keeps its first place and its last value
$show($head . '"people":[{"id":1},{"id":2},{"id":3}],"activities":[' . $act . '"hours":2,'
    . '"participants":{"a":{"id":1},"b":{"id":2,"hours":0.5},"\u0061":{"id":3,"hours":1}}}]}');
// amounts: from their digits where that equals the float path, the float path beyond 15 digits
$show($head . '"activities":[' . $act . '"hours":0.125,"fee_waived":2.675,"donation":1.0049999999999999},'
    . '{"id":2,"date":"2024-01-02","category":"service","kind":"k","hours":999999999.995,"fee_waived":-0.0,'
    . '"donation":0.0049999999999999999},'
    . '{"id":3,"date":"2024-01-02","category":"service","kind":"k","hours":1000000000.000,"fee_waived":5e-3,'
    . '"donation":12.345}]}');
$show($head . '"activities":[' . $act . '"hours":1000000000.01}]}');
$show($head . '"activities":[' . $act . '"hours":-0.01}]}');
// a NUL byte right after a number or a word is lost, as jansson reads it
$show($head . "\"people\":[{\"id\":1\0,\"is_staff\":true\0}],\"headcount\":[{\"date\":\"2024-01-01\",\"count\":3,\"count\":4}]}");
// the last of a duplicated top-level key counts; other keys are only checked, never built
$show($head . '"people":[{"id":9}],"people":[{"id":1},{"id":2}],"dangjian_extra":{"people":[1,2,{"x":"\u0000"}],'
    . '"n":[1e300,-0,12345678901234567890.5]}}');
?>
--EXPECT--
activity 1: hours 2, fee 0, donation 0, participants [{"id":3,"hours":1},{"id":2,"hours":0.5}]
people 3, headcount []
activity 1: hours 0.13, fee 2.68, donation 1.01, participants []
activity 2: hours 1000000000, fee 0, donation 0.01, participants []
activity 3: hours 1000000000, fee 0.01, donation 12.35, participants []
people 0, headcount []
Dangjian\InvalidRecord: activities[0].hours: a float is not an amount (a number from 0 to 1000000000)
Dangjian\InvalidRecord: activities[0].hours: a float is not an amount (a number from 0 to 1000000000)
people 1, headcount [{"date":"2024-01-01","count":4}]
people 2, headcount []

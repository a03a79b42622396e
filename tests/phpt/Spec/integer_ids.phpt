--TEST--
Spec: ids are ints or canonical digit strings from 1 to 2147483647; 7.0, true, "07", "+7", " 7" are rejected
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
foreach (['7', 7, 2147483647, '2147483647', '1', '07', '+7', ' 7', '7 ', 7.0, true, false, '2147483648', 2147483648, 0, '0',
          -1, '-1', '', null, '1e3', '٧', [7]] as $v) {
    echo var_export($v, true), ': ';
    attempt(fn() => (new Dangjian\Dataset())->addPeople([['id' => $v]]));
}
?>
--EXPECT--
'7': ok 1
7: ok 1
2147483647: ok 1
'2147483647': ok 1
'1': ok 1
'07': Dangjian\InvalidRecord: people[0].id: "07" is not an id (an integer from 1 to 2147483647)
'+7': Dangjian\InvalidRecord: people[0].id: "+7" is not an id (an integer from 1 to 2147483647)
' 7': Dangjian\InvalidRecord: people[0].id: " 7" is not an id (an integer from 1 to 2147483647)
'7 ': Dangjian\InvalidRecord: people[0].id: "7 " is not an id (an integer from 1 to 2147483647)
7.0: Dangjian\InvalidRecord: people[0].id: a float is not an id (an integer from 1 to 2147483647)
true: Dangjian\InvalidRecord: people[0].id: true is not an id (an integer from 1 to 2147483647)
false: Dangjian\InvalidRecord: people[0].id: false is not an id (an integer from 1 to 2147483647)
'2147483648': Dangjian\InvalidRecord: people[0].id: "2147483648" is not an id (an integer from 1 to 2147483647)
2147483648: Dangjian\InvalidRecord: people[0].id: 2147483648 is not an id (an integer from 1 to 2147483647)
0: Dangjian\InvalidRecord: people[0].id: 0 is not an id (an integer from 1 to 2147483647)
'0': Dangjian\InvalidRecord: people[0].id: "0" is not an id (an integer from 1 to 2147483647)
-1: Dangjian\InvalidRecord: people[0].id: -1 is not an id (an integer from 1 to 2147483647)
'-1': Dangjian\InvalidRecord: people[0].id: "-1" is not an id (an integer from 1 to 2147483647)
'': Dangjian\InvalidRecord: people[0].id: "" is not an id (an integer from 1 to 2147483647)
NULL: Dangjian\InvalidRecord: people[0].id: is required
'1e3': Dangjian\InvalidRecord: people[0].id: "1e3" is not an id (an integer from 1 to 2147483647)
'٧': Dangjian\InvalidRecord: people[0].id: "٧" is not an id (an integer from 1 to 2147483647)
array (
  0 => 7,
): Dangjian\InvalidRecord: people[0].id: an array is not an id (an integer from 1 to 2147483647)

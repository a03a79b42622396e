--TEST--
Spec: is_staff accepts true/false, 0/1, "0"/"1"; null, missing or '' mean false; anything else is rejected
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$cases = ['true' => true, 'false' => false, '1' => 1, '0' => 0, '"1"' => '1', '"0"' => '0', 'null' => null, "''" => '',
          'missing' => 'MISSING', '2' => 2, '"true"' => 'true', '1.0' => 1.0, '-1' => -1, '"01"' => '01', '" 1"' => ' 1',
          '"false"' => 'false', '[]' => [], '"yes"' => 'yes', '0.0' => 0.0];
foreach ($cases as $label => $v) {
    $row = ['id' => 1, 'full_on' => '2020-01-01'];
    if ($v !== 'MISSING') {
        $row['is_staff'] = $v;
    }
    echo $label, ': ';
    attempt(function () use ($row) {
        $d = people([$row]);
        $d->setHeadcount([['date' => '2020-01-01', 'count' => 4]]);
        return $d->stats()['members']['staff_party_members'];
    });
}
?>
--EXPECT--
true: ok 1
false: ok 0
1: ok 1
0: ok 0
"1": ok 1
"0": ok 0
null: ok 0
'': ok 0
missing: ok 0
2: Dangjian\InvalidRecord: people[0].is_staff: 2 is not a boolean
"true": Dangjian\InvalidRecord: people[0].is_staff: "true" is not a boolean
1.0: Dangjian\InvalidRecord: people[0].is_staff: a float is not a boolean
-1: Dangjian\InvalidRecord: people[0].is_staff: -1 is not a boolean
"01": Dangjian\InvalidRecord: people[0].is_staff: "01" is not a boolean
" 1": Dangjian\InvalidRecord: people[0].is_staff: " 1" is not a boolean
"false": Dangjian\InvalidRecord: people[0].is_staff: "false" is not a boolean
[]: Dangjian\InvalidRecord: people[0].is_staff: an array is not a boolean
"yes": Dangjian\InvalidRecord: people[0].is_staff: "yes" is not a boolean
0.0: Dangjian\InvalidRecord: people[0].is_staff: a float is not a boolean

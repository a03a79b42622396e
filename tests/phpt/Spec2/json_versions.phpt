--TEST--
Spec2: fromJson reads versions 1 and 2; in version 1 hired_on and project are unknown keys (ignored, even when bad); other versions are refused
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$rows = '"people":[{"id":1,"admitted_on":"2020-01-01","hired_on":%s}],'
    . '"activities":[{"id":1,"date":"2024-01-05","category":"service","kind":"visit","project":%s,"participants":[1]}]';
$text = fn (int $v, string $hired, string $project) => '{"format":"dangjian-dataset","version":' . $v . ','
    . sprintf($rows, $hired, $project) . '}';
foreach ([[1, '"2024-01-02"', '"P"'], [1, '"2024-02-30"', '7'], [1, '[]', '{"x":1}'], [2, '"2024-01-02"', '" P "']] as [$v, $h, $p]) {
    echo err(function () use ($text, $v, $h, $p) {
        $d = Dangjian\Dataset::fromJson($text($v, $h, $p));
        $s = $d->stats(Y2024);
        $json = $d->toJson();
        return [$s['pipeline']['hired'], $s['service']['by_project'], str_contains($json, 'hired_on'), str_contains($json, '"project"')];
    }), "\n";
}
echo err(fn () => Dangjian\Dataset::fromJson($text(2, '"2024-02-30"', '"P"'))), "\n";
echo err(fn () => Dangjian\Dataset::fromJson($text(2, 'null', '7'))), "\n";
echo err(fn () => Dangjian\Dataset::fromJson($text(2, 'null', 'null'))->counts()), "\n";
foreach (['3', '0', '2.0', '"2"', 'null'] as $v) {
    echo err(fn () => Dangjian\Dataset::fromJson('{"format":"dangjian-dataset","version":' . $v . '}')), "\n";
}
?>
--EXPECT--
ok [0,[],false,false]
ok [0,[],false,false]
ok [0,[],false,false]
ok [1,{"P":{"activities":1,"hours":0.0,"fee_waived":0.0,"donation":0.0,"beneficiaries":0,"volunteers":1}},true,true]
Dangjian\InvalidRecord: people[0].hired_on: "2024-02-30" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
Dangjian\InvalidRecord: activities[0].project: 7 is not a project name (UTF-8 text of at most 200 bytes)
ok {"people":1,"activities":1,"participations":1}
Dangjian\InvalidJson: line 1, column 40: unsupported version 3
Dangjian\InvalidJson: line 1, column 40: unsupported version 0
Dangjian\InvalidJson: line 1, column 40: unsupported version a float
Dangjian\InvalidJson: line 1, column 40: unsupported version "2"
Dangjian\InvalidJson: line 1, column 40: unsupported version null

--TEST--
Spec2: project names are trimmed of space, \t \n \v \f \r and U+3000 and compared by exact bytes; blank is none
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$names = [1 => '临江县洪灾心理援助', 2 => ' 临江县洪灾心理援助 ', 3 => "\u{3000}临江县洪灾心理援助\u{3000}",
    4 => "\t临江县洪灾心理援助\r\n", 5 => '临江县 洪灾心理援助', 6 => 'Flood', 7 => 'flood', 8 => '   ',
    9 => "\u{3000}", 10 => '', 11 => null, 12 => "\u{00A0}Flood", 13 => "\x0B\x0CFlood"];
$d = new Dangjian\Dataset();
foreach ($names as $id => $n) {
    $d->addActivities([svc($id, '2024-03-01', ['hours' => $id, 'project' => $n])]);
}
foreach ($d->stats(Y2024)['service']['by_project'] as $name => $e) {
    echo j((string) $name), ' ', $e['activities'], ' ', j($e['hours']), "\n";
}
// toJson writes the trimmed name, and no "project" key where there is none
$rows = json_decode($d->toJson(), true)['activities'];
echo implode(' ', array_map(fn ($a) => array_key_exists('project', $a) ? bin2hex($a['project']) : '-', $rows)), "\n";
// a filter value is trimmed the same way
$s = $d->stats(Y2024 + ['filter' => ['projects' => ["\u{3000}临江县洪灾心理援助 "]]])['service'];
echo $s['activities'], ' ', j($s['hours']), "\n";
?>
--EXPECT--
"Flood" 2 19.0
"flood" 1 7.0
" Flood" 1 12.0
"临江县 洪灾心理援助" 1 5.0
"临江县洪灾心理援助" 4 10.0
e4b8b4e6b19fe58ebfe6b4aae781bee5bf83e79086e68fb4e58aa9 e4b8b4e6b19fe58ebfe6b4aae781bee5bf83e79086e68fb4e58aa9 e4b8b4e6b19fe58ebfe6b4aae781bee5bf83e79086e68fb4e58aa9 e4b8b4e6b19fe58ebfe6b4aae781bee5bf83e79086e68fb4e58aa9 e4b8b4e6b19fe58ebf20e6b4aae781bee5bf83e79086e68fb4e58aa9 466c6f6f64 666c6f6f64 - - - - c2a0466c6f6f64 466c6f6f64
4 10.0

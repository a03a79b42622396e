--TEST--
Spec2: by_project keys are sorted by bytes (digits, capitals, lower case, then UTF-8 text) and escaped in statsJson as toJson escapes strings
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$names = ['临江', 'b', 'B', '2024', '10', '9', 'a/b "c"', 'a', '防汛', 'Z'];
foreach ($names as $i => $n) {
    $d->addActivities([svc($i + 1, '2024-05-01', ['project' => $n])]);
}
$json = $d->statsJson(Y2024);
preg_match_all('/"((?:[^"\\\\]|\\\\.)*)":\{"activities"/', strstr($json, '"by_project"'), $m);
echo implode(' | ', $m[1]), "\n";
echo implode(' | ', array_map('strval', array_keys($d->stats(Y2024)['service']['by_project']))), "\n";
?>
--EXPECT--
10 | 2024 | 9 | B | Z | a | a/b \"c\" | b | 临江 | 防汛
10 | 2024 | 9 | B | Z | a | a/b "c" | b | 临江 | 防汛

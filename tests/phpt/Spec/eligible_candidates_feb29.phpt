--TEST--
Spec: "+ 1 year" from 29 February is 1 March (eligible_candidates)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'activist_on' => '2020-02-29'],
    ['id' => 2, 'activist_on' => '2023-02-28'],
    ['id' => 3, 'activist_on' => '2024-02-29'],
]);
foreach (['2021-02-28', '2021-03-01', '2024-02-27', '2024-02-28', '2025-02-28', '2025-03-01'] as $asOf) {
    $s = $d->stats(['from' => '2020-01-01', 'to' => '2025-12-31', 'as_of' => $asOf]);
    echo $asOf, ': ', $s['pipeline']['eligible_candidates'], "\n";
}
?>
--EXPECT--
2021-02-28: 0
2021-03-01: 1
2024-02-27: 1
2024-02-28: 2
2025-02-28: 2
2025-03-01: 3

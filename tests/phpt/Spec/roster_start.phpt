--TEST--
Spec: roster start is joined_on when set (even after stage dates), else the earliest stage date
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'joined_on' => '2024-03-01', 'full_on' => '2010-01-01'],
    ['id' => 2, 'activist_on' => '2024-02-29', 'admitted_on' => '2024-03-01'],
    ['id' => 3, 'joined_on' => '2024-02-28', 'applied_on' => '2024-03-01'],
]);
foreach (['2024-02-28', '2024-02-29', '2024-03-01'] as $asOf) {
    echo $asOf, ': ', stages($d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => $asOf])), "\n";
}
?>
--EXPECT--
2024-02-28: 0 0 0 0 0
2024-02-29: 0 1 0 0 0
2024-03-01: 1 0 0 1 1
